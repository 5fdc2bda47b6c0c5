//! The files' documents merged into one: arrays concatenated in the order of `files`,
//! tables and keys that may be set once refused when two files set them.

use super::Checker;
use crate::error::PackErrorKind;
use crate::pack::doc::*;
use std::collections::BTreeMap;
use toml::Spanned;

/// A doc item tagged with the index of the file it came from.
pub(super) type Tagged<T> = (usize, T);

#[derive(Default)]
pub(super) struct Merged {
    pub pack: Option<Tagged<Spanned<MetaDoc>>>,
    pub sources: Vec<Tagged<SourceDoc>>,
    pub parameters: BTreeMap<String, Tagged<Spanned<ParamDoc>>>,
    pub dimensions: Vec<Tagged<DimensionDoc>>,
    pub profiles: Vec<Tagged<ProfileDoc>>,
    pub indicators: Vec<Tagged<IndicatorDoc>>,
    pub facts: BTreeMap<String, Tagged<Spanned<FactDoc>>>,
    pub combination: Option<Tagged<Spanned<CombinationDoc>>>,
    pub age: Option<Tagged<Spanned<AgeDoc>>>,
    pub scoring: Option<Tagged<Spanned<ScoringDoc>>>,
    pub overrides: Vec<Tagged<OverrideDoc>>,
    pub classification: Vec<Tagged<ClassRuleDoc>>,
    /// `[tables.classification]`: the classification table's hit policy.
    pub classification_table: Option<Tagged<Spanned<HitPolicyDoc>>>,
    pub roles: Vec<Tagged<RoleDoc>>,
    pub event_kinds: Vec<Tagged<KindDoc>>,
    pub consent_scopes: Vec<Tagged<KindDoc>>,
    pub obligations: Vec<Tagged<ObligationDoc>>,
    pub calendars: Vec<Tagged<CalendarDoc>>,
    pub cities: Vec<Tagged<CityDoc>>,
    /// The routing table's file.
    pub csv: Option<usize>,
    /// `[routing]`: the table's sources.
    pub routing: Option<Tagged<Spanned<RoutingDoc>>>,
    pub coverage: Option<Tagged<Spanned<CoverageDoc>>>,
}

fn once<T>(
    ck: &mut Checker<'_>,
    slot: &mut Option<Tagged<Spanned<T>>>,
    file: usize,
    v: Option<Spanned<T>>,
    name: &str,
) {
    let Some(v) = v else { return };
    if slot.is_some() {
        ck.err(PackErrorKind::Duplicate, file, v.span(), format!("`[{name}]` is set in two files"));
    } else {
        *slot = Some((file, v));
    }
}

pub(super) fn merge(ck: &mut Checker<'_>, docs: Vec<(usize, PackDoc)>) -> Merged {
    let mut m = Merged::default();
    for (f, doc) in docs {
        once(ck, &mut m.pack, f, doc.pack, "pack");
        once(ck, &mut m.combination, f, doc.combination, "combination");
        once(ck, &mut m.age, f, doc.age, "age");
        once(ck, &mut m.scoring, f, doc.scoring, "scoring");
        once(ck, &mut m.routing, f, doc.routing, "routing");
        once(ck, &mut m.coverage, f, doc.coverage, "coverage");
        let tables = doc.tables.unwrap_or_default();
        once(ck, &mut m.classification_table, f, tables.classification, "tables.classification");
        for (k, v) in doc.parameters {
            if let Some((_, v)) = m.parameters.insert(k.clone(), (f, v)) {
                ck.err(PackErrorKind::Duplicate, f, v.span(), format!("parameter `{k}` is defined twice"));
            }
        }
        for (k, v) in doc.facts {
            if let Some((_, v)) = m.facts.insert(k.clone(), (f, v)) {
                ck.err(PackErrorKind::Duplicate, f, v.span(), format!("fact `{k}` is defined twice"));
            }
        }
        m.sources.extend(doc.sources.into_iter().map(|x| (f, x)));
        m.dimensions.extend(doc.dimensions.into_iter().map(|x| (f, x)));
        m.profiles.extend(doc.profiles.into_iter().map(|x| (f, x)));
        m.indicators.extend(doc.indicators.into_iter().map(|x| (f, x)));
        m.overrides.extend(doc.overrides.into_iter().map(|x| (f, x)));
        m.classification.extend(doc.classification.into_iter().map(|x| (f, x)));
        m.roles.extend(doc.roles.into_iter().map(|x| (f, x)));
        m.event_kinds.extend(doc.event_kinds.into_iter().map(|x| (f, x)));
        m.consent_scopes.extend(doc.consent_scopes.into_iter().map(|x| (f, x)));
        m.cities.extend(doc.cities.into_iter().map(|x| (f, x)));
        m.obligations.extend(doc.obligations.into_iter().map(|x| (f, x)));
        m.calendars.extend(doc.calendars.into_iter().map(|x| (f, x)));
    }
    for (i, (path, _)) in ck.files.files.iter().enumerate() {
        if path.ends_with(".csv") {
            if m.csv.is_some() {
                ck.err_anywhere(PackErrorKind::Duplicate, format!("`{path}`: a pack has one routing table"));
            }
            m.csv = Some(i);
        }
    }
    m
}
