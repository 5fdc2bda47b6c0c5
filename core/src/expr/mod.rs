//! The condition language: parsed and type-checked when a pack loads, evaluated with
//! three-valued logic over exact decimal ranges.
//!
//! This module knows the *shape* of conditions; what a name refers to is the pack
//! checker's business (it implements [`compile::Resolve`]) and what a name's value is
//! is the evaluator's (it implements [`Env`]). Evaluation is a walk over a finite tree:
//! no loops, no recursion through names, no panics.

pub(crate) mod analysis;
pub mod compile;
pub(crate) mod counts;
pub(crate) mod interval;
pub mod parse;

use crate::model::{Grade, Level};
use crate::value::{Range, Tri};
use parse::CmpOp;
use rust_decimal::Decimal;

/// A name, resolved at load time to the slot that holds its value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Leaf {
    /// Whether an indicator is present.
    Present(u32),
    /// An indicator's raw value (`value.ID`).
    RawValue(u32),
    Fact(u32),
    Dimension(u32),
    Param(u32),
    Subject(SubjectField),
    Case(CaseField),
    Level,
    Classification,
    Overdue(u32),
    /// `strong`, `medium`, `weak` inside the dimension rule.
    Grade(Grade),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SubjectField {
    IsChild,
    Age,
    Sex,
    Citizenship,
    IsForeign,
    AppearsMinor,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CaseField {
    Reporter,
    Municipality,
    Entity,
    Area,
}

/// A value during evaluation. Texts are borrowed from the pack or the case, so a value
/// is a few machine words, copied freely, never allocated.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Val<'a> {
    Bool(Tri),
    Num(Range),
    Text(Option<&'a str>),
    /// The levels still possible, lowest and highest.
    Level(Level, Level),
    /// The classifications still possible, as a bit set (see `Classification::bit`).
    Class(u8),
}

impl Val<'_> {
    pub fn settled(&self) -> bool {
        match self {
            Val::Bool(t) => t.known().is_some(),
            Val::Num(r) => r.is_point(),
            Val::Text(t) => t.is_some(),
            Val::Level(lo, hi) => lo == hi,
            Val::Class(bits) => bits.count_ones() == 1,
        }
    }

    pub fn as_tri(&self) -> Tri {
        match self {
            Val::Bool(t) => *t,
            _ => Tri::Unknown,
        }
    }

    pub fn as_range(&self) -> Range {
        match self {
            Val::Num(r) => *r,
            Val::Level(lo, hi) => Range::new(Decimal::from(*lo as u8), Decimal::from(*hi as u8)),
            _ => Range::new(Decimal::MIN, Decimal::MAX),
        }
    }
}

/// A constant in a condition.
#[derive(Clone, Debug, PartialEq)]
pub enum Const {
    Bool(Tri),
    Num(Range),
    Text(Box<str>),
    Level(Level),
    Class(u8),
}

impl Const {
    fn val(&self) -> Val<'_> {
        match self {
            Const::Bool(t) => Val::Bool(*t),
            Const::Num(r) => Val::Num(*r),
            Const::Text(t) => Val::Text(Some(t)),
            Const::Level(l) => Val::Level(*l, *l),
            Const::Class(bits) => Val::Class(*bits),
        }
    }
}

/// A compiled condition.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    Const(Const),
    Leaf(Leaf),
    Not(Box<Expr>),
    And(Vec<Expr>),
    Or(Vec<Expr>),
    Cmp(CmpOp, Box<Expr>, Box<Expr>),
    In(Box<Expr>, Vec<Expr>),
    Add(Box<Expr>, Box<Expr>),
    Mul(Box<Expr>, Box<Expr>),
    Neg(Box<Expr>),
    Count(Vec<Expr>),
    Known(Box<Expr>),
}

impl Expr {
    /// Every name the condition reads, in order of first appearance, without repeats.
    pub fn leaves(&self) -> Vec<Leaf> {
        let mut out = Vec::new();
        self.visit(&mut |l| {
            if !out.contains(&l) {
                out.push(l);
            }
        });
        out
    }

    fn visit(&self, f: &mut impl FnMut(Leaf)) {
        match self {
            Expr::Const(_) => {}
            Expr::Leaf(l) => f(*l),
            Expr::Not(e) | Expr::Neg(e) | Expr::Known(e) => e.visit(f),
            Expr::And(es) | Expr::Or(es) | Expr::Count(es) => es.iter().for_each(|e| e.visit(f)),
            Expr::Cmp(_, a, b) | Expr::Add(a, b) | Expr::Mul(a, b) => {
                a.visit(f);
                b.visit(f);
            }
            Expr::In(a, bs) => {
                a.visit(f);
                bs.iter().for_each(|e| e.visit(f));
            }
        }
    }
}

/// Where the values of names come from during evaluation.
pub trait Env {
    fn leaf(&self, leaf: Leaf) -> Val<'_>;
}

/// Evaluates a condition of truth type.
pub fn eval_tri<E: Env + ?Sized>(e: &Expr, env: &E) -> Tri {
    match e {
        Expr::Not(inner) => !eval_tri(inner, env),
        Expr::And(es) => Tri::all(es.iter().map(|x| eval_tri(x, env))),
        Expr::Or(es) => Tri::any(es.iter().map(|x| eval_tri(x, env))),
        _ => eval(e, env).as_tri(),
    }
}

/// Evaluates any condition.
pub fn eval<'a, E: Env + ?Sized>(e: &'a Expr, env: &'a E) -> Val<'a> {
    match e {
        Expr::Const(v) => v.val(),
        Expr::Leaf(l) => env.leaf(*l),
        Expr::Not(_) | Expr::And(_) | Expr::Or(_) => Val::Bool(eval_tri(e, env)),
        Expr::Cmp(op, a, b) => Val::Bool(cmp(*op, &eval(a, env), &eval(b, env))),
        Expr::In(item, alts) => {
            let v = eval(item, env);
            let mut acc = Tri::False;
            for alt in alts {
                acc = acc.or(cmp(CmpOp::Eq, &v, &eval(alt, env)));
            }
            Val::Bool(acc)
        }
        Expr::Add(a, b) => Val::Num(eval(a, env).as_range() + eval(b, env).as_range()),
        Expr::Mul(a, b) => Val::Num(eval(a, env).as_range() * eval(b, env).as_range()),
        Expr::Neg(a) => Val::Num(-eval(a, env).as_range()),
        Expr::Count(es) => {
            let (mut lo, mut hi) = (0u32, 0u32);
            for x in es {
                match eval_tri(x, env) {
                    Tri::True => {
                        lo += 1;
                        hi += 1;
                    }
                    Tri::Unknown => hi += 1,
                    Tri::False => {}
                }
            }
            Val::Num(Range::new(Decimal::from(lo), Decimal::from(hi)))
        }
        Expr::Known(inner) => Val::Bool(Tri::from(eval(inner, env).settled())),
    }
}

fn cmp(op: CmpOp, a: &Val<'_>, b: &Val<'_>) -> Tri {
    match op {
        CmpOp::Eq => equal(a, b),
        CmpOp::Ne => !equal(a, b),
        CmpOp::Lt => a.as_range().lt(b.as_range()),
        CmpOp::Le => a.as_range().le(b.as_range()),
        CmpOp::Gt => b.as_range().lt(a.as_range()),
        CmpOp::Ge => b.as_range().le(a.as_range()),
    }
}

fn equal(a: &Val<'_>, b: &Val<'_>) -> Tri {
    match (a, b) {
        (Val::Text(x), Val::Text(y)) => match (x, y) {
            (Some(x), Some(y)) => Tri::from(x == y),
            _ => Tri::Unknown,
        },
        (Val::Class(x), Val::Class(y)) => {
            if x & y == 0 {
                Tri::False
            } else if x.count_ones() == 1 && x == y {
                Tri::True
            } else {
                Tri::Unknown
            }
        }
        (Val::Bool(x), Val::Bool(y)) => match (x.known(), y.known()) {
            (Some(x), Some(y)) => Tri::from(x == y),
            _ => Tri::Unknown,
        },
        _ => a.as_range().eq(b.as_range()),
    }
}

#[cfg(test)]
mod tests {
    use super::compile::{compile, NameError, Resolve, Resolved, Type};
    use super::*;

    struct Names;
    impl Resolve for Names {
        fn resolve(&self, path: &[String]) -> Result<Resolved, NameError> {
            let leaf = match path.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
                ["a"] => (Leaf::Present(0), Type::Bool),
                ["b"] => (Leaf::Present(1), Type::Bool),
                ["n"] => (Leaf::Param(0), Type::Num),
                ["level"] => (Leaf::Level, Type::Level),
                ["classification"] => (Leaf::Classification, Type::Classification),
                ["sex"] => (Leaf::Subject(SubjectField::Sex), Type::Text),
                _ => return Err(NameError::unknown(format!("unknown name `{}`", path.join(".")))),
            };
            let domain =
                (leaf.1 == Type::Text).then(|| std::sync::Arc::from(vec!["female".to_owned(), "male".to_owned()]));
            Ok(Resolved { leaf: leaf.0, ty: leaf.1, domain })
        }
    }

    struct Values {
        a: Tri,
        b: Tri,
        n: Range,
    }
    impl Env for Values {
        fn leaf(&self, leaf: Leaf) -> Val<'_> {
            match leaf {
                Leaf::Present(0) => Val::Bool(self.a),
                Leaf::Present(_) => Val::Bool(self.b),
                Leaf::Param(_) => Val::Num(self.n),
                Leaf::Level => Val::Level(Level::Low, Level::High),
                Leaf::Classification => Val::Class(0b011),
                _ => Val::Text(None),
            }
        }
    }

    fn run(src: &str, env: &Values) -> Tri {
        let ast = parse::parse(src).unwrap();
        eval_tri(&compile(&ast, Type::Bool, &Names).unwrap(), env)
    }

    fn check_err(src: &str) -> String {
        compile(&parse::parse(src).unwrap(), Type::Bool, &Names).unwrap_err().message
    }

    #[test]
    fn three_valued_evaluation() {
        let env = Values { a: Tri::True, b: Tri::Unknown, n: Range::new(Decimal::ONE, Decimal::TEN) };
        assert_eq!(run("a or b", &env), Tri::True);
        assert_eq!(run("a and b", &env), Tri::Unknown);
        assert_eq!(run("count(a, b) >= 1", &env), Tri::True);
        assert_eq!(run("count(a, b) >= 2", &env), Tri::Unknown);
        assert_eq!(run("n * 2 >= 2", &env), Tri::True);
        assert_eq!(run("n - 1 > 9", &env), Tri::False);
        assert_eq!(run("level >= \"low\"", &env), Tri::True);
        assert_eq!(run("level >= \"very_high\"", &env), Tri::False);
        assert_eq!(run("classification != \"insufficient_indicators\"", &env), Tri::True);
        assert_eq!(run("classification == \"at_risk\"", &env), Tri::Unknown);
        assert_eq!(run("known(b)", &env), Tri::False);
        assert_eq!(run("sex in [\"female\"]", &env), Tri::Unknown);
    }

    #[test]
    fn type_errors_are_found_at_load() {
        assert!(check_err("a + 1 > 0").contains("expected a number"));
        assert!(check_err("nope").contains("unknown name"));
        assert!(check_err("level >= \"urgent\"").contains("not a level"));
        assert!(check_err("sex == \"femle\"").contains("not one of the allowed values"));
        assert!(check_err("n").contains("is a number"));
        assert!(check_err("frobnicate(a)").contains("unknown function"));
        assert!(check_err("a == b").contains("truth values"));
    }
}
