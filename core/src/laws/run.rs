//! Running a law: generated cases bent to its premise, checked under each set of local
//! values, and a broken case shrunk to the smallest that still breaks it.

use super::*;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

impl Law {
    /// Bends a generated case to the premise: the subject, the reporter and the
    /// indicators the law fixes.
    fn project(&self, mut case: Case, names: &Names, rng: &mut ChaCha8Rng) -> Case {
        let age = match (self.age, self.child) {
            (Some((lo, hi)), _) => Some(rng.random_range(lo..=hi)),
            (None, Some(true)) => Some(rng.random_range(0..18)),
            (None, Some(false)) => Some(rng.random_range(18..70)),
            (None, None) => None,
        };
        if let Some(age) = age {
            case.subject.age = Some(age);
            case.subject.birth_date = None;
            case.subject.age_range = None;
            case.subject.appears_minor = None;
        }
        match self.foreign {
            Some(true) => case.subject.citizenship = crate::synth::FOREIGN.choose(rng).map(|c| (*c).to_owned()),
            Some(false) => case.subject.citizenship = Some(names.jurisdiction.clone()),
            None => {}
        }
        if !self.reporter.is_empty() {
            case.reporter = self.reporter.choose(rng).cloned();
        }
        if let Some(only) = &self.present_only {
            let mut kept = Vec::new();
            for mut o in std::mem::take(&mut case.observations) {
                let (kind, protected) =
                    names.indicators.get(&o.indicator).copied().unwrap_or((IndicatorKind::Bool, false));
                if only.contains(&o.indicator) || protected {
                    kept.push(o);
                } else if kind == IndicatorKind::Bool && rng.random_bool(0.5) {
                    o.value = ObservedValue::Bool(false);
                    kept.push(o);
                }
            }
            case.observations = kept;
        }
        for n in &self.not_present {
            let present =
                case.observations.iter().any(|o| o.indicator == n.id && o.value != ObservedValue::Bool(false));
            if present {
                let value =
                    (n.kind == IndicatorKind::Bool && rng.random_bool(0.5)).then_some(ObservedValue::Bool(false));
                case = with(&case, &n.id, value);
            }
        }
        for n in &self.absent {
            case = with(&case, &n.id, Some(ObservedValue::Bool(false)));
        }
        for n in &self.present {
            case = with(&case, &n.id, Some(ObservedValue::Bool(true)));
        }
        if let Some(n) = self.present_any.choose(rng) {
            case = with(&case, &n.id, Some(ObservedValue::Bool(true)));
        }
        case
    }

    fn check(&self, p: &Protocol, names: &Names, protected: &BTreeSet<String>, plan: &Plan) -> Verdict {
        let mut rng = ChaCha8Rng::seed_from_u64(plan.seed ^ fnv(&self.id));
        let options = self.options();
        let mut matching = 0;
        for case in crate::synth::Explorer::new(p, plan.seed ^ fnv(&self.id), plan.as_of).take(plan.cases as usize) {
            let case = self.project(case, names, &mut rng);
            let Ok(a) = p.assess(&case, plan.as_of, &options) else { continue };
            if !self.about(&case, &a, protected) {
                continue;
            }
            matching += 1;
            if self.broken(p, &case, &a, plan.as_of).is_some() {
                let (small, why) = self.shrink(p, case, protected, plan.as_of);
                return Verdict { matching, broken: Some((why, small.to_json())) };
            }
        }
        Verdict { matching, broken: None }
    }

    /// What breaks the law in `case`, if the law is about it at all.
    fn breaks(
        &self,
        p: &Protocol,
        case: &Case,
        protected: &BTreeSet<String>,
        as_of: jiff::Timestamp,
    ) -> Option<String> {
        let a = p.assess(case, as_of, &self.options()).ok()?;
        if !self.about(case, &a, protected) {
            return None;
        }
        self.broken(p, case, &a, as_of)
    }

    /// Removes one part of the case after another while the law still breaks.
    fn shrink(
        &self,
        p: &Protocol,
        mut case: Case,
        protected: &BTreeSet<String>,
        as_of: jiff::Timestamp,
    ) -> (Case, String) {
        let mut why = self.breaks(p, &case, protected, as_of).unwrap_or_default();
        loop {
            let mut smaller = None;
            for candidate in parts_removed(&case) {
                if let Some(w) = self.breaks(p, &candidate, protected, as_of) {
                    smaller = Some((candidate, w));
                    break;
                }
            }
            match smaller {
                Some((c, w)) => {
                    case = c;
                    why = w;
                }
                None => return (case, why),
            }
        }
    }
}

/// Every case with one part less: an observation, an event, a consent, the override,
/// or an optional field of the subject.
fn parts_removed(case: &Case) -> Vec<Case> {
    let mut out = Vec::new();
    for i in 0..case.observations.len() {
        let mut c = case.clone();
        c.observations.remove(i);
        out.push(c);
    }
    for i in 0..case.events.len() {
        let mut c = case.clone();
        c.events.remove(i);
        out.push(c);
    }
    for i in 0..case.consents.len() {
        let mut c = case.clone();
        c.consents.remove(i);
        out.push(c);
    }
    if case.discretionary_override.is_some() {
        out.push(Case { discretionary_override: None, ..case.clone() });
    }
    let s = &case.subject;
    let subjects = [
        s.sex.is_some().then(|| crate::case::Subject { sex: None, ..s.clone() }),
        s.appears_minor.is_some().then(|| crate::case::Subject { appears_minor: None, ..s.clone() }),
        s.citizenship.is_some().then(|| crate::case::Subject { citizenship: None, ..s.clone() }),
    ];
    out.extend(subjects.into_iter().flatten().map(|subject| Case { subject, ..case.clone() }));
    out
}

/// A stable 64-bit hash of a law id, so that each law draws its own cases.
fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

pub(super) fn verdict(law: &Law, p: &Protocol, names: &Names, protected: &BTreeSet<String>, plan: &Plan) -> Verdict {
    law.check(p, names, protected, plan)
}
