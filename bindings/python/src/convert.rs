//! Python values to case JSON. A case arrives as a mapping (or JSON text); it is walked
//! here into JSON text, keys in the mapping's own order, and then read by
//! `putokaz::Case::from_json`, so a case given from Python is checked by exactly the code
//! that checks a case given as JSON: the same kinds, paths and messages, unknown keys
//! counted at the same positions, the same nesting limit.
//!
//! The walk is bounded as the reader is: it stops as soon as the text it writes is longer
//! than a case may be (`case.limit`, the reader's own error), and it does not descend
//! below the first container that is nested too deeply (the text is then too deep, which
//! the reader reports). So a list of millions of references to one object costs no more
//! than one case's text.
//!
//! Python values with no JSON form (a set, a naive datetime, a key that is not text) are
//! `CaseError`s that name the path and the Python type, never the value; a key in that
//! path is named only when it is a field of the case schema, any other by its position.

use putokaz::{CaseError, CaseErrorKind};
use putokaz::{MAX_CASE_BYTES, MAX_DEPTH};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyMapping, PyString, PyTuple, PyType};
use serde_json::Number;

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
    let mut walk = Walk { out: String::new(), path: String::from("$") };
    walk.value(obj, 1)?;
    Ok(walk.out)
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

/// A walk in progress: the JSON written so far and the path of the value being walked.
struct Walk {
    out: String,
    path: String,
}

impl Walk {
    fn err(&self, kind: CaseErrorKind, message: impl Into<String>) -> ConvertError {
        case_err(kind, &self.path, message)
    }

    /// Writes `json`, and stops the walk once the text is longer than a case may be: the
    /// reader refuses such a text by its size before reading any of it.
    fn write(&mut self, json: &str) -> Result<(), ConvertError> {
        self.out.push_str(json);
        if self.out.len() > MAX_CASE_BYTES {
            if let Err(e) = putokaz::Case::from_json(&self.out) {
                return Err(ConvertError::Case(e));
            }
        }
        Ok(())
    }

    fn string(&mut self, s: &str) -> Result<(), ConvertError> {
        let quoted =
            serde_json::to_string(s).map_err(|_| self.err(CaseErrorKind::Schema, "text that cannot be JSON"))?;
        self.write(&quoted)
    }

    /// A whole number as its digits; one too large for any field is still a JSON number,
    /// so the reader refuses it as it would in JSON text.
    fn int(&mut self, i: &Bound<'_, PyAny>) -> Result<(), ConvertError> {
        let digits: String = i.str()?.extract()?;
        self.write(&digits)
    }

    /// Every number in a case is a whole number. A whole-valued float is that whole
    /// number (pandas gives whole numbers as floats in a column with gaps) and NaN, how
    /// pandas marks a missing value, is `None`; a fraction is written as one, for the
    /// reader to refuse where it stands, never rounded.
    fn float(&mut self, v: f64) -> Result<(), ConvertError> {
        if v.is_nan() {
            return self.write("null");
        }
        if let Some(n) = crate::frame::cells::whole(v) {
            return self.write(&(n as i64).to_string());
        }
        if !v.is_finite() {
            return Err(self.err(CaseErrorKind::Schema, "an infinite number cannot be part of a case"));
        }
        let number = Number::from_f64(v).map(|n| n.to_string()).unwrap_or_default();
        self.write(&number)
    }

    /// A value at nesting level `depth` (the case itself is level 1, as in the reader).
    fn value(&mut self, obj: &Bound<'_, PyAny>, depth: usize) -> Result<(), ConvertError> {
        let py = obj.py();
        if obj.is_none() {
            return self.write("null");
        }
        if let Ok(b) = obj.cast::<PyBool>() {
            return self.write(if b.is_true() { "true" } else { "false" });
        }
        if obj.is_instance_of::<PyInt>() {
            return self.int(obj);
        }
        if let Ok(f) = obj.cast::<PyFloat>() {
            return self.float(f.value());
        }
        if let Ok(s) = obj.cast::<PyString>() {
            let t = text(s, &self.path)?;
            return self.string(&t);
        }
        if let Ok(d) = obj.cast::<PyDict>() {
            return self.object(d.iter().map(Ok), depth);
        }
        if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
            return self.list(obj, depth);
        }
        let types = std_types(py)?;
        if obj.is_instance(types.datetime.bind(py))? {
            if obj.call_method0("utcoffset")?.is_none() {
                return Err(self.err(
                    CaseErrorKind::InvalidDate,
                    "a datetime without a time zone: give an aware datetime (with tzinfo) or RFC 3339 text with an offset",
                ));
            }
            let iso: String = obj.call_method0("isoformat")?.extract()?;
            return self.string(&iso);
        }
        if obj.is_instance(types.date.bind(py))? {
            let iso: String = obj.call_method0("isoformat")?.extract()?;
            return self.string(&iso);
        }
        if obj.is_instance(types.decimal.bind(py))? {
            // Exact: a whole Decimal is a whole number, any other finite one is written as
            // the number it is, for the reader to refuse as a fraction in JSON.
            let finite: bool = obj.call_method0("is_finite")?.extract()?;
            if !finite {
                return Err(
                    self.err(CaseErrorKind::Schema, "a Decimal that is not a finite number cannot be part of a case")
                );
            }
            if obj.eq(obj.call_method0("to_integral_value")?)? {
                let as_int = py.import("builtins")?.getattr("int")?.call1((obj,))?;
                return self.int(&as_int);
            }
            let digits: String = obj.str()?.extract()?;
            return self.write(&digits);
        }
        if let Ok(m) = obj.cast::<PyMapping>() {
            let items = m.items()?;
            return self.object(items.iter().map(|item| item.extract()), depth);
        }
        // NumPy values, as pandas hands them out: arrays (a list column after a parquet
        // round trip) as lists, booleans by name (numpy.bool_ has no `__index__`),
        // integers through `__index__`, floats through `float`.
        let ty = obj.get_type();
        let module: String = ty.getattr("__module__").and_then(|m| m.extract()).unwrap_or_default();
        if module == "numpy" {
            let name = type_name(obj);
            if name == "ndarray" {
                return self.list(&obj.call_method0("tolist")?, depth);
            }
            if name == "bool_" || name == "bool" {
                return self.write(if obj.is_truthy()? { "true" } else { "false" });
            }
            if obj.hasattr("is_integer")? && obj.hasattr("__float__")? && !obj.hasattr("__index__")? {
                let v: f64 = obj.call_method0("__float__")?.extract()?;
                return self.float(v);
            }
        }
        if obj.hasattr("__index__")? {
            let idx = py.import("operator")?.getattr("index")?.call1((obj,))?;
            return self.int(&idx);
        }
        Err(self.err(
            CaseErrorKind::Schema,
            format!(
                "a value of type `{}` cannot be part of a case (use text, a whole number, true/false or None)",
                type_name(obj)
            ),
        ))
    }

    /// A container nested deeper than the reader allows is not walked (so one that holds
    /// itself is not followed without end): only its opening is written, and the first
    /// character of its contents, a stand-in, when it has any. The reader refuses the
    /// text there, at the line and column where it refuses the same case as JSON text.
    fn too_deep(&mut self, depth: usize, open: &str, empty: bool, close: &str) -> Option<Result<(), ConvertError>> {
        if depth <= MAX_DEPTH {
            return None;
        }
        Some(self.write(open).and_then(|()| self.write(if empty { close } else { "0" })))
    }

    fn list(&mut self, obj: &Bound<'_, PyAny>, depth: usize) -> Result<(), ConvertError> {
        let mut items = obj.try_iter()?.peekable();
        let empty = items.peek().is_none();
        if let Some(done) = self.too_deep(depth, "[", empty, "]") {
            return done;
        }
        self.write("[")?;
        for (i, item) in items.enumerate() {
            let item = item?;
            if i > 0 {
                self.write(",")?;
            }
            let len = self.path.len();
            self.path.push_str(&format!("[{i}]"));
            self.value(&item, depth + 1)?;
            self.path.truncate(len);
        }
        self.write("]")
    }

    fn object<'py>(
        &mut self,
        items: impl Iterator<Item = PyResult<(Bound<'py, PyAny>, Bound<'py, PyAny>)>>,
        depth: usize,
    ) -> Result<(), ConvertError> {
        let mut items = items.peekable();
        let empty = items.peek().is_none();
        if let Some(done) = self.too_deep(depth, "{", empty, "}") {
            return done;
        }
        self.write("{")?;
        for (n, item) in items.enumerate() {
            let (k, v) = item?;
            if n > 0 {
                self.write(",")?;
            }
            let len = self.path.len();
            let key = match k.cast::<PyString>() {
                Ok(s) => s.to_cow().ok().map(|t| t.into_owned()),
                Err(_) => {
                    self.path.push_str(&format!("[key {n}]"));
                    return Err(self
                        .err(CaseErrorKind::Schema, format!("a key of type `{}`: keys must be text", type_name(&k))));
                }
            };
            match &key {
                Some(name) if putokaz::is_schema_key(name) => {
                    self.path.push('.');
                    self.path.push_str(name);
                }
                _ => self.path.push_str(&format!("[key {n}]")),
            }
            let Some(key) = key else {
                return Err(self.err(CaseErrorKind::Schema, "a key that is not valid Unicode (a lone surrogate)"));
            };
            self.string(&key)?;
            self.write(":")?;
            self.value(&v, depth + 1)?;
            self.path.truncate(len);
        }
        self.write("}")
    }
}
