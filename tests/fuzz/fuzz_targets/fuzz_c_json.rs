//! Arbitrary bytes through the C entry point `putokaz_assess_json` of the putokaz-ffi
//! library (the bytes up to the first NUL, as a C caller would pass them), with the
//! bundled BiH pack and a fixed `as_of`. It must never return PUTOKAZ_RESULT_PANIC, must
//! give a string on success and a diagnostic (whose text is read) on failure, and
//! `putokaz_case_from_json` + `putokaz_assess` + `putokaz_assessment_to_json` must agree
//! with it: the same code, and on success the same bytes. No diagnostic text may repeat
//! the marker, where the input carries it or after the target plants it in one string
//! position of a JSON input. Everything is freed.
#![no_main]

mod echo;

use libfuzzer_sys::fuzz_target;
use putokaz_ffi::*;
use std::ffi::{c_char, CStr, CString};
use std::ptr::{null, null_mut};
use std::sync::OnceLock;

extern "C" {
    // Exported by the library but not re-exported by its Rust API (it lives in a private
    // module): declared as a C caller sees it in include/putokaz.h.
    fn putokaz_string_free(s: *mut c_char);
}

const AS_OF: &CStr = c"2026-03-06T12:00:00+01:00";

struct Shared(*const putokaz_protocol);
// SAFETY: a protocol is immutable and may be shared between threads (include/putokaz.h).
unsafe impl Send for Shared {}
unsafe impl Sync for Shared {}

fn bih() -> *const putokaz_protocol {
    static BIH: OnceLock<Shared> = OnceLock::new();
    BIH.get_or_init(|| {
        let mut p = null();
        let rc = unsafe { putokaz_protocol_bundled(c"bih".as_ptr(), &mut p, null_mut()) };
        assert_eq!(rc, putokaz_result::Ok);
        Shared(p)
    })
    .0
}

/// Reads a diagnostic's text the documented way (a size query, then a buffer of that
/// size) and checks that it does not repeat the marker.
unsafe fn read_text(d: *const putokaz_diagnostic) {
    let mut n = 0usize;
    let rc = unsafe { putokaz_diagnostic_text(d, null_mut(), 0, &mut n) };
    assert_eq!(rc, putokaz_result::BufferTooSmall);
    let mut buf = vec![0 as c_char; n + 1];
    let rc = unsafe { putokaz_diagnostic_text(d, buf.as_mut_ptr(), buf.len(), &mut n) };
    assert_eq!(rc, putokaz_result::Ok);
    echo::assert_clean(&unsafe { CStr::from_ptr(buf.as_ptr()) }.to_string_lossy());
}

fuzz_target!(|data: &[u8]| {
    let end = data.iter().position(|&b| b == 0).unwrap_or(data.len());
    let input = CString::new(&data[..end]).expect("no NUL before `end`");
    run(&input);
    if let Some(planted) = std::str::from_utf8(&data[..end]).ok().and_then(|t| echo::plant(t, data.len())) {
        if let Ok(planted) = CString::new(planted) {
            run(&planted);
        }
    }
});

fn run(input: &CStr) {
    let p = bih();

    // The JSON entry point.
    let mut json: *mut c_char = null_mut();
    let mut d: *mut putokaz_diagnostic = null_mut();
    let rc = unsafe { putokaz_assess_json(p, input.as_ptr(), AS_OF.as_ptr(), null(), &mut json, &mut d) };
    assert_ne!(rc, putokaz_result::Panic, "putokaz_assess_json panicked");
    if rc == putokaz_result::Ok {
        assert!(!json.is_null() && d.is_null());
    } else {
        assert!(json.is_null() && !d.is_null());
        assert_eq!(unsafe { putokaz_diagnostic_code(d) }, rc);
        unsafe { read_text(d) };
    }

    // The same case read into the typed API.
    let mut case: *mut putokaz_case = null_mut();
    let mut d2: *mut putokaz_diagnostic = null_mut();
    let rc2 = unsafe { putokaz_case_from_json(input.as_ptr(), &mut case, &mut d2) };
    assert_ne!(rc2, putokaz_result::Panic, "putokaz_case_from_json panicked");
    if rc2 == putokaz_result::Ok {
        let mut a: *mut putokaz_assessment = null_mut();
        let mut d3: *mut putokaz_diagnostic = null_mut();
        let rc3 = unsafe { putokaz_assess(p, case, AS_OF.as_ptr(), null(), &mut a, &mut d3) };
        assert_ne!(rc3, putokaz_result::Panic, "putokaz_assess panicked");
        assert_eq!(rc3, rc, "putokaz_assess and putokaz_assess_json disagree");
        if rc3 != putokaz_result::Ok {
            unsafe { read_text(d3) };
        }
        if rc3 == putokaz_result::Ok {
            let mut typed: *mut c_char = null_mut();
            assert_eq!(unsafe { putokaz_assessment_to_json(a, &mut typed) }, putokaz_result::Ok);
            assert!(
                unsafe { CStr::from_ptr(typed) == CStr::from_ptr(json) },
                "putokaz_assessment_to_json differs from putokaz_assess_json"
            );
            unsafe { putokaz_string_free(typed) };
        }
        unsafe {
            putokaz_assessment_free(a);
            putokaz_diagnostic_free(d3);
        }
    } else {
        // Reading failed: the JSON entry must have failed with the same code.
        assert_eq!(rc2, rc, "putokaz_case_from_json and putokaz_assess_json disagree");
        unsafe { read_text(d2) };
    }
    unsafe {
        putokaz_case_free(case);
        putokaz_diagnostic_free(d2);
        putokaz_string_free(json);
        putokaz_diagnostic_free(d);
    }
}
