//! The values a variable of the analysis ranges over: both truth values, the regions that
//! a number's constants cut its line into, or a text's allowed values.

use crate::expr::parse::CmpOp;
use crate::expr::Leaf;
use rust_decimal::Decimal;
use std::sync::Arc;

/// The values a leaf takes in a complete input, as the pack declares them.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Domain {
    Bool,
    Number {
        whole: bool,
        min: Option<Decimal>,
        max: Option<Decimal>,
    },
    /// Text: one of the values when the set is closed, any text when it is `None`.
    Text(Option<Arc<[String]>>),
}

/// Tells the domain of each leaf (the checker knows the pack's types).
pub(crate) trait Domains {
    fn domain(&self, leaf: Leaf) -> Domain;
}

/// One value a variable may take; numbers are represented by the region they fall in.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Value {
    Bool(bool),
    Point(Decimal),
    /// Strictly between two cuts (`None`: unbounded on that side).
    Between(Option<Decimal>, Option<Decimal>),
    /// A text; `None` stands for any text that is none of the constants.
    Text(Option<Box<str>>),
}

#[derive(Debug)]
pub(super) struct Var {
    pub domain: Domain,
    /// The constants it is compared with (its cuts).
    pub numbers: Vec<Decimal>,
    pub texts: Vec<Box<str>>,
    /// Its values, worked out from the constants when first needed.
    pub values: Option<Vec<Value>>,
}

impl Var {
    pub(super) fn values(&mut self) -> &[Value] {
        let (domain, numbers, texts) = (&self.domain, &self.numbers, &self.texts);
        self.values.get_or_insert_with(|| match domain {
            Domain::Bool => vec![Value::Bool(false), Value::Bool(true)],
            Domain::Number { whole, min, max } => regions(*whole, *min, *max, numbers),
            Domain::Text(Some(closed)) => {
                let mut values: Vec<&str> = closed.iter().map(String::as_str).collect();
                values.sort_unstable();
                values.dedup();
                values.into_iter().map(|v| Value::Text(Some(v.into()))).collect()
            }
            Domain::Text(None) => {
                let mut values: Vec<&str> = texts.iter().map(|t| &**t).collect();
                values.sort_unstable();
                values.dedup();
                values.into_iter().map(|v| Value::Text(Some(v.into()))).chain([Value::Text(None)]).collect()
            }
        })
    }
}

/// The points and open intervals that `cuts` divide a number line into, within `min` and
/// `max`, keeping only regions that hold a value of the domain.
pub(super) fn regions(whole: bool, min: Option<Decimal>, max: Option<Decimal>, cuts: &[Decimal]) -> Vec<Value> {
    let inside = |c: &Decimal| min.is_none_or(|m| *c >= m) && max.is_none_or(|m| *c <= m);
    let mut cuts: Vec<Decimal> = cuts.iter().copied().chain(min).chain(max).filter(inside).collect();
    cuts.sort_unstable();
    cuts.dedup();
    let has_value = |lo: Option<Decimal>, hi: Option<Decimal>| {
        if !whole {
            return true;
        }
        // The least whole number above `lo` must lie below `hi`.
        match lo.map(|lo| lo.floor().checked_add(Decimal::ONE)) {
            Some(None) => false,
            Some(Some(n)) => hi.is_none_or(|hi| n < hi),
            None => true,
        }
    };
    let mut out = Vec::with_capacity(2 * cuts.len() + 1);
    let mut below: Option<Decimal> = None;
    for (i, c) in cuts.iter().enumerate() {
        // Below the first cut only when nothing bounds the domain from below.
        if (i > 0 || min.is_none()) && has_value(below, Some(*c)) {
            out.push(Value::Between(below, Some(*c)));
        }
        if !whole || c.fract().is_zero() {
            out.push(Value::Point(*c));
        }
        below = Some(*c);
    }
    if max.is_none() && has_value(below, None) {
        out.push(Value::Between(below, None));
    }
    out
}

/// `x op bound` for every `x` in `value`'s region (`bound` is one of the cuts, so it
/// never lies strictly inside an interval).
pub(super) fn compare(value: &Value, op: CmpOp, bound: Decimal) -> Option<bool> {
    use std::cmp::Ordering::*;
    let ord = match value {
        Value::Point(x) => x.cmp(&bound),
        Value::Between(lo, _) if lo.is_some_and(|lo| bound <= lo) => Greater,
        Value::Between(_, hi) if hi.is_some_and(|hi| bound >= hi) => Less,
        _ => return None,
    };
    Some(match op {
        CmpOp::Eq => ord == Equal,
        CmpOp::Ne => ord != Equal,
        CmpOp::Lt => ord == Less,
        CmpOp::Le => ord != Greater,
        CmpOp::Gt => ord == Greater,
        CmpOp::Ge => ord != Less,
    })
}

/// What kind of variable a leaf is used as.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Use {
    Truth,
    Number,
    Text,
}

impl Domain {
    pub(super) fn fits(&self, usage: Use) -> bool {
        matches!(
            (self, usage),
            (Domain::Bool, Use::Truth) | (Domain::Number { .. }, Use::Number) | (Domain::Text(_), Use::Text)
        )
    }
}
