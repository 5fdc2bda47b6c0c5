//! Arbitrary text as one condition of a small valid pack (`tests/malformed/base-pack.toml`,
//! the `when` of the fact `exploited`, written as a TOML basic string with every special
//! character escaped): parsing, type-checking and — when the pack loads — evaluating the
//! condition over a few cases must never panic, and no error of those assessments may
//! repeat the marker the cases carry in their free texts.
#![no_main]

mod echo;

use libfuzzer_sys::fuzz_target;
use putokaz::{Options, Protocol};
use std::fmt::Write;
use std::sync::OnceLock;

const BASE: &str = include_str!("../../malformed/base-pack.toml");
const SLOT: &str = "when = \"long_hours\"";
const AS_OF: &str = "2026-03-06T12:00:00+01:00";

/// Cases that reach every kind of value a condition of the base pack can read.
const CASES: &[&str] = &[
    r#"{"id":"MARKER-7f3a9","reported_at":"2026-03-02T09:00:00+01:00","subject":{"age":10},"observations":[{"indicator":"long_hours","value":true}]}"#,
    r#"{"id":"b","reported_at":"2026-03-02T09:00:00+01:00","subject":{"age":30,"sex":"female","citizenship":"RS"},"observations":[{"indicator":"long_hours","value":false},{"indicator":"community","value":true}]}"#,
    r#"{"id":"c","reported_at":"2026-03-02T09:00:00+01:00","subject":{"age_range":{"min":15,"max":19}},"observations":[{"indicator":"long_hours","value":null}],"discretionary_override":{"direction":"lower","reason":"MARKER-7f3a9","reviewer":"MARKER-7f3a9"}}"#,
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

/// The base pack in three files, so that each input costs as little TOML as it can: the
/// loader reads `pack.toml` twice (once for its list of files, once to check it), so that
/// file holds only the `[pack]` table; `slot.toml` holds only the fact whose condition
/// is fuzzed; `rest.toml` everything else. (Read whole for every input, the pack's TOML
/// was most of the time an input took.)
struct Split {
    head: String,
    rest: String,
    /// The fact's table before and after its `when`.
    fact: (String, String),
}

fn split() -> &'static Split {
    static SPLIT: OnceLock<Split> = OnceLock::new();
    SPLIT.get_or_init(|| {
        // Without the slot every input would test the same pack: refuse to run at all.
        let at = |what: &str| BASE.find(what).unwrap_or_else(|| panic!("base-pack.toml no longer has `{what}`"));
        let (sources, fact, combination, slot) =
            (at("[[sources]]"), at("[facts.exploited]"), at("[combination]"), at(SLOT));
        assert!(sources < fact && fact < slot && slot < combination, "base-pack.toml changed its order");
        Split {
            head: format!("{}files = [\"rest.toml\", \"slot.toml\"]\n\n", &BASE[..sources]),
            rest: format!("{}{}", &BASE[sources..fact], &BASE[combination..]),
            fact: (BASE[fact..slot].to_owned(), BASE[slot + SLOT.len()..combination].to_owned()),
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let condition = String::from_utf8_lossy(data);
    let s = split();
    let slot = format!("{}when = {}{}", s.fact.0, toml_string(&condition), s.fact.1);
    let files = vec![
        ("pack.toml".to_owned(), s.head.clone()),
        ("rest.toml".to_owned(), s.rest.clone()),
        ("slot.toml".to_owned(), slot),
    ];
    if let Ok(protocol) = Protocol::from_files(files) {
        for case in CASES {
            if let Err(e) = protocol.assess_json(case, AS_OF, &Options::default()) {
                echo::assert_clean(&format!("{e} {e:?}"));
            }
        }
    }
});

