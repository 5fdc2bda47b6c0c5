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
use crate::model::{Provenance, SourceStatus};
use crate::obligations::Duties;
use crate::value::Tri;

fn reads(eval: &Evaluation<'_>, env: &Env<'_, '_>, leaves: &[Leaf]) -> Vec<Read> {
    leaves.iter().map(|l| Read { name: leaf_name(eval.ctx.c, *l), value: leaf_text(env.leaf(*l)) }).collect()
}

fn entry(kind: RuleKind, id: &str, result: Tri, reads: Vec<Read>, prov: &Provenance) -> TraceEntry {
    TraceEntry {
        kind,
        id: id.into(),
        result,
        reads,
        source: prov.source.clone(),
        status: prov.status,
        citation: prov.citation.clone(),
    }
}

/// Every rule that fired or could fire, stage by stage.
pub(crate) fn trace(eval: &Evaluation<'_>, duties: &Duties<'_>, obligations: &[ObligationFinding]) -> Vec<TraceEntry> {
    let c = eval.ctx.c;
    let mut out = Vec::new();
    let inputs_env = Env::new(&eval.ctx, &eval.inputs);
    for (p, t) in c.profiles.iter().zip(&eval.profiles) {
        if t.possible() {
            out.push(entry(RuleKind::Profile, &p.id, t, reads(eval, &inputs_env, &p.when.leaves()), &c.age.prov));
        }
    }
    for (i, (d, o)) in c.dimensions.iter().zip(&eval.dims).enumerate() {
        if o.positive.possible() {
            let mut r: Vec<Read> = ["strong", "medium", "weak"]
                .iter()
                .zip(&o.counts)
                .map(|(g, (lo, hi))| Read {
                    name: (*g).into(),
                    value: if lo == hi { lo.to_string() } else { format!("{lo}..{hi}") },
                })
                .collect();
            for it in c.items.iter().filter(|it| it.dimension as usize == i) {
                for m in &it.members {
                    if eval.inputs.present.get(*m) == Tri::True {
                        r.push(Read { name: c.indicators[*m as usize].id.clone(), value: Tri::True.as_str().into() });
                    }
                }
            }
            out.push(entry(RuleKind::Dimension, &d.id, o.positive, r, &c.combination.prov));
        }
    }
    let env = eval.env();
    for &f in &c.fact_order {
        let fact = &c.facts[f as usize];
        let t = eval.facts.get(f);
        if t.possible() {
            out.push(entry(RuleKind::Fact, &fact.id, t, reads(eval, &env, &c.plan.fact_reads[f as usize]), &fact.prov));
        }
    }
    for ((term, t), leaves) in c.scoring.terms.iter().zip(&eval.score.terms).zip(&c.plan.term_reads) {
        if t.possible() {
            out.push(entry(RuleKind::ScoreTerm, &term.id, t, reads(eval, &env, leaves), &term.prov));
        }
    }
    for ((o, t), leaves) in c.overrides.iter().zip(&eval.level.overrides).zip(&c.plan.override_reads) {
        if t.possible() {
            out.push(entry(RuleKind::Override, &o.id, t, reads(eval, &env, leaves), &o.prov));
        }
    }
    let class_env = eval.class_env();
    for (r, t) in c.classification.iter().zip(&eval.class.rules) {
        if t.possible() {
            out.push(entry(RuleKind::Classification, &r.id, t, reads(eval, &class_env, &r.when.leaves()), &r.prov));
        }
    }
    let duty_env = duties.env(eval);
    for o in obligations {
        if let Some(ob) = c.obligations.iter().find(|x| x.id == o.id) {
            let def = ob.exceptions.iter().find(|e| e.exception == o.exception).unwrap_or(&ob.base);
            let result = if o.status == ObligationStatus::DependsOnUnknown { Tri::Unknown } else { Tri::True };
            let mut r = reads(eval, &duty_env, &def.when.leaves());
            r.push(Read { name: "status".into(), value: o.status.as_str().into() });
            out.push(entry(RuleKind::Obligation, &o.id, result, r, &def.prov));
        }
    }
    out
}

/// The content that is not `verified` and that the established outcome relied on.
pub(crate) fn relied_on(eval: &Evaluation<'_>, obligations: &[ObligationFinding]) -> Vec<Reliance> {
    let c = eval.ctx.c;
    let mut out: Vec<Reliance> = Vec::new();
    let mut add = |kind: RelianceKind, id: &str, prov: &Provenance| {
        if prov.status != SourceStatus::Verified && !out.iter().any(|r| r.kind == kind && r.id == id) {
            out.push(Reliance { kind, id: id.into(), status: prov.status, source: prov.source.clone() });
        }
    };
    for (i, ind) in c.indicators.iter().enumerate() {
        if eval.inputs.present.get(i as u32) == Tri::True {
            add(RelianceKind::Indicator, &ind.id, &ind.prov);
        }
    }
    if eval.dims.iter().any(|d| d.positive == Tri::True) {
        add(RelianceKind::Combination, "dimension_positive", &c.combination.prov);
    }
    if !eval.score.established.is_zero() {
        add(RelianceKind::Scoring, "grade_points", &c.scoring.prov);
    }
    for &f in &c.fact_order {
        if eval.facts.get(f) == Tri::True {
            add(RelianceKind::Fact, &c.facts[f as usize].id, &c.facts[f as usize].prov);
        }
    }
    for (t, v) in c.scoring.terms.iter().zip(&eval.score.terms) {
        if v == Tri::True {
            add(RelianceKind::ScoreTerm, &t.id, &t.prov);
        }
    }
    for (o, v) in c.overrides.iter().zip(&eval.level.overrides) {
        if v == Tri::True {
            add(RelianceKind::Override, &o.id, &o.prov);
        }
    }
    if let Some(i) = eval.class.rule {
        add(RelianceKind::Classification, &c.classification[i].id, &c.classification[i].prov);
    }
    if eval.ctx.b.child_basis != ChildBasis::BirthDate && eval.inputs.is_child == Tri::True {
        add(RelianceKind::Age, "age_gate", &c.age.prov);
    }
    for o in obligations {
        let prov = Provenance { source: o.source.clone(), status: o.status_of_source, citation: None };
        add(RelianceKind::Obligation, &o.id, &prov);
    }
    out
}
