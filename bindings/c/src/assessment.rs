//! Assessing a case, by JSON or by the typed builder, and reading an assessment without
//! a JSON library.

use crate::boundary::{
    self, case_json_arg, guard, guard_void, guard_with_diagnostic, optional_text_arg, out_arg, owned_string, ref_arg,
    text_arg, write_text, Fail, Outcome,
};
use crate::case::putokaz_case;
use crate::diagnostic::putokaz_diagnostic;
use crate::enums::{
    putokaz_child_basis, putokaz_classification, putokaz_level, putokaz_obligation_status, putokaz_tri,
};
use crate::protocol::putokaz_protocol;
use crate::result::putokaz_result;
use crate::texts::{self, OfObligation, OfUnknown, Texts, Whole};
use putokaz::{Assessment, Options};
use putokaz::{ObligationFinding, UnknownFinding};
use std::borrow::Cow;
use std::ffi::c_char;
use std::sync::OnceLock;

/// The result of assessing one case. Owned by the caller (Box): made by
/// `putokaz_assess`, freed with `putokaz_assessment_free`. Immutable: its accessors may
/// be called from several threads at once. It does not refer to the protocol or the
/// case it came from, which may be freed first. The `_str` accessors lend texts that
/// stay valid until the assessment is freed.
#[derive(Debug)]
pub struct putokaz_assessment {
    assessment: Assessment,
    /// The texts lent by the `_str` accessors, made on the first such call.
    lent: OnceLock<Texts>,
}

impl putokaz_assessment {
    fn boxed(assessment: Assessment) -> *mut putokaz_assessment {
        Box::into_raw(Box::new(putokaz_assessment { assessment, lent: OnceLock::new() }))
    }
}

/// What an assessment includes beyond the level, classification, score and obligations
/// (which it always has): a bit set for `putokaz_assess_json_with`.
pub type putokaz_assess_flags = u32;
/// The trace of every rule that fired or could fire.
pub const PUTOKAZ_ASSESS_TRACE: putokaz_assess_flags = 1;
/// The ten most decisive unknown inputs, ranked ("what to ask next").
pub const PUTOKAZ_ASSESS_UNKNOWNS: putokaz_assess_flags = 2;
/// The assessment rendered as text.
pub const PUTOKAZ_ASSESS_TEXT: putokaz_assess_flags = 4;
/// All of the above: what `putokaz_assess_json` gives.
pub const PUTOKAZ_ASSESS_FULL: putokaz_assess_flags = 7;

fn options(language: Option<&str>, flags: putokaz_assess_flags) -> Result<Options, Fail> {
    if flags & !PUTOKAZ_ASSESS_FULL != 0 {
        return Err(Fail::new(putokaz_result::Usage, format!("unknown bits in flags: {flags:#x}")));
    }
    let mut options = Options::new().trace(flags & PUTOKAZ_ASSESS_TRACE != 0).text(flags & PUTOKAZ_ASSESS_TEXT != 0);
    if flags & PUTOKAZ_ASSESS_UNKNOWNS == 0 {
        options = options.unknowns(0);
    }
    match language {
        Some(code) => Ok(options.language(code.parse().map_err(Fail::from)?)),
        None => Ok(options),
    }
}

/// Assesses a case given as JSON and returns the assessment as JSON, in `*out`: a new
/// NUL-terminated string the caller frees with `putokaz_string_free` (the library
/// allocates it, so no size has to be guessed). The JSON is byte for byte what the Rust
/// and Python APIs give for the same protocol, case and `as_of`.
///
/// `as_of` is the moment the assessment is made for, RFC 3339 with an offset
/// (`"2026-03-04T12:00:00+01:00"`): the engine reads no clock. `language` is one of the
/// five the engine writes — `"bs"`, `"hr"`, `"sr-Latn"`, `"sr-Cyrl"`, `"en"` — for the
/// labels and text, or NULL for the pack's first language (`putokaz_protocol_language`
/// lists the pack's). The assessment
/// carries the full trace and the ranked unknown inputs.
///
/// Errors: a bad `as_of` or unknown language is `PUTOKAZ_RESULT_USAGE`; a case that
/// cannot be assessed is a `PUTOKAZ_RESULT_CASE_*` code whose diagnostic names the JSON
/// path (never the value).
///
/// # Safety
/// `protocol` is NULL or live; `case_json` and `as_of` are NULL or NUL-terminated;
/// `language` is NULL or NUL-terminated; `out` and `diagnostic` are NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn putokaz_assess_json(
    protocol: *const putokaz_protocol,
    case_json: *const c_char,
    as_of: *const c_char,
    language: *const c_char,
    out: *mut *mut c_char,
    diagnostic: *mut *mut putokaz_diagnostic,
) -> putokaz_result {
    // SAFETY: forwarded; everything included is the same as PUTOKAZ_ASSESS_FULL.
    unsafe { putokaz_assess_json_with(protocol, case_json, as_of, language, PUTOKAZ_ASSESS_FULL, out, diagnostic) }
}

/// Like `putokaz_assess_json`, with `flags` choosing what the assessment includes besides
/// the level, classification, score, obligations and everything else it always has:
/// `PUTOKAZ_ASSESS_TRACE`, `PUTOKAZ_ASSESS_UNKNOWNS`, `PUTOKAZ_ASSESS_TEXT`, or
/// `PUTOKAZ_ASSESS_FULL` (the same as `putokaz_assess_json`). With 0 the JSON has an
/// empty `trace`, `unknowns` and `text`, and the call is many times faster: the ranking
/// of unknowns re-evaluates the case once per unknown input. Unknown bits are
/// `PUTOKAZ_RESULT_USAGE`.
///
/// # Safety
/// As for `putokaz_assess_json`.
#[no_mangle]
pub unsafe extern "C" fn putokaz_assess_json_with(
    protocol: *const putokaz_protocol,
    case_json: *const c_char,
    as_of: *const c_char,
    language: *const c_char,
    flags: putokaz_assess_flags,
    out: *mut *mut c_char,
    diagnostic: *mut *mut putokaz_diagnostic,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe {
        guard_with_diagnostic(diagnostic, || {
            let p = ref_arg(protocol, "protocol")?;
            let case_json = case_json_arg(case_json, "case_json")?;
            let as_of = text_arg(as_of, "as_of")?;
            let language = optional_text_arg(language, "language")?;
            let out = out_arg(out, "out")?;
            let json = p.protocol.assess_json(case_json, as_of, &options(language, flags)?)?;
            out.write(owned_string(json)?);
            Ok(())
        })
    }
}

/// Screens a case given as JSON: the outcome without words, as one line of JSON in
/// `*out` (freed with `putokaz_string_free`): `case_id`, `level`, `level_min`,
/// `level_max`, `level_settled`, `classification`, `classification_settled`, `score`,
/// `score_min`, `score_max` (exact decimals as text), `is_child`, `child_basis`, the
/// counts `overdue`, `pending`, `offered`, `depends_on_unknown` and `met`, `next_due`
/// (RFC 3339 in the pack's time zone) and `next_due_unix`, and `first_unknown` (the
/// most decisive unknown input, when `rank_unknowns` is true; null otherwise). The same
/// level, classification, score and statuses as `putokaz_assess_json`; for registries
/// that screen many cases. Errors as for `putokaz_assess_json`.
///
/// # Safety
/// `protocol` is NULL or live; `case_json` and `as_of` are NULL or NUL-terminated; `out`
/// and `diagnostic` are NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn putokaz_screen_json(
    protocol: *const putokaz_protocol,
    case_json: *const c_char,
    as_of: *const c_char,
    rank_unknowns: bool,
    out: *mut *mut c_char,
    diagnostic: *mut *mut putokaz_diagnostic,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe {
        guard_with_diagnostic(diagnostic, || {
            let p = ref_arg(protocol, "protocol")?;
            let case_json = case_json_arg(case_json, "case_json")?;
            let as_of = text_arg(as_of, "as_of")?;
            let out = out_arg(out, "out")?;
            let json = p.protocol.screen_json(case_json, as_of, rank_unknowns)?;
            out.write(owned_string(json)?);
            Ok(())
        })
    }
}

/// Assesses a case built with the typed API (or read by `putokaz_case_from_json`). On
/// success `*out` is a new assessment the caller frees with `putokaz_assessment_free`;
/// the case is not consumed or changed. `as_of` and `language` as for
/// `putokaz_assess_json`. This is where the case is checked against the pack: an
/// unknown indicator, a value of the wrong type, an unreadable date, an unknown role,
/// event kind, consent scope or municipality are `PUTOKAZ_RESULT_CASE_*` codes whose
/// diagnostic names the field by its JSON path.
///
/// # Safety
/// `protocol` and `case` are NULL or live; `as_of` is NULL or NUL-terminated; `language`
/// is NULL or NUL-terminated; `out` and `diagnostic` are NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn putokaz_assess(
    protocol: *const putokaz_protocol,
    case: *const putokaz_case,
    as_of: *const c_char,
    language: *const c_char,
    out: *mut *mut putokaz_assessment,
    diagnostic: *mut *mut putokaz_diagnostic,
) -> putokaz_result {
    // SAFETY: forwarded; everything included is the same as PUTOKAZ_ASSESS_FULL.
    unsafe { putokaz_assess_with(protocol, case, as_of, language, PUTOKAZ_ASSESS_FULL, out, diagnostic) }
}

/// Like `putokaz_assess`, with `flags` as for `putokaz_assess_json_with`: with 0 the
/// assessment has no trace, no ranked unknowns and no text, and costs far less.
///
/// # Safety
/// As for `putokaz_assess`.
#[no_mangle]
pub unsafe extern "C" fn putokaz_assess_with(
    protocol: *const putokaz_protocol,
    case: *const putokaz_case,
    as_of: *const c_char,
    language: *const c_char,
    flags: putokaz_assess_flags,
    out: *mut *mut putokaz_assessment,
    diagnostic: *mut *mut putokaz_diagnostic,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe {
        guard_with_diagnostic(diagnostic, || {
            let p = ref_arg(protocol, "protocol")?;
            let c = ref_arg(case, "case")?;
            let as_of = text_arg(as_of, "as_of")?;
            let language = optional_text_arg(language, "language")?;
            let out = out_arg(out, "out")?;
            let options = options(language, flags)?;
            let as_of = putokaz::parse_as_of(as_of)?;
            let assessment = putokaz::assess(&p.protocol, &c.case, as_of, &options)?;
            out.write(putokaz_assessment::boxed(assessment));
            Ok(())
        })
    }
}

/// Frees an assessment. NULL does nothing.
///
/// # Safety
/// `assessment` is NULL or an assessment from this library, not freed yet.
#[no_mangle]
pub unsafe extern "C" fn putokaz_assessment_free(assessment: *mut putokaz_assessment) {
    guard_void(|| {
        if !assessment.is_null() {
            // SAFETY: the pointer came from Box::into_raw and is given up once.
            drop(unsafe { Box::from_raw(assessment) });
        }
    })
}

/// Runs `f` on the assessment behind `a`.
///
/// # Safety
/// `a` is NULL or live.
unsafe fn read(a: *const putokaz_assessment, f: impl FnOnce(&Assessment) -> Outcome) -> putokaz_result {
    guard(|| {
        // SAFETY: forwarded.
        f(&unsafe { ref_arg(a, "assessment") }?.assessment)
    })
}

/// Writes one value to an out-parameter.
///
/// # Safety
/// `a` is NULL or live; `out` is NULL or writable.
unsafe fn read_value<T>(
    a: *const putokaz_assessment,
    out: *mut T,
    f: impl FnOnce(&Assessment) -> Result<T, Fail>,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe {
        read(a, |a| {
            let out = out_arg(out, "out")?;
            out.write(f(a)?);
            Ok(())
        })
    }
}

/// Copies one text of the assessment into the caller's buffer.
///
/// # Safety
/// `a` is NULL or live; see "Strings out".
unsafe fn read_text(
    a: *const putokaz_assessment,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
    f: impl for<'a> FnOnce(&'a Assessment) -> Result<Cow<'a, str>, Fail>,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe { read(a, |a| write_text(&f(a)?, buf, len, written)) }
}

/// Lends one text of the assessment: `*out` points into the assessment.
///
/// # Safety
/// `a` is NULL or live; `out` is NULL or writable.
unsafe fn lend_text(
    a: *const putokaz_assessment,
    out: *mut *const c_char,
    f: impl FnOnce(&Texts) -> Result<*const c_char, Fail>,
) -> putokaz_result {
    guard(|| {
        // SAFETY: forwarded.
        let a = unsafe { ref_arg(a, "assessment") }?;
        let out = unsafe { out_arg(out, "out") }?;
        out.write(f(a.lent.get_or_init(|| Texts::of(&a.assessment)))?);
        Ok(())
    })
}

/// Copies a text of the obligation at `index`.
///
/// # Safety
/// As `read_text`.
unsafe fn copy_obligation_text(
    a: *const putokaz_assessment,
    index: usize,
    which: OfObligation,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe {
        read_text(a, buf, len, written, |a| {
            texts::of_obligation(obligation(a, index)?, which).ok_or_else(|| absent("the value"))
        })
    }
}

/// Copies a text of the unknown at `index`.
///
/// # Safety
/// As `read_text`.
unsafe fn copy_unknown_text(
    a: *const putokaz_assessment,
    index: usize,
    which: OfUnknown,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe {
        read_text(a, buf, len, written, |a| {
            texts::of_unknown(unknown(a, index)?, which).ok_or_else(|| absent("the value"))
        })
    }
}

/// Copies a text of the assessment itself.
///
/// # Safety
/// As `read_text`.
unsafe fn copy_whole_text(
    a: *const putokaz_assessment,
    which: Whole,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe { read_text(a, buf, len, written, |a| texts::whole(a, which).ok_or_else(|| absent("the text"))) }
}

fn obligation(a: &Assessment, index: usize) -> Result<&ObligationFinding, Fail> {
    boundary::index(&a.obligations, index)
}

fn unknown(a: &Assessment, index: usize) -> Result<&UnknownFinding, Fail> {
    boundary::index(&a.unknowns, index)
}

fn absent(what: &str) -> Fail {
    Fail::new(putokaz_result::NoValue, format!("{what} is absent"))
}

/// Writes the established risk level to `*out`.
///
/// # Safety
/// `assessment` is NULL or live; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn putokaz_assessment_level(
    assessment: *const putokaz_assessment,
    out: *mut putokaz_level,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe { read_value(assessment, out, |a| Ok(a.level.value.into())) }
}

/// Writes the established classification to `*out`.
///
/// # Safety
/// `assessment` is NULL or live; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn putokaz_assessment_classification(
    assessment: *const putokaz_assessment,
    out: *mut putokaz_classification,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe { read_value(assessment, out, |a| Ok(a.classification.value.into())) }
}

/// Writes to `*out` whether the subject is treated as a child (unknown when nothing
/// settles the age).
///
/// # Safety
/// `assessment` is NULL or live; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn putokaz_assessment_is_child(
    assessment: *const putokaz_assessment,
    out: *mut putokaz_tri,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe { read_value(assessment, out, |a| Ok(a.subject.is_child.into())) }
}

/// Writes to `*out` on what basis the subject is (or is not) treated as a child.
///
/// # Safety
/// `assessment` is NULL or live; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn putokaz_assessment_child_basis(
    assessment: *const putokaz_assessment,
    out: *mut putokaz_child_basis,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe { read_value(assessment, out, |a| Ok(a.subject.child_basis.into())) }
}

/// Copies the score (from what is established) as an exact decimal string, such as
/// `"8.75"` or `"3"`, into `buf` (see "Strings out").
///
/// # Safety
/// `assessment` is NULL or live; see "Strings out".
#[no_mangle]
pub unsafe extern "C" fn putokaz_assessment_score(
    assessment: *const putokaz_assessment,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe { copy_whole_text(assessment, Whole::Score, buf, len, written) }
}

/// The score as a scaled integer, for arithmetic without floating point: the score is
/// exactly `*value / 10^*scale` (`"8.75"` gives 875 and 2; `"3"` gives 3 and 0). A score
/// whose digits do not fit 64 bits is `PUTOKAZ_RESULT_OVERFLOW`.
///
/// # Safety
/// `assessment` is NULL or live; `value` and `scale` are NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn putokaz_assessment_score_scaled(
    assessment: *const putokaz_assessment,
    value: *mut i64,
    scale: *mut u32,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe {
        read(assessment, |a| {
            let value = out_arg(value, "value")?;
            let scale = out_arg(scale, "scale")?;
            let (v, s) = scaled(a.score.value)?;
            value.write(v);
            scale.write(s);
            Ok(())
        })
    }
}

/// A decimal as digits and a scale: exactly `digits / 10^scale`.
fn scaled(d: putokaz::Decimal) -> Result<(i64, u32), Fail> {
    let overflow = || Fail::new(putokaz_result::Overflow, "the score does not fit a 64-bit scaled integer");
    Ok((i64::try_from(d.mantissa()).map_err(|_| overflow())?, d.scale()))
}

/// Writes to `*count` how many obligations the assessment lists (most urgent first).
///
/// # Safety
/// `assessment` is NULL or live; `count` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn putokaz_assessment_obligation_count(
    assessment: *const putokaz_assessment,
    count: *mut usize,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe { read_value(assessment, count, |a| Ok(a.obligations.len())) }
}

/// Copies the id of the obligation at `index` (such as `"notify_csw"`) into `buf`.
/// Every `putokaz_assessment_obligation_*` function returns
/// `PUTOKAZ_RESULT_INDEX_OUT_OF_RANGE` for an index not below the count.
///
/// # Safety
/// `assessment` is NULL or live; see "Strings out".
#[no_mangle]
pub unsafe extern "C" fn putokaz_assessment_obligation_id(
    assessment: *const putokaz_assessment,
    index: usize,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe { copy_obligation_text(assessment, index, OfObligation::Id, buf, len, written) }
}

/// Copies the label of the obligation at `index`, in the assessment's language, into
/// `buf`.
///
/// # Safety
/// `assessment` is NULL or live; see "Strings out".
#[no_mangle]
pub unsafe extern "C" fn putokaz_assessment_obligation_label(
    assessment: *const putokaz_assessment,
    index: usize,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe { copy_obligation_text(assessment, index, OfObligation::Label, buf, len, written) }
}

/// Writes the status of the obligation at `index` to `*out`.
///
/// # Safety
/// `assessment` is NULL or live; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn putokaz_assessment_obligation_status(
    assessment: *const putokaz_assessment,
    index: usize,
    out: *mut putokaz_obligation_status,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe { read_value(assessment, out, |a| Ok(obligation(a, index)?.status.into())) }
}

/// Writes the priority of the obligation at `index` to `*out` (1 is the most urgent).
///
/// # Safety
/// `assessment` is NULL or live; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn putokaz_assessment_obligation_priority(
    assessment: *const putokaz_assessment,
    index: usize,
    out: *mut u8,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe { read_value(assessment, out, |a| Ok(obligation(a, index)?.priority)) }
}

/// Copies the role that must act on the obligation at `index` (a role id of the pack,
/// or `"reporter"`) into `buf`.
///
/// # Safety
/// `assessment` is NULL or live; see "Strings out".
#[no_mangle]
pub unsafe extern "C" fn putokaz_assessment_obligation_actor_role(
    assessment: *const putokaz_assessment,
    index: usize,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe { copy_obligation_text(assessment, index, OfObligation::ActorRole, buf, len, written) }
}

/// Copies the concrete institution that must act on the obligation at `index` (such as
/// `"JU Centar za socijalni rad Jajce"`) into `buf`: for a role the routing table routes
/// (CSW, police, prosecutor, coordination team, Roma mediator), the institution of the
/// case's municipality. For any other role — a school, a health centre, and the reporter,
/// which a case records by its type (`$.reporter`), never by name — it is the role's
/// label in the assessment's language (`"School"`): the caller, who knows which school
/// reported, names it. `PUTOKAZ_RESULT_NO_VALUE` when it cannot be named (a routed role
/// of a case with no municipality).
///
/// # Safety
/// `assessment` is NULL or live; see "Strings out".
#[no_mangle]
pub unsafe extern "C" fn putokaz_assessment_obligation_actor_institution(
    assessment: *const putokaz_assessment,
    index: usize,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe { copy_obligation_text(assessment, index, OfObligation::ActorInstitution, buf, len, written) }
}

/// Copies the role towards which the obligation at `index` is owed into `buf`.
///
/// # Safety
/// `assessment` is NULL or live; see "Strings out".
#[no_mangle]
pub unsafe extern "C" fn putokaz_assessment_obligation_recipient_role(
    assessment: *const putokaz_assessment,
    index: usize,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe { copy_obligation_text(assessment, index, OfObligation::RecipientRole, buf, len, written) }
}

/// Copies the concrete institution towards which the obligation at `index` is owed into
/// `buf`; `PUTOKAZ_RESULT_NO_VALUE` when it cannot be named.
///
/// # Safety
/// `assessment` is NULL or live; see "Strings out".
#[no_mangle]
pub unsafe extern "C" fn putokaz_assessment_obligation_recipient_institution(
    assessment: *const putokaz_assessment,
    index: usize,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe { copy_obligation_text(assessment, index, OfObligation::RecipientInstitution, buf, len, written) }
}

/// Copies the due time of the obligation at `index` into `buf`, RFC 3339 in the pack's
/// time zone (`"2026-03-03T09:00:00+01:00"`). `PUTOKAZ_RESULT_NO_VALUE` while its clock
/// has not started (the event it counts from has not happened).
///
/// # Safety
/// `assessment` is NULL or live; see "Strings out".
#[no_mangle]
pub unsafe extern "C" fn putokaz_assessment_obligation_due(
    assessment: *const putokaz_assessment,
    index: usize,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe { copy_obligation_text(assessment, index, OfObligation::Due, buf, len, written) }
}

/// Writes the due time of the obligation at `index` to `*out` as Unix seconds.
/// `PUTOKAZ_RESULT_NO_VALUE` while its clock has not started.
///
/// # Safety
/// `assessment` is NULL or live; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn putokaz_assessment_obligation_due_unix(
    assessment: *const putokaz_assessment,
    index: usize,
    out: *mut i64,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe { read_value(assessment, out, |a| obligation(a, index)?.due_unix.ok_or_else(|| absent("the due time"))) }
}

/// Writes to `*out` how late the obligation at `index` is (overdue: from its due time to
/// `as_of`) or was (met after its due time), in whole seconds. `PUTOKAZ_RESULT_NO_VALUE`
/// when it is not late.
///
/// # Safety
/// `assessment` is NULL or live; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn putokaz_assessment_obligation_late_seconds(
    assessment: *const putokaz_assessment,
    index: usize,
    out: *mut i64,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe { read_value(assessment, out, |a| obligation(a, index)?.late_seconds.ok_or_else(|| absent("lateness"))) }
}

/// Writes to `*count` how many unknown inputs could still change the level or the
/// classification, ranked most decisive first: what to ask next.
///
/// # Safety
/// `assessment` is NULL or live; `count` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn putokaz_assessment_unknown_count(
    assessment: *const putokaz_assessment,
    count: *mut usize,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe { read_value(assessment, count, |a| Ok(a.unknowns.len())) }
}

/// Copies the input of the unknown at `index` (an indicator id, or `"subject.age"`,
/// `"subject.citizenship"`) into `buf`. `PUTOKAZ_RESULT_INDEX_OUT_OF_RANGE` for an index
/// not below the count.
///
/// # Safety
/// `assessment` is NULL or live; see "Strings out".
#[no_mangle]
pub unsafe extern "C" fn putokaz_assessment_unknown_input(
    assessment: *const putokaz_assessment,
    index: usize,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe { copy_unknown_text(assessment, index, OfUnknown::Input, buf, len, written) }
}

/// Copies the label of the unknown at `index`, in the assessment's language, into
/// `buf`.
///
/// # Safety
/// `assessment` is NULL or live; see "Strings out".
#[no_mangle]
pub unsafe extern "C" fn putokaz_assessment_unknown_label(
    assessment: *const putokaz_assessment,
    index: usize,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe { copy_unknown_text(assessment, index, OfUnknown::Label, buf, len, written) }
}

/// Copies the assessment in words (level, classification, reasons, obligations), in
/// the language chosen when assessing, into `buf`. It is several hundred bytes to a few
/// kilobytes: ask for the size first (`len` 0) or use a large buffer.
///
/// # Safety
/// `assessment` is NULL or live; see "Strings out".
#[no_mangle]
pub unsafe extern "C" fn putokaz_assessment_text(
    assessment: *const putokaz_assessment,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe { copy_whole_text(assessment, Whole::Text, buf, len, written) }
}

/// Lends the score as `putokaz_assessment_score` copies it: `*out` is valid until the
/// assessment is freed (see "Strings lent").
///
/// # Safety
/// `assessment` is NULL or live; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn putokaz_assessment_score_str(
    assessment: *const putokaz_assessment,
    out: *mut *const c_char,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe { lend_text(assessment, out, |t| t.whole(Whole::Score)) }
}

/// Lends the assessment in words, as `putokaz_assessment_text` copies it (see "Strings
/// lent").
///
/// # Safety
/// `assessment` is NULL or live; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn putokaz_assessment_text_str(
    assessment: *const putokaz_assessment,
    out: *mut *const c_char,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe { lend_text(assessment, out, |t| t.whole(Whole::Text)) }
}

/// Lends the id of the obligation at `index`, as
/// `putokaz_assessment_obligation_id` copies it (see "Strings lent").
///
/// # Safety
/// `assessment` is NULL or live; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn putokaz_assessment_obligation_id_str(
    assessment: *const putokaz_assessment,
    index: usize,
    out: *mut *const c_char,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe { lend_text(assessment, out, |t| t.of_obligation(index, OfObligation::Id)) }
}

/// Lends the label of the obligation at `index`, as
/// `putokaz_assessment_obligation_label` copies it (see "Strings lent").
///
/// # Safety
/// `assessment` is NULL or live; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn putokaz_assessment_obligation_label_str(
    assessment: *const putokaz_assessment,
    index: usize,
    out: *mut *const c_char,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe { lend_text(assessment, out, |t| t.of_obligation(index, OfObligation::Label)) }
}

/// Lends the role that must act of the obligation at `index`, as
/// `putokaz_assessment_obligation_actor_role` copies it (see "Strings lent").
///
/// # Safety
/// `assessment` is NULL or live; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn putokaz_assessment_obligation_actor_role_str(
    assessment: *const putokaz_assessment,
    index: usize,
    out: *mut *const c_char,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe { lend_text(assessment, out, |t| t.of_obligation(index, OfObligation::ActorRole)) }
}

/// Lends the institution that must act (`PUTOKAZ_RESULT_NO_VALUE` when it cannot be named) of the obligation at `index`, as
/// `putokaz_assessment_obligation_actor_institution` copies it (see "Strings lent").
///
/// # Safety
/// `assessment` is NULL or live; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn putokaz_assessment_obligation_actor_institution_str(
    assessment: *const putokaz_assessment,
    index: usize,
    out: *mut *const c_char,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe { lend_text(assessment, out, |t| t.of_obligation(index, OfObligation::ActorInstitution)) }
}

/// Lends the role towards which it is owed of the obligation at `index`, as
/// `putokaz_assessment_obligation_recipient_role` copies it (see "Strings lent").
///
/// # Safety
/// `assessment` is NULL or live; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn putokaz_assessment_obligation_recipient_role_str(
    assessment: *const putokaz_assessment,
    index: usize,
    out: *mut *const c_char,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe { lend_text(assessment, out, |t| t.of_obligation(index, OfObligation::RecipientRole)) }
}

/// Lends the institution towards which it is owed (`PUTOKAZ_RESULT_NO_VALUE` when it cannot
/// be named) of the obligation at `index`, as
/// `putokaz_assessment_obligation_recipient_institution` copies it (see "Strings lent").
///
/// # Safety
/// `assessment` is NULL or live; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn putokaz_assessment_obligation_recipient_institution_str(
    assessment: *const putokaz_assessment,
    index: usize,
    out: *mut *const c_char,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe { lend_text(assessment, out, |t| t.of_obligation(index, OfObligation::RecipientInstitution)) }
}

/// Lends the due time (`PUTOKAZ_RESULT_NO_VALUE` while its clock has not started) of the obligation at `index`, as
/// `putokaz_assessment_obligation_due` copies it (see "Strings lent").
///
/// # Safety
/// `assessment` is NULL or live; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn putokaz_assessment_obligation_due_str(
    assessment: *const putokaz_assessment,
    index: usize,
    out: *mut *const c_char,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe { lend_text(assessment, out, |t| t.of_obligation(index, OfObligation::Due)) }
}

/// Lends the input of the unknown at `index`, as `putokaz_assessment_unknown_input` copies it
/// (see "Strings lent").
///
/// # Safety
/// `assessment` is NULL or live; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn putokaz_assessment_unknown_input_str(
    assessment: *const putokaz_assessment,
    index: usize,
    out: *mut *const c_char,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe { lend_text(assessment, out, |t| t.of_unknown(index, OfUnknown::Input)) }
}

/// Lends the label of the unknown at `index`, as `putokaz_assessment_unknown_label` copies it
/// (see "Strings lent").
///
/// # Safety
/// `assessment` is NULL or live; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn putokaz_assessment_unknown_label_str(
    assessment: *const putokaz_assessment,
    index: usize,
    out: *mut *const c_char,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe { lend_text(assessment, out, |t| t.of_unknown(index, OfUnknown::Label)) }
}

/// The whole assessment as JSON, in `*out`: a new string the caller frees with
/// `putokaz_string_free`. The same bytes `putokaz_assess_json` gives for the same case.
///
/// # Safety
/// `assessment` is NULL or live; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn putokaz_assessment_to_json(
    assessment: *const putokaz_assessment,
    out: *mut *mut c_char,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe { read_value(assessment, out, |a| owned_string(a.to_json())) }
}

#[cfg(test)]
mod tests {
    use super::scaled;

    #[test]
    fn scores_scale_exactly() {
        let d = |t: &str| t.parse::<putokaz::Decimal>().unwrap();
        assert_eq!(scaled(d("8.75")).ok(), Some((875, 2)));
        assert_eq!(scaled(d("3")).ok(), Some((3, 0)));
        assert_eq!(scaled(d("0")).ok(), Some((0, 0)));
        assert_eq!(scaled(d("-1.5")).ok(), Some((-15, 1)));
        assert_eq!(scaled(d("-9223372036854775808")).ok(), Some((i64::MIN, 0)));
        assert_eq!(scaled(d("9223372036854775808")).unwrap_err().code, crate::result::putokaz_result::Overflow);
    }
}
