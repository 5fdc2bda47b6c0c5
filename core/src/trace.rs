//! The audit record: every rule that fired or could fire, with the values it read, and
//! the content that is not `verified` which the assessment relied on.
//!
//! Each rule's reads are taken from the environment of the stage that evaluated it (see
//! [`crate::eval::Env`]): a classification rule reads the levels still possible (a range
//! while the level is unsettled), an obligation the established level and classification.
//! The values are the ones the rule saw, not what a later stage made of them.

use crate::assessment::{ObligationFinding, ObligationStatus, Read, Reliance, RelianceKind, RuleKind, TraceEntry};
use crate::bind::ChildBasis;
use crate::eval::{leaf_name, leaf_text, Env, Evaluation};
use crate::expr::{Env as _, Leaf};
use crate::model::SourceStatus;
use crate::obligations::Duties;
use crate::plan::words::{Sourced, Text};
use crate::value::Tri;
use std::sync::Arc;

fn reads(eval: &Evaluation<'_>, env: &Env<'_, '_>, leaves: &[Leaf]) -> Vec<Read> {
    leaves.iter().map(|l| Read { name: Arc::from(leaf_name(eval.ctx.c, *l)), value: leaf_text(env.leaf(*l)) }).collect()
}

fn entry(kind: RuleKind, id: &Text, result: Tri, reads: Vec<Read>, status: SourceStatus, s: &Sourced) -> TraceEntry {
    TraceEntry { kind, id: id.clone(), result, reads, source: s.source.clone(), status, citation: s.citation.clone() }
}

/// Every rule that fired or could fire, stage by stage.
pub(crate) fn trace(eval: &Evaluation<'_>, duties: &Duties<'_>, obligations: &[ObligationFinding]) -> Vec<TraceEntry> {
    let c = eval.ctx.c;
    let words = &c.plan.words;
    let mut out = Vec::new();
    let inputs_env = Env::new(&eval.ctx, &eval.inputs);
    for ((p, named), t) in c.profiles.iter().zip(&words.profiles).zip(&eval.profiles) {
        if t.possible() {
            let r = reads(eval, &inputs_env, &p.when.leaves());
            out.push(entry(RuleKind::Profile, &named.id, t, r, c.age.prov.status, &words.age));
        }
    }
    for (i, (d, o)) in words.dimensions.iter().zip(&eval.dims).enumerate() {
        if o.positive.possible() {
            let mut r: Vec<Read> = ["strong", "medium", "weak"]
                .iter()
                .zip(&o.counts)
                .map(|(g, (lo, hi))| Read {
                    name: Arc::from(*g),
                    value: if lo == hi { lo.to_string() } else { format!("{lo}..{hi}") },
                })
                .collect();
            for &k in &c.plan.dim_items[i] {
                for m in &c.items[k as usize].members {
                    if eval.inputs.present.get(*m) == Tri::True {
                        r.push(Read {
                            name: words.indicators[*m as usize].0.id.clone(),
                            value: Tri::True.as_str().into(),
                        });
                    }
                }
            }
            out.push(entry(RuleKind::Dimension, &d.id, o.positive, r, c.combination.prov.status, &words.combination));
        }
    }
    let env = eval.env();
    for &f in &c.fact_order {
        let (named, sourced) = &words.facts[f as usize];
        let t = eval.facts.get(f);
        if t.possible() {
            let r = reads(eval, &env, &c.plan.fact_reads[f as usize]);
            out.push(entry(RuleKind::Fact, &named.id, t, r, c.facts[f as usize].prov.status, sourced));
        }
    }
    for (t, ((named, sourced), v)) in words.terms.iter().zip(&eval.score.terms).enumerate() {
        if v.possible() {
            let r = reads(eval, &env, &c.plan.term_reads[t]);
            out.push(entry(RuleKind::ScoreTerm, &named.id, v, r, c.scoring.terms[t].prov.status, sourced));
        }
    }
    for (o, ((named, sourced), v)) in words.overrides.iter().zip(&eval.level.overrides).enumerate() {
        if v.possible() {
            let r = reads(eval, &env, &c.plan.override_reads[o]);
            out.push(entry(RuleKind::Override, &named.id, v, r, c.overrides[o].prov.status, sourced));
        }
    }
    let class_env = eval.class_env();
    for (k, ((named, sourced), v)) in words.classification.iter().zip(&eval.class.rules).enumerate() {
        if v.possible() {
            let rule = &c.classification[k];
            let r = reads(eval, &class_env, &rule.when.leaves());
            out.push(entry(RuleKind::Classification, &named.id, v, r, rule.prov.status, sourced));
        }
    }
    for (d, o) in duties.decided.iter().zip(obligations) {
        let duty_env = duties.env_of(eval, d.index);
        let result = if o.status == ObligationStatus::DependsOnUnknown { Tri::Unknown } else { Tri::True };
        // The unknown exceptions it may take the form of are read too.
        let mut leaves = d.def.when.leaves();
        for leaf in d.forms.iter().flat_map(|f| f.def.when.leaves()) {
            if !leaves.contains(&leaf) {
                leaves.push(leaf);
            }
        }
        let mut r = reads(eval, &duty_env, &leaves);
        r.push(Read { name: Arc::from("status"), value: o.status.as_str().into() });
        let sourced = &words.obligations[d.index][d.definition].sourced;
        out.push(entry(RuleKind::Obligation, &o.id, result, r, d.def.prov.status, sourced));
    }
    out
}

/// The content that is not `verified` and that the established outcome relied on.
/// `outside_coverage`: observations fall outside the covered profiles, which the
/// statement of coverage says.
pub(crate) fn relied_on(
    eval: &Evaluation<'_>,
    duties: &Duties<'_>,
    obligations: &[ObligationFinding],
    outside_coverage: bool,
) -> Vec<Reliance> {
    let c = eval.ctx.c;
    let words = &c.plan.words;
    let mut out: Vec<Reliance> = Vec::new();
    // Ids are unique within a kind, except obligations (a base and its exceptions share
    // one), institutions (named by several obligations) and closures (skipped by several
    // deadlines): only those need the check for repeats.
    let mut add = |kind: RelianceKind, id: &Text, status: SourceStatus, source: &crate::plan::words::Texts| {
        let repeats = matches!(kind, RelianceKind::Obligation | RelianceKind::Institution | RelianceKind::Closure);
        if status != SourceStatus::Verified && (!repeats || !out.iter().any(|r| r.kind == kind && r.id == *id)) {
            out.push(Reliance {
                kind,
                id: id.clone(),
                status,
                source: source.clone(),
                historical: words.cites_historical(source),
            });
        }
    };
    for (i, ind) in c.indicators.iter().enumerate() {
        if eval.inputs.present.get(i as u32) == Tri::True {
            add(RelianceKind::Indicator, &words.indicators[i].0.id, ind.prov.status, &words.indicators[i].1.source);
        }
    }
    if eval.dims.iter().any(|d| d.positive == Tri::True) {
        add(RelianceKind::Combination, &words.dimension_positive, c.combination.prov.status, &words.combination.source);
    }
    if !eval.score.established.is_zero() {
        add(RelianceKind::Scoring, &words.grade_points, c.scoring.prov.status, &words.scoring.source);
    }
    for &f in &c.fact_order {
        if eval.facts.get(f) == Tri::True {
            let (named, sourced) = &words.facts[f as usize];
            add(RelianceKind::Fact, &named.id, c.facts[f as usize].prov.status, &sourced.source);
        }
    }
    for (t, v) in eval.score.terms.iter().enumerate() {
        if v == Tri::True {
            let (named, sourced) = &words.terms[t];
            add(RelianceKind::ScoreTerm, &named.id, c.scoring.terms[t].prov.status, &sourced.source);
        }
    }
    for (o, v) in eval.level.overrides.iter().enumerate() {
        if v == Tri::True {
            let (named, sourced) = &words.overrides[o];
            add(RelianceKind::Override, &named.id, c.overrides[o].prov.status, &sourced.source);
        }
    }
    if let Some(i) = eval.class.rule {
        let (named, sourced) = &words.classification[i];
        add(RelianceKind::Classification, &named.id, c.classification[i].prov.status, &sourced.source);
    }
    if eval.ctx.b.child_basis != ChildBasis::BirthDate && eval.inputs.is_child == Tri::True {
        add(RelianceKind::Age, &words.age_gate, c.age.prov.status, &words.age.source);
    }
    if let (true, Some((status, source))) = (outside_coverage, &words.coverage) {
        add(RelianceKind::Coverage, &words.coverage_id, *status, source);
    }
    for o in obligations {
        add(RelianceKind::Obligation, &o.id, o.status_of_source, &o.source);
    }
    let institutions = crate::obligations::Institutions::new(eval);
    for d in &duties.decided {
        for party in [Some(d.def.actor), Some(d.def.recipient), d.def.provider].into_iter().flatten() {
            if let Some(r) = institutions.reliance(party) {
                add(r.kind, &r.id, r.status, &r.source);
            }
        }
    }
    for d in &duties.decided {
        for (id, status, source) in skipped_closures(eval, d) {
            add(RelianceKind::Closure, id, status, source);
        }
    }
    out
}

/// The closures of the case's calendar that a business-day deadline of `d` skipped: those
/// that close its actor, after the day its clock started and up to the day it is due, on
/// a day that would have been a business day.
fn skipped_closures<'w>(
    eval: &'w Evaluation<'_>,
    d: &crate::obligations::Decided<'_>,
) -> impl Iterator<Item = (&'w Text, SourceStatus, &'w crate::plan::words::Texts)> + 'w {
    let (c, b) = (eval.ctx.c, eval.ctx.b);
    let span = match (d.due_rule, d.anchor_at, d.due, d.actor_role, b.calendar) {
        (Some(crate::time::Due::BusinessDays(_)), Some(from), Some(to), Some(role), Some(k))
            if !c.calendars[k].closures.is_empty() =>
        {
            let date = |t: jiff::Timestamp| c.plan.clock.civil_date(t, &c.meta.time_zone);
            Some((k, role, date(from), date(to)))
        }
        _ => None,
    };
    span.into_iter().flat_map(move |(k, role, from, to)| {
        let cal = &c.calendars[k];
        cal.closures.iter().zip(&c.plan.words.closures[k]).filter_map(move |(x, (id, source))| {
            let skipped = x.date > from && x.date <= to && x.closed.contains(&role) && cal.is_business_day(x.date);
            (skipped && x.prov.status != SourceStatus::Verified).then_some((id, x.prov.status, source))
        })
    })
}
