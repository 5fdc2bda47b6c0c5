//! The referral flow: per classification a diagram of who acts towards whom, with the
//! same content as a list beside it; the escalations; the roles and what each may
//! receive.

use super::super::flow::{Arising, Tier};
use super::super::html::{capitalized, esc, Page};
use super::super::phrases::W;
use super::super::site::Target;
use super::super::svg::{self, Graph};
use super::super::words::condition;
use super::super::written::Key;
use super::super::Ctx;
use super::{anchor_html, due_html, due_plain, party_html, party_plain, tier_name};
use crate::expr::Leaf;
use crate::protocol::{ObligationDef, Party};
use crate::value::Tri;
use std::fmt::Write;

/// The flow page and one SVG file per classification.
pub(crate) fn pages(ctx: &Ctx<'_>) -> Vec<(String, String)> {
    let mut files = Vec::new();
    let mut page = Page::new(ctx, Target::Flow);
    page.push(&format!("<p>{}</p>\n", esc(ctx.t(W::FlowIntro))));
    for (class, tier) in &ctx.shared.flow {
        let name = tier_name(&page, *class);
        let _ = writeln!(page.body, "<section id=\"tier-{}\">\n<h2>{}</h2>", class.as_str(), esc(&capitalized(&name)));
        let levels = &crate::explain::phrases(ctx.lang).level;
        let (lo, hi) = tier.levels;
        let range = if lo == hi {
            levels[lo as usize].clone()
        } else {
            format!("{} – {}", levels[lo as usize], levels[hi as usize])
        };
        let _ = writeln!(page.body, "<p>{}: {}</p>", esc(ctx.t(W::LevelsPossible)), esc(&range));
        if tier.duties.is_empty() {
            let _ = writeln!(page.body, "<p>{}</p>", esc(ctx.t(W::NoDuty)));
        } else {
            let title = W::DiagramOf.fill(ctx.lang, &[&name]);
            let desc = W::DiagramDesc.fill(ctx.lang, &[&name]);
            let list_id = format!("list-{}", class.as_str());
            match svg::render(&graph(&page, tier), &format!("flow-{}", class.as_str()), &title, &desc) {
                Some(drawing) => {
                    let svg_file = Target::FlowSvg(*class);
                    let _ = writeln!(
                        page.body,
                        "<figure class=\"diagram\" aria-describedby=\"{list_id}\">\n{drawing}<figcaption>{}{}</figcaption>\n</figure>",
                        page.link(&svg_file, &esc(ctx.t(W::OpenDiagram))),
                        if tier.duties.iter().any(|d| d.escalation) {
                            format!(" — {}", esc(ctx.t(W::EscalationNote)))
                        } else {
                            String::new()
                        }
                    );
                    files.push((
                        svg_file.file(ctx.lang),
                        format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{drawing}"),
                    ));
                }
                None => {
                    let _ = writeln!(page.body, "<p class=\"note\">{}</p>", esc(ctx.t(W::DiagramFailed)));
                }
            }
            let _ = writeln!(page.body, "<ol class=\"duty-list\" id=\"{list_id}\">");
            for d in by_priority(&page, tier) {
                page.body.push_str(&duty_item(&page, d));
            }
            page.body.push_str("</ol>\n");
        }
        page.body.push_str("</section>\n");
    }
    escalations(&mut page);
    roles(&mut page);
    let title = ctx.t(W::NavFlow).to_owned();
    files.insert(0, page.finish(&title));
    files
}

/// The definition an arising duty is.
fn definition<'c>(page: &Page<'c, '_>, d: &Arising) -> (&'c crate::protocol::Obligation, &'c ObligationDef) {
    let o = &page.ctx.shared.protocol.inner.obligations[d.obligation];
    let def = d.exception.map_or(&o.base, |k| &o.exceptions[k]);
    (o, def)
}

/// The duties of a tier, the most urgent first (the pack's order within a priority).
fn by_priority<'t>(page: &Page<'_, '_>, tier: &'t Tier) -> Vec<&'t Arising> {
    let mut duties: Vec<&Arising> = tier.duties.iter().collect();
    duties.sort_by_key(|d| definition(page, d).1.priority);
    duties
}

/// The diagram of a tier: one box per party, one arrow per duty.
fn graph(page: &Page<'_, '_>, tier: &Tier) -> Graph {
    let mut parties: Vec<Party> = Vec::new();
    let mut node = |p: Party| match parties.iter().position(|x| *x == p) {
        Some(i) => i,
        None => {
            parties.push(p);
            parties.len() - 1
        }
    };
    let mut edges = Vec::new();
    for d in by_priority(page, tier) {
        let (o, def) = definition(page, d);
        let (from, to) = (node(def.actor), node(def.recipient));
        let label = super::super::html::label_text(page.lang(), &def.label, &o.id);
        let text = format!("P{} · {label} · {}", def.priority, due_plain(page, &def.due));
        edges.push(svg::Edge { from, to, labels: vec![text], dashed: d.escalation });
    }
    Graph { nodes: parties.iter().map(|p| party_plain(page, *p)).collect(), edges: svg::merged(edges) }
}

/// One duty of a tier in words: priority, what, who towards whom, by when, and when it
/// arises.
fn duty_item(page: &Page<'_, '_>, d: &Arising) -> String {
    let (o, def) = definition(page, d);
    let mut li = format!(
        "<li><span class=\"prio\">{}</span> {}",
        esc(&super::super::phrases::fill(page.t(W::PriorityN), &[&def.priority.to_string()])),
        page.link(&Target::Duty(&o.id), &page.label(&def.label, &o.id))
    );
    if let Some(ex) = &def.exception {
        let _ = write!(li, " <span class=\"note\">({}: <code>{}</code>)</span>", esc(page.t(W::Exceptions)), esc(ex));
    }
    let _ = write!(
        li,
        " {}<br>{} → {}; {}: {}; {}: {}",
        page.badge(def.prov.status),
        party_html(page, def.actor),
        party_html(page, def.recipient),
        esc(page.t(W::Due)),
        due_html(page, &def.due),
        esc(page.t(W::ClockStarts)),
        anchor_html(page, def.anchor)
    );
    if d.when == Tri::True {
        let _ = write!(li, "<br><span class=\"when\">{}</span>", esc(page.t(W::ArisesAlways)));
    } else {
        let _ = write!(li, "<div class=\"when\">{}:</div>", esc(page.t(W::When)));
        li.push_str(&condition(page, &o.base.when, written(page, &o.id, None), None));
        if d.exception.is_some() {
            let _ = write!(li, "<div class=\"when\">{}</div>", esc(page.t(W::ExceptionWhen)));
            li.push_str(&condition(page, &def.when, written(page, &o.id, def.exception.as_deref()), None));
        }
    }
    li.push_str("</li>\n");
    li
}

/// An obligation's condition (its base, or an exception) as the pack writes it.
fn written<'p>(page: &'p Page<'_, '_>, id: &str, exception: Option<&str>) -> Option<&'p str> {
    page.ctx.shared.written.condition(&Key::Obligation(id.to_owned(), exception.map(str::to_owned)))
}

/// Duties that arise when another is late.
fn escalations(page: &mut Page<'_, '_>) {
    let c = &page.ctx.shared.protocol.inner;
    let mut html = format!("<section id=\"escalations\">\n<h2>{}</h2>\n", esc(page.t(W::Escalations)));
    let reads_overdue = |def: &ObligationDef| def.when.leaves().iter().any(|l| matches!(l, Leaf::Overdue(_)));
    let escalating: Vec<_> = c.obligations.iter().filter(|o| o.defs().any(reads_overdue)).collect();
    if escalating.is_empty() {
        let _ = writeln!(html, "<p>{}</p>", esc(page.t(W::NoEscalations)));
    }
    for o in escalating {
        let _ = writeln!(
            html,
            "<h3>{}</h3>\n<p>{} → {}; {}: {}</p>",
            page.link(&Target::Duty(&o.id), &page.label(&o.base.label, &o.id)),
            party_html(page, o.base.actor),
            party_html(page, o.base.recipient),
            esc(page.t(W::Due)),
            due_html(page, &o.base.due)
        );
        html.push_str(&condition(page, &o.base.when, written(page, &o.id, None), None));
    }
    html.push_str("</section>\n");
    page.push(&html);
}

/// Every role, whether the routing table names its institution, and what it may receive.
fn roles(page: &mut Page<'_, '_>) {
    let c = &page.ctx.shared.protocol.inner;
    let mut html = format!("<section id=\"roles\">\n<h2>{}</h2>\n<dl class=\"roles\">\n", esc(page.t(W::Roles)));
    for r in &c.roles {
        let _ = write!(
            html,
            "<dt id=\"role-{}\">{} <code>{}</code></dt><dd>",
            r.id,
            page.label(&r.label, &r.id),
            esc(&r.id)
        );
        let mut parts = Vec::new();
        if r.routed {
            parts.push(page.link(&Target::Municipalities, &esc(page.t(W::Routed))));
        }
        if !r.shares.is_empty() {
            let shares: Vec<String> = r.shares.iter().map(|s| format!("<code>{}</code>", esc(s))).collect();
            parts.push(format!("{}: {}", esc(page.t(W::MayReceive)), shares.join(", ")));
        }
        html.push_str(&parts.join("; "));
        html.push_str("</dd>\n");
    }
    html.push_str("</dl>\n</section>\n");
    page.push(&html);
}

/// Which classifications a duty can arise with, for its own page.
pub(crate) fn arises_in(page: &Page<'_, '_>, obligation: usize) -> String {
    let mut items = Vec::new();
    for (class, tier) in &page.ctx.shared.flow {
        if let Some(d) = tier.duties.iter().find(|d| d.obligation == obligation && d.exception.is_none()) {
            let how = if d.when == Tri::True { page.t(W::ArisesAlways) } else { page.t(W::When) };
            items.push(format!(
                "<li>{} — {}</li>",
                page.link(&Target::FlowTier(*class), &esc(&tier_name(page, *class))),
                esc(how)
            ));
        }
    }
    format!("<ul>{}</ul>", items.join(""))
}
