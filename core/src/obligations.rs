//! Referral obligations: which duties apply, the concrete institutions for the case's
//! municipality, when each is due, and — from the case's events — whether it is met,
//! pending, overdue, only offered (consent not recorded) or depends on an unknown input.
//!
//! Two layers: [`evaluate`] decides statuses and due times with no text at all (the
//! screening path uses only this), and [`findings`] turns them into the assessment's
//! words: labels, institutions, RFC 3339 times.

use crate::assessment::{ConsentFinding, ConsentState, ObligationFinding, ObligationStatus, Party};
use crate::bind::Warning;
use crate::eval::{holds, leaf_name, Env, Evaluation, Mode};
use crate::plan::bits::TriSet;
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
    /// Business days were counted past the holiday calendar.
    pub beyond_calendar: bool,
    pub met_at: Option<Timestamp>,
    pub late_seconds: Option<i64>,
    pub consent: Option<(u32, ConsentState)>,
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
}

impl<'c> Duties<'c> {
    /// The environment obligation conditions are evaluated in.
    pub(crate) fn env<'e>(&'e self, eval: &'e Evaluation<'c>) -> Env<'e, 'c> {
        eval.env().for_obligations(eval.level.established, eval.class.established, &self.presence, &self.overdue)
    }
}

/// Decides every obligation in dependency order (escalations read `overdue.X` of the
/// ones before them), against the established level and classification.
pub(crate) fn evaluate<'c>(eval: &Evaluation<'c>) -> Duties<'c> {
    let ctx = &eval.ctx;
    let c = ctx.c;
    let mut presence = eval.inputs.present.clone();
    presence.settle_unknown(&c.plan.protected, false);
    let mut overdue = vec![Tri::Unknown; c.obligations.len()];
    let mut out = Vec::new();
    for (i, (ob, progs)) in c.obligations.iter().zip(&c.plan.obligations).enumerate() {
        let env = eval.env().for_obligations(eval.level.established, eval.class.established, &presence, &overdue);
        let base = holds(ctx, &ob.base.when, &progs.base, &env);
        // An exception applies where its base does and its own condition holds.
        let mut chosen: &ObligationDef = &ob.base;
        let mut definition = 0;
        let mut applies = base;
        let mut exception_unsettled = false;
        if base.possible() {
            for (k, (ex, prog)) in ob.exceptions.iter().zip(&progs.exceptions).enumerate() {
                match holds(ctx, &ex.when, prog, &env) {
                    Tri::True => {
                        chosen = ex;
                        definition = k + 1;
                        break;
                    }
                    Tri::Unknown => exception_unsettled = true,
                    Tri::False => {}
                }
            }
        }
        if exception_unsettled && applies == Tri::True && definition == 0 {
            applies = Tri::Unknown;
        }
        if applies == Tri::False {
            overdue[i] = Tri::False;
            continue;
        }
        let d = decide(eval, i, chosen, definition, applies);
        // `overdue.X`: X's due time passed before it was met (overdue now, or met late).
        overdue[i] = match d.status {
            ObligationStatus::Overdue => Tri::True,
            ObligationStatus::Met if d.late_seconds.is_some() => Tri::True,
            ObligationStatus::DependsOnUnknown => Tri::Unknown,
            _ => Tri::False,
        };
        out.push(d);
    }
    out.sort_by(|a, b| {
        let key = |d: &Decided<'_>| (d.status, d.due.map_or(i64::MAX, |t| t.as_second()), d.def.priority);
        key(a).cmp(&key(b)).then_with(|| c.obligations[a.index].id.cmp(&c.obligations[b.index].id))
    });
    Duties { decided: out, overdue, presence }
}

fn decide<'c>(
    eval: &Evaluation<'c>,
    index: usize,
    def: &'c ObligationDef,
    definition: usize,
    applies: Tri,
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
    let actor_role: Option<&str> = match def.actor {
        protocol::Party::Reporter => b.reporter.as_deref(),
        protocol::Party::Role(r) => Some(c.roles[r as usize].id.as_str()),
    };
    let deadline = match (anchor_at, due_rule, eval.ctx.mode) {
        (Some(at), Some(d), Mode::Plan) => c.plan.clock.due_at(at, d, &c.meta.time_zone, &c.calendars, b.calendar),
        (Some(at), Some(d), Mode::Reference) => due_at(at, d, &c.meta.time_zone, b.calendar.map(|k| &c.calendars[k])),
        _ => None,
    };
    // The first event of the right kind, at or after the anchor, by the right party.
    let met = anchor_at.and_then(|from| {
        b.events.iter().find(|e| {
            e.kind == def.met_by
                && e.at >= from
                && match (&e.by, actor_role) {
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
        beyond_calendar: deadline.is_some_and(|d| d.beyond_calendar && matches!(due_rule, Some(Due::BusinessDays(_)))),
        met_at: met.map(|e| e.at),
        late_seconds,
        consent,
    }
}

/// The decided obligations in words, in `lang`.
pub(crate) fn findings(
    eval: &Evaluation<'_>,
    duties: &Duties<'_>,
    lang: crate::model::Language,
    warnings: &mut Vec<Warning>,
) -> Vec<ObligationFinding> {
    let (c, b) = (eval.ctx.c, eval.ctx.b);
    let words = &c.plan.words;
    let env = duties.env(eval);
    let zone = |t: Timestamp| c.plan.clock.offset_timestamp(t, &c.meta.time_zone);
    let place = b.municipality.and_then(|m| words.places.get(m.index as usize));
    // The concrete institution of a role: from the routing table when the role is
    // routed, otherwise the role's name (a school, an NGO).
    let institution = |r: usize| match (words.role_columns[r], place) {
        (Some(column), Some(place)) => place.institutions[column].institution.clone(),
        (Some(_), None) => None,
        (None, _) if c.roles[r].routed => None,
        (None, _) => Some(words.roles[r].0.label(lang)),
    };
    let party = |party: protocol::Party| -> Party {
        let protocol::Party::Role(role) = party else {
            let reporter = b.reporter.as_deref().map(|r| match c.roles.iter().position(|x| x.id == r) {
                Some(x) => institution(x),
                None => Some(std::sync::Arc::from(r)),
            });
            return Party { role: words.reporter.clone(), institution: reporter.flatten() };
        };
        Party { role: words.roles[role as usize].0.id.clone(), institution: institution(role as usize) }
    };
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
            let mut depends_on: Vec<String> = Vec::new();
            if d.status == ObligationStatus::DependsOnUnknown {
                let conditions: &[&crate::expr::Expr] =
                    if d.definition == 0 { &[&def.when] } else { &[&def.when, &ob.base.when] };
                for e in conditions {
                    for leaf in e.leaves() {
                        if !crate::expr::Env::leaf(&env, leaf).settled() {
                            let n = leaf_name(c, leaf);
                            if !depends_on.contains(&n) {
                                depends_on.push(n);
                            }
                        }
                    }
                }
            }
            ObligationFinding {
                id: def_words.labels.id.clone(),
                exception: def_words.exception.clone(),
                label: def_words.labels.label(lang),
                status: d.status,
                priority: def.priority,
                actor: party(def.actor),
                recipient: party(def.recipient),
                anchor: match def.anchor {
                    Anchor::ReportedAt => words.reported_at.clone(),
                    Anchor::Event(k) => words.event_kinds[k as usize].id.clone(),
                },
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
                source: def_words.sourced.source.clone(),
                status_of_source: def.prov.status,
                citation: def_words.sourced.citation.clone(),
            }
        })
        .collect()
}
