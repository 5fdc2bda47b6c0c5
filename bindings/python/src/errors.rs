//! Engine errors as the package's Python exceptions. The exception classes live in
//! Python (`putokaz._errors`), since `PackError` and `CaseError` inherit from both
//! `PutokazError` and `ValueError`; they are looked up once, when the first error is raised.

use crate::convert::ConvertError;
use putokaz::Error;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyModule};

static ERRORS: PyOnceLock<Py<PyModule>> = PyOnceLock::new();

/// What to say about one failed item of a batch: its position and, once known, its id.
#[derive(Clone, Debug, Default)]
pub struct Where {
    pub index: Option<usize>,
}

/// An error as its parts, free of the GIL, so batch workers can carry it back.
#[derive(Clone, Debug)]
pub enum Failure {
    Engine(Error),
    /// A panic caught at the boundary: a bug in the engine, never the caller's fault.
    /// Its text is not kept, since a panic message could quote a case's values.
    Internal,
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Engine(e)
    }
}

fn class<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    let module = ERRORS.get_or_try_init(py, || py.import("putokaz._errors").map(Bound::unbind))?;
    module.bind(py).getattr(name)
}

/// The exception for an engine error (an instance, not raised).
pub fn exception<'py>(py: Python<'py>, failure: &Failure, at: &Where) -> PyResult<Bound<'py, PyAny>> {
    let kwargs = PyDict::new(py);
    if let Some(i) = at.index {
        kwargs.set_item("index", i)?;
    }
    let (name, kind, location, message) = match failure {
        Failure::Engine(Error::Pack(e)) => {
            let issues: Vec<(String, Option<String>, String, Option<String>)> = e
                .issues
                .iter()
                .map(|i| {
                    (
                        format!("pack.{}", i.kind.as_str()),
                        i.location.as_ref().map(|l| l.to_string()),
                        i.message.clone(),
                        i.excerpt.clone(),
                    )
                })
                .collect();
            let first = issues.first().cloned();
            kwargs.set_item("issues", issues)?;
            let (loc, msg) = first.map(|f| (f.1, f.2)).unwrap_or((None, e.to_string()));
            ("PackError", Error::Pack(e.clone()).kind().to_owned(), loc, msg)
        }
        Failure::Engine(Error::Case(e)) => {
            ("CaseError", format!("case.{}", e.kind.as_str()), Some(e.path.clone()), e.message.clone())
        }
        Failure::Engine(Error::Usage(m)) => ("UsageError", "usage".to_owned(), None, m.message.clone()),
        Failure::Engine(other) => ("PutokazError", other.kind().to_owned(), None, other.to_string()),
        Failure::Internal => (
            "PutokazError",
            "internal".to_owned(),
            None,
            "internal error in the engine: a bug, please report it with the protocol id and version".to_owned(),
        ),
    };
    match class(py, name) {
        Ok(cls) => cls.call((kind, location, message), Some(&kwargs)),
        // The package is not importable (the module used on its own): still an error.
        Err(_) => Ok(PyValueError::new_err(format!("{kind}: {message}")).into_value(py).into_bound(py).into_any()),
    }
}

pub fn to_pyerr(py: Python<'_>, failure: impl Into<Failure>) -> PyErr {
    pyerr_at(py, failure.into(), &Where::default())
}

pub fn pyerr_at(py: Python<'_>, failure: Failure, at: &Where) -> PyErr {
    match exception(py, &failure, at) {
        Ok(e) => PyErr::from_value(e),
        Err(e) => e,
    }
}

pub fn convert_err(py: Python<'_>, e: ConvertError) -> PyErr {
    match e {
        ConvertError::Case(c) => to_pyerr(py, Error::Case(c)),
        ConvertError::Python(p) => p,
    }
}

pub fn usage(py: Python<'_>, message: impl Into<String>) -> PyErr {
    to_pyerr(py, Error::Usage(putokaz::UsageError::new(putokaz::UsageErrorKind::InvalidArgument, message)))
}

/// Runs engine code with panics caught: a panic is a bug, and must reach Python as an
/// ordinary `PutokazError` rather than a `PanicException` (which `except Exception` misses).
pub fn guard<T>(f: impl FnOnce() -> Result<T, Failure>) -> Result<T, Failure> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(_) => Err(Failure::Internal),
    }
}
