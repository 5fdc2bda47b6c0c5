//! Words: labels in the requested language (with a visible fallback), the engine's own
//! phrases, and the rendered text of an assessment. Nothing here decides anything; it
//! only says what was decided.

mod phrases;
mod render;
mod words;

pub(crate) use phrases::{phrases, Phrases};
pub(crate) use render::render;

use crate::model::Labels;

/// The languages to try, in order, when a label is missing in `lang`: Serbian Cyrillic
/// falls back to Serbian Latin, every other language to Bosnian, then English.
fn fallbacks(lang: &str) -> &'static [&'static str] {
    match lang {
        "sr-Cyrl" => &["sr-Latn", "bs", "en"],
        "bs" => &["en"],
        "en" => &["bs"],
        _ => &["bs", "en"],
    }
}

/// A label in `lang`; otherwise the first fallback language that has one (see
/// `fallbacks`, then any other language), marked `[xx]` so the gap is visible; otherwise
/// the id.
pub(crate) fn label(labels: &Labels, lang: &str, id: &str) -> String {
    match label_in(labels, lang) {
        Some((used, l)) if used == lang => l.to_owned(),
        Some((used, l)) => format!("[{used}] {l}"),
        None => id.to_owned(),
    }
}

/// The label `label` shows for `lang`, with the language it is written in: `lang`
/// itself, or the fallback it comes from. `None` when there is no label at all.
pub(crate) fn label_in<'a>(labels: &'a Labels, lang: &'a str) -> Option<(&'a str, &'a str)> {
    std::iter::once(lang)
        .chain(fallbacks(lang).iter().copied())
        .chain(labels.keys().map(String::as_str))
        .find_map(|l| labels.get_key_value(l).map(|(k, v)| (k.as_str(), v.as_str())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_fall_back_visibly() {
        let mut l = Labels::new();
        l.insert("bs".into(), "Prosjačenje".into());
        assert_eq!(label(&l, "bs", "x"), "Prosjačenje");
        assert_eq!(label(&l, "en", "x"), "[bs] Prosjačenje");
        assert_eq!(label(&Labels::new(), "en", "x"), "x");
    }

    fn labels(pairs: &[(&str, &str)]) -> Labels {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    #[test]
    fn every_language_is_read_when_present() {
        let l = labels(&[
            ("bs", "Centar za socijalni rad"),
            ("hr", "Centar za socijalnu skrb"),
            ("sr-Latn", "Centar za socijalni rad"),
            ("sr-Cyrl", "Центар за социјални рад"),
            ("en", "Centre for Social Work"),
        ]);
        assert_eq!(label(&l, "hr", "csw"), "Centar za socijalnu skrb");
        assert_eq!(label(&l, "sr-Latn", "csw"), "Centar za socijalni rad");
        assert_eq!(label(&l, "sr-Cyrl", "csw"), "Центар за социјални рад");
        assert_eq!(label(&l, "en", "csw"), "Centre for Social Work");
    }

    #[test]
    fn cyrillic_falls_back_to_latin_then_bosnian_then_english() {
        let mut l = labels(&[("bs", "Porodica (bs)"), ("sr-Latn", "Porodica"), ("en", "Family")]);
        assert_eq!(label(&l, "sr-Cyrl", "x"), "[sr-Latn] Porodica");
        l.remove("sr-Latn");
        assert_eq!(label(&l, "sr-Cyrl", "x"), "[bs] Porodica (bs)");
        l.remove("bs");
        assert_eq!(label(&l, "sr-Cyrl", "x"), "[en] Family");
    }

    #[test]
    fn croatian_and_serbian_latin_fall_back_to_bosnian_then_english() {
        let l = labels(&[("bs", "Sedmica"), ("sr-Cyrl", "Седмица"), ("en", "Week")]);
        assert_eq!(label(&l, "hr", "x"), "[bs] Sedmica");
        // Serbian Latin does not borrow the Cyrillic label: the gap stays visible in bs.
        assert_eq!(label(&l, "sr-Latn", "x"), "[bs] Sedmica");
        let only_en = labels(&[("en", "Week")]);
        assert_eq!(label(&only_en, "hr", "x"), "[en] Week");
        assert_eq!(label(&only_en, "sr-Latn", "x"), "[en] Week");
        assert_eq!(label(&only_en, "sr-Cyrl", "x"), "[en] Week");
        // Nothing in the usual order: any language there is, still marked.
        let only_hr = labels(&[("hr", "Tjedan")]);
        assert_eq!(label(&only_hr, "sr-Cyrl", "x"), "[hr] Tjedan");
        assert_eq!(label(&only_hr, "en", "x"), "[hr] Tjedan");
        assert_eq!(label(&Labels::new(), "sr-Cyrl", "x"), "x");
    }
}
