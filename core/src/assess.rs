//! `assess`: the one function. Binds the case, runs the evaluation pipeline and projects
//! the stages onto the [`Assessment`]. Pure: no I/O, no clock.

use crate::assessment::*;
use crate::bind::{bind, Bound, Warning, WarningKind};
use crate::case::Case;
use crate::error::Error;
use crate::eval::{Ctx, Evaluation, Mode};
use crate::explain::{label, render};
use crate::model::{Classification, Language, OffsetTimestamp};
use crate::obligations::Duties;
use crate::protocol::{Compiled, Protocol};
use crate::value::{canonical, Range, Tri};
use jiff::Timestamp;

/// The engine's version, as every assessment reports it.
pub const ENGINE_VERSION: &str = env!("CARGO_PKG_VERSION");

/// How much an assessment says. Build one with [`Options::new`] (everything) or
/// [`Options::fast`] (the least) and the setters:
///
/// ```
/// use putokaz::{Language, Options};
/// let options = Options::new().language(Language::En).unknowns(3).trace(false);
/// assert_eq!(options.language_code(), Some(Language::En));
/// ```
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    language: Option<Language>,
    trace: bool,
    unknowns: usize,
    text: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options::new()
    }
}

impl Options {
    /// Everything: the trace, the 10 most decisive unknown inputs, the rendered text, in
    /// the pack's first language.
    pub fn new() -> Options {
        Options { language: None, trace: true, unknowns: 10, text: true }
    }

    /// The least an assessment can be: no trace, no ranking of unknowns, no text. The
    /// level, classification and obligations are the same as with everything on.
    pub fn fast() -> Options {
        Options { language: None, trace: false, unknowns: 0, text: false }
    }

    /// The language of labels and text; by default the pack's first language.
    pub fn language(mut self, language: Language) -> Options {
        self.language = Some(language);
        self
    }

    /// Include the trace of every rule that fired or could fire.
    pub fn trace(mut self, on: bool) -> Options {
        self.trace = on;
        self
    }

    /// How many unknown inputs to rank ("what to ask next"); 0 skips the ranking.
    pub fn unknowns(mut self, n: usize) -> Options {
        self.unknowns = n;
        self
    }

    /// Render the assessment as text ([`Assessment::text`]); otherwise it is empty.
    pub fn text(mut self, on: bool) -> Options {
        self.text = on;
        self
    }

    /// The language asked for, if one was.
    pub fn language_code(&self) -> Option<Language> {
        self.language
    }

    /// Whether the trace is included.
    pub fn has_trace(&self) -> bool {
        self.trace
    }

    /// How many unknown inputs are ranked.
    pub fn unknowns_ranked(&self) -> usize {
        self.unknowns
    }

    /// Whether the text is rendered.
    pub fn has_text(&self) -> bool {
        self.text
    }
}

/// Assesses `case` under `protocol` as things stood at `as_of`.
///
/// ```
/// use putokaz::{assess, Case, Classification, Options, Protocol};
/// let protocol = Protocol::bundled("ilo-2009").unwrap();
/// let case = Case::from_json(r#"{"id": "example-1", "reported_at": "2026-03-02T09:00:00+01:00",
///   "subject": {"age": 12},
///   "observations": [
///     {"indicator": "recruited_transported_or_harboured", "value": true},
///     {"indicator": "d4_excessive_hours", "value": true},
///     {"indicator": "d4_no_access_to_education", "value": true}]}"#).unwrap();
/// let as_of = "2026-03-04T12:00:00+01:00".parse().unwrap();
/// let a = assess(&protocol, &case, as_of, &Options::default()).unwrap();
/// assert_eq!(a.classification.value, Classification::PresumedVictim);
/// ```
pub fn assess(protocol: &Protocol, case: &Case, as_of: Timestamp, options: &Options) -> Result<Assessment, Error> {
    assess_in(Mode::Plan, protocol, case, as_of, options)
}

/// [`assess`], with conditions evaluated in `mode`.
pub(crate) fn assess_in(
    mode: Mode,
    protocol: &Protocol,
    case: &Case,
    as_of: Timestamp,
    options: &Options,
) -> Result<Assessment, Error> {
    let c = &*protocol.inner;
    let lang = options.language.unwrap_or_else(|| c.default_language());
    let b = bind(c, case, as_of)?;
    let ctx = Ctx { c, b: &b, local: &protocol.local, mode };
    let eval = Evaluation::run(ctx, crate::eval::presence(ctx));
    let duties = crate::obligations::evaluate(&eval);
    Ok(project(protocol, &eval, &duties, lang, options))
}

/// The assessment as a projection of the evaluation's stages.
fn project(
    protocol: &Protocol,
    eval: &Evaluation<'_>,
    duties: &Duties<'_>,
    lang: Language,
    options: &Options,
) -> Assessment {
    let (c, b) = (eval.ctx.c, eval.ctx.b);
    let code = lang.as_str();
    let mut warnings = warnings(eval);
    let unknowns = crate::rank::rank(eval, lang, options.unknowns);
    let obligations = crate::obligations::findings(eval, duties, code, &mut warnings);
    let trace = if options.trace { crate::trace::trace(eval, duties, &obligations) } else { Vec::new() };
    let relied_on = crate::trace::relied_on(eval, &obligations);
    let mut assessment = Assessment {
        protocol: ProtocolRef {
            id: c.meta.id.clone(),
            version: c.meta.version.clone(),
            digest: c.digest.clone(),
            local_parameters: protocol.local_values(),
        },
        engine: EngineRef { name: "putokaz".into(), version: ENGINE_VERSION.into() },
        as_of: OffsetTimestamp::in_zone(b.as_of, &c.meta.time_zone),
        case_id: b.case_id.to_owned(),
        language: lang,
        subject: SubjectFinding {
            is_child: eval.inputs.is_child,
            child_basis: b.child_basis,
            age: b.age.map(range),
            is_foreign: eval.inputs.is_foreign,
            profiles: eval
                .profiles
                .iter()
                .enumerate()
                .filter(|(_, t)| t.possible())
                .map(|(i, _)| c.profiles[i].id.clone())
                .collect(),
        },
        jurisdiction: jurisdiction(c, b),
        score: ScoreFinding {
            value: canonical(eval.score.established),
            contributions: contributions(eval, code),
            possible: range(eval.score.possible),
            settled: eval.score.possible.is_point(),
        },
        level: LevelFinding {
            value: eval.level.established,
            possible: LevelRange { min: eval.level.possible.0, max: eval.level.possible.1 },
            settled: eval.level.possible.0 == eval.level.possible.1,
            from_score: c.scoring.level_of(eval.score.established),
            policy_floor: eval.level.floor_true,
            discretionary: b.discretionary.as_ref().map(|(direction, reason, reviewer)| DiscretionaryFinding {
                direction: *direction,
                reason: (*reason).to_owned(),
                reviewer: (*reviewer).to_owned(),
                blocked_by_policy_floor: eval.level.lowering_blocked,
            }),
        },
        classification: ClassificationFinding {
            value: eval.class.established,
            possible: Classification::in_set(eval.class.possible),
            settled: eval.class.possible.count_ones() == 1,
            rule: eval.class.rule.map(|i| c.classification[i].id.clone()),
        },
        dimensions: dimensions(eval, code),
        overrides: c
            .overrides
            .iter()
            .zip(&eval.level.overrides)
            .filter(|(_, t)| t.possible())
            .map(|(o, t)| OverrideFinding {
                id: o.id.clone(),
                label: label(&o.label, code, &o.id),
                floor: o.then,
                holds: t,
            })
            .collect(),
        obligations,
        unknowns,
        relied_on,
        warnings,
        trace,
        text: String::new(),
    };
    if options.text {
        let class_rule = eval.class.rule.map(|i| label(&c.classification[i].label, code, &c.classification[i].id));
        assessment.text = render(&assessment, c, class_rule.as_deref());
    }
    assessment
}

fn range(r: Range) -> DecimalRange {
    DecimalRange { min: canonical(r.lo), max: canonical(r.hi) }
}

fn counts((lo, hi): (u32, u32)) -> DecimalRange {
    DecimalRange { min: lo.into(), max: hi.into() }
}

/// Warnings about the case and about what the evaluation found.
fn warnings(eval: &Evaluation<'_>) -> Vec<Warning> {
    let mut warnings = eval.ctx.b.warnings.clone();
    if !eval.profiles.iter().any(|p| p.possible()) {
        warnings.push(Warning {
            code: WarningKind::NoProfile,
            path: None,
            message: "no profile of the pack applies to this subject: no indicator was graded".into(),
        });
    }
    if eval.level.lowering_blocked {
        warnings.push(Warning {
            code: WarningKind::OverrideBelowPolicyFloor,
            path: Some("$.discretionary_override".into()),
            message: "a discretionary override cannot take the level below a policy floor".into(),
        });
    }
    warnings
}

fn jurisdiction(c: &Compiled, b: &Bound<'_>) -> Option<JurisdictionFinding> {
    let (m, routing) = b.municipality.zip(c.routing.as_ref())?;
    Some(JurisdictionFinding {
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
    })
}

fn dimensions(eval: &Evaluation<'_>, lang: &str) -> Vec<DimensionFinding> {
    let c = eval.ctx.c;
    // Present indicators that counted: graded under a profile that may apply.
    let evidence = |d: usize| -> Vec<String> {
        let mut ev = Vec::new();
        for it in c.items.iter().filter(|it| it.dimension as usize == d) {
            for m in &it.members {
                if eval.inputs.present.get(*m) == Tri::True
                    && it.grades.iter().zip(&eval.profiles).any(|(g, p)| g.is_some() && p.possible())
                {
                    ev.push(c.indicators[*m as usize].id.clone());
                }
            }
        }
        ev
    };
    c.dimensions
        .iter()
        .zip(&eval.dims)
        .enumerate()
        .map(|(i, (d, o))| DimensionFinding {
            id: d.id.clone(),
            label: label(&d.label, lang, &d.id),
            positive: o.positive,
            strong: counts(o.counts[0]),
            medium: counts(o.counts[1]),
            weak: counts(o.counts[2]),
            points: range(o.points),
            evidence: evidence(i),
        })
        .collect()
}

/// The established score, part by part: dimensions (their established points) and the
/// score terms that hold. They sum to the score.
fn contributions(eval: &Evaluation<'_>, lang: &str) -> Vec<Contribution> {
    let c = eval.ctx.c;
    let dims = c.dimensions.iter().zip(&eval.dims).filter(|(_, o)| !o.points.lo.is_zero()).map(|(d, o)| Contribution {
        kind: ContributionKind::Dimension,
        id: d.id.clone(),
        label: label(&d.label, lang, &d.id),
        points: canonical(o.points.lo),
    });
    let terms =
        c.scoring.terms.iter().zip(&eval.score.terms).filter(|(t, v)| *v == Tri::True && !t.then.is_zero()).map(
            |(t, _)| Contribution {
                kind: ContributionKind::ScoreTerm,
                id: t.id.clone(),
                label: label(&t.label, lang, &t.id),
                points: canonical(t.then),
            },
        );
    dims.chain(terms).collect()
}
