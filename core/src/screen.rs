//! Screening: the outcome of a case without words — level, classification, score, the
//! child gate and obligation counts. The same evaluation as [`crate::assess`], minus the
//! text, trace, labels and institution names, for callers that assess many cases at once
//! (frames, registries, rescoring a whole registry after a protocol change).

use crate::assessment::ObligationStatus;
use crate::bind::{bind, ChildBasis};
use crate::case::Case;
use crate::error::Error;
use crate::evaluate::{base_presence, State};
use crate::model::{Classification, Level};
use crate::protocol::Protocol;
use crate::value::Tri;
use jiff::Timestamp;
use rust_decimal::Decimal;
use serde::Serialize;

/// What [`Protocol::screen`] returns: everything an assessment decides, without words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Screening {
    pub level: Level,
    pub level_settled: bool,
    pub classification: Classification,
    pub classification_settled: bool,
    /// The established score (unknown inputs counted as absent).
    pub score: Decimal,
    pub is_child: Tri,
    pub child_basis: ChildBasis,
    pub overdue: u32,
    pub pending: u32,
    pub offered: u32,
    pub depends_on_unknown: u32,
    pub met: u32,
    /// The earliest due time among pending and overdue obligations.
    pub next_due: Option<Timestamp>,
    /// The most decisive unknown input, when asked for.
    pub first_unknown: Option<String>,
}

impl Protocol {
    /// Screens a case: the same level, classification, score and obligation statuses as
    /// [`Protocol::assess`], without the text. `rank_unknowns` also finds the most
    /// decisive unknown input (which costs one evaluation per unknown input).
    pub fn screen(&self, case: &Case, as_of: Timestamp, rank_unknowns: bool) -> Result<Screening, Error> {
        let c = &*self.inner;
        let b = bind(c, case, as_of)?;
        let local = &self.local[..];
        let base = base_presence(c, &b, local);
        let mut st = State::run(c, &b, local, &base, None);
        let first_unknown = if rank_unknowns {
            crate::assess::rank_unknowns(c, &b, local, &base, &st, "en", 1).into_iter().next().map(|u| u.input)
        } else {
            None
        };
        let decided = crate::obligations::evaluate(&mut st);
        let count = |s: ObligationStatus| decided.iter().filter(|d| d.status == s).count() as u32;
        let next_due = decided
            .iter()
            .filter(|d| matches!(d.status, ObligationStatus::Pending | ObligationStatus::Overdue))
            .filter_map(|d| d.due)
            .min();
        Ok(Screening {
            level: st.level_established,
            level_settled: st.level.0 == st.level.1,
            classification: st.class_established,
            classification_settled: st.class_set.count_ones() == 1,
            score: st.score_established.normalize(),
            is_child: st.is_child,
            child_basis: b.child_basis,
            overdue: count(ObligationStatus::Overdue),
            pending: count(ObligationStatus::Pending),
            offered: count(ObligationStatus::Offered),
            depends_on_unknown: count(ObligationStatus::DependsOnUnknown),
            met: count(ObligationStatus::Met),
            next_due,
            first_unknown,
        })
    }
}
