//! Protected attributes may route a case, never weigh in it (DESIGN.md, Fairness).
//!
//! A protected indicator *reaches* a fact that reads it, and every fact that reads such a
//! fact. It reaches an obligation whose condition, or one of whose exceptions'
//! conditions, reads it or a fact it reaches; an obligation that reads `overdue.X` of an
//! obligation it reaches; and an obligation whose clock starts at an event that fulfils
//! (`met_by`) an obligation it reaches — when that duty was met says whether the
//! attribute was recorded.
//!
//! Nothing it reaches may weigh: a profile, a score term, an override or a
//! classification rule that it reaches is refused. An obligation it reaches must wait
//! for consent (`consent = ...`) and go to a role that the indicator declares in its
//! `routes`; otherwise it is refused, with the path by which the attribute reaches it.
//!
//! Each fact is visited once, in dependency order, and each obligation once per
//! attribute that reaches it, so the work is linear in the pack.

use super::{At, Checker, Rules};
use crate::error::PackErrorKind;
use crate::expr::{Expr, Leaf};
use crate::protocol::{Anchor, Fact, Indicator, Party};
use std::collections::VecDeque;
use std::sync::Arc;

/// How protected attributes reach a fact or an obligation: the first way found, and every
/// attribute that does (sorted).
#[derive(Clone, Debug)]
struct Taint {
    via: Via,
    attributes: Arc<[u32]>,
}

#[derive(Clone, Copy, Debug)]
enum Via {
    /// It reads the protected indicator itself.
    Attribute(u32),
    /// It reads a fact that a protected attribute reaches.
    Fact(u32),
    /// It reads `overdue.X` of an obligation that a protected attribute reaches.
    Overdue(u32),
    /// Its clock starts at `event`, which fulfils `obligation`, reached by a protected
    /// attribute.
    Anchor { event: u32, obligation: u32 },
}

pub(super) fn protected(ck: &mut Checker<'_>, r: &Rules<'_>) {
    let indicators = &r.catalogue.indicators;
    let facts = fact_taints(&r.facts.facts, &r.facts.order, indicators);
    let refuse = |ck: &mut Checker<'_>, what: String, when: &Expr, at: &At| {
        if let Some(t) = reach(when, indicators, &facts) {
            let path = path(&t, &r.facts.facts, &facts, indicators);
            ck.err(
                PackErrorKind::Protected,
                at.file,
                at.when.clone(),
                format!("{what} reads the protected attribute {path}; protected attributes may route a case, never weigh in a score, level or classification"),
            );
        }
    };
    for (p, at) in r.catalogue.profiles.iter().zip(&r.catalogue.profiles_at) {
        refuse(ck, format!("profile `{}`", p.id), &p.when, at);
    }
    if let Some((scoring, at)) = r.scoring {
        for (t, at) in scoring.terms.iter().zip(at) {
            refuse(ck, format!("score term `{}`", t.id), &t.when, at);
        }
    }
    for (o, at) in r.overrides.0.iter().zip(&r.overrides.1) {
        refuse(ck, format!("override `{}`", o.id), &o.when, at);
    }
    for (c, at) in r.classification.rules.iter().zip(&r.classification.at) {
        refuse(ck, format!("classification rule `{}`", c.id), &c.when, at);
    }
    routed_only(ck, r, &facts);
}

/// The taint of every fact, in dependency order (facts in a circle stay clean: the
/// circle is an error of its own).
fn fact_taints(facts: &[Fact], order: &[u32], indicators: &[Indicator]) -> Vec<Option<Taint>> {
    let mut taints: Vec<Option<Taint>> = vec![None; facts.len()];
    for &f in order {
        taints[f as usize] = reach(&facts[f as usize].when, indicators, &taints);
    }
    taints
}

/// How protected attributes reach a condition directly or through facts, if they do.
fn reach(e: &Expr, indicators: &[Indicator], facts: &[Option<Taint>]) -> Option<Taint> {
    let mut via = None;
    let mut direct: Vec<u32> = Vec::new();
    let mut through: Vec<&Arc<[u32]>> = Vec::new();
    for leaf in e.leaves() {
        match leaf {
            Leaf::Present(i) | Leaf::RawValue(i) if indicators.get(i as usize).is_some_and(|ind| ind.protected) => {
                via.get_or_insert(Via::Attribute(i));
                direct.push(i);
            }
            Leaf::Fact(j) => {
                if let Some(Some(t)) = facts.get(j as usize) {
                    via.get_or_insert(Via::Fact(j));
                    through.push(&t.attributes);
                }
            }
            _ => {}
        }
    }
    let via = via?;
    // A chain of facts passes one set along: share it rather than copy it.
    let attributes = match (direct.is_empty(), through.as_slice()) {
        (true, [only]) => Arc::clone(only),
        _ => union(direct.into_iter().chain(through.iter().flat_map(|a| a.iter().copied()))),
    };
    Some(Taint { via, attributes })
}

fn union(ids: impl Iterator<Item = u32>) -> Arc<[u32]> {
    let mut all: Vec<u32> = ids.collect();
    all.sort_unstable();
    all.dedup();
    all.into()
}

/// "`roma_community` through fact `a` through fact `b`": the attribute, then the facts
/// from it to the one read (the middle of a long chain elided).
fn path(t: &Taint, facts: &[Fact], taints: &[Option<Taint>], indicators: &[Indicator]) -> String {
    let mut chain: Vec<u32> = Vec::new();
    let mut via = t.via;
    let attribute = loop {
        match via {
            Via::Fact(j) if chain.len() <= facts.len() => {
                chain.push(j);
                match taints.get(j as usize) {
                    Some(Some(next)) => via = next.via,
                    _ => break None,
                }
            }
            Via::Attribute(i) => break Some(i),
            _ => break None,
        }
    };
    let name = attribute.and_then(|i| indicators.get(i as usize)).map_or("?", |ind| ind.id.as_str());
    let mut out = format!("`{name}`");
    chain.reverse();
    const SHOWN: usize = 8;
    for (k, j) in chain.iter().enumerate() {
        if chain.len() > SHOWN && k >= SHOWN / 2 && k < chain.len() - SHOWN / 2 {
            if k == SHOWN / 2 {
                out.push_str(&format!(" through {} more facts", chain.len() - SHOWN));
            }
            continue;
        }
        out.push_str(&format!(" through fact `{}`", facts[*j as usize].id));
    }
    out
}

/// Follows protected attributes into the obligations and refuses those that do not
/// wait for consent and go to a role the attributes route to.
fn routed_only(ck: &mut Checker<'_>, r: &Rules<'_>, facts: &[Option<Taint>]) {
    let duties = &r.obligations.obligations;
    let indicators = &r.catalogue.indicators;
    let n = duties.len();
    // Who reads `overdue.X`, and whose clock starts at each event kind.
    let mut overdue_readers: Vec<Vec<u32>> = vec![Vec::new(); n];
    let mut anchored_at: Vec<Vec<u32>> = vec![Vec::new(); r.names.events.len()];
    let mut taints: Vec<Option<Taint>> = vec![None; n];
    for (o, duty) in duties.iter().enumerate() {
        let mut direct: Option<Taint> = None;
        for def in duty.defs() {
            for leaf in def.when.leaves() {
                if let Leaf::Overdue(j) = leaf {
                    if let Some(readers) = overdue_readers.get_mut(j as usize) {
                        readers.push(o as u32);
                    }
                }
            }
            if let Anchor::Event(k) = def.anchor {
                if let Some(list) = anchored_at.get_mut(k as usize) {
                    list.push(o as u32);
                }
            }
            if let Some(t) = reach(&def.when, indicators, facts) {
                direct = Some(merge(direct, t));
            }
        }
        taints[o] = direct;
    }
    let mut queue: VecDeque<u32> = (0..n as u32).filter(|o| taints[*o as usize].is_some()).collect();
    while let Some(o) = queue.pop_front() {
        let Some(from) = taints[o as usize].clone() else { continue };
        let mut spread = |to: u32, via: Via, queue: &mut VecDeque<u32>| {
            let slot = &mut taints[to as usize];
            let before = slot.as_ref().map(|t| t.attributes.len());
            let next = merge(slot.take(), Taint { via, attributes: Arc::clone(&from.attributes) });
            if before != Some(next.attributes.len()) {
                queue.push_back(to);
            }
            *slot = Some(next);
        };
        for &reader in &overdue_readers[o as usize] {
            spread(reader, Via::Overdue(o), &mut queue);
        }
        let events: Vec<u32> = duties[o as usize].defs().map(|d| d.met_by).collect();
        for event in events {
            for &reader in anchored_at.get(event as usize).map_or(&[][..], Vec::as_slice) {
                spread(reader, Via::Anchor { event, obligation: o }, &mut queue);
            }
        }
    }
    for (o, (duty, at)) in duties.iter().zip(&r.obligations.at).enumerate() {
        let Some(t) = &taints[o] else { continue };
        let ats = std::iter::once(&at.base).chain(&at.exceptions);
        for (def, at) in duty.defs().zip(ats) {
            let mut wrong = Vec::new();
            if def.consent.is_none() {
                wrong.push("it does not wait for consent (`consent = \"...\"`)".to_owned());
            }
            for &a in t.attributes.iter() {
                let routes = &r.catalogue.routes[a as usize];
                let allowed = matches!(def.recipient, Party::Role(role) if routes.contains(&role));
                if !allowed {
                    let to = match def.recipient {
                        Party::Reporter => "reporter",
                        Party::Role(role) => r.names.role(role),
                    };
                    let may: Vec<String> = routes.iter().map(|role| format!("`{}`", r.names.role(*role))).collect();
                    let attribute = &indicators[a as usize].id;
                    wrong.push(if may.is_empty() {
                        format!("it goes to `{to}`, while `{attribute}` routes to no role (it declares no `routes`)")
                    } else {
                        format!("it goes to `{to}`, while `{attribute}` routes only to {}", may.join(", "))
                    });
                }
            }
            if wrong.is_empty() {
                continue;
            }
            let what = match &def.exception {
                Some(e) => format!("obligation `{}` (exception `{e}`)", duty.id),
                None => format!("obligation `{}`", duty.id),
            };
            let (how, span) = describe(t, r, facts, at);
            ck.err(
                PackErrorKind::Protected,
                at.file,
                span,
                format!(
                    "{what} {how}; a duty that a protected attribute reaches must wait for consent and go to a role the attribute routes to, but {}",
                    wrong.join(" and ")
                ),
            );
        }
    }
}

/// Adds `t`'s attributes to `into`, keeping the first way found.
fn merge(into: Option<Taint>, t: Taint) -> Taint {
    match into {
        None => t,
        Some(mut first) => {
            if !t.attributes.iter().all(|a| first.attributes.contains(a)) {
                first.attributes = union(first.attributes.iter().chain(t.attributes.iter()).copied());
            }
            first
        }
    }
}

/// The way a protected attribute reaches an obligation, in words, and where to point.
fn describe(t: &Taint, r: &Rules<'_>, facts: &[Option<Taint>], at: &At) -> (String, std::ops::Range<usize>) {
    let indicators = &r.catalogue.indicators;
    let attribute = t.attributes.first().and_then(|a| indicators.get(*a as usize)).map_or("?", |i| i.id.as_str());
    let duties = &r.obligations.obligations;
    match t.via {
        Via::Attribute(_) | Via::Fact(_) => {
            (format!("reads the protected attribute {}", path(t, &r.facts.facts, facts, indicators)), at.when.clone())
        }
        Via::Overdue(o) => (
            format!(
                "reads `overdue.{}`, which depends on the protected attribute `{attribute}`",
                duties[o as usize].id
            ),
            at.when.clone(),
        ),
        Via::Anchor { event, obligation } => (
            format!(
                "starts its clock at `{}`, the event that fulfils `{}`, which depends on the protected attribute `{attribute}`",
                r.names.event(event),
                duties[obligation as usize].id
            ),
            at.id.clone(),
        ),
    }
}
