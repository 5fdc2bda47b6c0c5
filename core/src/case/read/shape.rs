//! Shapes: what the reader expects at one place, and the scalar shapes (texts, years,
//! booleans, observed values, directions).

use super::*;

/// A scalar JSON value; `'t` is the life of a text the parser had to unescape.
pub(super) enum Scalar<'t, 'de> {
    Null,
    Bool(bool),
    Unsigned(u64),
    Negative,
    Fraction,
    Str(&'t str),
    BorrowedStr(&'de str),
}

impl<'de> Scalar<'_, 'de> {
    pub(super) fn type_name(&self) -> &'static str {
        match self {
            Scalar::Null => "null",
            Scalar::Bool(_) => "true or false",
            Scalar::Unsigned(_) => "a whole number",
            Scalar::Negative => "a negative number",
            Scalar::Fraction => "a number with a fraction or an exponent",
            Scalar::Str(_) | Scalar::BorrowedStr(_) => "a text",
        }
    }
    pub(super) fn str(&self) -> Option<&str> {
        match self {
            Scalar::Str(s) => Some(s),
            Scalar::BorrowedStr(s) => Some(s),
            _ => None,
        }
    }
    pub(super) fn text(self) -> Option<Text<'de>> {
        match self {
            Scalar::Str(s) => Some(Cow::Owned(s.to_owned())),
            Scalar::BorrowedStr(s) => Some(Cow::Borrowed(s)),
            _ => None,
        }
    }
}

/// One place of the schema: what it accepts, and what it makes of it.
pub(super) trait Shape<'de>: Sized {
    type Out;
    /// The expected JSON type, in words ("a text").
    const EXPECTED: &'static str;
    fn at(&mut self) -> At<'_>;
    /// What `null` gives here, when it may stand for the value (an absent object or list).
    fn absent() -> Option<Self::Out> {
        None
    }
    fn scalar<E: de::Error>(mut self, v: Scalar<'_, 'de>) -> Result<Self::Out, E> {
        match (&v, Self::absent()) {
            (Scalar::Null, Some(out)) => Ok(out),
            _ => Err(self.at().wrong(Self::EXPECTED, v.type_name())),
        }
    }
    fn map<A: MapAccess<'de>>(mut self, _: A) -> Result<Self::Out, A::Error> {
        Err(self.at().wrong(Self::EXPECTED, "an object"))
    }
    fn seq<A: SeqAccess<'de>>(mut self, _: A) -> Result<Self::Out, A::Error> {
        Err(self.at().wrong(Self::EXPECTED, "a list"))
    }
}

/// A shape as a serde seed and visitor.
pub(super) struct Visit<S>(pub(super) S);

impl<'de, S: Shape<'de>> DeserializeSeed<'de> for Visit<S> {
    type Value = S::Out;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Out, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, S: Shape<'de>> Visitor<'de> for Visit<S> {
    type Value = S::Out;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(S::EXPECTED)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<S::Out, E> {
        self.0.scalar(Scalar::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<S::Out, E> {
        self.0.scalar(u64::try_from(v).map_or(Scalar::Negative, Scalar::Unsigned))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<S::Out, E> {
        self.0.scalar(Scalar::Unsigned(v))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<S::Out, E> {
        self.0
            .scalar(u64::try_from(v).map_or(if v < 0 { Scalar::Negative } else { Scalar::Fraction }, Scalar::Unsigned))
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<S::Out, E> {
        self.0.scalar(u64::try_from(v).map_or(Scalar::Fraction, Scalar::Unsigned))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<S::Out, E> {
        self.0.scalar(Scalar::Fraction)
    }
    fn visit_char<E: de::Error>(self, v: char) -> Result<S::Out, E> {
        self.0.scalar(Scalar::Str(v.encode_utf8(&mut [0; 4])))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<S::Out, E> {
        self.0.scalar(Scalar::Str(v))
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<S::Out, E> {
        self.0.scalar(Scalar::BorrowedStr(v))
    }
    fn visit_bytes<E: de::Error>(mut self, _: &[u8]) -> Result<S::Out, E> {
        Err(self.0.at().wrong(S::EXPECTED, "bytes"))
    }
    fn visit_unit<E: de::Error>(self) -> Result<S::Out, E> {
        self.0.scalar(Scalar::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<S::Out, E> {
        self.0.scalar(Scalar::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<S::Out, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<S::Out, A::Error> {
        self.0.seq(seq)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<S::Out, A::Error> {
        self.0.map(map)
    }
}

/// A text field; `None` for `null`.
pub(super) struct TextShape<'f>(pub(super) At<'f>);

impl<'de> Shape<'de> for TextShape<'_> {
    type Out = Option<Text<'de>>;
    const EXPECTED: &'static str = "a text";
    fn at(&mut self) -> At<'_> {
        self.0.reborrow()
    }
    fn scalar<E: de::Error>(mut self, v: Scalar<'_, 'de>) -> Result<Self::Out, E> {
        match v.str().map(str::len) {
            None if matches!(v, Scalar::Null) => Ok(None),
            None => Err(self.0.wrong(Self::EXPECTED, v.type_name())),
            Some(n) if n > MAX_TEXT => Err(self.0.fail(CaseErrorKind::Limit, super::super::text_limit_message())),
            Some(_) => Ok(v.text()),
        }
    }
}

/// A whole number of years.
pub(super) struct YearsShape<'f>(pub(super) At<'f>);

impl<'de> Shape<'de> for YearsShape<'_> {
    type Out = Option<u32>;
    const EXPECTED: &'static str = "a whole number of years";
    fn at(&mut self) -> At<'_> {
        self.0.reborrow()
    }
    fn scalar<E: de::Error>(mut self, v: Scalar<'_, 'de>) -> Result<Self::Out, E> {
        match v {
            Scalar::Null => Ok(None),
            Scalar::Unsigned(n) => {
                u32::try_from(n).map(Some).map_err(|_| self.0.wrong(Self::EXPECTED, "a larger number"))
            }
            other => Err(self.0.wrong(Self::EXPECTED, other.type_name())),
        }
    }
}

pub(super) struct BoolShape<'f>(pub(super) At<'f>);

impl<'de> Shape<'de> for BoolShape<'_> {
    type Out = Option<bool>;
    const EXPECTED: &'static str = "true or false";
    fn at(&mut self) -> At<'_> {
        self.0.reborrow()
    }
    fn scalar<E: de::Error>(mut self, v: Scalar<'_, 'de>) -> Result<Self::Out, E> {
        match v {
            Scalar::Null => Ok(None),
            Scalar::Bool(b) => Ok(Some(b)),
            other => Err(self.0.wrong(Self::EXPECTED, other.type_name())),
        }
    }
}

pub(super) struct ValueShape<'f>(pub(super) At<'f>);

impl<'de> Shape<'de> for ValueShape<'_> {
    type Out = Value<'de>;
    const EXPECTED: &'static str = "true, false, a whole number ≥ 0, a text or null";
    fn at(&mut self) -> At<'_> {
        self.0.reborrow()
    }
    fn scalar<E: de::Error>(mut self, v: Scalar<'_, 'de>) -> Result<Self::Out, E> {
        Ok(match v {
            Scalar::Null => Value::Unknown,
            Scalar::Bool(b) => Value::Bool(b),
            Scalar::Unsigned(n) => Value::Count(n),
            text @ (Scalar::Str(_) | Scalar::BorrowedStr(_)) => match TextShape(self.0).scalar(text)? {
                Some(t) => Value::Text(t),
                None => Value::Unknown,
            },
            other => return Err(self.0.wrong(Self::EXPECTED, other.type_name())),
        })
    }
}

pub(super) struct DirectionShape<'f>(pub(super) At<'f>);

impl<'de> Shape<'de> for DirectionShape<'_> {
    type Out = Option<Direction>;
    const EXPECTED: &'static str = "raise or lower";
    fn at(&mut self) -> At<'_> {
        self.0.reborrow()
    }
    fn scalar<E: de::Error>(mut self, v: Scalar<'_, 'de>) -> Result<Self::Out, E> {
        match (&v, v.str()) {
            (Scalar::Null, _) => Ok(None),
            (_, Some("raise")) => Ok(Some(Direction::Raise)),
            (_, Some("lower")) => Ok(Some(Direction::Lower)),
            (_, Some(_)) => Err(self.0.schema("expected raise or lower, found another text")),
            _ => Err(self.0.wrong(Self::EXPECTED, v.type_name())),
        }
    }
}
