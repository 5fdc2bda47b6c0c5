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
    let options = Options { language: v["lang"].as_str().map(str::to_owned), ..Options::default() };
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
