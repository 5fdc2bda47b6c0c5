//! Frames across the boundary through the Arrow C stream interface: a frame comes in as
//! an object with `__arrow_c_stream__` (a pyarrow table, a polars or pandas frame, a
//! DuckDB result) and results go out as one, so no Python object is made per cell.

use arrow_array::ffi_stream::{ArrowArrayStreamReader, FFI_ArrowArrayStream};
use arrow_array::{RecordBatch, RecordBatchIterator, RecordBatchReader};
use arrow_schema::SchemaRef;
use pyo3::prelude::*;
use pyo3::types::PyCapsule;
use std::ffi::CStr;
use std::sync::Mutex;

/// The capsule name the Arrow PyCapsule interface gives a C stream.
const STREAM: &CStr = c"arrow_array_stream";

/// A frame as Arrow: its schema and every record batch.
pub struct Batches {
    pub schema: SchemaRef,
    pub batches: Vec<RecordBatch>,
}

/// Reads every batch of `frame` (any object with `__arrow_c_stream__`). A stream that
/// breaks is a usage error that quotes nothing from it (the producer's message could
/// carry a cell's value).
pub fn read(frame: &Bound<'_, PyAny>) -> PyResult<Batches> {
    let py = frame.py();
    let broken = || crate::errors::usage(py, "the frame could not be read through the Arrow C stream interface");
    let capsule = frame.call_method0("__arrow_c_stream__")?;
    let capsule = capsule.cast::<PyCapsule>().map_err(|_| broken())?;
    let raw = capsule.pointer_checked(Some(STREAM))?;
    // SAFETY: a capsule named `arrow_array_stream` holds an `ArrowArrayStream` of the C
    // stream interface (the PyCapsule protocol's contract). `from_raw` moves the stream
    // out and marks the capsule's copy released, so the capsule's destructor does not
    // release it a second time; the capsule stays alive for the whole call.
    let reader = unsafe { ArrowArrayStreamReader::from_raw(raw.as_ptr().cast::<FFI_ArrowArrayStream>()) }
        .map_err(|_| broken())?;
    let schema = reader.schema();
    let batches = reader.collect::<Result<Vec<_>, _>>().map_err(|_| broken())?;
    Ok(Batches { schema, batches })
}

/// Results as an Arrow C stream, for `pyarrow.table(...)`, `polars.DataFrame(...)` or
/// any consumer of the PyCapsule interface. The stream can be taken once.
#[pyclass(module = "putokaz._native", name = "ArrowStream", frozen)]
pub struct ArrowStream {
    stream: Mutex<Option<FFI_ArrowArrayStream>>,
}

impl ArrowStream {
    pub fn new(schema: SchemaRef, batches: Vec<RecordBatch>) -> ArrowStream {
        let reader: Box<dyn RecordBatchReader + Send> =
            Box::new(RecordBatchIterator::new(batches.into_iter().map(Ok), schema));
        ArrowStream { stream: Mutex::new(Some(FFI_ArrowArrayStream::new(reader))) }
    }
}

#[pymethods]
impl ArrowStream {
    /// The stream, as the PyCapsule interface hands it over (`requested_schema` is not
    /// supported and must be None).
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        if requested_schema.is_some_and(|s| !s.is_none()) {
            return Err(crate::errors::usage(py, "the results are given in their own schema only"));
        }
        let stream = self
            .stream
            .lock()
            .map_err(|_| crate::errors::usage(py, "the results stream is broken"))?
            .take()
            .ok_or_else(|| crate::errors::usage(py, "the results stream was already taken"))?;
        // The consumer moves the stream out of the capsule; a stream never taken is
        // released when the capsule is dropped (FFI_ArrowArrayStream's Drop).
        PyCapsule::new(py, stream, Some(STREAM.to_owned()))
    }
}
