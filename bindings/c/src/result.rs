//! The result codes: one number per way a call can fail, listed once (with the stable
//! name and the sentence of each). Numbers are never reused or renumbered; new codes take
//! new numbers. Codes 1–99 are about the call itself, 100–199 mirror the core's pack error
//! kinds, 200–299 its case error kinds.

use crate::boundary::{self, write_text};
use crate::enums::c_enum;
use putokaz::{CaseErrorKind, PackErrorKind};
use std::ffi::c_char;

c_enum! {
    /// What a call did: `PUTOKAZ_RESULT_OK` (0) or why it failed. Every fallible function
    /// returns one. The numbers are part of the ABI and are never reused. Each value is
    /// shown with its stable name (`putokaz_result_name`) and the sentence
    /// `putokaz_error_message` gives.
    pub enum putokaz_result {
        Ok = 0 => "ok": "success",
        /// Only arguments documented as optional may be NULL.
        NullParameter = 1 => "null_parameter": "a pointer argument that must not be NULL was NULL",
        InvalidUtf8 = 2 => "invalid_utf8": "a text argument is not valid UTF-8",
        /// `*written` tells the length needed (without the terminating NUL).
        BufferTooSmall = 3 => "buffer_too_small": "the buffer is too small for the text (the length needed was written)",
        IndexOutOfRange = 4 => "index_out_of_range": "the index is not below the count of the list",
        /// A bug in putokaz: please report it.
        Panic = 5 => "panic": "internal error: putokaz panicked and the panic was stopped at the C boundary (please report it)",
        /// An unknown bundled pack, a bad `as_of` or date, an unknown language, an
        /// unknown or non-local parameter, an argument out of its range.
        Usage = 6 => "usage": "the API was used in a way it does not allow (see the diagnostic for which)",
        Io = 7 => "io": "a file or directory could not be read",
        /// `null` in the assessment JSON: the institution of a role that has none, the due
        /// time of an obligation whose clock has not started.
        NoValue = 8 => "no_value": "the value is absent",
        Overflow = 9 => "overflow": "the number does not fit the C type",
        /// A bug in putokaz: please report it.
        Internal = 10 => "internal": "internal error in putokaz (please report it)",
        /// `*diagnostic` must be NULL on entry: a diagnostic from an earlier call is freed
        /// with `putokaz_diagnostic_free` (and the variable set to NULL) before the pointer
        /// is passed again. Nothing was done, and `*diagnostic` is left as it was.
        DiagnosticInUse = 11 => "diagnostic_in_use": "the diagnostic argument still holds a diagnostic: free it and set it to NULL before passing it again",

        /// A kind newer than this header: the diagnostic's kind names it.
        PackOther = 100 => "pack.other": "the pack has a problem of a kind this version of the C API does not know",
        PackSyntax = 101 => "pack.syntax": "the pack is not valid TOML or CSV",
        PackSchema = 102 => "pack.schema": "the pack has a missing, unknown or mistyped key",
        /// A file listed in `pack.toml` (or `pack.toml` itself) cannot be read.
        PackMissingFile = 103 => "pack.missing_file": "a file of the pack cannot be read",
        PackUnknownName = 104 => "pack.unknown_name": "the pack names something that does not exist",
        PackType = 105 => "pack.type": "a condition of the pack has the wrong type",
        PackDuplicate = 106 => "pack.duplicate": "the pack defines an id twice",
        PackCycle = 107 => "pack.cycle": "derived facts or escalations of the pack refer to each other in a circle",
        /// Or a duty without consent, or outside the roles the attribute routes to.
        PackProtected = 108 => "pack.protected": "a protected attribute reaches a score, level or classification",
        /// Two results of a `unique` table, two profiles, two exceptions.
        PackConflict = 109 => "pack.conflict": "two rules of the pack disagree with no declared priority",
        PackInvalidValue = 110 => "pack.invalid_value": "the pack has a malformed or out-of-range value",
        PackLimit = 111 => "pack.limit": "the pack is larger than the engine accepts",
        /// A warning: a pack loads with it.
        PackMissingLabel = 112 => "pack.missing_label": "a label of the pack is missing in one of its languages",
        /// A warning: a pack loads with it.
        PackUnreachable = 113 => "pack.unreachable": "a rule of the pack can never fire",
        /// A warning: a pack loads with it.
        PackVerifiedCitesHistorical = 114 => "pack.verified_cites_historical": "a verified item of the pack cites a source marked historical",
        /// A warning: a pack loads with it.
        PackHistoricalWithoutSuccessor = 115 => "pack.historical_without_successor": "an item of the pack cites a historical source but not the source that superseded it",

        /// A kind newer than this header: the diagnostic's kind names it.
        CaseOther = 200 => "case.other": "the case has a problem of a kind this version of the C API does not know",
        CaseSyntax = 201 => "case.syntax": "the case is not valid JSON",
        /// Or an empty case id.
        CaseSchema = 202 => "case.schema": "the case has a missing, unknown or mistyped field",
        CaseUnknownIndicator = 203 => "case.unknown_indicator": "an observation names an indicator the pack does not have",
        CaseWrongType = 204 => "case.wrong_type": "a value does not fit its field or indicator",
        CaseInvalidDate = 205 => "case.invalid_date": "a date or time of the case cannot be read",
        CaseImpossibleDate = 206 => "case.impossible_date": "a date or time of the case cannot be true",
        CaseConflict = 207 => "case.conflict": "two observations or consents of the case disagree",
        CaseUnknownMunicipality = 208 => "case.unknown_municipality": "the municipality is not in the pack's routing table",
        CaseUnknownKind = 209 => "case.unknown_kind": "an event kind, role or consent scope the pack does not declare",
        CaseInvalidOverride = 210 => "case.invalid_override": "a discretionary override needs a reason and a reviewer",
        CaseLimit = 211 => "case.limit": "the case is larger than the engine accepts",
        CaseOutOfEffect = 212 => "case.out_of_effect": "as_of is outside the dates in which the pack is in effect",
    }
    /// The stable machine name of a result code: `"ok"`, `"null_parameter"`, ...,
    /// `"pack.syntax"`, `"case.unknown_indicator"` (for engine errors the same names as the
    /// Rust `Error::kind()` and the Python `kind`).
    name: putokaz_result_name;
}

impl putokaz_result {
    /// The code whose name is the core's qualified kind name (`pack.syntax`): the names
    /// are the same by design, so the core's kinds need no second table here.
    fn of_kind(qualified: &str, other: putokaz_result) -> putokaz_result {
        putokaz_result::ALL.iter().copied().find(|r| r.name() == qualified).unwrap_or(other)
    }

    pub(crate) fn from_pack(kind: PackErrorKind) -> putokaz_result {
        putokaz_result::of_kind(kind.qualified(), putokaz_result::PackOther)
    }

    pub(crate) fn from_case(kind: CaseErrorKind) -> putokaz_result {
        putokaz_result::of_kind(kind.qualified(), putokaz_result::CaseOther)
    }
}

/// Copies a sentence saying what a result code means into `buf` (see "Strings out").
/// For the details of one failure (which field, which pack line) use the diagnostic.
/// An unknown code gets a sentence saying so.
///
/// Returns `PUTOKAZ_RESULT_OK`, `PUTOKAZ_RESULT_NULL_PARAMETER` (`written` NULL, or
/// `buf` NULL with `len` > 0) or `PUTOKAZ_RESULT_BUFFER_TOO_SMALL`.
///
/// # Safety
/// See "Strings out".
#[no_mangle]
pub unsafe extern "C" fn putokaz_error_message(
    code: u32,
    buf: *mut c_char,
    len: usize,
    written: *mut usize,
) -> putokaz_result {
    boundary::guard(|| {
        let text = match putokaz_result::from_u32(code) {
            Some(r) => r.message(),
            None => "unknown result code",
        };
        unsafe { write_text(text, buf, len, written) }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_named_and_explained() {
        let mut seen = std::collections::HashSet::new();
        for r in putokaz_result::ALL {
            assert!(seen.insert(*r as u32), "{r:?} reuses a number");
            assert_eq!(putokaz_result::from_u32(*r as u32), Some(*r));
            assert!(!r.message().is_empty());
        }
        assert_eq!(putokaz_result::Ok as u32, 0);
    }

    #[test]
    fn every_core_kind_has_its_own_code() {
        for k in PackErrorKind::ALL {
            let r = putokaz_result::from_pack(*k);
            assert_ne!(r, putokaz_result::PackOther, "{k:?}");
            assert_eq!(r.name(), k.qualified());
        }
        for k in CaseErrorKind::ALL {
            let r = putokaz_result::from_case(*k);
            assert_ne!(r, putokaz_result::CaseOther, "{k:?}");
            assert_eq!(r.name(), k.qualified());
        }
    }

    #[test]
    fn engine_kinds_match_the_core() {
        let e = putokaz::Error::Usage(putokaz::UsageError::new(putokaz::UsageErrorKind::InvalidArgument, "x"));
        assert_eq!(e.kind(), putokaz_result::Usage.name());
        let c = putokaz::CaseError::new(CaseErrorKind::UnknownIndicator, "$", "m");
        assert_eq!(putokaz::Error::Case(c).kind(), putokaz_result::CaseUnknownIndicator.name());
    }
}
