//! Three-valued comparison of closed intervals `(lo, hi)` of ordered numbers. The count
//! rules (whole counts) and the plan (scaled integers) compare with these, as
//! [`Range`](crate::value::Range) compares decimal ranges: true when every pair of values
//! satisfies the comparison, false when none does, unknown otherwise.

use super::parse::CmpOp;
use crate::value::Tri;

pub(crate) fn compare<T: Ord>(op: CmpOp, a: (T, T), b: (T, T)) -> Tri {
    match op {
        CmpOp::Eq => eq(a, b),
        CmpOp::Ne => !eq(a, b),
        CmpOp::Lt => lt(a, b),
        CmpOp::Le => le(a, b),
        CmpOp::Gt => lt(b, a),
        CmpOp::Ge => le(b, a),
    }
}

pub(crate) fn eq<T: Ord>(a: (T, T), b: (T, T)) -> Tri {
    if a.0 == a.1 && b.0 == b.1 && a.0 == b.0 {
        Tri::True
    } else if a.1 < b.0 || b.1 < a.0 {
        Tri::False
    } else {
        Tri::Unknown
    }
}

fn lt<T: Ord>(a: (T, T), b: (T, T)) -> Tri {
    if a.1 < b.0 {
        Tri::True
    } else if a.0 >= b.1 {
        Tri::False
    } else {
        Tri::Unknown
    }
}

fn le<T: Ord>(a: (T, T), b: (T, T)) -> Tri {
    if a.1 <= b.0 {
        Tri::True
    } else if a.0 > b.1 {
        Tri::False
    } else {
        Tri::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each comparison agrees with comparing every pair of values in the two intervals.
    #[test]
    fn intervals_compare_as_all_their_values_do() {
        let ops = [CmpOp::Eq, CmpOp::Ne, CmpOp::Lt, CmpOp::Le, CmpOp::Gt, CmpOp::Ge];
        let holds = |op: CmpOp, x: i64, y: i64| match op {
            CmpOp::Eq => x == y,
            CmpOp::Ne => x != y,
            CmpOp::Lt => x < y,
            CmpOp::Le => x <= y,
            CmpOp::Gt => x > y,
            CmpOp::Ge => x >= y,
        };
        let intervals: Vec<(i64, i64)> = (0..4).flat_map(|lo| (lo..4).map(move |hi| (lo, hi))).collect();
        for op in ops {
            for &a in &intervals {
                for &b in &intervals {
                    let all: Vec<bool> = (a.0..=a.1).flat_map(|x| (b.0..=b.1).map(move |y| holds(op, x, y))).collect();
                    let expected = if all.iter().all(|h| *h) {
                        Tri::True
                    } else if all.iter().all(|h| !*h) {
                        Tri::False
                    } else {
                        Tri::Unknown
                    };
                    assert_eq!(compare(op, a, b), expected, "{op:?} {a:?} {b:?}");
                }
            }
        }
    }
}
