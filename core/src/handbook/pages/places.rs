//! The routing table as an index and a page per municipality, and the holiday calendars
//! of each entity for the years they cover.

use super::super::html::{esc, Page};
use super::super::phrases::{self, W};
use super::super::site::Target;
use super::super::Ctx;
use crate::protocol::MunicipalityInfo;
use std::fmt::Write;

/// The index of municipalities and a page for each.
pub(crate) fn municipalities(ctx: &Ctx<'_>) -> Vec<(String, String)> {
    let table = ctx.shared.protocol.routing_table();
    let slugs = &ctx.shared.slugs;
    let mut index = Page::new(ctx, Target::Municipalities);
    let mut html = format!(
        "<p>{} (<kbd>Ctrl+F</kbd>).</p>\n<table class=\"places\"><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>\n",
        esc(ctx.t(W::MunicipalitiesIntro)),
        esc(ctx.t(W::Municipality)),
        esc(ctx.t(W::Entity)),
        esc(ctx.t(W::Area))
    );
    for (m, slug) in table.iter().zip(slugs) {
        // The institutions' names are on the index too, so that a worker finds their own
        // centre or team with the browser's find.
        let names: String = m
            .institutions
            .iter()
            .filter_map(|party| party.institution.as_deref())
            .map(|name| format!("<li>{}</li>", esc(name)))
            .collect();
        let _ = writeln!(
            html,
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>\n<tr class=\"named\"><td colspan=\"3\"><ul class=\"note\">{names}</ul></td></tr>",
            index.link(&Target::Municipality(slug), &esc(&m.name)),
            esc(&m.entity),
            esc(&m.area)
        );
    }
    html.push_str("</tbody></table>\n");
    index.push(&html);
    let mut files = vec![index.finish(ctx.t(W::NavMunicipalities))];
    for (m, slug) in table.iter().zip(slugs) {
        files.push(municipality(ctx, m, slug));
    }
    files
}

fn municipality(ctx: &Ctx<'_>, m: &MunicipalityInfo, slug: &str) -> (String, String) {
    let c = &ctx.shared.protocol.inner;
    let mut page = Page::new(ctx, Target::Municipality(slug));
    let entity = if c.calendars.iter().any(|cal| cal.entity == m.entity) {
        page.link(&Target::Calendar(&m.entity), &esc(&m.entity))
    } else {
        esc(&m.entity)
    };
    let rows = page.facts(&[(W::Entity, entity), (W::Area, esc(&m.area)), (W::RowStatus, page.badge(m.status))]);
    page.push(&rows);
    let mut html = format!("<h2>{}</h2>\n<dl class=\"institutions\">\n", esc(ctx.t(W::Institution)));
    for (party, status) in m.institutions.iter().zip(&m.institution_statuses) {
        let role = c.roles.iter().find(|r| *r.id == *party.role);
        let role_name = match role {
            Some(r) => page.link(&Target::Role(&r.id), &page.label(&r.label, &r.id)),
            None => format!("<code>{}</code>", esc(&party.role)),
        };
        let _ = writeln!(
            html,
            "<dt>{role_name}</dt><dd>{} {}</dd>",
            esc(party.institution.as_deref().unwrap_or("")),
            page.badge(*status)
        );
    }
    html.push_str("</dl>\n");
    if !m.note.is_empty() {
        let _ = writeln!(html, "<p><strong>{}:</strong> {}</p>", esc(ctx.t(W::Note)), esc(&m.note));
    }
    page.push(&html);
    page.finish(&m.name)
}

/// Each entity's calendar: its weekend, its closing days per year with their names, and
/// the business days of each month.
pub(crate) fn calendars(ctx: &Ctx<'_>) -> (String, String) {
    let c = &ctx.shared.protocol.inner;
    let lang = ctx.lang;
    let mut page = Page::new(ctx, Target::Calendars);
    let mut html =
        format!("<p>{}</p>\n<p class=\"note\">{}</p>\n", esc(ctx.t(W::CalendarsIntro)), esc(ctx.t(W::BeyondCalendar)));
    for cal in &c.calendars {
        let _ = writeln!(
            html,
            "<section id=\"c-{}\">\n<h2>{}</h2>\n<p>{}</p>",
            super::super::site::slug(&cal.entity),
            esc(&W::CalendarOf.fill(lang, &[&cal.entity])),
            esc(&W::Covers.fill(lang, &[&cal.from.to_string(), &cal.to.to_string()]))
        );
        let weekend: Vec<&str> = (0..7).filter(|&d| cal.weekend[d]).map(|d| phrases::weekday(lang, d)).collect();
        let _ = writeln!(html, "<p>{}: {}</p>", esc(ctx.t(W::Weekend)), esc(&weekend.join(", ")));
        html.push_str(&page.provenance(&cal.prov));
        for year in cal.from.year()..=cal.to.year() {
            let _ = writeln!(
                html,
                "<h3>{}</h3>\n<table class=\"holidays\"><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
                esc(&W::ClosingDays.fill(lang, &[&year.to_string()])),
                esc(ctx.t(W::Date)),
                esc(ctx.t(W::Day)),
                esc(ctx.t(W::Holiday))
            );
            for date in cal.holidays.iter().filter(|d| d.year() == year) {
                let name = ctx
                    .shared
                    .written
                    .holiday(&cal.entity, *date)
                    .map_or_else(String::new, |labels| page.label(labels, &date.to_string()));
                let _ = writeln!(
                    html,
                    "<tr><td>{date}</td><td>{}</td><td>{name}</td></tr>",
                    esc(phrases::weekday(lang, date.weekday().to_monday_zero_offset() as usize))
                );
            }
            let _ = writeln!(
                html,
                "</tbody></table>\n<h4>{}</h4>\n<table class=\"narrow\"><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
                esc(&W::BusinessDaysPerMonth.fill(lang, &[&year.to_string()])),
                esc(ctx.t(W::Month)),
                esc(ctx.t(W::BusinessDays))
            );
            for month in 1..=12i8 {
                let Ok(first) = jiff::civil::Date::new(year, month, 1) else { continue };
                let count = (0..first.days_in_month())
                    .filter_map(|d| first.checked_add(jiff::Span::new().days(i64::from(d))).ok())
                    .filter(|d| *d >= cal.from && *d <= cal.to && cal.is_business_day(*d))
                    .count();
                let _ = writeln!(
                    html,
                    "<tr><td>{}</td><td class=\"num\">{count}</td></tr>",
                    esc(phrases::month(lang, month as usize))
                );
            }
            html.push_str("</tbody></table>\n");
        }
        html.push_str("</section>\n");
    }
    page.push(&html);
    page.finish(ctx.t(W::NavCalendars))
}
