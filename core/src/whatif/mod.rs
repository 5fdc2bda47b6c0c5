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

mod counterfactual;
mod diff;
#[cfg(test)]
mod tests;

pub use counterfactual::*;
pub use diff::*;

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
