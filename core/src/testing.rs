//! Pack test cases: named cases with an `as_of` and the outcome a pack author expects,
//! kept beside the pack and run by `putokaz test` and by `cargo test`. A test file may
//! also state laws (`[[laws]]`, checked on generated cases: see [`crate::laws`]).

use crate::error::{PackError, PackErrorKind};
use crate::pack::{issue_at, PackSource};
use crate::{assess, parse_as_of, Assessment, Case, Error, Options, Protocol};
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TestFile {
    #[serde(default)]
    tests: Vec<Spanned<TestDoc>>,
    #[serde(default)]
    generate: Option<Spanned<crate::laws::GenerateDoc>>,
    #[serde(default)]
    laws: Vec<Spanned<crate::laws::LawDoc>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TestDoc {
    name: String,
    as_of: String,
    /// A path (relative to the test file) or an inline table.
    case: toml::Value,
    #[serde(default)]
    lang: Option<String>,
    /// `local_policy` parameters set for this test, as `--set` would (name → value).
    #[serde(default)]
    set: BTreeMap<String, String>,
    expect: Expect,
}

/// What a test expects. Every key is optional; each one given must match.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    level: Option<String>,
    classification: Option<String>,
    score: Option<String>,
    child_basis: Option<String>,
    is_child: Option<String>,
    level_settled: Option<bool>,
    #[serde(default)]
    obligations: BTreeMap<String, String>,
    #[serde(default)]
    absent_obligations: Vec<String>,
    /// Obligations that must be listed as would-apply-if-recorded (`could_arise`).
    #[serde(default)]
    could_arise: Vec<String>,
    /// Per obligation: the unknown exceptions it must list as other forms, in order.
    #[serde(default)]
    forms_possible: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    recipients: BTreeMap<String, String>,
    #[serde(default)]
    actors: BTreeMap<String, String>,
    #[serde(default)]
    providers: BTreeMap<String, String>,
    #[serde(default)]
    due: BTreeMap<String, String>,
    #[serde(default)]
    warnings: Vec<String>,
    #[serde(default)]
    relied_on: Vec<String>,
    first_unknown: Option<String>,
    /// Inputs that must not be among the unknowns to ask next.
    #[serde(default)]
    not_asked: Vec<String>,
    /// The error kind the case must fail with (`case.unknown_municipality`, ...).
    error: Option<String>,
}

/// The result of one pack test.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TestOutcome {
    /// The test file.
    pub file: String,
    /// The test's name.
    pub name: String,
    /// Empty when the test passed.
    pub failures: Vec<String>,
}

impl TestOutcome {
    /// Whether every expectation held.
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

/// What of a test file to run.
#[derive(Clone, Copy)]
enum Select<'a> {
    Everything,
    /// Only the laws with these ids (every law when empty), no test cases.
    Laws(&'a [&'a str]),
}

/// Runs every test case and checks every law of the test files the pack lists. `source`
/// reads files relative to the pack (the same source the pack was loaded from).
pub fn run_pack_tests(protocol: &Protocol, source: &dyn PackSource) -> Result<Vec<TestOutcome>, PackError> {
    run(protocol, source, Select::Everything)
}

/// Checks only the pack's laws: those named in `ids`, or all of them when it is empty.
/// For a pack author trying a change against the laws alone, and for showing that a law
/// catches a deliberately broken copy of a pack.
pub fn run_pack_laws(
    protocol: &Protocol,
    source: &dyn PackSource,
    ids: &[&str],
) -> Result<Vec<TestOutcome>, PackError> {
    run(protocol, source, Select::Laws(ids))
}

fn run(protocol: &Protocol, source: &dyn PackSource, select: Select<'_>) -> Result<Vec<TestOutcome>, PackError> {
    let mut out = Vec::new();
    for path in protocol.test_files() {
        let text = source.read(path).map_err(|why| {
            PackError::one(PackErrorKind::MissingFile, None, format!("cannot read test file `{path}`: {why}"))
        })?;
        let file: TestFile = toml::from_str(&text).map_err(|e| PackError {
            issues: vec![issue_at(
                PackErrorKind::Schema,
                path,
                &text,
                e.span().unwrap_or(0..0),
                e.message().to_owned(),
            )],
        })?;
        let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
        let laws: Vec<Spanned<crate::laws::LawDoc>> = match select {
            Select::Everything => file.laws,
            Select::Laws(ids) => {
                file.laws.into_iter().filter(|l| ids.is_empty() || ids.contains(&l.get_ref().id())).collect()
            }
        };
        if matches!(select, Select::Everything) {
            for t in &file.tests {
                let t = t.get_ref();
                let failures = match load_case(&t.case, dir, source) {
                    Ok(case_json) => run_one(protocol, t, &case_json),
                    Err(why) => vec![why],
                };
                out.push(TestOutcome { file: path.clone(), name: t.name.clone(), failures });
            }
        }
        let checked = crate::laws::run_laws(protocol, path, &text, file.generate.as_ref(), &laws)
            .map_err(|issues| PackError { issues })?;
        out.extend(checked);
    }
    Ok(out)
}

fn load_case(value: &toml::Value, dir: &str, source: &dyn PackSource) -> Result<String, String> {
    match value {
        toml::Value::String(path) => {
            let full = crate::pack::join(dir, path).ok_or_else(|| format!("case path `{path}` leaves the pack"))?;
            source.read(&full).map_err(|why| format!("cannot read case `{path}`: {why}"))
        }
        toml::Value::Table(_) => Ok(to_json(value).to_string()),
        _ => Err("`case` must be a path or a table".into()),
    }
}

fn to_json(v: &toml::Value) -> serde_json::Value {
    match v {
        toml::Value::String(s) => serde_json::Value::String(s.clone()),
        toml::Value::Integer(i) => serde_json::Value::from(*i),
        toml::Value::Float(f) => {
            serde_json::Number::from_f64(*f).map_or(serde_json::Value::Null, serde_json::Value::Number)
        }
        toml::Value::Boolean(b) => serde_json::Value::Bool(*b),
        toml::Value::Datetime(d) => serde_json::Value::String(d.to_string()),
        toml::Value::Array(a) => serde_json::Value::Array(a.iter().map(to_json).collect()),
        toml::Value::Table(t) => serde_json::Value::Object(t.iter().map(|(k, v)| (k.clone(), to_json(v))).collect()),
    }
}

fn run_one(protocol: &Protocol, t: &TestDoc, case_json: &str) -> Vec<String> {
    let mut options = Options::default();
    if let Some(code) = &t.lang {
        match crate::model::Language::parse(code) {
            Some(lang) => options = options.language(lang),
            None => {
                return vec![format!(
                    "`lang = \"{code}\"` is not a language the engine writes (bs, hr, sr-Latn, sr-Cyrl, en)"
                )]
            }
        }
    }
    let mut protocol = protocol.clone();
    for (name, value) in &t.set {
        match protocol.with_local_parameter(name, value) {
            Ok(p) => protocol = p,
            Err(e) => return vec![format!("`set`: {e}")],
        }
    }
    let result: Result<Assessment, Error> = parse_as_of(&t.as_of).and_then(|as_of| {
        Case::from_json(case_json).map_err(Error::from).and_then(|c| assess(&protocol, &c, as_of, &options))
    });
    let e = &t.expect;
    match (result, &e.error) {
        (Err(err), Some(kind)) if err.kind() == *kind => Vec::new(),
        (Err(err), Some(kind)) => vec![format!("expected error {kind}, got {}: {err}", err.kind())],
        (Err(err), None) => vec![format!("unexpected error {}: {err}", err.kind())],
        (Ok(_), Some(kind)) => vec![format!("expected error {kind}, but the case was assessed")],
        (Ok(a), None) => compare(&a, e),
    }
}

fn compare(a: &Assessment, e: &Expect) -> Vec<String> {
    let mut f = Vec::new();
    let mut check = |what: &str, want: &Option<String>, got: String| {
        if let Some(w) = want {
            if *w != got {
                f.push(format!("{what}: expected {w}, got {got}"));
            }
        }
    };
    check("level", &e.level, a.level.value.as_str().to_owned());
    check("classification", &e.classification, a.classification.value.as_str().to_owned());
    check("score", &e.score, a.score.value.to_string());
    check("child_basis", &e.child_basis, json_name(&a.subject.child_basis));
    check("is_child", &e.is_child, json_name(&a.subject.is_child));
    check("first_unknown", &e.first_unknown, a.unknowns.first().map_or_else(|| "none".into(), |u| u.input.to_string()));
    if let Some(s) = e.level_settled {
        if a.level.settled != s {
            f.push(format!("level settled: expected {s}, got {}", a.level.settled));
        }
    }
    for (id, status) in &e.obligations {
        match a.obligations.iter().find(|o| *o.id == **id) {
            Some(o) if o.status.as_str() == status => {}
            Some(o) => f.push(format!("obligation {id}: expected {status}, got {}", o.status.as_str())),
            None => f.push(format!("obligation {id}: expected {status}, but it does not apply")),
        }
    }
    for id in &e.absent_obligations {
        if a.obligations.iter().any(|o| *o.id == **id) {
            f.push(format!("obligation {id}: expected not to apply"));
        }
    }
    for id in &e.could_arise {
        if !a.could_arise.iter().any(|x| *x.obligation == **id) {
            f.push(format!("obligation {id}: expected it to be listed as could arise if recorded"));
        }
    }
    for (id, want) in &e.forms_possible {
        let got: Option<Vec<&str>> = a
            .obligations
            .iter()
            .find(|o| *o.id == **id)
            .map(|o| o.forms_possible.iter().map(|x| &*x.exception).collect());
        if got.as_deref() != Some(&want.iter().map(String::as_str).collect::<Vec<_>>()[..]) {
            f.push(format!("obligation {id}: expected other forms {want:?}, got {got:?}"));
        }
    }
    for (id, inst) in &e.recipients {
        let got = a.obligations.iter().find(|o| *o.id == **id).and_then(|o| o.recipient.institution.clone());
        if got.as_deref() != Some(inst.as_str()) {
            f.push(format!("obligation {id}: expected recipient {inst}, got {got:?}"));
        }
    }
    for (id, inst) in &e.actors {
        let got = a.obligations.iter().find(|o| *o.id == **id).and_then(|o| o.actor.institution.clone());
        if got.as_deref() != Some(inst.as_str()) {
            f.push(format!("obligation {id}: expected actor {inst}, got {got:?}"));
        }
    }
    for (id, inst) in &e.providers {
        let got = a.obligations.iter().find(|o| *o.id == **id).and_then(|o| o.provider.as_ref()?.institution.clone());
        if got.as_deref() != Some(inst.as_str()) {
            f.push(format!("obligation {id}: expected provider {inst}, got {got:?}"));
        }
    }
    for input in &e.not_asked {
        if a.unknowns.iter().any(|u| *u.input == **input) {
            f.push(format!("expected {input} not to be asked next"));
        }
    }
    for (id, due) in &e.due {
        let got = a.obligations.iter().find(|o| *o.id == **id).and_then(|o| o.due);
        if got.map(|t| t.to_string()).as_deref() != Some(due.as_str()) {
            f.push(format!("obligation {id}: expected due {due}, got {got:?}"));
        }
    }
    for code in &e.warnings {
        if !a.warnings.iter().any(|w| w.code.as_str() == code) {
            f.push(format!("expected warning {code}"));
        }
    }
    for id in &e.relied_on {
        if !a.relied_on.iter().any(|r| *r.id == **id) {
            f.push(format!("expected to rely on {id}"));
        }
    }
    f
}

fn json_name<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}
