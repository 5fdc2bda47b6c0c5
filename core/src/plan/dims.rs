//! Grade counts by bit masks. For each profile, dimension and grade the plan holds the
//! mask of the indicators that count there; a case's count is then two popcounts of its
//! presence against that mask (at least: known present; at most: not known absent).
//!
//! An ILO item counts once even when several of its members are present (a BiH signal
//! that specialises an ILO indicator, and the indicator itself). Items with one member
//! need nothing more; for the few with several, the extra members found present are
//! subtracted again.

use super::bits::{Mask, TriSet};
use crate::expr::counts::CountRule;
use crate::protocol::Checked;
use crate::value::Tri;

/// The masks of one profile, dimension and grade.
#[derive(Clone, Debug, Default)]
pub(crate) struct GradeMask {
    /// Every member of every item graded here.
    members: Mask,
    /// The members of each item with more than one.
    shared: Vec<Mask>,
}

impl GradeMask {
    /// How many of the items graded here are present: at least and at most.
    pub(crate) fn count(&self, presence: &TriSet) -> (u32, u32) {
        let (mut lo, mut hi) = presence.count(&self.members);
        for item in &self.shared {
            let (l, h) = presence.count(item);
            lo -= l.saturating_sub(1);
            hi -= h.saturating_sub(1);
        }
        (lo, hi)
    }
}

/// Grade masks for every profile, dimension and grade.
#[derive(Clone, Debug, Default)]
pub(crate) struct DimMasks {
    dims: usize,
    masks: Vec<GradeMask>,
}

impl DimMasks {
    pub(crate) fn of(c: &Checked) -> DimMasks {
        let (profiles, dims, n) = (c.profiles.len(), c.dimensions.len(), c.indicators.len());
        let mut masks = vec![GradeMask { members: Mask::new(n), shared: Vec::new() }; profiles * dims * 3];
        for item in &c.items {
            for (p, grade) in item.grades.iter().enumerate() {
                let Some(g) = grade else { continue };
                let m = &mut masks[(p * dims + item.dimension as usize) * 3 + *g as usize];
                for member in &item.members {
                    m.members.insert(*member);
                }
                if item.members.len() > 1 {
                    m.shared.push(Mask::of(n, item.members.iter().copied()));
                }
            }
        }
        DimMasks { dims, masks }
    }

    /// The strong, medium and weak counts of dimension `d` under profile `p`.
    pub(crate) fn counts(&self, p: usize, d: usize, presence: &TriSet) -> [(u32, u32); 3] {
        std::array::from_fn(|g| self.masks[(p * self.dims + d) * 3 + g].count(presence))
    }
}

/// The dimension rule as a table over grade counts. When the rule only asks for at least
/// so many indicators (it is *upward*, see `polarity`), its three-valued value over count
/// ranges is settled by its two-valued value at the ends: it holds when it holds at the
/// lowest counts, fails when it fails at the highest, and is unknown otherwise. So the
/// rule is worked out once for every count a dimension can reach, and a case needs two
/// look-ups.
#[derive(Clone, Debug)]
pub(crate) struct CombinationTable {
    /// One more than the largest count of each grade.
    sizes: [usize; 3],
    holds: Vec<bool>,
}

impl CombinationTable {
    /// The table for `rule` over the counts of `c`'s dimensions, if the rule is upward
    /// and two-valued at every count.
    pub(crate) fn of(c: &Checked, rule: &CountRule, upward: bool) -> Option<CombinationTable> {
        if !upward {
            return None;
        }
        let mut sizes = [1usize; 3];
        for p in 0..c.profiles.len() {
            for d in 0..c.dimensions.len() {
                let mut n = [0usize; 3];
                for item in c.items.iter().filter(|it| it.dimension as usize == d) {
                    if let Some(g) = item.grades[p] {
                        n[g as usize] += 1;
                    }
                }
                for g in 0..3 {
                    sizes[g] = sizes[g].max(n[g] + 1);
                }
            }
        }
        if sizes.iter().product::<usize>() > 1 << 20 {
            return None;
        }
        let mut holds = Vec::with_capacity(sizes.iter().product());
        for s in 0..sizes[0] as u32 {
            for m in 0..sizes[1] as u32 {
                for w in 0..sizes[2] as u32 {
                    match rule.eval(&[s, m, w], &[s, m, w]) {
                        Tri::True => holds.push(true),
                        Tri::False => holds.push(false),
                        Tri::Unknown => return None,
                    }
                }
            }
        }
        Some(CombinationTable { sizes, holds })
    }

    fn at(&self, n: [u32; 3]) -> bool {
        let [s, m, w] = n.map(|x| x as usize);
        self.holds[(s * self.sizes[1] + m) * self.sizes[2] + w]
    }

    /// The rule for counts between `lo` and `hi`.
    pub(crate) fn eval(&self, lo: [u32; 3], hi: [u32; 3]) -> Tri {
        if self.at(lo) {
            Tri::True
        } else if self.at(hi) {
            Tri::Unknown
        } else {
            Tri::False
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::Protocol;

    /// For every count range of every grade, the table gives what the rule gives.
    #[test]
    fn the_table_agrees_with_the_rule_on_every_count_range() {
        for id in ["bih", "ilo-2009"] {
            let p = Protocol::bundled(id).unwrap();
            let plan = &p.inner.plan;
            let (table, rule) = (plan.combination_table.as_ref().unwrap(), plan.combination.as_ref().unwrap());
            let ranges = |n: usize| (0..n as u32).flat_map(move |lo| (lo..n as u32).map(move |hi| (lo, hi)));
            let mut checked = 0;
            for s in ranges(table.sizes[0]) {
                for m in ranges(table.sizes[1]) {
                    for w in ranges(table.sizes[2]) {
                        let (lo, hi) = ([s.0, m.0, w.0], [s.1, m.1, w.1]);
                        assert_eq!(table.eval(lo, hi), rule.eval(&lo, &hi), "{id} {lo:?}..{hi:?}");
                        checked += 1;
                    }
                }
            }
            assert!(checked > 1000, "{id}: {checked}");
        }
    }
}
