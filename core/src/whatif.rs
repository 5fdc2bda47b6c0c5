//! Analysis over many assessments: what a new protocol version would change, how fragile
//! one decision is, what a local threshold does to a case set, and whether outcomes
//! differ across groups. Each tool only calls [`Protocol::screen`] and
//! [`Protocol::assess`]; none adds domain logic.

use crate::assessment::{Assessment, ObligationStatus, TraceEntry};
use crate::case::{Case, Observation, ObservedValue};
use crate::error::Error;
use crate::model::{Classification, Level};
use crate::protocol::{IndicatorKind, Protocol};
use crate::screen::Screening;
use crate::Options;
use jiff::Timestamp;
use serde::Serialize;
use std::collections::BTreeMap;

// ---------------------------------------------------------------------------
// Protocol diff
// ---------------------------------------------------------------------------

/// How one case fares under two protocols.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CaseDiff {
    /// The case's id.
    pub case_id: String,
    /// The established level under the first protocol and under the second.
    pub level: (Level, Level),
    /// The established classification under each.
    pub classification: (Classification, Classification),
    /// Obligations whose status differs, as (id, status under A, status under B);
    /// `None` where the obligation does not apply.
    pub obligations: Vec<(String, Option<ObligationStatus>, Option<ObligationStatus>)>,
    /// Rules (kind/id) whose result differs between the two, or that exist in one only,
    /// dimensions and score terms whose points differ (a weight or a grade changed), and
    /// `scoring/levels` when only the level thresholds can explain a changed level: the
    /// causes of the change.
    pub rules: Vec<String>,
    /// The case could not be assessed under one of the protocols: (A's error, B's error).
    pub errors: (Option<String>, Option<String>),
}

impl CaseDiff {
    /// Whether anything an institution acts on differs: level, classification, an obligation, or being refused.
    pub fn changed(&self) -> bool {
        self.level.0 != self.level.1
            || self.classification.0 != self.classification.1
            || !self.obligations.is_empty()
            || self.errors.0.is_some() != self.errors.1.is_some()
    }
}

/// What changes between two protocols over a case set.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diff {
    /// The first protocol: (id, version).
    pub from: (String, String),
    /// The second protocol: (id, version).
    pub to: (String, String),
    /// Parameters whose value at `as_of` differs: (name, value in A, value in B); `None`
    /// where a protocol has no such parameter.
    pub parameters: Vec<(String, Option<String>, Option<String>)>,
    /// Only the cases that change.
    pub cases: Vec<CaseDiff>,
    /// How many cases give the same outcome under both.
    pub unchanged: usize,
    /// Cases refused by both protocols (invalid under each).
    pub refused: usize,
    /// Counts of cases by (level under A, level under B), every pair that occurs.
    pub levels: Vec<(Level, Level, usize)>,
    /// Counts by (classification under A, classification under B).
    pub classifications: Vec<(Classification, Classification, usize)>,
}

fn trace_key(t: &TraceEntry) -> String {
    format!("{}/{}", t.kind.as_str(), t.id)
}

impl Protocol {
    /// Assesses every case under `self` and `other` and reports what changes and which
    /// rules cause it.
    ///
    /// ```
    /// use putokaz::{Case, Level, Protocol};
    ///
    /// let bih = Protocol::bundled("bih")?;
    /// // The same pack with a higher school-absence threshold.
    /// let stricter = bih.with_local_parameter("absence_threshold", "150")?;
    /// let case = Case::from_json(r#"{"id": "d-1", "reported_at": "2026-10-12T09:00:00+02:00",
    ///     "municipality": "Tuzla", "reporter": "school", "subject": {"age": 12},
    ///     "observations": [{"indicator": "unexcused_absences", "value": 90}]}"#)?;
    /// let d = bih.diff(&stricter, &[case], putokaz::parse_as_of("2026-10-13T12:00:00+02:00")?);
    /// assert_eq!(d.cases[0].level, (Level::Low, Level::None));
    /// assert_eq!(d.cases[0].rules, ["classification/at_risk", "dimension/exploitation"]);
    /// # Ok::<(), putokaz::Error>(())
    /// ```
    pub fn diff(&self, other: &Protocol, cases: &[Case], as_of: Timestamp) -> Diff {
        let options = Options::fast().trace(true);
        let mut out = Vec::new();
        let mut levels: BTreeMap<(Level, Level), usize> = BTreeMap::new();
        let mut classes: BTreeMap<(Classification, Classification), usize> = BTreeMap::new();
        let mut unchanged = 0;
        let mut refused = 0;
        for case in cases {
            let a = self.assess(case, as_of, &options);
            let b = other.assess(case, as_of, &options);
            let d = case_diff(&case.id, &a, &b);
            if let (Ok(a), Ok(b)) = (&a, &b) {
                *levels.entry((a.level.value, b.level.value)).or_default() += 1;
                *classes.entry((a.classification.value, b.classification.value)).or_default() += 1;
            }
            if d.changed() {
                out.push(d);
            } else if d.errors.0.is_some() {
                refused += 1;
            } else {
                unchanged += 1;
            }
        }
        let date = as_of.to_zoned(self.inner.meta.time_zone.clone()).date();
        let values = |p: &Protocol| -> BTreeMap<String, Option<String>> {
            p.parameters(date).into_iter().map(|x| (x.id, x.value.map(|v| v.to_string()))).collect()
        };
        let (va, vb) = (values(self), values(other));
        let mut names: Vec<&String> = va.keys().chain(vb.keys()).collect();
        names.sort();
        names.dedup();
        let parameters = names
            .into_iter()
            .filter(|n| va.get(*n) != vb.get(*n))
            .map(|n| (n.clone(), va.get(n).cloned().flatten(), vb.get(n).cloned().flatten()))
            .collect();
        Diff {
            from: (self.id().to_owned(), self.version().to_owned()),
            parameters,
            to: (other.id().to_owned(), other.version().to_owned()),
            cases: out,
            unchanged,
            refused,
            levels: levels.into_iter().map(|((a, b), n)| (a, b, n)).collect(),
            classifications: classes.into_iter().map(|((a, b), n)| (a, b, n)).collect(),
        }
    }
}

/// A contribution's kind as the trace names the rule kind it comes from.
fn contribution_kind(kind: crate::assessment::ContributionKind) -> &'static str {
    match kind {
        crate::assessment::ContributionKind::Dimension => crate::assessment::RuleKind::Dimension.as_str(),
        crate::assessment::ContributionKind::ScoreTerm => crate::assessment::RuleKind::ScoreTerm.as_str(),
    }
}

fn case_diff(id: &str, a: &Result<Assessment, Error>, b: &Result<Assessment, Error>) -> CaseDiff {
    let (a, b) = match (a, b) {
        (Ok(a), Ok(b)) => (a, b),
        _ => {
            let err = |r: &Result<Assessment, Error>| r.as_ref().err().map(|e| e.kind().to_owned());
            let level = |r: &Result<Assessment, Error>| r.as_ref().map_or(Level::None, |x| x.level.value);
            let class = |r: &Result<Assessment, Error>| {
                r.as_ref().map_or(Classification::InsufficientIndicators, |x| x.classification.value)
            };
            return CaseDiff {
                case_id: id.to_owned(),
                level: (level(a), level(b)),
                classification: (class(a), class(b)),
                obligations: Vec::new(),
                rules: Vec::new(),
                errors: (err(a), err(b)),
            };
        }
    };
    let mut obligations = Vec::new();
    let status = |x: &Assessment, id: &str| x.obligations.iter().find(|o| &*o.id == id).map(|o| o.status);
    let mut ids: Vec<&str> = a.obligations.iter().chain(&b.obligations).map(|o| &*o.id).collect();
    ids.sort_unstable();
    ids.dedup();
    for id in ids {
        let (sa, sb) = (status(a, id), status(b, id));
        if sa != sb {
            obligations.push((id.to_owned(), sa, sb));
        }
    }
    let result_of = |x: &Assessment| -> BTreeMap<String, crate::value::Tri> {
        x.trace
            .iter()
            .filter(|t| t.kind != crate::assessment::RuleKind::Obligation)
            .map(|t| (trace_key(t), t.result))
            .collect()
    };
    let (ra, rb) = (result_of(a), result_of(b));
    let mut rules: Vec<String> = ra.iter().filter(|(k, v)| rb.get(*k) != Some(v)).map(|(k, _)| k.clone()).collect();
    rules.extend(rb.keys().filter(|k| !ra.contains_key(*k)).cloned());
    // A weight or a grade that changed moves points with no rule's result changing: the
    // dimension or score term whose points differ is the cause.
    let points_of = |x: &Assessment| -> BTreeMap<String, rust_decimal::Decimal> {
        x.score.contributions.iter().map(|c| (format!("{}/{}", contribution_kind(c.kind), c.id), c.points)).collect()
    };
    let (pa, pb) = (points_of(a), points_of(b));
    rules.extend(pa.keys().chain(pb.keys()).filter(|k| pa.get(*k) != pb.get(*k)).cloned());
    // The same rules and the same score, another level: the level thresholds differ.
    if rules.is_empty() && a.level.value != b.level.value && a.score.value == b.score.value {
        rules.push("scoring/levels".to_owned());
    }
    rules.sort();
    rules.dedup();
    CaseDiff {
        case_id: id.to_owned(),
        level: (a.level.value, b.level.value),
        classification: (a.classification.value, b.classification.value),
        obligations,
        rules,
        errors: (None, None),
    }
}

// ---------------------------------------------------------------------------
// Counterfactuals
// ---------------------------------------------------------------------------

/// The most indicator changes a counterfactual may combine. Single changes are tried
/// for every candidate indicator, pairs for every pair of candidates. Larger sets grow
/// combinatorially and say little a supervisor can use.
pub const MAX_WHAT_IF_CHANGES: usize = 2;

/// The most screenings one search runs (each about as costly as one
/// [`Protocol::screen`] of a case of ordinary size). The candidates are the indicators the
/// level or the classification can read; for the bundled packs every single change and
/// every pair fit well within it. A search that reaches it stops and says so
/// ([`WhatIf::complete`]).
pub const WHAT_IF_BUDGET: usize = 20_000;

/// One change to an observation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The indicator's id.
    pub indicator: String,
    /// `present` or `absent`.
    pub to: &'static str,
}

/// A smallest set of changes and what it would give.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Counterfactual {
    /// The changes, applied together.
    pub changes: Vec<Change>,
    /// The level they would give.
    pub level: Level,
    /// The classification they would give.
    pub classification: Classification,
}

/// How fragile a decision is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct WhatIf {
    /// The case's id.
    pub case_id: String,
    /// The established level today.
    pub level: Level,
    /// The established classification today.
    pub classification: Classification,
    /// Smallest change sets that raise the level, by effect: the furthest move of the
    /// level first, then those that also change the classification, then fewer changes,
    /// then the pack's order of the indicators changed.
    pub up: Vec<Counterfactual>,
    /// Smallest change sets that lower the level, in the same order.
    pub down: Vec<Counterfactual>,
    /// The search bound used (see [`MAX_WHAT_IF_CHANGES`]).
    pub max_changes: usize,
    /// Whether every change set within the bound was tried; `false` when the search
    /// reached [`WHAT_IF_BUDGET`] first.
    pub complete: bool,
}

/// Which indicators the level or the classification can read, directly or through a
/// derived fact, a dimension or a graded item; all of them when a rule that decides
/// either reads an obligation's state (then events decide too: see `reads_obligations`).
pub(crate) fn outcome_indicators(c: &crate::protocol::Compiled) -> (Vec<bool>, bool) {
    use crate::expr::Leaf;
    let mut reads = vec![false; c.indicators.len()];
    let mut facts_seen = vec![false; c.facts.len()];
    let mut obligations = false;
    for item in &c.items {
        for m in &item.members {
            reads[*m as usize] = true;
        }
    }
    let mut pending: Vec<Leaf> = c
        .scoring
        .terms
        .iter()
        .map(|t| &t.when)
        .chain(c.overrides.iter().map(|o| &o.when))
        .chain(c.classification.iter().map(|r| &r.when))
        .flat_map(|e| e.leaves())
        .collect();
    while let Some(leaf) = pending.pop() {
        match leaf {
            Leaf::Present(i) | Leaf::RawValue(i) => reads[i as usize] = true,
            Leaf::Fact(f) if !facts_seen[f as usize] => {
                facts_seen[f as usize] = true;
                pending.extend(c.facts[f as usize].when.leaves());
            }
            Leaf::Dimension(d) => {
                for &item in &c.plan.dim_items[d as usize] {
                    for m in &c.items[item as usize].members {
                        reads[*m as usize] = true;
                    }
                }
            }
            Leaf::Overdue(_) => obligations = true,
            _ => {}
        }
    }
    if obligations {
        reads.iter_mut().for_each(|r| *r = true);
    }
    (reads, obligations)
}

impl Protocol {
    /// The smallest sets of indicator changes (at most [`MAX_WHAT_IF_CHANGES`]) that
    /// would move the established level up or down, at most `limit` of each, ordered by
    /// effect (see [`WhatIf::up`]). Only indicators the level or the classification can
    /// read are changed, protected ones never; the search runs at most
    /// [`WHAT_IF_BUDGET`] screenings.
    ///
    /// ```
    /// use putokaz::{Case, Level, Protocol};
    ///
    /// let bih = Protocol::bundled("bih")?;
    /// let case = Case::from_json(r#"{"id": "w-1", "reported_at": "2026-10-12T09:00:00+02:00",
    ///     "municipality": "Tuzla", "reporter": "school", "subject": {"age": 12},
    ///     "observations": [{"indicator": "unexcused_absences", "value": 90}]}"#)?;
    /// let w = bih.what_if(&case, putokaz::parse_as_of("2026-10-13T12:00:00+02:00")?, 3)?;
    /// assert_eq!(w.level, Level::Low);
    /// // Without the absences, nothing is left to assess the case on.
    /// let down = &w.down[0];
    /// assert_eq!((down.changes[0].indicator.as_str(), down.changes[0].to), ("unexcused_absences", "absent"));
    /// assert_eq!(down.level, Level::None);
    /// # Ok::<(), putokaz::Error>(())
    /// ```
    pub fn what_if(&self, case: &Case, as_of: Timestamp, limit: usize) -> Result<WhatIf, Error> {
        let now = self.screen(case, as_of, false)?;
        let c = &self.inner;
        let (reads, obligations) = outcome_indicators(c);
        // The case reduced to what the outcome reads, one observation per indicator: what
        // each screening binds stays small however long the case is. Observation times
        // and authors, and (unless an outcome rule reads an obligation) events and
        // consents, change neither the level nor the classification.
        let mut value_of: Vec<Option<&ObservedValue>> = vec![None; c.indicators.len()];
        for o in &case.observations {
            if let Some(&i) = c.indicator_index.get(&o.indicator) {
                let slot = &mut value_of[i as usize];
                if slot.is_none_or(|v| *v == ObservedValue::Unknown(())) {
                    *slot = Some(&o.value);
                }
            }
        }
        let observation = |i: usize, value: ObservedValue| Observation {
            indicator: c.indicators[i].id.clone(),
            value,
            observed_at: None,
            observed_by: None,
        };
        let base = Case {
            id: case.id.clone(),
            reported_at: case.reported_at.clone(),
            municipality: case.municipality.clone(),
            reporter: case.reporter.clone(),
            subject: case.subject.clone(),
            observations: value_of
                .iter()
                .enumerate()
                .filter_map(|(i, v)| v.map(|v| observation(i, v.clone())))
                .collect(),
            events: if obligations { case.events.clone() } else { Vec::new() },
            consents: if obligations { case.consents.clone() } else { Vec::new() },
            discretionary_override: case.discretionary_override.clone(),
        };
        // Candidate single changes: every non-protected bool indicator the outcome reads,
        // to the opposite of what is observed (unknown goes both ways); counts can be set
        // absent (0). A count or enum "present" would need a value the search cannot
        // invent.
        let mut singles: Vec<(usize, bool)> = Vec::new();
        for (i, ind) in c.indicators.iter().enumerate() {
            if ind.protected || !reads[i] {
                continue;
            }
            match (ind.kind, value_of[i]) {
                (IndicatorKind::Bool, Some(ObservedValue::Bool(v))) => singles.push((i, !v)),
                (IndicatorKind::Bool, _) => {
                    singles.push((i, true));
                    singles.push((i, false));
                }
                (IndicatorKind::Count, Some(ObservedValue::Count(n))) if *n > 0 => singles.push((i, false)),
                _ => {}
            }
        }
        let screenings = std::cell::Cell::new(0usize);
        let outcome = |changes: &[(usize, bool)]| -> Option<Screening> {
            screenings.set(screenings.get() + 1);
            let mut changed = base.clone();
            for &(i, present) in changes {
                let value = match c.indicators[i].kind {
                    IndicatorKind::Bool => ObservedValue::Bool(present),
                    _ => ObservedValue::Count(0),
                };
                match changed.observations.iter_mut().find(|o| o.indicator == c.indicators[i].id) {
                    Some(o) => o.value = value,
                    None => changed.observations.push(observation(i, value)),
                }
            }
            self.screen(&changed, as_of, false).ok()
        };
        // (changes, outcome) of every hit, up and down.
        let mut hits: Vec<(Vec<(usize, bool)>, Screening)> = Vec::new();
        let mut single_hits = vec![false; singles.len()];
        for (k, ch) in singles.iter().enumerate() {
            if let Some(s) = outcome(&[*ch]) {
                if s.level != now.level {
                    hits.push((vec![*ch], s));
                    single_hits[k] = true;
                }
            }
        }
        // Pairs, skipping any pair that contains a single change that already works
        // (the set would not be smallest) or two changes to one indicator.
        let mut complete = true;
        'pairs: for (x, a) in singles.iter().enumerate() {
            for (y, b) in singles.iter().enumerate().skip(x + 1) {
                if a.0 == b.0 || single_hits[x] || single_hits[y] {
                    continue;
                }
                if screenings.get() >= WHAT_IF_BUDGET {
                    complete = false;
                    break 'pairs;
                }
                if let Some(s) = outcome(&[*a, *b]) {
                    if s.level != now.level {
                        hits.push((vec![*a, *b], s));
                    }
                }
            }
        }
        let steps = |l: Level| (l as i8 - now.level as i8).unsigned_abs();
        hits.sort_by_key(|(changes, s)| {
            let order: Vec<usize> = changes.iter().map(|(i, _)| *i).collect();
            (std::cmp::Reverse(steps(s.level)), s.classification == now.classification, changes.len(), order)
        });
        let describe = |(changes, s): &(Vec<(usize, bool)>, Screening)| Counterfactual {
            changes: changes
                .iter()
                .map(|(i, v)| Change {
                    indicator: c.indicators[*i].id.clone(),
                    to: if *v { "present" } else { "absent" },
                })
                .collect(),
            level: s.level,
            classification: s.classification,
        };
        let pick = |up: bool| -> Vec<Counterfactual> {
            hits.iter().filter(|(_, s)| (s.level > now.level) == up).take(limit).map(describe).collect()
        };
        Ok(WhatIf {
            case_id: case.id.clone(),
            level: now.level,
            classification: now.classification,
            up: pick(true),
            down: pick(false),
            max_changes: MAX_WHAT_IF_CHANGES,
            complete,
        })
    }
}

// ---------------------------------------------------------------------------
// Parameter sweeps
// ---------------------------------------------------------------------------

/// One case at one parameter value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SweepRow {
    /// The parameter value, as given.
    pub value: String,
    /// The case's id.
    pub case_id: String,
    /// `None` when the case was refused (see `error`).
    pub screening: Option<Screening>,
    /// The error kind when the case was refused.
    pub error: Option<String>,
}

impl Protocol {
    /// Screens every case at every value of a `local_policy` parameter: the evidence a
    /// municipality needs to set its own value.
    pub fn sweep(
        &self,
        parameter: &str,
        values: &[&str],
        cases: &[Case],
        as_of: Timestamp,
    ) -> Result<Vec<SweepRow>, Error> {
        let mut rows = Vec::with_capacity(values.len() * cases.len());
        for value in values {
            let p = self.with_local_parameter(parameter, value)?;
            for case in cases {
                let r = p.screen(case, as_of, false);
                rows.push(SweepRow {
                    value: (*value).to_owned(),
                    case_id: case.id.clone(),
                    error: r.as_ref().err().map(|e| e.kind().to_owned()),
                    screening: r.ok(),
                });
            }
        }
        Ok(rows)
    }
}

// ---------------------------------------------------------------------------
// Group comparison
// ---------------------------------------------------------------------------

/// Outcomes within one group.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct GroupOutcomes {
    /// The group label, as given beside the cases.
    pub group: String,
    /// How many cases the group has.
    pub cases: usize,
    /// How many of them were refused.
    pub refused: usize,
    /// How many cases at each level.
    pub levels: BTreeMap<Level, usize>,
    /// How many cases with each classification.
    pub classifications: BTreeMap<Classification, usize>,
    /// How many obligations are overdue, over the group.
    pub overdue: usize,
    /// How many obligations are pending, over the group.
    pub pending: usize,
}

impl Protocol {
    /// The distribution of levels, classifications and obligations per group. The group
    /// label travels beside each case, never inside it: the engine cannot read it.
    pub fn compare_groups<'a>(
        &self,
        cases: impl IntoIterator<Item = (&'a str, &'a Case)>,
        as_of: Timestamp,
    ) -> Vec<GroupOutcomes> {
        let mut groups: BTreeMap<String, GroupOutcomes> = BTreeMap::new();
        for (group, case) in cases {
            let g = groups.entry(group.to_owned()).or_insert_with(|| GroupOutcomes {
                group: group.to_owned(),
                cases: 0,
                refused: 0,
                levels: BTreeMap::new(),
                classifications: BTreeMap::new(),
                overdue: 0,
                pending: 0,
            });
            g.cases += 1;
            match self.screen(case, as_of, false) {
                Ok(s) => {
                    *g.levels.entry(s.level).or_default() += 1;
                    *g.classifications.entry(s.classification).or_default() += 1;
                    g.overdue += s.overdue as usize;
                    g.pending += s.pending as usize;
                }
                Err(_) => g.refused += 1,
            }
        }
        groups.into_values().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bih() -> Protocol {
        Protocol::bundled("bih").unwrap()
    }

    fn case(json: &str) -> Case {
        Case::from_json(json).unwrap()
    }

    fn at() -> Timestamp {
        crate::parse_as_of("2026-03-06T12:00:00+01:00").unwrap()
    }

    const CHILD: &str = r#"{"id":"w1","reported_at":"2026-03-05T10:00:00+01:00","municipality":"Tuzla","reporter":"school",
        "subject":{"age":12},"observations":[{"indicator":"street_work_at_night","value":true}]}"#;

    #[test]
    fn what_if_finds_the_smallest_changes() {
        let w = bih().what_if(&case(CHILD), at(), 5).unwrap();
        assert_eq!(w.level, Level::Low);
        assert!(!w.up.is_empty());
        assert!(w.up.iter().all(|c| c.level > Level::Low && !c.changes.is_empty() && c.changes.len() <= 2));
        // Removing the only signal lowers the level to none.
        assert!(w
            .down
            .iter()
            .any(|c| c.changes == vec![Change { indicator: "street_work_at_night".into(), to: "absent" }]
                && c.level == Level::None));
        // No change to a protected attribute is ever proposed.
        assert!(w.up.iter().chain(&w.down).all(|c| c.changes.iter().all(|ch| ch.indicator != "roma_community")));
    }

    #[test]
    fn what_if_is_ordered_by_effect_and_true_to_the_case() {
        let p = bih();
        let c = case(
            r#"{"id":"w2","reported_at":"2026-03-05T10:00:00+01:00","municipality":"Tuzla","reporter":"school",
            "subject":{"age":12},"observations":[{"indicator":"street_work_at_night","value":true},
            {"indicator":"unexcused_absences","value":30}]}"#,
        );
        let w = p.what_if(&c, at(), 100).unwrap();
        assert!(w.complete);
        for list in [&w.up, &w.down] {
            let steps: Vec<u8> = list.iter().map(|x| (x.level as i8 - w.level as i8).unsigned_abs()).collect();
            assert!(steps.windows(2).all(|s| s[0] >= s[1]), "{steps:?}");
        }
        assert!(w.up[0].level > w.up.last().unwrap().level || w.up.iter().all(|x| x.level == w.up[0].level));
        // Each counterfactual is what screening the case with those changes gives.
        for cf in w.up.iter().chain(&w.down) {
            let mut changed = c.clone();
            for ch in &cf.changes {
                changed.observations.retain(|o| o.indicator != ch.indicator);
                let present = ch.to == "present";
                let value = if ch.indicator == "unexcused_absences" {
                    ObservedValue::Count(0)
                } else {
                    ObservedValue::Bool(present)
                };
                changed.observations.push(Observation {
                    indicator: ch.indicator.clone(),
                    value,
                    observed_at: None,
                    observed_by: None,
                });
            }
            let s = p.screen(&changed, at(), false).unwrap();
            assert_eq!((s.level, s.classification), (cf.level, cf.classification), "{cf:?}");
        }
    }

    #[test]
    fn a_maximal_case_is_searched_like_its_short_form() {
        let p = bih();
        let short = case(CHILD);
        let mut long = short.clone();
        let filler = Observation {
            indicator: "street_work_at_night".into(),
            value: ObservedValue::Bool(true),
            observed_at: Some("2026-03-04T10:00:00+01:00".into()),
            observed_by: Some("school".into()),
        };
        long.observations = vec![filler; crate::case::MAX_ENTRIES];
        let (a, b) = (p.what_if(&short, at(), 1000).unwrap(), p.what_if(&long, at(), 1000).unwrap());
        assert!(b.complete);
        assert_eq!((a.up, a.down), (b.up, b.down));
    }

    #[test]
    fn only_indicators_the_outcome_reads_are_candidates() {
        let p = bih();
        let (reads, obligations) = outcome_indicators(&p.inner);
        assert!(!obligations);
        let id = |i: usize| p.inner.indicators[i].id.as_str();
        assert!(reads.iter().enumerate().any(|(i, r)| *r && id(i) == "forced_begging"));
        let w = p.what_if(&case(CHILD), at(), 1000).unwrap();
        for ch in w.up.iter().chain(&w.down).flat_map(|c| &c.changes) {
            let i = p.inner.indicator_index[&ch.indicator] as usize;
            assert!(reads[i] && !p.inner.indicators[i].protected, "{}", ch.indicator);
        }
    }

    #[test]
    fn a_sweep_shows_the_threshold_at_work() {
        let c = case(
            r#"{"id":"s1","reported_at":"2026-03-05T10:00:00+01:00","municipality":"Jajce","reporter":"school",
            "subject":{"age":9},"observations":[{"indicator":"unexcused_absences","value":12}]}"#,
        );
        let rows = bih().sweep("absence_threshold", &["5", "10", "15", "20"], &[c], at()).unwrap();
        let levels: Vec<Level> = rows.iter().map(|r| r.screening.as_ref().unwrap().level).collect();
        assert_eq!(levels, vec![Level::Low, Level::Low, Level::None, Level::None]);
        assert!(bih().sweep("reflection_period", &["10d"], &[], at()).is_err());
    }

    #[test]
    fn diff_names_the_rules_that_change() {
        let a = bih();
        let b = a.with_local_parameter("absence_threshold", "10").unwrap();
        let c = case(
            r#"{"id":"d1","reported_at":"2026-03-05T10:00:00+01:00","municipality":"Jajce","reporter":"school",
            "subject":{"age":9},"observations":[{"indicator":"unexcused_absences","value":20}]}"#,
        );
        let d = a.diff(&b, &[c.clone(), case(CHILD)], at());
        assert_eq!(d.unchanged, 1);
        assert_eq!(d.cases.len(), 1);
        assert_eq!(d.cases[0].level, (Level::None, Level::Low));
        assert!(d.cases[0].rules.contains(&"dimension/exploitation".to_owned()) || !d.cases[0].rules.is_empty());
        assert!(d.levels.contains(&(Level::None, Level::Low, 1)));
        assert_eq!(d.parameters, vec![("absence_threshold".to_owned(), Some("75".to_owned()), Some("10".to_owned()))]);
    }

    /// The bundled BiH pack with one text of `rules.toml` replaced.
    fn bih_with(from: &str, to: &str) -> Protocol {
        let files = bih()
            .files()
            .iter()
            .map(|(path, text)| {
                let text = if path == "rules.toml" {
                    assert!(text.contains(from), "rules.toml has no `{from}`");
                    text.replace(from, to)
                } else {
                    text.clone()
                };
                (path.clone(), text)
            })
            .collect();
        Protocol::from_files(files).unwrap()
    }

    #[test]
    fn diff_names_a_cause_when_only_points_or_thresholds_change() {
        // A child with a daily money quota: 3 points, level low.
        let c = case(
            r#"{"id":"q1","reported_at":"2026-03-05T10:00:00+01:00","municipality":"Jajce","reporter":"school",
            "subject":{"age":9},"observations":[{"indicator":"daily_money_quota","value":true}]}"#,
        );
        // Its score term weighs more: no rule's result changes, its points do.
        let heavier = bih_with(
            "when = \"subject.is_child and daily_money_quota\"\npoints = \"3\"",
            "when = \"subject.is_child and daily_money_quota\"\npoints = \"6\"",
        );
        let d = bih().diff(&heavier, std::slice::from_ref(&c), at());
        assert_eq!(d.cases.len(), 1);
        assert_eq!(d.cases[0].level, (Level::Low, Level::Moderate));
        assert_eq!(d.cases[0].rules, vec!["score_term/daily_money_quota".to_owned()]);
        // Only the threshold of moderate moves: the same rules and score, another level.
        let lower = bih_with("moderate = \"5\"", "moderate = \"3\"");
        let d = bih().diff(&lower, &[c], at());
        assert_eq!(d.cases.len(), 1);
        assert_eq!(d.cases[0].level, (Level::Low, Level::Moderate));
        assert_eq!(d.cases[0].rules, vec!["scoring/levels".to_owned()]);
    }

    #[test]
    fn groups_are_compared_without_the_engine_seeing_them() {
        let c1 = case(CHILD);
        let c2 = case(
            r#"{"id":"g2","reported_at":"2026-03-05T10:00:00+01:00","municipality":"Tuzla","subject":{"age":12}}"#,
        );
        let out = bih().compare_groups([("a", &c1), ("b", &c2), ("a", &c2)], at());
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].cases, 2);
        assert_eq!(out[0].levels.get(&Level::Low), Some(&1));
        assert_eq!(out[1].levels.get(&Level::None), Some(&1));
    }
}
