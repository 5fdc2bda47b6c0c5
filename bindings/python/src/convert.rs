//! Python values to case JSON. A case arrives as a mapping (or JSON text); it is walked
//! here into JSON text and then read by `putokaz::Case::from_json`, so a case given from
//! Python is checked by exactly the code that checks a case given as JSON, with the same
//! paths and the same messages. Problems found while walking are `CaseError`s that name
//! the path and the Python type, never the value.

use putokaz::{CaseError, CaseErrorKind};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyMapping, PyString, PyTuple, PyType};
use serde_json::{Map, Number, Value};

/// Deepest nesting accepted: a case is at most four levels deep, so this only stops
/// self-referencing containers and absurd inputs before they reach the stack limit.
const MAX_DEPTH: usize = 32;

/// A case could not be converted: either the case is malformed (an engine error the
/// caller handles like any other), or Python itself raised while we read it (a broken
/// `Mapping`, an `__index__` that raises), which is passed on as it is.
pub enum ConvertError {
    Case(CaseError),
    Python(PyErr),
}

impl From<PyErr> for ConvertError {
    fn from(e: PyErr) -> Self {
        ConvertError::Python(e)
    }
}

fn case_err(kind: CaseErrorKind, path: &str, message: impl Into<String>) -> ConvertError {
    ConvertError::Case(CaseError::new(kind, path, message))
}

struct StdTypes {
    datetime: Py<PyType>,
    date: Py<PyType>,
    decimal: Py<PyType>,
}

static STD_TYPES: PyOnceLock<StdTypes> = PyOnceLock::new();

fn std_types(py: Python<'_>) -> PyResult<&StdTypes> {
    STD_TYPES.get_or_try_init(py, || {
        let dt = py.import("datetime")?;
        let dec = py.import("decimal")?;
        Ok(StdTypes {
            datetime: dt.getattr("datetime")?.cast_into::<PyType>()?.unbind(),
            date: dt.getattr("date")?.cast_into::<PyType>()?.unbind(),
            decimal: dec.getattr("Decimal")?.cast_into::<PyType>()?.unbind(),
        })
    })
}

/// The case as JSON text: JSON text (`str` or UTF-8 `bytes`) is taken as it is; anything
/// else is walked as a JSON value.
pub fn case_json(obj: &Bound<'_, PyAny>, allow_float: bool) -> Result<String, ConvertError> {
    if let Ok(s) = obj.cast::<PyString>() {
        return text(s, "$");
    }
    if let Ok(b) = obj.cast::<PyBytes>() {
        return match std::str::from_utf8(b.as_bytes()) {
            Ok(s) => Ok(s.to_owned()),
            Err(_) => Err(case_err(CaseErrorKind::Syntax, "$", "the case is not valid UTF-8")),
        };
    }
    let mut path = String::from("$");
    let value = walk(obj, &mut path, 0, allow_float)?;
    Ok(value.to_string())
}

fn text(s: &Bound<'_, PyString>, path: &str) -> Result<String, ConvertError> {
    match s.to_cow() {
        Ok(t) => Ok(t.into_owned()),
        Err(_) => Err(case_err(CaseErrorKind::Schema, path, "text that is not valid Unicode (a lone surrogate)")),
    }
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "object".to_owned())
}

fn int_value(i: &Bound<'_, PyAny>, path: &str) -> Result<Value, ConvertError> {
    if let Ok(v) = i.extract::<u64>() {
        return Ok(Value::Number(Number::from(v)));
    }
    if let Ok(v) = i.extract::<i64>() {
        return Ok(Value::Number(Number::from(v)));
    }
    Err(case_err(CaseErrorKind::Schema, path, "a whole number too large for any field of a case"))
}

fn walk(obj: &Bound<'_, PyAny>, path: &mut String, depth: usize, allow_float: bool) -> Result<Value, ConvertError> {
    if depth > MAX_DEPTH {
        return Err(case_err(CaseErrorKind::Syntax, path, "the case is nested too deeply"));
    }
    let py = obj.py();
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.is_instance_of::<PyInt>() {
        return int_value(obj, path);
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return float_value(f.value(), path, allow_float);
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(text(s, path)?));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut map = Map::new();
        for (k, v) in d.iter() {
            entry(&mut map, &k, &v, path, depth, allow_float)?;
        }
        return Ok(Value::Object(map));
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let mut items = Vec::new();
        for (i, item) in obj.try_iter()?.enumerate() {
            let item = item?;
            let len = path.len();
            path.push_str(&format!("[{i}]"));
            items.push(walk(&item, path, depth + 1, allow_float)?);
            path.truncate(len);
        }
        return Ok(Value::Array(items));
    }
    let types = std_types(py)?;
    if obj.is_instance(types.datetime.bind(py))? {
        if obj.call_method0("utcoffset")?.is_none() {
            return Err(case_err(
                CaseErrorKind::InvalidDate,
                path,
                "a datetime without a time zone: give an aware datetime (with tzinfo) or RFC 3339 text with an offset",
            ));
        }
        let iso: String = obj.call_method0("isoformat")?.extract()?;
        return Ok(Value::String(iso));
    }
    if obj.is_instance(types.date.bind(py))? {
        let iso: String = obj.call_method0("isoformat")?.extract()?;
        return Ok(Value::String(iso));
    }
    if obj.is_instance(types.decimal.bind(py))? {
        // Exact, so a whole Decimal is a whole number; anything else is refused as a
        // fraction would be in JSON.
        let finite: bool = obj.call_method0("is_finite")?.extract()?;
        if finite && obj.eq(obj.call_method0("to_integral_value")?)? {
            let as_int = py.import("builtins")?.getattr("int")?.call1((obj,))?;
            return int_value(&as_int, path);
        }
        return Err(case_err(CaseErrorKind::Schema, path, "expected a whole number, not a fraction"));
    }
    if let Ok(m) = obj.cast::<PyMapping>() {
        let mut map = Map::new();
        for item in m.items()?.iter() {
            let (k, v): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item.extract()?;
            entry(&mut map, &k, &v, path, depth, allow_float)?;
        }
        return Ok(Value::Object(map));
    }
    // NumPy scalars, as pandas hands them out: booleans by name (numpy.bool_ has no
    // `__index__`), integers through `__index__`, floats through `float`.
    let ty = obj.get_type();
    let module: String = ty.getattr("__module__").and_then(|m| m.extract()).unwrap_or_default();
    if module == "numpy" {
        let name = type_name(obj);
        if name == "bool_" || name == "bool" {
            return Ok(Value::Bool(obj.is_truthy()?));
        }
        if obj.hasattr("is_integer")? && obj.hasattr("__float__")? && !obj.hasattr("__index__")? {
            let v: f64 = obj.call_method0("__float__")?.extract()?;
            return float_value(v, path, allow_float);
        }
    }
    if obj.hasattr("__index__")? {
        let idx = py.import("operator")?.getattr("index")?.call1((obj,))?;
        return int_value(&idx, path);
    }
    Err(case_err(
        CaseErrorKind::Schema,
        path,
        format!(
            "a value of type `{}` cannot be part of a case (use text, a whole number, true/false or None)",
            type_name(obj)
        ),
    ))
}

fn entry(
    map: &mut Map<String, Value>,
    k: &Bound<'_, PyAny>,
    v: &Bound<'_, PyAny>,
    path: &mut String,
    depth: usize,
    allow_float: bool,
) -> Result<(), ConvertError> {
    let key = match k.cast::<PyString>() {
        Ok(s) => text(s, path)?,
        Err(_) => {
            return Err(case_err(
                CaseErrorKind::Schema,
                path,
                format!("a key of type `{}`: keys must be text", type_name(k)),
            ))
        }
    };
    let len = path.len();
    path.push('.');
    path.push_str(&key);
    let value = walk(v, path, depth + 1, allow_float)?;
    path.truncate(len);
    map.insert(key, value);
    Ok(())
}

/// Every number in a case is a whole number. A float is refused, since it may already
/// have been rounded; with `allow_float` a whole-valued float becomes that whole number
/// and NaN (how pandas marks a missing value) becomes `None`.
fn float_value(v: f64, path: &str, allow_float: bool) -> Result<Value, ConvertError> {
    if !allow_float {
        return Err(case_err(
            CaseErrorKind::Schema,
            path,
            "a float where a whole number is expected: floats are refused because they may be inexact; pass allow_float=True to accept whole-valued floats",
        ));
    }
    if v.is_nan() {
        return Ok(Value::Null);
    }
    // 2^53: beyond it a float no longer holds every whole number.
    if v.is_finite() && v.fract() == 0.0 && v.abs() <= 9_007_199_254_740_992.0 {
        return Ok(Value::Number(Number::from(v as i64)));
    }
    Err(case_err(CaseErrorKind::Schema, path, "expected a whole number, not a fraction"))
}

/// What a column of a wide frame holds (see `_frames.roles` on the Python side).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// A case field: `id`, `reported_at`, `municipality`, ...
    Case,
    /// A subject field; `age_min` and `age_max` make the age range.
    Subject,
    /// An indicator of the pack, the cell its observed value.
    Indicator,
}

impl Role {
    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "case" => Some(Role::Case),
            "subject" => Some(Role::Subject),
            "indicator" => Some(Role::Indicator),
            _ => None,
        }
    }
}

/// One column of a wide frame, its cells as a Python list.
pub struct WideColumn<'py> {
    pub name: String,
    pub role: Role,
    pub cells: Bound<'py, PyList>,
}

/// A missing cell in any of pandas, polars and pyarrow: None, NaN, `pd.NA`, `pd.NaT`.
fn is_missing(v: &Bound<'_, PyAny>) -> bool {
    if v.is_none() {
        return true;
    }
    if let Ok(f) = v.cast::<PyFloat>() {
        return f.value().is_nan();
    }
    // The common cells first: only other types need their name looked up.
    if v.is_instance_of::<PyBool>() || v.is_instance_of::<PyInt>() || v.is_instance_of::<PyString>() {
        return false;
    }
    matches!(v.get_type().name().map(|n| n.to_string()).as_deref(), Ok("NAType" | "NaTType"))
}

/// Row `row` of a wide frame as case JSON: the same case, with the same paths in its
/// errors, as the row's dict would give (`_frames.cases_from_rows` then `case_json`), read
/// straight from the columns. Cells are walked in the order the dict would be: case
/// fields, then the subject (the age range where its first column is), then the
/// observations.
pub fn wide_case_json<'py>(columns: &[WideColumn<'py>], row: usize, allow_float: bool) -> Result<String, ConvertError> {
    let cell = |c: &WideColumn<'py>| -> PyResult<Option<Bound<'py, PyAny>>> {
        let v = c.cells.get_item(row)?;
        Ok((!is_missing(&v)).then_some(v))
    };
    let age_end = |c: &WideColumn<'py>| match c.name.as_str() {
        "age_min" => Some("min"),
        "age_max" => Some("max"),
        _ => None,
    };
    let mut path = String::from("$");
    let mut case = Map::new();
    for c in columns.iter().filter(|c| c.role == Role::Case) {
        if let Some(v) = cell(c)? {
            path.truncate(1);
            path.push('.');
            path.push_str(&c.name);
            case.insert(c.name.clone(), walk(&v, &mut path, 1, allow_float)?);
        }
    }
    let mut subject = Map::new();
    let mut age_done = false;
    for c in columns.iter().filter(|c| c.role == Role::Subject) {
        if age_end(c).is_some() {
            if age_done {
                continue;
            }
            let mut age_range = Map::new();
            for a in columns.iter().filter(|a| a.role == Role::Subject) {
                if let (Some(end), Some(v)) = (age_end(a), cell(a)?) {
                    path.truncate(1);
                    path.push_str(".subject.age_range.");
                    path.push_str(end);
                    age_range.insert(end.to_owned(), walk(&v, &mut path, 3, allow_float)?);
                }
            }
            age_done = !age_range.is_empty();
            if age_done {
                subject.insert("age_range".to_owned(), Value::Object(age_range));
            }
        } else if let Some(v) = cell(c)? {
            path.truncate(1);
            path.push_str(".subject.");
            path.push_str(&c.name);
            subject.insert(c.name.clone(), walk(&v, &mut path, 2, allow_float)?);
        }
    }
    let mut observations = Vec::new();
    for c in columns.iter().filter(|c| c.role == Role::Indicator) {
        if let Some(v) = cell(c)? {
            path.truncate(1);
            path.push_str(&format!(".observations[{}].value", observations.len()));
            let mut observation = Map::new();
            observation.insert("indicator".to_owned(), Value::String(c.name.clone()));
            observation.insert("value".to_owned(), walk(&v, &mut path, 3, allow_float)?);
            observations.push(Value::Object(observation));
        }
    }
    if !subject.is_empty() {
        case.insert("subject".to_owned(), Value::Object(subject));
    }
    if !observations.is_empty() {
        case.insert("observations".to_owned(), Value::Array(observations));
    }
    Ok(Value::Object(case).to_string())
}
