//! Arbitrary text as a one-file pack (`Protocol::from_toml`): reading, checking and — when
//! the text is a pack — assessing a small case with it must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use putokaz::{Options, Protocol};

const CASE: &str = r#"{"id":"f","reported_at":"2026-03-02T09:00:00+01:00","subject":{"age":10}}"#;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(protocol) = Protocol::from_toml(&text) {
        let _ = protocol.assess_json(CASE, "2026-03-06T12:00:00+01:00", &Options::default());
    }
});
