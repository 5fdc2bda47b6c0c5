//! The pack as a handbook: a static site (HTML, CSS and SVG; no script, nothing fetched
//! at view time) that the institutions bound by a protocol can read in their own
//! language, with every rule in words beside the expression the engine runs, its
//! citation and its status, the referral flow as diagrams, and the routing table as a
//! page per municipality.
//!
//! ```
//! let bih = putokaz::Protocol::bundled("bih")?;
//! let site = bih.handbook().languages(&[putokaz::Language::En]).render();
//! let index = site.get("en/index.html").unwrap();
//! assert!(index.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
//! assert!(site.get("en/flow-presumed_victim.svg").unwrap().contains("<title"));
//! # Ok::<(), putokaz::Error>(())
//! ```
//!
//! The site is a set of text files with paths relative to its root ([`Site`]); every
//! link is relative, so it works opened from disk. The same protocol gives the same bytes.
//!
//! Not for: deciding anything. Every statement on a page is read from the checked
//! protocol (or from the pack's own files, for the texts the model does not keep);
//! diagrams are laid out by a graph layout library, not placed by hand.

mod flow;
mod html;
mod pages;
mod phrases;
mod site;
mod svg;
#[cfg(test)]
mod tests;
mod words;
mod written;

use crate::model::{Classification, Language, SourceStatus};
use crate::protocol::Protocol;
use crate::testing::TestOutcome;
use crate::whatif::Diff;
use crate::Case;
use jiff::Timestamp;
use std::collections::{BTreeMap, BTreeSet};

/// What a handbook is built from: a protocol and, optionally, its changelog, the results
/// of its checks and an earlier version to compare with. Made by
/// [`Protocol::handbook`]; [`Handbook::render`] writes the site.
#[derive(Debug)]
pub struct Handbook<'a> {
    protocol: &'a Protocol,
    languages: Vec<Language>,
    changelog: Option<String>,
    tests: Option<Vec<TestOutcome>>,
    laws: Option<Vec<TestOutcome>>,
    since: Option<Since<'a>>,
}

/// An earlier version and what changes from it.
#[derive(Debug)]
struct Since<'a> {
    old: &'a Protocol,
    diff: Diff,
    cases: usize,
    as_of: Timestamp,
}

impl Protocol {
    /// The handbook of this protocol, in all five languages; see [`Handbook`]. Local
    /// values set with [`Protocol::with_local_parameter`] are shown, and said to be local.
    pub fn handbook(&self) -> Handbook<'_> {
        Handbook {
            protocol: self,
            languages: Language::ALL.to_vec(),
            changelog: None,
            tests: None,
            laws: None,
            since: None,
        }
    }
}

impl<'a> Handbook<'a> {
    /// Only these languages (in the engine's order, each once). An empty list keeps all five.
    pub fn languages(mut self, languages: &[Language]) -> Self {
        if !languages.is_empty() {
            self.languages = Language::ALL.into_iter().filter(|l| languages.contains(l)).collect();
        }
        self
    }

    /// The pack's changelog (Markdown), shown on its own page.
    pub fn changelog(mut self, markdown: &str) -> Self {
        self.changelog = Some(markdown.to_owned());
        self
    }

    /// The results of the pack's tests ([`crate::run_pack_tests`]), shown with the checks.
    pub fn tests(mut self, outcomes: &[TestOutcome]) -> Self {
        self.tests = Some(outcomes.to_vec());
        self
    }

    /// The results of checking the pack's laws, shown with the checks.
    pub fn laws(mut self, outcomes: &[TestOutcome]) -> Self {
        self.laws = Some(outcomes.to_vec());
        self
    }

    /// Compare with an earlier version: what rules and parameters differ, and how the
    /// outcomes of `cases` assessed at `as_of` change ([`Protocol::diff`]).
    pub fn since(mut self, old: &'a Protocol, cases: &[Case], as_of: Timestamp) -> Self {
        let diff = old.diff(self.protocol, cases, as_of);
        self.since = Some(Since { old, diff, cases: cases.len(), as_of });
        self
    }

    /// Writes the site: every page in every language chosen, the diagrams and the
    /// stylesheet.
    pub fn render(&self) -> Site {
        let mut files = BTreeMap::new();
        files.insert(site::STYLE.to_owned(), html::STYLESHEET.to_owned());
        let shared = Shared::of(self);
        let (file, text) = pages::root(&shared);
        files.insert(file, text);
        for &lang in &self.languages {
            let ctx = Ctx { shared: &shared, lang };
            for (file, text) in pages::all(&ctx) {
                files.insert(file, text);
            }
        }
        Site { files }
    }
}

/// A written handbook: text files by their path from the site's root
/// (`style.css`, `en/index.html`, `en/duties/notify_csw.html`, …), in path order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Site {
    files: BTreeMap<String, String>,
}

impl Site {
    /// Every file, as (path, text), in path order.
    pub fn files(&self) -> impl Iterator<Item = (&str, &str)> {
        self.files.iter().map(|(p, t)| (p.as_str(), t.as_str()))
    }

    /// The text of one file.
    pub fn get(&self, path: &str) -> Option<&str> {
        self.files.get(path).map(String::as_str)
    }

    /// Writes every file below `dir`, creating the directories it needs.
    #[cfg(feature = "fs")]
    pub fn write_to(&self, dir: impl AsRef<std::path::Path>) -> std::io::Result<()> {
        for (path, text) in &self.files {
            let full = dir.as_ref().join(path);
            if let Some(parent) = full.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(full, text)?;
        }
        Ok(())
    }
}

/// What every page of every language reads: the handbook's inputs and what is worked
/// out from the protocol once.
struct Shared<'a> {
    book: &'a Handbook<'a>,
    protocol: &'a Protocol,
    written: written::Written,
    /// File names of the municipalities, in table order.
    slugs: Vec<String>,
    /// Sources whose title marks them as replaced texts (`HISTORICAL …`, see the pack format).
    historical: BTreeSet<String>,
    /// Per tier, the duties that can arise with it.
    flow: Vec<(Classification, flow::Tier)>,
}

impl<'a> Shared<'a> {
    fn of(book: &'a Handbook<'a>) -> Shared<'a> {
        let protocol = book.protocol;
        let slugs = site::unique_slugs(protocol.municipalities());
        let historical = protocol.sources().iter().filter(|s| is_historical(&s.title)).map(|s| s.id.clone()).collect();
        Shared {
            book,
            protocol,
            written: written::Written::of(protocol),
            slugs,
            historical,
            flow: flow::tiers(protocol),
        }
    }
}

/// A source replaced by a later text: its title starts with `HISTORICAL` (the pack
/// format's mark until it has a status of its own).
fn is_historical(title: &str) -> bool {
    title.trim_start().starts_with("HISTORICAL")
}

/// One language's view of the shared inputs.
struct Ctx<'a> {
    shared: &'a Shared<'a>,
    lang: Language,
}

impl Ctx<'_> {
    fn t(&self, w: phrases::W) -> &'static str {
        w.get(self.lang)
    }
}

/// The word for a status.
fn status_word(status: SourceStatus) -> phrases::W {
    match status {
        SourceStatus::Verified => phrases::W::StVerified,
        SourceStatus::Secondary => phrases::W::StSecondary,
        SourceStatus::Unconfirmed => phrases::W::StUnconfirmed,
        SourceStatus::LocalPolicy => phrases::W::StLocalPolicy,
    }
}
