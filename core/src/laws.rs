//! Pack laws: properties a pack states about its own outcomes — "school absences alone
//! never reach the police" — checked on generated cases, so that a changed rule or a
//! municipality's new threshold that breaks one is seen before it ships.
//!
//! Laws are written in a pack test file (`[[laws]]` beside `[[tests]]`, see
//! `core/protocols/README.md`) and run with the tests, by `putokaz test` and by
//! `cargo test`. A law says which cases it is about (`given`), what must hold for them
//! (`then`), and optionally the values of `local_policy` parameters under which it must
//! hold as well (`vary`). Cases come from the exploring generator (`synth::Explorer`,
//! feature `synth`) and are bent to the premise; a law that breaks is reported with the
//! smallest case that still breaks it.
//!
//! Not for: the engine's own invariants (those are property tests in `core/tests`), or
//! single expected outcomes (those are the pack's `[[tests]]`).

// Without the `synth` feature laws are still read and checked against the pack's names,
// but not run (each reports that it needs the generator), so the checks go unused.
#![cfg_attr(not(feature = "synth"), allow(dead_code))]

use crate::assessment::{Assessment, ObligationStatus};
use crate::case::{Case, ObservedValue};
use crate::error::{PackErrorKind, PackIssue};
use crate::model::{Classification, Level};
use crate::pack::issue_at;
use crate::protocol::{IndicatorKind, Protocol};
use crate::testing::TestOutcome;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use toml::Spanned;

/// `[generate]` of a test file: how many cases each law is checked on, and from which seed.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct GenerateDoc {
    /// Generated cases per law and per set of parameter values (default 300).
    cases: Option<u32>,
    /// The seed of the generator (default 1): the same seed gives the same cases.
    seed: Option<u64>,
    /// The moment of assessment; reports fall in the 30 days before it.
    as_of: Option<String>,
    /// The fewest generated cases that must meet a law's premise (default 20): a law that
    /// almost no case is about proves almost nothing.
    min_matching: Option<u32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LawDoc {
    id: String,
    /// The law in words.
    says: String,
    #[serde(default)]
    given: GivenDoc,
    then: ThenDoc,
    /// `local_policy` parameter → values under which the law must hold too.
    #[serde(default)]
    vary: BTreeMap<String, Vec<toml::Value>>,
}

impl LawDoc {
    pub(crate) fn id(&self) -> &str {
        &self.id
    }
}

/// Which cases the law is about. Every key narrows the generated cases.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct GivenDoc {
    /// `"child"` or `"adult"`: the age is set accordingly.
    subject: Option<String>,
    /// `[min, max]`: the age is set within it.
    age: Option<[u32; 2]>,
    /// Whether the person is a foreign citizen.
    foreign: Option<bool>,
    /// The reporter is one of these roles.
    #[serde(default)]
    reporter: Vec<String>,
    /// Yes/no indicators that are present.
    #[serde(default)]
    present: Vec<String>,
    /// Yes/no indicators of which at least one is present.
    #[serde(default)]
    present_any: Vec<String>,
    /// No indicator outside this list is present (protected attributes vary freely).
    present_only: Option<Vec<String>>,
    /// Yes/no indicators that are absent.
    #[serde(default)]
    absent: Vec<String>,
    /// Indicators that are absent or unknown.
    #[serde(default)]
    not_present: Vec<String>,
    /// The established classification is one of these.
    #[serde(default)]
    classification: Vec<String>,
    /// The established level is one of these.
    #[serde(default)]
    level: Vec<String>,
}

/// What must hold for every case the law is about.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ThenDoc {
    /// Obligations that never arise: absent, or only depending on unknown inputs — also
    /// once every unknown yes/no indicator is taken as absent.
    #[serde(default)]
    no_duty: Vec<String>,
    /// Obligations that always arise (with a status that does not depend on unknowns).
    #[serde(default)]
    duty: Vec<String>,
    /// Indicators that never change the score, the level or the classification, and are
    /// never asked next, whatever their value.
    #[serde(default)]
    unscored: Vec<String>,
    level_at_most: Option<String>,
    #[serde(default)]
    classification_not: Vec<String>,
}

const DEFAULT_CASES: u32 = 300;
const DEFAULT_MIN_MATCHING: u32 = 20;
const MAX_VARIANTS: usize = 16;
/// A count large enough to pass any threshold a municipality may set.
const MANY: u64 = 100_000;

/// An indicator a law names, with its type.
#[derive(Clone, Debug)]
struct Named {
    id: String,
    kind: IndicatorKind,
}

/// A law checked against a protocol's names.
#[derive(Debug)]
struct Law {
    id: String,
    says: String,
    child: Option<bool>,
    age: Option<(u32, u32)>,
    foreign: Option<bool>,
    reporter: Vec<String>,
    present: Vec<Named>,
    present_any: Vec<Named>,
    present_only: Option<BTreeSet<String>>,
    absent: Vec<Named>,
    not_present: Vec<Named>,
    classification: Vec<Classification>,
    level: Vec<Level>,
    no_duty: Vec<String>,
    duty: Vec<String>,
    unscored: Vec<Named>,
    level_at_most: Option<Level>,
    classification_not: Vec<Classification>,
    /// Each set of `local_policy` values to check under; the first is the pack's own.
    variants: Vec<Vec<(String, String)>>,
}

/// The names a law may use, from the protocol.
struct Names {
    /// The pack's own jurisdiction: its citizens are not foreign.
    jurisdiction: String,
    indicators: BTreeMap<String, (IndicatorKind, bool)>,
    obligations: BTreeSet<String>,
    roles: BTreeSet<String>,
    local: BTreeSet<String>,
}

impl Names {
    fn of(p: &Protocol) -> Names {
        Names {
            jurisdiction: p.inner.meta.jurisdiction.clone(),
            indicators: p.indicators().into_iter().map(|i| (i.id, (i.kind, i.protected))).collect(),
            obligations: p.inner.obligations.iter().map(|o| o.id.clone()).collect(),
            roles: p.vocabulary().roles.into_iter().map(|r| r.id).collect(),
            local: p.local_parameters().into_iter().map(str::to_owned).collect(),
        }
    }
}

/// Collects a law's naming problems, each located at the law.
struct Problems<'a> {
    law: &'a str,
    path: &'a str,
    text: &'a str,
    span: std::ops::Range<usize>,
    issues: Vec<PackIssue>,
}

impl Problems<'_> {
    fn push(&mut self, kind: PackErrorKind, message: String) {
        let message = format!("law `{}`: {message}", self.law);
        self.issues.push(issue_at(kind, self.path, self.text, self.span.clone(), message));
    }

    fn unknown(&mut self, key: &str, what: &str, name: &str, known: &mut dyn Iterator<Item = &str>) {
        let hint = crate::check::suggest::suggestion(name, known);
        self.push(PackErrorKind::UnknownName, format!("`{key}` names no {what} `{name}`{hint}"));
    }
}

impl Law {
    fn compile(doc: &Spanned<LawDoc>, names: &Names, path: &str, text: &str) -> Result<Law, Vec<PackIssue>> {
        let d = doc.get_ref();
        let mut pr = Problems { law: &d.id, path, text, span: doc.span(), issues: Vec::new() };
        let g = &d.given;
        let indicators = |key: &str, ids: &[String], yes_no: bool, pr: &mut Problems| -> Vec<Named> {
            let mut out = Vec::new();
            for id in ids {
                match names.indicators.get(id) {
                    None => pr.unknown(key, "indicator", id, &mut names.indicators.keys().map(String::as_str)),
                    Some((kind, _)) if yes_no && *kind != IndicatorKind::Bool => pr.push(
                        PackErrorKind::Type,
                        format!("`{key}` sets `{id}`, which is not a yes/no indicator: laws set only yes/no indicators (let it vary with `present_only`)"),
                    ),
                    Some((kind, _)) => out.push(Named { id: id.clone(), kind: *kind }),
                }
            }
            out
        };
        let present = indicators("given.present", &g.present, true, &mut pr);
        let present_any = indicators("given.present_any", &g.present_any, true, &mut pr);
        let absent = indicators("given.absent", &g.absent, true, &mut pr);
        let not_present = indicators("given.not_present", &g.not_present, false, &mut pr);
        let unscored = indicators("then.unscored", &d.then.unscored, false, &mut pr);
        let present_only = g.present_only.as_ref().map(|ids| {
            indicators("given.present_only", ids, false, &mut pr).into_iter().map(|n| n.id).collect::<BTreeSet<_>>()
        });
        if let Some(only) = &present_only {
            for n in present.iter().chain(&present_any) {
                if !only.contains(&n.id) {
                    pr.push(
                        PackErrorKind::Conflict,
                        format!("`{}` must be present but is not in `given.present_only`", n.id),
                    );
                }
            }
        }
        for r in &g.reporter {
            if !names.roles.contains(r) {
                pr.unknown("given.reporter", "role", r, &mut names.roles.iter().map(String::as_str));
            }
        }
        for (key, ids) in [("then.no_duty", &d.then.no_duty), ("then.duty", &d.then.duty)] {
            for id in ids {
                if !names.obligations.contains(id) {
                    pr.unknown(key, "obligation", id, &mut names.obligations.iter().map(String::as_str));
                }
            }
        }
        let child = match g.subject.as_deref() {
            None => None,
            Some("child") => Some(true),
            Some("adult") => Some(false),
            Some(_) => {
                pr.push(PackErrorKind::InvalidValue, "`given.subject` is \"child\" or \"adult\"".into());
                None
            }
        };
        let age = g.age.map(|[lo, hi]| (lo, hi));
        if age.is_some_and(|(lo, hi)| lo > hi || hi > crate::case::MAX_AGE) {
            pr.push(PackErrorKind::InvalidValue, "`given.age` is [min, max] with min ≤ max".into());
        }
        let parse_all = |key: &str, items: &[String], pr: &mut Problems| -> Vec<Classification> {
            items
                .iter()
                .filter_map(|c| {
                    let parsed = Classification::parse(c);
                    if parsed.is_none() {
                        pr.push(PackErrorKind::InvalidValue, format!("`{key}`: `{c}` is not a classification"));
                    }
                    parsed
                })
                .collect()
        };
        let classification = parse_all("given.classification", &g.classification, &mut pr);
        let classification_not = parse_all("then.classification_not", &d.then.classification_not, &mut pr);
        let level_of = |s: &str, pr: &mut Problems| {
            let l = Level::parse(s);
            if l.is_none() {
                pr.push(PackErrorKind::InvalidValue, format!("`{s}` is not a level"));
            }
            l
        };
        let level: Vec<Level> = g.level.iter().filter_map(|l| level_of(l, &mut pr)).collect();
        let level_at_most = d.then.level_at_most.as_deref().and_then(|l| level_of(l, &mut pr));
        let mut variants: Vec<Vec<(String, String)>> = vec![Vec::new()];
        for (name, values) in &d.vary {
            if !names.local.contains(name) {
                pr.push(
                    PackErrorKind::UnknownName,
                    format!("`vary` names `{name}`, which is not a local_policy parameter"),
                );
                continue;
            }
            let mut texts: Vec<String> = Vec::new();
            for v in values {
                match v {
                    toml::Value::String(s) => texts.push(s.clone()),
                    toml::Value::Integer(i) => texts.push(i.to_string()),
                    toml::Value::Boolean(b) => texts.push(b.to_string()),
                    _ => pr.push(
                        PackErrorKind::InvalidValue,
                        format!("`vary.{name}`: give whole numbers, true/false or text (a decimal as a string)"),
                    ),
                }
            }
            variants = variants
                .into_iter()
                .flat_map(|base| {
                    let mut with: Vec<Vec<(String, String)>> = texts
                        .iter()
                        .map(|t| {
                            let mut v = base.clone();
                            v.push((name.clone(), t.clone()));
                            v
                        })
                        .collect();
                    if base.is_empty() {
                        with.insert(0, base);
                    }
                    with
                })
                .collect();
        }
        if variants.len() > MAX_VARIANTS {
            pr.push(
                PackErrorKind::Limit,
                format!("`vary` gives {} sets of values; at most {MAX_VARIANTS}", variants.len()),
            );
        }
        if !pr.issues.is_empty() {
            return Err(pr.issues);
        }
        Ok(Law {
            id: d.id.clone(),
            says: d.says.clone(),
            child,
            age,
            foreign: g.foreign,
            reporter: g.reporter.clone(),
            present,
            present_any,
            present_only,
            absent,
            not_present,
            classification,
            level,
            no_duty: d.then.no_duty.clone(),
            duty: d.then.duty.clone(),
            unscored,
            level_at_most,
            classification_not,
            variants,
        })
    }

    /// Whether the law reads the ranking of unknowns (a full assessment) or not (a fast one).
    fn options(&self) -> crate::Options {
        if self.unscored.is_empty() {
            crate::Options::fast()
        } else {
            crate::Options::default()
        }
    }

    /// Whether an assessed case is one the law is about.
    fn about(&self, case: &Case, a: &Assessment, protected: &BTreeSet<String>) -> bool {
        let value = |id: &str| case.observations.iter().find(|o| o.indicator == id).map(|o| &o.value);
        let yes = |id: &str| value(id) == Some(&ObservedValue::Bool(true));
        self.child.is_none_or(|c| a.subject.is_child == crate::Tri::from(c))
            && self.foreign.is_none_or(|f| a.subject.is_foreign == crate::Tri::from(f))
            && self.age.is_none_or(|(lo, hi)| case.subject.age.is_some_and(|x| lo <= x && x <= hi))
            && (self.reporter.is_empty() || case.reporter.as_ref().is_some_and(|r| self.reporter.contains(r)))
            && self.present.iter().all(|n| yes(&n.id))
            && (self.present_any.is_empty() || self.present_any.iter().any(|n| yes(&n.id)))
            && self.absent.iter().all(|n| value(&n.id) == Some(&ObservedValue::Bool(false)))
            && self.not_present.iter().all(|n| !yes(&n.id) && (n.kind == IndicatorKind::Bool || value(&n.id).is_none()))
            && self.present_only.as_ref().is_none_or(|only| {
                case.observations.iter().all(|o| {
                    only.contains(&o.indicator)
                        || protected.contains(&o.indicator)
                        || matches!(o.value, ObservedValue::Bool(false) | ObservedValue::Unknown(()))
                })
            })
            && (self.classification.is_empty() || self.classification.contains(&a.classification.value))
            && (self.level.is_empty() || self.level.contains(&a.level.value))
    }

    /// What the law says is wrong with an assessed case it is about, if anything.
    fn broken(&self, p: &Protocol, case: &Case, a: &Assessment, as_of: jiff::Timestamp) -> Option<String> {
        let status = |a: &Assessment, id: &str| a.obligations.iter().find(|o| &*o.id == id).map(|o| o.status);
        for id in &self.duty {
            match status(a, id) {
                None => return Some(format!("`{id}` does not arise")),
                Some(ObligationStatus::DependsOnUnknown) => {
                    return Some(format!("`{id}` only depends on unknown inputs"))
                }
                Some(_) => {}
            }
        }
        let arises = |a: &Assessment| {
            self.no_duty.iter().find_map(|id| match status(a, id) {
                Some(s) if s != ObligationStatus::DependsOnUnknown => Some((id.clone(), s)),
                _ => None,
            })
        };
        if let Some((id, s)) = arises(a) {
            return Some(format!("`{id}` arises ({})", s.as_str()));
        }
        if let Some(l) = self.level_at_most {
            if a.level.value > l {
                return Some(format!("the level is {}, above {}", a.level.value.as_str(), l.as_str()));
            }
        }
        if self.classification_not.contains(&a.classification.value) {
            return Some(format!("the classification is {}", a.classification.value.as_str()));
        }
        if !self.no_duty.is_empty() {
            // Once every unknown yes/no indicator is taken as absent, nothing may arise either.
            let closed = self.closed(p, case);
            if let Ok(b) = p.assess(&closed, as_of, &self.options()) {
                if let Some((id, s)) = arises(&b) {
                    return Some(format!(
                        "`{id}` arises ({}) once every unknown yes/no indicator is absent",
                        s.as_str()
                    ));
                }
            }
        }
        if !self.unscored.is_empty() {
            return self.scores(p, case, as_of);
        }
        None
    }

    /// `case` with every non-protected yes/no indicator it does not settle set absent.
    fn closed(&self, p: &Protocol, case: &Case) -> Case {
        let mut c = case.clone();
        for ind in p.indicators() {
            if ind.kind != IndicatorKind::Bool || ind.protected {
                continue;
            }
            match c.observations.iter_mut().find(|o| o.indicator == ind.id) {
                Some(o) if o.value == ObservedValue::Unknown(()) => o.value = ObservedValue::Bool(false),
                Some(_) => {}
                None => c.observations.push(observation(&ind.id, ObservedValue::Bool(false))),
            }
        }
        c
    }

    /// Whether an `unscored` indicator weighs in `case`: is asked next while unknown, or
    /// changes the score, level or classification (established or possible) once given.
    fn scores(&self, p: &Protocol, case: &Case, as_of: jiff::Timestamp) -> Option<String> {
        let mut unknown = case.clone();
        unknown.observations.retain(|o| !self.unscored.iter().any(|n| n.id == o.indicator));
        let base = p.assess(&unknown, as_of, &crate::Options::default()).ok()?;
        if let Some(n) = self.unscored.iter().find(|n| base.unknowns.iter().any(|u| *u.input == *n.id)) {
            return Some(format!("`{}` is among what to ask next", n.id));
        }
        for n in &self.unscored {
            let values: Vec<ObservedValue> = match n.kind {
                IndicatorKind::Count => vec![ObservedValue::Count(MANY), ObservedValue::Count(0)],
                IndicatorKind::Enum => p
                    .indicators()
                    .into_iter()
                    .find(|i| i.id == n.id)
                    .map(|i| i.values.into_iter().map(ObservedValue::Text).collect())
                    .unwrap_or_default(),
                _ => vec![ObservedValue::Bool(true), ObservedValue::Bool(false)],
            };
            for v in values {
                let shown = serde_json::to_string(&v).unwrap_or_default();
                let a = p.assess(&with(&unknown, &n.id, Some(v)), as_of, &crate::Options::fast()).ok()?;
                if a.score.value != base.score.value || a.score.possible != base.score.possible {
                    return Some(format!(
                        "`{}` = {shown} moves the score from {} to {}",
                        n.id, base.score.value, a.score.value
                    ));
                }
                if a.level.value != base.level.value || a.level.possible != base.level.possible {
                    return Some(format!("`{}` = {shown} moves the level", n.id));
                }
                if a.classification.value != base.classification.value
                    || a.classification.possible != base.classification.possible
                {
                    return Some(format!("`{}` = {shown} moves the classification", n.id));
                }
            }
        }
        None
    }
}

fn observation(id: &str, value: ObservedValue) -> crate::case::Observation {
    crate::case::Observation { indicator: id.to_owned(), value, observed_at: None, observed_by: None }
}

/// `case` with indicator `id` set to `value`, or not observed at all (`None`).
fn with(case: &Case, id: &str, value: Option<ObservedValue>) -> Case {
    let mut c = case.clone();
    c.observations.retain(|o| o.indicator != id);
    if let Some(v) = value {
        c.observations.push(observation(id, v));
    }
    c
}

/// The result of checking one law.
struct Verdict {
    matching: u32,
    /// What broke and the smallest case that breaks it (as JSON).
    broken: Option<(String, String)>,
}

#[cfg(feature = "synth")]
mod run {
    use super::*;
    use rand::seq::IndexedRandom;
    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    impl Law {
        /// Bends a generated case to the premise: the subject, the reporter and the
        /// indicators the law fixes.
        fn project(&self, mut case: Case, names: &Names, rng: &mut ChaCha8Rng) -> Case {
            let age = match (self.age, self.child) {
                (Some((lo, hi)), _) => Some(rng.random_range(lo..=hi)),
                (None, Some(true)) => Some(rng.random_range(0..18)),
                (None, Some(false)) => Some(rng.random_range(18..70)),
                (None, None) => None,
            };
            if let Some(age) = age {
                case.subject.age = Some(age);
                case.subject.birth_date = None;
                case.subject.age_range = None;
                case.subject.appears_minor = None;
            }
            match self.foreign {
                Some(true) => case.subject.citizenship = crate::synth::FOREIGN.choose(rng).map(|c| (*c).to_owned()),
                Some(false) => case.subject.citizenship = Some(names.jurisdiction.clone()),
                None => {}
            }
            if !self.reporter.is_empty() {
                case.reporter = self.reporter.choose(rng).cloned();
            }
            if let Some(only) = &self.present_only {
                let mut kept = Vec::new();
                for mut o in std::mem::take(&mut case.observations) {
                    let (kind, protected) =
                        names.indicators.get(&o.indicator).copied().unwrap_or((IndicatorKind::Bool, false));
                    if only.contains(&o.indicator) || protected {
                        kept.push(o);
                    } else if kind == IndicatorKind::Bool && rng.random_bool(0.5) {
                        o.value = ObservedValue::Bool(false);
                        kept.push(o);
                    }
                }
                case.observations = kept;
            }
            for n in &self.not_present {
                let present =
                    case.observations.iter().any(|o| o.indicator == n.id && o.value != ObservedValue::Bool(false));
                if present {
                    let value =
                        (n.kind == IndicatorKind::Bool && rng.random_bool(0.5)).then_some(ObservedValue::Bool(false));
                    case = with(&case, &n.id, value);
                }
            }
            for n in &self.absent {
                case = with(&case, &n.id, Some(ObservedValue::Bool(false)));
            }
            for n in &self.present {
                case = with(&case, &n.id, Some(ObservedValue::Bool(true)));
            }
            if let Some(n) = self.present_any.choose(rng) {
                case = with(&case, &n.id, Some(ObservedValue::Bool(true)));
            }
            case
        }

        fn check(&self, p: &Protocol, names: &Names, protected: &BTreeSet<String>, plan: &Plan) -> Verdict {
            let mut rng = ChaCha8Rng::seed_from_u64(plan.seed ^ fnv(&self.id));
            let options = self.options();
            let mut matching = 0;
            for case in crate::synth::Explorer::new(p, plan.seed ^ fnv(&self.id), plan.as_of).take(plan.cases as usize)
            {
                let case = self.project(case, names, &mut rng);
                let Ok(a) = p.assess(&case, plan.as_of, &options) else { continue };
                if !self.about(&case, &a, protected) {
                    continue;
                }
                matching += 1;
                if self.broken(p, &case, &a, plan.as_of).is_some() {
                    let (small, why) = self.shrink(p, case, protected, plan.as_of);
                    return Verdict { matching, broken: Some((why, small.to_json())) };
                }
            }
            Verdict { matching, broken: None }
        }

        /// What breaks the law in `case`, if the law is about it at all.
        fn breaks(
            &self,
            p: &Protocol,
            case: &Case,
            protected: &BTreeSet<String>,
            as_of: jiff::Timestamp,
        ) -> Option<String> {
            let a = p.assess(case, as_of, &self.options()).ok()?;
            if !self.about(case, &a, protected) {
                return None;
            }
            self.broken(p, case, &a, as_of)
        }

        /// Removes one part of the case after another while the law still breaks.
        fn shrink(
            &self,
            p: &Protocol,
            mut case: Case,
            protected: &BTreeSet<String>,
            as_of: jiff::Timestamp,
        ) -> (Case, String) {
            let mut why = self.breaks(p, &case, protected, as_of).unwrap_or_default();
            loop {
                let mut smaller = None;
                for candidate in parts_removed(&case) {
                    if let Some(w) = self.breaks(p, &candidate, protected, as_of) {
                        smaller = Some((candidate, w));
                        break;
                    }
                }
                match smaller {
                    Some((c, w)) => {
                        case = c;
                        why = w;
                    }
                    None => return (case, why),
                }
            }
        }
    }

    /// Every case with one part less: an observation, an event, a consent, the override,
    /// or an optional field of the subject.
    fn parts_removed(case: &Case) -> Vec<Case> {
        let mut out = Vec::new();
        for i in 0..case.observations.len() {
            let mut c = case.clone();
            c.observations.remove(i);
            out.push(c);
        }
        for i in 0..case.events.len() {
            let mut c = case.clone();
            c.events.remove(i);
            out.push(c);
        }
        for i in 0..case.consents.len() {
            let mut c = case.clone();
            c.consents.remove(i);
            out.push(c);
        }
        if case.discretionary_override.is_some() {
            out.push(Case { discretionary_override: None, ..case.clone() });
        }
        let s = &case.subject;
        let subjects = [
            s.sex.is_some().then(|| crate::case::Subject { sex: None, ..s.clone() }),
            s.appears_minor.is_some().then(|| crate::case::Subject { appears_minor: None, ..s.clone() }),
            s.citizenship.is_some().then(|| crate::case::Subject { citizenship: None, ..s.clone() }),
        ];
        out.extend(subjects.into_iter().flatten().map(|subject| Case { subject, ..case.clone() }));
        out
    }

    /// A stable 64-bit hash of a law id, so that each law draws its own cases.
    fn fnv(s: &str) -> u64 {
        s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
    }

    pub(super) fn verdict(
        law: &Law,
        p: &Protocol,
        names: &Names,
        protected: &BTreeSet<String>,
        plan: &Plan,
    ) -> Verdict {
        law.check(p, names, protected, plan)
    }
}

/// How the laws of one file are checked.
struct Plan {
    cases: u32,
    seed: u64,
    as_of: jiff::Timestamp,
    min_matching: u32,
}

/// Checks the laws of one test file. Names a law uses that the pack does not have, and a
/// malformed `[generate]`, are pack errors located in the file.
pub(crate) fn run_laws(
    protocol: &Protocol,
    path: &str,
    text: &str,
    generate: Option<&Spanned<GenerateDoc>>,
    laws: &[Spanned<LawDoc>],
) -> Result<Vec<TestOutcome>, Vec<PackIssue>> {
    if laws.is_empty() {
        return Ok(Vec::new());
    }
    let names = Names::of(protocol);
    let mut issues = Vec::new();
    let mut compiled = Vec::new();
    let mut ids = BTreeSet::new();
    for doc in laws {
        if !ids.insert(doc.get_ref().id.clone()) {
            let message = format!("law `{}` is defined twice", doc.get_ref().id);
            issues.push(issue_at(PackErrorKind::Duplicate, path, text, doc.span(), message));
            continue;
        }
        match Law::compile(doc, &names, path, text) {
            Ok(l) => compiled.push(l),
            Err(mut e) => issues.append(&mut e),
        }
    }
    let g = generate.map(Spanned::get_ref);
    let as_of = match g.and_then(|g| g.as_of.as_deref()).map(crate::parse_as_of) {
        Some(Ok(t)) => Some(t),
        found => {
            let span = generate.map_or(0..0, Spanned::span);
            let why = if found.is_some() { "is not an RFC 3339 time with an offset" } else { "is missing" };
            issues.push(issue_at(
                PackErrorKind::Schema,
                path,
                text,
                span,
                format!("`[generate] as_of` {why}: laws need it"),
            ));
            None
        }
    };
    if !issues.is_empty() {
        return Err(issues);
    }
    let plan = Plan {
        cases: g.and_then(|g| g.cases).unwrap_or(DEFAULT_CASES),
        seed: g.and_then(|g| g.seed).unwrap_or(1),
        as_of: as_of.unwrap_or_else(jiff::Timestamp::now),
        min_matching: g.and_then(|g| g.min_matching).unwrap_or(DEFAULT_MIN_MATCHING),
    };
    let protected: BTreeSet<String> =
        names.indicators.iter().filter(|(_, (_, p))| *p).map(|(id, _)| id.clone()).collect();
    let mut out = Vec::new();
    for law in &compiled {
        let mut failures = Vec::new();
        for values in &law.variants {
            let mut p = protocol.clone();
            for (name, value) in values {
                match p.with_local_parameter(name, value) {
                    Ok(q) => p = q,
                    Err(e) => failures.push(format!("`vary`: {e}")),
                }
            }
            if !failures.is_empty() {
                break;
            }
            let under = if values.is_empty() {
                "with the pack's own values".to_owned()
            } else {
                format!("with {}", values.iter().map(|(n, v)| format!("{n} = {v}")).collect::<Vec<_>>().join(", "))
            };
            let v = verdict(law, &p, &names, &protected, &plan);
            if let Some((why, case)) = v.broken {
                failures.push(format!("broken {under}: {why}"));
                if !case.is_empty() {
                    failures.push(format!("smallest case: {case}"));
                }
                break;
            }
            if v.matching < plan.min_matching {
                failures.push(format!(
                    "only {} of {} generated cases meet the premise {under} (at least {} must): widen `given` or raise `[generate] cases`",
                    v.matching, plan.cases, plan.min_matching
                ));
                break;
            }
        }
        out.push(TestOutcome { file: path.to_owned(), name: format!("law {}: {}", law.id, law.says), failures });
    }
    Ok(out)
}

#[cfg(feature = "synth")]
fn verdict(law: &Law, p: &Protocol, names: &Names, protected: &BTreeSet<String>, plan: &Plan) -> Verdict {
    run::verdict(law, p, names, protected, plan)
}

/// Without the generator there is nothing to check a law on: say so rather than pass.
#[cfg(not(feature = "synth"))]
fn verdict(_: &Law, _: &Protocol, _: &Names, _: &BTreeSet<String>, _: &Plan) -> Verdict {
    let why = "laws are checked on generated cases: build with the `synth` feature";
    Verdict { matching: 0, broken: Some((why.into(), String::new())) }
}
