//! Every law of the BiH pack holds for the pack as it is, and breaks on a copy of the
//! pack with one deliberate change — the kind of change a municipality or a reviewer
//! might make — with a smallest counter-example that is a real case breaking the law.

use putokaz::{Case, Protocol};

/// The bundled BiH pack with one edit in one file (which must apply exactly once).
fn changed(file: &str, find: &str, replace: &str) -> Protocol {
    let mut files = Protocol::bundled("bih").unwrap().files().to_vec();
    let entry = files.iter_mut().find(|(p, _)| p == file).unwrap_or_else(|| panic!("no file {file}"));
    assert_eq!(entry.1.matches(find).count(), 1, "{file} must contain {find:?} exactly once");
    entry.1 = entry.1.replacen(find, replace, 1);
    Protocol::from_files(files).unwrap_or_else(|e| panic!("the changed pack does not load: {e}"))
}

/// The failures of one law on `protocol` (empty when it holds).
fn law(protocol: &Protocol, id: &str) -> Vec<String> {
    let source = putokaz::BundledPack::new("bih").unwrap();
    let outcomes = putokaz::run_pack_laws(protocol, &source, &[id]).unwrap();
    assert_eq!(outcomes.len(), 1, "no law `{id}`");
    outcomes.into_iter().next().unwrap().failures
}

/// Asserts that the law breaks and returns its smallest counter-example.
fn breaks(protocol: &Protocol, id: &str) -> Case {
    let failures = law(protocol, id);
    assert!(failures.first().is_some_and(|f| f.starts_with("broken")), "{id} did not break: {failures:?}");
    let json = failures
        .iter()
        .find_map(|f| f.strip_prefix("smallest case: "))
        .unwrap_or_else(|| panic!("{id}: no counter-example in {failures:?}"));
    let case = Case::from_json(json).unwrap_or_else(|e| panic!("{id}: the counter-example is not a case: {e}"));
    // Generated cases carry dozens of observations; a shrunk one only what the law needs
    // (an adult presumed victim needs three positive dimensions: about eight).
    assert!(case.observations.len() <= 12 && case.events.is_empty(), "{id}: not shrunk: {json}");
    case
}

fn obligation(p: &Protocol, case: &Case, id: &str) -> Option<putokaz::ObligationStatus> {
    let as_of = putokaz::parse_as_of("2026-06-15T12:00:00+02:00").unwrap();
    let a = p.assess(case, as_of, &putokaz::Options::fast()).unwrap();
    a.obligations.iter().find(|o| &*o.id == id).map(|o| o.status)
}

#[test]
fn every_law_holds_for_the_pack_as_it_is() {
    let p = Protocol::bundled("bih").unwrap();
    let source = putokaz::BundledPack::new("bih").unwrap();
    let outcomes = putokaz::run_pack_laws(&p, &source, &[]).unwrap();
    assert!(outcomes.len() >= 13, "{}", outcomes.len());
    let failed: Vec<_> = outcomes.iter().filter(|o| !o.passed()).collect();
    assert!(failed.is_empty(), "{failed:#?}");
}

#[test]
fn absences_reaching_the_police_break_the_absence_law() {
    let p = changed(
        "obligations.toml",
        "when = \"(classification == \\\"presumed_victim\\\" or (level >= \\\"moderate\\\" and crime_signal)) and case.reporter != \\\"police\\\"\"",
        "when = \"classification != \\\"insufficient_indicators\\\" and case.reporter != \\\"police\\\"\"",
    );
    let case = breaks(&p, "absences_alone_reach_no_police_prosecutor_or_team");
    assert!(obligation(&p, &case, "notify_police").is_some_and(|s| s.as_str() != "depends_on_unknown"));
    // The same change also breaks the law on the police and the prosecutor.
    breaks(&p, "police_and_prosecutor_need_a_victim_or_a_crime");
}

#[test]
fn a_marriage_counted_as_trafficking_again_breaks_the_marriage_law() {
    let p = changed(
        "rules.toml",
        "when = \"subject.is_child and (forced_begging or forced_marriage",
        "when = \"subject.is_child and (forced_begging or child_marriage or forced_marriage",
    );
    let case = breaks(&p, "a_minors_marriage_alone_reaches_no_police");
    assert!(case.observations.iter().any(|o| o.indicator == "child_marriage"));
}

#[test]
fn an_unguarded_child_signal_breaks_the_adult_law() {
    let p = changed("rules.toml", "when = \"subject.is_child and daily_money_quota\"", "when = \"daily_money_quota\"");
    let case = breaks(&p, "no_adult_is_scored_for_a_child_signal");
    assert!(case.subject.age.is_some_and(|a| a >= 18));
}

#[test]
fn a_community_flag_stripped_of_protection_and_scored_breaks_the_fairness_law() {
    // The checker refuses a protected attribute that weighs, so this copy drops the flag
    // first: the law still catches what the checker can no longer see.
    let mut files = Protocol::bundled("bih").unwrap().files().to_vec();
    let ind = files.iter_mut().find(|(p, _)| p == "indicators.toml").unwrap();
    ind.1 = ind.1.replacen("protected = true\nroutes = [\"roma_mediator\"]\n", "", 1);
    let rules = files.iter_mut().find(|(p, _)| p == "rules.toml").unwrap();
    rules.1 = rules.1.replacen(
        "when = \"no_birth_registration or missing_documents\"",
        "when = \"no_birth_registration or missing_documents or roma_community\"",
        1,
    );
    let p = Protocol::from_files(files).unwrap();
    breaks(&p, "a_protected_attribute_never_weighs");
    // With the flag in place, the same scoring is refused when the pack loads.
    let mut files = Protocol::bundled("bih").unwrap().files().to_vec();
    let rules = files.iter_mut().find(|(p, _)| p == "rules.toml").unwrap();
    rules.1 = rules.1.replacen(
        "when = \"no_birth_registration or missing_documents\"",
        "when = \"no_birth_registration or missing_documents or roma_community\"",
        1,
    );
    assert_eq!(Protocol::from_files(files).unwrap_err().kind(), putokaz::PackErrorKind::Protected);
}

#[test]
fn a_state_route_for_borders_only_breaks_the_foreign_victim_law() {
    let p = changed(
        "rules.toml",
        "when = \"subject.is_foreign or cross_border_movement\"",
        "when = \"cross_border_movement\"",
    );
    let case = breaks(&p, "a_foreign_presumed_victim_reaches_the_state_level");
    assert!(case.subject.citizenship.as_deref().is_some_and(|c| c != "BA"));
}

/// A law, and the one change to the pack (file, text, replacement) that must break it.
const BREAKING_CHANGES: &[(&str, &str, &str, &str)] = &[
    (
        "a_marriage_under_16_reaches_the_police",
        "rules.toml",
        "marriage_under_16 or domestic_servitude_in_marriage or dimension.exploitation",
        "domestic_servitude_in_marriage or dimension.exploitation",
    ),
    (
        "police_and_prosecutor_need_a_victim_or_a_crime",
        "obligations.toml",
        "(level >= \\\"moderate\\\" and crime_signal)) and case.reporter != \\\"police\\\"",
        "level >= \\\"moderate\\\") and case.reporter != \\\"police\\\"",
    ),
    (
        "the_team_hears_only_of_moderate_cases",
        "obligations.toml",
        "when = \"level >= \\\"moderate\\\" and exploitation_or_coercion_signal\"",
        "when = \"level >= \\\"low\\\" and exploitation_or_coercion_signal\"",
    ),
    (
        "a_child_found_begging_gets_the_begging_protocol",
        "obligations.toml",
        "when = \"subject.is_child and found_begging\"\nunrecorded = \"absent\"\nactor = \"police\"",
        "when = \"subject.is_child and found_begging and classification == \\\"presumed_victim\\\"\"\nunrecorded = \"absent\"\nactor = \"police\"",
    ),
    (
        "no_guardian_or_placement_for_a_child_with_its_parents",
        "rules.toml",
        "when = \"unaccompanied_child or subject.is_foreign or exploiter_family_member\"",
        "when = \"unaccompanied_child or subject.is_foreign or exploiter_family_member or subject.is_child\"",
    ),
    (
        "no_guardian_for_a_minor_with_full_legal_capacity",
        "obligations.toml",
        " and child_needs_substitute_care and not emancipated_minor\"",
        " and child_needs_substitute_care\"",
    ),
    (
        "no_misdemeanour_proceedings_against_a_presumed_victims_family",
        "obligations.toml",
        "found_begging and classification == \\\"at_risk\\\"\"",
        "found_begging and classification != \\\"insufficient_indicators\\\"\"",
    ),
    (
        "a_presumed_child_victim_reaches_the_csw_without_delay",
        "obligations.toml",
        "when = \"subject.is_child and classification == \\\"presumed_victim\\\" and case.reporter != \\\"csw\\\"\"",
        "when = \"subject.is_child and classification == \\\"presumed_victim\\\" and level >= \\\"high\\\" and case.reporter != \\\"csw\\\"\"",
    ),
];

#[test]
fn each_law_breaks_on_its_changed_copy() {
    for (id, file, find, replace) in BREAKING_CHANGES {
        breaks(&changed(file, find, replace), id);
    }
}

#[test]
fn a_law_naming_what_the_pack_lacks_is_a_located_error() {
    use putokaz::PackSource;
    let p = Protocol::bundled("bih").unwrap();
    let bundled = putokaz::BundledPack::new("bih").unwrap();
    let mut source: Vec<(String, String)> =
        p.test_files().iter().map(|f| (f.clone(), bundled.read(f).unwrap())).collect();
    let tests = source.iter_mut().find(|(f, _)| f == "tests/laws.toml").unwrap();
    let find = "no_duty = [\"inform_team\", \"escalate_to_team\"]";
    assert!(tests.1.contains(find));
    tests.1 = tests.1.replacen(find, "no_duty = [\"inform_teem\", \"escalate_to_team\"]", 1);
    let e = putokaz::run_pack_laws(&p, &source, &[]).unwrap_err();
    let issue = &e.issues[0];
    assert_eq!(issue.kind, putokaz::PackErrorKind::UnknownName);
    assert!(issue.message.contains("did you mean `inform_team`"), "{}", issue.message);
    assert_eq!(issue.location.as_ref().unwrap().file, "tests/laws.toml");
}
