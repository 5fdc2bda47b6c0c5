//! What a condition reads at each stage. An [`Env`] is built from the stage values that
//! exist when a rule is evaluated and never changes afterwards; the trace builds the same
//! `Env` again to say what each rule read, so the two cannot disagree.

use super::{Ctx, DimOutcome, Inputs};
use crate::bind::Raw;
use crate::expr::{CaseField, Env as ExprEnv, Leaf, SubjectField, Val};
use crate::model::{Classification, Level};
use crate::plan::bits::TriSet;
use crate::protocol::{Compiled, IndicatorKind, ParamValue};
use crate::value::{decimal_text, Range, Tri};
use rust_decimal::Decimal;

/// The values of names at one stage.
#[derive(Clone, Copy)]
pub(crate) struct Env<'e, 'a> {
    ctx: &'e Ctx<'a>,
    inputs: &'e Inputs,
    /// The presence conditions read: the inputs', or for obligations the same with
    /// protected attributes the case does not give counted absent (special-category data
    /// is recorded only when the person offers it; the engine never prompts for it).
    presence: &'e TriSet,
    dims: &'e [DimOutcome],
    facts: Option<&'e TriSet>,
    /// The levels a condition reading `level` sees: every level before the level is
    /// worked out, then the possible levels (classification) or the established one
    /// (obligations).
    level: (Level, Level),
    /// The classifications a condition reading `classification` sees.
    class: u8,
    overdue: &'e [Tri],
    /// `strong`, `medium`, `weak` inside the dimension rule.
    grades: [(u32, u32); 3],
}

impl<'e, 'a> Env<'e, 'a> {
    /// The inputs only: what profiles and `present_when` read.
    pub(crate) fn new(ctx: &'e Ctx<'a>, inputs: &'e Inputs) -> Env<'e, 'a> {
        Env {
            ctx,
            inputs,
            presence: &inputs.present,
            dims: &[],
            facts: None,
            level: (Level::None, Level::VeryHigh),
            class: 0,
            overdue: &[],
            grades: [(0, 0); 3],
        }
    }

    pub(crate) fn with_dims(self, dims: &'e [DimOutcome]) -> Self {
        Env { dims, ..self }
    }

    pub(crate) fn with_facts(self, facts: &'e TriSet) -> Self {
        Env { facts: Some(facts), ..self }
    }

    pub(crate) fn with_level(self, level: (Level, Level)) -> Self {
        Env { level, ..self }
    }

    /// What obligations read: the established level and classification, the `overdue`
    /// of the obligations before them, and `presence` (the inputs' with protected
    /// attributes counted absent when unknown).
    pub(crate) fn for_obligations(
        self,
        level: Level,
        class: Classification,
        presence: &'e TriSet,
        overdue: &'e [Tri],
    ) -> Self {
        Env { level: (level, level), class: class.bit(), presence, overdue, ..self }
    }

    pub(crate) fn with_grades(self, grades: [(u32, u32); 3]) -> Self {
        Env { grades, ..self }
    }

    /// Every indicator's presence, as conditions at this stage read it.
    pub(crate) fn presence(&self) -> &TriSet {
        self.presence
    }

    pub(crate) fn fact(&self, i: u32) -> Tri {
        self.facts.map_or(Tri::Unknown, |f| f.get(i))
    }

    pub(crate) fn dimension(&self, i: u32) -> Tri {
        self.dims.get(i as usize).map_or(Tri::Unknown, |d| d.positive)
    }

    pub(crate) fn overdue(&self, i: u32) -> Tri {
        self.overdue.get(i as usize).copied().unwrap_or(Tri::Unknown)
    }

    pub(crate) fn is_child(&self) -> Tri {
        self.inputs.is_child
    }

    pub(crate) fn is_foreign(&self) -> Tri {
        self.inputs.is_foreign
    }

    pub(crate) fn level(&self) -> (Level, Level) {
        self.level
    }

    pub(crate) fn classification(&self) -> u8 {
        self.class
    }
}

/// An indicator's raw value as conditions read it (`values`: an enum indicator's values).
pub(crate) fn raw_val(kind: IndicatorKind, raw: Raw, values: &[String]) -> Val<'_> {
    match (kind, raw) {
        (_, Raw::Bool(v)) => Val::Bool(Tri::from(v)),
        (_, Raw::Count(n)) => Val::Num(Range::point(Decimal::from(n))),
        (_, Raw::Enum(k)) => Val::Text(values.get(k as usize).map(String::as_str)),
        (IndicatorKind::Bool, _) => Val::Bool(Tri::Unknown),
        (IndicatorKind::Count, _) => Val::Num(Range::new(Decimal::ZERO, Decimal::MAX)),
        (IndicatorKind::Enum, _) => Val::Text(None),
    }
}

fn count_range((lo, hi): (u32, u32)) -> Range {
    Range::new(Decimal::from(lo), Decimal::from(hi))
}

impl ExprEnv for Env<'_, '_> {
    fn leaf(&self, leaf: Leaf) -> Val<'_> {
        let (c, b) = (self.ctx.c, self.ctx.b);
        match leaf {
            Leaf::Present(i) => Val::Bool(self.presence.get(i)),
            Leaf::RawValue(i) => {
                let ind = &c.indicators[i as usize];
                match self.inputs.settled.iter().find(|(j, _)| *j == i) {
                    Some((_, v)) if ind.kind == IndicatorKind::Bool => Val::Bool(Tri::from(*v)),
                    Some(_) => raw_val(ind.kind, Raw::Absent, &ind.values),
                    None => raw_val(ind.kind, b.raw[i as usize], &ind.values),
                }
            }
            Leaf::Fact(i) => Val::Bool(self.fact(i)),
            Leaf::Dimension(i) => Val::Bool(self.dimension(i)),
            Leaf::Param(i) => match c.param_at(self.ctx.local, i, b.as_of_date) {
                Some(ParamValue::Decimal(d)) => Val::Num(Range::point(*d)),
                Some(ParamValue::Count(n)) => Val::Num(Range::point(Decimal::from(*n))),
                Some(ParamValue::Bool(v)) => Val::Bool(Tri::from(*v)),
                Some(ParamValue::Duration(_)) | None => Val::Bool(Tri::Unknown),
            },
            Leaf::Subject(f) => match f {
                SubjectField::IsChild => Val::Bool(self.inputs.is_child),
                SubjectField::Age => {
                    Val::Num(b.age.unwrap_or(Range::new(Decimal::ZERO, Decimal::from(crate::case::MAX_AGE))))
                }
                SubjectField::Sex => Val::Text(b.sex),
                SubjectField::Citizenship => Val::Text(b.citizenship.as_deref()),
                SubjectField::IsForeign => Val::Bool(self.inputs.is_foreign),
                SubjectField::AppearsMinor => Val::Bool(b.appears_minor),
            },
            Leaf::Case(f) => Val::Text(match f {
                CaseField::Reporter => b.reporter.as_deref(),
                CaseField::Municipality => b.municipality_name.as_deref(),
                CaseField::Entity => b.municipality.map(|m| m.entity.as_str()),
                CaseField::Area => b.municipality.map(|m| m.area.as_str()),
            }),
            Leaf::Level => Val::Level(self.level.0, self.level.1),
            Leaf::Classification => Val::Class(self.class),
            Leaf::Overdue(i) => Val::Bool(self.overdue(i)),
            Leaf::Grade(g) => Val::Num(count_range(self.grades[g as usize])),
        }
    }
}

/// The text form of a value, for the trace: a settled value as it is, an unsettled one
/// as the range it may still take.
pub(crate) fn leaf_text(v: Val<'_>) -> String {
    match v {
        Val::Bool(t) => t.as_str().to_owned(),
        Val::Num(r) if r.is_point() => decimal_text(r.lo),
        // Anything at all: nothing is known about it.
        Val::Num(r) if r.hi == Decimal::MAX => Tri::Unknown.as_str().to_owned(),
        Val::Num(r) => format!("{}..{}", decimal_text(r.lo), decimal_text(r.hi)),
        Val::Text(Some(t)) => t.to_owned(),
        Val::Text(None) => Tri::Unknown.as_str().to_owned(),
        Val::Level(lo, hi) if lo == hi => lo.as_str().to_owned(),
        Val::Level(lo, hi) => format!("{}..{}", lo.as_str(), hi.as_str()),
        Val::Class(bits) => Classification::in_set(bits).iter().map(|c| c.as_str()).collect::<Vec<_>>().join("|"),
    }
}

/// The name of a leaf as a pack author writes it.
pub(crate) fn leaf_name(c: &Compiled, leaf: Leaf) -> String {
    match leaf {
        Leaf::Present(i) => c.indicators[i as usize].id.clone(),
        Leaf::RawValue(i) => format!("value.{}", c.indicators[i as usize].id),
        Leaf::Fact(i) => c.facts[i as usize].id.clone(),
        Leaf::Dimension(i) => format!("dimension.{}", c.dimensions[i as usize].id),
        Leaf::Param(i) => format!("param.{}", c.params[i as usize].id),
        Leaf::Subject(f) => format!("subject.{}", subject_name(f)),
        Leaf::Case(f) => format!("case.{}", case_name(f)),
        Leaf::Level => "level".into(),
        Leaf::Classification => "classification".into(),
        Leaf::Overdue(i) => format!("overdue.{}", c.obligations[i as usize].id),
        Leaf::Grade(g) => g.as_str().into(),
    }
}

pub(crate) fn subject_name(f: SubjectField) -> &'static str {
    match f {
        SubjectField::IsChild => "is_child",
        SubjectField::Age => "age",
        SubjectField::Sex => "sex",
        SubjectField::Citizenship => "citizenship",
        SubjectField::IsForeign => "is_foreign",
        SubjectField::AppearsMinor => "appears_minor",
    }
}

fn case_name(f: CaseField) -> &'static str {
    match f {
        CaseField::Reporter => "reporter",
        CaseField::Municipality => "municipality",
        CaseField::Entity => "entity",
        CaseField::Area => "area",
    }
}
