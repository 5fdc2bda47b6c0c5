//! Hit policies, checked with the satisfiability analysis of `expr::analysis`.
//!
//! - Classification (`[tables.classification]`): under `unique` (the default) two rules
//!   with different results that can both hold for one case are a `conflict`; under
//!   `first` the declared order decides, and a rule that the rules before it always
//!   pre-empt is unreachable.
//! - Profiles are always `unique`: two that can both hold are a `conflict`.
//! - An obligation's exceptions are `unique` (no two may apply at once) unless the base
//!   declares `exception_order` (the first that applies, in that order).
//! - Score terms add up and overrides take the highest floor that holds: fixed policies
//!   that need no check beyond reachability.
//!
//! A rule whose condition can never hold is warned about (`unreachable`). Where the
//! analysis cannot prove two rules exclusive, within its budget or because its model is
//! coarser than the engine, a `unique` table is refused: the author declares an order.

use super::rules::HitPolicy;
use super::{At, Checker, Rules};
use crate::error::PackErrorKind;
use crate::expr::analysis::{Analysis, Cond, Verdict};
use crate::expr::Expr;

/// One rule of a table, ready to be asked about.
struct Entry<'a> {
    cond: Cond,
    at: &'a At,
    name: String,
    /// Rules of one group may hold together (classification rules with one result);
    /// rules of different groups must exclude each other.
    group: u32,
}

/// Turns `(condition, where, name, group)` into entries.
fn entries<'a>(an: &mut Analysis<'_>, rules: impl Iterator<Item = (&'a Expr, &'a At, String, u32)>) -> Vec<Entry<'a>> {
    rules.map(|(when, at, name, group)| Entry { cond: an.condition(when), at, name, group }).collect()
}

pub(super) fn check(ck: &mut Checker<'_>, t: &Rules<'_>) {
    let facts: Vec<&Expr> = t.facts.facts.iter().map(|f| &f.when).collect();
    let mut an = Analysis::new(t.names, &facts, &t.facts.order);

    let profiles = t.catalogue.profiles.iter().zip(&t.catalogue.profiles_at);
    let profiles =
        entries(&mut an, profiles.zip(0..).map(|((p, at), i)| (&p.when, at, format!("profile `{}`", p.id), i)));
    never(ck, &mut an, &profiles, None);
    let advice = "profile conditions must exclude each other";
    exclusive(ck, &mut an, &profiles, None, "can both hold for one subject", advice);

    let table = t.classification;
    let rules = table.rules.iter().zip(&table.at).map(|(r, at)| {
        (&r.when, at, format!("classification rule `{}` ({})", r.id, r.then.as_str()), u32::from(r.then.bit()))
    });
    let rules = entries(&mut an, rules);
    match table.policy {
        HitPolicy::Unique => {
            never(ck, &mut an, &rules, None);
            let advice = "make their conditions exclude each other, or declare `[tables.classification]` with `hit_policy = \"first\"` and an `order`";
            exclusive(
                ck,
                &mut an,
                &rules,
                None,
                "can both hold for one case, and the classification table is `unique`",
                advice,
            );
        }
        HitPolicy::First => in_order(ck, &mut an, &rules, None, "a rule before it in `order`"),
    }

    if let Some((scoring, at)) = t.scoring {
        let terms = scoring.terms.iter().zip(at).map(|(r, at)| (&r.when, at, format!("score term `{}`", r.id), 0));
        let terms = entries(&mut an, terms);
        never(ck, &mut an, &terms, None);
    }
    let overrides = t.overrides.0.iter().zip(&t.overrides.1);
    let overrides = entries(&mut an, overrides.map(|(r, at)| (&r.when, at, format!("override `{}`", r.id), 0)));
    never(ck, &mut an, &overrides, None);

    for (duty, at) in t.obligations.obligations.iter().zip(&t.obligations.at) {
        let base =
            entries(&mut an, std::iter::once((&duty.base.when, &at.base, format!("obligation `{}`", duty.id), 0)));
        never(ck, &mut an, &base, None);
        let exceptions = duty.exceptions.iter().zip(&at.exceptions).zip(0..).map(|((e, at), i)| {
            let label = e.exception.as_deref().unwrap_or_default();
            (&e.when, at, format!("exception `{label}` of obligation `{}`", duty.id), i)
        });
        let exceptions = entries(&mut an, exceptions);
        let base = Some(base[0].cond);
        if at.ordered {
            in_order(ck, &mut an, &exceptions, base, "an exception before it in `exception_order`");
        } else {
            never(ck, &mut an, &exceptions, base);
            let advice =
                "make their conditions exclude each other, or declare `exception_order` on the base definition";
            exclusive(ck, &mut an, &exceptions, base, "can both apply to one case", advice);
        }
    }
}

/// The literals asking whether `e` holds (within `base`, when given).
fn holds(e: Cond, base: Option<Cond>) -> Vec<(Cond, bool)> {
    std::iter::once((e, true)).chain(base.map(|b| (b, true))).collect()
}

/// Warns about every entry that cannot hold (within `base`).
fn never(ck: &mut Checker<'_>, an: &mut Analysis<'_>, entries: &[Entry<'_>], base: Option<Cond>) {
    for e in entries {
        if an.can_hold(&holds(e.cond, base)) == Verdict::Impossible {
            let why = if base.is_some() {
                "its condition cannot hold together with the base definition's"
            } else {
                "no case satisfies its condition"
            };
            ck.warn(
                PackErrorKind::Unreachable,
                e.at.file,
                e.at.when.clone(),
                format!("{} can never fire: {why}", e.name),
            );
        }
    }
}

/// Under `first`: warns about every entry that cannot hold, or that the entries before it
/// always pre-empt.
fn in_order(ck: &mut Checker<'_>, an: &mut Analysis<'_>, entries: &[Entry<'_>], base: Option<Cond>, before: &str) {
    for (i, e) in entries.iter().enumerate() {
        let mut first_hit = holds(e.cond, base);
        first_hit.extend(entries[..i].iter().map(|earlier| (earlier.cond, false)));
        if an.can_hold(&first_hit) != Verdict::Impossible {
            continue;
        }
        let message = if an.can_hold(&holds(e.cond, base)) == Verdict::Impossible {
            format!("{} can never fire: no case satisfies its condition", e.name)
        } else {
            format!("{} can never fire: wherever it holds, {before} holds too", e.name)
        };
        ck.warn(PackErrorKind::Unreachable, e.at.file, e.at.when.clone(), message);
    }
}

/// Refuses, at the later of the two, each entry that can hold together with an earlier
/// one of another group (`together` says what they can do, `advice` what to do about
/// it). Stops at the first pair the analysis cannot decide within its budget.
fn exclusive(
    ck: &mut Checker<'_>,
    an: &mut Analysis<'_>,
    entries: &[Entry<'_>],
    base: Option<Cond>,
    together: &str,
    advice: &str,
) {
    for (j, b) in entries.iter().enumerate() {
        for a in entries[..j].iter().filter(|a| a.group != b.group) {
            let mut both = holds(a.cond, base);
            both.push((b.cond, true));
            let message = match an.can_hold(&both) {
                Verdict::Impossible => continue,
                Verdict::Possible => format!("{} and {} {together}: {advice}", a.name, b.name),
                Verdict::Undecided => format!(
                    "{} could not be proved to exclude {} within the checker's work budget: {advice}",
                    b.name, a.name
                ),
            };
            ck.err(PackErrorKind::Conflict, b.at.file, b.at.when.clone(), message);
            if an.spent() {
                return; // every further question would be undecided too
            }
            break;
        }
    }
}
