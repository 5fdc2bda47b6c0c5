//! The compiled protocol: immutable, checked, every name resolved to a slot. Built once by
//! `check` from a pack; shared freely between threads (`Arc` inside, so clones are cheap).

use crate::error::{Error, PackError, UsageErrorKind};
use crate::expr::Expr;
use crate::model::{Classification, Grade, Labels, Level, Provenance};
pub use crate::pack::doc::ParamType as ParameterKind;
use crate::pack::{self, PackFiles, PackSource};
use crate::routing::Routing;
use crate::time::{Calendar, Due};
use jiff::civil::Date;
use jiff::tz::TimeZone;
use rust_decimal::Decimal;
use serde::Serialize;
// Ids come from the pack and lookups from cases; nothing a case gives is inserted, so a
// fast non-keyed hash is safe here.
use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;

/// A loaded, checked protocol pack. Cheap to clone; `Send + Sync`.
#[derive(Clone, Debug)]
pub struct Protocol {
    pub(crate) inner: Arc<Compiled>,
    /// Caller-set values of `local_policy` parameters, by parameter index.
    pub(crate) local: Arc<[(u32, ParamValue)]>,
}

#[derive(Debug)]
pub(crate) struct Compiled {
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
    pub overrides: Vec<Rule<Level>>,
    pub classification: Vec<Rule<Classification>>,
    pub roles: Vec<Role>,
    pub event_kinds: Vec<Kind>,
    pub consent_scopes: Vec<Kind>,
    /// Obligations in an order where each comes after those whose `overdue` it reads.
    pub obligations: Vec<Obligation>,
    pub routing: Option<Routing>,
    pub calendars: Vec<Calendar>,
    /// Problems that do not stop the pack from loading (missing labels).
    pub warnings: Vec<crate::error::PackIssue>,
    /// What the evaluator can skip, worked out at load.
    pub plan: crate::plan::Plan,
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
    pub kind: crate::pack::doc::ParamType,
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
    /// The graded item it counts as, if any.
    pub item: Option<u32>,
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

#[derive(Debug)]
pub(crate) struct ObligationDef {
    pub exception: Option<String>,
    pub label: Labels,
    pub when: Expr,
    pub actor: u32,
    pub recipient: u32,
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
    pub exceptions: Vec<ObligationDef>,
}

/// An indicator as the catalogue describes it, for callers listing what may be observed.
#[derive(Clone, Debug, Serialize)]
pub struct IndicatorInfo {
    /// The indicator's id, as cases name it.
    pub id: String,
    /// Its labels per language.
    pub label: Labels,
    /// Its value type.
    #[serde(rename = "type")]
    pub kind: IndicatorKind,
    /// The ILO dimension it counts in, if it is graded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dimension: Option<String>,
    /// Its grade per profile.
    pub grades: std::collections::BTreeMap<String, Grade>,
    /// The allowed values of an enum indicator.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
    /// The unit of a count.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Special-category data: it may route a case, never weigh.
    pub protected: bool,
    /// Where it comes from.
    #[serde(flatten)]
    pub provenance: Provenance,
}

/// One row of the routing table.
#[derive(Clone, Debug, Serialize)]
pub struct MunicipalityInfo {
    /// The municipality's name, as cases give it.
    pub name: String,
    /// `FBiH`, `RS` or `BD`: which holiday calendar applies.
    pub entity: String,
    /// The FBiH canton, the RS region, or `BD`.
    pub area: String,
    /// The institution of each routed role.
    pub institutions: Vec<crate::assessment::Party>,
    /// How well each of `institutions` is sourced (aligned with it): its own status in
    /// the table, or the row's where the table gives none.
    pub institution_statuses: Vec<crate::model::SourceStatus>,
    /// How well the row's area and coordination team are sourced.
    pub status: crate::model::SourceStatus,
    /// What was inferred, and from what.
    pub note: String,
}

/// A named item of the pack's vocabulary with its labels.
#[derive(Clone, Debug, Serialize)]
pub struct Term {
    /// Its id.
    pub id: String,
    /// Its labels per language.
    pub label: Labels,
}

/// The names a case or a user interface may use: roles (institution types), event
/// kinds, consent scopes, profiles and derived facts.
#[derive(Clone, Debug, Serialize)]
pub struct Vocabulary {
    /// Institution types, including the built-in `reporter`'s choices.
    pub roles: Vec<Term>,
    /// Kinds of events a case may record.
    pub event_kinds: Vec<Term>,
    /// Consent scopes a case may record.
    pub consent_scopes: Vec<Term>,
    /// The pack's profiles.
    pub profiles: Vec<Term>,
    /// The pack's derived facts.
    pub facts: Vec<Term>,
}

/// A parameter, with the value in force on a date.
#[derive(Clone, Debug, Serialize)]
pub struct ParameterInfo {
    /// The parameter's name (`absence_threshold`).
    pub id: String,
    /// Its type.
    #[serde(rename = "type")]
    pub kind: ParameterKind,
    /// Its unit, if it has one.
    pub unit: Option<String>,
    /// Its labels per language.
    pub label: Labels,
    /// Whether each municipality may set its own value ([`Protocol::with_local_parameter`]).
    pub local_policy: bool,
    /// The value in force (a caller's local value if set).
    pub value: Option<ParamValue>,
    /// Where it comes from.
    #[serde(flatten)]
    pub provenance: Provenance,
}

impl Protocol {
    /// The pack's vocabulary, for forms and registries.
    pub fn vocabulary(&self) -> Vocabulary {
        let c = &self.inner;
        let terms = |items: Vec<(&String, &Labels)>| {
            items.into_iter().map(|(id, label)| Term { id: id.clone(), label: label.clone() }).collect()
        };
        Vocabulary {
            roles: terms(c.roles.iter().map(|r| (&r.id, &r.label)).collect()),
            event_kinds: terms(c.event_kinds.iter().map(|k| (&k.id, &k.label)).collect()),
            consent_scopes: terms(c.consent_scopes.iter().map(|k| (&k.id, &k.label)).collect()),
            profiles: terms(c.profiles.iter().map(|p| (&p.id, &p.label)).collect()),
            facts: terms(c.facts.iter().map(|f| (&f.id, &f.label)).collect()),
        }
    }

    /// The parameters with the values in force on `date` (`YYYY-MM-DD`).
    pub fn parameters(&self, date: Date) -> Vec<ParameterInfo> {
        let c = &self.inner;
        c.params
            .iter()
            .enumerate()
            .map(|(i, p)| ParameterInfo {
                id: p.id.clone(),
                kind: p.kind,
                unit: p.unit.clone(),
                label: p.label.clone(),
                local_policy: p.local_policy,
                value: c.param_at(&self.local, i as u32, date).copied(),
                provenance: p.prov.clone(),
            })
            .collect()
    }

    /// A pack bundled with the library: `"bih"` (the default) or `"ilo-2009"`.
    ///
    /// ```
    /// let bih = putokaz::Protocol::bundled("ilo-2009").unwrap();
    /// assert_eq!(bih.id(), "ilo-2009");
    /// ```
    pub fn bundled(id: &str) -> Result<Protocol, Error> {
        if !pack::bundled::IDS.contains(&id) {
            return Err(Error::usage(
                UsageErrorKind::UnknownPack,
                format!("no bundled pack has that id (bundled: {})", pack::bundled::IDS.join(", ")),
            ));
        }
        Ok(Protocol::from_source(&pack::bundled::Bundled { dir: id.to_owned() })?)
    }

    /// The ids of the bundled packs, the default first.
    pub fn bundled_ids() -> &'static [&'static str] {
        pack::bundled::IDS
    }

    /// Loads a pack from the file system. `path` is either the pack's directory (which
    /// holds `pack.toml`) or the pack's head file itself (`pack.toml`, or a TOML file of the
    /// same schema under another name); the files the head lists are read relative to the
    /// head's directory. This is the one meaning of loading from a path, in every
    /// language and in the command line.
    ///
    /// ```
    /// let p = putokaz::Protocol::from_path(concat!(env!("CARGO_MANIFEST_DIR"), "/protocols/ilo-2009")).unwrap();
    /// let q = putokaz::Protocol::from_path(concat!(env!("CARGO_MANIFEST_DIR"), "/protocols/ilo-2009/pack.toml")).unwrap();
    /// assert_eq!(p.digest(), q.digest());
    /// ```
    #[cfg(feature = "fs")]
    pub fn from_path(path: impl AsRef<std::path::Path>) -> Result<Protocol, PackError> {
        Protocol::from_source(&pack::DirSource::for_path(path.as_ref())?)
    }

    /// Loads a pack from a directory holding its `pack.toml`: [`Protocol::from_path`]
    /// with a directory.
    #[cfg(feature = "fs")]
    pub fn from_dir(dir: impl AsRef<std::path::Path>) -> Result<Protocol, PackError> {
        Protocol::from_path(dir)
    }

    /// Loads a pack given as one TOML text (no other files).
    pub fn from_toml(text: &str) -> Result<Protocol, PackError> {
        Protocol::from_files(vec![("pack.toml".to_owned(), text.to_owned())])
    }

    /// Loads a pack from its files: (path as listed in `pack.toml`, text), `pack.toml`
    /// among them. This is the canonical form [`Protocol::files`] returns.
    pub fn from_files(files: Vec<(String, String)>) -> Result<Protocol, PackError> {
        Protocol::from_source(&files)
    }

    /// Loads a pack whose files come from any [`PackSource`].
    pub fn from_source(source: &dyn PackSource) -> Result<Protocol, PackError> {
        let files = pack::gather(source)?;
        crate::check::compile(files).map(|c| Protocol { inner: Arc::new(c), local: Arc::from(Vec::new()) })
    }

    /// The pack's id.
    pub fn id(&self) -> &str {
        &self.inner.meta.id
    }

    /// The pack's semantic version.
    pub fn version(&self) -> &str {
        &self.inner.meta.version
    }

    /// `sha256:<hex>` of the pack's content (see the pack format).
    pub fn digest(&self) -> &str {
        &self.inner.digest
    }

    /// The pack's title per language.
    pub fn title(&self) -> &Labels {
        &self.inner.meta.title
    }

    /// The languages of the pack's labels, the default first.
    pub fn languages(&self) -> &[String] {
        &self.inner.meta.languages
    }

    /// The pack's IANA time zone (`Europe/Sarajevo`).
    pub fn time_zone(&self) -> &str {
        &self.inner.meta.time_zone_name
    }

    /// The content files, in canonical order: enough to rebuild the same protocol with
    /// [`Protocol::from_files`] (and the same digest).
    pub fn files(&self) -> &[(String, String)] {
        &self.inner.files.files
    }

    /// The paths of the pack's test files, as listed.
    pub fn test_files(&self) -> &[String] {
        &self.inner.meta.tests
    }

    /// Problems that did not stop the pack from loading, such as a label missing in
    /// one of the pack's languages.
    pub fn warnings(&self) -> &[crate::error::PackIssue] {
        &self.inner.warnings
    }

    /// The sources the pack cites.
    pub fn sources(&self) -> &[Source] {
        &self.inner.sources
    }

    /// The indicator catalogue.
    pub fn indicators(&self) -> Vec<IndicatorInfo> {
        let c = &self.inner;
        c.indicators
            .iter()
            .map(|ind| {
                let item = ind.item.map(|i| &c.items[i as usize]);
                IndicatorInfo {
                    id: ind.id.clone(),
                    label: ind.label.clone(),
                    kind: ind.kind,
                    dimension: item.map(|it| c.dimensions[it.dimension as usize].id.clone()),
                    grades: item
                        .map(|it| {
                            it.grades
                                .iter()
                                .enumerate()
                                .filter_map(|(p, g)| g.map(|g| (c.profiles[p].id.clone(), g)))
                                .collect()
                        })
                        .unwrap_or_default(),
                    values: ind.values.clone(),
                    unit: ind.unit.clone(),
                    protected: ind.protected,
                    provenance: ind.prov.clone(),
                }
            })
            .collect()
    }

    /// The routing table: every municipality with its entity, area and the institution
    /// of each routed role with its status, in table order (empty without a table).
    pub fn routing_table(&self) -> Vec<MunicipalityInfo> {
        let Some(routing) = &self.inner.routing else { return Vec::new() };
        routing
            .rows
            .iter()
            .map(|m| MunicipalityInfo {
                name: m.name.clone(),
                entity: m.entity.clone(),
                area: m.area.clone(),
                institutions: routing
                    .roles
                    .iter()
                    .zip(&m.institutions)
                    .map(|(role, inst)| crate::assessment::Party {
                        role: role.clone(),
                        institution: Some(inst.clone()),
                    })
                    .collect(),
                institution_statuses: m.institution_statuses.clone(),
                status: m.status,
                note: m.note.clone(),
            })
            .collect()
    }

    /// The municipalities of the routing table, in table order (empty without one).
    pub fn municipalities(&self) -> Vec<&str> {
        self.inner.routing.as_ref().map(|r| r.rows.iter().map(|m| m.name.as_str()).collect()).unwrap_or_default()
    }

    /// The names of the parameters a caller may set for its own runs (`local_policy`).
    pub fn local_parameters(&self) -> Vec<&str> {
        self.inner.params.iter().filter(|p| p.local_policy).map(|p| p.id.as_str()).collect()
    }

    /// A copy of this protocol with a `local_policy` parameter set to `value` (written as
    /// in a pack: a decimal, a whole number, a duration such as `"3bd"`, `true`/`false`).
    /// Assessments made with it list the value under `local_parameters`.
    pub fn with_local_parameter(&self, name: &str, value: &str) -> Result<Protocol, Error> {
        let c = &self.inner;
        let locals = || self.local_parameters().join(", ");
        let idx = *c.param_index.get(name).ok_or_else(|| {
            Error::usage(
                UsageErrorKind::UnknownParameter,
                format!("the pack has no parameter of that name (its local parameters: {})", locals()),
            )
        })?;
        let param = &c.params[idx as usize];
        if !param.local_policy {
            return Err(Error::usage(
                UsageErrorKind::NotLocalParameter,
                format!("`{}` is not a local_policy parameter and cannot be set by a caller", param.id),
            ));
        }
        let parsed = crate::check::param_value_from_text(param.kind, value).map_err(|_| {
            Error::usage(
                UsageErrorKind::InvalidParameterValue,
                format!("the value for `{}` must be {}", param.id, expected(param.kind)),
            )
        })?;
        let mut local: Vec<(u32, ParamValue)> = self.local.iter().filter(|(i, _)| *i != idx).cloned().collect();
        local.push((idx, parsed));
        local.sort_by_key(|(i, _)| *i);
        Ok(Protocol { inner: Arc::clone(&self.inner), local: Arc::from(local) })
    }

    /// The caller-set local parameter values, as (name, value).
    pub fn local_values(&self) -> Vec<(String, ParamValue)> {
        self.local.iter().map(|(i, v)| (self.inner.params[*i as usize].id.clone(), *v)).collect()
    }
}

/// What a value of a parameter type looks like, for error messages.
fn expected(kind: crate::pack::doc::ParamType) -> &'static str {
    use crate::pack::doc::ParamType;
    match kind {
        ParamType::Decimal => "a decimal such as 2.5",
        ParamType::Count => "a whole number",
        ParamType::Duration => "a duration such as 24h, 3d or 5bd",
        ParamType::Bool => "true or false",
    }
}

impl Compiled {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn protocol_is_send_sync_and_cheap_to_clone() {
        fn assert_send_sync<T: Send + Sync + Clone>() {}
        assert_send_sync::<Protocol>();
    }
}
