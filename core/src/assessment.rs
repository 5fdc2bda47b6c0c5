//! The assessment: what the engine concludes about one case, and why. Serialised as JSON
//! with fields in a fixed order and decimals as canonical strings, so the same inputs give
//! the same bytes from Rust, C and Python.

use crate::bind::{ChildBasis, Warning};
use crate::model::{Classification, Level, SourceStatus};
use crate::value::Tri;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    pub protocol: ProtocolRef,
    pub engine: EngineRef,
    /// RFC 3339, in the pack's time zone.
    pub as_of: String,
    pub case_id: String,
    pub language: String,
    pub subject: SubjectFinding,
    /// Where the case is handled: the municipality's place in the routing table.
    pub jurisdiction: Option<JurisdictionFinding>,
    pub score: ScoreFinding,
    pub level: LevelFinding,
    pub classification: ClassificationFinding,
    pub dimensions: Vec<DimensionFinding>,
    pub overrides: Vec<OverrideFinding>,
    pub obligations: Vec<ObligationFinding>,
    /// Unknown inputs that could still change the level or the classification, most
    /// decisive first: what to ask next.
    pub unknowns: Vec<UnknownFinding>,
    /// Content that is not `verified` and that this assessment relied on.
    pub relied_on: Vec<Reliance>,
    pub warnings: Vec<Warning>,
    /// Every rule that fired or could fire, with what it read (empty when the trace is off).
    pub trace: Vec<TraceEntry>,
    /// The assessment in words, in `language`.
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProtocolRef {
    pub id: String,
    pub version: String,
    pub digest: String,
    /// `local_policy` parameters the caller set, as (name, value).
    pub local_parameters: Vec<(String, String)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EngineRef {
    pub name: String,
    pub version: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecimalRange {
    pub min: String,
    pub max: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubjectFinding {
    pub is_child: Tri,
    pub child_basis: ChildBasis,
    /// The age in whole years, or the range it may take; absent when nothing is known.
    pub age: Option<DecimalRange>,
    pub is_foreign: Tri,
    /// The profiles whose grades were applied.
    pub profiles: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JurisdictionFinding {
    pub municipality: String,
    pub entity: String,
    /// FBiH canton, RS region or BD.
    pub area: String,
    /// The concrete institution for each routed role.
    pub institutions: Vec<Party>,
    /// How well the table row is sourced.
    pub status: SourceStatus,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreFinding {
    /// The score from what is established (unknown inputs counted as absent).
    pub value: String,
    /// What makes up `value`: the points of each dimension and score term that adds
    /// any, in pack order. They sum to `value`.
    pub contributions: Vec<Contribution>,
    /// The score once every unknown input is settled, at least and at most.
    pub possible: DecimalRange,
    pub settled: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contribution {
    /// `dimension` or `score_term`.
    pub kind: String,
    pub id: String,
    pub label: String,
    pub points: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelFinding {
    pub value: Level,
    pub possible: LevelRange,
    pub settled: bool,
    /// The level the score alone gives.
    pub from_score: Level,
    /// The floor set by policy overrides that hold, if any.
    pub policy_floor: Option<Level>,
    pub discretionary: Option<DiscretionaryFinding>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelRange {
    pub min: Level,
    pub max: Level,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiscretionaryFinding {
    pub direction: crate::case::Direction,
    pub reason: String,
    pub reviewer: String,
    /// Lowering was stopped by a policy floor.
    pub blocked_by_policy_floor: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassificationFinding {
    pub value: Classification,
    pub possible: Vec<Classification>,
    pub settled: bool,
    /// The rule that gave `value`, if one did.
    pub rule: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DimensionFinding {
    pub id: String,
    pub label: String,
    pub positive: Tri,
    pub strong: DecimalRange,
    pub medium: DecimalRange,
    pub weak: DecimalRange,
    pub points: DecimalRange,
    /// Present indicators that counted in this dimension.
    pub evidence: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverrideFinding {
    pub id: String,
    pub label: String,
    pub floor: Level,
    pub holds: Tri,
}

/// Who acts, or towards whom: a role and the concrete institution for the case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Party {
    pub role: String,
    pub institution: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ObligationStatus {
    Overdue,
    Pending,
    Offered,
    DependsOnUnknown,
    Met,
}

impl ObligationStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ObligationStatus::Overdue => "overdue",
            ObligationStatus::Pending => "pending",
            ObligationStatus::Offered => "offered",
            ObligationStatus::DependsOnUnknown => "depends_on_unknown",
            ObligationStatus::Met => "met",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentState {
    Given,
    Refused,
    NotRecorded,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObligationFinding {
    pub id: String,
    /// The labelled exception that applies, if one does.
    pub exception: Option<String>,
    pub label: String,
    pub status: ObligationStatus,
    pub priority: u8,
    pub actor: Party,
    pub recipient: Party,
    /// What starts the clock: `reported_at` or an event kind.
    pub anchor: String,
    /// When the clock started; absent while the anchor event has not happened.
    pub anchor_at: Option<String>,
    /// The duration rule, such as `24h` or `5bd`.
    pub due_rule: String,
    /// RFC 3339 in the pack's time zone.
    pub due: Option<String>,
    /// Unix seconds of `due`.
    pub due_unix: Option<i64>,
    /// The event that fulfilled it.
    pub met_at: Option<String>,
    /// How late it is (overdue) or was (met late), in whole seconds.
    pub late_seconds: Option<i64>,
    pub consent: Option<ConsentFinding>,
    /// What the recipient may receive from the case.
    pub shares: Vec<String>,
    /// For `depends_on_unknown`: the inputs that would settle it.
    pub depends_on: Vec<String>,
    pub source: Vec<String>,
    pub status_of_source: SourceStatus,
    pub citation: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentFinding {
    pub scope: String,
    pub state: ConsentState,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    pub level: Level,
    pub classification: Classification,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnknownFinding {
    /// An indicator id, or `subject.age`, `subject.citizenship`.
    pub input: String,
    pub label: String,
    /// What the assessment would establish if the input were present / true.
    pub if_present: Outcome,
    /// ... and if it were absent / false.
    pub if_absent: Outcome,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reliance {
    pub kind: String,
    pub id: String,
    pub status: SourceStatus,
    pub source: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Read {
    pub name: String,
    pub value: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TraceEntry {
    /// `profile`, `dimension`, `fact`, `score_term`, `override`, `classification` or
    /// `obligation`.
    pub kind: String,
    pub id: String,
    pub result: Tri,
    pub reads: Vec<Read>,
    pub source: Vec<String>,
    pub status: SourceStatus,
    pub citation: Option<String>,
}

impl Assessment {
    /// The assessment as JSON (compact, fields in a fixed order).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The assessment as indented JSON.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}
