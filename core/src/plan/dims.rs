//! Grade counts by bit masks. For each profile, dimension and grade the plan holds the
//! mask of the indicators that count there; a case's count is then two popcounts of its
//! presence against that mask (at least: known present; at most: not known absent).
//!
//! An ILO item counts once even when several of its members are present (a BiH signal
//! that specialises an ILO indicator, and the indicator itself). Items with one member
//! need nothing more; for the few with several, the extra members found present are
//! subtracted again.

use super::bits::{Mask, TriSet};
use crate::protocol::Compiled;

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
    pub(crate) fn of(c: &Compiled) -> DimMasks {
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
