//! # putokaz-ffi: the C ABI of putokaz
//!
//! A thin, faithful translation of the `putokaz` crate for C callers (legacy registries,
//! other languages' FFI). It holds no domain logic: every rule lives in the core crate.
//! The header `include/putokaz.h` is generated from this crate by cbindgen (the version is
//! pinned in `tests/c/gen_header.sh`) and committed; `tests/c/check_header.sh` fails when
//! it drifts. The conventions every function follows (result codes, out-parameters,
//! strings, diagnostics, ownership, threads) are written once at the top of that header;
//! their source is `bindings/c/cbindgen.toml`.
//!
//! This crate is a Rust library; the C library, `libputokaz.so` and `libputokaz.a`, is
//! built from it by `bindings/c/library` (`cargo build --release -p libputokaz`), whose
//! library target carries the name `putokaz` that this one cannot (the engine crate's
//! `libputokaz.rlib` has it).
//!
//! What this crate is not for: Rust callers (use `putokaz` directly) and Python (the
//! PyO3 module).
//!
//! Layout: `enums` (every C enum from one list per type: numbers, names, conversions),
//! `result` (the result codes), `boundary` (the panic guard, argument checks and string
//! copies that every function goes through), `diagnostic` (detailed error objects),
//! `protocol`, `vocabulary` (the names a case may use, for callers mapping their own
//! codes), `case` (the typed case builder), `assessment` (assessing, and the accessors of
//! an assessment), `texts` (the C strings an assessment lends).

#![allow(non_camel_case_types)]
#![deny(unsafe_op_in_unsafe_fn)]
#![warn(missing_debug_implementations)]

// In this order, which is the order of the header: results first, then the objects in
// the order a caller meets them.
mod enums;
// -
mod result;
// -
mod boundary;
// -
mod protocol;
// -
mod vocabulary;
// -
mod case;
// -
mod assessment;
// -
mod diagnostic;
// No C items of their own.
mod texts;

pub use assessment::*;
pub use case::*;
pub use diagnostic::*;
pub use enums::*;
pub use protocol::*;
pub use result::*;
pub use vocabulary::*;

use std::ffi::c_char;

/// The major version of the library this header belongs to.
pub const PUTOKAZ_VERSION_MAJOR: u32 = 0;
/// The minor version of the library this header belongs to.
pub const PUTOKAZ_VERSION_MINOR: u32 = 1;
/// The patch version of the library this header belongs to.
pub const PUTOKAZ_VERSION_PATCH: u32 = 0;
/// The version packed into one number, as SQLite does:
/// `MAJOR * 1000000 + MINOR * 1000 + PATCH` (0.1.0 is 1000, 1.2.3 is 1002003).
/// Minor and patch numbers stay below 1000. Compare it with `putokaz_version_number()`
/// to tell the header a program was compiled with from the library it runs with.
pub const PUTOKAZ_VERSION_NUMBER: u32 =
    PUTOKAZ_VERSION_MAJOR * 1000000 + PUTOKAZ_VERSION_MINOR * 1000 + PUTOKAZ_VERSION_PATCH;

// The constants above are written out so that cbindgen can copy them into the header
// (`PUTOKAZ_VERSION_STRING` is spelt from them there: see `after_includes` in
// cbindgen.toml); these assertions stop the build when they drift from the workspace
// version.
const fn parse_u32(s: &str) -> u32 {
    let b = s.as_bytes();
    let mut i = 0;
    let mut n = 0u32;
    while i < b.len() {
        assert!(b[i].is_ascii_digit(), "version component is not a number");
        n = n * 10 + (b[i] - b'0') as u32;
        i += 1;
    }
    n
}

const _: () = {
    assert!(
        PUTOKAZ_VERSION_MAJOR == parse_u32(env!("CARGO_PKG_VERSION_MAJOR"))
            && PUTOKAZ_VERSION_MINOR == parse_u32(env!("CARGO_PKG_VERSION_MINOR"))
            && PUTOKAZ_VERSION_PATCH == parse_u32(env!("CARGO_PKG_VERSION_PATCH")),
        "PUTOKAZ_VERSION_* in bindings/c/src/lib.rs differ from the workspace version: update them and regenerate include/putokaz.h"
    );
    assert!(PUTOKAZ_VERSION_MINOR < 1000 && PUTOKAZ_VERSION_PATCH < 1000);
};

static VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "\0");

/// The version of the library, as text (`"0.1.0"`): a static string, never NULL, not to
/// be freed. Compare it with `PUTOKAZ_VERSION_STRING`, the version of the header.
#[no_mangle]
pub extern "C" fn putokaz_version() -> *const c_char {
    boundary::guard_static(|| VERSION)
}

/// The version of the library packed as `PUTOKAZ_VERSION_NUMBER` is.
#[no_mangle]
pub extern "C" fn putokaz_version_number() -> u32 {
    // Nothing here can panic; the guard is kept so that the rule has no exception.
    std::panic::catch_unwind(|| PUTOKAZ_VERSION_NUMBER).unwrap_or(0)
}

/// Releases the caches the library keeps for the whole process: the time zones read
/// from its time-zone database (they are read again when next needed). Call it once at
/// the end, after every object is freed, so that a leak checker sees nothing held; it is
/// never needed for correctness, and the library stays usable after it. Safe to call from
/// any thread, at any time, any number of times.
///
/// What it cannot release is the engine's own phrase tables, built once and never
/// changed: they stay reachable until the process ends and are named in
/// `bindings/c/valgrind.supp`, the suppressions file for valgrind.
#[no_mangle]
pub extern "C" fn putokaz_global_cleanup() {
    boundary::guard_void(|| jiff::tz::db().reset())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_matches_the_crate() {
        let text = unsafe { std::ffi::CStr::from_ptr(putokaz_version()) }.to_str().unwrap();
        assert_eq!(text, env!("CARGO_PKG_VERSION"));
        assert_eq!(text, format!("{PUTOKAZ_VERSION_MAJOR}.{PUTOKAZ_VERSION_MINOR}.{PUTOKAZ_VERSION_PATCH}"));
        assert_eq!(
            putokaz_version_number(),
            PUTOKAZ_VERSION_MAJOR * 1000000 + PUTOKAZ_VERSION_MINOR * 1000 + PUTOKAZ_VERSION_PATCH
        );
    }
}
