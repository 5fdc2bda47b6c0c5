//! The stages, each a function of the ones before it. A full run computes every stage; a
//! re-run for the ranking of unknowns starts from a finished evaluation and evaluates
//! again only the conditions that read something the settled inputs changed.
//!
//! Conditions are evaluated by the compiled plan or by the reference evaluator
//! ([`Mode`]); grade counts and the score likewise come from bit masks and whole numbers,
//! or from item-by-item counts and decimals. Both ways give the same stages.

use super::{ClassOutcome, Ctx, DimOutcome, Env, Evaluation, Inputs, LevelOutcome, Mode, Score};
use crate::bind::Raw;
use crate::case::Direction;
use crate::expr::{eval_tri, Expr, Leaf};
use crate::model::{Classification, Level};
use crate::plan::bits::TriSet;
use crate::plan::program::Prog;
use crate::protocol::IndicatorKind;
use crate::value::{Range, Tri};
use rust_decimal::Decimal;

/// How much of the outcome a run works out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Extent {
    /// What is established and what is still possible.
    Full,
    /// Only the established score, level and classification: all that the ranking of
    /// unknowns reads. The possible ranges and the classification rules' results are
    /// carried over unchanged (stale).
    EstablishedOnly,
}

/// What a re-run's inputs change compared with the evaluation it starts from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Changed {
    /// The subject gates or anything else: every stage is evaluated again.
    All,
    /// Only these indicators' presence. Profiles and the dimension rule read no
    /// indicator (`Plan::settles_locally`), so only the indicators' items, their
    /// dimensions and the conditions reading those can change.
    Indicators(Vec<u32>),
}

/// Whether a condition holds: its compiled form or its expression, by the mode.
pub(crate) fn holds(ctx: &Ctx<'_>, expr: &Expr, prog: &Prog, env: &Env<'_, '_>) -> Tri {
    match ctx.mode {
        Mode::Plan => prog.eval(env),
        Mode::Reference => eval_tri(expr, env),
    }
}

/// Presence of every indicator from the raw observations: bool values directly, counts and
/// enum values through `present_when`.
pub(super) fn presence(ctx: Ctx<'_>) -> TriSet {
    let c = ctx.c;
    let inputs =
        Inputs { present: TriSet::unknown(0), is_child: Tri::Unknown, is_foreign: Tri::Unknown, settled: Vec::new() };
    let env = Env::new(&ctx, &inputs);
    let mut present = TriSet::unknown(c.indicators.len());
    for (i, ind) in c.indicators.iter().enumerate() {
        let t = match (ind.kind, ctx.b.raw[i]) {
            (_, Raw::Absent) | (IndicatorKind::Bool, Raw::Unknown) => continue,
            (IndicatorKind::Bool, Raw::Bool(v)) => Tri::from(v),
            (IndicatorKind::Count | IndicatorKind::Enum, v) => match &ind.present_when {
                Some(rule) => holds(&ctx, rule, c.plan.present_when[i].as_ref().unwrap_or(&Prog::default()), &env),
                // A count without `present_when` is present when above zero.
                None => Range::ZERO.lt(super::raw_val(ind.kind, v, &ind.values).as_range()),
            },
            _ => continue,
        };
        present.set(i as u32, t);
    }
    present
}

pub(super) fn run<'a>(ctx: Ctx<'a>, inputs: Inputs, extent: Extent) -> Evaluation<'a> {
    let (c, plan) = (ctx.c, &ctx.c.plan);
    let profiles = profiles(&ctx, &inputs);
    let (dims, facts) = dims_and_facts(&ctx, &inputs, &profiles);
    let env = Env::new(&ctx, &inputs).with_dims(&dims).with_facts(&facts);
    let terms = c.scoring.terms.iter().zip(&plan.terms).map(|(t, prog)| holds(&ctx, &t.when, prog, &env)).collect();
    let overrides = c.overrides.iter().zip(&plan.overrides).map(|(o, prog)| holds(&ctx, &o.when, prog, &env)).collect();
    finish(ctx, inputs, profiles, dims, facts, terms, overrides, extent, None)
}

/// Which profiles hold.
fn profiles(ctx: &Ctx<'_>, inputs: &Inputs) -> TriSet {
    let env = Env::new(ctx, inputs);
    ctx.c.profiles.iter().zip(&ctx.c.plan.profiles).map(|(p, prog)| holds(ctx, &p.when, prog, &env)).collect()
}

/// The dimensions under the profiles that apply, then the facts in dependency order.
fn dims_and_facts(ctx: &Ctx<'_>, inputs: &Inputs, profiles: &TriSet) -> (Vec<DimOutcome>, TriSet) {
    let (c, plan) = (ctx.c, &ctx.c.plan);
    let applicable = applicable(profiles);
    let dims: Vec<DimOutcome> = (0..c.dimensions.len()).map(|d| dimension(ctx, inputs, &applicable, d)).collect();
    let mut facts = TriSet::unknown(c.facts.len());
    for &f in &c.fact_order {
        let env = Env::new(ctx, inputs).with_dims(&dims).with_facts(&facts);
        let v = holds(ctx, &c.facts[f as usize].when, &plan.facts[f as usize], &env);
        facts.set(f, v);
    }
    (dims, facts)
}

/// The dimensions and facts of `eval`'s case read with `inputs` instead (profiles too,
/// where they read an indicator); nothing after the facts.
pub(super) fn reread(eval: &Evaluation<'_>, inputs: Inputs) -> super::Reread {
    let ctx = eval.ctx;
    let profiles = if ctx.c.plan.settles_locally { eval.profiles.clone() } else { profiles(&ctx, &inputs) };
    let (dims, facts) = dims_and_facts(&ctx, &inputs, &profiles);
    super::Reread { inputs, dims, facts }
}

pub(super) fn rerun<'a>(from: &Evaluation<'a>, inputs: Inputs, changed: &Changed, extent: Extent) -> Evaluation<'a> {
    let settled = match changed {
        Changed::Indicators(ids) if from.ctx.c.plan.settles_locally => ids,
        _ => return run(from.ctx, inputs, extent),
    };
    let ctx = from.ctx;
    let (c, plan) = (ctx.c, &ctx.c.plan);
    let mut dims = from.dims.clone();
    let mut dims_changed: Vec<u32> = Vec::new();
    let applicable = applicable(&from.profiles);
    for &i in settled {
        for &k in &plan.items_of[i as usize] {
            let d = c.items[k as usize].dimension;
            if dims_changed.contains(&d) {
                continue;
            }
            let outcome = dimension(&ctx, &inputs, &applicable, d as usize);
            if outcome != dims[d as usize] {
                dims[d as usize] = outcome;
                dims_changed.push(d);
            }
        }
    }
    let mut facts = from.facts.clone();
    let mut facts_changed: Vec<u32> = Vec::new();
    let reached = |leaf: &Leaf, facts_changed: &[u32]| match *leaf {
        Leaf::Present(j) | Leaf::RawValue(j) => settled.contains(&j),
        Leaf::Dimension(d) => dims_changed.contains(&d),
        Leaf::Fact(f) => facts_changed.contains(&f),
        _ => false,
    };
    for &f in &c.fact_order {
        if plan.fact_reads[f as usize].iter().any(|l| reached(l, &facts_changed)) {
            let env = Env::new(&ctx, &inputs).with_dims(&dims).with_facts(&facts);
            let v = holds(&ctx, &c.facts[f as usize].when, &plan.facts[f as usize], &env);
            if v != facts.get(f) {
                facts.set(f, v);
                facts_changed.push(f);
            }
        }
    }
    let env = Env::new(&ctx, &inputs).with_dims(&dims).with_facts(&facts);
    let mut terms = from.score.terms.clone();
    for (t, reads) in plan.term_reads.iter().enumerate() {
        if reads.iter().any(|l| reached(l, &facts_changed)) {
            terms.set(t as u32, holds(&ctx, &c.scoring.terms[t].when, &plan.terms[t], &env));
        }
    }
    let mut overrides = from.level.overrides.clone();
    for (o, reads) in plan.override_reads.iter().enumerate() {
        if reads.iter().any(|l| reached(l, &facts_changed)) {
            overrides.set(o as u32, holds(&ctx, &c.overrides[o].when, &plan.overrides[o], &env));
        }
    }
    finish(ctx, inputs, from.profiles.clone(), dims, facts, terms, overrides, extent, Some(from))
}

/// One dimension: under each profile that may apply, the grade counts, the points and
/// the dimension rule; what the profiles agree on.
fn dimension(ctx: &Ctx<'_>, inputs: &Inputs, applicable: &[usize], d: usize) -> DimOutcome {
    let c = ctx.c;
    let plan = &c.plan;
    let mut out: Option<DimOutcome> = None;
    for &p in applicable {
        let counts = match ctx.mode {
            Mode::Plan => plan.dims.counts(p, d, &inputs.present),
            Mode::Reference => item_counts(ctx, inputs, p, d),
        };
        let (lo, hi) = (counts.map(|c| c.0), counts.map(|c| c.1));
        let points = match (ctx.mode, &plan.scale) {
            (Mode::Plan, Some(scale)) => Range::new(scale.decimal(scale.points(lo)), scale.decimal(scale.points(hi))),
            _ => Range::new(plan.points(c, &lo), plan.points(c, &hi)),
        };
        let positive = match (ctx.mode, &plan.combination_table, &plan.combination) {
            (Mode::Plan, Some(table), _) => table.eval(lo, hi),
            (Mode::Plan, None, Some(rule)) => rule.eval(&lo, &hi),
            _ => eval_tri(&c.combination.when, &Env::new(ctx, inputs).with_grades(counts)),
        };
        let this = DimOutcome { positive, counts, points };
        out = Some(match out {
            None => this,
            Some(prev) => DimOutcome {
                positive: prev.positive.join(this.positive),
                counts: std::array::from_fn(|g| {
                    (prev.counts[g].0.min(this.counts[g].0), prev.counts[g].1.max(this.counts[g].1))
                }),
                points: prev.points.hull(this.points),
            },
        });
    }
    out.unwrap_or(DimOutcome { positive: Tri::False, counts: [(0, 0); 3], points: Range::ZERO })
}

/// The profiles whose grades apply: those that hold, or, when none is known to hold,
/// every one that may.
fn applicable(profiles: &TriSet) -> smallvec::SmallVec<[usize; 4]> {
    let definite = profiles.iter().any(|p| p == Tri::True);
    let wanted = if definite { Tri::True } else { Tri::Unknown };
    profiles.iter().enumerate().filter(|(_, t)| *t == Tri::True || *t == wanted).map(|(p, _)| p).collect()
}

/// Grade counts item by item: an item is present when any of its members is.
fn item_counts(ctx: &Ctx<'_>, inputs: &Inputs, p: usize, d: usize) -> [(u32, u32); 3] {
    let c = ctx.c;
    let mut counts = [(0u32, 0u32); 3];
    for &k in &c.plan.dim_items[d] {
        let item = &c.items[k as usize];
        let Some(g) = item.grades[p] else { continue };
        let present = item.members.iter().fold(Tri::False, |acc, m| acc.or(inputs.present.get(*m)));
        match present {
            Tri::True => {
                counts[g as usize].0 += 1;
                counts[g as usize].1 += 1;
            }
            Tri::Unknown => counts[g as usize].1 += 1,
            Tri::False => {}
        }
    }
    counts
}

/// The score, the level and the classification from the stages before them.
#[allow(clippy::too_many_arguments)]
fn finish<'a>(
    ctx: Ctx<'a>,
    inputs: Inputs,
    profiles: TriSet,
    dims: Vec<DimOutcome>,
    facts: TriSet,
    terms: TriSet,
    overrides: TriSet,
    extent: Extent,
    stale: Option<&Evaluation<'a>>,
) -> Evaluation<'a> {
    let full = extent == Extent::Full || stale.is_none();
    let (score, scaled) = score(&ctx, &dims, terms, full, stale.map(|s| s.score.possible));
    let level = level(&ctx, &score, scaled, overrides, full, stale.map(|s| s.level.possible));
    let mut eval = Evaluation {
        ctx,
        inputs,
        profiles,
        dims,
        facts,
        score,
        level,
        class: ClassOutcome {
            rules: TriSet::unknown(0),
            possible: 0,
            established: Classification::InsufficientIndicators,
            rule: None,
        },
    };
    eval.class = classify(&eval, full, stale.map(|s| &s.class));
    eval
}

/// The score; in plan mode also its established value and possible range as scaled
/// integers, which the level is read from.
fn score(
    ctx: &Ctx<'_>,
    dims: &[DimOutcome],
    terms: TriSet,
    full: bool,
    stale: Option<Range>,
) -> (Score, Option<(i64, i64, i64)>) {
    let c = ctx.c;
    let mut scaled_score = None;
    let (established, possible) = match (ctx.mode, &c.plan.scale) {
        (Mode::Plan, Some(scale)) => {
            let (mut est, mut lo, mut hi) = (0i64, 0i64, 0i64);
            let scaled = |d: Decimal| {
                let mut d = d;
                d.rescale(scale.scale);
                i64::try_from(d.mantissa()).unwrap_or(0)
            };
            for d in dims {
                let (l, h) = (scaled(d.points.lo), scaled(d.points.hi));
                est += l;
                lo += l;
                hi += h;
            }
            for (points, v) in scale.terms.iter().zip(terms.iter()) {
                match v {
                    Tri::True => {
                        est += points;
                        lo += points;
                        hi += points;
                    }
                    Tri::Unknown => {
                        lo += points.min(&0);
                        hi += points.max(&0);
                    }
                    Tri::False => {}
                }
            }
            scaled_score = Some((est, lo, hi));
            (scale.decimal(est), Range::new(scale.decimal(lo), scale.decimal(hi)))
        }
        _ => {
            let mut possible = Range::ZERO;
            let mut established = Decimal::ZERO;
            for d in dims {
                possible = possible + d.points;
                established = established.saturating_add(d.points.lo);
            }
            for (t, v) in c.scoring.terms.iter().zip(terms.iter()) {
                match v {
                    Tri::True => {
                        possible = possible + Range::point(t.then);
                        established = established.saturating_add(t.then);
                    }
                    Tri::Unknown => {
                        possible = possible + Range::new(t.then.min(Decimal::ZERO), t.then.max(Decimal::ZERO))
                    }
                    Tri::False => {}
                }
            }
            (established, possible)
        }
    };
    let possible = if full { possible } else { stale.unwrap_or(possible) };
    (Score { terms, possible, established }, scaled_score)
}

fn level(
    ctx: &Ctx<'_>,
    score: &Score,
    scaled: Option<(i64, i64, i64)>,
    overrides: TriSet,
    full: bool,
    stale: Option<(Level, Level)>,
) -> LevelOutcome {
    let c = ctx.c;
    // The level a score gives: integer comparisons in plan mode.
    let level_of = |which: usize| match (scaled, &c.plan.scale) {
        (Some(s), Some(scale)) => scale.level_of([s.0, s.1, s.2][which]),
        _ => c.scoring.level_of([score.established, score.possible.lo, score.possible.hi][which]),
    };
    let mut floor_true = None;
    let mut floor_possible = None;
    for (o, v) in c.overrides.iter().zip(overrides.iter()) {
        if v == Tri::True {
            floor_true = floor_true.max(Some(o.then));
        }
        if v.possible() {
            floor_possible = floor_possible.max(Some(o.then));
        }
    }
    let (ft, fp) = (floor_true.unwrap_or(Level::None), floor_possible.unwrap_or(Level::None));
    let discretionary = ctx.b.discretionary.as_ref().map(|d| d.0);
    let mut established = level_of(0).max(ft);
    let mut lowering_blocked = false;
    match discretionary {
        Some(Direction::Raise) => established = established.raised(),
        Some(Direction::Lower) => {
            lowering_blocked = established.lowered() < ft;
            established = established.lowered().max(ft);
        }
        None => {}
    }
    let possible = match stale {
        Some(stale) if !full => stale,
        _ => {
            let mut lo = level_of(1).max(ft);
            let mut hi = level_of(2).max(fp);
            match discretionary {
                Some(Direction::Raise) => {
                    lo = lo.raised();
                    hi = hi.raised();
                }
                Some(Direction::Lower) => {
                    lo = lo.lowered().max(ft);
                    hi = hi.lowered().max(fp);
                }
                None => {}
            }
            (lo, hi.max(lo))
        }
    };
    LevelOutcome { overrides, floor_true, floor_possible, possible, established, lowering_blocked }
}

/// The classifications still possible (at the possible levels) and the established one
/// (the first rule, in the table's order, that holds at the established level).
fn classify(eval: &Evaluation<'_>, full: bool, stale: Option<&ClassOutcome>) -> ClassOutcome {
    let ctx = &eval.ctx;
    let (c, plan) = (ctx.c, &ctx.c.plan);
    let (rules, possible) = match stale {
        Some(stale) if !full => (stale.rules.clone(), stale.possible),
        _ => {
            let env = eval.class_env();
            let rules: TriSet =
                c.classification.iter().zip(&plan.classification).map(|(r, p)| holds(ctx, &r.when, p, &env)).collect();
            let mut set = 0u8;
            let mut closed = false;
            for (r, v) in c.classification.iter().zip(rules.iter()) {
                if v.possible() {
                    set |= r.then.bit();
                }
                if v == Tri::True {
                    closed = true;
                    break;
                }
            }
            if !closed {
                set |= Classification::InsufficientIndicators.bit();
            }
            (rules, set)
        }
    };
    let env = eval.env().with_level((eval.level.established, eval.level.established));
    let rule =
        c.classification.iter().zip(&plan.classification).position(|(r, p)| holds(ctx, &r.when, p, &env) == Tri::True);
    ClassOutcome {
        rules,
        possible,
        established: rule.map_or(Classification::InsufficientIndicators, |i| c.classification[i].then),
        rule,
    }
}
