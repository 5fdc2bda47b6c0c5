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
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value;

mod arrow_io;
mod convert;
mod errors;
mod frame;

use errors::{convert_err, guard, pyerr_at, to_pyerr, Failure, Where};

/// A frame's problem: (row, column, field, kind, path, message, text).
type FrameProblem = (Option<usize>, Option<usize>, Option<String>, String, Option<String>, String, String);
/// What `run_frame` returns.
type FrameResult = (Option<arrow_io::ArrowStream>, Vec<FrameProblem>, usize, Vec<usize>);

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
fn convert_all(cases: &Bound<'_, PyAny>) -> PyResult<Vec<Result<String, Failure>>> {
    let mut out = Vec::new();
    for case in cases.try_iter()? {
        out.push(case_input(convert::case_json(&case?))?);
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

/// Cases parsed for the analysis tools, which take whole case sets: the first case that
/// cannot be read raises its error, with its position.
fn parse_all(py: Python<'_>, cases: &Bound<'_, PyAny>) -> PyResult<Vec<putokaz::Case>> {
    let inputs = convert_all(cases)?;
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
        work: impl Fn(&Protocol, &putokaz::Case, jiff::Timestamp) -> Result<T, Error> + Sync + Send,
        each: impl Fn(Python<'py>, T) -> PyResult<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let as_of = parse_as_of(py, &as_of.0)?;
        let inputs = convert_all(cases)?;
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

    /// The routing table's municipalities, in table order.
    #[getter]
    fn municipalities(&self) -> Vec<&str> {
        self.inner.municipalities()
    }

    /// The routing table's name for `name` (ignoring case and diacritics), or None and
    /// the names close to it.
    fn municipality_named(&self, name: Text) -> (Option<String>, Vec<String>) {
        match self.inner.municipality_named(&name.0) {
            Ok(n) => (Some(n.to_owned()), Vec::new()),
            Err(close) => (None, close.into_iter().map(str::to_owned).collect()),
        }
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
    #[pyo3(signature = (case, as_of, language = None, trace = true, unknowns = 10, text = true))]
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
    ) -> PyResult<String> {
        let as_of = parse_as_of(py, &as_of.0)?;
        let json = convert::case_json(case).map_err(|e| convert_err(py, e))?;
        let options = options(language, trace, unknowns, text).map_err(|e| to_pyerr(py, e))?;
        let protocol = &self.inner;
        py.detach(|| assess_one(protocol, &json, as_of, &options).map(|a| a.to_json()))
            .map_err(|f| pyerr_at(py, f, &Where::default()))
    }

    /// Assesses many cases on all cores; one item per case, in order: the assessment's
    /// JSON, or the exception (not raised) that the case gave.
    #[pyo3(signature = (cases, as_of, language = None, trace = true, unknowns = 10, text = true))]
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
    ) -> PyResult<Bound<'py, PyList>> {
        let options = options(language, trace, unknowns, text).map_err(|e| to_pyerr(py, e))?;
        self.batch(
            py,
            cases,
            as_of,
            |p, case, at| Ok(putokaz::assess(p, case, at, &options)?.to_json()),
            |py, s| Ok(s.into_pyobject(py)?.into_any()),
        )
    }

    /// Screens (`obligations = False`), assesses for their obligations or, with
    /// `cases`, gives as case JSON (a `case` column) every case of a frame (wide, or
    /// `long`) read through the Arrow C stream interface, on every core without the
    /// GIL. Returns the results as an Arrow stream (None when the frame failed), every
    /// problem as (row, column, field, kind, path, message, text), how many problems
    /// were not kept, and the positions of rows left out as repeated case ids.
    #[pyo3(signature = (
        frame, as_of, *, obligations = false, language = None, top_unknown = true, report = false,
        naive_in_pack_zone = false, true_values = Vec::new(), false_values = Vec::new(), ignore = Vec::new(),
        ignore_unknown = false, first_of_duplicates = false, long = false, cases = false
    ))]
    #[allow(clippy::too_many_arguments)]
    fn run_frame<'py>(
        &self,
        py: Python<'py>,
        frame: &Bound<'py, PyAny>,
        as_of: Text,
        obligations: bool,
        language: Option<Text>,
        top_unknown: bool,
        report: bool,
        naive_in_pack_zone: bool,
        true_values: Vec<Text>,
        false_values: Vec<Text>,
        ignore: Vec<usize>,
        ignore_unknown: bool,
        first_of_duplicates: bool,
        long: bool,
        cases: bool,
    ) -> PyResult<FrameResult> {
        let as_of = parse_as_of(py, &as_of.0)?;
        let options = options(language, false, 0, false).map_err(|e| to_pyerr(py, e))?;
        let settings = frame::plan::Settings {
            long,
            naive_in_pack_zone,
            true_values: true_values.into_iter().map(|t| t.0).collect(),
            false_values: false_values.into_iter().map(|t| t.0).collect(),
            ignore,
            ignore_unknown,
            first_of_duplicates,
            top_unknown,
            report,
        };
        let batches = arrow_io::read(frame)?;
        let protocol = &self.inner;
        let work = match (cases, obligations) {
            (true, _) => frame::Work::Cases,
            (false, true) => frame::Work::Obligations(&options),
            (false, false) => frame::Work::Screen,
        };
        let outcome = py
            .detach(|| guard(|| Ok(frame::run(protocol, &batches, as_of, &settings, work))))
            .map_err(|f| pyerr_at(py, f, &Where::default()))?;
        let stream = outcome.result.map(|(schema, batches)| arrow_io::ArrowStream::new(schema, batches));
        let problems = outcome
            .problems
            .into_iter()
            .map(|p| {
                let text = p.text();
                (p.row, p.column, p.field, p.kind, p.path, p.message, text)
            })
            .collect();
        Ok((stream, problems, outcome.more_problems, outcome.dropped))
    }

    /// What changes between this protocol and `other` over a case set: the engine's
    /// `Protocol::diff`, as Python values (decimals and parameter values as text).
    #[pyo3(signature = (other, cases, as_of))]
    fn diff<'py>(
        &self,
        py: Python<'py>,
        other: PyRef<'py, PyProtocol>,
        cases: &Bound<'py, PyAny>,
        as_of: Text,
    ) -> PyResult<Bound<'py, PyAny>> {
        let as_of = parse_as_of(py, &as_of.0)?;
        let cases = parse_all(py, cases)?;
        let (a, b) = (&self.inner, &other.inner);
        analyse(py, || Ok(a.diff(b, &cases, as_of)))
    }

    /// The smallest sets of indicator changes that would move the case's level up or
    /// down (the engine's `Protocol::what_if`).
    #[pyo3(signature = (case, as_of, limit = 5))]
    fn what_if<'py>(
        &self,
        py: Python<'py>,
        case: &Bound<'py, PyAny>,
        as_of: Text,
        limit: usize,
    ) -> PyResult<Bound<'py, PyAny>> {
        let as_of = parse_as_of(py, &as_of.0)?;
        let json = convert::case_json(case).map_err(|e| convert_err(py, e))?;
        let protocol = &self.inner;
        analyse(py, || {
            let case = putokaz::Case::from_json(&json).map_err(Error::Case)?;
            Ok(protocol.what_if(&case, as_of, limit)?)
        })
    }

    /// Every case screened at every value of a `local_policy` parameter (the engine's
    /// `Protocol::sweep`): one record per value and case, values in the order given.
    #[pyo3(signature = (parameter, values, cases, as_of))]
    fn sweep<'py>(
        &self,
        py: Python<'py>,
        parameter: Text,
        values: Vec<Text>,
        cases: &Bound<'py, PyAny>,
        as_of: Text,
    ) -> PyResult<Bound<'py, PyAny>> {
        let as_of = parse_as_of(py, &as_of.0)?;
        let cases = parse_all(py, cases)?;
        let protocol = &self.inner;
        analyse(py, || {
            let values: Vec<&str> = values.iter().map(|v| v.0.as_str()).collect();
            Ok(protocol.sweep(&parameter.0, &values, &cases, as_of)?)
        })
    }

    /// Outcomes per group (the engine's `Protocol::compare_groups`). `groups[i]` labels
    /// `cases[i]`; the label travels beside the case and never reaches the engine's
    /// reading of it.
    #[pyo3(signature = (groups, cases, as_of))]
    fn compare_groups<'py>(
        &self,
        py: Python<'py>,
        groups: Vec<Text>,
        cases: &Bound<'py, PyAny>,
        as_of: Text,
    ) -> PyResult<Bound<'py, PyAny>> {
        let as_of = parse_as_of(py, &as_of.0)?;
        let cases = parse_all(py, cases)?;
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
#[pyo3(signature = (case))]
fn normalize_case(py: Python<'_>, case: &Bound<'_, PyAny>) -> PyResult<String> {
    let json = convert::case_json(case).map_err(|e| convert_err(py, e))?;
    putokaz::Case::from_json(&json).map(|c| c.to_json()).map_err(|e| to_pyerr(py, Error::Case(e)))
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyProtocol>()?;
    m.add_class::<arrow_io::ArrowStream>()?;
    m.add_function(wrap_pyfunction!(normalize_case, m)?)?;
    m.add("__version__", putokaz::ENGINE_VERSION)?;
    m.add("LANGUAGES", putokaz::Language::ALL.iter().map(|l| l.as_str()).collect::<Vec<_>>())?;
    Ok(())
}
