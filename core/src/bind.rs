//! A case checked against a protocol and turned into dense facts: one slot per indicator,
//! the age gate applied, the municipality routed, times parsed. Everything the evaluator
//! reads comes from here, so evaluation itself cannot fail.

use crate::case::{Case, Direction, ObservedValue, SEXES};
use crate::error::{CaseError, CaseErrorKind};
use crate::protocol::{Compiled, IndicatorKind};
use crate::routing::Municipality;
use crate::time::{age_on, parse_date, parse_timestamp, Calendar, TimestampError};
use crate::value::{Range, Tri};
use jiff::civil::Date;
use jiff::Timestamp;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// On what basis the subject is (or is not) treated as a child.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChildBasis {
    /// Age computed from the birth date at `as_of`.
    BirthDate,
    /// Age as stated.
    StatedAge,
    /// An age range wholly below or wholly at or above majority.
    AgeRange,
    /// An age range reaching below majority: presumed a child until verified.
    PresumedMinorAgeRange,
    /// No age, but reasons to believe the person is a child: presumed a child.
    PresumedMinorAppearance,
    /// Nothing known about the age.
    Unknown,
}

impl ChildBasis {
    /// Its name in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            ChildBasis::BirthDate => "birth_date",
            ChildBasis::StatedAge => "stated_age",
            ChildBasis::AgeRange => "age_range",
            ChildBasis::PresumedMinorAgeRange => "presumed_minor_age_range",
            ChildBasis::PresumedMinorAppearance => "presumed_minor_appearance",
            ChildBasis::Unknown => "unknown",
        }
    }
}

/// A warning about the case: the assessment goes ahead, and says so.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// What the warning is about.
    pub code: WarningKind,
    /// The JSON path of the part of the case it concerns, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// What it means, in the engine's words (never a value from the case).
    pub message: String,
}

/// What a warning is about. The names are stable (`snake_case` in JSON, Python and C).
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningKind {
    /// The case names no municipality: the institutions that must act cannot be named.
    NoMunicipality,
    /// An event happened before the report: kept, but it cannot fulfil duties that start
    /// at the report.
    EventBeforeReport,
    /// Business days were counted past the holiday calendar (weekends only there).
    CalendarNotCovering,
    /// No profile of the pack applies to the subject: no indicator was graded.
    NoProfile,
    /// A discretionary override could not take the level below a policy floor.
    OverrideBelowPolicyFloor,
    /// Observations signal a form of exploitation that no graded list of the pack covers:
    /// the level and the classification do not assess it.
    OutsideCoveredProfiles,
}

impl WarningKind {
    /// Its name in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            WarningKind::NoMunicipality => "no_municipality",
            WarningKind::EventBeforeReport => "event_before_report",
            WarningKind::CalendarNotCovering => "calendar_not_covering",
            WarningKind::NoProfile => "no_profile",
            WarningKind::OverrideBelowPolicyFloor => "override_below_policy_floor",
            WarningKind::OutsideCoveredProfiles => "outside_covered_profiles",
        }
    }
}

pub(crate) struct BoundEvent<'a> {
    pub kind: u32,
    pub at: Timestamp,
    /// The role id that acted, if recorded (`reporter` resolved to the case's reporter).
    pub by: Option<&'a str>,
    pub index: usize,
}

/// Borrows from the protocol and the case: binding copies no text.
pub(crate) struct Bound<'a> {
    pub case_id: &'a str,
    pub as_of: Timestamp,
    pub as_of_date: Date,
    pub reported_at: Timestamp,
    pub raw: Vec<Option<&'a ObservedValue>>,
    pub age: Option<Range>,
    pub is_child: Tri,
    pub child_basis: ChildBasis,
    pub appears_minor: Tri,
    pub sex: Option<&'a str>,
    pub citizenship: Option<&'a str>,
    pub is_foreign: Tri,
    pub municipality: Option<&'a Municipality>,
    /// The holiday calendar of the municipality's entity.
    pub calendar: Option<&'a Calendar>,
    pub municipality_name: Option<&'a str>,
    pub reporter: Option<&'a str>,
    /// Sorted by time.
    pub events: Vec<BoundEvent<'a>>,
    /// Per consent scope: given, refused, or not recorded.
    pub consents: Vec<Option<bool>>,
    pub discretionary: Option<(Direction, &'a str, &'a str)>,
    pub warnings: Vec<Warning>,
}

fn err(kind: CaseErrorKind, path: impl Into<String>, message: impl Into<String>) -> CaseError {
    CaseError::new(kind, path, message)
}

/// The earliest instant a case's times may name: nothing in a referral happened before it.
pub(crate) const EARLIEST: Timestamp = Timestamp::constant(-2_208_988_800, 0); // 1900-01-01T00:00:00Z

fn timestamp(s: &str, path: impl std::fmt::Display) -> Result<Timestamp, CaseError> {
    match parse_timestamp(s) {
        Ok(t) if t >= EARLIEST => Ok(t),
        Ok(_) => Err(err(CaseErrorKind::ImpossibleDate, path.to_string(), "before 1900-01-01")),
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

pub(crate) fn bind<'a>(c: &'a Compiled, case: &'a Case, as_of: Timestamp) -> Result<Bound<'a>, CaseError> {
    // A case read from JSON meets these by construction; one built in code is checked here.
    case.check_limits()?;
    let tz = &c.meta.time_zone;
    let as_of_date = as_of.to_zoned(tz.clone()).date();
    if as_of_date < c.meta.effective_from || c.meta.effective_to.is_some_and(|to| as_of_date > to) {
        return Err(err(
            CaseErrorKind::OutOfEffect,
            "$",
            format!("as_of is outside the dates in which pack `{}` is in effect", c.meta.id),
        ));
    }
    if case.id.trim().is_empty() {
        return Err(err(CaseErrorKind::Schema, "$.id", "the case id is empty"));
    }
    let reported_at = timestamp(&case.reported_at, "$.reported_at")?;
    if reported_at > as_of {
        return Err(err(CaseErrorKind::ImpossibleDate, "$.reported_at", "the case is reported after as_of"));
    }
    let mut warnings = Vec::new();

    // The subject and the age gate.
    let s = &case.subject;
    let given = [s.birth_date.is_some(), s.age.is_some(), s.age_range.is_some()].iter().filter(|b| **b).count();
    if given > 1 {
        return Err(err(CaseErrorKind::Schema, "$.subject", "give one of birth_date, age and age_range, not several"));
    }
    let majority = Decimal::from(c.age.majority);
    let age = if let Some(b) = &s.birth_date {
        let birth = parse_date(b)
            .ok_or_else(|| err(CaseErrorKind::InvalidDate, "$.subject.birth_date", "not a YYYY-MM-DD date"))?;
        if birth > as_of_date {
            return Err(err(CaseErrorKind::ImpossibleDate, "$.subject.birth_date", "the birth date is after as_of"));
        }
        if birth > reported_at.to_zoned(tz.clone()).date() {
            return Err(err(
                CaseErrorKind::ImpossibleDate,
                "$.subject.birth_date",
                "the birth date is after the case was reported",
            ));
        }
        let years = age_on(birth, as_of_date).unwrap_or(0);
        if years > i64::from(crate::case::MAX_AGE) {
            return Err(err(
                CaseErrorKind::ImpossibleDate,
                "$.subject.birth_date",
                "the birth date gives an impossible age",
            ));
        }
        Some((Range::point(Decimal::from(years)), crate::bind::ChildBasis::BirthDate))
    } else if let Some(a) = s.age {
        if a > crate::case::MAX_AGE {
            return Err(err(CaseErrorKind::ImpossibleDate, "$.subject.age", "not a possible age"));
        }
        Some((Range::point(Decimal::from(a)), ChildBasis::StatedAge))
    } else if let Some(r) = s.age_range {
        if r.min > r.max || r.max > crate::case::MAX_AGE {
            return Err(err(
                CaseErrorKind::ImpossibleDate,
                "$.subject.age_range",
                "min must not exceed max, and max must be a possible age",
            ));
        }
        Some((Range::new(Decimal::from(r.min), Decimal::from(r.max)), ChildBasis::AgeRange))
    } else {
        None
    };
    let appears_minor = Tri::from(s.appears_minor);
    let presume = c.age.presume_minor;
    let (is_child, child_basis) = match age {
        Some((r, basis)) if r.is_point() => (Tri::from(r.lo < majority), basis),
        Some((r, _)) if r.hi < majority => (Tri::True, ChildBasis::AgeRange),
        Some((r, _)) if r.lo >= majority => (Tri::False, ChildBasis::AgeRange),
        Some(_) if presume => (Tri::True, ChildBasis::PresumedMinorAgeRange),
        Some(_) => (Tri::Unknown, ChildBasis::AgeRange),
        None if presume && appears_minor == Tri::True => (Tri::True, ChildBasis::PresumedMinorAppearance),
        None => (Tri::Unknown, ChildBasis::Unknown),
    };
    let sex = match &s.sex {
        Some(x) if SEXES.contains(&x.as_str()) => Some(x.as_str()),
        Some(_) => return Err(err(CaseErrorKind::WrongType, "$.subject.sex", "expected female, male or other")),
        None => None,
    };
    let citizenship = match &s.citizenship {
        Some(x) if crate::case::is_country(x) => Some(x.as_str()),
        Some(_) => {
            return Err(err(
                CaseErrorKind::WrongType,
                "$.subject.citizenship",
                "expected an ISO 3166-1 alpha-2 country code such as BA (or XK)",
            ))
        }
        None => None,
    };
    let is_foreign = citizenship.map_or(Tri::Unknown, |x| Tri::from(x != c.meta.jurisdiction));

    // Routing.
    let (municipality, municipality_name) = match (&case.municipality, &c.routing) {
        (Some(name), Some(routing)) => match routing.get(name) {
            Some(m) => (Some(m), Some(m.name.as_str())),
            None => {
                let near = routing.suggest(name);
                let hint =
                    if near.is_empty() { String::new() } else { format!(" (did you mean {}?)", near.join(", ")) };
                return Err(err(
                    CaseErrorKind::UnknownMunicipality,
                    "$.municipality",
                    format!("not a municipality in the routing table of pack `{}`{hint}", c.meta.id),
                ));
            }
        },
        (Some(name), None) => (None, Some(name.as_str())),
        (None, _) => {
            if !c.obligations.is_empty() {
                warnings.push(Warning {
                    code: WarningKind::NoMunicipality,
                    path: Some("$.municipality".into()),
                    message: "no municipality: the institutions that must act cannot be named".into(),
                });
            }
            (None, None)
        }
    };
    let role_known = |r: &str| r == "reporter" || c.roles.iter().any(|x| x.id == r);
    let reporter = match &case.reporter {
        Some(r) if c.roles.is_empty() || role_known(r) => Some(r.as_str()),
        Some(_) => return Err(err(CaseErrorKind::UnknownKind, "$.reporter", role_list(c))),
        None => None,
    };

    // Observations.
    let mut raw: Vec<Option<&ObservedValue>> = vec![None; c.indicators.len()];
    for (i, o) in case.observations.iter().enumerate() {
        // Error paths are built only when there is an error.
        let path = Path("observations", i);
        let Some(&idx) = c.indicator_index.get(&o.indicator) else {
            let hint = crate::check::suggest::suggestion(&o.indicator, c.indicator_index.keys().map(String::as_str));
            return Err(err(
                CaseErrorKind::UnknownIndicator,
                format!("{path}.indicator"),
                format!("not an indicator of pack `{}`{hint}", c.meta.id),
            ));
        };
        let ind = &c.indicators[idx as usize];
        let fits = match (&o.value, ind.kind) {
            (ObservedValue::Unknown(()), _) => true,
            (ObservedValue::Bool(_), IndicatorKind::Bool) | (ObservedValue::Count(_), IndicatorKind::Count) => true,
            (ObservedValue::Text(t), IndicatorKind::Enum) => ind.values.contains(t),
            _ => false,
        };
        if !fits {
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
        }
        if let Some(at) = &o.observed_at {
            if timestamp(at, Suffix(path, ".observed_at"))? > as_of {
                return Err(err(CaseErrorKind::ImpossibleDate, format!("{path}.observed_at"), "observed after as_of"));
            }
        }
        if let Some(by) = &o.observed_by {
            if !c.roles.is_empty() && !role_known(by) {
                return Err(err(CaseErrorKind::UnknownKind, format!("{path}.observed_by"), role_list(c)));
            }
        }
        match &raw[idx as usize] {
            Some(prev)
                if **prev != o.value
                    && o.value != ObservedValue::Unknown(())
                    && **prev != ObservedValue::Unknown(()) =>
            {
                return Err(err(
                    CaseErrorKind::Conflict,
                    format!("{path}.value"),
                    format!("indicator `{}` is observed twice with different values", ind.id),
                ));
            }
            Some(prev) if **prev != ObservedValue::Unknown(()) => {}
            _ => raw[idx as usize] = Some(&o.value),
        }
    }

    // Events.
    let mut events = Vec::new();
    for (i, e) in case.events.iter().enumerate() {
        let path = Path("events", i);
        let Some(kind) = c.event_kinds.iter().position(|k| k.id == e.kind) else {
            let known: Vec<&str> = c.event_kinds.iter().map(|k| k.id.as_str()).collect();
            return Err(err(
                CaseErrorKind::UnknownKind,
                format!("{path}.kind"),
                format!("not an event kind of the pack ({})", known.join(", ")),
            ));
        };
        let at = timestamp(&e.at, Suffix(path, ".at"))?;
        if at > as_of {
            return Err(err(CaseErrorKind::ImpossibleDate, format!("{path}.at"), "the event is after as_of"));
        }
        if at < reported_at {
            warnings.push(Warning {
                code: WarningKind::EventBeforeReport,
                path: Some(format!("{path}.at")),
                message: "the event happened before the case was reported; it does not fulfil obligations that start at the report".into(),
            });
        }
        if let Some(by) = &e.by {
            if !role_known(by) {
                return Err(err(CaseErrorKind::UnknownKind, format!("{path}.by"), role_list(c)));
            }
        }
        // `by: "reporter"` names the case's reporter role.
        let by = match e.by.as_deref() {
            Some("reporter") => reporter,
            other => other,
        };
        events.push(BoundEvent { kind: kind as u32, at, by, index: i });
    }
    events.sort_by_key(|e| (e.at, e.index));

    // Consents.
    let mut consents: Vec<Option<bool>> = vec![None; c.consent_scopes.len()];
    for (i, k) in case.consents.iter().enumerate() {
        let path = Path("consents", i);
        let Some(scope) = c.consent_scopes.iter().position(|s| s.id == k.scope) else {
            let known: Vec<&str> = c.consent_scopes.iter().map(|k| k.id.as_str()).collect();
            return Err(err(
                CaseErrorKind::UnknownKind,
                format!("{path}.scope"),
                format!("not a consent scope of the pack ({})", known.join(", ")),
            ));
        };
        if let Some(at) = &k.at {
            if timestamp(at, Suffix(path, ".at"))? > as_of {
                return Err(err(
                    CaseErrorKind::ImpossibleDate,
                    format!("{path}.at"),
                    "the consent is recorded after as_of",
                ));
            }
        }
        if consents[scope].is_some_and(|g| g != k.given) {
            return Err(err(
                CaseErrorKind::Conflict,
                format!("{path}.given"),
                "consent for this scope is recorded twice with different answers",
            ));
        }
        consents[scope] = Some(k.given);
    }

    let discretionary = match &case.discretionary_override {
        Some(d) => {
            if d.reason.trim().is_empty() {
                return Err(err(
                    CaseErrorKind::InvalidOverride,
                    "$.discretionary_override.reason",
                    "a discretionary override needs a reason",
                ));
            }
            if d.reviewer.trim().is_empty() {
                return Err(err(
                    CaseErrorKind::InvalidOverride,
                    "$.discretionary_override.reviewer",
                    "a discretionary override needs a reviewer",
                ));
            }
            Some((d.direction, d.reason.as_str(), d.reviewer.as_str()))
        }
        None => None,
    };

    Ok(Bound {
        case_id: &case.id,
        as_of,
        as_of_date,
        reported_at,
        raw,
        age: age.map(|(r, _)| r),
        is_child,
        child_basis,
        appears_minor,
        sex,
        citizenship,
        is_foreign,
        municipality,
        calendar: municipality.and_then(|m| c.calendars.iter().find(|cal| cal.entity == m.entity)),
        municipality_name,
        reporter,
        events,
        consents,
        discretionary,
        warnings,
    })
}

/// A path with a field after it, formatted only when an error needs it.
struct Suffix(Path, &'static str);

impl std::fmt::Display for Suffix {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}{}", self.0, self.1)
    }
}

/// `$.list[i]`, formatted only when an error needs it.
#[derive(Clone, Copy)]
struct Path(&'static str, usize);

impl std::fmt::Display for Path {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "$.{}[{}]", self.0, self.1)
    }
}

fn role_list(c: &Compiled) -> String {
    let ids: Vec<&str> = c.roles.iter().map(|r| r.id.as_str()).collect();
    format!("not a role of the pack ({})", ids.join(", "))
}

#[cfg(test)]
mod tests {
    use super::ChildBasis;

    #[test]
    fn child_basis_names_are_the_json_names() {
        use ChildBasis::*;
        for b in [BirthDate, StatedAge, AgeRange, PresumedMinorAgeRange, PresumedMinorAppearance, Unknown] {
            assert_eq!(serde_json::to_value(b).unwrap(), b.as_str());
        }
    }
}
