//! What may be observed and how it is graded: dimensions, profiles, indicators and the
//! graded items that indicators (and their local specialisations) count as.

use super::merge::Merged;
use super::names::{Names, Scope};
use super::suggest::suggestion;
use super::{At, Checker};
use crate::error::PackErrorKind;
use crate::expr::compile::Type;
use crate::expr::{Const, Expr};
use crate::pack::doc::{IndicatorDoc, IndicatorType};
use crate::protocol::{Dimension, Indicator, IndicatorKind, Item, Profile};
use crate::value::Tri;
use rustc_hash::FxHashMap as HashMap;

pub(super) struct Catalogue {
    pub dimensions: Vec<Dimension>,
    pub profiles: Vec<Profile>,
    pub profiles_at: Vec<At>,
    pub indicators: Vec<Indicator>,
    pub items: Vec<Item>,
    /// Per indicator: the roles a protected indicator may route a case to.
    pub routes: Vec<Vec<u32>>,
}

pub(super) fn check(ck: &mut Checker<'_>, m: &Merged, names: &Names) -> Catalogue {
    for (f, d) in &m.dimensions {
        ck.labels(*f, d.id.span(), &format!("dimension `{}`", d.id.get_ref()), &d.label);
    }
    let dimensions = m.dimensions.iter().map(|(_, d)| Dimension { id: d.id.get_ref().clone(), label: d.label.clone() });
    let dimensions = dimensions.collect();
    let (items, item_of) = items(ck, m, names);
    let mut indicators = Vec::with_capacity(m.indicators.len());
    let mut routes = Vec::with_capacity(m.indicators.len());
    for (i, (f, d)) in m.indicators.iter().enumerate() {
        indicators.push(indicator(ck, *f, i as u32, d, names, item_of.get(&(i as u32)).copied()));
        routes.push(routes_of(ck, *f, d, names));
    }
    let mut profiles = Vec::with_capacity(m.profiles.len());
    let mut profiles_at = Vec::with_capacity(m.profiles.len());
    for (f, p) in &m.profiles {
        ck.labels(*f, p.id.span(), &format!("profile `{}`", p.id.get_ref()), &p.label);
        let when = ck.condition(*f, &p.when, Type::Bool, &names.scope(Scope::Profile));
        profiles.push(Profile {
            id: p.id.get_ref().clone(),
            label: p.label.clone(),
            when: when.unwrap_or(Expr::Const(Const::Bool(Tri::False))),
        });
        profiles_at.push(At { file: *f, id: p.id.span(), when: p.when.span() });
    }
    Catalogue { dimensions, profiles, profiles_at, indicators, items, routes }
}

/// The graded items: one per indicator with a dimension and grades, joined by the
/// indicators that specialise it. Returns the items and each member's item.
fn items(ck: &mut Checker<'_>, m: &Merged, names: &Names) -> (Vec<Item>, HashMap<u32, u32>) {
    let mut items: Vec<Item> = Vec::new();
    let mut item_of: HashMap<u32, u32> = HashMap::default();
    // Base items first, so that specialisations can join them whatever the file order.
    for (i, (f, d)) in m.indicators.iter().enumerate() {
        let (f, id) = (*f, d.id.get_ref());
        if d.protected && (d.dimension.is_some() || !d.grades.is_empty() || d.specialises.is_some()) {
            ck.err(
                PackErrorKind::Protected,
                f,
                d.id.span(),
                format!(
                    "protected indicator `{id}` may not have a dimension, grades or `specialises`: it must never weigh"
                ),
            );
            continue;
        }
        match (&d.dimension, d.grades.is_empty(), &d.specialises) {
            (Some(dim), false, None) => {
                let Some(di) = Names::lookup(ck, &names.dimensions, (f, dim), "dimension") else { continue };
                let mut grades = vec![None; m.profiles.len()];
                for (profile, grade) in &d.grades {
                    match names.profiles.get(profile) {
                        Some(&p) => grades[p as usize] = Some(*grade),
                        None => ck.err(
                            PackErrorKind::UnknownName,
                            f,
                            d.id.span(),
                            format!("`{id}` is graded in unknown profile `{profile}`"),
                        ),
                    }
                }
                item_of.insert(i as u32, items.len() as u32);
                items.push(Item { dimension: di, members: vec![i as u32], grades });
            }
            (Some(_), true, None) => {
                ck.err(PackErrorKind::Schema, f, d.id.span(), format!("`{id}` has a dimension but no grades"))
            }
            (None, false, None) => {
                ck.err(PackErrorKind::Schema, f, d.id.span(), format!("`{id}` has grades but no dimension"))
            }
            (Some(_), _, Some(s)) | (_, false, Some(s)) => ck.err(
                PackErrorKind::Schema,
                f,
                s.span(),
                format!(
                    "`{id}` specialises another indicator and takes its dimension and grades; give it none of its own"
                ),
            ),
            _ => {}
        }
    }
    for (i, (f, d)) in m.indicators.iter().enumerate() {
        let Some(target) = &d.specialises else { continue };
        match names.indicators.get(target.get_ref()).and_then(|t| item_of.get(t)) {
            Some(&item) => {
                items[item as usize].members.push(i as u32);
                item_of.insert(i as u32, item);
            }
            None => ck.err(
                PackErrorKind::UnknownName,
                *f,
                target.span(),
                format!("`{}` is not a graded indicator that can be specialised", target.get_ref()),
            ),
        }
    }
    (items, item_of)
}

fn indicator(ck: &mut Checker<'_>, f: usize, i: u32, d: &IndicatorDoc, names: &Names, item: Option<u32>) -> Indicator {
    let id = d.id.get_ref();
    ck.labels(f, d.id.span(), &format!("indicator `{id}`"), &d.label);
    let prov = ck.prov(f, d.id.span(), &d.prov(), &names.sources);
    let kind = match d.ty {
        IndicatorType::Bool => IndicatorKind::Bool,
        IndicatorType::Count => IndicatorKind::Count,
        IndicatorType::Enum => IndicatorKind::Enum,
    };
    let values = d.values.clone().unwrap_or_default();
    if (kind == IndicatorKind::Enum) == values.is_empty() {
        ck.err(
            PackErrorKind::Schema,
            f,
            d.id.span(),
            format!("`{id}`: `values` is required for enum indicators and only for them"),
        );
    }
    let present_when = match (&d.present_when, kind) {
        (Some(t), IndicatorKind::Count | IndicatorKind::Enum) => {
            ck.condition(f, t, Type::Bool, &names.scope(Scope::PresentWhen(kind, i)))
        }
        (Some(t), IndicatorKind::Bool) => {
            ck.err(
                PackErrorKind::Schema,
                f,
                t.span(),
                format!("`{id}` is a bool indicator and takes no `present_when`"),
            );
            None
        }
        (None, IndicatorKind::Enum) => {
            ck.err(PackErrorKind::Schema, f, d.id.span(), format!("enum indicator `{id}` needs `present_when`"));
            None
        }
        (None, _) => None,
    };
    Indicator {
        id: id.clone(),
        label: d.label.clone(),
        kind,
        unit: d.unit.clone(),
        values,
        present_when,
        protected: d.protected,
        outside_coverage: d.outside_coverage.as_ref().map(|t| t.get_ref().clone()),
        item,
        prov,
    }
}

/// `[coverage]`, and the indicators that signal a form of exploitation it does not cover:
/// each ungraded, not protected, naming a form the table does not list.
pub(super) fn coverage(ck: &mut Checker<'_>, m: &Merged, names: &Names) -> Option<crate::protocol::Coverage> {
    let coverage = m.coverage.as_ref().map(|(f, doc)| {
        let d = doc.get_ref();
        for form in &d.covered {
            if !super::valid_id(form.get_ref()) {
                ck.err(
                    PackErrorKind::InvalidValue,
                    *f,
                    form.span(),
                    "a form of exploitation must match [a-z][a-z0-9_]*",
                );
            }
        }
        crate::protocol::Coverage {
            covered: d.covered.iter().map(|t| t.get_ref().clone()).collect(),
            prov: ck.prov(*f, doc.span(), &d.prov(), &names.sources),
        }
    });
    for (f, d) in &m.indicators {
        let Some(form) = &d.outside_coverage else { continue };
        let id = d.id.get_ref();
        let problem = match &coverage {
            None => Some((
                PackErrorKind::Schema,
                "needs a `[coverage]` table saying which forms the graded lists cover".to_owned(),
            )),
            Some(_) if !super::valid_id(form.get_ref()) => {
                Some((PackErrorKind::InvalidValue, "a form of exploitation must match [a-z][a-z0-9_]*".to_owned()))
            }
            Some(c) if c.covered.contains(form.get_ref()) => Some((
                PackErrorKind::InvalidValue,
                format!("`{}` is a covered form (`[coverage] covered`)", form.get_ref()),
            )),
            Some(_) if d.dimension.is_some() || !d.grades.is_empty() || d.specialises.is_some() || d.protected => {
                Some((
                    PackErrorKind::InvalidValue,
                    "an indicator outside the covered profiles is not graded, specialises nothing and is not protected"
                        .to_owned(),
                ))
            }
            Some(_) => None,
        };
        if let Some((kind, why)) = problem {
            ck.err(kind, *f, form.span(), format!("`{id}`: `outside_coverage` {why}"));
        }
    }
    coverage
}

/// The roles in `routes`: declared only on a protected indicator, each a declared role.
fn routes_of(ck: &mut Checker<'_>, f: usize, d: &IndicatorDoc, names: &Names) -> Vec<u32> {
    let Some(routes) = &d.routes else { return Vec::new() };
    if !d.protected {
        ck.err(
            PackErrorKind::Schema,
            f,
            routes.span(),
            format!(
                "`{}` is not protected: only a protected indicator declares the roles it may route to",
                d.id.get_ref()
            ),
        );
        return Vec::new();
    }
    let mut out = Vec::new();
    for r in routes.get_ref() {
        match names.roles.get(r.get_ref()) {
            Some(&role) if !out.contains(&role) => out.push(role),
            Some(_) => ck.err(PackErrorKind::Duplicate, f, r.span(), format!("`{}` is listed twice", r.get_ref())),
            None => {
                let hint = suggestion(r.get_ref(), names.roles.keys().map(String::as_str));
                ck.err(PackErrorKind::UnknownName, f, r.span(), format!("no role `{}`{hint}", r.get_ref()));
            }
        }
    }
    out
}
