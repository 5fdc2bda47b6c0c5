//! The result codes: one number per way a call can fail. Numbers are never reused or
//! renumbered; new codes take new numbers. Codes 1–99 are about the call itself, 100–199
//! mirror the core's pack error kinds, 200–299 its case error kinds.

use crate::boundary::{self, write_text};
use putokaz::{CaseErrorKind, PackErrorKind};
use std::ffi::c_char;

/// What a call did: `PUTOKAZ_RESULT_OK` (0) or why it failed. Every fallible function
/// returns one. The numbers are part of the ABI and are never reused.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum putokaz_result {
    /// Success.
    Ok = 0,
    /// A pointer argument that must not be NULL was NULL.
    NullParameter = 1,
    /// A text argument is not valid UTF-8.
    InvalidUtf8 = 2,
    /// The caller's buffer is too small; `*written` tells the length needed (without the
    /// terminating NUL).
    BufferTooSmall = 3,
    /// An index is not below the count of the list it indexes.
    IndexOutOfRange = 4,
    /// The library panicked (a bug in putokaz); the panic was stopped at the boundary.
    Panic = 5,
    /// A misuse of the API: an unknown bundled pack, a bad `as_of`, an unknown language,
    /// an unknown or non-local parameter, an argument out of its range.
    Usage = 6,
    /// A file or directory could not be read.
    Io = 7,
    /// The value asked for is absent (`null` in the assessment JSON), such as the
    /// institution of a role that has none or the due time of an obligation whose clock
    /// has not started.
    NoValue = 8,
    /// A number does not fit the C type it is returned in.
    Overflow = 9,
    /// The engine failed in a way this version of the C API does not know (a bug).
    Internal = 10,

    /// A pack error of a kind this version of the C API does not know.
    PackOther = 100,
    /// pack.syntax: not valid TOML or CSV.
    PackSyntax = 101,
    /// pack.schema: a missing, unknown or mistyped key.
    PackSchema = 102,
    /// pack.missing_file: a file listed in `pack.toml` (or `pack.toml` itself) cannot be
    /// read.
    PackMissingFile = 103,
    /// pack.unknown_name: a condition or reference names something that does not exist.
    PackUnknownName = 104,
    /// pack.type: a condition has the wrong type.
    PackType = 105,
    /// pack.duplicate: an id is defined twice.
    PackDuplicate = 106,
    /// pack.cycle: derived facts or escalations refer to each other in a circle.
    PackCycle = 107,
    /// pack.protected: a protected attribute reaches a score, level or classification.
    PackProtected = 108,
    /// pack.conflict: two rules disagree with no declared priority.
    PackConflict = 109,
    /// pack.invalid_value: a malformed or out-of-range value in the pack.
    PackInvalidValue = 110,
    /// pack.limit: the pack is larger than the engine accepts.
    PackLimit = 111,
    /// pack.missing_label: a label is missing in one of the pack's languages.
    PackMissingLabel = 112,

    /// A case error of a kind this version of the C API does not know.
    CaseOther = 200,
    /// case.syntax: the case text is not valid JSON.
    CaseSyntax = 201,
    /// case.schema: a missing, unknown or mistyped field (or an empty case id).
    CaseSchema = 202,
    /// case.unknown_indicator: an observation names an indicator the pack does not have.
    CaseUnknownIndicator = 203,
    /// case.wrong_type: a value does not fit its field or indicator.
    CaseWrongType = 204,
    /// case.invalid_date: a date or time that cannot be read.
    CaseInvalidDate = 205,
    /// case.impossible_date: a date or time that cannot be true.
    CaseImpossibleDate = 206,
    /// case.conflict: two observations or consents disagree.
    CaseConflict = 207,
    /// case.unknown_municipality: not in the pack's routing table.
    CaseUnknownMunicipality = 208,
    /// case.unknown_kind: an event kind, role or consent scope the pack does not declare.
    CaseUnknownKind = 209,
    /// case.invalid_override: a discretionary override without reason or reviewer.
    CaseInvalidOverride = 210,
    /// case.limit: the case is larger than the engine accepts.
    CaseLimit = 211,
    /// case.out_of_effect: `as_of` is outside the pack's effective dates.
    CaseOutOfEffect = 212,
}

/// Every code, for `putokaz_result_name` and the tests.
pub(crate) const ALL: &[putokaz_result] = {
    use putokaz_result::*;
    &[
        Ok,
        NullParameter,
        InvalidUtf8,
        BufferTooSmall,
        IndexOutOfRange,
        Panic,
        Usage,
        Io,
        NoValue,
        Overflow,
        Internal,
        PackOther,
        PackSyntax,
        PackSchema,
        PackMissingFile,
        PackUnknownName,
        PackType,
        PackDuplicate,
        PackCycle,
        PackProtected,
        PackConflict,
        PackInvalidValue,
        PackLimit,
        PackMissingLabel,
        CaseOther,
        CaseSyntax,
        CaseSchema,
        CaseUnknownIndicator,
        CaseWrongType,
        CaseInvalidDate,
        CaseImpossibleDate,
        CaseConflict,
        CaseUnknownMunicipality,
        CaseUnknownKind,
        CaseInvalidOverride,
        CaseLimit,
        CaseOutOfEffect,
    ]
};

impl putokaz_result {
    pub(crate) fn from_u32(code: u32) -> Option<putokaz_result> {
        ALL.iter().copied().find(|r| *r as u32 == code)
    }

    pub(crate) fn from_pack(kind: PackErrorKind) -> putokaz_result {
        use putokaz_result::*;
        match kind {
            PackErrorKind::Syntax => PackSyntax,
            PackErrorKind::Schema => PackSchema,
            PackErrorKind::MissingFile => PackMissingFile,
            PackErrorKind::UnknownName => PackUnknownName,
            PackErrorKind::Type => PackType,
            PackErrorKind::Duplicate => PackDuplicate,
            PackErrorKind::Cycle => PackCycle,
            PackErrorKind::Protected => PackProtected,
            PackErrorKind::Conflict => PackConflict,
            PackErrorKind::InvalidValue => PackInvalidValue,
            PackErrorKind::Limit => PackLimit,
            PackErrorKind::MissingLabel => PackMissingLabel,
            _ => PackOther,
        }
    }

    pub(crate) fn from_case(kind: CaseErrorKind) -> putokaz_result {
        use putokaz_result::*;
        match kind {
            CaseErrorKind::Syntax => CaseSyntax,
            CaseErrorKind::Schema => CaseSchema,
            CaseErrorKind::UnknownIndicator => CaseUnknownIndicator,
            CaseErrorKind::WrongType => CaseWrongType,
            CaseErrorKind::InvalidDate => CaseInvalidDate,
            CaseErrorKind::ImpossibleDate => CaseImpossibleDate,
            CaseErrorKind::Conflict => CaseConflict,
            CaseErrorKind::UnknownMunicipality => CaseUnknownMunicipality,
            CaseErrorKind::UnknownKind => CaseUnknownKind,
            CaseErrorKind::InvalidOverride => CaseInvalidOverride,
            CaseErrorKind::Limit => CaseLimit,
            CaseErrorKind::OutOfEffect => CaseOutOfEffect,
            _ => CaseOther,
        }
    }

    /// The stable machine name: the core's `Error::kind()` for engine errors
    /// (`pack.syntax`, `case.unknown_indicator`, `usage`), a snake_case name otherwise.
    pub(crate) fn name(self) -> &'static str {
        let z = self.name_c();
        &z[..z.len() - 1]
    }

    /// A sentence saying what the code means, for logs and users.
    pub(crate) fn message(self) -> &'static str {
        use putokaz_result::*;
        match self {
            Ok => "success",
            NullParameter => "a pointer argument that must not be NULL was NULL",
            InvalidUtf8 => "a text argument is not valid UTF-8",
            BufferTooSmall => "the buffer is too small for the text (the length needed was written)",
            IndexOutOfRange => "the index is not below the count of the list",
            Panic => "internal error: putokaz panicked and the panic was stopped at the C boundary (please report it)",
            Usage => "the API was used in a way it does not allow (see the diagnostic for which)",
            Io => "a file or directory could not be read",
            NoValue => "the value is absent",
            Overflow => "the number does not fit the C type",
            Internal => "internal error in putokaz (please report it)",
            PackOther => "the pack has a problem of a kind this version of the C API does not know",
            PackSyntax => "the pack is not valid TOML or CSV",
            PackSchema => "the pack has a missing, unknown or mistyped key",
            PackMissingFile => "a file of the pack cannot be read",
            PackUnknownName => "the pack names something that does not exist",
            PackType => "a condition of the pack has the wrong type",
            PackDuplicate => "the pack defines an id twice",
            PackCycle => "derived facts or escalations of the pack refer to each other in a circle",
            PackProtected => "a protected attribute reaches a score, level or classification",
            PackConflict => "two rules of the pack disagree with no declared priority",
            PackInvalidValue => "the pack has a malformed or out-of-range value",
            PackLimit => "the pack is larger than the engine accepts",
            PackMissingLabel => "a label of the pack is missing in one of its languages",
            CaseOther => "the case has a problem of a kind this version of the C API does not know",
            CaseSyntax => "the case is not valid JSON",
            CaseSchema => "the case has a missing, unknown or mistyped field",
            CaseUnknownIndicator => "an observation names an indicator the pack does not have",
            CaseWrongType => "a value does not fit its field or indicator",
            CaseInvalidDate => "a date or time of the case cannot be read",
            CaseImpossibleDate => "a date or time of the case cannot be true",
            CaseConflict => "two observations or consents of the case disagree",
            CaseUnknownMunicipality => "the municipality is not in the pack's routing table",
            CaseUnknownKind => "an event kind, role or consent scope the pack does not declare",
            CaseInvalidOverride => "a discretionary override needs a reason and a reviewer",
            CaseLimit => "the case is larger than the engine accepts",
            CaseOutOfEffect => "as_of is outside the dates in which the pack is in effect",
        }
    }

    /// `name` with a terminating NUL, for `putokaz_result_name`.
    pub(crate) fn name_c(self) -> &'static str {
        macro_rules! z {
            ($($v:ident => $s:literal),* $(,)?) => {
                match self { $(putokaz_result::$v => concat!($s, "\0"),)* }
            };
        }
        z! {
            Ok => "ok", NullParameter => "null_parameter", InvalidUtf8 => "invalid_utf8",
            BufferTooSmall => "buffer_too_small", IndexOutOfRange => "index_out_of_range",
            Panic => "panic", Usage => "usage", Io => "io", NoValue => "no_value",
            Overflow => "overflow", Internal => "internal",
            PackOther => "pack.other", PackSyntax => "pack.syntax", PackSchema => "pack.schema",
            PackMissingFile => "pack.missing_file", PackUnknownName => "pack.unknown_name",
            PackType => "pack.type", PackDuplicate => "pack.duplicate", PackCycle => "pack.cycle",
            PackProtected => "pack.protected", PackConflict => "pack.conflict",
            PackInvalidValue => "pack.invalid_value", PackLimit => "pack.limit",
            PackMissingLabel => "pack.missing_label",
            CaseOther => "case.other", CaseSyntax => "case.syntax", CaseSchema => "case.schema",
            CaseUnknownIndicator => "case.unknown_indicator", CaseWrongType => "case.wrong_type",
            CaseInvalidDate => "case.invalid_date", CaseImpossibleDate => "case.impossible_date",
            CaseConflict => "case.conflict", CaseUnknownMunicipality => "case.unknown_municipality",
            CaseUnknownKind => "case.unknown_kind", CaseInvalidOverride => "case.invalid_override",
            CaseLimit => "case.limit", CaseOutOfEffect => "case.out_of_effect",
        }
    }
}

/// The stable machine name of a result code: `"ok"`, `"null_parameter"`, ...,
/// `"pack.syntax"`, `"case.unknown_indicator"` (for engine errors the same names as the
/// Rust `Error::kind()` and the Python `kind`). A static string, never NULL, not to be
/// freed; `""` for a number that is not a result code.
#[no_mangle]
pub extern "C" fn putokaz_result_name(code: u32) -> *const c_char {
    boundary::guard_static(|| match putokaz_result::from_u32(code) {
        Some(r) => r.name_c(),
        None => "\0",
    })
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
    fn codes_are_unique_and_named() {
        let mut seen = std::collections::HashSet::new();
        for r in ALL {
            assert!(seen.insert(*r as u32), "{r:?} reuses a number");
            assert_eq!(putokaz_result::from_u32(*r as u32), Some(*r));
            assert_eq!(r.name_c().trim_end_matches('\0'), r.name());
            assert!(!r.message().is_empty());
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
