//! The score in whole numbers. Every decimal the score is made of — grade points and
//! their multiples, the dimension cap, score term points, level thresholds — is written
//! at one scale (the largest number of decimal places among them), so the score is a sum
//! of `i64`s and levels are integer comparisons; it becomes a `Decimal` again only in the
//! output. The plan uses this only when every such number, and every sum the score can
//! reach, fits: otherwise it adds decimals like the reference.

use crate::model::Level;
use crate::protocol::Checked;
use rust_decimal::Decimal;

/// Largest magnitude accepted for a scaled value: sums of all of them stay in `i64`.
const LIMIT: i64 = 1 << 52;

/// The score's numbers at one scale.
#[derive(Clone, Debug)]
pub(crate) struct ScoreScale {
    /// Decimal places of every scaled value.
    pub scale: u32,
    /// Per grade, the points of 0, 1, 2, ... items of that grade.
    pub grade_multiples: [Vec<i64>; 3],
    pub cap: Option<i64>,
    /// Per score term.
    pub terms: Vec<i64>,
    /// The least score of low, moderate, high and very_high.
    pub thresholds: [i64; 4],
}

impl ScoreScale {
    /// The scale for `c`, if all of its score numbers fit.
    pub(crate) fn of(c: &Checked, grade_multiples: &[Vec<Decimal>; 3]) -> Option<ScoreScale> {
        let s = &c.scoring;
        let all = grade_multiples
            .iter()
            .flatten()
            .chain(&s.dimension_cap)
            .chain(s.terms.iter().map(|t| &t.then))
            .chain(&s.thresholds);
        let scale = all.clone().map(|d| d.normalize().scale()).max().unwrap_or(0);
        if scale > 18 {
            return None;
        }
        let mut magnitude: i64 = 0;
        let mut scaled = |d: Decimal| -> Option<i64> {
            let mut d = d.normalize();
            d.rescale(scale);
            let v = i64::try_from(d.mantissa()).ok().filter(|v| v.abs() <= LIMIT)?;
            magnitude = magnitude.checked_add(v.abs())?;
            Some(v)
        };
        let multiples: [Vec<i64>; 3] = [
            grade_multiples[0].iter().map(|d| scaled(*d)).collect::<Option<_>>()?,
            grade_multiples[1].iter().map(|d| scaled(*d)).collect::<Option<_>>()?,
            grade_multiples[2].iter().map(|d| scaled(*d)).collect::<Option<_>>()?,
        ];
        let cap = match s.dimension_cap {
            Some(cap) => Some(scaled(cap)?),
            None => None,
        };
        let terms = s.terms.iter().map(|t| scaled(t.then)).collect::<Option<_>>()?;
        let thresholds =
            [scaled(s.thresholds[0])?, scaled(s.thresholds[1])?, scaled(s.thresholds[2])?, scaled(s.thresholds[3])?];
        // Every dimension at its largest and every term: no sum can leave `i64`.
        let dims = i64::try_from(c.dimensions.len()).ok()?;
        magnitude.checked_mul(dims.max(1))?;
        Some(ScoreScale { scale, grade_multiples: multiples, cap, terms, thresholds })
    }

    /// A dimension's points for its strong, medium and weak counts, capped.
    pub(crate) fn points(&self, counts: [u32; 3]) -> i64 {
        let mut total = 0;
        for (multiples, n) in self.grade_multiples.iter().zip(counts) {
            total += multiples[n as usize];
        }
        self.cap.map_or(total, |cap| total.min(cap))
    }

    /// The level a score gives.
    pub(crate) fn level_of(&self, score: i64) -> Level {
        let reached = self.thresholds.iter().filter(|t| score >= **t).count();
        Level::ALL[reached]
    }

    pub(crate) fn decimal(&self, v: i64) -> Decimal {
        Decimal::new(v, self.scale)
    }
}
