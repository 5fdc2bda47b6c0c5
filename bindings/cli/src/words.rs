//! The command's own words for the layouts it makes (`due`, `diff`, `explain --what-if`),
//! in the five languages of `--lang`. The engine's words — levels, classifications,
//! statuses, obligations — come from the engine (`Level::label`, `ObligationFinding::summary`,
//! ...); only the frame around them is here. Serbian in Cyrillic is the Serbian Latin
//! text transliterated by the engine's own transliterator.

use putokaz::Language;

/// The phrases: the enum, and the list of all of them that the tests go through.
macro_rules! phrases {
    ($($(#[$doc:meta])* $name:ident,)*) => {
        /// A phrase. `{}` marks where a number or a text goes, in order.
        #[derive(Clone, Copy, Debug)]
        pub(crate) enum Phrase {
            $($(#[$doc])* $name,)*
        }

        impl Phrase {
            /// Every phrase.
            #[cfg(test)]
            const ALL: &'static [Phrase] = &[$(Phrase::$name),*];
        }
    };
}

phrases! {
    /// `due`: the title, with the moment.
    DueTitle,
    /// `due`: how many cases were assessed.
    CasesAssessed,
    /// How many lines of a batch were refused.
    LinesRefused,
    /// `due`: nothing to list.
    NothingDue,
    /// `diff`: how many cases were compared.
    Cases,
    /// `diff`: how many of them change.
    Changes,
    /// `diff`: how many do not.
    Unchanged,
    /// `diff`: how many neither protocol can assess.
    RefusedByBoth,
    /// `diff`: a parameter whose value differs.
    Parameter,
    /// `diff`: the head of the level table.
    LevelTable,
    /// `diff`: the head of the classification table.
    ClassificationTable,
    /// `diff`: the head of the list of changed cases.
    ChangedCases,
    /// `diff`: the causes of a change.
    BecauseOf,
    /// `diff`: an obligation whose status changes.
    Obligation,
    /// `diff`: a case refused under one of the protocols.
    Refused,
    /// `explain --what-if`: the search's bound.
    Search,
    /// `explain --what-if`: changes that raise the level.
    WouldRaise,
    /// `explain --what-if`: changes that lower it.
    WouldLower,
    /// `explain --what-if`: nothing higher to reach.
    AtTheTop,
    /// `explain --what-if`: nothing lower to reach.
    AtTheBottom,
    /// `explain --what-if`: no change set within the bound.
    NothingWithin,
    /// `explain --what-if`: the budget ran out before anything was found.
    BudgetRanOut,
    /// `explain --what-if`: the search stopped at its budget.
    Incomplete,
    /// `explain --what-if`: an indicator found present.
    Present,
    /// `explain --what-if`: an indicator found absent.
    Absent,
}

/// English (one, many), Bosnian, Croatian, Serbian in Latin script. Counts in the
/// South Slavic languages are written `word: n`, which needs no plural forms.
struct Forms {
    en: (&'static str, &'static str),
    bs: &'static str,
    hr: &'static str,
    sr: &'static str,
}

const fn same(en: &'static str, bs: &'static str) -> Forms {
    Forms { en: (en, en), bs, hr: bs, sr: bs }
}

fn forms(p: Phrase) -> Forms {
    use Phrase::*;
    match p {
        DueTitle => Forms {
            en: ("Open obligations as of {}", "Open obligations as of {}"),
            bs: "Otvorene obaveze na dan {}",
            hr: "Otvorene obveze na dan {}",
            sr: "Otvorene obaveze na dan {}",
        },
        CasesAssessed => Forms {
            en: ("{} case assessed", "{} cases assessed"),
            bs: "procijenjenih slučajeva: {}",
            hr: "procijenjenih slučajeva: {}",
            sr: "procijenjenih slučajeva: {}",
        },
        LinesRefused => Forms {
            en: ("{} line refused", "{} lines refused"),
            bs: "odbijenih redova: {}",
            hr: "odbijenih redaka: {}",
            sr: "odbijenih redova: {}",
        },
        NothingDue => Forms {
            en: ("Nothing pending or overdue.", "Nothing pending or overdue."),
            bs: "Nema otvorenih ni zakašnjelih obaveza.",
            hr: "Nema otvorenih ni zakašnjelih obveza.",
            sr: "Nema otvorenih ni zakašnjelih obaveza.",
        },
        Cases => {
            Forms { en: ("{} case", "{} cases"), bs: "slučajeva: {}", hr: "slučajeva: {}", sr: "slučajeva: {}" }
        }
        Changes => Forms {
            en: ("{} change", "{} changes"),
            bs: "promijenjenih: {}",
            hr: "promijenjenih: {}",
            sr: "promijenjenih: {}",
        },
        Unchanged => same("{} unchanged", "nepromijenjenih: {}"),
        RefusedByBoth => same("{} refused by both", "odbijenih po oba: {}"),
        Parameter => same("parameter {}", "parametar {}"),
        LevelTable => Forms {
            en: ("level (from → to)", "level (from → to)"),
            bs: "nivo (prije → poslije)",
            hr: "razina (prije → poslije)",
            sr: "nivo (prije → poslije)",
        },
        ClassificationTable => same("classification (from → to)", "klasifikacija (prije → poslije)"),
        ChangedCases => same("changed cases", "promijenjeni slučajevi"),
        BecauseOf => same("because of", "zbog"),
        Obligation => Forms { en: ("obligation", "obligation"), bs: "obaveza", hr: "obveza", sr: "obaveza" },
        Refused => same("refused", "odbijen"),
        Search => Forms {
            en: ("search: up to {} change", "search: up to {} changes"),
            bs: "pretraga: najviše izmjena: {}",
            hr: "pretraga: najviše izmjena: {}",
            sr: "pretraga: najviše izmjena: {}",
        },
        WouldRaise => Forms {
            en: ("would raise the level", "would raise the level"),
            bs: "podiglo bi nivo",
            hr: "podiglo bi razinu",
            sr: "podiglo bi nivo",
        },
        WouldLower => Forms {
            en: ("would lower the level", "would lower the level"),
            bs: "spustilo bi nivo",
            hr: "spustilo bi razinu",
            sr: "spustilo bi nivo",
        },
        AtTheTop => Forms {
            en: ("already at the highest level", "already at the highest level"),
            bs: "već je na najvišem nivou",
            hr: "već je na najvišoj razini",
            sr: "već je na najvišem nivou",
        },
        AtTheBottom => Forms {
            en: ("already at the lowest level", "already at the lowest level"),
            bs: "već je na najnižem nivou",
            hr: "već je na najnižoj razini",
            sr: "već je na najnižem nivou",
        },
        NothingWithin => Forms {
            en: ("nothing within {} change", "nothing within {} changes"),
            bs: "ništa uz najviše izmjena: {}",
            hr: "ništa uz najviše izmjena: {}",
            sr: "ništa uz najviše izmjena: {}",
        },
        BudgetRanOut => same(
            "nothing found before the search budget ran out",
            "ništa nije nađeno prije nego što je pretraga dosegla svoju granicu",
        ),
        Incomplete => same(
            "(the search stopped at its budget: not every pair of changes was tried)",
            "(pretraga je stala na svojoj granici: nisu isprobani svi parovi izmjena)",
        ),
        Present => same("present", "prisutno"),
        Absent => same("absent", "odsutno"),
    }
}

/// `phrase` in `lang`, with `args` in place of its `{}` marks; `count` chooses the
/// English form (one or many).
pub(crate) fn say(lang: Language, phrase: Phrase, count: usize, args: &[&str]) -> String {
    let f = forms(phrase);
    let template = match lang {
        Language::En => {
            if count == 1 {
                f.en.0
            } else {
                f.en.1
            }
        }
        Language::Bs => f.bs,
        Language::Hr => f.hr,
        Language::SrLatn => f.sr,
        // Transliterated before the arguments go in: they may be ids or times in Latin
        // letters, which stay as they are.
        Language::SrCyrl => return fill(&putokaz::latin_to_cyrillic(f.sr), args),
    };
    fill(template, args)
}

fn fill(template: &str, args: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut args = args.iter();
    let mut parts = template.split("{}");
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    for part in parts {
        out.push_str(args.next().copied().unwrap_or(""));
        out.push_str(part);
    }
    out
}

/// A count in `lang`: `phrase` with `n` in it.
pub(crate) fn count(lang: Language, phrase: Phrase, n: usize) -> String {
    say(lang, phrase, n, &[&n.to_string()])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_in_each_language() {
        assert_eq!(count(Language::En, Phrase::Changes, 1), "1 change");
        assert_eq!(count(Language::En, Phrase::Changes, 2), "2 changes");
        assert_eq!(count(Language::En, Phrase::Changes, 0), "0 changes");
        assert_eq!(count(Language::Bs, Phrase::Changes, 2), "promijenjenih: 2");
        assert_eq!(count(Language::Hr, Phrase::LinesRefused, 3), "odbijenih redaka: 3");
        assert_eq!(
            say(Language::SrCyrl, Phrase::DueTitle, 1, &["2026-03-06T12:00:00+01:00"]),
            "Отворене обавезе на дан 2026-03-06T12:00:00+01:00"
        );
    }

    #[test]
    fn every_phrase_has_every_language_and_its_marks() {
        for &p in Phrase::ALL {
            let f = forms(p);
            let marks = f.en.1.matches("{}").count();
            for t in [f.en.0, f.en.1, f.bs, f.hr, f.sr] {
                assert!(!t.is_empty(), "{p:?}");
                assert_eq!(t.matches("{}").count(), marks, "{p:?}: {t}");
            }
        }
    }
}
