//! The dimension rule on whole numbers. The rule is evaluated for every dimension, profile
//! and case (and again for each unknown input ranked), on grade counts that are small whole
//! numbers; when it reads nothing but the counts and whole constants, it is compiled here
//! into a form that evaluates on `i64` ranges instead of exact decimals. The three-valued
//! results are the same as [`super::eval_tri`]'s: every operation mirrors its decimal
//! counterpart, and compilation is refused wherever the two could differ (a product, a
//! constant that is not whole or is too large for sums of counts to stay far from
//! overflow).

use super::parse::CmpOp;
use super::{interval, Const, Expr, Leaf};
use crate::value::Tri;

/// Largest constant accepted: sums of counts and constants stay far inside `i64`.
const LIMIT: i64 = 1 << 40;

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum CountRule {
    Bool(Tri),
    Not(Box<CountRule>),
    And(Vec<CountRule>),
    Or(Vec<CountRule>),
    Cmp(CmpOp, CountNum, CountNum),
    In(CountNum, Vec<CountNum>),
    Known(CountNum),
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum CountNum {
    Grade(usize),
    Int(i64),
    Add(Box<CountNum>, Box<CountNum>),
    Neg(Box<CountNum>),
    Count(Vec<CountRule>),
}

impl CountRule {
    /// `e` in whole numbers, if it reads only grade counts and whole constants.
    pub(crate) fn compile(e: &Expr) -> Option<CountRule> {
        Some(match e {
            Expr::Const(Const::Bool(t)) => CountRule::Bool(*t),
            Expr::Not(x) => CountRule::Not(Box::new(CountRule::compile(x)?)),
            Expr::And(xs) => CountRule::And(xs.iter().map(CountRule::compile).collect::<Option<_>>()?),
            Expr::Or(xs) => CountRule::Or(xs.iter().map(CountRule::compile).collect::<Option<_>>()?),
            Expr::Cmp(op, a, b) => CountRule::Cmp(*op, CountNum::compile(a)?, CountNum::compile(b)?),
            Expr::In(x, alts) => {
                CountRule::In(CountNum::compile(x)?, alts.iter().map(CountNum::compile).collect::<Option<_>>()?)
            }
            Expr::Known(x) => CountRule::Known(CountNum::compile(x)?),
            _ => return None,
        })
    }

    /// The rule's value for grade counts between `lo` and `hi` (strong, medium, weak).
    pub(crate) fn eval(&self, lo: &[u32; 3], hi: &[u32; 3]) -> Tri {
        match self {
            CountRule::Bool(t) => *t,
            CountRule::Not(x) => !x.eval(lo, hi),
            CountRule::And(xs) => Tri::all(xs.iter().map(|x| x.eval(lo, hi))),
            CountRule::Or(xs) => Tri::any(xs.iter().map(|x| x.eval(lo, hi))),
            CountRule::Cmp(op, a, b) => interval::compare(*op, a.eval(lo, hi), b.eval(lo, hi)),
            CountRule::In(x, alts) => {
                let x = x.eval(lo, hi);
                alts.iter().fold(Tri::False, |acc, alt| acc.or(interval::eq(x, alt.eval(lo, hi))))
            }
            CountRule::Known(x) => {
                let (a, b) = x.eval(lo, hi);
                Tri::from(a == b)
            }
        }
    }
}

impl CountNum {
    fn compile(e: &Expr) -> Option<CountNum> {
        Some(match e {
            Expr::Leaf(Leaf::Grade(g)) => CountNum::Grade(*g as usize),
            Expr::Const(Const::Num(r)) if r.is_point() && r.lo.fract().is_zero() => {
                let n = i64::try_from(r.lo.mantissa() / 10i128.pow(r.lo.scale())).ok()?;
                if n.abs() > LIMIT {
                    return None;
                }
                CountNum::Int(n)
            }
            Expr::Add(a, b) => CountNum::Add(Box::new(CountNum::compile(a)?), Box::new(CountNum::compile(b)?)),
            Expr::Neg(x) => CountNum::Neg(Box::new(CountNum::compile(x)?)),
            Expr::Count(xs) => CountNum::Count(xs.iter().map(CountRule::compile).collect::<Option<_>>()?),
            _ => return None,
        })
    }

    fn eval(&self, lo: &[u32; 3], hi: &[u32; 3]) -> (i64, i64) {
        match self {
            CountNum::Grade(g) => (i64::from(lo[*g]), i64::from(hi[*g])),
            CountNum::Int(n) => (*n, *n),
            CountNum::Add(a, b) => {
                let (a, b) = (a.eval(lo, hi), b.eval(lo, hi));
                (a.0 + b.0, a.1 + b.1)
            }
            CountNum::Neg(x) => {
                let (a, b) = x.eval(lo, hi);
                (-b, -a)
            }
            CountNum::Count(xs) => xs.iter().fold((0, 0), |(l, h), x| match x.eval(lo, hi) {
                Tri::True => (l + 1, h + 1),
                Tri::Unknown => (l, h + 1),
                Tri::False => (l, h),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expr::compile::{compile, NameError, Resolve, Resolved, Type};
    use crate::expr::{eval_tri, parse, Env, Val};
    use crate::model::Grade;
    use crate::value::Range;
    use rust_decimal::Decimal;

    struct Grades;
    impl Resolve for Grades {
        fn resolve(&self, path: &[String]) -> Result<Resolved, NameError> {
            let g = match path.join(".").as_str() {
                "strong" => Grade::Strong,
                "medium" => Grade::Medium,
                "weak" => Grade::Weak,
                other => return Err(NameError::unknown(format!("unknown name `{other}`"))),
            };
            Ok(Resolved { leaf: Leaf::Grade(g), ty: Type::Num, domain: None })
        }
    }

    struct Counts([Range; 3]);
    impl Env for Counts {
        fn leaf(&self, leaf: Leaf) -> Val<'_> {
            match leaf {
                Leaf::Grade(g) => Val::Num(self.0[g as usize]),
                _ => Val::Bool(Tri::Unknown),
            }
        }
    }

    /// For every count range up to 5 of each grade, the whole-number form gives exactly
    /// what the decimal evaluator gives.
    #[test]
    fn whole_numbers_agree_with_decimals() {
        let rules = [
            "strong >= 2 or (strong >= 1 and medium + weak >= 1) or medium >= 3 or (medium >= 2 and weak >= 1)",
            "not (strong < 1) and known(weak) or medium == 2",
            "count(strong >= 1, medium >= 1, weak >= 1) >= 2 and strong - weak != 0",
            "strong in [0, 2, 4] or -medium <= -3 or true and weak > 0",
        ];
        let pairs: Vec<(u32, u32)> = (0..=5).flat_map(|lo| (lo..=5).map(move |hi| (lo, hi))).collect();
        for text in rules {
            let e = compile(&parse::parse(text).unwrap(), Type::Bool, &Grades).unwrap();
            let small = CountRule::compile(&e).unwrap_or_else(|| panic!("{text} does not compile"));
            for s in &pairs {
                for m in &pairs {
                    for w in &pairs {
                        let (lo, hi) = ([s.0, m.0, w.0], [s.1, m.1, w.1]);
                        let ranges = std::array::from_fn(|g| Range::new(Decimal::from(lo[g]), Decimal::from(hi[g])));
                        assert_eq!(small.eval(&lo, &hi), eval_tri(&e, &Counts(ranges)), "{text} at {lo:?}..{hi:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn fractions_products_and_huge_constants_stay_decimal() {
        for text in ["strong >= 1.5", "strong * 2 >= 3", "strong >= 10000000000000000"] {
            let e = compile(&parse::parse(text).unwrap(), Type::Bool, &Grades).unwrap();
            assert!(CountRule::compile(&e).is_none(), "{text}");
        }
    }
}
