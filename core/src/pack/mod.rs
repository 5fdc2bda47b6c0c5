//! Pack files: where their text comes from, how the files of one pack are gathered and
//! parsed, and how a byte offset becomes `file:line:col`. Meaning is given in `check`.
//!
//! The engine never reads files itself. A pack reaches it as text: from the packs
//! bundled into the library, from a caller's map of file names to text, or (with the
//! `fs` feature) from a directory, read once here, before anything is checked.

pub mod doc;

use crate::error::{Location, PackError, PackErrorKind, PackIssue};
use doc::PackDoc;
use sha2::{Digest, Sha256};
use std::ops::Range;

/// Largest pack accepted, all files together, in bytes.
pub const MAX_PACK_BYTES: usize = 16 * 1024 * 1024;
/// Most derived facts (`[facts.*]`) in one pack.
pub const MAX_FACTS: usize = 10_000;
/// Longest chain of derived facts, each reading the next (a fact that reads no other fact
/// is a chain of one).
pub const MAX_FACT_DEPTH: usize = 1_000;

/// The content files of one pack, `pack.toml` first, each as (path as listed, text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PackFiles {
    pub files: Vec<(String, String)>,
}

/// Where the text of a listed file comes from.
pub trait PackSource {
    /// The text of `path`, a path as written in `pack.toml` (relative to the pack).
    fn read(&self, path: &str) -> Result<String, ReadError>;
}

/// Why the text of a pack file could not be had.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadError {
    /// Missing, unreadable or not UTF-8; the reason in words.
    Unreadable(String),
    /// Longer than [`MAX_PACK_BYTES`] (reading stopped there).
    TooLarge,
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Unreadable(why) => f.write_str(why),
            ReadError::TooLarge => write!(f, "larger than {MAX_PACK_BYTES} bytes"),
        }
    }
}

/// A pack given entirely as text: `pack.toml` and nothing else, or a map of files.
impl PackSource for Vec<(String, String)> {
    fn read(&self, path: &str) -> Result<String, ReadError> {
        self.iter()
            .find(|(p, _)| p == path)
            .map(|(_, t)| t.clone())
            .ok_or_else(|| ReadError::Unreadable("not among the given files".to_owned()))
    }
}

/// The packs compiled into the library.
pub mod bundled {
    use super::{PackSource, ReadError};

    /// Every bundled file, by its path below `core/protocols/`.
    macro_rules! bundle {
        ($($path:literal),* $(,)?) => {
            &[$(($path, include_str!(concat!("../../protocols/", $path)))),*]
        };
    }
    static FILES: &[(&str, &str)] = bundle![
        "ilo-2009/pack.toml",
        "ilo-2009/sources.toml",
        "ilo-2009/rules.toml",
        "ilo-2009/indicators.toml",
        "ilo-2009/scoring.toml",
        "ilo-2009/tests/cases.toml",
        "bih/pack.toml",
        "bih/sources.toml",
        "bih/sources-signals.toml",
        "bih/sources-routing.toml",
        "bih/indicators.toml",
        "bih/rules.toml",
        "bih/obligations.toml",
        "bih/calendars.toml",
        "bih/jurisdictions.csv",
        "bih/cities.toml",
        "bih/tests/classification.toml",
        "bih/tests/obligations.toml",
        "bih/tests/routing.toml",
        "bih/tests/input.toml",
        "bih/tests/laws.toml",
        "bih/tests/cases/border-asked-not-known.json",
        "bih/examples/jajce-begging.json",
        "bih/examples/modrica-child-marriage.json",
        "bih/examples/travnik-foreign-worker.json",
        "bih/examples/tuzla-absences.json",
        "bih/examples/prnjavor-street-child.json",
    ];

    /// The ids of the bundled packs; the first is the default.
    pub const IDS: &[&str] = &["bih", "ilo-2009"];

    /// The files of one bundled pack, read relative to its directory.
    #[derive(Debug)]
    pub struct Bundled {
        pub(crate) dir: String,
    }

    impl Bundled {
        /// The files of the bundled pack `id` (for running its tests), if it is bundled.
        pub fn new(id: &str) -> Option<Bundled> {
            IDS.contains(&id).then(|| Bundled { dir: id.to_owned() })
        }
    }

    impl PackSource for Bundled {
        fn read(&self, path: &str) -> Result<String, ReadError> {
            let unreadable = |why: &str| ReadError::Unreadable(why.to_owned());
            let full = super::join(&self.dir, path).ok_or_else(|| unreadable("leaves the bundled packs"))?;
            FILES
                .iter()
                .find(|(p, _)| *p == full)
                .map(|(_, t)| (*t).to_owned())
                .ok_or_else(|| unreadable("not bundled"))
        }
    }
}

/// A pack on disk: its directory, and the name of its head file when that is not
/// `pack.toml` (see [`Protocol::from_path`](crate::Protocol::from_path)).
#[cfg(feature = "fs")]
#[derive(Debug)]
pub struct DirSource {
    dir: std::path::PathBuf,
    head: Option<std::ffi::OsString>,
}

#[cfg(feature = "fs")]
impl DirSource {
    /// The pack at `path`: a directory holding `pack.toml`, or the head file itself.
    pub fn for_path(path: &std::path::Path) -> Result<DirSource, PackError> {
        let cannot = |why: String| {
            PackError::one(
                PackErrorKind::MissingFile,
                None,
                format!("cannot read the pack at `{}`: {why}", path.display()),
            )
        };
        let meta = std::fs::metadata(path).map_err(|e| cannot(e.kind().to_string()))?;
        if meta.is_dir() {
            // Said here, where the path is known: the reader names only `pack.toml`.
            if !path.join("pack.toml").exists() {
                return Err(cannot("the directory holds no pack.toml".into()));
            }
            return Ok(DirSource { dir: path.to_owned(), head: None });
        }
        let name = path.file_name().ok_or_else(|| cannot("not a file or a directory".into()))?;
        let dir = path.parent().map_or_else(|| std::path::PathBuf::from("."), std::path::Path::to_owned);
        Ok(DirSource { dir, head: (name != "pack.toml").then(|| name.to_owned()) })
    }
}

#[cfg(feature = "fs")]
impl PackSource for DirSource {
    fn read(&self, path: &str) -> Result<String, ReadError> {
        let full = match (&self.head, path) {
            (Some(head), "pack.toml") => self.dir.join(head),
            _ => self.dir.join(path),
        };
        read_file(&full)
    }
}

/// Reads one pack file from disk, never more than [`MAX_PACK_BYTES`] + 1 bytes: the
/// size the file system reports is not trusted (a link to `/dev/zero` reports none).
#[cfg(feature = "fs")]
fn read_file(path: &std::path::Path) -> Result<String, ReadError> {
    use std::io::Read;
    let unreadable = |e: std::io::Error| ReadError::Unreadable(e.to_string());
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let mut bytes = Vec::new();
    file.take(MAX_PACK_BYTES as u64 + 1).read_to_end(&mut bytes).map_err(unreadable)?;
    if bytes.len() > MAX_PACK_BYTES {
        return Err(ReadError::TooLarge);
    }
    String::from_utf8(bytes).map_err(|_| ReadError::Unreadable("not valid UTF-8".to_owned()))
}

/// Joins a relative path onto a directory, resolving `.` and `..`; `None` if it climbs
/// above the root or is absolute.
pub(crate) fn join(dir: &str, path: &str) -> Option<String> {
    if path.starts_with('/') || path.contains('\\') || path.contains(':') {
        return None;
    }
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// Whether a listed path is acceptable: relative, `/`-separated, no drive letters.
pub(crate) fn valid_listed_path(path: &str) -> bool {
    !path.is_empty() && !path.starts_with('/') && !path.contains('\\') && !path.contains(':')
}

/// Reads `pack.toml` and every file it lists from `source`. Reading stops once the files
/// together pass [`MAX_PACK_BYTES`].
pub fn gather(source: &dyn PackSource) -> Result<PackFiles, PackError> {
    let too_large = |what: &str| format!("{what} is larger than {MAX_PACK_BYTES} bytes");
    let main = match source.read("pack.toml") {
        Ok(text) if text.len() > MAX_PACK_BYTES => Err(ReadError::TooLarge),
        other => other,
    }
    .map_err(|why| match why {
        ReadError::TooLarge => PackError::one(PackErrorKind::Limit, None, too_large("pack.toml")),
        ReadError::Unreadable(why) => {
            PackError::one(PackErrorKind::MissingFile, None, format!("cannot read pack.toml: {why}"))
        }
    })?;
    let doc = parse_toml("pack.toml", &main)?;
    let mut files = vec![("pack.toml".to_owned(), main)];
    let listed = doc.pack.as_ref().map(|m| m.get_ref().files.clone()).unwrap_or_default();
    let mut issues = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut total = files[0].1.len();
    for entry in listed {
        let path = entry.get_ref().clone();
        let at = locate("pack.toml", &files[0].1, entry.span());
        if !valid_listed_path(&path) {
            issues.push(issue(
                PackErrorKind::InvalidValue,
                at,
                format!("`{path}` must be a relative path with `/` separators"),
            ));
            continue;
        }
        if path == "pack.toml" || !seen.insert(path.clone()) {
            issues.push(issue(PackErrorKind::Duplicate, at, format!("`{path}` is listed twice")));
            continue;
        }
        if total > MAX_PACK_BYTES {
            break;
        }
        match source.read(&path) {
            Ok(text) => {
                total += text.len();
                files.push((path, text));
            }
            Err(ReadError::TooLarge) => issues.push(issue(PackErrorKind::Limit, at, too_large(&format!("`{path}`")))),
            Err(ReadError::Unreadable(why)) => {
                issues.push(issue(PackErrorKind::MissingFile, at, format!("cannot read `{path}`: {why}")))
            }
        }
    }
    if total > MAX_PACK_BYTES {
        issues.push(issue(PackErrorKind::Limit, None, too_large("the pack")));
    }
    if issues.is_empty() {
        Ok(PackFiles { files })
    } else {
        Err(PackError { issues })
    }
}

impl PackFiles {
    /// `sha256:<hex>` over the content, as `core/protocols/README.md` defines it.
    pub fn digest(&self) -> String {
        let mut h = Sha256::new();
        for (path, text) in &self.files {
            let text = text.replace("\r\n", "\n");
            h.update(path.as_bytes());
            h.update([0]);
            h.update(text.len().to_string().as_bytes());
            h.update([0]);
            h.update(text.as_bytes());
        }
        let out = h.finalize();
        let mut hex = String::with_capacity(7 + 64);
        hex.push_str("sha256:");
        for b in out {
            hex.push_str(&format!("{b:02x}"));
        }
        hex
    }
}

/// Parses one TOML file of a pack in two steps, so that the kind of a problem comes from
/// the step that found it, never from the wording of a message: TOML syntax first (to a
/// document that keeps every position), then the pack schema over that document.
pub fn parse_toml(path: &str, text: &str) -> Result<PackDoc, PackError> {
    use serde::Deserialize;
    let fail = |kind, e: toml::de::Error| PackError {
        issues: vec![issue_at(kind, path, text, e.span().unwrap_or(0..0), e.message().trim().to_owned())],
    };
    let document = toml::de::DeTable::parse(text).map_err(|e| fail(PackErrorKind::Syntax, e))?;
    PackDoc::deserialize(toml::de::Deserializer::from(document)).map_err(|e| fail(PackErrorKind::Schema, e))
}

/// Line and column (1-based, in characters) of a byte offset.
pub fn locate(path: &str, text: &str, span: Range<usize>) -> Option<Location> {
    let at = span.start.min(text.len());
    let at = (0..=at).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(0);
    let before = &text[..at];
    let line = before.matches('\n').count() as u32 + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..at].chars().count() as u32 + 1;
    Some(Location { file: path.to_owned(), line, column })
}

/// The line at `span` with a caret under it.
pub fn excerpt(text: &str, span: Range<usize>) -> Option<String> {
    let at = span.start.min(text.len());
    if !text.is_char_boundary(at) {
        return None;
    }
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let line = &text[line_start..line_end];
    let pad = text[line_start..at].chars().map(|c| if c == '\t' { '\t' } else { ' ' }).collect::<String>();
    // The end may fall inside a character (a span widened by one byte): back off to its start.
    let mut end = span.end.clamp(at, line_end);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let width = text[at..end].chars().count().max(1);
    Some(format!("  | {line}\n  | {pad}{}", "^".repeat(width)))
}

pub(crate) fn issue(kind: PackErrorKind, location: Option<Location>, message: String) -> PackIssue {
    PackIssue { kind, location, message, excerpt: None }
}

pub(crate) fn issue_at(kind: PackErrorKind, path: &str, text: &str, span: Range<usize>, message: String) -> PackIssue {
    PackIssue { kind, location: locate(path, text, span.clone()), message, excerpt: excerpt(text, span) }
}

/// Maps an offset inside a string *value* to the offset in the file of the TOML string
/// literal at `literal`, following escapes. Falls back to the literal's start.
pub fn value_offset(text: &str, literal: Range<usize>, value_offset: usize) -> usize {
    let Some(raw) = text.get(literal.clone()) else { return literal.start };
    let (open, escapes) = if raw.starts_with("\"\"\"") {
        (3, true)
    } else if raw.starts_with("'''") {
        (3, false)
    } else if raw.starts_with('"') {
        (1, true)
    } else if raw.starts_with('\'') {
        (1, false)
    } else {
        return literal.start;
    };
    let body = &raw[open..];
    let mut decoded = 0usize;
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if decoded >= value_offset {
            return literal.start + open + i;
        }
        if escapes && c == '\\' {
            let (_, e) = chars.next().unwrap_or((i, ' '));
            let (skip, produced) = match e {
                'u' => (4, 1),
                'U' => (8, 1),
                _ => (0, 1),
            };
            for _ in 0..skip {
                chars.next();
            }
            // An escape stands for one character of the value; count its UTF-8 length.
            decoded += produced;
        } else {
            decoded += c.len_utf8();
        }
    }
    literal.start
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "fs")]
    #[test]
    fn a_path_that_holds_no_pack_is_named_in_the_error() {
        let here = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
        for (path, why) in [
            (format!("{here}/no-such-pack"), "entity not found"),
            (here.to_owned(), "the directory holds no pack.toml"),
        ] {
            let e = DirSource::for_path(std::path::Path::new(&path)).unwrap_err();
            assert_eq!(e.to_string(), format!("missing_file: cannot read the pack at `{path}`: {why}"));
        }
        // A head file other than pack.toml is read in its place.
        let head = concat!(env!("CARGO_MANIFEST_DIR"), "/protocols/ilo-2009/pack.toml");
        assert!(DirSource::for_path(std::path::Path::new(head)).is_ok());
    }

    #[test]
    fn join_stays_inside() {
        assert_eq!(join("bih", "../ilo-2009/indicators.toml").as_deref(), Some("ilo-2009/indicators.toml"));
        assert_eq!(join("bih", "../../etc/passwd"), None);
        assert_eq!(join("bih", "/etc/passwd"), None);
    }

    /// Found by fuzzing `fuzz_condition`: an error span one byte wide that ends inside a
    /// character of a long condition.
    #[test]
    fn an_excerpt_never_cuts_a_character() {
        let text = "when = \"é\"\n";
        for end in 8..=11 {
            let e = excerpt(text, 8..end).unwrap();
            assert!(e.ends_with('^'), "{e}");
        }
        assert_eq!(excerpt(text, 9..10), None); // a start inside a character gives no excerpt
    }

    #[test]
    fn locations_are_one_based_in_characters() {
        let text = "a = 1\nčč = \"x\"\n";
        let loc = locate("f", text, 11..12).unwrap();
        assert_eq!((loc.line, loc.column), (2, 4));
    }

    #[test]
    fn offsets_follow_escapes() {
        let text = r#"when = "a == \"b\" and c""#;
        let lit = 7..text.len();
        // The value is `a == "b" and c`; `c` is at offset 13 of the value.
        let at = value_offset(text, lit, 13);
        assert_eq!(&text[at..at + 1], "c");
    }

    #[test]
    fn digest_ignores_line_endings() {
        let a = PackFiles { files: vec![("pack.toml".into(), "a\nb\n".into())] };
        let b = PackFiles { files: vec![("pack.toml".into(), "a\r\nb\r\n".into())] };
        assert_eq!(a.digest(), b.digest());
        assert!(a.digest().starts_with("sha256:"));
    }
}
