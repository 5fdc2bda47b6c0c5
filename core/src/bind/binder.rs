//! The checks of binding, in one place. A [`Binder`] receives a case's fields in any order
//! (it is the case reader's sink) and keeps them; list entries are checked and resolved to
//! the protocol as they arrive, scalar fields when the case is finished. [`Binder::finish`]
//! then reports the first problem in a fixed order — the time of assessment, the id, the
//! report time, the subject, the municipality, the reporter, the observations, the
//! events, the consents, the override — so a case gives the same error whichever way it
//! was given and whatever the order of its JSON fields.

use super::{Bound, BoundEvent, ChildBasis, Raw, Warning, WarningKind, EARLIEST};
use crate::case::read::{self, CaseSink, Text};
use crate::case::{Case, Direction, ObservedValue, MAX_AGE, SEXES};
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

    fn role_known(&self, r: &str) -> bool {
        r == "reporter" || self.c.roles.iter().any(|x| x.id == r)
    }

    fn role_list(&self) -> String {
        let ids: Vec<&str> = self.c.roles.iter().map(|r| r.id.as_str()).collect();
        format!("not a role of the pack ({})", ids.join(", "))
    }

    /// The next observation, its indicator named by id.
    pub(crate) fn observe_id(
        &mut self,
        indicator: &str,
        value: read::Value<'_>,
        at: Option<GivenTime<'_>>,
        by: Option<&str>,
    ) {
        match self.c.indicator_index.get(indicator) {
            Some(&i) => self.observe(i, value, at, by),
            None => {
                let path = Path("observations", self.next(OBSERVATIONS));
                let c = self.c;
                let hint = crate::check::suggest::suggestion(indicator, c.indicator_index.keys().map(String::as_str));
                self.entry_problems[OBSERVATIONS].push(err(
                    CaseErrorKind::UnknownIndicator,
                    format!("{path}.indicator"),
                    format!("not an indicator of pack `{}`{hint}", c.meta.id),
                ));
            }
        }
    }

    /// The next observation, of the indicator with index `i`.
    pub(crate) fn observe(&mut self, i: u32, value: read::Value<'_>, at: Option<GivenTime<'_>>, by: Option<&str>) {
        let path = Path("observations", self.next(OBSERVATIONS));
        if let Err(e) = self.check_observation(i as usize, value, at, by, path) {
            self.entry_problems[OBSERVATIONS].push(e);
        }
    }

    fn check_observation(
        &mut self,
        i: usize,
        value: read::Value<'_>,
        at: Option<GivenTime<'_>>,
        by: Option<&str>,
        path: Path,
    ) -> Result<(), CaseError> {
        let ind = &self.c.indicators[i];
        let raw = match (value, ind.kind) {
            (read::Value::Unknown, _) => Some(Raw::Unknown),
            (read::Value::Bool(b), IndicatorKind::Bool) => Some(Raw::Bool(b)),
            (read::Value::Count(n), IndicatorKind::Count) => Some(Raw::Count(n)),
            (read::Value::Text(t), IndicatorKind::Enum) => {
                ind.values.iter().position(|v| *v == *t).map(|k| Raw::Enum(k as u32))
            }
            _ => None,
        };
        let Some(raw) = raw else {
            let expected = match ind.kind {
                IndicatorKind::Bool => "true, false or null".to_owned(),
                IndicatorKind::Count => "a whole number ≥ 0 or null".to_owned(),
                IndicatorKind::Enum => format!("one of {} or null", ind.values.join(", ")),
            };
            return Err(err(
                CaseErrorKind::WrongType,
                format!("{path}.value"),
                format!("indicator `{}` takes {expected}", ind.id),
            ));
        };
        if let Some(at) = at {
            if given_time(&at, Suffix(path, ".observed_at"))? > self.as_of {
                return Err(err(CaseErrorKind::ImpossibleDate, format!("{path}.observed_at"), "observed after as_of"));
            }
        }
        if let Some(by) = by {
            if !self.c.roles.is_empty() && !self.role_known(by) {
                return Err(err(CaseErrorKind::UnknownKind, format!("{path}.observed_by"), self.role_list()));
            }
        }
        // A second observation of the same indicator may repeat the value or be `null`.
        match self.raw[i] {
            prev @ (Raw::Bool(_) | Raw::Count(_) | Raw::Enum(_)) if prev != raw && raw != Raw::Unknown => Err(err(
                CaseErrorKind::Conflict,
                format!("{path}.value"),
                format!("indicator `{}` is observed twice with different values", ind.id),
            )),
            Raw::Bool(_) | Raw::Count(_) | Raw::Enum(_) => Ok(()),
            Raw::Absent | Raw::Unknown => {
                self.raw[i] = raw;
                Ok(())
            }
        }
    }

    /// The index of the next entry of a list.
    fn next(&mut self, list: usize) -> usize {
        self.entries[list] += 1;
        self.entries[list] - 1
    }

    /// The next event.
    pub(crate) fn event_given(&mut self, kind: &str, at: GivenTime<'_>, by: Option<Text<'a>>) {
        let path = Path("events", self.next(EVENTS));
        if let Err(e) = self.check_event(kind, at, by, path) {
            self.entry_problems[EVENTS].push(e);
        }
    }

    fn check_event(
        &mut self,
        kind: &str,
        at: GivenTime<'_>,
        by: Option<Text<'a>>,
        path: Path,
    ) -> Result<(), CaseError> {
        let c = self.c;
        let Some(kind) = c.event_kinds.iter().position(|k| k.id == kind) else {
            let known: Vec<&str> = c.event_kinds.iter().map(|k| k.id.as_str()).collect();
            return Err(err(
                CaseErrorKind::UnknownKind,
                format!("{path}.kind"),
                format!("not an event kind of the pack ({})", known.join(", ")),
            ));
        };
        let at = given_time(&at, Suffix(path, ".at"))?;
        if at > self.as_of {
            return Err(err(CaseErrorKind::ImpossibleDate, format!("{path}.at"), "the event is after as_of"));
        }
        if let Some(by) = &by {
            if !self.role_known(by) {
                return Err(err(CaseErrorKind::UnknownKind, format!("{path}.by"), self.role_list()));
            }
        }
        self.events.push(BoundEvent { kind: kind as u32, at, by, index: path.1 });
        Ok(())
    }

    /// The next consent.
    pub(crate) fn consent_given(&mut self, scope: &str, given: bool, at: Option<GivenTime<'_>>) {
        let path = Path("consents", self.next(CONSENTS));
        if let Err(e) = self.check_consent(scope, given, at, path) {
            self.entry_problems[CONSENTS].push(e);
        }
    }

    fn check_consent(
        &mut self,
        scope: &str,
        given: bool,
        at: Option<GivenTime<'_>>,
        path: Path,
    ) -> Result<(), CaseError> {
        let c = self.c;
        let Some(scope) = c.consent_scopes.iter().position(|s| s.id == scope) else {
            let known: Vec<&str> = c.consent_scopes.iter().map(|k| k.id.as_str()).collect();
            return Err(err(
                CaseErrorKind::UnknownKind,
                format!("{path}.scope"),
                format!("not a consent scope of the pack ({})", known.join(", ")),
            ));
        };
        if let Some(at) = at {
            if given_time(&at, Suffix(path, ".at"))? > self.as_of {
                return Err(err(
                    CaseErrorKind::ImpossibleDate,
                    format!("{path}.at"),
                    "the consent is recorded after as_of",
                ));
            }
        }
        if self.consents[scope].is_some_and(|g| g != given) {
            return Err(err(
                CaseErrorKind::Conflict,
                format!("{path}.given"),
                "consent for this scope is recorded twice with different answers",
            ));
        }
        self.consents[scope] = Some(given);
        Ok(())
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

    /// The scalar fields, checked in their order; every problem goes to `problems`.
    fn check_scalars(&self, problems: &mut Vec<CaseError>) -> Option<Scalars<'a>> {
        let c = self.c;
        let as_of_date = self.as_of_date;
        if as_of_date < c.meta.effective_from || c.meta.effective_to.is_some_and(|to| as_of_date > to) {
            problems.push(err(
                CaseErrorKind::OutOfEffect,
                "$",
                format!("as_of is outside the dates in which pack `{}` is in effect", c.meta.id),
            ));
        }
        match &self.id {
            None => problems.push(err(CaseErrorKind::Schema, "$.id", "missing field `id`")),
            Some(id) if id.trim().is_empty() => {
                problems.push(err(CaseErrorKind::Schema, "$.id", "the case id is empty"))
            }
            Some(_) => {}
        }
        let reported_at = match &self.reported_at {
            None => Err(err(CaseErrorKind::Schema, "$.reported_at", "missing field `reported_at`")),
            Some(t) => given_time(t, "$.reported_at").and_then(|t| {
                if t > self.as_of {
                    return Err(err(
                        CaseErrorKind::ImpossibleDate,
                        "$.reported_at",
                        "the case is reported after as_of",
                    ));
                }
                Ok(t)
            }),
        };
        let reported_at = reported_at.map_err(|e| problems.push(e)).ok();
        let age = self.age(reported_at).map_err(|e| problems.push(e)).ok();
        let sex = match self.subject.sex.as_deref() {
            Some(x) => match SEXES.iter().find(|s| **s == x) {
                Some(s) => Some(*s),
                None => {
                    problems.push(err(CaseErrorKind::WrongType, "$.subject.sex", "expected female, male or other"));
                    None
                }
            },
            None => None,
        };
        let citizenship = self.subject.citizenship.as_deref();
        if citizenship.is_some_and(|x| !crate::case::is_country(x)) {
            problems.push(err(
                CaseErrorKind::WrongType,
                "$.subject.citizenship",
                "expected an ISO 3166-1 alpha-2 country code such as BA (or XK)",
            ));
        }
        let municipality = self.route().map_err(|e| problems.push(e)).ok();
        if let Some(r) = self.reporter.as_deref() {
            if !c.roles.is_empty() && !self.role_known(r) {
                problems.push(err(CaseErrorKind::UnknownKind, "$.reporter", self.role_list()));
            }
        }
        let (Some(reported_at), Some(age), Some(municipality)) = (reported_at, age, municipality) else {
            return None;
        };
        let (age, child_basis) = match age {
            Some((range, basis)) => (Some(range), basis),
            None => (None, ChildBasis::Unknown),
        };
        let majority = Decimal::from(c.age.majority);
        let presume = c.age.presume_minor;
        let (is_child, child_basis) = match age {
            Some(r) if r.is_point() => (Tri::from(r.lo < majority), child_basis),
            Some(r) if r.hi < majority => (Tri::True, ChildBasis::AgeRange),
            Some(r) if r.lo >= majority => (Tri::False, ChildBasis::AgeRange),
            Some(_) if presume => (Tri::True, ChildBasis::PresumedMinorAgeRange),
            Some(_) => (Tri::Unknown, ChildBasis::AgeRange),
            None if presume && self.subject.appears_minor == Some(true) => {
                (Tri::True, ChildBasis::PresumedMinorAppearance)
            }
            None => (Tri::Unknown, ChildBasis::Unknown),
        };
        Some(Scalars {
            reported_at,
            age,
            is_child,
            child_basis,
            sex,
            is_foreign: citizenship.map_or(Tri::Unknown, |x| Tri::from(x != c.meta.jurisdiction)),
            municipality,
            reporter: self.reporter.clone(),
        })
    }

    /// The age the subject's fields give, and on what basis. `reported_at` is `None` when
    /// it could not be read (a birth date is then not compared with it).
    fn age(&self, reported_at: Option<Timestamp>) -> Result<Option<(Range, ChildBasis)>, CaseError> {
        let s = &self.subject;
        let given = [s.birth_date.is_some(), s.age.is_some(), s.age_range.is_some()].iter().filter(|b| **b).count();
        if given > 1 {
            return Err(err(
                CaseErrorKind::Schema,
                "$.subject",
                "give one of birth_date, age and age_range, not several",
            ));
        }
        let c = self.c;
        if let Some(b) = &s.birth_date {
            let birth = match b {
                GivenDate::Text(t) => parse_date(t),
                GivenDate::Date(d) => Some(*d),
            };
            let birth = birth
                .ok_or_else(|| err(CaseErrorKind::InvalidDate, "$.subject.birth_date", "not a YYYY-MM-DD date"))?;
            if birth > self.as_of_date {
                return Err(err(
                    CaseErrorKind::ImpossibleDate,
                    "$.subject.birth_date",
                    "the birth date is after as_of",
                ));
            }
            if reported_at.is_some_and(|t| birth > c.plan.clock.civil_date(t, &c.meta.time_zone)) {
                return Err(err(
                    CaseErrorKind::ImpossibleDate,
                    "$.subject.birth_date",
                    "the birth date is after the case was reported",
                ));
            }
            let years = age_on(birth, self.as_of_date).unwrap_or(0);
            if years > i64::from(MAX_AGE) {
                return Err(err(
                    CaseErrorKind::ImpossibleDate,
                    "$.subject.birth_date",
                    "the birth date gives an impossible age",
                ));
            }
            return Ok(Some((Range::point(Decimal::from(years)), ChildBasis::BirthDate)));
        }
        if let Some(a) = s.age {
            if a > MAX_AGE {
                return Err(err(CaseErrorKind::ImpossibleDate, "$.subject.age", "not a possible age"));
            }
            return Ok(Some((Range::point(Decimal::from(a)), ChildBasis::StatedAge)));
        }
        if let Some((min, max)) = s.age_range {
            if min > max || max > MAX_AGE {
                return Err(err(
                    CaseErrorKind::ImpossibleDate,
                    "$.subject.age_range",
                    "min must not exceed max, and max must be a possible age",
                ));
            }
            return Ok(Some((Range::new(Decimal::from(min), Decimal::from(max)), ChildBasis::AgeRange)));
        }
        Ok(None)
    }

    /// The municipality's row of the routing table (`None` when the case names none or
    /// the pack has no table).
    fn route(&self) -> Result<Option<&'a Municipality>, CaseError> {
        let c = self.c;
        let (Some(name), Some(routing)) = (self.municipality.as_deref(), &c.routing) else {
            return Ok(None);
        };
        match routing.get(name) {
            Some(m) => Ok(Some(m)),
            None => {
                // Only the pack's own names are printed, never the name the case gave.
                let hint = match routing.city(name) {
                    Some(city) => {
                        let parts: Vec<&str> =
                            city.municipalities.iter().map(|i| routing.rows[*i as usize].name.as_str()).collect();
                        format!(" (the city of {} spans {}: name one of them)", city.name, parts.join(", "))
                    }
                    None => match routing.suggest(name) {
                        near if near.is_empty() => String::new(),
                        near => format!(" (did you mean {}?)", near.join(", ")),
                    },
                };
                Err(err(
                    CaseErrorKind::UnknownMunicipality,
                    "$.municipality",
                    format!("not a municipality in the routing table of pack `{}`{hint}", c.meta.id),
                ))
            }
        }
    }

    fn check_override(&self) -> Result<(), CaseError> {
        let Some((_, reason, reviewer)) = &self.discretionary else { return Ok(()) };
        if reason.trim().is_empty() {
            return Err(err(
                CaseErrorKind::InvalidOverride,
                "$.discretionary_override.reason",
                "a discretionary override needs a reason",
            ));
        }
        if reviewer.trim().is_empty() {
            return Err(err(
                CaseErrorKind::InvalidOverride,
                "$.discretionary_override.reviewer",
                "a discretionary override needs a reviewer",
            ));
        }
        Ok(())
    }
}

/// The scalar fields once checked.
struct Scalars<'a> {
    reported_at: Timestamp,
    age: Option<Range>,
    is_child: Tri,
    child_basis: ChildBasis,
    sex: Option<&'static str>,
    is_foreign: Tri,
    municipality: Option<&'a Municipality>,
    reporter: Option<Text<'a>>,
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
