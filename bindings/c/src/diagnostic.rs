//! Diagnostics: the detail behind a failed call (which JSON path of a case, which line
//! of a pack, what is wrong), handed out as an object the caller frees. The text comes
//! from the core, which never repeats a value taken from a case; messages made here name
//! arguments, never their contents.

use crate::boundary::{self, guard, guard_void, out_arg, ref_arg, write_text};
use crate::result::putokaz_result;
use std::ffi::c_char;

#[derive(Clone, Debug)]
pub(crate) struct IssueDetail {
    pub code: putokaz_result,
    pub message: String,
    /// File, 1-based line, 1-based column (in characters).
    pub location: Option<(String, u32, u32)>,
}

#[derive(Clone, Debug)]
pub(crate) struct Detail {
    pub code: putokaz_result,
    /// The stable machine name, as `putokaz_result_name` (for an engine error, the core's
    /// `Error::kind()`, which may name a kind newer than this C API's codes).
    pub kind: String,
    pub message: String,
    /// The JSON path of a case error.
    pub path: Option<String>,
    /// Everything, as one text: every pack issue with its location and excerpt, or
    /// `path: kind: message`.
    pub text: String,
    /// The pack's issues, in the order found (empty for other failures).
    pub issues: Vec<IssueDetail>,
}

impl Detail {
    pub fn plain(code: putokaz_result, message: String) -> Detail {
        Detail { code, kind: code.name().to_owned(), text: message.clone(), message, path: None, issues: Vec::new() }
    }

    pub fn from_error(e: &putokaz::Error) -> Detail {
        match e {
            putokaz::Error::Pack(p) => {
                let issues: Vec<IssueDetail> = p
                    .issues
                    .iter()
                    .map(|i| IssueDetail {
                        code: putokaz_result::from_pack(i.kind),
                        message: i.message.clone(),
                        location: i.location.as_ref().map(|l| (l.file.clone(), l.line, l.column)),
                    })
                    .collect();
                Detail {
                    code: putokaz_result::from_pack(p.kind()),
                    kind: e.kind().to_owned(),
                    message: issues.first().map(|i| i.message.clone()).unwrap_or_default(),
                    path: None,
                    text: e.to_string(),
                    issues,
                }
            }
            putokaz::Error::Case(c) => Detail {
                code: putokaz_result::from_case(c.kind),
                kind: e.kind().to_owned(),
                message: c.message.clone(),
                path: Some(c.path.clone()),
                text: e.to_string(),
                issues: Vec::new(),
            },
            putokaz::Error::Usage(m) => Detail {
                code: putokaz_result::Usage,
                kind: e.kind().to_owned(),
                message: m.message.clone(),
                path: None,
                text: e.to_string(),
                issues: Vec::new(),
            },
            _ => Detail::plain(putokaz_result::Internal, format!("{}: {e}", e.kind())),
        }
    }
}

/// The detail of one failed call. Owned by the caller (Box): freed with
/// `putokaz_diagnostic_free`. Immutable: its functions may be called from any thread.
#[derive(Debug)]
pub struct putokaz_diagnostic {
    detail: Detail,
}

impl putokaz_diagnostic {
    pub(crate) fn boxed(detail: Detail) -> *mut putokaz_diagnostic {
        Box::into_raw(Box::new(putokaz_diagnostic { detail }))
    }

    #[cfg(test)]
    pub(crate) fn detail(&self) -> &Detail {
        &self.detail
    }
}

/// Frees a diagnostic. NULL does nothing.
///
/// # Safety
/// `diagnostic` is NULL or a diagnostic from this library, not freed yet.
#[no_mangle]
pub unsafe extern "C" fn putokaz_diagnostic_free(diagnostic: *mut putokaz_diagnostic) {
    guard_void(|| {
        if !diagnostic.is_null() {
            // SAFETY: the caller passes a pointer from Box::into_raw, once.
            drop(unsafe { Box::from_raw(diagnostic) });
        }
    })
}

/// The result code of the failure the diagnostic describes (the same code the failed
/// call returned). `PUTOKAZ_RESULT_NULL_PARAMETER` if `diagnostic` is NULL.
///
/// # Safety
/// `diagnostic` is NULL or a live diagnostic.
#[no_mangle]
pub unsafe extern "C" fn putokaz_diagnostic_code(diagnostic: *const putokaz_diagnostic) -> putokaz_result {
    let mut code = putokaz_result::NullParameter;
    let r = guard(|| {
        // SAFETY: forwarded.
        code = unsafe { ref_arg(diagnostic, "diagnostic") }?.detail.code;
        Ok(())
    });
    if r == putokaz_result::Ok {
        code
    } else {
        r
    }
}

/// Copies the stable machine name of the failure (`"case.unknown_indicator"`,
/// `"pack.syntax"`, `"usage"`, `"null_parameter"`, ...) into `buf`. For engine errors it
/// is the core's own kind name, which may be more precise than the code when the library
/// is newer than this header's list of codes.
///
/// # Safety
/// `diagnostic` is NULL or live; see "Strings out" for `buf`, `len`, `written`.
#[no_mangle]
pub unsafe extern "C" fn putokaz_diagnostic_kind(
    diagnostic: *const putokaz_diagnostic,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> putokaz_result {
    guard(|| {
        // SAFETY: forwarded.
        let d = unsafe { ref_arg(diagnostic, "diagnostic") }?;
        unsafe { write_text(&d.detail.kind, buf, len, written) }
    })
}

/// Copies the message of the failure, without its location or path (for a pack, the
/// message of its first issue) into `buf`. Never contains a value taken from a case.
///
/// # Safety
/// `diagnostic` is NULL or live; see "Strings out".
#[no_mangle]
pub unsafe extern "C" fn putokaz_diagnostic_message(
    diagnostic: *const putokaz_diagnostic,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> putokaz_result {
    guard(|| {
        // SAFETY: forwarded.
        let d = unsafe { ref_arg(diagnostic, "diagnostic") }?;
        unsafe { write_text(&d.detail.message, buf, len, written) }
    })
}

/// Copies the JSON path of a case error (such as `$.observations[2].indicator`; for a
/// case built with the typed API, the path the same case has as JSON: observations,
/// events and consents are numbered from 0 in the order they were added) into `buf`.
/// `PUTOKAZ_RESULT_NO_VALUE` when the failure is not a case error.
///
/// # Safety
/// `diagnostic` is NULL or live; see "Strings out".
#[no_mangle]
pub unsafe extern "C" fn putokaz_diagnostic_path(
    diagnostic: *const putokaz_diagnostic,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> putokaz_result {
    guard(|| {
        // SAFETY: forwarded.
        let d = unsafe { ref_arg(diagnostic, "diagnostic") }?;
        let path =
            d.detail.path.as_deref().ok_or_else(|| boundary::Fail::new(putokaz_result::NoValue, "not a case error"))?;
        unsafe { write_text(path, buf, len, written) }
    })
}

/// Copies the whole diagnostic as text into `buf`: for a pack, every issue as
/// `file:line:col: kind: message` with an excerpt of the line and a caret; for a case,
/// `path: kind: message`; otherwise the message. Never contains a value taken from a
/// case.
///
/// # Safety
/// `diagnostic` is NULL or live; see "Strings out".
#[no_mangle]
pub unsafe extern "C" fn putokaz_diagnostic_text(
    diagnostic: *const putokaz_diagnostic,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> putokaz_result {
    guard(|| {
        // SAFETY: forwarded.
        let d = unsafe { ref_arg(diagnostic, "diagnostic") }?;
        unsafe { write_text(&d.detail.text, buf, len, written) }
    })
}

/// Writes to `*count` how many issues a pack error has (every problem found, not just
/// the first); 0 for any other failure.
///
/// # Safety
/// `diagnostic` is NULL or live; `count` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn putokaz_diagnostic_issue_count(
    diagnostic: *const putokaz_diagnostic,
    count: *mut usize,
) -> putokaz_result {
    guard(|| {
        // SAFETY: forwarded.
        let d = unsafe { ref_arg(diagnostic, "diagnostic") }?;
        let count = unsafe { out_arg(count, "count") }?;
        count.write(d.detail.issues.len());
        Ok(())
    })
}

/// Writes to `*code` the result code of the pack issue at `index` (its kind).
///
/// # Safety
/// `diagnostic` is NULL or live; `code` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn putokaz_diagnostic_issue_code(
    diagnostic: *const putokaz_diagnostic,
    index: usize,
    code: *mut putokaz_result,
) -> putokaz_result {
    guard(|| {
        // SAFETY: forwarded.
        let d = unsafe { ref_arg(diagnostic, "diagnostic") }?;
        let code = unsafe { out_arg(code, "code") }?;
        code.write(boundary::index(&d.detail.issues, index)?.code);
        Ok(())
    })
}

/// Copies the message of the pack issue at `index` into `buf`.
///
/// # Safety
/// `diagnostic` is NULL or live; see "Strings out".
#[no_mangle]
pub unsafe extern "C" fn putokaz_diagnostic_issue_message(
    diagnostic: *const putokaz_diagnostic,
    index: usize,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> putokaz_result {
    guard(|| {
        // SAFETY: forwarded.
        let d = unsafe { ref_arg(diagnostic, "diagnostic") }?;
        let issue = boundary::index(&d.detail.issues, index)?;
        unsafe { write_text(&issue.message, buf, len, written) }
    })
}

/// Where the pack issue at `index` is: the file (as listed in the pack, such as
/// `pack.toml`) is copied into `file_buf` (see "Strings out"), the 1-based line and
/// column (in characters) written to `*line` and `*column`. `PUTOKAZ_RESULT_NO_VALUE`
/// when the issue has no location (a file that cannot be read).
///
/// # Safety
/// `diagnostic` is NULL or live; `line` and `column` are NULL or writable; see "Strings
/// out" for the buffer.
#[no_mangle]
pub unsafe extern "C" fn putokaz_diagnostic_issue_location(
    diagnostic: *const putokaz_diagnostic,
    index: usize,
    file_buf: *mut c_char,
    file_len: usize,
    file_written: *mut usize,
    line: *mut u32,
    column: *mut u32,
) -> putokaz_result {
    guard(|| {
        // SAFETY: forwarded.
        let d = unsafe { ref_arg(diagnostic, "diagnostic") }?;
        let line = unsafe { out_arg(line, "line") }?;
        let column = unsafe { out_arg(column, "column") }?;
        let issue = boundary::index(&d.detail.issues, index)?;
        let (file, l, c) = issue
            .location
            .as_ref()
            .ok_or_else(|| boundary::Fail::new(putokaz_result::NoValue, "the issue has no location"))?;
        unsafe { write_text(file, file_buf, file_len, file_written) }?;
        line.write(*l);
        column.write(*c);
        Ok(())
    })
}
