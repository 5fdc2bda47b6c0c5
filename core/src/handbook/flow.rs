//! Which duties can arise with each classification. Every condition is evaluated by the
//! engine's own three-valued evaluator with the classification fixed and everything else
//! unknown: a duty whose condition is then false cannot arise with that classification,
//! one that is true always does, and the rest arise when the rest of their condition
//! holds. The levels a classification allows come the same way, from the
//! classification table, so that `level >= "high"` is false where only `none` is
//! possible. The answer can only err towards "may arise".

use crate::expr::{eval_tri, Env, Leaf, SubjectField, Val};
use crate::model::{Classification, Level};
use crate::pack::doc::ParamType;
use crate::protocol::{Checked, IndicatorKind, Protocol};
use crate::value::{Range, Tri};
use rust_decimal::Decimal;

/// The duties of one classification.
#[derive(Debug)]
pub(crate) struct Tier {
    /// The levels possible with this classification, lowest and highest.
    pub levels: (Level, Level),
    /// Definitions that can arise, in the pack's obligation order.
    pub duties: Vec<Arising>,
}

/// A definition of an obligation that can arise with a classification.
#[derive(Debug)]
pub(crate) struct Arising {
    /// The obligation, by index.
    pub obligation: usize,
    /// `None` for the base definition, else the exception's index.
    pub exception: Option<usize>,
    /// `True` when it always arises with this classification, `Unknown` when it depends
    /// on the rest of its condition.
    pub when: Tri,
    /// It reads `overdue.*`: an escalation.
    pub escalation: bool,
}

/// Every classification with the duties that can arise with it.
pub(crate) fn tiers(protocol: &Protocol) -> Vec<(Classification, Tier)> {
    let c: &Checked = &protocol.inner;
    Classification::ALL
        .into_iter()
        .filter_map(|class| {
            let levels = levels_of(c, class)?;
            Some((class, tier(c, class, levels)))
        })
        .collect()
}

fn tier(c: &Checked, class: Classification, levels: (Level, Level)) -> Tier {
    let mut env = Fixed { c, class: Some(class), levels, overdue_possible: vec![false; c.obligations.len()] };
    let mut duties = Vec::new();
    // The checked model lists obligations after those whose `overdue` they read, so
    // each knows by then whether those can arise at all.
    for (i, o) in c.obligations.iter().enumerate() {
        let base = eval_tri(&o.base.when, &env);
        if base == Tri::False {
            continue;
        }
        env.overdue_possible[i] = true;
        let reads_overdue = |e: &crate::expr::Expr| e.leaves().iter().any(|l| matches!(l, Leaf::Overdue(_)));
        duties.push(Arising { obligation: i, exception: None, when: base, escalation: reads_overdue(&o.base.when) });
        for (k, ex) in o.exceptions.iter().enumerate() {
            let t = base.and(eval_tri(&ex.when, &env));
            if t != Tri::False {
                let escalation = reads_overdue(&o.base.when) || reads_overdue(&ex.when);
                duties.push(Arising { obligation: i, exception: Some(k), when: t, escalation });
            }
        }
    }
    Tier { levels, duties }
}

/// The levels with which `class` is possible, from the classification table in its
/// order; `None` when no level allows it.
fn levels_of(c: &Checked, class: Classification) -> Option<(Level, Level)> {
    let possible: Vec<Level> = Level::ALL
        .into_iter()
        .filter(|&level| {
            let env = Fixed { c, class: None, levels: (level, level), overdue_possible: Vec::new() };
            let mut earlier_may_fail = true;
            for rule in &c.classification {
                let t = eval_tri(&rule.when, &env);
                if rule.then == class && t != Tri::False && earlier_may_fail {
                    return true;
                }
                if t == Tri::True {
                    earlier_may_fail = false;
                }
            }
            class == Classification::InsufficientIndicators && earlier_may_fail
        })
        .collect();
    Some((*possible.first()?, *possible.last()?))
}

/// Values for a condition with the classification (and so the levels) fixed and
/// everything else unknown.
struct Fixed<'c> {
    c: &'c Checked,
    class: Option<Classification>,
    levels: (Level, Level),
    /// Per obligation: whether it can arise at all (so `overdue.*` may be true).
    overdue_possible: Vec<bool>,
}

impl Env for Fixed<'_> {
    fn leaf(&self, leaf: Leaf) -> Val<'_> {
        let unknown_number = Val::Num(Range::new(Decimal::MIN, Decimal::MAX));
        match leaf {
            Leaf::Classification => match self.class {
                Some(class) => Val::Class(class.bit()),
                None => Val::Class(Classification::ALL.iter().fold(0, |bits, c| bits | c.bit())),
            },
            Leaf::Level => Val::Level(self.levels.0, self.levels.1),
            Leaf::Overdue(i) => {
                Val::Bool(if self.overdue_possible.get(i as usize) == Some(&true) { Tri::Unknown } else { Tri::False })
            }
            Leaf::Param(i) => match self.c.params[i as usize].kind {
                ParamType::Bool => Val::Bool(Tri::Unknown),
                _ => unknown_number,
            },
            Leaf::RawValue(i) => match self.c.indicators[i as usize].kind {
                IndicatorKind::Bool => Val::Bool(Tri::Unknown),
                IndicatorKind::Count => unknown_number,
                IndicatorKind::Enum => Val::Text(None),
            },
            Leaf::Subject(SubjectField::Age) | Leaf::Grade(_) => unknown_number,
            Leaf::Subject(SubjectField::Sex | SubjectField::Citizenship) | Leaf::Case(_) => Val::Text(None),
            Leaf::Present(_) | Leaf::Fact(_) | Leaf::Dimension(_) | Leaf::Subject(_) => Val::Bool(Tri::Unknown),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(p: &Protocol, tier: &Tier) -> Vec<String> {
        tier.duties
            .iter()
            .filter(|d| d.exception.is_none())
            .map(|d| p.inner.obligations[d.obligation].id.clone())
            .collect()
    }

    #[test]
    fn duties_follow_the_classification() {
        let bih = Protocol::bundled("bih").unwrap();
        let tiers = tiers(&bih);
        let get = |c: Classification| &tiers.iter().find(|(k, _)| *k == c).unwrap().1;
        let presumed = ids(&bih, get(Classification::PresumedVictim));
        let insufficient = get(Classification::InsufficientIndicators);
        // A presumed victim is reported to the prosecutor; with insufficient indicators
        // nobody is, and the level can only be none.
        assert!(presumed.contains(&"inform_prosecutor".to_owned()), "{presumed:?}");
        assert!(!ids(&bih, insufficient).contains(&"inform_prosecutor".to_owned()));
        assert_eq!(insufficient.levels, (Level::None, Level::None));
        // Police notice needs a presumed victim or a high level: not with insufficient indicators.
        assert!(!ids(&bih, insufficient).contains(&"notify_police".to_owned()));
        // Every duty of the pack arises with some classification.
        for o in &bih.inner.obligations {
            assert!(tiers.iter().any(|(_, t)| ids(&bih, t).contains(&o.id)), "{}", o.id);
        }
    }
}
