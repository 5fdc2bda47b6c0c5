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
use crate::time::rfc3339;
use crate::value::Tri;
use jiff::Timestamp;
use rust_decimal::Decimal;
use serde::Serialize;

/// What [`Protocol::screen`] returns: everything an assessment decides, without words.
/// As JSON ([`Protocol::screen_json`]) decimals are text, as in assessments, and
/// `next_due` is written in the pack's time zone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Screening {
    pub case_id: String,
    pub level: Level,
    /// The levels still possible, lowest and highest (equal when settled).
    pub level_min: Level,
    pub level_max: Level,
    pub level_settled: bool,
    pub classification: Classification,
    pub classification_settled: bool,
    /// The established score (unknown inputs counted as absent).
    #[serde(with = "rust_decimal::serde::str")]
    pub score: Decimal,
    /// The scores still possible, lowest and highest.
    #[serde(with = "rust_decimal::serde::str")]
    pub score_min: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub score_max: Decimal,
    pub is_child: Tri,
    pub child_basis: ChildBasis,
    pub overdue: u32,
    pub pending: u32,
    pub offered: u32,
    pub depends_on_unknown: u32,
    pub met: u32,
    /// The earliest due time among pending and overdue obligations.
    #[serde(skip)]
    pub next_due: Option<Timestamp>,
    /// `next_due` as RFC 3339 in the pack's time zone, as assessments write due times.
    #[serde(rename = "next_due")]
    pub next_due_text: Option<String>,
    /// `next_due` in seconds since 1970-01-01T00:00:00Z.
    pub next_due_unix: Option<i64>,
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
            case_id: case.id.clone(),
            level: st.level_established,
            level_min: st.level.0,
            level_max: st.level.1,
            level_settled: st.level.0 == st.level.1,
            classification: st.class_established,
            classification_settled: st.class_set.count_ones() == 1,
            score: st.score_established.normalize(),
            score_min: st.score.lo.normalize(),
            score_max: st.score.hi.normalize(),
            is_child: st.is_child,
            child_basis: b.child_basis,
            overdue: count(ObligationStatus::Overdue),
            pending: count(ObligationStatus::Pending),
            offered: count(ObligationStatus::Offered),
            depends_on_unknown: count(ObligationStatus::DependsOnUnknown),
            met: count(ObligationStatus::Met),
            next_due,
            next_due_text: next_due.map(|t| rfc3339(t, &c.meta.time_zone)),
            next_due_unix: next_due.map(|t| t.as_second()),
            first_unknown,
        })
    }

    /// Screens a case given as JSON and returns the [`Screening`] as JSON (one line): the
    /// lean counterpart of [`Protocol::assess_json`] for registries that only need the
    /// outcome. `as_of` is an RFC 3339 timestamp with an offset.
    pub fn screen_json(&self, case_json: &str, as_of: &str, rank_unknowns: bool) -> Result<String, Error> {
        let as_of = crate::parse_as_of(as_of)?;
        let case = Case::from_json(case_json)?;
        let screening = self.screen(&case, as_of, rank_unknowns)?;
        Ok(serde_json::to_string(&screening).unwrap_or_default())
    }
}
