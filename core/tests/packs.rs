//! The bundled packs load without warnings and pass their own test cases; deliberately
//! broken copies of the BiH pack fail with located errors of the right kind.

use putokaz::{PackErrorKind, Protocol};

#[test]
fn bundled_packs_load_cleanly_and_pass_their_tests() {
    for id in Protocol::bundled_ids() {
        let p = Protocol::bundled(id).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert!(p.warnings().is_empty(), "{id}: {:?}", p.warnings());
        let source = putokaz::BundledPack::new(id).unwrap();
        let outcomes = putokaz::run_pack_tests(&p, &source).unwrap();
        assert!(!outcomes.is_empty(), "{id} has no tests");
        let failed: Vec<_> = outcomes.iter().filter(|o| !o.passed()).collect();
        assert!(failed.is_empty(), "{id}: {failed:#?}");
    }
}

#[test]
fn the_bih_pack_has_at_least_25_tests() {
    let p = Protocol::bundled("bih").unwrap();
    let outcomes = putokaz::run_pack_tests(&p, &putokaz::BundledPack::new("bih").unwrap()).unwrap();
    assert!(outcomes.len() >= 25, "{}", outcomes.len());
}

#[test]
fn canonical_files_rebuild_the_same_protocol() {
    let p = Protocol::bundled("bih").unwrap();
    let again = Protocol::from_files(p.files().to_vec()).unwrap();
    assert_eq!(again.digest(), p.digest());
    assert!(p.digest().starts_with("sha256:") && p.digest().len() == 7 + 64);
}

#[test]
fn the_bih_pack_reads_the_same_from_disk() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/protocols/bih");
    let from_disk = Protocol::from_dir(dir).unwrap();
    assert_eq!(from_disk.digest(), Protocol::bundled("bih").unwrap().digest());
}

/// A copy of the BiH pack with edits (file, find, replace), loaded.
fn edited(edits: &[(&str, &str, &str)]) -> Result<Protocol, putokaz::PackError> {
    let mut files = Protocol::bundled("bih").unwrap().files().to_vec();
    for (file, find, replace) in edits {
        let entry = files.iter_mut().find(|(p, _)| p == file).unwrap_or_else(|| panic!("no file {file}"));
        assert!(entry.1.contains(find), "{file} does not contain {find:?}");
        entry.1 = entry.1.replacen(find, replace, 1);
    }
    Protocol::from_files(files)
}

/// A copy of the BiH pack with one file edited, which must not load.
fn broken(file: &str, find: &str, replace: &str) -> putokaz::PackError {
    match edited(&[(file, find, replace)]) {
        Ok(_) => panic!("the broken pack loaded"),
        Err(e) => e,
    }
}

/// The 1-based line of the bundled BiH file `file` that is exactly `line`.
fn line_of(file: &str, line: &str) -> u32 {
    let text = Protocol::bundled("bih").unwrap().files().iter().find(|(p, _)| p == file).unwrap().1.clone();
    text.lines().position(|l| l == line).unwrap_or_else(|| panic!("{file} has no line {line:?}")) as u32 + 1
}

#[test]
fn a_typo_in_a_condition_names_file_line_and_column() {
    const QUOTA: &str = "when = \"subject.is_child and daily_money_quota\"";
    let e = broken("rules.toml", QUOTA, "when = \"subject.is_child and daily_money_qouta\"");
    let issue = &e.issues[0];
    assert_eq!(issue.kind, PackErrorKind::UnknownName);
    let loc = issue.location.as_ref().unwrap();
    assert_eq!(loc.file, "rules.toml");
    let text = Protocol::bundled("bih").unwrap().files().iter().find(|(p, _)| p == "rules.toml").unwrap().1.clone();
    let line = text.lines().position(|l| l == QUOTA).unwrap() + 1;
    assert_eq!((loc.line as usize, loc.column), (line, 30));
    assert!(issue.message.contains("did you mean `daily_money_quota`"), "{}", issue.message);
    assert!(issue.excerpt.as_ref().unwrap().contains("^^^^^^^^^^^^^^^^^"));
}

#[test]
fn a_protected_attribute_given_weight_is_refused() {
    let e = broken(
        "rules.toml",
        "when = \"subject.is_child and begging_with_unrelated_adult\"",
        "when = \"subject.is_child and (begging_with_unrelated_adult or roma_community)\"",
    );
    assert_eq!(e.kind(), PackErrorKind::Protected);
    assert!(e.to_string().contains("roma_community"));
}

#[test]
fn a_protected_attribute_reaching_a_classification_through_a_fact_is_refused() {
    let e = broken(
        "rules.toml",
        "when = \"subject.is_child and (forced_begging",
        "when = \"subject.is_child and (roma_community or forced_begging",
    );
    assert_eq!(e.kind(), PackErrorKind::Protected);
    assert!(e.to_string().contains("through fact `child_suspected_victim`"), "{e}");
}

#[test]
fn a_protected_attribute_with_a_grade_is_refused() {
    let e = broken(
        "indicators.toml",
        "protected = true",
        "protected = true\ndimension = \"exploitation\"\ngrades = { child_labour = \"weak\" }",
    );
    assert_eq!(e.kind(), PackErrorKind::Protected);
}

#[test]
fn two_base_definitions_of_one_obligation_conflict() {
    let e = broken("obligations.toml", "id = \"escalate_to_team\"", "id = \"inform_team\"");
    assert!(
        e.issues
            .iter()
            .any(|i| i.kind == PackErrorKind::Conflict && i.location.as_ref().unwrap().file == "obligations.toml"),
        "{e}"
    );
}

#[test]
fn facts_in_a_circle_are_refused() {
    let e = broken(
        "../ilo-2009/rules.toml",
        "when = \"recruited_transported_or_harboured or recruitment_positive\"",
        "when = \"recruited_transported_or_harboured or child_pattern\"",
    );
    assert_eq!(e.kind(), PackErrorKind::Cycle, "{e}");
}

#[test]
fn type_errors_and_unknown_keys_are_located() {
    let e = broken(
        "rules.toml",
        "when = \"subject.is_child and daily_money_quota\"",
        "when = \"subject.is_child and daily_money_quota + 1\"",
    );
    assert_eq!(e.kind(), PackErrorKind::Type);
    let e = broken("rules.toml", "floor = \"high\"", "floor = \"high\"\nflor = \"low\"");
    assert_eq!(e.kind(), PackErrorKind::Schema);
    assert!(e.to_string().contains("unknown field"), "{e}");
    let e = broken("rules.toml", "floor = \"high\"", "floor = \"urgent\"");
    assert_eq!(e.kind(), PackErrorKind::InvalidValue);
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let mut files = Protocol::bundled("bih").unwrap().files().to_vec();
    let rules = files.iter_mut().find(|(p, _)| p == "rules.toml").unwrap();
    rules.1 = rules.1.replacen("when = \"subject.is_child and daily_money_quota\"", "when = \"nope_one\"", 1).replacen(
        "floor = \"high\"",
        "floor = \"urgent\"",
        1,
    );
    let e = Protocol::from_files(files).unwrap_err();
    assert!(e.issues.len() >= 2, "{e}");
}

#[test]
fn routing_covers_every_municipality_with_every_institution() {
    let p = Protocol::bundled("bih").unwrap();
    let table = &p.files().iter().find(|(f, _)| f == "jurisdictions.csv").unwrap().1;
    let names: Vec<&str> = table.lines().skip(1).map(|l| l.split(',').next().unwrap()).collect();
    assert!(names.len() >= 140, "{}", names.len());
    for name in names {
        let case = format!(
            r#"{{"id":"r","reported_at":"2026-03-02T09:00:00+01:00","municipality":"{name}","reporter":"school","subject":{{"age":10}},"observations":[{{"indicator":"forced_begging","value":true}},{{"indicator":"daily_money_quota","value":true}}]}}"#
        );
        let a: serde_json::Value = serde_json::from_str(
            &p.assess_json(&case, "2026-03-03T12:00:00+01:00", &putokaz::Options::fast()).unwrap(),
        )
        .unwrap();
        let inst = a["jurisdiction"]["institutions"].as_array().unwrap();
        assert_eq!(inst.len(), 5, "{name}");
        assert!(inst.iter().all(|i| i["institution"].as_str().is_some_and(|s| !s.is_empty())), "{name}");
        let team = a["obligations"].as_array().unwrap().iter().find(|o| o["id"] == "inform_team").unwrap();
        assert!(team["recipient"]["institution"].as_str().is_some(), "{name}");
    }
}

#[test]
fn seed_towns_route_to_their_teams() {
    let p = Protocol::bundled("bih").unwrap();
    let team = |m: &str| {
        let case = format!(
            r#"{{"id":"s","reported_at":"2026-03-02T09:00:00+01:00","municipality":"{m}","subject":{{"age":10}}}}"#
        );
        let a: serde_json::Value = serde_json::from_str(
            &p.assess_json(&case, "2026-03-03T12:00:00+01:00", &putokaz::Options::fast()).unwrap(),
        )
        .unwrap();
        let j = &a["jurisdiction"];
        (j["area"].as_str().unwrap().to_owned(), j["institutions"][0]["institution"].as_str().unwrap().to_owned())
    };
    assert_eq!(team("Jajce"), team("Travnik"));
    assert_eq!(team("Jajce").0, "SBK");
    assert_eq!(team("Tuzla").0, "TK");
    assert_eq!(team("Modriča"), ("Doboj".to_owned(), "Regionalni monitoring tim Doboj".to_owned()));
    assert_eq!(team("Prnjavor"), ("BanjaLuka".to_owned(), "Regionalni monitoring tim Banja Luka".to_owned()));
}

#[test]
fn pack_readmes_show_the_provenance_the_packs_load() {
    for id in Protocol::bundled_ids() {
        let readme =
            std::fs::read_to_string(format!("{}/protocols/{id}/README.md", env!("CARGO_MANIFEST_DIR"))).unwrap();
        let table = Protocol::bundled(id).unwrap().provenance_table();
        assert!(
            readme.contains(&format!("<!-- provenance:start -->\n{}\n<!-- provenance:end -->", table.trim_end())),
            "{id}/README.md is out of date: run core/protocols/update-provenance.sh"
        );
    }
}

// ---------------------------------------------------------------------------
// Hit policies
// ---------------------------------------------------------------------------

const BIH_TABLE: &str = "[tables.classification]\nhit_policy = \"first\"\norder = [\"child_presumed_victim\", \"adult_presumed_victim\", \"child_treated_as_victim\", \"child_found_begging\", \"minor_in_marriage\", \"at_risk\"]\n";

/// Without its declared order, the BiH table is `unique`, and `at_risk` (from level low)
/// can hold together with a presumed-victim rule: refused at `at_risk`'s condition.
#[test]
fn an_overlapping_unique_table_is_refused_at_the_rule() {
    let e = broken("rules.toml", BIH_TABLE, "");
    // `child_found_begging` and `minor_in_marriage` (at risk) overlap the presumed-victim
    // rules too.
    assert_eq!(e.issues.len(), 3, "{e}");
    assert!(e.issues.iter().all(|i| i.kind == PackErrorKind::Conflict), "{e}");
    let issue = e.issues.iter().find(|i| i.message.contains("`at_risk` (at_risk)")).unwrap();
    let loc = issue.location.as_ref().unwrap();
    assert_eq!(loc.file, "rules.toml");
    // Three lines above it are gone with the table.
    assert_eq!((loc.line, loc.column), (line_of("rules.toml", "when = \"level >= \\\"low\\\"\"") - 3, 8));
    assert!(issue.message.contains("`child_presumed_victim`") && issue.message.contains("`at_risk`"), "{e}");
    assert!(issue.message.contains("hit_policy = \"first\""), "{e}");
    // Declared `unique` explicitly, the same.
    let e = broken("rules.toml", "hit_policy = \"first\"\norder = [\"child_presumed_victim\", \"adult_presumed_victim\", \"child_treated_as_victim\", \"child_found_begging\", \"minor_in_marriage\", \"at_risk\"]", "hit_policy = \"unique\"");
    assert_eq!(e.kind(), PackErrorKind::Conflict, "{e}");
}

/// Rules with one result may overlap in a `unique` table; rules that exclude each other
/// by an interval of age may have different results.
#[test]
fn a_unique_table_accepts_rules_that_exclude_each_other() {
    let p = edited(&[
        ("rules.toml", BIH_TABLE, ""),
        (
            "rules.toml",
            "when = \"level >= \\\"low\\\"\"",
            "when = \"level >= \\\"low\\\" and subject.age >= 18 and not adult_pattern\"",
        ),
        (
            "../ilo-2009/rules.toml",
            "when = \"subject.is_child and child_pattern\"",
            "when = \"subject.age < 18 and child_pattern\"",
        ),
        ("rules.toml", "when = \"child_suspected_victim\"", "when = \"child_suspected_victim and subject.age <= 17\""),
        (
            "rules.toml",
            "when = \"subject.is_child and found_begging\"",
            "when = \"subject.age >= 18 and found_begging and not adult_pattern\"",
        ),
        (
            "rules.toml",
            "when = \"subject.is_child and child_marriage\"",
            "when = \"subject.age >= 18 and child_marriage and not adult_pattern\"",
        ),
    ])
    .unwrap();
    assert!(p.warnings().is_empty(), "{:?}", p.warnings());
}

#[test]
fn a_first_table_must_list_every_rule_once() {
    let order = "order = [\"child_presumed_victim\", \"adult_presumed_victim\", \"child_treated_as_victim\", \"child_found_begging\", \"minor_in_marriage\", \"at_risk\"]";
    let e = broken("rules.toml", order, "order = [\"child_presumed_victim\", \"adult_presumed_victm\", \"child_treated_as_victim\", \"child_found_begging\", \"minor_in_marriage\", \"at_risk\", \"at_risk\"]");
    let kinds: Vec<PackErrorKind> = e.issues.iter().map(|i| i.kind).collect();
    assert_eq!(kinds, [PackErrorKind::UnknownName, PackErrorKind::Duplicate, PackErrorKind::Schema], "{e}");
    assert!(e.issues[0].message.contains("did you mean `adult_presumed_victim`"), "{e}");
    assert!(e.issues[2].message.contains("does not list classification rule `adult_presumed_victim`"), "{e}");
    assert!(e.issues.iter().all(|i| i.location.as_ref().is_some_and(|l| l.file == "rules.toml")), "{e}");
    let e = broken("rules.toml", order, "");
    assert_eq!(e.kind(), PackErrorKind::Schema, "{e}");
    let e = broken("rules.toml", "hit_policy = \"first\"", "hit_policy = \"priority\"");
    assert_eq!(e.kind(), PackErrorKind::InvalidValue, "{e}");
    let e = broken("../ilo-2009/rules.toml", "[[classification]]", &format!("{BIH_TABLE}\n[[classification]]"));
    assert_eq!(e.kind(), PackErrorKind::Duplicate, "{e}");
}

/// The rules are tried in the declared order, not in file order.
#[test]
fn a_first_table_is_tried_in_its_order() {
    let case = r#"{"id":"o","reported_at":"2026-03-02T09:00:00+01:00","municipality":"Jajce","subject":{"age":10},"observations":[{"indicator":"forced_begging","value":true}]}"#;
    let class = |p: &Protocol| {
        let a: serde_json::Value =
            serde_json::from_str(&p.assess_json(case, "2026-03-03T12:00:00+01:00", &putokaz::Options::fast()).unwrap())
                .unwrap();
        a["classification"]["value"].as_str().unwrap().to_owned()
    };
    assert_eq!(class(&Protocol::bundled("bih").unwrap()), "presumed_victim");
    let at_risk_first = edited(&[(
        "rules.toml",
        "order = [\"child_presumed_victim\", \"adult_presumed_victim\", \"child_treated_as_victim\", \"child_found_begging\", \"minor_in_marriage\", \"at_risk\"]",
        "order = [\"at_risk\", \"child_presumed_victim\", \"adult_presumed_victim\", \"child_treated_as_victim\", \"child_found_begging\", \"minor_in_marriage\"]",
    )])
    .unwrap();
    assert_eq!(class(&at_risk_first), "at_risk");
}

#[test]
fn overlapping_profiles_are_refused() {
    let e = broken("../ilo-2009/rules.toml", "when = \"not subject.is_child\"", "when = \"subject.age >= 16\"");
    assert_eq!(e.kind(), PackErrorKind::Conflict, "{e}");
    let issue = &e.issues[0];
    assert_eq!(issue.location.as_ref().unwrap().file, "../ilo-2009/rules.toml");
    assert!(
        issue.message.contains("profile `child_labour`") && issue.message.contains("profile `adult_labour`"),
        "{e}"
    );
    // Exclusive by age alone: accepted.
    let both = edited(&[
        ("../ilo-2009/rules.toml", "when = \"subject.is_child\"", "when = \"subject.age < 18\""),
        ("../ilo-2009/rules.toml", "when = \"not subject.is_child\"", "when = \"subject.age >= 18\""),
    ]);
    assert!(both.is_ok(), "{:?}", both.err());
}

#[test]
fn overlapping_exceptions_need_a_declared_order() {
    let second = "[[obligations]]\nid = \"care\"\nexception = \"foreign\"\nlabel = { bs = \"s\", hr = \"s\", \"sr-Latn\" = \"s\", \"sr-Cyrl\" = \"с\", en = \"s\" }\nwhen = \"subject.is_foreign\"\nactor = \"ngo\"\nrecipient = \"person\"\nanchor = \"reported_at\"\ndue = \"param.care_start\"\nmet_by = \"care_provided\"\npriority = 2\nsource = \"greta-bih\"\nstatus = \"secondary\"\n\n[[obligations]]\nid = \"legal_aid_information\"";
    let e = broken("obligations.toml", "[[obligations]]\nid = \"legal_aid_information\"", second);
    assert_eq!(e.kind(), PackErrorKind::Conflict, "{e}");
    assert!(
        e.issues[0].message.contains("exception `foreign_adult`")
            && e.issues[0].message.contains("exception `foreign`"),
        "{e}"
    );
    let base = "met_by = \"care_provided\"\npriority = 2\nsource = \"cets-197\"";
    let ordered = |order: &str| {
        edited(&[
            ("obligations.toml", "[[obligations]]\nid = \"legal_aid_information\"", second),
            ("obligations.toml", base, &format!("{base}\nexception_order = {order}")),
        ])
    };
    let p = ordered("[\"foreign_adult\", \"foreign\"]").unwrap();
    assert!(p.warnings().is_empty(), "{:?}", p.warnings());
    // The other way round, the adult exception can never apply: a warning.
    let p = ordered("[\"foreign\", \"foreign_adult\"]").unwrap();
    assert_eq!(p.warnings().len(), 1, "{:?}", p.warnings());
    assert_eq!(p.warnings()[0].kind, PackErrorKind::Unreachable);
    assert!(p.warnings()[0].message.contains("exception `foreign_adult`"), "{:?}", p.warnings());
    assert_eq!(ordered("[\"foreign\"]").unwrap_err().kind(), PackErrorKind::Schema);
}

#[test]
fn rules_that_can_never_fire_are_warned_about() {
    let order = "order = [\"child_presumed_victim\", \"adult_presumed_victim\", \"child_treated_as_victim\", \"child_found_begging\", \"minor_in_marriage\", \"at_risk\"]";
    let shadowed = "[[classification]]\nid = \"at_risk_moderate\"\nlabel = { bs = \"s\", hr = \"s\", \"sr-Latn\" = \"s\", \"sr-Cyrl\" = \"с\", en = \"s\" }\nresult = \"at_risk\"\nwhen = \"level >= \\\"moderate\\\"\"\nsource = \"bih-pack-policy\"\nstatus = \"local_policy\"\n\n[[classification]]\nid = \"at_risk\"";
    let p = edited(&[
        ("rules.toml", "[[classification]]\nid = \"at_risk\"", shadowed),
        ("rules.toml", order, "order = [\"child_presumed_victim\", \"adult_presumed_victim\", \"child_treated_as_victim\", \"child_found_begging\", \"minor_in_marriage\", \"at_risk\", \"at_risk_moderate\"]"),
        ("rules.toml", "when = \"no_birth_registration or missing_documents\"", "when = \"subject.age < 12 and subject.age > 11\""),
    ])
    .unwrap();
    // The rules `at_risk_moderate` must not meet include the age test of
    // `marriage_under_16`: the question is answered within the analysis's work budget.
    let w = p.warnings();
    assert_eq!(w.len(), 2, "{w:?}");
    assert!(w.iter().all(|w| w.kind == PackErrorKind::Unreachable), "{w:?}");
    assert!(
        w.iter().any(|w| w.message.contains("classification rule `at_risk_moderate`")
            && w.message.contains("before it in `order`")),
        "{w:?}"
    );
    let term = w.iter().find(|w| w.message.contains("score term `no_identity`")).unwrap();
    assert!(term.message.contains("no case satisfies"), "{term:?}");
    assert_eq!(term.location.as_ref().unwrap().file, "rules.toml");
    assert_eq!(PackErrorKind::Unreachable.as_str(), "unreachable");
}

// ---------------------------------------------------------------------------
// Protected attributes follow every path
// ---------------------------------------------------------------------------

/// `escalate_to_team` reading `overdue.offer_roma_mediator` would go to the coordination
/// team only for Roma cases.
#[test]
fn a_protected_attribute_reaching_a_duty_through_overdue_is_refused() {
    let e = broken(
        "obligations.toml",
        "when = \"(overdue.notify_csw or overdue.notify_police) and level >= \\\"moderate\\\" and exploitation_or_coercion_signal\"",
        "when = \"(overdue.notify_csw or overdue.notify_police or overdue.offer_roma_mediator) and level >= \\\"moderate\\\" and exploitation_or_coercion_signal\"",
    );
    assert_eq!(e.issues.len(), 1, "{e}");
    let issue = &e.issues[0];
    assert_eq!(issue.kind, PackErrorKind::Protected);
    assert!(
        issue.message.contains("obligation `escalate_to_team` reads `overdue.offer_roma_mediator`, which depends on the protected attribute `roma_community`"),
        "{e}"
    );
    assert!(issue.message.contains("consent") && issue.message.contains("`coordination_team`"), "{e}");
    let loc = issue.location.as_ref().unwrap();
    assert_eq!(
        (loc.file.as_str(), loc.line),
        (
            "obligations.toml",
            line_of(
                "obligations.toml",
                "when = \"(overdue.notify_csw or overdue.notify_police) and level >= \\\"moderate\\\" and exploitation_or_coercion_signal\""
            )
        )
    );
}

/// A clock started by the event that fulfils a protected duty reveals the attribute too.
#[test]
fn a_protected_attribute_reaching_a_duty_through_its_anchor_is_refused() {
    let e = broken("obligations.toml", "anchor = \"police_notified\"", "anchor = \"mediator_contacted\"");
    assert_eq!(e.kind(), PackErrorKind::Protected, "{e}");
    assert!(e.issues[0].message.contains("obligation `inform_prosecutor` starts its clock at `mediator_contacted`, the event that fulfils `offer_roma_mediator`"), "{e}");
}

#[test]
fn a_protected_attribute_routes_only_with_consent_and_only_where_declared() {
    let e = broken("obligations.toml", "consent = \"roma_mediator\"\n", "");
    assert_eq!(e.kind(), PackErrorKind::Protected, "{e}");
    assert!(
        e.issues[0]
            .message
            .contains("obligation `offer_roma_mediator` reads the protected attribute `roma_community`;")
            && e.issues[0].message.contains("but it does not wait for consent"),
        "{e}"
    );
    let e = broken("obligations.toml", "recipient = \"roma_mediator\"", "recipient = \"ngo\"");
    assert!(
        e.issues[0].message.contains("but it goes to `ngo`, while `roma_community` routes only to `roma_mediator`"),
        "{e}"
    );
    // Through a fact, the same.
    let e = edited(&[
        ("obligations.toml", "when = \"roma_community and classification", "when = \"roma_offer_due and classification"),
        ("obligations.toml", "recipient = \"roma_mediator\"", "recipient = \"police\""),
        ("rules.toml", "[facts.child_suspected_victim]", "[facts.roma_offer_due]\nlabel = { bs = \"s\", hr = \"s\", \"sr-Latn\" = \"s\", \"sr-Cyrl\" = \"с\", en = \"s\" }\nwhen = \"roma_community\"\nsource = \"bih-pack-policy\"\nstatus = \"local_policy\"\n\n[facts.child_suspected_victim]"),
    ])
    .unwrap_err();
    assert!(
        e.issues[0].message.contains("reads the protected attribute `roma_community` through fact `roma_offer_due`;")
            && e.issues[0].message.contains("it goes to `police`"),
        "{e}"
    );
    // Without `routes`, a protected indicator routes nowhere.
    let e = broken("indicators.toml", "routes = [\"roma_mediator\"]\n", "");
    assert!(e.issues[0].message.contains("while `roma_community` routes to no role"), "{e}");
}

#[test]
fn routes_belong_to_protected_indicators_and_name_roles() {
    let e = broken("indicators.toml", "routes = [\"roma_mediator\"]", "routes = [\"roma_mediatr\"]");
    assert_eq!(e.kind(), PackErrorKind::UnknownName, "{e}");
    assert!(e.issues[0].message.contains("did you mean `roma_mediator`"), "{e}");
    let e = broken("indicators.toml", "protected = true\n", "");
    assert_eq!(e.kind(), PackErrorKind::Schema, "{e}");
}

// ---------------------------------------------------------------------------
// Kinds, versions, limits
// ---------------------------------------------------------------------------

/// The kind comes from the step that failed: TOML syntax, then the pack's schema. A
/// value of the wrong range is schema, whatever the message says.
#[test]
fn error_kinds_come_from_the_parsing_step() {
    let rules = "../ilo-2009/rules.toml";
    for (find, replace, kind) in [
        ("majority = 18", "majority = -1", PackErrorKind::Schema),
        ("majority = 18", "majority = \"18\"", PackErrorKind::Schema),
        ("majority = 18", "majority = 18\nmajority = 19", PackErrorKind::Syntax),
        ("majority = 18", "majority = ", PackErrorKind::Syntax),
    ] {
        let e = broken(rules, find, replace);
        assert_eq!(e.kind(), kind, "{replace}: {e}");
        let loc = e.issues[0].location.as_ref().unwrap();
        assert_eq!(loc.file, rules);
    }
    // The position is the value's own.
    let e = broken(rules, "majority = 18", "majority = -1");
    let text = Protocol::bundled("bih").unwrap().files().iter().find(|(p, _)| p == rules).unwrap().1.clone();
    let line = text.lines().position(|l| l == "majority = 18").unwrap() as u32 + 1;
    let loc = e.issues[0].location.as_ref().unwrap();
    assert_eq!((loc.line, loc.column), (line, 12), "{e}");
    let e = broken(
        "obligations.toml",
        "priority = 3\nconsent = \"roma_mediator\"",
        "priority = 300\nconsent = \"roma_mediator\"",
    );
    assert_eq!(e.kind(), PackErrorKind::Schema, "{e}");
}

#[test]
fn versions_are_semver() {
    for bad in ["01.2.3", "1.2", "1.2.3.4", "v1.2.3", "1.02.3", ""] {
        let e = broken("pack.toml", "version = \"0.2.0\"", &format!("version = \"{bad}\""));
        assert_eq!(e.kind(), PackErrorKind::InvalidValue, "{bad}: {e}");
    }
    for good in ["1.2.3", "0.1.0-rc.1", "10.20.30+build.7"] {
        assert!(edited(&[("pack.toml", "version = \"0.2.0\"", &format!("version = \"{good}\""))]).is_ok(), "{good}");
    }
}

/// A pack file that never ends (a link to `/dev/zero`) is read only up to the limit.
#[cfg(unix)]
#[test]
fn an_endless_pack_file_is_a_limit_not_a_hang() {
    let dir = std::env::temp_dir().join(format!("putokaz-endless-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let base =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/malformed/base-pack.toml")).unwrap();
    let head = base.replacen("languages = [\"en\"]", "languages = [\"en\"]\nfiles = [\"more.toml\"]", 1);
    std::fs::write(dir.join("pack.toml"), head).unwrap();
    let _ = std::fs::remove_file(dir.join("more.toml"));
    std::os::unix::fs::symlink("/dev/zero", dir.join("more.toml")).unwrap();
    let e = Protocol::from_dir(&dir).unwrap_err();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(e.kind(), PackErrorKind::Limit, "{e}");
    let loc = e.issues[0].location.as_ref().unwrap();
    assert_eq!(loc.file, "pack.toml");
}

/// The base pack with `facts` appended to it.
fn with_facts(facts: &str) -> Result<Protocol, putokaz::PackError> {
    let base =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/malformed/base-pack.toml")).unwrap();
    Protocol::from_toml(&format!("{base}\n{facts}"))
}

/// `chains` chains of `depth` facts each, `c{k}_{i}` reading `c{k}_{i-1}`.
fn chains(chains: usize, depth: usize) -> String {
    let mut out = String::new();
    for k in 0..chains {
        for i in 0..depth {
            let reads = if i == 0 { "long_hours".to_owned() } else { format!("c{k}_{}", i - 1) };
            out.push_str(&format!(
                "[facts.c{k}_{i}]\nlabel = {{ en = \"c\" }}\nwhen = \"{reads} and long_hours\"\nsource = \"s\"\nstatus = \"verified\"\n"
            ));
        }
    }
    out
}

/// Checking is linear: the largest packs the limits allow load (a count, not a time),
/// and one more fact, or one more link in a chain, is a located `pack.limit`.
#[test]
fn the_fact_limits_are_enforced_on_both_sides() {
    use putokaz::{MAX_FACTS, MAX_FACT_DEPTH};
    let deepest = with_facts(&chains(1, MAX_FACT_DEPTH)).unwrap();
    assert_eq!(deepest.vocabulary().facts.len(), MAX_FACT_DEPTH + 1);
    let e = with_facts(&chains(1, MAX_FACT_DEPTH + 1)).unwrap_err();
    assert_eq!(e.kind(), PackErrorKind::Limit, "{e}");
    assert!(e.issues[0].message.contains(&format!("a chain of {}", MAX_FACT_DEPTH + 1)), "{e}");
    let most = chains(MAX_FACTS / MAX_FACT_DEPTH, MAX_FACT_DEPTH - 1);
    let room = MAX_FACTS - 1 - (MAX_FACTS / MAX_FACT_DEPTH) * (MAX_FACT_DEPTH - 1);
    let most = format!("{most}{}", chains(1, room).replace("[facts.c0_", "[facts.d0_").replace("\"c0_", "\"d0_"));
    let p = with_facts(&most).unwrap();
    assert_eq!(p.vocabulary().facts.len(), MAX_FACTS);
    let e = with_facts(&format!("{most}{}", chains(1, 1).replace("c0_0", "z"))).unwrap_err();
    assert_eq!(e.kind(), PackErrorKind::Limit, "{e}");
    assert!(e.issues[0].location.is_some());
}

/// A circle is listed in its own order, from its first member.
#[test]
fn a_cycle_lists_its_members_in_order() {
    let fact = |name: &str, reads: &str| {
        format!("[facts.{name}]\nlabel = {{ en = \"x\" }}\nwhen = \"{reads}\"\nsource = \"s\"\nstatus = \"verified\"\n")
    };
    let e = with_facts(&format!("{}{}{}", fact("a", "c"), fact("b", "a"), fact("c", "b"))).unwrap_err();
    assert_eq!(e.kind(), PackErrorKind::Cycle);
    assert!(e.issues[0].message.ends_with("facts refer to each other in a circle: a → c → b → a"), "{e}");
}

/// 48 levels of brackets are allowed (the documented limit), 49 are not.
#[test]
fn conditions_nest_48_levels_deep() {
    let nested = |n: usize| format!("{}long_hours{}", "(".repeat(n), ")".repeat(n));
    let base =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/malformed/base-pack.toml")).unwrap();
    let with = |n: usize| {
        Protocol::from_toml(&base.replacen("when = \"long_hours\"", &format!("when = \"{}\"", nested(n)), 1))
    };
    assert!(with(48).is_ok());
    assert_eq!(with(49).unwrap_err().kind(), PackErrorKind::Syntax);
}

/// A case that names a city made up of municipalities is told which ones; the message
/// names the pack's city, not what the case typed.
#[test]
fn a_city_of_several_municipalities_is_refused_with_its_municipalities() {
    let p = Protocol::bundled("bih").unwrap();
    let case = |m: &str| format!(r#"{{"id":"c","reported_at":"2026-03-05T10:00:00+01:00","municipality":"{m}"}}"#);
    for (typed, listed) in [
        ("Sarajevo", "the city of Sarajevo spans Centar, Novi Grad (Sarajevo), Novo Sarajevo, Stari Grad"),
        ("ISTOCNO sarajevo", "the city of Istočno Sarajevo spans Istočna Ilidža, Istočni Stari Grad, Istočno Novo Sarajevo, Pale (RS), Sokolac, Trnovo (RS)"),
    ] {
        let e = p.assess_json(&case(typed), "2026-03-06T12:00:00+01:00", &putokaz::Options::fast()).unwrap_err();
        let text = e.to_string();
        assert!(text.contains(listed), "{text}");
        assert!(!text.contains(typed) || typed == "Sarajevo", "{text}");
    }
}

#[test]
fn a_city_must_be_made_of_the_table_s_municipalities() {
    let e = broken("cities.toml", "\"Stari Grad\"]", "\"Stari Grat\"]");
    assert_eq!(e.kind(), PackErrorKind::UnknownName, "{e}");
    assert!(e.issues[0].message.contains("did you mean `Stari Grad`"), "{e}");
    let e = broken("cities.toml", "name = \"Sarajevo\"", "name = \"Centar\"");
    assert_eq!(e.kind(), PackErrorKind::Duplicate, "{e}");
}

/// The neutral benchmark workload stays a valid pack without warnings.
#[test]
fn the_peer_benchmark_pack_loads_cleanly() {
    let p = Protocol::from_toml(include_str!("../benches/peer-pack/pack.toml")).unwrap();
    assert!(p.warnings().is_empty(), "{:?}", p.warnings());
    assert_eq!((p.indicators().len(), p.vocabulary().event_kinds.len()), (17, 8));
}

/// A Serbian Cyrillic label edited by hand, away from its Latin one, is warned about
/// with the transliteration that belongs there.
#[test]
fn a_cyrillic_label_that_is_not_the_latin_one_transliterated_is_warned_about() {
    let p = edited(&[("rules.toml", "\"sr-Cyrl\" = \"Дијете живи", "\"sr-Cyrl\" = \"Дете живи")]).unwrap();
    let w = p.warnings().iter().find(|w| w.message.contains("transliteration")).expect("a warning");
    assert!(w.message.contains("`Дијете живи"), "{}", w.message);
    assert_eq!(w.location.as_ref().unwrap().file, "rules.toml");
}
