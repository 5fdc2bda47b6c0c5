//! The malformed-input catalogue (`tests/malformed/catalogue.json`): every entry is
//! refused with its expected error kind, nothing panics, and no error text contains the
//! marker planted in personal fields. The C and Python suites run the same catalogue.
//! A property test then plants the marker in every string position of the case schema,
//! keys included, and checks every error it gets.

use proptest::prelude::*;
use putokaz::{Case, Options, Protocol};
use serde_json::{json, Map, Value};

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
                if format!("{err} {err:?}").contains(marker) {
                    wrong.push(format!("{}: the error text repeats a personal value", e["name"]));
                }
            }
        }
    }
    assert!(checked >= 140, "{checked}");
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// A case read from JSON and the same case built in code are bound by the same checks:
/// every catalogue entry that is a case in shape gets the same error either way.
#[test]
fn json_and_a_case_built_in_code_get_the_same_error() {
    let c = catalogue();
    let protocol = Protocol::bundled(c["pack"].as_str().unwrap()).unwrap();
    let as_of = c["as_of"].as_str().unwrap();
    let at = putokaz::parse_as_of(as_of).unwrap();
    let mut compared = 0;
    for e in c["cases"].as_array().unwrap() {
        let Some(text) = input(e) else { continue };
        let Ok(case) = Case::from_json(&text) else { continue };
        let from_json = protocol.assess_json(&text, as_of, &Options::fast()).unwrap_err();
        let from_code = protocol.assess(&case, at, &Options::fast()).unwrap_err();
        assert_eq!(from_json, from_code, "{}", e["name"]);
        compared += 1;
    }
    assert!(compared >= 40, "{compared}");
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

#[test]
fn bytes_that_are_not_utf8_are_a_syntax_error() {
    let c = catalogue();
    for e in c["cases"].as_array().unwrap().iter().filter(|e| e["input_hex"].is_string()) {
        let hex = e["input_hex"].as_str().unwrap();
        let bytes: Vec<u8> =
            (0..hex.len()).step_by(2).map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap()).collect();
        let err = putokaz::Error::from(Case::from_json_bytes(&bytes).unwrap_err());
        assert_eq!(err.kind(), e["expect"].as_str().unwrap(), "{}", e["name"]);
    }
}

/// Packs read from a directory: a file over the size limit, or one that never ends, is
/// refused as `pack.limit` without being read whole.
#[test]
fn every_malformed_pack_directory_is_refused_with_its_kind() {
    let c = catalogue();
    let base =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/malformed/base-pack.toml")).unwrap();
    for e in c["pack_dirs"].as_array().unwrap() {
        let dir = std::env::temp_dir().join(format!("putokaz-pack-dir-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("pack.toml");
        if let Some(n) = e["pad_to"].as_u64() {
            let mut text = base.clone();
            text.push('#');
            text.push_str(&"x".repeat(n as usize - text.len()));
            std::fs::write(&file, text).unwrap();
        } else if let Some(target) = e["link_to"].as_str() {
            #[cfg(unix)]
            std::os::unix::fs::symlink(target, &file).unwrap();
            #[cfg(not(unix))]
            continue;
        }
        let err = Protocol::from_dir(&dir).unwrap_err();
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(format!("pack.{}", err.kind().as_str()), e["expect"].as_str().unwrap(), "{}: {err}", e["name"]);
    }
}

// ---------------------------------------------------------------------------
// The marker in every string position
// ---------------------------------------------------------------------------

const MARKER: &str = "MARKER-7f3a9";

/// The marker as a value may carry it: with quotes, backticks, escapes, control and
/// non-ASCII characters around it, or spelt with a JSON escape inside.
fn marked() -> impl Strategy<Value = String> {
    let around = prop::sample::select(vec!["", "\"", "`", "\\", "\n", "\u{1b}[2J", "é", " ", "'", "${", "%s"]);
    (around.clone(), around, any::<bool>()).prop_map(|(a, b, twice)| {
        let m = if twice { format!("{MARKER}`{MARKER}`") } else { MARKER.to_owned() };
        format!("{a}{m}{b}")
    })
}

/// A JSON value of any type that carries the marker somewhere (keys included).
fn marked_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        marked().prop_map(Value::String),
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-5i64..200).prop_map(|n| json!(n)),
        Just(json!(2.5)),
    ];
    let tree = leaf.prop_recursive(3, 12, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(Value::Array),
            (marked(), inner).prop_map(|(k, v)| Value::Object(Map::from_iter([(k, v)]))),
        ]
    });
    prop_oneof![marked().prop_map(Value::String), tree]
}

/// What one field of the schema gets: its valid value, the marker as a text, a value of
/// any type carrying the marker, or nothing.
fn slot(valid: Value) -> impl Strategy<Value = Option<Value>> {
    prop_oneof![
        4 => Just(Some(valid)),
        2 => marked().prop_map(|m| Some(Value::String(m))),
        2 => marked_value().prop_map(Some),
        1 => Just(None),
    ]
}

/// An object of the schema: each field from `slot`, and maybe an unknown key that
/// carries the marker.
fn object(fields: Vec<(&'static str, Value)>) -> impl Strategy<Value = Value> {
    let names: Vec<&'static str> = fields.iter().map(|(n, _)| *n).collect();
    let slots: Vec<_> = fields.into_iter().map(|(_, v)| slot(v)).collect();
    (slots, prop::option::weighted(0.2, (marked(), marked_value()))).prop_map(move |(values, extra)| {
        let mut m = Map::new();
        for (name, v) in names.iter().zip(values) {
            if let Some(v) = v {
                m.insert((*name).to_owned(), v);
            }
        }
        if let Some((k, v)) = extra {
            m.insert(k, v);
        }
        Value::Object(m)
    })
}

fn a_case() -> impl Strategy<Value = Value> {
    let t = "2026-03-02T10:00:00+01:00";
    let subject = object(vec![
        ("birth_date", json!("2015-09-14")),
        ("age", json!(10)),
        ("appears_minor", json!(true)),
        ("sex", json!("female")),
        ("citizenship", json!("BA")),
    ]);
    let age_range = object(vec![("min", json!(12)), ("max", json!(16))]);
    let observation = object(vec![
        ("indicator", json!("forced_begging")),
        ("value", json!(true)),
        ("observed_at", json!(t)),
        ("observed_by", json!("school")),
    ]);
    let event = object(vec![("kind", json!("csw_notified")), ("at", json!(t)), ("by", json!("school"))]);
    let consent = object(vec![("scope", json!("roma_mediator")), ("given", json!(true)), ("at", json!(t))]);
    let decision = object(vec![("direction", json!("raise")), ("reason", json!("r")), ("reviewer", json!("s"))]);
    let top = object(vec![
        ("id", json!("m")),
        ("reported_at", json!("2026-03-02T09:00:00+01:00")),
        ("municipality", json!("Jajce")),
        ("reporter", json!("school")),
    ]);
    let list = |entry: BoxedStrategy<Value>| prop::collection::vec(entry, 0..3).prop_map(Value::Array);
    (
        top,
        (subject, prop::option::of(age_range)),
        list(observation.boxed()),
        list(event.boxed()),
        list(consent.boxed()),
        prop::option::of(decision),
    )
        .prop_map(|(mut top, (mut subject, range), observations, events, consents, decision)| {
            if let (Some(range), Value::Object(s)) = (range, &mut subject) {
                s.remove("birth_date");
                s.remove("age");
                s.insert("age_range".into(), range);
            }
            let m = top.as_object_mut().unwrap();
            m.insert("subject".into(), subject);
            m.insert("observations".into(), observations);
            m.insert("events".into(), events);
            m.insert("consents".into(), consents);
            if let Some(d) = decision {
                m.insert("discretionary_override".into(), d);
            }
            top
        })
}

fn bih() -> &'static Protocol {
    static P: std::sync::OnceLock<Protocol> = std::sync::OnceLock::new();
    P.get_or_init(|| Protocol::bundled("bih").unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, ..ProptestConfig::default() })]

    /// Whatever the case holds, and wherever its text is cut, an error never carries the
    /// marker: not in its message, its path or its debug form.
    #[test]
    fn no_error_repeats_a_planted_value(case in a_case(), cut in prop::option::weighted(0.15, 0.0f64..1.0)) {
        let mut text = case.to_string();
        if let Some(at) = cut {
            let mut end = (text.len() as f64 * at) as usize;
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            text.truncate(end);
        }
        let options = Options::default();
        if let Err(e) = bih().assess_json(&text, "2026-03-06T12:00:00+01:00", &options) {
            let shown = format!("{e} {e:?} {}", e.kind());
            prop_assert!(!shown.contains(MARKER), "{shown}\n{text}");
        }
        if let Err(e) = bih().screen_json(&text, "2026-03-06T12:00:00+01:00", false) {
            prop_assert!(!format!("{e} {e:?}").contains(MARKER), "{e}");
        }
    }
}
