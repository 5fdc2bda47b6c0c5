//! One Arrow column read cell by cell, whatever physical type a frame library chose for
//! it: text as `utf8`, `large_utf8`, `utf8_view` or a dictionary of those (pandas and
//! polars categoricals); integers of any width; floats (NaN is a missing cell, as pandas
//! means it); booleans; dates; timestamps with or without a time zone; lists of structs
//! (events, consents) and structs (the override). A null is a missing cell everywhere.
//!
//! What a cell must hold is decided by the column's role (see `plan`); this module only
//! reads. Reading never echoes a cell: a problem is a fixed sentence.

use arrow_array::cast::AsArray;
use arrow_array::types::*;
use arrow_array::{Array, ArrayRef, OffsetSizeTrait};
use arrow_schema::{DataType, TimeUnit};
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::Timestamp;

/// A text column.
pub enum TextCells<'a> {
    Utf8(&'a arrow_array::StringArray),
    Large(&'a arrow_array::LargeStringArray),
    View(&'a arrow_array::StringViewArray),
    /// A dictionary: the keys normalised to positions in `values`.
    Dict {
        array: &'a dyn Array,
        keys: Vec<usize>,
        values: Box<TextCells<'a>>,
    },
}

impl<'a> TextCells<'a> {
    pub fn of(array: &'a dyn Array) -> Option<TextCells<'a>> {
        Some(match array.data_type() {
            DataType::Utf8 => TextCells::Utf8(array.as_string::<i32>()),
            DataType::LargeUtf8 => TextCells::Large(array.as_string::<i64>()),
            DataType::Utf8View => TextCells::View(array.as_string_view()),
            DataType::Dictionary(_, value) if is_text(value) => {
                let dict = array.as_any_dictionary_opt()?;
                let values = TextCells::of(dict.values().as_ref())?;
                TextCells::Dict { array, keys: dict.normalized_keys(), values: Box::new(values) }
            }
            _ => return None,
        })
    }

    pub fn get(&self, i: usize) -> Option<&'a str> {
        match self {
            TextCells::Utf8(a) => a.is_valid(i).then(|| a.value(i)),
            TextCells::Large(a) => a.is_valid(i).then(|| a.value(i)),
            TextCells::View(a) => a.is_valid(i).then(|| a.value(i)),
            TextCells::Dict { array, keys, values } => {
                if array.is_valid(i) {
                    values.get(*keys.get(i)?)
                } else {
                    None
                }
            }
        }
    }
}

pub fn is_text(t: &DataType) -> bool {
    matches!(t, DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View)
}

/// A text type, or a dictionary of one.
pub fn is_texty(t: &DataType) -> bool {
    is_text(t) || matches!(t, DataType::Dictionary(_, v) if is_text(v))
}

/// An integer column of any width.
pub enum IntCells<'a> {
    I8(&'a arrow_array::Int8Array),
    I16(&'a arrow_array::Int16Array),
    I32(&'a arrow_array::Int32Array),
    I64(&'a arrow_array::Int64Array),
    U8(&'a arrow_array::UInt8Array),
    U16(&'a arrow_array::UInt16Array),
    U32(&'a arrow_array::UInt32Array),
    U64(&'a arrow_array::UInt64Array),
}

macro_rules! int_get {
    ($a:expr, $i:expr) => {
        $a.is_valid($i).then(|| i128::from($a.value($i)))
    };
}

impl<'a> IntCells<'a> {
    pub fn of(array: &'a dyn Array) -> Option<IntCells<'a>> {
        Some(match array.data_type() {
            DataType::Int8 => IntCells::I8(array.as_primitive::<Int8Type>()),
            DataType::Int16 => IntCells::I16(array.as_primitive::<Int16Type>()),
            DataType::Int32 => IntCells::I32(array.as_primitive::<Int32Type>()),
            DataType::Int64 => IntCells::I64(array.as_primitive::<Int64Type>()),
            DataType::UInt8 => IntCells::U8(array.as_primitive::<UInt8Type>()),
            DataType::UInt16 => IntCells::U16(array.as_primitive::<UInt16Type>()),
            DataType::UInt32 => IntCells::U32(array.as_primitive::<UInt32Type>()),
            DataType::UInt64 => IntCells::U64(array.as_primitive::<UInt64Type>()),
            _ => return None,
        })
    }

    pub fn get(&self, i: usize) -> Option<i128> {
        match self {
            IntCells::I8(a) => int_get!(a, i),
            IntCells::I16(a) => int_get!(a, i),
            IntCells::I32(a) => int_get!(a, i),
            IntCells::I64(a) => int_get!(a, i),
            IntCells::U8(a) => int_get!(a, i),
            IntCells::U16(a) => int_get!(a, i),
            IntCells::U32(a) => int_get!(a, i),
            IntCells::U64(a) => int_get!(a, i),
        }
    }
}

/// A float column; NaN is a missing cell.
pub enum FloatCells<'a> {
    F32(&'a arrow_array::Float32Array),
    F64(&'a arrow_array::Float64Array),
}

impl<'a> FloatCells<'a> {
    pub fn of(array: &'a dyn Array) -> Option<FloatCells<'a>> {
        Some(match array.data_type() {
            DataType::Float32 => FloatCells::F32(array.as_primitive::<Float32Type>()),
            DataType::Float64 => FloatCells::F64(array.as_primitive::<Float64Type>()),
            _ => return None,
        })
    }

    pub fn get(&self, i: usize) -> Option<f64> {
        let v = match self {
            FloatCells::F32(a) => a.is_valid(i).then(|| f64::from(a.value(i))),
            FloatCells::F64(a) => a.is_valid(i).then(|| a.value(i)),
        }?;
        (!v.is_nan()).then_some(v)
    }
}

/// A whole number from a float, if it is one. Beyond 2^53 a float no longer holds
/// every whole number, so such floats are not whole numbers here.
pub fn whole(v: f64) -> Option<i128> {
    (v.is_finite() && v.fract() == 0.0 && v.abs() <= 9_007_199_254_740_992.0).then_some(v as i128)
}

/// A timestamp column: instants when it has a time zone, wall-clock times when not.
pub struct TimeCells<'a> {
    array: &'a dyn Array,
    unit: TimeUnit,
    /// The column's own zone (`None`: naive).
    pub zone: Option<TimeZone>,
    /// Whether the column has a time zone at all (a zone jiff cannot name is still aware).
    pub aware: bool,
}

impl<'a> TimeCells<'a> {
    pub fn of(array: &'a dyn Array) -> Option<TimeCells<'a>> {
        let DataType::Timestamp(unit, tz) = array.data_type() else { return None };
        let zone = tz.as_deref().and_then(zone_named);
        Some(TimeCells { array, unit: *unit, zone, aware: tz.is_some() })
    }

    fn raw(&self, i: usize) -> Option<i64> {
        if !self.array.is_valid(i) {
            return None;
        }
        let a = self.array;
        Some(match self.unit {
            TimeUnit::Second => a.as_primitive::<TimestampSecondType>().value(i),
            TimeUnit::Millisecond => a.as_primitive::<TimestampMillisecondType>().value(i),
            TimeUnit::Microsecond => a.as_primitive::<TimestampMicrosecondType>().value(i),
            TimeUnit::Nanosecond => a.as_primitive::<TimestampNanosecondType>().value(i),
        })
    }

    /// The cell as an instant counted from the epoch (for a naive column: the wall-clock
    /// time read as if it were UTC). `Err` for a time beyond what jiff represents.
    pub fn get(&self, i: usize) -> Option<Result<Timestamp, ()>> {
        let v = self.raw(i)?;
        let t = match self.unit {
            TimeUnit::Second => Timestamp::from_second(v),
            TimeUnit::Millisecond => Timestamp::from_millisecond(v),
            TimeUnit::Microsecond => Timestamp::from_microsecond(v),
            TimeUnit::Nanosecond => Timestamp::from_nanosecond(i128::from(v)),
        };
        Some(t.map_err(|_| ()))
    }
}

/// A time zone as Arrow writes it: an IANA name or a fixed offset `±HH:MM`.
fn zone_named(name: &str) -> Option<TimeZone> {
    if let Ok(tz) = TimeZone::get(name) {
        return Some(tz);
    }
    let (sign, rest) = match name.as_bytes().first()? {
        b'+' => (1, &name[1..]),
        b'-' => (-1, &name[1..]),
        _ => return None,
    };
    let (h, m) = rest.split_once(':').unwrap_or((rest, "0"));
    let seconds = sign * (h.parse::<i32>().ok()? * 3600 + m.parse::<i32>().ok()? * 60);
    jiff::tz::Offset::from_seconds(seconds).ok().map(TimeZone::fixed)
}

/// A date column (`date32` days or `date64` milliseconds since the epoch).
pub enum DateCells<'a> {
    D32(&'a arrow_array::Date32Array),
    D64(&'a arrow_array::Date64Array),
}

impl<'a> DateCells<'a> {
    pub fn of(array: &'a dyn Array) -> Option<DateCells<'a>> {
        Some(match array.data_type() {
            DataType::Date32 => DateCells::D32(array.as_primitive::<Date32Type>()),
            DataType::Date64 => DateCells::D64(array.as_primitive::<Date64Type>()),
            _ => return None,
        })
    }

    pub fn get(&self, i: usize) -> Option<Result<Date, ()>> {
        let days = match self {
            DateCells::D32(a) => i64::from(a.is_valid(i).then(|| a.value(i))?),
            DateCells::D64(a) => a.is_valid(i).then(|| a.value(i))?.div_euclid(86_400_000),
        };
        let span = jiff::Span::new().try_days(days).map_err(|_| ());
        Some(span.and_then(|s| jiff::civil::date(1970, 1, 1).checked_add(s).map_err(|_| ())))
    }
}

/// A list column's entries: for row `i`, the range of entries in `values`.
pub enum ListCells<'a> {
    List(&'a arrow_array::ListArray),
    Large(&'a arrow_array::LargeListArray),
}

impl<'a> ListCells<'a> {
    pub fn of(array: &'a dyn Array) -> Option<ListCells<'a>> {
        Some(match array.data_type() {
            DataType::List(_) => ListCells::List(array.as_list::<i32>()),
            DataType::LargeList(_) => ListCells::Large(array.as_list::<i64>()),
            _ => return None,
        })
    }

    pub fn values(&self) -> &'a ArrayRef {
        match self {
            ListCells::List(a) => a.values(),
            ListCells::Large(a) => a.values(),
        }
    }

    pub fn range(&self, i: usize) -> Option<std::ops::Range<usize>> {
        fn r<O: OffsetSizeTrait>(a: &arrow_array::GenericListArray<O>, i: usize) -> Option<std::ops::Range<usize>> {
            if a.is_null(i) {
                return None;
            }
            let o = a.value_offsets();
            Some(o[i].as_usize()..o[i + 1].as_usize())
        }
        match self {
            ListCells::List(a) => r(a, i),
            ListCells::Large(a) => r(a, i),
        }
    }
}
