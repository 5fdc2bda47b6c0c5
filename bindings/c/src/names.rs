//! The small enums of the assessment as C enums, and their stable names (the same
//! strings the assessment JSON uses). Numbers are part of the ABI and never reused.

use crate::boundary::guard_static;
use putokaz::ObligationStatus;
use putokaz::{ChildBasis, Classification, Level, Tri};
use std::ffi::c_char;

/// A risk level, in order: comparisons between levels work on the numbers.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum putokaz_level {
    None = 0,
    Low = 1,
    Moderate = 2,
    High = 3,
    VeryHigh = 4,
}

/// The classification against the legal definition of trafficking. Never "identified
/// victim": that is an authority's decision, not a screening result.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum putokaz_classification {
    PresumedVictim = 1,
    AtRisk = 2,
    InsufficientIndicators = 3,
}

/// A three-valued truth: settled false, settled true, or depending on unknown inputs.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum putokaz_tri {
    False = 0,
    True = 1,
    Unknown = 2,
}

/// On what basis the subject is (or is not) treated as a child.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum putokaz_child_basis {
    /// Nothing is known about the age.
    Unknown = 0,
    /// The age computed from the birth date at `as_of`.
    BirthDate = 1,
    /// The age as stated.
    StatedAge = 2,
    /// An age range wholly below, or wholly at or above, the age of majority.
    AgeRange = 3,
    /// An age range reaching below majority: presumed a child until verified.
    PresumedMinorAgeRange = 4,
    /// No age, but reasons to believe the person is a child: presumed a child.
    PresumedMinorAppearance = 5,
}

/// Where an obligation stands at `as_of`.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum putokaz_obligation_status {
    /// Due time passed, not met.
    Overdue = 1,
    /// Not met, due time not passed (or its clock has not started).
    Pending = 2,
    /// Only offered: waits for the consent it needs.
    Offered = 3,
    /// Whether it applies depends on inputs that are unknown.
    DependsOnUnknown = 4,
    /// Fulfilled by an event.
    Met = 5,
}

/// The value type of an indicator, which says which `putokaz_case_observe_*` function
/// records it.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum putokaz_indicator_kind {
    /// `putokaz_case_observe_bool`.
    Bool = 1,
    /// `putokaz_case_observe_count`.
    Count = 2,
    /// `putokaz_case_observe_enum`, with one of the indicator's values.
    Enum = 3,
}

/// The direction of a discretionary override.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum putokaz_direction {
    /// One level up.
    Raise = 1,
    /// One level down (never below a policy floor).
    Lower = 2,
}

impl From<Level> for putokaz_level {
    fn from(l: Level) -> Self {
        match l {
            Level::None => putokaz_level::None,
            Level::Low => putokaz_level::Low,
            Level::Moderate => putokaz_level::Moderate,
            Level::High => putokaz_level::High,
            Level::VeryHigh => putokaz_level::VeryHigh,
        }
    }
}

impl From<Classification> for putokaz_classification {
    fn from(c: Classification) -> Self {
        match c {
            Classification::PresumedVictim => putokaz_classification::PresumedVictim,
            Classification::AtRisk => putokaz_classification::AtRisk,
            Classification::InsufficientIndicators => putokaz_classification::InsufficientIndicators,
        }
    }
}

impl From<Tri> for putokaz_tri {
    fn from(t: Tri) -> Self {
        match t {
            Tri::False => putokaz_tri::False,
            Tri::True => putokaz_tri::True,
            Tri::Unknown => putokaz_tri::Unknown,
        }
    }
}

impl From<ChildBasis> for putokaz_child_basis {
    fn from(b: ChildBasis) -> Self {
        match b {
            ChildBasis::Unknown => putokaz_child_basis::Unknown,
            ChildBasis::BirthDate => putokaz_child_basis::BirthDate,
            ChildBasis::StatedAge => putokaz_child_basis::StatedAge,
            ChildBasis::AgeRange => putokaz_child_basis::AgeRange,
            ChildBasis::PresumedMinorAgeRange => putokaz_child_basis::PresumedMinorAgeRange,
            ChildBasis::PresumedMinorAppearance => putokaz_child_basis::PresumedMinorAppearance,
        }
    }
}

impl From<ObligationStatus> for putokaz_obligation_status {
    fn from(s: ObligationStatus) -> Self {
        match s {
            ObligationStatus::Overdue => putokaz_obligation_status::Overdue,
            ObligationStatus::Pending => putokaz_obligation_status::Pending,
            ObligationStatus::Offered => putokaz_obligation_status::Offered,
            ObligationStatus::DependsOnUnknown => putokaz_obligation_status::DependsOnUnknown,
            ObligationStatus::Met => putokaz_obligation_status::Met,
        }
    }
}

/// The name of a `putokaz_level` as in the assessment JSON (`"none"`, `"low"`,
/// `"moderate"`, `"high"`, `"very_high"`). A static string, never NULL, not to be
/// freed; `""` for a number that is not a level.
#[no_mangle]
pub extern "C" fn putokaz_level_name(level: u32) -> *const c_char {
    guard_static(|| match level {
        0 => "none\0",
        1 => "low\0",
        2 => "moderate\0",
        3 => "high\0",
        4 => "very_high\0",
        _ => "\0",
    })
}

/// The name of a `putokaz_classification` as in the assessment JSON
/// (`"presumed_victim"`, `"at_risk"`, `"insufficient_indicators"`); `""` otherwise.
#[no_mangle]
pub extern "C" fn putokaz_classification_name(classification: u32) -> *const c_char {
    guard_static(|| match classification {
        1 => "presumed_victim\0",
        2 => "at_risk\0",
        3 => "insufficient_indicators\0",
        _ => "\0",
    })
}

/// The name of a `putokaz_tri` as in the assessment JSON (`"false"`, `"true"`,
/// `"unknown"`); `""` otherwise.
#[no_mangle]
pub extern "C" fn putokaz_tri_name(tri: u32) -> *const c_char {
    guard_static(|| match tri {
        0 => "false\0",
        1 => "true\0",
        2 => "unknown\0",
        _ => "\0",
    })
}

/// The name of a `putokaz_child_basis` as in the assessment JSON (`"unknown"`,
/// `"birth_date"`, `"stated_age"`, `"age_range"`, `"presumed_minor_age_range"`,
/// `"presumed_minor_appearance"`); `""` otherwise.
#[no_mangle]
pub extern "C" fn putokaz_child_basis_name(basis: u32) -> *const c_char {
    guard_static(|| match basis {
        0 => "unknown\0",
        1 => "birth_date\0",
        2 => "stated_age\0",
        3 => "age_range\0",
        4 => "presumed_minor_age_range\0",
        5 => "presumed_minor_appearance\0",
        _ => "\0",
    })
}

/// The name of a `putokaz_obligation_status` as in the assessment JSON (`"overdue"`,
/// `"pending"`, `"offered"`, `"depends_on_unknown"`, `"met"`); `""` otherwise.
#[no_mangle]
pub extern "C" fn putokaz_obligation_status_name(status: u32) -> *const c_char {
    guard_static(|| match status {
        1 => "overdue\0",
        2 => "pending\0",
        3 => "offered\0",
        4 => "depends_on_unknown\0",
        5 => "met\0",
        _ => "\0",
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;

    fn s(p: *const c_char) -> String {
        unsafe { CStr::from_ptr(p) }.to_str().unwrap().to_owned()
    }

    #[test]
    fn names_are_the_json_names() {
        for l in Level::ALL {
            assert_eq!(s(putokaz_level_name(putokaz_level::from(l) as u32)), l.as_str());
        }
        for c in Classification::ALL {
            assert_eq!(s(putokaz_classification_name(putokaz_classification::from(c) as u32)), c.as_str());
        }
        for st in [
            ObligationStatus::Overdue,
            ObligationStatus::Pending,
            ObligationStatus::Offered,
            ObligationStatus::DependsOnUnknown,
            ObligationStatus::Met,
        ] {
            assert_eq!(s(putokaz_obligation_status_name(putokaz_obligation_status::from(st) as u32)), st.as_str());
        }
        for b in [
            ChildBasis::Unknown,
            ChildBasis::BirthDate,
            ChildBasis::StatedAge,
            ChildBasis::AgeRange,
            ChildBasis::PresumedMinorAgeRange,
            ChildBasis::PresumedMinorAppearance,
        ] {
            let json = serde_json::to_string(&b).unwrap();
            assert_eq!(format!("\"{}\"", s(putokaz_child_basis_name(putokaz_child_basis::from(b) as u32))), json);
        }
        for t in [Tri::False, Tri::True, Tri::Unknown] {
            let json = serde_json::to_string(&t).unwrap();
            assert_eq!(format!("\"{}\"", s(putokaz_tri_name(putokaz_tri::from(t) as u32))), json);
        }
        assert_eq!(s(putokaz_level_name(99)), "");
    }
}
