//! The pages, one module per kind, and what several of them say the same way:
//! durations, deadlines, parties, parameter values.

mod catalogue;
mod changes;
mod checks;
mod duties;
mod flow;
mod overview;
mod places;
mod rules;

use super::html::{esc, label_html, Page};
use super::phrases::{plural, W};
use super::site::Target;
use super::{Ctx, Shared};
use crate::model::Classification;
use crate::protocol::{Anchor, DueRef, ParamValue, Party};
use crate::time::Due;

/// Every file of one language: its pages and its diagrams.
pub(crate) fn all(ctx: &Ctx<'_>) -> Vec<(String, String)> {
    let mut files = vec![overview::index(ctx)];
    files.extend(flow::pages(ctx));
    files.extend(duties::pages(ctx));
    files.push(rules::page(ctx));
    files.push(catalogue::indicators(ctx));
    files.push(catalogue::parameters(ctx));
    files.push(catalogue::sources(ctx));
    files.extend(places::municipalities(ctx));
    files.push(places::calendars(ctx));
    files.push(checks::checks(ctx));
    files.push(checks::changelog(ctx));
    files.push(changes::page(ctx));
    files
}

/// The site's front door: the pack's title and a link to each language.
pub(crate) fn root(shared: &Shared<'_>) -> (String, String) {
    overview::root(shared)
}

/// A classification's name in the page's language.
pub(crate) fn tier_name(page: &Page<'_, '_>, class: Classification) -> String {
    crate::explain::phrases(page.lang()).class[class as usize].clone()
}

/// A duration in words: "24 sata", "5 radnih dana", "odmah".
pub(crate) fn duration(page: &Page<'_, '_>, due: Due) -> String {
    let lang = page.lang();
    let (n, forms) = match due {
        Due::Hours(0) => return page.t(W::Immediately).to_owned(),
        Due::Hours(n) => (n, [W::Hour1, W::Hour2, W::Hour5]),
        Due::Days(n) => (n, [W::Day1, W::Day2, W::Day5]),
        Due::BusinessDays(n) => (n, [W::BDay1, W::BDay2, W::BDay5]),
        Due::Months(n) => (n, [W::Month1, W::Month2, W::Month5]),
    };
    format!("{n} {}", plural(lang, n, forms))
}

/// The value of parameter `i` that the handbook shows: the local value if one is set,
/// else the pack's latest.
pub(crate) fn param_value(ctx: &Ctx<'_>, i: u32) -> Option<ParamValue> {
    let p = ctx.shared.protocol;
    p.inner.param_at(&p.local, i, jiff::civil::Date::MAX).copied()
}

/// [`param_value`] as a pack writes it.
pub(crate) fn param_value_text(ctx: &Ctx<'_>, i: u32) -> Option<String> {
    param_value(ctx, i).map(|v| v.to_string())
}

/// A deadline as plain text, for diagrams.
pub(crate) fn due_plain(page: &Page<'_, '_>, due: &DueRef) -> String {
    match due {
        DueRef::Fixed(d) => duration(page, *d),
        DueRef::Param(i) => match param_value(page.ctx, *i) {
            Some(ParamValue::Duration(d)) => duration(page, d),
            _ => page.ctx.shared.protocol.inner.params[*i as usize].id.clone(),
        },
    }
}

/// A deadline as HTML: the duration, the parameter it comes from (linked), and for
/// business days which calendars count them.
pub(crate) fn due_html(page: &Page<'_, '_>, due: &DueRef) -> String {
    let c = &page.ctx.shared.protocol.inner;
    let text = esc(&due_plain(page, due));
    let business = match due {
        DueRef::Fixed(d) => matches!(d, Due::BusinessDays(_)),
        DueRef::Param(i) => matches!(param_value(page.ctx, *i), Some(ParamValue::Duration(Due::BusinessDays(_)))),
    };
    let mut out = match due {
        DueRef::Fixed(_) => text,
        DueRef::Param(i) => {
            let p = &c.params[*i as usize];
            let name =
                if p.label.is_empty() { format!("<code>{}</code>", esc(&p.id)) } else { page.label(&p.label, &p.id) };
            format!("{text} ({})", page.link(&Target::Parameter(&p.id), &name))
        }
    };
    if business {
        let calendars: Vec<String> =
            c.calendars.iter().map(|cal| page.link(&Target::Calendar(&cal.entity), &esc(&cal.entity))).collect();
        out.push_str(&format!(
            " — <span class=\"note\">{}</span>",
            W::BusinessDaysNote.fill(page.lang(), &[&calendars.join(", ")])
        ));
    }
    out
}

/// Where an obligation's clock starts, as HTML.
pub(crate) fn anchor_html(page: &Page<'_, '_>, anchor: Anchor) -> String {
    let c = &page.ctx.shared.protocol.inner;
    match anchor {
        Anchor::ReportedAt => esc(page.t(W::AtReport)),
        Anchor::Event(k) => {
            let e = &c.event_kinds[k as usize];
            W::AtEvent.fill(page.lang(), &[&page.label(&e.label, &e.id)])
        }
    }
}

/// Who acts or towards whom, as HTML linked to the role's entry.
pub(crate) fn party_html(page: &Page<'_, '_>, party: Party) -> String {
    let c = &page.ctx.shared.protocol.inner;
    match party {
        Party::Reporter => esc(page.t(W::Reporter)),
        Party::Role(i) => {
            let r = &c.roles[i as usize];
            page.link(&Target::Role(&r.id), &label_html(page.lang(), &r.label, &r.id))
        }
    }
}

/// Who acts or towards whom, as plain text.
pub(crate) fn party_plain(page: &Page<'_, '_>, party: Party) -> String {
    let c = &page.ctx.shared.protocol.inner;
    match party {
        Party::Reporter => page.t(W::Reporter).to_owned(),
        Party::Role(i) => {
            let r = &c.roles[i as usize];
            super::html::label_text(page.lang(), &r.label, &r.id)
        }
    }
}
