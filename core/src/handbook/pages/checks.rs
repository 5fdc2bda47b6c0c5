//! The results of the pack's tests and laws, and the pack's changelog.

use super::super::html::{esc, Page};
use super::super::phrases::W;
use super::super::site::Target;
use super::super::Ctx;
use crate::testing::TestOutcome;
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use std::fmt::Write;

pub(crate) fn checks(ctx: &Ctx<'_>) -> (String, String) {
    let book = ctx.shared.book;
    let mut page = Page::new(ctx, Target::Checks);
    let mut html = format!("<p>{}</p>\n", esc(ctx.t(W::ChecksIntro)));
    for (id, word, outcomes) in [("tests", W::Tests, &book.tests), ("laws", W::Laws, &book.laws)] {
        let _ = writeln!(html, "<section id=\"{id}\">\n<h2>{}</h2>", esc(ctx.t(word)));
        match outcomes {
            None => {
                let _ = writeln!(html, "<p>{}</p>", esc(ctx.t(W::NotRun)));
            }
            Some(outcomes) => html.push_str(&results(&page, outcomes)),
        }
        html.push_str("</section>\n");
    }
    page.push(&html);
    page.finish(ctx.t(W::NavChecks))
}

fn results(page: &Page<'_, '_>, outcomes: &[TestOutcome]) -> String {
    let failed = outcomes.iter().filter(|o| !o.passed()).count();
    let passed = outcomes.len() - failed;
    let mut html = format!(
        "<p class=\"{}\"><strong>{}</strong></p>\n<ul class=\"checks\">\n",
        if failed == 0 { "ok" } else { "failed" },
        esc(&W::PassedFailed.fill(page.lang(), &[&passed.to_string(), &failed.to_string()]))
    );
    for o in outcomes {
        let result = if o.passed() {
            format!("<span class=\"badge st-verified\">{}</span>", esc(page.t(W::Passed)))
        } else {
            format!("<span class=\"badge st-unconfirmed\">{}</span>", esc(page.t(W::Failed)))
        };
        let _ = write!(html, "<li>{result} {} <span class=\"note\"><code>{}</code></span>", esc(&o.name), esc(&o.file));
        if !o.passed() {
            let why: Vec<String> = o.failures.iter().map(|f| format!("<li>{}</li>", esc(f))).collect();
            let _ = write!(html, "<ul>{}</ul>", why.concat());
        }
        html.push_str("</li>\n");
    }
    html.push_str("</ul>\n");
    html
}

pub(crate) fn changelog(ctx: &Ctx<'_>) -> (String, String) {
    let mut page = Page::new(ctx, Target::Changelog);
    let html = match &ctx.shared.book.changelog {
        Some(markdown) => markdown_html(markdown),
        None => format!("<p>{}</p>\n", esc(ctx.t(W::ChangelogNone))),
    };
    page.push(&html);
    page.finish(ctx.t(W::NavChangelog))
}

/// Markdown as HTML for a page that has its own `h1`: headings one level down, HTML in
/// the text shown as text, and links kept only when they leave the site (a relative link
/// in a changelog points into the repository, not into the handbook).
fn markdown_html(markdown: &str) -> String {
    let down = |level: HeadingLevel| match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    };
    let mut dropped_links = Vec::new();
    let events = Parser::new(markdown).filter_map(|event| match event {
        Event::Html(text) | Event::InlineHtml(text) => Some(Event::Text(text)),
        Event::Start(Tag::Heading { level, id, classes, attrs }) => {
            Some(Event::Start(Tag::Heading { level: down(level), id, classes, attrs }))
        }
        Event::End(TagEnd::Heading(level)) => Some(Event::End(TagEnd::Heading(down(level)))),
        Event::Start(Tag::Link { dest_url, link_type, title, id }) => {
            let external = ["https://", "http://", "mailto:"].iter().any(|p| dest_url.starts_with(p));
            dropped_links.push(!external);
            external.then_some(Event::Start(Tag::Link { dest_url, link_type, title, id }))
        }
        Event::End(TagEnd::Link) => {
            if dropped_links.pop().unwrap_or(false) {
                None
            } else {
                Some(Event::End(TagEnd::Link))
            }
        }
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        other => Some(other),
    });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events);
    html
}

#[cfg(test)]
mod tests {
    use super::markdown_html;

    #[test]
    fn changelog_links_stay_inside_or_leave_the_site() {
        let html =
            markdown_html("# Changes\n\n- see [routing](ROUTING.md) and [ILO](https://www.ilo.org/x) <b>bold</b>\n");
        assert!(html.contains("<h2>Changes</h2>"), "{html}");
        assert!(html.contains("see routing and <a href=\"https://www.ilo.org/x\">ILO</a>"), "{html}");
        assert!(html.contains("&lt;b&gt;bold&lt;/b&gt;"), "{html}");
    }
}
