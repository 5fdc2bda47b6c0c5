//! What each column of a wide frame feeds: a case field, a subject field or an indicator
//! of the pack, decided once per frame from the Arrow schema. The column names a case
//! may use are those of the case JSON (`id`, `reported_at`, ..., the subject's fields at
//! the top level, `age_min`/`age_max` for the age range); every other name must be an
//! indicator of the pack.
//!
//! In the long layout (one row per observation) the observation's own columns take the
//! indicators' place: `indicator`, `value` (or the typed `value_bool`, `value_count`,
//! `value_text`), `observed_at` and `observed_by`.
//!
//! A column is named in messages by its position and, when it is one of these names
//! (the engine's or the pack's own words), by that name: never by a name only the caller
//! wrote, since a column name is the caller's text.

use super::cells::is_texty;
use super::Problem;
use arrow_schema::{DataType, Field, Schema};
use putokaz::{CaseErrorKind, IndicatorKind, IndicatorRef, Observed, Protocol};

/// What a column feeds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Id,
    ReportedAt,
    Municipality,
    Reporter,
    Events,
    Consents,
    Override,
    BirthDate,
    Age,
    AgeMin,
    AgeMax,
    AppearsMinor,
    Sex,
    Citizenship,
    Indicator(IndicatorRef, IndicatorKind),
    /// Long layout: the observed indicator's id.
    Observed,
    /// Long layout: the observed value, of any type or of the one the column is for.
    Value(ValueColumn),
    ObservedAt,
    ObservedBy,
}

/// Which value column of the long layout: `value` takes any type; the typed ones stand
/// in for it in libraries whose columns hold one type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueColumn {
    Any,
    Bool,
    Count,
    Text,
}

/// The observation fields of the long layout, by column name.
const OBSERVATION_FIELDS: [(&str, Role); 7] = [
    ("indicator", Role::Observed),
    ("value", Role::Value(ValueColumn::Any)),
    ("value_bool", Role::Value(ValueColumn::Bool)),
    ("value_count", Role::Value(ValueColumn::Count)),
    ("value_text", Role::Value(ValueColumn::Text)),
    ("observed_at", Role::ObservedAt),
    ("observed_by", Role::ObservedBy),
];

impl Role {
    /// Whether the column belongs to one observation (a row of the long layout) rather
    /// than to the case.
    pub fn is_observation(self) -> bool {
        matches!(self, Role::Indicator(..) | Role::Observed | Role::Value(_) | Role::ObservedAt | Role::ObservedBy)
    }
}

/// The case fields a wide frame may have, by column name.
const FIELDS: [(&str, Role); 14] = [
    ("id", Role::Id),
    ("reported_at", Role::ReportedAt),
    ("municipality", Role::Municipality),
    ("reporter", Role::Reporter),
    ("events", Role::Events),
    ("consents", Role::Consents),
    ("discretionary_override", Role::Override),
    ("birth_date", Role::BirthDate),
    ("age", Role::Age),
    ("age_min", Role::AgeMin),
    ("age_max", Role::AgeMax),
    ("appears_minor", Role::AppearsMinor),
    ("sex", Role::Sex),
    ("citizenship", Role::Citizenship),
];

impl Role {
    /// The JSON path of the field this role feeds (for an indicator, the value of its
    /// observation `k`).
    pub fn path(self, observation: usize) -> String {
        match self {
            Role::Id => "$.id".into(),
            Role::ReportedAt => "$.reported_at".into(),
            Role::Municipality => "$.municipality".into(),
            Role::Reporter => "$.reporter".into(),
            Role::Events => "$.events".into(),
            Role::Consents => "$.consents".into(),
            Role::Override => "$.discretionary_override".into(),
            Role::BirthDate => "$.subject.birth_date".into(),
            Role::Age => "$.subject.age".into(),
            Role::AgeMin => "$.subject.age_range.min".into(),
            Role::AgeMax => "$.subject.age_range.max".into(),
            Role::AppearsMinor => "$.subject.appears_minor".into(),
            Role::Sex => "$.subject.sex".into(),
            Role::Citizenship => "$.subject.citizenship".into(),
            Role::Indicator(..) | Role::Value(_) => format!("$.observations[{observation}].value"),
            Role::Observed => format!("$.observations[{observation}].indicator"),
            Role::ObservedAt => format!("$.observations[{observation}].observed_at"),
            Role::ObservedBy => format!("$.observations[{observation}].observed_by"),
        }
    }
}

/// One column the frame's cases are read from.
#[derive(Clone, Debug)]
pub struct Column {
    /// Its position in the frame.
    pub position: usize,
    pub role: Role,
    /// The engine's or the pack's name for it.
    pub name: String,
}

/// How the caller asked for the frame to be read.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// Read time-zone-naive timestamps as wall-clock times in the pack's time zone.
    pub naive_in_pack_zone: bool,
    /// Texts read as true and as false in yes/no columns.
    pub true_values: Vec<String>,
    pub false_values: Vec<String>,
    /// Positions of columns the caller named to be left out.
    pub ignore: Vec<usize>,
    /// Leave out every column that is neither a case field nor an indicator (except one
    /// whose name is close to an indicator's: that is refused, with "did you mean").
    pub ignore_unknown: bool,
    /// Keep the first row of a repeated case id and leave the later ones out (otherwise
    /// they are refused).
    pub first_of_duplicates: bool,
    /// Also find each case's most decisive unknown input.
    pub top_unknown: bool,
    /// Give failed rows an `error` cell instead of failing the frame.
    pub report: bool,
    /// The long layout: one row per observation, the case's rows sharing its id.
    pub long: bool,
}

/// "column[3]" or "column[3] `forced_begging`".
pub fn column_words(position: usize, name: Option<&str>) -> String {
    match name {
        Some(n) => format!("column[{position}] `{n}`"),
        None => format!("column[{position}]"),
    }
}

fn problem(column: usize, name: Option<&str>, kind: &str, message: impl Into<String>) -> Problem {
    Problem {
        row: None,
        column: Some(column),
        field: name.map(str::to_owned),
        kind: kind.to_owned(),
        path: None,
        message: message.into(),
    }
}

/// The columns the cases are read from, or every problem with the frame's columns.
pub fn plan(protocol: &Protocol, schema: &Schema, settings: &Settings) -> Result<Vec<Column>, Vec<Problem>> {
    let kinds: rustc_hash::FxHashMap<String, IndicatorKind> =
        protocol.indicators().into_iter().map(|i| (i.id, i.kind)).collect();
    let mut columns = Vec::new();
    let mut problems = Vec::new();
    let mut seen: rustc_hash::FxHashMap<&str, usize> = Default::default();
    for (position, field) in schema.fields().iter().enumerate() {
        let name = field.name().as_str();
        if let Some(first) = seen.insert(name, position) {
            problems.push(problem(
                position,
                None,
                "case.schema",
                format!(
                    "{} has the same name as column[{first}]: one of them would be lost",
                    column_words(position, None)
                ),
            ));
            continue;
        }
        if settings.ignore.contains(&position) {
            continue;
        }
        let own = |fields: &[(&str, Role)]| fields.iter().find(|(n, _)| *n == name).map(|(_, r)| *r);
        let role = own(&FIELDS).or_else(|| {
            if settings.long {
                return own(&OBSERVATION_FIELDS);
            }
            let kind = *kinds.get(name)?;
            Some(Role::Indicator(protocol.indicator_ref(name)?, kind))
        });
        let Some(role) = role else {
            if let Some(p) = unknown_column(protocol, position, name, settings) {
                problems.push(p);
            }
            continue;
        };
        if let Some(why) = type_problem(role, field, settings) {
            problems.push(problem(
                position,
                Some(name),
                "case.wrong_type",
                format!("{}: {why}", column_words(position, Some(name))),
            ));
            continue;
        }
        columns.push(Column { position, role, name: name.to_owned() });
    }
    let required: &[Role] =
        if settings.long { &[Role::Id, Role::ReportedAt, Role::Observed] } else { &[Role::Id, Role::ReportedAt] };
    for &required in required {
        let name = FIELDS.iter().chain(&OBSERVATION_FIELDS).find(|(_, r)| *r == required).map_or("", |(n, _)| n);
        if !schema.fields().iter().any(|f| f.name() == name) {
            problems.push(Problem {
                row: None,
                column: None,
                field: Some(name.to_owned()),
                kind: "case.schema".into(),
                path: Some(required.path(0)),
                message: format!("the frame has no `{name}` column"),
            });
        }
    }
    if settings.long {
        let values: Vec<usize> =
            columns.iter().filter(|c| matches!(c.role, Role::Value(_))).map(|c| c.position).collect();
        if values.len() > 1 && columns.iter().any(|c| c.role == Role::Value(ValueColumn::Any)) {
            problems.push(problem(
                values[1],
                None,
                "case.schema",
                "`value` and the typed value columns are alternatives: give one or the other",
            ));
        }
    }
    if problems.is_empty() {
        Ok(columns)
    } else {
        Err(problems)
    }
}

/// A column that is neither a case field nor an indicator: refused, unless the caller
/// leaves such columns out and its name is not close to an indicator's (a misspelt
/// indicator must never vanish silently). The pack's "did you mean" is found by the
/// binder, exactly as for an unknown indicator in case JSON.
fn unknown_column(protocol: &Protocol, position: usize, name: &str, settings: &Settings) -> Option<Problem> {
    let mut probe = protocol.case_builder(putokaz::Timestamp::UNIX_EPOCH);
    probe.observe_with(name, Observed::Unknown, None, None);
    let suggestion = probe
        .problems()
        .into_iter()
        .find(|e| e.kind == CaseErrorKind::UnknownIndicator)
        .and_then(|e| e.message.find(" (did you mean").map(|at| e.message[at..].to_owned()));
    let words = column_words(position, None);
    match suggestion {
        Some(hint) => Some(problem(
            position,
            None,
            "case.unknown_indicator",
            format!("{words} is not an indicator of pack `{}`{hint}", protocol.id()),
        )),
        None if settings.ignore_unknown => None,
        None => Some(problem(
            position,
            None,
            "case.schema",
            if settings.long {
                format!("{words} is neither a case field nor an observation field (long layout); pass extra=\"ignore\" or extra=[...] to leave it out")
            } else {
                format!(
                    "{words} is neither a case field nor an indicator of pack `{}`; pass extra=\"ignore\" or extra=[...] to leave it out",
                    protocol.id()
                )
            },
        )),
    }
}

/// Why a column's Arrow type cannot feed its role, if it cannot.
fn type_problem(role: Role, field: &Field, settings: &Settings) -> Option<String> {
    let t = field.data_type();
    if *t == DataType::Null {
        return None;
    }
    let ok = match role {
        Role::Id | Role::Municipality | Role::Reporter | Role::Sex | Role::Citizenship => is_texty(t),
        Role::Observed | Role::ObservedBy | Role::Value(ValueColumn::Text) => is_texty(t),
        Role::Value(ValueColumn::Count) => t.is_integer() || t.is_floating(),
        Role::Value(ValueColumn::Bool) => {
            matches!(t, DataType::Boolean) || t.is_integer() || t.is_floating() || is_texty(t)
        }
        Role::Value(ValueColumn::Any) => match t {
            DataType::Struct(_) => return mixed_problem(t),
            _ => matches!(t, DataType::Boolean) || t.is_integer() || t.is_floating() || is_texty(t),
        },
        Role::Indicator(_, IndicatorKind::Enum) => is_texty(t),
        Role::ReportedAt | Role::ObservedAt => match t {
            DataType::Timestamp(_, None) if !settings.naive_in_pack_zone => {
                return Some(
                    "date-times without a time zone; give them with one, or pass naive=\"pack_tz\" to read them in the pack's time zone"
                        .into(),
                )
            }
            DataType::Timestamp(..) => true,
            _ => is_texty(t),
        },
        Role::BirthDate => is_texty(t) || matches!(t, DataType::Date32 | DataType::Date64 | DataType::Timestamp(..)),
        Role::Age | Role::AgeMin | Role::AgeMax | Role::Indicator(_, IndicatorKind::Count) => {
            t.is_integer() || t.is_floating()
        }
        Role::AppearsMinor | Role::Indicator(_, IndicatorKind::Bool) => {
            matches!(t, DataType::Boolean) || t.is_integer() || t.is_floating() || is_texty(t)
        }
        Role::Events => return entries_problem(t, &["kind", "at"], &["by"], settings),
        Role::Consents => return entries_problem(t, &["scope", "given"], &["at"], settings),
        Role::Override => return struct_problem(t, &["direction", "reason", "reviewer"], &[], settings),
    };
    (!ok).then(|| {
        match role {
            Role::ReportedAt | Role::ObservedAt => "expected RFC 3339 text or date-times with a time zone",
            Role::BirthDate => "expected YYYY-MM-DD text, dates or date-times",
            Role::Age | Role::AgeMin | Role::AgeMax => "expected whole numbers of years",
            Role::Indicator(_, IndicatorKind::Count) | Role::Value(ValueColumn::Count) => "expected whole numbers",
            Role::Value(ValueColumn::Any) => "expected booleans, numbers or text",
            Role::AppearsMinor | Role::Indicator(_, IndicatorKind::Bool) | Role::Value(ValueColumn::Bool) => {
                "expected true/false (booleans, 1/0, or the texts of true_values/false_values)"
            }
            _ => "expected text",
        }
        .to_owned()
    })
}

/// A `value` column of values of several types (pandas' object column of booleans,
/// numbers and texts) crosses as a record of `bool`, `count` and `text`, one filled.
fn mixed_problem(t: &DataType) -> Option<String> {
    let DataType::Struct(fields) = t else { return None };
    let ok = fields.iter().all(|f| match f.name().as_str() {
        "bool" => matches!(f.data_type(), DataType::Boolean | DataType::Null),
        "count" => f.data_type().is_integer() || f.data_type().is_floating() || *f.data_type() == DataType::Null,
        "text" => is_texty(f.data_type()) || *f.data_type() == DataType::Null,
        _ => false,
    });
    (!ok).then(|| "expected booleans, numbers or text".to_owned())
}

/// A list of structs with these fields (events, consents).
fn entries_problem(t: &DataType, required: &[&str], optional: &[&str], settings: &Settings) -> Option<String> {
    match t {
        DataType::List(f) | DataType::LargeList(f) => struct_problem(f.data_type(), required, optional, settings),
        _ => Some(format!("expected lists of records with the fields {}", fields_words(required, optional))),
    }
}

fn fields_words(required: &[&str], optional: &[&str]) -> String {
    let mut words = required.join(", ");
    if !optional.is_empty() {
        words.push_str(&format!(" (and optionally {})", optional.join(", ")));
    }
    words
}

/// A struct with exactly these fields (no other), each of a type it can be read from.
fn struct_problem(t: &DataType, required: &[&str], optional: &[&str], settings: &Settings) -> Option<String> {
    let expected = || format!("expected records with the fields {}", fields_words(required, optional));
    if *t == DataType::Null {
        return None;
    }
    let DataType::Struct(fields) = t else { return Some(expected()) };
    for f in fields.iter() {
        let name = f.name().as_str();
        if !required.contains(&name) && !optional.contains(&name) {
            return Some(format!("{}; a record has a field that is none of these", expected()));
        }
        let t = f.data_type();
        let ok = *t == DataType::Null
            || match name {
                "given" => matches!(t, DataType::Boolean),
                "at" => match t {
                    DataType::Timestamp(_, None) => settings.naive_in_pack_zone,
                    DataType::Timestamp(..) => true,
                    _ => is_texty(t),
                },
                _ => is_texty(t),
            };
        if !ok {
            return Some(match name {
                "given" => "the field `given` must be true or false".to_owned(),
                "at" => {
                    "the field `at` must be RFC 3339 text or date-times with a time zone (or pass naive=\"pack_tz\")"
                        .to_owned()
                }
                _ => format!("the field `{name}` must be text"),
            });
        }
    }
    required
        .iter()
        .find(|r| fields.iter().all(|f| f.name() != *r))
        .map(|r| format!("{}; the field `{r}` is missing", expected()))
}
