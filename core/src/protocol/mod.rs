//! The compiled protocol: immutable, checked, every name resolved to a slot. `check`
//! turns a pack into a [`Checked`] model; [`Compiled`] adds the evaluation plan derived
//! from it; [`Protocol`] shares that freely between threads (`Arc` inside, so clones are
//! cheap).

mod checked;

pub(crate) use checked::*;
pub use checked::{IndicatorKind, ParamValue, Source};

use crate::error::{Error, PackError};
use crate::model::{Grade, Labels, Provenance};
use crate::pack::doc::ParamType;
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
}

impl Compiled {
    pub fn new(checked: Checked) -> Compiled {
        let plan = crate::plan::Plan::of(&checked);
        Compiled { checked, plan }
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
    pub id: String,
    pub label: Labels,
    #[serde(rename = "type")]
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dimension: Option<String>,
    pub grades: std::collections::BTreeMap<String, Grade>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    pub protected: bool,
    #[serde(flatten)]
    pub provenance: Provenance,
}

/// A named item of the pack's vocabulary with its labels.
#[derive(Clone, Debug, Serialize)]
pub struct Term {
    pub id: String,
    pub label: Labels,
}

/// The names a case or a user interface may use: roles (institution types), event
/// kinds, consent scopes, profiles and derived facts.
#[derive(Clone, Debug, Serialize)]
pub struct Vocabulary {
    pub roles: Vec<Term>,
    pub event_kinds: Vec<Term>,
    pub consent_scopes: Vec<Term>,
    pub profiles: Vec<Term>,
    pub facts: Vec<Term>,
}

/// A parameter, with the value in force on a date.
#[derive(Clone, Debug, Serialize)]
pub struct ParameterInfo {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub unit: Option<String>,
    pub label: Labels,
    pub local_policy: bool,
    /// The value in force (a caller's local value if set), as written in a pack.
    pub value: Option<String>,
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
                kind: match p.kind {
                    ParamType::Decimal => "decimal",
                    ParamType::Count => "count",
                    ParamType::Duration => "duration",
                    ParamType::Bool => "bool",
                },
                unit: p.unit.clone(),
                label: p.label.clone(),
                local_policy: p.local_policy,
                value: c.param_at(&self.local, i as u32, date).map(ParamValue::to_string),
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
            return Err(Error::Usage(format!("no bundled pack `{id}` (bundled: {})", pack::bundled::IDS.join(", "))));
        }
        Ok(Protocol::from_source(&pack::bundled::Bundled { dir: id.to_owned() })?)
    }

    /// The ids of the bundled packs, the default first.
    pub fn bundled_ids() -> &'static [&'static str] {
        pack::bundled::IDS
    }

    /// Loads a pack from a directory holding its `pack.toml`.
    #[cfg(feature = "fs")]
    pub fn from_dir(dir: impl AsRef<std::path::Path>) -> Result<Protocol, PackError> {
        Protocol::from_source(&pack::DirSource(dir.as_ref().to_owned()))
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

    pub fn id(&self) -> &str {
        &self.inner.meta.id
    }

    pub fn version(&self) -> &str {
        &self.inner.meta.version
    }

    /// `sha256:<hex>` of the pack's content (see the pack format).
    pub fn digest(&self) -> &str {
        &self.inner.digest
    }

    pub fn title(&self) -> &Labels {
        &self.inner.meta.title
    }

    /// The languages of the pack's labels, the default first.
    pub fn languages(&self) -> &[String] {
        &self.inner.meta.languages
    }

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
                    kind: match ind.kind {
                        IndicatorKind::Bool => "bool",
                        IndicatorKind::Count => "count",
                        IndicatorKind::Enum => "enum",
                    },
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
        let idx =
            *c.param_index.get(name).ok_or_else(|| Error::Usage(format!("the pack has no parameter `{name}`")))?;
        let param = &c.params[idx as usize];
        if !param.local_policy {
            return Err(Error::Usage(format!(
                "`{name}` is not a local_policy parameter and cannot be set by a caller"
            )));
        }
        let parsed = ParamValue::from_text(param.kind, value)
            .map_err(|why| Error::Usage(format!("value for `{name}`: {why}")))?;
        let mut local: Vec<(u32, ParamValue)> = self.local.iter().filter(|(i, _)| *i != idx).cloned().collect();
        local.push((idx, parsed));
        local.sort_by_key(|(i, _)| *i);
        Ok(Protocol { inner: Arc::clone(&self.inner), local: Arc::from(local) })
    }

    /// The caller-set local parameter values, as (name, value text).
    pub fn local_values(&self) -> Vec<(String, String)> {
        self.local.iter().map(|(i, v)| (self.inner.params[*i as usize].id.clone(), v.to_string())).collect()
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
