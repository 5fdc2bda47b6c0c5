//! The long layout: one row per observation, the rows of a case sharing its id (in
//! order of first appearance). Each case field is read from the first row of the case
//! that fills it, and every other row that fills it must agree; each row naming an
//! indicator is one observation. The cases are then evaluated as wide rows are.

use super::plan::{Column, Role, Settings};
use super::rows::Rows;
use super::{gather, CaseRun, Outcome, Problem, Work, RUN};
use crate::arrow_io::Batches;
use arrow_array::{make_array, Array, ArrayRef, RecordBatch};
use arrow_data::transform::MutableArrayData;
use arrow_schema::SchemaRef;
use jiff::tz::TimeZone;
use jiff::Timestamp;
use putokaz::{IndicatorKind, Protocol};
use rayon::prelude::*;

/// Runs every case of a long frame. Call without the GIL.
#[allow(clippy::too_many_arguments)]
pub fn run(
    protocol: &Protocol,
    frame: &Batches,
    as_of: Timestamp,
    settings: &Settings,
    work: &Work<'_>,
    columns: &[Column],
    schema: &SchemaRef,
    pack_zone: &TimeZone,
) -> Outcome {
    // A case's rows may lie in different batches: read the frame as one.
    let batch = match one_batch(frame) {
        Ok(Some(b)) => b,
        Ok(None) => return gather(Vec::new(), schema, settings, std::iter::empty()),
        Err(()) => {
            return super::failed(vec![Problem {
                row: None,
                column: None,
                field: None,
                kind: "usage".into(),
                path: None,
                message: "the frame's batches are too large to be read as one".into(),
            }])
        }
    };
    let kinds: rustc_hash::FxHashMap<String, IndicatorKind> =
        protocol.indicators().into_iter().map(|i| (i.id, i.kind)).collect();
    let rows = Rows::new(&batch, columns, settings, pack_zone);
    let cases = group(&rows, batch.num_rows());
    let id_column = columns.iter().position(|c| c.role == Role::Id);
    let results: Vec<(RecordBatch, Vec<Problem>)> = cases
        .par_chunks(RUN)
        .map(|chunk| {
            let mut run = CaseRun::new(protocol, as_of, work, settings.top_unknown, columns);
            for case in chunk {
                let first = case[0];
                let (sources, problems) = sources(&rows, &batch, columns, case, id_column);
                run.one(rows.id(first), 0, first, problems, work, |b, f| {
                    f.sources.clone_from(&sources);
                    rows.feed_from(b, |k| sources[k], f.observed, f.cells);
                    for &i in case {
                        rows.observe_row(b, i, &kinds, f.observed, f.cells);
                    }
                });
            }
            run.finish(schema, protocol.time_zone())
        })
        .collect();
    gather(results, schema, settings, std::iter::empty())
}

/// The frame's batches as one (none when the frame has no batch); `Err` when the joined
/// columns would overflow Arrow's offsets.
fn one_batch(frame: &Batches) -> Result<Option<RecordBatch>, ()> {
    match frame.batches.as_slice() {
        [] => Ok(None),
        [only] => Ok(Some(only.clone())),
        all => {
            let rows: usize = all.iter().map(RecordBatch::num_rows).sum();
            let columns: Vec<ArrayRef> = (0..frame.schema.fields().len())
                .map(|k| {
                    let parts: Vec<_> = all.iter().map(|b| b.column(k).to_data()).collect();
                    let mut joined = MutableArrayData::new(parts.iter().collect(), false, rows);
                    for (n, part) in parts.iter().enumerate() {
                        joined.try_extend(n, 0, part.len()).map_err(|_| ())?;
                    }
                    Ok(make_array(joined.freeze()))
                })
                .collect::<Result<_, ()>>()?;
            RecordBatch::try_new(frame.schema.clone(), columns).map(Some).map_err(|_| ())
        }
    }
}

/// The rows of each case, in order of first appearance. A row without an id is a case
/// of its own (which the binder refuses for its missing id).
fn group(rows: &Rows<'_>, n: usize) -> Vec<Vec<usize>> {
    let mut at: rustc_hash::FxHashMap<&str, usize> = Default::default();
    let mut cases: Vec<Vec<usize>> = Vec::new();
    for i in 0..n {
        match rows.id(i) {
            Some(id) => match at.entry(id) {
                std::collections::hash_map::Entry::Occupied(e) => cases[*e.get()].push(i),
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(cases.len());
                    cases.push(vec![i]);
                }
            },
            None => cases.push(vec![i]),
        }
    }
    cases
}

/// For each planned column, the row of the case its case field is read from (the first
/// that fills it), and a conflict for each later row that fills it differently.
fn sources(
    rows: &Rows<'_>,
    batch: &RecordBatch,
    columns: &[Column],
    case: &[usize],
    id_column: Option<usize>,
) -> (Vec<Option<usize>>, Vec<Problem>) {
    let mut problems = Vec::new();
    let sources = columns
        .iter()
        .enumerate()
        .map(|(k, column)| {
            if column.role.is_observation() {
                return None;
            }
            let mut filled = case.iter().copied().filter(|&i| rows.present(k, i, batch));
            let first = filled.next()?;
            if Some(k) != id_column {
                let array = batch.column(column.position);
                let cell = array.slice(first, 1);
                for other in filled {
                    if *array.slice(other, 1) != *cell {
                        problems.push(Problem {
                            row: Some(other),
                            column: Some(column.position),
                            field: Some(column.name.clone()),
                            kind: "case.conflict".into(),
                            path: Some(column.role.path(0)),
                            message: format!("`{}` differs from row[{first}] of the same case", column.name),
                        });
                    }
                }
            }
            Some(first)
        })
        .collect();
    (sources, problems)
}
