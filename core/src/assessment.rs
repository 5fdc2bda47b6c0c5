//! The assessment: what the engine concludes about one case, and why. Serialised as JSON
//! with fields in a fixed order and decimals as canonical strings, so the same inputs give
//! the same bytes from Rust, C and Python.
//!
//! Texts that come from the protocol (ids, labels, citations, institutions) are shared
//! with it (`Arc<str>`): an assessment points at them rather than copying them.

use crate::bind::{ChildBasis, Warning};
use crate::model::{Classification, Language, Level, OffsetTimestamp, SourceStatus};
use crate::protocol::ParamValue;
use crate::time::Due;
use crate::value::{canonical_text, Tri};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// What the engine concludes about one case, and why: everything `assess` returns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    /// The protocol pack the case was assessed under.
    pub protocol: ProtocolRef,
    /// The engine that assessed it.
    pub engine: EngineRef,
    /// The instant assessed, written in the pack's time zone.
    pub as_of: OffsetTimestamp,
    /// The case's pseudonymous id, as given.
    pub case_id: String,
    /// The language of labels and text.
    pub language: Language,
    /// The person: child or not, on what basis, foreign or not.
    pub subject: SubjectFinding,
    /// Where the case is handled: the municipality's place in the routing table.
    pub jurisdiction: Option<JurisdictionFinding>,
    /// The risk score.
    pub score: ScoreFinding,
    /// The risk level.
    pub level: LevelFinding,
    /// The classification against the legal definition of trafficking.
    pub classification: ClassificationFinding,
    /// Every ILO dimension of the pack, in pack order, with its evidence.
    pub dimensions: Vec<DimensionFinding>,
    /// The policy overrides (floors under the level) that hold or may hold.
    pub overrides: Vec<OverrideFinding>,
    /// The referral obligations that apply or may apply, most urgent first.
    pub obligations: Vec<ObligationFinding>,
    /// Obligations that read an unrecorded indicator as absent (`unrecorded = "absent"`)
    /// and so do not apply, but would once one of those indicators is recorded. Never a
    /// duty: what recording them could add.
    pub could_arise: Vec<CouldArise>,
    /// Unknown inputs that could still change the level or the classification, most
    /// decisive first: what to ask next.
    pub unknowns: Vec<UnknownFinding>,
    /// Content that is not `verified` and that this assessment relied on.
    pub relied_on: Vec<Reliance>,
    /// Problems with the case that leave the assessment meaningful.
    pub warnings: Vec<Warning>,
    /// Every rule that fired or could fire, with what it read (empty when the trace is off).
    pub trace: Vec<TraceEntry>,
    /// The assessment in words, in `language`.
    pub text: String,
}

/// The protocol pack an assessment was made under: enough to replay it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProtocolRef {
    /// The pack's id (`bih`).
    pub id: Arc<str>,
    /// The pack's semantic version.
    pub version: Arc<str>,
    /// `sha256:<hex>` of the pack's content.
    pub digest: Arc<str>,
    /// `local_policy` parameters the caller set, as (name, value).
    pub local_parameters: Vec<(String, ParamValue)>,
}

/// The engine that made an assessment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EngineRef {
    /// Always `putokaz`.
    pub name: String,
    /// The engine's version ([`crate::ENGINE_VERSION`]).
    pub version: String,
}

/// A closed range of exact decimals (equal ends when settled).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecimalRange {
    /// The lowest value.
    #[serde(with = "canonical_text")]
    pub min: Decimal,
    /// The highest value.
    #[serde(with = "canonical_text")]
    pub max: Decimal,
}

/// The person the case is about, as the age gate and the citizenship rule see them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubjectFinding {
    /// Whether the person is treated as a child.
    pub is_child: Tri,
    /// On what basis.
    pub child_basis: ChildBasis,
    /// The age in whole years, or the range it may take; absent when nothing is known.
    pub age: Option<DecimalRange>,
    /// Whether the person is a foreign citizen (unknown without a citizenship).
    pub is_foreign: Tri,
    /// The profiles whose grades were applied.
    pub profiles: Vec<Arc<str>>,
}

/// Where a case is handled: its municipality's row in the routing table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JurisdictionFinding {
    /// The municipality's name in the table.
    pub municipality: Arc<str>,
    /// `FBiH`, `RS` or `BD`.
    pub entity: Arc<str>,
    /// FBiH canton, RS region or BD.
    pub area: Arc<str>,
    /// The concrete institution for each routed role.
    pub institutions: Arc<[Party]>,
    /// How well the table row is sourced.
    pub status: SourceStatus,
}

/// The risk score: what is established and what is still possible.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreFinding {
    /// The score from what is established (unknown inputs counted as absent).
    #[serde(with = "canonical_text")]
    pub value: Decimal,
    /// What makes up `value`: the points of each dimension and score term that adds
    /// any, in pack order. They sum to `value`.
    pub contributions: Vec<Contribution>,
    /// The score once every unknown input is settled, at least and at most.
    pub possible: DecimalRange,
    /// Whether the score can no longer change.
    pub settled: bool,
}

/// One part of the established score.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contribution {
    /// Where the points come from.
    pub kind: ContributionKind,
    /// The dimension or score term id.
    pub id: Arc<str>,
    /// Its label in the assessment's language.
    pub label: Arc<str>,
    /// Its points.
    #[serde(with = "canonical_text")]
    pub points: Decimal,
}

/// What a contribution to the score comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContributionKind {
    /// The established points of an ILO dimension (its present graded indicators).
    Dimension,
    /// A score term of the pack whose condition holds.
    ScoreTerm,
}

/// The risk level.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelFinding {
    /// The level from what is established (unknown inputs counted as absent).
    pub value: Level,
    /// The levels still possible.
    pub possible: LevelRange,
    /// Whether the level can no longer change.
    pub settled: bool,
    /// The level the score alone gives.
    pub from_score: Level,
    /// The floor set by policy overrides that hold, if any.
    pub policy_floor: Option<Level>,
    /// A discretionary override from the case, if one was given.
    pub discretionary: Option<DiscretionaryFinding>,
    /// Forms of exploitation the case's observations signal that no graded list of the
    /// pack covers (`[coverage]`): the level does not assess them, and is not settled
    /// while there are any.
    pub outside_coverage: Vec<Arc<str>>,
}

/// The levels still possible, lowest and highest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelRange {
    /// The lowest.
    pub min: Level,
    /// The highest.
    pub max: Level,
}

/// A worker's documented decision to move the level one step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiscretionaryFinding {
    /// Up or down.
    pub direction: crate::case::Direction,
    /// Why, in the worker's words (never shown in error messages).
    pub reason: String,
    /// Who approved it.
    pub reviewer: String,
    /// Lowering was stopped by a policy floor.
    pub blocked_by_policy_floor: bool,
}

/// The classification against the legal definition of trafficking.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassificationFinding {
    /// The classification from what is established.
    pub value: Classification,
    /// The classifications still possible, in order.
    pub possible: Vec<Classification>,
    /// Whether the classification can no longer change.
    pub settled: bool,
    /// The rule that gave `value`, if one did.
    pub rule: Option<Arc<str>>,
}

/// One ILO dimension: its grade counts and points under the profiles that apply.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DimensionFinding {
    /// The dimension's id.
    pub id: Arc<str>,
    /// Its label in the assessment's language.
    pub label: Arc<str>,
    /// Whether the dimension is positive (the pack's combination rule).
    pub positive: Tri,
    /// How many strong indicators are present (a range while some are unknown).
    pub strong: DecimalRange,
    /// How many medium indicators are present.
    pub medium: DecimalRange,
    /// How many weak indicators are present.
    pub weak: DecimalRange,
    /// The points the dimension adds to the score (capped).
    pub points: DecimalRange,
    /// Present indicators that counted in this dimension.
    pub evidence: Vec<Arc<str>>,
}

/// A policy override: a floor under the level.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverrideFinding {
    /// The override's id.
    pub id: Arc<str>,
    /// Its label in the assessment's language.
    pub label: Arc<str>,
    /// The least level it sets.
    pub floor: Level,
    /// Whether its condition holds.
    pub holds: Tri,
}

/// Who acts, or towards whom: a role and the concrete institution for the case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Party {
    /// The role id (`csw`, `police`, `reporter`, ...).
    pub role: Arc<str>,
    /// The concrete institution for the case's municipality, when it can be named.
    pub institution: Option<Arc<str>>,
    /// How well the institution is sourced: for a routed role its status in the routing
    /// table, for another role the role's own status when the pack gives one; absent
    /// when neither is known (no municipality, or a role without provenance).
    pub status: Option<SourceStatus>,
}

/// Where an obligation stands at `as_of`. In timeline order: overdue first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ObligationStatus {
    /// Its due time passed and it is not met.
    Overdue,
    /// It applies and is not yet due (or its clock has not started).
    Pending,
    /// It is offered: it waits for the person's consent.
    Offered,
    /// Whether it applies depends on an input the case does not give.
    DependsOnUnknown,
    /// An event of its `met_by` kind fulfilled it.
    Met,
}

impl ObligationStatus {
    /// Its name in JSON.
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

/// Whether a consent-gated obligation's consent is recorded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentState {
    /// Consent given.
    Given,
    /// Consent refused.
    Refused,
    /// Nothing recorded yet.
    NotRecorded,
}

/// A referral obligation: who must do what, for whom, by when, and where it stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObligationFinding {
    /// The obligation's id.
    pub id: Arc<str>,
    /// The labelled exception that applies, if one does.
    pub exception: Option<Arc<str>>,
    /// Its label in the assessment's language.
    pub label: Arc<str>,
    /// Where it stands at `as_of`.
    pub status: ObligationStatus,
    /// 1 is the most urgent.
    pub priority: u8,
    /// Who must act.
    pub actor: Party,
    /// Towards whom.
    pub recipient: Party,
    /// Who provides what the actor arranges, when the pack names another role.
    pub provider: Option<Party>,
    /// What starts the clock: `reported_at` or an event kind.
    pub anchor: Arc<str>,
    /// When the clock started; absent while the anchor event has not happened.
    pub anchor_at: Option<OffsetTimestamp>,
    /// The duration rule, such as `24h` or `5bd` (`unknown` in JSON when the parameter
    /// it names has no value at `as_of`).
    #[serde(with = "due_rule")]
    pub due_rule: Option<Due>,
    /// When it is due, in the pack's time zone.
    pub due: Option<OffsetTimestamp>,
    /// Unix seconds of `due`.
    pub due_unix: Option<i64>,
    /// When the event that fulfilled it happened.
    pub met_at: Option<OffsetTimestamp>,
    /// How late it is (overdue) or was (met late), in whole seconds.
    pub late_seconds: Option<i64>,
    /// Its consent, when it is consent-gated.
    pub consent: Option<ConsentFinding>,
    /// What the recipient may receive from the case.
    pub shares: Arc<[Arc<str>]>,
    /// For `depends_on_unknown`: the inputs that would settle it.
    pub depends_on: Vec<String>,
    /// When the duty applies for certain but a labelled exception that would change its
    /// form is unknown: each such exception, with where the duty would stand under it.
    /// The duty's own status and deadline are its form without those exceptions.
    pub forms_possible: Vec<PossibleForm>,
    /// The sources the obligation cites.
    pub source: Arc<[Arc<str>]>,
    /// How well those sources are checked.
    pub status_of_source: SourceStatus,
    /// The article, page or paragraph, when the pack gives one.
    pub citation: Option<Arc<str>>,
}

/// Another form a duty may take: a labelled exception whose condition is unknown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PossibleForm {
    /// The exception's label (`csw_reported`, ...).
    pub exception: Arc<str>,
    /// The unknown inputs its condition reads: what would settle the form.
    pub depends_on: Vec<String>,
    /// Where the duty would stand under it.
    pub status: ObligationStatus,
    /// Who would act.
    pub actor: Party,
    /// Who would provide what the actor arranges.
    pub provider: Option<Party>,
    /// What would start the clock.
    pub anchor: Arc<str>,
    /// When it would be due.
    pub due: Option<OffsetTimestamp>,
}

/// An obligation that does not apply because indicators the case does not record are
/// read as absent, and would apply if one of them were recorded present.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CouldArise {
    /// The obligation's id.
    pub obligation: Arc<str>,
    /// Its label in the assessment's language.
    pub label: Arc<str>,
    /// The unrecorded indicators its condition reads whose presence is unknown (through
    /// the facts and dimensions it reads too), in pack order.
    pub if_recorded: Vec<Arc<str>>,
}

/// The consent a consent-gated obligation waits for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentFinding {
    /// The consent scope (`roma_mediator`, `ngo_support`, ...).
    pub scope: Arc<str>,
    /// Whether it is given, refused or not recorded.
    pub state: ConsentState,
}

/// What would be established under one answer to a question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    /// The level.
    pub level: Level,
    /// The classification.
    pub classification: Classification,
}

/// One question worth asking next.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnknownFinding {
    /// An indicator id, or `subject.age`, `subject.citizenship`: the first of `inputs`.
    pub input: Arc<str>,
    /// Every input the answer settles: indicators that share one label are one question
    /// (the ILO lists name some signs at recruitment and again at destination).
    pub inputs: Vec<Arc<str>>,
    /// The question in the assessment's language.
    pub label: Arc<str>,
    /// What the assessment would establish if the input were present / true.
    pub if_present: Outcome,
    /// ... and if it were absent / false.
    pub if_absent: Outcome,
}

/// A piece of content that is not `verified` and that the assessment relied on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reliance {
    /// What kind of content.
    pub kind: RelianceKind,
    /// Its id.
    pub id: Arc<str>,
    /// How well its source is checked (never `verified`).
    pub status: SourceStatus,
    /// The sources it cites.
    pub source: Arc<[Arc<str>]>,
    /// Whether one of those sources is historical (read, but no longer in force).
    pub historical: bool,
}

/// One value a rule read, as the rule saw it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Read {
    /// The name as a pack author writes it (`forced_begging`, `level`, `dimension.exploitation`).
    pub name: Arc<str>,
    /// The value: settled, or the range it may still take (`low..very_high`, `0..3`, `unknown`).
    pub value: String,
}

/// What kind of content an assessment relied on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RelianceKind {
    /// A present indicator.
    Indicator,
    /// The rule that makes a dimension positive.
    Combination,
    /// The points per grade.
    Scoring,
    /// A derived fact that holds.
    Fact,
    /// A score term that holds.
    ScoreTerm,
    /// A policy override that holds.
    Override,
    /// The classification rule that gave the classification.
    Classification,
    /// The age gate, when the subject is a child by presumption or a stated age.
    Age,
    /// An obligation that applies.
    Obligation,
    /// An institution an obligation that applies names (actor, recipient or provider):
    /// `role@municipality` for a routed role, the role id otherwise.
    Institution,
    /// A closure of public bodies that a business-day deadline skipped: `entity@date`.
    Closure,
    /// The statement of which forms of exploitation the graded lists cover, when an
    /// observation falls outside them.
    Coverage,
}

/// What kind of rule a trace entry is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleKind {
    /// A profile (which grade column applies).
    Profile,
    /// An ILO dimension and the rule that makes it positive.
    Dimension,
    /// A derived fact.
    Fact,
    /// A score term.
    ScoreTerm,
    /// A policy override (a floor under the level).
    Override,
    /// A classification rule.
    Classification,
    /// A referral obligation.
    Obligation,
}

impl RuleKind {
    /// Its name in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            RuleKind::Profile => "profile",
            RuleKind::Dimension => "dimension",
            RuleKind::Fact => "fact",
            RuleKind::ScoreTerm => "score_term",
            RuleKind::Override => "override",
            RuleKind::Classification => "classification",
            RuleKind::Obligation => "obligation",
        }
    }
}

/// One rule that fired or could fire, with the values it read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TraceEntry {
    /// What kind of rule.
    pub kind: RuleKind,
    /// The rule's id.
    pub id: Arc<str>,
    /// Whether it holds.
    pub result: Tri,
    /// The values it read.
    pub reads: Vec<Read>,
    /// The sources it cites.
    pub source: Arc<[Arc<str>]>,
    /// How well those sources are checked.
    pub status: SourceStatus,
    /// The article, page or paragraph, when the pack gives one.
    pub citation: Option<Arc<str>>,
}

/// Serde for an obligation's duration rule: its text, or `unknown`.
mod due_rule {
    use crate::time::Due;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &Option<Due>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.collect_str(d),
            None => s.serialize_str("unknown"),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Due>, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        if text == "unknown" {
            return Ok(None);
        }
        Due::parse(&text).map(Some).map_err(|_| serde::de::Error::custom("not a duration such as 24h or 5bd"))
    }
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
