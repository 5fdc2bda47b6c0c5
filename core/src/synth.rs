//! Synthetic cases: seeded, reproducible, clearly fictional (ids `SYN-…`, `EXP-…`).
//!
//! Two streams. [`Synth`] is for benchmarks and demonstrations: its mix follows what the
//! BiH sources describe — mostly children, forced begging most often, then school
//! exclusion, child marriage and labour exploitation — with unknowns, events and
//! consents, so that every part of the engine is exercised. [`Explorer`] is for checking
//! a pack's laws (`crate::laws`): it spreads cases evenly over everything the pack lets a
//! case say, so that rare combinations come up too. Neither is data about anyone or an
//! estimate of prevalence.
//!
//! ```
//! use putokaz::synth::Synth;
//! use putokaz::Protocol;
//!
//! let bih = Protocol::bundled("bih")?;
//! let end = putokaz::parse_as_of("2026-07-01T00:00:00+02:00")?;
//! for case in Synth::until(&bih, 7, end).take(100) {
//!     // Every time is before the end, so every case can be assessed as of it.
//!     bih.screen(&case, end, false)?;
//! }
//! # Ok::<(), putokaz::Error>(())
//! ```

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
        "found_begging",
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
        "forced_marriage",
        "marriage_arranged_for_gain",
        "domestic_servitude_in_marriage",
        "not_enrolled_in_school",
        "exploiter_family_member",
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

/// Where the default stream of [`Synth::new`] ends: every time it writes (reports,
/// events) is before this instant, so its cases can be assessed as of it or later.
pub const DEFAULT_END: &str = "2026-11-01T00:00:00+01:00";

/// How far before its end a stream's reports go back, in days; events follow a report
/// within [`EVENT_HOURS`].
const REPORT_DAYS: i64 = 300;
const EVENT_HOURS: i64 = 96;

/// `t` as RFC 3339 in `zone`, with the offset in force then.
fn local(zone: &jiff::tz::TimeZone, t: jiff::Timestamp) -> String {
    crate::model::OffsetTimestamp::in_zone(t, zone).to_string()
}

/// An endless, reproducible stream of synthetic cases for `protocol`.
#[derive(Debug)]
pub struct Synth {
    rng: ChaCha8Rng,
    n: u64,
    towns: Vec<String>,
    indicators: Vec<(String, IndicatorKind)>,
    /// Reports are made on the days before this one; every time is before `end`.
    end: jiff::Timestamp,
    zone: jiff::tz::TimeZone,
}

impl Synth {
    /// A stream of synthetic cases for `protocol`'s municipalities and indicators, from
    /// `seed`, with every time before [`DEFAULT_END`].
    pub fn new(protocol: &Protocol, seed: u64) -> Synth {
        let end = crate::parse_as_of(DEFAULT_END).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
        Synth::until(protocol, seed, end)
    }

    /// As [`Synth::new`], with every time before `end`: reports in the 300 days before
    /// it, each followed by its events within four days. Times are written in the pack's
    /// time zone, with the offset in force on their day (summer time included).
    pub fn until(protocol: &Protocol, seed: u64, end: jiff::Timestamp) -> Synth {
        Synth {
            rng: ChaCha8Rng::seed_from_u64(seed),
            n: 0,
            towns: protocol.municipalities().into_iter().map(str::to_owned).collect(),
            indicators: protocol.indicators().into_iter().filter(|i| !i.protected).map(|i| (i.id, i.kind)).collect(),
            end,
            zone: jiff::tz::TimeZone::get(protocol.time_zone()).unwrap_or(jiff::tz::TimeZone::UTC),
        }
    }

    /// The instant every time of the stream is before.
    pub fn end(&self) -> jiff::Timestamp {
        self.end
    }

    fn value(&mut self, kind: IndicatorKind, present: bool) -> ObservedValue {
        match (kind, present) {
            // School absences are counted in lessons: a few school weeks' worth.
            (IndicatorKind::Count, true) => ObservedValue::Count(self.rng.random_range(75..300)),
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
        // A report on one of the days before the last days of the stream, in working
        // hours, local time; its events follow within four days, so all stay before the end.
        let last_day = self.end.to_zoned(self.zone.clone()).date();
        let r = &mut self.rng;
        let day = r.random_range(EVENT_HOURS / 24 + 1..=REPORT_DAYS + EVENT_HOURS / 24);
        let (hour, minute) = (r.random_range(7..18), r.random_range(0..12) * 5);
        let reported = last_day
            .checked_sub(jiff::Span::new().days(day))
            .and_then(|d| d.at(hour, minute, 0, 0).to_zoned(self.zone.clone()))
            .map_or(self.end, |z| z.timestamp());
        let year = last_day.year();
        let subject = match r.random_range(0..10) {
            0..=3 => Subject {
                birth_date: Some(format!("{}-{:02}-15", year - r.random_range(3..18), r.random_range(1..13))),
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
        let events: Vec<(String, jiff::Timestamp)> = (0..3)
            .map(|k| {
                let minutes = r.random_range(0..EVENT_HOURS * 60);
                let at = reported.checked_add(jiff::SignedDuration::from_mins(minutes)).unwrap_or(reported);
                (EVENTS[(k + r.random_range(0..2)) % EVENTS.len()].to_owned(), at)
            })
            .collect();
        let consents = if r.random_bool(0.3) {
            vec![Consent { scope: "roma_mediator".into(), given: r.random_bool(0.6), at: None }]
        } else {
            Vec::new()
        };
        let events = events.into_iter().map(|(kind, at)| Event { kind, at: local(&self.zone, at), by: None }).collect();
        Some(Case {
            id: format!("SYN-{:07}", self.n),
            reported_at: local(&self.zone, reported),
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

/// Counts drawn by [`Explorer`]: small numbers, and numbers on both sides of the
/// thresholds a municipality is likely to set.
const COUNTS: [u64; 18] = [0, 1, 2, 3, 5, 8, 10, 14, 15, 16, 20, 40, 74, 75, 76, 100, 150, 400];
/// Citizenships drawn by [`Explorer`] (and by laws about foreign citizens) besides the
/// pack's own jurisdiction.
pub(crate) const FOREIGN: [&str; 6] = ["RS", "HR", "AL", "NP", "SY", "TR"];

/// An endless, reproducible stream of cases spread evenly over a pack's vocabulary:
/// every indicator (present, absent, asked but unknown, or not asked, at a density that
/// varies from case to case), counts on both sides of likely thresholds, every enum
/// value, every reporter role, event kind and consent scope, subjects with every basis of
/// age and with or without a citizenship. Reports fall in the 30 days before `as_of`.
#[derive(Debug)]
pub struct Explorer {
    rng: ChaCha8Rng,
    n: u64,
    as_of: jiff::Timestamp,
    jurisdiction: String,
    towns: Vec<String>,
    indicators: Vec<crate::protocol::IndicatorInfo>,
    roles: Vec<String>,
    event_kinds: Vec<String>,
    consent_scopes: Vec<String>,
}

impl Explorer {
    /// A stream of cases over `protocol`'s vocabulary from `seed`, reported in the 30 days
    /// before `as_of`.
    pub fn new(protocol: &Protocol, seed: u64, as_of: jiff::Timestamp) -> Explorer {
        let vocabulary = protocol.vocabulary();
        let ids = |terms: Vec<crate::protocol::Term>| terms.into_iter().map(|t| t.id).collect();
        Explorer {
            rng: ChaCha8Rng::seed_from_u64(seed),
            n: 0,
            as_of,
            jurisdiction: protocol.inner.meta.jurisdiction.clone(),
            towns: protocol.municipalities().into_iter().map(str::to_owned).collect(),
            indicators: protocol.indicators(),
            roles: ids(vocabulary.roles),
            event_kinds: ids(vocabulary.event_kinds),
            consent_scopes: ids(vocabulary.consent_scopes),
        }
    }

    /// A moment `seconds` before `as_of`, as RFC 3339.
    fn before_as_of(&self, seconds: i64) -> String {
        self.as_of.checked_sub(jiff::SignedDuration::from_secs(seconds)).unwrap_or(self.as_of).to_string()
    }

    fn subject(&mut self) -> Subject {
        let r = &mut self.rng;
        // Ages cluster around the two gates that matter: 16 (marriage) and 18 (majority).
        let age: u32 = if r.random_bool(0.5) { r.random_range(13..21) } else { r.random_range(0..70) };
        let mut s = match r.random_range(0..6) {
            0 | 1 => Subject { age: Some(age), ..Subject::default() },
            2 => {
                let year = self.as_of.to_zoned(jiff::tz::TimeZone::UTC).year() - age as i16 - 1;
                Subject {
                    birth_date: Some(format!("{year}-{:02}-{:02}", r.random_range(1..13), r.random_range(1..29))),
                    ..Subject::default()
                }
            }
            3 => Subject {
                age_range: Some(AgeRange { min: age, max: age + r.random_range(0..6) }),
                ..Subject::default()
            },
            4 => Subject { appears_minor: Some(r.random_bool(0.6)), ..Subject::default() },
            _ => Subject::default(),
        };
        s.sex = match r.random_range(0..4) {
            0 => None,
            1 => Some("female".to_owned()),
            2 => Some("male".to_owned()),
            _ => Some("other".to_owned()),
        };
        s.citizenship = match r.random_range(0..4) {
            0 => None,
            1 => FOREIGN.choose(r).map(|c| (*c).to_owned()),
            _ => Some(self.jurisdiction.clone()),
        };
        s
    }

    fn observations(&mut self) -> Vec<Observation> {
        let density: f64 = self.rng.random_range(0.0..0.45);
        let asked: f64 = self.rng.random_range(0.2..0.9);
        let mut out = Vec::new();
        for i in 0..self.indicators.len() {
            let r = &mut self.rng;
            if !r.random_bool(asked) {
                continue;
            }
            let ind = &self.indicators[i];
            let present = r.random_bool(density);
            let value = if !present && r.random_bool(0.5) {
                ObservedValue::Unknown(())
            } else {
                match ind.kind {
                    IndicatorKind::Count => ObservedValue::Count(*COUNTS.choose(r).unwrap_or(&0)),
                    IndicatorKind::Enum => match ind.values.choose(r) {
                        Some(v) => ObservedValue::Text(v.clone()),
                        None => ObservedValue::Unknown(()),
                    },
                    _ => ObservedValue::Bool(present),
                }
            };
            out.push(Observation { indicator: ind.id.clone(), value, observed_at: None, observed_by: None });
        }
        out
    }
}

impl Iterator for Explorer {
    type Item = Case;

    fn next(&mut self) -> Option<Case> {
        self.n += 1;
        let subject = self.subject();
        let observations = self.observations();
        let reported_back = self.rng.random_range(0..30 * 86_400);
        let reported_at = self.before_as_of(reported_back);
        let r = &mut self.rng;
        let mut events = Vec::new();
        for _ in 0..r.random_range(0..5) {
            let Some(kind) = self.event_kinds.choose(r).cloned() else { break };
            let by = if r.random_bool(0.5) { self.roles.choose(r).cloned() } else { None };
            events.push(Event { kind, at: String::new(), by });
        }
        // From two hours before the report (a warning) up to `as_of` (later is refused).
        for e in &mut events {
            let back = self.rng.random_range(0..reported_back + 7_200);
            e.at = self.before_as_of(back);
        }
        let r = &mut self.rng;
        let consents = self
            .consent_scopes
            .iter()
            .filter_map(|scope| match r.random_range(0..3) {
                0 => Some(Consent { scope: scope.clone(), given: true, at: None }),
                1 => Some(Consent { scope: scope.clone(), given: false, at: None }),
                _ => None,
            })
            .collect();
        let discretionary_override = r.random_bool(0.05).then(|| crate::case::DiscretionaryOverride {
            direction: if r.random_bool(0.5) { crate::case::Direction::Raise } else { crate::case::Direction::Lower },
            reason: "synthetic".to_owned(),
            reviewer: "synthetic".to_owned(),
        });
        Some(Case {
            id: format!("EXP-{:07}", self.n),
            reported_at,
            municipality: if r.random_bool(0.95) { self.towns.choose(r).cloned() } else { None },
            reporter: if r.random_bool(0.95) { self.roles.choose(r).cloned() } else { None },
            subject,
            observations,
            events,
            consents,
            discretionary_override,
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

    #[test]
    fn times_are_local_and_before_the_end() {
        let p = Protocol::bundled("bih").unwrap();
        let zone = jiff::tz::TimeZone::get(p.time_zone()).unwrap();
        for end in [DEFAULT_END, "2025-03-31T12:00:00+02:00"] {
            let end = crate::parse_as_of(end).unwrap();
            let cases: Vec<Case> = Synth::until(&p, 5, end).take(300).collect();
            let mut offsets = std::collections::BTreeSet::new();
            for c in &cases {
                for t in std::iter::once(&c.reported_at).chain(c.events.iter().map(|e| &e.at)) {
                    let at = crate::parse_as_of(t).unwrap();
                    assert!(at < end, "{}: {t} is not before the end", c.id);
                    // Written with the offset the pack's zone has at that instant.
                    assert_eq!(local(&zone, at), *t);
                    offsets.insert(t[t.len() - 6..].to_owned());
                }
                assert!(c.events.iter().all(|e| e.at >= c.reported_at));
            }
            // Winter and summer time both occur over 300 days.
            assert_eq!(offsets.into_iter().collect::<Vec<_>>(), ["+01:00", "+02:00"]);
            // Every case can be assessed as of the end.
            for c in &cases {
                p.screen(c, end, false).unwrap_or_else(|e| panic!("{}: {e}", c.id));
            }
        }
        assert_eq!(Synth::new(&p, 1).end(), crate::parse_as_of(DEFAULT_END).unwrap());
    }

    #[test]
    fn the_explorer_is_reproducible_and_covers_the_vocabulary() {
        let p = Protocol::bundled("bih").unwrap();
        let as_of = crate::parse_as_of("2026-06-15T12:00:00+02:00").unwrap();
        let a: Vec<Case> = Explorer::new(&p, 3, as_of).take(400).collect();
        assert_eq!(a, Explorer::new(&p, 3, as_of).take(400).collect::<Vec<_>>());
        let mut reporters = std::collections::BTreeSet::new();
        let mut present = std::collections::BTreeSet::new();
        let mut classes = std::collections::BTreeSet::new();
        for c in &a {
            let s = p.screen(c, as_of, false).unwrap_or_else(|e| panic!("{}: {e}", c.id));
            classes.insert(s.classification);
            reporters.extend(c.reporter.clone());
            present.extend(
                c.observations.iter().filter(|o| o.value == ObservedValue::Bool(true)).map(|o| o.indicator.clone()),
            );
        }
        assert_eq!(reporters.len(), p.vocabulary().roles.len(), "{reporters:?}");
        let bools = p.indicators().into_iter().filter(|i| i.kind == IndicatorKind::Bool).count();
        assert_eq!(present.len(), bools);
        assert_eq!(classes.len(), 3, "{classes:?}");
    }
}
