use super::*;

fn bih() -> Protocol {
    Protocol::bundled("bih").unwrap()
}

fn case(json: &str) -> Case {
    Case::from_json(json).unwrap()
}

fn at() -> Timestamp {
    crate::parse_as_of("2026-03-06T12:00:00+01:00").unwrap()
}

const CHILD: &str = r#"{"id":"w1","reported_at":"2026-03-05T10:00:00+01:00","municipality":"Tuzla","reporter":"school",
    "subject":{"age":12},"observations":[{"indicator":"street_work_at_night","value":true}]}"#;

#[test]
fn what_if_finds_the_smallest_changes() {
    let w = bih().what_if(&case(CHILD), at(), 5).unwrap();
    assert_eq!(w.level, Level::Low);
    assert!(!w.up.is_empty());
    assert!(w.up.iter().all(|c| c.level > Level::Low && !c.changes.is_empty() && c.changes.len() <= 2));
    // Removing the only signal lowers the level to none.
    assert!(w
        .down
        .iter()
        .any(|c| c.changes == vec![Change { indicator: "street_work_at_night".into(), to: "absent" }]
            && c.level == Level::None));
    // No change to a protected attribute is ever proposed.
    assert!(w.up.iter().chain(&w.down).all(|c| c.changes.iter().all(|ch| ch.indicator != "roma_community")));
}

#[test]
fn what_if_is_ordered_by_effect_and_true_to_the_case() {
    let p = bih();
    let c = case(
        r#"{"id":"w2","reported_at":"2026-03-05T10:00:00+01:00","municipality":"Tuzla","reporter":"school",
        "subject":{"age":12},"observations":[{"indicator":"street_work_at_night","value":true},
        {"indicator":"unexcused_absences","value":30}]}"#,
    );
    let w = p.what_if(&c, at(), 100).unwrap();
    assert!(w.complete);
    for list in [&w.up, &w.down] {
        let steps: Vec<u8> = list.iter().map(|x| (x.level as i8 - w.level as i8).unsigned_abs()).collect();
        assert!(steps.windows(2).all(|s| s[0] >= s[1]), "{steps:?}");
    }
    assert!(w.up[0].level > w.up.last().unwrap().level || w.up.iter().all(|x| x.level == w.up[0].level));
    // Each counterfactual is what screening the case with those changes gives.
    for cf in w.up.iter().chain(&w.down) {
        let mut changed = c.clone();
        for ch in &cf.changes {
            changed.observations.retain(|o| o.indicator != ch.indicator);
            let present = ch.to == "present";
            let value = if ch.indicator == "unexcused_absences" {
                ObservedValue::Count(0)
            } else {
                ObservedValue::Bool(present)
            };
            changed.observations.push(Observation {
                indicator: ch.indicator.clone(),
                value,
                observed_at: None,
                observed_by: None,
            });
        }
        let s = p.screen(&changed, at(), false).unwrap();
        assert_eq!((s.level, s.classification), (cf.level, cf.classification), "{cf:?}");
    }
}

#[test]
fn a_maximal_case_is_searched_like_its_short_form() {
    let p = bih();
    let short = case(CHILD);
    let mut long = short.clone();
    let filler = Observation {
        indicator: "street_work_at_night".into(),
        value: ObservedValue::Bool(true),
        observed_at: Some("2026-03-04T10:00:00+01:00".into()),
        observed_by: Some("school".into()),
    };
    long.observations = vec![filler; crate::case::MAX_ENTRIES];
    let (a, b) = (p.what_if(&short, at(), 1000).unwrap(), p.what_if(&long, at(), 1000).unwrap());
    assert!(b.complete);
    assert_eq!((a.up, a.down), (b.up, b.down));
}

#[test]
fn only_indicators_the_outcome_reads_are_candidates() {
    let p = bih();
    let (reads, obligations) = outcome_indicators(&p.inner);
    assert!(!obligations);
    let id = |i: usize| p.inner.indicators[i].id.as_str();
    assert!(reads.iter().enumerate().any(|(i, r)| *r && id(i) == "forced_begging"));
    let w = p.what_if(&case(CHILD), at(), 1000).unwrap();
    for ch in w.up.iter().chain(&w.down).flat_map(|c| &c.changes) {
        let i = p.inner.indicator_index[&ch.indicator] as usize;
        assert!(reads[i] && !p.inner.indicators[i].protected, "{}", ch.indicator);
    }
}

#[test]
fn a_sweep_shows_the_threshold_at_work() {
    let c = case(
        r#"{"id":"s1","reported_at":"2026-03-05T10:00:00+01:00","municipality":"Jajce","reporter":"school",
        "subject":{"age":9},"observations":[{"indicator":"unexcused_absences","value":12}]}"#,
    );
    let rows = bih().sweep("absence_threshold", &["5", "10", "15", "20"], &[c], at()).unwrap();
    let levels: Vec<Level> = rows.iter().map(|r| r.screening.as_ref().unwrap().level).collect();
    assert_eq!(levels, vec![Level::Low, Level::Low, Level::None, Level::None]);
    assert!(bih().sweep("reflection_period", &["10d"], &[], at()).is_err());
}

#[test]
fn diff_names_the_rules_that_change() {
    let a = bih();
    let b = a.with_local_parameter("absence_threshold", "10").unwrap();
    let c = case(
        r#"{"id":"d1","reported_at":"2026-03-05T10:00:00+01:00","municipality":"Jajce","reporter":"school",
        "subject":{"age":9},"observations":[{"indicator":"unexcused_absences","value":20}]}"#,
    );
    let d = a.diff(&b, &[c.clone(), case(CHILD)], at());
    assert_eq!(d.unchanged, 1);
    assert_eq!(d.cases.len(), 1);
    assert_eq!(d.cases[0].level, (Level::None, Level::Low));
    assert!(d.cases[0].rules.contains(&"dimension/exploitation".to_owned()) || !d.cases[0].rules.is_empty());
    assert!(d.levels.contains(&(Level::None, Level::Low, 1)));
    assert_eq!(d.parameters, vec![("absence_threshold".to_owned(), Some("75".to_owned()), Some("10".to_owned()))]);
}

/// The bundled BiH pack with one text of `rules.toml` replaced.
fn bih_with(from: &str, to: &str) -> Protocol {
    let files = bih()
        .files()
        .iter()
        .map(|(path, text)| {
            let text = if path == "rules.toml" {
                assert!(text.contains(from), "rules.toml has no `{from}`");
                text.replace(from, to)
            } else {
                text.clone()
            };
            (path.clone(), text)
        })
        .collect();
    Protocol::from_files(files).unwrap()
}

#[test]
fn diff_names_a_cause_when_only_points_or_thresholds_change() {
    // A child with a daily money quota: 3 points, level low.
    let c = case(
        r#"{"id":"q1","reported_at":"2026-03-05T10:00:00+01:00","municipality":"Jajce","reporter":"school",
        "subject":{"age":9},"observations":[{"indicator":"daily_money_quota","value":true}]}"#,
    );
    // Its score term weighs more: no rule's result changes, its points do.
    let heavier = bih_with(
        "when = \"subject.is_child and daily_money_quota\"\npoints = \"3\"",
        "when = \"subject.is_child and daily_money_quota\"\npoints = \"6\"",
    );
    let d = bih().diff(&heavier, std::slice::from_ref(&c), at());
    assert_eq!(d.cases.len(), 1);
    assert_eq!(d.cases[0].level, (Level::Low, Level::Moderate));
    assert_eq!(d.cases[0].rules, vec!["score_term/daily_money_quota".to_owned()]);
    // Only the threshold of moderate moves: the same rules and score, another level.
    let lower = bih_with("moderate = \"5\"", "moderate = \"3\"");
    let d = bih().diff(&lower, &[c], at());
    assert_eq!(d.cases.len(), 1);
    assert_eq!(d.cases[0].level, (Level::Low, Level::Moderate));
    assert_eq!(d.cases[0].rules, vec!["scoring/levels".to_owned()]);
}

#[test]
fn groups_are_compared_without_the_engine_seeing_them() {
    let c1 = case(CHILD);
    let c2 =
        case(r#"{"id":"g2","reported_at":"2026-03-05T10:00:00+01:00","municipality":"Tuzla","subject":{"age":12}}"#);
    let out = bih().compare_groups([("a", &c1), ("b", &c2), ("a", &c2)], at());
    assert_eq!(out.len(), 2);
    assert_eq!(out[0].cases, 2);
    assert_eq!(out[0].levels.get(&Level::Low), Some(&1));
    assert_eq!(out[1].levels.get(&Level::None), Some(&1));
}

/// A search that would take more screenings than the budget stops there and says so.
#[test]
fn a_search_past_the_budget_stops_and_says_it_is_incomplete() {
    // 250 signals of one point each and a first level at two points: no single change
    // moves the level, every pair does, and the 31,125 pairs pass the budget.
    let mut pack = include_str!("../../../tests/malformed/base-pack.toml")
        .replace(
            "low = \"1\"\nmoderate = \"3\"\nhigh = \"6\"\nvery_high = \"9\"",
            "low = \"2\"\nmoderate = \"300\"\nhigh = \"400\"\nvery_high = \"500\"",
        )
        .replace("when = \"exploited\"\npoints = \"1\"", "when = \"false\"\npoints = \"1\"");
    for i in 0..250 {
        pack.push_str(&format!(
            "\n[[indicators]]\nid = \"s{i}\"\nlabel = {{ en = \"s\" }}\ntype = \"bool\"\nsource = \"s\"\nstatus = \"verified\"\n\n[[scoring.terms]]\nid = \"t{i}\"\nlabel = {{ en = \"t\" }}\nwhen = \"s{i}\"\npoints = \"1\"\nsource = \"s\"\nstatus = \"local_policy\"\n"
        ));
    }
    let p = Protocol::from_toml(&pack).unwrap();
    let c = case(r#"{"id":"b","reported_at":"2026-03-05T10:00:00+01:00","subject":{"age":30}}"#);
    let w = p.what_if(&c, at(), 5).unwrap();
    assert!(!w.complete);
    assert!(w.up.iter().all(|c| c.changes.len() == 2), "{:?}", w.up);
    assert!(!w.up.is_empty());
}
