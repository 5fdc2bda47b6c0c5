//! Pack text → [`Checked`] protocol. Every name is resolved, every condition type-checked,
//! every reference followed; problems are collected (not just the first) and each points
//! at its file, line and column.
//!
//! The work runs in this order, one module per concern:
//!
//! - [`merge`]: the files' documents into one, refusing what is set twice;
//! - [`meta`]: `[pack]`, sources and parameters;
//! - [`names`]: every id, and the scopes that say which names each kind of condition reads;
//! - [`catalogue`]: dimensions, profiles, indicators and the graded items;
//! - [`rules`]: facts, the dimension rule, the age gate, scoring, overrides and the
//!   classification table;
//! - [`obligations`]: roles, event kinds, consent scopes, obligations and their exceptions;
//! - [`calendars`]: holiday calendars and the routing table;
//! - [`laws`]: the pack-level laws of DESIGN.md — a protected attribute may route a case,
//!   never weigh in it, and what it reaches is followed along every path;
//! - [`overlap`]: hit policies — rules of a `unique` table, profiles and exceptions that
//!   can hold at once, and rules that can never fire;
//! - [`order`] (dependency order, cycles, chain depth) and [`suggest`] ("did you mean")
//!   serve the others.
//!
//! The [`Checked`] model is assembled once, at the end, from what the parts returned.

mod calendars;
mod catalogue;
mod laws;
mod merge;
mod meta;
mod names;
mod obligations;
mod order;
mod overlap;
mod rules;
pub(crate) mod suggest;

use crate::error::{PackError, PackErrorKind, PackIssue};
use crate::expr::compile::{compile as compile_expr, ErrorKind, Resolve, Type};
use crate::expr::{parse, Expr};
use crate::model::{Labels, Provenance};
use crate::pack::doc::{PackDoc, ProvDoc, Text};
use crate::pack::{issue, issue_at, parse_toml, value_offset, PackFiles};
use crate::protocol::Checked;
use crate::time::parse_date;
use rust_decimal::Decimal;
use rustc_hash::FxHashMap as HashMap;
use std::str::FromStr;
use suggest::suggestion;

/// A byte range in one pack file.
type Span = std::ops::Range<usize>;

/// Where a compiled rule was written: its file, its id and its condition.
#[derive(Clone, Debug)]
struct At {
    file: usize,
    id: Span,
    when: Span,
}

/// Checks a gathered pack. On success the model also carries the warnings (missing
/// labels, unreachable rules).
pub(crate) fn check(files: PackFiles) -> Result<Checked, PackError> {
    let docs = parse_files(&files)?;
    let mut ck = Checker { files: &files, issues: Vec::new(), warnings: Vec::new(), languages: Vec::new() };
    let m = merge::merge(&mut ck, docs);
    let Some((meta_file, meta_doc)) = &m.pack else {
        ck.err_anywhere(PackErrorKind::Schema, "pack.toml has no `[pack]` table");
        return Err(PackError { issues: ck.issues });
    };
    let meta = meta::meta(&mut ck, *meta_file, meta_doc.get_ref());
    let (sources, source_ids) = meta::sources(&mut ck, &m);
    let params = meta::parameters(&mut ck, &m, meta.as_ref(), &source_ids);
    let roles = obligations::roles(&mut ck, &m, &source_ids);
    let names = names::Names::collect(&mut ck, &m, source_ids, &params, &roles);

    let catalogue = catalogue::check(&mut ck, &m, &names);
    let coverage = catalogue::coverage(&mut ck, &m, &names);
    let facts = rules::facts(&mut ck, &m, &names);
    let combination = rules::combination(&mut ck, &m, &names);
    let age = rules::age(&mut ck, &m, &names);
    let scoring = rules::scoring(&mut ck, &m, &names);
    let overrides = rules::overrides(&mut ck, &m, &names);
    let classification = rules::classification(&mut ck, &m, &names);
    let event_kinds = obligations::kinds(&mut ck, &m.event_kinds, "event kind");
    let consent_scopes = obligations::kinds(&mut ck, &m.consent_scopes, "consent scope");
    let obligations = obligations::obligations(&mut ck, &m, &names, &params, meta.as_ref());
    let calendars = calendars::calendars(&mut ck, &m, &names);
    let routing = calendars::routing(&mut ck, &m, &names, &roles, &calendars);

    let rules = Rules {
        names: &names,
        catalogue: &catalogue,
        facts: &facts,
        scoring: scoring.as_ref(),
        overrides: &overrides,
        classification: &classification,
        obligations: &obligations,
    };
    laws::protected(&mut ck, &rules);
    overlap::check(&mut ck, &rules);

    let Checker { issues, warnings, .. } = ck;
    let complete = (meta, combination, age, scoring);
    let (Some(meta), Some(combination), Some(age), Some((scoring, _))) = complete else {
        let issues = if issues.is_empty() {
            vec![issue(PackErrorKind::Schema, None, "the pack is incomplete".into())]
        } else {
            issues
        };
        return Err(PackError { issues });
    };
    if !issues.is_empty() {
        return Err(PackError { issues });
    }
    let names::Names { indicators: indicator_index, params: param_index, .. } = names;
    Ok(Checked {
        meta,
        digest: files.digest(),
        files,
        sources,
        params,
        param_index,
        dimensions: catalogue.dimensions,
        profiles: catalogue.profiles,
        indicators: catalogue.indicators,
        indicator_index,
        items: catalogue.items,
        facts: facts.facts,
        fact_order: facts.order,
        combination,
        age,
        scoring,
        overrides: overrides.0,
        classification: classification.rules,
        roles,
        event_kinds,
        consent_scopes,
        obligations: obligations.obligations,
        routing,
        calendars,
        coverage,
        warnings,
    })
}

/// The compiled rules with where each is written: what the pack-level checks (the laws
/// and the hit policies) read.
struct Rules<'a> {
    names: &'a names::Names,
    catalogue: &'a catalogue::Catalogue,
    facts: &'a rules::Facts,
    scoring: Option<&'a (crate::protocol::Scoring, Vec<At>)>,
    overrides: &'a (Vec<crate::protocol::Rule<crate::model::Level>>, Vec<At>),
    classification: &'a rules::Table,
    obligations: &'a obligations::Duties,
}

/// Parses every TOML file; a pack whose text cannot be read as TOML is not checked
/// further.
fn parse_files(files: &PackFiles) -> Result<Vec<(usize, PackDoc)>, PackError> {
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
    if issues.is_empty() {
        Ok(docs)
    } else {
        Err(PackError { issues })
    }
}

/// An id that conditions can name: `[a-z][a-z0-9_]*`.
fn valid_id(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some('a'..='z')) && chars.all(|c| matches!(c, 'a'..='z' | '0'..='9' | '_'))
}

/// A source id, a citation rather than a name in conditions: hyphens are allowed.
fn valid_source_id(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some('a'..='z' | '0'..='9')) && chars.all(|c| matches!(c, 'a'..='z' | '0'..='9' | '_' | '-'))
}

/// What every part of the checker reports through: the files (for locations), the
/// problems and warnings found so far, and the pack's languages (for labels).
struct Checker<'a> {
    files: &'a PackFiles,
    issues: Vec<PackIssue>,
    warnings: Vec<PackIssue>,
    languages: Vec<String>,
}

impl<'a> Checker<'a> {
    fn text(&self, file: usize) -> (&'a str, &'a str) {
        let (p, t) = &self.files.files[file];
        (p.as_str(), t.as_str())
    }

    fn err(&mut self, kind: PackErrorKind, file: usize, span: Span, message: impl Into<String>) {
        let (path, text) = self.text(file);
        self.issues.push(issue_at(kind, path, text, span, message.into()));
    }

    /// A problem that has no one place in the files.
    fn err_anywhere(&mut self, kind: PackErrorKind, message: impl Into<String>) {
        self.issues.push(issue(kind, None, message.into()));
    }

    fn warn(&mut self, kind: PackErrorKind, file: usize, span: Span, message: impl Into<String>) {
        let (path, text) = self.text(file);
        self.warnings.push(issue_at(kind, path, text, span, message.into()));
    }

    /// Warns about every language of the pack that `labels` lacks.
    fn labels(&mut self, file: usize, span: Span, what: &str, labels: &Labels) {
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
        // The Cyrillic label is written from the Latin one, never by hand; a label that
        // differs was edited on one side only.
        if let (Some(latin), Some(cyrillic)) = (labels.get("sr-Latn"), labels.get("sr-Cyrl")) {
            let expected = crate::translit::latin_to_cyrillic(latin);
            if *cyrillic != expected {
                self.warn(
                    PackErrorKind::InvalidValue,
                    file,
                    span,
                    format!("the `sr-Cyrl` label of {what} is not the transliteration of its `sr-Latn` label (`{expected}`; `putokaz translit` writes it)"),
                );
            }
        }
    }

    /// Checks the sources a rule cites; `span` is the rule's (provenance is flattened
    /// into the rule, so it has no position of its own).
    /// A historical source is warned about when a `verified` item cites it, and when the
    /// item does not also cite the source that superseded it.
    fn prov(&mut self, file: usize, span: Span, doc: &ProvDoc, sources: &meta::SourceIndex) -> Provenance {
        let cited = doc.source.ids();
        for id in &cited {
            if !sources.contains(id) {
                let hint = suggestion(id, sources.ids());
                self.err(PackErrorKind::UnknownName, file, span.clone(), format!("no source `{id}`{hint}"));
            }
            let Some(successor) = sources.historical(id) else { continue };
            if doc.status == crate::model::SourceStatus::Verified {
                self.warn(
                    PackErrorKind::VerifiedCitesHistorical,
                    file,
                    span.clone(),
                    format!("a `verified` item cites the historical source `{id}`: cite the text in force, or lower its status"),
                );
            }
            if let Some(next) = successor.filter(|next| !cited.iter().any(|c| c.as_str() == *next)) {
                self.warn(
                    PackErrorKind::HistoricalWithoutSuccessor,
                    file,
                    span.clone(),
                    format!("cites the historical source `{id}` without `{next}`, which superseded it"),
                );
            }
        }
        Provenance {
            source: doc.source.ids().into_iter().cloned().collect(),
            status: doc.status,
            citation: doc.citation.clone(),
        }
    }

    /// Registers ids in order, reporting duplicates and malformed ids.
    fn ids<'d>(&mut self, what: &str, items: impl Iterator<Item = (usize, &'d Text)>) -> HashMap<String, u32> {
        let mut map = HashMap::default();
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

    /// Parses and type-checks one condition, located inside its TOML string.
    fn condition(&mut self, file: usize, text: &Text, want: Type, names: &dyn Resolve) -> Option<Expr> {
        let (path, src) = self.text(file);
        let located = |start: usize, end: usize| {
            let s = value_offset(src, text.span(), start);
            let e = value_offset(src, text.span(), end).max(s + 1);
            s..e
        };
        let (kind, span, message) = match parse::parse(text.get_ref()) {
            Err(e) => (PackErrorKind::Syntax, e.span, e.message),
            Ok(ast) => match compile_expr(&ast, want, names) {
                Ok(expr) => return Some(expr),
                Err(e) => {
                    let kind = match e.kind {
                        ErrorKind::UnknownName | ErrorKind::UnknownFunction => PackErrorKind::UnknownName,
                        ErrorKind::Type | ErrorKind::Arity | ErrorKind::NotAllowed => PackErrorKind::Type,
                    };
                    (kind, e.span, e.message)
                }
            },
        };
        self.issues.push(issue_at(kind, path, src, located(span.start, span.end), message));
        None
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
}
