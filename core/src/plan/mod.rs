//! The evaluation plan: what is worked out once, when a pack loads, so that evaluating a
//! case is bit operations and whole-number arithmetic.
//!
//! - Indicators get bit positions; a case's presences are a [`bits::TriSet`] (a *known*
//!   and a *true* mask), so `any`, `all` and `count` over presences are word operations,
//!   and grade counts are popcounts against precomputed masks ([`dims`]).
//! - Every condition is compiled ([`program`]): names resolved to direct reads, runs of
//!   presences folded into masks, numbers as whole-number ranges where they are whole.
//! - The score is a sum of integers at one decimal scale ([`score`]).
//! - Who reads what: settling one indicator changes its item, its dimension, and the
//!   conditions that read those; the ranking of unknowns re-evaluates only those (see
//!   `eval::Evaluation::rerun`), and skips settling to absent where the pack's polarity
//!   proves that changes nothing ([`polarity`]).
//!
//! The decimal-range evaluator (`expr::eval`) stays the reference: the evaluation
//! pipeline runs in either mode (`eval::Mode`), and a differential test holds the plan to
//! the reference on every conformance vector and on generated cases.

pub(crate) mod bits;
pub(crate) mod clock;
mod dims;
mod polarity;
pub(crate) mod program;
mod score;
pub(crate) mod words;

use crate::expr::counts::CountRule;
use crate::expr::Leaf;
use crate::protocol::{Checked, Compiled};
use bits::Mask;
use dims::DimMasks;
use program::Prog;
use rust_decimal::Decimal;
use score::ScoreScale;

/// The compiled conditions of one obligation: its base and its exceptions.
#[derive(Debug, Default)]
pub(crate) struct ObligationProgs {
    pub base: Prog,
    pub exceptions: Vec<Prog>,
}

impl Default for Prog {
    fn default() -> Prog {
        Prog::Const(crate::value::Tri::Unknown)
    }
}

#[derive(Debug)]
pub(crate) struct Plan {
    /// Per indicator: the items it is a member of.
    pub items_of: Vec<Vec<u32>>,
    /// Per dimension: its items.
    pub dim_items: Vec<Vec<u32>>,
    /// Per grade, the points of 0, 1, 2, ... items of that grade (one multiplication
    /// each, done here rather than for every dimension of every case).
    pub grade_multiples: [Vec<Decimal>; 3],
    /// The dimension rule on whole-number counts, when it can be (see `expr::counts`).
    pub combination: Option<CountRule>,
    /// The dimension rule as a table of counts, when it is upward.
    pub combination_table: Option<dims::CombinationTable>,
    /// Per fact, score term and override: the names its condition reads.
    pub fact_reads: Vec<Vec<Leaf>>,
    pub term_reads: Vec<Vec<Leaf>>,
    pub override_reads: Vec<Vec<Leaf>>,
    /// Profiles and the dimension rule read no indicator, fact or dimension, so settling
    /// an indicator reaches only its items' dimensions and what reads them.
    pub settles_locally: bool,
    /// Settling an unknown indicator to absent cannot change the established level or
    /// classification (proved from the conditions' polarity).
    pub absent_changes_nothing: bool,
    /// Compiled conditions, indexed as the protocol's.
    pub profiles: Vec<Prog>,
    pub present_when: Vec<Option<Prog>>,
    pub facts: Vec<Prog>,
    pub terms: Vec<Prog>,
    pub overrides: Vec<Prog>,
    pub classification: Vec<Prog>,
    pub obligations: Vec<ObligationProgs>,
    /// Grade counts by masks.
    pub dims: DimMasks,
    /// The score in whole numbers, when every number of it fits.
    pub scale: Option<ScoreScale>,
    /// The protected indicators.
    pub protected: Mask,
    /// Deadlines by table.
    pub clock: clock::Clock,
    /// The texts assessments share.
    pub words: words::Words,
}

impl Plan {
    pub(crate) fn of(c: &Checked) -> Plan {
        let mut items_of = vec![Vec::new(); c.indicators.len()];
        let mut dim_items = vec![Vec::new(); c.dimensions.len()];
        for (k, item) in c.items.iter().enumerate() {
            dim_items[item.dimension as usize].push(k as u32);
            for m in &item.members {
                items_of[*m as usize].push(k as u32);
            }
        }
        let grade_multiples = std::array::from_fn(|g| {
            (0..=c.items.len()).map(|n| c.scoring.grade_points[g].saturating_mul(Decimal::from(n))).collect()
        });
        let compile = |e: &crate::expr::Expr| program::compile(c, e);
        let combination = CountRule::compile(&c.combination.when);
        Plan {
            combination_table: combination
                .as_ref()
                .and_then(|rule| dims::CombinationTable::of(c, rule, polarity::upward(&c.combination.when))),
            combination,
            scale: ScoreScale::of(c, &grade_multiples),
            grade_multiples,
            items_of,
            dim_items,
            fact_reads: c.facts.iter().map(|f| f.when.leaves()).collect(),
            term_reads: c.scoring.terms.iter().map(|t| t.when.leaves()).collect(),
            override_reads: c.overrides.iter().map(|o| o.when.leaves()).collect(),
            settles_locally: c.profiles.iter().map(|p| &p.when).chain([&c.combination.when]).all(|e| {
                e.leaves()
                    .iter()
                    .all(|l| matches!(l, Leaf::Param(_) | Leaf::Subject(_) | Leaf::Case(_) | Leaf::Grade(_)))
            }),
            absent_changes_nothing: polarity::absent_changes_nothing(c),
            profiles: c.profiles.iter().map(|p| compile(&p.when)).collect(),
            present_when: c.indicators.iter().map(|i| i.present_when.as_ref().map(compile)).collect(),
            facts: c.facts.iter().map(|f| compile(&f.when)).collect(),
            terms: c.scoring.terms.iter().map(|t| compile(&t.when)).collect(),
            overrides: c.overrides.iter().map(|o| compile(&o.when)).collect(),
            classification: c.classification.iter().map(|r| compile(&r.when)).collect(),
            obligations: c
                .obligations
                .iter()
                .map(|o| ObligationProgs {
                    base: compile(&o.base.when),
                    exceptions: o.exceptions.iter().map(|e| compile(&e.when)).collect(),
                })
                .collect(),
            dims: DimMasks::of(c),
            clock: clock::Clock::of(&c.meta.time_zone, &c.calendars, c.roles.len()),
            words: words::Words::of(c),
            protected: Mask::of(
                c.indicators.len(),
                c.indicators.iter().enumerate().filter(|(_, i)| i.protected).map(|(k, _)| k as u32),
            ),
        }
    }

    /// A dimension's points for its strong, medium and weak counts, capped.
    pub(crate) fn points(&self, c: &Compiled, counts: &[u32; 3]) -> Decimal {
        let mut total = Decimal::ZERO;
        for (multiples, n) in self.grade_multiples.iter().zip(counts) {
            if *n != 0 {
                total = total.saturating_add(multiples[*n as usize]);
            }
        }
        c.scoring.dimension_cap.map_or(total, |cap| total.min(cap))
    }
}

#[cfg(test)]
mod tests {
    use crate::value::Tri;
    use crate::Protocol;

    /// Every case of the conformance vectors (and, with the `synth` feature, 300
    /// generated ones), every unknown indicator, both ways: the local re-run gives what a
    /// full run gives, and settling to absent changes nothing established.
    #[test]
    fn local_reruns_agree_with_full_runs() {
        use crate::eval::{presence, Changed, Ctx, Evaluation, Extent, Mode};
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/cases");
        let mut cases: Vec<(String, crate::Case, jiff::Timestamp)> = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let v: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap()).unwrap();
            let case = crate::Case::from_json(&v["case"].to_string()).unwrap();
            cases.push((
                v["pack"].as_str().unwrap().to_owned(),
                case,
                crate::parse_as_of(v["as_of"].as_str().unwrap()).unwrap(),
            ));
        }
        #[cfg(feature = "synth")]
        for (k, case) in crate::synth::Synth::new(&Protocol::bundled("bih").unwrap(), 7).take(300).enumerate() {
            let as_of =
                crate::parse_as_of(if k % 2 == 0 { "2026-12-31T12:00:00+01:00" } else { "2026-04-01T08:00:00+02:00" });
            if let Ok(as_of) = as_of {
                cases.push(("bih".into(), case, as_of));
            }
        }
        let mut checked = 0;
        for ((pack, case, as_of), mode) in cases.iter().flat_map(|c| [(c, Mode::Plan), (c, Mode::Reference)]) {
            let p = Protocol::bundled(pack).unwrap();
            let c = &*p.inner;
            assert!(c.plan.settles_locally);
            let Ok(b) = crate::bind::bind(c, case, *as_of) else { continue };
            let ctx = Ctx { c, b: &b, local: &[], mode };
            let now = Evaluation::run(ctx, presence(ctx));
            for i in 0..c.indicators.len() {
                if now.inputs.present.get(i as u32) != Tri::Unknown {
                    continue;
                }
                for v in [true, false] {
                    let mut inputs = now.inputs.clone();
                    inputs.present.set(i as u32, Tri::from(v));
                    inputs.settled.push((i as u32, v));
                    let full = now.rerun(inputs.clone(), &Changed::All, Extent::Full);
                    let local = now.rerun(inputs.clone(), &Changed::Indicators(vec![i as u32]), Extent::Full);
                    let summary = |e: &Evaluation<'_>| {
                        (e.level.clone(), e.class.clone(), e.score.clone(), e.facts.clone(), e.dims.clone())
                    };
                    assert_eq!(summary(&local), summary(&full), "{} {}", case.id, c.indicators[i].id);
                    let lean = now.rerun(inputs, &Changed::Indicators(vec![i as u32]), Extent::EstablishedOnly);
                    assert_eq!(
                        (lean.level.established, lean.class.established, lean.score.established),
                        (full.level.established, full.class.established, full.score.established)
                    );
                    if !v {
                        assert_eq!(
                            (full.level.established, full.class.established),
                            (now.level.established, now.class.established)
                        );
                    }
                    checked += 1;
                }
            }
        }
        assert!(checked > 1000, "only {checked} settlings checked");
    }

    #[test]
    fn bundled_packs_ask_only_for_presence() {
        for id in ["bih", "ilo-2009"] {
            let p = Protocol::bundled(id).unwrap();
            assert!(p.inner.plan.absent_changes_nothing, "{id}");
            assert!(p.inner.plan.combination.is_some(), "{id}: the dimension rule runs on whole numbers");
        }
    }

    #[test]
    fn a_negation_or_an_upper_bound_defeats_the_proof() {
        let base = Protocol::bundled("bih").unwrap();
        let files = base.files().to_vec();
        for (from, to) in [
            (
                "when = \"subject.is_child and daily_money_quota\"",
                "when = \"subject.is_child and not daily_money_quota\"",
            ),
            (
                "when = \"subject.is_child and daily_money_quota\"",
                "when = \"count(daily_money_quota, forced_begging) <= 1\"",
            ),
        ] {
            let mut changed = files.clone();
            let rules = changed.iter_mut().find(|(name, _)| name == "rules.toml").unwrap();
            assert!(rules.1.contains(from));
            rules.1 = rules.1.replacen(from, to, 1);
            let p = Protocol::from_files(changed).unwrap();
            assert!(!p.inner.plan.absent_changes_nothing, "{to}");
        }
    }
}
