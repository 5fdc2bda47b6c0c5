//! Every id of the pack, and the scopes that say which names each kind of condition may
//! read. The ids are registered before any condition is compiled, so a condition may
//! name what is defined after it, in any file.

use super::merge::{Merged, Tagged};
use super::suggest::suggestion;
use super::{valid_id, Checker};
use crate::case::SEXES;
use crate::error::PackErrorKind;
use crate::expr::analysis::{Domain, Domains};
use crate::expr::compile::{NameError, Resolve, Resolved, Type};
use crate::expr::{CaseField, Leaf, SubjectField};
use crate::model::Grade;
use crate::pack::doc::{IndicatorType, ParamType};
use crate::protocol::{IndicatorKind, Param, Role};
use rust_decimal::Decimal;
use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;

/// Which names a condition may read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Scope {
    /// An indicator's `present_when`: its own `value` and parameters.
    PresentWhen(IndicatorKind, u32),
    /// The dimension rule: grade counts and parameters.
    Dimension,
    /// A profile: the subject, the case and parameters.
    Profile,
    /// Facts, score terms and overrides.
    General,
    /// Classification rules: as `General`, and the level.
    Classification,
    /// Obligations: as `Classification`, and the classification and `overdue.*`.
    Obligation,
}

/// An indicator's type as conditions see it.
struct IndicatorShape {
    ty: IndicatorType,
    values: Option<Arc<[String]>>,
}

/// The ids of everything a condition or reference may name, each with its slot.
pub(super) struct Names {
    pub sources: super::meta::SourceIndex,
    pub params: HashMap<String, u32>,
    param_kinds: Vec<ParamType>,
    pub dimensions: HashMap<String, u32>,
    pub profiles: HashMap<String, u32>,
    pub indicators: HashMap<String, u32>,
    indicator_shapes: Vec<IndicatorShape>,
    pub facts: HashMap<String, u32>,
    pub roles: HashMap<String, u32>,
    role_ids: Arc<[String]>,
    pub events: HashMap<String, u32>,
    event_ids: Vec<String>,
    pub consents: HashMap<String, u32>,
    /// Obligation ids, in order of first definition.
    pub obligations: HashMap<String, u32>,
}

impl Names {
    pub(super) fn collect(
        ck: &mut Checker<'_>,
        m: &Merged,
        sources: super::meta::SourceIndex,
        params: &[Param],
        roles: &[Role],
    ) -> Names {
        let dimensions = ck.ids("dimension", m.dimensions.iter().map(|(f, d)| (*f, &d.id)));
        let profiles = ck.ids("profile", m.profiles.iter().map(|(f, p)| (*f, &p.id)));
        if m.profiles.is_empty() {
            ck.err_anywhere(PackErrorKind::Schema, "the pack declares no `[[profiles]]`");
        }
        let role_index = ck.ids("role", m.roles.iter().map(|(f, r)| (*f, &r.id)));
        let events = ck.ids("event kind", m.event_kinds.iter().map(|(f, k)| (*f, &k.id)));
        let consents = ck.ids("consent scope", m.consent_scopes.iter().map(|(f, k)| (*f, &k.id)));
        let indicators = ck.ids("indicator", m.indicators.iter().map(|(f, i)| (*f, &i.id)));
        let facts: HashMap<String, u32> = m.facts.keys().enumerate().map(|(i, k)| (k.clone(), i as u32)).collect();
        for (name, (f, fact)) in &m.facts {
            if indicators.contains_key(name) {
                ck.err(PackErrorKind::Duplicate, *f, fact.span(), format!("`{name}` is both an indicator and a fact"));
            }
            if !valid_id(name) {
                ck.err(
                    PackErrorKind::InvalidValue,
                    *f,
                    fact.span(),
                    format!("fact name `{name}` must match [a-z][a-z0-9_]*"),
                );
            }
        }
        let mut obligations = HashMap::default();
        for (_, o) in &m.obligations {
            let next = obligations.len() as u32;
            obligations.entry(o.id.get_ref().clone()).or_insert(next);
        }
        Names {
            sources,
            params: params.iter().enumerate().map(|(i, p)| (p.id.clone(), i as u32)).collect(),
            param_kinds: params.iter().map(|p| p.kind).collect(),
            dimensions,
            profiles,
            indicators,
            indicator_shapes: m
                .indicators
                .iter()
                .map(|(_, d)| IndicatorShape { ty: d.ty, values: d.values.clone().map(Arc::from) })
                .collect(),
            facts,
            roles: role_index,
            role_ids: roles.iter().map(|r| r.id.clone()).collect(),
            events,
            event_ids: m.event_kinds.iter().map(|(_, k)| k.id.get_ref().clone()).collect(),
            consents,
            obligations,
        }
    }

    /// The id of role `i`.
    pub(super) fn role(&self, i: u32) -> &str {
        self.role_ids.get(i as usize).map_or("?", String::as_str)
    }

    /// The id of event kind `i`.
    pub(super) fn event(&self, i: u32) -> &str {
        self.event_ids.get(i as usize).map_or("?", String::as_str)
    }

    /// The names a condition of `scope` may read.
    pub(super) fn scope(&self, scope: Scope) -> InScope<'_> {
        InScope { names: self, scope }
    }

    /// The slot of `id` in `map`, or an `unknown_name` error at `t` with the nearest id.
    pub(super) fn lookup(
        ck: &mut Checker<'_>,
        map: &HashMap<String, u32>,
        (file, t): Tagged<&crate::pack::doc::Text>,
        what: &str,
    ) -> Option<u32> {
        let found = map.get(t.get_ref()).copied();
        if found.is_none() {
            let hint = suggestion(t.get_ref(), map.keys().map(String::as_str));
            ck.err(PackErrorKind::UnknownName, file, t.span(), format!("no {what} `{}`{hint}", t.get_ref()));
        }
        found
    }

    fn indicator_value(&self, i: u32) -> Resolved {
        let shape = &self.indicator_shapes[i as usize];
        let (ty, domain) = match shape.ty {
            IndicatorType::Bool => (Type::Bool, None),
            IndicatorType::Count => (Type::Num, None),
            IndicatorType::Enum => (Type::Text, shape.values.clone()),
        };
        Resolved { leaf: Leaf::RawValue(i), ty, domain }
    }
}

/// The names of one scope: what the condition compiler resolves against.
pub(super) struct InScope<'a> {
    names: &'a Names,
    scope: Scope,
}

fn sexes() -> Arc<[String]> {
    SEXES.iter().map(|s| (*s).to_owned()).collect()
}

impl Resolve for InScope<'_> {
    fn resolve(&self, path: &[String]) -> Result<Resolved, NameError> {
        let t = self.names;
        let p: Vec<&str> = path.iter().map(String::as_str).collect();
        let plain = |leaf, ty| Ok(Resolved { leaf, ty, domain: None });
        let general = matches!(self.scope, Scope::General | Scope::Classification | Scope::Obligation);
        match (self.scope, p.as_slice()) {
            (Scope::PresentWhen(kind, i), ["value"]) => {
                let mut r = t.indicator_value(i);
                if kind == IndicatorKind::Count {
                    r.ty = Type::Num;
                }
                return Ok(r);
            }
            (Scope::Dimension, ["strong"]) => return plain(Leaf::Grade(Grade::Strong), Type::Num),
            (Scope::Dimension, ["medium"]) => return plain(Leaf::Grade(Grade::Medium), Type::Num),
            (Scope::Dimension, ["weak"]) => return plain(Leaf::Grade(Grade::Weak), Type::Num),
            (_, ["param", name]) => {
                let Some(&i) = t.params.get(*name) else {
                    return Err(NameError::unknown(format!(
                        "unknown parameter `{name}`{}",
                        suggestion(name, t.params.keys().map(String::as_str))
                    )));
                };
                return match t.param_kinds[i as usize] {
                    ParamType::Decimal | ParamType::Count => plain(Leaf::Param(i), Type::Num),
                    ParamType::Bool => plain(Leaf::Param(i), Type::Bool),
                    ParamType::Duration => Err(NameError::wrong_type(format!(
                        "parameter `{name}` is a duration; durations are used in `due`, not in conditions"
                    ))),
                };
            }
            _ => {}
        }
        let subject_ok = general || self.scope == Scope::Profile;
        match p.as_slice() {
            ["subject", field] if subject_ok => {
                let (leaf, ty, domain) = match *field {
                    "is_child" => (SubjectField::IsChild, Type::Bool, None),
                    "age" => (SubjectField::Age, Type::Num, None),
                    "sex" => (SubjectField::Sex, Type::Text, Some(sexes())),
                    "citizenship" => (SubjectField::Citizenship, Type::Text, None),
                    "is_foreign" => (SubjectField::IsForeign, Type::Bool, None),
                    "appears_minor" => (SubjectField::AppearsMinor, Type::Bool, None),
                    _ => {
                        return Err(NameError::unknown(format!(
                        "unknown subject field `{field}` (is_child, age, sex, citizenship, is_foreign, appears_minor)"
                    )))
                    }
                };
                Ok(Resolved { leaf: Leaf::Subject(leaf), ty, domain })
            }
            ["case", field] if subject_ok => {
                let (leaf, domain) = match *field {
                    "reporter" => (CaseField::Reporter, Some(Arc::clone(&t.role_ids))),
                    "municipality" => (CaseField::Municipality, None),
                    "entity" => (CaseField::Entity, None),
                    "area" => (CaseField::Area, None),
                    _ => {
                        return Err(NameError::unknown(format!(
                            "unknown case field `{field}` (reporter, municipality, entity, area)"
                        )))
                    }
                };
                Ok(Resolved { leaf: Leaf::Case(leaf), ty: Type::Text, domain })
            }
            ["dimension", d] if general => match t.dimensions.get(*d) {
                Some(&i) => plain(Leaf::Dimension(i), Type::Bool),
                None => Err(NameError::unknown(format!(
                    "unknown dimension `{d}`{}",
                    suggestion(d, t.dimensions.keys().map(String::as_str))
                ))),
            },
            ["value", id] if general => match t.indicators.get(*id) {
                Some(&i) => Ok(t.indicator_value(i)),
                None => Err(NameError::unknown(format!(
                    "unknown indicator `{id}`{}",
                    suggestion(id, t.indicators.keys().map(String::as_str))
                ))),
            },
            ["level"] if matches!(self.scope, Scope::Classification | Scope::Obligation) => {
                plain(Leaf::Level, Type::Level)
            }
            ["classification"] if self.scope == Scope::Obligation => plain(Leaf::Classification, Type::Classification),
            ["overdue", id] if self.scope == Scope::Obligation => match t.obligations.get(*id) {
                Some(&i) => plain(Leaf::Overdue(i), Type::Bool),
                None => Err(NameError::unknown(format!("unknown obligation `{id}`"))),
            },
            [name] if general => {
                if let Some(&i) = t.indicators.get(*name) {
                    return plain(Leaf::Present(i), Type::Bool);
                }
                if let Some(&i) = t.facts.get(*name) {
                    return plain(Leaf::Fact(i), Type::Bool);
                }
                let all = t.indicators.keys().chain(t.facts.keys()).map(String::as_str);
                Err(NameError::unknown(format!("unknown name `{name}`{}", suggestion(name, all))))
            }
            _ => Err(NameError::unknown(format!(
                "unknown name `{}` here{}",
                path.join("."),
                match self.scope {
                    Scope::PresentWhen(..) => " (a `present_when` reads `value` and `param.*`)",
                    Scope::Dimension => " (the dimension rule reads `strong`, `medium`, `weak` and `param.*`)",
                    Scope::Profile => " (a profile reads `subject.*`, `case.*` and `param.*`)",
                    Scope::General =>
                        " (`level` and `classification` are read only by classification rules and obligations)",
                    Scope::Classification => " (`classification` and `overdue.*` are read only by obligations)",
                    Scope::Obligation => "",
                }
            ))),
        }
    }
}

/// What each leaf can be in a complete input, for the overlap analysis.
impl Domains for Names {
    fn domain(&self, leaf: Leaf) -> Domain {
        let whole = |min: Option<Decimal>| Domain::Number { whole: true, min, max: None };
        match leaf {
            Leaf::RawValue(i) => match self.indicator_shapes.get(i as usize) {
                Some(IndicatorShape { ty: IndicatorType::Bool, .. }) => Domain::Bool,
                Some(IndicatorShape { ty: IndicatorType::Count, .. }) => whole(Some(Decimal::ZERO)),
                Some(IndicatorShape { ty: IndicatorType::Enum, values }) => Domain::Text(values.clone()),
                None => Domain::Bool,
            },
            Leaf::Param(i) => match self.param_kinds.get(i as usize) {
                Some(ParamType::Count) => whole(Some(Decimal::ZERO)),
                Some(ParamType::Decimal | ParamType::Duration) => Domain::Number { whole: false, min: None, max: None },
                Some(ParamType::Bool) | None => Domain::Bool,
            },
            Leaf::Subject(SubjectField::Age) => whole(Some(Decimal::ZERO)),
            Leaf::Subject(SubjectField::Sex) => Domain::Text(Some(sexes())),
            Leaf::Subject(SubjectField::Citizenship) => Domain::Text(None),
            Leaf::Case(CaseField::Reporter) => Domain::Text(Some(Arc::clone(&self.role_ids))),
            Leaf::Case(_) => Domain::Text(None),
            Leaf::Grade(_) => whole(Some(Decimal::ZERO)),
            Leaf::Present(_)
            | Leaf::Fact(_)
            | Leaf::Dimension(_)
            | Leaf::Subject(SubjectField::IsChild | SubjectField::IsForeign | SubjectField::AppearsMinor)
            | Leaf::Overdue(_)
            | Leaf::Level
            | Leaf::Classification => Domain::Bool,
        }
    }
}
