//! Referral obligations: which duties apply, the concrete institutions for the case's
//! municipality, when each is due, and — from the case's events — whether it is met,
//! pending, overdue, only offered (consent not recorded) or depends on an unknown input.

use crate::assessment::{ConsentFinding, ConsentState, ObligationFinding, ObligationStatus, Party};
use crate::bind::Warning;
use crate::evaluate::State;
use crate::expr::{eval_tri, Leaf};
use crate::protocol::{Anchor, DueRef, Obligation, ObligationDef, ParamValue};
use crate::time::{due_at, rfc3339, Due};
use crate::value::Tri;

/// Evaluates every obligation in dependency order (escalations read `overdue.X` of the
/// ones before them), against the established level and classification. Also fills
/// `st.overdue`.
pub(crate) fn evaluate(st: &mut State<'_>, lang: &str, warnings: &mut Vec<Warning>) -> Vec<ObligationFinding> {
    let c = st.c;
    st.view_established();
    let mut out = Vec::new();
    for (i, ob) in c.obligations.iter().enumerate() {
        let base = eval_tri(&ob.base.when, &*st);
        // An exception applies where its base does and its own condition holds.
        let mut chosen: &ObligationDef = &ob.base;
        let mut applies = base;
        let mut exception_unsettled = false;
        if base.possible() {
            for ex in &ob.exceptions {
                match eval_tri(&ex.when, &*st) {
                    Tri::True => {
                        chosen = ex;
                        break;
                    }
                    Tri::Unknown => exception_unsettled = true,
                    Tri::False => {}
                }
            }
        }
        if exception_unsettled && applies == Tri::True && std::ptr::eq(chosen, &ob.base) {
            applies = Tri::Unknown;
        }
        if applies == Tri::False {
            st.overdue[i] = Tri::False;
            continue;
        }
        let finding = finding(st, ob, chosen, applies, lang, warnings);
        // `overdue.X`: X's due time passed before it was met (overdue now, or met late).
        st.overdue[i] = match finding.status {
            ObligationStatus::Overdue => Tri::True,
            ObligationStatus::Met if finding.late_seconds.is_some() => Tri::True,
            ObligationStatus::DependsOnUnknown => Tri::Unknown,
            _ => Tri::False,
        };
        out.push(finding);
    }
    // Overdue first, then by due time, then by priority and id: a timeline to act on.
    out.sort_by(|a, b| {
        (a.status, a.due_unix.unwrap_or(i64::MAX), a.priority, &a.id).cmp(&(
            b.status,
            b.due_unix.unwrap_or(i64::MAX),
            b.priority,
            &b.id,
        ))
    });
    out
}

fn finding(
    st: &State<'_>,
    ob: &Obligation,
    def: &ObligationDef,
    applies: Tri,
    lang: &str,
    warnings: &mut Vec<Warning>,
) -> ObligationFinding {
    let (c, b) = (st.c, st.b);
    let id = ob.id.as_str();
    let tz = &c.meta.time_zone;
    let party = |role: u32| -> Party {
        if role == u32::MAX {
            let institution = b.reporter.as_ref().map(|r| {
                c.roles
                    .iter()
                    .find(|x| *x.id == **r)
                    .map_or_else(|| r.to_string(), |x| crate::explain::label(&x.label, lang, &x.id))
            });
            return Party { role: "reporter".into(), institution };
        }
        let r = &c.roles[role as usize];
        let institution = match (r.routed, b.municipality, &c.routing) {
            (true, Some(m), Some(routing)) => routing.institution(m, &r.id).map(str::to_owned),
            (true, _, _) => None,
            (false, _, _) => Some(crate::explain::label(&r.label, lang, &r.id)),
        };
        Party { role: r.id.clone(), institution }
    };
    let due = match &def.due {
        DueRef::Fixed(d) => Some(*d),
        DueRef::Param(p) => match c.param_at(st.local, *p, b.as_of_date) {
            Some(ParamValue::Duration(d)) => Some(*d),
            _ => None,
        },
    };
    let anchor_at = match def.anchor {
        Anchor::ReportedAt => Some(b.reported_at),
        Anchor::Event(k) => b.events.iter().find(|e| e.kind == k).map(|e| e.at),
    };
    let actor_role = if def.actor == u32::MAX {
        b.reporter.as_deref().map(str::to_owned)
    } else {
        Some(c.roles[def.actor as usize].id.clone())
    };
    let entity = b.municipality.map(|m| m.entity.as_str());
    let calendar = entity.and_then(|e| c.calendars.iter().find(|cal| cal.entity == e));
    let deadline = match (anchor_at, due) {
        (Some(at), Some(d)) => due_at(at, d, tz, calendar),
        _ => None,
    };
    if let (Some(dl), Some(Due::BusinessDays(_))) = (&deadline, due) {
        if dl.beyond_calendar {
            warnings.push(Warning {
                code: "calendar_not_covering".into(),
                path: None,
                message: format!("obligation `{id}`: business days were counted without a holiday calendar for that period (weekends only)"),
            });
        }
    }
    // The first event of the right kind, at or after the anchor, by the right party.
    let met = anchor_at.and_then(|from| {
        b.events.iter().find(|e| {
            e.kind == def.met_by
                && e.at >= from
                && match (&e.by, &actor_role) {
                    (Some(by), Some(actor)) => by == actor,
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
        ConsentFinding { scope: c.consent_scopes[scope as usize].id.clone(), state }
    });
    let due_ts = deadline.as_ref().map(|d| d.at);
    let (status, late) = if applies == Tri::Unknown {
        (ObligationStatus::DependsOnUnknown, None)
    } else if consent.as_ref().is_some_and(|k| k.state != ConsentState::Given) {
        (ObligationStatus::Offered, None)
    } else if let Some(e) = met {
        let late = due_ts.filter(|d| e.at > *d).map(|d| e.at.as_second() - d.as_second());
        (ObligationStatus::Met, late)
    } else {
        match due_ts {
            Some(d) if b.as_of > d => (ObligationStatus::Overdue, Some(b.as_of.as_second() - d.as_second())),
            _ => (ObligationStatus::Pending, None),
        }
    };
    let depends_on = if status == ObligationStatus::DependsOnUnknown {
        let mut names: Vec<String> = Vec::new();
        // An exception is read together with its base.
        for e in [&def.when, &ob.base.when] {
            for leaf in e.leaves() {
                if leaf_unknown(st, leaf) {
                    let n = st.leaf_name(leaf);
                    if !names.contains(&n) {
                        names.push(n);
                    }
                }
            }
        }
        names
    } else {
        Vec::new()
    };
    let recipient = &def.recipient;
    let shares = if *recipient == u32::MAX { Vec::new() } else { c.roles[*recipient as usize].shares.clone() };
    ObligationFinding {
        id: id.to_owned(),
        exception: def.exception.clone(),
        label: crate::explain::label(&def.label, lang, id),
        status,
        priority: def.priority,
        actor: party(def.actor),
        recipient: party(def.recipient),
        anchor: match def.anchor {
            Anchor::ReportedAt => "reported_at".into(),
            Anchor::Event(k) => c.event_kinds[k as usize].id.clone(),
        },
        anchor_at: anchor_at.map(|t| rfc3339(t, tz)),
        due_rule: due.map_or_else(|| "unknown".into(), |d| d.to_string()),
        due: due_ts.map(|t| rfc3339(t, tz)),
        due_unix: due_ts.map(|t| t.as_second()),
        met_at: met.map(|e| rfc3339(e.at, tz)),
        late_seconds: late,
        consent,
        shares,
        depends_on,
        source: def.prov.source.clone(),
        status_of_source: def.prov.status,
        citation: def.prov.citation.clone(),
    }
}

fn leaf_unknown(st: &State<'_>, leaf: Leaf) -> bool {
    use crate::expr::Env;
    !st.leaf(leaf).settled()
}
