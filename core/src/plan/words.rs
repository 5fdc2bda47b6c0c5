//! Every text an assessment can carry, made once when the pack loads: ids, labels in each
//! language the engine writes (with the visible `[xx]` mark where a label falls back to
//! another language), citations, source lists, shares, and each municipality's
//! institutions. Assessments share these (`Arc<str>`) rather than copying them, so
//! building one allocates little more than its lists.

use crate::assessment::Party;
use crate::explain::label;
use crate::model::{Labels, Language, Provenance};
use crate::protocol::Checked;
use std::sync::Arc;

/// A shared text.
pub(crate) type Text = Arc<str>;

/// A list of shared texts.
pub(crate) type Texts = Arc<[Text]>;

fn text(s: &str) -> Text {
    Arc::from(s)
}

/// An id with its label in each engine language (indexed by `Language as usize`).
#[derive(Clone, Debug)]
pub(crate) struct Named {
    pub id: Text,
    labels: [Text; 5],
}

impl Named {
    fn new(id: &str, labels: &Labels) -> Named {
        Named { id: text(id), labels: Language::ALL.map(|l| text(&label(labels, l.as_str(), id))) }
    }

    /// The label in `lang`.
    pub(crate) fn label(&self, lang: Language) -> Text {
        Arc::clone(&self.labels[lang as usize])
    }
}

/// Where a rule comes from, as assessments write it.
#[derive(Clone, Debug)]
pub(crate) struct Sourced {
    pub source: Texts,
    pub citation: Option<Text>,
}

impl Sourced {
    fn of(p: &Provenance) -> Sourced {
        Sourced { source: p.source.iter().map(|s| text(s)).collect(), citation: p.citation.as_deref().map(text) }
    }
}

/// One definition of an obligation (its base or an exception).
#[derive(Clone, Debug)]
pub(crate) struct Definition {
    pub labels: Named,
    pub exception: Option<Text>,
    pub sourced: Sourced,
}

/// A routed municipality.
#[derive(Clone, Debug)]
pub(crate) struct Place {
    pub name: Text,
    pub entity: Text,
    pub area: Text,
    /// The institution of each routed role, with its status.
    pub institutions: Arc<[Party]>,
    /// The id under which each institution is relied on: `role@municipality`.
    pub reliance_ids: Vec<Text>,
}

#[derive(Clone, Debug, Default)]
pub(crate) struct Words {
    pub protocol_id: Text,
    pub version: Text,
    pub digest: Text,
    pub indicators: Vec<(Named, Sourced)>,
    pub dimensions: Vec<Named>,
    pub profiles: Vec<Named>,
    pub facts: Vec<(Named, Sourced)>,
    pub terms: Vec<(Named, Sourced)>,
    pub overrides: Vec<(Named, Sourced)>,
    pub classification: Vec<(Named, Sourced)>,
    /// Per obligation: its base, then its exceptions in order.
    pub obligations: Vec<Vec<Definition>>,
    pub roles: Vec<(Named, Texts)>,
    /// Per role: its own status and sources, when the pack gives them.
    pub role_sources: Vec<Option<(crate::model::SourceStatus, Texts)>>,
    /// The sources of the routing table.
    pub routing_sources: Texts,
    /// The ids of the historical sources.
    pub historical_sources: Vec<Text>,
    /// Per indicator: the form of exploitation outside the covered profiles it signals.
    pub outside_forms: Vec<Option<Text>>,
    /// `[coverage]` as relied on: its status and sources.
    pub coverage: Option<(crate::model::SourceStatus, Texts)>,
    /// Per calendar, per closure: the id under which it is relied on (`RS@2026-01-14`)
    /// and its sources.
    pub closures: Vec<Vec<(Text, Texts)>>,
    /// Per role: its column of the routing table, when it is routed.
    pub role_columns: Vec<Option<usize>>,
    pub event_kinds: Vec<Named>,
    pub consent_scopes: Vec<Named>,
    pub places: Vec<Place>,
    /// The provenance of the age gate, the dimension rule and the grade points.
    pub age: Sourced,
    pub combination: Sourced,
    pub scoring: Sourced,
    /// Names the engine itself gives: the built-in role `reporter` and the anchor
    /// `reported_at`.
    pub reporter: Text,
    pub reported_at: Text,
    /// The ids under which the dimension rule, the grade points and the age gate are
    /// relied on.
    pub dimension_positive: Text,
    pub grade_points: Text,
    pub age_gate: Text,
    pub coverage_id: Text,
    /// The names of the subject's gates as questions name them.
    pub subject_age: Text,
    pub subject_citizenship: Text,
}

impl Default for Named {
    fn default() -> Named {
        Named { id: text(""), labels: std::array::from_fn(|_| text("")) }
    }
}

impl Default for Sourced {
    fn default() -> Sourced {
        Sourced { source: Arc::from(Vec::new()), citation: None }
    }
}

impl Words {
    /// Whether any of `source` is a historical source.
    pub(crate) fn cites_historical(&self, source: &Texts) -> bool {
        !self.historical_sources.is_empty() && source.iter().any(|s| self.historical_sources.contains(s))
    }

    pub(crate) fn of(c: &Checked) -> Words {
        let with_source = |id: &str, labels: &Labels, prov: &Provenance| (Named::new(id, labels), Sourced::of(prov));
        Words {
            protocol_id: text(&c.meta.id),
            version: text(&c.meta.version),
            digest: text(&c.digest),
            indicators: c.indicators.iter().map(|i| with_source(&i.id, &i.label, &i.prov)).collect(),
            dimensions: c.dimensions.iter().map(|d| Named::new(&d.id, &d.label)).collect(),
            profiles: c.profiles.iter().map(|p| Named::new(&p.id, &p.label)).collect(),
            facts: c.facts.iter().map(|f| with_source(&f.id, &f.label, &f.prov)).collect(),
            terms: c.scoring.terms.iter().map(|t| with_source(&t.id, &t.label, &t.prov)).collect(),
            overrides: c.overrides.iter().map(|o| with_source(&o.id, &o.label, &o.prov)).collect(),
            classification: c.classification.iter().map(|r| with_source(&r.id, &r.label, &r.prov)).collect(),
            obligations: c
                .obligations
                .iter()
                .map(|o| {
                    std::iter::once(&o.base)
                        .chain(&o.exceptions)
                        .map(|d| Definition {
                            labels: Named::new(&o.id, &d.label),
                            exception: d.exception.as_deref().map(text),
                            sourced: Sourced::of(&d.prov),
                        })
                        .collect()
                })
                .collect(),
            roles: c
                .roles
                .iter()
                .map(|r| (Named::new(&r.id, &r.label), r.shares.iter().map(|s| text(s)).collect()))
                .collect(),
            role_sources: c
                .roles
                .iter()
                .map(|r| r.prov.as_ref().map(|p| (p.status, p.source.iter().map(|s| text(s)).collect())))
                .collect(),
            closures: c
                .calendars
                .iter()
                .map(|cal| {
                    cal.closures
                        .iter()
                        .map(|x| (text(&format!("{}@{}", cal.entity, x.date)), Sourced::of(&x.prov).source))
                        .collect()
                })
                .collect(),
            outside_forms: c.indicators.iter().map(|i| i.outside_coverage.as_deref().map(text)).collect(),
            coverage: c.coverage.as_ref().map(|k| (k.prov.status, Sourced::of(&k.prov).source)),
            historical_sources: c.sources.iter().filter(|s| s.historical).map(|s| text(&s.id)).collect(),
            routing_sources: c
                .routing
                .as_ref()
                .map(|r| r.sources.iter().map(|s| text(s)).collect())
                .unwrap_or_else(|| Arc::from(Vec::new())),
            role_columns: c
                .roles
                .iter()
                .map(|r| c.routing.as_ref().and_then(|t| t.roles.iter().position(|x| *x == r.id)).filter(|_| r.routed))
                .collect(),
            event_kinds: c.event_kinds.iter().map(|k| Named::new(&k.id, &k.label)).collect(),
            consent_scopes: c.consent_scopes.iter().map(|k| Named::new(&k.id, &k.label)).collect(),
            places: c
                .routing
                .as_ref()
                .map(|r| {
                    r.rows
                        .iter()
                        .map(|m| Place {
                            name: text(&m.name),
                            entity: text(&m.entity),
                            area: text(&m.area),
                            institutions: r
                                .roles
                                .iter()
                                .zip(&m.institutions)
                                .zip(&m.institution_statuses)
                                .map(|((role, inst), status)| Party {
                                    role: text(role),
                                    institution: Some(text(inst)),
                                    status: Some(*status),
                                })
                                .collect(),
                            reliance_ids: r.roles.iter().map(|role| text(&format!("{role}@{}", m.name))).collect(),
                        })
                        .collect()
                })
                .unwrap_or_default(),
            age: Sourced::of(&c.age.prov),
            combination: Sourced::of(&c.combination.prov),
            scoring: Sourced::of(&c.scoring.prov),
            reporter: text("reporter"),
            reported_at: text("reported_at"),
            dimension_positive: text("dimension_positive"),
            grade_points: text("grade_points"),
            age_gate: text("age_gate"),
            coverage_id: text("coverage"),
            subject_age: text("subject.age"),
            subject_citizenship: text("subject.citizenship"),
        }
    }
}
