//! A wide frame's row as `CaseBuilder` calls: each planned column's cell goes to the
//! setter of its role. Texts are borrowed from the Arrow buffers (no copy), times and
//! dates are given as values (no text made). What the builder cannot take — a fraction
//! in a count column, a text that is neither a true nor a false value — is a cell
//! problem; everything else is checked by the builder, exactly as case JSON is.
//!
//! In the long layout a case is several rows: each case field is read from the row of
//! the case that fills it (the rows must agree), and each row is one observation.

use super::cells::{whole, DateCells, FloatCells, IntCells, ListCells, TextCells, TimeCells};
use super::plan::{Column, Role, Settings, ValueColumn};
use super::sink::Sink;
use arrow_array::cast::AsArray;
use arrow_array::{Array, BooleanArray, RecordBatch, StructArray};
use arrow_schema::DataType;
use jiff::tz::TimeZone;
use putokaz::{CaseErrorKind, Direction, IndicatorKind, Observed, TimeValue};

/// A cell the builder could not be given.
#[derive(Clone, Debug)]
pub struct CellProblem {
    /// Index into the plan's columns.
    pub column: usize,
    /// The row within the batch.
    pub row: usize,
    pub kind: CaseErrorKind,
    /// Where inside the cell, for list and record cells (`[1].at`).
    pub within: String,
    pub message: &'static str,
}

/// An observation fed to the builder: the plan's columns of its value and of its
/// indicator (the same column in the wide layout) and its row within the batch.
#[derive(Clone, Copy, Debug)]
pub struct Fed {
    pub value: usize,
    pub indicator: usize,
    pub row: usize,
}

/// A time cell: text, or a timestamp column.
enum Times<'a> {
    Text(TextCells<'a>),
    Time(TimeCells<'a>),
    Null,
}

impl<'a> Times<'a> {
    fn of(a: Option<&'a dyn Array>) -> Times<'a> {
        let Some(a) = a else { return Times::Null };
        if let Some(t) = TextCells::of(a) {
            return Times::Text(t);
        }
        TimeCells::of(a).map_or(Times::Null, Times::Time)
    }

    fn get(&self, i: usize, pack: &TimeZone) -> Option<Result<TimeValue<'a>, &'static str>> {
        match self {
            Times::Null => None,
            Times::Text(t) => t.get(i).map(|s| Ok(TimeValue::from(s))),
            Times::Time(t) => t.get(i).map(|v| {
                let v = v.map_err(|()| OUT_OF_RANGE)?;
                if t.aware {
                    return Ok(TimeValue::At(v));
                }
                // A naive column (only planned with naive="pack_tz"): its wall-clock time
                // in the pack's zone, refused where the zone skips or repeats it.
                let civil = v.to_zoned(TimeZone::UTC).datetime();
                pack.to_ambiguous_timestamp(civil).unambiguous().map(TimeValue::At).map_err(|_| AMBIGUOUS)
            }),
        }
    }
}

const OUT_OF_RANGE: &str = "a date or time beyond the dates the engine computes with";
const AMBIGUOUS: &str =
    "a wall-clock time that the pack's time zone skips or repeats (a daylight-saving change): give it with an offset";

/// A planned column's cells, typed once per batch.
enum Access<'a> {
    Null,
    Text(TextCells<'a>),
    Int(IntCells<'a>),
    Float(FloatCells<'a>),
    Bool(&'a BooleanArray),
    /// A long layout's `value` of several types, as a record with one field filled.
    Mixed {
        bool: Option<&'a BooleanArray>,
        count: Option<Box<Access<'a>>>,
        text: Option<TextCells<'a>>,
    },
    Times(Times<'a>),
    Dates(DateCells<'a>),
    Events {
        list: ListCells<'a>,
        kind: TextCells<'a>,
        at: Times<'a>,
        by: Option<TextCells<'a>>,
        all: &'a StructArray,
    },
    Consents {
        list: ListCells<'a>,
        scope: TextCells<'a>,
        given: &'a BooleanArray,
        at: Times<'a>,
        all: &'a StructArray,
    },
    Override {
        all: &'a StructArray,
        direction: TextCells<'a>,
        reason: Option<TextCells<'a>>,
        reviewer: Option<TextCells<'a>>,
    },
}

fn text_field<'a>(s: &'a StructArray, name: &str) -> Option<TextCells<'a>> {
    s.column_by_name(name).and_then(|a| TextCells::of(a.as_ref()))
}

fn access<'a>(array: &'a dyn Array, role: Role) -> Access<'a> {
    if *array.data_type() == DataType::Null {
        return Access::Null;
    }
    let entries = |list: &ListCells<'a>| -> Option<&'a StructArray> { list.values().as_struct_opt() };
    let built = match role {
        Role::ReportedAt | Role::ObservedAt => Some(Access::Times(Times::of(Some(array)))),
        Role::Value(ValueColumn::Any) if matches!(array.data_type(), DataType::Struct(_)) => {
            array.as_struct_opt().map(|all| Access::Mixed {
                bool: all.column_by_name("bool").and_then(|a| a.as_boolean_opt()),
                count: all
                    .column_by_name("count")
                    .map(|a| Box::new(access(a.as_ref(), Role::Value(ValueColumn::Count)))),
                text: text_field(all, "text"),
            })
        }
        Role::BirthDate => TextCells::of(array)
            .map(Access::Text)
            .or_else(|| DateCells::of(array).map(Access::Dates))
            .or_else(|| TimeCells::of(array).map(|t| Access::Times(Times::Time(t)))),
        Role::Events => ListCells::of(array).and_then(|list| {
            let all = entries(&list)?;
            let kind = text_field(all, "kind")?;
            let at = Times::of(all.column_by_name("at").map(|a| a.as_ref()));
            let by = text_field(all, "by");
            Some(Access::Events { list, kind, at, by, all })
        }),
        Role::Consents => ListCells::of(array).and_then(|list| {
            let all = entries(&list)?;
            let scope = text_field(all, "scope")?;
            let given = all.column_by_name("given")?.as_boolean_opt()?;
            let at = Times::of(all.column_by_name("at").map(|a| a.as_ref()));
            Some(Access::Consents { list, scope, given, at, all })
        }),
        Role::Override => array.as_struct_opt().and_then(|all| {
            Some(Access::Override {
                all,
                direction: text_field(all, "direction")?,
                reason: text_field(all, "reason"),
                reviewer: text_field(all, "reviewer"),
            })
        }),
        _ => TextCells::of(array)
            .map(Access::Text)
            .or_else(|| IntCells::of(array).map(Access::Int))
            .or_else(|| FloatCells::of(array).map(Access::Float))
            .or_else(|| array.as_boolean_opt().map(Access::Bool)),
    };
    // The plan checked the type; a struct whose fields are all null types reads as empty.
    built.unwrap_or(Access::Null)
}

/// A batch's planned columns, typed.
pub struct Rows<'a> {
    columns: &'a [Column],
    access: Vec<Access<'a>>,
    settings: &'a Settings,
    pack_zone: &'a TimeZone,
    id: Option<usize>,
}

/// A whole number from a number cell; `Err` for a fraction.
enum Num {
    Whole(i128),
    Fraction,
}

fn number_of(a: &Access<'_>, i: usize) -> Option<Num> {
    match a {
        Access::Int(a) => a.get(i).map(Num::Whole),
        Access::Float(a) => a.get(i).map(|v| whole(v).map_or(Num::Fraction, Num::Whole)),
        _ => None,
    }
}

fn count_of<'a>(n: Num) -> Result<Observed<'a>, &'static str> {
    match n {
        Num::Whole(n) => {
            u64::try_from(n).map(Observed::Count).map_err(|_| "a negative number where a count is expected")
        }
        Num::Fraction => Err("a fraction where a whole number is expected"),
    }
}

impl<'a> Rows<'a> {
    pub fn new(
        batch: &'a RecordBatch,
        columns: &'a [Column],
        settings: &'a Settings,
        pack_zone: &'a TimeZone,
    ) -> Rows<'a> {
        let access = columns.iter().map(|c| access(batch.column(c.position).as_ref(), c.role)).collect();
        let id = columns.iter().position(|c| c.role == Role::Id);
        Rows { columns, access, settings, pack_zone, id }
    }

    /// Row `i`'s case id, if it has one.
    pub fn id(&self, i: usize) -> Option<&'a str> {
        match self.access.get(self.id?)? {
            Access::Text(t) => t.get(i),
            _ => None,
        }
    }

    fn number(&self, k: usize, i: usize) -> Option<Num> {
        number_of(&self.access[k], i)
    }

    /// A yes/no cell; `Err` with the reason when it is not one.
    fn yes_no(&self, k: usize, i: usize) -> Option<Result<bool, &'static str>> {
        let s = self.settings;
        match &self.access[k] {
            Access::Bool(a) => a.is_valid(i).then(|| a.value(i)),
            Access::Text(t) => {
                let v = t.get(i)?;
                return Some(if s.true_values.iter().any(|x| x == v) {
                    Ok(true)
                } else if s.false_values.iter().any(|x| x == v) {
                    Ok(false)
                } else {
                    Err("a text that is neither one of true_values nor one of false_values")
                });
            }
            _ => {
                return self.number(k, i).map(|n| match n {
                    Num::Whole(1) => Ok(true),
                    Num::Whole(0) => Ok(false),
                    _ => Err("a number other than 1 or 0 where true or false is expected"),
                })
            }
        }
        .map(Ok)
    }

    /// Feeds row `i` of the wide layout to `b`. `observed` receives each observation
    /// fed (to name the column of an error at `$.observations[k]`); `problems` the cells
    /// that could not be fed.
    pub fn feed<S: Sink<'a> + ?Sized>(
        &self,
        b: &mut S,
        i: usize,
        observed: &mut Vec<Fed>,
        problems: &mut Vec<CellProblem>,
    ) {
        self.feed_from(b, |_| Some(i), observed, problems);
    }

    /// Feeds the case fields to `b`, column `k` from row `row_of(k)` (none: left out),
    /// and, in the wide layout, the indicators.
    pub fn feed_from<S: Sink<'a> + ?Sized>(
        &self,
        b: &mut S,
        row_of: impl Fn(usize) -> Option<usize>,
        observed: &mut Vec<Fed>,
        problems: &mut Vec<CellProblem>,
    ) {
        let (mut age_min, mut age_max) = (None::<(usize, usize, u32)>, None::<(usize, usize, u32)>);
        // An end of the age range given but unreadable is its own problem, not a missing end.
        let mut bad_age_end = false;
        for (k, column) in self.columns.iter().enumerate() {
            if matches!(column.role, Role::Observed | Role::Value(_) | Role::ObservedAt | Role::ObservedBy) {
                continue;
            }
            let Some(i) = row_of(k) else { continue };
            let bad = |problems: &mut Vec<CellProblem>, kind, message| {
                problems.push(CellProblem { column: k, row: i, kind, within: String::new(), message })
            };
            match column.role {
                Role::Id | Role::Municipality | Role::Reporter | Role::Sex | Role::Citizenship => {
                    let Some(v) = self.text(k, i) else { continue };
                    match column.role {
                        Role::Id => b.id(v),
                        Role::Municipality => b.municipality(v),
                        Role::Reporter => b.reporter(v),
                        Role::Sex => b.sex(v),
                        _ => b.citizenship(v),
                    }
                }
                Role::ReportedAt => {
                    if let Access::Times(t) = &self.access[k] {
                        match t.get(i, self.pack_zone) {
                            Some(Ok(v)) => {
                                b.reported_at(v);
                            }
                            Some(Err(m)) => bad(problems, CaseErrorKind::InvalidDate, m),
                            None => {}
                        }
                    }
                }
                Role::BirthDate => match &self.access[k] {
                    Access::Text(t) => {
                        if let Some(v) = t.get(i) {
                            b.birth_date(v);
                        }
                    }
                    Access::Dates(d) => match d.get(i) {
                        Some(Ok(v)) => {
                            b.birth_date_on(v);
                        }
                        Some(Err(())) => bad(problems, CaseErrorKind::InvalidDate, OUT_OF_RANGE),
                        None => {}
                    },
                    Access::Times(Times::Time(t)) => match t.get(i) {
                        Some(Ok(v)) => {
                            // The date in the column's own zone (naive: as written).
                            let zone = t.zone.clone().unwrap_or(TimeZone::UTC);
                            b.birth_date_on(v.to_zoned(zone).date());
                        }
                        Some(Err(())) => bad(problems, CaseErrorKind::InvalidDate, OUT_OF_RANGE),
                        None => {}
                    },
                    _ => {}
                },
                Role::Age | Role::AgeMin | Role::AgeMax => match self.number(k, i) {
                    Some(Num::Whole(n)) if n >= 0 => {
                        // Beyond u32: the binder's "not a possible age".
                        let years = u32::try_from(n).unwrap_or(u32::MAX);
                        match column.role {
                            Role::Age => {
                                b.age(years);
                            }
                            Role::AgeMin => age_min = Some((k, i, years)),
                            _ => age_max = Some((k, i, years)),
                        }
                    }
                    Some(Num::Whole(_)) => {
                        bad_age_end |= column.role != Role::Age;
                        bad(problems, CaseErrorKind::WrongType, "a negative number where an age is expected");
                    }
                    Some(Num::Fraction) => {
                        bad_age_end |= column.role != Role::Age;
                        bad(problems, CaseErrorKind::WrongType, "a fraction where whole years are expected");
                    }
                    None => {}
                },
                Role::AppearsMinor => match self.yes_no(k, i) {
                    Some(Ok(v)) => {
                        b.appears_minor(v);
                    }
                    Some(Err(m)) => bad(problems, CaseErrorKind::WrongType, m),
                    None => {}
                },
                Role::Indicator(r, kind) => {
                    let value = match self.observed(k, i, Some(kind)) {
                        Some(Ok(v)) => Some(v),
                        Some(Err(m)) => {
                            bad(problems, CaseErrorKind::WrongType, m);
                            None
                        }
                        None => None,
                    };
                    if let Some(v) = value {
                        observed.push(Fed { value: k, indicator: k, row: i });
                        b.observe(r, &column.name, v);
                    }
                }
                Role::Events => self.events(b, k, i, problems),
                Role::Consents => self.consents(b, k, i, problems),
                Role::Override => self.discretionary(b, k, i, problems),
                Role::Observed | Role::Value(_) | Role::ObservedAt | Role::ObservedBy => {}
            }
        }
        match (age_min, age_max) {
            (Some((_, _, lo)), Some((_, _, hi))) => {
                b.age_range(lo, hi);
            }
            (Some((k, i, _)), None) | (None, Some((k, i, _))) if !bad_age_end => problems.push(CellProblem {
                column: k,
                row: i,
                kind: CaseErrorKind::Schema,
                within: String::new(),
                message: "an age range needs both age_min and age_max",
            }),
            _ => {}
        }
    }

    /// Column `k`'s cell in row `i` as an observed value: read as the indicator's kind
    /// when the cell can be (a yes/no text, a whole float), otherwise as the cell's own
    /// type, for the builder to refuse with the indicator's expectation.
    fn observed(&self, k: usize, i: usize, kind: Option<IndicatorKind>) -> Option<Result<Observed<'a>, &'static str>> {
        if let Access::Mixed { bool, count, text } = &self.access[k] {
            if let Some(v) = bool.and_then(|a| a.is_valid(i).then(|| a.value(i))) {
                return Some(Ok(Observed::Bool(v)));
            }
            if let Some(c) = count {
                if let Some(v) = number_of(c, i) {
                    return Some(count_of(v));
                }
            }
            return text.as_ref().and_then(|t| t.get(i)).map(|t| Ok(Observed::Text(t.into())));
        }
        let natural = match &self.access[k] {
            Access::Bool(_) => Some(IndicatorKind::Bool),
            Access::Int(_) | Access::Float(_) => Some(IndicatorKind::Count),
            Access::Text(_) => Some(IndicatorKind::Enum),
            _ => None,
        };
        match (kind, natural?) {
            (Some(IndicatorKind::Bool), _) | (None, IndicatorKind::Bool) => {
                self.yes_no(k, i).map(|r| r.map(Observed::Bool))
            }
            (_, IndicatorKind::Count) => self.number(k, i).map(count_of),
            (_, IndicatorKind::Bool) => self.yes_no(k, i).map(|r| r.map(Observed::Bool)),
            (_, IndicatorKind::Enum) => self.text(k, i).map(|t| Ok(Observed::Text(t.into()))),
        }
    }

    /// Whether column `k` has a value in row `i` (NaN is none).
    pub fn present(&self, k: usize, i: usize, batch: &RecordBatch) -> bool {
        match &self.access[k] {
            Access::Null => false,
            Access::Float(f) => f.get(i).is_some(),
            Access::Text(t) => t.get(i).is_some(),
            _ => batch.column(self.columns[k].position).is_valid(i),
        }
    }

    /// Feeds row `i` of the long layout as one observation, if it names an indicator.
    /// Without a value column the indicator is present; with value columns all empty
    /// it was asked about and is not known.
    pub fn observe_row<S: Sink<'a> + ?Sized>(
        &self,
        b: &mut S,
        i: usize,
        kinds: &rustc_hash::FxHashMap<String, IndicatorKind>,
        observed: &mut Vec<Fed>,
        problems: &mut Vec<CellProblem>,
    ) {
        let mut indicator = None;
        let (mut value, mut value_columns, mut filled) = (None, 0, 0);
        let (mut at, mut by) = (None, None);
        for (k, column) in self.columns.iter().enumerate() {
            match column.role {
                Role::Observed => indicator = self.text(k, i).map(|t| (k, t)),
                Role::Value(_) => {
                    value_columns += 1;
                    if self.observed(k, i, None).is_some() {
                        filled += 1;
                        value.get_or_insert(k);
                    }
                }
                Role::ObservedAt => at = Some(k),
                Role::ObservedBy => by = self.text(k, i),
                _ => {}
            }
        }
        let Some((ind_column, name)) = indicator else { return };
        let bad = |problems: &mut Vec<CellProblem>, column, kind, message| {
            problems.push(CellProblem { column, row: i, kind, within: String::new(), message })
        };
        if filled > 1 {
            bad(
                problems,
                value.unwrap_or(ind_column),
                CaseErrorKind::Schema,
                "more than one value column filled in one row",
            );
            return;
        }
        let kind = kinds.get(name).copied();
        let v = match value {
            Some(k) => match self.observed(k, i, kind) {
                Some(Ok(v)) => v,
                Some(Err(m)) => return bad(problems, k, CaseErrorKind::WrongType, m),
                None => Observed::Unknown,
            },
            None if value_columns > 0 => Observed::Unknown,
            None => Observed::Bool(true),
        };
        let time = match at.map(|k| (k, &self.access[k])) {
            Some((k, Access::Times(t))) => match t.get(i, self.pack_zone) {
                Some(Ok(t)) => Some(t),
                Some(Err(m)) => return bad(problems, k, CaseErrorKind::InvalidDate, m),
                None => None,
            },
            _ => None,
        };
        observed.push(Fed { value: value.unwrap_or(ind_column), indicator: ind_column, row: i });
        b.observe_with(name, v, time, by);
    }

    fn text(&self, k: usize, i: usize) -> Option<&'a str> {
        match &self.access[k] {
            Access::Text(t) => t.get(i),
            _ => None,
        }
    }

    fn events<S: Sink<'a> + ?Sized>(&self, b: &mut S, k: usize, i: usize, problems: &mut Vec<CellProblem>) {
        let Access::Events { list, kind, at, by, all } = &self.access[k] else { return };
        let Some(range) = list.range(i) else { return };
        for (n, e) in range.enumerate() {
            let mut bad = |message| {
                problems.push(CellProblem {
                    column: k,
                    row: i,
                    kind: CaseErrorKind::Schema,
                    within: format!("[{n}]"),
                    message,
                })
            };
            if all.is_null(e) {
                bad("an empty entry where an event is expected");
                continue;
            }
            let Some(kind) = kind.get(e) else {
                bad("an event needs `kind`");
                continue;
            };
            match at.get(e, self.pack_zone) {
                Some(Ok(t)) => {
                    b.event(kind, t, by.as_ref().and_then(|x| x.get(e)));
                }
                Some(Err(m)) => problems.push(CellProblem {
                    column: k,
                    row: i,
                    kind: CaseErrorKind::InvalidDate,
                    within: format!("[{n}].at"),
                    message: m,
                }),
                None => bad("an event needs `at`"),
            }
        }
    }

    fn consents<S: Sink<'a> + ?Sized>(&self, b: &mut S, k: usize, i: usize, problems: &mut Vec<CellProblem>) {
        let Access::Consents { list, scope, given, at, all } = &self.access[k] else { return };
        let Some(range) = list.range(i) else { return };
        for (n, e) in range.enumerate() {
            let mut bad = |message| {
                problems.push(CellProblem {
                    column: k,
                    row: i,
                    kind: CaseErrorKind::Schema,
                    within: format!("[{n}]"),
                    message,
                })
            };
            if all.is_null(e) {
                bad("an empty entry where a consent is expected");
                continue;
            }
            let (Some(scope), true) = (scope.get(e), given.is_valid(e)) else {
                bad("a consent needs `scope` and `given`");
                continue;
            };
            match at.get(e, self.pack_zone).transpose() {
                Ok(t) => {
                    b.consent(scope, given.value(e), t);
                }
                Err(m) => problems.push(CellProblem {
                    column: k,
                    row: i,
                    kind: CaseErrorKind::InvalidDate,
                    within: format!("[{n}].at"),
                    message: m,
                }),
            }
        }
    }

    fn discretionary<S: Sink<'a> + ?Sized>(&self, b: &mut S, k: usize, i: usize, problems: &mut Vec<CellProblem>) {
        let Access::Override { all, direction, reason, reviewer } = &self.access[k] else { return };
        if all.is_null(i) {
            return;
        }
        let direction = match direction.get(i) {
            Some("raise") => Direction::Raise,
            Some("lower") => Direction::Lower,
            _ => {
                problems.push(CellProblem {
                    column: k,
                    row: i,
                    kind: CaseErrorKind::Schema,
                    within: ".direction".into(),
                    message: "expected raise or lower",
                });
                return;
            }
        };
        let text = |t: &Option<TextCells<'a>>| t.as_ref().and_then(|t| t.get(i)).unwrap_or("");
        b.discretionary_override(direction, text(reason), text(reviewer));
    }
}
