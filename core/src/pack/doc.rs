//! The pack as written: TOML documents deserialised as they are, with the positions of
//! the parts the checker may need to point at. No meaning is given here; see `check`.

use crate::model::{Labels, SourceStatus};
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

pub type Text = Spanned<String>;

/// One TOML file of a pack. Every file has this schema; the loader merges them.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackDoc {
    pub pack: Option<Spanned<MetaDoc>>,
    #[serde(default)]
    pub sources: Vec<SourceDoc>,
    #[serde(default)]
    pub parameters: BTreeMap<String, Spanned<ParamDoc>>,
    #[serde(default)]
    pub dimensions: Vec<DimensionDoc>,
    #[serde(default)]
    pub profiles: Vec<ProfileDoc>,
    #[serde(default)]
    pub indicators: Vec<IndicatorDoc>,
    #[serde(default)]
    pub facts: BTreeMap<String, Spanned<FactDoc>>,
    pub combination: Option<Spanned<CombinationDoc>>,
    pub age: Option<Spanned<AgeDoc>>,
    pub scoring: Option<Spanned<ScoringDoc>>,
    #[serde(default)]
    pub overrides: Vec<OverrideDoc>,
    #[serde(default)]
    pub classification: Vec<ClassRuleDoc>,
    #[serde(default)]
    pub roles: Vec<RoleDoc>,
    #[serde(default)]
    pub event_kinds: Vec<KindDoc>,
    #[serde(default)]
    pub consent_scopes: Vec<KindDoc>,
    #[serde(default)]
    pub obligations: Vec<ObligationDoc>,
    #[serde(default)]
    pub calendars: Vec<CalendarDoc>,
    #[serde(default)]
    pub cities: Vec<CityDoc>,
    pub tables: Option<TablesDoc>,
    pub routing: Option<Spanned<RoutingDoc>>,
    pub coverage: Option<Spanned<CoverageDoc>>,
}

/// `[tables.*]`: how the rules of a table combine.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TablesDoc {
    pub classification: Option<Spanned<HitPolicyDoc>>,
}

/// `hit_policy = "first"` with its `order`, or `hit_policy = "unique"`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HitPolicyDoc {
    pub hit_policy: Text,
    pub order: Option<Spanned<Vec<Text>>>,
}

/// `source = "id"` or `source = ["a", "b"]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum SourceRef {
    One(String),
    Many(Vec<String>),
}

impl SourceRef {
    pub fn ids(&self) -> Vec<&String> {
        match self {
            SourceRef::One(t) => vec![t],
            SourceRef::Many(v) => v.iter().collect(),
        }
    }
}

/// The provenance every rule carries.
#[derive(Debug, Clone)]
pub struct ProvDoc {
    pub source: SourceRef,
    pub status: SourceStatus,
    pub citation: Option<String>,
}

/// Declares a pack item that carries `source`, `status` and `citation`. (Not
/// `#[serde(flatten)]`: flattening buffers the item, which loses positions and unknown-key
/// checks.)
macro_rules! with_provenance {
    ($(#[$meta:meta])* pub struct $name:ident { $($body:tt)* }) => {
        $(#[$meta])*
        #[derive(Debug, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            $($body)*
            pub source: SourceRef,
            pub status: SourceStatus,
            pub citation: Option<String>,
        }

        impl $name {
            pub fn prov(&self) -> ProvDoc {
                ProvDoc { source: self.source.clone(), status: self.status, citation: self.citation.clone() }
            }
        }
    };
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetaDoc {
    pub id: Text,
    pub version: Text,
    pub title: Labels,
    pub jurisdiction: Text,
    pub time_zone: Text,
    pub effective_from: Text,
    pub effective_to: Option<Text>,
    pub languages: Vec<Text>,
    pub month_rounding: Option<Text>,
    #[serde(default)]
    pub files: Vec<Text>,
    #[serde(default)]
    pub tests: Vec<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceDoc {
    pub id: Text,
    pub title: String,
    pub url: Option<String>,
    pub status: SourceStatus,
    /// The text was read but is no longer in force.
    #[serde(default)]
    pub historical: bool,
    /// The source that replaced a historical one.
    pub superseded_by: Option<Text>,
}

/// The type of a parameter's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ParamType {
    /// An exact decimal, written as a string.
    Decimal,
    /// A whole number.
    Count,
    /// A duration such as `24h` or `5bd`.
    Duration,
    /// `true` or `false`.
    Bool,
}

with_provenance! {
    pub struct ParamDoc {
        #[serde(rename = "type")]
        pub ty: ParamType,
        pub unit: Option<String>,
        pub label: Option<Labels>,
        #[serde(default)]
        pub local_policy: bool,
        pub values: Vec<Spanned<ParamValueDoc>>,
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParamValueDoc {
    pub from: Text,
    pub value: toml::Value,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DimensionDoc {
    pub id: Text,
    pub label: Labels,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileDoc {
    pub id: Text,
    pub label: Labels,
    pub when: Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorType {
    Bool,
    Count,
    Enum,
}

with_provenance! {
    pub struct IndicatorDoc {
        pub id: Text,
        pub label: Labels,
        #[serde(rename = "type")]
        pub ty: IndicatorType,
        pub dimension: Option<Text>,
        #[serde(default)]
        pub grades: BTreeMap<String, crate::model::Grade>,
        pub specialises: Option<Text>,
        pub unit: Option<String>,
        pub values: Option<Vec<String>>,
        pub present_when: Option<Text>,
        #[serde(default)]
        pub protected: bool,
        /// The roles a protected indicator may route a case to.
        pub routes: Option<Spanned<Vec<Text>>>,
        /// A form of exploitation that no graded list of the pack covers: observing
        /// this indicator says the level does not assess the case (`[coverage]`).
        pub outside_coverage: Option<Text>,
    }
}

with_provenance! {
    /// `[coverage]`: the forms of exploitation the graded lists cover.
    pub struct CoverageDoc {
        pub covered: Vec<Text>,
    }
}

with_provenance! {
    pub struct FactDoc {
        pub label: Labels,
        pub when: Text,
    }
}

with_provenance! {
    pub struct CombinationDoc {
        pub dimension_positive: Text,
    }
}

with_provenance! {
    pub struct AgeDoc {
        pub majority: u32,
        pub presume_minor_when_uncertain: bool,
    }
}

with_provenance! {
    pub struct ScoringDoc {
        pub grade_points: BTreeMap<String, Text>,
        pub dimension_cap: Option<Text>,
        #[serde(default)]
        pub terms: Vec<TermDoc>,
        pub levels: BTreeMap<String, Text>,
    }
}

with_provenance! {
    pub struct TermDoc {
        pub id: Text,
        pub label: Labels,
        pub when: Text,
        pub points: Text,
    }
}

with_provenance! {
    pub struct OverrideDoc {
        pub id: Text,
        pub label: Labels,
        pub when: Text,
        pub floor: Text,
    }
}

with_provenance! {
    pub struct ClassRuleDoc {
        pub id: Text,
        pub label: Labels,
        pub result: Text,
        pub when: Text,
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleDoc {
    pub id: Text,
    pub label: Labels,
    #[serde(default)]
    pub routed: bool,
    #[serde(default)]
    pub shares: Vec<Text>,
    /// Optional provenance of a role that is not routed (its institution is its label);
    /// a routed role's institutions have their status in the routing table.
    pub source: Option<SourceRef>,
    pub status: Option<SourceStatus>,
    pub citation: Option<String>,
}

/// `[routing]`: what the routing table was compiled from.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoutingDoc {
    #[serde(default)]
    pub source: Vec<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindDoc {
    pub id: Text,
    pub label: Labels,
}

with_provenance! {
    pub struct ObligationDoc {
        pub id: Text,
        pub exception: Option<Text>,
        pub label: Labels,
        pub when: Text,
        pub actor: Text,
        pub recipient: Text,
        /// The role that provides the service when the actor arranges it (a shelter run
        /// by an NGO for the Ministry).
        pub provider: Option<Text>,
        pub anchor: Text,
        pub due: Text,
        pub met_by: Text,
        pub priority: u8,
        pub consent: Option<Text>,
        /// On a base definition: its exceptions in the order they are tried.
        pub exception_order: Option<Spanned<Vec<Text>>>,
        /// On a base definition: how its conditions read an indicator the case does not
        /// record (`"unknown"`, the default, or `"absent"`).
        pub unrecorded: Option<Text>,
    }
}

with_provenance! {
    pub struct CalendarDoc {
        pub entity: Text,
        pub covers: CoversDoc,
        pub weekend: Vec<Text>,
        #[serde(default)]
        pub holidays: Vec<HolidayDoc>,
        #[serde(default)]
        pub closures: Vec<ClosureDoc>,
    }
}

with_provenance! {
    /// `[[calendars.closures]]`: a day on which the institutions of some roles are closed.
    pub struct ClosureDoc {
        pub date: Text,
        pub label: Labels,
        pub closed: Vec<Text>,
    }
}

with_provenance! {
    /// A city made up of municipalities that the routing table lists one by one.
    pub struct CityDoc {
        pub name: Text,
        pub municipalities: Vec<Text>,
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CoversDoc {
    pub from: Text,
    pub to: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HolidayDoc {
    pub date: Text,
    pub label: Labels,
}
