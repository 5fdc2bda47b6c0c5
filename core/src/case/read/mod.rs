//! Reading case JSON: one pass over borrowed text that hands every field, and every entry
//! of a list, to a [`CaseSink`]. [`Case::from_json`](super::Case::from_json) is this
//! reader with a sink that builds a [`Case`](super::Case); a sink may just as well bind
//! the values somewhere else without building one.
//!
//! Error text is built only from the error's category, its JSON path and the schema's own
//! words (field names, expected types). Nothing derived from the input reaches it: not a
//! value, not the name of an unknown key (its position is given instead, `$.subject[key
//! 3]`, with the keys that are expected), not a message of the JSON parser. Limits are
//! counted while reading: the text's size before anything else, each text field's bytes as
//! it is read, each list's entries before the next one is read, the nesting depth.
//!
//! When a text fails in more than one way, the first of these wins: not valid JSON
//! (`case.syntax`) or nested too deep (`case.limit`), then the first problem in reading
//! order — a shape problem (`case.schema`), a size limit (`case.limit`) or the sink's own
//! error.

use super::{Direction, MAX_CASE_BYTES, MAX_DEPTH, MAX_ENTRIES, MAX_TEXT};
use crate::error::{CaseError, CaseErrorKind};
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;

mod list;
mod object;
mod path;
mod shape;
#[cfg(test)]
mod tests;

use list::*;
use object::*;
use path::*;
use shape::*;

/// A text as read: borrowed from the JSON when it holds no escapes, owned otherwise.
pub type Text<'de> = Cow<'de, str>;

/// An observed value as read (or as given to a [`crate::CaseBuilder`], as `Observed`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value<'de> {
    /// Present (`true`) or absent (`false`).
    Bool(bool),
    /// A whole number ≥ 0.
    Count(u64),
    /// One of an enum indicator's values.
    Text(Text<'de>),
    /// `null`, or no `value` field: asked, not known.
    Unknown,
}

/// The subject as read: every field that was given (and not `null`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Subject<'de> {
    pub birth_date: Option<Text<'de>>,
    pub age: Option<u32>,
    /// `(min, max)`.
    pub age_range: Option<(u32, u32)>,
    pub appears_minor: Option<bool>,
    pub sex: Option<Text<'de>>,
    pub citizenship: Option<Text<'de>>,
}

/// One entry of `observations`, as read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Observation<'de> {
    pub indicator: Text<'de>,
    pub value: Value<'de>,
    pub observed_at: Option<Text<'de>>,
    pub observed_by: Option<Text<'de>>,
}

/// One entry of `events`, as read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event<'de> {
    pub kind: Text<'de>,
    pub at: Text<'de>,
    pub by: Option<Text<'de>>,
}

/// One entry of `consents`, as read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Consent<'de> {
    pub scope: Text<'de>,
    pub given: bool,
    pub at: Option<Text<'de>>,
}

/// The discretionary override, as read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Override<'de> {
    pub direction: Direction,
    pub reason: Text<'de>,
    pub reviewer: Text<'de>,
}

/// Receives a case as it is read, in the order of the text. Each method is called at most
/// once per field (the reader refuses duplicate keys), the entry methods once per entry
/// with its index; fields given as `null` or not given are not delivered. Every value has
/// already passed the reader's checks: its JSON type, the text limit, the entry limit.
/// The reader checks that `id` and `reported_at` are present only after the case's last
/// field, so a sink must not assume them before the reader returns.
///
/// An error returned here stops reading; the reader returns it (unless the text turns out
/// not to be JSON, which is reported first). Errors name their JSON path, for an entry
/// `$.observations[index]...`, and never repeat a value.
pub trait CaseSink<'de> {
    /// `$.id`: the pseudonymous id.
    fn id(&mut self, id: Text<'de>) -> Result<(), CaseError>;
    /// `$.reported_at`: RFC 3339 text, not parsed yet.
    fn reported_at(&mut self, at: Text<'de>) -> Result<(), CaseError>;
    /// `$.municipality`.
    fn municipality(&mut self, name: Text<'de>) -> Result<(), CaseError>;
    /// `$.reporter`: a role id of the pack, not checked yet.
    fn reporter(&mut self, role: Text<'de>) -> Result<(), CaseError>;
    /// `$.subject`, whole, once its object has been read.
    fn subject(&mut self, subject: Subject<'de>) -> Result<(), CaseError>;
    /// `$.observations[index]`, once the entry's object has been read.
    fn observation(&mut self, index: usize, observation: Observation<'de>) -> Result<(), CaseError>;
    /// `$.events[index]`.
    fn event(&mut self, index: usize, event: Event<'de>) -> Result<(), CaseError>;
    /// `$.consents[index]`.
    fn consent(&mut self, index: usize, consent: Consent<'de>) -> Result<(), CaseError>;
    /// `$.discretionary_override`.
    fn discretionary_override(&mut self, decision: Override<'de>) -> Result<(), CaseError>;
}

/// Whether `key` is the name of a field somewhere in the case schema. Front ends that
/// find a fault before the reader does (a Python value with no JSON form) name such a key
/// in the path and any other key by its position, as the reader does.
///
/// ```
/// assert!(putokaz::is_schema_key("observed_at") && !putokaz::is_schema_key("name"));
/// ```
pub fn is_schema_key(key: &str) -> bool {
    [CASE, SUBJECT, AGE_RANGE, OVERRIDE, Observation::NAMES, Event::NAMES, Consent::NAMES]
        .iter()
        .any(|names| names.contains(&key))
}

/// Checks that bytes are a case's text: at most [`MAX_CASE_BYTES`], valid UTF-8. Bytes
/// that are not UTF-8 are `case.syntax`, with the line and column of the first bad byte.
pub fn utf8(bytes: &[u8]) -> Result<&str, CaseError> {
    too_large(bytes.len())?;
    std::str::from_utf8(bytes).map_err(|e| {
        let good = &bytes[..e.valid_up_to()];
        let line = 1 + good.iter().filter(|b| **b == b'\n').count();
        let column = 1 + good.iter().rev().take_while(|b| **b != b'\n').count();
        CaseError::new(
            CaseErrorKind::Syntax,
            "$",
            format!("the text is not valid UTF-8 (line {line}, column {column})"),
        )
    })
}

fn too_large(len: usize) -> Result<(), CaseError> {
    if len > MAX_CASE_BYTES {
        return Err(CaseError::new(CaseErrorKind::Limit, "$", format!("a case may be at most {MAX_CASE_BYTES} bytes")));
    }
    Ok(())
}

/// Reads one case from JSON text into `sink`.
pub fn read<'de, S: CaseSink<'de>>(text: &'de str, sink: &mut S) -> Result<(), CaseError> {
    too_large(text.len())?;
    let mut de = serde_json::Deserializer::from_str(text);
    let mut found = None;
    match from_deserializer(&mut de, sink, &mut found).and_then(|()| de.end()) {
        Ok(()) => Ok(()),
        // Reading stopped at a problem; whether the text is JSON at all decides first.
        Err(e) => Err(match found {
            Some(problem) => scan(text).err().unwrap_or(problem),
            None => syntax(&e),
        }),
    }
}

/// Reads one case from any serde deserializer into `sink`. The problem found is left in
/// `found` (the deserializer's error then carries the same text). No size limit applies
/// here, and no syntax check of the rest of the input: [`read`] adds both.
pub fn from_deserializer<'de, D: Deserializer<'de>, S: CaseSink<'de>>(
    d: D,
    sink: &mut S,
    found: &mut Option<CaseError>,
) -> Result<(), D::Error> {
    Visit(CaseShape { sink, at: At { found, place: ROOT } }).deserialize(d)
}

fn syntax(e: &serde_json::Error) -> CaseError {
    let what = match e.classify() {
        serde_json::error::Category::Eof => "the JSON ends too early",
        _ => "the text is not valid JSON",
    };
    CaseError::new(CaseErrorKind::Syntax, "$", format!("{what} (line {}, column {})", e.line(), e.column()))
}

/// The whole text as JSON with nothing kept: a syntax error, or nesting deeper than
/// [`MAX_DEPTH`].
fn scan(text: &str) -> Result<(), CaseError> {
    let mut de = serde_json::Deserializer::from_str(text);
    // `Skip` counts the depth itself, to the documented limit exactly.
    de.disable_recursion_limit();
    Skip(1).deserialize(&mut de).and_then(|()| de.end()).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => CaseError::new(
            CaseErrorKind::Limit,
            "$",
            format!("the JSON is nested deeper than {MAX_DEPTH} levels (line {}, column {})", e.line(), e.column()),
        ),
        _ => syntax(&e),
    })
}

/// Any JSON value at nesting level `.0` (the outermost value is at level 1).
struct Skip(usize);

impl<'de> DeserializeSeed<'de> for Skip {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Skip {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        if self.0 > MAX_DEPTH {
            return Err(de::Error::custom("nested too deeply"));
        }
        while seq.next_element_seed(Skip(self.0 + 1))?.is_some() {}
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        if self.0 > MAX_DEPTH {
            return Err(de::Error::custom("nested too deeply"));
        }
        while map.next_key::<IgnoredAny>()?.is_some() {
            map.next_value_seed(Skip(self.0 + 1))?;
        }
        Ok(())
    }
}
