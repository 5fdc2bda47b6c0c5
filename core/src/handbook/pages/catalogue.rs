//! The catalogue pages: indicators by dimension, parameters with their dated values, and
//! the sources with what cites each.

use super::super::html::{esc, Page};
use super::super::phrases::W;
use super::super::site::{anchor, Target};
use super::super::words::condition;
use super::super::written::Key;
use super::super::Ctx;
use super::overview::meaning;
use crate::expr::{Expr, Leaf};
use crate::model::{Grade, Provenance, SourceStatus};
use crate::protocol::{DueRef, IndicatorKind, ParamValue};
use crate::ParameterKind;
use std::fmt::Write;

/// Everything in the pack that has a condition or a provenance, with where it is shown.
struct Item<'c> {
    target: Target<'c>,
    name: String,
    when: Vec<&'c Expr>,
    prov: Option<&'c Provenance>,
}

fn items<'c>(page: &Page<'c, '_>) -> Vec<Item<'c>> {
    let c = &page.ctx.shared.protocol.inner;
    let mut out = Vec::new();
    let named = |labels, id: &str| format!("{} <code>{}</code>", page.label(labels, id), esc(id));
    for i in &c.indicators {
        out.push(Item {
            target: Target::Indicator(&i.id),
            name: named(&i.label, &i.id),
            when: i.present_when.iter().collect(),
            prov: Some(&i.prov),
        });
    }
    for p in &c.params {
        out.push(Item {
            target: Target::Parameter(&p.id),
            name: named(&p.label, &p.id),
            when: Vec::new(),
            prov: Some(&p.prov),
        });
    }
    for f in &c.facts {
        out.push(Item {
            target: Target::Rule(anchor("fact", &f.id)),
            name: named(&f.label, &f.id),
            when: vec![&f.when],
            prov: Some(&f.prov),
        });
    }
    for t in &c.scoring.terms {
        out.push(Item {
            target: Target::Rule(anchor("term", &t.id)),
            name: named(&t.label, &t.id),
            when: vec![&t.when],
            prov: Some(&t.prov),
        });
    }
    for o in &c.overrides {
        out.push(Item {
            target: Target::Rule(anchor("override", &o.id)),
            name: named(&o.label, &o.id),
            when: vec![&o.when],
            prov: Some(&o.prov),
        });
    }
    for r in &c.classification {
        out.push(Item {
            target: Target::Rule(anchor("class", &r.id)),
            name: named(&r.label, &r.id),
            when: vec![&r.when],
            prov: Some(&r.prov),
        });
    }
    for p in &c.profiles {
        out.push(Item {
            target: Target::Rule(anchor("profile", &p.id)),
            name: named(&p.label, &p.id),
            when: vec![&p.when],
            prov: None,
        });
    }
    for o in &c.obligations {
        for d in o.defs() {
            out.push(Item {
                target: Target::Duty(&o.id),
                name: named(&d.label, &o.id),
                when: vec![&d.when],
                prov: Some(&d.prov),
            });
        }
    }
    let plain = |w: W| esc(page.t(w));
    out.push(Item {
        target: Target::Rule("combination".into()),
        name: plain(W::DimensionRule),
        when: vec![&c.combination.when],
        prov: Some(&c.combination.prov),
    });
    out.push(Item {
        target: Target::Rule("age".into()),
        name: plain(W::AgeGate),
        when: Vec::new(),
        prov: Some(&c.age.prov),
    });
    out.push(Item {
        target: Target::Rule("score".into()),
        name: plain(W::Score),
        when: Vec::new(),
        prov: Some(&c.scoring.prov),
    });
    for cal in &c.calendars {
        out.push(Item {
            target: Target::Calendar(&cal.entity),
            name: W::CalendarOf.fill(page.lang(), &[&esc(&cal.entity)]),
            when: Vec::new(),
            prov: Some(&cal.prov),
        });
    }
    out
}

/// Links to the items whose condition reads what `reads` accepts, each once.
fn used_in(page: &Page<'_, '_>, items: &[Item<'_>], reads: impl Fn(&Leaf) -> bool) -> Vec<String> {
    let mut links: Vec<String> = Vec::new();
    for item in items {
        if item.when.iter().any(|e| e.leaves().iter().any(&reads)) {
            let link = page.link(&item.target, &item.name);
            if !links.contains(&link) {
                links.push(link);
            }
        }
    }
    links
}

/// Links to the duties whose deadline is parameter `me`, each once (a deadline is not a
/// condition, so [`used_in`] does not see it).
fn deadline_of(page: &Page<'_, '_>, me: u32) -> Vec<String> {
    let c = &page.ctx.shared.protocol.inner;
    let mut links: Vec<String> = Vec::new();
    for o in &c.obligations {
        for d in o.defs().filter(|d| d.due == DueRef::Param(me)) {
            let name = format!("{} <code>{}</code>", page.label(&d.label, &o.id), esc(&o.id));
            let link = page.link(&Target::Duty(&o.id), &name);
            if !links.contains(&link) {
                links.push(link);
            }
        }
    }
    links
}

/// Links as a list, or "no rule reads it".
fn use_list(page: &Page<'_, '_>, links: &[String]) -> String {
    if links.is_empty() {
        return esc(page.t(W::NotUsed));
    }
    format!("<ul class=\"uses\">{}</ul>", links.iter().map(|l| format!("<li>{l}</li>")).collect::<String>())
}

fn grade_word(g: Grade) -> W {
    match g {
        Grade::Strong => W::GradeStrong,
        Grade::Medium => W::GradeMedium,
        Grade::Weak => W::GradeWeak,
    }
}

pub(crate) fn indicators(ctx: &Ctx<'_>) -> (String, String) {
    let c = &ctx.shared.protocol.inner;
    let mut page = Page::new(ctx, Target::Indicators);
    let all = items(&page);
    page.push(&format!("<p>{}</p>\n", esc(ctx.t(W::IndicatorsIntro))));
    let dimension_of = |i: usize| c.indicators[i].item.map(|it| c.items[it as usize].dimension as usize);
    let mut html = String::new();
    for dim in c.dimensions.iter().enumerate().map(Some).chain([None]) {
        let members: Vec<usize> = (0..c.indicators.len()).filter(|&i| dimension_of(i) == dim.map(|(d, _)| d)).collect();
        match dim {
            Some((_, dim)) => {
                let _ = writeln!(
                    html,
                    "<h2 id=\"d-{}\">{} <code>{}</code></h2>",
                    super::super::site::slug(&dim.id),
                    page.label(&dim.label, &dim.id),
                    esc(&dim.id)
                );
            }
            None if !members.is_empty() => {
                let _ = writeln!(
                    html,
                    "<h2 id=\"signals\">{}</h2>\n<p>{}</p>",
                    esc(ctx.t(W::Signals)),
                    esc(ctx.t(W::SignalsNote))
                );
            }
            None => {}
        }
        for i in members {
            html.push_str(&indicator(&page, &all, i));
        }
    }
    page.push(&html);
    page.finish(ctx.t(W::NavIndicators))
}

fn indicator(page: &Page<'_, '_>, all: &[Item<'_>], i: usize) -> String {
    let c = &page.ctx.shared.protocol.inner;
    let ind = &c.indicators[i];
    let lang = page.lang();
    let mut rows = Vec::new();
    let kind = match ind.kind {
        IndicatorKind::Bool => esc(page.t(W::TypeBool)),
        IndicatorKind::Count => esc(page.t(W::TypeCount)),
        IndicatorKind::Enum => {
            let values: Vec<String> = ind.values.iter().map(|v| format!("<code>{}</code>", esc(v))).collect();
            W::TypeEnum.fill(lang, &[&values.join(", ")])
        }
    };
    rows.push((W::Type, kind));
    if let Some(unit) = &ind.unit {
        rows.push((W::Unit, esc(unit)));
    }
    if let Some(item) = ind.item.map(|it| &c.items[it as usize]) {
        let dim = &c.dimensions[item.dimension as usize];
        rows.push((
            W::Dimension,
            page.link(&Target::Rule(anchor("dimension", &dim.id)), &page.label(&dim.label, &dim.id)),
        ));
        let grades: Vec<String> = item
            .grades
            .iter()
            .enumerate()
            .filter_map(|(p, g)| {
                let profile = &c.profiles[p];
                g.map(|g| {
                    format!(
                        "{}: {}",
                        page.link(
                            &Target::Rule(anchor("profile", &profile.id)),
                            &page.label(&profile.label, &profile.id)
                        ),
                        esc(page.t(grade_word(g)))
                    )
                })
            })
            .collect();
        rows.push((W::Grades, grades.join("; ")));
        let others: Vec<String> = item
            .members
            .iter()
            .filter(|&&m| m as usize != i)
            .map(|&m| {
                let o = &c.indicators[m as usize];
                page.link(&Target::Indicator(&o.id), &page.label(&o.label, &o.id))
            })
            .collect();
        if !others.is_empty() {
            rows.push((W::CountsWith, others.join(", ")));
        }
    }
    let me = i as u32;
    let mut uses = used_in(page, all, |l| matches!(l, Leaf::Present(x) | Leaf::RawValue(x) if *x == me));
    if ind.item.is_some() {
        // A graded indicator is read by the dimension rule through its grade's count.
        uses.insert(0, page.link(&Target::Rule("combination".into()), &esc(page.t(W::DimensionRule))));
    }
    rows.push((W::UsedIn, use_list(page, &uses)));
    let mut out = format!(
        "<section class=\"entry\" id=\"i-{}\">\n<h3>{} <code>{}</code></h3>\n",
        ind.id,
        page.label(&ind.label, &ind.id),
        esc(&ind.id)
    );
    if ind.protected {
        let _ = writeln!(out, "<p class=\"protected\">{}</p>", esc(page.t(W::Protected)));
    }
    out.push_str(&page.facts(&rows));
    if let Some(when) = &ind.present_when {
        let _ = write!(out, "<h4>{}</h4>", esc(page.t(W::PresentWhen)));
        out.push_str(&condition(
            page,
            when,
            page.ctx.shared.written.condition(&Key::PresentWhen(ind.id.clone())),
            Some(me),
        ));
    }
    out.push_str(&page.provenance(&ind.prov));
    out.push_str("</section>\n");
    out
}

pub(crate) fn parameters(ctx: &Ctx<'_>) -> (String, String) {
    let c = &ctx.shared.protocol.inner;
    let local = ctx.shared.protocol.local_values();
    let mut page = Page::new(ctx, Target::Parameters);
    let all = items(&page);
    page.push(&format!("<p>{}</p>\n", esc(ctx.t(W::ParamsIntro))));
    let mut html = String::new();
    for (i, p) in c.params.iter().enumerate() {
        let name =
            if p.label.is_empty() { format!("<code>{}</code>", esc(&p.id)) } else { page.label(&p.label, &p.id) };
        let _ =
            writeln!(html, "<section class=\"entry\" id=\"p-{}\">\n<h2>{name} <code>{}</code></h2>", p.id, esc(&p.id));
        let kind = match p.kind {
            ParameterKind::Decimal => W::TypeDecimal,
            ParameterKind::Count => W::TypeCount,
            ParameterKind::Duration => W::TypeDuration,
            ParameterKind::Bool => W::TypeBool,
        };
        let value_text = |v: &ParamValue| match v {
            ParamValue::Duration(d) => {
                format!("<code>{}</code> ({})", esc(&v.to_string()), esc(&super::duration(&page, *d)))
            }
            _ => format!("<code>{}</code>", esc(&v.to_string())),
        };
        let values: Vec<String> = p
            .values
            .iter()
            .map(|(from, v)| {
                format!("<li>{} — {}</li>", esc(&W::FromDate.fill(ctx.lang, &[&from.to_string()])), value_text(v))
            })
            .collect();
        let mut rows = vec![(W::Type, esc(ctx.t(kind)))];
        if let Some(unit) = &p.unit {
            rows.push((W::Unit, esc(unit)));
        }
        rows.push((W::Value, format!("<ul class=\"values\">{}</ul>", values.concat())));
        let me = i as u32;
        let mut uses = used_in(&page, &all, |l| *l == Leaf::Param(me));
        uses.extend(deadline_of(&page, me).into_iter().filter(|link| !uses.contains(link)).collect::<Vec<_>>());
        rows.push((W::UsedIn, use_list(&page, &uses)));
        html.push_str(&page.facts(&rows));
        if p.local_policy {
            let default = p.values.last().map(|(_, v)| value_text(v)).unwrap_or_default();
            let _ = writeln!(
                html,
                "<p class=\"local-policy\">{} {}</p>",
                page.badge(SourceStatus::LocalPolicy),
                W::LocalPolicyNote.fill(ctx.lang, &[&default])
            );
        }
        if let Some((_, v)) = local.iter().find(|(n, _)| *n == p.id) {
            let _ = writeln!(html, "<p class=\"local\">{}</p>", W::SetHere.fill(ctx.lang, &[&value_text(v)]));
        }
        html.push_str(&page.provenance(&p.prov));
        html.push_str("</section>\n");
    }
    page.push(&html);
    page.finish(ctx.t(W::NavParameters))
}

pub(crate) fn sources(ctx: &Ctx<'_>) -> (String, String) {
    let c = &ctx.shared.protocol.inner;
    let mut page = Page::new(ctx, Target::Sources);
    let all = items(&page);
    page.push(&format!("<p>{}</p>\n", esc(ctx.t(W::SourcesIntro))));
    let mut legend = format!("<h2>{}</h2>\n<ul class=\"legend\">", esc(ctx.t(W::StatusLegend)));
    for s in [SourceStatus::Verified, SourceStatus::Secondary, SourceStatus::Unconfirmed, SourceStatus::LocalPolicy] {
        let _ = write!(legend, "<li>{}: {}</li>", page.badge(s), esc(ctx.t(meaning(super::super::status_word(s)))));
    }
    let _ = writeln!(
        legend,
        "<li><span class=\"badge st-historical\">{}</span>: {}</li></ul>",
        esc(ctx.t(W::StHistorical)),
        esc(ctx.t(W::StHistoricalMeans))
    );
    page.push(&legend);
    let mut html = format!("<h2>{}</h2>\n", esc(ctx.t(W::NavSources)));
    for s in &c.sources {
        let _ = write!(
            html,
            "<section class=\"entry source\" id=\"s-{}\">\n<h3><code>{}</code> {}</h3>\n<p>",
            s.id,
            esc(&s.id),
            esc(&s.title)
        );
        html.push_str(&page.badge(s.status));
        if ctx.shared.historical.contains(&s.id) {
            let _ = write!(html, " <span class=\"badge st-historical\">{}</span>", esc(ctx.t(W::StHistorical)));
        }
        html.push_str("</p>\n");
        if let Some(url) = &s.url {
            let _ = writeln!(html, "<p class=\"url\"><a href=\"{}\" rel=\"external\">{}</a></p>", esc(url), esc(url));
        }
        let citing: Vec<String> = all
            .iter()
            .filter(|item| item.prov.is_some_and(|p| p.source.contains(&s.id)))
            .map(|item| page.link(&item.target, &item.name))
            .fold(Vec::new(), |mut acc, l| {
                if !acc.contains(&l) {
                    acc.push(l);
                }
                acc
            });
        if !citing.is_empty() {
            let _ = write!(
                html,
                "<details><summary>{} ({})</summary><ul class=\"uses\">",
                esc(ctx.t(W::CitedBy)),
                citing.len()
            );
            for l in citing {
                let _ = write!(html, "<li>{l}</li>");
            }
            html.push_str("</ul></details>\n");
        }
        html.push_str("</section>\n");
    }
    page.push(&html);
    page.finish(ctx.t(W::NavSources))
}
