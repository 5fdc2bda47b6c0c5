//! Text → syntax tree for the condition language. Positions are byte offsets into the
//! condition text; the pack loader turns them into `file:line:col`.

use rust_decimal::Decimal;
use std::str::FromStr;

/// Conditions nest at most this deep (brackets, `not`, unary `-` and function calls, each
/// one level; a bare name is level 0); deeper text is refused rather than risking the
/// stack.
pub const MAX_DEPTH: usize = 48;
/// The longest condition text accepted, in bytes.
pub const MAX_LEN: usize = 8 * 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub span: Span,
    pub message: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArithOp {
    Add,
    Sub,
    Mul,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Ast {
    pub kind: AstKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum AstKind {
    Bool(bool),
    Num(Decimal),
    Str(String),
    /// A dotted name such as `subject.is_child`.
    Name(Vec<String>),
    Call(String, Vec<Ast>),
    Not(Box<Ast>),
    And(Box<Ast>, Box<Ast>),
    Or(Box<Ast>, Box<Ast>),
    Cmp(CmpOp, Box<Ast>, Box<Ast>),
    In {
        item: Box<Ast>,
        list: Vec<Ast>,
        negated: bool,
    },
    Arith(ArithOp, Box<Ast>, Box<Ast>),
    Neg(Box<Ast>),
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Ident(String),
    Num(Decimal),
    Str(String),
    Sym(&'static str),
    End,
}

struct Lexer<'a> {
    src: &'a str,
    pos: usize,
}

const SYMBOLS: [&str; 15] = ["==", "!=", "<=", ">=", "<", ">", "(", ")", "[", "]", ",", ".", "+", "-", "*"];

impl<'a> Lexer<'a> {
    fn tokens(src: &'a str) -> Result<Vec<(Tok, Span)>, SyntaxError> {
        let mut lx = Lexer { src, pos: 0 };
        let mut out = Vec::new();
        loop {
            let (tok, span) = lx.next()?;
            let end = tok == Tok::End;
            out.push((tok, span));
            if end {
                return Ok(out);
            }
        }
    }

    fn err(&self, start: usize, end: usize, message: impl Into<String>) -> SyntaxError {
        SyntaxError { span: Span { start, end }, message: message.into() }
    }

    fn next(&mut self) -> Result<(Tok, Span), SyntaxError> {
        let bytes = self.src.as_bytes();
        while self.pos < bytes.len() && (bytes[self.pos] as char).is_ascii_whitespace() {
            self.pos += 1;
        }
        let start = self.pos;
        if start >= bytes.len() {
            return Ok((Tok::End, Span { start, end: start }));
        }
        let c = bytes[start];
        let tok = if c.is_ascii_alphabetic() || c == b'_' {
            while self.pos < bytes.len() && (bytes[self.pos].is_ascii_alphanumeric() || bytes[self.pos] == b'_') {
                self.pos += 1;
            }
            Tok::Ident(self.src[start..self.pos].to_owned())
        } else if c.is_ascii_digit() {
            while self.pos < bytes.len() && (bytes[self.pos].is_ascii_digit() || bytes[self.pos] == b'.') {
                self.pos += 1;
            }
            let text = &self.src[start..self.pos];
            let n = Decimal::from_str(text)
                .map_err(|_| self.err(start, self.pos, "not a decimal number (or beyond the decimal range)"))?;
            Tok::Num(n)
        } else if c == b'"' || c == b'\'' {
            self.pos += 1;
            let body_start = self.pos;
            while self.pos < bytes.len() && bytes[self.pos] != c {
                self.pos += 1;
            }
            if self.pos >= bytes.len() {
                return Err(self.err(start, self.pos, "unterminated string"));
            }
            let s = self.src[body_start..self.pos].to_owned();
            self.pos += 1;
            Tok::Str(s)
        } else if let Some(sym) = SYMBOLS.iter().find(|s| self.src[start..].starts_with(**s)) {
            self.pos += sym.len();
            Tok::Sym(sym)
        } else {
            let ch_len = self.src[start..].chars().next().map_or(1, char::len_utf8);
            return Err(self.err(start, start + ch_len, "unexpected character"));
        };
        Ok((tok, Span { start, end: self.pos }))
    }
}

struct Parser {
    toks: Vec<(Tok, Span)>,
    i: usize,
    depth: usize,
}

/// Parses one condition.
pub fn parse(src: &str) -> Result<Ast, SyntaxError> {
    if src.len() > MAX_LEN {
        return Err(SyntaxError {
            span: Span { start: 0, end: 0 },
            message: format!("condition longer than {MAX_LEN} bytes"),
        });
    }
    let toks = Lexer::tokens(src)?;
    let mut p = Parser { toks, i: 0, depth: 0 };
    let ast = p.or()?;
    match p.peek() {
        Tok::End => Ok(ast),
        _ => Err(p.error_here("expected `and`, `or` or the end of the condition")),
    }
}

impl Parser {
    fn peek(&self) -> &Tok {
        &self.toks[self.i.min(self.toks.len() - 1)].0
    }

    fn span(&self) -> Span {
        self.toks[self.i.min(self.toks.len() - 1)].1
    }

    fn bump(&mut self) -> (Tok, Span) {
        let t = self.toks[self.i.min(self.toks.len() - 1)].clone();
        if self.i < self.toks.len() - 1 {
            self.i += 1;
        }
        t
    }

    fn error_here(&self, message: &str) -> SyntaxError {
        SyntaxError { span: self.span(), message: message.to_owned() }
    }

    fn is_kw(&self, kw: &str) -> bool {
        matches!(self.peek(), Tok::Ident(s) if s == kw)
    }

    fn is_sym(&self, sym: &str) -> bool {
        matches!(self.peek(), Tok::Sym(s) if *s == sym)
    }

    fn expect_sym(&mut self, sym: &str) -> Result<Span, SyntaxError> {
        if self.is_sym(sym) {
            Ok(self.bump().1)
        } else {
            Err(self.error_here(&format!("expected `{sym}`")))
        }
    }

    fn enter(&mut self) -> Result<(), SyntaxError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error_here(&format!("condition nested deeper than {MAX_DEPTH} levels")));
        }
        Ok(())
    }

    fn join(a: &Ast, b: &Ast) -> Span {
        Span { start: a.span.start, end: b.span.end }
    }

    fn or(&mut self) -> Result<Ast, SyntaxError> {
        let mut left = self.and()?;
        while self.is_kw("or") {
            self.bump();
            let right = self.and()?;
            let span = Self::join(&left, &right);
            left = Ast { kind: AstKind::Or(Box::new(left), Box::new(right)), span };
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Ast, SyntaxError> {
        let mut left = self.not()?;
        while self.is_kw("and") {
            self.bump();
            let right = self.not()?;
            let span = Self::join(&left, &right);
            left = Ast { kind: AstKind::And(Box::new(left), Box::new(right)), span };
        }
        Ok(left)
    }

    fn not(&mut self) -> Result<Ast, SyntaxError> {
        if self.is_kw("not") {
            let start = self.bump().1;
            self.enter()?;
            let inner = self.not()?;
            self.depth -= 1;
            let span = Span { start: start.start, end: inner.span.end };
            return Ok(Ast { kind: AstKind::Not(Box::new(inner)), span });
        }
        self.cmp()
    }

    fn cmp(&mut self) -> Result<Ast, SyntaxError> {
        let left = self.sum()?;
        let op = match self.peek() {
            Tok::Sym("==") => Some(CmpOp::Eq),
            Tok::Sym("!=") => Some(CmpOp::Ne),
            Tok::Sym("<") => Some(CmpOp::Lt),
            Tok::Sym("<=") => Some(CmpOp::Le),
            Tok::Sym(">") => Some(CmpOp::Gt),
            Tok::Sym(">=") => Some(CmpOp::Ge),
            _ => None,
        };
        if let Some(op) = op {
            self.bump();
            let right = self.sum()?;
            let span = Self::join(&left, &right);
            return Ok(Ast { kind: AstKind::Cmp(op, Box::new(left), Box::new(right)), span });
        }
        let negated = if self.is_kw("not") {
            // `x not in [...]`
            let save = self.i;
            self.bump();
            if !self.is_kw("in") {
                self.i = save;
                return Ok(left);
            }
            true
        } else {
            false
        };
        if self.is_kw("in") {
            self.bump();
            self.expect_sym("[")?;
            let mut list = Vec::new();
            if !self.is_sym("]") {
                loop {
                    list.push(self.sum()?);
                    if self.is_sym(",") {
                        self.bump();
                    } else {
                        break;
                    }
                }
            }
            let end = self.expect_sym("]")?;
            let span = Span { start: left.span.start, end: end.end };
            return Ok(Ast { kind: AstKind::In { item: Box::new(left), list, negated }, span });
        }
        Ok(left)
    }

    fn sum(&mut self) -> Result<Ast, SyntaxError> {
        let mut left = self.product()?;
        loop {
            let op = match self.peek() {
                Tok::Sym("+") => ArithOp::Add,
                Tok::Sym("-") => ArithOp::Sub,
                _ => return Ok(left),
            };
            self.bump();
            let right = self.product()?;
            let span = Self::join(&left, &right);
            left = Ast { kind: AstKind::Arith(op, Box::new(left), Box::new(right)), span };
        }
    }

    fn product(&mut self) -> Result<Ast, SyntaxError> {
        let mut left = self.unary()?;
        while self.is_sym("*") {
            self.bump();
            let right = self.unary()?;
            let span = Self::join(&left, &right);
            left = Ast { kind: AstKind::Arith(ArithOp::Mul, Box::new(left), Box::new(right)), span };
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Ast, SyntaxError> {
        if self.is_sym("-") {
            let start = self.bump().1;
            self.enter()?;
            let inner = self.unary()?;
            self.depth -= 1;
            let span = Span { start: start.start, end: inner.span.end };
            return Ok(Ast { kind: AstKind::Neg(Box::new(inner)), span });
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<Ast, SyntaxError> {
        let (tok, span) = self.bump();
        match tok {
            Tok::Num(n) => Ok(Ast { kind: AstKind::Num(n), span }),
            Tok::Str(s) => Ok(Ast { kind: AstKind::Str(s), span }),
            Tok::Sym("(") => {
                self.enter()?;
                let inner = self.or()?;
                self.depth -= 1;
                let end = self.expect_sym(")")?;
                Ok(Ast { kind: inner.kind, span: Span { start: span.start, end: end.end } })
            }
            Tok::Ident(word) => match word.as_str() {
                "true" => Ok(Ast { kind: AstKind::Bool(true), span }),
                "false" => Ok(Ast { kind: AstKind::Bool(false), span }),
                "and" | "or" | "not" | "in" => {
                    Err(SyntaxError { span, message: format!("expected a value, found the keyword `{word}`") })
                }
                _ if self.is_sym("(") => self.call(word, span),
                _ => self.name(word, span),
            },
            Tok::End => Err(SyntaxError { span, message: "expected a value, found the end of the condition".into() }),
            Tok::Sym(s) => Err(SyntaxError { span, message: format!("expected a value, found `{s}`") }),
        }
    }

    fn call(&mut self, name: String, start: Span) -> Result<Ast, SyntaxError> {
        self.bump(); // (
        self.enter()?;
        let mut args = Vec::new();
        if !self.is_sym(")") {
            loop {
                args.push(self.or()?);
                if self.is_sym(",") {
                    self.bump();
                } else {
                    break;
                }
            }
        }
        let end = self.expect_sym(")")?;
        self.depth -= 1;
        Ok(Ast { kind: AstKind::Call(name, args), span: Span { start: start.start, end: end.end } })
    }

    fn name(&mut self, first: String, start: Span) -> Result<Ast, SyntaxError> {
        let mut parts = vec![first];
        let mut end = start.end;
        while self.is_sym(".") {
            self.bump();
            match self.bump() {
                (Tok::Ident(s), span) => {
                    parts.push(s);
                    end = span.end;
                }
                (_, span) => return Err(SyntaxError { span, message: "expected a name after `.`".into() }),
            }
        }
        Ok(Ast { kind: AstKind::Name(parts), span: Span { start: start.start, end } })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precedence_and_spans() {
        let ast = parse("a or b and not c").unwrap();
        match ast.kind {
            AstKind::Or(_, right) => assert!(matches!(right.kind, AstKind::And(..))),
            other => panic!("unexpected {other:?}"),
        }
        let ast = parse("x.y >= 2 + 3 * 4").unwrap();
        assert_eq!(ast.span, Span { start: 0, end: 16 });
    }

    #[test]
    fn membership_and_calls() {
        assert!(matches!(parse("v not in [\"a\", 'b']").unwrap().kind, AstKind::In { negated: true, .. }));
        assert!(matches!(parse("count(a, b) >= 1").unwrap().kind, AstKind::Cmp(CmpOp::Ge, ..)));
    }

    #[test]
    fn errors_point_at_the_problem() {
        let e = parse("a and (b or").unwrap_err();
        assert_eq!(e.span.start, 11);
        let e = parse("a $ b").unwrap_err();
        assert_eq!(e.span, Span { start: 2, end: 3 });
        assert!(parse("\"open").is_err());
        assert!(parse("99999999999999999999999999999999").is_err());
    }

    /// Both sides of the documented limit, for each way of nesting.
    #[test]
    fn nesting_up_to_the_limit_is_accepted_and_one_more_refused() {
        let shapes: [fn(usize) -> String; 4] = [
            |n| format!("{}a{}", "(".repeat(n), ")".repeat(n)),
            |n| format!("{}a", "not ".repeat(n)),
            |n| format!("{}1 > 0", "-".repeat(n)),
            |n| format!("{}a{}", "any(".repeat(n), ")".repeat(n)),
        ];
        for shape in shapes {
            let at_limit = shape(MAX_DEPTH);
            assert!(parse(&at_limit).is_ok(), "{at_limit}");
            let beyond = shape(MAX_DEPTH + 1);
            assert!(parse(&beyond).unwrap_err().message.contains("nested"), "{beyond}");
        }
        assert!(parse("(a and (b or not (c)))").is_ok());
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let deep = format!("{}a{}", "(".repeat(10_000), ")".repeat(10_000));
        assert!(parse(&deep).unwrap_err().message.contains("nested") || deep.len() > MAX_LEN);
        let deep = format!("{}a", "not ".repeat(200));
        assert!(parse(&deep).unwrap_err().message.contains("nested"));
    }
}
