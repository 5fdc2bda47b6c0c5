//! The stages, each a function of the ones before it. A full run computes every stage; a
//! re-run for the ranking of unknowns starts from a finished evaluation and evaluates
//! again only the conditions that read something the settled inputs changed.

use super::{ClassOutcome, Ctx, DimOutcome, Env, Evaluation, Inputs, LevelOutcome, Score};
use crate::case::{Direction, ObservedValue};
use crate::expr::{eval_tri, Leaf};
use crate::model::{Classification, Level};
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

/// Presence of every indicator from the raw observations: bool values directly, counts and
/// enum values through `present_when`.
pub(super) fn presence(ctx: Ctx<'_>) -> Vec<Tri> {
    let inputs = Inputs { present: Vec::new(), is_child: Tri::Unknown, is_foreign: Tri::Unknown, settled: Vec::new() };
    let env = Env::new(&ctx, &inputs);
    ctx.c
        .indicators
        .iter()
        .enumerate()
        .map(|(i, ind)| {
            let raw = ctx.b.raw[i];
            match (ind.kind, raw) {
                (_, None) | (IndicatorKind::Bool, Some(ObservedValue::Unknown(()))) => Tri::Unknown,
                (IndicatorKind::Bool, Some(ObservedValue::Bool(v))) => Tri::from(*v),
                (IndicatorKind::Count | IndicatorKind::Enum, Some(v)) => {
                    let value = super::raw_val(ind.kind, Some(v));
                    match &ind.present_when {
                        Some(rule) => eval_tri(rule, &env),
                        // A count without `present_when` is present when above zero.
                        None => Range::ZERO.lt(value.as_range()),
                    }
                }
                _ => Tri::Unknown,
            }
        })
        .collect()
}

pub(super) fn run<'a>(ctx: Ctx<'a>, inputs: Inputs, extent: Extent) -> Evaluation<'a> {
    let c = ctx.c;
    let profiles: Vec<Tri> = {
        let env = Env::new(&ctx, &inputs);
        c.profiles.iter().map(|p| eval_tri(&p.when, &env)).collect()
    };
    let items: Vec<Tri> = c.items.iter().map(|it| item_presence(&inputs, &it.members)).collect();
    let dims: Vec<DimOutcome> =
        (0..c.dimensions.len()).map(|d| dimension(&ctx, &inputs, &profiles, &items, d)).collect();
    let mut facts = vec![Tri::Unknown; c.facts.len()];
    for &f in &c.fact_order {
        let v = eval_tri(&c.facts[f as usize].when, &Env::new(&ctx, &inputs).with_dims(&dims).with_facts(&facts));
        facts[f as usize] = v;
    }
    let env = Env::new(&ctx, &inputs).with_dims(&dims).with_facts(&facts);
    let terms = c.scoring.terms.iter().map(|t| eval_tri(&t.when, &env)).collect();
    let overrides = c.overrides.iter().map(|o| eval_tri(&o.when, &env)).collect();
    finish(ctx, inputs, items, profiles, dims, facts, terms, overrides, extent, None)
}

pub(super) fn rerun<'a>(from: &Evaluation<'a>, inputs: Inputs, changed: &Changed, extent: Extent) -> Evaluation<'a> {
    let settled = match changed {
        Changed::Indicators(ids) if from.ctx.c.plan.settles_locally => ids,
        _ => return run(from.ctx, inputs, extent),
    };
    let ctx = from.ctx;
    let c = ctx.c;
    let plan = &c.plan;
    let mut items = from.items.clone();
    let mut dims = from.dims.clone();
    let mut dims_changed: Vec<u32> = Vec::new();
    for &i in settled {
        for &k in &plan.items_of[i as usize] {
            items[k as usize] = item_presence(&inputs, &c.items[k as usize].members);
        }
    }
    for &i in settled {
        for &k in &plan.items_of[i as usize] {
            let d = c.items[k as usize].dimension;
            if dims_changed.contains(&d) {
                continue;
            }
            let outcome = dimension(&ctx, &inputs, &from.profiles, &items, d as usize);
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
            let v = eval_tri(&c.facts[f as usize].when, &env);
            if v != facts[f as usize] {
                facts[f as usize] = v;
                facts_changed.push(f);
            }
        }
    }
    let env = Env::new(&ctx, &inputs).with_dims(&dims).with_facts(&facts);
    let mut terms = from.score.terms.clone();
    for (t, reads) in plan.term_reads.iter().enumerate() {
        if reads.iter().any(|l| reached(l, &facts_changed)) {
            terms[t] = eval_tri(&c.scoring.terms[t].when, &env);
        }
    }
    let mut overrides = from.level.overrides.clone();
    for (o, reads) in plan.override_reads.iter().enumerate() {
        if reads.iter().any(|l| reached(l, &facts_changed)) {
            overrides[o] = eval_tri(&c.overrides[o].when, &env);
        }
    }
    finish(ctx, inputs, items, from.profiles.clone(), dims, facts, terms, overrides, extent, Some(from))
}

fn item_presence(inputs: &Inputs, members: &[u32]) -> Tri {
    members.iter().fold(Tri::False, |acc, m| acc.or(inputs.present[*m as usize]))
}

/// One dimension from its items' presence: under each profile that may apply, the grade
/// counts, the points and the dimension rule; what the profiles agree on.
fn dimension(ctx: &Ctx<'_>, inputs: &Inputs, profiles: &[Tri], items: &[Tri], d: usize) -> DimOutcome {
    let c = ctx.c;
    let definite = profiles.contains(&Tri::True);
    let mut out: Option<DimOutcome> = None;
    for (p, applies) in profiles.iter().enumerate() {
        if *applies == Tri::False || (definite && *applies == Tri::Unknown) {
            continue;
        }
        // Counts per grade under profile p: lowest and highest.
        let (mut lo, mut hi) = ([0u32; 3], [0u32; 3]);
        for &k in &c.plan.dim_items[d] {
            let Some(g) = c.items[k as usize].grades[p] else { continue };
            match items[k as usize] {
                Tri::True => {
                    lo[g as usize] += 1;
                    hi[g as usize] += 1;
                }
                Tri::Unknown => hi[g as usize] += 1,
                Tri::False => {}
            }
        }
        let counts: [Range; 3] = std::array::from_fn(|g| Range::new(Decimal::from(lo[g]), Decimal::from(hi[g])));
        let points = Range::new(c.plan.points(c, &lo), c.plan.points(c, &hi));
        let positive = match &c.plan.combination {
            Some(rule) => rule.eval(&lo, &hi),
            None => eval_tri(&c.combination.when, &Env::new(ctx, inputs).with_grades(counts)),
        };
        let this = DimOutcome { positive, counts, points };
        out = Some(match out {
            None => this,
            Some(prev) => DimOutcome {
                positive: prev.positive.join(this.positive),
                counts: std::array::from_fn(|g| prev.counts[g].hull(this.counts[g])),
                points: prev.points.hull(this.points),
            },
        });
    }
    out.unwrap_or(DimOutcome { positive: Tri::False, counts: [Range::ZERO; 3], points: Range::ZERO })
}

/// The score, the level and the classification from the stages before them.
#[allow(clippy::too_many_arguments)]
fn finish<'a>(
    ctx: Ctx<'a>,
    inputs: Inputs,
    items: Vec<Tri>,
    profiles: Vec<Tri>,
    dims: Vec<DimOutcome>,
    facts: Vec<Tri>,
    terms: Vec<Tri>,
    overrides: Vec<Tri>,
    extent: Extent,
    stale: Option<&Evaluation<'a>>,
) -> Evaluation<'a> {
    let full = extent == Extent::Full || stale.is_none();
    let score = score(&ctx, &dims, terms, full, stale.map(|s| s.score.possible));
    let level = level(&ctx, &score, overrides, full, stale.map(|s| s.level.possible));
    let mut eval = Evaluation {
        ctx,
        inputs,
        items,
        profiles,
        dims,
        facts,
        score,
        level,
        class: ClassOutcome {
            rules: Vec::new(),
            possible: 0,
            established: Classification::InsufficientIndicators,
            rule: None,
        },
    };
    eval.class = classify(&eval, full, stale.map(|s| &s.class));
    eval
}

fn score(ctx: &Ctx<'_>, dims: &[DimOutcome], terms: Vec<Tri>, full: bool, stale: Option<Range>) -> Score {
    let c = ctx.c;
    let mut possible = Range::ZERO;
    let mut established = Decimal::ZERO;
    for d in dims {
        possible = possible + d.points;
        established = established.saturating_add(d.points.lo);
    }
    for (t, v) in c.scoring.terms.iter().zip(&terms) {
        match v {
            Tri::True => {
                possible = possible + Range::point(t.then);
                established = established.saturating_add(t.then);
            }
            Tri::Unknown => possible = possible + Range::new(t.then.min(Decimal::ZERO), t.then.max(Decimal::ZERO)),
            Tri::False => {}
        }
    }
    let possible = if full { possible } else { stale.unwrap_or(possible) };
    Score { terms, possible, established }
}

fn level(ctx: &Ctx<'_>, score: &Score, overrides: Vec<Tri>, full: bool, stale: Option<(Level, Level)>) -> LevelOutcome {
    let c = ctx.c;
    let mut floor_true = None;
    let mut floor_possible = None;
    for (o, v) in c.overrides.iter().zip(&overrides) {
        if *v == Tri::True {
            floor_true = floor_true.max(Some(o.then));
        }
        if v.possible() {
            floor_possible = floor_possible.max(Some(o.then));
        }
    }
    let (ft, fp) = (floor_true.unwrap_or(Level::None), floor_possible.unwrap_or(Level::None));
    let discretionary = ctx.b.discretionary.as_ref().map(|d| d.0);
    let mut established = c.scoring.level_of(score.established).max(ft);
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
            let mut lo = c.scoring.level_of(score.possible.lo).max(ft);
            let mut hi = c.scoring.level_of(score.possible.hi).max(fp);
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
    let c = eval.ctx.c;
    let (rules, possible) = match stale {
        Some(stale) if !full => (stale.rules.clone(), stale.possible),
        _ => {
            let env = eval.class_env();
            let rules: Vec<Tri> = c.classification.iter().map(|r| eval_tri(&r.when, &env)).collect();
            let mut set = 0u8;
            let mut closed = false;
            for (r, v) in c.classification.iter().zip(&rules) {
                if v.possible() {
                    set |= r.then.bit();
                }
                if *v == Tri::True {
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
    let rule = c.classification.iter().position(|r| eval_tri(&r.when, &env) == Tri::True);
    ClassOutcome {
        rules,
        possible,
        established: rule.map_or(Classification::InsufficientIndicators, |i| c.classification[i].then),
        rule,
    }
}
