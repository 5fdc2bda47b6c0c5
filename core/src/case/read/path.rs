//! Where the reader is: the place in the case (its JSON path, formatted only when an
//! error needs it) and the first problem met so far.

use super::*;

#[derive(Clone, Copy, Debug)]
pub(super) enum Step {
    Root,
    Field(&'static str),
    Index(usize),
    /// An unknown key, by its position among the object's keys (from 0).
    Key(usize),
}

/// A place in the case: a step below the place above it. Building one writes two words;
/// its JSON path is formatted only when an error needs it.
#[derive(Clone, Copy, Debug)]
pub(super) struct Place<'p> {
    pub(super) up: Option<&'p Place<'p>>,
    pub(super) step: Step,
}

pub(super) const ROOT: Place<'static> = Place { up: None, step: Step::Root };

impl<'p> Place<'p> {
    pub(super) fn below(&'p self, step: Step) -> Place<'p> {
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
/// Where an error goes, and the place being read.
pub(super) struct At<'f> {
    pub(super) found: &'f mut Option<CaseError>,
    pub(super) place: Place<'f>,
}

impl At<'_> {
    pub(super) fn reborrow(&mut self) -> At<'_> {
        At { found: &mut *self.found, place: self.place }
    }
    /// The place of field `name` inside this one.
    pub(super) fn field(&mut self, name: &'static str) -> At<'_> {
        At { found: &mut *self.found, place: self.place.below(Step::Field(name)) }
    }
    /// Records `problem` and gives the deserializer's error for it.
    pub(super) fn record<E: de::Error>(&mut self, problem: CaseError) -> E {
        let e = E::custom(&problem);
        *self.found = Some(problem);
        e
    }
    pub(super) fn fail_below<E: de::Error>(
        &mut self,
        kind: CaseErrorKind,
        step: Step,
        message: impl Into<String>,
    ) -> E {
        let path = self.place.below(step).to_string();
        self.record(CaseError::new(kind, path, message))
    }
    pub(super) fn fail<E: de::Error>(&mut self, kind: CaseErrorKind, message: impl Into<String>) -> E {
        let path = self.place.to_string();
        self.record(CaseError::new(kind, path, message))
    }
    pub(super) fn schema<E: de::Error>(&mut self, message: impl Into<String>) -> E {
        self.fail(CaseErrorKind::Schema, message)
    }
    pub(super) fn wrong<E: de::Error>(&mut self, expected: &str, found: &str) -> E {
        self.schema(format!("expected {expected}, found {found}"))
    }
    pub(super) fn sink<E: de::Error>(&mut self, result: Result<(), CaseError>) -> Result<(), E> {
        result.map_err(|problem| self.record(problem))
    }
}
