//! The checks of binding, in one place. A [`Binder`] receives a case's fields in any order
//! (it is the case reader's sink) and keeps them; list entries are checked and resolved to
//! the protocol as they arrive, scalar fields when the case is finished. [`Binder::finish`]
//! then reports the first problem in a fixed order — the time of assessment, the id, the
//! report time, the subject, the municipality, the reporter, the observations, the
//! events, the consents, the override — so a case gives the same error whichever way it
//! was given and whatever the order of its JSON fields.

use super::{Bound, BoundEvent, ChildBasis, Raw, Warning, WarningKind, EARLIEST};
use crate::case::read::{self, CaseSink, Text};
use crate::case::{Case, Direction, ObservedValue, MAX_AGE, MAX_ENTRIES, MAX_TEXT, SEXES};
use crate::error::{CaseError, CaseErrorKind};
use crate::protocol::{Compiled, IndicatorKind};
use crate::routing::Municipality;
use crate::time::{age_on, parse_date, parse_timestamp, TimestampError};
use crate::value::{Range, Tri};
use jiff::civil::Date;
use jiff::Timestamp;
use rust_decimal::Decimal;
use std::borrow::Cow;
use std::fmt;

mod entries;
mod scalars;

/// A time as given: RFC 3339 text, or an instant already.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum GivenTime<'a> {
    Text(Text<'a>),
    At(Timestamp),
}

/// A birth date as given: `YYYY-MM-DD` text, or a date already.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum GivenDate<'a> {
    Text(Text<'a>),
    Date(Date),
}

/// The subject as given.
#[derive(Clone, Debug, Default)]
pub(crate) struct GivenSubject<'a> {
    pub birth_date: Option<GivenDate<'a>>,
    pub age: Option<u32>,
    pub age_range: Option<(u32, u32)>,
    pub appears_minor: Option<bool>,
    pub sex: Option<Text<'a>>,
    pub citizenship: Option<Text<'a>>,
}

pub(crate) struct Binder<'a> {
    c: &'a Compiled,
    as_of: Timestamp,
    as_of_date: Date,
    // Scalar fields, checked at the end.
    pub(super) id: Option<Text<'a>>,
    pub(super) reported_at: Option<GivenTime<'a>>,
    pub(super) municipality: Option<Text<'a>>,
    pub(super) reporter: Option<Text<'a>>,
    pub(super) subject: GivenSubject<'a>,
    pub(super) discretionary: Option<(Direction, Text<'a>, Text<'a>)>,
    // List entries, checked as they arrive.
    raw: Vec<Raw>,
    /// Per list (observations, events, consents), the entries received.
    entries: [usize; 3],
    events: Vec<BoundEvent<'a>>,
    consents: Vec<Option<bool>>,
    /// Per list (observations, events, consents), the problems of its entries in order.
    entry_problems: [Vec<CaseError>; 3],
}

const OBSERVATIONS: usize = 0;
const EVENTS: usize = 1;
const CONSENTS: usize = 2;

fn err(kind: CaseErrorKind, path: impl Into<String>, message: impl Into<String>) -> CaseError {
    CaseError::new(kind, path, message)
}

fn timestamp(s: &str, path: impl fmt::Display) -> Result<Timestamp, CaseError> {
    match parse_timestamp(s) {
        Ok(t) => not_before_1900(t, path),
        Err(TimestampError::OutOfRange) => {
            Err(err(CaseErrorKind::ImpossibleDate, path.to_string(), "beyond the last date the engine computes with"))
        }
        Err(TimestampError::Syntax) => Err(err(
            CaseErrorKind::InvalidDate,
            path.to_string(),
            "not an RFC 3339 date and time with an offset (such as 2026-03-02T09:15:00+01:00)",
        )),
    }
}

fn not_before_1900(t: Timestamp, path: impl fmt::Display) -> Result<Timestamp, CaseError> {
    if t < EARLIEST {
        return Err(err(CaseErrorKind::ImpossibleDate, path.to_string(), "before 1900-01-01"));
    }
    Ok(t)
}

fn text_limit(path: impl fmt::Display) -> CaseError {
    err(CaseErrorKind::Limit, path.to_string(), crate::case::text_limit_message())
}

/// The text of a time given as text.
fn time_text<'t>(t: Option<&'t GivenTime<'_>>) -> Option<&'t str> {
    match t {
        Some(GivenTime::Text(s)) => Some(s),
        _ => None,
    }
}

fn given_time(t: &GivenTime<'_>, path: impl fmt::Display) -> Result<Timestamp, CaseError> {
    match t {
        GivenTime::Text(s) => timestamp(s, path),
        GivenTime::At(t) => not_before_1900(*t, path),
    }
}

impl<'a> Binder<'a> {
    pub(crate) fn new(c: &'a Compiled, as_of: Timestamp) -> Binder<'a> {
        Binder {
            c,
            as_of,
            as_of_date: c.plan.clock.civil_date(as_of, &c.meta.time_zone),
            id: None,
            reported_at: None,
            municipality: None,
            reporter: None,
            subject: GivenSubject::default(),
            discretionary: None,
            raw: vec![Raw::Absent; c.indicators.len()],
            entries: [0; 3],
            events: Vec::new(),
            consents: vec![None; c.consent_scopes.len()],
            entry_problems: Default::default(),
        }
    }

    pub(crate) fn compiled(&self) -> &'a Compiled {
        self.c
    }

    /// Forgets the case, keeping the buffers for the next one.
    pub(crate) fn clear(&mut self) {
        self.id = None;
        self.reported_at = None;
        self.municipality = None;
        self.reporter = None;
        self.subject = GivenSubject::default();
        self.discretionary = None;
        // Buffers lent to a binding that was not recycled are made again.
        self.raw.clear();
        self.raw.resize(self.c.indicators.len(), Raw::Absent);
        self.entries = [0; 3];
        self.events.clear();
        self.consents.clear();
        self.consents.resize(self.c.consent_scopes.len(), None);
        self.entry_problems.iter_mut().for_each(Vec::clear);
    }

    /// Takes back the buffers of a binding made by this binder.
    pub(crate) fn recycle(&mut self, bound: Bound<'a>) {
        self.raw = bound.raw;
        self.events = bound.events;
        self.consents = bound.consents;
        self.clear();
    }

    /// Gives a case built in code to the binder, field by field.
    pub(crate) fn feed(&mut self, case: &'a Case) {
        let s = &case.subject;
        self.id = Some(Cow::Borrowed(&case.id));
        self.reported_at = Some(GivenTime::Text(Cow::Borrowed(&case.reported_at)));
        self.municipality = case.municipality.as_deref().map(Cow::Borrowed);
        self.reporter = case.reporter.as_deref().map(Cow::Borrowed);
        self.subject = GivenSubject {
            birth_date: s.birth_date.as_deref().map(|d| GivenDate::Text(Cow::Borrowed(d))),
            age: s.age,
            age_range: s.age_range.map(|r| (r.min, r.max)),
            appears_minor: s.appears_minor,
            sex: s.sex.as_deref().map(Cow::Borrowed),
            citizenship: s.citizenship.as_deref().map(Cow::Borrowed),
        };
        for o in &case.observations {
            let value = match &o.value {
                ObservedValue::Bool(b) => read::Value::Bool(*b),
                ObservedValue::Count(n) => read::Value::Count(*n),
                ObservedValue::Text(t) => read::Value::Text(Cow::Borrowed(t)),
                ObservedValue::Unknown(()) => read::Value::Unknown,
            };
            let at = o.observed_at.as_deref().map(|t| GivenTime::Text(Cow::Borrowed(t)));
            self.observe_id(&o.indicator, value, at, o.observed_by.as_deref());
        }
        for e in &case.events {
            self.event_given(&e.kind, GivenTime::Text(Cow::Borrowed(&e.at)), e.by.as_deref().map(Cow::Borrowed));
        }
        for k in &case.consents {
            let at = k.at.as_deref().map(|t| GivenTime::Text(Cow::Borrowed(t)));
            self.consent_given(&k.scope, k.given, at);
        }
        self.discretionary = case
            .discretionary_override
            .as_ref()
            .map(|d| (d.direction, Cow::Borrowed(d.reason.as_str()), Cow::Borrowed(d.reviewer.as_str())));
    }

    /// The binding, or the first problem of the case.
    pub(crate) fn finish(&mut self) -> Result<Bound<'a>, CaseError> {
        let mut first = Vec::new();
        let scalars = self.check_scalars(&mut first);
        if let Some(e) = first.into_iter().next() {
            return Err(e);
        }
        if let Some(e) = self.entry_problems.iter().flatten().next() {
            return Err(e.clone());
        }
        self.check_override()?;
        let discretionary = self.discretionary.take();
        // With no problem reported, every scalar was bound.
        let Some(s) = scalars else { return Err(err(CaseErrorKind::Schema, "$", "the case is incomplete")) };
        let mut warnings = Vec::new();
        if s.municipality.is_none() && self.municipality.is_none() && !self.c.obligations.is_empty() {
            warnings.push(Warning {
                code: WarningKind::NoMunicipality,
                path: Some("$.municipality".into()),
                message: "no municipality: the institutions that must act cannot be named".into(),
            });
        }
        let mut events = std::mem::take(&mut self.events);
        for e in &mut events {
            if e.at < s.reported_at {
                warnings.push(Warning {
                    code: WarningKind::EventBeforeReport,
                    path: Some(format!("{}.at", Path("events", e.index))),
                    message: "the event happened before the case was reported; it does not fulfil obligations that start at the report".into(),
                });
            }
            // `by: "reporter"` names the case's reporter role.
            if e.by.as_deref() == Some("reporter") {
                e.by = s.reporter.clone();
            }
        }
        events.sort_by_key(|e| (e.at, e.index));
        let c = self.c;
        Ok(Bound {
            case_id: self.id.take().unwrap_or_default(),
            as_of: self.as_of,
            as_of_date: self.as_of_date,
            reported_at: s.reported_at,
            raw: std::mem::take(&mut self.raw),
            age: s.age,
            is_child: s.is_child,
            child_basis: s.child_basis,
            appears_minor: Tri::from(self.subject.appears_minor),
            sex: s.sex,
            citizenship: self.subject.citizenship.take(),
            is_foreign: s.is_foreign,
            municipality: s.municipality,
            calendar: s.municipality.and_then(|m| c.calendars.iter().position(|cal| cal.entity == m.entity)),
            municipality_name: match s.municipality {
                Some(m) => Some(Cow::Borrowed(m.name.as_str())),
                None => self.municipality.take(),
            },
            reporter: s.reporter,
            events,
            consents: std::mem::take(&mut self.consents),
            discretionary,
            warnings,
        })
    }

    /// Every problem of the case, in the order [`Binder::finish`] reports them (empty when
    /// the case binds). Leaves the binder as it was.
    pub(crate) fn problems(&mut self) -> Vec<CaseError> {
        let mut all = Vec::new();
        self.check_scalars(&mut all);
        all.extend(self.entry_problems.iter().flatten().cloned());
        all.extend(self.check_override().err());
        all
    }
}

/// The binder is the case reader's sink: a case read from JSON is bound without building
/// a [`Case`].
impl<'a> CaseSink<'a> for Binder<'a> {
    fn id(&mut self, id: Text<'a>) -> Result<(), CaseError> {
        self.id = Some(id);
        Ok(())
    }
    fn reported_at(&mut self, at: Text<'a>) -> Result<(), CaseError> {
        self.reported_at = Some(GivenTime::Text(at));
        Ok(())
    }
    fn municipality(&mut self, name: Text<'a>) -> Result<(), CaseError> {
        self.municipality = Some(name);
        Ok(())
    }
    fn reporter(&mut self, role: Text<'a>) -> Result<(), CaseError> {
        self.reporter = Some(role);
        Ok(())
    }
    fn subject(&mut self, s: read::Subject<'a>) -> Result<(), CaseError> {
        self.subject = GivenSubject {
            birth_date: s.birth_date.map(GivenDate::Text),
            age: s.age,
            age_range: s.age_range,
            appears_minor: s.appears_minor,
            sex: s.sex,
            citizenship: s.citizenship,
        };
        Ok(())
    }
    fn observation(&mut self, _: usize, o: read::Observation<'a>) -> Result<(), CaseError> {
        self.observe_id(&o.indicator, o.value, o.observed_at.map(GivenTime::Text), o.observed_by.as_deref());
        Ok(())
    }
    fn event(&mut self, _: usize, e: read::Event<'a>) -> Result<(), CaseError> {
        self.event_given(&e.kind, GivenTime::Text(e.at), e.by);
        Ok(())
    }
    fn consent(&mut self, _: usize, k: read::Consent<'a>) -> Result<(), CaseError> {
        self.consent_given(&k.scope, k.given, k.at.map(GivenTime::Text));
        Ok(())
    }
    fn discretionary_override(&mut self, d: read::Override<'a>) -> Result<(), CaseError> {
        self.discretionary = Some((d.direction, d.reason, d.reviewer));
        Ok(())
    }
}

/// `$.list[i]`, formatted only when an error needs it.
#[derive(Clone, Copy)]
pub(super) struct Path(pub &'static str, pub usize);

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "$.{}[{}]", self.0, self.1)
    }
}

/// A path with a field after it, formatted only when an error needs it.
struct Suffix(Path, &'static str);

impl fmt::Display for Suffix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.0, self.1)
    }
}
