//! Bound facts → dimensions, score, level and classification, each with what is
//! *established* (unknown inputs counted as absent) and what is still *possible*.
//!
//! The pipeline runs in a fixed order — indicators, dimensions, facts, score terms,
//! overrides, level, classification — and each stage reads only what earlier stages
//! wrote. It is also run with one unknown input settled each way to rank the unknowns;
//! see `unknowns`.

use crate::bind::Bound;
use crate::case::{Direction, ObservedValue};
use crate::expr::{eval_tri, CaseField, Env, Leaf, SubjectField, Val};
use crate::model::{Classification, Level};
use crate::protocol::{Compiled, IndicatorKind, ParamValue};
use crate::value::{Range, Tri};
use rust_decimal::Decimal;

/// One unknown input settled one way, to see what it would change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Settle {
    Indicator(u32, bool),
    Child(bool),
    Foreign(bool),
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct DimOutcome {
    pub positive: Tri,
    /// Strong, medium, weak counts.
    pub counts: [Range; 3],
    pub points: Range,
}

/// How much of the outcome a run works out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Extent {
    /// What is established and what is still possible.
    Full,
    /// Only the established level and classification (the rest is left stale).
    EstablishedOnly,
}

/// Everything the evaluator knows about one case, stage by stage.
pub(crate) struct State<'a> {
    pub c: &'a Compiled,
    pub b: &'a Bound<'a>,
    pub local: &'a [(u32, ParamValue)],
    pub present: Vec<Tri>,
    pub is_child: Tri,
    pub is_foreign: Tri,
    pub settled_indicator: Option<(u32, bool)>,
    pub profiles: Vec<Tri>,
    pub dims: Vec<DimOutcome>,
    pub facts: Vec<Tri>,
    pub terms: Vec<Tri>,
    pub overrides: Vec<Tri>,
    pub score: Range,
    pub score_established: Decimal,
    pub level_from_score: (Level, Level),
    pub floor_true: Option<Level>,
    pub floor_possible: Option<Level>,
    pub level: (Level, Level),
    pub level_established: Level,
    pub lowering_blocked: bool,
    pub class_rules: Vec<Tri>,
    pub class_set: u8,
    pub class_established: Classification,
    pub class_rule: Option<usize>,
    pub overdue: Vec<Tri>,
    /// Scratch values for the stage being evaluated.
    grades: [Range; 3],
    value: Option<Val<'a>>,
    level_view: (Level, Level),
    class_view: u8,
    /// Scratch buffers of the dimension stage, kept between runs.
    item_present: Vec<Tri>,
}

/// Presence of every indicator from the raw observations: bool values directly, counts and
/// enum values through `present_when`.
pub(crate) fn base_presence(c: &Compiled, b: &Bound<'_>, local: &[(u32, ParamValue)]) -> Vec<Tri> {
    let mut st = State::new(c, b, local);
    c.indicators
        .iter()
        .enumerate()
        .map(|(i, ind)| {
            let raw = b.raw[i];
            match (ind.kind, raw) {
                (_, None) | (IndicatorKind::Bool, Some(ObservedValue::Unknown(()))) => Tri::Unknown,
                (IndicatorKind::Bool, Some(ObservedValue::Bool(v))) => Tri::from(*v),
                (IndicatorKind::Count, Some(v)) | (IndicatorKind::Enum, Some(v)) => {
                    st.value = Some(raw_val(ind.kind, Some(v)));
                    match &ind.present_when {
                        Some(rule) => eval_tri(rule, &st),
                        // A count without `present_when` is present when above zero.
                        None => st.value.as_ref().map_or(Tri::Unknown, |v| Range::ZERO.lt(v.as_range())),
                    }
                }
                _ => Tri::Unknown,
            }
        })
        .collect()
}

fn raw_val(kind: IndicatorKind, raw: Option<&ObservedValue>) -> Val<'_> {
    match (kind, raw) {
        (_, Some(ObservedValue::Bool(v))) => Val::Bool(Tri::from(*v)),
        (_, Some(ObservedValue::Count(n))) => Val::Num(Range::point(Decimal::from(*n))),
        (_, Some(ObservedValue::Text(t))) => Val::Text(Some(t)),
        (IndicatorKind::Bool, _) => Val::Bool(Tri::Unknown),
        (IndicatorKind::Count, _) => Val::Num(Range::new(Decimal::ZERO, Decimal::MAX)),
        (IndicatorKind::Enum, _) => Val::Text(None),
    }
}

impl<'a> State<'a> {
    /// An empty state, allocating nothing until [`State::rerun`] fills it.
    pub(crate) fn new(c: &'a Compiled, b: &'a Bound<'a>, local: &'a [(u32, ParamValue)]) -> State<'a> {
        State {
            c,
            b,
            local,
            present: Vec::new(),
            is_child: b.is_child,
            is_foreign: b.is_foreign,
            settled_indicator: None,
            profiles: Vec::new(),
            dims: Vec::new(),
            facts: Vec::new(),
            terms: Vec::new(),
            overrides: Vec::new(),
            score: Range::ZERO,
            score_established: Decimal::ZERO,
            level_from_score: (Level::None, Level::None),
            floor_true: None,
            floor_possible: None,
            level: (Level::None, Level::VeryHigh),
            level_established: Level::None,
            lowering_blocked: false,
            class_rules: Vec::new(),
            class_set: 0,
            class_established: Classification::InsufficientIndicators,
            class_rule: None,
            overdue: Vec::new(),
            grades: [Range::ZERO; 3],
            value: None,
            level_view: (Level::None, Level::VeryHigh),
            class_view: 0,
            item_present: Vec::new(),
        }
    }

    /// Runs the pipeline up to the classification.
    pub(crate) fn run(
        c: &'a Compiled,
        b: &'a Bound<'a>,
        local: &'a [(u32, ParamValue)],
        base: &[Tri],
        settle: Option<Settle>,
    ) -> State<'a> {
        let mut st = State::new(c, b, local);
        st.rerun(base, settle);
        st
    }

    /// Runs the pipeline again from `base` with `settle` applied, reusing this state's
    /// buffers (ranking the unknowns runs it once per unknown input and way).
    pub(crate) fn rerun(&mut self, base: &[Tri], settle: Option<Settle>) {
        let (c, b) = (self.c, self.b);
        self.present.clear();
        self.present.extend_from_slice(base);
        self.is_child = b.is_child;
        self.is_foreign = b.is_foreign;
        self.settled_indicator = None;
        match settle {
            Some(Settle::Indicator(i, v)) => {
                self.present[i as usize] = Tri::from(v);
                self.settled_indicator = Some((i, v));
            }
            Some(Settle::Child(v)) => self.is_child = Tri::from(v),
            Some(Settle::Foreign(v)) => self.is_foreign = Tri::from(v),
            None => {}
        }
        self.reset_views();
        self.dims.clear();
        self.facts.clear();
        self.facts.resize(c.facts.len(), Tri::Unknown);
        self.overdue.clear();
        self.overdue.resize(c.obligations.len(), Tri::Unknown);
        let mut profiles = std::mem::take(&mut self.profiles);
        profiles.clear();
        profiles.extend(c.profiles.iter().map(|p| eval_tri(&p.when, &*self)));
        self.profiles = profiles;
        self.dimensions();
        for &f in &c.fact_order {
            let v = eval_tri(&c.facts[f as usize].when, &*self);
            self.facts[f as usize] = v;
        }
        let mut terms = std::mem::take(&mut self.terms);
        terms.clear();
        terms.extend(c.scoring.terms.iter().map(|t| eval_tri(&t.when, &*self)));
        self.terms = terms;
        let mut overrides = std::mem::take(&mut self.overrides);
        overrides.clear();
        overrides.extend(c.overrides.iter().map(|o| eval_tri(&o.when, &*self)));
        self.overrides = overrides;
        self.score_and_level(Extent::Full);
        self.classify(Extent::Full);
    }

    /// Before the level and classification are worked out, conditions that read them
    /// see every level and no classification as possible.
    fn reset_views(&mut self) {
        self.level_view = (Level::None, Level::VeryHigh);
        self.class_view = 0;
    }

    fn dimensions(&mut self) {
        let c = self.c;
        let present = &self.present;
        self.item_present.clear();
        self.item_present
            .extend(c.items.iter().map(|it| it.members.iter().fold(Tri::False, |acc, m| acc.or(present[*m as usize]))));
        self.dims.clear();
        for d in 0..c.dimensions.len() {
            let outcome = self.dimension(d);
            self.dims.push(outcome);
        }
    }

    /// One dimension from the items' presence: under each profile that may apply, the
    /// grade counts, the points and the dimension rule; what the profiles agree on.
    fn dimension(&mut self, d: usize) -> DimOutcome {
        let c = self.c;
        let definite = self.profiles.contains(&Tri::True);
        let mut out: Option<DimOutcome> = None;
        for p in 0..self.profiles.len() {
            let applies = self.profiles[p];
            if applies == Tri::False || (definite && applies == Tri::Unknown) {
                continue;
            }
            // Counts per grade under profile p: lowest and highest.
            let (mut lo, mut hi) = ([0u32; 3], [0u32; 3]);
            for &k in &c.plan.dim_items[d] {
                let Some(g) = c.items[k as usize].grades[p] else { continue };
                match self.item_present[k as usize] {
                    Tri::True => {
                        lo[g as usize] += 1;
                        hi[g as usize] += 1;
                    }
                    Tri::Unknown => hi[g as usize] += 1,
                    Tri::False => {}
                }
            }
            let counts: [Range; 3] = std::array::from_fn(|g| Range::new(Decimal::from(lo[g]), Decimal::from(hi[g])));
            let points = Range::new(c.plan.points(c, &lo), c.plan.points(c, &hi));
            let positive = match &c.plan.combination {
                Some(rule) => rule.eval(&lo, &hi),
                None => {
                    self.grades = counts;
                    eval_tri(&c.combination.when, &*self)
                }
            };
            let this = DimOutcome { positive, counts, points };
            out = Some(match out {
                None => this,
                Some(prev) => DimOutcome {
                    positive: prev.positive.join(this.positive),
                    counts: std::array::from_fn(|g| prev.counts[g].hull(this.counts[g])),
                    points: prev.points.hull(this.points),
                },
            });
        }
        out.unwrap_or(DimOutcome { positive: Tri::False, counts: [Range::ZERO; 3], points: Range::ZERO })
    }

    /// Like [`State::rerun`] with one indicator settled, starting from `from` (a finished
    /// run of the same case without it) and evaluating only what the indicator reaches:
    /// its items, their dimensions, and the conditions reading any of those or a fact
    /// that changed. The level and classification are then worked out to `extent`.
    pub(crate) fn rerun_settled(&mut self, from: &State<'a>, indicator: u32, value: bool, extent: Extent) {
        let c = self.c;
        let plan = &c.plan;
        self.present.clone_from(&from.present);
        self.is_child = from.is_child;
        self.is_foreign = from.is_foreign;
        self.profiles.clone_from(&from.profiles);
        self.dims.clone_from(&from.dims);
        self.item_present.clone_from(&from.item_present);
        self.facts.clone_from(&from.facts);
        self.terms.clone_from(&from.terms);
        self.overrides.clone_from(&from.overrides);
        self.overdue.clear();
        self.overdue.resize(c.obligations.len(), Tri::Unknown);
        self.reset_views();
        let i = indicator as usize;
        self.present[i] = Tri::from(value);
        self.settled_indicator = Some((indicator, value));

        // What changed, as a test on the names a condition reads.
        let mut dims_changed: Vec<u32> = Vec::new();
        for &k in &plan.items_of[i] {
            let item = &c.items[k as usize];
            let present = &self.present;
            self.item_present[k as usize] = item.members.iter().fold(Tri::False, |acc, m| acc.or(present[*m as usize]));
            let d = item.dimension as usize;
            let outcome = self.dimension(d);
            if outcome != self.dims[d] {
                self.dims[d] = outcome;
                dims_changed.push(d as u32);
            }
        }
        let mut facts_changed: Vec<u32> = Vec::new();
        let changed = |leaf: &Leaf, facts_changed: &[u32]| match *leaf {
            Leaf::Present(j) | Leaf::RawValue(j) => j == indicator,
            Leaf::Dimension(d) => dims_changed.contains(&d),
            Leaf::Fact(f) => facts_changed.contains(&f),
            _ => false,
        };
        for &f in &c.fact_order {
            if plan.fact_reads[f as usize].iter().any(|l| changed(l, &facts_changed)) {
                let v = eval_tri(&c.facts[f as usize].when, &*self);
                if v != self.facts[f as usize] {
                    self.facts[f as usize] = v;
                    facts_changed.push(f);
                }
            }
        }
        for (t, reads) in plan.term_reads.iter().enumerate() {
            if reads.iter().any(|l| changed(l, &facts_changed)) {
                self.terms[t] = eval_tri(&c.scoring.terms[t].when, &*self);
            }
        }
        for (o, reads) in plan.override_reads.iter().enumerate() {
            if reads.iter().any(|l| changed(l, &facts_changed)) {
                self.overrides[o] = eval_tri(&c.overrides[o].when, &*self);
            }
        }
        self.score_and_level(extent);
        self.classify(extent);
    }

    /// The score, the level and the policy floors. With `Extent::EstablishedOnly` only what
    /// is established is worked out (the ranges keep stale values): all that the ranking
    /// of unknowns reads.
    fn score_and_level(&mut self, extent: Extent) {
        let c = self.c;
        let full = extent == Extent::Full;
        self.floor_true = None;
        self.floor_possible = None;
        self.lowering_blocked = false;
        let mut score = Range::ZERO;
        let mut established = Decimal::ZERO;
        for d in &self.dims {
            if full {
                score = score + d.points;
            }
            established = established.saturating_add(d.points.lo);
        }
        for (t, v) in c.scoring.terms.iter().zip(&self.terms) {
            match v {
                Tri::True => {
                    if full {
                        score = score + Range::point(t.then);
                    }
                    established = established.saturating_add(t.then);
                }
                Tri::Unknown if full => {
                    score = score + Range::new(t.then.min(Decimal::ZERO), t.then.max(Decimal::ZERO))
                }
                _ => {}
            }
        }
        self.score_established = established;
        for (o, v) in c.overrides.iter().zip(&self.overrides) {
            if *v == Tri::True {
                self.floor_true = self.floor_true.max(Some(o.then));
            }
            if v.possible() {
                self.floor_possible = self.floor_possible.max(Some(o.then));
            }
        }
        let floor_true = self.floor_true.unwrap_or(Level::None);
        let floor_possible = self.floor_possible.unwrap_or(Level::None);
        let mut est = c.scoring.level_of(established).max(floor_true);
        let discretionary = self.b.discretionary.as_ref().map(|d| d.0);
        match discretionary {
            Some(Direction::Raise) => est = est.raised(),
            Some(Direction::Lower) => {
                self.lowering_blocked = est.lowered() < floor_true;
                est = est.lowered().max(floor_true);
            }
            None => {}
        }
        self.level_established = est;
        if !full {
            return;
        }
        self.score = score;
        self.level_from_score = (c.scoring.level_of(score.lo), c.scoring.level_of(score.hi));
        let mut lo = self.level_from_score.0.max(floor_true);
        let mut hi = self.level_from_score.1.max(floor_possible);
        match discretionary {
            Some(Direction::Raise) => {
                lo = lo.raised();
                hi = hi.raised();
            }
            Some(Direction::Lower) => {
                lo = lo.lowered().max(floor_true);
                hi = hi.lowered().max(floor_possible);
            }
            None => {}
        }
        self.level = (lo, hi.max(lo));
    }

    /// The classifications still possible (with `Extent::Full`) and the established one.
    fn classify(&mut self, extent: Extent) {
        let c = self.c;
        if extent == Extent::Full {
            self.level_view = self.level;
            let mut rules = std::mem::take(&mut self.class_rules);
            rules.clear();
            rules.extend(c.classification.iter().map(|r| eval_tri(&r.when, &*self)));
            self.class_rules = rules;
            let mut set = 0u8;
            let mut closed = false;
            for (r, v) in c.classification.iter().zip(&self.class_rules) {
                if v.possible() {
                    set |= r.then.bit();
                }
                if *v == Tri::True {
                    closed = true;
                    break;
                }
            }
            if !closed {
                set |= Classification::InsufficientIndicators.bit();
            }
            self.class_set = set;
        }
        // What is established: the first rule that holds at the established level.
        self.level_view = (self.level_established, self.level_established);
        let established = c.classification.iter().enumerate().find(|(_, r)| eval_tri(&r.when, &*self) == Tri::True);
        self.class_established = established.map_or(Classification::InsufficientIndicators, |(_, r)| r.then);
        self.class_rule = established.map(|(i, _)| i);
        self.level_view = self.level;
        self.class_view = self.class_set;
    }

    /// From here on, conditions read the *established* level and classification: duties
    /// arise from what is established, not from what might still be found. (What could
    /// still change the outcome is what the ranking of unknowns reports.)
    ///
    /// A protected attribute the case does not give counts as absent here: it is
    /// special-category data, recorded only when the person offers it, and the engine
    /// never prompts for it.
    pub(crate) fn view_established(&mut self) {
        self.level_view = (self.level_established, self.level_established);
        self.class_view = self.class_established.bit();
        for (i, ind) in self.c.indicators.iter().enumerate() {
            if ind.protected && self.present[i] == Tri::Unknown {
                self.present[i] = Tri::False;
            }
        }
    }

    /// The text form of a name's current value, for the trace.
    pub(crate) fn leaf_text(&self, leaf: Leaf) -> String {
        match self.leaf(leaf) {
            Val::Bool(t) => tri_text(t).to_owned(),
            Val::Num(r) if r.is_point() => crate::value::decimal_text(r.lo),
            Val::Num(r) if r.hi == Decimal::MAX => "unknown".to_owned(),
            Val::Num(r) => format!("{}..{}", crate::value::decimal_text(r.lo), crate::value::decimal_text(r.hi)),
            Val::Text(Some(t)) => t.to_string(),
            Val::Text(None) => "unknown".to_owned(),
            Val::Level(lo, hi) if lo == hi => lo.as_str().to_owned(),
            Val::Level(lo, hi) => format!("{}..{}", lo.as_str(), hi.as_str()),
            Val::Class(bits) => Classification::in_set(bits).iter().map(|c| c.as_str()).collect::<Vec<_>>().join("|"),
        }
    }

    /// The name of a leaf as a pack author writes it.
    pub(crate) fn leaf_name(&self, leaf: Leaf) -> String {
        let c = self.c;
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
            Leaf::Value => "value".into(),
        }
    }
}

pub(crate) fn tri_text(t: Tri) -> &'static str {
    match t {
        Tri::True => "true",
        Tri::False => "false",
        Tri::Unknown => "unknown",
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

impl Env for State<'_> {
    fn leaf(&self, leaf: Leaf) -> Val<'_> {
        let (c, b) = (self.c, self.b);
        match leaf {
            Leaf::Present(i) => Val::Bool(self.present[i as usize]),
            Leaf::RawValue(i) => {
                let kind = c.indicators[i as usize].kind;
                match self.settled_indicator {
                    Some((j, v)) if j == i && kind == IndicatorKind::Bool => Val::Bool(Tri::from(v)),
                    Some((j, _)) if j == i => raw_val(kind, None),
                    _ => raw_val(kind, b.raw[i as usize]),
                }
            }
            Leaf::Fact(i) => Val::Bool(self.facts[i as usize]),
            Leaf::Dimension(i) => Val::Bool(self.dims.get(i as usize).map_or(Tri::Unknown, |d| d.positive)),
            Leaf::Param(i) => match c.param_at(self.local, i, b.as_of_date) {
                Some(ParamValue::Decimal(d)) => Val::Num(Range::point(*d)),
                Some(ParamValue::Count(n)) => Val::Num(Range::point(Decimal::from(*n))),
                Some(ParamValue::Bool(v)) => Val::Bool(Tri::from(*v)),
                Some(ParamValue::Duration(_)) | None => Val::Bool(Tri::Unknown),
            },
            Leaf::Subject(f) => match f {
                SubjectField::IsChild => Val::Bool(self.is_child),
                SubjectField::Age => {
                    Val::Num(b.age.unwrap_or(Range::new(Decimal::ZERO, Decimal::from(crate::case::MAX_AGE))))
                }
                SubjectField::Sex => Val::Text(b.sex),
                SubjectField::Citizenship => Val::Text(b.citizenship),
                SubjectField::IsForeign => Val::Bool(self.is_foreign),
                SubjectField::AppearsMinor => Val::Bool(b.appears_minor),
            },
            Leaf::Case(f) => Val::Text(match f {
                CaseField::Reporter => b.reporter,
                CaseField::Municipality => b.municipality_name,
                CaseField::Entity => b.municipality.map(|m| m.entity.as_str()),
                CaseField::Area => b.municipality.map(|m| m.area.as_str()),
            }),
            Leaf::Level => Val::Level(self.level_view.0, self.level_view.1),
            Leaf::Classification => Val::Class(self.class_view),
            Leaf::Overdue(i) => Val::Bool(self.overdue[i as usize]),
            Leaf::Grade(g) => Val::Num(self.grades[g as usize]),
            Leaf::Value => self.value.unwrap_or(Val::Bool(Tri::Unknown)),
        }
    }
}
