//! The site's front door and each language's overview page.

use super::super::html::{esc, label_text, Page};
use super::super::phrases::W;
use super::super::site::Target;
use super::super::{status_word, Ctx, Shared};
use crate::model::{Language, SourceStatus};
use std::fmt::Write;

/// `index.html` at the site's root: the pack's title in each language, each linking to
/// that language's overview.
pub(crate) fn root(shared: &Shared<'_>) -> (String, String) {
    let languages = &shared.book.languages;
    let first = languages.first().copied().unwrap_or(Language::En);
    let p = shared.protocol;
    let mut h = String::new();
    let _ = writeln!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} — {} {}</title>\n<link rel=\"stylesheet\" href=\"style.css\">\n</head>\n<body>\n<main id=\"main\">",
        first.as_str(),
        esc(&label_text(first, p.title(), p.id())),
        esc(p.id()),
        esc(p.version())
    );
    let _ = writeln!(h, "<h1>{}</h1>\n<ul class=\"choose\">", esc(&label_text(first, p.title(), p.id())));
    for &lang in languages {
        let _ = writeln!(
            h,
            "<li lang=\"{code}\"><a href=\"{}\" hreflang=\"{code}\">{}</a> <span class=\"note\">{} · {}</span></li>",
            esc(&Target::Index.file(lang)),
            esc(&label_text(lang, p.title(), p.id())),
            esc(W::Handbook.get(lang)),
            esc(W::ChooseLanguage.get(lang)),
            code = lang.as_str()
        );
    }
    let _ =
        writeln!(h, "</ul>\n<p><code>{} {}</code> <code>{}</code></p>", esc(p.id()), esc(p.version()), esc(p.digest()));
    h.push_str("</main>\n</body>\n</html>\n");
    ("index.html".to_owned(), h)
}

/// The overview of one language: what the pack is, what is in the handbook, and how
/// much of the pack rests on each status.
pub(crate) fn index(ctx: &Ctx<'_>) -> (String, String) {
    let mut page = Page::new(ctx, Target::Index);
    let p = ctx.shared.protocol;
    let meta = &p.inner.meta;
    let title = format!("{} — {}", label_text(ctx.lang, p.title(), p.id()), ctx.t(W::Handbook));
    page.push(&format!("<p>{}</p>\n", esc(ctx.t(W::IndexIntro))));
    let effect = format!(
        "{} – {}",
        meta.effective_from,
        meta.effective_to.map_or_else(|| ctx.t(W::NoEnd).to_owned(), |d| d.to_string())
    );
    let facts = page.facts(&[
        (W::Version, format!("<code>{} {}</code>", esc(p.id()), esc(p.version()))),
        (W::Digest, format!("<code class=\"digest\">{}</code>", esc(p.digest()))),
        (W::InEffect, esc(&effect)),
        (W::TimeZone, esc(p.time_zone())),
        (W::Languages, esc(&p.languages().join(", "))),
    ]);
    page.push(&facts);
    let c = &p.inner;
    let counts: [(Target<'_>, W, usize); 8] = [
        (Target::Flow, W::NavFlow, ctx.shared.flow.len()),
        (Target::Duties, W::NavDuties, c.obligations.len()),
        (
            Target::Rules,
            W::NavRules,
            c.classification.len() + c.overrides.len() + c.scoring.terms.len() + c.facts.len(),
        ),
        (Target::Indicators, W::NavIndicators, c.indicators.len()),
        (Target::Parameters, W::NavParameters, c.params.len()),
        (Target::Municipalities, W::NavMunicipalities, p.municipalities().len()),
        (Target::Calendars, W::NavCalendars, c.calendars.len()),
        (Target::Sources, W::NavSources, c.sources.len()),
    ];
    let mut list = format!("<h2>{}</h2>\n<ul class=\"contents\">", esc(ctx.t(W::Contents)));
    for (target, word, n) in counts {
        let _ = write!(list, "<li>{} <span class=\"count\">({n})</span></li>", page.link(&target, &esc(ctx.t(word))));
    }
    for (target, word) in
        [(Target::Checks, W::NavChecks), (Target::Changelog, W::NavChangelog), (Target::Changes, W::NavChanges)]
    {
        let _ = write!(list, "<li>{}</li>", page.link(&target, &esc(ctx.t(word))));
    }
    list.push_str("</ul>\n");
    page.push(&list);
    let mut table = format!(
        "<h2>{}</h2>\n<table class=\"narrow\"><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
        esc(ctx.t(W::ByStatus)),
        esc(ctx.t(W::Status)),
        esc(ctx.t(W::Count))
    );
    let statuses =
        [SourceStatus::Verified, SourceStatus::Secondary, SourceStatus::Unconfirmed, SourceStatus::LocalPolicy];
    for (status, (_, n)) in statuses.into_iter().zip(p.status_counts()) {
        let _ = write!(table, "<tr><td>{}</td><td class=\"num\">{n}</td></tr>", page.badge(status));
    }
    table.push_str("</tbody></table>\n");
    page.push(&table);
    let legend: Vec<String> = statuses
        .into_iter()
        .map(|s| format!("<li>{}: {}</li>", page.badge(s), esc(ctx.t(meaning(status_word(s))))))
        .collect();
    page.push(&format!("<ul class=\"legend\">{}</ul>\n", legend.join("")));
    page.finish(&title)
}

/// What a status means, by the word that names it.
pub(crate) fn meaning(status: W) -> W {
    match status {
        W::StVerified => W::StVerifiedMeans,
        W::StSecondary => W::StSecondaryMeans,
        W::StUnconfirmed => W::StUnconfirmedMeans,
        W::StLocalPolicy => W::StLocalPolicyMeans,
        _ => W::StHistoricalMeans,
    }
}
