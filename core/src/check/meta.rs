//! `[pack]`, `[[sources]]` and `[parameters.*]`: what the rest of the pack refers to.

use super::merge::Merged;
use super::{valid_id, Checker};
use crate::error::PackErrorKind;
use crate::pack::doc::MetaDoc;
use crate::protocol::{Meta, Param, ParamValue, Source};
use crate::time::Due;
use jiff::tz::TimeZone;
use std::collections::BTreeMap;

pub(super) fn meta(ck: &mut Checker<'_>, f: usize, d: &MetaDoc) -> Option<Meta> {
    let id_ok = !d.id.get_ref().is_empty() && d.id.get_ref().chars().all(|c| matches!(c, 'a'..='z' | '0'..='9' | '-'));
    if !id_ok {
        ck.err(PackErrorKind::InvalidValue, f, d.id.span(), "pack id must match [a-z0-9-]+");
    }
    let v = d.version.get_ref();
    if semver::Version::parse(v).is_err() {
        ck.err(
            PackErrorKind::InvalidValue,
            f,
            d.version.span(),
            format!("`{v}` is not a semantic version (MAJOR.MINOR.PATCH, no leading zeros; see semver.org)"),
        );
    }
    let tz = TimeZone::get(d.time_zone.get_ref()).ok();
    if tz.is_none() {
        ck.err(
            PackErrorKind::InvalidValue,
            f,
            d.time_zone.span(),
            format!("`{}` is not an IANA time zone", d.time_zone.get_ref()),
        );
    }
    let from = ck.date(f, &d.effective_from);
    let to = d.effective_to.as_ref().map(|t| ck.date(f, t));
    if d.languages.is_empty() {
        ck.err(PackErrorKind::Schema, f, d.id.span(), "`languages` must name at least one language");
    }
    ck.languages = d.languages.iter().map(|l| l.get_ref().clone()).collect();
    let month_rounding = match &d.month_rounding {
        None => false,
        Some(t) if t.get_ref() == "clamp" => true,
        Some(t) => {
            ck.err(PackErrorKind::InvalidValue, f, t.span(), "the only month rounding is \"clamp\"");
            false
        }
    };
    ck.labels(f, d.id.span(), "the pack title", &d.title);
    for t in &d.tests {
        if !crate::pack::valid_listed_path(t.get_ref()) {
            ck.err(PackErrorKind::InvalidValue, f, t.span(), "test paths must be relative with `/` separators");
        }
    }
    Some(Meta {
        id: d.id.get_ref().clone(),
        version: v.clone(),
        title: d.title.clone(),
        jurisdiction: d.jurisdiction.get_ref().clone(),
        time_zone_name: d.time_zone.get_ref().clone(),
        time_zone: tz?,
        effective_from: from?,
        effective_to: match to {
            Some(None) => return None,
            Some(Some(d)) => Some(d),
            None => None,
        },
        languages: ck.languages.clone(),
        month_rounding,
        tests: d.tests.iter().map(|t| t.get_ref().clone()).collect(),
    })
}

/// The sources a pack declares, by id: what a rule citing one is checked against.
pub(super) struct SourceIndex {
    by_id: BTreeMap<String, Lineage>,
}

/// Whether a source is still in force, and what replaced it.
struct Lineage {
    historical: bool,
    superseded_by: Option<String>,
}

impl SourceIndex {
    pub(super) fn contains(&self, id: &str) -> bool {
        self.by_id.contains_key(id)
    }

    /// The ids, in order (for "did you mean").
    pub(super) fn ids(&self) -> impl Iterator<Item = &str> {
        self.by_id.keys().map(String::as_str)
    }

    /// For a historical source: what superseded it (`Some(None)` when nothing is named).
    pub(super) fn historical(&self, id: &str) -> Option<Option<&str>> {
        self.by_id.get(id).filter(|l| l.historical).map(|l| l.superseded_by.as_deref())
    }
}

/// The sources, and their index for the rules that cite them.
pub(super) fn sources(ck: &mut Checker<'_>, m: &Merged) -> (Vec<Source>, SourceIndex) {
    let ids = ck.ids("source", m.sources.iter().map(|(f, s)| (*f, &s.id)));
    for (f, s) in &m.sources {
        let Some(next) = &s.superseded_by else { continue };
        if !s.historical {
            ck.err(
                PackErrorKind::Schema,
                *f,
                next.span(),
                format!("source `{}` names `superseded_by` but is not `historical = true`", s.id.get_ref()),
            );
        }
        if next.get_ref() == s.id.get_ref() {
            ck.err(PackErrorKind::InvalidValue, *f, next.span(), "a source cannot supersede itself");
        } else if !ids.contains_key(next.get_ref()) {
            let hint = super::suggestion(next.get_ref(), ids.keys().map(String::as_str));
            ck.err(PackErrorKind::UnknownName, *f, next.span(), format!("no source `{}`{hint}", next.get_ref()));
        }
    }
    let sources: Vec<Source> = m
        .sources
        .iter()
        .map(|(_, s)| Source {
            id: s.id.get_ref().clone(),
            title: s.title.clone(),
            url: s.url.clone(),
            status: s.status,
            historical: s.historical,
            superseded_by: s.superseded_by.as_ref().map(|t| t.get_ref().clone()),
        })
        .collect();
    let by_id = sources
        .iter()
        .map(|s| (s.id.clone(), Lineage { historical: s.historical, superseded_by: s.superseded_by.clone() }))
        .collect();
    (sources, SourceIndex { by_id })
}

/// The parameters, in name order (their index is their slot).
pub(super) fn parameters(ck: &mut Checker<'_>, m: &Merged, meta: Option<&Meta>, sources: &SourceIndex) -> Vec<Param> {
    let mut params = Vec::new();
    for (name, (f, p)) in &m.parameters {
        let f = *f;
        if !valid_id(name) {
            ck.err(
                PackErrorKind::InvalidValue,
                f,
                p.span(),
                format!("parameter name `{name}` must match [a-z][a-z0-9_]*"),
            );
        }
        let doc = p.get_ref();
        let prov = ck.prov(f, p.span(), &doc.prov(), sources);
        let mut values = Vec::new();
        for v in &doc.values {
            let from = ck.date(f, &v.get_ref().from);
            match ParamValue::from_toml(doc.ty, &v.get_ref().value) {
                Ok(val) => values.extend(from.map(|from| (from, val))),
                Err(why) => ck.err(PackErrorKind::InvalidValue, f, v.span(), format!("parameter `{name}`: {why}")),
            }
        }
        if values.windows(2).any(|w| w[0].0 >= w[1].0) {
            ck.err(
                PackErrorKind::InvalidValue,
                f,
                p.span(),
                format!("parameter `{name}`: values must be in increasing `from` order"),
            );
        }
        match (values.first(), meta) {
            (None, _) => ck.err(PackErrorKind::InvalidValue, f, p.span(), format!("parameter `{name}` has no value")),
            (Some((from, _)), Some(meta)) if *from > meta.effective_from => ck.err(
                PackErrorKind::InvalidValue,
                f,
                p.span(),
                format!("parameter `{name}` has no value in force on the pack's effective_from date"),
            ),
            _ => {}
        }
        if let (Some(meta), Some(ParamValue::Duration(Due::Months(_)))) = (meta, values.first().map(|v| &v.1)) {
            if !meta.month_rounding {
                ck.err(PackErrorKind::InvalidValue, f, p.span(), "a month duration needs `[pack] month_rounding`");
            }
        }
        if let Some(l) = &doc.label {
            ck.labels(f, p.span(), &format!("parameter `{name}`"), l);
        }
        params.push(Param {
            id: name.clone(),
            kind: doc.ty,
            unit: doc.unit.clone(),
            label: doc.label.clone().unwrap_or_default(),
            local_policy: doc.local_policy,
            values,
            prov,
        });
    }
    params
}
