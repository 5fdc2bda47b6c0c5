//! Objects: known keys read by position (an unknown key is named by its position, never
//! by its text), required fields, and the subject, age range, override and case shapes.

use super::*;

/// A key of an object with the given fields: the field's index, or `None` when it is not
/// one of them.
pub(super) struct Key(pub(super) &'static [&'static str]);

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Option<usize>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<usize>, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = Option<usize>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }
    fn visit_str<E>(self, v: &str) -> Result<Option<usize>, E> {
        Ok(self.0.iter().position(|f| *f == v))
    }
    // JSON keys are texts; other formats' keys are simply not fields.
    fn visit_u64<E>(self, _: u64) -> Result<Option<usize>, E> {
        Ok(None)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Option<usize>, E> {
        Ok(None)
    }
    fn visit_bytes<E>(self, _: &[u8]) -> Result<Option<usize>, E> {
        Ok(None)
    }
}

/// An object's fields as they come: checks that each key is a known field and none comes
/// twice, and calls `each` with the field's index; returns the fields seen, as bits.
pub(super) fn fields<'de, A: MapAccess<'de>>(
    map: &mut A,
    at: &mut At<'_>,
    names: &'static [&'static str],
    what: &str,
    mut each: impl FnMut(usize, &mut A, &mut At<'_>) -> Result<(), A::Error>,
) -> Result<u32, A::Error> {
    let mut seen = 0u32;
    let mut position = 0;
    while let Some(key) = map.next_key_seed(Key(names))? {
        let Some(i) = key else {
            let message = format!("unknown field; {what} has the fields {}", names.join(", "));
            return Err(at.fail_below(CaseErrorKind::Schema, Step::Key(position), message));
        };
        if seen & (1 << i) != 0 {
            return Err(at.field(names[i]).schema(format!("duplicate field `{}`", names[i])));
        }
        seen |= 1 << i;
        each(i, map, at)?;
        position += 1;
    }
    Ok(seen)
}

/// Refuses an object that lacks one of the `required` fields (indexes into `names`).
pub(super) fn require<E: de::Error>(
    at: &mut At<'_>,
    seen: u32,
    names: &'static [&'static str],
    required: &[usize],
) -> Result<(), E> {
    match required.iter().find(|i| seen & (1 << **i) == 0) {
        Some(&i) => Err(at.field(names[i]).schema(format!("missing field `{}`", names[i]))),
        None => Ok(()),
    }
}

/// Reads the value of the field being read with `shape`.
pub(super) fn value<'de, A: MapAccess<'de>, S: Shape<'de>>(map: &mut A, shape: S) -> Result<S::Out, A::Error> {
    map.next_value_seed(Visit(shape))
}

/// A field that must not be `null`.
pub(super) fn given<T, E: de::Error>(
    v: Option<T>,
    at: &mut At<'_>,
    name: &'static str,
    expected: &str,
) -> Result<T, E> {
    match v {
        Some(v) => Ok(v),
        None => Err(at.field(name).schema(format!("expected {expected}, found null"))),
    }
}

pub(super) const SUBJECT: &[&str] = &["birth_date", "age", "age_range", "appears_minor", "sex", "citizenship"];

pub(super) struct SubjectShape<'f>(pub(super) At<'f>);

impl<'de> Shape<'de> for SubjectShape<'_> {
    type Out = Option<Subject<'de>>;
    const EXPECTED: &'static str = "an object";
    fn at(&mut self) -> At<'_> {
        self.0.reborrow()
    }
    fn absent() -> Option<Self::Out> {
        Some(None)
    }
    fn map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<Self::Out, A::Error> {
        let mut s = Subject::default();
        fields(&mut map, &mut self.0, SUBJECT, "a subject", |i, map, at| {
            match i {
                0 => s.birth_date = value(map, TextShape(at.field(SUBJECT[0])))?,
                1 => s.age = value(map, YearsShape(at.field(SUBJECT[1])))?,
                2 => s.age_range = value(map, AgeRangeShape(at.field(SUBJECT[2])))?,
                3 => s.appears_minor = value(map, BoolShape(at.field(SUBJECT[3])))?,
                4 => s.sex = value(map, TextShape(at.field(SUBJECT[4])))?,
                _ => s.citizenship = value(map, TextShape(at.field(SUBJECT[5])))?,
            }
            Ok(())
        })?;
        Ok(Some(s))
    }
}

pub(super) const AGE_RANGE: &[&str] = &["min", "max"];

pub(super) struct AgeRangeShape<'f>(pub(super) At<'f>);

impl<'de> Shape<'de> for AgeRangeShape<'_> {
    type Out = Option<(u32, u32)>;
    const EXPECTED: &'static str = "an object";
    fn at(&mut self) -> At<'_> {
        self.0.reborrow()
    }
    fn absent() -> Option<Self::Out> {
        Some(None)
    }
    fn map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<Self::Out, A::Error> {
        let (mut min, mut max) = (None, None);
        let seen = fields(&mut map, &mut self.0, AGE_RANGE, "an age range", |i, map, at| {
            let years = value(map, YearsShape(at.field(AGE_RANGE[i])))?;
            let years = given(years, at, AGE_RANGE[i], YearsShape::EXPECTED)?;
            if i == 0 {
                min = Some(years);
            } else {
                max = Some(years);
            }
            Ok(())
        })?;
        require(&mut self.0, seen, AGE_RANGE, &[0, 1])?;
        Ok(min.zip(max))
    }
}

pub(super) const OVERRIDE: &[&str] = &["direction", "reason", "reviewer"];

pub(super) struct OverrideShape<'f>(pub(super) At<'f>);

impl<'de> Shape<'de> for OverrideShape<'_> {
    type Out = Option<Override<'de>>;
    const EXPECTED: &'static str = "an object";
    fn at(&mut self) -> At<'_> {
        self.0.reborrow()
    }
    fn absent() -> Option<Self::Out> {
        Some(None)
    }
    fn map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<Self::Out, A::Error> {
        let (mut direction, mut reason, mut reviewer) = (None, None, None);
        let seen = fields(&mut map, &mut self.0, OVERRIDE, "a discretionary override", |i, map, at| {
            match i {
                0 => {
                    let v = value(map, DirectionShape(at.field(OVERRIDE[0])))?;
                    direction = Some(given(v, at, OVERRIDE[0], DirectionShape::EXPECTED)?);
                }
                1 => reason = Some(text_field(map, at, OVERRIDE[1])?),
                _ => reviewer = Some(text_field(map, at, OVERRIDE[2])?),
            }
            Ok(())
        })?;
        require(&mut self.0, seen, OVERRIDE, &[0, 1, 2])?;
        match (direction, reason, reviewer) {
            (Some(direction), Some(reason), Some(reviewer)) => Ok(Some(Override { direction, reason, reviewer })),
            _ => Ok(None),
        }
    }
}

pub(super) const CASE: &[&str] = &[
    "id",
    "reported_at",
    "municipality",
    "reporter",
    "subject",
    "observations",
    "events",
    "consents",
    "discretionary_override",
];

pub(super) struct CaseShape<'f, 's, S> {
    pub(super) sink: &'s mut S,
    pub(super) at: At<'f>,
}

/// Reads the list field `T::LIST` into the sink.
pub(super) fn list<'de, A: MapAccess<'de>, S: CaseSink<'de>, T: Entry<'de>>(
    sink: &mut S,
    map: &mut A,
    at: &mut At<'_>,
) -> Result<(), A::Error> {
    value(map, ListShape::<S, T> { at: at.field(T::LIST), sink, entry: std::marker::PhantomData })
}

impl<'de, S: CaseSink<'de>> Shape<'de> for CaseShape<'_, '_, S> {
    type Out = ();
    const EXPECTED: &'static str = "an object (the case)";
    fn at(&mut self) -> At<'_> {
        self.at.reborrow()
    }
    fn map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let CaseShape { sink, mut at } = self;
        let seen = fields(&mut map, &mut at, CASE, "a case", |i, map, at| match i {
            0 | 1 => {
                let text = text_field(map, at, CASE[i])?;
                at.sink(if i == 0 { sink.id(text) } else { sink.reported_at(text) })
            }
            2 | 3 => match value(map, TextShape(at.field(CASE[i])))? {
                Some(text) => at.sink(if i == 2 { sink.municipality(text) } else { sink.reporter(text) }),
                None => Ok(()),
            },
            4 => match value(map, SubjectShape(at.field(CASE[4])))? {
                Some(subject) => at.sink(sink.subject(subject)),
                None => Ok(()),
            },
            5 => list::<A, S, Observation<'de>>(sink, map, at),
            6 => list::<A, S, Event<'de>>(sink, map, at),
            7 => list::<A, S, Consent<'de>>(sink, map, at),
            _ => match value(map, OverrideShape(at.field(CASE[8])))? {
                Some(decision) => at.sink(sink.discretionary_override(decision)),
                None => Ok(()),
            },
        })?;
        require(&mut at, seen, CASE, &[0, 1])
    }
}
