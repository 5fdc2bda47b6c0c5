//! Three-valued sets as bit masks: for each member, whether its value is *known* and, if
//! so, whether it is *true*. Kleene logic over many members is then a few word operations:
//! `any` holds when some member is known true, fails when every member is known false,
//! and is unknown otherwise. Up to 128 members live inline (no allocation).

use crate::value::Tri;
use smallvec::{smallvec, SmallVec};

type Words = SmallVec<[u64; 2]>;

fn words(n: usize) -> usize {
    n.div_ceil(64)
}

/// A set of members (indicators, facts, ...), used to select from a [`TriSet`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub(crate) struct Mask {
    bits: Words,
}

impl Mask {
    /// The empty set over `n` members.
    pub(crate) fn new(n: usize) -> Mask {
        Mask { bits: smallvec![0; words(n)] }
    }

    /// The set of `members`, over `n` members.
    pub(crate) fn of(n: usize, members: impl IntoIterator<Item = u32>) -> Mask {
        let mut m = Mask::new(n);
        for i in members {
            m.insert(i);
        }
        m
    }

    pub(crate) fn insert(&mut self, i: u32) {
        self.bits[(i / 64) as usize] |= 1 << (i % 64);
    }

    /// The members, in order.
    #[cfg(test)]
    pub(crate) fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        self.bits.iter().enumerate().flat_map(|(k, w)| {
            let mut w = *w;
            std::iter::from_fn(move || {
                (w != 0).then(|| {
                    let bit = w.trailing_zeros();
                    w &= w - 1;
                    k as u32 * 64 + bit
                })
            })
        })
    }
}

/// A three-valued value for each of `len` members.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct TriSet {
    len: u32,
    /// Members whose value is settled.
    known: Words,
    /// Members whose value is settled true (a subset of `known`).
    truth: Words,
}

impl TriSet {
    /// Every member unknown.
    pub(crate) fn unknown(len: usize) -> TriSet {
        TriSet { len: len as u32, known: smallvec![0; words(len)], truth: smallvec![0; words(len)] }
    }

    pub(crate) fn get(&self, i: u32) -> Tri {
        let (w, b) = ((i / 64) as usize, 1u64 << (i % 64));
        match self.known.get(w) {
            Some(k) if k & b != 0 => Tri::from(self.truth[w] & b != 0),
            _ => Tri::Unknown,
        }
    }

    pub(crate) fn set(&mut self, i: u32, t: Tri) {
        let (w, b) = ((i / 64) as usize, 1u64 << (i % 64));
        match t {
            Tri::True => {
                self.known[w] |= b;
                self.truth[w] |= b;
            }
            Tri::False => {
                self.known[w] |= b;
                self.truth[w] &= !b;
            }
            Tri::Unknown => {
                self.known[w] &= !b;
                self.truth[w] &= !b;
            }
        }
    }

    /// Settles every unknown member of `mask` to `value`.
    pub(crate) fn settle_unknown(&mut self, mask: &Mask, value: bool) {
        for ((k, t), m) in self.known.iter_mut().zip(self.truth.iter_mut()).zip(&mask.bits) {
            let fresh = m & !*k;
            *k |= fresh;
            if value {
                *t |= fresh;
            }
        }
    }

    /// The values in order.
    pub(crate) fn iter(&self) -> Iter<'_> {
        Iter { set: self, next: 0 }
    }

    /// Kleene `or` over the members of `mask`.
    pub(crate) fn any(&self, mask: &Mask) -> Tri {
        let mut all_known_false = true;
        for ((k, t), m) in self.known.iter().zip(&self.truth).zip(&mask.bits) {
            if t & m != 0 {
                return Tri::True;
            }
            all_known_false &= k & m == *m;
        }
        if all_known_false {
            Tri::False
        } else {
            Tri::Unknown
        }
    }

    /// Kleene `and` over the members of `mask`.
    pub(crate) fn all(&self, mask: &Mask) -> Tri {
        let mut all_true = true;
        for ((k, t), m) in self.known.iter().zip(&self.truth).zip(&mask.bits) {
            if (k & !t) & m != 0 {
                return Tri::False;
            }
            all_true &= t & m == *m;
        }
        if all_true {
            Tri::True
        } else {
            Tri::Unknown
        }
    }

    /// How many members of `mask` are true: at least (known true) and at most (not known
    /// false).
    pub(crate) fn count(&self, mask: &Mask) -> (u32, u32) {
        let (mut lo, mut hi) = (0, 0);
        for ((k, t), m) in self.known.iter().zip(&self.truth).zip(&mask.bits) {
            lo += (t & m).count_ones();
            hi += ((t | !k) & m).count_ones();
        }
        (lo, hi)
    }
}

/// The values of a [`TriSet`], in order.
#[derive(Clone, Debug)]
pub(crate) struct Iter<'a> {
    set: &'a TriSet,
    next: u32,
}

impl Iterator for Iter<'_> {
    type Item = Tri;

    fn next(&mut self) -> Option<Tri> {
        (self.next < self.set.len).then(|| {
            self.next += 1;
            self.set.get(self.next - 1)
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = (self.set.len - self.next) as usize;
        (n, Some(n))
    }
}

impl<'a> IntoIterator for &'a TriSet {
    type Item = Tri;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl FromIterator<Tri> for TriSet {
    fn from_iter<I: IntoIterator<Item = Tri>>(iter: I) -> TriSet {
        let values: SmallVec<[Tri; 128]> = iter.into_iter().collect();
        let mut s = TriSet::unknown(values.len());
        for (i, t) in values.into_iter().enumerate() {
            s.set(i as u32, t);
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive_any(values: &[Tri], members: &[u32]) -> Tri {
        Tri::any(members.iter().map(|m| values[*m as usize]))
    }

    fn naive_all(values: &[Tri], members: &[u32]) -> Tri {
        Tri::all(members.iter().map(|m| values[*m as usize]))
    }

    /// Every Kleene operation on masks agrees with the member-by-member fold, over sizes
    /// that cross word boundaries.
    #[test]
    fn mask_logic_agrees_with_kleene_folds() {
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for n in [1usize, 5, 63, 64, 65, 127, 128, 129, 300] {
            for _ in 0..200 {
                let values: Vec<Tri> =
                    (0..n).map(|_| [Tri::False, Tri::Unknown, Tri::True][(next() % 3) as usize]).collect();
                let set: TriSet = values.iter().copied().collect();
                assert_eq!(set.iter().collect::<Vec<_>>(), values);
                let members: Vec<u32> = (0..n as u32).filter(|_| next() % 4 == 0).collect();
                let mask = Mask::of(n, members.iter().copied());
                assert_eq!(set.any(&mask), naive_any(&values, &members), "any n={n}");
                assert_eq!(set.all(&mask), naive_all(&values, &members), "all n={n}");
                let lo = members.iter().filter(|m| values[**m as usize] == Tri::True).count() as u32;
                let hi = members.iter().filter(|m| values[**m as usize] != Tri::False).count() as u32;
                assert_eq!(set.count(&mask), (lo, hi));
                assert_eq!(mask.iter().collect::<Vec<_>>(), members);
            }
        }
    }
}
