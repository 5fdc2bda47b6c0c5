//! The compiled protocol: immutable, checked, every name resolved to a slot. `check`
//! turns a pack into a [`Checked`] model; [`Compiled`] adds the evaluation plan derived
//! from it; [`Protocol`] shares that freely between threads (`Arc` inside, so clones are
//! cheap).

mod checked;

pub(crate) use checked::*;
pub use checked::{IndicatorKind, ParamValue, Source};

use crate::error::{Error, PackError, UsageErrorKind};
use crate::model::{Grade, Labels, Provenance};
pub use crate::pack::doc::ParamType as ParameterKind;
use crate::pack::{self, PackSource};
use jiff::civil::Date;
use serde::Serialize;
use std::sync::Arc;

/// A loaded, checked protocol pack. Cheap to clone; `Send + Sync`.
#[derive(Clone, Debug)]
pub struct Protocol {
    pub(crate) inner: Arc<Compiled>,
    /// Caller-set values of `local_policy` parameters, by parameter index.
    pub(crate) local: Arc<[(u32, ParamValue)]>,
}

/// A checked pack with the plan the evaluator works out from it at load.
///
/// It reads as the [`Checked`] model it holds (`Deref`), so evaluation code names the
/// pack's parts (`c.facts`) and the plan (`c.plan`) alike.
#[derive(Debug)]
pub(crate) struct Compiled {
    checked: Checked,
    /// What the evaluator can skip, worked out at load.
    pub plan: crate::plan::Plan,
    /// Equal for packs of equal digest (equal content): what an [`crate::IndicatorRef`]
    /// is checked against.
    pub identity: u64,
}

impl Compiled {
    pub fn new(checked: Checked) -> Compiled {
        let plan = crate::plan::Plan::of(&checked);
        let identity = {
            use std::hash::{Hash, Hasher};
            let mut h = std::hash::DefaultHasher::new();
            checked.digest.hash(&mut h);
            h.finish()
        };
        Compiled { checked, plan, identity }
    }
}

impl std::ops::Deref for Compiled {
    type Target = Checked;

    fn deref(&self) -> &Checked {
        &self.checked
    }
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
    /// The form of exploitation it signals that no graded list of the pack covers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outside_coverage: Option<String>,
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
        let checked = crate::check::check(pack::gather(source)?)?;
        Ok(Protocol { inner: Arc::new(Compiled::new(checked)), local: Arc::from(Vec::new()) })
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

    /// Problems that did not stop the pack from loading: a label missing in one of the
    /// pack's languages (`missing_label`), a rule that can never fire (`unreachable`).
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
                    outside_coverage: ind.outside_coverage.clone(),
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
                    .zip(&m.institution_statuses)
                    .map(|((role, inst), status)| crate::assessment::Party {
                        role: role.as_str().into(),
                        institution: Some(inst.as_str().into()),
                        status: Some(*status),
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
        let parsed = ParamValue::from_text(param.kind, value).map_err(|_| {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn protocol_is_send_sync_and_cheap_to_clone() {
        fn assert_send_sync<T: Send + Sync + Clone>() {}
        assert_send_sync::<Protocol>();
    }
}
