//! The checked model of a pack: what `check` produces and the evaluator reads. Every name
//! is resolved to a slot (an index into one of these lists).

use crate::expr::Expr;
use crate::model::{Classification, Grade, Labels, Level, Provenance};
use crate::pack::doc::ParamType;
use crate::pack::PackFiles;
use crate::routing::Routing;
use crate::time::{Calendar, Due};
use jiff::civil::Date;
use jiff::tz::TimeZone;
use rust_decimal::Decimal;
use serde::Serialize;
// Ids come from the pack and lookups from cases; nothing a case gives is inserted, so a
// fast non-keyed hash is safe here.
use rustc_hash::FxHashMap as HashMap;
use std::str::FromStr;

/// The pack as the checker leaves it: every name resolved, every condition typed, every
/// rule table in the order it is evaluated.
#[derive(Debug)]
pub(crate) struct Checked {
    pub meta: Meta,
    pub digest: String,
    pub files: PackFiles,
    pub sources: Vec<Source>,
    pub params: Vec<Param>,
    pub param_index: HashMap<String, u32>,
    pub dimensions: Vec<Dimension>,
    pub profiles: Vec<Profile>,
    pub indicators: Vec<Indicator>,
    pub indicator_index: HashMap<String, u32>,
    pub items: Vec<Item>,
    pub facts: Vec<Fact>,
    /// Facts in an order where each comes after those it reads.
    pub fact_order: Vec<u32>,
    pub combination: Rule<()>,
    pub age: Age,
    pub scoring: Scoring,
    /// Every override whose condition holds raises the level to at least its floor (the
    /// highest floor wins).
    pub overrides: Vec<Rule<Level>>,
    /// In evaluation order: the declared `order` of a `first` table, file order under
    /// `unique` (where at most one result can hold, so order does not matter).
    pub classification: Vec<Rule<Classification>>,
    pub roles: Vec<Role>,
    pub event_kinds: Vec<Kind>,
    pub consent_scopes: Vec<Kind>,
    /// Obligations in an order where each comes after those whose `overdue` it reads.
    pub obligations: Vec<Obligation>,
    pub routing: Option<Routing>,
    pub calendars: Vec<Calendar>,
    pub coverage: Option<Coverage>,
    /// Problems that do not stop the pack from loading (missing labels, unreachable rules).
    pub warnings: Vec<crate::error::PackIssue>,
}

#[derive(Debug)]
pub(crate) struct Meta {
    pub id: String,
    pub version: String,
    pub title: Labels,
    pub jurisdiction: String,
    pub time_zone_name: String,
    pub time_zone: TimeZone,
    pub effective_from: Date,
    pub effective_to: Option<Date>,
    pub languages: Vec<String>,
    pub month_rounding: bool,
    pub tests: Vec<String>,
}

/// A source a pack cites.
#[derive(Clone, Debug, Serialize)]
pub struct Source {
    /// Its id, as rules cite it.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Where it can be read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// How well it has been checked.
    pub status: crate::model::SourceStatus,
    /// Read, but no longer in force.
    pub historical: bool,
    /// The source that replaced it, for a historical source.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub superseded_by: Option<String>,
}

/// A parameter's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamValue {
    /// An exact decimal.
    Decimal(Decimal),
    /// A whole number.
    Count(u64),
    /// A duration such as `24h` or `5bd`.
    Duration(Due),
    /// A switch.
    Bool(bool),
}

impl ParamValue {
    /// A value as a pack writes it, for a parameter of type `kind`.
    pub(crate) fn from_toml(kind: ParamType, v: &toml::Value) -> Result<ParamValue, String> {
        match (kind, v) {
            (ParamType::Decimal, toml::Value::String(s)) => {
                Decimal::from_str(s).map(ParamValue::Decimal).map_err(|_| format!("`{s}` is not a decimal"))
            }
            (ParamType::Decimal, toml::Value::Float(_)) => {
                Err("write decimals as strings (\"2.5\"), so that nothing is rounded".into())
            }
            (ParamType::Count, toml::Value::Integer(n)) if *n >= 0 => Ok(ParamValue::Count(*n as u64)),
            (ParamType::Duration, toml::Value::String(s)) => Due::parse(s).map(ParamValue::Duration),
            (ParamType::Bool, toml::Value::Boolean(b)) => Ok(ParamValue::Bool(*b)),
            (ParamType::Count, _) => Err("expected a whole number ≥ 0".into()),
            (ParamType::Duration, _) => Err("expected a duration string such as \"24h\"".into()),
            (ParamType::Bool, _) => Err("expected true or false".into()),
            (ParamType::Decimal, _) => Err("expected a decimal string such as \"2.5\"".into()),
        }
    }

    /// A value written as text (by a caller setting a local value), for a parameter of
    /// type `kind`.
    pub(crate) fn from_text(kind: ParamType, text: &str) -> Result<ParamValue, String> {
        let value = match kind {
            ParamType::Decimal | ParamType::Duration => toml::Value::String(text.to_owned()),
            ParamType::Count => toml::Value::Integer(text.parse().map_err(|_| "expected a whole number".to_owned())?),
            ParamType::Bool => toml::Value::Boolean(text.parse().map_err(|_| "expected true or false".to_owned())?),
        };
        ParamValue::from_toml(kind, &value)
    }
}

impl std::fmt::Display for ParamValue {
    /// As a pack writes it: `2.5`, `15`, `24h`, `true`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ParamValue::Decimal(d) => write!(f, "{}", crate::value::canonical(*d)),
            ParamValue::Count(n) => write!(f, "{n}"),
            ParamValue::Duration(d) => write!(f, "{d}"),
            ParamValue::Bool(b) => write!(f, "{b}"),
        }
    }
}

/// Written as text, as a pack writes it.
impl Serialize for ParamValue {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Read from its text: `true`/`false`, a duration, a whole number, else a decimal. (A
/// decimal parameter whose value is whole reads back as a count; both are written the
/// same.)
impl<'de> serde::Deserialize<'de> for ParamValue {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<ParamValue, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        if let Ok(b) = text.parse::<bool>() {
            return Ok(ParamValue::Bool(b));
        }
        if let Ok(n) = text.parse::<u64>() {
            return Ok(ParamValue::Count(n));
        }
        if let Ok(due) = Due::parse(&text) {
            return Ok(ParamValue::Duration(due));
        }
        text.parse::<Decimal>()
            .map(ParamValue::Decimal)
            .map_err(|_| serde::de::Error::custom("not a parameter value (a decimal, a count, a duration or a bool)"))
    }
}

#[derive(Debug)]
pub(crate) struct Param {
    pub id: String,
    pub kind: ParamType,
    pub unit: Option<String>,
    pub label: Labels,
    pub local_policy: bool,
    /// Effective-dated values, in date order.
    pub values: Vec<(Date, ParamValue)>,
    pub prov: Provenance,
}

#[derive(Debug)]
pub(crate) struct Dimension {
    pub id: String,
    pub label: Labels,
}

#[derive(Debug)]
pub(crate) struct Profile {
    pub id: String,
    pub label: Labels,
    pub when: Expr,
}

/// What an indicator's observed value is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorKind {
    /// True or false.
    Bool,
    /// A whole number (unexcused absences); `present_when` says when it counts.
    Count,
    /// One of a list of texts; `present_when` says which count.
    Enum,
}

#[derive(Debug)]
pub(crate) struct Indicator {
    pub id: String,
    pub label: Labels,
    pub kind: IndicatorKind,
    pub unit: Option<String>,
    pub values: Vec<String>,
    pub present_when: Option<Expr>,
    pub protected: bool,
    /// The form of exploitation it signals that no graded list covers (`[coverage]`).
    pub outside_coverage: Option<String>,
    /// The graded item it counts as, if any.
    pub item: Option<u32>,
    pub prov: Provenance,
}

/// The forms of exploitation the graded lists cover (`[coverage]`).
#[derive(Debug)]
pub(crate) struct Coverage {
    pub covered: Vec<String>,
    pub prov: Provenance,
}

/// A graded ILO item: an indicator and the local indicators that specialise it. It
/// counts once in its dimension, present when any member is.
#[derive(Debug)]
pub(crate) struct Item {
    pub dimension: u32,
    pub members: Vec<u32>,
    /// Grade per profile (by profile index); `None` where the profile does not grade it.
    pub grades: Vec<Option<Grade>>,
}

#[derive(Debug)]
pub(crate) struct Fact {
    pub id: String,
    pub label: Labels,
    pub when: Expr,
    pub prov: Provenance,
}

/// A pack rule: a condition and what it gives.
#[derive(Debug)]
pub(crate) struct Rule<T> {
    pub id: String,
    pub label: Labels,
    pub when: Expr,
    pub then: T,
    pub prov: Provenance,
}

#[derive(Debug)]
pub(crate) struct Age {
    pub majority: u32,
    pub presume_minor: bool,
    pub prov: Provenance,
}

#[derive(Debug)]
pub(crate) struct Scoring {
    /// Points for strong, medium, weak.
    pub grade_points: [Decimal; 3],
    pub dimension_cap: Option<Decimal>,
    pub terms: Vec<Rule<Decimal>>,
    /// Least score for low, moderate, high, very_high.
    pub thresholds: [Decimal; 4],
    pub prov: Provenance,
}

impl Scoring {
    pub fn level_of(&self, score: Decimal) -> Level {
        let mut level = Level::None;
        for (i, t) in self.thresholds.iter().enumerate() {
            if score >= *t {
                level = Level::ALL[i + 1];
            }
        }
        level
    }
}

#[derive(Debug)]
pub(crate) struct Role {
    pub id: String,
    pub label: Labels,
    /// Column of the routing table naming its institution.
    pub routed: bool,
    pub shares: Vec<String>,
    /// Where a role that is not routed comes from, when the pack says (a routed role's
    /// institutions have their status in the routing table).
    pub prov: Option<Provenance>,
}

#[derive(Debug)]
pub(crate) struct Kind {
    pub id: String,
    pub label: Labels,
}

/// Where the clock of an obligation starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Anchor {
    ReportedAt,
    Event(u32),
}

/// A due time: a fixed duration or a duration parameter.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum DueRef {
    Fixed(Due),
    Param(u32),
}

/// Who acts, or towards whom, in an obligation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Party {
    /// The institution type that reported the case (`case.reporter`).
    Reporter,
    /// A role of the pack, by index.
    Role(u32),
}

#[derive(Debug)]
pub(crate) struct ObligationDef {
    pub exception: Option<String>,
    pub label: Labels,
    pub when: Expr,
    pub actor: Party,
    pub recipient: Party,
    /// The role that provides what the actor arranges, when it is another.
    pub provider: Option<Party>,
    pub anchor: Anchor,
    pub due: DueRef,
    pub met_by: u32,
    pub priority: u8,
    pub consent: Option<u32>,
    pub prov: Provenance,
}

/// One obligation id: a base definition and its labelled exceptions.
#[derive(Debug)]
pub(crate) struct Obligation {
    pub id: String,
    pub base: ObligationDef,
    /// In the order they are tried: the base's `exception_order`, or file order when at
    /// most one of them can hold at a time.
    pub exceptions: Vec<ObligationDef>,
    /// `unrecorded = "absent"`: its conditions (base and exceptions) read an indicator the
    /// case does not record as absent, as the established level and classification do.
    pub unrecorded_absent: bool,
}

impl Obligation {
    /// The base definition, then the exceptions.
    pub fn defs(&self) -> impl Iterator<Item = &ObligationDef> {
        std::iter::once(&self.base).chain(&self.exceptions)
    }
}

impl Checked {
    /// The pack's first language, if the engine writes it; otherwise Bosnian.
    pub fn default_language(&self) -> crate::model::Language {
        self.meta.languages.first().and_then(|l| crate::model::Language::parse(l)).unwrap_or(crate::model::Language::Bs)
    }

    /// A parameter's value at a date: a caller's local value, or the pack's value then in
    /// force.
    pub fn param_at<'a>(&'a self, local: &'a [(u32, ParamValue)], idx: u32, date: Date) -> Option<&'a ParamValue> {
        if let Some((_, v)) = local.iter().find(|(i, _)| *i == idx) {
            return Some(v);
        }
        self.params[idx as usize].values.iter().rev().find(|(from, _)| *from <= date).map(|(_, v)| v)
    }
}
