//! What every `extern "C"` function goes through: one panic guard around its body,
//! checked arguments, and text copied out the one documented way. Nothing here knows
//! about the domain.

use crate::diagnostic::{putokaz_diagnostic, Detail};
use crate::result::putokaz_result;
use std::ffi::{c_char, CStr, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// A failure on its way to the caller: a result code and, for functions that hand out
/// diagnostics, the detail behind it.
#[derive(Debug)]
pub(crate) struct Fail {
    pub code: putokaz_result,
    pub detail: Box<Detail>,
}

impl Fail {
    /// A failure of the call itself (not of the engine), with a message that names the
    /// argument but never repeats its value.
    pub fn new(code: putokaz_result, message: impl Into<String>) -> Fail {
        Fail { code, detail: Box::new(Detail::plain(code, message.into())) }
    }
}

impl From<putokaz::Error> for Fail {
    fn from(e: putokaz::Error) -> Fail {
        let detail = Detail::from_error(&e);
        Fail { code: detail.code, detail: Box::new(detail) }
    }
}

impl From<putokaz::PackError> for Fail {
    fn from(e: putokaz::PackError) -> Fail {
        putokaz::Error::Pack(e).into()
    }
}

impl From<putokaz::CaseError> for Fail {
    fn from(e: putokaz::CaseError) -> Fail {
        putokaz::Error::Case(e).into()
    }
}

pub(crate) type Outcome = Result<(), Fail>;

const PANIC_MESSAGE: &str =
    "internal error: putokaz panicked and the panic was stopped at the C boundary (please report it)";

/// Runs a function body; a panic becomes `PUTOKAZ_RESULT_PANIC`. The panic's own
/// message is not passed on: it could carry values from a case.
pub(crate) fn guard(body: impl FnOnce() -> Outcome) -> putokaz_result {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(())) => putokaz_result::Ok,
        Ok(Err(fail)) => fail.code,
        Err(_) => putokaz_result::Panic,
    }
}

/// As `guard`, for functions with a trailing `putokaz_diagnostic **diagnostic`: it must
/// hold NULL on entry (a diagnostic left from an earlier call is refused with
/// `PUTOKAZ_RESULT_DIAGNOSTIC_IN_USE` before anything is done, rather than overwritten
/// and leaked, or freed when it may already be) and, on failure, it gets a new diagnostic.
///
/// # Safety
/// `diagnostic` is NULL or valid for reads and writes.
pub(crate) unsafe fn guard_with_diagnostic(
    diagnostic: *mut *mut putokaz_diagnostic,
    body: impl FnOnce() -> Outcome,
) -> putokaz_result {
    // SAFETY: the caller passes NULL or a pointer valid for reads.
    if !diagnostic.is_null() && unsafe { !(*diagnostic).is_null() } {
        return putokaz_result::DiagnosticInUse;
    }
    let fail = match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(())) => return putokaz_result::Ok,
        Ok(Err(fail)) => fail,
        Err(_) => Fail::new(putokaz_result::Panic, PANIC_MESSAGE),
    };
    let code = fail.code;
    if !diagnostic.is_null() {
        // Building the diagnostic allocates; if even that panics, the code still stands.
        if let Ok(d) = catch_unwind(AssertUnwindSafe(|| putokaz_diagnostic::boxed(*fail.detail))) {
            // SAFETY: as above.
            unsafe { *diagnostic = d };
        }
    }
    code
}

/// For functions that return a static NUL-terminated string: `""` after a panic.
pub(crate) fn guard_static(body: impl FnOnce() -> &'static str) -> *const c_char {
    let text = catch_unwind(AssertUnwindSafe(body)).unwrap_or("\0");
    debug_assert!(text.ends_with('\0'));
    text.as_ptr().cast()
}

/// For functions with nothing to report (`_free`): a panic is swallowed.
pub(crate) fn guard_void(body: impl FnOnce()) {
    let _ = catch_unwind(AssertUnwindSafe(body));
}

fn null(name: &str) -> Fail {
    Fail::new(putokaz_result::NullParameter, format!("argument `{name}` is NULL"))
}

/// A NUL-terminated UTF-8 argument that must be given.
///
/// # Safety
/// `p` is NULL or points to a NUL-terminated string that outlives the call.
pub(crate) unsafe fn text_arg<'a>(p: *const c_char, name: &str) -> Result<&'a str, Fail> {
    if p.is_null() {
        return Err(null(name));
    }
    // SAFETY: non-NULL, and the caller promises a NUL-terminated string.
    let bytes = unsafe { CStr::from_ptr(p) }.to_bytes();
    std::str::from_utf8(bytes)
        .map_err(|_| Fail::new(putokaz_result::InvalidUtf8, format!("argument `{name}` is not valid UTF-8")))
}

/// A case's JSON text: bytes that are not UTF-8 are not JSON, so they are `case.syntax`
/// (with the place of the first bad byte), as in every language; not `invalid_utf8`,
/// which is for the other text arguments.
///
/// # Safety
/// As `text_arg`.
pub(crate) unsafe fn case_json_arg<'a>(p: *const c_char, name: &str) -> Result<&'a str, Fail> {
    if p.is_null() {
        return Err(null(name));
    }
    // SAFETY: non-NULL, and the caller promises a NUL-terminated string.
    let bytes = unsafe { CStr::from_ptr(p) }.to_bytes();
    Ok(putokaz::Case::json_text(bytes)?)
}

/// A NUL-terminated UTF-8 argument that may be NULL (absent).
///
/// # Safety
/// As `text_arg`.
pub(crate) unsafe fn optional_text_arg<'a>(p: *const c_char, name: &str) -> Result<Option<&'a str>, Fail> {
    if p.is_null() {
        Ok(None)
    } else {
        // SAFETY: forwarded.
        unsafe { text_arg(p, name) }.map(Some)
    }
}

/// A pointer to an object the library handed out (or any valid `T`).
///
/// # Safety
/// `p` is NULL or points to a live `T`.
pub(crate) unsafe fn ref_arg<'a, T>(p: *const T, name: &str) -> Result<&'a T, Fail> {
    // SAFETY: the caller promises NULL or a live object.
    unsafe { p.as_ref() }.ok_or_else(|| null(name))
}

/// As `ref_arg`, for objects the call changes.
///
/// # Safety
/// `p` is NULL or points to a live `T` not used elsewhere during the call.
pub(crate) unsafe fn mut_arg<'a, T>(p: *mut T, name: &str) -> Result<&'a mut T, Fail> {
    // SAFETY: the caller promises NULL or a live, exclusively used object.
    unsafe { p.as_mut() }.ok_or_else(|| null(name))
}

/// An out-parameter; checked before any work is done, written only on success.
///
/// # Safety
/// `p` is NULL or valid for writes of a `T`.
pub(crate) unsafe fn out_arg<'a, T>(p: *mut T, name: &str) -> Result<&'a mut std::mem::MaybeUninit<T>, Fail> {
    // SAFETY: MaybeUninit<T> has T's layout, and the caller promises a writable place.
    unsafe { p.cast::<std::mem::MaybeUninit<T>>().as_mut() }.ok_or_else(|| null(name))
}

/// Copies `text` and a terminating NUL into the caller's buffer. `*written` gets the
/// text's length in bytes (without the NUL), also when the buffer is too small, so the
/// caller can retry with `*written + 1` bytes. `buf` may be NULL when `len` is 0.
///
/// # Safety
/// `buf` is NULL or valid for writes of `len` bytes; `written` is NULL or valid for
/// writes.
pub(crate) unsafe fn write_text(text: &str, buf: *mut c_char, len: usize, written: *mut usize) -> Outcome {
    // SAFETY: forwarded from the caller.
    let written = unsafe { out_arg(written, "written") }?;
    if buf.is_null() && len > 0 {
        return Err(null("buf"));
    }
    written.write(text.len());
    if text.len() >= len {
        return Err(Fail::new(putokaz_result::BufferTooSmall, "the buffer is too small for the text"));
    }
    // SAFETY: `buf` is valid for `len` > text.len() bytes, and does not overlap `text`
    // (a Rust-owned string).
    unsafe {
        std::ptr::copy_nonoverlapping(text.as_ptr(), buf.cast::<u8>(), text.len());
        *buf.add(text.len()) = 0;
    }
    Ok(())
}

/// A new NUL-terminated string owned by the caller (freed with `putokaz_string_free`).
pub(crate) fn owned_string(text: String) -> Result<*mut c_char, Fail> {
    CString::new(text).map(CString::into_raw).map_err(|_| {
        Fail::new(putokaz_result::Internal, "the text holds a NUL byte and cannot be passed as a C string")
    })
}

/// Frees a string returned by the library (`putokaz_assess_json`,
/// `putokaz_assessment_to_json`, `putokaz_case_to_json`). NULL does nothing. Passing any
/// other pointer, or the same one twice, is undefined behaviour.
///
/// # Safety
/// `s` is NULL or a string this library returned and that was not freed yet.
#[no_mangle]
pub unsafe extern "C" fn putokaz_string_free(s: *mut c_char) {
    guard_void(|| {
        if !s.is_null() {
            // SAFETY: the caller passes a pointer from CString::into_raw, once.
            drop(unsafe { CString::from_raw(s) });
        }
    })
}

fn out_of_range(i: usize, count: usize) -> Fail {
    Fail::new(putokaz_result::IndexOutOfRange, format!("index {i} is not below the count {count}"))
}

/// Checks an index against a list's length.
pub(crate) fn index<T>(list: &[T], i: usize) -> Result<&T, Fail> {
    list.get(i).ok_or_else(|| out_of_range(i, list.len()))
}

/// As `index`, for a list the call changes.
pub(crate) fn index_mut<T>(list: &mut [T], i: usize) -> Result<&mut T, Fail> {
    let count = list.len();
    list.get_mut(i).ok_or_else(|| out_of_range(i, count))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_a_code() {
        let prev = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        assert_eq!(guard(|| panic!("boom")), putokaz_result::Panic);
        let mut d: *mut putokaz_diagnostic = std::ptr::null_mut();
        let code = unsafe { guard_with_diagnostic(&mut d, || panic!("secret value")) };
        std::panic::set_hook(prev);
        assert_eq!(code, putokaz_result::Panic);
        assert!(!d.is_null());
        let detail = unsafe { &*d };
        assert_eq!(detail.detail().code, putokaz_result::Panic);
        assert!(!detail.detail().text.contains("secret"));
        // A diagnostic still held is refused, not overwritten.
        assert_eq!(unsafe { guard_with_diagnostic(&mut d, || Ok(())) }, putokaz_result::DiagnosticInUse);
        unsafe { crate::diagnostic::putokaz_diagnostic_free(d) };
        let empty = guard_static(|| panic!("x"));
        assert_eq!(unsafe { std::ffi::CStr::from_ptr(empty) }.to_bytes(), b"");
    }

    #[test]
    fn text_is_copied_with_a_nul_or_refused_whole() {
        let mut buf = [0x55 as c_char; 4];
        let mut n = 0usize;
        assert!(unsafe { write_text("abc", buf.as_mut_ptr(), 4, &mut n) }.is_ok());
        assert_eq!((n, buf[3]), (3, 0));
        let mut buf = [0x55 as c_char; 3];
        let e = unsafe { write_text("abc", buf.as_mut_ptr(), 3, &mut n) }.unwrap_err();
        assert_eq!((e.code, n, buf[0]), (putokaz_result::BufferTooSmall, 3, 0x55));
        let e = unsafe { write_text("abc", std::ptr::null_mut(), 0, &mut n) }.unwrap_err();
        assert_eq!(e.code, putokaz_result::BufferTooSmall);
        let e = unsafe { write_text("abc", std::ptr::null_mut(), 8, &mut n) }.unwrap_err();
        assert_eq!(e.code, putokaz_result::NullParameter);
    }
}
