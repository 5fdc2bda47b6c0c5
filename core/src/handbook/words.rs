//! A condition in words, in the page's language, made from its expression tree:
//! `subject.is_child and any(d5_violence_on_victim, …)` becomes "the person is a child and
//! at least one of: • violence on the victim • …". Names become their labels, linked to
//! their entries; lists of conditions become lists, so that nothing depends on reading
//! brackets. The words say what the tree says and no more.

use super::html::{esc, Page};
use super::phrases::W;
use super::site::{anchor, Target};
use crate::expr::parse::CmpOp;
use crate::expr::{CaseField, Const, Expr, Leaf, SubjectField};
use crate::model::{Classification, Grade};
use crate::value::decimal_text;
use rust_decimal::Decimal;
use std::fmt::Write;

/// A condition in words: one clause, or a heading over a list of clauses.
enum Clause {
    /// `compound` when the clause joins others with "and"/"or", so that a parent list
    /// must not join it inline again.
    Inline {
        html: String,
        compound: bool,
    },
    List {
        head: String,
        items: Vec<Clause>,
    },
}

impl Clause {
    fn simple(html: String) -> Clause {
        Clause::Inline { html, compound: false }
    }

    fn html(&self, out: &mut String) {
        match self {
            Clause::Inline { html, .. } => out.push_str(html),
            Clause::List { head, items } => {
                out.push_str(head);
                out.push_str("<ul>");
                for item in items {
                    out.push_str("<li>");
                    item.html(out);
                    out.push_str("</li>");
                }
                out.push_str("</ul>");
            }
        }
    }
}

/// The words of a condition and the condition as written, for a reader and a reviewer.
/// `own` is the indicator whose `present_when` this is (its `value` is "the observed
/// value").
pub(crate) fn condition(page: &Page<'_, '_>, expr: &Expr, written: Option<&str>, own: Option<u32>) -> String {
    let words = Words { page, own };
    let mut out = String::from("<div class=\"condition\"><div class=\"words\">");
    words.clause(expr).html(&mut out);
    out.push_str("</div>");
    if let Some(text) = written {
        let _ = write!(
            out,
            "<p class=\"expr\"><span class=\"expr-label\">{}:</span> <code>{}</code></p>",
            esc(page.t(W::Expression)),
            esc(text)
        );
    }
    out.push_str("</div>");
    out
}

struct Words<'p, 'c, 'a> {
    page: &'p Page<'c, 'a>,
    own: Option<u32>,
}

impl Words<'_, '_, '_> {
    fn t(&self, w: W) -> &'static str {
        self.page.t(w)
    }

    fn clause(&self, e: &Expr) -> Clause {
        match e {
            Expr::And(_) => self.joined(flatten(e, true), W::CAnd, W::CAllOf),
            Expr::Or(_) => self.joined(flatten(e, false), W::COr, W::CAnyOf),
            Expr::Not(inner) => self.negated(inner),
            Expr::Cmp(op, a, b) => self.comparison(*op, a, b),
            Expr::In(item, alts) => Clause::simple(self.membership(item, alts, W::CIn)),
            Expr::Known(inner) => Clause::simple(W::CKnown.fill(self.page.lang(), &[&self.value(inner, None)])),
            Expr::Const(Const::Bool(t)) => Clause::simple(esc(self.t(if t.is_true() { W::Always } else { W::Never }))),
            other => Clause::simple(self.value(other, None)),
        }
    }

    /// Conditions joined by "and" (`and_word`) or "or": inline when there are two simple
    /// ones, otherwise a list under "all of:" / "at least one of:".
    fn joined(&self, parts: Vec<&Expr>, and_word: W, list_word: W) -> Clause {
        let clauses: Vec<Clause> = parts.into_iter().map(|p| self.clause(p)).collect();
        let simple = clauses.iter().all(|c| matches!(c, Clause::Inline { compound: false, .. }));
        if clauses.len() <= 2 && simple {
            let texts: Vec<String> = clauses
                .into_iter()
                .map(|c| match c {
                    Clause::Inline { html, .. } => html,
                    Clause::List { .. } => String::new(),
                })
                .collect();
            let joiner = format!(" <em class=\"op\">{}</em> ", esc(self.t(and_word)));
            return Clause::Inline { html: texts.join(&joiner), compound: true };
        }
        Clause::List { head: esc(self.t(list_word)), items: clauses }
    }

    fn negated(&self, inner: &Expr) -> Clause {
        match inner {
            Expr::In(item, alts) => Clause::simple(self.membership(item, alts, W::CNotIn)),
            Expr::Cmp(CmpOp::Eq, a, b) => self.comparison(CmpOp::Ne, a, b),
            Expr::Cmp(CmpOp::Ne, a, b) => self.comparison(CmpOp::Eq, a, b),
            // A negation is never joined inline ("not: a and b" would read as "not (a and
            // b)"); in a list it stands on its own line.
            _ => match self.clause(inner) {
                Clause::Inline { html, .. } => {
                    Clause::Inline { html: W::CNot.fill(self.page.lang(), &[&html]), compound: true }
                }
                Clause::List { head, items } => Clause::List { head: W::CNot.fill(self.page.lang(), &[&head]), items },
            },
        }
    }

    fn comparison(&self, op: CmpOp, a: &Expr, b: &Expr) -> Clause {
        if let (Expr::Count(items), Some(n)) = (a, constant(b)) {
            return self.counted(op, items, n);
        }
        let verb = match op {
            CmpOp::Eq => W::CIs,
            CmpOp::Ne => W::CIsNot,
            CmpOp::Lt => W::CLt,
            CmpOp::Le => W::CLe,
            CmpOp::Gt => W::CGt,
            CmpOp::Ge => W::CGe,
        };
        let (left, right) = (self.value(a, Some(b)), self.value(b, Some(a)));
        Clause::simple(format!("{left} {} {right}", esc(self.t(verb))))
    }

    /// `count(a, b, c) >= 2`: "at least 2 of:" and the list.
    fn counted(&self, op: CmpOp, items: &[Expr], n: Decimal) -> Clause {
        let lang = self.page.lang();
        let whole = n.fract().is_zero();
        let text = |d: Decimal| decimal_text(d);
        let head = match op {
            CmpOp::Ge => W::CAtLeastOf.fill(lang, &[&text(n)]),
            CmpOp::Gt if whole => W::CAtLeastOf.fill(lang, &[&text(n + Decimal::ONE)]),
            CmpOp::Le => W::CAtMostOf.fill(lang, &[&text(n)]),
            CmpOp::Lt if whole && n > Decimal::ZERO => W::CAtMostOf.fill(lang, &[&text(n - Decimal::ONE)]),
            CmpOp::Eq => W::CExactlyOf.fill(lang, &[&text(n)]),
            _ => {
                let verb = match op {
                    CmpOp::Ne => W::CIsNot,
                    CmpOp::Lt => W::CLt,
                    _ => W::CGt,
                };
                W::CCountOf.fill(lang, &[&format!("{} {}", self.t(verb), text(n))])
            }
        };
        Clause::List { head: esc(&head), items: items.iter().map(|i| self.clause(i)).collect() }
    }

    fn membership(&self, item: &Expr, alts: &[Expr], verb: W) -> String {
        let values: Vec<String> = alts.iter().map(|a| self.value(a, Some(item))).collect();
        format!("{} {} {}", self.value(item, None), esc(self.t(verb)), values.join(", "))
    }

    /// A value in words: a name's label (linked), a constant, or arithmetic. `other` is
    /// what it is compared with, which says how a text constant reads (a role, a value).
    fn value(&self, e: &Expr, other: Option<&Expr>) -> String {
        let lang = self.page.lang();
        match e {
            Expr::Leaf(leaf) => self.leaf(*leaf),
            Expr::Const(c) => self.constant(c, other),
            Expr::Add(a, b) => match b.as_ref() {
                Expr::Neg(b) => format!("{} {} {}", self.value(a, None), esc(self.t(W::CMinus)), self.value(b, None)),
                _ => format!("{} {} {}", self.value(a, None), esc(self.t(W::CPlus)), self.value(b, None)),
            },
            Expr::Mul(a, b) => format!("{} {} {}", self.value(a, None), esc(self.t(W::CTimes)), self.value(b, None)),
            Expr::Neg(a) => format!("{} {}", esc(self.t(W::CMinus)), self.value(a, None)),
            Expr::Count(items) => {
                let mut out = String::new();
                Clause::List {
                    head: esc(&W::CCountOf.fill(lang, &[""])),
                    items: items.iter().map(|i| self.clause(i)).collect(),
                }
                .html(&mut out);
                out
            }
            _ => {
                let mut out = String::new();
                self.clause(e).html(&mut out);
                out
            }
        }
    }

    fn constant(&self, c: &Const, other: Option<&Expr>) -> String {
        let p = crate::explain::phrases(self.page.lang());
        match c {
            Const::Bool(t) => esc(self.t(if t.is_true() { W::Always } else { W::Never })),
            Const::Num(r) => esc(&decimal_text(r.lo)),
            Const::Level(l) => format!("<q>{}</q>", esc(&p.level[*l as usize])),
            Const::Class(bits) => {
                let names: Vec<String> =
                    Classification::in_set(*bits).into_iter().map(|c| esc(&p.class[c as usize])).collect();
                format!("<q>{}</q>", names.join(", "))
            }
            Const::Text(t) => match other {
                Some(Expr::Leaf(Leaf::Case(CaseField::Reporter))) => self.role(t),
                _ => format!("<q>{}</q>", esc(t)),
            },
        }
    }

    /// A role by its id, as the pack labels it.
    fn role(&self, id: &str) -> String {
        let c = &self.page.ctx.shared.protocol.inner;
        match c.roles.iter().find(|r| r.id == id) {
            Some(r) => format!("<q>{}</q>", self.page.label(&r.label, &r.id)),
            None => format!("<q>{}</q>", esc(id)),
        }
    }

    fn leaf(&self, leaf: Leaf) -> String {
        let page = self.page;
        let lang = page.lang();
        let c = &page.ctx.shared.protocol.inner;
        let w = |w: W| esc(self.t(w));
        match leaf {
            Leaf::Present(i) => {
                let ind = &c.indicators[i as usize];
                page.link(&Target::Indicator(&ind.id), &page.label(&ind.label, &ind.id))
            }
            Leaf::RawValue(i) if Some(i) == self.own => w(W::CThisValue),
            Leaf::RawValue(i) => {
                let ind = &c.indicators[i as usize];
                let name = page.link(&Target::Indicator(&ind.id), &page.label(&ind.label, &ind.id));
                W::CValueOf.fill(lang, &[&name])
            }
            Leaf::Fact(i) => {
                let f = &c.facts[i as usize];
                page.link(&Target::Rule(anchor("fact", &f.id)), &page.label(&f.label, &f.id))
            }
            Leaf::Dimension(i) => {
                let d = &c.dimensions[i as usize];
                let name = page.link(&Target::Rule(anchor("dimension", &d.id)), &page.label(&d.label, &d.id));
                W::CDimension.fill(lang, &[&name])
            }
            Leaf::Param(i) => {
                let p = &c.params[i as usize];
                let label = p.label.is_empty().then(|| format!("<code>{}</code>", esc(&p.id)));
                let name = label.unwrap_or_else(|| page.label(&p.label, &p.id));
                let value = super::pages::param_value_text(page.ctx, i).unwrap_or_default();
                let value = match &p.unit {
                    Some(unit) => format!("{} {}", esc(&value), esc(unit)),
                    None => esc(&value),
                };
                page.link(&Target::Parameter(&p.id), &W::CParamValue.fill(lang, &[&name, &value]))
            }
            Leaf::Subject(f) => w(match f {
                SubjectField::IsChild => W::SubjIsChild,
                SubjectField::Age => W::SubjAge,
                SubjectField::Sex => W::SubjSex,
                SubjectField::Citizenship => W::SubjCitizenship,
                SubjectField::IsForeign => W::SubjIsForeign,
                SubjectField::AppearsMinor => W::SubjAppearsMinor,
            }),
            Leaf::Case(f) => w(match f {
                CaseField::Reporter => W::CaseReporter,
                CaseField::Municipality => W::CaseMunicipality,
                CaseField::Entity => W::CaseEntity,
                CaseField::Area => W::CaseArea,
            }),
            Leaf::Level => w(W::LevelWord),
            Leaf::Classification => w(W::ClassificationWord),
            Leaf::Overdue(i) => {
                let o = &c.obligations[i as usize];
                let name = page.link(&Target::Duty(&o.id), &page.label(&o.base.label, &o.id));
                W::COverdue.fill(lang, &[&name])
            }
            Leaf::Grade(g) => w(match g {
                Grade::Strong => W::CGradeStrong,
                Grade::Medium => W::CGradeMedium,
                Grade::Weak => W::CGradeWeak,
            }),
        }
    }
}

/// The operands of nested `and` (or nested `or`) as one list: `a and b and c` is
/// compiled as `(a and b) and c`, and reads as one list of three.
fn flatten(e: &Expr, and: bool) -> Vec<&Expr> {
    match (e, and) {
        (Expr::And(parts), true) | (Expr::Or(parts), false) => parts.iter().flat_map(|p| flatten(p, and)).collect(),
        _ => vec![e],
    }
}

/// The number a constant operand stands for.
fn constant(e: &Expr) -> Option<Decimal> {
    match e {
        Expr::Const(Const::Num(r)) if r.is_point() => Some(r.lo),
        _ => None,
    }
}
