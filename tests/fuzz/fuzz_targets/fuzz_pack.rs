//! Arbitrary text as a one-file pack (`Protocol::from_toml`): reading, checking and — when
//! the text is a pack — assessing a small case with it must never panic, and an error of
//! that assessment never repeats the marker the case carries in its free texts.
#![no_main]

mod echo;

use libfuzzer_sys::fuzz_target;
use putokaz::{Options, Protocol};

const CASE: &str = r#"{"id":"MARKER-7f3a9","reported_at":"2026-03-02T09:00:00+01:00","subject":{"age":10},
    "discretionary_override":{"direction":"raise","reason":"MARKER-7f3a9","reviewer":"MARKER-7f3a9"}}"#;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(protocol) = Protocol::from_toml(&text) {
        if let Err(e) = protocol.assess_json(CASE, "2026-03-06T12:00:00+01:00", &Options::default()) {
            echo::assert_clean(&format!("{e} {e:?}"));
        }
    }
});
