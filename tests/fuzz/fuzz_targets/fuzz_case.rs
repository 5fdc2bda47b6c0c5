//! Arbitrary bytes as case JSON against the bundled BiH pack (`Protocol::assess_json`,
//! fixed `as_of`, default options: trace, unknown ranking and text on): refusing or
//! assessing must never panic, and no error may repeat the marker — neither where the
//! input carries it nor after the target plants it in one string position of a JSON
//! input (the position follows the input's length). The language follows the length too,
//! so every language of the pack (and the pack's default) is reached.
#![no_main]

mod echo;

use libfuzzer_sys::fuzz_target;
use putokaz::{Language, Options, Protocol};
use std::sync::OnceLock;

const AS_OF: &str = "2026-03-06T12:00:00+01:00";

fn bih() -> &'static Protocol {
    static BIH: OnceLock<Protocol> = OnceLock::new();
    BIH.get_or_init(|| Protocol::bundled("bih").expect("the bundled BiH pack loads"))
}

fn check(text: &str, options: &Options) {
    if let Err(e) = bih().assess_json(text, AS_OF, options) {
        echo::assert_clean(&format!("{e} {e:?}"));
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // The pack's default, then each language.
    let options = match data.len() % (Language::ALL.len() + 1) {
        0 => Options::default(),
        k => Options::default().language(Language::ALL[k - 1]),
    };
    check(&text, &options);
    if let Some(planted) = echo::plant(&text, data.len()) {
        check(&planted, &options);
    }
});
