//! How fragile one decision is: the smallest changes of observed indicators that would
//! move the level or the classification, ordered by effect, within a work budget.

use super::*;

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
