//! HTML that every page shares: escaping, the page frame (language, navigation, language
//! switcher, footer), labels with a visible mark where they fall back to another
//! language, status badges and the provenance of a rule.

use super::phrases::W;
use super::site::{relative, Target, STYLE};
use super::{status_word, Ctx};
use crate::model::{Labels, Language, Provenance};
use std::fmt::Write;

/// The stylesheet every page links to.
pub(crate) const STYLESHEET: &str = include_str!("style.css");

/// Text made safe for HTML content and attribute values.
pub(crate) fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Each language by its own name, as the language switcher shows it.
fn endonym(lang: Language) -> &'static str {
    match lang {
        Language::Bs => "Bosanski",
        Language::Hr => "Hrvatski",
        Language::SrLatn => "Srpski (latinica)",
        Language::SrCyrl => "Српски (ћирилица)",
        Language::En => "English",
    }
}

/// A page being written: where it lives (from the site's root) and its body.
pub(crate) struct Page<'c, 'a> {
    pub ctx: &'c Ctx<'a>,
    /// The page's own place, for links to it in other languages.
    pub target: Target<'c>,
    pub file: String,
    pub body: String,
}

impl<'c, 'a> Page<'c, 'a> {
    pub(crate) fn new(ctx: &'c Ctx<'a>, target: Target<'c>) -> Page<'c, 'a> {
        let file = target.file(ctx.lang);
        Page { ctx, target, file, body: String::new() }
    }

    pub(crate) fn lang(&self) -> Language {
        self.ctx.lang
    }

    pub(crate) fn t(&self, w: W) -> &'static str {
        w.get(self.ctx.lang)
    }

    /// The link from this page to `target` in its language.
    pub(crate) fn href(&self, target: &Target<'_>) -> String {
        target.href(&self.file, self.ctx.lang)
    }

    /// `<a href="…">html</a>` to `target`.
    pub(crate) fn link(&self, target: &Target<'_>, html: &str) -> String {
        format!("<a href=\"{}\">{html}</a>", esc(&self.href(target)))
    }

    /// Appends HTML to the body.
    pub(crate) fn push(&mut self, html: &str) {
        self.body.push_str(html);
    }

    /// A label in the page's language, or the fallback with a visible `[xx]` mark.
    pub(crate) fn label(&self, labels: &Labels, id: &str) -> String {
        label_html(self.ctx.lang, labels, id)
    }

    /// A status badge.
    pub(crate) fn badge(&self, status: crate::model::SourceStatus) -> String {
        format!(
            "<span class=\"badge st-{}\">{}</span>",
            status.as_str().replace('_', "-"),
            esc(self.t(status_word(status)))
        )
    }

    /// The provenance of a rule: its status badge, its sources (linked to the source
    /// list, historical ones marked) and its citation.
    pub(crate) fn provenance(&self, prov: &Provenance) -> String {
        let mut out = String::from("<dl class=\"prov\">");
        let _ = write!(out, "<dt>{}</dt><dd>{}", esc(self.t(W::Status)), self.badge(prov.status));
        if prov.source.iter().any(|s| self.ctx.shared.historical.contains(s)) {
            let _ = write!(out, " <span class=\"badge st-historical\">{}</span>", esc(self.t(W::StHistorical)));
        }
        out.push_str("</dd>");
        let sources: Vec<String> = prov.source.iter().map(|s| self.source_link(s)).collect();
        let _ = write!(out, "<dt>{}</dt><dd>{}</dd>", esc(self.t(W::Source)), sources.join(", "));
        if let Some(c) = &prov.citation {
            let _ = write!(out, "<dt>{}</dt><dd>{}</dd>", esc(self.t(W::Citation)), esc(c));
        }
        out.push_str("</dl>");
        out
    }

    /// A link to a source in the source list, with its historical mark.
    pub(crate) fn source_link(&self, id: &str) -> String {
        let mut out = self.link(&Target::Source(id), &format!("<code>{}</code>", esc(id)));
        if self.ctx.shared.historical.contains(id) {
            let _ = write!(out, " <span class=\"badge st-historical\">{}</span>", esc(self.t(W::StHistorical)));
        }
        out
    }

    /// A definition list of (term, HTML) rows.
    pub(crate) fn facts(&self, rows: &[(W, String)]) -> String {
        let mut out = String::from("<dl class=\"facts\">");
        for (term, value) in rows {
            let _ = write!(out, "<dt>{}</dt><dd>{value}</dd>", esc(self.t(*term)));
        }
        out.push_str("</dl>");
        out
    }

    /// The finished page: the frame around the body, `title` as its heading.
    pub(crate) fn finish(self, title: &str) -> (String, String) {
        let heading = esc(title);
        self.finish_with(title, &heading)
    }

    /// The finished page with `title` in the window's title and `heading` (HTML, such as
    /// a label with its fallback mark) as its heading.
    pub(crate) fn finish_with(self, title: &str, heading: &str) -> (String, String) {
        let ctx = self.ctx;
        let shared = ctx.shared;
        let lang = ctx.lang;
        let t = |w: W| esc(w.get(lang));
        let pack_title = label_text(lang, shared.protocol.title(), shared.protocol.id());
        let mut h = String::new();
        let _ = writeln!(
            h,
            "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>{} — {}</title>\n<link rel=\"stylesheet\" href=\"{}\">\n</head>\n<body>",
            lang.as_str(),
            esc(title),
            esc(&pack_title),
            esc(&relative(&self.file, STYLE))
        );
        let _ = writeln!(h, "<a class=\"skip\" href=\"#main\">{}</a>\n<header>", t(W::SkipToContent));
        let _ = writeln!(
            h,
            "<p class=\"pack\"><a href=\"{}\">{}</a> <span class=\"version\">{} {}</span></p>",
            esc(&Target::Index.href(&self.file, lang)),
            esc(&pack_title),
            esc(shared.protocol.id()),
            esc(shared.protocol.version())
        );
        let _ = write!(h, "<nav aria-label=\"{}\"><ul class=\"nav\">", t(W::Contents));
        for (target, word) in nav() {
            let current = target.file(lang) == self.file;
            let _ = write!(
                h,
                "<li><a href=\"{}\"{}>{}</a></li>",
                esc(&target.href(&self.file, lang)),
                if current { " aria-current=\"page\"" } else { "" },
                t(word)
            );
        }
        h.push_str("</ul></nav>\n");
        let _ = write!(h, "<nav aria-label=\"{}\"><ul class=\"langs\">", t(W::Language));
        for &other in &shared.book.languages {
            let name = endonym(other);
            if other == lang {
                let _ = write!(h, "<li><span aria-current=\"true\">{}</span></li>", esc(name));
            } else {
                let _ = write!(
                    h,
                    "<li><a href=\"{}\" lang=\"{code}\" hreflang=\"{code}\">{}</a></li>",
                    esc(&relative(&self.file, &self.target.file(other))),
                    esc(name),
                    code = other.as_str()
                );
            }
        }
        h.push_str("</ul></nav>\n</header>\n");
        let local = shared.protocol.local_values();
        if !local.is_empty() {
            let values: Vec<String> =
                local.iter().map(|(n, v)| format!("<code>{}</code> = {}", esc(n), esc(&v.to_string()))).collect();
            let _ = writeln!(
                h,
                "<p class=\"local\" role=\"note\">{}</p>",
                W::LocalValues.fill(lang, &[&values.join(", ")])
            );
        }
        let _ = writeln!(h, "<main id=\"main\">\n<h1>{heading}</h1>");
        h.push_str(&self.body);
        h.push_str("</main>\n<footer>\n");
        let _ = writeln!(h, "<p>{}</p>", esc(&crate::explain::phrases(lang).disclaimer));
        let _ = writeln!(h, "<p>{}</p>", t(W::FallbackLegend));
        let _ = writeln!(
            h,
            "<p>{}</p>",
            W::Built.fill(
                lang,
                &[
                    &esc(shared.protocol.id()),
                    &esc(shared.protocol.version()),
                    &format!("<code>{}</code>", esc(shared.protocol.digest())),
                    crate::ENGINE_VERSION
                ]
            )
        );
        h.push_str("</footer>\n</body>\n</html>\n");
        (self.file, h)
    }
}

/// The pages in the navigation, in order.
fn nav() -> [(Target<'static>, W); 12] {
    [
        (Target::Index, W::NavOverview),
        (Target::Flow, W::NavFlow),
        (Target::Duties, W::NavDuties),
        (Target::Rules, W::NavRules),
        (Target::Indicators, W::NavIndicators),
        (Target::Parameters, W::NavParameters),
        (Target::Municipalities, W::NavMunicipalities),
        (Target::Calendars, W::NavCalendars),
        (Target::Sources, W::NavSources),
        (Target::Checks, W::NavChecks),
        (Target::Changelog, W::NavChangelog),
        (Target::Changes, W::NavChanges),
    ]
}

/// A label as HTML: in `lang`, or the fallback language's label with a visible `[xx]`
/// mark and its own `lang` attribute; the id when there is no label at all.
pub(crate) fn label_html(lang: Language, labels: &Labels, id: &str) -> String {
    match crate::explain::label_in(labels, lang.as_str()) {
        Some((used, text)) if used == lang.as_str() => esc(text),
        Some((used, text)) => format!(
            "<span class=\"fallback\" lang=\"{used}\"><span class=\"mark\" title=\"{}\">[{used}]</span> {}</span>",
            esc(&W::FallbackTitle.fill(lang, &[used])),
            esc(text)
        ),
        None => format!("<code>{}</code>", esc(id)),
    }
}

/// `text` with its first letter in upper case: a heading of a name that runs in lower
/// case inside sentences ("presumed victim").
pub(crate) fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A label as plain text (for titles and diagrams), the fallback marked `[xx]` as the
/// engine marks it.
pub(crate) fn label_text(lang: Language, labels: &Labels, id: &str) -> String {
    crate::explain::label(labels, lang.as_str(), id)
}
