//! Errors, one type per concern. Pack errors point at `file:line:col`; case errors name
//! the JSON path. No error text ever repeats a value taken from a case: a case holds
//! personal data, and error text ends up in logs.

use serde::Serialize;
use std::fmt;

/// A place in a pack file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Location {
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

/// What kind of problem a pack has. The names are stable (`snake_case` in JSON, Python
/// and C).
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PackErrorKind {
    /// Not valid TOML or CSV.
    Syntax,
    /// Valid TOML with a missing, unknown or mistyped key.
    Schema,
    /// A listed file could not be read.
    MissingFile,
    /// A condition or reference names something that does not exist.
    UnknownName,
    /// A condition has the wrong type.
    Type,
    /// An id is defined twice.
    Duplicate,
    /// Derived facts or escalations refer to each other in a circle.
    Cycle,
    /// A protected attribute reaches a score, level or classification.
    Protected,
    /// Two rules that disagree can hold at once with no declared priority (two results of
    /// a `unique` table, two profiles, two exceptions).
    Conflict,
    /// A value is malformed or out of range (a date, a decimal, a duration, a version).
    InvalidValue,
    /// The pack, one of its files, its facts or their chains are larger than the engine
    /// accepts.
    Limit,
    /// A label is missing in one of the pack's languages (a warning from `check`).
    MissingLabel,
    /// A rule that can never fire: its condition cannot hold, or earlier rules of a
    /// `first` table always take its place (a warning from `check`).
    Unreachable,
}

impl PackErrorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PackErrorKind::Syntax => "syntax",
            PackErrorKind::Schema => "schema",
            PackErrorKind::MissingFile => "missing_file",
            PackErrorKind::UnknownName => "unknown_name",
            PackErrorKind::Type => "type",
            PackErrorKind::Duplicate => "duplicate",
            PackErrorKind::Cycle => "cycle",
            PackErrorKind::Protected => "protected",
            PackErrorKind::Conflict => "conflict",
            PackErrorKind::InvalidValue => "invalid_value",
            PackErrorKind::Limit => "limit",
            PackErrorKind::MissingLabel => "missing_label",
            PackErrorKind::Unreachable => "unreachable",
        }
    }
}

/// One problem found in a pack.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PackIssue {
    pub kind: PackErrorKind,
    pub location: Option<Location>,
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
    pub issues: Vec<PackIssue>,
}

impl PackError {
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

/// What kind of problem a case has. Stable names, as for [`PackErrorKind`].
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseErrorKind {
    /// Not valid JSON (or nested too deep).
    Syntax,
    /// A missing, unknown or mistyped field.
    Schema,
    /// An observation names an indicator the pack does not have.
    UnknownIndicator,
    /// An observation's value does not fit the indicator's type.
    WrongType,
    /// A date or time that cannot be read.
    InvalidDate,
    /// A date or time that cannot be true (a birth after `as_of`, an event before the report).
    ImpossibleDate,
    /// Two observations of one indicator disagree.
    Conflict,
    /// A municipality that is not in the pack's routing table.
    UnknownMunicipality,
    /// An event kind, role or consent scope the pack does not declare.
    UnknownKind,
    /// A discretionary override without its reason or reviewer.
    InvalidOverride,
    /// The case is larger than the engine accepts.
    Limit,
    /// `as_of` is outside the pack's effective dates.
    OutOfEffect,
}

impl CaseErrorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CaseErrorKind::Syntax => "syntax",
            CaseErrorKind::Schema => "schema",
            CaseErrorKind::UnknownIndicator => "unknown_indicator",
            CaseErrorKind::WrongType => "wrong_type",
            CaseErrorKind::InvalidDate => "invalid_date",
            CaseErrorKind::ImpossibleDate => "impossible_date",
            CaseErrorKind::Conflict => "conflict",
            CaseErrorKind::UnknownMunicipality => "unknown_municipality",
            CaseErrorKind::UnknownKind => "unknown_kind",
            CaseErrorKind::InvalidOverride => "invalid_override",
            CaseErrorKind::Limit => "limit",
            CaseErrorKind::OutOfEffect => "out_of_effect",
        }
    }
}

/// A case that cannot be assessed. `path` is a JSON path such as
/// `$.observations[3].value`; `message` never contains the case's values.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{path}: {}: {message}", kind.as_str())]
pub struct CaseError {
    pub kind: CaseErrorKind,
    pub path: String,
    pub message: String,
}

impl CaseError {
    pub fn new(kind: CaseErrorKind, path: impl Into<String>, message: impl Into<String>) -> CaseError {
        CaseError { kind, path: path.into(), message: message.into() }
    }
}

/// Any error the engine reports.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Pack(#[from] PackError),
    #[error("{0}")]
    Case(#[from] CaseError),
    /// A misuse of the API: an unknown bundled pack, a bad `as_of`, an unknown or
    /// non-local parameter, an unknown language.
    #[error("{0}")]
    Usage(String),
}

impl Error {
    /// A stable machine name for the error: `pack.<kind>`, `case.<kind>` or `usage`.
    pub fn kind(&self) -> String {
        match self {
            Error::Pack(e) => format!("pack.{}", e.kind().as_str()),
            Error::Case(e) => format!("case.{}", e.kind.as_str()),
            Error::Usage(_) => "usage".to_owned(),
        }
    }
}
