//! The malformed-input catalogue (`tests/malformed/catalogue.json`): every entry is
//! refused with its expected error kind, nothing panics, and no error text contains the
//! marker planted in personal fields. The C and Python suites run the same catalogue.

use putokaz::{Options, Protocol};
use serde_json::Value;

fn catalogue() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/malformed/catalogue.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Builds the input an entry describes (`input`, or `generate` for large inputs).
pub fn input(entry: &Value) -> Option<String> {
    if let Some(text) = entry["input"].as_str() {
        return Some(text.to_owned());
    }
    let g = &entry["generate"];
    let n = |k: &str| g[k].as_u64().unwrap() as usize;
    let head = r#"{"id":"m","reported_at":"2026-03-02T09:00:00+01:00","municipality":"Jajce","subject":{"age":10}"#;
    Some(match g["kind"].as_str()? {
        "deep_nesting" => format!(
            "{head},\"observations\":[{{\"indicator\":\"forced_begging\",\"value\":{}{}}}]}}",
            "[".repeat(n("depth")),
            "]".repeat(n("depth"))
        ),
        "big_string" => {
            let field = g["field"].as_str().unwrap();
            let big = "x".repeat(n("bytes"));
            if field == "id" {
                format!(r#"{{"id":"{big}","reported_at":"2026-03-02T09:00:00+01:00"}}"#)
            } else {
                format!(r#"{{"id":"m","reported_at":"2026-03-02T09:00:00+01:00","{field}":"{big}"}}"#)
            }
        }
        "whitespace" => format!("{}{head}}}", " ".repeat(n("bytes"))),
        "many_observations" => {
            let one = r#"{"indicator":"forced_begging","value":true}"#;
            format!("{head},\"observations\":[{}]}}", vec![one; n("count")].join(","))
        }
        "many_events" => {
            let one = r#"{"kind":"csw_notified","at":"2026-03-02T10:00:00+01:00"}"#;
            format!("{head},\"events\":[{}]}}", vec![one; n("count")].join(","))
        }
        _ => return None,
    })
}

#[test]
fn every_malformed_case_is_refused_with_its_kind_and_no_personal_value() {
    let c = catalogue();
    let marker = c["marker"].as_str().unwrap();
    let protocol = Protocol::bundled(c["pack"].as_str().unwrap()).unwrap();
    let as_of = c["as_of"].as_str().unwrap();
    let mut wrong = Vec::new();
    let mut checked = 0;
    for e in c["cases"].as_array().unwrap() {
        if e["languages"].as_array().is_some_and(|l| !l.iter().any(|x| x == "rust")) {
            continue;
        }
        let text = input(e).unwrap_or_else(|| panic!("cannot build {}", e["name"]));
        checked += 1;
        match protocol.assess_json(&text, as_of, &Options::default()) {
            Ok(_) => wrong.push(format!("{}: accepted", e["name"])),
            Err(err) => {
                if err.kind() != e["expect"].as_str().unwrap() {
                    wrong.push(format!("{}: {} (expected {}): {err}", e["name"], err.kind(), e["expect"]));
                }
                if err.to_string().contains(marker) {
                    wrong.push(format!("{}: the error text repeats a personal value", e["name"]));
                }
            }
        }
    }
    assert!(checked >= 60, "{checked}");
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn malformed_as_of_is_refused() {
    let c = catalogue();
    let protocol = Protocol::bundled("bih").unwrap();
    let case = r#"{"id":"m","reported_at":"2024-03-02T09:00:00+01:00"}"#;
    for e in c["as_of_errors"].as_array().unwrap() {
        let err = protocol.assess_json(case, e["as_of"].as_str().unwrap(), &Options::default()).unwrap_err();
        assert_eq!(err.kind(), e["expect"].as_str().unwrap(), "{}", e["name"]);
    }
}

#[test]
fn every_malformed_pack_is_refused_with_its_kind() {
    let c = catalogue();
    let base =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/malformed/base-pack.toml")).unwrap();
    Protocol::from_toml(&base).expect("the base pack is valid");
    let mut wrong = Vec::new();
    for e in c["packs"].as_array().unwrap() {
        let text = match (e["replace_all"].as_str(), e["find"].as_str()) {
            (Some(all), _) => all.to_owned(),
            (None, Some(find)) => {
                assert!(base.contains(find), "{}: base lacks {find:?}", e["name"]);
                base.replacen(find, e["replace"].as_str().unwrap(), 1)
            }
            _ => panic!("{}: no edit", e["name"]),
        };
        match Protocol::from_toml(&text) {
            Ok(_) => wrong.push(format!("{}: loaded", e["name"])),
            Err(err) => {
                let kind = format!("pack.{}", err.kind().as_str());
                if kind != e["expect"].as_str().unwrap() {
                    wrong.push(format!("{}: {kind} (expected {}): {err}", e["name"], e["expect"]));
                }
                if err.issues.iter().any(|i| i.location.is_none())
                    && !matches!(kind.as_str(), "pack.schema" | "pack.missing_file" | "pack.limit")
                {
                    wrong.push(format!("{}: an issue without a location: {err}", e["name"]));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}
