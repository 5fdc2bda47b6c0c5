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
//! use putokaz::{assess, Case, Options, Protocol};
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
//! let as_of = "2026-03-04T12:00:00+01:00".parse().unwrap();
//! let a = assess(&protocol, &case, as_of, &Options::default())?;
//! assert!(a.subject.is_child.is_true());            // presumed a child: the range reaches below 18
//! assert_eq!(a.dimensions[4].positive, putokaz::Tri::True); // coercion at destination
//! println!("{}", a.text);
//! # Ok::<(), putokaz::Error>(())
//! ```
//!
//! The engine never performs I/O while assessing, reads no clock (the caller passes
//! `as_of`) and keeps no global state. With the default `fs` feature, packs can also be
//! read from a directory ([`Protocol::from_dir`]).
#![forbid(unsafe_code)]
#![warn(missing_debug_implementations)]

mod assess;
pub mod assessment;
mod bind;
pub mod case;
mod check;
pub mod error;
mod evaluate;
mod explain;
pub mod expr;
pub mod laws;
pub mod model;
mod obligations;
pub mod pack;
mod plan;
mod protocol;
mod provenance;
pub mod routing;
pub mod screen;
#[cfg(feature = "synth")]
pub mod synth;
pub mod testing;
pub mod time;
pub mod value;
pub mod whatif;

pub use assess::{assess, Options, ENGINE_VERSION};
pub use assessment::Assessment;
pub use bind::{ChildBasis, Warning};
pub use case::Case;
pub use error::{CaseError, CaseErrorKind, Error, PackError, PackErrorKind, PackIssue};
pub use explain::LANGUAGES;
pub use model::{Classification, Grade, Level, SourceStatus};
pub use protocol::{IndicatorInfo, ParameterInfo, Protocol, Source, Term, Vocabulary};
pub use screen::Screening;
pub use value::Tri;

impl Protocol {
    /// Assesses a case: see [`assess`].
    pub fn assess(&self, case: &Case, as_of: jiff::Timestamp, options: &Options) -> Result<Assessment, Error> {
        assess(self, case, as_of, options)
    }

    /// Assesses a case given as JSON, returning the assessment as JSON. `as_of` is an
    /// RFC 3339 timestamp with an offset.
    pub fn assess_json(&self, case_json: &str, as_of: &str, options: &Options) -> Result<String, Error> {
        let as_of = parse_as_of(as_of)?;
        let case = Case::from_json(case_json)?;
        Ok(assess(self, &case, as_of, options)?.to_json())
    }
}

/// Parses an `as_of` timestamp (RFC 3339 with an offset, or `Z`).
pub fn parse_as_of(text: &str) -> Result<jiff::Timestamp, Error> {
    time::parse_timestamp(text).ok_or_else(|| {
        Error::Usage("as_of must be an RFC 3339 date and time with an offset, such as 2026-03-02T09:15:00+01:00".into())
    })
}

/// The README's examples are compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;
