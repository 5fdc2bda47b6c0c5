//! Arbitrary text as one condition of a small valid pack (`tests/malformed/base-pack.toml`,
//! the `when` of the fact `exploited`, written as a TOML basic string with every special
//! character escaped): parsing, type-checking and — when the pack loads — evaluating the
//! condition over a few cases must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use putokaz::{Options, Protocol};
use std::fmt::Write;

const BASE: &str = include_str!("../../malformed/base-pack.toml");
const SLOT: &str = "when = \"long_hours\"";
const AS_OF: &str = "2026-03-06T12:00:00+01:00";

/// Cases that reach every kind of value a condition of the base pack can read.
const CASES: &[&str] = &[
    r#"{"id":"a","reported_at":"2026-03-02T09:00:00+01:00","subject":{"age":10},"observations":[{"indicator":"long_hours","value":true}]}"#,
    r#"{"id":"b","reported_at":"2026-03-02T09:00:00+01:00","subject":{"age":30,"sex":"female","citizenship":"RS"},"observations":[{"indicator":"long_hours","value":false},{"indicator":"community","value":true}]}"#,
    r#"{"id":"c","reported_at":"2026-03-02T09:00:00+01:00","subject":{"age_range":{"min":15,"max":19}},"observations":[{"indicator":"long_hours","value":null}]}"#,
];

/// `text` as a TOML basic string, quotes included.
fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{0}'..='\u{1f}' | '\u{7f}' => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

fuzz_target!(|data: &[u8]| {
    static SLOT_IS_THERE: std::sync::Once = std::sync::Once::new();
    // Without the slot every input would test the same pack: refuse to run at all.
    SLOT_IS_THERE.call_once(|| assert!(BASE.contains(SLOT), "base-pack.toml no longer has `{SLOT}`"));
    let condition = String::from_utf8_lossy(data);
    let pack = BASE.replacen(SLOT, &format!("when = {}", toml_string(&condition)), 1);
    if let Ok(protocol) = Protocol::from_toml(&pack) {
        for case in CASES {
            let _ = protocol.assess_json(case, AS_OF, &Options::default());
        }
    }
});

