//! The site's structure: which pages there are, where each lives, and links between them
//! as paths relative to the page that holds the link (so the site works opened from disk).

use crate::model::{Classification, Language};

/// A place in the handbook of one language: a page, or an entry on one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Target<'a> {
    Index,
    Flow,
    /// A tier's diagram on the flow page.
    FlowTier(Classification),
    /// The diagram of a tier as its own file.
    FlowSvg(Classification),
    /// A role, in the flow page's list of roles.
    Role(&'a str),
    Duties,
    Duty(&'a str),
    Rules,
    /// An entry on the rules page (`anchor` as made by [`anchor`]).
    Rule(String),
    Indicators,
    Indicator(&'a str),
    Parameters,
    Parameter(&'a str),
    Sources,
    Source(&'a str),
    Municipalities,
    /// A municipality by its file name ([`slug`]).
    Municipality(&'a str),
    Calendars,
    Calendar(&'a str),
    Checks,
    Changelog,
    Changes,
}

impl Target<'_> {
    /// The path below the language's directory, with the anchor.
    fn path(&self) -> String {
        match self {
            Target::Index => "index.html".into(),
            Target::Flow => "flow.html".into(),
            Target::FlowTier(c) => format!("flow.html#tier-{}", c.as_str()),
            Target::FlowSvg(c) => format!("flow-{}.svg", c.as_str()),
            Target::Role(id) => format!("flow.html#role-{id}"),
            Target::Duties => "duties.html".into(),
            Target::Duty(id) => format!("duties/{id}.html"),
            Target::Rules => "rules.html".into(),
            Target::Rule(anchor) => format!("rules.html#{anchor}"),
            Target::Indicators => "indicators.html".into(),
            Target::Indicator(id) => format!("indicators.html#i-{id}"),
            Target::Parameters => "parameters.html".into(),
            Target::Parameter(id) => format!("parameters.html#p-{id}"),
            Target::Sources => "sources.html".into(),
            Target::Source(id) => format!("sources.html#s-{id}"),
            Target::Municipalities => "municipalities.html".into(),
            Target::Municipality(slug) => format!("municipalities/{slug}.html"),
            Target::Calendars => "calendars.html".into(),
            Target::Calendar(entity) => format!("calendars.html#c-{}", slug(entity)),
            Target::Checks => "checks.html".into(),
            Target::Changelog => "changelog.html".into(),
            Target::Changes => "changes.html".into(),
        }
    }

    /// The file of the page, from the site's root: `bs/duties/notify_csw.html`.
    pub(crate) fn file(&self, lang: Language) -> String {
        let path = self.path();
        let page = path.split('#').next().unwrap_or(&path);
        format!("{}/{page}", lang.as_str())
    }

    /// The link from the page `from` (a file from the site's root) to this place in `lang`.
    pub(crate) fn href(&self, from: &str, lang: Language) -> String {
        relative(from, &format!("{}/{}", lang.as_str(), self.path()))
    }
}

/// The stylesheet, from the site's root.
pub(crate) const STYLE: &str = "style.css";

/// The path from the file `from` to `to`, both from the site's root.
pub(crate) fn relative(from: &str, to: &str) -> String {
    let from_dirs: Vec<&str> = from.split('/').collect();
    let from_dirs = &from_dirs[..from_dirs.len() - 1];
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dirs.iter().zip(&to_parts).take_while(|(a, b)| a == b).count();
    let mut out = "../".repeat(from_dirs.len() - common);
    out.push_str(&to_parts[common..].join("/"));
    out
}

/// A file or anchor name for a text: lower case ASCII letters, digits and `-`
/// (`Bosanski Petrovac` → `bosanski-petrovac`, `Brčko` → `brcko`). Never empty.
pub(crate) fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in crate::routing::fold(text).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        out.push('x');
    }
    out
}

/// Slugs for a list of names, each unique: a name whose slug is taken gets `-2`, `-3` ….
pub(crate) fn unique_slugs<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut seen = std::collections::BTreeSet::new();
    names
        .into_iter()
        .map(|name| {
            let base = slug(name);
            let mut candidate = base.clone();
            let mut n = 2;
            while !seen.insert(candidate.clone()) {
                candidate = format!("{base}-{n}");
                n += 1;
            }
            candidate
        })
        .collect()
}

/// The anchor of an entry on the rules page: its kind and its id.
pub(crate) fn anchor(kind: &str, id: &str) -> String {
    format!("{kind}-{}", slug(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_relative_to_the_page() {
        assert_eq!(relative("bs/index.html", "bs/duties/a.html"), "duties/a.html");
        assert_eq!(relative("bs/duties/a.html", "bs/sources.html#s-x"), "../sources.html#s-x");
        assert_eq!(relative("bs/duties/a.html", "en/duties/a.html"), "../../en/duties/a.html");
        assert_eq!(relative("index.html", "hr/index.html"), "hr/index.html");
        assert_eq!(relative("bs/municipalities/jajce.html", "style.css"), "../../style.css");
        assert_eq!(Target::Duty("notify_csw").file(Language::En), "en/duties/notify_csw.html");
        assert_eq!(Target::Indicator("x").href("en/index.html", Language::En), "indicators.html#i-x");
    }

    #[test]
    fn slugs_are_ascii_and_unique() {
        assert_eq!(slug("Istočno Novo Sarajevo"), "istocno-novo-sarajevo");
        assert_eq!(slug("Brčko"), "brcko");
        assert_eq!(slug("Đurđevik (M)"), "durdevik-m");
        assert_eq!(slug("—"), "x");
        assert_eq!(unique_slugs(["Ključ", "Kljuc", "Ključ"]), ["kljuc", "kljuc-2", "kljuc-3"]);
    }
}
