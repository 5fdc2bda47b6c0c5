//! The typed case builder, for registries with no JSON library: the same case the JSON
//! entry point reads, built one field at a time. The builder only stores what it is
//! given (and keeps the core's size limits); whether the values make sense for a pack —
//! known indicators and roles, readable dates — is checked by `putokaz_assess`, which
//! names the field by its JSON path.

use crate::boundary::{
    case_json_arg, guard, guard_void, guard_with_diagnostic, mut_arg, optional_text_arg, out_arg, owned_string,
    ref_arg, text_arg, Fail, Outcome,
};
use crate::diagnostic::putokaz_diagnostic;
use crate::enums::putokaz_direction;
use crate::result::putokaz_result;
use putokaz::Case;
use putokaz::{
    AgeRange, Consent, Direction, DiscretionaryOverride, Event, Observation, ObservedValue, MAX_ENTRIES, MAX_TEXT,
};
use std::ffi::c_char;

/// A case under construction. Owned by the caller (Box): created by `putokaz_case_new`
/// or `putokaz_case_from_json`, freed with `putokaz_case_free`. Functions that take a
/// `putokaz_case *` change it and must not run at the same time as any other use of the
/// same case; functions that take a `const putokaz_case *` (`putokaz_assess`,
/// `putokaz_case_to_json`) may run on one case from several threads at once.
#[derive(Debug)]
pub struct putokaz_case {
    pub(crate) case: Case,
}

fn text(s: &str, what: &str) -> Result<String, Fail> {
    if s.len() > MAX_TEXT {
        return Err(Fail::new(putokaz_result::CaseLimit, format!("{what} is longer than {MAX_TEXT} bytes")));
    }
    Ok(s.to_owned())
}

fn room(len: usize, what: &str) -> Outcome {
    if len >= MAX_ENTRIES {
        return Err(Fail::new(putokaz_result::CaseLimit, format!("a case has at most {MAX_ENTRIES} {what}")));
    }
    Ok(())
}

/// Runs `f` on the case behind `case`.
///
/// # Safety
/// `case` is NULL or a live case not used elsewhere during the call.
unsafe fn with_case(case: *mut putokaz_case, f: impl FnOnce(&mut Case) -> Outcome) -> putokaz_result {
    guard(|| {
        // SAFETY: forwarded.
        let c = unsafe { mut_arg(case, "case") }?;
        f(&mut c.case)
    })
}

/// Starts a case: `id` is a pseudonymous id (never a name), `reported_at` when the case
/// was first reported, RFC 3339 with an offset (`"2026-03-02T09:15:00+01:00"`). On
/// success `*out` is a new case the caller frees with `putokaz_case_free`.
///
/// # Safety
/// `id` and `reported_at` are NULL or NUL-terminated; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn putokaz_case_new(
    id: *const c_char,
    reported_at: *const c_char,
    out: *mut *mut putokaz_case,
) -> putokaz_result {
    guard(|| {
        // SAFETY: forwarded.
        let id = text(unsafe { text_arg(id, "id") }?, "id")?;
        let reported_at = text(unsafe { text_arg(reported_at, "reported_at") }?, "reported_at")?;
        let out = unsafe { out_arg(out, "out") }?;
        let case = Case { id, reported_at, ..Case::default() };
        out.write(Box::into_raw(Box::new(putokaz_case { case })));
        Ok(())
    })
}

/// Reads a case from JSON (the format `putokaz_assess_json` takes), for callers that
/// store cases as JSON but want the typed accessors of `putokaz_assess`. On success
/// `*out` is a new case freed with `putokaz_case_free`; malformed JSON or an unknown
/// field is a `PUTOKAZ_RESULT_CASE_*` code whose diagnostic names the JSON path.
///
/// # Safety
/// `json` is NULL or NUL-terminated; `out` and `diagnostic` are NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn putokaz_case_from_json(
    json: *const c_char,
    out: *mut *mut putokaz_case,
    diagnostic: *mut *mut putokaz_diagnostic,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe {
        guard_with_diagnostic(diagnostic, || {
            let json = case_json_arg(json, "json")?;
            let out = out_arg(out, "out")?;
            let case = Case::from_json(json)?;
            out.write(Box::into_raw(Box::new(putokaz_case { case })));
            Ok(())
        })
    }
}

/// Frees a case. NULL does nothing.
///
/// # Safety
/// `case` is NULL or a case from this library, not freed yet.
#[no_mangle]
pub unsafe extern "C" fn putokaz_case_free(case: *mut putokaz_case) {
    guard_void(|| {
        if !case.is_null() {
            // SAFETY: the pointer came from Box::into_raw and is given up once.
            drop(unsafe { Box::from_raw(case) });
        }
    })
}

/// The case as JSON (the format `putokaz_assess_json` takes), in `*out`: a new string
/// the caller frees with `putokaz_string_free`.
///
/// # Safety
/// `case` is NULL or live; `out` is NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn putokaz_case_to_json(case: *const putokaz_case, out: *mut *mut c_char) -> putokaz_result {
    guard(|| {
        // SAFETY: forwarded.
        let c = unsafe { ref_arg(case, "case") }?;
        let out = unsafe { out_arg(out, "out") }?;
        out.write(owned_string(c.case.to_json())?);
        Ok(())
    })
}

/// Sets the municipality (a name from the pack's routing table, such as `"Jajce"`),
/// which names the concrete institutions. JSON: `$.municipality`.
///
/// # Safety
/// `case` is NULL or live and not in use elsewhere; `municipality` is NULL or
/// NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn putokaz_case_set_municipality(
    case: *mut putokaz_case,
    municipality: *const c_char,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe {
        with_case(case, |c| {
            c.municipality = Some(text(text_arg(municipality, "municipality")?, "municipality")?);
            Ok(())
        })
    }
}

/// Sets the institution type that reported (a role of the pack, such as `"school"`).
/// JSON: `$.reporter`.
///
/// # Safety
/// As `putokaz_case_set_municipality`.
#[no_mangle]
pub unsafe extern "C" fn putokaz_case_set_reporter(case: *mut putokaz_case, reporter: *const c_char) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe {
        with_case(case, |c| {
            c.reporter = Some(text(text_arg(reporter, "reporter")?, "reporter")?);
            Ok(())
        })
    }
}

/// Sets the subject's birth date, `YYYY-MM-DD`. The age is given one way: this replaces
/// an age or age range set before. JSON: `$.subject.birth_date`.
///
/// # Safety
/// As `putokaz_case_set_municipality`.
#[no_mangle]
pub unsafe extern "C" fn putokaz_case_set_birth_date(
    case: *mut putokaz_case,
    birth_date: *const c_char,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe {
        with_case(case, |c| {
            let d = text(text_arg(birth_date, "birth_date")?, "birth_date")?;
            c.subject.birth_date = Some(d);
            c.subject.age = None;
            c.subject.age_range = None;
            Ok(())
        })
    }
}

/// Sets the subject's age in whole years; replaces a birth date or age range set
/// before. JSON: `$.subject.age`.
///
/// # Safety
/// `case` is NULL or live and not in use elsewhere.
#[no_mangle]
pub unsafe extern "C" fn putokaz_case_set_age(case: *mut putokaz_case, age: u32) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe {
        with_case(case, |c| {
            c.subject.age = Some(age);
            c.subject.birth_date = None;
            c.subject.age_range = None;
            Ok(())
        })
    }
}

/// Sets an estimated age range in whole years (`min` ≤ `max`, checked when assessing);
/// replaces a birth date or age set before. A range reaching below the age of majority
/// makes the subject a presumed child. JSON: `$.subject.age_range`.
///
/// # Safety
/// `case` is NULL or live and not in use elsewhere.
#[no_mangle]
pub unsafe extern "C" fn putokaz_case_set_age_range(case: *mut putokaz_case, min: u32, max: u32) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe {
        with_case(case, |c| {
            c.subject.age_range = Some(AgeRange { min, max });
            c.subject.birth_date = None;
            c.subject.age = None;
            Ok(())
        })
    }
}

/// Records whether there are reasons to believe the subject is a child (when the age
/// is unknown or uncertain). JSON: `$.subject.appears_minor`.
///
/// # Safety
/// `case` is NULL or live and not in use elsewhere.
#[no_mangle]
pub unsafe extern "C" fn putokaz_case_set_appears_minor(
    case: *mut putokaz_case,
    appears_minor: bool,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe {
        with_case(case, |c| {
            c.subject.appears_minor = Some(appears_minor);
            Ok(())
        })
    }
}

/// Sets the subject's sex: `"female"`, `"male"` or `"other"`. JSON: `$.subject.sex`.
///
/// # Safety
/// As `putokaz_case_set_municipality`.
#[no_mangle]
pub unsafe extern "C" fn putokaz_case_set_sex(case: *mut putokaz_case, sex: *const c_char) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe {
        with_case(case, |c| {
            c.subject.sex = Some(text(text_arg(sex, "sex")?, "sex")?);
            Ok(())
        })
    }
}

/// Sets the subject's citizenship, an ISO 3166-1 alpha-2 code such as `"BA"`. JSON:
/// `$.subject.citizenship`.
///
/// # Safety
/// As `putokaz_case_set_municipality`.
#[no_mangle]
pub unsafe extern "C" fn putokaz_case_set_citizenship(
    case: *mut putokaz_case,
    citizenship: *const c_char,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe {
        with_case(case, |c| {
            c.subject.citizenship = Some(text(text_arg(citizenship, "citizenship")?, "citizenship")?);
            Ok(())
        })
    }
}

/// # Safety
/// As `putokaz_case_set_municipality`.
unsafe fn observe(
    case: *mut putokaz_case,
    indicator: *const c_char,
    value: impl FnOnce() -> Result<ObservedValue, Fail>,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe {
        with_case(case, |c| {
            let indicator = text(text_arg(indicator, "indicator")?, "indicator")?;
            let value = value()?;
            room(c.observations.len(), "observations")?;
            c.observations.push(Observation { indicator, value, observed_at: None, observed_by: None });
            Ok(())
        })
    }
}

/// Records a yes/no indicator (type bool). Observations are numbered from 0 in the order
/// they are added: the n-th is `$.observations[n]` in diagnostics. Observing one
/// indicator twice with different values is `PUTOKAZ_RESULT_CASE_CONFLICT` when
/// assessing.
///
/// # Safety
/// As `putokaz_case_set_municipality`.
#[no_mangle]
pub unsafe extern "C" fn putokaz_case_observe_bool(
    case: *mut putokaz_case,
    indicator: *const c_char,
    value: bool,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe { observe(case, indicator, || Ok(ObservedValue::Bool(value))) }
}

/// Records a counted indicator (type count), such as unexcused school days.
///
/// # Safety
/// As `putokaz_case_set_municipality`.
#[no_mangle]
pub unsafe extern "C" fn putokaz_case_observe_count(
    case: *mut putokaz_case,
    indicator: *const c_char,
    value: u64,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe { observe(case, indicator, || Ok(ObservedValue::Count(value))) }
}

/// Records an indicator with named values (type enum): `value` is one of the values the
/// pack lists for it.
///
/// # Safety
/// As `putokaz_case_set_municipality`; `value` is NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn putokaz_case_observe_enum(
    case: *mut putokaz_case,
    indicator: *const c_char,
    value: *const c_char,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe { observe(case, indicator, || Ok(ObservedValue::Text(text(text_arg(value, "value")?, "value")?))) }
}

/// Records that an indicator was asked about and is not known (JSON `null`): the
/// assessment then says what would change if it were found present or absent.
///
/// # Safety
/// As `putokaz_case_set_municipality`.
#[no_mangle]
pub unsafe extern "C" fn putokaz_case_observe_unknown(
    case: *mut putokaz_case,
    indicator: *const c_char,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe { observe(case, indicator, || Ok(ObservedValue::Unknown(()))) }
}

/// Records when and by whom the observation at `index` was made (the n-th observation
/// added is index n): `observed_at` an RFC 3339 time with an offset, `observed_by` a
/// role of the pack (`"reporter"` names the case's reporter); either may be NULL, which
/// leaves it unknown (and clears a value set before). JSON: `$.observations[n].observed_at`
/// and `$.observations[n].observed_by`, checked when assessing as the JSON is. An index
/// not below the number of observations added is `PUTOKAZ_RESULT_INDEX_OUT_OF_RANGE`.
///
/// # Safety
/// As `putokaz_case_set_municipality`; `observed_at` and `observed_by` are NULL or
/// NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn putokaz_case_set_observed(
    case: *mut putokaz_case,
    index: usize,
    observed_at: *const c_char,
    observed_by: *const c_char,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe {
        with_case(case, |c| {
            let at = optional_text_arg(observed_at, "observed_at")?.map(|a| text(a, "observed_at")).transpose()?;
            let by = optional_text_arg(observed_by, "observed_by")?.map(|b| text(b, "observed_by")).transpose()?;
            let o = crate::boundary::index_mut(&mut c.observations, index)?;
            o.observed_at = at;
            o.observed_by = by;
            Ok(())
        })
    }
}

/// Records that something happened: `kind` is an event kind of the pack (such as
/// `"csw_notified"`), `at` an RFC 3339 time with an offset, `by` the role that acted (or
/// NULL when not known; `"reporter"` names the case's reporter). Events fulfil
/// obligations and start the clocks of others. The n-th event added is `$.events[n]`.
///
/// # Safety
/// As `putokaz_case_set_municipality`; `kind` and `at` are NULL or NUL-terminated; `by`
/// is NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn putokaz_case_add_event(
    case: *mut putokaz_case,
    kind: *const c_char,
    at: *const c_char,
    by: *const c_char,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe {
        with_case(case, |c| {
            let kind = text(text_arg(kind, "kind")?, "kind")?;
            let at = text(text_arg(at, "at")?, "at")?;
            let by = optional_text_arg(by, "by")?.map(|b| text(b, "by")).transpose()?;
            room(c.events.len(), "events")?;
            c.events.push(Event { kind, at, by });
            Ok(())
        })
    }
}

/// Records a consent: `scope` is a consent scope of the pack (such as
/// `"roma_mediator"`), `given` whether it was given (false: refused), `at` when (RFC
/// 3339, or NULL). The n-th consent added is `$.consents[n]`.
///
/// # Safety
/// As `putokaz_case_set_municipality`; `scope` is NULL or NUL-terminated; `at` is NULL
/// or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn putokaz_case_add_consent(
    case: *mut putokaz_case,
    scope: *const c_char,
    given: bool,
    at: *const c_char,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe {
        with_case(case, |c| {
            let scope = text(text_arg(scope, "scope")?, "scope")?;
            let at = optional_text_arg(at, "at")?.map(|a| text(a, "at")).transpose()?;
            room(c.consents.len(), "consents")?;
            c.consents.push(Consent { scope, given, at });
            Ok(())
        })
    }
}

/// Records a worker's documented decision to move the level one step (`direction` is a
/// `putokaz_direction`), with the reason and the reviewer who approved it; it never
/// takes the level below a policy floor. A `direction` that is not a
/// `putokaz_direction` is `PUTOKAZ_RESULT_USAGE`. JSON: `$.discretionary_override`.
///
/// # Safety
/// As `putokaz_case_set_municipality`; `reason` and `reviewer` are NULL or
/// NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn putokaz_case_set_discretionary_override(
    case: *mut putokaz_case,
    direction: u32,
    reason: *const c_char,
    reviewer: *const c_char,
) -> putokaz_result {
    // SAFETY: forwarded.
    unsafe {
        with_case(case, |c| {
            let reason = text(text_arg(reason, "reason")?, "reason")?;
            let reviewer = text(text_arg(reviewer, "reviewer")?, "reviewer")?;
            let direction: Direction = putokaz_direction::from_u32(direction)
                .ok_or_else(|| {
                    Fail::new(
                        putokaz_result::Usage,
                        "direction must be PUTOKAZ_DIRECTION_RAISE or PUTOKAZ_DIRECTION_LOWER",
                    )
                })?
                .into();
            c.discretionary_override = Some(DiscretionaryOverride { direction, reason, reviewer });
            Ok(())
        })
    }
}
