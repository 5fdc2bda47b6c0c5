//! `assess`: the one function. Binds the case, runs the evaluation pipeline and projects
//! the stages onto the [`Assessment`]. Pure: no I/O, no clock.

use crate::assessment::*;
use crate::bind::{bind, bind_json, Bound, Warning, WarningKind};
use crate::case::Case;
use crate::error::Error;
use crate::eval::{Ctx, Evaluation, Mode};
use crate::explain::render;
use crate::model::{Classification, Language};
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
    let b = bind(&protocol.inner, case, as_of)?;
    Ok(assess_bound(mode, protocol, &b, options))
}

/// Assesses a case given as JSON: read straight into a binding, with no [`Case`] built.
pub(crate) fn assess_json(
    protocol: &Protocol,
    case_json: &str,
    as_of: Timestamp,
    options: &Options,
) -> Result<Assessment, Error> {
    let b = bind_json(&protocol.inner, case_json, as_of)?;
    Ok(assess_bound(Mode::Plan, protocol, &b, options))
}

fn assess_bound(mode: Mode, protocol: &Protocol, b: &Bound<'_>, options: &Options) -> Assessment {
    let ctx = Ctx { c: &protocol.inner, b, local: &protocol.local, mode };
    let eval = Evaluation::run(ctx, crate::eval::presence(ctx));
    let duties = crate::obligations::evaluate(&eval);
    project_assessment(protocol, &eval, &duties, options)
}

/// The assessment as a projection of the evaluation's stages.
pub(crate) fn project_assessment(
    protocol: &Protocol,
    eval: &Evaluation<'_>,
    duties: &Duties<'_>,
    options: &Options,
) -> Assessment {
    let (c, b) = (eval.ctx.c, eval.ctx.b);
    let lang = options.language.unwrap_or_else(|| c.default_language());
    let words = &c.plan.words;
    let outside = crate::coverage::outside(eval);
    let outside_forms = crate::coverage::forms(eval, &outside);
    let mut warnings = warnings(eval, &outside_forms);
    let unknowns = crate::rank::rank(eval, lang, options.unknowns);
    let obligations = crate::obligations::findings(eval, duties, lang, &mut warnings);
    let trace = if options.trace { crate::trace::trace(eval, duties, &obligations) } else { Vec::new() };
    let relied_on = crate::trace::relied_on(eval, duties, &obligations, !outside.is_empty());
    let mut assessment = Assessment {
        protocol: ProtocolRef {
            id: words.protocol_id.clone(),
            version: words.version.clone(),
            digest: words.digest.clone(),
            local_parameters: protocol.local_values(),
        },
        engine: EngineRef { name: "putokaz".into(), version: ENGINE_VERSION.into() },
        as_of: c.plan.clock.offset_timestamp(b.as_of, &c.meta.time_zone),
        case_id: b.case_id.to_string(),
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
                .map(|(i, _)| words.profiles[i].id.clone())
                .collect(),
        },
        jurisdiction: jurisdiction(c, b),
        score: ScoreFinding {
            value: canonical(eval.score.established),
            contributions: contributions(eval, lang),
            possible: range(eval.score.possible),
            settled: eval.score.possible.is_point(),
        },
        level: LevelFinding {
            value: eval.level.established,
            possible: LevelRange { min: eval.level.possible.0, max: eval.level.possible.1 },
            settled: eval.level.possible.0 == eval.level.possible.1 && outside_forms.is_empty(),
            from_score: c.scoring.level_of(eval.score.established),
            policy_floor: eval.level.floor_true,
            discretionary: b.discretionary.as_ref().map(|(direction, reason, reviewer)| DiscretionaryFinding {
                direction: *direction,
                reason: reason.to_string(),
                reviewer: reviewer.to_string(),
                blocked_by_policy_floor: eval.level.lowering_blocked,
            }),
            outside_coverage: outside_forms,
        },
        classification: ClassificationFinding {
            value: eval.class.established,
            possible: Classification::in_set(eval.class.possible),
            settled: eval.class.possible.count_ones() == 1,
            rule: eval.class.rule.map(|i| words.classification[i].0.id.clone()),
        },
        dimensions: dimensions(eval, lang),
        overrides: words
            .overrides
            .iter()
            .zip(&c.overrides)
            .zip(&eval.level.overrides)
            .filter(|(_, t)| t.possible())
            .map(|(((named, _), o), t)| OverrideFinding {
                id: named.id.clone(),
                label: named.label(lang),
                floor: o.then,
                holds: t,
            })
            .collect(),
        obligations,
        could_arise: duties
            .could_arise
            .iter()
            .map(|x| CouldArise {
                obligation: words.obligations[x.index][0].labels.id.clone(),
                label: words.obligations[x.index][0].labels.label(lang),
                if_recorded: x.if_recorded.iter().map(|i| words.indicators[*i as usize].0.id.clone()).collect(),
            })
            .collect(),
        unknowns,
        relied_on,
        warnings,
        trace,
        text: String::new(),
    };
    if options.text {
        let class_rule = eval.class.rule.map(|i| words.classification[i].0.label(lang));
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
fn warnings(eval: &Evaluation<'_>, outside_forms: &[std::sync::Arc<str>]) -> Vec<Warning> {
    let mut warnings = eval.ctx.b.warnings.clone();
    if !outside_forms.is_empty() {
        warnings.push(Warning {
            code: WarningKind::OutsideCoveredProfiles,
            path: None,
            message: format!(
                "observations signal a form of exploitation no graded list of the pack covers ({}): the level and the classification do not assess it; refer for a specialised assessment",
                outside_forms.join(", ")
            ),
        });
    }
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
    let m = b.municipality?;
    let place = c.plan.words.places.get(m.index as usize)?;
    Some(JurisdictionFinding {
        municipality: place.name.clone(),
        entity: place.entity.clone(),
        area: place.area.clone(),
        institutions: place.institutions.clone(),
        status: m.status,
    })
}

fn dimensions(eval: &Evaluation<'_>, lang: Language) -> Vec<DimensionFinding> {
    let c = eval.ctx.c;
    let words = &c.plan.words;
    // Present indicators that counted: graded under a profile that may apply.
    let evidence = |d: usize| -> Vec<std::sync::Arc<str>> {
        let mut ev = Vec::new();
        for &k in &c.plan.dim_items[d] {
            let it = &c.items[k as usize];
            if !it.grades.iter().zip(&eval.profiles).any(|(g, p)| g.is_some() && p.possible()) {
                continue;
            }
            for m in &it.members {
                if eval.inputs.present.get(*m) == Tri::True {
                    ev.push(words.indicators[*m as usize].0.id.clone());
                }
            }
        }
        ev
    };
    words
        .dimensions
        .iter()
        .zip(&eval.dims)
        .enumerate()
        .map(|(i, (d, o))| DimensionFinding {
            id: d.id.clone(),
            label: d.label(lang),
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
fn contributions(eval: &Evaluation<'_>, lang: Language) -> Vec<Contribution> {
    let c = eval.ctx.c;
    let words = &c.plan.words;
    let dims =
        words.dimensions.iter().zip(&eval.dims).filter(|(_, o)| !o.points.lo.is_zero()).map(|(d, o)| Contribution {
            kind: ContributionKind::Dimension,
            id: d.id.clone(),
            label: d.label(lang),
            points: canonical(o.points.lo),
        });
    let terms = words
        .terms
        .iter()
        .zip(&c.scoring.terms)
        .zip(&eval.score.terms)
        .filter(|((_, t), v)| *v == Tri::True && !t.then.is_zero())
        .map(|(((named, _), t), _)| Contribution {
            kind: ContributionKind::ScoreTerm,
            id: named.id.clone(),
            label: named.label(lang),
            points: canonical(t.then),
        });
    dims.chain(terms).collect()
}
