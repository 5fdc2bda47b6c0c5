//! What a condition reads at each stage. An [`Env`] is built from the stage values that
//! exist when a rule is evaluated and never changes afterwards; the trace builds the same
//! `Env` again to say what each rule read, so the two cannot disagree.

use super::{Ctx, DimOutcome, Inputs};
use crate::case::ObservedValue;
use crate::expr::{CaseField, Env as ExprEnv, Leaf, SubjectField, Val};
use crate::model::{Classification, Level};
use crate::protocol::{Compiled, IndicatorKind, ParamValue};
use crate::value::{decimal_text, Range, Tri};
use rust_decimal::Decimal;

/// The values of names at one stage.
#[derive(Clone, Copy)]
pub(crate) struct Env<'e, 'a> {
    ctx: &'e Ctx<'a>,
    inputs: &'e Inputs,
    dims: &'e [DimOutcome],
    facts: &'e [Tri],
    /// The levels a condition reading `level` sees: every level before the level is
    /// worked out, then the possible levels (classification) or the established one
    /// (obligations).
    level: (Level, Level),
    /// The classifications a condition reading `classification` sees.
    class: u8,
    overdue: &'e [Tri],
    /// Obligations: a protected attribute the case does not give counts as absent. It is
    /// special-category data, recorded only when the person offers it, and the engine
    /// never prompts for it.
    protected_absent: bool,
    /// `strong`, `medium`, `weak` inside the dimension rule.
    grades: [Range; 3],
}

impl<'e, 'a> Env<'e, 'a> {
    /// The inputs only: what profiles and `present_when` read.
    pub(crate) fn new(ctx: &'e Ctx<'a>, inputs: &'e Inputs) -> Env<'e, 'a> {
        Env {
            ctx,
            inputs,
            dims: &[],
            facts: &[],
            level: (Level::None, Level::VeryHigh),
            class: 0,
            overdue: &[],
            protected_absent: false,
            grades: [Range::ZERO; 3],
        }
    }

    pub(crate) fn with_dims(self, dims: &'e [DimOutcome]) -> Self {
        Env { dims, ..self }
    }

    pub(crate) fn with_facts(self, facts: &'e [Tri]) -> Self {
        Env { facts, ..self }
    }

    pub(crate) fn with_level(self, level: (Level, Level)) -> Self {
        Env { level, ..self }
    }

    /// What obligations read: the established level and classification, the `overdue`
    /// of the obligations before them, and protected attributes counted absent when
    /// unknown.
    pub(crate) fn for_obligations(self, level: Level, class: Classification, overdue: &'e [Tri]) -> Self {
        Env { level: (level, level), class: class.bit(), overdue, protected_absent: true, ..self }
    }

    pub(crate) fn with_grades(self, grades: [Range; 3]) -> Self {
        Env { grades, ..self }
    }

    fn present(&self, i: u32) -> Tri {
        let t = self.inputs.present.get(i as usize).copied().unwrap_or(Tri::Unknown);
        if t == Tri::Unknown && self.protected_absent && self.ctx.c.indicators[i as usize].protected {
            Tri::False
        } else {
            t
        }
    }
}

/// An indicator's raw value as conditions read it.
pub(crate) fn raw_val(kind: IndicatorKind, raw: Option<&ObservedValue>) -> Val<'_> {
    match (kind, raw) {
        (_, Some(ObservedValue::Bool(v))) => Val::Bool(Tri::from(*v)),
        (_, Some(ObservedValue::Count(n))) => Val::Num(Range::point(Decimal::from(*n))),
        (_, Some(ObservedValue::Text(t))) => Val::Text(Some(t)),
        (IndicatorKind::Bool, _) => Val::Bool(Tri::Unknown),
        (IndicatorKind::Count, _) => Val::Num(Range::new(Decimal::ZERO, Decimal::MAX)),
        (IndicatorKind::Enum, _) => Val::Text(None),
    }
}

impl ExprEnv for Env<'_, '_> {
    fn leaf(&self, leaf: Leaf) -> Val<'_> {
        let (c, b) = (self.ctx.c, self.ctx.b);
        match leaf {
            Leaf::Present(i) => Val::Bool(self.present(i)),
            Leaf::RawValue(i) => {
                let kind = c.indicators[i as usize].kind;
                match self.inputs.settled.iter().find(|(j, _)| *j == i) {
                    Some((_, v)) if kind == IndicatorKind::Bool => Val::Bool(Tri::from(*v)),
                    Some(_) => raw_val(kind, None),
                    None => raw_val(kind, b.raw[i as usize]),
                }
            }
            Leaf::Fact(i) => Val::Bool(self.facts.get(i as usize).copied().unwrap_or(Tri::Unknown)),
            Leaf::Dimension(i) => Val::Bool(self.dims.get(i as usize).map_or(Tri::Unknown, |d| d.positive)),
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
                SubjectField::Citizenship => Val::Text(b.citizenship),
                SubjectField::IsForeign => Val::Bool(self.inputs.is_foreign),
                SubjectField::AppearsMinor => Val::Bool(b.appears_minor),
            },
            Leaf::Case(f) => Val::Text(match f {
                CaseField::Reporter => b.reporter,
                CaseField::Municipality => b.municipality_name,
                CaseField::Entity => b.municipality.map(|m| m.entity.as_str()),
                CaseField::Area => b.municipality.map(|m| m.area.as_str()),
            }),
            Leaf::Level => Val::Level(self.level.0, self.level.1),
            Leaf::Classification => Val::Class(self.class),
            Leaf::Overdue(i) => Val::Bool(self.overdue.get(i as usize).copied().unwrap_or(Tri::Unknown)),
            Leaf::Grade(g) => Val::Num(self.grades[g as usize]),
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
