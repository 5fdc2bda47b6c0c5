//! Whether conditions can hold together: a small satisfiability analysis over compiled
//! conditions, for the checker's hit policies (two rules of a `unique` table that give
//! different results must not both hold; a rule whose condition cannot hold, or that the
//! rules before it in a `first` table always pre-empt, is unreachable).
//!
//! *Holding* is about complete inputs, every unknown settled, so the question asked is
//! classical two-valued satisfiability. That also settles partial inputs: three-valued
//! logic only ever turns an unknown into a definite value as inputs are added, so two
//! conditions that are both true on a partial input are both true on every completion
//! of it.
//!
//! What is modelled:
//!
//! - derived facts are inlined: they are definitions;
//! - boolean leaves (an indicator's presence, a dimension, `subject.is_child`, an
//!   `overdue.*`, a truth-valued parameter or raw value) are variables;
//! - a comparison of one numeric leaf with a constant (`subject.age < 18`,
//!   `level >= "low"`, `value.unexcused_absences >= 15`) constrains that leaf, which
//!   ranges over the points and open intervals its constants cut the line into, only
//!   whole numbers where the leaf is whole, within the leaf's bounds;
//! - equality and membership of one text or classification leaf with constants, over
//!   the leaf's closed set of values or, where the set is open, the constants and "any
//!   other text";
//! - `count(...)` of conditions compared with a constant.
//!
//! Anything else — two leaves compared, arithmetic on leaves, `known(...)` — is a *free
//! atom*: a truth value that may be either, the same atom wherever the same sub-condition
//! appears. Free atoms, and leaves the model keeps apart although the engine relates
//! them (`subject.is_child` and `subject.age`, an indicator's presence and its raw
//! value), can only add solutions. So the answers are sound one way: "cannot hold" and
//! "cannot both hold" are proofs; "can hold" may be a false alarm where the model is
//! coarser than the engine.
//!
//! The search assigns variables one at a time, in the order the conditions read them, and
//! evaluates the conditions in three-valued logic after each step, backtracking as soon
//! as they are false. It is
//! bounded by a work budget per question and per pack; beyond it the answer is
//! [`Verdict::Undecided`], which callers treat as "can hold".

mod domain;

pub(crate) use domain::{Domain, Domains};

use super::parse::CmpOp;
use super::{Const, Expr, Leaf};
use crate::model::{Classification, Level};
use crate::value::{Range, Tri};
use domain::{compare, Use, Value, Var};
use rust_decimal::Decimal;
use rustc_hash::FxHashMap as HashMap;

/// Work allowed for one question, counted in evaluations of one condition node.
pub(crate) const QUERY_BUDGET: u64 = 1 << 22;
/// Work allowed for all the questions asked about one pack.
pub(crate) const PACK_BUDGET: u64 = 1 << 26;

/// A condition in the analysis' terms, ready to be asked about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Cond(u32);

/// The answer to "can these hold at once?".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// Some complete input makes them all hold (or the model is too coarse to tell them
    /// apart: see the module note).
    Possible,
    /// No input makes them all hold: a proof.
    Impossible,
    /// The work budget ran out first.
    Undecided,
}

#[derive(Debug)]
enum Node {
    Const(bool),
    /// A truth-valued variable: a boolean leaf or a free atom.
    Var(u32),
    Not(u32),
    And(Box<[u32]>),
    Or(Box<[u32]>),
    /// `count(parts) op bound`.
    Count {
        parts: Box<[u32]>,
        op: CmpOp,
        bound: Decimal,
    },
    /// `var op bound` for a numeric variable.
    Compare {
        var: u32,
        op: CmpOp,
        bound: Decimal,
    },
    /// `var == value` for a text variable.
    Equals {
        var: u32,
        value: Box<str>,
    },
}

impl Node {
    fn children(&self) -> &[u32] {
        match self {
            Node::Not(x) => std::slice::from_ref(x),
            Node::And(xs) | Node::Or(xs) | Node::Count { parts: xs, .. } => xs,
            Node::Const(_) | Node::Var(_) | Node::Compare { .. } | Node::Equals { .. } => &[],
        }
    }

    fn var(&self) -> Option<u32> {
        match self {
            Node::Var(v) | Node::Compare { var: v, .. } | Node::Equals { var: v, .. } => Some(*v),
            _ => None,
        }
    }
}

/// A constant side of a comparison.
enum Bound {
    Number(Decimal),
    Text(Box<str>),
    Class(u8),
}

fn constant(e: &Expr) -> Option<Bound> {
    Some(match e {
        Expr::Const(Const::Num(r)) if r.is_point() => Bound::Number(r.lo),
        Expr::Const(Const::Level(l)) => Bound::Number(Decimal::from(*l as u8)),
        Expr::Const(Const::Text(t)) => Bound::Text(t.clone()),
        Expr::Const(Const::Class(bits)) => Bound::Class(*bits),
        Expr::Neg(_) | Expr::Add(..) | Expr::Mul(..) => Bound::Number(number(e)?),
        _ => return None,
    })
}

fn number(e: &Expr) -> Option<Decimal> {
    match e {
        Expr::Const(Const::Num(r)) if r.is_point() => Some(r.lo),
        Expr::Neg(x) => Some(-number(x)?),
        Expr::Add(a, b) => number(a)?.checked_add(number(b)?),
        Expr::Mul(a, b) => number(a)?.checked_mul(number(b)?),
        _ => None,
    }
}

fn flipped(op: CmpOp) -> CmpOp {
    match op {
        CmpOp::Lt => CmpOp::Gt,
        CmpOp::Le => CmpOp::Ge,
        CmpOp::Gt => CmpOp::Lt,
        CmpOp::Ge => CmpOp::Le,
        CmpOp::Eq | CmpOp::Ne => op,
    }
}

/// The conditions of one pack in the analysis' terms, with the work spent on them.
pub(crate) struct Analysis<'d> {
    domains: &'d dyn Domains,
    /// Children always come before their parents.
    nodes: Vec<Node>,
    vars: Vec<Var>,
    leaf_vars: HashMap<Leaf, u32>,
    free_vars: HashMap<String, u32>,
    /// The node of each fact, once converted (facts in a cycle stay variables).
    facts: Vec<Option<u32>>,
    spent: u64,
    query_budget: u64,
    pack_budget: u64,
    // Scratch space reused by every question.
    seen: Vec<u32>,
    var_seen: Vec<u32>,
    round: u32,
    truth: Vec<Tri>,
    assigned: Vec<u32>,
}

const UNASSIGNED: u32 = u32::MAX;

impl<'d> Analysis<'d> {
    /// Converts the facts (`facts[i]` is fact `i`'s condition) in `order`, an order in
    /// which each comes after those it reads.
    pub(crate) fn new(domains: &'d dyn Domains, facts: &[&Expr], order: &[u32]) -> Analysis<'d> {
        Analysis::with_budget(domains, facts, order, QUERY_BUDGET, PACK_BUDGET)
    }

    pub(crate) fn with_budget(
        domains: &'d dyn Domains,
        facts: &[&Expr],
        order: &[u32],
        query_budget: u64,
        pack_budget: u64,
    ) -> Analysis<'d> {
        let mut a = Analysis {
            domains,
            nodes: Vec::new(),
            vars: Vec::new(),
            leaf_vars: HashMap::default(),
            free_vars: HashMap::default(),
            facts: vec![None; facts.len()],
            spent: 0,
            query_budget,
            pack_budget,
            seen: Vec::new(),
            var_seen: Vec::new(),
            round: 0,
            truth: Vec::new(),
            assigned: Vec::new(),
        };
        for &f in order {
            if let Some(e) = facts.get(f as usize) {
                let n = a.node(e);
                a.facts[f as usize] = Some(n);
            }
        }
        a
    }

    /// Whether the pack's work budget is spent (every further question is undecided).
    pub(crate) fn spent(&self) -> bool {
        self.spent >= self.pack_budget
    }

    /// `e` (a truth-valued condition) in the analysis' terms.
    pub(crate) fn condition(&mut self, e: &Expr) -> Cond {
        Cond(self.node(e))
    }

    /// Whether every `(condition, wanted)` can have its wanted truth value for one input.
    pub(crate) fn can_hold(&mut self, all_of: &[(Cond, bool)]) -> Verdict {
        let budget = self.query_budget.min(self.pack_budget.saturating_sub(self.spent));
        let (cone, vars) = self.cone(all_of);
        let mut work = cone.len() as u64;
        let verdict = loop {
            if work > budget {
                break Verdict::Undecided;
            }
            work += cone.len() as u64;
            let t = self.evaluate(&cone, all_of);
            // An unknown with every variable set cannot happen (every leaf is a variable);
            // `Undecided` keeps the answer safe if it ever did.
            match t {
                Tri::True => break Verdict::Possible,
                Tri::Unknown if self.depth(&vars) == vars.len() => break Verdict::Undecided,
                Tri::Unknown => {
                    let next = vars[self.depth(&vars)];
                    self.assigned[next as usize] = 0;
                }
                Tri::False => {
                    if !self.next_choice(&vars) {
                        break Verdict::Impossible;
                    }
                }
            }
        };
        for &v in &vars {
            self.assigned[v as usize] = UNASSIGNED;
        }
        self.spent = self.spent.saturating_add(work);
        verdict
    }

    /// How many of `vars` (assigned in order) are assigned.
    fn depth(&self, vars: &[u32]) -> usize {
        // Variables are assigned as a prefix of `vars`; the first unassigned one ends it.
        vars.iter().position(|v| self.assigned[*v as usize] == UNASSIGNED).unwrap_or(vars.len())
    }

    /// Moves the deepest assigned variable to its next value, unassigning those that have
    /// none left; `false` when every choice is exhausted.
    fn next_choice(&mut self, vars: &[u32]) -> bool {
        let mut depth = self.depth(vars);
        while depth > 0 {
            let v = vars[depth - 1] as usize;
            let next = self.assigned[v] + 1;
            if (next as usize) < self.vars[v].values().len() {
                self.assigned[v] = next;
                return true;
            }
            self.assigned[v] = UNASSIGNED;
            depth -= 1;
        }
        false
    }

    /// The nodes the conditions read, children first, and their variables.
    fn cone(&mut self, all_of: &[(Cond, bool)]) -> (Vec<u32>, Vec<u32>) {
        self.round = self.round.wrapping_add(1);
        if self.round == 0 {
            self.seen.iter_mut().for_each(|s| *s = 0);
            self.var_seen.iter_mut().for_each(|s| *s = 0);
            self.round = 1;
        }
        self.seen.resize(self.nodes.len(), 0);
        self.truth.resize(self.nodes.len(), Tri::Unknown);
        self.var_seen.resize(self.vars.len(), 0);
        self.assigned.resize(self.vars.len(), UNASSIGNED);
        let mut cone = Vec::new();
        let mut stack: Vec<u32> = all_of.iter().map(|(c, _)| c.0).collect();
        while let Some(n) = stack.pop() {
            if self.seen[n as usize] == self.round {
                continue;
            }
            self.seen[n as usize] = self.round;
            cone.push(n);
            stack.extend_from_slice(self.nodes[n as usize].children());
        }
        cone.sort_unstable();
        // Variables in the order the conditions read them (depth first, left to right), so
        // that those of one sub-condition are tried together and a false one is found
        // early.
        let mut vars = Vec::new();
        let mut visited = vec![false; self.nodes.len()];
        let mut stack: Vec<u32> = all_of.iter().rev().map(|(c, _)| c.0).collect();
        while let Some(n) = stack.pop() {
            if std::mem::replace(&mut visited[n as usize], true) {
                continue;
            }
            let node = &self.nodes[n as usize];
            if let Some(v) = node.var() {
                if self.var_seen[v as usize] != self.round {
                    self.var_seen[v as usize] = self.round;
                    vars.push(v);
                }
            }
            stack.extend(node.children().iter().rev());
        }
        for &v in &vars {
            self.vars[v as usize].values();
        }
        (cone, vars)
    }

    /// The three-valued truth of the conjunction under the current partial assignment.
    fn evaluate(&mut self, cone: &[u32], all_of: &[(Cond, bool)]) -> Tri {
        for &n in cone {
            let value_of = |var: u32| match self.assigned[var as usize] {
                UNASSIGNED => None,
                i => self.vars[var as usize].values.as_ref().map(|vs| &vs[i as usize]),
            };
            let t = match &self.nodes[n as usize] {
                Node::Const(b) => Tri::from(*b),
                Node::Var(v) => match value_of(*v) {
                    Some(Value::Bool(b)) => Tri::from(*b),
                    _ => Tri::Unknown,
                },
                Node::Not(x) => !self.truth[*x as usize],
                Node::And(xs) => Tri::all(xs.iter().map(|x| self.truth[*x as usize])),
                Node::Or(xs) => Tri::any(xs.iter().map(|x| self.truth[*x as usize])),
                Node::Count { parts, op, bound } => {
                    let (mut lo, mut hi) = (0u32, 0u32);
                    for p in parts.iter() {
                        match self.truth[*p as usize] {
                            Tri::True => {
                                lo += 1;
                                hi += 1;
                            }
                            Tri::Unknown => hi += 1,
                            Tri::False => {}
                        }
                    }
                    let count = Range::new(Decimal::from(lo), Decimal::from(hi));
                    let bound = Range::point(*bound);
                    match op {
                        CmpOp::Eq => count.eq(bound),
                        CmpOp::Ne => !count.eq(bound),
                        CmpOp::Lt => count.lt(bound),
                        CmpOp::Le => count.le(bound),
                        CmpOp::Gt => bound.lt(count),
                        CmpOp::Ge => bound.le(count),
                    }
                }
                Node::Compare { var, op, bound } => {
                    value_of(*var).and_then(|v| compare(v, *op, *bound)).map_or(Tri::Unknown, Tri::from)
                }
                Node::Equals { var, value } => match value_of(*var) {
                    Some(Value::Text(t)) => Tri::from(t.as_deref() == Some(&**value)),
                    _ => Tri::Unknown,
                },
            };
            self.truth[n as usize] = t;
        }
        Tri::all(all_of.iter().map(|(c, wanted)| {
            let t = self.truth[c.0 as usize];
            if *wanted {
                t
            } else {
                !t
            }
        }))
    }

    fn push(&mut self, node: Node) -> u32 {
        self.nodes.push(node);
        (self.nodes.len() - 1) as u32
    }

    fn new_var(&mut self, domain: Domain) -> u32 {
        self.vars.push(Var { domain, numbers: Vec::new(), texts: Vec::new(), values: None });
        (self.vars.len() - 1) as u32
    }

    fn node(&mut self, e: &Expr) -> u32 {
        match e {
            Expr::Const(Const::Bool(t)) => match t.known() {
                Some(b) => self.push(Node::Const(b)),
                None => {
                    let v = self.new_var(Domain::Bool);
                    self.push(Node::Var(v))
                }
            },
            Expr::Leaf(leaf) => {
                if let Leaf::Fact(f) = leaf {
                    if let Some(Some(n)) = self.facts.get(*f as usize) {
                        return *n;
                    }
                }
                match self.leaf_var(*leaf, Use::Truth) {
                    Some(v) => self.push(Node::Var(v)),
                    None => self.free(e),
                }
            }
            Expr::Not(x) => {
                let x = self.node(x);
                self.push(Node::Not(x))
            }
            Expr::And(xs) => {
                let parts = xs.iter().map(|x| self.node(x)).collect();
                self.push(Node::And(parts))
            }
            Expr::Or(xs) => {
                let parts = xs.iter().map(|x| self.node(x)).collect();
                self.push(Node::Or(parts))
            }
            Expr::Cmp(op, a, b) => {
                let modelled = match constant(b) {
                    Some(k) => self.against(*op, a, k),
                    None => constant(a).and_then(|k| self.against(flipped(*op), b, k)),
                };
                modelled.unwrap_or_else(|| self.free(e))
            }
            Expr::In(x, alts) => self.membership(x, alts).unwrap_or_else(|| self.free(e)),
            _ => self.free(e),
        }
    }

    /// `side op k`, where the model has a form for it.
    fn against(&mut self, op: CmpOp, side: &Expr, k: Bound) -> Option<u32> {
        let equality = matches!(op, CmpOp::Eq | CmpOp::Ne);
        let text = |a: &mut Self, var: u32, value: Box<str>| {
            a.vars[var as usize].texts.push(value.clone());
            a.vars[var as usize].values = None;
            let eq = a.push(Node::Equals { var, value });
            if op == CmpOp::Ne {
                a.push(Node::Not(eq))
            } else {
                eq
            }
        };
        match (side, k) {
            (Expr::Leaf(leaf), Bound::Number(bound)) => {
                let var = self.leaf_var(*leaf, Use::Number)?;
                self.vars[var as usize].numbers.push(bound);
                self.vars[var as usize].values = None;
                Some(self.push(Node::Compare { var, op, bound }))
            }
            (Expr::Count(parts), Bound::Number(bound)) => {
                let parts = parts.iter().map(|p| self.node(p)).collect();
                Some(self.push(Node::Count { parts, op, bound }))
            }
            (Expr::Leaf(leaf), Bound::Text(value)) if equality => {
                let var = self.leaf_var(*leaf, Use::Text)?;
                Some(text(self, var, value))
            }
            (Expr::Leaf(Leaf::Classification), Bound::Class(bits)) if equality && bits.count_ones() == 1 => {
                let class = Classification::ALL.into_iter().find(|c| c.bit() == bits)?;
                let var = self.leaf_var(Leaf::Classification, Use::Text)?;
                Some(text(self, var, class.as_str().into()))
            }
            _ => None,
        }
    }

    /// `x in [alternatives]` as "equal to one of them", where every one is a constant.
    fn membership(&mut self, x: &Expr, alts: &[Expr]) -> Option<u32> {
        let mut parts = Vec::with_capacity(alts.len());
        for alt in alts {
            parts.push(self.against(CmpOp::Eq, x, constant(alt)?)?);
        }
        Some(self.push(Node::Or(parts.into())))
    }

    fn leaf_var(&mut self, leaf: Leaf, usage: Use) -> Option<u32> {
        if let Some(&v) = self.leaf_vars.get(&leaf) {
            return self.vars[v as usize].domain.fits(usage).then_some(v);
        }
        let domain = match leaf {
            Leaf::Level => Domain::Number {
                whole: true,
                min: Some(Decimal::from(Level::None as u8)),
                max: Some(Decimal::from(Level::VeryHigh as u8)),
            },
            Leaf::Classification => {
                Domain::Text(Some(Classification::ALL.iter().map(|c| c.as_str().to_owned()).collect()))
            }
            other => self.domains.domain(other),
        };
        if !domain.fits(usage) {
            return None;
        }
        let v = self.new_var(domain);
        self.leaf_vars.insert(leaf, v);
        Some(v)
    }

    /// A sub-condition the model has no form for: a truth value that may be either, the
    /// same wherever the same sub-condition appears.
    fn free(&mut self, e: &Expr) -> u32 {
        let key = format!("{e:?}");
        let v = match self.free_vars.get(&key) {
            Some(&v) => v,
            None => {
                let v = self.new_var(Domain::Bool);
                self.free_vars.insert(key, v);
                v
            }
        };
        self.push(Node::Var(v))
    }
}

#[cfg(test)]
mod tests;
