//! The private module `putokaz._native`: a thin, faithful translation of the `putokaz`
//! crate for the Python package `putokaz` (python/putokaz), which is the public API.
//!
//! What this layer does, and nothing more: it turns Python values into a case (walking
//! them into JSON that `putokaz::Case::from_json` reads, so a case from Python is checked
//! exactly like a case from JSON), releases the GIL while the engine works, spreads
//! batches over the cores with rayon, and turns engine errors into the package's
//! exceptions. It holds no domain logic: the assessment's JSON is `Assessment::to_json`,
//! byte for byte.

use putokaz::Assessment;
use putokaz::{Error, Options, Protocol};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value;

mod convert;
mod errors;

use errors::{convert_err, guard, pyerr_at, to_pyerr, Failure, Where};

/// (path, text) or (name, value) pairs.
type Files = Vec<(String, String)>;

/// A text argument. Like `String`, but a `str` that is not valid Unicode (a lone
/// surrogate) is the package's `UsageError` rather than a `UnicodeEncodeError`.
struct Text(String);

impl FromPyObject<'_, '_> for Text {
    type Error = PyErr;

    fn extract(obj: Borrowed<'_, '_, PyAny>) -> Result<Self, Self::Error> {
        let s = obj.cast::<pyo3::types::PyString>()?;
        match s.to_cow() {
            Ok(t) => Ok(Text(t.into_owned())),
            Err(_) => Err(errors::usage(obj.py(), "text that is not valid Unicode (a lone surrogate)")),
        }
    }
}

fn texts(pairs: Vec<(Text, Text)>) -> Files {
    pairs.into_iter().map(|(a, b)| (a.0, b.0)).collect()
}

/// A loaded, checked protocol pack (see `putokaz.Protocol` for the public class).
#[pyclass(module = "putokaz._native", name = "Protocol", frozen)]
struct PyProtocol {
    inner: Protocol,
}

fn options(language: Option<Text>, trace: bool, unknowns: usize, text: bool) -> Result<Options, Error> {
    let options = Options::new().trace(trace).unknowns(unknowns).text(text);
    Ok(match language {
        Some(code) => options.language(code.0.parse()?),
        None => options,
    })
}

fn parse_as_of(py: Python<'_>, as_of: &str) -> PyResult<jiff::Timestamp> {
    putokaz::parse_as_of(as_of).map_err(|e| to_pyerr(py, e))
}

/// A serde value as plain Python objects (dict, list, str, int, float, bool, None).
fn to_py<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => b.into_pyobject(py)?.to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any()
            }
        }
        Value::String(s) => s.into_pyobject(py)?.into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, v) in map {
                dict.set_item(k, to_py(py, v)?)?;
            }
            dict.into_any()
        }
    })
}

fn serde_to_py<'py>(py: Python<'py>, value: &impl Serialize) -> PyResult<Bound<'py, PyAny>> {
    let v = serde_json::to_value(value).map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.to_string()))?;
    to_py(py, &v)
}

/// A converted case as a batch input: its JSON text, or the case error found converting
/// it; an error Python raised while it was read is passed on.
fn case_input(converted: Result<String, convert::ConvertError>) -> PyResult<Result<String, Failure>> {
    match converted {
        Ok(json) => Ok(Ok(json)),
        Err(convert::ConvertError::Case(c)) => Ok(Err(Failure::Engine(Error::Case(c)))),
        Err(convert::ConvertError::Python(e)) => Err(e),
    }
}

/// Cases converted under the GIL: each is its JSON text, or the error found converting it.
fn convert_all(cases: &Bound<'_, PyAny>, allow_float: bool) -> PyResult<Vec<Result<String, Failure>>> {
    let mut out = Vec::new();
    for case in cases.try_iter()? {
        out.push(case_input(convert::case_json(&case?, allow_float))?);
    }
    Ok(out)
}

/// Reads and runs `work` on every converted case on all cores, the GIL released; per case
/// its result or its failure, in input order.
fn run_all<T: Send>(
    py: Python<'_>,
    protocol: &Protocol,
    inputs: &[Result<String, Failure>],
    as_of: jiff::Timestamp,
    work: impl Fn(&Protocol, &putokaz::Case, jiff::Timestamp) -> Result<T, Error> + Sync + Send,
) -> Vec<Result<T, Failure>> {
    py.detach(|| {
        inputs
            .par_iter()
            .map(|input| match input {
                Ok(json) => guard(|| {
                    let case = putokaz::Case::from_json(json).map_err(Error::Case)?;
                    Ok(work(protocol, &case, as_of)?)
                }),
                Err(f) => Err(f.clone()),
            })
            .collect()
    })
}

/// Screens converted cases: the summaries as one list per field (None where a case
/// failed) and, per case, its exception or None.
fn screen_all<'py>(
    py: Python<'py>,
    protocol: &Protocol,
    inputs: &[Result<String, Failure>],
    as_of: jiff::Timestamp,
    top_unknown: bool,
) -> PyResult<(Bound<'py, PyDict>, Bound<'py, PyList>)> {
    let results = run_all(py, protocol, inputs, as_of, |p, case, at| Ok(summary(p.screen(case, at, top_unknown)?)));
    let out = Summary::columns(py, &results)?;
    let failures = PyList::empty(py);
    for (i, r) in results.iter().enumerate() {
        match r {
            Ok(_) => failures.append(py.None())?,
            Err(f) => failures.append(errors::exception(py, f, &Where { index: Some(i) })?)?,
        }
    }
    Ok((out, failures))
}

fn assess_one(
    protocol: &Protocol,
    json: &str,
    as_of: jiff::Timestamp,
    options: &Options,
) -> Result<Assessment, Failure> {
    guard(|| {
        let case = putokaz::Case::from_json(json).map_err(Error::Case)?;
        Ok(putokaz::assess(protocol, &case, as_of, options)?)
    })
}

/// One row of `assess_frame`: a screening's headline, as `summarize_many` and
/// `screen_wide` return it column by column (decimals as text, the due time in seconds).
struct Summary {
    id: String,
    score: String,
    score_min: String,
    score_max: String,
    level: &'static str,
    level_min: &'static str,
    level_max: &'static str,
    classification: &'static str,
    child_basis: putokaz::ChildBasis,
    is_child: Option<bool>,
    pending: u32,
    overdue: u32,
    depends_on_unknown: u32,
    next_due_unix: Option<i64>,
    top_unknown: Option<String>,
    settled: bool,
}

impl Summary {
    /// The summaries as one list per field (None where a row failed).
    fn columns<'py, E>(py: Python<'py>, rows: &[Result<Summary, E>]) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        macro_rules! column {
            ($name:literal, $get:expr) => {{
                let get = $get;
                let values = rows.iter().map(|r| r.as_ref().ok().map(get));
                d.set_item($name, PyList::new(py, values)?)?;
            }};
        }
        column!("id", |s: &Summary| s.id.clone());
        column!("score", |s: &Summary| s.score.clone());
        column!("score_min", |s: &Summary| s.score_min.clone());
        column!("score_max", |s: &Summary| s.score_max.clone());
        column!("level", |s: &Summary| s.level);
        column!("level_min", |s: &Summary| s.level_min);
        column!("level_max", |s: &Summary| s.level_max);
        column!("classification", |s: &Summary| s.classification);
        column!("child_basis", |s: &Summary| s.child_basis.as_str());
        column!("is_child", |s: &Summary| s.is_child);
        column!("settled", |s: &Summary| s.settled);
        column!("pending", |s: &Summary| s.pending);
        column!("overdue", |s: &Summary| s.overdue);
        column!("depends_on_unknown", |s: &Summary| s.depends_on_unknown);
        column!("next_due_unix", |s: &Summary| s.next_due_unix);
        column!("top_unknown", |s: &Summary| s.top_unknown.clone());
        Ok(d)
    }
}

fn summary(s: putokaz::Screening) -> Summary {
    let text = |d: putokaz::Decimal| d.to_string();
    Summary {
        id: s.case_id,
        score: text(s.score),
        score_min: text(s.score_min),
        score_max: text(s.score_max),
        level: s.level.as_str(),
        level_min: s.level_min.as_str(),
        level_max: s.level_max.as_str(),
        classification: s.classification.as_str(),
        child_basis: s.child_basis,
        is_child: s.is_child.known(),
        pending: s.pending,
        overdue: s.overdue,
        depends_on_unknown: s.depends_on_unknown,
        next_due_unix: s.next_due_unix,
        top_unknown: s.first_unknown.map(|u| u.to_string()),
        settled: s.level_settled && s.classification_settled,
    }
}

/// Cases parsed for the analysis tools, which take whole case sets: the first case that
/// cannot be read raises its error, with its position.
fn parse_all(py: Python<'_>, cases: &Bound<'_, PyAny>, allow_float: bool) -> PyResult<Vec<putokaz::Case>> {
    let inputs = convert_all(cases, allow_float)?;
    let parsed: Vec<Result<putokaz::Case, Failure>> = py.detach(|| {
        inputs
            .par_iter()
            .map(|input| match input {
                Ok(json) => guard(|| putokaz::Case::from_json(json).map_err(|e| Failure::Engine(Error::Case(e)))),
                Err(f) => Err(f.clone()),
            })
            .collect()
    });
    parsed.into_iter().enumerate().map(|(i, r)| r.map_err(|f| pyerr_at(py, f, &Where { index: Some(i) }))).collect()
}

/// Runs an analysis without the GIL, panics caught, and returns its result as Python values.
fn analyse<'py, T: Serialize + Send>(
    py: Python<'py>,
    f: impl FnOnce() -> Result<T, Failure> + Send,
) -> PyResult<Bound<'py, PyAny>> {
    let out = py.detach(|| guard(f)).map_err(|f| pyerr_at(py, f, &Where::default()))?;
    serde_to_py(py, &out)
}

impl PyProtocol {
    /// Assesses every case on the cores, without the GIL, and hands each result to
    /// `each` (with the GIL) in input order; failures become exception instances.
    #[allow(clippy::too_many_arguments)]
    fn batch<'py, T: Send>(
        &self,
        py: Python<'py>,
        cases: &Bound<'py, PyAny>,
        as_of: Text,
        allow_float: bool,
        work: impl Fn(&Protocol, &putokaz::Case, jiff::Timestamp) -> Result<T, Error> + Sync + Send,
        each: impl Fn(Python<'py>, T) -> PyResult<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let as_of = parse_as_of(py, &as_of.0)?;
        let inputs = convert_all(cases, allow_float)?;
        let results = run_all(py, &self.inner, &inputs, as_of, work);
        let out = PyList::empty(py);
        for (i, r) in results.into_iter().enumerate() {
            match r {
                Ok(v) => out.append(each(py, v)?)?,
                Err(f) => out.append(errors::exception(py, &f, &Where { index: Some(i) })?)?,
            }
        }
        Ok(out)
    }
}

#[pymethods]
impl PyProtocol {
    /// Rebuilds a protocol from its canonical files and caller-set local parameters
    /// (what pickling stores).
    #[new]
    #[pyo3(signature = (files, local = Vec::new()))]
    fn new(py: Python<'_>, files: Vec<(Text, Text)>, local: Vec<(Text, Text)>) -> PyResult<Self> {
        let (files, local) = (texts(files), texts(local));
        let mut protocol = py
            .detach(|| guard(|| Protocol::from_files(files).map_err(|e| Failure::Engine(Error::Pack(e)))))
            .map_err(|f| pyerr_at(py, f, &Where::default()))?;
        for (name, value) in local {
            protocol = guard(|| Ok(protocol.with_local_parameter(&name, &value)?))
                .map_err(|f| pyerr_at(py, f, &Where::default()))?;
        }
        Ok(PyProtocol { inner: protocol })
    }

    /// A pack bundled with the library.
    #[staticmethod]
    fn bundled(py: Python<'_>, id: Text) -> PyResult<Self> {
        let id = id.0;
        py.detach(|| guard(|| Ok(Protocol::bundled(&id)?)))
            .map(|inner| PyProtocol { inner })
            .map_err(|f| pyerr_at(py, f, &Where::default()))
    }

    /// The ids of the bundled packs, the default first.
    #[staticmethod]
    fn bundled_ids() -> Vec<&'static str> {
        Protocol::bundled_ids().to_vec()
    }

    /// Loads a pack from a directory holding its `pack.toml`.
    #[staticmethod]
    fn from_dir(py: Python<'_>, path: &Bound<'_, PyAny>) -> PyResult<Self> {
        let path = fs_path(path)?;
        py.detach(|| guard(|| Protocol::from_dir(&path).map_err(|e| Failure::Engine(Error::Pack(e)))))
            .map(|inner| PyProtocol { inner })
            .map_err(|f| pyerr_at(py, f, &Where::default()))
    }

    /// Loads a pack given as one TOML text.
    #[staticmethod]
    fn from_toml(py: Python<'_>, text: Text) -> PyResult<Self> {
        let text = text.0;
        py.detach(|| guard(|| Protocol::from_toml(&text).map_err(|e| Failure::Engine(Error::Pack(e)))))
            .map(|inner| PyProtocol { inner })
            .map_err(|f| pyerr_at(py, f, &Where::default()))
    }

    /// Loads a pack from its files: (path, text) pairs, `pack.toml` among them.
    #[staticmethod]
    fn from_files(py: Python<'_>, files: Vec<(Text, Text)>) -> PyResult<Self> {
        Self::new(py, files, Vec::new())
    }

    #[getter]
    fn id(&self) -> &str {
        self.inner.id()
    }

    #[getter]
    fn version(&self) -> &str {
        self.inner.version()
    }

    #[getter]
    fn digest(&self) -> &str {
        self.inner.digest()
    }

    #[getter]
    fn title(&self) -> std::collections::BTreeMap<String, String> {
        self.inner.title().clone()
    }

    #[getter]
    fn languages(&self) -> Vec<String> {
        self.inner.languages().to_vec()
    }

    #[getter]
    fn time_zone(&self) -> &str {
        self.inner.time_zone()
    }

    /// The canonical content files, (path, text), in order.
    #[getter]
    fn files(&self) -> Vec<(String, String)> {
        self.inner.files().to_vec()
    }

    #[getter]
    fn test_files(&self) -> Vec<String> {
        self.inner.test_files().to_vec()
    }

    /// Names of the `local_policy` parameters a caller may set.
    #[getter]
    fn local_parameters(&self) -> Vec<String> {
        self.inner.local_parameters().into_iter().map(str::to_owned).collect()
    }

    /// The caller-set local parameter values, (name, value text).
    #[getter]
    fn local_values(&self) -> Vec<(String, String)> {
        self.inner.local_values().into_iter().map(|(name, value)| (name, value.to_string())).collect()
    }

    /// Problems that did not stop the pack from loading: (kind, location, message, excerpt).
    #[getter]
    fn warnings(&self) -> Vec<(String, Option<String>, String, Option<String>)> {
        self.inner
            .warnings()
            .iter()
            .map(|i| {
                (
                    format!("pack.{}", i.kind.as_str()),
                    i.location.as_ref().map(|l| l.to_string()),
                    i.message.clone(),
                    i.excerpt.clone(),
                )
            })
            .collect()
    }

    /// The indicator catalogue, as records.
    fn indicators<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serde_to_py(py, &self.inner.indicators())
    }

    /// The pack's vocabulary (roles, event kinds, consent scopes, profiles, facts).
    fn vocabulary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serde_to_py(py, &self.inner.vocabulary())
    }

    /// The pack's sources.
    fn sources<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serde_to_py(py, &self.inner.sources())
    }

    /// The parameters with the values in force on `date` (`YYYY-MM-DD`).
    fn parameters<'py>(&self, py: Python<'py>, date: Text) -> PyResult<Bound<'py, PyAny>> {
        let date: jiff::civil::Date =
            date.0.parse().map_err(|_| errors::usage(py, "date must be a calendar date written YYYY-MM-DD"))?;
        serde_to_py(py, &self.inner.parameters(date))
    }

    /// A copy with a `local_policy` parameter set to `value` (written as in a pack).
    fn with_local_parameter(&self, py: Python<'_>, name: Text, value: Text) -> PyResult<Self> {
        guard(|| Ok(self.inner.with_local_parameter(&name.0, &value.0)?))
            .map(|inner| PyProtocol { inner })
            .map_err(|f| pyerr_at(py, f, &Where::default()))
    }

    /// Assesses one case (a mapping or JSON text) and returns the assessment's JSON.
    #[pyo3(signature = (case, as_of, language = None, trace = true, unknowns = 10, text = true, allow_float = false))]
    #[allow(clippy::too_many_arguments)]
    fn assess(
        &self,
        py: Python<'_>,
        case: &Bound<'_, PyAny>,
        as_of: Text,
        language: Option<Text>,
        trace: bool,
        unknowns: usize,
        text: bool,
        allow_float: bool,
    ) -> PyResult<String> {
        let as_of = parse_as_of(py, &as_of.0)?;
        let json = convert::case_json(case, allow_float).map_err(|e| convert_err(py, e))?;
        let options = options(language, trace, unknowns, text).map_err(|e| to_pyerr(py, e))?;
        let protocol = &self.inner;
        py.detach(|| assess_one(protocol, &json, as_of, &options).map(|a| a.to_json()))
            .map_err(|f| pyerr_at(py, f, &Where::default()))
    }

    /// Assesses many cases on all cores; one item per case, in order: the assessment's
    /// JSON, or the exception (not raised) that the case gave.
    #[pyo3(signature = (cases, as_of, language = None, trace = true, unknowns = 10, text = true, allow_float = false))]
    #[allow(clippy::too_many_arguments)]
    fn assess_many<'py>(
        &self,
        py: Python<'py>,
        cases: &Bound<'py, PyAny>,
        as_of: Text,
        language: Option<Text>,
        trace: bool,
        unknowns: usize,
        text: bool,
        allow_float: bool,
    ) -> PyResult<Bound<'py, PyList>> {
        let options = options(language, trace, unknowns, text).map_err(|e| to_pyerr(py, e))?;
        self.batch(
            py,
            cases,
            as_of,
            allow_float,
            |p, case, at| Ok(putokaz::assess(p, case, at, &options)?.to_json()),
            |py, s| Ok(s.into_pyobject(py)?.into_any()),
        )
    }

    /// Screens many cases (`Protocol::screen`: the outcome without words): the summary
    /// records' fields as columns (a failed case has None in each) and, per case, its
    /// exception or None. `top_unknown` also ranks the unknown inputs for the most
    /// decisive one.
    #[pyo3(signature = (cases, as_of, top_unknown = true, allow_float = false))]
    fn summarize_many<'py>(
        &self,
        py: Python<'py>,
        cases: &Bound<'py, PyAny>,
        as_of: Text,
        top_unknown: bool,
        allow_float: bool,
    ) -> PyResult<(Bound<'py, PyDict>, Bound<'py, PyList>)> {
        let as_of = parse_as_of(py, &as_of.0)?;
        let inputs = convert_all(cases, allow_float)?;
        screen_all(py, &self.inner, &inputs, as_of, top_unknown)
    }

    /// Screens every row of a wide frame given as columns — (name, role, cells) with role
    /// `case`, `subject` or `indicator` and every cell list `rows` long — without building
    /// a dict per row. Returns the summary records' fields as columns (a failed row has
    /// None in each) and, per row, its exception or None.
    #[pyo3(signature = (columns, rows, as_of, top_unknown = true, allow_float = false))]
    fn screen_wide<'py>(
        &self,
        py: Python<'py>,
        columns: Vec<(Text, Text, Bound<'py, PyList>)>,
        rows: usize,
        as_of: Text,
        top_unknown: bool,
        allow_float: bool,
    ) -> PyResult<(Bound<'py, PyDict>, Bound<'py, PyList>)> {
        let as_of = parse_as_of(py, &as_of.0)?;
        let mut wide = Vec::with_capacity(columns.len());
        for (name, role, cells) in columns {
            let role = convert::Role::parse(&role.0)
                .ok_or_else(|| PyValueError::new_err(format!("column `{}`: unknown role", name.0)))?;
            if cells.len() != rows {
                return Err(PyValueError::new_err(format!(
                    "column `{}` has {} cells, not {rows}",
                    name.0,
                    cells.len()
                )));
            }
            wide.push(convert::WideColumn { name: name.0, role, cells });
        }
        let mut inputs = Vec::with_capacity(rows);
        for row in 0..rows {
            inputs.push(case_input(convert::wide_case_json(&wide, row, allow_float))?);
        }
        screen_all(py, &self.inner, &inputs, as_of, top_unknown)
    }

    /// Assesses many cases and returns, per case, its obligations as records (or an
    /// exception).
    #[pyo3(signature = (cases, as_of, language = None, allow_float = false))]
    fn obligations_many<'py>(
        &self,
        py: Python<'py>,
        cases: &Bound<'py, PyAny>,
        as_of: Text,
        language: Option<Text>,
        allow_float: bool,
    ) -> PyResult<Bound<'py, PyList>> {
        let options = options(language, false, 0, false).map_err(|e| to_pyerr(py, e))?;
        self.batch(
            py,
            cases,
            as_of,
            allow_float,
            |p, case, at| {
                let a = putokaz::assess(p, case, at, &options)?;
                let rows: Vec<Value> = a.obligations.iter().filter_map(|o| serde_json::to_value(o).ok()).collect();
                Ok((a.case_id, rows))
            },
            |py, (id, rows)| {
                let list = PyList::empty(py);
                for row in rows {
                    list.append(to_py(py, &row)?)?;
                }
                Ok(PyTuple::new(py, [id.into_pyobject(py)?.into_any(), list.into_any()])?.into_any())
            },
        )
    }

    /// What changes between this protocol and `other` over a case set: the engine's
    /// `Protocol::diff`, as Python values (decimals and parameter values as text).
    #[pyo3(signature = (other, cases, as_of, allow_float = false))]
    fn diff<'py>(
        &self,
        py: Python<'py>,
        other: PyRef<'py, PyProtocol>,
        cases: &Bound<'py, PyAny>,
        as_of: Text,
        allow_float: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let as_of = parse_as_of(py, &as_of.0)?;
        let cases = parse_all(py, cases, allow_float)?;
        let (a, b) = (&self.inner, &other.inner);
        analyse(py, || Ok(a.diff(b, &cases, as_of)))
    }

    /// The smallest sets of indicator changes that would move the case's level up or
    /// down (the engine's `Protocol::what_if`).
    #[pyo3(signature = (case, as_of, limit = 5, allow_float = false))]
    fn what_if<'py>(
        &self,
        py: Python<'py>,
        case: &Bound<'py, PyAny>,
        as_of: Text,
        limit: usize,
        allow_float: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let as_of = parse_as_of(py, &as_of.0)?;
        let json = convert::case_json(case, allow_float).map_err(|e| convert_err(py, e))?;
        let protocol = &self.inner;
        analyse(py, || {
            let case = putokaz::Case::from_json(&json).map_err(Error::Case)?;
            Ok(protocol.what_if(&case, as_of, limit)?)
        })
    }

    /// Every case screened at every value of a `local_policy` parameter (the engine's
    /// `Protocol::sweep`): one record per value and case, values in the order given.
    #[pyo3(signature = (parameter, values, cases, as_of, allow_float = false))]
    fn sweep<'py>(
        &self,
        py: Python<'py>,
        parameter: Text,
        values: Vec<Text>,
        cases: &Bound<'py, PyAny>,
        as_of: Text,
        allow_float: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let as_of = parse_as_of(py, &as_of.0)?;
        let cases = parse_all(py, cases, allow_float)?;
        let protocol = &self.inner;
        analyse(py, || {
            let values: Vec<&str> = values.iter().map(|v| v.0.as_str()).collect();
            Ok(protocol.sweep(&parameter.0, &values, &cases, as_of)?)
        })
    }

    /// Outcomes per group (the engine's `Protocol::compare_groups`). `groups[i]` labels
    /// `cases[i]`; the label travels beside the case and never reaches the engine's
    /// reading of it.
    #[pyo3(signature = (groups, cases, as_of, allow_float = false))]
    fn compare_groups<'py>(
        &self,
        py: Python<'py>,
        groups: Vec<Text>,
        cases: &Bound<'py, PyAny>,
        as_of: Text,
        allow_float: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let as_of = parse_as_of(py, &as_of.0)?;
        let cases = parse_all(py, cases, allow_float)?;
        if groups.len() != cases.len() {
            return Err(errors::usage(py, "one group label is needed for each case"));
        }
        let protocol = &self.inner;
        analyse(py, || Ok(protocol.compare_groups(groups.iter().map(|g| g.0.as_str()).zip(cases.iter()), as_of)))
    }

    fn __getnewargs__(&self) -> (Files, Files) {
        (self.inner.files().to_vec(), self.local_values())
    }

    fn __repr__(&self) -> String {
        format!("<putokaz._native.Protocol {} {} {}>", self.inner.id(), self.inner.version(), self.inner.digest())
    }
}

/// A path from `str`, `bytes` or `os.PathLike`. (PyO3's own `PathBuf` conversion panics on
/// a `str` that the file system encoding cannot encode.)
fn fs_path(obj: &Bound<'_, PyAny>) -> PyResult<std::path::PathBuf> {
    let py = obj.py();
    let path = py.import("os")?.getattr("fspath")?.call1((obj,))?;
    if let Ok(b) = path.cast::<pyo3::types::PyBytes>() {
        return path_from_bytes(py, b.as_bytes());
    }
    let text: Text = path.extract()?;
    Ok(std::path::PathBuf::from(text.0))
}

#[cfg(unix)]
fn path_from_bytes(_py: Python<'_>, bytes: &[u8]) -> PyResult<std::path::PathBuf> {
    use std::os::unix::ffi::OsStrExt;
    Ok(std::path::PathBuf::from(std::ffi::OsStr::from_bytes(bytes)))
}

#[cfg(not(unix))]
fn path_from_bytes(py: Python<'_>, bytes: &[u8]) -> PyResult<std::path::PathBuf> {
    std::str::from_utf8(bytes)
        .map(std::path::PathBuf::from)
        .map_err(|_| errors::usage(py, "a path in bytes that is not UTF-8"))
}

/// Checks a case's shape (not against a pack) and returns it as canonical case JSON.
#[pyfunction]
#[pyo3(signature = (case, allow_float = false))]
fn normalize_case(py: Python<'_>, case: &Bound<'_, PyAny>, allow_float: bool) -> PyResult<String> {
    let json = convert::case_json(case, allow_float).map_err(|e| convert_err(py, e))?;
    putokaz::Case::from_json(&json).map(|c| c.to_json()).map_err(|e| to_pyerr(py, Error::Case(e)))
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyProtocol>()?;
    m.add_function(wrap_pyfunction!(normalize_case, m)?)?;
    m.add("__version__", putokaz::ENGINE_VERSION)?;
    m.add("LANGUAGES", putokaz::Language::ALL.iter().map(|l| l.as_str()).collect::<Vec<_>>())?;
    Ok(())
}
