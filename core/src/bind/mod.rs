//! A case checked against a protocol and turned into dense facts: one slot per indicator,
//! the age gate applied, the municipality routed, times parsed. Everything the evaluator
//! reads comes from here, so evaluation itself cannot fail.
//!
//! One [`Binder`] does the checking, whatever the case comes from: JSON read by the case
//! reader (the binder is its sink), a [`Case`] built in code (fed field by field), or a
//! [`CaseBuilder`] driven by a caller such as a data frame's columns.

use crate::case::read::Text;
use crate::case::{Case, Direction};
use crate::error::CaseError;
use crate::protocol::Compiled;
use crate::routing::Municipality;
use crate::value::{Range, Tri};
use jiff::civil::Date;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

mod binder;
mod builder;

use binder::Binder;
pub use builder::{CaseBuilder, IndicatorRef, Observed, TimeValue};

/// On what basis the subject is (or is not) treated as a child.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChildBasis {
    /// Age computed from the birth date at `as_of`.
    BirthDate,
    /// Age as stated.
    StatedAge,
    /// An age range wholly below or wholly at or above majority.
    AgeRange,
    /// An age range reaching below majority: presumed a child until verified.
    PresumedMinorAgeRange,
    /// No age, but reasons to believe the person is a child: presumed a child.
    PresumedMinorAppearance,
    /// Nothing known about the age.
    Unknown,
}

impl ChildBasis {
    /// Its name in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            ChildBasis::BirthDate => "birth_date",
            ChildBasis::StatedAge => "stated_age",
            ChildBasis::AgeRange => "age_range",
            ChildBasis::PresumedMinorAgeRange => "presumed_minor_age_range",
            ChildBasis::PresumedMinorAppearance => "presumed_minor_appearance",
            ChildBasis::Unknown => "unknown",
        }
    }
}

/// A warning about the case: the assessment goes ahead, and says so.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// What the warning is about.
    pub code: WarningKind,
    /// The JSON path of the part of the case it concerns, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// What it means, in the engine's words (never a value from the case).
    pub message: String,
}

/// What a warning is about. The names are stable (`snake_case` in JSON, Python and C).
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningKind {
    /// The case names no municipality: the institutions that must act cannot be named.
    NoMunicipality,
    /// An event happened before the report: kept, but it cannot fulfil duties that start
    /// at the report.
    EventBeforeReport,
    /// Business days were counted past the holiday calendar (weekends only there).
    CalendarNotCovering,
    /// No profile of the pack applies to the subject: no indicator was graded.
    NoProfile,
    /// A discretionary override could not take the level below a policy floor.
    OverrideBelowPolicyFloor,
    /// Observations signal a form of exploitation that no graded list of the pack covers:
    /// the level and the classification do not assess it.
    OutsideCoveredProfiles,
}

impl WarningKind {
    /// Its name in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            WarningKind::NoMunicipality => "no_municipality",
            WarningKind::EventBeforeReport => "event_before_report",
            WarningKind::CalendarNotCovering => "calendar_not_covering",
            WarningKind::NoProfile => "no_profile",
            WarningKind::OverrideBelowPolicyFloor => "override_below_policy_floor",
            WarningKind::OutsideCoveredProfiles => "outside_covered_profiles",
        }
    }
}

/// An observed value once bound: checked against the indicator's kind, an enum value
/// as the index of the value in the indicator's list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Raw {
    /// Not observed.
    Absent,
    /// Observed as `null`: asked, not known.
    Unknown,
    Bool(bool),
    Count(u64),
    Enum(u32),
}

pub(crate) struct BoundEvent<'a> {
    pub kind: u32,
    pub at: Timestamp,
    /// The role id that acted, if recorded (`reporter` resolved to the case's reporter).
    pub by: Option<Text<'a>>,
    pub index: usize,
}

/// A case bound to a protocol: borrows the protocol's texts and, where it can, the
/// case's.
pub(crate) struct Bound<'a> {
    pub case_id: Text<'a>,
    pub as_of: Timestamp,
    pub as_of_date: Date,
    pub reported_at: Timestamp,
    /// Per indicator.
    pub raw: Vec<Raw>,
    pub age: Option<Range>,
    pub is_child: Tri,
    pub child_basis: ChildBasis,
    pub appears_minor: Tri,
    pub sex: Option<&'static str>,
    pub citizenship: Option<Text<'a>>,
    pub is_foreign: Tri,
    pub municipality: Option<&'a Municipality>,
    /// The index of the holiday calendar of the municipality's entity.
    pub calendar: Option<usize>,
    pub municipality_name: Option<Text<'a>>,
    pub reporter: Option<Text<'a>>,
    /// Sorted by time.
    pub events: Vec<BoundEvent<'a>>,
    /// Per consent scope: given, refused, or not recorded.
    pub consents: Vec<Option<bool>>,
    pub discretionary: Option<(Direction, Text<'a>, Text<'a>)>,
    pub warnings: Vec<Warning>,
}

/// The earliest instant a case's times may name: nothing in a referral happened before it.
pub(crate) const EARLIEST: Timestamp = Timestamp::constant(-2_208_988_800, 0); // 1900-01-01T00:00:00Z

/// Binds a case built in code: its fields go through the same checks, in the same order,
/// as a case read from JSON.
pub(crate) fn bind<'a>(c: &'a Compiled, case: &'a Case, as_of: Timestamp) -> Result<Bound<'a>, CaseError> {
    // A case read from JSON meets these by construction; one built in code is checked here.
    case.check_limits()?;
    let mut binder = Binder::new(c, as_of);
    binder.feed(case);
    binder.finish()
}

/// Reads case JSON straight into a binding: no [`Case`] is built, and texts without
/// escapes are borrowed from `text`.
pub(crate) fn bind_json<'a>(c: &'a Compiled, text: &'a str, as_of: Timestamp) -> Result<Bound<'a>, CaseError> {
    let mut binder = Binder::new(c, as_of);
    crate::case::read::read(text, &mut binder)?;
    binder.finish()
}

#[cfg(test)]
mod tests {
    use super::ChildBasis;

    #[test]
    fn child_basis_names_are_the_json_names() {
        use ChildBasis::*;
        for b in [BirthDate, StatedAge, AgeRange, PresumedMinorAgeRange, PresumedMinorAppearance, Unknown] {
            assert_eq!(serde_json::to_value(b).unwrap(), b.as_str());
        }
    }
}
