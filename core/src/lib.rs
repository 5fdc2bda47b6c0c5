//! # putokaz
//!
//! The anti-trafficking referral protocols of Bosnia and Herzegovina as a pure, testable
//! function: observations about a person in; an exact risk score, a classification
//! against the legal definition of trafficking, and the referral obligations — who must
//! act, by when, why, citing the rule — out.
//!
//! ```text
//! assess(protocol, case, as_of) -> Assessment
//! ```
//!
//! Protocols are data: versioned TOML *packs* (see `core/protocols/README.md`) that are
//! parsed and checked once, when loaded, into an immutable [`Protocol`]. Cases are JSON
//! (or [`Case`] values); assessments serialise to the same JSON bytes from every language.
//!
//! ```
//! use putokaz::{assess, Case, Options, Protocol, Tri};
//!
//! let protocol = Protocol::bundled("ilo-2009")?;
//! let case = Case::from_json(r#"{
//!     "id": "example-2",
//!     "reported_at": "2026-03-02T09:00:00+01:00",
//!     "subject": { "age_range": { "min": 15, "max": 19 } },
//!     "observations": [
//!         { "indicator": "d5_violence_on_victim", "value": true },
//!         { "indicator": "d5_confiscation_of_documents", "value": true }
//!     ]
//! }"#)?;
//! let as_of = putokaz::parse_as_of("2026-03-04T12:00:00+01:00")?;
//! let a = assess(&protocol, &case, as_of, &Options::default())?;
//! assert!(a.subject.is_child.is_true());            // presumed a child: the range reaches below 18
//! assert_eq!(a.dimensions[4].positive, Tri::True);  // coercion at destination
//! println!("{}", a.text);
//! # Ok::<(), putokaz::Error>(())
//! ```
//!
//! The engine never performs I/O while assessing, reads no clock (the caller passes
//! `as_of`) and keeps no global state.
//!
//! ## Where to start
//!
//! - **A protocol**: [`Protocol::bundled`] (compiled in: `bih`, `ilo-2009`),
//!   [`Protocol::from_path`] (a pack directory or its `pack.toml`; an error names the
//!   path), [`Protocol::from_files`]. [`Protocol::with_local_parameter`] sets a
//!   municipality's own value of a `local_policy` parameter.
//! - **A case**: [`Case::from_json`], or field by field with [`CaseBuilder`] (typed
//!   values, every problem reported at once).
//! - **An assessment**: [`Protocol::assess`] gives the whole [`Assessment`] — level,
//!   classification, score with every contribution, obligations with due times, the
//!   trace and the text in the five [`Language`]s; [`Protocol::screen`] gives the outcome
//!   alone, without words; [`Protocol::assess_json`] and [`Protocol::screen_json`] go from
//!   JSON to JSON, byte for byte what the C and Python bindings give.
//! - **Analysis**: [`Protocol::what_if`] (how fragile one decision is), [`Protocol::diff`]
//!   (what a protocol change does to a case set), [`Protocol::sweep`] and
//!   [`Protocol::compare_groups`].
//! - **Errors**: every fallible function returns [`Error`], whose [`Error::kind`] is a
//!   stable machine name; no message repeats a value of the input.
//!
//! ## Features
//!
//! - `fs` (default): packs read from the file system ([`Protocol::from_path`],
//!   [`DirectoryPack`]).
//! - `synth`: the `synth` module, seeded and clearly fictional cases for benchmarks and
//!   demonstrations.
//!
//! Types from other crates that appear in this API are re-exported, so that a program
//! needs no dependency of its own to use them: [`Timestamp`], [`Date`], [`TimeZone`] and
//! [`Offset`] (jiff), and [`Decimal`] (rust_decimal).
#![forbid(unsafe_code)]
#![warn(missing_docs, missing_debug_implementations)]

mod assess;
mod assessment;
mod bind;
mod case;
mod check;
mod coverage;
mod differential;
mod error;
mod eval;
mod explain;
mod expr;
#[cfg(feature = "handbook")]
mod handbook;
mod laws;
mod model;
mod obligations;
mod pack;
mod plan;
mod protocol;
mod provenance;
mod rank;
mod routing;
mod screen;
#[cfg(feature = "synth")]
pub mod synth;
mod testing;
mod time;
mod trace;
mod translit;
mod value;
mod whatif;

pub use assess::{assess, Options, ENGINE_VERSION};
pub use assessment::{
    Assessment, ClassificationFinding, ConsentFinding, ConsentState, Contribution, ContributionKind, CouldArise,
    DecimalRange, DimensionFinding, DiscretionaryFinding, EngineRef, JurisdictionFinding, LevelFinding, LevelRange,
    ObligationFinding, ObligationStatus, Outcome, OverrideFinding, Party, PossibleForm, ProtocolRef, Read, Reliance,
    RelianceKind, RuleKind, ScoreFinding, SubjectFinding, TraceEntry, UnknownFinding,
};
pub use bind::{CaseBuilder, ChildBasis, IndicatorRef, Observed, TimeValue, Warning, WarningKind};
pub use case::read::is_schema_key;
pub use case::{
    AgeRange, Case, Consent, Direction, DiscretionaryOverride, Event, Observation, ObservedValue, Subject, MAX_AGE,
    MAX_CASE_BYTES, MAX_DEPTH, MAX_ENTRIES, MAX_TEXT,
};
#[doc(hidden)]
pub use differential::compare as compare_plan_with_reference;
pub use error::{
    CaseError, CaseErrorKind, Error, Location, PackError, PackErrorKind, PackIssue, UsageError, UsageErrorKind,
};
#[cfg(feature = "handbook")]
pub use handbook::{Handbook, Site};
pub use jiff::civil::Date;
pub use jiff::tz::{Offset, TimeZone};
pub use jiff::Timestamp;
pub use model::{Classification, Grade, Labels, Language, Level, OffsetTimestamp, Provenance, SourceStatus};
pub use pack::bundled::Bundled as BundledPack;
#[cfg(feature = "fs")]
pub use pack::DirSource as DirectoryPack;
pub use pack::{PackSource, ReadError, MAX_FACTS, MAX_FACT_DEPTH, MAX_PACK_BYTES};
pub use protocol::{
    IndicatorInfo, IndicatorKind, MunicipalityInfo, ParamValue, ParameterInfo, ParameterKind, Protocol, Source, Term,
    Vocabulary,
};
pub use rust_decimal::Decimal;
pub use screen::Screening;
pub use testing::{run_pack_laws, run_pack_tests, TestOutcome};
pub use time::Due;
pub use translit::latin_to_cyrillic;
pub use value::Tri;
pub use whatif::{
    CaseDiff, Change, Counterfactual, Diff, GroupOutcomes, SweepRow, WhatIf, MAX_WHAT_IF_CHANGES, WHAT_IF_BUDGET,
};

impl Protocol {
    /// Assesses a case: see [`assess`].
    pub fn assess(&self, case: &Case, as_of: Timestamp, options: &Options) -> Result<Assessment, Error> {
        assess(self, case, as_of, options)
    }

    /// Assesses a case given as JSON, returning the assessment as JSON. `as_of` is an
    /// RFC 3339 timestamp with an offset.
    pub fn assess_json(&self, case_json: &str, as_of: &str, options: &Options) -> Result<String, Error> {
        let as_of = parse_as_of(as_of)?;
        Ok(assess::assess_json(self, case_json, as_of, options)?.to_json())
    }
}

/// Parses an `as_of` timestamp: RFC 3339 with an offset or `Z`. Text that is not is a
/// usage error; an instant beyond the dates the engine computes with (the end of year
/// 9999) is `case.out_of_effect`, as no pack is in effect then.
///
/// ```
/// let t = putokaz::parse_as_of("2026-03-02T09:15:00+01:00").unwrap();
/// assert_eq!(t.as_second(), 1772439300);
/// assert_eq!(putokaz::parse_as_of("yesterday").unwrap_err().kind(), "usage");
/// assert_eq!(putokaz::parse_as_of("9999-12-31T23:59:59Z").unwrap_err().kind(), "case.out_of_effect");
/// ```
pub fn parse_as_of(text: &str) -> Result<Timestamp, Error> {
    time::parse_timestamp(text).map_err(|e| match e {
        time::TimestampError::Syntax => Error::usage(
            UsageErrorKind::InvalidAsOf,
            "as_of must be an RFC 3339 date and time with an offset, such as 2026-03-02T09:15:00+01:00",
        ),
        time::TimestampError::OutOfRange => Error::Case(CaseError::new(
            CaseErrorKind::OutOfEffect,
            "$",
            "as_of is beyond the last date the engine computes with (9999-12-30)",
        )),
    })
}

impl std::str::FromStr for Language {
    type Err = Error;

    /// `bs`, `hr`, `sr-Latn`, `sr-Cyrl` or `en`.
    fn from_str(code: &str) -> Result<Language, Error> {
        Language::parse(code).ok_or_else(|| {
            Error::usage(
                UsageErrorKind::UnknownLanguage,
                "unknown language: the engine writes bs, hr, sr-Latn, sr-Cyrl and en",
            )
        })
    }
}

/// The README's examples are compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;
