//! What changed since an earlier version: every rule, parameter, indicator, calendar,
//! source and routing row compared field by field, and the outcomes of a case set under
//! both versions ([`Protocol::diff`]).

use super::super::html::{esc, Page};
use super::super::phrases::W;
use super::super::site::{anchor, Target};
use super::super::written::{Key, Written};
use super::super::{Ctx, Since};
use super::tier_name;
use crate::model::{Labels, Provenance};
use crate::protocol::{Anchor, Checked, DueRef, ObligationDef, Party, Protocol};
use std::collections::BTreeMap;
use std::fmt::Write;

/// An item of a pack by its kind and id, with each of its fields as text.
type Fields = BTreeMap<String, String>;
type Inventory = BTreeMap<(&'static str, String), Fields>;

pub(crate) fn page(ctx: &Ctx<'_>) -> (String, String) {
    let mut page = Page::new(ctx, Target::Changes);
    let html = match &ctx.shared.book.since {
        None => format!("<p>{}</p>\n", esc(ctx.t(W::ChangesNone))),
        Some(since) => changes(&page, since),
    };
    page.push(&html);
    page.finish(ctx.t(W::NavChanges))
}

fn changes(page: &Page<'_, '_>, since: &Since<'_>) -> String {
    let lang = page.lang();
    let old = since.old;
    let new = page.ctx.shared.protocol;
    let mut html = format!(
        "<p>{}</p>\n",
        W::ChangesIntro.fill(lang, &[&format!("<code>{} {}</code>", esc(old.id()), esc(old.version()))])
    );
    let before = inventory(old, &Written::of(old));
    let after = inventory(new, &page.ctx.shared.written);
    html.push_str(&compare(page, &before, &after));
    html.push_str(&outcomes(page, since));
    html
}

/// Added, removed and changed items; what is in this version links to its entry.
fn compare(page: &Page<'_, '_>, before: &Inventory, after: &Inventory) -> String {
    let name = |(kind, id): &(&str, String)| format!("{} <code>{}</code>", esc(kind), esc(id));
    let linked = |key: &(&str, String)| match entry(page, key) {
        Some(target) => page.link(&target, &name(key)),
        None => name(key),
    };
    let added: Vec<String> = after.keys().filter(|k| !before.contains_key(*k)).map(linked).collect();
    let removed: Vec<String> = before.keys().filter(|k| !after.contains_key(*k)).map(name).collect();
    let mut html = format!("<h2>{}</h2>\n", esc(page.t(W::NavRules)));
    for (word, list) in [(W::Added, &added), (W::Removed, &removed)] {
        let _ = writeln!(html, "<h3>{} ({})</h3>", esc(page.t(word)), list.len());
        if !list.is_empty() {
            let items: String = list.iter().map(|l| format!("<li>{l}</li>")).collect();
            let _ = writeln!(html, "<ul class=\"changes\">{items}</ul>");
        }
    }
    let changed: Vec<(&(&str, String), &Fields, &Fields)> =
        after.iter().filter_map(|(k, a)| before.get(k).filter(|b| *b != a).map(|b| (k, b, a))).collect();
    let _ = writeln!(html, "<h3>{} ({})</h3>", esc(page.t(W::Changed)), changed.len());
    for (key, b, a) in changed {
        let _ = write!(html, "<section class=\"change\"><h4>{}</h4><dl class=\"diff\">", linked(key));
        let mut fields: Vec<&String> = b.keys().chain(a.keys()).collect();
        fields.sort();
        fields.dedup();
        for f in fields {
            let (x, y) = (b.get(f), a.get(f));
            if x != y {
                let cell = |v: Option<&String>| v.filter(|v| !v.is_empty()).map_or_else(|| "—".to_owned(), |v| esc(v));
                let _ = write!(
                    html,
                    "<dt><code>{}</code></dt><dd><span class=\"before\">{}: {}</span><br><span class=\"now\">{}: {}</span></dd>",
                    esc(f),
                    esc(page.t(W::Before)),
                    cell(x),
                    esc(page.t(W::Now)),
                    cell(y)
                );
            }
        }
        html.push_str("</dl></section>\n");
    }
    if before == after {
        let _ = writeln!(html, "<p>{}</p>", esc(page.t(W::NothingChanged)));
    }
    html
}

/// Where an item of this version is shown in the handbook.
fn entry<'k>(page: &'k Page<'_, '_>, (kind, id): &'k (&str, String)) -> Option<Target<'k>> {
    let rule = |k: &str| Some(Target::Rule(anchor(k, id)));
    match *kind {
        "source" => Some(Target::Source(id)),
        "parameter" => Some(Target::Parameter(id)),
        "indicator" => Some(Target::Indicator(id)),
        "fact" => rule("fact"),
        "profile" => rule("profile"),
        "score term" => rule("term"),
        "override" => rule("override"),
        "classification" => rule("class"),
        "obligation" => Some(Target::Duty(id.split('/').next().unwrap_or(id))),
        "scoring" => Some(Target::Rule("score".into())),
        "combination" => Some(Target::Rule("combination".into())),
        "age" => Some(Target::Rule("age".into())),
        "role" => Some(Target::Role(id)),
        "calendar" => Some(Target::Calendar(id)),
        "municipality" => {
            let p = page.ctx.shared.protocol;
            let i = p.municipalities().iter().position(|m| m == id)?;
            Some(Target::Municipality(page.ctx.shared.slugs[i].as_str()))
        }
        _ => None,
    }
}

/// How the outcomes of the case set change.
fn outcomes(page: &Page<'_, '_>, since: &Since<'_>) -> String {
    let d = &since.diff;
    let lang = page.lang();
    let mut html = format!(
        "<h2>{}</h2>\n<p>{}</p>\n",
        esc(&W::OutcomesOver.fill(lang, &[&since.cases.to_string(), &since.as_of.to_string()])),
        esc(&W::CasesChange.fill(lang, &[&d.cases.len().to_string(), &d.unchanged.to_string(), &d.refused.to_string()]))
    );
    if !d.parameters.is_empty() {
        let _ = write!(
            html,
            "<h3>{}</h3><table class=\"diff\"><thead><tr><th scope=\"col\"></th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
            esc(page.t(W::NavParameters)),
            esc(page.t(W::Before)),
            esc(page.t(W::Now))
        );
        for (name, a, b) in &d.parameters {
            let v = |v: &Option<String>| v.as_deref().map_or_else(|| "—".to_owned(), esc);
            let _ = write!(
                html,
                "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td></tr>",
                page.link(&Target::Parameter(name), &format!("<code>{}</code>", esc(name))),
                v(a),
                v(b)
            );
        }
        html.push_str("</tbody></table>\n");
    }
    let p = crate::explain::phrases(lang);
    let levels = d.levels.iter().map(|(a, b, n)| (p.level[*a as usize].clone(), p.level[*b as usize].clone(), *n));
    html.push_str(&transitions(page.t(W::LevelFromTo), levels));
    let classes = d.classifications.iter().map(|(a, b, n)| (tier_name(page, *a), tier_name(page, *b), *n));
    html.push_str(&transitions(page.t(W::ClassFromTo), classes));
    if !d.cases.is_empty() {
        let _ = write!(html, "<h3>{} ({})</h3>\n<ul class=\"cases\">", esc(page.t(W::ChangedCases)), d.cases.len());
        for c in &d.cases {
            let _ = write!(html, "<li><code>{}</code>: ", esc(&c.case_id));
            match &c.errors {
                (None, None) => {
                    let _ = write!(
                        html,
                        "{} → {}, {} → {}",
                        esc(&p.level[c.level.0 as usize]),
                        esc(&p.level[c.level.1 as usize]),
                        esc(&tier_name(page, c.classification.0)),
                        esc(&tier_name(page, c.classification.1))
                    );
                    for (id, a, b) in &c.obligations {
                        let s = |v: &Option<crate::ObligationStatus>| {
                            v.map_or_else(|| "—".to_owned(), |s| p.status[s as usize].clone())
                        };
                        let _ = write!(html, "; <code>{}</code>: {} → {}", esc(id), esc(&s(a)), esc(&s(b)));
                    }
                    if !c.rules.is_empty() {
                        let rules: Vec<String> = c.rules.iter().map(|r| format!("<code>{}</code>", esc(r))).collect();
                        let _ = write!(
                            html,
                            " <span class=\"note\">({} {})</span>",
                            esc(page.t(W::BecauseOf)),
                            rules.join(", ")
                        );
                    }
                }
                (a, b) => {
                    let _ = write!(
                        html,
                        "{} ({} → {})",
                        esc(page.t(W::Refused)),
                        esc(a.as_deref().unwrap_or("ok")),
                        esc(b.as_deref().unwrap_or("ok"))
                    );
                }
            }
            html.push_str("</li>");
        }
        html.push_str("</ul>\n");
    }
    html
}

/// How many cases went from each outcome to each, the moves marked.
fn transitions(title: &str, rows: impl Iterator<Item = (String, String, usize)>) -> String {
    let mut html = format!("<h3>{}</h3><table class=\"narrow\"><tbody>", esc(title));
    for (a, b, n) in rows {
        let mark = if a != b { " class=\"moved\"" } else { "" };
        let _ = write!(html, "<tr{mark}><td>{} → {}</td><td class=\"num\">{n}</td></tr>", esc(&a), esc(&b));
    }
    html.push_str("</tbody></table>\n");
    html
}

/// Every item of a pack with its fields as text: what two versions are compared by.
fn inventory(p: &Protocol, w: &Written) -> Inventory {
    let c: &Checked = &p.inner;
    let mut inv = Inventory::new();
    let mut put = |kind: &'static str, id: &str, fields: Fields| {
        inv.insert((kind, id.to_owned()), fields);
    };
    let cond = |key: Key| w.condition(&key).unwrap_or("").to_owned();
    for s in &c.sources {
        put(
            "source",
            &s.id,
            fields(&[
                ("title", s.title.clone()),
                ("url", s.url.clone().unwrap_or_default()),
                ("status", s.status.as_str().into()),
            ]),
        );
    }
    for prm in &c.params {
        let mut f = with_prov(labels(&prm.label), &prm.prov);
        f.insert("type".into(), format!("{:?}", prm.kind).to_lowercase());
        f.insert("unit".into(), prm.unit.clone().unwrap_or_default());
        f.insert("local_policy".into(), prm.local_policy.to_string());
        let values: Vec<String> = prm.values.iter().map(|(d, v)| format!("{d}: {v}")).collect();
        f.insert("values".into(), values.join("; "));
        put("parameter", &prm.id, f);
    }
    for ind in &c.indicators {
        let mut f = with_prov(labels(&ind.label), &ind.prov);
        f.insert("type".into(), format!("{:?}", ind.kind).to_lowercase());
        f.insert("unit".into(), ind.unit.clone().unwrap_or_default());
        f.insert("values".into(), ind.values.join(", "));
        f.insert("protected".into(), ind.protected.to_string());
        f.insert("present_when".into(), cond(Key::PresentWhen(ind.id.clone())));
        if let Some(item) = ind.item.map(|i| &c.items[i as usize]) {
            f.insert("dimension".into(), c.dimensions[item.dimension as usize].id.clone());
            let grades: Vec<String> = item
                .grades
                .iter()
                .enumerate()
                .filter_map(|(k, g)| g.map(|g| format!("{}: {}", c.profiles[k].id, g.as_str())))
                .collect();
            f.insert("grades".into(), grades.join(", "));
        }
        put("indicator", &ind.id, f);
    }
    for fact in &c.facts {
        let mut f = with_prov(labels(&fact.label), &fact.prov);
        f.insert("when".into(), cond(Key::Fact(fact.id.clone())));
        put("fact", &fact.id, f);
    }
    for prof in &c.profiles {
        let mut f = labels(&prof.label);
        f.insert("when".into(), cond(Key::Profile(prof.id.clone())));
        put("profile", &prof.id, f);
    }
    for t in &c.scoring.terms {
        let mut f = with_prov(labels(&t.label), &t.prov);
        f.insert("when".into(), cond(Key::Term(t.id.clone())));
        f.insert("points".into(), crate::value::decimal_text(t.then));
        put("score term", &t.id, f);
    }
    for o in &c.overrides {
        let mut f = with_prov(labels(&o.label), &o.prov);
        f.insert("when".into(), cond(Key::Override(o.id.clone())));
        f.insert("floor".into(), o.then.as_str().into());
        put("override", &o.id, f);
    }
    for (k, r) in c.classification.iter().enumerate() {
        let mut f = with_prov(labels(&r.label), &r.prov);
        f.insert("when".into(), cond(Key::Classification(r.id.clone())));
        f.insert("result".into(), r.then.as_str().into());
        f.insert("order".into(), (k + 1).to_string());
        put("classification", &r.id, f);
    }
    for o in &c.obligations {
        for def in o.defs() {
            let id = match &def.exception {
                Some(e) => format!("{}/{e}", o.id),
                None => o.id.clone(),
            };
            let mut f = obligation(c, def);
            f.insert("when".into(), cond(Key::Obligation(o.id.clone(), def.exception.clone())));
            put("obligation", &id, f);
        }
    }
    let s = &c.scoring;
    let points: Vec<String> = s.grade_points.iter().map(|d| crate::value::decimal_text(*d)).collect();
    let levels: Vec<String> = s.thresholds.iter().map(|d| crate::value::decimal_text(*d)).collect();
    let mut f = with_prov(Fields::new(), &s.prov);
    f.insert("grade_points".into(), points.join(", "));
    f.insert("dimension_cap".into(), s.dimension_cap.map(crate::value::decimal_text).unwrap_or_default());
    f.insert("levels".into(), levels.join(", "));
    put("scoring", "scoring", f);
    let mut f = with_prov(Fields::new(), &c.combination.prov);
    f.insert("dimension_positive".into(), cond(Key::Combination));
    put("combination", "combination", f);
    let mut f = with_prov(Fields::new(), &c.age.prov);
    f.insert("majority".into(), c.age.majority.to_string());
    f.insert("presume_minor_when_uncertain".into(), c.age.presume_minor.to_string());
    put("age", "age", f);
    for r in &c.roles {
        let mut f = labels(&r.label);
        f.insert("routed".into(), r.routed.to_string());
        f.insert("shares".into(), r.shares.join(", "));
        put("role", &r.id, f);
    }
    for cal in &c.calendars {
        let mut f = with_prov(Fields::new(), &cal.prov);
        f.insert("covers".into(), format!("{} – {}", cal.from, cal.to));
        for year in cal.from.year()..=cal.to.year() {
            let days: Vec<String> = cal.holidays.iter().filter(|d| d.year() == year).map(|d| d.to_string()).collect();
            f.insert(format!("holidays {year}"), days.join(", "));
        }
        put("calendar", &cal.entity, f);
    }
    for m in p.routing_table() {
        let mut f = fields(&[
            ("entity", m.entity.clone()),
            ("area", m.area.clone()),
            ("status", m.status.as_str().into()),
            ("note", m.note.clone()),
        ]);
        for (party, status) in m.institutions.iter().zip(&m.institution_statuses) {
            f.insert(party.role.to_string(), party.institution.as_deref().unwrap_or("").to_owned());
            f.insert(format!("{}_status", party.role), status.as_str().into());
        }
        put("municipality", &m.name, f);
    }
    inv
}

fn fields(pairs: &[(&str, String)]) -> Fields {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect()
}

fn labels(l: &Labels) -> Fields {
    l.iter().map(|(lang, text)| (format!("label.{lang}"), text.clone())).collect()
}

fn with_prov(mut f: Fields, p: &Provenance) -> Fields {
    f.insert("status".into(), p.status.as_str().into());
    f.insert("source".into(), p.source.join(", "));
    f.insert("citation".into(), p.citation.clone().unwrap_or_default());
    f
}

fn obligation(c: &Checked, d: &ObligationDef) -> Fields {
    let party = |p: Party| match p {
        Party::Reporter => "reporter".to_owned(),
        Party::Role(i) => c.roles[i as usize].id.clone(),
    };
    let mut f = with_prov(labels(&d.label), &d.prov);
    f.insert("actor".into(), party(d.actor));
    f.insert("recipient".into(), party(d.recipient));
    f.insert(
        "anchor".into(),
        match d.anchor {
            Anchor::ReportedAt => "reported_at".into(),
            Anchor::Event(k) => c.event_kinds[k as usize].id.clone(),
        },
    );
    f.insert(
        "due".into(),
        match &d.due {
            DueRef::Fixed(due) => due.to_string(),
            DueRef::Param(i) => format!("param.{}", c.params[*i as usize].id),
        },
    );
    f.insert("met_by".into(), c.event_kinds[d.met_by as usize].id.clone());
    f.insert("priority".into(), d.priority.to_string());
    f.insert("consent".into(), d.consent.map(|k| c.consent_scopes[k as usize].id.clone()).unwrap_or_default());
    f
}
