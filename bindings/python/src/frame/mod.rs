//! Wide frames, read from Arrow in Rust: each row becomes `CaseBuilder` calls (the same
//! checks as case JSON), rows are screened or assessed on every core, and the results
//! are Arrow arrays. Problems are reported in frame terms — row position, column
//! position and, when the column is one of the engine's or the pack's names, that
//! name — all of them at once.

pub mod cells;
mod long;
pub mod out;
pub mod plan;
pub mod rows;
pub mod sink;

use crate::arrow_io::Batches;
use arrow_array::RecordBatch;
use arrow_schema::SchemaRef;
use jiff::tz::TimeZone;
use jiff::Timestamp;
use plan::{column_words, Column, Role, Settings};
use putokaz::{CaseBuilder, CaseError, Options, Protocol};
use rayon::prelude::*;
use rows::{CellProblem, Rows};
use sink::Sink;

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
    /// The cases themselves, as case JSON (for the analysis tools), after the same
    /// checks: one row per case.
    Cases,
}

/// A row's fate before it is evaluated: a repeated id is refused or left out.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Seen {
    First,
    Repeat(usize),
}

/// One case of a frame: its rows (one in the wide layout, the rows sharing its id in
/// the long layout) within batch `batch`, whose first row is row `offset` of the frame.
struct Unit {
    batch: usize,
    offset: usize,
    rows: std::ops::Range<usize>,
}

/// Runs every case of a frame. Call without the GIL.
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
        Work::Cases => out::cases_schema(report),
    };
    if settings.long {
        return long::run(protocol, frame, as_of, settings, &work, &columns, &schema, &pack_zone);
    }
    let seen = repeated_ids(frame, &columns, settings, &pack_zone);
    // Runs of rows, each within one batch.
    let mut runs = Vec::new();
    let mut offset = 0;
    for (b, batch) in frame.batches.iter().enumerate() {
        let n = batch.num_rows();
        for start in (0..n).step_by(RUN) {
            runs.push(Unit { batch: b, offset, rows: start..(start + RUN).min(n) });
        }
        offset += n;
    }
    let id_column = columns.iter().position(|c| c.role == Role::Id);
    let results: Vec<(RecordBatch, Vec<Problem>)> = runs
        .par_iter()
        .map(|unit| {
            let rows = Rows::new(&frame.batches[unit.batch], &columns, settings, &pack_zone);
            let mut case = CaseRun::new(protocol, as_of, &work, settings.top_unknown, &columns);
            for i in unit.rows.clone() {
                let row = unit.offset + i;
                let mut problems = Vec::new();
                match seen[row] {
                    Seen::First => {}
                    Seen::Repeat(_) if settings.first_of_duplicates => continue,
                    Seen::Repeat(first) => problems.push(Problem {
                        row: Some(row),
                        column: id_column.map(|k| columns[k].position),
                        field: Some("id".into()),
                        kind: "case.conflict".into(),
                        path: Some("$.id".into()),
                        message: format!("the same case id as row[{first}]"),
                    }),
                }
                case.one(rows.id(i), unit.offset, row, problems, &work, |b, f| rows.feed(b, i, f.observed, f.cells));
            }
            case.finish(&schema, zone)
        })
        .collect();
    gather(results, &schema, settings, seen.iter().enumerate().filter(|(_, s)| **s != Seen::First).map(|(i, _)| i))
}

/// Joins the workers' results into the outcome.
fn gather(
    results: Vec<(RecordBatch, Vec<Problem>)>,
    schema: &SchemaRef,
    settings: &Settings,
    repeats: impl Iterator<Item = usize>,
) -> Outcome {
    let mut problems = Vec::new();
    let mut batches = Vec::with_capacity(results.len());
    for (batch, p) in results {
        problems.extend(p);
        batches.push(batch);
    }
    let dropped = if settings.first_of_duplicates { repeats.collect() } else { Vec::new() };
    let more_problems = problems.len().saturating_sub(MAX_PROBLEMS);
    problems.truncate(MAX_PROBLEMS);
    if !settings.report && !problems.is_empty() {
        return Outcome { result: None, problems, more_problems, dropped };
    }
    Outcome { result: Some((schema.clone(), batches)), problems, more_problems, dropped }
}

/// One worker's cases: a builder, the rows made so far and the problems found.
struct CaseRun<'p, 'c> {
    builder: CaseBuilder<'p>,
    output: RunOutput,
    columns: &'c [Column],
    observed: Vec<rows::Fed>,
    cells: Vec<CellProblem>,
    sources: Vec<Option<usize>>,
}

/// What feeding a case records, to place its problems: the observations fed, the cells
/// that could not be, and (long layout) the row each case field's column was read from.
pub struct Feeding<'f> {
    pub observed: &'f mut Vec<rows::Fed>,
    pub cells: &'f mut Vec<CellProblem>,
    pub sources: &'f mut Vec<Option<usize>>,
}

impl<'p, 'c> CaseRun<'p, 'c> {
    fn new(
        protocol: &'p Protocol,
        as_of: Timestamp,
        work: &Work<'_>,
        top_unknown: bool,
        columns: &'c [Column],
    ) -> Self {
        CaseRun {
            builder: protocol.case_builder(as_of),
            output: RunOutput::new(work, top_unknown),
            columns,
            observed: Vec::new(),
            cells: Vec::new(),
            sources: Vec::new(),
        }
    }

    /// Feeds the case to the builder afresh, recording where its parts came from.
    fn feed_builder<'r>(&mut self, feed: &impl Fn(&mut dyn Sink<'r>, &mut Feeding))
    where
        'r: 'p,
    {
        self.observed.clear();
        self.cells.clear();
        self.sources.clear();
        let mut feeding = Feeding { observed: &mut self.observed, cells: &mut self.cells, sources: &mut self.sources };
        feed(&mut self.builder, &mut feeding);
    }

    /// Evaluates one case, fed by `feed` (which gives, for the long layout, the row of
    /// each case field's column); `offset` turns the batch's rows into the frame's, and
    /// `row` is the case's first row. `problems` are found before feeding.
    fn one<'r>(
        &mut self,
        id: Option<&str>,
        offset: usize,
        row: usize,
        mut problems: Vec<Problem>,
        work: &Work<'_>,
        feed: impl Fn(&mut dyn Sink<'r>, &mut Feeding),
    ) where
        'r: 'p,
    {
        self.feed_builder(&feed);
        if problems.is_empty() && self.cells.is_empty() && matches!(work, Work::Cases) {
            // The builder's checks, then the same row fed once more into a case.
            if self.builder.problems().is_empty() {
                self.builder.clear();
                let mut case = putokaz::Case::default();
                feed(
                    &mut case,
                    &mut Feeding { observed: &mut Vec::new(), cells: &mut Vec::new(), sources: &mut Vec::new() },
                );
                self.output.push_case(&case);
                return;
            }
        } else if problems.is_empty() && self.cells.is_empty() {
            if self.output.evaluate(&mut self.builder, id, work).is_ok() {
                return;
            }
            // Evaluation reports the first problem and forgets the case: read it again
            // to list them all.
            self.feed_builder(&feed);
        }
        problems.extend(cell_problems(&self.cells, self.columns, offset));
        let builder_problems = self.builder.problems();
        problems.extend(
            builder_problems.iter().map(|e| case_problem(e, self.columns, &self.observed, &self.sources, offset, row)),
        );
        self.builder.clear();
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
        self.output.failed(id, &text.join("; "));
        self.output.problems.extend(problems);
    }

    fn finish(mut self, schema: &SchemaRef, zone: &str) -> (RecordBatch, Vec<Problem>) {
        let problems = std::mem::take(&mut self.output.problems);
        (self.output.finish(schema, zone), problems)
    }
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

/// The column of the plan that fed a case error's path, and the row (within the batch)
/// it was read from when that is known.
fn column_of(e: &CaseError, columns: &[Column], observed: &[rows::Fed]) -> Option<(usize, Option<usize>)> {
    let path = e.path.as_str();
    if let Some(rest) = path.strip_prefix("$.observations[") {
        let (k, field) = rest.split_once(']')?;
        let fed = observed.get(k.parse::<usize>().ok()?)?;
        let column = if field.starts_with(".indicator") { fed.indicator } else { fed.value };
        return Some((column, Some(fed.row)));
    }
    if path == "$" || path == "$.subject" {
        return None;
    }
    columns
        .iter()
        .position(|c| {
            let own = c.role.path(0);
            !c.role.is_observation()
                && (path == own
                    || path.starts_with(&format!("{own}."))
                    || path.starts_with(&format!("{own}["))
                    || own.starts_with(&format!("{path}.")))
        })
        .map(|k| (k, None))
}

fn case_problem(
    e: &CaseError,
    columns: &[Column],
    observed: &[rows::Fed],
    sources: &[Option<usize>],
    offset: usize,
    row: usize,
) -> Problem {
    let at = column_of(e, columns, observed);
    let column = at.map(|(k, _)| &columns[k]);
    let source = at.and_then(|(k, r)| r.or_else(|| sources.get(k).copied().flatten()));
    Problem {
        row: Some(source.map_or(row, |r| offset + r)),
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
    offset: usize,
) -> impl Iterator<Item = Problem> + 'p {
    cells.iter().map(move |c| {
        let column = &columns[c.column];
        let path = match column.role {
            role if role.is_observation() => None,
            role => Some(format!("{}{}", role.path(0), c.within)),
        };
        Problem {
            row: Some(offset + c.row),
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
    Summaries(Box<out::Summaries>),
    Duties(Box<out::Duties>),
    Cases(Box<out::Cases>),
}

struct RunOutput {
    rows: Rowwise,
    top_unknown: bool,
    problems: Vec<Problem>,
}

impl RunOutput {
    fn new(work: &Work<'_>, top_unknown: bool) -> RunOutput {
        let rows = match work {
            Work::Screen => Rowwise::Summaries(Box::default()),
            Work::Obligations(_) => Rowwise::Duties(Box::default()),
            Work::Cases => Rowwise::Cases(Box::default()),
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

    fn push_case(&mut self, case: &putokaz::Case) {
        if let Rowwise::Cases(c) = &mut self.rows {
            c.push(&case.to_json());
        }
    }

    fn failed(&mut self, id: Option<&str>, text: &str) {
        match &mut self.rows {
            Rowwise::Summaries(s) => s.push_failed(id, text),
            Rowwise::Duties(d) => d.push_failed(id, text),
            Rowwise::Cases(c) => c.push_failed(text),
        }
    }

    fn finish(self, schema: &SchemaRef, zone: &str) -> RecordBatch {
        match self.rows {
            Rowwise::Summaries(s) => s.finish(schema, zone),
            Rowwise::Duties(d) => d.finish(schema, zone),
            Rowwise::Cases(c) => c.finish(schema),
        }
    }
}
