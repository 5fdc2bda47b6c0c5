//! Screening: the outcome of a case without words — level, classification, score, the
//! child gate and obligation counts. The same evaluation as [`crate::assess`], minus the
//! text, trace, labels and institution names, for callers that assess many cases at once
//! (frames, registries, rescoring a whole registry after a protocol change).

use crate::assessment::ObligationStatus;
use crate::bind::{bind, bind_json, Bound, ChildBasis};
use crate::case::Case;
use crate::error::Error;
use crate::eval::{Ctx, Evaluation, Mode};
use crate::model::{Classification, Level, OffsetTimestamp};
use crate::obligations::Duties;
use crate::protocol::Protocol;
use crate::value::{canonical, canonical_text, Tri};
use jiff::Timestamp;
use rust_decimal::Decimal;
use serde::Serialize;

/// What [`Protocol::screen`] returns: everything an assessment decides, without words.
/// As JSON ([`Protocol::screen_json`]) decimals are text, as in assessments, and
/// `next_due` is written in the pack's time zone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Screening {
    /// The case's pseudonymous id.
    pub case_id: String,
    /// The established level.
    pub level: Level,
    /// The levels still possible, lowest and highest (equal when settled).
    pub level_min: Level,
    /// The highest level still possible.
    pub level_max: Level,
    /// Whether the level can no longer change (never while observations fall outside
    /// the profiles the pack covers).
    pub level_settled: bool,
    /// The established classification.
    pub classification: Classification,
    /// Whether the classification can no longer change.
    pub classification_settled: bool,
    /// The established score (unknown inputs counted as absent).
    #[serde(with = "canonical_text")]
    pub score: Decimal,
    /// The scores still possible, lowest and highest.
    #[serde(with = "canonical_text")]
    pub score_min: Decimal,
    /// The highest score still possible.
    #[serde(with = "canonical_text")]
    pub score_max: Decimal,
    /// Whether the person is treated as a child.
    pub is_child: Tri,
    /// On what basis.
    pub child_basis: ChildBasis,
    /// How many obligations are overdue.
    pub overdue: u32,
    /// How many are pending.
    pub pending: u32,
    /// How many are offered (waiting for consent).
    pub offered: u32,
    /// How many depend on an unknown input.
    pub depends_on_unknown: u32,
    /// How many are met.
    pub met: u32,
    /// The earliest due time among pending and overdue obligations, in the pack's time
    /// zone.
    pub next_due: Option<OffsetTimestamp>,
    /// `next_due` in seconds since 1970-01-01T00:00:00Z.
    pub next_due_unix: Option<i64>,
    /// The most decisive unknown input, when asked for.
    pub first_unknown: Option<std::sync::Arc<str>>,
}

impl Protocol {
    /// Screens a case: the same level, classification, score and obligation statuses as
    /// [`Protocol::assess`], without the text. `rank_unknowns` also finds the most
    /// decisive unknown input (which costs one evaluation per unknown input).
    ///
    /// ```
    /// use putokaz::{Case, Level, Protocol};
    ///
    /// let bih = Protocol::bundled("bih")?;
    /// let case = Case::from_json(r#"{"id": "s-1", "reported_at": "2026-03-02T08:40:00+01:00",
    ///     "municipality": "Jajce", "reporter": "school", "subject": {"age": 10},
    ///     "observations": [{"indicator": "forced_begging", "value": true},
    ///                      {"indicator": "daily_money_quota", "value": true}]}"#)?;
    /// let s = bih.screen(&case, putokaz::parse_as_of("2026-03-06T12:00:00+01:00")?, false)?;
    /// assert!(s.level >= Level::High); // a child forced to beg with a quota: at least high
    /// assert!(s.overdue > 0);          // the police were to be told within 24 hours
    /// # Ok::<(), putokaz::Error>(())
    /// ```
    pub fn screen(&self, case: &Case, as_of: Timestamp, rank_unknowns: bool) -> Result<Screening, Error> {
        self.screen_in(Mode::Plan, case, as_of, rank_unknowns)
    }

    /// [`Protocol::screen`], with conditions evaluated in `mode`.
    pub(crate) fn screen_in(
        &self,
        mode: Mode,
        case: &Case,
        as_of: Timestamp,
        rank_unknowns: bool,
    ) -> Result<Screening, Error> {
        let c = &*self.inner;
        let b = bind(c, case, as_of)?;
        Ok(self.screen_bound(mode, &b, rank_unknowns))
    }

    fn screen_bound(&self, mode: Mode, b: &Bound<'_>, rank_unknowns: bool) -> Screening {
        let ctx = Ctx { c: &self.inner, b, local: &self.local, mode };
        let eval = Evaluation::run(ctx, crate::eval::presence(ctx));
        let duties = crate::obligations::evaluate(&eval);
        project_screening(&eval, &duties, rank_unknowns)
    }

    /// Screens a case given as JSON and returns the [`Screening`] as JSON (one line): the
    /// lean counterpart of [`Protocol::assess_json`] for registries that only need the
    /// outcome. `as_of` is an RFC 3339 timestamp with an offset.
    pub fn screen_json(&self, case_json: &str, as_of: &str, rank_unknowns: bool) -> Result<String, Error> {
        let as_of = crate::parse_as_of(as_of)?;
        let b = bind_json(&self.inner, case_json, as_of)?;
        let screening = self.screen_bound(Mode::Plan, &b, rank_unknowns);
        Ok(serde_json::to_string(&screening).unwrap_or_default())
    }
}

/// The screening as a projection of the evaluation's stages.
pub(crate) fn project_screening(eval: &Evaluation<'_>, duties: &Duties<'_>, rank_unknowns: bool) -> Screening {
    let (c, b) = (eval.ctx.c, eval.ctx.b);
    let first_unknown = if rank_unknowns {
        crate::rank::rank(eval, c.default_language(), 1).into_iter().next().map(|u| u.input)
    } else {
        None
    };
    let count = |s: ObligationStatus| duties.decided.iter().filter(|d| d.status == s).count() as u32;
    let next_due = duties
        .decided
        .iter()
        .filter(|d| matches!(d.status, ObligationStatus::Pending | ObligationStatus::Overdue))
        .filter_map(|d| d.due)
        .min();
    Screening {
        case_id: b.case_id.to_string(),
        level: eval.level.established,
        level_min: eval.level.possible.0,
        level_max: eval.level.possible.1,
        level_settled: eval.level.possible.0 == eval.level.possible.1 && crate::coverage::outside(eval).is_empty(),
        classification: eval.class.established,
        classification_settled: eval.class.possible.count_ones() == 1,
        score: canonical(eval.score.established),
        score_min: canonical(eval.score.possible.lo),
        score_max: canonical(eval.score.possible.hi),
        is_child: eval.inputs.is_child,
        child_basis: b.child_basis,
        overdue: count(ObligationStatus::Overdue),
        pending: count(ObligationStatus::Pending),
        offered: count(ObligationStatus::Offered),
        depends_on_unknown: count(ObligationStatus::DependsOnUnknown),
        met: count(ObligationStatus::Met),
        next_due: next_due.map(|t| c.plan.clock.offset_timestamp(t, &c.meta.time_zone)),
        next_due_unix: next_due.map(|t| t.as_second()),
        first_unknown,
    }
}
