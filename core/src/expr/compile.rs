//! Syntax tree → typed, name-resolved expression. Every name is resolved to a slot once,
//! at load, so evaluation never looks a name up; every type error is found here.

use super::parse::{ArithOp, Ast, AstKind, CmpOp, Span};
use super::{Const, Expr, Leaf};
use crate::model::{Classification, Level};
use crate::value::{Range, Tri};
use std::sync::Arc;

/// The type of a condition's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Type {
    Bool,
    Num,
    Text,
    Level,
    Classification,
}

impl Type {
    fn name(self) -> &'static str {
        match self {
            Type::Bool => "a truth value",
            Type::Num => "a number",
            Type::Text => "text",
            Type::Level => "a level",
            Type::Classification => "a classification",
        }
    }
}

/// What a name means, as the pack checker resolves it.
#[derive(Clone, Debug)]
pub struct Resolved {
    pub leaf: Leaf,
    pub ty: Type,
    /// The allowed texts, where the name is text with a closed set of values.
    pub domain: Option<Arc<[String]>>,
}

/// Resolves dotted names; the pack checker implements it for each kind of condition.
pub trait Resolve {
    fn resolve(&self, path: &[String]) -> Result<Resolved, NameError>;
}

/// What is wrong with a condition. The pack checker chooses its error kind from this,
/// never from the wording of the message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// A name that does not exist, or cannot be read in this kind of condition.
    UnknownName,
    /// A function the language does not have.
    UnknownFunction,
    /// A value of the wrong type for where it stands.
    Type,
    /// A function given the wrong number of arguments.
    Arity,
    /// A text literal that is not among the values allowed where it is compared.
    NotAllowed,
}

/// Why a name could not be resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameError {
    pub kind: ErrorKind,
    pub message: String,
}

impl NameError {
    /// A name that does not exist (or not here).
    pub fn unknown(message: impl Into<String>) -> NameError {
        NameError { kind: ErrorKind::UnknownName, message: message.into() }
    }

    /// A name that exists but whose type cannot be used in a condition.
    pub fn wrong_type(message: impl Into<String>) -> NameError {
        NameError { kind: ErrorKind::Type, message: message.into() }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompileError {
    pub span: Span,
    pub kind: ErrorKind,
    pub message: String,
}

fn err<T>(span: Span, kind: ErrorKind, message: impl Into<String>) -> Result<T, CompileError> {
    Err(CompileError { span, kind, message: message.into() })
}

/// Type-checks `ast` and requires the result to be `want`.
pub fn compile(ast: &Ast, want: Type, names: &dyn Resolve) -> Result<Expr, CompileError> {
    let (expr, ty) = lower(ast, names)?;
    if ty != want {
        return err(
            ast.span,
            ErrorKind::Type,
            format!("this condition is {}, but {} is needed here", ty.name(), want.name()),
        );
    }
    Ok(expr)
}

fn expect(ast: &Ast, want: Type, names: &dyn Resolve) -> Result<Expr, CompileError> {
    let (expr, ty) = lower(ast, names)?;
    if ty != want {
        return err(ast.span, ErrorKind::Type, format!("expected {}, found {}", want.name(), ty.name()));
    }
    Ok(expr)
}

fn lower(ast: &Ast, names: &dyn Resolve) -> Result<(Expr, Type), CompileError> {
    Ok(match &ast.kind {
        AstKind::Bool(b) => (Expr::Const(Const::Bool(Tri::from(*b))), Type::Bool),
        AstKind::Num(n) => (Expr::Const(Const::Num(Range::point(*n))), Type::Num),
        AstKind::Str(s) => (Expr::Const(Const::Text(s.as_str().into())), Type::Text),
        AstKind::Name(path) => {
            let r = names.resolve(path).or_else(|e| err(ast.span, e.kind, e.message))?;
            (Expr::Leaf(r.leaf), r.ty)
        }
        AstKind::Not(inner) => (Expr::Not(Box::new(expect(inner, Type::Bool, names)?)), Type::Bool),
        AstKind::And(a, b) => {
            (Expr::And(vec![expect(a, Type::Bool, names)?, expect(b, Type::Bool, names)?]), Type::Bool)
        }
        AstKind::Or(a, b) => (Expr::Or(vec![expect(a, Type::Bool, names)?, expect(b, Type::Bool, names)?]), Type::Bool),
        AstKind::Arith(op, a, b) => {
            let (a, b) = (expect(a, Type::Num, names)?, expect(b, Type::Num, names)?);
            let e = match op {
                ArithOp::Add => Expr::Add(Box::new(a), Box::new(b)),
                ArithOp::Sub => Expr::Add(Box::new(a), Box::new(Expr::Neg(Box::new(b)))),
                ArithOp::Mul => Expr::Mul(Box::new(a), Box::new(b)),
            };
            (e, Type::Num)
        }
        AstKind::Neg(inner) => (Expr::Neg(Box::new(expect(inner, Type::Num, names)?)), Type::Num),
        AstKind::Cmp(op, a, b) => (compare(*op, a, b, names)?, Type::Bool),
        AstKind::In { item, list, negated } => {
            let (item_expr, ty) = lower(item, names)?;
            let domain = domain_of(item, names);
            let mut alts = Vec::with_capacity(list.len());
            for alt in list {
                alts.push(operand_as(alt, ty, domain.as_deref(), names)?);
            }
            if !matches!(ty, Type::Text | Type::Num | Type::Level | Type::Classification) {
                return err(
                    item.span,
                    ErrorKind::Type,
                    format!("`in` needs text, a number, a level or a classification, found {}", ty.name()),
                );
            }
            let e = Expr::In(Box::new(item_expr), alts);
            (if *negated { Expr::Not(Box::new(e)) } else { e }, Type::Bool)
        }
        AstKind::Call(name, args) => call(ast, name, args, names)?,
    })
}

fn domain_of(ast: &Ast, names: &dyn Resolve) -> Option<Arc<[String]>> {
    match &ast.kind {
        AstKind::Name(path) => names.resolve(path).ok().and_then(|r| r.domain),
        _ => None,
    }
}

/// Lowers `ast` as an operand compared with a value of type `ty`: a text literal becomes a
/// level or classification constant where one is compared, and is checked against a
/// closed set of values.
fn operand_as(ast: &Ast, ty: Type, domain: Option<&[String]>, names: &dyn Resolve) -> Result<Expr, CompileError> {
    if let AstKind::Str(s) = &ast.kind {
        match ty {
            Type::Level => {
                return match Level::parse(s) {
                    Some(l) => Ok(Expr::Const(Const::Level(l))),
                    None => err(
                        ast.span,
                        ErrorKind::NotAllowed,
                        format!("`{s}` is not a level (none, low, moderate, high, very_high)"),
                    ),
                }
            }
            Type::Classification => {
                return match Classification::parse(s) {
                    Some(c) => Ok(Expr::Const(Const::Class(c.bit()))),
                    None => err(
                        ast.span,
                        ErrorKind::NotAllowed,
                        format!("`{s}` is not a classification (presumed_victim, at_risk, insufficient_indicators)"),
                    ),
                }
            }
            Type::Text => {
                if let Some(values) = domain {
                    if !values.iter().any(|v| v == s) {
                        return err(
                            ast.span,
                            ErrorKind::NotAllowed,
                            format!("`{s}` is not one of the allowed values: {}", values.join(", ")),
                        );
                    }
                }
            }
            _ => {}
        }
    }
    expect(ast, ty, names)
}

fn compare(op: CmpOp, a: &Ast, b: &Ast, names: &dyn Resolve) -> Result<Expr, CompileError> {
    // The side that is not a bare text literal decides the type.
    let a_is_literal = matches!(a.kind, AstKind::Str(_));
    let (first, second) = if a_is_literal { (b, a) } else { (a, b) };
    let (first_expr, ty) = lower(first, names)?;
    let second_expr = operand_as(second, ty, domain_of(first, names).as_deref(), names)?;
    let (l, r) = if a_is_literal { (second_expr, first_expr) } else { (first_expr, second_expr) };
    let ordered = matches!(op, CmpOp::Lt | CmpOp::Le | CmpOp::Gt | CmpOp::Ge);
    if ordered && !matches!(ty, Type::Num | Type::Level) {
        return err(
            a.span,
            ErrorKind::Type,
            format!("`<`, `<=`, `>`, `>=` compare numbers or levels, not {}", ty.name()),
        );
    }
    if ty == Type::Bool {
        return err(a.span, ErrorKind::Type, "compare truth values with `and`, `or`, `not` instead of `==`/`!=`");
    }
    Ok(Expr::Cmp(op, Box::new(l), Box::new(r)))
}

fn call(ast: &Ast, name: &str, args: &[Ast], names: &dyn Resolve) -> Result<(Expr, Type), CompileError> {
    let bools = |args: &[Ast]| -> Result<Vec<Expr>, CompileError> {
        if args.is_empty() {
            return err(ast.span, ErrorKind::Arity, format!("`{name}` needs at least one condition"));
        }
        args.iter().map(|a| expect(a, Type::Bool, names)).collect()
    };
    Ok(match name {
        "count" => (Expr::Count(bools(args)?), Type::Num),
        "any" => (Expr::Or(bools(args)?), Type::Bool),
        "all" => (Expr::And(bools(args)?), Type::Bool),
        "known" => {
            if args.len() != 1 {
                return err(ast.span, ErrorKind::Arity, "`known` takes exactly one value");
            }
            let (inner, _) = lower(&args[0], names)?;
            (Expr::Known(Box::new(inner)), Type::Bool)
        }
        _ => {
            return err(
                ast.span,
                ErrorKind::UnknownFunction,
                format!("unknown function `{name}` (count, any, all, known)"),
            )
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expr::parse::parse;

    struct Names;
    impl Resolve for Names {
        fn resolve(&self, path: &[String]) -> Result<Resolved, NameError> {
            match path.join(".").as_str() {
                "a" => Ok(Resolved { leaf: Leaf::Present(0), ty: Type::Bool, domain: None }),
                "level" => Ok(Resolved { leaf: Leaf::Level, ty: Type::Level, domain: None }),
                "wait" => Err(NameError::wrong_type("a duration")),
                other => Err(NameError::unknown(format!("unknown name `{other}`"))),
            }
        }
    }

    fn kind(src: &str) -> ErrorKind {
        compile(&parse(src).unwrap(), Type::Bool, &Names).unwrap_err().kind
    }

    /// Every way a condition can be wrong has its kind, whatever its message says.
    #[test]
    fn errors_carry_their_kind() {
        assert_eq!(kind("nope"), ErrorKind::UnknownName);
        assert_eq!(kind("wait"), ErrorKind::Type);
        assert_eq!(kind("frobnicate(a)"), ErrorKind::UnknownFunction);
        assert_eq!(kind("known(a, a)"), ErrorKind::Arity);
        assert_eq!(kind("count() >= 1"), ErrorKind::Arity);
        assert_eq!(kind("a + 1 > 0"), ErrorKind::Type);
        assert_eq!(kind("level >= \"urgent\""), ErrorKind::NotAllowed);
        assert_eq!(kind("level"), ErrorKind::Type);
    }
}
