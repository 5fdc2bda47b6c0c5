//! The compiled plan against the reference evaluator. Every assessment is made with the
//! plan; the decimal-range evaluator is the reference it must agree with. [`compare`]
//! evaluates one case both ways and reports the first difference: in any stage (presence,
//! profiles, dimensions, facts, score, level, classification, obligations), in the
//! screening, or in the assessment (trace and ranked unknowns included) — the plan's side
//! read from case JSON straight into the binding, the reference's side from a built
//! `Case`. The unit tests
//! run it on every conformance vector and on generated cases, the fuzz targets on
//! arbitrary ones, and `core/benches` on a million synthetic cases.

use crate::assess::assess_in;
use crate::bind::bind;
use crate::eval::{presence, Ctx, Evaluation, Mode};
use crate::{Case, Options, Protocol, Timestamp};

/// What one evaluation gives, stage by stage, in comparable form.
fn stages(protocol: &Protocol, case: &Case, as_of: Timestamp, mode: Mode) -> Result<String, String> {
    let c = &*protocol.inner;
    let b = bind(c, case, as_of).map_err(|e| e.kind.as_str().to_owned())?;
    let ctx = Ctx { c, b: &b, local: &protocol.local, mode };
    let e = Evaluation::run(ctx, presence(ctx));
    let d = crate::obligations::evaluate(&e);
    let decided: Vec<String> = d
        .decided
        .iter()
        .map(|x| {
            format!(
                "{} {:?} {:?} {:?} {:?} {:?} {:?}",
                x.index, x.status, x.due, x.anchor_at, x.met_at, x.late_seconds, x.consent
            )
        })
        .collect();
    Ok(format!(
        "inputs {:?}\nprofiles {:?}\ndims {:?}\nfacts {:?}\nscore {:?}\nlevel {:?}\nclass {:?}\noverdue {:?}\nduties {decided:?}\nunrecorded absent {:?}\ncould arise {:?}",
        e.inputs, e.profiles, e.dims, e.facts, e.score, e.level, e.class, d.overdue, d.unrecorded_absent, d.could_arise
    ))
}

/// Evaluates `case` with the plan and with the reference and says where they differ
/// (`Ok` when they agree everywhere, including when both refuse the case the same way).
#[doc(hidden)]
pub fn compare(protocol: &Protocol, case: &Case, as_of: Timestamp) -> Result<(), String> {
    let (plan, reference) = (stages(protocol, case, as_of, Mode::Plan), stages(protocol, case, as_of, Mode::Reference));
    if plan != reference {
        return Err(format!("stages differ:\nplan      {plan:?}\nreference {reference:?}"));
    }
    if plan.is_err() {
        return Ok(());
    }
    // The plan's side goes the fast way end to end, from case JSON read straight into
    // the binding; the reference's side builds the `Case` and evaluates by the reference.
    let text = case.to_json();
    let at = as_of.to_string();
    let plan = protocol.screen_json(&text, &at, true).map_err(|e| e.to_string());
    let reference = protocol
        .screen_in(Mode::Reference, case, as_of, true)
        .map(|s| serde_json::to_string(&s).unwrap_or_default())
        .map_err(|e| e.to_string());
    if plan != reference {
        return Err(format!("screenings differ:\nplan      {plan:?}\nreference {reference:?}"));
    }
    for options in [Options::fast(), Options::new()] {
        let plan = protocol.assess_json(&text, &at, &options).map_err(|e| e.to_string());
        let reference = assess_in(Mode::Reference, protocol, case, as_of, &options)
            .map(|a| serde_json::to_string(&a).unwrap_or_default())
            .map_err(|e| e.to_string());
        if plan != reference {
            return Err(format!("assessments differ ({options:?}):\nplan      {plan:?}\nreference {reference:?}"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vectors() -> Vec<(String, Case, Timestamp)> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/cases");
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let v: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap()).unwrap();
            out.push((
                v["pack"].as_str().unwrap().to_owned(),
                Case::from_json(&v["case"].to_string()).unwrap(),
                crate::parse_as_of(v["as_of"].as_str().unwrap()).unwrap(),
            ));
        }
        out
    }

    use crate::{
        AgeRange, Consent, Direction, DiscretionaryOverride, Event, IndicatorKind, Observation, ObservedValue, Subject,
    };
    use proptest::prelude::*;

    /// A case over the whole vocabulary of `p`: any indicator with any value its type
    /// allows (counts around any threshold), any subject, municipality, reporter,
    /// events by any role, consents and overrides.
    fn arbitrary_case(p: &Protocol) -> impl Strategy<Value = Case> {
        let indicators: Vec<(String, IndicatorKind, Vec<String>)> =
            p.indicators().into_iter().map(|i| (i.id, i.kind, i.values)).collect();
        let towns: Vec<String> = p.municipalities().into_iter().map(str::to_owned).collect();
        let vocabulary = p.vocabulary();
        let roles: Vec<String> = vocabulary.roles.iter().map(|t| t.id.clone()).collect();
        let events: Vec<String> = vocabulary.event_kinds.iter().map(|t| t.id.clone()).collect();
        let scopes: Vec<String> = vocabulary.consent_scopes.iter().map(|t| t.id.clone()).collect();
        let observation = (0..indicators.len(), 0u8..6, 0u64..40);
        let subject = (0u8..5, 0u32..40, 0u32..8, proptest::option::of(any::<bool>()), 0u8..3);
        (
            proptest::collection::vec(observation, 0..24),
            subject,
            proptest::option::of(0..towns.len().max(1)),
            proptest::option::of(0..roles.len().max(1)),
            proptest::collection::vec(
                (0..events.len().max(1), 0i64..400, proptest::option::of(0..roles.len().max(1))),
                0..5,
            ),
            proptest::collection::vec((0..scopes.len().max(1), any::<bool>()), 0..3),
            0u8..4,
        )
            .prop_map(
                move |(obs, (age_kind, age, span, minor, citizen), town, reporter, evs, consents, discretionary)| {
                    let mut observations: Vec<Observation> = Vec::new();
                    for (i, pick, n) in obs {
                        let (id, kind, values) = &indicators[i];
                        if observations.iter().any(|o| &o.indicator == id) {
                            continue;
                        }
                        let value = match (kind, pick) {
                            (_, 0) => ObservedValue::Unknown(()),
                            (IndicatorKind::Bool, v) => ObservedValue::Bool(v % 2 == 1),
                            (IndicatorKind::Count, _) => ObservedValue::Count(n),
                            (IndicatorKind::Enum, v) => ObservedValue::Text(values[v as usize % values.len()].clone()),
                        };
                        observations.push(Observation {
                            indicator: id.clone(),
                            value,
                            observed_at: None,
                            observed_by: None,
                        });
                    }
                    let mut subject = Subject {
                        appears_minor: minor,
                        citizenship: match citizen {
                            0 => None,
                            1 => Some("BA".into()),
                            _ => Some("NP".into()),
                        },
                        ..Subject::default()
                    };
                    match age_kind {
                        0 => subject.age = Some(age),
                        1 => subject.birth_date = Some(format!("{}-02-28", 2025 - age as i32)),
                        2 => subject.age_range = Some(AgeRange { min: age, max: age + span }),
                        _ => {}
                    }
                    let hour = |h: i64| format!("2026-03-{:02}T{:02}:30:00+01:00", 2 + h / 24, h % 24);
                    Case {
                        id: "generated".into(),
                        reported_at: hour(0),
                        municipality: town.and_then(|t| towns.get(t).cloned()),
                        reporter: reporter.and_then(|r| roles.get(r).cloned()),
                        subject,
                        observations,
                        events: evs
                            .into_iter()
                            .filter_map(|(k, h, by)| {
                                Some(Event {
                                    kind: events.get(k)?.clone(),
                                    at: hour(h),
                                    by: by.and_then(|r| roles.get(r).cloned()),
                                })
                            })
                            .collect(),
                        consents: consents
                            .into_iter()
                            .filter_map(|(k, given)| Some(Consent { scope: scopes.get(k)?.clone(), given, at: None }))
                            .collect(),
                        discretionary_override: match discretionary {
                            1 => Some(DiscretionaryOverride {
                                direction: Direction::Raise,
                                reason: "r".into(),
                                reviewer: "s".into(),
                            }),
                            2 => Some(DiscretionaryOverride {
                                direction: Direction::Lower,
                                reason: "r".into(),
                                reviewer: "s".into(),
                            }),
                            _ => None,
                        },
                    }
                },
            )
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

        /// The plan agrees with the reference on generated BiH cases (every stage, the
        /// screening and both assessments).
        #[test]
        fn the_plan_agrees_with_the_reference_on_generated_bih_cases(case in arbitrary_case(&Protocol::bundled("bih").unwrap())) {
            let p = Protocol::bundled("bih").unwrap();
            let as_of = crate::parse_as_of("2026-03-20T12:00:00+01:00").unwrap();
            prop_assert!(compare(&p, &case, as_of).is_ok(), "{}", compare(&p, &case, as_of).unwrap_err());
        }

        #[test]
        fn the_plan_agrees_with_the_reference_on_generated_ilo_cases(case in arbitrary_case(&Protocol::bundled("ilo-2009").unwrap())) {
            let p = Protocol::bundled("ilo-2009").unwrap();
            let as_of = crate::parse_as_of("2026-03-20T12:00:00+01:00").unwrap();
            prop_assert!(compare(&p, &case, as_of).is_ok(), "{}", compare(&p, &case, as_of).unwrap_err());
        }
    }

    #[test]
    fn the_plan_agrees_with_the_reference_on_every_vector() {
        for (pack, case, as_of) in vectors() {
            let p = Protocol::bundled(&pack).unwrap();
            compare(&p, &case, as_of).unwrap_or_else(|e| panic!("{}: {e}", case.id));
        }
    }
}
