//! Referral obligations: which duties apply, the concrete institutions for the case's
//! municipality, when each is due, and — from the case's events — whether it is met,
//! pending, overdue, only offered (consent not recorded) or depends on an unknown input.
//!
//! Two layers: [`evaluate`] decides statuses and due times with no text at all (the
//! screening path uses only this), and [`findings`] turns them into the assessment's
//! words: labels, institutions, RFC 3339 times.

use crate::assessment::{ConsentFinding, ConsentState, ObligationFinding, ObligationStatus, Party, PossibleForm};
use crate::bind::Warning;
use crate::eval::{holds, leaf_name, Env, Evaluation, Mode, Reread};
use crate::expr::Leaf;
use crate::plan::bits::{Mask, TriSet};
use crate::protocol::{self, Anchor, DueRef, ObligationDef, ParamValue};
use crate::time::{due_at, Due};
use crate::value::Tri;
use jiff::Timestamp;

/// One obligation that applies (or may apply), decided but not yet put into words.
pub(crate) struct Decided<'c> {
    /// Index into the protocol's obligations.
    pub index: usize,
    pub def: &'c ObligationDef,
    /// Which definition applies: 0 for the base, 1 + k for exception k.
    pub definition: usize,
    pub status: ObligationStatus,
    pub due_rule: Option<Due>,
    pub anchor_at: Option<Timestamp>,
    pub due: Option<Timestamp>,
    /// The role whose institution acts (and counts the business days), when it is one of
    /// the pack's.
    pub actor_role: Option<u32>,
    /// Business days were counted past the holiday calendar.
    pub beyond_calendar: bool,
    pub met_at: Option<Timestamp>,
    pub late_seconds: Option<i64>,
    pub consent: Option<(u32, ConsentState)>,
    /// When the duty applies for certain but exceptions that would change its form (its
    /// anchor, deadline or actor) are unknown: each such exception, decided as if it
    /// applied. The duty's own status is its form with those exceptions not applying.
    pub forms: Vec<Decided<'c>>,
}

/// An obligation read with `unrecorded = "absent"` that does not apply, but would once
/// indicators the case does not record are recorded.
#[derive(Debug)]
pub(crate) struct CouldArise {
    /// Index into the protocol's obligations.
    pub index: usize,
    /// The unrecorded indicators its condition reads (directly, through facts or through
    /// dimensions) whose presence is unknown, in pack order.
    pub if_recorded: Vec<u32>,
}

/// The obligations stage: every obligation that applies or may apply, and for each
/// obligation whether its due time passed before it was met (`overdue.X`).
pub(crate) struct Duties<'c> {
    /// In timeline order: overdue first, then by due time.
    pub decided: Vec<Decided<'c>>,
    /// Per obligation, in evaluation order: what `overdue.X` reads.
    pub overdue: Vec<Tri>,
    /// The presence obligations read: protected attributes the case does not give count
    /// as absent.
    pub presence: TriSet,
    /// What obligations with `unrecorded = "absent"` read (when the pack has any): the
    /// same presence with every indicator the case does not record counted absent, and
    /// the facts and dimensions over it.
    pub unrecorded_absent: Option<Reread>,
    /// Obligations that would apply if indicators the case does not record were
    /// recorded, in evaluation order.
    pub could_arise: Vec<CouldArise>,
}

impl<'c> Duties<'c> {
    /// The environment the conditions of obligation `index` are evaluated in.
    pub(crate) fn env_of<'e>(&'e self, eval: &'e Evaluation<'c>, index: usize) -> Env<'e, 'c> {
        match &self.unrecorded_absent {
            Some(view) if eval.ctx.c.obligations[index].unrecorded_absent => view.obligation_env(eval, &self.overdue),
            _ => eval.env().for_obligations(
                eval.level.established,
                eval.class.established,
                &self.presence,
                &self.overdue,
            ),
        }
    }
}

/// Decides every obligation in dependency order (escalations read `overdue.X` of the
/// ones before them), against the established level and classification.
pub(crate) fn evaluate<'c>(eval: &Evaluation<'c>) -> Duties<'c> {
    let ctx = &eval.ctx;
    let (c, b) = (ctx.c, ctx.b);
    let mut presence = eval.inputs.present.clone();
    presence.settle_unknown(&c.plan.protected, false);
    let unrecorded_absent = c.obligations.iter().any(|o| o.unrecorded_absent).then(|| {
        let mut absent = presence.clone();
        let unrecorded = Mask::of(
            c.indicators.len(),
            (0..c.indicators.len() as u32).filter(|i| b.raw[*i as usize] == crate::bind::Raw::Absent),
        );
        absent.settle_unknown(&unrecorded, false);
        eval.with_unrecorded_absent(absent)
    });
    let mut overdue = vec![Tri::Unknown; c.obligations.len()];
    let mut out = Vec::new();
    let mut could_arise = Vec::new();
    let reporter_role = b.reporter.as_deref().and_then(|r| c.roles.iter().position(|x| x.id == r)).map(|r| r as u32);
    for (i, (ob, progs)) in c.obligations.iter().zip(&c.plan.obligations).enumerate() {
        let env = match &unrecorded_absent {
            Some(view) if ob.unrecorded_absent => view.obligation_env(eval, &overdue),
            _ => eval.env().for_obligations(eval.level.established, eval.class.established, &presence, &overdue),
        };
        let base = holds(ctx, &ob.base.when, &progs.base, &env);
        // An exception applies where its base does and its own condition holds.
        let mut chosen: &ObligationDef = &ob.base;
        let mut definition = 0;
        let applies = base;
        // Exceptions before the chosen one whose condition is unknown: forms the duty may
        // take instead. They change how the duty is done, not whether it applies.
        let mut unsettled: Vec<usize> = Vec::new();
        if base.possible() {
            for (k, (ex, prog)) in ob.exceptions.iter().zip(&progs.exceptions).enumerate() {
                match holds(ctx, &ex.when, prog, &env) {
                    Tri::True => {
                        chosen = ex;
                        definition = k + 1;
                        break;
                    }
                    Tri::Unknown => unsettled.push(k),
                    Tri::False => {}
                }
            }
        }
        if applies == Tri::False {
            overdue[i] = Tri::False;
            if ob.unrecorded_absent {
                let three_valued =
                    eval.env().for_obligations(eval.level.established, eval.class.established, &presence, &overdue);
                if holds(ctx, &ob.base.when, &progs.base, &three_valued).possible() {
                    let if_recorded = unrecorded_reads(eval, &presence, &ob.base.when);
                    if !if_recorded.is_empty() {
                        could_arise.push(CouldArise { index: i, if_recorded });
                    }
                }
            }
            continue;
        }
        let mut d = decide(eval, i, chosen, definition, applies, reporter_role);
        if applies == Tri::True {
            d.forms = unsettled
                .iter()
                .map(|&k| decide(eval, i, &ob.exceptions[k], k + 1, Tri::True, reporter_role))
                .collect();
        }
        // `overdue.X`: X's due time passed before it was met (overdue now, or met late),
        // unknown when the forms it may take disagree.
        let late = |d: &Decided<'_>| match d.status {
            ObligationStatus::Overdue => Tri::True,
            ObligationStatus::Met if d.late_seconds.is_some() => Tri::True,
            ObligationStatus::DependsOnUnknown => Tri::Unknown,
            _ => Tri::False,
        };
        overdue[i] = d.forms.iter().fold(late(&d), |t, f| if late(f) == t { t } else { Tri::Unknown });
        out.push(d);
    }
    out.sort_by(|a, b| {
        let key = |d: &Decided<'_>| (d.status, d.due.map_or(i64::MAX, |t| t.as_second()), d.def.priority);
        key(a).cmp(&key(b)).then_with(|| c.obligations[a.index].id.cmp(&c.obligations[b.index].id))
    });
    Duties { decided: out, overdue, presence, unrecorded_absent, could_arise }
}

/// The indicators a condition reads that the case does not record and whose presence is
/// unknown: directly, through the facts it reads that are not settled, and through the
/// members of the dimensions it reads that are not settled (items graded under a
/// profile that may apply). Protected attributes never appear: obligations read them as
/// absent when the case does not give them.
fn unrecorded_reads(eval: &Evaluation<'_>, presence: &TriSet, when: &crate::expr::Expr) -> Vec<u32> {
    let (c, b) = (eval.ctx.c, eval.ctx.b);
    let mut found: Vec<u32> = Vec::new();
    let mut seen_facts: Vec<u32> = Vec::new();
    let mut pending: Vec<crate::expr::Leaf> = when.leaves();
    let add = |i: u32, found: &mut Vec<u32>| {
        if b.raw[i as usize] == crate::bind::Raw::Absent && presence.get(i) == Tri::Unknown && !found.contains(&i) {
            found.push(i);
        }
    };
    while let Some(leaf) = pending.pop() {
        match leaf {
            Leaf::Present(i) | Leaf::RawValue(i) => add(i, &mut found),
            Leaf::Fact(f) if eval.facts.get(f) == Tri::Unknown && !seen_facts.contains(&f) => {
                seen_facts.push(f);
                pending.extend(c.plan.fact_reads[f as usize].iter().copied());
            }
            Leaf::Dimension(d) if eval.dims[d as usize].positive == Tri::Unknown => {
                for &k in &c.plan.dim_items[d as usize] {
                    let item = &c.items[k as usize];
                    if item.grades.iter().zip(&eval.profiles).any(|(g, p)| g.is_some() && p.possible()) {
                        item.members.iter().for_each(|m| add(*m, &mut found));
                    }
                }
            }
            _ => {}
        }
    }
    found.sort_unstable();
    found
}

/// The names of the leaves of `conditions` that `env` does not settle, each once.
fn unknown_reads(eval: &Evaluation<'_>, env: &Env<'_, '_>, conditions: &[&crate::expr::Expr]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for leaf in conditions.iter().flat_map(|e| e.leaves()) {
        if !crate::expr::Env::leaf(env, leaf).settled() {
            let n = leaf_name(eval.ctx.c, leaf);
            if !names.contains(&n) {
                names.push(n);
            }
        }
    }
    names
}

fn decide<'c>(
    eval: &Evaluation<'c>,
    index: usize,
    def: &'c ObligationDef,
    definition: usize,
    applies: Tri,
    reporter_role: Option<u32>,
) -> Decided<'c> {
    let (c, b, local) = (eval.ctx.c, eval.ctx.b, eval.ctx.local);
    let due_rule = match &def.due {
        DueRef::Fixed(d) => Some(*d),
        DueRef::Param(p) => match c.param_at(local, *p, b.as_of_date) {
            Some(ParamValue::Duration(d)) => Some(*d),
            _ => None,
        },
    };
    let anchor_at = match def.anchor {
        Anchor::ReportedAt => Some(b.reported_at),
        Anchor::Event(k) => b.events.iter().find(|e| e.kind == k).map(|e| e.at),
    };
    let actor_role = match def.actor {
        protocol::Party::Reporter => reporter_role,
        protocol::Party::Role(r) => Some(r),
    };
    let actor_id: Option<&str> = match def.actor {
        protocol::Party::Reporter => b.reporter.as_deref(),
        protocol::Party::Role(r) => Some(c.roles[r as usize].id.as_str()),
    };
    let deadline = match (anchor_at, due_rule, eval.ctx.mode) {
        (Some(at), Some(d), Mode::Plan) => {
            c.plan.clock.due_at(at, d, &c.meta.time_zone, &c.calendars, b.calendar, actor_role)
        }
        (Some(at), Some(d), Mode::Reference) => {
            due_at(at, d, &c.meta.time_zone, b.calendar.map(|k| &c.calendars[k]), actor_role)
        }
        _ => None,
    };
    // The first event of the right kind, at or after the anchor, by the right party.
    let met = anchor_at.and_then(|from| {
        b.events.iter().find(|e| {
            e.kind == def.met_by
                && e.at >= from
                && match (&e.by, actor_id) {
                    (Some(by), Some(actor)) => *by == actor,
                    _ => true,
                }
        })
    });
    let consent = def.consent.map(|scope| {
        let state = match b.consents[scope as usize] {
            Some(true) => ConsentState::Given,
            Some(false) => ConsentState::Refused,
            None => ConsentState::NotRecorded,
        };
        (scope, state)
    });
    let due = deadline.as_ref().map(|d| d.at);
    let (status, late_seconds) = if applies == Tri::Unknown {
        (ObligationStatus::DependsOnUnknown, None)
    } else if consent.is_some_and(|(_, s)| s != ConsentState::Given) {
        (ObligationStatus::Offered, None)
    } else if let Some(e) = met {
        (ObligationStatus::Met, due.filter(|d| e.at > *d).map(|d| e.at.as_second() - d.as_second()))
    } else {
        match due {
            Some(d) if b.as_of > d => (ObligationStatus::Overdue, Some(b.as_of.as_second() - d.as_second())),
            _ => (ObligationStatus::Pending, None),
        }
    };
    Decided {
        index,
        def,
        definition,
        status,
        due_rule,
        anchor_at,
        due,
        actor_role,
        beyond_calendar: deadline.is_some_and(|d| d.beyond_calendar && matches!(due_rule, Some(Due::BusinessDays(_)))),
        met_at: met.map(|e| e.at),
        late_seconds,
        consent,
        forms: Vec::new(),
    }
}

/// The concrete institution of each role for the case's municipality, with how well it
/// is sourced: what assessments name as an obligation's parties and rely on.
pub(crate) struct Institutions<'a> {
    c: &'a crate::protocol::Compiled,
    place: Option<&'a crate::plan::words::Place>,
    /// The case's reporter: a role of the pack, or (in a pack without roles) its text.
    reporter: Option<Result<usize, &'a str>>,
}

impl<'a> Institutions<'a> {
    pub(crate) fn new(eval: &Evaluation<'a>) -> Institutions<'a> {
        let (c, b) = (eval.ctx.c, eval.ctx.b);
        Institutions {
            c,
            place: b.municipality.and_then(|m| c.plan.words.places.get(m.index as usize)),
            reporter: b.reporter.as_deref().map(|r| c.roles.iter().position(|x| x.id == r).ok_or(r)),
        }
    }

    /// The role an obligation's party stands for, when it is one of the pack's.
    fn role_of(&self, p: protocol::Party) -> Option<usize> {
        match p {
            protocol::Party::Role(r) => Some(r as usize),
            protocol::Party::Reporter => self.reporter.and_then(Result::ok),
        }
    }

    /// A role's institution: from the routing table when the role is routed, otherwise
    /// the role's name (a school, an NGO, a state institution) with the role's status.
    fn of_role(&self, r: usize, lang: crate::model::Language) -> Party {
        let words = &self.c.plan.words;
        match (words.role_columns[r], self.place) {
            (Some(column), Some(place)) => place.institutions[column].clone(),
            (None, _) if !self.c.roles[r].routed => Party {
                role: words.roles[r].0.id.clone(),
                institution: Some(words.roles[r].0.label(lang)),
                status: words.role_sources[r].as_ref().map(|(status, _)| *status),
            },
            _ => Party { role: words.roles[r].0.id.clone(), institution: None, status: None },
        }
    }

    /// An obligation's party in words.
    pub(crate) fn party(&self, p: protocol::Party, lang: crate::model::Language) -> Party {
        let protocol::Party::Role(r) = p else { return self.reporter_party(lang) };
        self.of_role(r as usize, lang)
    }

    /// The reporter: its role's institution when it is one of the pack's roles.
    fn reporter_party(&self, lang: crate::model::Language) -> Party {
        let (institution, status) = match self.reporter {
            Some(Ok(r)) => {
                let x = self.of_role(r, lang);
                (x.institution, x.status)
            }
            Some(Err(text)) => (Some(std::sync::Arc::from(text)), None),
            None => (None, None),
        };
        Party { role: self.c.plan.words.reporter.clone(), institution, status }
    }

    /// The party's institution as relied-on content, when its status is not `verified`.
    pub(crate) fn reliance(&self, p: protocol::Party) -> Option<crate::assessment::Reliance> {
        use crate::assessment::{Reliance, RelianceKind};
        let words = &self.c.plan.words;
        let r = self.role_of(p)?;
        let (id, status, source) = match (words.role_columns[r], self.place) {
            (Some(column), Some(place)) => {
                (place.reliance_ids[column].clone(), place.institutions[column].status?, words.routing_sources.clone())
            }
            (Some(_), None) => return None,
            (None, _) => {
                let (status, source) = words.role_sources[r].as_ref()?;
                (words.roles[r].0.id.clone(), *status, source.clone())
            }
        };
        (status != crate::model::SourceStatus::Verified).then(|| Reliance {
            kind: RelianceKind::Institution,
            id,
            status,
            historical: words.cites_historical(&source),
            source,
        })
    }
}

/// The decided obligations in words, in `lang`.
pub(crate) fn findings(
    eval: &Evaluation<'_>,
    duties: &Duties<'_>,
    lang: crate::model::Language,
    warnings: &mut Vec<Warning>,
) -> Vec<ObligationFinding> {
    let c = eval.ctx.c;
    let words = &c.plan.words;
    let zone = |t: Timestamp| c.plan.clock.offset_timestamp(t, &c.meta.time_zone);
    let institutions = Institutions::new(eval);
    let party = |p: protocol::Party| institutions.party(p, lang);
    duties
        .decided
        .iter()
        .map(|d| {
            let ob = &c.obligations[d.index];
            let def = d.def;
            let def_words = &words.obligations[d.index][d.definition];
            if d.beyond_calendar {
                warnings.push(Warning {
                    code: crate::bind::WarningKind::CalendarNotCovering,
                    path: None,
                    message: format!(
                        "obligation `{}`: business days were counted without a holiday calendar for that period (weekends only)",
                        ob.id
                    ),
                });
            }
            // For `depends_on_unknown`: the unknown inputs its condition reads (an
            // exception is read together with its base).
            let env = duties.env_of(eval, d.index);
            let depends_on = if d.status == ObligationStatus::DependsOnUnknown {
                let conditions: &[&crate::expr::Expr] =
                    if d.definition == 0 { &[&def.when] } else { &[&def.when, &ob.base.when] };
                unknown_reads(eval, &env, conditions)
            } else {
                Vec::new()
            };
            let anchor = |def: &ObligationDef| match def.anchor {
                Anchor::ReportedAt => words.reported_at.clone(),
                Anchor::Event(k) => words.event_kinds[k as usize].id.clone(),
            };
            let forms_possible = d
                .forms
                .iter()
                .map(|f| PossibleForm {
                    exception: words.obligations[f.index][f.definition].exception.clone().unwrap_or_default(),
                    depends_on: unknown_reads(eval, &env, &[&f.def.when]),
                    status: f.status,
                    actor: party(f.def.actor),
                    provider: f.def.provider.map(party),
                    anchor: anchor(f.def),
                    due: f.due.map(zone),
                })
                .collect();
            ObligationFinding {
                id: def_words.labels.id.clone(),
                exception: def_words.exception.clone(),
                label: def_words.labels.label(lang),
                status: d.status,
                priority: def.priority,
                actor: party(def.actor),
                recipient: party(def.recipient),
                provider: def.provider.map(party),
                anchor: anchor(def),
                anchor_at: d.anchor_at.map(zone),
                due_rule: d.due_rule,
                due: d.due.map(zone),
                due_unix: d.due.map(|t| t.as_second()),
                met_at: d.met_at.map(zone),
                late_seconds: d.late_seconds,
                consent: d.consent.map(|(scope, state)| ConsentFinding {
                    scope: words.consent_scopes[scope as usize].id.clone(),
                    state,
                }),
                shares: match def.recipient {
                    protocol::Party::Reporter => std::sync::Arc::from(Vec::new()),
                    protocol::Party::Role(r) => words.roles[r as usize].1.clone(),
                },
                depends_on,
                forms_possible,
                source: def_words.sourced.source.clone(),
                status_of_source: def.prov.status,
                citation: def_words.sourced.citation.clone(),
            }
        })
        .collect()
}
