//! Three-valued truth and exact decimal ranges: the values conditions compute with.
//!
//! An observation the case does not give is *unknown*. Rather than guess, every value
//! carries what it may still be: a truth value is `True`, `False` or `Unknown` (Kleene
//! logic), and a number is a closed range `[lo, hi]` of exact decimals. A result is
//! *settled* when it can no longer change, whatever the unknown inputs turn out to be.
//! Ranges lose correlations (`x - x` is not known to be 0 while `x` is unknown), so the
//! engine may call a result unsettled that is in fact fixed — never the other way round.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A Kleene truth value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Tri {
    /// Settled false.
    False,
    /// Not settled: it depends on inputs the case does not give.
    Unknown,
    /// Settled true.
    True,
}

impl Tri {
    /// `Some(b)` when settled.
    pub fn known(self) -> Option<bool> {
        match self {
            Tri::True => Some(true),
            Tri::False => Some(false),
            Tri::Unknown => None,
        }
    }

    /// Its name in JSON and in traces: `true`, `false` or `unknown`.
    pub fn as_str(self) -> &'static str {
        match self {
            Tri::True => "true",
            Tri::False => "false",
            Tri::Unknown => "unknown",
        }
    }

    /// Settled true.
    pub fn is_true(self) -> bool {
        self == Tri::True
    }

    /// Could still be true (true or unknown).
    pub fn possible(self) -> bool {
        self != Tri::False
    }

    /// Kleene `and`: false wins, then unknown.
    pub fn and(self, other: Tri) -> Tri {
        self.min(other)
    }

    /// Kleene `or`: true wins, then unknown.
    pub fn or(self, other: Tri) -> Tri {
        self.max(other)
    }

    /// Kleene `and` of many, evaluated lazily: stops at the first false.
    pub fn all(items: impl IntoIterator<Item = Tri>) -> Tri {
        let mut acc = Tri::True;
        for t in items {
            acc = acc.and(t);
            if acc == Tri::False {
                break;
            }
        }
        acc
    }

    /// Kleene `or` of many, evaluated lazily: stops at the first true.
    pub fn any(items: impl IntoIterator<Item = Tri>) -> Tri {
        let mut acc = Tri::False;
        for t in items {
            acc = acc.or(t);
            if acc == Tri::True {
                break;
            }
        }
        acc
    }

    /// The value that covers both: equal values stay, different ones become unknown.
    pub fn join(self, other: Tri) -> Tri {
        if self == other {
            self
        } else {
            Tri::Unknown
        }
    }
}

impl std::ops::Not for Tri {
    type Output = Tri;

    fn not(self) -> Tri {
        match self {
            Tri::True => Tri::False,
            Tri::False => Tri::True,
            Tri::Unknown => Tri::Unknown,
        }
    }
}

impl From<bool> for Tri {
    fn from(b: bool) -> Tri {
        if b {
            Tri::True
        } else {
            Tri::False
        }
    }
}

impl From<Option<bool>> for Tri {
    fn from(b: Option<bool>) -> Tri {
        b.map_or(Tri::Unknown, Tri::from)
    }
}

/// A closed range of exact decimals; a known number has `lo == hi`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Range {
    pub lo: Decimal,
    pub hi: Decimal,
}

impl Range {
    pub const ZERO: Range = Range { lo: Decimal::ZERO, hi: Decimal::ZERO };

    pub fn point(v: Decimal) -> Range {
        Range { lo: v, hi: v }
    }

    pub fn new(lo: Decimal, hi: Decimal) -> Range {
        debug_assert!(lo <= hi);
        Range { lo, hi }
    }

    pub fn is_point(&self) -> bool {
        self.lo == self.hi
    }

    pub fn hull(self, other: Range) -> Range {
        Range { lo: self.lo.min(other.lo), hi: self.hi.max(other.hi) }
    }

    /// Product of ranges, saturating at the ends of the decimal range (never panics).
    fn product(self, other: Range) -> Range {
        let products = [
            sat_mul(self.lo, other.lo),
            sat_mul(self.lo, other.hi),
            sat_mul(self.hi, other.lo),
            sat_mul(self.hi, other.hi),
        ];
        let lo = products.iter().copied().min().unwrap_or(Decimal::ZERO);
        let hi = products.iter().copied().max().unwrap_or(Decimal::ZERO);
        Range { lo, hi }
    }

    pub fn lt(self, other: Range) -> Tri {
        if order(self.hi, other.lo).is_lt() {
            Tri::True
        } else if order(self.lo, other.hi).is_ge() {
            Tri::False
        } else {
            Tri::Unknown
        }
    }

    pub fn le(self, other: Range) -> Tri {
        if order(self.hi, other.lo).is_le() {
            Tri::True
        } else if order(self.lo, other.hi).is_gt() {
            Tri::False
        } else {
            Tri::Unknown
        }
    }

    pub fn eq(self, other: Range) -> Tri {
        if self.is_point() && other.is_point() && order(self.lo, other.lo).is_eq() {
            Tri::True
        } else if order(self.hi, other.lo).is_lt() || order(other.hi, self.lo).is_lt() {
            Tri::False
        } else {
            Tri::Unknown
        }
    }
}

/// Sum, saturating at the ends of the decimal range (never panics).
impl std::ops::Add for Range {
    type Output = Range;

    fn add(self, other: Range) -> Range {
        Range { lo: sat_add(self.lo, other.lo), hi: sat_add(self.hi, other.hi) }
    }
}

impl std::ops::Neg for Range {
    type Output = Range;

    fn neg(self) -> Range {
        Range { lo: -self.hi, hi: -self.lo }
    }
}

impl std::ops::Sub for Range {
    type Output = Range;

    fn sub(self, other: Range) -> Range {
        self + -other
    }
}

impl std::ops::Mul for Range {
    type Output = Range;

    fn mul(self, other: Range) -> Range {
        self.product(other)
    }
}

/// Orders two decimals. Most numbers in conditions share a scale (whole counts, levels,
/// scores written with the same decimals), and then the mantissas decide.
fn order(a: Decimal, b: Decimal) -> std::cmp::Ordering {
    if a.scale() == b.scale() {
        a.mantissa().cmp(&b.mantissa())
    } else {
        a.cmp(&b)
    }
}

fn sat_add(a: Decimal, b: Decimal) -> Decimal {
    a.checked_add(b).unwrap_or(if b.is_sign_negative() { Decimal::MIN } else { Decimal::MAX })
}

fn sat_mul(a: Decimal, b: Decimal) -> Decimal {
    a.checked_mul(b).unwrap_or(if a.is_sign_negative() != b.is_sign_negative() { Decimal::MIN } else { Decimal::MAX })
}

/// Canonical text of a decimal: no trailing zeros, `-0` written `0`.
pub(crate) fn decimal_text(d: Decimal) -> String {
    canonical(d).to_string()
}

/// The decimal as it is written: no trailing zeros, and zero without a sign.
pub(crate) fn canonical(d: Decimal) -> Decimal {
    let n = d.normalize();
    if n.is_zero() {
        Decimal::ZERO
    } else {
        n
    }
}

/// Serde for decimals in assessments: canonical text (`"2.5"`, `"12"`), never a JSON
/// number, so nothing is rounded on the way.
pub(crate) mod canonical_text {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&super::canonical(*d))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        text.parse::<Decimal>()
            .map(super::canonical)
            .map_err(|_| serde::de::Error::custom("not a decimal written as text"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn r(lo: i64, hi: i64) -> Range {
        Range::new(Decimal::from(lo), Decimal::from(hi))
    }

    #[test]
    fn kleene_tables() {
        use Tri::*;
        assert_eq!(False.and(Unknown), False);
        assert_eq!(True.and(Unknown), Unknown);
        assert_eq!(True.or(Unknown), True);
        assert_eq!(False.or(Unknown), Unknown);
        assert_eq!(!Unknown, Unknown);
        assert_eq!(True.join(False), Unknown);
    }

    #[test]
    fn range_comparisons_settle_only_when_disjoint() {
        assert_eq!(r(2, 5).le(r(5, 9)), Tri::True);
        assert_eq!(r(2, 6).le(r(5, 9)), Tri::Unknown);
        assert_eq!(r(6, 7).lt(r(1, 6)), Tri::False);
        assert_eq!(r(3, 3).eq(r(3, 3)), Tri::True);
        assert_eq!(r(3, 4).eq(r(3, 3)), Tri::Unknown);
        assert_eq!(r(1, 2) * r(-3, 4), r(-6, 8));
    }

    #[test]
    fn order_agrees_with_decimal_order() {
        let values: Vec<Decimal> =
            ["-3", "-0", "0", "0.0", "1", "1.5", "1.50", "2", "10", "-1.25", "79228162514264337593543950335"]
                .iter()
                .map(|t| t.parse().unwrap())
                .chain([Decimal::MIN, Decimal::MAX])
                .collect();
        for a in &values {
            for b in &values {
                assert_eq!(order(*a, *b), a.cmp(b), "{a} vs {b}");
            }
        }
    }

    #[test]
    fn arithmetic_saturates_instead_of_panicking() {
        let big = Range::point(Decimal::MAX);
        assert_eq!((big + big).hi, Decimal::MAX);
        assert_eq!((big * -big).lo, Decimal::MIN);
    }

    #[test]
    fn decimal_text_is_canonical() {
        assert_eq!(decimal_text(Decimal::new(1200, 2)), "12");
        assert_eq!(decimal_text(Decimal::new(-0, 1)), "0");
        assert_eq!(decimal_text(Decimal::new(25, 1)), "2.5");
    }
}
