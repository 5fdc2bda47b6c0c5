//! The engine's words for its own values, for front ends that lay results out themselves
//! (the command line's `due`, `diff` and `explain --what-if`): the words the assessment's
//! text uses, in each language the engine writes.

use super::phrases;
use crate::assessment::ObligationStatus;
use crate::model::{Classification, Language, Level};

impl Level {
    /// The level in words: `high`, `visok`, `висок`.
    ///
    /// ```
    /// use putokaz::{Language, Level};
    /// assert_eq!(Level::VeryHigh.label(Language::En), "very high");
    /// assert_eq!(Level::High.label(Language::Bs), "visok");
    /// ```
    pub fn label(self, language: Language) -> &'static str {
        &phrases(language).level[self as usize]
    }
}

impl Classification {
    /// The classification in words: `presumed victim`, `pretpostavljena žrtva`.
    pub fn label(self, language: Language) -> &'static str {
        &phrases(language).class[self as usize]
    }
}

impl ObligationStatus {
    /// The status in words, as the assessment's text writes it (an overdue duty in
    /// capitals): `OVERDUE`, `pending`, `u toku`.
    pub fn label(self, language: Language) -> &'static str {
        &phrases(language).status[self as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_has_words_in_every_language() {
        for lang in Language::ALL {
            for l in Level::ALL {
                assert!(!l.label(lang).is_empty());
            }
            for c in Classification::ALL {
                assert!(!c.label(lang).is_empty());
            }
        }
        assert_eq!(ObligationStatus::Overdue.label(Language::SrCyrl), "РОК ПРЕКОРАЧЕН");
        assert_eq!(Classification::AtRisk.label(Language::En), "at risk");
    }
}
