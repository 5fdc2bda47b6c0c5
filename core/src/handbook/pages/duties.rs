//! The duties: an index, and a page per obligation with its base rule, its exceptions,
//! the classifications it arises with and what arises when it is late.

use super::super::html::{esc, Page};
use super::super::phrases::W;
use super::super::site::Target;
use super::super::words::condition;
use super::super::written::Key;
use super::super::Ctx;
use super::{anchor_html, due_html, party_html};
use crate::expr::Leaf;
use crate::protocol::{Obligation, ObligationDef};
use std::fmt::Write;

/// The index of duties and a page for each.
pub(crate) fn pages(ctx: &Ctx<'_>) -> Vec<(String, String)> {
    let c = &ctx.shared.protocol.inner;
    let mut index = Page::new(ctx, Target::Duties);
    index.push(&format!("<p>{}</p>\n<ul class=\"entries\">\n", esc(ctx.t(W::DutiesIntro))));
    for o in &c.obligations {
        let b = &o.base;
        let line = format!(
            "<li>{} {} <br><span class=\"note\">{} → {} · {}</span></li>\n",
            index.link(&Target::Duty(&o.id), &index.label(&b.label, &o.id)),
            index.badge(b.prov.status),
            party_html(&index, b.actor),
            party_html(&index, b.recipient),
            esc(&super::super::phrases::fill(ctx.t(W::PriorityN), &[&b.priority.to_string()]))
        );
        index.push(&line);
    }
    index.push("</ul>\n");
    let mut files = vec![index.finish(ctx.t(W::NavDuties))];
    for (i, o) in c.obligations.iter().enumerate() {
        files.push(duty(ctx, i, o));
    }
    files
}

fn duty(ctx: &Ctx<'_>, i: usize, o: &Obligation) -> (String, String) {
    let c = &ctx.shared.protocol.inner;
    let mut page = Page::new(ctx, Target::Duty(&o.id));
    let title = super::super::html::label_text(ctx.lang, &o.base.label, &o.id);
    page.push(&format!("<p class=\"id\"><code>{}</code></p>\n", esc(&o.id)));
    let body = definition(&page, o, &o.base);
    page.push(&body);
    page.push(&format!("<h2>{}</h2>\n", esc(ctx.t(W::ArisesIn))));
    let arises = super::flow::arises_in(&page, i);
    page.push(&arises);
    let later: Vec<&Obligation> =
        c.obligations.iter().filter(|x| x.defs().any(|d| d.when.leaves().contains(&Leaf::Overdue(i as u32)))).collect();
    if !later.is_empty() {
        let items: Vec<String> = later
            .iter()
            .map(|x| format!("<li>{}</li>", page.link(&Target::Duty(&x.id), &page.label(&x.base.label, &x.id))))
            .collect();
        page.push(&format!("<h2>{}</h2>\n<ul>{}</ul>\n", esc(ctx.t(W::EscalatesWhenLate)), items.join("")));
    }
    if !o.exceptions.is_empty() {
        let ordered = ctx.shared.written.ordered_exceptions.contains(&o.id);
        page.push(&format!("<h2>{}</h2>\n", esc(ctx.t(W::Exceptions))));
        if o.exceptions.len() > 1 {
            let policy = ctx.t(if ordered { W::ExceptionOrder } else { W::ExceptionUnique });
            page.push(&format!("<p>{}</p>\n", esc(policy)));
        }
        for ex in &o.exceptions {
            let name = ex.exception.as_deref().unwrap_or("");
            let section = format!(
                "<section class=\"exception\" id=\"x-{}\">\n<h3>{} <code>{}</code></h3>\n{}</section>\n",
                super::super::site::slug(name),
                page.label(&ex.label, &o.id),
                esc(name),
                definition(&page, o, ex)
            );
            page.push(&section);
        }
    }
    let heading = page.label(&o.base.label, &o.id);
    page.finish_with(&title, &heading)
}

/// One definition of an obligation: who, towards whom, when the clock starts, the
/// deadline, priority, what meets it, consent, the condition and the provenance.
fn definition(page: &Page<'_, '_>, o: &Obligation, def: &ObligationDef) -> String {
    let c = &page.ctx.shared.protocol.inner;
    let met = &c.event_kinds[def.met_by as usize];
    let mut rows = vec![
        (W::WhoActs, party_html(page, def.actor)),
        (W::TowardsWhom, party_html(page, def.recipient)),
        (W::ClockStarts, anchor_html(page, def.anchor)),
        (W::Due, due_html(page, &def.due)),
        (
            W::Priority,
            format!(
                "{} <span class=\"note\">({})</span>",
                esc(&super::super::phrases::fill(page.t(W::PriorityN), &[&def.priority.to_string()])),
                esc(page.t(W::PriorityNote))
            ),
        ),
        (W::MetBy, format!("{} <code>{}</code>", page.label(&met.label, &met.id), esc(&met.id))),
    ];
    if let Some(k) = def.consent {
        let scope = &c.consent_scopes[k as usize];
        rows.push((
            W::NeedsConsent,
            format!(
                "{} <span class=\"note\">({})</span>",
                page.label(&scope.label, &scope.id),
                esc(page.t(W::ConsentNote))
            ),
        ));
    }
    let mut out = page.facts(&rows);
    let key = Key::Obligation(o.id.clone(), def.exception.clone());
    let (heading, level) = if def.exception.is_some() { (W::ExceptionWhen, 4) } else { (W::Condition, 2) };
    let _ = write!(out, "<h{level}>{}</h{level}>", esc(page.t(heading)));
    out.push_str(&condition(page, &def.when, page.ctx.shared.written.condition(&key), None));
    out.push_str(&page.provenance(&def.prov));
    out
}
