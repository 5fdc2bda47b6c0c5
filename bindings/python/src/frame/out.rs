//! The results of a frame as Arrow arrays: exact scores as `decimal128(38, 6)`, levels
//! and classifications as ordered dictionaries (lowest first, so they sort and group in
//! level order), the child basis as a dictionary, counts as `int64`, the next due time
//! as a timestamp in the pack's time zone and durations as durations.

use arrow_array::builder::{BooleanBuilder, StringBuilder};
use arrow_array::types::Int8Type;
use arrow_array::{
    ArrayRef, BooleanArray, Decimal128Array, DictionaryArray, DurationSecondArray, Int64Array, Int8Array, RecordBatch,
    StringArray, TimestampSecondArray,
};
use arrow_schema::{DataType, Field, Schema, SchemaRef, TimeUnit};
use putokaz::{Assessment, ChildBasis, Classification, Decimal, Level, ObligationStatus, Screening};
use std::sync::Arc;

/// Decimal places of the score columns: more than any pack's points use. A score with
/// more is refused rather than rounded.
pub const SCORE_SCALE: u32 = 6;

/// The levels in order, lowest first.
const LEVELS: [Level; 5] = Level::ALL;
/// The classifications in order of concern, lowest first (the reverse of the engine's
/// order of precedence).
const CLASSIFICATIONS: [Classification; 3] =
    [Classification::InsufficientIndicators, Classification::AtRisk, Classification::PresumedVictim];
const CHILD_BASES: [ChildBasis; 6] = [
    ChildBasis::BirthDate,
    ChildBasis::StatedAge,
    ChildBasis::AgeRange,
    ChildBasis::PresumedMinorAgeRange,
    ChildBasis::PresumedMinorAppearance,
    ChildBasis::Unknown,
];
const STATUSES: [ObligationStatus; 5] = [
    ObligationStatus::Overdue,
    ObligationStatus::Pending,
    ObligationStatus::Offered,
    ObligationStatus::DependsOnUnknown,
    ObligationStatus::Met,
];

fn dict_type() -> DataType {
    DataType::Dictionary(Box::new(DataType::Int8), Box::new(DataType::Utf8))
}

fn dict_field(name: &str, ordered: bool) -> Field {
    Field::new(name, dict_type(), true).with_dict_is_ordered(ordered)
}

fn score_type() -> DataType {
    DataType::Decimal128(38, SCORE_SCALE as i8)
}

fn time_type(zone: &str) -> DataType {
    DataType::Timestamp(TimeUnit::Second, Some(zone.into()))
}

fn dictionary(keys: Vec<Option<i8>>, words: &[&str]) -> ArrayRef {
    let values: ArrayRef = Arc::new(StringArray::from(words.to_vec()));
    // The keys index `words` by construction.
    Arc::new(DictionaryArray::<Int8Type>::new(Int8Array::from(keys), values))
}

fn rank<T: PartialEq>(all: &[T], v: T) -> Option<i8> {
    all.iter().position(|x| *x == v).map(|p| p as i8)
}

/// A decimal as a `decimal128(38, 6)` value, `None` when it needs more places.
pub fn scaled(d: Decimal) -> Option<i128> {
    let extra = SCORE_SCALE.checked_sub(d.scale())?;
    d.mantissa().checked_mul(10i128.checked_pow(extra)?)
}

/// The schema of `assess_frame`'s result.
pub fn summary_schema(zone: &str, top_unknown: bool, report: bool) -> SchemaRef {
    let mut fields = vec![
        Field::new("id", DataType::Utf8, true),
        Field::new("score", score_type(), true),
        Field::new("score_min", score_type(), true),
        Field::new("score_max", score_type(), true),
        dict_field("level", true),
        dict_field("level_min", true),
        dict_field("level_max", true),
        dict_field("classification", true),
        dict_field("child_basis", false),
        Field::new("is_child", DataType::Boolean, true),
        Field::new("settled", DataType::Boolean, true),
        Field::new("pending", DataType::Int64, true),
        Field::new("overdue", DataType::Int64, true),
        Field::new("depends_on_unknown", DataType::Int64, true),
        Field::new("next_due", time_type(zone), true),
    ];
    if top_unknown {
        fields.push(Field::new("top_unknown", DataType::Utf8, true));
    }
    if report {
        fields.push(Field::new("error", DataType::Utf8, true));
    }
    Arc::new(Schema::new(fields))
}

/// `assess_frame`'s columns for one run of rows.
#[derive(Default)]
pub struct Summaries {
    id: StringBuilderOpt,
    score: [Vec<Option<i128>>; 3],
    levels: [Vec<Option<i8>>; 3],
    classification: Vec<Option<i8>>,
    basis: Vec<Option<i8>>,
    is_child: BooleanBuilderOpt,
    settled: Vec<Option<bool>>,
    counts: [Vec<Option<i64>>; 3],
    next_due: Vec<Option<i64>>,
    top_unknown: StringBuilderOpt,
    error: StringBuilderOpt,
}

/// Builders made on first use (`Default` for `Summaries`).
#[derive(Default)]
struct StringBuilderOpt(Option<StringBuilder>);

impl StringBuilderOpt {
    fn push(&mut self, v: Option<&str>) {
        self.0.get_or_insert_with(StringBuilder::new).append_option(v);
    }
    fn finish(&mut self) -> StringArray {
        self.0.get_or_insert_with(StringBuilder::new).finish()
    }
}

#[derive(Default)]
struct BooleanBuilderOpt(Option<BooleanBuilder>);

impl BooleanBuilderOpt {
    fn push(&mut self, v: Option<bool>) {
        self.0.get_or_insert_with(BooleanBuilder::new).append_option(v);
    }
    fn finish(&mut self) -> BooleanArray {
        self.0.get_or_insert_with(BooleanBuilder::new).finish()
    }
}

impl Summaries {
    /// A screened row; `Err` when its score cannot be written exactly.
    pub fn push(&mut self, id: Option<&str>, s: &Screening, top_unknown: bool) -> Result<(), ()> {
        let scores = [scaled(s.score), scaled(s.score_min), scaled(s.score_max)];
        if scores.iter().any(Option::is_none) {
            return Err(());
        }
        self.id.push(id);
        for (column, v) in self.score.iter_mut().zip(scores) {
            column.push(v);
        }
        for (column, v) in self.levels.iter_mut().zip([s.level, s.level_min, s.level_max]) {
            column.push(rank(&LEVELS, v));
        }
        self.classification.push(rank(&CLASSIFICATIONS, s.classification));
        self.basis.push(rank(&CHILD_BASES, s.child_basis));
        self.is_child.push(s.is_child.known());
        self.settled.push(Some(s.level_settled && s.classification_settled));
        for (column, v) in self.counts.iter_mut().zip([s.pending, s.overdue, s.depends_on_unknown]) {
            column.push(Some(i64::from(v)));
        }
        self.next_due.push(s.next_due_unix);
        if top_unknown {
            self.top_unknown.push(s.first_unknown.as_deref());
        }
        self.error.push(None);
        Ok(())
    }

    /// A row that could not be screened: its id, and the error text when reported.
    pub fn push_failed(&mut self, id: Option<&str>, error: &str) {
        self.id.push(id);
        self.score.iter_mut().for_each(|c| c.push(None));
        self.levels.iter_mut().for_each(|c| c.push(None));
        self.classification.push(None);
        self.basis.push(None);
        self.is_child.push(None);
        self.settled.push(None);
        self.counts.iter_mut().for_each(|c| c.push(None));
        self.next_due.push(None);
        self.top_unknown.push(None);
        self.error.push(Some(error));
    }

    pub fn finish(mut self, schema: &SchemaRef, zone: &str) -> RecordBatch {
        let level_words: Vec<&str> = LEVELS.iter().map(|l| l.as_str()).collect();
        let class_words: Vec<&str> = CLASSIFICATIONS.iter().map(|c| c.as_str()).collect();
        let basis_words: Vec<&str> = CHILD_BASES.iter().map(|b| b.as_str()).collect();
        let decimal = |v: Vec<Option<i128>>| -> ArrayRef {
            Arc::new(
                Decimal128Array::from(v)
                    .with_precision_and_scale(38, SCORE_SCALE as i8)
                    .expect("38 and 6 are a valid precision and scale"),
            )
        };
        let [s0, s1, s2] = self.score;
        let [l0, l1, l2] = self.levels;
        let [c0, c1, c2] = self.counts;
        let mut columns: Vec<ArrayRef> = vec![
            Arc::new(self.id.finish()),
            decimal(s0),
            decimal(s1),
            decimal(s2),
            dictionary(l0, &level_words),
            dictionary(l1, &level_words),
            dictionary(l2, &level_words),
            dictionary(self.classification, &class_words),
            dictionary(self.basis, &basis_words),
            Arc::new(self.is_child.finish()),
            Arc::new(BooleanArray::from(self.settled)),
            Arc::new(Int64Array::from(c0)),
            Arc::new(Int64Array::from(c1)),
            Arc::new(Int64Array::from(c2)),
            Arc::new(TimestampSecondArray::from(self.next_due).with_timezone(zone)),
        ];
        if schema.column_with_name("top_unknown").is_some() {
            columns.push(Arc::new(self.top_unknown.finish()));
        }
        if schema.column_with_name("error").is_some() {
            columns.push(Arc::new(self.error.finish()));
        }
        RecordBatch::try_new(schema.clone(), columns).expect("the columns follow the schema")
    }
}

/// The schema of `obligations_frame`'s result.
pub fn obligations_schema(zone: &str, report: bool) -> SchemaRef {
    let text = |name: &str| Field::new(name, DataType::Utf8, true);
    let list = |name: &str| Field::new(name, DataType::List(Arc::new(Field::new("item", DataType::Utf8, true))), true);
    let mut fields = vec![
        text("id"),
        text("obligation"),
        text("exception"),
        text("label"),
        dict_field("status", false),
        Field::new("priority", DataType::Int64, true),
        text("actor_role"),
        text("actor_institution"),
        text("recipient_role"),
        text("recipient_institution"),
        text("anchor"),
        Field::new("anchor_at", time_type(zone), true),
        text("due_rule"),
        Field::new("due", time_type(zone), true),
        Field::new("met_at", time_type(zone), true),
        Field::new("late", DataType::Duration(TimeUnit::Second), true),
        text("consent_scope"),
        text("consent_state"),
        list("shares"),
        list("depends_on"),
        text("citation"),
        text("status_of_source"),
    ];
    if report {
        fields.push(text("error"));
    }
    Arc::new(Schema::new(fields))
}

/// `obligations_frame`'s columns for one run of rows: one row per case and obligation.
#[derive(Default)]
pub struct Duties {
    text: [StringBuilderOpt; 14],
    status: Vec<Option<i8>>,
    priority: Vec<Option<i64>>,
    times: [Vec<Option<i64>>; 3],
    late: Vec<Option<i64>>,
    shares: ListBuilderOpt,
    depends_on: ListBuilderOpt,
    error: StringBuilderOpt,
}

#[derive(Default)]
struct ListBuilderOpt(Option<arrow_array::builder::ListBuilder<StringBuilder>>);

impl ListBuilderOpt {
    fn push<'s>(&mut self, items: Option<impl Iterator<Item = &'s str>>) {
        let b = self.0.get_or_insert_with(|| arrow_array::builder::ListBuilder::new(StringBuilder::new()));
        match items {
            Some(items) => {
                for i in items {
                    b.values().append_value(i);
                }
                b.append(true);
            }
            None => b.append(false),
        }
    }
    fn finish(&mut self) -> ArrayRef {
        Arc::new(self.0.get_or_insert_with(|| arrow_array::builder::ListBuilder::new(StringBuilder::new())).finish())
    }
}

/// A consent state as the assessment's JSON writes it.
fn consent_state(s: putokaz::ConsentState) -> &'static str {
    match s {
        putokaz::ConsentState::Given => "given",
        putokaz::ConsentState::Refused => "refused",
        putokaz::ConsentState::NotRecorded => "not_recorded",
    }
}

/// The text columns of `Duties`, in schema order.
const ID: usize = 0;

impl Duties {
    /// Every obligation of an assessment, one row each.
    pub fn push(&mut self, id: Option<&str>, a: &Assessment) {
        for o in &a.obligations {
            let consent = o.consent.as_ref();
            let due_rule = o.due_rule.as_ref().map(|d| d.to_string());
            let texts: [Option<&str>; 14] = [
                id,
                Some(&o.id),
                o.exception.as_deref(),
                Some(&o.label),
                Some(&o.actor.role),
                o.actor.institution.as_deref(),
                Some(&o.recipient.role),
                o.recipient.institution.as_deref(),
                Some(&o.anchor),
                Some(due_rule.as_deref().unwrap_or("unknown")),
                consent.map(|c| &*c.scope),
                consent.map(|c| consent_state(c.state)),
                o.citation.as_deref(),
                Some(o.status_of_source.as_str()),
            ];
            for (b, v) in self.text.iter_mut().zip(texts) {
                b.push(v);
            }
            self.status.push(rank(&STATUSES, o.status));
            self.priority.push(Some(i64::from(o.priority)));
            let unix = |t: &Option<putokaz::OffsetTimestamp>| t.as_ref().map(|t| t.timestamp().as_second());
            self.times[0].push(unix(&o.anchor_at));
            self.times[1].push(o.due_unix);
            self.times[2].push(unix(&o.met_at));
            self.late.push(o.late_seconds);
            self.shares.push(Some(o.shares.iter().map(|s| &**s)));
            self.depends_on.push(Some(o.depends_on.iter().map(String::as_str)));
            self.error.push(None);
        }
    }

    /// A case that could not be assessed: one row with its id and the error text.
    pub fn push_failed(&mut self, id: Option<&str>, error: &str) {
        for (k, b) in self.text.iter_mut().enumerate() {
            b.push(if k == ID { id } else { None });
        }
        self.status.push(None);
        self.priority.push(None);
        self.times.iter_mut().for_each(|t| t.push(None));
        self.late.push(None);
        self.shares.push(None::<std::iter::Empty<&str>>);
        self.depends_on.push(None::<std::iter::Empty<&str>>);
        self.error.push(Some(error));
    }

    pub fn finish(mut self, schema: &SchemaRef, zone: &str) -> RecordBatch {
        let status_words: Vec<&str> = STATUSES.iter().map(|s| s.as_str()).collect();
        let [t_id, t_obl, t_exc, t_label, t_ar, t_ai, t_rr, t_ri, t_anchor, t_rule, t_cs, t_cst, t_cit, t_sos] =
            self.text.each_mut().map(|b| Arc::new(b.finish()) as ArrayRef);
        let [anchor_at, due, met_at] =
            self.times.map(|t| Arc::new(TimestampSecondArray::from(t).with_timezone(zone)) as ArrayRef);
        let mut columns: Vec<ArrayRef> = vec![
            t_id,
            t_obl,
            t_exc,
            t_label,
            dictionary(self.status, &status_words),
            Arc::new(Int64Array::from(self.priority)),
            t_ar,
            t_ai,
            t_rr,
            t_ri,
            t_anchor,
            anchor_at,
            t_rule,
            due,
            met_at,
            Arc::new(DurationSecondArray::from(self.late)),
            t_cs,
            t_cst,
            self.shares.finish(),
            self.depends_on.finish(),
            t_cit,
            t_sos,
        ];
        if schema.column_with_name("error").is_some() {
            columns.push(Arc::new(self.error.finish()));
        }
        RecordBatch::try_new(schema.clone(), columns).expect("the columns follow the schema")
    }
}

/// The schema of a frame read as cases: `case` (case JSON; null for a failed row) and,
/// when reporting, `error`.
pub fn cases_schema(report: bool) -> SchemaRef {
    let mut fields = vec![Field::new("case", DataType::Utf8, true)];
    if report {
        fields.push(Field::new("error", DataType::Utf8, true));
    }
    Arc::new(Schema::new(fields))
}

/// A frame's cases as case JSON, one row per case.
#[derive(Default)]
pub struct Cases {
    case: StringBuilder,
    error: StringBuilder,
}

impl Cases {
    pub fn push(&mut self, json: &str) {
        self.case.append_value(json);
        self.error.append_null();
    }

    pub fn push_failed(&mut self, text: &str) {
        self.case.append_null();
        self.error.append_value(text);
    }

    pub fn finish(mut self, schema: &SchemaRef) -> RecordBatch {
        let mut columns: Vec<ArrayRef> = vec![Arc::new(self.case.finish())];
        if schema.column_with_name("error").is_some() {
            columns.push(Arc::new(self.error.finish()));
        }
        RecordBatch::try_new(schema.clone(), columns).expect("the columns follow the schema")
    }
}
