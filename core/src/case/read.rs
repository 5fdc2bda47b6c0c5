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

// ---------------------------------------------------------------------------
// Paths
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, Debug)]
enum Step {
    Root,
    Field(&'static str),
    Index(usize),
    /// An unknown key, by its position among the object's keys (from 0).
    Key(usize),
}

/// A place in the case: a step below the place above it. Building one writes two words;
/// its JSON path is formatted only when an error needs it.
#[derive(Clone, Copy, Debug)]
struct Place<'p> {
    up: Option<&'p Place<'p>>,
    step: Step,
}

const ROOT: Place<'static> = Place { up: None, step: Step::Root };

impl<'p> Place<'p> {
    fn below(&'p self, step: Step) -> Place<'p> {
        Place { up: Some(self), step }
    }
}

impl fmt::Display for Place<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(up) = self.up {
            up.fmt(f)?;
        }
        match self.step {
            Step::Root => f.write_str("$"),
            Step::Field(name) => write!(f, ".{name}"),
            Step::Index(i) => write!(f, "[{i}]"),
            Step::Key(k) => write!(f, "[key {k}]"),
        }
    }
}

// ---------------------------------------------------------------------------
// Shapes: what the reader expects at one place
// ---------------------------------------------------------------------------

/// Where an error goes, and the place being read.
struct At<'f> {
    found: &'f mut Option<CaseError>,
    place: Place<'f>,
}

impl At<'_> {
    fn reborrow(&mut self) -> At<'_> {
        At { found: &mut *self.found, place: self.place }
    }
    /// The place of field `name` inside this one.
    fn field(&mut self, name: &'static str) -> At<'_> {
        At { found: &mut *self.found, place: self.place.below(Step::Field(name)) }
    }
    /// Records `problem` and gives the deserializer's error for it.
    fn record<E: de::Error>(&mut self, problem: CaseError) -> E {
        let e = E::custom(&problem);
        *self.found = Some(problem);
        e
    }
    fn fail_below<E: de::Error>(&mut self, kind: CaseErrorKind, step: Step, message: impl Into<String>) -> E {
        let path = self.place.below(step).to_string();
        self.record(CaseError::new(kind, path, message))
    }
    fn fail<E: de::Error>(&mut self, kind: CaseErrorKind, message: impl Into<String>) -> E {
        let path = self.place.to_string();
        self.record(CaseError::new(kind, path, message))
    }
    fn schema<E: de::Error>(&mut self, message: impl Into<String>) -> E {
        self.fail(CaseErrorKind::Schema, message)
    }
    fn wrong<E: de::Error>(&mut self, expected: &str, found: &str) -> E {
        self.schema(format!("expected {expected}, found {found}"))
    }
    fn sink<E: de::Error>(&mut self, result: Result<(), CaseError>) -> Result<(), E> {
        result.map_err(|problem| self.record(problem))
    }
}

/// A scalar JSON value; `'t` is the life of a text the parser had to unescape.
enum Scalar<'t, 'de> {
    Null,
    Bool(bool),
    Unsigned(u64),
    Negative,
    Fraction,
    Str(&'t str),
    BorrowedStr(&'de str),
}

impl<'de> Scalar<'_, 'de> {
    fn type_name(&self) -> &'static str {
        match self {
            Scalar::Null => "null",
            Scalar::Bool(_) => "true or false",
            Scalar::Unsigned(_) => "a whole number",
            Scalar::Negative => "a negative number",
            Scalar::Fraction => "a number with a fraction or an exponent",
            Scalar::Str(_) | Scalar::BorrowedStr(_) => "a text",
        }
    }
    fn str(&self) -> Option<&str> {
        match self {
            Scalar::Str(s) => Some(s),
            Scalar::BorrowedStr(s) => Some(s),
            _ => None,
        }
    }
    fn text(self) -> Option<Text<'de>> {
        match self {
            Scalar::Str(s) => Some(Cow::Owned(s.to_owned())),
            Scalar::BorrowedStr(s) => Some(Cow::Borrowed(s)),
            _ => None,
        }
    }
}

/// One place of the schema: what it accepts, and what it makes of it.
trait Shape<'de>: Sized {
    type Out;
    /// The expected JSON type, in words ("a text").
    const EXPECTED: &'static str;
    fn at(&mut self) -> At<'_>;
    /// What `null` gives here, when it may stand for the value (an absent object or list).
    fn absent() -> Option<Self::Out> {
        None
    }
    fn scalar<E: de::Error>(mut self, v: Scalar<'_, 'de>) -> Result<Self::Out, E> {
        match (&v, Self::absent()) {
            (Scalar::Null, Some(out)) => Ok(out),
            _ => Err(self.at().wrong(Self::EXPECTED, v.type_name())),
        }
    }
    fn map<A: MapAccess<'de>>(mut self, _: A) -> Result<Self::Out, A::Error> {
        Err(self.at().wrong(Self::EXPECTED, "an object"))
    }
    fn seq<A: SeqAccess<'de>>(mut self, _: A) -> Result<Self::Out, A::Error> {
        Err(self.at().wrong(Self::EXPECTED, "a list"))
    }
}

/// A shape as a serde seed and visitor.
struct Visit<S>(S);

impl<'de, S: Shape<'de>> DeserializeSeed<'de> for Visit<S> {
    type Value = S::Out;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Out, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, S: Shape<'de>> Visitor<'de> for Visit<S> {
    type Value = S::Out;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(S::EXPECTED)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<S::Out, E> {
        self.0.scalar(Scalar::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<S::Out, E> {
        self.0.scalar(u64::try_from(v).map_or(Scalar::Negative, Scalar::Unsigned))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<S::Out, E> {
        self.0.scalar(Scalar::Unsigned(v))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<S::Out, E> {
        self.0
            .scalar(u64::try_from(v).map_or(if v < 0 { Scalar::Negative } else { Scalar::Fraction }, Scalar::Unsigned))
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<S::Out, E> {
        self.0.scalar(u64::try_from(v).map_or(Scalar::Fraction, Scalar::Unsigned))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<S::Out, E> {
        self.0.scalar(Scalar::Fraction)
    }
    fn visit_char<E: de::Error>(self, v: char) -> Result<S::Out, E> {
        self.0.scalar(Scalar::Str(v.encode_utf8(&mut [0; 4])))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<S::Out, E> {
        self.0.scalar(Scalar::Str(v))
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<S::Out, E> {
        self.0.scalar(Scalar::BorrowedStr(v))
    }
    fn visit_bytes<E: de::Error>(mut self, _: &[u8]) -> Result<S::Out, E> {
        Err(self.0.at().wrong(S::EXPECTED, "bytes"))
    }
    fn visit_unit<E: de::Error>(self) -> Result<S::Out, E> {
        self.0.scalar(Scalar::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<S::Out, E> {
        self.0.scalar(Scalar::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<S::Out, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<S::Out, A::Error> {
        self.0.seq(seq)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<S::Out, A::Error> {
        self.0.map(map)
    }
}

/// A text field; `None` for `null`.
struct TextShape<'f>(At<'f>);

impl<'de> Shape<'de> for TextShape<'_> {
    type Out = Option<Text<'de>>;
    const EXPECTED: &'static str = "a text";
    fn at(&mut self) -> At<'_> {
        self.0.reborrow()
    }
    fn scalar<E: de::Error>(mut self, v: Scalar<'_, 'de>) -> Result<Self::Out, E> {
        match v.str().map(str::len) {
            None if matches!(v, Scalar::Null) => Ok(None),
            None => Err(self.0.wrong(Self::EXPECTED, v.type_name())),
            Some(n) if n > MAX_TEXT => {
                Err(self.0.fail(CaseErrorKind::Limit, format!("a text may be at most {MAX_TEXT} bytes")))
            }
            Some(_) => Ok(v.text()),
        }
    }
}

/// A whole number of years.
struct YearsShape<'f>(At<'f>);

impl<'de> Shape<'de> for YearsShape<'_> {
    type Out = Option<u32>;
    const EXPECTED: &'static str = "a whole number of years";
    fn at(&mut self) -> At<'_> {
        self.0.reborrow()
    }
    fn scalar<E: de::Error>(mut self, v: Scalar<'_, 'de>) -> Result<Self::Out, E> {
        match v {
            Scalar::Null => Ok(None),
            Scalar::Unsigned(n) => {
                u32::try_from(n).map(Some).map_err(|_| self.0.wrong(Self::EXPECTED, "a larger number"))
            }
            other => Err(self.0.wrong(Self::EXPECTED, other.type_name())),
        }
    }
}

struct BoolShape<'f>(At<'f>);

impl<'de> Shape<'de> for BoolShape<'_> {
    type Out = Option<bool>;
    const EXPECTED: &'static str = "true or false";
    fn at(&mut self) -> At<'_> {
        self.0.reborrow()
    }
    fn scalar<E: de::Error>(mut self, v: Scalar<'_, 'de>) -> Result<Self::Out, E> {
        match v {
            Scalar::Null => Ok(None),
            Scalar::Bool(b) => Ok(Some(b)),
            other => Err(self.0.wrong(Self::EXPECTED, other.type_name())),
        }
    }
}

struct ValueShape<'f>(At<'f>);

impl<'de> Shape<'de> for ValueShape<'_> {
    type Out = Value<'de>;
    const EXPECTED: &'static str = "true, false, a whole number ≥ 0, a text or null";
    fn at(&mut self) -> At<'_> {
        self.0.reborrow()
    }
    fn scalar<E: de::Error>(mut self, v: Scalar<'_, 'de>) -> Result<Self::Out, E> {
        Ok(match v {
            Scalar::Null => Value::Unknown,
            Scalar::Bool(b) => Value::Bool(b),
            Scalar::Unsigned(n) => Value::Count(n),
            text @ (Scalar::Str(_) | Scalar::BorrowedStr(_)) => match TextShape(self.0).scalar(text)? {
                Some(t) => Value::Text(t),
                None => Value::Unknown,
            },
            other => return Err(self.0.wrong(Self::EXPECTED, other.type_name())),
        })
    }
}

struct DirectionShape<'f>(At<'f>);

impl<'de> Shape<'de> for DirectionShape<'_> {
    type Out = Option<Direction>;
    const EXPECTED: &'static str = "raise or lower";
    fn at(&mut self) -> At<'_> {
        self.0.reborrow()
    }
    fn scalar<E: de::Error>(mut self, v: Scalar<'_, 'de>) -> Result<Self::Out, E> {
        match (&v, v.str()) {
            (Scalar::Null, _) => Ok(None),
            (_, Some("raise")) => Ok(Some(Direction::Raise)),
            (_, Some("lower")) => Ok(Some(Direction::Lower)),
            (_, Some(_)) => Err(self.0.schema("expected raise or lower, found another text")),
            _ => Err(self.0.wrong(Self::EXPECTED, v.type_name())),
        }
    }
}

// ---------------------------------------------------------------------------
// Objects
// ---------------------------------------------------------------------------

/// A key of an object with the given fields: the field's index, or `None` when it is not
/// one of them.
struct Key(&'static [&'static str]);

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Option<usize>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<usize>, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = Option<usize>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }
    fn visit_str<E>(self, v: &str) -> Result<Option<usize>, E> {
        Ok(self.0.iter().position(|f| *f == v))
    }
    // JSON keys are texts; other formats' keys are simply not fields.
    fn visit_u64<E>(self, _: u64) -> Result<Option<usize>, E> {
        Ok(None)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Option<usize>, E> {
        Ok(None)
    }
    fn visit_bytes<E>(self, _: &[u8]) -> Result<Option<usize>, E> {
        Ok(None)
    }
}

/// An object's fields as they come: checks that each key is a known field and none comes
/// twice, and calls `each` with the field's index; returns the fields seen, as bits.
fn fields<'de, A: MapAccess<'de>>(
    map: &mut A,
    at: &mut At<'_>,
    names: &'static [&'static str],
    what: &str,
    mut each: impl FnMut(usize, &mut A, &mut At<'_>) -> Result<(), A::Error>,
) -> Result<u32, A::Error> {
    let mut seen = 0u32;
    let mut position = 0;
    while let Some(key) = map.next_key_seed(Key(names))? {
        let Some(i) = key else {
            let message = format!("unknown field; {what} has the fields {}", names.join(", "));
            return Err(at.fail_below(CaseErrorKind::Schema, Step::Key(position), message));
        };
        if seen & (1 << i) != 0 {
            return Err(at.field(names[i]).schema(format!("duplicate field `{}`", names[i])));
        }
        seen |= 1 << i;
        each(i, map, at)?;
        position += 1;
    }
    Ok(seen)
}

/// Refuses an object that lacks one of the `required` fields (indexes into `names`).
fn require<E: de::Error>(
    at: &mut At<'_>,
    seen: u32,
    names: &'static [&'static str],
    required: &[usize],
) -> Result<(), E> {
    match required.iter().find(|i| seen & (1 << **i) == 0) {
        Some(&i) => Err(at.field(names[i]).schema(format!("missing field `{}`", names[i]))),
        None => Ok(()),
    }
}

/// Reads the value of the field being read with `shape`.
fn value<'de, A: MapAccess<'de>, S: Shape<'de>>(map: &mut A, shape: S) -> Result<S::Out, A::Error> {
    map.next_value_seed(Visit(shape))
}

/// A field that must not be `null`.
fn given<T, E: de::Error>(v: Option<T>, at: &mut At<'_>, name: &'static str, expected: &str) -> Result<T, E> {
    match v {
        Some(v) => Ok(v),
        None => Err(at.field(name).schema(format!("expected {expected}, found null"))),
    }
}

const SUBJECT: &[&str] = &["birth_date", "age", "age_range", "appears_minor", "sex", "citizenship"];

struct SubjectShape<'f>(At<'f>);

impl<'de> Shape<'de> for SubjectShape<'_> {
    type Out = Option<Subject<'de>>;
    const EXPECTED: &'static str = "an object";
    fn at(&mut self) -> At<'_> {
        self.0.reborrow()
    }
    fn absent() -> Option<Self::Out> {
        Some(None)
    }
    fn map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<Self::Out, A::Error> {
        let mut s = Subject::default();
        fields(&mut map, &mut self.0, SUBJECT, "a subject", |i, map, at| {
            match i {
                0 => s.birth_date = value(map, TextShape(at.field(SUBJECT[0])))?,
                1 => s.age = value(map, YearsShape(at.field(SUBJECT[1])))?,
                2 => s.age_range = value(map, AgeRangeShape(at.field(SUBJECT[2])))?,
                3 => s.appears_minor = value(map, BoolShape(at.field(SUBJECT[3])))?,
                4 => s.sex = value(map, TextShape(at.field(SUBJECT[4])))?,
                _ => s.citizenship = value(map, TextShape(at.field(SUBJECT[5])))?,
            }
            Ok(())
        })?;
        Ok(Some(s))
    }
}

const AGE_RANGE: &[&str] = &["min", "max"];

struct AgeRangeShape<'f>(At<'f>);

impl<'de> Shape<'de> for AgeRangeShape<'_> {
    type Out = Option<(u32, u32)>;
    const EXPECTED: &'static str = "an object";
    fn at(&mut self) -> At<'_> {
        self.0.reborrow()
    }
    fn absent() -> Option<Self::Out> {
        Some(None)
    }
    fn map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<Self::Out, A::Error> {
        let (mut min, mut max) = (None, None);
        let seen = fields(&mut map, &mut self.0, AGE_RANGE, "an age range", |i, map, at| {
            let years = value(map, YearsShape(at.field(AGE_RANGE[i])))?;
            let years = given(years, at, AGE_RANGE[i], YearsShape::EXPECTED)?;
            if i == 0 {
                min = Some(years);
            } else {
                max = Some(years);
            }
            Ok(())
        })?;
        require(&mut self.0, seen, AGE_RANGE, &[0, 1])?;
        Ok(min.zip(max))
    }
}

const OVERRIDE: &[&str] = &["direction", "reason", "reviewer"];

struct OverrideShape<'f>(At<'f>);

impl<'de> Shape<'de> for OverrideShape<'_> {
    type Out = Option<Override<'de>>;
    const EXPECTED: &'static str = "an object";
    fn at(&mut self) -> At<'_> {
        self.0.reborrow()
    }
    fn absent() -> Option<Self::Out> {
        Some(None)
    }
    fn map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<Self::Out, A::Error> {
        let (mut direction, mut reason, mut reviewer) = (None, None, None);
        let seen = fields(&mut map, &mut self.0, OVERRIDE, "a discretionary override", |i, map, at| {
            match i {
                0 => {
                    let v = value(map, DirectionShape(at.field(OVERRIDE[0])))?;
                    direction = Some(given(v, at, OVERRIDE[0], DirectionShape::EXPECTED)?);
                }
                1 => reason = Some(text_field(map, at, OVERRIDE[1])?),
                _ => reviewer = Some(text_field(map, at, OVERRIDE[2])?),
            }
            Ok(())
        })?;
        require(&mut self.0, seen, OVERRIDE, &[0, 1, 2])?;
        match (direction, reason, reviewer) {
            (Some(direction), Some(reason), Some(reviewer)) => Ok(Some(Override { direction, reason, reviewer })),
            _ => Ok(None),
        }
    }
}

// ---------------------------------------------------------------------------
// Lists of entries
// ---------------------------------------------------------------------------

/// One kind of list entry: its fields and how it reaches the sink.
trait Entry<'de>: Sized {
    const LIST: &'static str;
    const NAMES: &'static [&'static str];
    const WHAT: &'static str;
    const REQUIRED: &'static [usize];
    /// The entry before any of its fields is read.
    fn empty() -> Self;
    /// Reads the value of field `NAMES[i]` into the entry.
    fn field<A: MapAccess<'de>>(&mut self, i: usize, map: &mut A, at: &mut At<'_>) -> Result<(), A::Error>;
    fn give<S: CaseSink<'de>>(self, sink: &mut S, index: usize) -> Result<(), CaseError>;
}

fn read_entry<'de, A: MapAccess<'de>, T: Entry<'de>>(map: &mut A, at: &mut At<'_>) -> Result<T, A::Error> {
    let mut entry = T::empty();
    let seen = fields(map, at, T::NAMES, T::WHAT, |i, map, at| entry.field(i, map, at))?;
    require(at, seen, T::NAMES, T::REQUIRED)?;
    Ok(entry)
}

/// A required text: present (checked by `require`) and not `null`.
fn text_field<'de, A: MapAccess<'de>>(map: &mut A, at: &mut At<'_>, name: &'static str) -> Result<Text<'de>, A::Error> {
    let v = value(map, TextShape(at.field(name)))?;
    given(v, at, name, "a text")
}

impl<'de> Entry<'de> for Observation<'de> {
    const LIST: &'static str = "observations";
    const NAMES: &'static [&'static str] = &["indicator", "value", "observed_at", "observed_by"];
    const WHAT: &'static str = "an observation";
    const REQUIRED: &'static [usize] = &[0];
    fn empty() -> Self {
        Observation { indicator: Cow::Borrowed(""), value: Value::Unknown, observed_at: None, observed_by: None }
    }
    fn field<A: MapAccess<'de>>(&mut self, i: usize, map: &mut A, at: &mut At<'_>) -> Result<(), A::Error> {
        let n = Self::NAMES;
        match i {
            0 => self.indicator = text_field(map, at, n[0])?,
            1 => self.value = value(map, ValueShape(at.field(n[1])))?,
            2 => self.observed_at = value(map, TextShape(at.field(n[2])))?,
            _ => self.observed_by = value(map, TextShape(at.field(n[3])))?,
        }
        Ok(())
    }
    fn give<S: CaseSink<'de>>(self, sink: &mut S, index: usize) -> Result<(), CaseError> {
        sink.observation(index, self)
    }
}

impl<'de> Entry<'de> for Event<'de> {
    const LIST: &'static str = "events";
    const NAMES: &'static [&'static str] = &["kind", "at", "by"];
    const WHAT: &'static str = "an event";
    const REQUIRED: &'static [usize] = &[0, 1];
    fn empty() -> Self {
        Event { kind: Cow::Borrowed(""), at: Cow::Borrowed(""), by: None }
    }
    fn field<A: MapAccess<'de>>(&mut self, i: usize, map: &mut A, at: &mut At<'_>) -> Result<(), A::Error> {
        let n = Self::NAMES;
        match i {
            0 => self.kind = text_field(map, at, n[0])?,
            1 => self.at = text_field(map, at, n[1])?,
            _ => self.by = value(map, TextShape(at.field(n[2])))?,
        }
        Ok(())
    }
    fn give<S: CaseSink<'de>>(self, sink: &mut S, index: usize) -> Result<(), CaseError> {
        sink.event(index, self)
    }
}

impl<'de> Entry<'de> for Consent<'de> {
    const LIST: &'static str = "consents";
    const NAMES: &'static [&'static str] = &["scope", "given", "at"];
    const WHAT: &'static str = "a consent";
    const REQUIRED: &'static [usize] = &[0, 1];
    fn empty() -> Self {
        Consent { scope: Cow::Borrowed(""), given: false, at: None }
    }
    fn field<A: MapAccess<'de>>(&mut self, i: usize, map: &mut A, at: &mut At<'_>) -> Result<(), A::Error> {
        let n = Self::NAMES;
        match i {
            0 => self.scope = text_field(map, at, n[0])?,
            1 => {
                let v = value(map, BoolShape(at.field(n[1])))?;
                self.given = given(v, at, n[1], BoolShape::EXPECTED)?;
            }
            _ => self.at = value(map, TextShape(at.field(n[2])))?,
        }
        Ok(())
    }
    fn give<S: CaseSink<'de>>(self, sink: &mut S, index: usize) -> Result<(), CaseError> {
        sink.consent(index, self)
    }
}

/// A list of entries, each handed to the sink once read.
struct ListShape<'f, 's, S, T> {
    at: At<'f>,
    sink: &'s mut S,
    entry: std::marker::PhantomData<T>,
}

impl<'de, S: CaseSink<'de>, T: Entry<'de>> Shape<'de> for ListShape<'_, '_, S, T> {
    type Out = ();
    const EXPECTED: &'static str = "a list of objects";
    fn at(&mut self) -> At<'_> {
        self.at.reborrow()
    }
    fn absent() -> Option<()> {
        Some(())
    }
    fn seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0;
        while let Some(entry) = seq.next_element_seed(EntrySeed::<T> {
            at: At { found: &mut *self.at.found, place: self.at.place.below(Step::Index(index)) },
            index,
            entry: std::marker::PhantomData,
        })? {
            self.at.sink(entry.give(self.sink, index))?;
            index += 1;
        }
        Ok(())
    }
}

/// The entry at `index`: refused unread past [`MAX_ENTRIES`].
struct EntrySeed<'f, T> {
    at: At<'f>,
    index: usize,
    entry: std::marker::PhantomData<T>,
}

impl<'de, T: Entry<'de>> DeserializeSeed<'de> for EntrySeed<'_, T> {
    type Value = T;
    fn deserialize<D: Deserializer<'de>>(mut self, d: D) -> Result<T, D::Error> {
        if self.index >= MAX_ENTRIES {
            let problem = CaseError::new(
                CaseErrorKind::Limit,
                format!("$.{}", T::LIST),
                format!("a list may have at most {MAX_ENTRIES} entries"),
            );
            return Err(self.at.record(problem));
        }
        d.deserialize_any(Visit(EntryShape::<T>(self.at, std::marker::PhantomData)))
    }
}

struct EntryShape<'f, T>(At<'f>, std::marker::PhantomData<T>);

impl<'de, T: Entry<'de>> Shape<'de> for EntryShape<'_, T> {
    type Out = T;
    const EXPECTED: &'static str = "an object";
    fn at(&mut self) -> At<'_> {
        self.0.reborrow()
    }
    fn map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<T, A::Error> {
        read_entry(&mut map, &mut self.0)
    }
}

// ---------------------------------------------------------------------------
// The case
// ---------------------------------------------------------------------------

const CASE: &[&str] = &[
    "id",
    "reported_at",
    "municipality",
    "reporter",
    "subject",
    "observations",
    "events",
    "consents",
    "discretionary_override",
];

struct CaseShape<'f, 's, S> {
    sink: &'s mut S,
    at: At<'f>,
}

/// Reads the list field `T::LIST` into the sink.
fn list<'de, A: MapAccess<'de>, S: CaseSink<'de>, T: Entry<'de>>(
    sink: &mut S,
    map: &mut A,
    at: &mut At<'_>,
) -> Result<(), A::Error> {
    value(map, ListShape::<S, T> { at: at.field(T::LIST), sink, entry: std::marker::PhantomData })
}

impl<'de, S: CaseSink<'de>> Shape<'de> for CaseShape<'_, '_, S> {
    type Out = ();
    const EXPECTED: &'static str = "an object (the case)";
    fn at(&mut self) -> At<'_> {
        self.at.reborrow()
    }
    fn map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let CaseShape { sink, mut at } = self;
        let seen = fields(&mut map, &mut at, CASE, "a case", |i, map, at| match i {
            0 | 1 => {
                let text = text_field(map, at, CASE[i])?;
                at.sink(if i == 0 { sink.id(text) } else { sink.reported_at(text) })
            }
            2 | 3 => match value(map, TextShape(at.field(CASE[i])))? {
                Some(text) => at.sink(if i == 2 { sink.municipality(text) } else { sink.reporter(text) }),
                None => Ok(()),
            },
            4 => match value(map, SubjectShape(at.field(CASE[4])))? {
                Some(subject) => at.sink(sink.subject(subject)),
                None => Ok(()),
            },
            5 => list::<A, S, Observation<'de>>(sink, map, at),
            6 => list::<A, S, Event<'de>>(sink, map, at),
            7 => list::<A, S, Consent<'de>>(sink, map, at),
            _ => match value(map, OverrideShape(at.field(CASE[8])))? {
                Some(decision) => at.sink(sink.discretionary_override(decision)),
                None => Ok(()),
            },
        })?;
        require(&mut at, seen, CASE, &[0, 1])
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Case, MAX_DEPTH, MAX_ENTRIES, MAX_TEXT};
    use super::*;

    const HEAD: &str = r#""id":"c","reported_at":"2026-01-01T10:00:00+01:00""#;

    fn refused(text: &str) -> CaseError {
        Case::from_json(text).expect_err(text)
    }

    #[test]
    fn a_value_never_reaches_the_error_text() {
        // Quotes, backticks and escapes were what got past the old scrubbing.
        for value in [r#""x\"MARKER""#, r#""x`MARKER`""#, r#""MAR\u004bER""#, r#"["MARKER"]"#, r#"{"MARKER":1}"#] {
            for place in [
                format!(r#"{{{HEAD},"subject":{{"age":{value}}}}}"#),
                format!(r#"{{{HEAD},"subject":{{"appears_minor":{value}}}}}"#),
                format!(r#"{{{HEAD},"subject":{{"age_range":{value}}}}}"#),
                format!(r#"{{{HEAD},"consents":[{{"scope":"s","given":{value}}}]}}"#),
                format!(r#"{{{HEAD},"discretionary_override":{{"direction":{value},"reason":"r","reviewer":"s"}}}}"#),
                format!(r#"{{{HEAD},"subject":{value}}}"#),
                format!(r#"{{{HEAD},"observations":{value}}}"#),
                format!(r#"{{{HEAD},"events":{value}}}"#),
                format!(r#"{{{HEAD},"discretionary_override":{value}}}"#),
            ] {
                let e = refused(&place);
                assert_eq!(e.kind, CaseErrorKind::Schema, "{place}: {e}");
                assert!(!format!("{e} {e:?}").contains("MARKER"), "{place}: {e}");
            }
        }
        let e = refused(r#"{"id":["MARKER"],"reported_at":"r"}"#);
        assert_eq!((e.kind, e.path.as_str()), (CaseErrorKind::Schema, "$.id"));
    }

    #[test]
    fn an_unknown_key_is_named_by_its_position() {
        let e = refused(&format!(r#"{{{HEAD},"subject":{{"age":3,"MARKER":1}}}}"#));
        assert_eq!(e.path, "$.subject[key 1]");
        assert!(e.message.starts_with("unknown field; a subject has the fields birth_date, age"), "{e}");
        let big = "MARKER".repeat(100_000);
        let e = refused(&format!(r#"{{{HEAD},"{big}":1}}"#));
        assert_eq!(e.path, "$[key 2]");
        assert!(!e.to_string().contains("MARKER") && e.to_string().len() < 300, "{e}");
        for (text, path) in [
            (format!(r#"{{{HEAD},"observations":[{{"indicator":"a"}},{{"MARKER":1}}]}}"#), "$.observations[1][key 0]"),
            (
                format!(r#"{{{HEAD},"subject":{{"age_range":{{"min":1,"max":2,"MARKER":3}}}}}}"#),
                "$.subject.age_range[key 2]",
            ),
            (format!(r#"{{{HEAD},"events":[{{"kind":"k","MARKER":1}}]}}"#), "$.events[0][key 1]"),
            (format!(r#"{{{HEAD},"consents":[{{"MARKER":1}}]}}"#), "$.consents[0][key 0]"),
            (format!(r#"{{{HEAD},"discretionary_override":{{"MARKER":1}}}}"#), "$.discretionary_override[key 0]"),
        ] {
            assert_eq!(refused(&text).path, path, "{text}");
        }
    }

    #[test]
    fn duplicate_and_missing_fields_name_the_field() {
        let e = refused(&format!(r#"{{{HEAD},"subject":{{"age":3,"age":4}}}}"#));
        assert_eq!((e.path.as_str(), e.message.as_str()), ("$.subject.age", "duplicate field `age`"));
        let e = refused(r#"{"id":"c"}"#);
        assert_eq!((e.path.as_str(), e.message.as_str()), ("$.reported_at", "missing field `reported_at`"));
        let e = refused(&format!(r#"{{{HEAD},"events":[{{"kind":"k"}}]}}"#));
        assert_eq!(e.path, "$.events[0].at");
        let e = refused(&format!(r#"{{{HEAD},"consents":[{{"scope":"s","given":null}}]}}"#));
        assert_eq!(e.path, "$.consents[0].given");
    }

    #[test]
    fn nesting_is_read_to_the_documented_depth_and_no_further() {
        // The case object is level 1, its list 2, an entry 3: the value's brackets start
        // at level 4.
        let nested = |levels: usize| {
            let n = levels - 3;
            format!(r#"{{{HEAD},"observations":[{{"indicator":"a","value":{}{}}}]}}"#, "[".repeat(n), "]".repeat(n))
        };
        let e = refused(&nested(MAX_DEPTH));
        assert_eq!((e.kind, e.path.as_str()), (CaseErrorKind::Schema, "$.observations[0].value"), "{e}");
        let e = refused(&nested(MAX_DEPTH + 1));
        assert_eq!(e.kind, CaseErrorKind::Limit, "{e}");
        assert!(e.message.starts_with("the JSON is nested deeper than 128 levels"), "{e}");
        let e = refused(&nested(100_000));
        assert_eq!(e.kind, CaseErrorKind::Limit, "{e}");
        // Not JSON at all wins over the shape problem met first.
        let e = refused(r#"{"id":7,"reported_at":"r","x":[}"#);
        assert_eq!(e.kind, CaseErrorKind::Syntax, "{e}");
    }

    #[test]
    fn every_text_field_is_limited_as_it_is_read() {
        let ok = "x".repeat(MAX_TEXT);
        let long = "x".repeat(MAX_TEXT + 1);
        let places = |t: &str| {
            vec![
                (format!(r#"{{"id":"{t}","reported_at":"r"}}"#), "$.id"),
                (format!(r#"{{"id":"c","reported_at":"{t}"}}"#), "$.reported_at"),
                (format!(r#"{{{HEAD},"municipality":"{t}"}}"#), "$.municipality"),
                (format!(r#"{{{HEAD},"reporter":"{t}"}}"#), "$.reporter"),
                (format!(r#"{{{HEAD},"subject":{{"birth_date":"{t}"}}}}"#), "$.subject.birth_date"),
                (format!(r#"{{{HEAD},"subject":{{"sex":"{t}"}}}}"#), "$.subject.sex"),
                (format!(r#"{{{HEAD},"subject":{{"citizenship":"{t}"}}}}"#), "$.subject.citizenship"),
                (format!(r#"{{{HEAD},"observations":[{{"indicator":"{t}"}}]}}"#), "$.observations[0].indicator"),
                (
                    format!(r#"{{{HEAD},"observations":[{{"indicator":"a","value":"{t}"}}]}}"#),
                    "$.observations[0].value",
                ),
                (
                    format!(r#"{{{HEAD},"observations":[{{"indicator":"a","observed_at":"{t}"}}]}}"#),
                    "$.observations[0].observed_at",
                ),
                (
                    format!(r#"{{{HEAD},"observations":[{{"indicator":"a","observed_by":"{t}"}}]}}"#),
                    "$.observations[0].observed_by",
                ),
                (format!(r#"{{{HEAD},"events":[{{"kind":"{t}","at":"a"}}]}}"#), "$.events[0].kind"),
                (format!(r#"{{{HEAD},"events":[{{"kind":"k","at":"{t}"}}]}}"#), "$.events[0].at"),
                (format!(r#"{{{HEAD},"events":[{{"kind":"k","at":"a","by":"{t}"}}]}}"#), "$.events[0].by"),
                (format!(r#"{{{HEAD},"consents":[{{"scope":"{t}","given":true}}]}}"#), "$.consents[0].scope"),
                (format!(r#"{{{HEAD},"consents":[{{"scope":"s","given":true,"at":"{t}"}}]}}"#), "$.consents[0].at"),
                (
                    format!(
                        r#"{{{HEAD},"discretionary_override":{{"direction":"raise","reason":"{t}","reviewer":"s"}}}}"#
                    ),
                    "$.discretionary_override.reason",
                ),
                (
                    format!(
                        r#"{{{HEAD},"discretionary_override":{{"direction":"raise","reason":"r","reviewer":"{t}"}}}}"#
                    ),
                    "$.discretionary_override.reviewer",
                ),
            ]
        };
        for (text, _) in places(&ok) {
            assert!(Case::from_json(&text).is_ok(), "{text}");
        }
        for (text, path) in places(&long) {
            let e = refused(&text);
            assert_eq!((e.kind, e.path.as_str()), (CaseErrorKind::Limit, path));
            // The same case built in code is refused the same way when it is assessed.
            let mut built = Case::from_json(&text.replace(&long, "y")).unwrap();
            set_text(&mut built, path, &long);
            assert_eq!(built.check_limits().unwrap_err().path, path);
        }
    }

    /// Sets the text at `path` in a case built in code (where serde refuses it).
    fn set_text(c: &mut Case, path: &str, t: &str) {
        let t = t.to_owned();
        match path {
            "$.id" => c.id = t,
            "$.reported_at" => c.reported_at = t,
            "$.municipality" => c.municipality = Some(t),
            "$.reporter" => c.reporter = Some(t),
            "$.subject.birth_date" => c.subject.birth_date = Some(t),
            "$.subject.sex" => c.subject.sex = Some(t),
            "$.subject.citizenship" => c.subject.citizenship = Some(t),
            "$.observations[0].indicator" => c.observations[0].indicator = t,
            "$.observations[0].value" => c.observations[0].value = super::super::ObservedValue::Text(t),
            "$.observations[0].observed_at" => c.observations[0].observed_at = Some(t),
            "$.observations[0].observed_by" => c.observations[0].observed_by = Some(t),
            "$.events[0].kind" => c.events[0].kind = t,
            "$.events[0].at" => c.events[0].at = t,
            "$.events[0].by" => c.events[0].by = Some(t),
            "$.consents[0].scope" => c.consents[0].scope = t,
            "$.consents[0].at" => c.consents[0].at = Some(t),
            "$.discretionary_override.reason" => c.discretionary_override.as_mut().unwrap().reason = t,
            _ => c.discretionary_override.as_mut().unwrap().reviewer = t,
        }
    }

    #[test]
    fn lists_stop_at_the_entry_limit() {
        let entries = |n: usize| vec![r#"{"indicator":"a"}"#; n].join(",");
        assert_eq!(
            Case::from_json(&format!(r#"{{{HEAD},"observations":[{}]}}"#, entries(MAX_ENTRIES)))
                .unwrap()
                .observations
                .len(),
            MAX_ENTRIES
        );
        let e = refused(&format!(r#"{{{HEAD},"observations":[{}]}}"#, entries(MAX_ENTRIES + 1)));
        assert_eq!((e.kind, e.path.as_str()), (CaseErrorKind::Limit, "$.observations"));
    }

    #[test]
    fn null_is_absent_wherever_a_field_is_optional() {
        let c = Case::from_json(&format!(
            r#"{{{HEAD},"municipality":null,"subject":null,"observations":null,"events":null,"consents":null,"discretionary_override":null}}"#
        ))
        .unwrap();
        assert_eq!(c, Case { id: "c".into(), reported_at: "2026-01-01T10:00:00+01:00".into(), ..Case::default() });
        let c =
            Case::from_json(&format!(r#"{{{HEAD},"subject":{{"age":null,"age_range":null,"sex":null}}}}"#)).unwrap();
        assert_eq!(c.subject, super::super::Subject::default());
    }

    #[test]
    fn bytes_that_are_not_utf8_are_a_syntax_error_with_their_place() {
        let e = Case::from_json_bytes(b"{\"id\":\n \"\x80\xff\"}").unwrap_err();
        assert_eq!(
            (e.kind, e.message.as_str()),
            (CaseErrorKind::Syntax, "the text is not valid UTF-8 (line 2, column 3)")
        );
    }

    #[test]
    fn texts_without_escapes_are_lent_to_the_sink() {
        #[derive(Default)]
        struct Borrowed(Vec<bool>);
        impl<'de> CaseSink<'de> for Borrowed {
            fn id(&mut self, id: Text<'de>) -> Result<(), CaseError> {
                self.0.push(matches!(id, Cow::Borrowed(_)));
                Ok(())
            }
            fn reported_at(&mut self, _: Text<'de>) -> Result<(), CaseError> {
                Ok(())
            }
            fn municipality(&mut self, m: Text<'de>) -> Result<(), CaseError> {
                self.0.push(matches!(m, Cow::Borrowed(_)));
                Ok(())
            }
            fn reporter(&mut self, _: Text<'de>) -> Result<(), CaseError> {
                Ok(())
            }
            fn subject(&mut self, _: Subject<'de>) -> Result<(), CaseError> {
                Ok(())
            }
            fn observation(&mut self, i: usize, _: Observation<'de>) -> Result<(), CaseError> {
                if i == 1 {
                    return Err(CaseError::new(CaseErrorKind::UnknownIndicator, "$.observations[1].indicator", "no"));
                }
                Ok(())
            }
            fn event(&mut self, _: usize, _: Event<'de>) -> Result<(), CaseError> {
                Ok(())
            }
            fn consent(&mut self, _: usize, _: Consent<'de>) -> Result<(), CaseError> {
                Ok(())
            }
            fn discretionary_override(&mut self, _: Override<'de>) -> Result<(), CaseError> {
                Ok(())
            }
        }
        let mut sink = Borrowed::default();
        read(r#"{"id":"plain","reported_at":"r","municipality":"Tuzla\u0020"}"#, &mut sink).unwrap();
        assert_eq!(sink.0, [true, false]);
        // A sink's error stops reading and is returned as it is.
        let text = format!(r#"{{{HEAD},"observations":[{{"indicator":"a"}},{{"indicator":"b"}},{{"x":1}}]}}"#);
        let e = read(&text, &mut Borrowed::default()).unwrap_err();
        assert_eq!(e.kind, CaseErrorKind::UnknownIndicator);
    }
}
