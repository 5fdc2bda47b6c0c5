//! Where a frame's rows go: a `CaseBuilder` (to be screened or assessed) or a
//! `putokaz::Case` (for the analysis tools, which take whole case sets). The row reader
//! feeds either through this one trait, so a frame is mapped to cases in one place.

use jiff::civil::Date;
use putokaz::{Case, CaseBuilder, Direction, IndicatorRef, Observed, TimeValue};

/// The setters a frame's row calls, as `CaseBuilder` names them.
pub trait Sink<'a> {
    fn id(&mut self, v: &'a str);
    fn reported_at(&mut self, v: TimeValue<'a>);
    fn municipality(&mut self, v: &'a str);
    fn reporter(&mut self, v: &'a str);
    fn sex(&mut self, v: &'a str);
    fn citizenship(&mut self, v: &'a str);
    fn birth_date(&mut self, v: &'a str);
    fn birth_date_on(&mut self, v: Date);
    fn age(&mut self, years: u32);
    fn age_range(&mut self, min: u32, max: u32);
    fn appears_minor(&mut self, yes: bool);
    /// An indicator of the pack, by reference and by id.
    fn observe(&mut self, indicator: IndicatorRef, id: &str, value: Observed<'_>);
    fn observe_with(&mut self, id: &str, value: Observed<'_>, at: Option<TimeValue<'_>>, by: Option<&str>);
    fn event(&mut self, kind: &str, at: TimeValue<'a>, by: Option<&'a str>);
    fn consent(&mut self, scope: &str, given: bool, at: Option<TimeValue<'_>>);
    fn discretionary_override(&mut self, direction: Direction, reason: &'a str, reviewer: &'a str);
}

impl<'a: 'b, 'b> Sink<'a> for CaseBuilder<'b> {
    fn id(&mut self, v: &'a str) {
        CaseBuilder::id(self, v);
    }
    fn reported_at(&mut self, v: TimeValue<'a>) {
        CaseBuilder::reported_at(self, v);
    }
    fn municipality(&mut self, v: &'a str) {
        CaseBuilder::municipality(self, v);
    }
    fn reporter(&mut self, v: &'a str) {
        CaseBuilder::reporter(self, v);
    }
    fn sex(&mut self, v: &'a str) {
        CaseBuilder::sex(self, v);
    }
    fn citizenship(&mut self, v: &'a str) {
        CaseBuilder::citizenship(self, v);
    }
    fn birth_date(&mut self, v: &'a str) {
        CaseBuilder::birth_date(self, v);
    }
    fn birth_date_on(&mut self, v: Date) {
        CaseBuilder::birth_date_on(self, v);
    }
    fn age(&mut self, years: u32) {
        CaseBuilder::age(self, years);
    }
    fn age_range(&mut self, min: u32, max: u32) {
        CaseBuilder::age_range(self, min, max);
    }
    fn appears_minor(&mut self, yes: bool) {
        CaseBuilder::appears_minor(self, yes);
    }
    fn observe(&mut self, indicator: IndicatorRef, _id: &str, value: Observed<'_>) {
        CaseBuilder::observe(self, indicator, value);
    }
    fn observe_with(&mut self, id: &str, value: Observed<'_>, at: Option<TimeValue<'_>>, by: Option<&str>) {
        CaseBuilder::observe_with(self, id, value, at, by);
    }
    fn event(&mut self, kind: &str, at: TimeValue<'a>, by: Option<&'a str>) {
        CaseBuilder::event(self, kind, at, by);
    }
    fn consent(&mut self, scope: &str, given: bool, at: Option<TimeValue<'_>>) {
        CaseBuilder::consent(self, scope, given, at);
    }
    fn discretionary_override(&mut self, direction: Direction, reason: &'a str, reviewer: &'a str) {
        CaseBuilder::discretionary_override(self, direction, reason, reviewer);
    }
}

/// A time as the case JSON's text (an instant in UTC, RFC 3339).
fn time_text(t: TimeValue<'_>) -> String {
    match t {
        TimeValue::Text(t) => t.into_owned(),
        TimeValue::At(t) => t.to_string(),
    }
}

fn value(v: Observed<'_>) -> putokaz::ObservedValue {
    match v {
        Observed::Bool(b) => putokaz::ObservedValue::Bool(b),
        Observed::Count(n) => putokaz::ObservedValue::Count(n),
        Observed::Text(t) => putokaz::ObservedValue::Text(t.into_owned()),
        Observed::Unknown => putokaz::ObservedValue::Unknown(()),
    }
}

impl<'a> Sink<'a> for Case {
    fn id(&mut self, v: &'a str) {
        self.id = v.to_owned();
    }
    fn reported_at(&mut self, v: TimeValue<'a>) {
        self.reported_at = time_text(v);
    }
    fn municipality(&mut self, v: &'a str) {
        self.municipality = Some(v.to_owned());
    }
    fn reporter(&mut self, v: &'a str) {
        self.reporter = Some(v.to_owned());
    }
    fn sex(&mut self, v: &'a str) {
        self.subject.sex = Some(v.to_owned());
    }
    fn citizenship(&mut self, v: &'a str) {
        self.subject.citizenship = Some(v.to_owned());
    }
    fn birth_date(&mut self, v: &'a str) {
        self.subject.birth_date = Some(v.to_owned());
    }
    fn birth_date_on(&mut self, v: Date) {
        self.subject.birth_date = Some(v.to_string());
    }
    fn age(&mut self, years: u32) {
        self.subject.age = Some(years);
    }
    fn age_range(&mut self, min: u32, max: u32) {
        self.subject.age_range = Some(putokaz::AgeRange { min, max });
    }
    fn appears_minor(&mut self, yes: bool) {
        self.subject.appears_minor = Some(yes);
    }
    fn observe(&mut self, _indicator: IndicatorRef, id: &str, v: Observed<'_>) {
        self.observe_with(id, v, None, None);
    }
    fn observe_with(&mut self, id: &str, v: Observed<'_>, at: Option<TimeValue<'_>>, by: Option<&str>) {
        self.observations.push(putokaz::Observation {
            indicator: id.to_owned(),
            value: value(v),
            observed_at: at.map(time_text),
            observed_by: by.map(str::to_owned),
        });
    }
    fn event(&mut self, kind: &str, at: TimeValue<'a>, by: Option<&'a str>) {
        self.events.push(putokaz::Event { kind: kind.to_owned(), at: time_text(at), by: by.map(str::to_owned) });
    }
    fn consent(&mut self, scope: &str, given: bool, at: Option<TimeValue<'_>>) {
        self.consents.push(putokaz::Consent { scope: scope.to_owned(), given, at: at.map(time_text) });
    }
    fn discretionary_override(&mut self, direction: Direction, reason: &'a str, reviewer: &'a str) {
        self.discretionary_override = Some(putokaz::DiscretionaryOverride {
            direction,
            reason: reason.to_owned(),
            reviewer: reviewer.to_owned(),
        });
    }
}
