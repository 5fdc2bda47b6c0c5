//! Synthetic cases for benchmarks and demonstrations: seeded, reproducible, clearly
//! fictional (ids `SYN-…`). The mix follows what the BiH sources describe — mostly
//! children, forced begging most often, then school exclusion, child marriage and labour
//! exploitation — with unknowns, events and consents, so that every part of the engine
//! is exercised. It is not data about anyone and not an estimate of prevalence.

use crate::case::{AgeRange, Case, Consent, Event, Observation, ObservedValue, Subject};
use crate::protocol::{IndicatorKind, Protocol};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const REPORTERS: [&str; 6] = ["school", "csw", "police", "roma_mediator", "ngo", "health"];
const EVENTS: [&str; 4] = ["csw_notified", "police_notified", "team_informed", "guardian_appointed"];

/// Indicators by scenario (those the pack does not have are skipped).
const SCENARIOS: [&[&str]; 5] = [
    &[
        "forced_begging",
        "daily_money_quota",
        "living_in_street_situation",
        "begging_with_unrelated_adult",
        "street_work_at_night",
        "exploiter_family_member",
        "d5_violence_on_victim",
    ],
    &[
        "child_marriage",
        "domestic_servitude_in_marriage",
        "not_enrolled_in_school",
        "exploiter_family_member",
        "d2_abduction_forced_marriage_selling",
    ],
    &["unexcused_absences", "not_enrolled_in_school", "no_birth_registration", "missing_documents"],
    &[
        "d1_deceived_nature_of_job",
        "d1_deceived_wages",
        "d4_excessive_hours",
        "d4_low_or_no_pay",
        "d5_confiscation_of_documents",
        "d5_withholding_of_wages",
        "recruited_transported_or_harboured",
    ],
    &["d3_economic_reasons", "d6_family_situation"],
];
/// How often each scenario occurs, in percent.
const SCENARIO_WEIGHTS: [u32; 5] = [35, 15, 20, 15, 15];

/// An endless, reproducible stream of synthetic cases for `protocol`.
#[derive(Debug)]
pub struct Synth {
    rng: ChaCha8Rng,
    n: u64,
    towns: Vec<String>,
    indicators: Vec<(String, IndicatorKind)>,
}

impl Synth {
    /// A stream of synthetic cases for `protocol`'s municipalities and indicators, from `seed`.
    pub fn new(protocol: &Protocol, seed: u64) -> Synth {
        Synth {
            rng: ChaCha8Rng::seed_from_u64(seed),
            n: 0,
            towns: protocol.municipalities().into_iter().map(str::to_owned).collect(),
            indicators: protocol.indicators().into_iter().filter(|i| !i.protected).map(|i| (i.id, i.kind)).collect(),
        }
    }

    fn value(&mut self, kind: IndicatorKind, present: bool) -> ObservedValue {
        match (kind, present) {
            (IndicatorKind::Count, true) => ObservedValue::Count(self.rng.random_range(15..60)),
            (IndicatorKind::Count, false) => ObservedValue::Count(self.rng.random_range(0..5)),
            (_, p) => ObservedValue::Bool(p),
        }
    }

    fn observe(&mut self, obs: &mut Vec<Observation>, id: &str, kind: IndicatorKind, p_present: f64) {
        if obs.iter().any(|o| o.indicator == id) {
            return;
        }
        let roll: f64 = self.rng.random();
        let value = if roll < p_present {
            self.value(kind, true)
        } else if roll < p_present + (1.0 - p_present) / 2.0 {
            self.value(kind, false)
        } else {
            ObservedValue::Unknown(())
        };
        obs.push(Observation { indicator: id.to_owned(), value, observed_at: None, observed_by: None });
    }
}

impl Iterator for Synth {
    type Item = Case;

    fn next(&mut self) -> Option<Case> {
        self.n += 1;
        let r = &mut self.rng;
        let day = r.random_range(0..300);
        let hour = r.random_range(7..18);
        let reported = jiff::civil::date(2026, 1, 1)
            .checked_add(jiff::Span::new().days(day))
            .unwrap_or(jiff::civil::date(2026, 1, 1));
        let at = |d: jiff::civil::Date, h: i64| format!("{d}T{:02}:{:02}:00+01:00", h % 24, (h * 7) % 60);
        let subject = match r.random_range(0..10) {
            0..=3 => Subject {
                birth_date: Some(format!("{}-{:02}-15", 2026 - r.random_range(3..18), r.random_range(1..13))),
                ..Subject::default()
            },
            4..=6 => Subject { age: Some(r.random_range(3..18)), ..Subject::default() },
            7 => {
                let min = r.random_range(13..19);
                Subject { age_range: Some(AgeRange { min, max: min + 4 }), ..Subject::default() }
            }
            8 => Subject { age: Some(r.random_range(18..50)), ..Subject::default() },
            _ => Subject { appears_minor: Some(r.random_bool(0.7)), ..Subject::default() },
        };
        let subject = Subject {
            sex: Some(["female", "male"][r.random_range(0..2)].to_owned()),
            citizenship: Some(
                if r.random_bool(0.9) { "BA" } else { ["RS", "AL", "NP", "BD"][r.random_range(0..4)] }.to_owned(),
            ),
            ..subject
        };
        let pick = r.random_range(0..100);
        let mut acc = 0;
        let scenario = SCENARIO_WEIGHTS.iter().position(|w| {
            acc += w;
            pick < acc
        });
        let mut observations = Vec::new();
        if let Some(s) = scenario {
            for id in SCENARIOS[s] {
                if let Some(kind) = self.indicators.iter().find(|(i, _)| i == id).map(|(_, k)| *k) {
                    self.observe(&mut observations, id, kind, 0.7);
                }
            }
        }
        // Other indicators asked about: mostly absent or unknown.
        while observations.len() < 15 && !self.indicators.is_empty() {
            let (id, kind) = self.indicators[self.rng.random_range(0..self.indicators.len())].clone();
            self.observe(&mut observations, &id, kind, 0.1);
        }
        let r = &mut self.rng;
        let events = (0..3)
            .map(|k| Event {
                kind: EVENTS[(k + r.random_range(0..2)) % EVENTS.len()].to_owned(),
                at: at(reported, i64::from(hour) + r.random_range(0..96)),
                by: None,
            })
            .filter(|e| e.at.as_str() >= at(reported, i64::from(hour)).as_str())
            .collect();
        let consents = if r.random_bool(0.3) {
            vec![Consent { scope: "roma_mediator".into(), given: r.random_bool(0.6), at: None }]
        } else {
            Vec::new()
        };
        Some(Case {
            id: format!("SYN-{:07}", self.n),
            reported_at: at(reported, i64::from(hour)),
            municipality: self.towns.choose(r).cloned(),
            reporter: Some((*REPORTERS.choose(r).unwrap_or(&"school")).to_owned()),
            subject,
            observations,
            events,
            consents,
            discretionary_override: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stream_is_reproducible_and_assessable() {
        let p = Protocol::bundled("bih").unwrap();
        let a: Vec<Case> = Synth::new(&p, 7).take(200).collect();
        let b: Vec<Case> = Synth::new(&p, 7).take(200).collect();
        assert_eq!(a, b);
        let as_of = crate::parse_as_of("2026-12-31T12:00:00+01:00").unwrap();
        let mut levels = std::collections::BTreeSet::new();
        for c in &a {
            let s = p.screen(c, as_of, false).unwrap_or_else(|e| panic!("{}: {e}", c.id));
            levels.insert(s.level);
            assert!(c.observations.len() >= 10);
        }
        assert!(levels.len() >= 4, "{levels:?}");
    }
}
