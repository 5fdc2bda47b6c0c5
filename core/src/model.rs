//! The small vocabulary shared by packs, cases and assessments: levels, classifications,
//! grades, the verification status of a rule's source, languages, and instants written
//! with the pack's UTC offset.

use jiff::tz::Offset;
use jiff::Timestamp;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;
use std::fmt;

/// Labels per language code (`bs`, `en`, ...).
pub type Labels = BTreeMap<String, String>;

/// A language the engine writes its own sentences in. Pack labels may exist in others;
/// the engine's words come in these five.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Language {
    /// Bosnian (`bs`).
    Bs,
    /// Croatian (`hr`).
    Hr,
    /// Serbian in Latin script (`sr-Latn`).
    SrLatn,
    /// Serbian in Cyrillic script (`sr-Cyrl`).
    SrCyrl,
    /// English (`en`).
    En,
}

impl Language {
    /// Every language, in the order the engine lists them.
    pub const ALL: [Language; 5] = [Language::Bs, Language::Hr, Language::SrLatn, Language::SrCyrl, Language::En];

    /// The language's code (BCP 47): `bs`, `hr`, `sr-Latn`, `sr-Cyrl`, `en`.
    pub fn as_str(self) -> &'static str {
        match self {
            Language::Bs => "bs",
            Language::Hr => "hr",
            Language::SrLatn => "sr-Latn",
            Language::SrCyrl => "sr-Cyrl",
            Language::En => "en",
        }
    }

    /// The language with this code, if the engine writes it.
    pub fn parse(code: &str) -> Option<Language> {
        Language::ALL.into_iter().find(|l| l.as_str() == code)
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Language {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Language {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Language, D::Error> {
        let code = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Language::parse(&code)
            .ok_or_else(|| serde::de::Error::custom("not a language code: bs, hr, sr-Latn, sr-Cyrl or en"))
    }
}

/// An instant together with the UTC offset in force in the pack's time zone at that
/// instant: how assessments write times (`2026-03-03T08:40:00+01:00`). Compare instants
/// with [`OffsetTimestamp::timestamp`]; the offset only says how to write it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct OffsetTimestamp {
    timestamp: Timestamp,
    offset: Offset,
}

impl OffsetTimestamp {
    /// `timestamp` written with the offset that `tz` has at that instant.
    pub fn in_zone(timestamp: Timestamp, tz: &jiff::tz::TimeZone) -> OffsetTimestamp {
        OffsetTimestamp { timestamp, offset: tz.to_offset(timestamp) }
    }

    pub(crate) fn with_offset(timestamp: Timestamp, offset: Offset) -> OffsetTimestamp {
        OffsetTimestamp { timestamp, offset }
    }

    /// The instant.
    pub fn timestamp(&self) -> Timestamp {
        self.timestamp
    }

    /// The UTC offset it is written with.
    pub fn offset(&self) -> Offset {
        self.offset
    }

    /// Seconds since 1970-01-01T00:00:00Z.
    pub fn as_second(&self) -> i64 {
        self.timestamp.as_second()
    }
}

impl fmt::Display for OffsetTimestamp {
    /// RFC 3339 with the offset.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.timestamp.display_with_offset(self.offset))
    }
}

impl Serialize for OffsetTimestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for OffsetTimestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<OffsetTimestamp, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        let invalid = || serde::de::Error::custom("not an RFC 3339 date and time with an offset");
        let timestamp: Timestamp = text.parse().map_err(|_| invalid())?;
        let pieces = jiff::fmt::temporal::Pieces::parse(text.as_bytes()).map_err(|_| invalid())?;
        let offset = pieces.offset().ok_or_else(invalid)?.to_numeric_offset();
        Ok(OffsetTimestamp { timestamp, offset })
    }
}

/// Risk level, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// No indicators of concern.
    None = 0,
    /// Some signals: child-protection follow-up.
    Low = 1,
    /// A positive dimension or several signals.
    Moderate = 2,
    /// Strong grounds for concern.
    High = 3,
    /// The gravest: act at once.
    VeryHigh = 4,
}

impl Level {
    /// Every level, in order.
    pub const ALL: [Level; 5] = [Level::None, Level::Low, Level::Moderate, Level::High, Level::VeryHigh];

    /// The level with this JSON name (`none`, `low`, `moderate`, `high`, `very_high`).
    pub fn parse(s: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.as_str() == s)
    }

    /// Its name in JSON.
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
    /// The person is presumed a victim of trafficking (treated as one until an authority decides).
    PresumedVictim,
    /// Indicators are present: the person is at risk.
    AtRisk,
    /// Too few indicators for either.
    InsufficientIndicators,
}

impl Classification {
    /// Every classification, in order.
    pub const ALL: [Classification; 3] =
        [Classification::PresumedVictim, Classification::AtRisk, Classification::InsufficientIndicators];

    /// The classification with this JSON name.
    pub fn parse(s: &str) -> Option<Classification> {
        Classification::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// Its name in JSON.
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
    /// Strong.
    Strong,
    /// Medium.
    Medium,
    /// Weak.
    Weak,
}

impl Grade {
    /// Every grade, strongest first.
    pub const ALL: [Grade; 3] = [Grade::Strong, Grade::Medium, Grade::Weak];

    /// Its name in JSON.
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
    /// Seen in the cited primary source.
    Verified,
    /// Only a secondary or derivative source was seen.
    Secondary,
    /// Commonly stated, not confirmed in any source seen.
    Unconfirmed,
    /// Not law: a value each municipality or team sets for itself.
    LocalPolicy,
}

impl SourceStatus {
    /// Its name in JSON.
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
    /// The ids of the sources cited.
    pub source: Vec<String>,
    /// How well they are checked.
    pub status: SourceStatus,
    /// The article, page or paragraph.
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
