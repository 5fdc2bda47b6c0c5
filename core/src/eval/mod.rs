//! The evaluation pipeline: a bound case in, an immutable [`Evaluation`] out.
//!
//! Stages run in a fixed order — inputs, profiles, dimensions, facts, score, level,
//! classification — and each is a value that only later stages read. Nothing is changed
//! after it is computed, so every condition reads exactly the values of the stage it
//! belongs to; the trace ([`crate::trace`]) rebuilds each rule's reads from the same stage
//! values (see [`Env`]). The obligations are the last stage ([`crate::obligations`]);
//! `assess` and `screen` are projections of the same evaluation, and the ranking of
//! unknown inputs ([`crate::rank`]) re-runs the stages with one input settled.
//!
//! Every result says what is *established* (unknown inputs counted as absent) and what is
//! still *possible* (the range over every way the unknown inputs may turn out).

mod env;
mod stages;

pub(crate) use env::{leaf_name, leaf_text, raw_val, Env};
pub(crate) use stages::{holds, Changed, Extent};

use crate::bind::Bound;
use crate::model::{Classification, Level};
use crate::plan::bits::TriSet;
use crate::protocol::{Compiled, IndicatorKind, ParamValue};
use crate::value::{Range, Tri};
use rust_decimal::Decimal;

/// How conditions are evaluated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    /// The compiled plan (bit masks, whole-number ranges): what assessments use.
    Plan,
    /// The reference evaluator over exact decimal ranges, which the plan is tested
    /// against.
    Reference,
}

/// What an evaluation reads besides the case: the protocol, the caller's local
/// parameter values, and how conditions are evaluated.
#[derive(Clone, Copy)]
pub(crate) struct Ctx<'a> {
    pub c: &'a Compiled,
    pub b: &'a Bound<'a>,
    pub local: &'a [(u32, ParamValue)],
    pub mode: Mode,
}

/// The inputs as the stages see them: every indicator's presence and the two subject
/// gates, with any inputs the ranking settled.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Inputs {
    pub present: TriSet,
    pub is_child: Tri,
    pub is_foreign: Tri,
    /// Indicators settled by the ranking of unknowns (their raw value reads as settled).
    pub settled: Vec<(u32, bool)>,
}

/// One dimension under the profiles that may apply.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct DimOutcome {
    pub positive: Tri,
    /// Strong, medium and weak counts: at least and at most.
    pub counts: [(u32, u32); 3],
    pub points: Range,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Score {
    /// Per score term: whether it holds.
    pub terms: TriSet,
    /// The score once every unknown input is settled, at least and at most.
    pub possible: Range,
    /// The score from what is established.
    pub established: Decimal,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct LevelOutcome {
    /// Per policy override: whether it holds.
    pub overrides: TriSet,
    /// The highest floor that holds, and the highest that may still hold.
    pub floor_true: Option<Level>,
    pub floor_possible: Option<Level>,
    /// The levels still possible, lowest and highest.
    pub possible: (Level, Level),
    pub established: Level,
    /// A discretionary lowering was stopped by a policy floor.
    pub lowering_blocked: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct ClassOutcome {
    /// Per classification rule: whether it holds at the possible levels.
    pub rules: TriSet,
    /// The classifications still possible, as a bit set (`Classification::bit`).
    pub possible: u8,
    pub established: Classification,
    /// The rule that gave `established`, if one did.
    pub rule: Option<usize>,
}

/// The dimensions and facts of a case read with other inputs, and nothing after them:
/// what obligations declared `unrecorded = "absent"` read (see
/// [`Evaluation::with_unrecorded_absent`]).
#[derive(Debug)]
pub(crate) struct Reread {
    pub inputs: Inputs,
    pub dims: Vec<DimOutcome>,
    pub facts: TriSet,
}

impl Reread {
    /// An environment for obligation conditions over these inputs, with the established
    /// level and classification of `eval` and the `overdue` values so far.
    pub(crate) fn obligation_env<'e, 'a>(&'e self, eval: &'e Evaluation<'a>, overdue: &'e [Tri]) -> Env<'e, 'a> {
        Env::new(&eval.ctx, &self.inputs).with_dims(&self.dims).with_facts(&self.facts).for_obligations(
            eval.level.established,
            eval.class.established,
            &self.inputs.present,
            overdue,
        )
    }
}

/// Every stage of one case's evaluation, up to the classification.
pub(crate) struct Evaluation<'a> {
    pub ctx: Ctx<'a>,
    pub inputs: Inputs,
    pub profiles: TriSet,
    pub dims: Vec<DimOutcome>,
    pub facts: TriSet,
    pub score: Score,
    pub level: LevelOutcome,
    pub class: ClassOutcome,
}

/// Presence of every indicator from the raw observations: bool values directly, counts and
/// enum values through `present_when`.
pub(crate) fn presence(ctx: Ctx<'_>) -> TriSet {
    stages::presence(ctx)
}

impl<'a> Evaluation<'a> {
    /// Runs every stage for a bound case whose indicators' presence is `present`.
    pub(crate) fn run(ctx: Ctx<'a>, present: TriSet) -> Evaluation<'a> {
        let inputs = Inputs { present, is_child: ctx.b.is_child, is_foreign: ctx.b.is_foreign, settled: Vec::new() };
        stages::run(ctx, inputs, Extent::Full)
    }

    /// The same case with `inputs` in place of this evaluation's, worked out to `extent`.
    /// Only what the changed inputs can reach is evaluated again; everything else is
    /// carried over (`changed` says what differs from `self.inputs`).
    pub(crate) fn rerun(&self, inputs: Inputs, changed: &Changed, extent: Extent) -> Evaluation<'a> {
        stages::rerun(self, inputs, changed, extent)
    }

    /// The case's dimensions and facts with every indicator it does not record read as
    /// absent (`presence` already says so), and a yes/no indicator's value read as
    /// `false`. An indicator recorded as `null` ("asked, not known") stays unknown, and
    /// so do the subject's fields. The level and the classification are not worked out
    /// again: obligations read the established ones, which already count unknown inputs
    /// as absent.
    pub(crate) fn with_unrecorded_absent(&self, presence: TriSet) -> Reread {
        let (c, b) = (self.ctx.c, self.ctx.b);
        let mut settled = self.inputs.settled.clone();
        settled.extend(
            c.indicators
                .iter()
                .enumerate()
                .filter(|(i, ind)| ind.kind == IndicatorKind::Bool && b.raw[*i] == crate::bind::Raw::Absent)
                .map(|(i, _)| (i as u32, false)),
        );
        let inputs =
            Inputs { present: presence, is_child: self.inputs.is_child, is_foreign: self.inputs.is_foreign, settled };
        stages::reread(self, inputs)
    }

    /// An environment for conditions read at the stage of classification rules: the
    /// levels still possible.
    pub(crate) fn class_env(&self) -> Env<'_, 'a> {
        self.env().with_level(self.level.possible)
    }

    /// An environment with every stage up to the score (facts, dimensions): what facts,
    /// score terms and overrides read.
    pub(crate) fn env(&self) -> Env<'_, 'a> {
        Env::new(&self.ctx, &self.inputs).with_dims(&self.dims).with_facts(&self.facts)
    }
}
