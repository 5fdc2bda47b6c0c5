//! [`CaseBuilder`]: a case given field by field, for callers whose cases are not JSON —
//! a data frame's columns, a registry's records. The fields go to the same binder as JSON
//! does, so the checks, their order and their errors are the same; nothing is parsed
//! twice and, when the texts are borrowed, nothing is copied.

use super::binder::{Binder, GivenDate, GivenTime};
use crate::assess::{project_assessment, Options};
use crate::assessment::Assessment;
use crate::case::Direction;
use crate::error::{CaseError, Error};
use crate::eval::{Ctx, Evaluation, Mode};
use crate::screen::{project_screening, Screening};
use crate::Protocol;
use jiff::civil::Date;
use jiff::Timestamp;
use std::borrow::Cow;

/// An indicator of one protocol, looked up once by [`Protocol::indicator_ref`] and then
/// used for every case: observing by reference skips the look-up by id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct IndicatorRef {
    index: u32,
    /// The protocol's digest, so that a reference is never used with another pack.
    pack: u64,
}

/// A time given to a [`CaseBuilder`]: RFC 3339 text (checked as in case JSON) or an
/// instant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TimeValue<'a> {
    /// RFC 3339 with an offset, such as `2026-03-02T09:15:00+01:00`.
    Text(Cow<'a, str>),
    /// An instant.
    At(Timestamp),
}

impl<'a> From<&'a str> for TimeValue<'a> {
    fn from(t: &'a str) -> Self {
        TimeValue::Text(Cow::Borrowed(t))
    }
}

impl From<String> for TimeValue<'_> {
    fn from(t: String) -> Self {
        TimeValue::Text(Cow::Owned(t))
    }
}

impl From<Timestamp> for TimeValue<'_> {
    fn from(t: Timestamp) -> Self {
        TimeValue::At(t)
    }
}

impl<'a> From<TimeValue<'a>> for GivenTime<'a> {
    fn from(t: TimeValue<'a>) -> Self {
        match t {
            TimeValue::Text(s) => GivenTime::Text(s),
            TimeValue::At(t) => GivenTime::At(t),
        }
    }
}

/// An observed value given to a [`CaseBuilder`].
pub use crate::case::read::Value as Observed;

/// Builds cases for one protocol at one `as_of`, one case at a time, and screens or
/// assesses each. It keeps its buffers from case to case, so a batch allocates little.
///
/// Setters record; nothing fails until the case is evaluated, which reports the first
/// problem exactly as the same case in JSON would (paths such as
/// `$.observations[2].value`, where entries are numbered in the order they were given).
/// [`CaseBuilder::problems`] lists every problem at once. Evaluating or
/// [`CaseBuilder::clear`] starts the next case.
///
/// ```
/// use putokaz::{Observed, Protocol};
/// let p = Protocol::bundled("bih").unwrap();
/// let begging = p.indicator_ref("forced_begging").unwrap();
/// let mut case = p.case_builder(putokaz::parse_as_of("2026-03-06T12:00:00+01:00").unwrap());
/// case.id("jajce-2026-0007")
///     .reported_at("2026-03-02T09:15:00+01:00")
///     .municipality("Jajce")
///     .reporter("school")
///     .age(11)
///     .observe(begging, Observed::Bool(true));
/// let screening = case.screen(false).unwrap();
/// assert_eq!(screening.case_id, "jajce-2026-0007");
/// // The builder is empty again: a case without an id is refused.
/// assert_eq!(case.screen(false).unwrap_err().kind(), "case.schema");
/// ```
pub struct CaseBuilder<'a> {
    protocol: &'a Protocol,
    binder: Binder<'a>,
}

impl std::fmt::Debug for CaseBuilder<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The case's fields are personal data: only the protocol is shown.
        f.debug_struct("CaseBuilder").field("protocol", &self.protocol.id()).finish_non_exhaustive()
    }
}

impl Protocol {
    /// A [`CaseBuilder`] for cases assessed at `as_of`.
    pub fn case_builder(&self, as_of: Timestamp) -> CaseBuilder<'_> {
        CaseBuilder { protocol: self, binder: Binder::new(&self.inner, as_of) }
    }

    /// The indicator with id `id`, for [`CaseBuilder::observe`].
    pub fn indicator_ref(&self, id: &str) -> Option<IndicatorRef> {
        let index = *self.inner.indicator_index.get(id)?;
        Some(IndicatorRef { index, pack: self.inner.identity })
    }
}

impl<'a> CaseBuilder<'a> {
    /// The pseudonymous id.
    pub fn id(&mut self, id: impl Into<Cow<'a, str>>) -> &mut Self {
        self.binder.id = Some(id.into());
        self
    }

    /// When the case was reported.
    pub fn reported_at(&mut self, at: impl Into<TimeValue<'a>>) -> &mut Self {
        self.binder.reported_at = Some(at.into().into());
        self
    }

    /// The municipality, as the routing table names it.
    pub fn municipality(&mut self, name: impl Into<Cow<'a, str>>) -> &mut Self {
        self.binder.municipality = Some(name.into());
        self
    }

    /// The role that reported.
    pub fn reporter(&mut self, role: impl Into<Cow<'a, str>>) -> &mut Self {
        self.binder.reporter = Some(role.into());
        self
    }

    /// The birth date as `YYYY-MM-DD`.
    pub fn birth_date(&mut self, date: impl Into<Cow<'a, str>>) -> &mut Self {
        self.binder.subject.birth_date = Some(GivenDate::Text(date.into()));
        self
    }

    /// The birth date as a date.
    pub fn birth_date_on(&mut self, date: Date) -> &mut Self {
        self.binder.subject.birth_date = Some(GivenDate::Date(date));
        self
    }

    /// The age in whole years.
    pub fn age(&mut self, years: u32) -> &mut Self {
        self.binder.subject.age = Some(years);
        self
    }

    /// An estimated age range in whole years.
    pub fn age_range(&mut self, min: u32, max: u32) -> &mut Self {
        self.binder.subject.age_range = Some((min, max));
        self
    }

    /// Whether there are reasons to believe the person is a child.
    pub fn appears_minor(&mut self, yes: bool) -> &mut Self {
        self.binder.subject.appears_minor = Some(yes);
        self
    }

    /// `female`, `male` or `other`.
    pub fn sex(&mut self, sex: impl Into<Cow<'a, str>>) -> &mut Self {
        self.binder.subject.sex = Some(sex.into());
        self
    }

    /// An ISO 3166-1 alpha-2 code.
    pub fn citizenship(&mut self, code: impl Into<Cow<'a, str>>) -> &mut Self {
        self.binder.subject.citizenship = Some(code.into());
        self
    }

    /// The next observation. A reference from another protocol is refused as an unknown
    /// indicator.
    pub fn observe(&mut self, indicator: IndicatorRef, value: Observed<'_>) -> &mut Self {
        if indicator.pack == self.binder.compiled().identity {
            self.binder.observe(indicator.index, value, None, None);
        } else {
            self.binder.observe_id("", value, None, None);
        }
        self
    }

    /// The next observation, with when and by whom it was made.
    pub fn observe_with(
        &mut self,
        indicator: &str,
        value: Observed<'_>,
        observed_at: Option<TimeValue<'_>>,
        observed_by: Option<&str>,
    ) -> &mut Self {
        self.binder.observe_id(indicator, value, observed_at.map(Into::into), observed_by);
        self
    }

    /// The next event: what happened, when, and which role acted.
    pub fn event(&mut self, kind: &str, at: impl Into<TimeValue<'a>>, by: Option<&'a str>) -> &mut Self {
        self.binder.event_given(kind, at.into().into(), by.map(Cow::Borrowed));
        self
    }

    /// The next consent: its scope, whether it was given, and when.
    pub fn consent(&mut self, scope: &str, given: bool, at: Option<TimeValue<'_>>) -> &mut Self {
        self.binder.consent_given(scope, given, at.map(Into::into));
        self
    }

    /// A worker's documented decision to move the level one step.
    pub fn discretionary_override(
        &mut self,
        direction: Direction,
        reason: impl Into<Cow<'a, str>>,
        reviewer: impl Into<Cow<'a, str>>,
    ) -> &mut Self {
        self.binder.discretionary = Some((direction, reason.into(), reviewer.into()));
        self
    }

    /// Every problem of the case so far, in the order evaluation would report them
    /// (empty when it would bind). The case is kept.
    pub fn problems(&mut self) -> Vec<CaseError> {
        self.binder.problems()
    }

    /// Forgets the case.
    pub fn clear(&mut self) {
        self.binder.clear();
    }

    /// Screens the case (see [`Protocol::screen`]) and starts the next one.
    pub fn screen(&mut self, rank_unknowns: bool) -> Result<Screening, Error> {
        self.evaluate(|eval, duties| project_screening(eval, duties, rank_unknowns))
    }

    /// Assesses the case (see [`Protocol::assess`]) and starts the next one.
    pub fn assess(&mut self, options: &Options) -> Result<Assessment, Error> {
        let protocol = self.protocol;
        self.evaluate(|eval, duties| project_assessment(protocol, eval, duties, options))
    }

    fn evaluate<T>(
        &mut self,
        project: impl FnOnce(&Evaluation<'_>, &crate::obligations::Duties<'_>) -> T,
    ) -> Result<T, Error> {
        let bound = match self.binder.finish() {
            Ok(bound) => bound,
            Err(e) => {
                self.binder.clear();
                return Err(e.into());
            }
        };
        let p = self.protocol;
        let ctx = Ctx { c: &p.inner, b: &bound, local: &p.local, mode: Mode::Plan };
        let eval = Evaluation::run(ctx, crate::eval::presence(ctx));
        let duties = crate::obligations::evaluate(&eval);
        let out = project(&eval, &duties);
        drop((duties, eval));
        self.binder.recycle(bound);
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Case;

    const AS_OF: &str = "2026-03-06T12:00:00+01:00";

    fn bih() -> Protocol {
        Protocol::bundled("bih").unwrap()
    }

    /// The builder fed a case's fields gives what the case's JSON gives, for every
    /// example of the pack.
    #[test]
    fn a_built_case_screens_and_assesses_as_its_json() {
        let p = bih();
        // After every example's report.
        let as_of = crate::parse_as_of("2026-12-31T12:00:00+01:00").unwrap();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/protocols/bih/examples");
        let mut seen = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            let case = Case::from_json(&text).unwrap();
            let mut b = p.case_builder(as_of);
            b.id(case.id.as_str()).reported_at(case.reported_at.as_str());
            if let Some(m) = &case.municipality {
                b.municipality(m.as_str());
            }
            if let Some(r) = &case.reporter {
                b.reporter(r.as_str());
            }
            let s = &case.subject;
            if let Some(a) = s.age {
                b.age(a);
            }
            if let Some(r) = s.age_range {
                b.age_range(r.min, r.max);
            }
            if let Some(d) = &s.birth_date {
                b.birth_date_on(d.parse().unwrap());
            }
            if let Some(m) = s.appears_minor {
                b.appears_minor(m);
            }
            if let Some(x) = &s.sex {
                b.sex(x.as_str());
            }
            if let Some(x) = &s.citizenship {
                b.citizenship(x.as_str());
            }
            for o in &case.observations {
                let value = match &o.value {
                    crate::ObservedValue::Bool(v) => Observed::Bool(*v),
                    crate::ObservedValue::Count(n) => Observed::Count(*n),
                    crate::ObservedValue::Text(t) => Observed::Text(t.as_str().into()),
                    crate::ObservedValue::Unknown(()) => Observed::Unknown,
                };
                if o.observed_at.is_none() && o.observed_by.is_none() {
                    b.observe(p.indicator_ref(&o.indicator).unwrap(), value);
                } else {
                    let at = o.observed_at.as_deref().map(TimeValue::from);
                    b.observe_with(&o.indicator, value, at, o.observed_by.as_deref());
                }
            }
            for e in &case.events {
                b.event(&e.kind, crate::parse_as_of(&e.at).unwrap(), e.by.as_deref());
            }
            for k in &case.consents {
                b.consent(&k.scope, k.given, k.at.as_deref().map(TimeValue::from));
            }
            if let Some(d) = &case.discretionary_override {
                b.discretionary_override(d.direction, d.reason.as_str(), d.reviewer.as_str());
            }
            assert_eq!(b.problems(), []);
            let full = Options::new();
            assert_eq!(b.assess(&full).unwrap(), p.assess(&case, as_of, &full).unwrap());
            seen += 1;
        }
        assert!(seen >= 3, "{seen}");
    }

    #[test]
    fn problems_lists_every_problem_in_the_order_evaluation_reports_them() {
        let p = bih();
        let mut b = p.case_builder(crate::parse_as_of(AS_OF).unwrap());
        let begging = p.indicator_ref("forced_begging").unwrap();
        b.id("c")
            .reported_at("2026-03-07T09:00:00+01:00")
            .sex("unknown")
            .municipality("Jajcee")
            .observe(begging, Observed::Count(3))
            .observe_with("forced_beging", Observed::Bool(true), None, None)
            .event("csw_notified", "yesterday", None);
        let paths: Vec<String> = b.problems().into_iter().map(|e| e.path).collect();
        assert_eq!(
            paths,
            [
                "$.reported_at",
                "$.subject.sex",
                "$.municipality",
                "$.observations[0].value",
                "$.observations[1].indicator",
                "$.events[0].at"
            ]
        );
        // The first is what evaluation reports; the builder is then empty.
        assert_eq!(b.screen(false).unwrap_err().kind(), "case.impossible_date");
        assert_eq!(b.problems()[0].path, "$.id");
    }

    #[test]
    fn a_reference_from_another_pack_is_an_unknown_indicator() {
        let p = bih();
        let other = Protocol::from_toml(include_str!("../../../tests/malformed/base-pack.toml")).unwrap();
        let foreign = other.indicator_ref("long_hours").unwrap();
        let mut b = p.case_builder(crate::parse_as_of(AS_OF).unwrap());
        b.id("c").reported_at("2026-03-02T09:00:00+01:00").observe(foreign, Observed::Bool(true));
        let e = b.screen(false).unwrap_err();
        assert_eq!(e.kind(), "case.unknown_indicator");
    }
}
