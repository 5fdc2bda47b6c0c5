//! The case: what was observed about one person, with no names or addresses. Anything
//! unknown is simply absent (or `null`). This module reads case JSON and checks a case
//! against a protocol; errors name the JSON path and never repeat a value.

use crate::error::{CaseError, CaseErrorKind};
use serde::{Deserialize, Serialize};

/// Largest case JSON accepted, in bytes.
pub const MAX_CASE_BYTES: usize = 1024 * 1024;
/// Most observations, events or consents in one case.
pub const MAX_ENTRIES: usize = 4096;
/// Longest text field (ids, names, reasons), in bytes.
pub const MAX_TEXT: usize = 4096;
/// Oldest age accepted.
pub const MAX_AGE: u32 = 130;
/// The values `subject.sex` may take.
pub const SEXES: [&str; 3] = ["female", "male", "other"];

/// One case.
///
/// ```
/// let case = putokaz::Case::from_json(r#"{
///   "id": "jajce-2026-0007",
///   "reported_at": "2026-03-02T09:15:00+01:00",
///   "municipality": "Jajce",
///   "reporter": "school",
///   "subject": { "age": 11, "sex": "female", "citizenship": "BA" },
///   "observations": [ { "indicator": "forced_begging", "value": true } ]
/// }"#).unwrap();
/// assert_eq!(case.observations.len(), 1);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// A pseudonymous id, never a name.
    pub id: String,
    /// When the case was first reported (RFC 3339 with offset).
    pub reported_at: String,
    /// The municipality where the case is handled, as the routing table names it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub municipality: Option<String>,
    /// The institution type that reported (a role id of the pack, such as `school`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reporter: Option<String>,
    /// The person the case is about.
    #[serde(default, deserialize_with = "objects::one")]
    pub subject: Subject,
    /// What was observed.
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "objects::list")]
    pub observations: Vec<Observation>,
    /// What has happened since the report: notifications made, a guardian appointed, ...
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "objects::list")]
    pub events: Vec<Event>,
    /// Consents given or refused.
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "objects::list")]
    pub consents: Vec<Consent>,
    /// A worker's documented decision to move the level one step.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "objects::optional")]
    pub discretionary_override: Option<DiscretionaryOverride>,
}

/// The person the case is about. Give at most one of `birth_date`, `age`, `age_range`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Subject {
    /// `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<String>,
    /// Age in whole years.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age: Option<u32>,
    /// An estimated age range, in whole years.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "objects::optional")]
    pub age_range: Option<AgeRange>,
    /// Whether there are reasons to believe the person is a child (when the age is
    /// unknown or uncertain).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appears_minor: Option<bool>,
    /// `female`, `male` or `other`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sex: Option<String>,
    /// ISO 3166-1 alpha-2 code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub citizenship: Option<String>,
}

/// An estimated age range, in whole years.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgeRange {
    /// The youngest the person may be.
    pub min: u32,
    /// The oldest the person may be.
    pub max: u32,
}

/// An observed value: `true`/`false`, a whole number, a text, or `null` (asked, not known).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum ObservedValue {
    /// Present (`true`) or absent (`false`).
    Bool(bool),
    /// A whole number ≥ 0.
    Count(u64),
    /// One of an enum indicator's values.
    Text(String),
    /// `null`: asked, not known.
    Unknown(()),
}

/// Read by type, in one pass (serde's `untagged` would buffer the value and try each
/// variant in turn, building an error for every miss).
impl<'de> Deserialize<'de> for ObservedValue {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<ObservedValue, D::Error> {
        use serde::de::{Error, IgnoredAny, MapAccess, SeqAccess, Visitor};
        const EXPECTED: &str = "expected true, false, a whole number ≥ 0, a text or null";

        struct Value;
        impl<'de> Visitor<'de> for Value {
            type Value = ObservedValue;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(EXPECTED)
            }
            fn visit_bool<E: Error>(self, v: bool) -> Result<ObservedValue, E> {
                Ok(ObservedValue::Bool(v))
            }
            fn visit_u64<E: Error>(self, v: u64) -> Result<ObservedValue, E> {
                Ok(ObservedValue::Count(v))
            }
            fn visit_i64<E: Error>(self, v: i64) -> Result<ObservedValue, E> {
                u64::try_from(v).map(ObservedValue::Count).map_err(|_| E::custom(EXPECTED))
            }
            fn visit_f64<E: Error>(self, _: f64) -> Result<ObservedValue, E> {
                Err(E::custom(EXPECTED))
            }
            fn visit_str<E: Error>(self, v: &str) -> Result<ObservedValue, E> {
                Ok(ObservedValue::Text(v.to_owned()))
            }
            fn visit_string<E: Error>(self, v: String) -> Result<ObservedValue, E> {
                Ok(ObservedValue::Text(v))
            }
            fn visit_unit<E: Error>(self) -> Result<ObservedValue, E> {
                Ok(ObservedValue::Unknown(()))
            }
            fn visit_none<E: Error>(self) -> Result<ObservedValue, E> {
                Ok(ObservedValue::Unknown(()))
            }
            fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<ObservedValue, D::Error> {
                d.deserialize_any(self)
            }
            // A list or an object is read to its end first (as values, which keeps the
            // parser's depth limit), so that a malformed or too deeply nested one is
            // reported as such.
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ObservedValue, A::Error> {
                while seq.next_element::<serde_json::Value>()?.is_some() {}
                Err(A::Error::custom(EXPECTED))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ObservedValue, A::Error> {
                while map.next_entry::<IgnoredAny, serde_json::Value>()?.is_some() {}
                Err(A::Error::custom(EXPECTED))
            }
        }
        d.deserialize_any(Value)
    }
}

impl Default for ObservedValue {
    fn default() -> Self {
        ObservedValue::Unknown(())
    }
}

/// One observation of an indicator.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Observation {
    /// The indicator's id.
    pub indicator: String,
    /// The value observed.
    #[serde(default)]
    pub value: ObservedValue,
    /// When it was observed (RFC 3339 with offset).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub observed_at: Option<String>,
    /// The institution type that observed it (a role id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub observed_by: Option<String>,
}

/// Something that happened: a notification made, a guardian appointed, a placement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// An event kind of the pack.
    pub kind: String,
    /// RFC 3339 with offset.
    pub at: String,
    /// The role that acted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
}

/// A consent given or refused by the person (or for a child, see the pack).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Consent {
    /// A consent scope of the pack (for example `roma_mediator`).
    pub scope: String,
    /// Whether it was given.
    pub given: bool,
    /// When it was recorded (RFC 3339 with offset).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
}

/// Which way a discretionary override moves the level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// One level up.
    Raise,
    /// One level down (never below a policy floor).
    Lower,
}

/// A worker's documented decision to move the level one step, approved by a reviewer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiscretionaryOverride {
    /// Up or down.
    pub direction: Direction,
    /// Why, in the worker's words.
    pub reason: String,
    /// Who reviewed and approved it.
    pub reviewer: String,
}

impl Case {
    /// Reads a case from JSON. Unknown fields, wrong types and malformed JSON are errors
    /// naming the path.
    pub fn from_json(text: &str) -> Result<Case, CaseError> {
        if text.len() > MAX_CASE_BYTES {
            return Err(CaseError::new(
                CaseErrorKind::Limit,
                "$",
                format!("a case may be at most {MAX_CASE_BYTES} bytes"),
            ));
        }
        // Read untracked first; only a case that fails is read again, tracking the path
        // for the error.
        let mut de = serde_json::Deserializer::from_str(text);
        if let Ok(case) = objects::one::<_, Case>(&mut de) {
            if de.end().is_ok() {
                case.check_limits()?;
                return Ok(case);
            }
        }
        let mut de = serde_json::Deserializer::from_str(text);
        let mut track = serde_path_to_error::Track::new();
        let result: Result<Case, serde_json::Error> =
            objects::one(serde_path_to_error::Deserializer::new(&mut de, &mut track));
        let case = result.map_err(|inner| {
            let path = json_path(&track.path().to_string());
            let kind = match inner.classify() {
                serde_json::error::Category::Data => CaseErrorKind::Schema,
                _ => CaseErrorKind::Syntax,
            };
            // A syntax error has no trustworthy path (the parser stopped inside a value);
            // its line and column say where.
            let path = if kind == CaseErrorKind::Syntax { "$".to_owned() } else { path };
            let message =
                if kind == CaseErrorKind::Syntax { syntax_message(&inner) } else { sanitize(&inner.to_string()) };
            CaseError::new(kind, path, message)
        })?;
        de.end().map_err(|e| CaseError::new(CaseErrorKind::Syntax, "$", syntax_message(&e)))?;
        case.check_limits()?;
        Ok(case)
    }

    /// The case as JSON (fields in a fixed order, absent values left out).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    fn check_limits(&self) -> Result<(), CaseError> {
        let lists = [
            ("$.observations", self.observations.len()),
            ("$.events", self.events.len()),
            ("$.consents", self.consents.len()),
        ];
        for (path, n) in lists {
            if n > MAX_ENTRIES {
                return Err(CaseError::new(CaseErrorKind::Limit, path, format!("at most {MAX_ENTRIES} entries")));
            }
        }
        let mut texts: Vec<(String, &str)> =
            vec![("$.id".into(), &self.id), ("$.reported_at".into(), &self.reported_at)];
        if let Some(m) = &self.municipality {
            texts.push(("$.municipality".into(), m));
        }
        if let Some(d) = &self.discretionary_override {
            texts.push(("$.discretionary_override.reason".into(), &d.reason));
            texts.push(("$.discretionary_override.reviewer".into(), &d.reviewer));
        }
        for (i, o) in self.observations.iter().enumerate() {
            texts.push((format!("$.observations[{i}].indicator"), &o.indicator));
            if let ObservedValue::Text(t) = &o.value {
                texts.push((format!("$.observations[{i}].value"), t));
            }
        }
        for (path, t) in texts {
            if t.len() > MAX_TEXT {
                return Err(CaseError::new(CaseErrorKind::Limit, path, format!("text longer than {MAX_TEXT} bytes")));
            }
        }
        Ok(())
    }
}

/// Serde's derived structs also read a JSON array, by position. A case and its parts
/// are only ever objects, so these read them through `deserialize_map`.
mod objects {
    use serde::de::{value::MapAccessDeserializer, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
    use serde::Deserialize;
    use std::fmt;
    use std::marker::PhantomData;

    struct Object<T>(PhantomData<T>);

    impl<'de, T: Deserialize<'de>> Visitor<'de> for Object<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object")
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
            T::deserialize(MapAccessDeserializer::new(map))
        }
    }

    impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for Object<T> {
        type Value = T;

        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
            d.deserialize_map(self)
        }
    }

    pub fn one<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<T, D::Error> {
        d.deserialize_map(Object(PhantomData))
    }

    pub fn optional<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
        struct Optional<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for Optional<T> {
            type Value = Option<T>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object or null")
            }

            fn visit_none<E>(self) -> Result<Option<T>, E> {
                Ok(None)
            }

            fn visit_unit<E>(self) -> Result<Option<T>, E> {
                Ok(None)
            }

            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
                one(d).map(Some)
            }
        }
        d.deserialize_option(Optional(PhantomData))
    }

    pub fn list<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
        struct List<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for List<T> {
            type Value = Vec<T>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of objects")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
                let mut out = Vec::new();
                while let Some(x) = seq.next_element_seed(Object(PhantomData))? {
                    out.push(x);
                }
                Ok(out)
            }
        }
        d.deserialize_seq(List(PhantomData))
    }
}

fn json_path(p: &str) -> String {
    if p.is_empty() || p == "." {
        "$".to_owned()
    } else {
        format!("$.{p}")
    }
}

fn syntax_message(e: &serde_json::Error) -> String {
    let what = match e.classify() {
        serde_json::error::Category::Eof => "the JSON ends too early",
        _ if e.to_string().contains("recursion limit") => "the JSON is nested too deeply",
        _ => "the text is not valid JSON",
    };
    format!("{what} (line {}, column {})", e.line(), e.column())
}

/// Removes quoted values from a deserialiser message, keeping field names where the
/// message is about the case's shape rather than its content.
pub(crate) fn sanitize(message: &str) -> String {
    let message = message.split(" at line ").next().unwrap_or(message);
    let keeps_names = ["unknown field", "missing field", "duplicate field"].iter().any(|p| message.starts_with(p));
    if keeps_names {
        return message.to_owned();
    }
    if message.starts_with("data did not match any variant") {
        return "expected true, false, a whole number ≥ 0, a text or null".to_owned();
    }
    let mut out = String::with_capacity(message.len());
    let mut quote: Option<char> = None;
    for c in message.chars() {
        match (quote, c) {
            (None, '"' | '`') => {
                quote = Some(c);
                out.push('…');
            }
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, c) => out.push(c),
        }
    }
    // "invalid value: integer 7, expected ..." also carries numbers.
    let parts: Vec<&str> = out.splitn(2, ", expected").collect();
    match (parts.first(), parts.get(1)) {
        (Some(head), Some(tail)) if head.starts_with("invalid") => {
            let kind = head.split(':').next().unwrap_or("invalid value");
            let what = head.split(':').nth(1).map(|s| s.split_whitespace().next().unwrap_or("")).unwrap_or("");
            format!("{kind}: {what}, expected{tail}").replace(": ,", ",")
        }
        _ => out,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_path_not_the_value() {
        let e = Case::from_json(r#"{"id":"x","reported_at":"2026-01-01T00:00:00Z","subject":{"age":"MARKER"}}"#)
            .unwrap_err();
        assert_eq!(e.path, "$.subject.age");
        assert!(!e.to_string().contains("MARKER"), "{e}");
        let e = Case::from_json(
            r#"{"id":"x","reported_at":"r","subject":{"sex":"female"},"observations":[{"indicator":"a","value":2.5}]}"#,
        )
        .unwrap_err();
        assert_eq!(e.path, "$.observations[0].value");
        let e = Case::from_json(r#"{"id":"x","reported_at":"r","nme":"MARKER"}"#).unwrap_err();
        assert!(e.message.contains("unknown field"), "{e}");
        assert!(!e.to_string().contains("MARKER"));
    }

    #[test]
    fn syntax_errors_carry_a_position() {
        let e = Case::from_json("{\"id\": \"MARKER").unwrap_err();
        assert_eq!(e.kind, CaseErrorKind::Syntax);
        assert!(!e.message.contains("MARKER"));
        let deep = format!("{}{}", "[".repeat(1000), "]".repeat(1000));
        let e = Case::from_json(&deep).unwrap_err();
        assert!(e.kind == CaseErrorKind::Syntax || e.kind == CaseErrorKind::Schema);
    }

    #[test]
    fn sanitize_drops_quoted_and_numeric_values() {
        assert_eq!(sanitize("invalid type: string \"Marko\", expected u32"), "invalid type: string, expected u32");
        assert_eq!(
            sanitize("invalid value: integer `77`, expected a boolean"),
            "invalid value: integer, expected a boolean"
        );
        assert!(!sanitize("unknown variant `Marko`, expected `raise` or `lower`").contains("Marko"));
    }

    #[test]
    fn parts_of_a_case_are_objects_never_arrays() {
        for text in [
            r#"["c1", "2026-01-01T10:00:00+01:00"]"#,
            r#"{"id":"c1","reported_at":"2026-01-01T10:00:00+01:00","subject":["2015-09-14"]}"#,
            r#"{"id":"c1","reported_at":"2026-01-01T10:00:00+01:00","subject":{"age_range":[1,2]}}"#,
            r#"{"id":"c1","reported_at":"2026-01-01T10:00:00+01:00","observations":[["a",true]]}"#,
            r#"{"id":"c1","reported_at":"2026-01-01T10:00:00+01:00","discretionary_override":["raise","r","s"]}"#,
        ] {
            let e = Case::from_json(text).unwrap_err();
            assert_eq!(e.kind, CaseErrorKind::Schema, "{text}: {e}");
            assert!(e.message.contains("expected an object") || e.message.contains("expected a list"), "{e}");
        }
        let e = Case::from_json(r#"{"id":"c1","reported_at":"r","observations":[["a",true]]}"#).unwrap_err();
        assert_eq!(e.path, "$.observations[0]");
    }

    #[test]
    fn round_trips() {
        let text = r#"{"id":"c1","reported_at":"2026-01-01T10:00:00+01:00","subject":{"age_range":{"min":14,"max":19}},"observations":[{"indicator":"a","value":null},{"indicator":"b","value":3}]}"#;
        let case = Case::from_json(text).unwrap();
        assert_eq!(Case::from_json(&case.to_json()).unwrap(), case);
        assert_eq!(case.observations[0].value, ObservedValue::Unknown(()));
    }
}
