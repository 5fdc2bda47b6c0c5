//! *Polarity.* When every condition that decides the level and the classification only
//! ever asks whether indicators are *present* — never whether they are absent — an
//! unknown indicator already counts as absent in what is established, so settling it to
//! absent cannot change the established outcome. [`absent_changes_nothing`] holds when
//! this can be proved for the whole pack; the ranking of unknowns then skips that half of
//! its runs.

use crate::expr::parse::CmpOp;
use crate::expr::{Const, Expr, Leaf};
use crate::protocol::Checked;

/// How a condition's value can move when an unknown indicator is settled to absent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Polarity {
    /// Does not read indicators at all: its value cannot move.
    Fixed,
    /// Asks only for presence: a truth value that holds keeps holding, and a number's
    /// lower end stays where it is (its upper end may fall).
    Upward,
}

pub(crate) fn absent_changes_nothing(c: &Checked) -> bool {
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

/// Whether `e` only ever asks whether things are present or at least some number: a
/// truth value that holds keeps holding, and a number's lower end stays where it is,
/// when more is present.
pub(crate) fn upward(e: &Expr) -> bool {
    polarity(e, &[], false).is_some()
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
            Leaf::Level | Leaf::Classification | Leaf::Overdue(_) | Leaf::RawValue(_) => None,
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
