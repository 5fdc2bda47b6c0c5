//! Lists of entries (observations, events, consents): each entry is read whole and handed
//! to the sink before the next one is read, and their number is limited as it grows.

use super::*;

pub(super) trait Entry<'de>: Sized {
    const LIST: &'static str;
    const NAMES: &'static [&'static str];
    const WHAT: &'static str;
    const REQUIRED: &'static [usize];
    /// The entry before any of its fields is read.
    fn empty() -> Self;
    /// Reads the value of field `NAMES[i]` into the entry.
    fn field<A: MapAccess<'de>>(&mut self, i: usize, map: &mut A, at: &mut At<'_>) -> Result<(), A::Error>;
    fn give<S: CaseSink<'de>>(self, sink: &mut S, index: usize) -> Result<(), CaseError>;
}

pub(super) fn read_entry<'de, A: MapAccess<'de>, T: Entry<'de>>(map: &mut A, at: &mut At<'_>) -> Result<T, A::Error> {
    let mut entry = T::empty();
    let seen = fields(map, at, T::NAMES, T::WHAT, |i, map, at| entry.field(i, map, at))?;
    require(at, seen, T::NAMES, T::REQUIRED)?;
    Ok(entry)
}

/// A required text: present (checked by `require`) and not `null`.
pub(super) fn text_field<'de, A: MapAccess<'de>>(
    map: &mut A,
    at: &mut At<'_>,
    name: &'static str,
) -> Result<Text<'de>, A::Error> {
    let v = value(map, TextShape(at.field(name)))?;
    given(v, at, name, "a text")
}

impl<'de> Entry<'de> for Observation<'de> {
    const LIST: &'static str = "observations";
    const NAMES: &'static [&'static str] = &["indicator", "value", "observed_at", "observed_by"];
    const WHAT: &'static str = "an observation";
    const REQUIRED: &'static [usize] = &[0];
    fn empty() -> Self {
        Observation { indicator: Cow::Borrowed(""), value: Value::Unknown, observed_at: None, observed_by: None }
    }
    fn field<A: MapAccess<'de>>(&mut self, i: usize, map: &mut A, at: &mut At<'_>) -> Result<(), A::Error> {
        let n = Self::NAMES;
        match i {
            0 => self.indicator = text_field(map, at, n[0])?,
            1 => self.value = value(map, ValueShape(at.field(n[1])))?,
            2 => self.observed_at = value(map, TextShape(at.field(n[2])))?,
            _ => self.observed_by = value(map, TextShape(at.field(n[3])))?,
        }
        Ok(())
    }
    fn give<S: CaseSink<'de>>(self, sink: &mut S, index: usize) -> Result<(), CaseError> {
        sink.observation(index, self)
    }
}

impl<'de> Entry<'de> for Event<'de> {
    const LIST: &'static str = "events";
    const NAMES: &'static [&'static str] = &["kind", "at", "by"];
    const WHAT: &'static str = "an event";
    const REQUIRED: &'static [usize] = &[0, 1];
    fn empty() -> Self {
        Event { kind: Cow::Borrowed(""), at: Cow::Borrowed(""), by: None }
    }
    fn field<A: MapAccess<'de>>(&mut self, i: usize, map: &mut A, at: &mut At<'_>) -> Result<(), A::Error> {
        let n = Self::NAMES;
        match i {
            0 => self.kind = text_field(map, at, n[0])?,
            1 => self.at = text_field(map, at, n[1])?,
            _ => self.by = value(map, TextShape(at.field(n[2])))?,
        }
        Ok(())
    }
    fn give<S: CaseSink<'de>>(self, sink: &mut S, index: usize) -> Result<(), CaseError> {
        sink.event(index, self)
    }
}

impl<'de> Entry<'de> for Consent<'de> {
    const LIST: &'static str = "consents";
    const NAMES: &'static [&'static str] = &["scope", "given", "at"];
    const WHAT: &'static str = "a consent";
    const REQUIRED: &'static [usize] = &[0, 1];
    fn empty() -> Self {
        Consent { scope: Cow::Borrowed(""), given: false, at: None }
    }
    fn field<A: MapAccess<'de>>(&mut self, i: usize, map: &mut A, at: &mut At<'_>) -> Result<(), A::Error> {
        let n = Self::NAMES;
        match i {
            0 => self.scope = text_field(map, at, n[0])?,
            1 => {
                let v = value(map, BoolShape(at.field(n[1])))?;
                self.given = given(v, at, n[1], BoolShape::EXPECTED)?;
            }
            _ => self.at = value(map, TextShape(at.field(n[2])))?,
        }
        Ok(())
    }
    fn give<S: CaseSink<'de>>(self, sink: &mut S, index: usize) -> Result<(), CaseError> {
        sink.consent(index, self)
    }
}

/// A list of entries, each handed to the sink once read.
pub(super) struct ListShape<'f, 's, S, T> {
    pub(super) at: At<'f>,
    pub(super) sink: &'s mut S,
    pub(super) entry: std::marker::PhantomData<T>,
}

impl<'de, S: CaseSink<'de>, T: Entry<'de>> Shape<'de> for ListShape<'_, '_, S, T> {
    type Out = ();
    const EXPECTED: &'static str = "a list of objects";
    fn at(&mut self) -> At<'_> {
        self.at.reborrow()
    }
    fn absent() -> Option<()> {
        Some(())
    }
    fn seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0;
        while let Some(entry) = seq.next_element_seed(EntrySeed::<T> {
            at: At { found: &mut *self.at.found, place: self.at.place.below(Step::Index(index)) },
            index,
            entry: std::marker::PhantomData,
        })? {
            self.at.sink(entry.give(self.sink, index))?;
            index += 1;
        }
        Ok(())
    }
}

/// The entry at `index`: refused unread past [`MAX_ENTRIES`].
pub(super) struct EntrySeed<'f, T> {
    pub(super) at: At<'f>,
    pub(super) index: usize,
    pub(super) entry: std::marker::PhantomData<T>,
}

impl<'de, T: Entry<'de>> DeserializeSeed<'de> for EntrySeed<'_, T> {
    type Value = T;
    fn deserialize<D: Deserializer<'de>>(mut self, d: D) -> Result<T, D::Error> {
        if self.index >= MAX_ENTRIES {
            return Err(self.at.record(super::super::list_limit(T::LIST)));
        }
        d.deserialize_any(Visit(EntryShape::<T>(self.at, std::marker::PhantomData)))
    }
}

pub(super) struct EntryShape<'f, T>(pub(super) At<'f>, pub(super) std::marker::PhantomData<T>);

impl<'de, T: Entry<'de>> Shape<'de> for EntryShape<'_, T> {
    type Out = T;
    const EXPECTED: &'static str = "an object";
    fn at(&mut self) -> At<'_> {
        self.0.reborrow()
    }
    fn map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<T, A::Error> {
        read_entry(&mut map, &mut self.0)
    }
}
