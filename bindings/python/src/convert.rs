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

/// Deepest nesting walked: beyond the case reader's own limit (which then reports
/// `case.limit`, exactly as for the same case as JSON text), so this only stops
/// self-referencing containers before they reach the stack limit.
const MAX_DEPTH: usize = putokaz::MAX_DEPTH + 8;

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
pub fn case_json(obj: &Bound<'_, PyAny>) -> Result<String, ConvertError> {
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
    let value = walk(obj, &mut path, 0)?;
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

fn walk(obj: &Bound<'_, PyAny>, path: &mut String, depth: usize) -> Result<Value, ConvertError> {
    if depth > MAX_DEPTH {
        return Err(case_err(CaseErrorKind::Limit, path, "the case is nested too deeply"));
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
        return float_value(f.value(), path);
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(text(s, path)?));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut map = Map::new();
        for (k, v) in d.iter() {
            entry(&mut map, &k, &v, path, depth)?;
        }
        return Ok(Value::Object(map));
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let mut items = Vec::new();
        for (i, item) in obj.try_iter()?.enumerate() {
            let item = item?;
            let len = path.len();
            path.push_str(&format!("[{i}]"));
            items.push(walk(&item, path, depth + 1)?);
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
            entry(&mut map, &k, &v, path, depth)?;
        }
        return Ok(Value::Object(map));
    }
    // NumPy values, as pandas hands them out: arrays (a list column after a parquet round
    // trip) as lists, booleans by name (numpy.bool_ has no `__index__`), integers through
    // `__index__`, floats through `float`.
    let ty = obj.get_type();
    let module: String = ty.getattr("__module__").and_then(|m| m.extract()).unwrap_or_default();
    if module == "numpy" {
        let name = type_name(obj);
        if name == "ndarray" {
            return walk(&obj.call_method0("tolist")?, path, depth);
        }
        if name == "bool_" || name == "bool" {
            return Ok(Value::Bool(obj.is_truthy()?));
        }
        if obj.hasattr("is_integer")? && obj.hasattr("__float__")? && !obj.hasattr("__index__")? {
            let v: f64 = obj.call_method0("__float__")?.extract()?;
            return float_value(v, path);
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
    let value = walk(v, path, depth + 1)?;
    path.truncate(len);
    map.insert(key, value);
    Ok(())
}

/// Every number in a case is a whole number. A whole-valued float is that whole number
/// (pandas gives whole numbers as floats in a column with gaps) and NaN, how pandas marks
/// a missing value, is `None`; a fraction is refused, never rounded.
fn float_value(v: f64, path: &str) -> Result<Value, ConvertError> {
    if v.is_nan() {
        return Ok(Value::Null);
    }
    match crate::frame::cells::whole(v) {
        Some(n) => Ok(Value::Number(Number::from(n as i64))),
        None => Err(case_err(CaseErrorKind::Schema, path, "expected a whole number, not a fraction")),
    }
}
