//! Conditions compiled for evaluation. A [`Prog`] is the condition's expression tree
//! with every name resolved to a direct read of the stage it belongs to, runs of plain
//! indicator presences folded into bit masks (`a or b or c` is one mask test), and numbers
//! as 128-bit integer ranges where every value in them is whole. Each node computes
//! exactly what the reference evaluator ([`crate::expr::eval`]) computes for the same
//! subtree — the same Kleene tables, the same range comparisons, the same saturation at
//! the ends of the decimal range — and a differential test holds the two equal. A subtree
//! that has no faster form (a product, a decimal parameter, `known(...)`) is kept as an
//! expression and evaluated by the reference.

use super::bits::Mask;
use crate::eval::Env;
use crate::expr::interval::{compare, eq};
use crate::expr::parse::CmpOp;
use crate::expr::{eval_tri, Const, Env as _, Expr, Leaf, SubjectField};
use crate::protocol::{Checked, IndicatorKind};
use crate::value::Tri;
use rust_decimal::Decimal;

/// A compiled truth-valued condition.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Prog {
    Const(Tri),
    /// Kleene `or` of indicator presences.
    Any(Mask),
    /// Kleene `and` of indicator presences.
    All(Mask),
    Present(u32),
    Fact(u32),
    Dimension(u32),
    Overdue(u32),
    IsChild,
    IsForeign,
    Not(Box<Prog>),
    And(Box<[Prog]>),
    Or(Box<[Prog]>),
    Cmp(CmpOp, Num, Num),
    /// `x in [...]`: the `or` of `x == alternative`.
    In(Num, Box<[Num]>),
    /// `classification == c` (`!=` is compiled as `not`).
    ClassIs(u8),
    /// A text leaf (`case.reporter`, `subject.sex`, an enum indicator's value) equal to
    /// one of the texts (`==` and `in`; `!=` and `not in` are compiled as `not`).
    TextIn(Leaf, Box<[Box<str>]>),
    /// Any other truth-valued leaf, read through the stage's environment.
    Leaf(Leaf),
    /// Anything else: the expression, evaluated by the reference evaluator.
    Reference(Box<Expr>),
}

/// A compiled number: a closed range of whole numbers.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Num {
    Int(i128),
    /// The level the condition sees, as 0 (`none`) to 4 (`very_high`).
    Level,
    /// How many of the presences in the mask hold.
    CountMask(Mask),
    /// How many of the conditions hold.
    Count(Box<[Prog]>),
    Add(Box<Num>, Box<Num>),
    Neg(Box<Num>),
    /// A whole-number leaf read through the stage's environment (a count indicator's
    /// raw value, the age, a count parameter).
    Leaf(Leaf),
}

/// The ends of the decimal range: sums saturate here, as in [`Range`].
const DECIMAL_MAX: i128 = 79_228_162_514_264_337_593_543_950_335;

/// Compiles a condition of truth type.
pub(crate) fn compile(c: &Checked, e: &Expr) -> Prog {
    truth(c, e).unwrap_or_else(|| Prog::Reference(Box::new(e.clone())))
}

fn truth(c: &Checked, e: &Expr) -> Option<Prog> {
    Some(match e {
        Expr::Const(Const::Bool(t)) => Prog::Const(*t),
        Expr::Leaf(Leaf::Present(i)) => Prog::Present(*i),
        Expr::Leaf(Leaf::Fact(i)) => Prog::Fact(*i),
        Expr::Leaf(Leaf::Dimension(i)) => Prog::Dimension(*i),
        Expr::Leaf(Leaf::Overdue(i)) => Prog::Overdue(*i),
        Expr::Leaf(Leaf::Subject(SubjectField::IsChild)) => Prog::IsChild,
        Expr::Leaf(Leaf::Subject(SubjectField::IsForeign)) => Prog::IsForeign,
        Expr::Leaf(leaf @ (Leaf::Param(_) | Leaf::Subject(SubjectField::AppearsMinor))) => Prog::Leaf(*leaf),
        Expr::Leaf(leaf @ Leaf::RawValue(i)) if c.indicators[*i as usize].kind == IndicatorKind::Bool => {
            Prog::Leaf(*leaf)
        }
        Expr::Not(x) => Prog::Not(Box::new(compile(c, x))),
        Expr::And(xs) => fold(c, &flatten(xs, true), Prog::All, Prog::And),
        Expr::Or(xs) => fold(c, &flatten(xs, false), Prog::Any, Prog::Or),
        Expr::Cmp(op @ (CmpOp::Eq | CmpOp::Ne), a, b) if text(a).is_some() || text(b).is_some() => {
            let (leaf, value) = match (a.as_ref(), b.as_ref()) {
                (Expr::Leaf(leaf), Expr::Const(Const::Text(t))) | (Expr::Const(Const::Text(t)), Expr::Leaf(leaf)) => {
                    (*leaf, t.clone())
                }
                _ => return None,
            };
            let is = Prog::TextIn(leaf, Box::new([value]));
            if *op == CmpOp::Eq {
                is
            } else {
                Prog::Not(Box::new(is))
            }
        }
        Expr::In(x, alts) if matches!(x.as_ref(), Expr::Leaf(_)) && alts.iter().all(|a| text(a).is_some()) => {
            let Expr::Leaf(leaf) = x.as_ref() else { return None };
            Prog::TextIn(*leaf, alts.iter().filter_map(|a| text(a).map(Into::into)).collect())
        }
        Expr::Cmp(op, a, b) => match (class_const(a), class_const(b), op) {
            (Some(bits), None, CmpOp::Eq | CmpOp::Ne) | (None, Some(bits), CmpOp::Eq | CmpOp::Ne)
                if is_classification(a) || is_classification(b) =>
            {
                let is = Prog::ClassIs(bits);
                if *op == CmpOp::Eq {
                    is
                } else {
                    Prog::Not(Box::new(is))
                }
            }
            _ => Prog::Cmp(*op, num(c, a)?, num(c, b)?),
        },
        Expr::In(x, alts) => Prog::In(num(c, x)?, alts.iter().map(|a| num(c, a)).collect::<Option<_>>()?),
        _ => return None,
    })
}

/// The operands of nested `and`s (or `or`s) as one list: `(a and b) and c` is
/// `and(a, b, c)`, which Kleene logic gives the same value.
fn flatten(xs: &[Expr], and: bool) -> Vec<&Expr> {
    let mut out = Vec::new();
    for x in xs {
        match x {
            Expr::And(inner) if and => out.extend(flatten(inner, true)),
            Expr::Or(inner) if !and => out.extend(flatten(inner, false)),
            other => out.push(other),
        }
    }
    out
}

/// `and`/`or` of conditions: the plain presences among them become one mask.
fn fold(c: &Checked, xs: &[&Expr], mask: fn(Mask) -> Prog, many: fn(Box<[Prog]>) -> Prog) -> Prog {
    let mut presences = Vec::new();
    let mut rest = Vec::new();
    for x in xs {
        match x {
            Expr::Leaf(Leaf::Present(i)) => presences.push(*i),
            other => rest.push(compile(c, other)),
        }
    }
    match presences.as_slice() {
        [] => {}
        [one] => rest.insert(0, Prog::Present(*one)),
        _ => rest.insert(0, mask(Mask::of(c.indicators.len(), presences))),
    }
    if rest.len() == 1 {
        rest.pop().unwrap_or(Prog::Const(Tri::Unknown))
    } else {
        many(rest.into_boxed_slice())
    }
}

fn text(e: &Expr) -> Option<&str> {
    match e {
        Expr::Const(Const::Text(t)) => Some(t),
        _ => None,
    }
}

fn is_classification(e: &Expr) -> bool {
    matches!(e, Expr::Leaf(Leaf::Classification))
}

fn class_const(e: &Expr) -> Option<u8> {
    match e {
        Expr::Const(Const::Class(bits)) => Some(*bits),
        _ => None,
    }
}

/// A number whose values are always whole, or `None`.
fn num(c: &Checked, e: &Expr) -> Option<Num> {
    Some(match e {
        Expr::Const(Const::Num(r)) if r.is_point() => Num::Int(whole(r.lo)?),
        Expr::Const(Const::Level(l)) => Num::Int(*l as i128),
        Expr::Leaf(Leaf::Level) => Num::Level,
        Expr::Leaf(leaf @ Leaf::RawValue(i)) if c.indicators[*i as usize].kind == IndicatorKind::Count => {
            Num::Leaf(*leaf)
        }
        Expr::Leaf(leaf @ Leaf::Subject(SubjectField::Age)) => Num::Leaf(*leaf),
        Expr::Leaf(leaf @ Leaf::Param(p)) if c.params[*p as usize].kind == crate::pack::doc::ParamType::Count => {
            Num::Leaf(*leaf)
        }
        Expr::Count(xs) if xs.iter().all(|x| matches!(x, Expr::Leaf(Leaf::Present(_)))) => Num::CountMask(Mask::of(
            c.indicators.len(),
            xs.iter().filter_map(|x| if let Expr::Leaf(Leaf::Present(i)) = x { Some(*i) } else { None }),
        )),
        Expr::Count(xs) => Num::Count(xs.iter().map(|x| compile(c, x)).collect()),
        Expr::Add(a, b) => Num::Add(Box::new(num(c, a)?), Box::new(num(c, b)?)),
        Expr::Neg(x) => Num::Neg(Box::new(num(c, x)?)),
        _ => return None,
    })
}

/// The decimal as a whole number, if it is one.
fn whole(d: Decimal) -> Option<i128> {
    let d = d.normalize();
    (d.scale() == 0).then(|| d.mantissa())
}

impl Prog {
    /// The condition's value in `env`.
    pub(crate) fn eval(&self, env: &Env<'_, '_>) -> Tri {
        match self {
            Prog::Const(t) => *t,
            Prog::Any(mask) => env.presence().any(mask),
            Prog::All(mask) => env.presence().all(mask),
            Prog::Present(i) => env.presence().get(*i),
            Prog::Fact(i) => env.fact(*i),
            Prog::Dimension(i) => env.dimension(*i),
            Prog::Overdue(i) => env.overdue(*i),
            Prog::IsChild => env.is_child(),
            Prog::IsForeign => env.is_foreign(),
            Prog::Not(x) => !x.eval(env),
            Prog::And(xs) => Tri::all(xs.iter().map(|x| x.eval(env))),
            Prog::Or(xs) => Tri::any(xs.iter().map(|x| x.eval(env))),
            Prog::Cmp(op, a, b) => compare(*op, a.eval(env), b.eval(env)),
            Prog::In(x, alts) => {
                let x = x.eval(env);
                alts.iter().fold(Tri::False, |acc, a| acc.or(eq(x, a.eval(env))))
            }
            Prog::ClassIs(bits) => class_is(env.classification(), *bits),
            Prog::TextIn(leaf, texts) => match env.leaf(*leaf) {
                // As the reference: equal texts hold, an unknown text is unknown.
                crate::expr::Val::Text(Some(t)) => Tri::from(texts.iter().any(|x| **x == *t)),
                _ => Tri::Unknown,
            },
            Prog::Leaf(leaf) => env.leaf(*leaf).as_tri(),
            Prog::Reference(e) => eval_tri(e, env),
        }
    }
}

impl Num {
    fn eval(&self, env: &Env<'_, '_>) -> (i128, i128) {
        match self {
            Num::Int(n) => (*n, *n),
            Num::Level => {
                let (lo, hi) = env.level();
                (lo as i128, hi as i128)
            }
            Num::CountMask(mask) => {
                let (lo, hi) = env.presence().count(mask);
                (i128::from(lo), i128::from(hi))
            }
            Num::Count(xs) => xs.iter().fold((0, 0), |(lo, hi), x| match x.eval(env) {
                Tri::True => (lo + 1, hi + 1),
                Tri::Unknown => (lo, hi + 1),
                Tri::False => (lo, hi),
            }),
            Num::Add(a, b) => {
                let (a, b) = (a.eval(env), b.eval(env));
                (saturate(a.0 + b.0), saturate(a.1 + b.1))
            }
            Num::Neg(x) => {
                let (lo, hi) = x.eval(env);
                (-hi, -lo)
            }
            Num::Leaf(leaf) => {
                // Counts, ages and count parameters are whole; an unknown one spans 0 up
                // to the largest decimal.
                let r = env.leaf(*leaf).as_range();
                (whole(r.lo).unwrap_or(-DECIMAL_MAX), whole(r.hi).unwrap_or(DECIMAL_MAX))
            }
        }
    }
}

fn saturate(n: i128) -> i128 {
    n.clamp(-DECIMAL_MAX, DECIMAL_MAX)
}

/// As the reference's equality of two classification sets.
fn class_is(possible: u8, bits: u8) -> Tri {
    if possible & bits == 0 {
        Tri::False
    } else if possible.count_ones() == 1 && possible == bits {
        Tri::True
    } else {
        Tri::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expr::Val;
    use crate::model::Classification;
    use crate::value::Range;

    /// A whole-number range as the reference holds it.
    fn as_range(r: (i128, i128)) -> Range {
        let d = |n: i128| Decimal::from_i128_with_scale(n, 0);
        Range::new(d(r.0), d(r.1))
    }

    /// The reference's classification equality, on every pair of sets.
    #[test]
    fn class_equality_mirrors_the_reference() {
        for possible in 0u8..8 {
            for c in Classification::ALL {
                let reference = crate::expr::eval(
                    &Expr::Cmp(
                        CmpOp::Eq,
                        Box::new(Expr::Const(Const::Class(possible))),
                        Box::new(Expr::Const(Const::Class(c.bit()))),
                    ),
                    &NoNames,
                )
                .as_tri();
                assert_eq!(class_is(possible, c.bit()), reference, "{possible:#b} == {c}");
            }
        }
    }

    struct NoNames;
    impl crate::expr::Env for NoNames {
        fn leaf(&self, _: Leaf) -> Val<'_> {
            Val::Bool(Tri::Unknown)
        }
    }

    /// Integer comparisons and sums mirror decimal ranges, saturation included.
    #[test]
    fn integer_ranges_mirror_decimal_ranges() {
        let values = [-DECIMAL_MAX, -7, -1, 0, 1, 2, 5, 1 << 70, DECIMAL_MAX];
        let ranges: Vec<(i128, i128)> =
            values.iter().flat_map(|a| values.iter().filter(move |b| *b >= a).map(move |b| (*a, *b))).collect();
        for a in &ranges {
            for b in &ranges {
                let (ra, rb) = (as_range(*a), as_range(*b));
                assert_eq!(compare(CmpOp::Lt, *a, *b), ra.lt(rb));
                assert_eq!(compare(CmpOp::Le, *a, *b), ra.le(rb));
                assert_eq!(compare(CmpOp::Eq, *a, *b), ra.eq(rb));
                let sum = (saturate(a.0 + b.0), saturate(a.1 + b.1));
                assert_eq!(as_range(sum), ra + rb, "{a:?} + {b:?}");
            }
        }
    }
}
