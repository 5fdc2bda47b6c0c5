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

/// A copy of the BiH pack with one file edited.
fn broken(file: &str, find: &str, replace: &str) -> putokaz::PackError {
    let mut files = Protocol::bundled("bih").unwrap().files().to_vec();
    let entry = files.iter_mut().find(|(p, _)| p == file).unwrap_or_else(|| panic!("no file {file}"));
    assert!(entry.1.contains(find), "{file} does not contain {find:?}");
    entry.1 = entry.1.replacen(find, replace, 1);
    match Protocol::from_files(files) {
        Ok(_) => panic!("the broken pack loaded"),
        Err(e) => e,
    }
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
