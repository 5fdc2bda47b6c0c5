//! List entries — observations, events, consents — checked and resolved to the protocol
//! as they arrive, each problem kept under its list in order.

use super::*;

impl<'a> Binder<'a> {
    pub(super) fn role_known(&self, r: &str) -> bool {
        r == "reporter" || self.c.roles.iter().any(|x| x.id == r)
    }

    pub(super) fn role_list(&self) -> String {
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
                if self.over_limits(OBSERVATIONS, path, &[(".indicator", Some(indicator))]) {
                    return;
                }
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
        let text = match &value {
            read::Value::Text(t) => Some(&**t),
            _ => None,
        };
        if self.over_limits(
            OBSERVATIONS,
            path,
            &[(".value", text), (".observed_at", time_text(at.as_ref())), (".observed_by", by)],
        ) {
            return;
        }
        if let Err(e) = self.check_observation(i as usize, value, at, by, path) {
            self.entry_problems[OBSERVATIONS].push(e);
        }
    }

    pub(super) fn check_observation(
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

    /// Whether the entry at `path` is past its list's limit or has a text over the text
    /// limit (each recorded as a problem). Case JSON is held to the limits while it is
    /// read, a `Case` before it is bound; this holds a case built field by field to them.
    pub(super) fn over_limits(&mut self, list: usize, path: Path, texts: &[(&'static str, Option<&str>)]) -> bool {
        if path.1 >= MAX_ENTRIES {
            if path.1 == MAX_ENTRIES {
                self.entry_problems[list].push(crate::case::list_limit(path.0));
            }
            return true;
        }
        match texts.iter().find(|(_, t)| t.is_some_and(|t| t.len() > MAX_TEXT)) {
            Some((field, _)) => {
                self.entry_problems[list].push(text_limit(Suffix(path, field)));
                true
            }
            None => false,
        }
    }

    /// The index of the next entry of a list.
    pub(super) fn next(&mut self, list: usize) -> usize {
        self.entries[list] += 1;
        self.entries[list] - 1
    }

    /// The next event.
    pub(crate) fn event_given(&mut self, kind: &str, at: GivenTime<'_>, by: Option<Text<'a>>) {
        let path = Path("events", self.next(EVENTS));
        if self.over_limits(
            EVENTS,
            path,
            &[(".kind", Some(kind)), (".at", time_text(Some(&at))), (".by", by.as_deref())],
        ) {
            return;
        }
        if let Err(e) = self.check_event(kind, at, by, path) {
            self.entry_problems[EVENTS].push(e);
        }
    }

    pub(super) fn check_event(
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
        if self.over_limits(CONSENTS, path, &[(".scope", Some(scope)), (".at", time_text(at.as_ref()))]) {
            return;
        }
        if let Err(e) = self.check_consent(scope, given, at, path) {
            self.entry_problems[CONSENTS].push(e);
        }
    }

    pub(super) fn check_consent(
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
}
