//! The case: what was observed about one person, with no names or addresses. Anything
//! unknown is simply absent (or `null`). [`Case::from_json`] reads case JSON through the
//! one case reader ([`read`]); errors name the JSON path and never repeat a value.
//!
//! `Case` has public fields, so a case can also be built in code, with any sizes: the
//! limits below are checked again when a case is assessed (the binding step), so a case
//! built in code meets the same limits as one read from JSON.

use crate::error::{CaseError, CaseErrorKind};
use serde::{Deserialize, Serialize};

mod country;
pub mod read;

pub(crate) use country::is_country;

/// Largest case JSON accepted, in bytes.
pub const MAX_CASE_BYTES: usize = 1024 * 1024;
/// Deepest JSON nesting accepted: the case object is level 1, so `[[…]]` 128 levels deep
/// in all is read, 129 is refused (`case.limit`).
pub const MAX_DEPTH: usize = 128;
/// Most observations, events or consents in one case.
pub const MAX_ENTRIES: usize = 4096;
/// Longest text field (every text: ids, dates, names, reasons), in bytes.
pub const MAX_TEXT: usize = 4096;

/// The error of a list (`observations`, `events`, `consents`) past [`MAX_ENTRIES`]: the
/// same whichever way the case was given.
pub(crate) fn list_limit(list: &str) -> CaseError {
    CaseError::new(CaseErrorKind::Limit, format!("$.{list}"), format!("a list may have at most {MAX_ENTRIES} entries"))
}

/// What the error of a text past [`MAX_TEXT`] says.
pub(crate) fn text_limit_message() -> String {
    format!("a text may be at most {MAX_TEXT} bytes")
}
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
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Case {
    /// A pseudonymous id, never a name.
    pub id: String,
    /// When the case was first reported (RFC 3339 with offset).
    pub reported_at: String,
    /// The municipality where the case is handled, as the routing table names it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub municipality: Option<String>,
    /// The institution type that reported (a role id of the pack, such as `school`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reporter: Option<String>,
    /// The person the case is about.
    pub subject: Subject,
    /// What was observed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub observations: Vec<Observation>,
    /// What has happened since the report: notifications made, a guardian appointed, ...
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<Event>,
    /// Consents given or refused.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub consents: Vec<Consent>,
    /// A worker's documented decision to move the level one step.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub discretionary_override: Option<DiscretionaryOverride>,
}

/// The person the case is about. Give at most one of `birth_date`, `age`, `age_range`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Subject {
    /// `YYYY-MM-DD`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<String>,
    /// Age in whole years.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub age: Option<u32>,
    /// An estimated age range, in whole years.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub age_range: Option<AgeRange>,
    /// Whether there are reasons to believe the person is a child (when the age is
    /// unknown or uncertain).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub appears_minor: Option<bool>,
    /// `female`, `male` or `other`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sex: Option<String>,
    /// ISO 3166-1 alpha-2 code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub citizenship: Option<String>,
}

/// An estimated age range, in whole years.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
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

impl Default for ObservedValue {
    fn default() -> Self {
        ObservedValue::Unknown(())
    }
}

/// One observation of an indicator.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Observation {
    /// The indicator's id.
    pub indicator: String,
    /// The value observed.
    pub value: ObservedValue,
    /// When it was observed (RFC 3339 with offset).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub observed_at: Option<String>,
    /// The institution type that observed it (a role id).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub observed_by: Option<String>,
}

/// Something that happened: a notification made, a guardian appointed, a placement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Event {
    /// An event kind of the pack.
    pub kind: String,
    /// RFC 3339 with offset.
    pub at: String,
    /// The role that acted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
}

/// A consent given or refused by the person (or for a child, see the pack).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Consent {
    /// A consent scope of the pack (for example `roma_mediator`).
    pub scope: String,
    /// Whether it was given.
    pub given: bool,
    /// When it was recorded (RFC 3339 with offset).
    #[serde(skip_serializing_if = "Option::is_none")]
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DiscretionaryOverride {
    /// Up or down.
    pub direction: Direction,
    /// Why, in the worker's words.
    pub reason: String,
    /// Who reviewed and approved it.
    pub reviewer: String,
}

impl Case {
    /// Reads a case from JSON. Unknown fields, wrong types, malformed JSON and texts or
    /// lists over the limits are errors naming the path.
    pub fn from_json(text: &str) -> Result<Case, CaseError> {
        let mut build = Build(Case::default());
        read::read(text, &mut build)?;
        Ok(build.0)
    }

    /// Reads a case from JSON bytes: bytes that are not UTF-8 are `case.syntax`, like any
    /// other text that is not JSON.
    pub fn from_json_bytes(bytes: &[u8]) -> Result<Case, CaseError> {
        Case::from_json(Case::json_text(bytes)?)
    }

    /// The bytes as the text of case JSON, for entry points that take bytes: at most
    /// [`MAX_CASE_BYTES`] (`case.limit`), UTF-8 (`case.syntax` with the line and column of
    /// the first bad byte).
    ///
    /// ```
    /// assert_eq!(putokaz::Case::json_text(b"{}").unwrap(), "{}");
    /// assert_eq!(putokaz::Error::from(putokaz::Case::json_text(b"\"\xff\"").unwrap_err()).kind(), "case.syntax");
    /// ```
    pub fn json_text(bytes: &[u8]) -> Result<&str, CaseError> {
        read::utf8(bytes)
    }

    /// The case as JSON (fields in a fixed order, absent values left out).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Checks the limits a case read from JSON meets by construction: every text field
    /// at most [`MAX_TEXT`] bytes, every list at most [`MAX_ENTRIES`] entries. For cases
    /// built in code; the first field over a limit is named.
    pub(crate) fn check_limits(&self) -> Result<(), CaseError> {
        let lists = [
            ("observations", self.observations.len()),
            ("events", self.events.len()),
            ("consents", self.consents.len()),
        ];
        for (list, n) in lists {
            if n > MAX_ENTRIES {
                return Err(list_limit(list));
            }
        }
        let long = |t: &Option<String>| t.as_ref().is_some_and(|t| t.len() > MAX_TEXT);
        let s = &self.subject;
        let d = self.discretionary_override.as_ref();
        let top = [
            ("id", self.id.len() > MAX_TEXT),
            ("reported_at", self.reported_at.len() > MAX_TEXT),
            ("municipality", long(&self.municipality)),
            ("reporter", long(&self.reporter)),
            ("subject.birth_date", long(&s.birth_date)),
            ("subject.sex", long(&s.sex)),
            ("subject.citizenship", long(&s.citizenship)),
            ("discretionary_override.reason", d.is_some_and(|d| d.reason.len() > MAX_TEXT)),
            ("discretionary_override.reviewer", d.is_some_and(|d| d.reviewer.len() > MAX_TEXT)),
        ];
        let over = |path: String| Err(CaseError::new(CaseErrorKind::Limit, path, text_limit_message()));
        if let Some((field, _)) = top.iter().find(|(_, long)| *long) {
            return over(format!("$.{field}"));
        }
        for (i, o) in self.observations.iter().enumerate() {
            let value = matches!(&o.value, ObservedValue::Text(t) if t.len() > MAX_TEXT);
            let fields = [
                ("indicator", o.indicator.len() > MAX_TEXT),
                ("value", value),
                ("observed_at", long(&o.observed_at)),
                ("observed_by", long(&o.observed_by)),
            ];
            if let Some((field, _)) = fields.iter().find(|(_, long)| *long) {
                return over(format!("$.observations[{i}].{field}"));
            }
        }
        for (i, e) in self.events.iter().enumerate() {
            let fields = [("kind", e.kind.len() > MAX_TEXT), ("at", e.at.len() > MAX_TEXT), ("by", long(&e.by))];
            if let Some((field, _)) = fields.iter().find(|(_, long)| *long) {
                return over(format!("$.events[{i}].{field}"));
            }
        }
        for (i, k) in self.consents.iter().enumerate() {
            let fields = [("scope", k.scope.len() > MAX_TEXT), ("at", long(&k.at))];
            if let Some((field, _)) = fields.iter().find(|(_, long)| *long) {
                return over(format!("$.consents[{i}].{field}"));
            }
        }
        Ok(())
    }
}

/// Any serde format reads a case through the same reader (its shape and limits; the size
/// limit and the syntax-first rule are [`Case::from_json`]'s).
impl<'de> Deserialize<'de> for Case {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Case, D::Error> {
        let mut build = Build(Case::default());
        read::from_deserializer(d, &mut build, &mut None)?;
        Ok(build.0)
    }
}

/// The sink that builds a [`Case`].
struct Build(Case);

impl<'de> read::CaseSink<'de> for Build {
    fn id(&mut self, id: read::Text<'de>) -> Result<(), CaseError> {
        self.0.id = id.into_owned();
        Ok(())
    }
    fn reported_at(&mut self, at: read::Text<'de>) -> Result<(), CaseError> {
        self.0.reported_at = at.into_owned();
        Ok(())
    }
    fn municipality(&mut self, name: read::Text<'de>) -> Result<(), CaseError> {
        self.0.municipality = Some(name.into_owned());
        Ok(())
    }
    fn reporter(&mut self, role: read::Text<'de>) -> Result<(), CaseError> {
        self.0.reporter = Some(role.into_owned());
        Ok(())
    }
    fn subject(&mut self, s: read::Subject<'de>) -> Result<(), CaseError> {
        self.0.subject = Subject {
            birth_date: s.birth_date.map(read::Text::into_owned),
            age: s.age,
            age_range: s.age_range.map(|(min, max)| AgeRange { min, max }),
            appears_minor: s.appears_minor,
            sex: s.sex.map(read::Text::into_owned),
            citizenship: s.citizenship.map(read::Text::into_owned),
        };
        Ok(())
    }
    fn observation(&mut self, _: usize, o: read::Observation<'de>) -> Result<(), CaseError> {
        self.0.observations.push(Observation {
            indicator: o.indicator.into_owned(),
            value: match o.value {
                read::Value::Bool(b) => ObservedValue::Bool(b),
                read::Value::Count(n) => ObservedValue::Count(n),
                read::Value::Text(t) => ObservedValue::Text(t.into_owned()),
                read::Value::Unknown => ObservedValue::Unknown(()),
            },
            observed_at: o.observed_at.map(read::Text::into_owned),
            observed_by: o.observed_by.map(read::Text::into_owned),
        });
        Ok(())
    }
    fn event(&mut self, _: usize, e: read::Event<'de>) -> Result<(), CaseError> {
        self.0.events.push(Event {
            kind: e.kind.into_owned(),
            at: e.at.into_owned(),
            by: e.by.map(read::Text::into_owned),
        });
        Ok(())
    }
    fn consent(&mut self, _: usize, c: read::Consent<'de>) -> Result<(), CaseError> {
        self.0.consents.push(Consent {
            scope: c.scope.into_owned(),
            given: c.given,
            at: c.at.map(read::Text::into_owned),
        });
        Ok(())
    }
    fn discretionary_override(&mut self, d: read::Override<'de>) -> Result<(), CaseError> {
        self.0.discretionary_override = Some(DiscretionaryOverride {
            direction: d.direction,
            reason: d.reason.into_owned(),
            reviewer: d.reviewer.into_owned(),
        });
        Ok(())
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
        assert!(e.message.contains("line 1, column"), "{e}");
    }

    #[test]
    fn a_case_built_in_code_meets_the_same_limits() {
        let long = "x".repeat(MAX_TEXT + 1);
        let ok = Case { id: "c".into(), reported_at: "r".into(), ..Case::default() };
        assert!(ok.check_limits().is_ok());
        let mut c = ok.clone();
        c.subject.sex = Some(long.clone());
        assert_eq!(c.check_limits().unwrap_err().path, "$.subject.sex");
        let mut c = ok.clone();
        let obs = Observation {
            indicator: "a".into(),
            value: ObservedValue::Bool(true),
            observed_at: None,
            observed_by: None,
        };
        c.observations = vec![obs.clone(); MAX_ENTRIES];
        assert!(c.check_limits().is_ok());
        c.observations.push(obs);
        assert_eq!(c.check_limits().unwrap_err().path, "$.observations");
        let mut c = ok;
        c.events = vec![Event { kind: "k".into(), at: "t".into(), by: Some(long) }];
        let e = c.check_limits().unwrap_err();
        assert_eq!((e.kind, e.path.as_str()), (CaseErrorKind::Limit, "$.events[0].by"));
    }

    #[test]
    fn any_serde_format_reads_through_the_reader() {
        let v = serde_json::json!({"id": "c", "reported_at": "r", "subject": {"age": 4}});
        let c: Case = serde_json::from_value(v).unwrap();
        assert_eq!(c.subject.age, Some(4));
        let v = serde_json::json!({"id": "c", "reported_at": "r", "MARKER": 1});
        let e = serde_json::from_value::<Case>(v).unwrap_err();
        assert!(e.to_string().contains("unknown field") && !e.to_string().contains("MARKER"), "{e}");
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
