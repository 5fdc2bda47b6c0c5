//! Errors, one type per concern. Pack errors point at `file:line:col`; case errors name
//! the JSON path. No error text ever repeats a value taken from a case: a case holds
//! personal data, and error text ends up in logs.

use serde::Serialize;
use std::fmt;

/// A place in a pack file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Location {
    /// The file's path as listed in the pack.
    pub file: String,
    /// 1-based.
    pub line: u32,
    /// 1-based, in characters.
    pub column: u32,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// Declares a kind enum whose variants each have one stable name, written `name` alone
/// ([`as_str`](PackErrorKind::as_str), the same as in JSON) and `prefix.name`
/// ([`qualified`](PackErrorKind::qualified), as `Error::kind` gives it).
macro_rules! kinds {
    ($(#[$meta:meta])* pub enum $name:ident in $prefix:literal {
        $($(#[$vmeta:meta])* $variant:ident = $text:literal,)*
    }) => {
        $(#[$meta])*
        #[non_exhaustive]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
        }

        impl $name {
            /// Every kind, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// Its stable name (`snake_case`, as in JSON, Python and C).
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)*
                }
            }

            /// Its name with the concern in front, as [`Error::kind`] gives it.
            pub fn qualified(self) -> &'static str {
                match self {
                    $($name::$variant => concat!($prefix, ".", $text),)*
                }
            }
        }
    };
}

kinds! {
    /// What kind of problem a pack has.
    pub enum PackErrorKind in "pack" {
        /// Not valid TOML or CSV.
        Syntax = "syntax",
        /// Valid TOML with a missing, unknown or mistyped key.
        Schema = "schema",
        /// A listed file could not be read.
        MissingFile = "missing_file",
        /// A condition or reference names something that does not exist.
        UnknownName = "unknown_name",
        /// A condition has the wrong type.
        Type = "type",
        /// An id is defined twice.
        Duplicate = "duplicate",
        /// Derived facts or escalations refer to each other in a circle.
        Cycle = "cycle",
        /// A protected attribute reaches a score, level or classification, or a duty
        /// without consent or outside the roles it routes to.
        Protected = "protected",
        /// Two rules that disagree can hold at once with no declared priority (two
        /// results of a `unique` table, two profiles, two exceptions).
        Conflict = "conflict",
        /// A value is malformed or out of range (a date, a decimal, a duration, a version).
        InvalidValue = "invalid_value",
        /// The pack, one of its files, its facts or their chains are larger than the
        /// engine accepts.
        Limit = "limit",
        /// A label is missing in one of the pack's languages (a warning from `check`).
        MissingLabel = "missing_label",
        /// A rule that can never fire: its condition cannot hold, or earlier rules of a
        /// `first` table always take its place (a warning from `check`).
        Unreachable = "unreachable",
        /// A `verified` item cites a source marked `historical` (a warning from `check`).
        VerifiedCitesHistorical = "verified_cites_historical",
        /// An item cites a historical source but not the source that superseded it (a
        /// warning from `check`).
        HistoricalWithoutSuccessor = "historical_without_successor",
    }
}

/// One problem found in a pack.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PackIssue {
    /// What kind of problem.
    pub kind: PackErrorKind,
    /// Where, when it can be located.
    pub location: Option<Location>,
    /// What is wrong, in the engine's words.
    pub message: String,
    /// The offending line with a caret under the column, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub excerpt: Option<String>,
}

impl fmt::Display for PackIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.location {
            Some(loc) => write!(f, "{loc}: {}: {}", self.kind.as_str(), self.message)?,
            None => write!(f, "{}: {}", self.kind.as_str(), self.message)?,
        }
        if let Some(ex) = &self.excerpt {
            write!(f, "\n{ex}")?;
        }
        Ok(())
    }
}

/// A pack that could not be loaded, with every problem found (not just the first).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct PackError {
    /// Every problem found, in the order found.
    pub issues: Vec<PackIssue>,
}

impl PackError {
    /// A pack error with one problem.
    pub fn one(kind: PackErrorKind, location: Option<Location>, message: impl Into<String>) -> PackError {
        PackError { issues: vec![PackIssue { kind, location, message: message.into(), excerpt: None }] }
    }

    /// The kind of the first problem.
    pub fn kind(&self) -> PackErrorKind {
        self.issues.first().map_or(PackErrorKind::Schema, |i| i.kind)
    }
}

impl fmt::Display for PackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, issue) in self.issues.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{issue}")?;
        }
        Ok(())
    }
}

kinds! {
    /// What kind of problem a case has.
    pub enum CaseErrorKind in "case" {
        /// Not valid JSON (or nested too deep).
        Syntax = "syntax",
        /// A missing, unknown or mistyped field.
        Schema = "schema",
        /// An observation names an indicator the pack does not have.
        UnknownIndicator = "unknown_indicator",
        /// An observation's value does not fit the indicator's type.
        WrongType = "wrong_type",
        /// A date or time that cannot be read.
        InvalidDate = "invalid_date",
        /// A date or time that cannot be true (a birth after `as_of`, an event before the report).
        ImpossibleDate = "impossible_date",
        /// Two observations of one indicator disagree.
        Conflict = "conflict",
        /// A municipality that is not in the pack's routing table.
        UnknownMunicipality = "unknown_municipality",
        /// An event kind, role or consent scope the pack does not declare.
        UnknownKind = "unknown_kind",
        /// A discretionary override without its reason or reviewer.
        InvalidOverride = "invalid_override",
        /// The case is larger than the engine accepts.
        Limit = "limit",
        /// `as_of` is outside the pack's effective dates.
        OutOfEffect = "out_of_effect",
    }
}

/// A case that cannot be assessed. `path` is a JSON path such as
/// `$.observations[3].value`; `message` never contains the case's values.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{path}: {}: {message}", kind.as_str())]
pub struct CaseError {
    /// What kind of problem.
    pub kind: CaseErrorKind,
    /// The JSON path of the offending part (`$.observations[3].value`).
    pub path: String,
    /// What is wrong and what is expected; never a value from the case.
    pub message: String,
}

impl CaseError {
    /// A case error.
    pub fn new(kind: CaseErrorKind, path: impl Into<String>, message: impl Into<String>) -> CaseError {
        CaseError { kind, path: path.into(), message: message.into() }
    }
}

kinds! {
    /// What kind of misuse of the API an error reports.
    pub enum UsageErrorKind in "usage" {
        /// No bundled pack has the id asked for.
        UnknownPack = "unknown_pack",
        /// `as_of` is not an RFC 3339 date and time with an offset.
        InvalidAsOf = "invalid_as_of",
        /// The pack has no parameter of the name given.
        UnknownParameter = "unknown_parameter",
        /// The parameter exists but is not `local_policy`: a caller cannot set it.
        NotLocalParameter = "not_local_parameter",
        /// The value given for a local parameter does not fit its type.
        InvalidParameterValue = "invalid_parameter_value",
        /// The engine does not write the language asked for.
        UnknownLanguage = "unknown_language",
        /// An argument of a binding (a language front end) has the wrong shape.
        InvalidArgument = "invalid_argument",
    }
}

/// A misuse of the API. Like every error, its message repeats nothing the caller gave.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{message}")]
pub struct UsageError {
    /// What was misused.
    pub kind: UsageErrorKind,
    /// What is wrong and what is expected, in the engine's words.
    pub message: String,
}

impl UsageError {
    /// A usage error of `kind`.
    pub fn new(kind: UsageErrorKind, message: impl Into<String>) -> UsageError {
        UsageError { kind, message: message.into() }
    }
}

/// Any error the engine reports. [`Error::kind`] is a stable machine name to branch on;
/// the variants carry where the problem is (a JSON path in a case, `file:line:col` in a
/// pack) and a message that never repeats a value of the input.
///
/// ```
/// use putokaz::{Error, Options, Protocol};
///
/// let bih = Protocol::bundled("bih")?;
/// let case = r#"{"id": "e-1", "reported_at": "yesterday"}"#;
/// let e = bih.assess_json(case, "2026-10-13T12:00:00+02:00", &Options::default()).unwrap_err();
/// assert_eq!(e.kind(), "case.invalid_date");
/// match e {
///     Error::Case(c) => assert_eq!(c.path, "$.reported_at"),
///     other => panic!("not a case error: {other}"),
/// }
/// # Ok::<(), putokaz::Error>(())
/// ```
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// A pack that could not be loaded, with every problem found.
    #[error("{0}")]
    Pack(#[from] PackError),
    /// A case that cannot be assessed.
    #[error("{0}")]
    Case(#[from] CaseError),
    /// A misuse of the API: an unknown bundled pack, a bad `as_of`, an unknown or
    /// non-local parameter, an unknown language.
    #[error("{0}")]
    Usage(#[from] UsageError),
}

impl Error {
    /// A usage error of `kind`.
    pub(crate) fn usage(kind: UsageErrorKind, message: impl Into<String>) -> Error {
        Error::Usage(UsageError::new(kind, message))
    }

    /// A stable machine name for the error: `pack.<kind>`, `case.<kind>` or `usage`
    /// (the kind of a usage error is [`UsageError::kind`]).
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Pack(e) => e.kind().qualified(),
            Error::Case(e) => e.kind.qualified(),
            Error::Usage(_) => "usage",
        }
    }
}
