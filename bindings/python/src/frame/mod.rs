//! Wide frames, read from Arrow in Rust: each row becomes `CaseBuilder` calls (the same
//! checks as case JSON), rows are screened or assessed on every core, and the results
//! are Arrow arrays. Problems are reported in frame terms — row position, column
//! position and, when the column is one of the engine's or the pack's names, that
//! name — all of them at once.

pub mod cells;
pub mod out;
pub mod plan;
pub mod rows;

use crate::arrow_io::Batches;
use arrow_array::RecordBatch;
use arrow_schema::SchemaRef;
use jiff::tz::TimeZone;
use jiff::Timestamp;
use plan::{column_words, Column, Role, Settings};
use putokaz::{CaseBuilder, CaseError, Options, Protocol};
use rayon::prelude::*;
use rows::{CellProblem, Rows};

/// Rows screened together by one worker, with one builder.
const RUN: usize = 8192;

/// At most this many problems are kept (the count of the others is reported).
pub const MAX_PROBLEMS: usize = 10_000;

/// One problem of a frame: where (row and column positions; the column's name when it is
/// the engine's or the pack's), what kind, the JSON path of the case field, and a message
/// that quotes nothing from the frame.
#[derive(Clone, Debug)]
pub struct Problem {
    pub row: Option<usize>,
    pub column: Option<usize>,
    pub field: Option<String>,
    pub kind: String,
    pub path: Option<String>,
    pub message: String,
}

impl Problem {
    /// `row[5], column[3] `age`: case.wrong_type: ...`.
    pub fn text(&self) -> String {
        let place = match (self.row, self.column) {
            (Some(r), Some(c)) => format!("row[{r}], {}: ", column_words(c, self.field.as_deref())),
            (Some(r), None) => format!("row[{r}]: "),
            _ => String::new(),
        };
        format!("{place}{}: {}", self.kind, self.message)
    }
}

/// What a frame gave: result batches (none when the frame failed), its problems, how many
/// were not kept, and the positions of rows left out as repeated case ids.
pub struct Outcome {
    pub result: Option<(SchemaRef, Vec<RecordBatch>)>,
    pub problems: Vec<Problem>,
    pub more_problems: usize,
    pub dropped: Vec<usize>,
}

/// What is made of each row.
pub enum Work<'o> {
    /// `Protocol::screen`'s projection: one row per case.
    Screen,
    /// The full assessment's obligations: one row per case and obligation.
    Obligations(&'o Options),
}

/// A row's fate before it is evaluated: a repeated id is refused or left out.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Seen {
    First,
    Repeat(usize),
}

/// Runs every row of a wide frame. Call without the GIL.
pub fn run(protocol: &Protocol, frame: &Batches, as_of: Timestamp, settings: &Settings, work: Work<'_>) -> Outcome {
    let columns = match plan::plan(protocol, &frame.schema, settings) {
        Ok(c) => c,
        Err(problems) => return failed(problems),
    };
    let zone = protocol.time_zone();
    let pack_zone = TimeZone::get(zone).unwrap_or(TimeZone::UTC);
    let report = settings.report;
    let schema = match work {
        Work::Screen => out::summary_schema(zone, settings.top_unknown, report),
        Work::Obligations(_) => out::obligations_schema(zone, report),
    };
    let seen = repeated_ids(frame, &columns, settings, &pack_zone);
    // Runs of rows, each within one batch: (batch, first row, end, first global row).
    let mut runs = Vec::new();
    let mut offset = 0;
    for (b, batch) in frame.batches.iter().enumerate() {
        let n = batch.num_rows();
        for start in (0..n).step_by(RUN) {
            runs.push((b, start, (start + RUN).min(n), offset + start));
        }
        offset += n;
    }
    let id_column = columns.iter().position(|c| c.role == Role::Id);
    let results: Vec<(RecordBatch, Vec<Problem>)> = runs
        .par_iter()
        .map(|&(b, start, end, global)| {
            let rows = Rows::new(&frame.batches[b], &columns, settings, &pack_zone);
            let mut builder = protocol.case_builder(as_of);
            let mut run = RunOutput::new(&work, settings.top_unknown);
            let mut observed = Vec::new();
            let mut cells = Vec::new();
            for i in start..end {
                let row = global + (i - start);
                let id = rows.id(i);
                let repeat = match seen[row] {
                    Seen::First => None,
                    Seen::Repeat(_) if settings.first_of_duplicates => continue,
                    Seen::Repeat(first) => Some(first),
                };
                observed.clear();
                cells.clear();
                rows.feed(&mut builder, i, &mut observed, &mut cells);
                let mut problems: Vec<Problem> = Vec::new();
                if let Some(first) = repeat {
                    problems.push(Problem {
                        row: Some(row),
                        column: id_column.map(|k| columns[k].position),
                        field: Some("id".into()),
                        kind: "case.conflict".into(),
                        path: Some("$.id".into()),
                        message: format!("the same case id as row[{first}]"),
                    });
                }
                if problems.is_empty() && cells.is_empty() {
                    if run.evaluate(&mut builder, id, &work).is_ok() {
                        continue;
                    }
                    // Evaluation reports the first problem and forgets the case: read the
                    // row again to list them all.
                    observed.clear();
                    cells.clear();
                    rows.feed(&mut builder, i, &mut observed, &mut cells);
                }
                problems.extend(cell_problems(&cells, &columns, row));
                problems.extend(builder.problems().iter().map(|e| case_problem(e, &columns, &observed, row)));
                builder.clear();
                if problems.is_empty() {
                    // Only the score's scale can fail after binding.
                    problems.push(Problem {
                        row: Some(row),
                        column: None,
                        field: None,
                        kind: "internal".into(),
                        path: None,
                        message: format!("a score with more than {} decimal places", out::SCORE_SCALE),
                    });
                }
                let text: Vec<String> = problems.iter().map(Problem::text).collect();
                run.failed(id, &text.join("; "));
                run.problems.extend(problems);
            }
            let problems = std::mem::take(&mut run.problems);
            (run.finish(&schema, zone), problems)
        })
        .collect();
    let mut problems = Vec::new();
    let mut batches = Vec::with_capacity(results.len());
    for (batch, p) in results {
        problems.extend(p);
        batches.push(batch);
    }
    let dropped = if settings.first_of_duplicates {
        seen.iter().enumerate().filter(|(_, s)| **s != Seen::First).map(|(i, _)| i).collect()
    } else {
        Vec::new()
    };
    let more_problems = problems.len().saturating_sub(MAX_PROBLEMS);
    problems.truncate(MAX_PROBLEMS);
    if !report && !problems.is_empty() {
        return Outcome { result: None, problems, more_problems, dropped };
    }
    Outcome { result: Some((schema, batches)), problems, more_problems, dropped }
}

fn failed(mut problems: Vec<Problem>) -> Outcome {
    let more_problems = problems.len().saturating_sub(MAX_PROBLEMS);
    problems.truncate(MAX_PROBLEMS);
    Outcome { result: None, problems, more_problems, dropped: Vec::new() }
}

/// Per row, whether its case id was already seen in an earlier row (rows without an id
/// are left to the binder, which refuses them).
fn repeated_ids(frame: &Batches, columns: &[Column], settings: &Settings, zone: &TimeZone) -> Vec<Seen> {
    let mut first: rustc_hash::FxHashMap<&str, usize> = Default::default();
    let mut seen = Vec::new();
    for batch in &frame.batches {
        let rows = Rows::new(batch, columns, settings, zone);
        for i in 0..batch.num_rows() {
            let row = seen.len();
            seen.push(match rows.id(i) {
                Some(id) => match first.entry(id) {
                    std::collections::hash_map::Entry::Occupied(e) => Seen::Repeat(*e.get()),
                    std::collections::hash_map::Entry::Vacant(e) => {
                        e.insert(row);
                        Seen::First
                    }
                },
                None => Seen::First,
            });
        }
    }
    seen
}

/// The column of the plan that fed a case error's path.
fn column_of(e: &CaseError, columns: &[Column], observed: &[usize]) -> Option<usize> {
    let path = e.path.as_str();
    if let Some(rest) = path.strip_prefix("$.observations[") {
        let k: usize = rest.split(']').next()?.parse().ok()?;
        return observed.get(k).copied();
    }
    if path == "$" || path == "$.subject" {
        return None;
    }
    columns.iter().position(|c| {
        let own = c.role.path(0);
        !matches!(c.role, Role::Indicator(..))
            && (path == own
                || path.starts_with(&format!("{own}."))
                || path.starts_with(&format!("{own}["))
                || own.starts_with(&format!("{path}.")))
    })
}

fn case_problem(e: &CaseError, columns: &[Column], observed: &[usize], row: usize) -> Problem {
    let column = column_of(e, columns, observed).map(|k| &columns[k]);
    Problem {
        row: Some(row),
        column: column.map(|c| c.position),
        field: column.map(|c| c.name.clone()),
        kind: format!("case.{}", e.kind.as_str()),
        path: Some(e.path.clone()),
        message: e.message.clone(),
    }
}

fn cell_problems<'p>(
    cells: &'p [CellProblem],
    columns: &'p [Column],
    row: usize,
) -> impl Iterator<Item = Problem> + 'p {
    cells.iter().map(move |c| {
        let column = &columns[c.column];
        let path = match column.role {
            Role::Indicator(..) => None,
            role => Some(format!("{}{}", role.path(0), c.within)),
        };
        Problem {
            row: Some(row),
            column: Some(column.position),
            field: Some(column.name.clone()),
            kind: format!("case.{}", c.kind.as_str()),
            path,
            message: c.message.to_owned(),
        }
    })
}

/// One worker's results.
enum Rowwise {
    Summaries(out::Summaries),
    Duties(out::Duties),
}

struct RunOutput {
    rows: Rowwise,
    top_unknown: bool,
    problems: Vec<Problem>,
}

impl RunOutput {
    fn new(work: &Work<'_>, top_unknown: bool) -> RunOutput {
        let rows = match work {
            Work::Screen => Rowwise::Summaries(out::Summaries::default()),
            Work::Obligations(_) => Rowwise::Duties(out::Duties::default()),
        };
        RunOutput { rows, top_unknown, problems: Vec::new() }
    }

    /// Evaluates the builder's case into this run's rows; `Err` when it failed (the
    /// builder has forgotten it).
    fn evaluate(&mut self, b: &mut CaseBuilder<'_>, id: Option<&str>, work: &Work<'_>) -> Result<(), ()> {
        match (&mut self.rows, work) {
            (Rowwise::Summaries(s), Work::Screen) => {
                let screening = b.screen(self.top_unknown).map_err(|_| ())?;
                s.push(id, &screening, self.top_unknown)
            }
            (Rowwise::Duties(d), Work::Obligations(options)) => {
                let a = b.assess(options).map_err(|_| ())?;
                d.push(id, &a);
                Ok(())
            }
            _ => Err(()),
        }
    }

    fn failed(&mut self, id: Option<&str>, text: &str) {
        match &mut self.rows {
            Rowwise::Summaries(s) => s.push_failed(id, text),
            Rowwise::Duties(d) => d.push_failed(id, text),
        }
    }

    fn finish(self, schema: &SchemaRef, zone: &str) -> RecordBatch {
        match self.rows {
            Rowwise::Summaries(s) => s.finish(schema, zone),
            Rowwise::Duties(d) => d.finish(schema, zone),
        }
    }
}
