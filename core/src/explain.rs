//! Words: labels in the requested language (with a visible fallback) and the rendered
//! text of an assessment. Nothing here decides anything; it only says what was decided.

use crate::assessment::{Assessment, ObligationStatus};
use crate::model::{Labels, Level};
use crate::value::Tri;
use std::fmt::Write;

/// The languages the engine can write its own sentences in: Bosnian, Croatian, Serbian
/// (Latin and Cyrillic script) and English.
pub const LANGUAGES: [&str; 5] = ["bs", "hr", "sr-Latn", "sr-Cyrl", "en"];

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
pub fn label(labels: &Labels, lang: &str, id: &str) -> String {
    if let Some(l) = labels.get(lang) {
        return l.clone();
    }
    for fallback in fallbacks(lang).iter().copied().chain(labels.keys().map(String::as_str)) {
        if let Some(l) = labels.get(fallback) {
            return format!("[{fallback}] {l}");
        }
    }
    id.to_owned()
}

/// The engine's own words in one language.
pub(crate) struct Phrases {
    /// Indexed by `Level as usize`, `Classification as usize`, `ObligationStatus as usize`
    /// and `ChildBasis as usize` (declaration order).
    level: [&'static str; 5],
    class: [&'static str; 3],
    status: [&'static str; 5],
    basis: [&'static str; 6],
    case: &'static str,
    as_of: &'static str,
    level_word: &'static str,
    established: &'static str,
    could_reach: &'static str,
    classification: &'static str,
    child: &'static str,
    yes: &'static str,
    no: &'static str,
    unknown: &'static str,
    score: &'static str,
    possible: &'static str,
    why: &'static str,
    dimension_positive: &'static str,
    override_floor: &'static str,
    score_term: &'static str,
    discretionary: &'static str,
    ask_next: &'static str,
    if_present: &'static str,
    if_absent: &'static str,
    obligations: &'static str,
    due: &'static str,
    late_by: &'static str,
    waiting_for: &'static str,
    consent: &'static str,
    settle_by: &'static str,
    relied_on: &'static str,
    warnings: &'static str,
    disclaimer: &'static str,
    none: &'static str,
    /// The question put when the age of the person is unknown.
    pub(crate) ask_age: &'static str,
    /// The question put when the citizenship of the person is unknown.
    pub(crate) ask_citizenship: &'static str,
}

/// The phrases of `lang`; Bosnian for a language the engine does not write.
pub(crate) fn phrases(lang: &str) -> &'static Phrases {
    match lang {
        "en" => &EN,
        "hr" => &HR,
        "sr-Latn" => &SR_LATN,
        "sr-Cyrl" => &SR_CYRL,
        _ => &BS,
    }
}

static EN: Phrases = Phrases {
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
    relied_on: "Relies on content not yet verified",
    warnings: "Warnings",
    disclaimer: "A screening result, not an identification: only the competent authority identifies a victim.",
    none: "none",
    ask_age: "Age: is the person under 18?",
    ask_citizenship: "Citizenship: is the person a foreign citizen?",
};

static BS: Phrases = Phrases {
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
    relied_on: "Oslanja se na sadržaj koji još nije potvrđen",
    warnings: "Upozorenja",
    disclaimer: "Rezultat probira, ne identifikacija: žrtvu identifikuje samo nadležni organ.",
    none: "nema",
    ask_age: "Dob: da li je osoba mlađa od 18 godina?",
    ask_citizenship: "Državljanstvo: da li je osoba strani državljanin?",
};

static HR: Phrases = Phrases {
    level: ["nema", "niska", "umjerena", "visoka", "vrlo visoka"],
    class: ["pretpostavljena žrtva", "u riziku", "nedovoljno indikatora"],
    status: ["ZAKAŠNJELO", "u tijeku", "ponuđeno", "ovisi o nepoznatom", "ispunjeno"],
    basis: [
        "dob prema datumu rođenja",
        "navedena dob",
        "procijenjeni raspon dobi",
        "pretpostavlja se da je dijete: raspon dobi seže ispod 18",
        "pretpostavlja se da je dijete: postoje razlozi za vjerovanje da je osoba dijete",
        "dob nepoznata",
    ],
    case: "Slučaj",
    as_of: "na dan",
    level_word: "Razina",
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
    override_floor: "pravilo politike, razina najmanje",
    score_term: "bod(ova)",
    discretionary: "diskrecijsko odstupanje",
    ask_next: "Što sljedeće pitati",
    if_present: "ako postoji",
    if_absent: "ako ne postoji",
    obligations: "Obveze",
    due: "rok",
    late_by: "kašnjenje",
    waiting_for: "počinje od",
    consent: "potrebna suglasnost",
    settle_by: "ovisi o",
    relied_on: "Oslanja se na sadržaj koji još nije potvrđen",
    warnings: "Upozorenja",
    disclaimer: "Rezultat probira, a ne identifikacija: žrtvu identificira samo nadležno tijelo.",
    none: "nema",
    ask_age: "Dob: je li osoba mlađa od 18 godina?",
    ask_citizenship: "Državljanstvo: je li osoba strani državljanin?",
};

static SR_LATN: Phrases = Phrases {
    level: ["nema", "nizak", "umjeren", "visok", "veoma visok"],
    class: ["pretpostavljena žrtva", "u riziku", "nedovoljno indikatora"],
    status: ["ROK PREKORAČEN", "u toku", "ponuđeno", "zavisi od nepoznatog", "ispunjeno"],
    basis: [
        "starost prema datumu rođenja",
        "navedena starost",
        "procijenjeni raspon starosti",
        "pretpostavlja se da je dijete: raspon starosti seže ispod 18",
        "pretpostavlja se da je dijete: postoje razlozi da se vjeruje da je osoba dijete",
        "starost nepoznata",
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
    relied_on: "Oslanja se na sadržaj koji još nije potvrđen",
    warnings: "Upozorenja",
    disclaimer: "Rezultat početne procjene, a ne identifikacija: žrtvu identifikuje samo nadležni organ.",
    none: "nema",
    ask_age: "Starost: da li je osoba mlađa od 18 godina?",
    ask_citizenship: "Državljanstvo: da li je osoba strani državljanin?",
};

/// The Serbian Latin table in Cyrillic script (core/protocols/tools/translit.py; a test
/// checks that the two agree).
static SR_CYRL: Phrases = Phrases {
    level: ["нема", "низак", "умјерен", "висок", "веома висок"],
    class: ["претпостављена жртва", "у ризику", "недовољно индикатора"],
    status: ["РОК ПРЕКОРАЧЕН", "у току", "понуђено", "зависи од непознатог", "испуњено"],
    basis: [
        "старост према датуму рођења",
        "наведена старост",
        "процијењени распон старости",
        "претпоставља се да је дијете: распон старости сеже испод 18",
        "претпоставља се да је дијете: постоје разлози да се вјерује да је особа дијете",
        "старост непозната",
    ],
    case: "Случај",
    as_of: "на дан",
    level_word: "Ниво",
    established: "утврђено",
    could_reach: "може бити и",
    classification: "Класификација",
    child: "Дијете",
    yes: "да",
    no: "не",
    unknown: "непознато",
    score: "Бодови",
    possible: "могући распон",
    why: "Зашто",
    dimension_positive: "димензија позитивна",
    override_floor: "правило политике, ниво најмање",
    score_term: "бод(ова)",
    discretionary: "дискреционо одступање",
    ask_next: "Шта сљедеће питати",
    if_present: "ако постоји",
    if_absent: "ако не постоји",
    obligations: "Обавезе",
    due: "рок",
    late_by: "кашњење",
    waiting_for: "почиње од",
    consent: "потребна сагласност",
    settle_by: "зависи од",
    relied_on: "Ослања се на садржај који још није потврђен",
    warnings: "Упозорења",
    disclaimer: "Резултат почетне процјене, а не идентификација: жртву идентификује само надлежни орган.",
    none: "нема",
    ask_age: "Старост: да ли је особа млађа од 18 година?",
    ask_citizenship: "Држављанство: да ли је особа страни држављанин?",
};

fn tri(p: &Phrases, t: Tri) -> &'static str {
    match t {
        Tri::True => p.yes,
        Tri::False => p.no,
        Tri::Unknown => p.unknown,
    }
}

/// "2 d 3 h" style text for a number of seconds.
fn span_text(seconds: i64) -> String {
    let (d, h, m) = (seconds / 86_400, (seconds % 86_400) / 3600, (seconds % 3600) / 60);
    match (d, h) {
        (0, 0) => format!("{m} min"),
        (0, _) => format!("{h} h {m} min"),
        _ => format!("{d} d {h} h"),
    }
}

/// The assessment in words. `why` lines come from the parts of the assessment itself.
pub(crate) fn render(
    a: &Assessment,
    level_labels: &[(String, Level)],
    term_lines: &[String],
    class_rule: Option<&str>,
) -> String {
    let p = phrases(&a.language);
    let mut s = String::new();
    let _ =
        writeln!(s, "{} {} — {} {} — {} {}", p.case, a.case_id, a.protocol.id, a.protocol.version, p.as_of, a.as_of);
    let _ = write!(s, "{}: {} ({})", p.level_word, p.level[a.level.value as usize].to_uppercase(), p.established);
    if !a.level.settled {
        let others: Vec<&str> = crate::model::Level::ALL
            .iter()
            .filter(|l| **l >= a.level.possible.min && **l <= a.level.possible.max && **l != a.level.value)
            .map(|l| p.level[*l as usize])
            .collect();
        let _ = write!(s, "; {} {}", p.could_reach, others.join(", "));
    }
    let _ = writeln!(s);
    let _ = write!(s, "{}: {}", p.classification, p.class[a.classification.value as usize]);
    if let Some(rule) = class_rule {
        let _ = write!(s, " — {rule}");
    }
    if !a.classification.settled {
        let others: Vec<&str> = a
            .classification
            .possible
            .iter()
            .filter(|c| **c != a.classification.value)
            .map(|c| p.class[*c as usize])
            .collect();
        let _ = write!(s, "; {} {}", p.could_reach, others.join(", "));
    }
    let _ = writeln!(s);
    let _ = writeln!(s, "{}: {} ({})", p.child, tri(p, a.subject.is_child), p.basis[a.subject.child_basis as usize]);
    let _ = writeln!(
        s,
        "{}: {} ({} {}–{})",
        p.score, a.score.value, p.possible, a.score.possible.min, a.score.possible.max
    );

    let mut why = Vec::new();
    for d in a.dimensions.iter().filter(|d| d.positive == Tri::True) {
        why.push(format!("{} — {}: {}", d.label, p.dimension_positive, d.evidence.join(", ")));
    }
    for line in term_lines {
        why.push(format!("{line} {}", p.score_term));
    }
    for (label, floor) in level_labels {
        why.push(format!("{label} — {} {}", p.override_floor, p.level[*floor as usize]));
    }
    if let Some(d) = &a.level.discretionary {
        why.push(format!("{}: {:?} — {}", p.discretionary, d.direction, d.reason).to_lowercase());
    }
    let _ = writeln!(s, "{}:", p.why);
    if why.is_empty() {
        let _ = writeln!(s, "  - {}", p.none);
    }
    for w in why {
        let _ = writeln!(s, "  - {w}");
    }
    if !a.unknowns.is_empty() {
        let _ = writeln!(s, "{}:", p.ask_next);
        for (i, u) in a.unknowns.iter().enumerate() {
            let _ = writeln!(
                s,
                "  {}. {} [{}] — {}: {} / {}; {}: {} / {}",
                i + 1,
                u.label,
                u.input,
                p.if_present,
                p.level[u.if_present.level as usize],
                p.class[u.if_present.classification as usize],
                p.if_absent,
                p.level[u.if_absent.level as usize],
                p.class[u.if_absent.classification as usize],
            );
        }
    }
    if !a.obligations.is_empty() {
        let _ = writeln!(s, "{}:", p.obligations);
        for o in &a.obligations {
            let actor = o.actor.institution.clone().unwrap_or_else(|| o.actor.role.clone());
            let recipient = o.recipient.institution.clone().unwrap_or_else(|| o.recipient.role.clone());
            let mut line = format!("  [{}] {} — {} → {}", p.status[o.status as usize], o.label, actor, recipient);
            match (&o.due, &o.anchor_at) {
                (Some(due), _) => line.push_str(&format!("; {} {} ({})", p.due, due, o.due_rule)),
                (None, None) => line.push_str(&format!("; {} {}", p.waiting_for, o.anchor)),
                _ => {}
            }
            if let Some(late) = o.late_seconds {
                line.push_str(&format!("; {} {}", p.late_by, span_text(late)));
            }
            if let Some(k) = &o.consent {
                if o.status == ObligationStatus::Offered {
                    line.push_str(&format!("; {}: {}", p.consent, k.scope));
                }
            }
            if !o.depends_on.is_empty() {
                line.push_str(&format!("; {}: {}", p.settle_by, o.depends_on.join(", ")));
            }
            let _ = writeln!(s, "{line}");
        }
    }
    if !a.relied_on.is_empty() {
        let mut by_status: Vec<(String, usize)> = Vec::new();
        for r in &a.relied_on {
            let k = r.status.as_str().to_owned();
            match by_status.iter_mut().find(|(s, _)| *s == k) {
                Some(e) => e.1 += 1,
                None => by_status.push((k, 1)),
            }
        }
        let parts: Vec<String> = by_status.iter().map(|(k, n)| format!("{k} {n}")).collect();
        let _ = writeln!(s, "{}: {}", p.relied_on, parts.join(", "));
    }
    if !a.warnings.is_empty() {
        let _ = writeln!(s, "{}:", p.warnings);
        for w in &a.warnings {
            let _ = writeln!(s, "  - {}", w.message);
        }
    }
    let _ = write!(s, "{}", p.disclaimer);
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bind::ChildBasis;
    use crate::model::Classification;

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

    /// Every sentence of a table, in a fixed order.
    fn all_phrases(p: &Phrases) -> Vec<&'static str> {
        let mut v: Vec<&'static str> = Level::ALL.iter().map(|l| p.level[*l as usize]).collect();
        v.extend(Classification::ALL.iter().map(|c| p.class[*c as usize]));
        v.extend(
            [
                ObligationStatus::Overdue,
                ObligationStatus::Pending,
                ObligationStatus::Offered,
                ObligationStatus::DependsOnUnknown,
                ObligationStatus::Met,
            ]
            .iter()
            .map(|s| p.status[*s as usize]),
        );
        v.extend(
            [
                ChildBasis::BirthDate,
                ChildBasis::StatedAge,
                ChildBasis::AgeRange,
                ChildBasis::PresumedMinorAgeRange,
                ChildBasis::PresumedMinorAppearance,
                ChildBasis::Unknown,
            ]
            .iter()
            .map(|b| p.basis[*b as usize]),
        );
        v.extend([
            p.case,
            p.as_of,
            p.level_word,
            p.established,
            p.could_reach,
            p.classification,
            p.child,
            p.yes,
            p.no,
            p.unknown,
            p.score,
            p.possible,
            p.why,
            p.dimension_positive,
            p.override_floor,
            p.score_term,
            p.discretionary,
            p.ask_next,
            p.if_present,
            p.if_absent,
            p.obligations,
            p.due,
            p.late_by,
            p.waiting_for,
            p.consent,
            p.settle_by,
            p.relied_on,
            p.warnings,
            p.disclaimer,
            p.none,
            p.ask_age,
            p.ask_citizenship,
        ]);
        v
    }

    /// Serbian Latin to Cyrillic, as core/protocols/tools/translit.py does it (the
    /// phrases hold no word in which lj, nj or dž are two letters).
    fn to_cyrillic(latin: &str) -> String {
        const ONE: [(char, char); 27] = [
            ('a', 'а'),
            ('b', 'б'),
            ('c', 'ц'),
            ('č', 'ч'),
            ('ć', 'ћ'),
            ('d', 'д'),
            ('đ', 'ђ'),
            ('e', 'е'),
            ('f', 'ф'),
            ('g', 'г'),
            ('h', 'х'),
            ('i', 'и'),
            ('j', 'ј'),
            ('k', 'к'),
            ('l', 'л'),
            ('m', 'м'),
            ('n', 'н'),
            ('o', 'о'),
            ('p', 'п'),
            ('r', 'р'),
            ('s', 'с'),
            ('š', 'ш'),
            ('t', 'т'),
            ('u', 'у'),
            ('v', 'в'),
            ('z', 'з'),
            ('ž', 'ж'),
        ];
        let case = |upper: bool, c: char| if upper { c.to_uppercase().next().unwrap_or(c) } else { c };
        let chars: Vec<char> = latin.chars().collect();
        let mut out = String::new();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            let lower = c.to_lowercase().next().unwrap_or(c);
            let next = chars.get(i + 1).map(|n| n.to_lowercase().next().unwrap_or(*n));
            let digraph = match (lower, next) {
                ('l', Some('j')) => Some('љ'),
                ('n', Some('j')) => Some('њ'),
                ('d', Some('ž')) => Some('џ'),
                _ => None,
            };
            if let Some(d) = digraph {
                out.push(case(c.is_uppercase(), d));
                i += 2;
                continue;
            }
            match ONE.iter().find(|(l, _)| *l == lower) {
                Some((_, cyr)) => out.push(case(c.is_uppercase(), *cyr)),
                None => out.push(c),
            }
            i += 1;
        }
        out
    }

    #[test]
    fn every_language_has_its_own_table() {
        for lang in LANGUAGES {
            let p = phrases(lang);
            assert!(all_phrases(p).iter().all(|s| !s.is_empty()), "{lang}: an empty phrase");
        }
        assert_eq!(phrases("hr").level_word, "Razina");
        assert_eq!(phrases("hr").obligations, "Obveze");
        assert_eq!(phrases("sr-Latn").ask_next, "Šta sljedeće pitati");
        assert_eq!(phrases("sr-Cyrl").ask_next, "Шта сљедеће питати");
        assert_eq!(phrases("en").ask_age, "Age: is the person under 18?");
        assert_eq!(phrases("bs").ask_age, "Dob: da li je osoba mlađa od 18 godina?");
        // A language the engine does not write gets Bosnian.
        assert_eq!(phrases("de").case, phrases("bs").case);
        let tables: Vec<Vec<&str>> = LANGUAGES.iter().map(|l| all_phrases(phrases(l))).collect();
        for (i, a) in tables.iter().enumerate() {
            for b in &tables[i + 1..] {
                assert_ne!(a, b, "two languages share one table");
            }
        }
    }

    #[test]
    fn serbian_cyrillic_is_the_serbian_latin_table_transliterated() {
        let latin = all_phrases(phrases("sr-Latn"));
        let cyrillic = all_phrases(phrases("sr-Cyrl"));
        assert_eq!(latin.len(), cyrillic.len());
        for (l, c) in latin.iter().zip(&cyrillic) {
            assert_eq!(to_cyrillic(l), *c, "sr-Cyrl is not the transliteration of {l:?}");
            assert!(!c.chars().any(|ch| ch.is_ascii_alphabetic()), "Latin letters left in {c:?}");
        }
        assert_eq!(to_cyrillic("Ljubljana, NJEGOŠ, Džep"), "Љубљана, ЊЕГОШ, Џеп");
    }

    #[test]
    fn spans_read_naturally() {
        assert_eq!(span_text(93_600), "1 d 2 h");
        assert_eq!(span_text(4_000), "1 h 6 min");
        assert_eq!(span_text(59), "0 min");
    }
}
