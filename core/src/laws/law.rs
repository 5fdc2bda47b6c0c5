//! A law checked against the pack's names (`Law::compile`), with the names a law may use
//! and the verdict of checking one.

use super::*;

/// An indicator a law names, with its type.
#[derive(Clone, Debug)]
pub(super) struct Named {
    pub(super) id: String,
    pub(super) kind: IndicatorKind,
}

/// A law checked against a protocol's names.
#[derive(Debug)]
pub(super) struct Law {
    pub(super) id: String,
    pub(super) says: String,
    pub(super) child: Option<bool>,
    pub(super) age: Option<(u32, u32)>,
    pub(super) foreign: Option<bool>,
    pub(super) reporter: Vec<String>,
    pub(super) present: Vec<Named>,
    pub(super) present_any: Vec<Named>,
    pub(super) present_only: Option<BTreeSet<String>>,
    pub(super) absent: Vec<Named>,
    pub(super) not_present: Vec<Named>,
    pub(super) classification: Vec<Classification>,
    pub(super) level: Vec<Level>,
    pub(super) no_duty: Vec<String>,
    pub(super) duty: Vec<String>,
    pub(super) unscored: Vec<Named>,
    pub(super) level_at_most: Option<Level>,
    pub(super) classification_not: Vec<Classification>,
    /// Each set of `local_policy` values to check under; the first is the pack's own.
    pub(super) variants: Vec<Vec<(String, String)>>,
}

/// The names a law may use, from the protocol.
pub(super) struct Names {
    /// The pack's own jurisdiction: its citizens are not foreign.
    pub(super) jurisdiction: String,
    pub(super) indicators: BTreeMap<String, (IndicatorKind, bool)>,
    pub(super) obligations: BTreeSet<String>,
    pub(super) roles: BTreeSet<String>,
    pub(super) local: BTreeSet<String>,
}

impl Names {
    pub(super) fn of(p: &Protocol) -> Names {
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
pub(super) struct Problems<'a> {
    pub(super) law: &'a str,
    pub(super) path: &'a str,
    pub(super) text: &'a str,
    pub(super) span: std::ops::Range<usize>,
    pub(super) issues: Vec<PackIssue>,
}

impl Problems<'_> {
    pub(super) fn push(&mut self, kind: PackErrorKind, message: String) {
        let message = format!("law `{}`: {message}", self.law);
        self.issues.push(issue_at(kind, self.path, self.text, self.span.clone(), message));
    }

    pub(super) fn unknown(&mut self, key: &str, what: &str, name: &str, known: &mut dyn Iterator<Item = &str>) {
        let hint = crate::check::suggest::suggestion(name, known);
        self.push(PackErrorKind::UnknownName, format!("`{key}` names no {what} `{name}`{hint}"));
    }
}

impl Law {
    pub(super) fn compile(doc: &Spanned<LawDoc>, names: &Names, path: &str, text: &str) -> Result<Law, Vec<PackIssue>> {
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
    pub(super) fn options(&self) -> crate::Options {
        if self.unscored.is_empty() {
            crate::Options::fast()
        } else {
            crate::Options::default()
        }
    }

    /// Whether an assessed case is one the law is about.
    pub(super) fn about(&self, case: &Case, a: &Assessment, protected: &BTreeSet<String>) -> bool {
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
    pub(super) fn broken(&self, p: &Protocol, case: &Case, a: &Assessment, as_of: jiff::Timestamp) -> Option<String> {
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
    pub(super) fn closed(&self, p: &Protocol, case: &Case) -> Case {
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
    pub(super) fn scores(&self, p: &Protocol, case: &Case, as_of: jiff::Timestamp) -> Option<String> {
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

pub(super) fn observation(id: &str, value: ObservedValue) -> crate::case::Observation {
    crate::case::Observation { indicator: id.to_owned(), value, observed_at: None, observed_by: None }
}

/// `case` with indicator `id` set to `value`, or not observed at all (`None`).
pub(super) fn with(case: &Case, id: &str, value: Option<ObservedValue>) -> Case {
    let mut c = case.clone();
    c.observations.retain(|o| o.indicator != id);
    if let Some(v) = value {
        c.observations.push(observation(id, v));
    }
    c
}

/// The result of checking one law.
pub(super) struct Verdict {
    pub(super) matching: u32,
    /// What broke and the smallest case that breaks it (as JSON).
    pub(super) broken: Option<(String, String)>,
}
