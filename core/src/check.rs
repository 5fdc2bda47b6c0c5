//! Pack text → [`Compiled`] protocol. Every name is resolved, every condition type-checked,
//! every reference followed; problems are collected (not just the first) and each points
//! at its file, line and column.
//!
//! Besides the type rules, the checker enforces the pack-level laws of DESIGN.md:
//! protected attributes never reach a score, level or classification; derived facts and
//! escalations have no cycles; two definitions of one obligation need a declared
//! exception; every source a rule cites exists.

use crate::error::{PackError, PackErrorKind, PackIssue};
use crate::expr::compile::{compile as compile_expr, Resolve, Resolved, Type};
use crate::expr::{parse, CaseField, Expr, Leaf, SubjectField};
use crate::model::{Classification, Grade, Labels, Level, Provenance};
use crate::pack::doc::*;
use crate::pack::{issue, issue_at, parse_toml, value_offset, PackFiles};
use crate::protocol::*;
use crate::routing::Routing;
use crate::time::{parse_date, weekday, Calendar, Due};
use jiff::tz::TimeZone;
use rust_decimal::Decimal;
use rustc_hash::FxHashMap as HashMap;
use std::collections::{BTreeMap, BTreeSet};
use std::str::FromStr;
use std::sync::Arc;
use toml::Spanned;

/// What a role may be declared to receive from a case (`[[roles]] shares`).
pub const SHAREABLE: [&str; 14] = [
    "subject",
    "subject.age",
    "subject.sex",
    "subject.citizenship",
    "subject.birth_date",
    "observations",
    "events",
    "consents",
    "municipality",
    "reporter",
    "level",
    "classification",
    "score",
    "obligations",
];

/// The values `subject.sex` may take.
pub const SEXES: [&str; 3] = ["female", "male", "other"];

/// Which names a condition may read.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Scope {
    PresentWhen(IndicatorKind, u32),
    Dimension,
    Profile,
    General,
    Classification,
    Obligation,
}

/// A doc item tagged with the index of the file it came from.
type Tagged<T> = (usize, T);

#[derive(Default)]
struct Merged {
    pack: Option<Tagged<Spanned<MetaDoc>>>,
    sources: Vec<Tagged<SourceDoc>>,
    parameters: BTreeMap<String, Tagged<Spanned<ParamDoc>>>,
    dimensions: Vec<Tagged<DimensionDoc>>,
    profiles: Vec<Tagged<ProfileDoc>>,
    indicators: Vec<Tagged<IndicatorDoc>>,
    facts: BTreeMap<String, Tagged<Spanned<FactDoc>>>,
    combination: Option<Tagged<Spanned<CombinationDoc>>>,
    age: Option<Tagged<Spanned<AgeDoc>>>,
    scoring: Option<Tagged<Spanned<ScoringDoc>>>,
    overrides: Vec<Tagged<OverrideDoc>>,
    classification: Vec<Tagged<ClassRuleDoc>>,
    roles: Vec<Tagged<RoleDoc>>,
    event_kinds: Vec<Tagged<KindDoc>>,
    consent_scopes: Vec<Tagged<KindDoc>>,
    obligations: Vec<Tagged<ObligationDoc>>,
    calendars: Vec<Tagged<CalendarDoc>>,
    csv: Option<usize>,
}

struct Checker<'a> {
    files: &'a PackFiles,
    issues: Vec<PackIssue>,
    warnings: Vec<PackIssue>,
    languages: Vec<String>,
}

/// Compiles a gathered pack. On success, also returns warnings (missing labels).
pub(crate) fn compile(files: PackFiles) -> Result<Compiled, PackError> {
    let mut docs = Vec::new();
    let mut issues = Vec::new();
    for (i, (path, text)) in files.files.iter().enumerate() {
        if path.ends_with(".toml") {
            match parse_toml(path, text) {
                Ok(doc) => docs.push((i, doc)),
                Err(e) => issues.extend(e.issues),
            }
        } else if !path.ends_with(".csv") {
            issues.push(issue(
                PackErrorKind::InvalidValue,
                None,
                format!("`{path}`: a listed file must be .toml or .csv"),
            ));
        }
    }
    if !issues.is_empty() {
        return Err(PackError { issues });
    }
    let mut ck = Checker { files: &files, issues, warnings: Vec::new(), languages: Vec::new() };
    let merged = ck.merge(docs);
    let compiled = ck.build(merged);
    match compiled {
        Some(mut c) if ck.issues.is_empty() => {
            c.warnings = ck.warnings;
            c.digest = files.digest();
            c.files = files;
            c.plan = crate::plan::Plan::of(&c);
            Ok(c)
        }
        _ => {
            if ck.issues.is_empty() {
                ck.issues.push(issue(PackErrorKind::Schema, None, "the pack is incomplete".into()));
            }
            Err(PackError { issues: ck.issues })
        }
    }
}

/// Parses a parameter value written as text (for callers setting local values).
pub(crate) fn param_value_from_text(kind: ParamType, text: &str) -> Result<ParamValue, String> {
    let value = match kind {
        ParamType::Decimal | ParamType::Duration => toml::Value::String(text.to_owned()),
        ParamType::Count => toml::Value::Integer(text.parse().map_err(|_| "expected a whole number".to_owned())?),
        ParamType::Bool => toml::Value::Boolean(text.parse().map_err(|_| "expected true or false".to_owned())?),
    };
    param_value(kind, &value)
}

fn param_value(kind: ParamType, v: &toml::Value) -> Result<ParamValue, String> {
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

fn valid_id(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some('a'..='z')) && chars.all(|c| matches!(c, 'a'..='z' | '0'..='9' | '_'))
}

fn valid_source_id(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some('a'..='z' | '0'..='9')) && chars.all(|c| matches!(c, 'a'..='z' | '0'..='9' | '_' | '-'))
}

impl<'a> Checker<'a> {
    fn text(&self, file: usize) -> (&'a str, &'a str) {
        let (p, t) = &self.files.files[file];
        (p.as_str(), t.as_str())
    }

    fn err(&mut self, kind: PackErrorKind, file: usize, span: std::ops::Range<usize>, message: impl Into<String>) {
        let (path, text) = self.text(file);
        self.issues.push(issue_at(kind, path, text, span, message.into()));
    }

    fn merge(&mut self, docs: Vec<(usize, PackDoc)>) -> Merged {
        let mut m = Merged::default();
        for (f, doc) in docs {
            macro_rules! single {
                ($field:ident, $name:literal) => {
                    if let Some(v) = doc.$field {
                        if m.$field.is_some() {
                            self.err(
                                PackErrorKind::Duplicate,
                                f,
                                v.span(),
                                concat!("`[", $name, "]` is set in two files"),
                            );
                        } else {
                            m.$field = Some((f, v));
                        }
                    }
                };
            }
            single!(pack, "pack");
            single!(combination, "combination");
            single!(age, "age");
            single!(scoring, "scoring");
            for (k, v) in doc.parameters {
                if let Some((_, v)) = m.parameters.insert(k.clone(), (f, v)) {
                    self.err(PackErrorKind::Duplicate, f, v.span(), format!("parameter `{k}` is defined twice"));
                }
            }
            for (k, v) in doc.facts {
                if let Some((_, v)) = m.facts.insert(k.clone(), (f, v)) {
                    self.err(PackErrorKind::Duplicate, f, v.span(), format!("fact `{k}` is defined twice"));
                }
            }
            m.sources.extend(doc.sources.into_iter().map(|x| (f, x)));
            m.dimensions.extend(doc.dimensions.into_iter().map(|x| (f, x)));
            m.profiles.extend(doc.profiles.into_iter().map(|x| (f, x)));
            m.indicators.extend(doc.indicators.into_iter().map(|x| (f, x)));
            m.overrides.extend(doc.overrides.into_iter().map(|x| (f, x)));
            m.classification.extend(doc.classification.into_iter().map(|x| (f, x)));
            m.roles.extend(doc.roles.into_iter().map(|x| (f, x)));
            m.event_kinds.extend(doc.event_kinds.into_iter().map(|x| (f, x)));
            m.consent_scopes.extend(doc.consent_scopes.into_iter().map(|x| (f, x)));
            m.obligations.extend(doc.obligations.into_iter().map(|x| (f, x)));
            m.calendars.extend(doc.calendars.into_iter().map(|x| (f, x)));
        }
        for (i, (path, _)) in self.files.files.iter().enumerate() {
            if path.ends_with(".csv") {
                if m.csv.is_some() {
                    self.issues.push(issue(
                        PackErrorKind::Duplicate,
                        None,
                        format!("`{path}`: a pack has one routing table"),
                    ));
                }
                m.csv = Some(i);
            }
        }
        m
    }

    fn labels(&mut self, file: usize, span: std::ops::Range<usize>, what: &str, labels: &Labels) {
        for lang in &self.languages {
            if !labels.contains_key(lang) {
                let (path, text) = self.text(file);
                let mut w = issue_at(
                    PackErrorKind::MissingLabel,
                    path,
                    text,
                    span.clone(),
                    format!("{what} has no `{lang}` label"),
                );
                w.excerpt = None;
                self.warnings.push(w);
            }
        }
    }

    /// Checks the sources a rule cites; `span` is the rule's (provenance is flattened
    /// into the rule, so it has no position of its own).
    fn prov(
        &mut self,
        file: usize,
        span: std::ops::Range<usize>,
        doc: &ProvDoc,
        sources: &BTreeSet<String>,
    ) -> Provenance {
        for id in doc.source.ids() {
            if !sources.contains(id) {
                let hint = suggestion(id, sources.iter().map(String::as_str));
                self.err(PackErrorKind::UnknownName, file, span.clone(), format!("no source `{id}`{hint}"));
            }
        }
        Provenance {
            source: doc.source.ids().into_iter().cloned().collect(),
            status: doc.status,
            citation: doc.citation.clone(),
        }
    }

    /// Registers ids, reporting duplicates and malformed ids.
    fn ids<'d>(&mut self, what: &str, items: impl Iterator<Item = (usize, &'d Text)>) -> HashMap<String, u32> {
        let mut map = HashMap::default();
        // Source ids are citations, not names in conditions: hyphens are allowed.
        let (ok, pattern): (fn(&str) -> bool, &str) =
            if what == "source" { (valid_source_id, "[a-z0-9][a-z0-9_-]*") } else { (valid_id, "[a-z][a-z0-9_]*") };
        for (i, (f, id)) in items.enumerate() {
            if !ok(id.get_ref()) {
                self.err(
                    PackErrorKind::InvalidValue,
                    f,
                    id.span(),
                    format!("{what} id `{}` must match {pattern}", id.get_ref()),
                );
            }
            if map.insert(id.get_ref().clone(), i as u32).is_some() {
                self.err(PackErrorKind::Duplicate, f, id.span(), format!("{what} `{}` is defined twice", id.get_ref()));
            }
        }
        map
    }

    fn condition(&mut self, file: usize, text: &Text, want: Type, names: &Names) -> Option<Expr> {
        let (path, src) = self.text(file);
        let located = |start: usize, end: usize| {
            let s = value_offset(src, text.span(), start);
            let e = value_offset(src, text.span(), end).max(s + 1);
            s..e
        };
        match parse::parse(text.get_ref()) {
            Err(e) => {
                self.issues.push(issue_at(
                    PackErrorKind::Syntax,
                    path,
                    src,
                    located(e.span.start, e.span.end),
                    e.message,
                ));
                None
            }
            Ok(ast) => match compile_expr(&ast, want, names) {
                Ok(expr) => Some(expr),
                Err(e) => {
                    let kind = if e.message.starts_with("unknown") || e.message.starts_with("no ") {
                        PackErrorKind::UnknownName
                    } else {
                        PackErrorKind::Type
                    };
                    self.issues.push(issue_at(kind, path, src, located(e.span.start, e.span.end), e.message));
                    None
                }
            },
        }
    }

    fn date(&mut self, file: usize, t: &Text) -> Option<jiff::civil::Date> {
        let d = parse_date(t.get_ref());
        if d.is_none() {
            self.err(
                PackErrorKind::InvalidValue,
                file,
                t.span(),
                format!("`{}` is not a YYYY-MM-DD date", t.get_ref()),
            );
        }
        d
    }

    fn decimal(&mut self, file: usize, t: &Text) -> Option<Decimal> {
        let d = Decimal::from_str(t.get_ref()).ok();
        if d.is_none() {
            self.err(PackErrorKind::InvalidValue, file, t.span(), format!("`{}` is not a decimal", t.get_ref()));
        }
        d
    }

    fn build(&mut self, m: Merged) -> Option<Compiled> {
        let Some((mf, meta_doc)) = &m.pack else {
            self.issues.push(issue(PackErrorKind::Schema, None, "pack.toml has no `[pack]` table".into()));
            return None;
        };
        let meta = self.meta(*mf, meta_doc.get_ref());

        // Sources.
        let source_ids = self.ids("source", m.sources.iter().map(|(f, s)| (*f, &s.id)));
        let source_set: BTreeSet<String> = source_ids.keys().cloned().collect();
        let sources = m
            .sources
            .iter()
            .map(|(_, s)| Source {
                id: s.id.get_ref().clone(),
                title: s.title.clone(),
                url: s.url.clone(),
                status: s.status,
            })
            .collect();

        // Parameters.
        let mut params = Vec::new();
        let mut param_index = HashMap::default();
        for (name, (f, p)) in &m.parameters {
            if !valid_id(name) {
                self.err(
                    PackErrorKind::InvalidValue,
                    *f,
                    p.span(),
                    format!("parameter name `{name}` must match [a-z][a-z0-9_]*"),
                );
            }
            let p_ref = p.get_ref();
            let prov = self.prov(*f, p.span(), &p_ref.prov(), &source_set);
            let mut values = Vec::new();
            for v in &p_ref.values {
                let from = self.date(*f, &v.get_ref().from);
                match param_value(p_ref.ty, &v.get_ref().value) {
                    Ok(val) => {
                        if let Some(from) = from {
                            values.push((from, val));
                        }
                    }
                    Err(why) => {
                        self.err(PackErrorKind::InvalidValue, *f, v.span(), format!("parameter `{name}`: {why}"))
                    }
                }
            }
            if values.windows(2).any(|w| w[0].0 >= w[1].0) {
                self.err(
                    PackErrorKind::InvalidValue,
                    *f,
                    p.span(),
                    format!("parameter `{name}`: values must be in increasing `from` order"),
                );
            }
            match (values.first(), &meta) {
                (None, _) => {
                    self.err(PackErrorKind::InvalidValue, *f, p.span(), format!("parameter `{name}` has no value"))
                }
                (Some((from, _)), Some(meta)) if *from > meta.effective_from => self.err(
                    PackErrorKind::InvalidValue,
                    *f,
                    p.span(),
                    format!("parameter `{name}` has no value in force on the pack's effective_from date"),
                ),
                _ => {}
            }
            if let (Some(meta), Some(ParamValue::Duration(Due::Months(_)))) = (&meta, values.first().map(|v| &v.1)) {
                if !meta.month_rounding {
                    self.err(
                        PackErrorKind::InvalidValue,
                        *f,
                        p.span(),
                        "a month duration needs `[pack] month_rounding`",
                    );
                }
            }
            if let Some(l) = &p_ref.label {
                self.labels(*f, p.span(), &format!("parameter `{name}`"), l);
            }
            param_index.insert(name.clone(), params.len() as u32);
            params.push(Param {
                id: name.clone(),
                kind: p_ref.ty,
                unit: p_ref.unit.clone(),
                label: p_ref.label.clone().unwrap_or_default(),
                local_policy: p_ref.local_policy,
                values,
                prov,
            });
        }

        // Dimensions, profiles, roles, kinds.
        let dim_index = self.ids("dimension", m.dimensions.iter().map(|(f, d)| (*f, &d.id)));
        for (f, d) in &m.dimensions {
            self.labels(*f, d.id.span(), &format!("dimension `{}`", d.id.get_ref()), &d.label);
        }
        let dimensions: Vec<Dimension> = m
            .dimensions
            .iter()
            .map(|(_, d)| Dimension { id: d.id.get_ref().clone(), label: d.label.clone() })
            .collect();
        let profile_index = self.ids("profile", m.profiles.iter().map(|(f, p)| (*f, &p.id)));
        if m.profiles.is_empty() {
            self.issues.push(issue(PackErrorKind::Schema, None, "the pack declares no `[[profiles]]`".into()));
        }
        let role_index = self.ids("role", m.roles.iter().map(|(f, r)| (*f, &r.id)));
        let event_index = self.ids("event kind", m.event_kinds.iter().map(|(f, k)| (*f, &k.id)));
        let consent_index = self.ids("consent scope", m.consent_scopes.iter().map(|(f, k)| (*f, &k.id)));
        let kinds = |ck: &mut Self, list: &[Tagged<KindDoc>], what: &str| -> Vec<Kind> {
            list.iter()
                .map(|(f, k)| {
                    ck.labels(*f, k.id.span(), &format!("{what} `{}`", k.id.get_ref()), &k.label);
                    Kind { id: k.id.get_ref().clone(), label: k.label.clone() }
                })
                .collect()
        };
        let event_kinds = kinds(self, &m.event_kinds, "event kind");
        let consent_scopes = kinds(self, &m.consent_scopes, "consent scope");
        let mut roles = Vec::new();
        for (f, r) in &m.roles {
            if r.id.get_ref() == "reporter" {
                self.err(PackErrorKind::Duplicate, *f, r.id.span(), "`reporter` is a built-in role");
            }
            self.labels(*f, r.id.span(), &format!("role `{}`", r.id.get_ref()), &r.label);
            for share in &r.shares {
                if !SHAREABLE.contains(&share.get_ref().as_str()) {
                    let hint = suggestion(share.get_ref(), SHAREABLE.into_iter());
                    self.err(
                        PackErrorKind::UnknownName,
                        *f,
                        share.span(),
                        format!("`{}` is not a part of a case that can be shared{hint}", share.get_ref()),
                    );
                }
            }
            roles.push(Role {
                id: r.id.get_ref().clone(),
                label: r.label.clone(),
                routed: r.routed,
                shares: r.shares.iter().map(|s| s.get_ref().clone()).collect(),
            });
        }

        // Indicators (ids first: facts and conditions refer to them).
        let ind_index = self.ids("indicator", m.indicators.iter().map(|(f, i)| (*f, &i.id)));
        let fact_index: HashMap<String, u32> = m.facts.keys().enumerate().map(|(i, k)| (k.clone(), i as u32)).collect();
        for (name, (f, fact)) in &m.facts {
            if ind_index.contains_key(name) {
                self.err(
                    PackErrorKind::Duplicate,
                    *f,
                    fact.span(),
                    format!("`{name}` is both an indicator and a fact"),
                );
            }
            if !valid_id(name) {
                self.err(
                    PackErrorKind::InvalidValue,
                    *f,
                    fact.span(),
                    format!("fact name `{name}` must match [a-z][a-z0-9_]*"),
                );
            }
        }
        let obligation_ids: HashMap<String, u32> = {
            let mut seen = Vec::<String>::new();
            for (_, o) in &m.obligations {
                if !seen.contains(o.id.get_ref()) {
                    seen.push(o.id.get_ref().clone());
                }
            }
            seen.into_iter().enumerate().map(|(i, id)| (id, i as u32)).collect()
        };
        let names = NameTables {
            indicators: &ind_index,
            indicator_docs: &m.indicators,
            facts: &fact_index,
            dimensions: &dim_index,
            params: &param_index,
            param_list: &params,
            obligations: &obligation_ids,
            roles: Arc::from(roles.iter().map(|r| r.id.clone()).collect::<Vec<_>>()),
        };

        let mut indicators = Vec::new();
        let mut items: Vec<Item> = Vec::new();
        let mut item_of: HashMap<u32, u32> = HashMap::default();
        // Base items first, so that specialisations can join them whatever the file order.
        for (i, (f, d)) in m.indicators.iter().enumerate() {
            let id = d.id.get_ref();
            if d.protected && (d.dimension.is_some() || !d.grades.is_empty() || d.specialises.is_some()) {
                self.err(
                    PackErrorKind::Protected,
                    *f,
                    d.id.span(),
                    format!("protected indicator `{id}` may not have a dimension, grades or `specialises`: it must never weigh"),
                );
                continue;
            }
            match (&d.dimension, d.grades.is_empty(), &d.specialises) {
                (Some(dim), false, None) => {
                    let Some(&di) = dim_index.get(dim.get_ref()) else {
                        let hint = suggestion(dim.get_ref(), dim_index.keys().map(String::as_str));
                        self.err(PackErrorKind::UnknownName, *f, dim.span(), format!("no dimension `{}`{hint}", dim.get_ref()));
                        continue;
                    };
                    let mut grades = vec![None; m.profiles.len()];
                    for (profile, grade) in &d.grades {
                        match profile_index.get(profile) {
                            Some(&p) => grades[p as usize] = Some(*grade),
                            None => self.err(PackErrorKind::UnknownName, *f, d.id.span(), format!("`{id}` is graded in unknown profile `{profile}`")),
                        }
                    }
                    item_of.insert(i as u32, items.len() as u32);
                    items.push(Item { dimension: di, members: vec![i as u32], grades });
                }
                (Some(_), true, None) => self.err(PackErrorKind::Schema, *f, d.id.span(), format!("`{id}` has a dimension but no grades")),
                (None, false, None) => self.err(PackErrorKind::Schema, *f, d.id.span(), format!("`{id}` has grades but no dimension")),
                (Some(_), _, Some(s)) | (_, false, Some(s)) => self.err(
                    PackErrorKind::Schema,
                    *f,
                    s.span(),
                    format!("`{id}` specialises another indicator and takes its dimension and grades; give it none of its own"),
                ),
                _ => {}
            }
        }
        for (i, (f, d)) in m.indicators.iter().enumerate() {
            let Some(target) = &d.specialises else { continue };
            match ind_index.get(target.get_ref()).and_then(|t| item_of.get(t)) {
                Some(&item) => {
                    items[item as usize].members.push(i as u32);
                    item_of.insert(i as u32, item);
                }
                None => self.err(
                    PackErrorKind::UnknownName,
                    *f,
                    target.span(),
                    format!("`{}` is not a graded indicator that can be specialised", target.get_ref()),
                ),
            }
        }
        for (i, (f, d)) in m.indicators.iter().enumerate() {
            let id = d.id.get_ref();
            self.labels(*f, d.id.span(), &format!("indicator `{id}`"), &d.label);
            let prov = self.prov(*f, d.id.span(), &d.prov(), &source_set);
            let kind = match d.ty {
                IndicatorType::Bool => IndicatorKind::Bool,
                IndicatorType::Count => IndicatorKind::Count,
                IndicatorType::Enum => IndicatorKind::Enum,
            };
            let values = d.values.clone().unwrap_or_default();
            if (kind == IndicatorKind::Enum) == values.is_empty() {
                self.err(
                    PackErrorKind::Schema,
                    *f,
                    d.id.span(),
                    format!("`{id}`: `values` is required for enum indicators and only for them"),
                );
            }
            let present_when = match (&d.present_when, kind) {
                (Some(t), IndicatorKind::Count | IndicatorKind::Enum) => {
                    let n = Names { t: &names, scope: Scope::PresentWhen(kind, i as u32) };
                    self.condition(*f, t, Type::Bool, &n)
                }
                (Some(t), IndicatorKind::Bool) => {
                    self.err(
                        PackErrorKind::Schema,
                        *f,
                        t.span(),
                        format!("`{id}` is a bool indicator and takes no `present_when`"),
                    );
                    None
                }
                (None, IndicatorKind::Enum) => {
                    self.err(
                        PackErrorKind::Schema,
                        *f,
                        d.id.span(),
                        format!("enum indicator `{id}` needs `present_when`"),
                    );
                    None
                }
                (None, _) => None,
            };
            indicators.push(Indicator {
                id: id.clone(),
                label: d.label.clone(),
                kind,
                unit: d.unit.clone(),
                values,
                present_when,
                protected: d.protected,
                item: item_of.get(&(i as u32)).copied(),
                prov,
            });
        }

        // Profiles.
        let mut profiles = Vec::new();
        for (f, p) in &m.profiles {
            self.labels(*f, p.id.span(), &format!("profile `{}`", p.id.get_ref()), &p.label);
            let when = self.condition(*f, &p.when, Type::Bool, &Names { t: &names, scope: Scope::Profile });
            profiles.push(Profile {
                id: p.id.get_ref().clone(),
                label: p.label.clone(),
                when: when.unwrap_or(Expr::Const(crate::expr::Const::Bool(crate::value::Tri::False))),
            });
        }

        // Facts, then their order.
        let general = Names { t: &names, scope: Scope::General };
        let mut facts = Vec::new();
        let mut fact_spans = Vec::new();
        for (name, (f, fact)) in &m.facts {
            let fd = fact.get_ref();
            self.labels(*f, fact.span(), &format!("fact `{name}`"), &fd.label);
            let prov = self.prov(*f, fact.span(), &fd.prov(), &source_set);
            let when = self
                .condition(*f, &fd.when, Type::Bool, &general)
                .unwrap_or(Expr::Const(crate::expr::Const::Bool(crate::value::Tri::Unknown)));
            fact_spans.push((*f, fact.span()));
            facts.push(Fact { id: name.clone(), label: fd.label.clone(), when, prov });
        }
        let fact_order = self.order(
            "fact",
            facts
                .iter()
                .map(|f| (f.id.as_str(), deps(&f.when, |l| if let Leaf::Fact(j) = l { Some(j) } else { None })))
                .collect(),
            &fact_spans,
        );

        // Combination and age.
        let combination = match &m.combination {
            Some((f, c)) => {
                let cd = c.get_ref();
                let prov = self.prov(*f, c.span(), &cd.prov(), &source_set);
                let when = self.condition(
                    *f,
                    &cd.dimension_positive,
                    Type::Bool,
                    &Names { t: &names, scope: Scope::Dimension },
                );
                when.map(|when| Rule { id: "dimension_positive".into(), label: Labels::new(), when, then: (), prov })
            }
            None => {
                self.issues.push(issue(PackErrorKind::Schema, None, "the pack has no `[combination]` table".into()));
                None
            }
        };
        let age = match &m.age {
            Some((f, a)) => {
                let ad = a.get_ref();
                if ad.majority == 0 || ad.majority > 30 {
                    self.err(PackErrorKind::InvalidValue, *f, a.span(), "`majority` must be between 1 and 30");
                }
                Some(Age {
                    majority: ad.majority,
                    presume_minor: ad.presume_minor_when_uncertain,
                    prov: self.prov(*f, a.span(), &ad.prov(), &source_set),
                })
            }
            None => {
                self.issues.push(issue(PackErrorKind::Schema, None, "the pack has no `[age]` table".into()));
                None
            }
        };

        // Scoring, overrides, classification.
        let scoring = self.scoring(&m.scoring, &names, &source_set);
        let mut overrides = Vec::new();
        let _ = self.ids("override", m.overrides.iter().map(|(f, o)| (*f, &o.id)));
        for (f, o) in &m.overrides {
            self.labels(*f, o.id.span(), &format!("override `{}`", o.id.get_ref()), &o.label);
            let prov = self.prov(*f, o.id.span(), &o.prov(), &source_set);
            let floor = Level::parse(o.floor.get_ref());
            if floor.is_none() {
                self.err(
                    PackErrorKind::InvalidValue,
                    *f,
                    o.floor.span(),
                    format!("`{}` is not a level", o.floor.get_ref()),
                );
            }
            let when = self.condition(*f, &o.when, Type::Bool, &general);
            if let (Some(when), Some(floor)) = (when, floor) {
                overrides.push(Rule { id: o.id.get_ref().clone(), label: o.label.clone(), when, then: floor, prov });
            }
        }
        let mut classification = Vec::new();
        let _ = self.ids("classification rule", m.classification.iter().map(|(f, c)| (*f, &c.id)));
        for (f, c) in &m.classification {
            self.labels(*f, c.id.span(), &format!("classification rule `{}`", c.id.get_ref()), &c.label);
            let prov = self.prov(*f, c.id.span(), &c.prov(), &source_set);
            let result = Classification::parse(c.result.get_ref());
            if result.is_none() {
                self.err(
                    PackErrorKind::InvalidValue,
                    *f,
                    c.result.span(),
                    format!("`{}` is not a classification", c.result.get_ref()),
                );
            }
            let when = self.condition(*f, &c.when, Type::Bool, &Names { t: &names, scope: Scope::Classification });
            if let (Some(when), Some(result)) = (when, result) {
                classification.push(Rule {
                    id: c.id.get_ref().clone(),
                    label: c.label.clone(),
                    when,
                    then: result,
                    prov,
                });
            }
        }

        // Protected attributes may route, never weigh.
        self.protected(&m, &indicators, &facts, &profiles, &scoring, &overrides, &classification);

        let obligations = self.obligations(
            &m,
            &names,
            &source_set,
            &role_index,
            &event_index,
            &consent_index,
            &param_index,
            &params,
            meta.as_ref(),
        );
        let calendars = self.calendars(&m.calendars, &source_set);
        let routing = m.csv.and_then(|f| {
            let (path, text) = self.text(f);
            let routed: Vec<String> = roles.iter().filter(|r| r.routed).map(|r| r.id.clone()).collect();
            match Routing::parse(path, text, &routed) {
                Ok(r) => Some(r),
                Err(issues) => {
                    self.issues.extend(issues);
                    None
                }
            }
        });
        if let Some(r) = &routing {
            for row in &r.rows {
                if !calendars.iter().any(|c| c.entity == row.entity) && !calendars.is_empty() {
                    let (path, _) = self.text(m.csv.unwrap_or(0));
                    self.issues.push(issue(
                        PackErrorKind::UnknownName,
                        Some(crate::error::Location { file: path.to_owned(), line: 1, column: 1 }),
                        format!("entity `{}` of `{}` has no calendar", row.entity, row.name),
                    ));
                    break;
                }
            }
        }
        if m.obligations.iter().any(|_| true) && routing.is_none() && roles.iter().any(|r| r.routed) {
            self.issues.push(issue(
                PackErrorKind::Schema,
                None,
                "roles are routed but the pack lists no routing table (.csv)".into(),
            ));
        }

        Some(Compiled {
            meta: meta?,
            digest: String::new(),
            files: PackFiles { files: Vec::new() },
            sources,
            params,
            param_index,
            dimensions,
            profiles,
            indicators,
            indicator_index: ind_index,
            items,
            facts,
            fact_order,
            combination: combination?,
            age: age?,
            scoring: scoring?,
            overrides,
            classification,
            roles,
            event_kinds,
            consent_scopes,
            obligations,
            routing,
            calendars,
            warnings: Vec::new(),
            plan: crate::plan::Plan::default(),
        })
    }

    fn meta(&mut self, f: usize, d: &MetaDoc) -> Option<Meta> {
        let id_ok =
            !d.id.get_ref().is_empty() && d.id.get_ref().chars().all(|c| matches!(c, 'a'..='z' | '0'..='9' | '-'));
        if !id_ok {
            self.err(PackErrorKind::InvalidValue, f, d.id.span(), "pack id must match [a-z0-9-]+");
        }
        let v = d.version.get_ref();
        let core = v.split(['-', '+']).next().unwrap_or("");
        if core.split('.').count() != 3
            || !core.split('.').all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
        {
            self.err(
                PackErrorKind::InvalidValue,
                f,
                d.version.span(),
                format!("`{v}` is not a semantic version (MAJOR.MINOR.PATCH)"),
            );
        }
        let tz = TimeZone::get(d.time_zone.get_ref()).ok();
        if tz.is_none() {
            self.err(
                PackErrorKind::InvalidValue,
                f,
                d.time_zone.span(),
                format!("`{}` is not an IANA time zone", d.time_zone.get_ref()),
            );
        }
        let from = self.date(f, &d.effective_from);
        let to = d.effective_to.as_ref().map(|t| self.date(f, t));
        if d.languages.is_empty() {
            self.err(PackErrorKind::Schema, f, d.id.span(), "`languages` must name at least one language");
        }
        self.languages = d.languages.iter().map(|l| l.get_ref().clone()).collect();
        let month_rounding = match &d.month_rounding {
            None => false,
            Some(t) if t.get_ref() == "clamp" => true,
            Some(t) => {
                self.err(PackErrorKind::InvalidValue, f, t.span(), "the only month rounding is \"clamp\"");
                false
            }
        };
        self.labels(f, d.id.span(), "the pack title", &d.title);
        for t in &d.tests {
            if !crate::pack::valid_listed_path(t.get_ref()) {
                self.err(PackErrorKind::InvalidValue, f, t.span(), "test paths must be relative with `/` separators");
            }
        }
        Some(Meta {
            id: d.id.get_ref().clone(),
            version: v.clone(),
            title: d.title.clone(),
            jurisdiction: d.jurisdiction.get_ref().clone(),
            time_zone_name: d.time_zone.get_ref().clone(),
            time_zone: tz?,
            effective_from: from?,
            effective_to: match to {
                Some(None) => return None,
                Some(Some(d)) => Some(d),
                None => None,
            },
            languages: self.languages.clone(),
            month_rounding,
            tests: d.tests.iter().map(|t| t.get_ref().clone()).collect(),
        })
    }

    /// Orders items so that each comes after the ones it depends on; reports cycles.
    fn order(
        &mut self,
        what: &str,
        nodes: Vec<(&str, Vec<u32>)>,
        spans: &[(usize, std::ops::Range<usize>)],
    ) -> Vec<u32> {
        let n = nodes.len();
        let mut indegree = vec![0usize; n];
        for (i, (_, deps)) in nodes.iter().enumerate() {
            indegree[i] = deps.iter().filter(|d| (**d as usize) < n).count();
        }
        let mut order = Vec::with_capacity(n);
        let mut ready: Vec<u32> = (0..n as u32).filter(|i| indegree[*i as usize] == 0).rev().collect();
        while let Some(i) = ready.pop() {
            order.push(i);
            for (j, (_, deps)) in nodes.iter().enumerate() {
                let hits = deps.iter().filter(|d| **d == i).count();
                if hits > 0 {
                    indegree[j] -= hits;
                    if indegree[j] == 0 {
                        ready.push(j as u32);
                    }
                }
            }
        }
        if order.len() < n {
            let stuck: Vec<&str> = (0..n).filter(|i| indegree[*i] > 0).map(|i| nodes[i].0).collect();
            let first = (0..n).find(|i| indegree[*i] > 0).unwrap_or(0);
            if let Some((f, span)) = spans.get(first) {
                self.err(
                    PackErrorKind::Cycle,
                    *f,
                    span.clone(),
                    format!("{what}s refer to each other in a circle: {}", stuck.join(" → ")),
                );
            }
        }
        order
    }

    fn scoring(
        &mut self,
        doc: &Option<Tagged<Spanned<ScoringDoc>>>,
        names: &NameTables,
        sources: &BTreeSet<String>,
    ) -> Option<Scoring> {
        let Some((f, s)) = doc else {
            self.issues.push(issue(PackErrorKind::Schema, None, "the pack has no `[scoring]` table".into()));
            return None;
        };
        let f = *f;
        let sd = s.get_ref();
        let prov = self.prov(f, s.span(), &sd.prov(), sources);
        let mut grade_points = [Decimal::ZERO; 3];
        for (i, g) in Grade::ALL.iter().enumerate() {
            match sd.grade_points.get(g.as_str()) {
                Some(t) => {
                    if let Some(d) = self.decimal(f, t) {
                        if d.is_sign_negative() {
                            self.err(PackErrorKind::InvalidValue, f, t.span(), "grade points must not be negative");
                        }
                        grade_points[i] = d;
                    }
                }
                None => self.err(PackErrorKind::Schema, f, s.span(), format!("`grade_points` has no `{}`", g.as_str())),
            }
        }
        for k in sd.grade_points.keys() {
            if !Grade::ALL.iter().any(|g| g.as_str() == k) {
                self.err(PackErrorKind::Schema, f, s.span(), format!("`grade_points.{k}` is not a grade"));
            }
        }
        let dimension_cap = sd.dimension_cap.as_ref().and_then(|t| self.decimal(f, t));
        let mut thresholds = [Decimal::ZERO; 4];
        for (i, level) in Level::ALL[1..].iter().enumerate() {
            match sd.levels.get(level.as_str()) {
                Some(t) => thresholds[i] = self.decimal(f, t).unwrap_or_default(),
                None => self.err(
                    PackErrorKind::Schema,
                    f,
                    s.span(),
                    format!("`[scoring.levels]` has no `{}`", level.as_str()),
                ),
            }
        }
        for k in sd.levels.keys() {
            if !Level::ALL[1..].iter().any(|l| l.as_str() == k) {
                self.err(PackErrorKind::Schema, f, s.span(), format!("`levels.{k}` is not a level above none"));
            }
        }
        if thresholds.windows(2).any(|w| w[0] >= w[1]) {
            self.err(PackErrorKind::InvalidValue, f, s.span(), "level thresholds must increase from low to very_high");
        }
        let _ = self.ids("score term", sd.terms.iter().map(|t| (f, &t.id)));
        let mut terms = Vec::new();
        for t in &sd.terms {
            self.labels(f, t.id.span(), &format!("score term `{}`", t.id.get_ref()), &t.label);
            let tprov = self.prov(f, t.id.span(), &t.prov(), sources);
            let when = self.condition(f, &t.when, Type::Bool, &Names { t: names, scope: Scope::General });
            let points = self.decimal(f, &t.points);
            if let (Some(when), Some(points)) = (when, points) {
                terms.push(Rule {
                    id: t.id.get_ref().clone(),
                    label: t.label.clone(),
                    when,
                    then: points,
                    prov: tprov,
                });
            }
        }
        Some(Scoring { grade_points, dimension_cap, terms, thresholds, prov })
    }

    #[allow(clippy::too_many_arguments)]
    fn protected(
        &mut self,
        m: &Merged,
        indicators: &[Indicator],
        facts: &[Fact],
        profiles: &[Profile],
        scoring: &Option<Scoring>,
        overrides: &[Rule<Level>],
        classification: &[Rule<Classification>],
    ) {
        // A fact is tainted when it reads, directly or through other facts, a protected
        // indicator. Iterate to a fixed point (facts are few; cycles were reported).
        let mut tainted: Vec<Option<String>> = vec![None; facts.len()];
        loop {
            let mut changed = false;
            for (i, fact) in facts.iter().enumerate() {
                if tainted[i].is_some() {
                    continue;
                }
                if let Some(via) = protected_reach(&fact.when, indicators, facts, &tainted) {
                    tainted[i] = Some(via);
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        let check = |ck: &mut Self, what: String, when: &Expr, file: usize, span: std::ops::Range<usize>| {
            if let Some(via) = protected_reach(when, indicators, facts, &tainted) {
                ck.err(
                    PackErrorKind::Protected,
                    file,
                    span,
                    format!("{what} reads the protected attribute {via}; protected attributes may route a case, never weigh in a score, level or classification"),
                );
            }
        };
        for ((f, p), prof) in m.profiles.iter().zip(profiles) {
            check(self, format!("profile `{}`", prof.id), &prof.when, *f, p.when.span());
        }
        if let (Some((f, s)), Some(sc)) = (&m.scoring, scoring) {
            for (t, term) in s.get_ref().terms.iter().zip(&sc.terms) {
                check(self, format!("score term `{}`", term.id), &term.when, *f, t.when.span());
            }
        }
        for ((f, o), rule) in m.overrides.iter().zip(overrides) {
            check(self, format!("override `{}`", rule.id), &rule.when, *f, o.when.span());
        }
        for ((f, c), rule) in m.classification.iter().zip(classification) {
            check(self, format!("classification rule `{}`", rule.id), &rule.when, *f, c.when.span());
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn obligations(
        &mut self,
        m: &Merged,
        names: &NameTables,
        sources: &BTreeSet<String>,
        roles: &HashMap<String, u32>,
        events: &HashMap<String, u32>,
        consents: &HashMap<String, u32>,
        param_index: &HashMap<String, u32>,
        params: &[Param],
        meta: Option<&Meta>,
    ) -> Vec<Obligation> {
        let scope = Names { t: names, scope: Scope::Obligation };
        // Per obligation id: its base, its exceptions, and where it was first defined.
        type Group = (Option<ObligationDef>, Vec<ObligationDef>, usize, std::ops::Range<usize>);
        let mut groups: Vec<Group> = Vec::new();
        let mut ids: Vec<String> = Vec::new();
        for (f, o) in &m.obligations {
            let id = o.id.get_ref();
            if !valid_id(id) {
                self.err(
                    PackErrorKind::InvalidValue,
                    *f,
                    o.id.span(),
                    format!("obligation id `{id}` must match [a-z][a-z0-9_]*"),
                );
            }
            let what = match &o.exception {
                Some(e) => format!("obligation `{id}` (exception `{}`)", e.get_ref()),
                None => format!("obligation `{id}`"),
            };
            self.labels(*f, o.id.span(), &what, &o.label);
            let prov = self.prov(*f, o.id.span(), &o.prov(), sources);
            let role = |ck: &mut Self, t: &Text| -> u32 {
                if t.get_ref() == "reporter" {
                    return u32::MAX;
                }
                match roles.get(t.get_ref()) {
                    Some(&r) => r,
                    None => {
                        let hint = suggestion(t.get_ref(), roles.keys().map(String::as_str));
                        ck.err(PackErrorKind::UnknownName, *f, t.span(), format!("no role `{}`{hint}", t.get_ref()));
                        0
                    }
                }
            };
            let actor = role(self, &o.actor);
            let recipient = role(self, &o.recipient);
            let event = |ck: &mut Self, t: &Text| -> u32 {
                match events.get(t.get_ref()) {
                    Some(&e) => e,
                    None => {
                        let hint = suggestion(t.get_ref(), events.keys().map(String::as_str));
                        ck.err(
                            PackErrorKind::UnknownName,
                            *f,
                            t.span(),
                            format!("no event kind `{}`{hint}", t.get_ref()),
                        );
                        0
                    }
                }
            };
            let anchor = if o.anchor.get_ref() == "reported_at" {
                Anchor::ReportedAt
            } else {
                Anchor::Event(event(self, &o.anchor))
            };
            let met_by = event(self, &o.met_by);
            let due = if let Some(name) = o.due.get_ref().strip_prefix("param.") {
                match param_index.get(name) {
                    Some(&p) if params[p as usize].kind == ParamType::Duration => DueRef::Param(p),
                    Some(_) => {
                        self.err(
                            PackErrorKind::Type,
                            *f,
                            o.due.span(),
                            format!("parameter `{name}` is not a duration"),
                        );
                        DueRef::Fixed(Due::Hours(0))
                    }
                    None => {
                        self.err(PackErrorKind::UnknownName, *f, o.due.span(), format!("no parameter `{name}`"));
                        DueRef::Fixed(Due::Hours(0))
                    }
                }
            } else {
                match Due::parse(o.due.get_ref()) {
                    Ok(d) => {
                        if matches!(d, Due::Months(_)) && !meta.is_some_and(|m| m.month_rounding) {
                            self.err(
                                PackErrorKind::InvalidValue,
                                *f,
                                o.due.span(),
                                "a month duration needs `[pack] month_rounding`",
                            );
                        }
                        DueRef::Fixed(d)
                    }
                    Err(why) => {
                        self.err(PackErrorKind::InvalidValue, *f, o.due.span(), why);
                        DueRef::Fixed(Due::Hours(0))
                    }
                }
            };
            let consent = o.consent.as_ref().and_then(|t| match consents.get(t.get_ref()) {
                Some(&c) => Some(c),
                None => {
                    self.err(PackErrorKind::UnknownName, *f, t.span(), format!("no consent scope `{}`", t.get_ref()));
                    None
                }
            });
            if o.priority == 0 {
                self.err(PackErrorKind::InvalidValue, *f, o.id.span(), "priority starts at 1 (most urgent)");
            }
            let when = self.condition(*f, &o.when, Type::Bool, &scope);
            let def = ObligationDef {
                exception: o.exception.as_ref().map(|e| e.get_ref().clone()),
                label: o.label.clone(),
                when: when.unwrap_or(Expr::Const(crate::expr::Const::Bool(crate::value::Tri::False))),
                actor,
                recipient,
                anchor,
                due,
                met_by,
                priority: o.priority,
                consent,
                prov,
            };
            let g = match ids.iter().position(|x| x == id) {
                Some(g) => g,
                None => {
                    ids.push(id.clone());
                    groups.push((None, Vec::new(), *f, o.id.span()));
                    ids.len() - 1
                }
            };
            if def.exception.is_some() {
                if groups[g].1.iter().any(|e| e.exception == def.exception) {
                    self.err(PackErrorKind::Duplicate, *f, o.id.span(), format!("{what} is defined twice"));
                }
                groups[g].1.push(def);
            } else if groups[g].0.is_some() {
                self.err(
                    PackErrorKind::Conflict,
                    *f,
                    o.id.span(),
                    format!("obligation `{id}` has two base definitions; mark one `exception = \"...\"` so that it is clear which applies"),
                );
            } else {
                groups[g].0 = Some(def);
            }
        }
        let mut out = Vec::new();
        let mut spans = Vec::new();
        for ((base, exceptions, f, span), id) in groups.into_iter().zip(&ids) {
            match base {
                Some(base) => {
                    spans.push((f, span));
                    out.push(Obligation { id: id.clone(), base, exceptions });
                }
                None => self.err(
                    PackErrorKind::Schema,
                    f,
                    span,
                    format!("obligation `{id}` has exceptions but no base definition"),
                ),
            }
        }
        let overdue_of = |e: &Expr| deps(e, |l| if let Leaf::Overdue(j) = l { Some(j) } else { None });
        let order = self.order(
            "obligation",
            out.iter()
                .map(|o| {
                    let mut d = overdue_of(&o.base.when);
                    for e in &o.exceptions {
                        d.extend(overdue_of(&e.when));
                    }
                    (o.id.as_str(), d)
                })
                .collect(),
            &spans,
        );
        // Renumber `overdue.X` references to the evaluation order.
        let position: HashMap<u32, u32> = order.iter().enumerate().map(|(pos, old)| (*old, pos as u32)).collect();
        let mut slots: Vec<Option<Obligation>> = out.into_iter().map(Some).collect();
        let mut ordered = Vec::new();
        for old in &order {
            if let Some(mut o) = slots[*old as usize].take() {
                renumber_overdue(&mut o.base.when, &position);
                for e in &mut o.exceptions {
                    renumber_overdue(&mut e.when, &position);
                }
                ordered.push(o);
            }
        }
        ordered
    }

    fn calendars(&mut self, docs: &[Tagged<CalendarDoc>], sources: &BTreeSet<String>) -> Vec<Calendar> {
        let mut out: Vec<Calendar> = Vec::new();
        for (f, c) in docs {
            let f = *f;
            let prov = self.prov(f, c.entity.span(), &c.prov(), sources);
            if out.iter().any(|x| x.entity == *c.entity.get_ref()) {
                self.err(
                    PackErrorKind::Duplicate,
                    f,
                    c.entity.span(),
                    format!("calendar `{}` is defined twice", c.entity.get_ref()),
                );
            }
            let (Some(from), Some(to)) = (self.date(f, &c.covers.from), self.date(f, &c.covers.to)) else { continue };
            let mut weekend = [false; 7];
            for d in &c.weekend {
                match weekday(d.get_ref()) {
                    Some(w) => weekend[w.to_monday_zero_offset() as usize] = true,
                    None => self.err(
                        PackErrorKind::InvalidValue,
                        f,
                        d.span(),
                        format!("`{}` is not a weekday (mon … sun)", d.get_ref()),
                    ),
                }
            }
            let mut holidays = BTreeSet::new();
            for h in &c.holidays {
                self.labels(f, h.date.span(), &format!("holiday {}", h.date.get_ref()), &h.label);
                if let Some(d) = self.date(f, &h.date) {
                    if d < from || d > to {
                        self.err(
                            PackErrorKind::InvalidValue,
                            f,
                            h.date.span(),
                            "holiday outside the calendar's `covers` range",
                        );
                    }
                    if !holidays.insert(d) {
                        self.err(PackErrorKind::Duplicate, f, h.date.span(), "holiday listed twice");
                    }
                }
            }
            out.push(Calendar { entity: c.entity.get_ref().clone(), from, to, weekend, holidays, prov });
        }
        out
    }
}

fn deps(e: &Expr, pick: impl Fn(Leaf) -> Option<u32>) -> Vec<u32> {
    e.leaves().into_iter().filter_map(pick).collect()
}

fn renumber_overdue(e: &mut Expr, position: &HashMap<u32, u32>) {
    match e {
        Expr::Leaf(Leaf::Overdue(j)) => {
            if let Some(p) = position.get(j) {
                *j = *p;
            }
        }
        Expr::Const(_) | Expr::Leaf(_) => {}
        Expr::Not(x) | Expr::Neg(x) | Expr::Known(x) => renumber_overdue(x, position),
        Expr::And(xs) | Expr::Or(xs) | Expr::Count(xs) => xs.iter_mut().for_each(|x| renumber_overdue(x, position)),
        Expr::Cmp(_, a, b) | Expr::Add(a, b) | Expr::Mul(a, b) => {
            renumber_overdue(a, position);
            renumber_overdue(b, position);
        }
        Expr::In(a, bs) => {
            renumber_overdue(a, position);
            bs.iter_mut().for_each(|x| renumber_overdue(x, position));
        }
    }
}

/// `Some("`x`")` (or "`x` through fact `f`") when `e` reads a protected indicator.
fn protected_reach(e: &Expr, indicators: &[Indicator], facts: &[Fact], tainted: &[Option<String>]) -> Option<String> {
    for leaf in e.leaves() {
        match leaf {
            Leaf::Present(i) | Leaf::RawValue(i) if indicators.get(i as usize).is_some_and(|ind| ind.protected) => {
                return Some(format!("`{}`", indicators[i as usize].id));
            }
            Leaf::Fact(j) => {
                if let Some(Some(via)) = tainted.get(j as usize) {
                    return Some(format!("{via} through fact `{}`", facts[j as usize].id));
                }
            }
            _ => {}
        }
    }
    None
}

/// " (did you mean `x`?)" for the closest candidate, if any is close.
pub(crate) fn suggestion<'s>(name: &str, candidates: impl Iterator<Item = &'s str>) -> String {
    let best = candidates
        .map(|c| (crate::routing::edit_distance(name, c), c))
        .filter(|(d, c)| *d <= 2.max(name.len() / 4) && *d < c.len())
        .min();
    best.map_or_else(String::new, |(_, c)| format!(" (did you mean `{c}`?)"))
}

struct NameTables<'a> {
    indicators: &'a HashMap<String, u32>,
    indicator_docs: &'a [Tagged<IndicatorDoc>],
    facts: &'a HashMap<String, u32>,
    dimensions: &'a HashMap<String, u32>,
    params: &'a HashMap<String, u32>,
    param_list: &'a [Param],
    obligations: &'a HashMap<String, u32>,
    roles: Arc<[String]>,
}

struct Names<'a> {
    t: &'a NameTables<'a>,
    scope: Scope,
}

impl Names<'_> {
    fn indicator_value(&self, i: u32) -> Resolved {
        let doc = &self.t.indicator_docs[i as usize].1;
        let (ty, domain) = match doc.ty {
            IndicatorType::Bool => (Type::Bool, None),
            IndicatorType::Count => (Type::Num, None),
            IndicatorType::Enum => (Type::Text, doc.values.clone().map(Arc::from)),
        };
        Resolved { leaf: Leaf::RawValue(i), ty, domain }
    }
}

impl Resolve for Names<'_> {
    fn resolve(&self, path: &[String]) -> Result<Resolved, String> {
        let p: Vec<&str> = path.iter().map(String::as_str).collect();
        let plain = |leaf, ty| Ok(Resolved { leaf, ty, domain: None });
        let general = matches!(self.scope, Scope::General | Scope::Classification | Scope::Obligation);
        match (self.scope, p.as_slice()) {
            (Scope::PresentWhen(kind, i), ["value"]) => {
                let mut r = self.indicator_value(i);
                if kind == IndicatorKind::Count {
                    r.ty = Type::Num;
                }
                return Ok(r);
            }
            (Scope::Dimension, ["strong"]) => return plain(Leaf::Grade(Grade::Strong), Type::Num),
            (Scope::Dimension, ["medium"]) => return plain(Leaf::Grade(Grade::Medium), Type::Num),
            (Scope::Dimension, ["weak"]) => return plain(Leaf::Grade(Grade::Weak), Type::Num),
            (_, ["param", name]) => {
                let Some(&i) = self.t.params.get(*name) else {
                    return Err(format!(
                        "unknown parameter `{name}`{}",
                        suggestion(name, self.t.params.keys().map(String::as_str))
                    ));
                };
                return match self.t.param_list[i as usize].kind {
                    ParamType::Decimal | ParamType::Count => plain(Leaf::Param(i), Type::Num),
                    ParamType::Bool => plain(Leaf::Param(i), Type::Bool),
                    ParamType::Duration => {
                        Err(format!("parameter `{name}` is a duration; durations are used in `due`, not in conditions"))
                    }
                };
            }
            _ => {}
        }
        let subject_ok = general || self.scope == Scope::Profile;
        match p.as_slice() {
            ["subject", field] if subject_ok => {
                let (leaf, ty, domain): (SubjectField, Type, Option<Arc<[String]>>) = match *field {
                    "is_child" => (SubjectField::IsChild, Type::Bool, None),
                    "age" => (SubjectField::Age, Type::Num, None),
                    "sex" => (SubjectField::Sex, Type::Text, Some(Arc::from(SEXES.map(str::to_owned).to_vec()))),
                    "citizenship" => (SubjectField::Citizenship, Type::Text, None),
                    "is_foreign" => (SubjectField::IsForeign, Type::Bool, None),
                    "appears_minor" => (SubjectField::AppearsMinor, Type::Bool, None),
                    _ => {
                        return Err(format!(
                        "unknown subject field `{field}` (is_child, age, sex, citizenship, is_foreign, appears_minor)"
                    ))
                    }
                };
                Ok(Resolved { leaf: Leaf::Subject(leaf), ty, domain })
            }
            ["case", field] if subject_ok => {
                let (leaf, domain) = match *field {
                    "reporter" => (CaseField::Reporter, Some(Arc::clone(&self.t.roles))),
                    "municipality" => (CaseField::Municipality, None),
                    "entity" => (CaseField::Entity, None),
                    "area" => (CaseField::Area, None),
                    _ => return Err(format!("unknown case field `{field}` (reporter, municipality, entity, area)")),
                };
                Ok(Resolved { leaf: Leaf::Case(leaf), ty: Type::Text, domain })
            }
            ["dimension", d] if general => match self.t.dimensions.get(*d) {
                Some(&i) => plain(Leaf::Dimension(i), Type::Bool),
                None => Err(format!(
                    "unknown dimension `{d}`{}",
                    suggestion(d, self.t.dimensions.keys().map(String::as_str))
                )),
            },
            ["value", id] if general => match self.t.indicators.get(*id) {
                Some(&i) => Ok(self.indicator_value(i)),
                None => Err(format!(
                    "unknown indicator `{id}`{}",
                    suggestion(id, self.t.indicators.keys().map(String::as_str))
                )),
            },
            ["level"] if matches!(self.scope, Scope::Classification | Scope::Obligation) => {
                plain(Leaf::Level, Type::Level)
            }
            ["classification"] if self.scope == Scope::Obligation => plain(Leaf::Classification, Type::Classification),
            ["overdue", id] if self.scope == Scope::Obligation => match self.t.obligations.get(*id) {
                Some(&i) => plain(Leaf::Overdue(i), Type::Bool),
                None => Err(format!("unknown obligation `{id}`")),
            },
            [name] if general => {
                if let Some(&i) = self.t.indicators.get(*name) {
                    return plain(Leaf::Present(i), Type::Bool);
                }
                if let Some(&i) = self.t.facts.get(*name) {
                    return plain(Leaf::Fact(i), Type::Bool);
                }
                let all = self.t.indicators.keys().chain(self.t.facts.keys()).map(String::as_str);
                Err(format!("unknown name `{name}`{}", suggestion(name, all)))
            }
            _ => Err(format!(
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
            )),
        }
    }
}
