//! Who must do what for whom by when: roles, event kinds, consent scopes, and obligations
//! as base definitions with labelled exceptions, in the order they are evaluated (each
//! after those whose `overdue.*` it reads).

use super::merge::{Merged, Tagged};
use super::names::{Names, Scope};
use super::order::{order, Node};
use super::rules::declared_order;
use super::suggest::suggestion;
use super::{valid_id, At, Checker};
use crate::error::PackErrorKind;
use crate::expr::compile::Type;
use crate::expr::{Const, Expr, Leaf};
use crate::pack::doc::{KindDoc, ObligationDoc, ParamType, ProvDoc, Text};
use crate::protocol::{Anchor, DueRef, Kind, Meta, Obligation, ObligationDef, Param, Party, Role};
use crate::time::Due;
use crate::value::Tri;
use rustc_hash::FxHashMap as HashMap;

/// What a role may be declared to receive from a case (`[[roles]] shares`).
pub const SHAREABLE: [&str; 14] = [
    "subject",
    "subject.age",
    "subject.sex",
    "subject.citizenship",
    "subject.birth_date",
    "observations",
    "events",
    "consents",
    "municipality",
    "reporter",
    "level",
    "classification",
    "score",
    "obligations",
];

pub(super) fn roles(ck: &mut Checker<'_>, m: &Merged, sources: &super::meta::SourceIndex) -> Vec<Role> {
    let mut roles = Vec::with_capacity(m.roles.len());
    for (f, r) in &m.roles {
        if r.id.get_ref() == "reporter" {
            ck.err(PackErrorKind::Duplicate, *f, r.id.span(), "`reporter` is a built-in role");
        }
        ck.labels(*f, r.id.span(), &format!("role `{}`", r.id.get_ref()), &r.label);
        for share in &r.shares {
            if !SHAREABLE.contains(&share.get_ref().as_str()) {
                let hint = suggestion(share.get_ref(), SHAREABLE.into_iter());
                ck.err(
                    PackErrorKind::UnknownName,
                    *f,
                    share.span(),
                    format!("`{}` is not a part of a case that can be shared{hint}", share.get_ref()),
                );
            }
        }
        let prov = match (&r.source, r.status) {
            (None, None) => {
                if r.citation.is_some() {
                    ck.err(PackErrorKind::Schema, *f, r.id.span(), "a role's `citation` needs `source` and `status`");
                }
                None
            }
            (Some(source), Some(status)) if !r.routed => {
                let doc = ProvDoc { source: source.clone(), status, citation: r.citation.clone() };
                Some(ck.prov(*f, r.id.span(), &doc, sources))
            }
            (Some(_), Some(_)) => {
                ck.err(
                    PackErrorKind::Schema,
                    *f,
                    r.id.span(),
                    format!(
                        "role `{}` is routed: its institutions have their status in the routing table, not `source` and `status`",
                        r.id.get_ref()
                    ),
                );
                None
            }
            _ => {
                ck.err(PackErrorKind::Schema, *f, r.id.span(), "a role gives both `source` and `status`, or neither");
                None
            }
        };
        roles.push(Role {
            id: r.id.get_ref().clone(),
            label: r.label.clone(),
            routed: r.routed,
            shares: r.shares.iter().map(|s| s.get_ref().clone()).collect(),
            prov,
        });
    }
    roles
}

/// Event kinds or consent scopes (`what` names them).
pub(super) fn kinds(ck: &mut Checker<'_>, list: &[Tagged<KindDoc>], what: &str) -> Vec<Kind> {
    list.iter()
        .map(|(f, k)| {
            ck.labels(*f, k.id.span(), &format!("{what} `{}`", k.id.get_ref()), &k.label);
            Kind { id: k.id.get_ref().clone(), label: k.label.clone() }
        })
        .collect()
}

/// Where an obligation's definitions are written, and how its exceptions combine.
pub(super) struct DutyAt {
    pub base: At,
    pub exceptions: Vec<At>,
    /// The base declares `exception_order` (first hit); otherwise at most one exception
    /// may hold at a time.
    pub ordered: bool,
}

pub(super) struct Duties {
    /// In evaluation order (see `crate::obligations`).
    pub obligations: Vec<Obligation>,
    pub at: Vec<DutyAt>,
}

/// A base definition's `exception_order`, with its file.
type ExceptionOrder<'d> = Tagged<&'d toml::Spanned<Vec<Text>>>;

/// One obligation id while its definitions are gathered.
struct Group<'d> {
    base: Option<(ObligationDef, At, Option<ExceptionOrder<'d>>, bool)>,
    exceptions: Vec<(ObligationDef, At)>,
    first: (usize, std::ops::Range<usize>),
}

pub(super) fn obligations(
    ck: &mut Checker<'_>,
    m: &Merged,
    names: &Names,
    params: &[Param],
    meta: Option<&Meta>,
) -> Duties {
    let mut groups: Vec<Group<'_>> = Vec::new();
    let mut group_of: HashMap<&str, usize> = HashMap::default();
    for (f, o) in &m.obligations {
        let f = *f;
        let id = o.id.get_ref();
        if !valid_id(id) {
            ck.err(
                PackErrorKind::InvalidValue,
                f,
                o.id.span(),
                format!("obligation id `{id}` must match [a-z][a-z0-9_]*"),
            );
        }
        let def = definition(ck, f, o, names, params, meta);
        let at = At { file: f, id: o.id.span(), when: o.when.span() };
        let g = *group_of.entry(id.as_str()).or_insert_with(|| {
            groups.push(Group { base: None, exceptions: Vec::new(), first: (f, o.id.span()) });
            groups.len() - 1
        });
        let group = &mut groups[g];
        if def.exception.is_some() {
            if let Some(order) = &o.exception_order {
                ck.err(PackErrorKind::Schema, f, order.span(), "`exception_order` belongs on the base definition");
            }
            if let Some(unrecorded) = &o.unrecorded {
                ck.err(
                    PackErrorKind::Schema,
                    f,
                    unrecorded.span(),
                    "`unrecorded` belongs on the base definition (it applies to the exceptions too)",
                );
            }
            if group.exceptions.iter().any(|(e, _)| e.exception == def.exception) {
                let label = def.exception.as_deref().unwrap_or_default();
                ck.err(
                    PackErrorKind::Duplicate,
                    f,
                    o.id.span(),
                    format!("obligation `{id}` (exception `{label}`) is defined twice"),
                );
            }
            group.exceptions.push((def, at));
        } else if group.base.is_some() {
            ck.err(
                PackErrorKind::Conflict,
                f,
                o.id.span(),
                format!("obligation `{id}` has two base definitions; mark one `exception = \"...\"` so that it is clear which applies"),
            );
        } else {
            let absent = unrecorded_absent(ck, f, o.unrecorded.as_ref());
            group.base = Some((def, at, o.exception_order.as_ref().map(|order| (f, order)), absent));
        }
    }
    let mut obligations = Vec::with_capacity(groups.len());
    let mut ats = Vec::with_capacity(groups.len());
    let mut ids: Vec<&str> = vec![""; groups.len()];
    for (id, g) in &group_of {
        ids[*g] = id;
    }
    for (g, id) in groups.into_iter().zip(&ids) {
        let Some((base, base_at, order, unrecorded_absent)) = g.base else {
            let (f, span) = g.first;
            ck.err(PackErrorKind::Schema, f, span, format!("obligation `{id}` has exceptions but no base definition"));
            continue;
        };
        let (exceptions, exceptions_at) = match order {
            Some((f, order)) => arranged(ck, f, order, g.exceptions),
            None => g.exceptions.into_iter().unzip(),
        };
        obligations.push(Obligation { id: (*id).to_owned(), base, exceptions, unrecorded_absent });
        ats.push(DutyAt { base: base_at, exceptions: exceptions_at, ordered: order.is_some() });
    }
    evaluation_order(ck, obligations, ats)
}

/// `unrecorded = "absent"` (true) or `"unknown"` (false, also when not given).
fn unrecorded_absent(ck: &mut Checker<'_>, f: usize, t: Option<&Text>) -> bool {
    match t.map(|t| (t.get_ref().as_str(), t)) {
        None | Some(("unknown", _)) => false,
        Some(("absent", _)) => true,
        Some((other, t)) => {
            ck.err(
                PackErrorKind::InvalidValue,
                f,
                t.span(),
                format!("`unrecorded = \"{other}\"`: write \"unknown\" (the default) or \"absent\""),
            );
            false
        }
    }
}

/// The exceptions in the order the base declares, which must list each label once.
fn arranged(
    ck: &mut Checker<'_>,
    f: usize,
    order: &toml::Spanned<Vec<Text>>,
    exceptions: Vec<(ObligationDef, At)>,
) -> (Vec<ObligationDef>, Vec<At>) {
    let labels: HashMap<String, u32> =
        exceptions.iter().enumerate().filter_map(|(i, (e, _))| e.exception.clone().map(|l| (l, i as u32))).collect();
    let wanted = declared_order(ck, f, order, &labels, exceptions.len(), "exception");
    let mut slots: Vec<Option<(ObligationDef, At)>> = exceptions.into_iter().map(Some).collect();
    wanted.iter().filter_map(|label| slots[labels[label] as usize].take()).unzip()
}

/// Orders obligations so that each comes after those whose `overdue.*` it reads, and
/// renumbers those references to the new positions.
fn evaluation_order(ck: &mut Checker<'_>, obligations: Vec<Obligation>, ats: Vec<DutyAt>) -> Duties {
    let overdue_of =
        |e: &Expr| e.leaves().into_iter().filter_map(|l| if let Leaf::Overdue(j) = l { Some(j) } else { None });
    let nodes: Vec<Node<'_>> = obligations
        .iter()
        .zip(&ats)
        .map(|(o, at)| Node {
            name: &o.id,
            file: at.base.file,
            span: at.base.id.clone(),
            reads: o.defs().flat_map(|d| overdue_of(&d.when)).collect(),
        })
        .collect();
    let order = order(ck, "obligation", &nodes, None);
    let mut position = vec![u32::MAX; obligations.len()];
    for (pos, old) in order.iter().enumerate() {
        position[*old as usize] = pos as u32;
    }
    let mut slots: Vec<Option<(Obligation, DutyAt)>> = obligations.into_iter().zip(ats).map(Some).collect();
    let (mut ordered, mut at) = (Vec::with_capacity(order.len()), Vec::with_capacity(order.len()));
    for old in &order {
        if let Some((mut o, a)) = slots[*old as usize].take() {
            renumber_overdue(&mut o.base.when, &position);
            for e in &mut o.exceptions {
                renumber_overdue(&mut e.when, &position);
            }
            ordered.push(o);
            at.push(a);
        }
    }
    Duties { obligations: ordered, at }
}

fn definition(
    ck: &mut Checker<'_>,
    f: usize,
    o: &ObligationDoc,
    names: &Names,
    params: &[Param],
    meta: Option<&Meta>,
) -> ObligationDef {
    let id = o.id.get_ref();
    let what = match &o.exception {
        Some(e) => format!("obligation `{id}` (exception `{}`)", e.get_ref()),
        None => format!("obligation `{id}`"),
    };
    ck.labels(f, o.id.span(), &what, &o.label);
    let prov = ck.prov(f, o.id.span(), &o.prov(), &names.sources);
    let party = |ck: &mut Checker<'_>, t: &Text| -> Party {
        if t.get_ref() == "reporter" {
            return Party::Reporter;
        }
        Party::Role(Names::lookup(ck, &names.roles, (f, t), "role").unwrap_or(0))
    };
    let actor = party(ck, &o.actor);
    let recipient = party(ck, &o.recipient);
    // A provider is a declared role other than the actor (the reporter is not known in
    // advance, so it cannot be one).
    let provider = o.provider.as_ref().and_then(|t| {
        let r = Names::lookup(ck, &names.roles, (f, t), "role")?;
        if actor == Party::Role(r) {
            let message = format!("{what}: the provider `{}` is its actor; leave `provider` out", t.get_ref());
            ck.err(PackErrorKind::InvalidValue, f, t.span(), message);
            return None;
        }
        Some(Party::Role(r))
    });
    let anchor = if o.anchor.get_ref() == "reported_at" {
        Anchor::ReportedAt
    } else {
        Anchor::Event(Names::lookup(ck, &names.events, (f, &o.anchor), "event kind").unwrap_or(0))
    };
    let met_by = Names::lookup(ck, &names.events, (f, &o.met_by), "event kind").unwrap_or(0);
    let due = due(ck, f, &o.due, names, params, meta);
    let consent = o.consent.as_ref().and_then(|t| {
        let found = names.consents.get(t.get_ref()).copied();
        if found.is_none() {
            ck.err(PackErrorKind::UnknownName, f, t.span(), format!("no consent scope `{}`", t.get_ref()));
        }
        found
    });
    if o.priority == 0 {
        ck.err(PackErrorKind::InvalidValue, f, o.id.span(), "priority starts at 1 (most urgent)");
    }
    let when = ck.condition(f, &o.when, Type::Bool, &names.scope(Scope::Obligation));
    ObligationDef {
        exception: o.exception.as_ref().map(|e| e.get_ref().clone()),
        label: o.label.clone(),
        when: when.unwrap_or(Expr::Const(Const::Bool(Tri::False))),
        actor,
        recipient,
        provider,
        anchor,
        due,
        met_by,
        priority: o.priority,
        consent,
        prov,
    }
}

fn due(ck: &mut Checker<'_>, f: usize, t: &Text, names: &Names, params: &[Param], meta: Option<&Meta>) -> DueRef {
    let zero = DueRef::Fixed(Due::Hours(0));
    if let Some(name) = t.get_ref().strip_prefix("param.") {
        return match names.params.get(name) {
            Some(&p) if params[p as usize].kind == ParamType::Duration => DueRef::Param(p),
            Some(_) => {
                ck.err(PackErrorKind::Type, f, t.span(), format!("parameter `{name}` is not a duration"));
                zero
            }
            None => {
                ck.err(PackErrorKind::UnknownName, f, t.span(), format!("no parameter `{name}`"));
                zero
            }
        };
    }
    match Due::parse(t.get_ref()) {
        Ok(d) => {
            if matches!(d, Due::Months(_)) && !meta.is_some_and(|m| m.month_rounding) {
                ck.err(PackErrorKind::InvalidValue, f, t.span(), "a month duration needs `[pack] month_rounding`");
            }
            DueRef::Fixed(d)
        }
        Err(why) => {
            ck.err(PackErrorKind::InvalidValue, f, t.span(), why);
            zero
        }
    }
}

fn renumber_overdue(e: &mut Expr, position: &[u32]) {
    match e {
        Expr::Leaf(Leaf::Overdue(j)) => {
            if let Some(p) = position.get(*j as usize).filter(|p| **p != u32::MAX) {
                *j = *p;
            }
        }
        Expr::Const(_) | Expr::Leaf(_) => {}
        Expr::Not(x) | Expr::Neg(x) | Expr::Known(x) => renumber_overdue(x, position),
        Expr::And(xs) | Expr::Or(xs) | Expr::Count(xs) => xs.iter_mut().for_each(|x| renumber_overdue(x, position)),
        Expr::Cmp(_, a, b) | Expr::Add(a, b) | Expr::Mul(a, b) => {
            renumber_overdue(a, position);
            renumber_overdue(b, position);
        }
        Expr::In(a, bs) => {
            renumber_overdue(a, position);
            bs.iter_mut().for_each(|x| renumber_overdue(x, position));
        }
    }
}
