//! The rules that decide the outcome: derived facts (their order and limits), the
//! dimension rule, the age gate, scoring, policy overrides and the classification table
//! with its hit policy.
//!
//! Fixed hit policies: every score term whose condition holds adds its points (a sum);
//! every override that holds sets a floor, and the highest floor wins. The
//! classification table declares its own (`[tables.classification]`): `unique` (the
//! default) or `first` with an `order`.

use super::merge::Merged;
use super::names::{Names, Scope};
use super::order::{order, Node};
use super::suggest::suggestion;
use super::{At, Checker};
use crate::error::PackErrorKind;
use crate::expr::compile::Type;
use crate::expr::{Const, Expr, Leaf};
use crate::model::{Classification, Grade, Labels, Level};
use crate::pack::{MAX_FACTS, MAX_FACT_DEPTH};
use crate::protocol::{Age, Fact, Rule, Scoring};
use crate::value::Tri;
use rust_decimal::Decimal;
use rustc_hash::FxHashMap as HashMap;

pub(super) struct Facts {
    pub facts: Vec<Fact>,
    /// An order in which each fact comes after those it reads.
    pub order: Vec<u32>,
}

/// Whether the pack has more facts than a pack may have (an error, checked before any
/// fact is compiled so that an oversized pack is refused without the work).
pub(super) fn too_many_facts(ck: &mut Checker<'_>, m: &Merged) -> bool {
    let Some((name, (f, fact))) = m.facts.iter().nth(MAX_FACTS) else { return false };
    ck.err(
        PackErrorKind::Limit,
        *f,
        fact.span(),
        format!("fact `{name}` is one too many: a pack has at most {MAX_FACTS} facts"),
    );
    true
}

pub(super) fn facts(ck: &mut Checker<'_>, m: &Merged, names: &Names) -> Facts {
    let general = names.scope(Scope::General);
    let mut facts = Vec::with_capacity(m.facts.len());
    let mut at = Vec::with_capacity(m.facts.len());
    for (name, (f, fact)) in &m.facts {
        let doc = fact.get_ref();
        ck.labels(*f, fact.span(), &format!("fact `{name}`"), &doc.label);
        let prov = ck.prov(*f, fact.span(), &doc.prov(), &names.sources);
        let when = ck.condition(*f, &doc.when, Type::Bool, &general).unwrap_or(Expr::Const(Const::Bool(Tri::Unknown)));
        at.push(At { file: *f, id: fact.span(), when: doc.when.span() });
        facts.push(Fact { id: name.clone(), label: doc.label.clone(), when, prov });
    }
    let nodes: Vec<Node<'_>> = facts
        .iter()
        .zip(&at)
        .map(|(fact, at)| Node {
            name: &fact.id,
            file: at.file,
            span: at.id.clone(),
            reads: fact
                .when
                .leaves()
                .into_iter()
                .filter_map(|l| if let Leaf::Fact(j) = l { Some(j) } else { None })
                .collect(),
        })
        .collect();
    let order = order(ck, "fact", &nodes, Some(MAX_FACT_DEPTH));
    Facts { facts, order }
}

pub(super) fn combination(ck: &mut Checker<'_>, m: &Merged, names: &Names) -> Option<Rule<()>> {
    let Some((f, c)) = &m.combination else {
        ck.err_anywhere(PackErrorKind::Schema, "the pack has no `[combination]` table");
        return None;
    };
    let doc = c.get_ref();
    let prov = ck.prov(*f, c.span(), &doc.prov(), &names.sources);
    let when = ck.condition(*f, &doc.dimension_positive, Type::Bool, &names.scope(Scope::Dimension))?;
    Some(Rule { id: "dimension_positive".into(), label: Labels::new(), when, then: (), prov })
}

pub(super) fn age(ck: &mut Checker<'_>, m: &Merged, names: &Names) -> Option<Age> {
    let Some((f, a)) = &m.age else {
        ck.err_anywhere(PackErrorKind::Schema, "the pack has no `[age]` table");
        return None;
    };
    let doc = a.get_ref();
    if doc.majority == 0 || doc.majority > 30 {
        ck.err(PackErrorKind::InvalidValue, *f, a.span(), "`majority` must be between 1 and 30");
    }
    Some(Age {
        majority: doc.majority,
        presume_minor: doc.presume_minor_when_uncertain,
        prov: ck.prov(*f, a.span(), &doc.prov(), &names.sources),
    })
}

/// The scoring table, and where each of its terms is written.
pub(super) fn scoring(ck: &mut Checker<'_>, m: &Merged, names: &Names) -> Option<(Scoring, Vec<At>)> {
    let Some((f, s)) = &m.scoring else {
        ck.err_anywhere(PackErrorKind::Schema, "the pack has no `[scoring]` table");
        return None;
    };
    let f = *f;
    let doc = s.get_ref();
    let prov = ck.prov(f, s.span(), &doc.prov(), &names.sources);
    let mut grade_points = [Decimal::ZERO; 3];
    for (i, g) in Grade::ALL.iter().enumerate() {
        match doc.grade_points.get(g.as_str()) {
            Some(t) => {
                if let Some(d) = ck.decimal(f, t) {
                    if d.is_sign_negative() {
                        ck.err(PackErrorKind::InvalidValue, f, t.span(), "grade points must not be negative");
                    }
                    grade_points[i] = d;
                }
            }
            None => ck.err(PackErrorKind::Schema, f, s.span(), format!("`grade_points` has no `{}`", g.as_str())),
        }
    }
    for k in doc.grade_points.keys() {
        if !Grade::ALL.iter().any(|g| g.as_str() == k) {
            ck.err(PackErrorKind::Schema, f, s.span(), format!("`grade_points.{k}` is not a grade"));
        }
    }
    let dimension_cap = doc.dimension_cap.as_ref().and_then(|t| ck.decimal(f, t));
    let mut thresholds = [Decimal::ZERO; 4];
    for (i, level) in Level::ALL[1..].iter().enumerate() {
        match doc.levels.get(level.as_str()) {
            Some(t) => thresholds[i] = ck.decimal(f, t).unwrap_or_default(),
            None => {
                ck.err(PackErrorKind::Schema, f, s.span(), format!("`[scoring.levels]` has no `{}`", level.as_str()))
            }
        }
    }
    for k in doc.levels.keys() {
        if !Level::ALL[1..].iter().any(|l| l.as_str() == k) {
            ck.err(PackErrorKind::Schema, f, s.span(), format!("`levels.{k}` is not a level above none"));
        }
    }
    if thresholds.windows(2).any(|w| w[0] >= w[1]) {
        ck.err(PackErrorKind::InvalidValue, f, s.span(), "level thresholds must increase from low to very_high");
    }
    let _ = ck.ids("score term", doc.terms.iter().map(|t| (f, &t.id)));
    let general = names.scope(Scope::General);
    let mut terms = Vec::new();
    let mut at = Vec::new();
    for t in &doc.terms {
        ck.labels(f, t.id.span(), &format!("score term `{}`", t.id.get_ref()), &t.label);
        let prov = ck.prov(f, t.id.span(), &t.prov(), &names.sources);
        let when = ck.condition(f, &t.when, Type::Bool, &general);
        let points = ck.decimal(f, &t.points);
        if let (Some(when), Some(points)) = (when, points) {
            terms.push(Rule { id: t.id.get_ref().clone(), label: t.label.clone(), when, then: points, prov });
            at.push(At { file: f, id: t.id.span(), when: t.when.span() });
        }
    }
    Some((Scoring { grade_points, dimension_cap, terms, thresholds, prov }, at))
}

pub(super) fn overrides(ck: &mut Checker<'_>, m: &Merged, names: &Names) -> (Vec<Rule<Level>>, Vec<At>) {
    let _ = ck.ids("override", m.overrides.iter().map(|(f, o)| (*f, &o.id)));
    let general = names.scope(Scope::General);
    let (mut rules, mut at) = (Vec::new(), Vec::new());
    for (f, o) in &m.overrides {
        ck.labels(*f, o.id.span(), &format!("override `{}`", o.id.get_ref()), &o.label);
        let prov = ck.prov(*f, o.id.span(), &o.prov(), &names.sources);
        let floor = Level::parse(o.floor.get_ref());
        if floor.is_none() {
            ck.err(PackErrorKind::InvalidValue, *f, o.floor.span(), format!("`{}` is not a level", o.floor.get_ref()));
        }
        let when = ck.condition(*f, &o.when, Type::Bool, &general);
        if let (Some(when), Some(floor)) = (when, floor) {
            rules.push(Rule { id: o.id.get_ref().clone(), label: o.label.clone(), when, then: floor, prov });
            at.push(At { file: *f, id: o.id.span(), when: o.when.span() });
        }
    }
    (rules, at)
}

/// How the rules of a table combine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum HitPolicy {
    /// At most one result can hold for an input; the order does not matter.
    Unique,
    /// Tried in the declared order; the first that holds decides.
    First,
}

/// The classification table: its rules in evaluation order, where each is written, and
/// its hit policy.
pub(super) struct Table {
    pub rules: Vec<Rule<Classification>>,
    pub at: Vec<At>,
    pub policy: HitPolicy,
}

pub(super) fn classification(ck: &mut Checker<'_>, m: &Merged, names: &Names) -> Table {
    let ids = ck.ids("classification rule", m.classification.iter().map(|(f, c)| (*f, &c.id)));
    let scope = names.scope(Scope::Classification);
    let (mut rules, mut at) = (Vec::new(), Vec::new());
    for (f, c) in &m.classification {
        ck.labels(*f, c.id.span(), &format!("classification rule `{}`", c.id.get_ref()), &c.label);
        let prov = ck.prov(*f, c.id.span(), &c.prov(), &names.sources);
        let result = Classification::parse(c.result.get_ref());
        if result.is_none() {
            ck.err(
                PackErrorKind::InvalidValue,
                *f,
                c.result.span(),
                format!("`{}` is not a classification", c.result.get_ref()),
            );
        }
        let when = ck.condition(*f, &c.when, Type::Bool, &scope);
        if let (Some(when), Some(result)) = (when, result) {
            rules.push(Rule { id: c.id.get_ref().clone(), label: c.label.clone(), when, then: result, prov });
            at.push(At { file: *f, id: c.id.span(), when: c.when.span() });
        }
    }
    let Some((f, table)) = &m.classification_table else {
        return Table { rules, at, policy: HitPolicy::Unique };
    };
    let doc = table.get_ref();
    let policy = doc.hit_policy.get_ref();
    match (policy.as_str(), &doc.order) {
        ("unique", None) => Table { rules, at, policy: HitPolicy::Unique },
        ("unique", Some(order)) => {
            ck.err(
                PackErrorKind::Schema,
                *f,
                order.span(),
                "`order` belongs to `hit_policy = \"first\"`; a `unique` table has none",
            );
            Table { rules, at, policy: HitPolicy::Unique }
        }
        ("first", None) => {
            ck.err(
                PackErrorKind::Schema,
                *f,
                table.span(),
                "`hit_policy = \"first\"` needs `order`: every classification rule id, in the order they are tried",
            );
            Table { rules, at, policy: HitPolicy::First }
        }
        ("first", Some(order)) => {
            let wanted = declared_order(ck, *f, order, &ids, m.classification.len(), "classification rule");
            let position: HashMap<String, usize> = rules.iter().enumerate().map(|(i, r)| (r.id.clone(), i)).collect();
            // A rule that did not compile has no slot; its error is already reported.
            let picked: Vec<usize> = wanted.iter().filter_map(|id| position.get(id).copied()).collect();
            let mut slots: Vec<Option<(Rule<Classification>, At)>> = rules.into_iter().zip(at).map(Some).collect();
            let (mut rules, mut at) = (Vec::new(), Vec::new());
            for i in picked {
                if let Some((rule, where_)) = slots[i].take() {
                    rules.push(rule);
                    at.push(where_);
                }
            }
            Table { rules, at, policy: HitPolicy::First }
        }
        (other, _) => {
            ck.err(
                PackErrorKind::InvalidValue,
                *f,
                doc.hit_policy.span(),
                format!("`{other}` is not a hit policy (\"first\" or \"unique\")"),
            );
            Table { rules, at, policy: HitPolicy::Unique }
        }
    }
}

/// Checks a declared order that must list each of `count` ids of `ids` exactly once;
/// returns the ids it lists that exist, in its order.
pub(super) fn declared_order(
    ck: &mut Checker<'_>,
    f: usize,
    order: &toml::Spanned<Vec<crate::pack::doc::Text>>,
    ids: &HashMap<String, u32>,
    count: usize,
    what: &str,
) -> Vec<String> {
    let mut listed = vec![false; count];
    let mut out = Vec::new();
    for entry in order.get_ref() {
        let id = entry.get_ref();
        match ids.get(id) {
            Some(&i) if listed[i as usize] => {
                ck.err(PackErrorKind::Duplicate, f, entry.span(), format!("{what} `{id}` is listed twice in `order`"))
            }
            Some(&i) => {
                listed[i as usize] = true;
                out.push(id.clone());
            }
            None => {
                let hint = suggestion(id, ids.keys().map(String::as_str));
                ck.err(PackErrorKind::UnknownName, f, entry.span(), format!("no {what} `{id}`{hint}"));
            }
        }
    }
    let mut missing: Vec<(&String, u32)> =
        ids.iter().filter(|(_, i)| !listed[**i as usize]).map(|(k, i)| (k, *i)).collect();
    missing.sort_by_key(|(_, i)| *i);
    for (id, _) in missing {
        ck.err(PackErrorKind::Schema, f, order.span(), format!("`order` does not list {what} `{id}`"));
    }
    out
}
