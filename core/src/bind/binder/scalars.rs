//! The scalar fields — the id, the report time, the subject, the municipality, the
//! reporter, the override — checked when the case is finished, in that order.

use super::*;

impl<'a> Binder<'a> {
    /// The scalar texts over the text limit, in the order they are checked.
    pub(super) fn scalar_limits(&self, problems: &mut Vec<CaseError>) {
        let s = &self.subject;
        let birth = match &s.birth_date {
            Some(GivenDate::Text(t)) => Some(&**t),
            _ => None,
        };
        let (reason, reviewer) = match &self.discretionary {
            Some((_, reason, reviewer)) => (Some(&**reason), Some(&**reviewer)),
            None => (None, None),
        };
        let texts = [
            ("$.id", self.id.as_deref()),
            ("$.reported_at", time_text(self.reported_at.as_ref())),
            ("$.subject.birth_date", birth),
            ("$.subject.sex", s.sex.as_deref()),
            ("$.subject.citizenship", s.citizenship.as_deref()),
            ("$.municipality", self.municipality.as_deref()),
            ("$.reporter", self.reporter.as_deref()),
            ("$.discretionary_override.reason", reason),
            ("$.discretionary_override.reviewer", reviewer),
        ];
        problems
            .extend(texts.iter().filter(|(_, t)| t.is_some_and(|t| t.len() > MAX_TEXT)).map(|(p, _)| text_limit(p)));
    }

    /// The scalar fields, checked in their order; every problem goes to `problems`.
    pub(super) fn check_scalars(&self, problems: &mut Vec<CaseError>) -> Option<Scalars<'a>> {
        let before = problems.len();
        self.scalar_limits(problems);
        if problems.len() > before {
            return None;
        }
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
    pub(super) fn age(&self, reported_at: Option<Timestamp>) -> Result<Option<(Range, ChildBasis)>, CaseError> {
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
    pub(super) fn route(&self) -> Result<Option<&'a Municipality>, CaseError> {
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

    pub(super) fn check_override(&self) -> Result<(), CaseError> {
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
pub(super) struct Scalars<'a> {
    pub(super) reported_at: Timestamp,
    pub(super) age: Option<Range>,
    pub(super) is_child: Tri,
    pub(super) child_basis: ChildBasis,
    pub(super) sex: Option<&'static str>,
    pub(super) is_foreign: Tri,
    pub(super) municipality: Option<&'a Municipality>,
    pub(super) reporter: Option<Text<'a>>,
}
