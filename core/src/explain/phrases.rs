//! The engine's own words in each language it writes. Bosnian is the base table;
//! Croatian and Serbian (Latin script) are the Bosnian table with the words that differ;
//! Serbian in Cyrillic script is the Serbian Latin table transliterated
//! ([`crate::latin_to_cyrillic`]); English is its own table.

use crate::model::Language;
use std::sync::OnceLock;

/// Declares the phrase table once, generic over how its texts are held (`&'static str` in
/// the tables written here, `String` once derived), with a `map` over every text.
macro_rules! phrase_table {
    ($($(#[$doc:meta])* $field:ident: $ty:ident $([$n:literal])?,)*) => {
        /// The engine's words in one language.
        pub(crate) struct Table<S> {
            $($(#[$doc])* pub(crate) $field: phrase_table!(@ty S $([$n])?),)*
        }

        impl Table<&'static str> {
            fn map(&self, f: impl Fn(&str) -> String) -> Table<String> {
                Table { $($field: phrase_table!(@map self.$field, f $([$n])?),)* }
            }
        }
    };
    (@ty $s:ident [$n:literal]) => { [$s; $n] };
    (@ty $s:ident) => { $s };
    (@map $v:expr, $f:ident [$n:literal]) => { $v.map(|t| $f(t)) };
    (@map $v:expr, $f:ident) => { $f($v) };
}

phrase_table! {
    /// Indexed by `Level as usize`.
    level: S[5],
    /// Indexed by `Classification as usize`.
    class: S[3],
    /// Indexed by `ObligationStatus as usize`.
    status: S[5],
    /// Indexed by `ChildBasis as usize`.
    basis: S[6],
    case: S,
    as_of: S,
    level_word: S,
    established: S,
    could_reach: S,
    classification: S,
    child: S,
    yes: S,
    no: S,
    unknown: S,
    score: S,
    possible: S,
    why: S,
    dimension_positive: S,
    override_floor: S,
    score_term: S,
    discretionary: S,
    ask_next: S,
    if_present: S,
    if_absent: S,
    obligations: S,
    due: S,
    late_by: S,
    waiting_for: S,
    consent: S,
    settle_by: S,
    /// Names who provides what the actor arranges.
    provided_by: S,
    /// Introduces another form a duty may take (an exception that is unknown).
    form_possible: S,
    /// The heading of obligations that would apply if unrecorded indicators were recorded.
    could_arise: S,
    /// Said above the level when observations fall outside the covered profiles.
    outside_coverage: S,
    outside_coverage_advice: S,
    relied_on: S,
    warnings: S,
    disclaimer: S,
    none: S,
    /// The question put when the age of the person is unknown.
    ask_age: S,
    /// The question put when the citizenship of the person is unknown.
    ask_citizenship: S,
}

/// The phrases the engine writes in `lang`.
pub(crate) type Phrases = Table<String>;

/// The phrases of `lang`.
pub(crate) fn phrases(lang: Language) -> &'static Phrases {
    static TABLES: OnceLock<[Phrases; 5]> = OnceLock::new();
    let tables = TABLES.get_or_init(|| {
        let own = |t: &Table<&'static str>| t.map(str::to_owned);
        [own(&BS), own(&HR), own(&SR_LATN), SR_LATN.map(crate::latin_to_cyrillic), own(&EN)]
    });
    &tables[lang as usize]
}

const BS: Table<&str> = Table {
    level: ["nema", "nizak", "umjeren", "visok", "vrlo visok"],
    class: ["pretpostavljena žrtva", "u riziku", "nedovoljno indikatora"],
    status: ["ZAKAŠNJELO", "u toku", "ponuđeno", "zavisi od nepoznatog", "ispunjeno"],
    basis: [
        "dob iz datuma rođenja",
        "navedena dob",
        "procijenjeni raspon dobi",
        "pretpostavlja se da je dijete: raspon dobi seže ispod 18",
        "pretpostavlja se da je dijete: postoje razlozi da se vjeruje da je osoba dijete",
        "dob nepoznata",
    ],
    case: "Slučaj",
    as_of: "na dan",
    level_word: "Nivo",
    established: "utvrđeno",
    could_reach: "može biti i",
    classification: "Klasifikacija",
    child: "Dijete",
    yes: "da",
    no: "ne",
    unknown: "nepoznato",
    score: "Bodovi",
    possible: "mogući raspon",
    why: "Zašto",
    dimension_positive: "dimenzija pozitivna",
    override_floor: "pravilo politike, nivo najmanje",
    score_term: "bod(ova)",
    discretionary: "diskreciono odstupanje",
    ask_next: "Šta sljedeće pitati",
    if_present: "ako postoji",
    if_absent: "ako ne postoji",
    obligations: "Obaveze",
    due: "rok",
    late_by: "kašnjenje",
    waiting_for: "počinje od",
    consent: "potrebna saglasnost",
    settle_by: "zavisi od",
    provided_by: "pruža",
    form_possible: "drugi oblik",
    could_arise: "Primjenjivalo bi se i kad bi bilo zabilježeno",
    outside_coverage: "Izvan profila koje ovaj paket procjenjuje",
    outside_coverage_advice: "nivo i klasifikacija to ne procjenjuju; uputiti na specijaliziranu procjenu",
    relied_on: "Oslanja se na sadržaj koji još nije potvrđen",
    warnings: "Upozorenja",
    disclaimer: "Rezultat probira, ne identifikacija: žrtvu identifikuje samo nadležni organ.",
    none: "nema",
    ask_age: "Dob: da li je osoba mlađa od 18 godina?",
    ask_citizenship: "Državljanstvo: da li je osoba strani državljanin?",
};

const HR: Table<&str> = Table {
    level: ["nema", "niska", "umjerena", "visoka", "vrlo visoka"],
    status: ["ZAKAŠNJELO", "u tijeku", "ponuđeno", "ovisi o nepoznatom", "ispunjeno"],
    basis: [
        "dob prema datumu rođenja",
        "navedena dob",
        "procijenjeni raspon dobi",
        "pretpostavlja se da je dijete: raspon dobi seže ispod 18",
        "pretpostavlja se da je dijete: postoje razlozi za vjerovanje da je osoba dijete",
        "dob nepoznata",
    ],
    level_word: "Razina",
    override_floor: "pravilo politike, razina najmanje",
    discretionary: "diskrecijsko odstupanje",
    ask_next: "Što sljedeće pitati",
    obligations: "Obveze",
    consent: "potrebna suglasnost",
    settle_by: "ovisi o",
    could_arise: "Primjenjivalo bi se i kad bi bilo zabilježeno",
    outside_coverage_advice: "razina i klasifikacija to ne procjenjuju; uputiti na specijaliziranu procjenu",
    disclaimer: "Rezultat probira, a ne identifikacija: žrtvu identificira samo nadležno tijelo.",
    ask_age: "Dob: je li osoba mlađa od 18 godina?",
    ask_citizenship: "Državljanstvo: je li osoba strani državljanin?",
    ..BS
};

const SR_LATN: Table<&str> = Table {
    level: ["nema", "nizak", "umjeren", "visok", "veoma visok"],
    status: ["ROK PREKORAČEN", "u toku", "ponuđeno", "zavisi od nepoznatog", "ispunjeno"],
    basis: [
        "starost prema datumu rođenja",
        "navedena starost",
        "procijenjeni raspon starosti",
        "pretpostavlja se da je dijete: raspon starosti seže ispod 18",
        "pretpostavlja se da je dijete: postoje razlozi da se vjeruje da je osoba dijete",
        "starost nepoznata",
    ],
    disclaimer: "Rezultat početne procjene, a ne identifikacija: žrtvu identifikuje samo nadležni organ.",
    outside_coverage_advice: "nivo i klasifikacija to ne procjenjuju; uputiti na specijalizovanu procjenu",
    ask_age: "Starost: da li je osoba mlađa od 18 godina?",
    ..BS
};

const EN: Table<&str> = Table {
    level: ["none", "low", "moderate", "high", "very high"],
    class: ["presumed victim", "at risk", "insufficient indicators"],
    status: ["OVERDUE", "pending", "offered", "depends on unknown", "met"],
    basis: [
        "age from the birth date",
        "stated age",
        "estimated age range",
        "presumed a child: the age range reaches below 18",
        "presumed a child: there are reasons to believe the person is a child",
        "age unknown",
    ],
    case: "Case",
    as_of: "as of",
    level_word: "Level",
    established: "established",
    could_reach: "could still be",
    classification: "Classification",
    child: "Child",
    yes: "yes",
    no: "no",
    unknown: "unknown",
    score: "Score",
    possible: "possible",
    why: "Why",
    dimension_positive: "dimension positive",
    override_floor: "policy override, level at least",
    score_term: "points",
    discretionary: "discretionary override",
    ask_next: "What to ask next",
    if_present: "if present",
    if_absent: "if absent",
    obligations: "Obligations",
    due: "due",
    late_by: "late by",
    waiting_for: "starts at",
    consent: "needs consent",
    settle_by: "settled by",
    provided_by: "provided by",
    form_possible: "another form",
    could_arise: "Would also apply if recorded",
    outside_coverage: "Outside the profiles this pack assesses",
    outside_coverage_advice: "the level and the classification do not assess it; refer for a specialised assessment",
    relied_on: "Relies on content not yet verified",
    warnings: "Warnings",
    disclaimer: "A screening result, not an identification: only the competent authority identifies a victim.",
    none: "none",
    ask_age: "Age: is the person under 18?",
    ask_citizenship: "Citizenship: is the person a foreign citizen?",
};
