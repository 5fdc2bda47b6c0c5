//! `assess`: the one function. Binds the case, runs the evaluator, ranks the unknowns,
//! evaluates the obligations and puts the assessment together. Pure: no I/O, no clock.

use crate::assessment::*;
use crate::bind::{bind, Bound};
use crate::case::Case;
use crate::error::Error;
use crate::evaluate::{base_presence, Extent, Settle, State};
use crate::explain::{label, render, LANGUAGES};
use crate::expr::Leaf;
use crate::model::{Classification, Level, Provenance, SourceStatus};
use crate::protocol::{Compiled, Protocol};
use crate::time::rfc3339;
use crate::value::{decimal_text, Range, Tri};
use jiff::Timestamp;

/// The engine's version, as every assessment reports it.
pub const ENGINE_VERSION: &str = env!("CARGO_PKG_VERSION");

/// How much an assessment says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// `bs`, `hr`, `sr-Latn`, `sr-Cyrl` or `en`; `None` for the pack's first language.
    pub language: Option<String>,
    /// Include the trace of every rule that fired or could fire.
    pub trace: bool,
    /// How many unknown inputs to rank ("what to ask next"); 0 skips the ranking.
    pub unknowns: usize,
    /// Render the assessment as text (`Assessment::text`); otherwise it is empty.
    pub text: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options { language: None, trace: true, unknowns: 10, text: true }
    }
}

impl Options {
    /// The least an assessment can be: no trace, no ranking of unknowns, no text. The
    /// level, classification and obligations are the same as with the defaults.
    pub fn fast() -> Options {
        Options { language: None, trace: false, unknowns: 0, text: false }
    }
}

/// Assesses `case` under `protocol` as things stood at `as_of`.
///
/// ```
/// use putokaz::{assess, Case, Options, Protocol};
/// let protocol = Protocol::bundled("ilo-2009").unwrap();
/// let case = Case::from_json(r#"{"id": "example-1", "reported_at": "2026-03-02T09:00:00+01:00",
///   "subject": {"age": 12},
///   "observations": [
///     {"indicator": "recruited_transported_or_harboured", "value": true},
///     {"indicator": "d4_excessive_hours", "value": true},
///     {"indicator": "d4_no_access_to_education", "value": true}]}"#).unwrap();
/// let as_of = "2026-03-04T12:00:00+01:00".parse().unwrap();
/// let a = assess(&protocol, &case, as_of, &Options::default()).unwrap();
/// assert_eq!(a.classification.value.as_str(), "presumed_victim");
/// ```
pub fn assess(protocol: &Protocol, case: &Case, as_of: Timestamp, options: &Options) -> Result<Assessment, Error> {
    let c = &*protocol.inner;
    let lang = match &options.language {
        Some(l) if LANGUAGES.contains(&l.as_str()) => l.clone(),
        Some(l) => return Err(Error::Usage(format!("no language `{l}` (available: {})", LANGUAGES.join(", ")))),
        None => c.meta.languages.first().cloned().unwrap_or_else(|| "en".into()),
    };
    let b = bind(c, case, as_of)?;
    let local = &protocol.local[..];
    let base = base_presence(c, &b, local);
    let mut st = State::run(c, &b, local, &base, None);
    let mut warnings = b.warnings.clone();
    if !st.profiles.iter().any(|p| p.possible()) {
        warnings.push(crate::bind::Warning {
            code: "no_profile".into(),
            path: None,
            message: "no profile of the pack applies to this subject: no indicator was graded".into(),
        });
    }
    if st.lowering_blocked {
        warnings.push(crate::bind::Warning {
            code: "override_below_policy_floor".into(),
            path: Some("$.discretionary_override".into()),
            message: "a discretionary override cannot take the level below a policy floor".into(),
        });
    }
    let unknowns = if options.unknowns > 0 {
        rank_unknowns(c, &b, local, &base, &st, &lang, options.unknowns)
    } else {
        Vec::new()
    };
    let decided = crate::obligations::evaluate(&mut st);
    let obligations = crate::obligations::findings(&st, &decided, &lang, &mut warnings);
    let trace = if options.trace { trace(&st, &obligations) } else { Vec::new() };
    let relied_on = relied_on(&st, &obligations);

    let range = |r: Range| DecimalRange { min: decimal_text(r.lo), max: decimal_text(r.hi) };
    let possible_profiles =
        st.profiles.iter().enumerate().filter(|(_, t)| t.possible()).map(|(i, _)| c.profiles[i].id.clone()).collect();
    let evidence = |d: usize| -> Vec<String> {
        let mut ev = Vec::new();
        for it in c.items.iter().filter(|it| it.dimension as usize == d) {
            for m in &it.members {
                if st.present[*m as usize] == Tri::True
                    && it.grades.iter().zip(&st.profiles).any(|(g, p)| g.is_some() && p.possible())
                {
                    ev.push(c.indicators[*m as usize].id.clone());
                }
            }
        }
        ev
    };
    let dimensions = c
        .dimensions
        .iter()
        .zip(&st.dims)
        .enumerate()
        .map(|(i, (d, o))| DimensionFinding {
            id: d.id.clone(),
            label: label(&d.label, &lang, &d.id),
            positive: o.positive,
            strong: range(o.counts[0]),
            medium: range(o.counts[1]),
            weak: range(o.counts[2]),
            points: range(o.points),
            evidence: evidence(i),
        })
        .collect();
    let overrides: Vec<OverrideFinding> = c
        .overrides
        .iter()
        .zip(&st.overrides)
        .filter(|(_, t)| t.possible())
        .map(|(o, t)| OverrideFinding {
            id: o.id.clone(),
            label: label(&o.label, &lang, &o.id),
            floor: o.then,
            holds: *t,
        })
        .collect();
    let tz = &c.meta.time_zone;
    let mut assessment = Assessment {
        protocol: ProtocolRef {
            id: c.meta.id.clone(),
            version: c.meta.version.clone(),
            digest: c.digest.clone(),
            local_parameters: protocol.local_values(),
        },
        engine: EngineRef { name: "putokaz".into(), version: ENGINE_VERSION.into() },
        as_of: rfc3339(as_of, tz),
        case_id: b.case_id.to_owned(),
        language: lang.clone(),
        subject: SubjectFinding {
            is_child: st.is_child,
            child_basis: b.child_basis,
            age: b.age.map(range),
            is_foreign: st.is_foreign,
            profiles: possible_profiles,
        },
        jurisdiction: b.municipality.zip(c.routing.as_ref()).map(|(m, routing)| JurisdictionFinding {
            municipality: m.name.clone(),
            entity: m.entity.clone(),
            area: m.area.clone(),
            institutions: routing
                .roles
                .iter()
                .zip(&m.institutions)
                .map(|(role, inst)| Party { role: role.clone(), institution: Some(inst.clone()) })
                .collect(),
            status: m.status,
        }),
        score: ScoreFinding {
            value: decimal_text(st.score_established),
            contributions: contributions(&st, &lang),
            possible: range(st.score),
            settled: st.score.is_point(),
        },
        level: LevelFinding {
            value: st.level_established,
            possible: LevelRange { min: st.level.0, max: st.level.1 },
            settled: st.level.0 == st.level.1,
            from_score: c.scoring.level_of(st.score_established),
            policy_floor: st.floor_true,
            discretionary: b.discretionary.as_ref().map(|(direction, reason, reviewer)| DiscretionaryFinding {
                direction: *direction,
                reason: (*reason).to_owned(),
                reviewer: (*reviewer).to_owned(),
                blocked_by_policy_floor: st.lowering_blocked,
            }),
        },
        classification: ClassificationFinding {
            value: st.class_established,
            possible: Classification::in_set(st.class_set),
            settled: st.class_set.count_ones() == 1,
            rule: st.class_rule.map(|i| c.classification[i].id.clone()),
        },
        dimensions,
        overrides: overrides.clone(),
        obligations,
        unknowns,
        relied_on,
        warnings,
        trace,
        text: String::new(),
    };
    if !options.text {
        return Ok(assessment);
    }
    let floors: Vec<(String, Level)> =
        overrides.iter().filter(|o| o.holds == Tri::True).map(|o| (o.label.clone(), o.floor)).collect();
    let terms: Vec<String> = c
        .scoring
        .terms
        .iter()
        .zip(&st.terms)
        .filter(|(_, t)| **t == Tri::True)
        .map(|(t, _)| format!("{}: {:+}", label(&t.label, &lang, &t.id), t.then.normalize()))
        .collect();
    let class_rule = st.class_rule.map(|i| label(&c.classification[i].label, &lang, &c.classification[i].id));
    assessment.text = render(&assessment, &floors, &terms, class_rule.as_deref());
    Ok(assessment)
}

/// The established score, part by part: dimensions (their established points) and the
/// score terms that hold.
fn contributions(st: &State<'_>, lang: &str) -> Vec<Contribution> {
    let c = st.c;
    let dims = c.dimensions.iter().zip(&st.dims).filter(|(_, o)| !o.points.lo.is_zero()).map(|(d, o)| Contribution {
        kind: "dimension".into(),
        id: d.id.clone(),
        label: label(&d.label, lang, &d.id),
        points: decimal_text(o.points.lo),
    });
    let terms =
        c.scoring.terms.iter().zip(&st.terms).filter(|(t, v)| **v == Tri::True && !t.then.is_zero()).map(|(t, _)| {
            Contribution {
                kind: "score_term".into(),
                id: t.id.clone(),
                label: label(&t.label, lang, &t.id),
                points: decimal_text(t.then),
            }
        });
    dims.chain(terms).collect()
}

/// Settles each unknown input both ways and keeps those that would change what is
/// established, most decisive first.
pub(crate) fn rank_unknowns(
    c: &Compiled,
    b: &Bound<'_>,
    local: &[(u32, crate::protocol::ParamValue)],
    base: &[Tri],
    st: &State<'_>,
    lang: &str,
    limit: usize,
) -> Vec<UnknownFinding> {
    let now = (st.level_established, st.class_established);
    let mut scratch = State::new(c, b, local);
    let mut outcome = |settle: Settle| {
        match settle {
            Settle::Indicator(i, v) if c.plan.settles_locally => {
                scratch.rerun_settled(st, i, v, Extent::EstablishedOnly)
            }
            _ => scratch.rerun(base, Some(settle)),
        }
        (scratch.level_established, scratch.class_established)
    };
    // Candidates carry no text: only the few that are reported are put into words.
    let mut candidates: Vec<(Settle, Settle)> = Vec::new();
    if st.is_child == Tri::Unknown {
        candidates.push((Settle::Child(true), Settle::Child(false)));
    }
    if st.is_foreign == Tri::Unknown {
        candidates.push((Settle::Foreign(true), Settle::Foreign(false)));
    }
    for (i, ind) in c.indicators.iter().enumerate() {
        if base[i] == Tri::Unknown && !ind.protected {
            candidates.push((Settle::Indicator(i as u32, true), Settle::Indicator(i as u32, false)));
        }
    }
    let mut ranked: Vec<((usize, u8), Settle, Outcome, Outcome)> = Vec::new();
    for (yes, no) in candidates {
        let z = match no {
            // Unknown indicators already count as absent in what is established.
            Settle::Indicator(..) if c.plan.absent_changes_nothing => now,
            _ => outcome(no),
        };
        let a = outcome(yes);
        if a == now && z == now {
            continue;
        }
        let class_changes = usize::from(a.1 != now.1) + usize::from(z.1 != now.1);
        let steps = |l: Level| (l as i8 - now.0 as i8).unsigned_abs();
        let key = (class_changes, steps(a.0).max(steps(z.0)));
        let as_outcome = |(level, classification): (Level, Classification)| Outcome { level, classification };
        ranked.push((key, yes, as_outcome(a), as_outcome(z)));
    }
    // Most decisive first; ties in pack order (stable sort).
    ranked.sort_by_key(|(key, ..)| std::cmp::Reverse(*key));
    let phrases = crate::explain::phrases(lang);
    ranked
        .into_iter()
        .take(limit)
        .map(|(_, settle, if_present, if_absent)| {
            let (input, label) = match settle {
                Settle::Child(_) => ("subject.age".to_owned(), phrases.ask_age.to_owned()),
                Settle::Foreign(_) => ("subject.citizenship".to_owned(), phrases.ask_citizenship.to_owned()),
                Settle::Indicator(i, _) => {
                    let ind = &c.indicators[i as usize];
                    (ind.id.clone(), label(&ind.label, lang, &ind.id))
                }
            };
            UnknownFinding { input, label, if_present, if_absent }
        })
        .collect()
}

fn reads(st: &State<'_>, leaves: &[Leaf]) -> Vec<Read> {
    leaves.iter().map(|l| Read { name: st.leaf_name(*l), value: st.leaf_text(*l) }).collect()
}

fn entry(kind: &str, id: &str, result: Tri, reads: Vec<Read>, prov: &Provenance) -> TraceEntry {
    TraceEntry {
        kind: kind.into(),
        id: id.into(),
        result,
        reads,
        source: prov.source.clone(),
        status: prov.status,
        citation: prov.citation.clone(),
    }
}

fn trace(st: &State<'_>, obligations: &[ObligationFinding]) -> Vec<TraceEntry> {
    let c = st.c;
    let mut out = Vec::new();
    for (p, t) in c.profiles.iter().zip(&st.profiles) {
        if t.possible() {
            out.push(entry("profile", &p.id, *t, reads(st, &p.when.leaves()), &c.age.prov));
        }
    }
    for (i, (d, o)) in c.dimensions.iter().zip(&st.dims).enumerate() {
        if o.positive.possible() {
            let mut r: Vec<Read> = ["strong", "medium", "weak"]
                .iter()
                .zip(&o.counts)
                .map(|(g, n)| Read {
                    name: (*g).into(),
                    value: if n.is_point() {
                        decimal_text(n.lo)
                    } else {
                        format!("{}..{}", decimal_text(n.lo), decimal_text(n.hi))
                    },
                })
                .collect();
            for it in c.items.iter().filter(|it| it.dimension as usize == i) {
                for m in &it.members {
                    if st.present[*m as usize] == Tri::True {
                        r.push(Read { name: c.indicators[*m as usize].id.clone(), value: "true".into() });
                    }
                }
            }
            out.push(entry("dimension", &d.id, o.positive, r, &c.combination.prov));
        }
    }
    for &f in &c.fact_order {
        let fact = &c.facts[f as usize];
        let t = st.facts[f as usize];
        if t.possible() {
            out.push(entry("fact", &fact.id, t, reads(st, &c.plan.fact_reads[f as usize]), &fact.prov));
        }
    }
    for ((term, t), leaves) in c.scoring.terms.iter().zip(&st.terms).zip(&c.plan.term_reads) {
        if t.possible() {
            out.push(entry("score_term", &term.id, *t, reads(st, leaves), &term.prov));
        }
    }
    for ((o, t), leaves) in c.overrides.iter().zip(&st.overrides).zip(&c.plan.override_reads) {
        if t.possible() {
            out.push(entry("override", &o.id, *t, reads(st, leaves), &o.prov));
        }
    }
    for (r, t) in c.classification.iter().zip(&st.class_rules) {
        if t.possible() {
            out.push(entry("classification", &r.id, *t, reads(st, &r.when.leaves()), &r.prov));
        }
    }
    for o in obligations {
        let ob = c.obligations.iter().find(|x| x.id == o.id);
        if let Some(ob) = ob {
            let def = ob.exceptions.iter().find(|e| e.exception == o.exception).unwrap_or(&ob.base);
            let result = if o.status == ObligationStatus::DependsOnUnknown { Tri::Unknown } else { Tri::True };
            let mut r = reads(st, &def.when.leaves());
            r.push(Read { name: "status".into(), value: o.status.as_str().into() });
            out.push(entry("obligation", &o.id, result, r, &def.prov));
        }
    }
    out
}

fn relied_on(st: &State<'_>, obligations: &[ObligationFinding]) -> Vec<Reliance> {
    let c = st.c;
    let mut out: Vec<Reliance> = Vec::new();
    let mut add = |kind: &str, id: &str, prov: &Provenance| {
        if prov.status != SourceStatus::Verified && !out.iter().any(|r| r.kind == kind && r.id == id) {
            out.push(Reliance { kind: kind.into(), id: id.into(), status: prov.status, source: prov.source.clone() });
        }
    };
    for (i, ind) in c.indicators.iter().enumerate() {
        if st.present[i] == Tri::True {
            add("indicator", &ind.id, &ind.prov);
        }
    }
    if st.dims.iter().any(|d| d.positive == Tri::True) {
        add("combination", "dimension_positive", &c.combination.prov);
    }
    if !st.score_established.is_zero() {
        add("scoring", "grade_points", &c.scoring.prov);
    }
    for &f in &c.fact_order {
        if st.facts[f as usize] == Tri::True {
            add("fact", &c.facts[f as usize].id, &c.facts[f as usize].prov);
        }
    }
    for (t, v) in c.scoring.terms.iter().zip(&st.terms) {
        if *v == Tri::True {
            add("score_term", &t.id, &t.prov);
        }
    }
    for (o, v) in c.overrides.iter().zip(&st.overrides) {
        if *v == Tri::True {
            add("override", &o.id, &o.prov);
        }
    }
    if let Some(i) = st.class_rule {
        add("classification", &c.classification[i].id, &c.classification[i].prov);
    }
    if st.b.child_basis != crate::bind::ChildBasis::BirthDate && st.is_child == Tri::True {
        add("age", "age_gate", &c.age.prov);
    }
    for o in obligations {
        let prov = Provenance { source: o.source.clone(), status: o.status_of_source, citation: None };
        add("obligation", &o.id, &prov);
    }
    out
}
