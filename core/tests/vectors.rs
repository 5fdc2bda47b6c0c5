//! Cross-language conformance vectors (`tests/vectors/`): each case, assessed from Rust,
//! must give exactly the expected JSON bytes — the same bytes the C and Python suites
//! check. `PUTOKAZ_REGENERATE=1` rewrites the expected files instead (see
//! `tests/vectors/regenerate.sh`, which shows the differences for review); CI never sets it.

use putokaz::{Case, Options, Protocol};
use std::path::{Path, PathBuf};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors")
}

/// Assesses one vector file: `{pack, as_of, lang, name, case}`.
pub fn assess_vector(text: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(text).expect("vector is JSON");
    let protocol = Protocol::bundled(v["pack"].as_str().unwrap()).unwrap();
    let case = Case::from_json(&v["case"].to_string()).unwrap();
    let as_of = putokaz::parse_as_of(v["as_of"].as_str().unwrap()).unwrap();
    let mut options = Options::default();
    if let Some(code) = v["lang"].as_str() {
        options = options.language(code.parse().unwrap());
    }
    protocol.assess(&case, as_of, &options).unwrap().to_json()
}

#[test]
fn every_vector_gives_the_expected_bytes() {
    let regenerate = std::env::var_os("PUTOKAZ_REGENERATE").is_some();
    let mut names: Vec<_> = std::fs::read_dir(dir().join("cases")).unwrap().map(|e| e.unwrap().path()).collect();
    names.sort();
    assert!(names.len() >= 40, "only {} vectors", names.len());
    let mut mismatches = Vec::new();
    for path in &names {
        let got = assess_vector(&std::fs::read_to_string(path).unwrap()) + "\n";
        let expected_path = dir().join("expected").join(path.file_name().unwrap());
        if regenerate {
            std::fs::create_dir_all(expected_path.parent().unwrap()).unwrap();
            std::fs::write(&expected_path, &got).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if got != expected {
            mismatches.push(path.file_name().unwrap().to_string_lossy().into_owned());
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} vectors differ (review with tests/vectors/regenerate.sh): {mismatches:?}",
        mismatches.len()
    );
}

#[test]
fn vectors_cover_every_level_classification_and_status() {
    let mut seen = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir(dir().join("expected")).unwrap() {
        let a: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap()).unwrap();
        seen.insert(format!("level:{}", a["level"]["value"].as_str().unwrap()));
        seen.insert(format!("class:{}", a["classification"]["value"].as_str().unwrap()));
        seen.insert(format!("pack:{}", a["protocol"]["id"].as_str().unwrap()));
        seen.insert(format!("lang:{}", a["language"].as_str().unwrap()));
        seen.insert(format!("basis:{}", a["subject"]["child_basis"].as_str().unwrap()));
        for o in a["obligations"].as_array().unwrap() {
            seen.insert(format!("status:{}", o["status"].as_str().unwrap()));
        }
    }
    for want in [
        "level:none",
        "level:low",
        "level:moderate",
        "level:high",
        "level:very_high",
        "class:presumed_victim",
        "class:at_risk",
        "class:insufficient_indicators",
        "status:met",
        "status:pending",
        "status:overdue",
        "status:offered",
        "status:depends_on_unknown",
        "pack:bih",
        "pack:ilo-2009",
        "lang:bs",
        "lang:hr",
        "lang:sr-Latn",
        "lang:sr-Cyrl",
        "lang:en",
        "basis:birth_date",
        "basis:stated_age",
        "basis:age_range",
        "basis:presumed_minor_age_range",
        "basis:presumed_minor_appearance",
        "basis:unknown",
    ] {
        assert!(seen.contains(want), "no vector with {want}");
    }
}

/// The lean screening JSON says what the full assessment says, for every vector.
#[test]
fn screening_json_agrees_with_the_assessment() {
    for entry in std::fs::read_dir(dir().join("cases")).unwrap() {
        let path = entry.unwrap().path();
        let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let protocol = Protocol::bundled(v["pack"].as_str().unwrap()).unwrap();
        let (case, as_of) = (v["case"].to_string(), v["as_of"].as_str().unwrap());
        let a: serde_json::Value =
            serde_json::from_str(&protocol.assess_json(&case, as_of, &Options::default()).unwrap()).unwrap();
        let s: serde_json::Value = serde_json::from_str(&protocol.screen_json(&case, as_of, true).unwrap()).unwrap();
        let name = path.display();
        assert_eq!(s["case_id"], a["case_id"], "{name}");
        assert_eq!(s["level"], a["level"]["value"], "{name}");
        assert_eq!(s["level_min"], a["level"]["possible"]["min"], "{name}");
        assert_eq!(s["level_max"], a["level"]["possible"]["max"], "{name}");
        assert_eq!(s["classification"], a["classification"]["value"], "{name}");
        assert_eq!(s["score"], a["score"]["value"], "{name}");
        assert_eq!(s["score_min"], a["score"]["possible"]["min"], "{name}");
        assert_eq!(s["score_max"], a["score"]["possible"]["max"], "{name}");
        assert_eq!(s["is_child"], a["subject"]["is_child"], "{name}");
        assert_eq!(s["first_unknown"], a["unknowns"].get(0).map_or(serde_json::Value::Null, |u| u["input"].clone()));
        let obligations = a["obligations"].as_array().unwrap();
        for status in ["met", "pending", "overdue", "offered", "depends_on_unknown"] {
            let n = obligations.iter().filter(|o| o["status"] == status).count();
            assert_eq!(s[status], n, "{name} {status}");
        }
        let next = obligations
            .iter()
            .filter(|o| o["status"] == "pending" || o["status"] == "overdue")
            .filter(|o| !o["due_unix"].is_null())
            .min_by_key(|o| o["due_unix"].as_i64());
        assert_eq!(s["next_due"], next.map_or(serde_json::Value::Null, |o| o["due"].clone()), "{name}");
        assert_eq!(s["next_due_unix"], next.map_or(serde_json::Value::Null, |o| o["due_unix"].clone()), "{name}");
    }
}
