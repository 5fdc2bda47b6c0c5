//! The rules page: the classification table with its hit policy, the policy floors, the
//! score, the dimension rule, the age gate, the profiles and the derived facts, each
//! with its condition in words and as written, and its provenance.

use super::super::html::{capitalized, esc, Page};
use super::super::phrases::W;
use super::super::site::{anchor, Target};
use super::super::words::condition;
use super::super::written::Key;
use super::super::Ctx;
use super::tier_name;
use crate::model::Level;
use crate::value::decimal_text;
use std::fmt::Write;

pub(crate) fn page(ctx: &Ctx<'_>) -> (String, String) {
    let mut page = Page::new(ctx, Target::Rules);
    page.push(&format!("<p>{}</p>\n", esc(ctx.t(W::RulesIntro))));
    let html = [
        classification(&page),
        overrides(&page),
        score(&page),
        dimensions(&page),
        age(&page),
        profiles(&page),
        facts(&page),
    ]
    .concat();
    page.push(&html);
    page.finish(ctx.t(W::NavRules))
}

/// An entry: its anchor, heading, extra lines, condition and provenance.
fn entry(
    page: &Page<'_, '_>,
    anchor_id: &str,
    heading: &str,
    extra: &str,
    when: &crate::expr::Expr,
    key: Key,
    prov: Option<&crate::model::Provenance>,
) -> String {
    let mut out = format!("<section class=\"entry\" id=\"{anchor_id}\">\n<h3>{heading}</h3>\n{extra}");
    out.push_str(&condition(page, when, page.ctx.shared.written.condition(&key), None));
    if let Some(p) = prov {
        out.push_str(&page.provenance(p));
    }
    out.push_str("</section>\n");
    out
}

fn heading(page: &Page<'_, '_>, labels: &crate::model::Labels, id: &str) -> String {
    format!("{} <code>{}</code>", page.label(labels, id), esc(id))
}

fn classification(page: &Page<'_, '_>) -> String {
    let c = &page.ctx.shared.protocol.inner;
    let first = page.ctx.shared.written.classification_first;
    let mut out = format!(
        "<section id=\"classification\">\n<h2>{}</h2>\n<p>{}</p>\n",
        esc(&capitalized(page.t(W::ClassificationWord))),
        esc(page.t(if first { W::HitPolicyFirst } else { W::HitPolicyUnique }))
    );
    for r in &c.classification {
        let result = format!(
            "<p>{}: {}</p>\n",
            esc(page.t(W::Result)),
            page.link(&Target::FlowTier(r.then), &format!("<strong>{}</strong>", esc(&tier_name(page, r.then))))
        );
        out.push_str(&entry(
            page,
            &anchor("class", &r.id),
            &heading(page, &r.label, &r.id),
            &result,
            &r.when,
            Key::Classification(r.id.clone()),
            Some(&r.prov),
        ));
    }
    let none = tier_name(page, crate::model::Classification::InsufficientIndicators);
    let _ = writeln!(
        out,
        "<p>{}</p>\n</section>",
        W::NoneHolds.fill(page.lang(), &[&format!("<strong>{}</strong>", esc(&none))])
    );
    out
}

fn level_name(page: &Page<'_, '_>, level: Level) -> String {
    crate::explain::phrases(page.lang()).level[level as usize].clone()
}

fn overrides(page: &Page<'_, '_>) -> String {
    let c = &page.ctx.shared.protocol.inner;
    let mut out = format!(
        "<section id=\"overrides\">\n<h2>{}</h2>\n<p>{}</p>\n",
        esc(page.t(W::Overrides)),
        esc(page.t(W::OverridesNote))
    );
    for o in &c.overrides {
        let floor = format!(
            "<p><strong>{}</strong></p>\n",
            esc(&W::FloorAtLeast.fill(page.lang(), &[&level_name(page, o.then)]))
        );
        out.push_str(&entry(
            page,
            &anchor("override", &o.id),
            &heading(page, &o.label, &o.id),
            &floor,
            &o.when,
            Key::Override(o.id.clone()),
            Some(&o.prov),
        ));
    }
    out.push_str("</section>\n");
    out
}

fn score(page: &Page<'_, '_>) -> String {
    let s = &page.ctx.shared.protocol.inner.scoring;
    let cap = s.dimension_cap.map_or_else(|| page.t(W::NoCap).to_owned(), decimal_text);
    let mut out = format!(
        "<section id=\"score\">\n<h2>{}</h2>\n<p>{}</p>\n",
        esc(page.t(W::Score)),
        esc(&W::ScoreNote.fill(page.lang(), &[&cap]))
    );
    let grades =
        [(W::GradeStrong, s.grade_points[0]), (W::GradeMedium, s.grade_points[1]), (W::GradeWeak, s.grade_points[2])];
    let _ = write!(out, "<h3>{}</h3>\n<table class=\"narrow\"><tbody>", esc(page.t(W::GradePoints)));
    for (w, points) in grades {
        let _ = write!(
            out,
            "<tr><th scope=\"row\">{}</th><td class=\"num\">{}</td></tr>",
            esc(page.t(w)),
            decimal_text(points)
        );
    }
    let _ = write!(out, "</tbody></table>\n<h3>{}</h3>\n<table class=\"narrow\"><tbody>", esc(page.t(W::LevelsFrom)));
    for (i, least) in s.thresholds.iter().enumerate() {
        let _ = write!(
            out,
            "<tr><th scope=\"row\">{}</th><td class=\"num\">{}</td></tr>",
            esc(&level_name(page, Level::ALL[i + 1])),
            decimal_text(*least)
        );
    }
    out.push_str("</tbody></table>\n");
    out.push_str(&page.provenance(&s.prov));
    let _ = writeln!(out, "<h3 id=\"terms\">{}</h3>", esc(page.t(W::ScoreTerms)));
    for t in &s.terms {
        let points = format!(
            "<p><strong>{}</strong></p>\n",
            esc(&W::Points.fill(page.lang(), &[&format!("{:+}", crate::value::canonical(t.then))]))
        );
        out.push_str(&entry(
            page,
            &anchor("term", &t.id),
            &heading(page, &t.label, &t.id),
            &points,
            &t.when,
            Key::Term(t.id.clone()),
            Some(&t.prov),
        ));
    }
    out.push_str("</section>\n");
    out
}

fn dimensions(page: &Page<'_, '_>) -> String {
    let c = &page.ctx.shared.protocol.inner;
    let mut out = format!("<section id=\"dimensions\">\n<h2>{}</h2>\n<ul>", esc(page.t(W::Dimensions)));
    for d in &c.dimensions {
        let _ = write!(
            out,
            "<li id=\"{}\">{} <code>{}</code> — {}</li>",
            anchor("dimension", &d.id),
            page.label(&d.label, &d.id),
            esc(&d.id),
            page.link(&Target::Indicators, &esc(page.t(W::NavIndicators)))
        );
    }
    out.push_str("</ul>\n");
    let note = format!("<p>{}</p>\n", esc(page.t(W::DimensionRuleNote)));
    out.push_str(&entry(
        page,
        "combination",
        &esc(page.t(W::DimensionRule)),
        &note,
        &c.combination.when,
        Key::Combination,
        Some(&c.combination.prov),
    ));
    out.push_str("</section>\n");
    out
}

fn age(page: &Page<'_, '_>) -> String {
    let a = &page.ctx.shared.protocol.inner.age;
    let mut out = format!(
        "<section id=\"age\">\n<h2>{}</h2>\n<p>{}</p>\n<p>{}</p>\n",
        esc(page.t(W::AgeGate)),
        esc(&W::AgeMajority.fill(page.lang(), &[&a.majority.to_string()])),
        esc(page.t(if a.presume_minor { W::AgePresume } else { W::AgeNoPresume }))
    );
    out.push_str(&page.provenance(&a.prov));
    out.push_str("</section>\n");
    out
}

fn profiles(page: &Page<'_, '_>) -> String {
    let c = &page.ctx.shared.protocol.inner;
    let mut out = format!(
        "<section id=\"profiles\">\n<h2>{}</h2>\n<p>{}</p>\n",
        esc(page.t(W::Profiles)),
        esc(page.t(W::ProfilesNote))
    );
    for p in &c.profiles {
        out.push_str(&entry(
            page,
            &anchor("profile", &p.id),
            &heading(page, &p.label, &p.id),
            "",
            &p.when,
            Key::Profile(p.id.clone()),
            None,
        ));
    }
    out.push_str("</section>\n");
    out
}

fn facts(page: &Page<'_, '_>) -> String {
    let c = &page.ctx.shared.protocol.inner;
    let mut out = format!("<section id=\"facts\">\n<h2>{}</h2>\n", esc(page.t(W::Facts)));
    for &i in &c.fact_order {
        let f = &c.facts[i as usize];
        out.push_str(&entry(
            page,
            &anchor("fact", &f.id),
            &heading(page, &f.label, &f.id),
            "",
            &f.when,
            Key::Fact(f.id.clone()),
            Some(&f.prov),
        ));
    }
    out.push_str("</section>\n");
    out
}
