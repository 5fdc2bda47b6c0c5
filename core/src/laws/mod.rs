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

mod law;
#[cfg(feature = "synth")]
mod run;

use law::*;

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
