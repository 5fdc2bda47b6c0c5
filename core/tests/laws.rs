//! Laws the engine keeps, checked on generated cases (proptest).

use proptest::prelude::*;
use putokaz::{AgeRange, Consent, Event, Observation, ObservedValue, Subject};
use putokaz::{Assessment, Case, Classification, IndicatorKind, Options, Protocol, Tri};
use std::sync::OnceLock;

fn bih() -> &'static Protocol {
    static P: OnceLock<Protocol> = OnceLock::new();
    P.get_or_init(|| Protocol::bundled("bih").unwrap())
}

const AS_OF: &str = "2026-03-06T12:00:00+01:00";
const TOWNS: [&str; 6] = ["Jajce", "Modriča", "Travnik", "Tuzla", "Prnjavor", "Brčko"];
const EVENTS: [&str; 4] = ["csw_notified", "police_notified", "team_informed", "guardian_appointed"];

/// Indicators of the BiH pack that are not protected, with their type.
fn indicators() -> &'static Vec<(String, IndicatorKind)> {
    static I: OnceLock<Vec<(String, IndicatorKind)>> = OnceLock::new();
    I.get_or_init(|| bih().indicators().into_iter().filter(|i| !i.protected).map(|i| (i.id, i.kind)).collect())
}

fn value_for(kind: IndicatorKind, pick: u8) -> ObservedValue {
    match (kind, pick % 3) {
        (_, 0) => ObservedValue::Unknown(()),
        (IndicatorKind::Count, 1) => ObservedValue::Count(3),
        (IndicatorKind::Count, _) => ObservedValue::Count(30),
        (_, 1) => ObservedValue::Bool(false),
        _ => ObservedValue::Bool(true),
    }
}

prop_compose! {
    fn subject()(kind in 0u8..5, age in 0u32..40, span in 0u32..6, minor in proptest::option::of(any::<bool>()), foreign in any::<bool>()) -> Subject {
        let mut s = Subject { appears_minor: minor, citizenship: Some(if foreign { "NP" } else { "BA" }.to_owned()), ..Subject::default() };
        match kind {
            0 => s.age = Some(age),
            1 => s.birth_date = Some(format!("{}-06-15", 2025 - age as i32)),
            2 => s.age_range = Some(AgeRange { min: age, max: age + span }),
            _ => {}
        }
        s
    }
}

prop_compose! {
    fn case()(
        subject in subject(),
        town in 0usize..TOWNS.len(),
        picks in proptest::collection::vec((0usize..200, any::<u8>()), 0..16),
        events in proptest::collection::vec((0usize..EVENTS.len(), 0i64..72), 0..4),
        roma in 0u8..3,
        consent in proptest::option::of(any::<bool>()),
    ) -> Case {
        let inds = indicators();
        let mut observations: Vec<Observation> = Vec::new();
        for (i, pick) in picks {
            let (id, kind) = &inds[i % inds.len()];
            if observations.iter().any(|o| &o.indicator == id) {
                continue;
            }
            observations.push(Observation { indicator: id.clone(), value: value_for(*kind, pick), observed_at: None, observed_by: None });
        }
        if roma > 0 {
            observations.push(Observation { indicator: "roma_community".into(), value: ObservedValue::Bool(roma == 2), observed_at: None, observed_by: None });
        }
        let events = events.into_iter().map(|(k, h)| Event {
            kind: EVENTS[k].into(),
            at: format!("2026-03-0{}T{:02}:00:00+01:00", 2 + h / 24, h % 24),
            by: None,
        }).collect();
        Case {
            id: "law".into(),
            reported_at: "2026-03-02T00:00:00+01:00".into(),
            municipality: Some(TOWNS[town].into()),
            reporter: Some("school".into()),
            subject,
            observations,
            events,
            consents: consent.map(|g| vec![Consent { scope: "roma_mediator".into(), given: g, at: None }]).unwrap_or_default(),
            discretionary_override: None,
        }
    }
}

fn run(case: &Case, options: &Options) -> Assessment {
    bih().assess(case, putokaz::parse_as_of(AS_OF).unwrap(), options).unwrap()
}

fn set(case: &Case, id: &str, value: ObservedValue) -> Case {
    let mut c = case.clone();
    c.observations.retain(|o| o.indicator != id);
    c.observations.push(Observation { indicator: id.into(), value, observed_at: None, observed_by: None });
    c
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    /// (a) Adding a present indicator never lowers the score or the level (the BiH pack's
    /// weights are all non-negative).
    #[test]
    fn a_present_indicator_never_lowers_score_or_level(case in case(), which in 0usize..200) {
        let (id, kind) = &indicators()[which % indicators().len()];
        let present = if *kind == IndicatorKind::Count { ObservedValue::Count(1000) } else { ObservedValue::Bool(true) };
        let before = run(&case, &Options::fast());
        let after = run(&set(&case, id, present), &Options::fast());
        prop_assert!(after.score.value >= before.score.value, "{id}");
        prop_assert!(after.level.value >= before.level.value, "{id}");
    }

    /// (b) Settling an unknown never moves a result outside what was reported possible.
    #[test]
    fn settling_an_unknown_stays_within_what_was_possible(case in case(), which in 0usize..200, truth in any::<bool>()) {
        let (id, kind) = &indicators()[which % indicators().len()];
        let open = set(&case, id, ObservedValue::Unknown(()));
        let before = run(&open, &Options::fast());
        let value = match (*kind, truth) {
            (IndicatorKind::Count, true) => ObservedValue::Count(1000),
            (IndicatorKind::Count, false) => ObservedValue::Count(0),
            (_, t) => ObservedValue::Bool(t),
        };
        let after = run(&set(&case, id, value), &Options::fast());
        prop_assert!(after.level.value >= before.level.possible.min && after.level.value <= before.level.possible.max);
        prop_assert!(after.level.possible.min >= before.level.possible.min && after.level.possible.max <= before.level.possible.max);
        prop_assert!(before.classification.possible.contains(&after.classification.value));
        prop_assert!(after.classification.possible.iter().all(|c| before.classification.possible.contains(c)));
        let (lo, hi) = (before.score.possible.min, before.score.possible.max);
        prop_assert!(after.score.value >= lo && after.score.value <= hi);
        // An obligation that depended on nothing but this input is settled by it.
        for b in before.obligations.iter().filter(|b| b.depends_on == vec![id.clone()]) {
            let a = after.obligations.iter().find(|a| a.id == b.id);
            prop_assert!(a.is_none_or(|a| a.status != putokaz::ObligationStatus::DependsOnUnknown), "{}", &b.id);
        }
        // Obligations that did not depend on the settled input keep their status while the
        // established outcome stays the same.
        if after.level.value == before.level.value && after.classification.value == before.classification.value {
            // (Nor on it through a form the obligation may take.)
            let independent = |b: &&putokaz::ObligationFinding| {
                !b.depends_on.contains(id) && b.forms_possible.iter().all(|f| !f.depends_on.contains(id))
            };
            for b in before.obligations.iter().filter(independent) {
                if b.status != putokaz::ObligationStatus::DependsOnUnknown {
                    let a = after.obligations.iter().find(|a| a.id == b.id);
                    prop_assert_eq!(a.map(|a| a.status), Some(b.status), "{}", &b.id);
                }
            }
        }
    }

    /// (c) For a child, absent means-indicators never prevent `presumed_victim` when the
    /// act and the exploitation are established.
    #[test]
    fn a_child_needs_no_means(age in 0u32..18, means in proptest::collection::vec(any::<u8>(), 0..20)) {
        let means_ids: Vec<&(String, IndicatorKind)> = indicators().iter().filter(|(id, _)| id.starts_with("d2_") || id.starts_with("d3_") || id.starts_with("d6_")).collect();
        let mut case = Case { id: "child".into(), reported_at: "2026-03-02T00:00:00+01:00".into(), subject: Subject { age: Some(age), ..Subject::default() }, ..Case::default() };
        for (i, m) in means.iter().enumerate() {
            let (id, _) = means_ids[i % means_ids.len()];
            case = set(&case, id, if m % 2 == 0 { ObservedValue::Bool(false) } else { ObservedValue::Unknown(()) });
        }
        case = set(&case, "recruited_transported_or_harboured", ObservedValue::Bool(true));
        case = set(&case, "d4_excessive_hours", ObservedValue::Bool(true));
        case = set(&case, "d4_hazardous_work", ObservedValue::Bool(true));
        for p in [bih(), &Protocol::bundled("ilo-2009").unwrap()] {
            let a = p.assess(&case, putokaz::parse_as_of(AS_OF).unwrap(), &Options::fast()).unwrap();
            prop_assert_eq!(a.classification.value, Classification::PresumedVictim);
        }
    }

    /// (d) Cases and assessments round-trip through JSON, byte for byte.
    #[test]
    fn json_round_trips(case in case()) {
        let text = case.to_json();
        let back = Case::from_json(&text).unwrap();
        prop_assert_eq!(&back, &case);
        let a = run(&case, &Options::default());
        let json = a.to_json();
        let parsed: Assessment = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&parsed, &a);
        prop_assert_eq!(parsed.to_json(), json);
        // The score is the sum of its contributions.
        let sum: rust_decimal::Decimal = a.score.contributions.iter().map(|c| c.points).sum();
        prop_assert_eq!(sum, a.score.value);
        // And the same inputs give the same bytes.
        prop_assert_eq!(run(&case, &Options::default()).to_json(), a.to_json());
    }

    /// (e) Evaluation never panics, whatever the case says.
    #[test]
    fn arbitrary_input_never_panics(text in "\\PC{0,400}", id in "[a-z_]{1,30}", n in any::<u64>(), s in "\\PC{0,30}") {
        let _ = Case::from_json(&text);
        let candidates = [
            format!(r#"{{"id":"x","reported_at":"2026-03-02T00:00:00+01:00","observations":[{{"indicator":"{id}","value":{n}}}]}}"#),
            format!(r#"{{"id":"x","reported_at":"{s}","municipality":"{s}","subject":{{"birth_date":"{s}"}}}}"#),
            format!(r#"{{"id":"x","reported_at":"2026-03-02T00:00:00+01:00","subject":{{"age":{n}}},"events":[{{"kind":"{id}","at":"{s}"}}]}}"#),
        ];
        for c in candidates {
            for p in [bih(), &Protocol::bundled("ilo-2009").unwrap()] {
                let _ = p.assess_json(&c, AS_OF, &Options::default());
            }
        }
    }

    /// (f) A protected attribute never changes the score, the level or the classification.
    #[test]
    fn a_protected_attribute_has_no_weight(case in case()) {
        let base = set(&case, "roma_community", ObservedValue::Unknown(()));
        let outcomes: Vec<Assessment> = [ObservedValue::Unknown(()), ObservedValue::Bool(true), ObservedValue::Bool(false)]
            .into_iter()
            .map(|v| run(&set(&base, "roma_community", v), &Options::fast()))
            .collect();
        for a in &outcomes[1..] {
            prop_assert_eq!(&a.score, &outcomes[0].score);
            prop_assert_eq!(&a.level, &outcomes[0].level);
            prop_assert_eq!(&a.classification, &outcomes[0].classification);
            prop_assert_eq!(&a.dimensions, &outcomes[0].dimensions);
        }
    }

    /// Adding an event never makes an obligation more overdue — unless the event is of
    /// the kind that starts that obligation's clock (the prosecutor is told once the
    /// police are): an earlier start reveals an earlier deadline, which is right.
    #[test]
    fn an_event_never_makes_an_obligation_later(case in case(), kind in 0usize..EVENTS.len(), hour in 0i64..96) {
        let before = run(&case, &Options::fast());
        let mut more = case.clone();
        more.events.push(Event { kind: EVENTS[kind].into(), at: format!("2026-03-0{}T{:02}:00:00+01:00", 2 + hour / 24, hour % 24), by: None });
        let after = run(&more, &Options::fast());
        for o in &after.obligations {
            if let Some(b) = before.obligations.iter().find(|b| b.id == o.id && &*b.anchor != EVENTS[kind]) {
                let late = |x: &putokaz::ObligationFinding| if x.status == putokaz::ObligationStatus::Overdue { x.late_seconds.unwrap_or(0) } else { 0 };
                prop_assert!(late(o) <= late(b), "{}", o.id);
            }
        }
    }
}

#[test]
fn unknown_child_status_is_settled_by_the_age() {
    let case = Case::from_json(r#"{"id":"u","reported_at":"2026-03-02T00:00:00+01:00","municipality":"Tuzla","reporter":"school","observations":[{"indicator":"forced_begging","value":true}]}"#).unwrap();
    let a = run(&case, &Options::default());
    assert_eq!(a.subject.is_child, Tri::Unknown);
    let assess = a.obligations.iter().find(|o| &*o.id == "csw_assessment").unwrap();
    assert_eq!(assess.status, putokaz::ObligationStatus::DependsOnUnknown);
    assert!(assess.depends_on.contains(&"subject.is_child".to_owned()));
    for (age, status) in [(10, "pending"), (30, "absent")] {
        let mut settled = case.clone();
        settled.subject.age = Some(age);
        let b = run(&settled, &Options::default());
        let got = b.obligations.iter().find(|o| &*o.id == "csw_assessment").map_or("absent", |o| o.status.as_str());
        assert_eq!(got, status, "age {age}");
    }
}
