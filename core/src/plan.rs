//! What the evaluator can skip, worked out once when a pack loads.
//!
//! Ranking the unknown inputs settles each one both ways and re-runs the pipeline. Two
//! facts about the pack make that cheap:
//!
//! - *Who reads what.* Settling one indicator changes its item, its dimension, and the
//!   conditions that read those; everything else keeps its value. [`Plan`] records, for
//!   every stage, the names each condition reads, so a re-run evaluates only what the
//!   settled input can reach (see `State::rerun_settled`).
//! - *Polarity.* When every condition that decides the level and the classification only
//!   ever asks whether indicators are *present* — never whether they are absent — an
//!   unknown indicator already counts as absent in what is established, so settling it
//!   to absent cannot change the established outcome. [`Plan::absent_changes_nothing`]
//!   holds when the checker can prove that for the whole pack; the ranking then skips
//!   that half of its runs.

use crate::expr::counts::CountRule;
use crate::expr::parse::CmpOp;
use crate::expr::{Const, Expr, Leaf};
use crate::protocol::Compiled;
use rust_decimal::Decimal;

#[derive(Debug, Default)]
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
    /// Per fact, score term and override: the names its condition reads.
    pub fact_reads: Vec<Vec<Leaf>>,
    pub term_reads: Vec<Vec<Leaf>>,
    pub override_reads: Vec<Vec<Leaf>>,
    /// Profiles and the dimension rule read no indicator, fact or dimension, so settling
    /// an indicator reaches only its items' dimensions and what reads them.
    pub settles_locally: bool,
    /// Settling an unknown indicator to absent cannot change the established level or
    /// classification (proved from the conditions' polarity; see the module note).
    pub absent_changes_nothing: bool,
}

impl Plan {
    pub(crate) fn of(c: &Compiled) -> Plan {
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
        Plan {
            combination: CountRule::compile(&c.combination.when),
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
            absent_changes_nothing: absent_changes_nothing(c),
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

/// How a condition's value can move when an unknown indicator is settled to absent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Polarity {
    /// Does not read indicators at all: its value cannot move.
    Fixed,
    /// Asks only for presence: a truth value that holds keeps holding, and a number's
    /// lower end stays where it is (its upper end may fall).
    Upward,
}

fn absent_changes_nothing(c: &Compiled) -> bool {
    let mut facts: Vec<Option<Polarity>> = vec![None; c.facts.len()];
    // Profiles decide which grades count; they must not read indicators.
    if !c.profiles.iter().all(|p| polarity(&p.when, &facts, false) == Some(Polarity::Fixed)) {
        return false;
    }
    if polarity(&c.combination.when, &facts, false).is_none() {
        return false;
    }
    for &f in &c.fact_order {
        match polarity(&c.facts[f as usize].when, &facts, false) {
            Some(p) => facts[f as usize] = Some(p),
            None => return false,
        }
    }
    let terms = c.scoring.terms.iter().map(|t| &t.when);
    let overrides = c.overrides.iter().map(|o| &o.when);
    if !terms.chain(overrides).all(|e| polarity(e, &facts, false).is_some()) {
        return false;
    }
    // Classification rules read the established level, which the above keeps fixed.
    c.classification.iter().all(|r| polarity(&r.when, &facts, true).is_some())
}

/// The polarity of `e`, or `None` when it cannot be proved (a negation, an upper bound on
/// a count, a raw value...). `level_fixed`: the level reads as a fixed value here.
fn polarity(e: &Expr, facts: &[Option<Polarity>], level_fixed: bool) -> Option<Polarity> {
    use Polarity::*;
    let all = |es: &[Expr]| -> Option<Polarity> {
        let mut out = Fixed;
        for x in es {
            if polarity(x, facts, level_fixed)? == Upward {
                out = Upward;
            }
        }
        Some(out)
    };
    let fixed_only = |x: &Expr| (polarity(x, facts, level_fixed)? == Fixed).then_some(Fixed);
    match e {
        Expr::Const(_) => Some(Fixed),
        Expr::Leaf(leaf) => match leaf {
            Leaf::Present(_) | Leaf::Dimension(_) | Leaf::Grade(_) => Some(Upward),
            Leaf::Fact(f) => facts[*f as usize],
            Leaf::Param(_) | Leaf::Subject(_) | Leaf::Case(_) => Some(Fixed),
            Leaf::Level if level_fixed => Some(Fixed),
            Leaf::Level | Leaf::Classification | Leaf::Overdue(_) | Leaf::RawValue(_) | Leaf::Value => None,
        },
        Expr::And(es) | Expr::Or(es) | Expr::Count(es) => all(es),
        Expr::Add(a, b) => Some(polarity(a, facts, level_fixed)?.max(polarity(b, facts, level_fixed)?)),
        Expr::Not(x) | Expr::Neg(x) | Expr::Known(x) => fixed_only(x),
        Expr::In(x, alts) => {
            fixed_only(x)?;
            alts.iter().try_for_each(|a| fixed_only(a).map(|_| ()))?;
            Some(Fixed)
        }
        Expr::Cmp(op, a, b) => {
            let (pa, pb) = (polarity(a, facts, level_fixed)?, polarity(b, facts, level_fixed)?);
            match (op, pa, pb) {
                (_, Fixed, Fixed) => Some(Fixed),
                // "at least": holds when the lower end clears the bound.
                (CmpOp::Ge | CmpOp::Gt, Upward, Fixed) | (CmpOp::Le | CmpOp::Lt, Fixed, Upward) => Some(Upward),
                _ => None,
            }
        }
        Expr::Mul(a, b) => match (polarity(a, facts, level_fixed)?, polarity(b, facts, level_fixed)?) {
            (Fixed, Fixed) => Some(Fixed),
            // Scaling by a known non-negative number keeps the lower end in place.
            (Upward, Fixed) if non_negative(b) => Some(Upward),
            (Fixed, Upward) if non_negative(a) => Some(Upward),
            _ => None,
        },
    }
}

fn non_negative(e: &Expr) -> bool {
    matches!(e, Expr::Const(Const::Num(r)) if r.is_point() && !r.lo.is_sign_negative())
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
        use crate::evaluate::{base_presence, Extent, Settle, State};
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
        for (pack, case, as_of) in &cases {
            let p = Protocol::bundled(pack).unwrap();
            let c = &*p.inner;
            assert!(c.plan.settles_locally);
            let Ok(b) = crate::bind::bind(c, case, *as_of) else { continue };
            let base = base_presence(c, &b, &[]);
            let now = State::run(c, &b, &[], &base, None);
            let mut local = State::new(c, &b, &[]);
            let mut lean = State::new(c, &b, &[]);
            for (i, t) in base.iter().enumerate() {
                if *t != Tri::Unknown {
                    continue;
                }
                for v in [true, false] {
                    let full = State::run(c, &b, &[], &base, Some(Settle::Indicator(i as u32, v)));
                    local.rerun_settled(&now, i as u32, v, Extent::Full);
                    let summary = |s: &State<'_>| {
                        (s.level, s.level_established, s.class_set, s.class_established, s.score, s.score_established)
                    };
                    assert_eq!(summary(&local), summary(&full), "{} {}", case.id, c.indicators[i].id);
                    assert_eq!(
                        (local.facts.clone(), local.terms.clone(), local.overrides.clone()),
                        (full.facts.clone(), full.terms.clone(), full.overrides.clone())
                    );
                    lean.rerun_settled(&now, i as u32, v, Extent::EstablishedOnly);
                    assert_eq!(
                        (lean.level_established, lean.class_established, lean.score_established),
                        (full.level_established, full.class_established, full.score_established)
                    );
                    if !v {
                        assert_eq!(
                            (full.level_established, full.class_established),
                            (now.level_established, now.class_established)
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
