//! The small vocabulary shared by packs, cases and assessments: levels, classifications,
//! grades and the verification status of a rule's source.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// Labels per language code (`bs`, `en`, ...).
pub type Labels = BTreeMap<String, String>;

/// Risk level, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    None = 0,
    Low = 1,
    Moderate = 2,
    High = 3,
    VeryHigh = 4,
}

impl Level {
    pub const ALL: [Level; 5] = [Level::None, Level::Low, Level::Moderate, Level::High, Level::VeryHigh];

    pub fn parse(s: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.as_str() == s)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Level::None => "none",
            Level::Low => "low",
            Level::Moderate => "moderate",
            Level::High => "high",
            Level::VeryHigh => "very_high",
        }
    }

    /// One level up, staying at the top.
    pub fn raised(self) -> Level {
        Level::ALL[(self as usize + 1).min(4)]
    }

    /// One level down, staying at the bottom.
    pub fn lowered(self) -> Level {
        Level::ALL[(self as usize).saturating_sub(1)]
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The classification against the legal definition. Never "identified victim": that is
/// an authority's decision, not a screening result.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Classification {
    PresumedVictim,
    AtRisk,
    InsufficientIndicators,
}

impl Classification {
    pub const ALL: [Classification; 3] =
        [Classification::PresumedVictim, Classification::AtRisk, Classification::InsufficientIndicators];

    pub fn parse(s: &str) -> Option<Classification> {
        Classification::ALL.into_iter().find(|c| c.as_str() == s)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Classification::PresumedVictim => "presumed_victim",
            Classification::AtRisk => "at_risk",
            Classification::InsufficientIndicators => "insufficient_indicators",
        }
    }

    /// Its bit in a set of possible classifications.
    pub fn bit(self) -> u8 {
        1 << (self as u8)
    }

    /// The classifications in a bit set, in order.
    pub fn in_set(bits: u8) -> Vec<Classification> {
        Classification::ALL.into_iter().filter(|c| bits & c.bit() != 0).collect()
    }
}

impl fmt::Display for Classification {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// ILO grade of an indicator within a profile.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Grade {
    Strong,
    Medium,
    Weak,
}

impl Grade {
    pub const ALL: [Grade; 3] = [Grade::Strong, Grade::Medium, Grade::Weak];

    pub fn as_str(self) -> &'static str {
        match self {
            Grade::Strong => "strong",
            Grade::Medium => "medium",
            Grade::Weak => "weak",
        }
    }
}

/// How well the source of a rule, parameter or indicator has been checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceStatus {
    Verified,
    Secondary,
    Unconfirmed,
    LocalPolicy,
}

impl SourceStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceStatus::Verified => "verified",
            SourceStatus::Secondary => "secondary",
            SourceStatus::Unconfirmed => "unconfirmed",
            SourceStatus::LocalPolicy => "local_policy",
        }
    }
}

/// Where a piece of the protocol comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    pub source: Vec<String>,
    pub status: SourceStatus,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub citation: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_step_within_bounds() {
        assert_eq!(Level::VeryHigh.raised(), Level::VeryHigh);
        assert_eq!(Level::None.lowered(), Level::None);
        assert_eq!(Level::Low.raised(), Level::Moderate);
        assert_eq!(Level::parse("very_high"), Some(Level::VeryHigh));
    }

    #[test]
    fn classification_sets() {
        let bits = Classification::PresumedVictim.bit() | Classification::InsufficientIndicators.bit();
        assert_eq!(
            Classification::in_set(bits),
            vec![Classification::PresumedVictim, Classification::InsufficientIndicators]
        );
    }
}
