//! Words: labels in the requested language (with a visible fallback) and the rendered
//! text of an assessment. Nothing here decides anything; it only says what was decided.

use crate::assessment::{Assessment, ObligationStatus};
use crate::bind::ChildBasis;
use crate::model::{Classification, Labels, Level};
use crate::value::Tri;
use std::fmt::Write;

/// The languages the engine can write its own sentences in.
pub const LANGUAGES: [&str; 2] = ["bs", "en"];

/// A label in `lang`; otherwise the first other language, marked `[xx]` so the gap is
/// visible; otherwise the id.
pub fn label(labels: &Labels, lang: &str, id: &str) -> String {
    if let Some(l) = labels.get(lang) {
        return l.clone();
    }
    for fallback in ["bs", "en"].iter().chain(labels.keys().map(String::as_str).collect::<Vec<_>>().iter()) {
        if let Some(l) = labels.get(*fallback) {
            return format!("[{fallback}] {l}");
        }
    }
    id.to_owned()
}

struct Phrases {
    level: fn(Level) -> &'static str,
    class: fn(Classification) -> &'static str,
    status: fn(ObligationStatus) -> &'static str,
    basis: fn(ChildBasis) -> &'static str,
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
}

fn phrases(lang: &str) -> &'static Phrases {
    match lang {
        "en" => &EN,
        _ => &BS,
    }
}

static EN: Phrases = Phrases {
    level: |l| match l {
        Level::None => "none",
        Level::Low => "low",
        Level::Moderate => "moderate",
        Level::High => "high",
        Level::VeryHigh => "very high",
    },
    class: |c| match c {
        Classification::PresumedVictim => "presumed victim",
        Classification::AtRisk => "at risk",
        Classification::InsufficientIndicators => "insufficient indicators",
    },
    status: |s| match s {
        ObligationStatus::Overdue => "OVERDUE",
        ObligationStatus::Pending => "pending",
        ObligationStatus::Offered => "offered",
        ObligationStatus::DependsOnUnknown => "depends on unknown",
        ObligationStatus::Met => "met",
    },
    basis: |b| match b {
        ChildBasis::BirthDate => "age from the birth date",
        ChildBasis::StatedAge => "stated age",
        ChildBasis::AgeRange => "estimated age range",
        ChildBasis::PresumedMinorAgeRange => "presumed a child: the age range reaches below 18",
        ChildBasis::PresumedMinorAppearance => "presumed a child: there are reasons to believe the person is a child",
        ChildBasis::Unknown => "age unknown",
    },
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
};

static BS: Phrases = Phrases {
    level: |l| match l {
        Level::None => "nema",
        Level::Low => "nizak",
        Level::Moderate => "umjeren",
        Level::High => "visok",
        Level::VeryHigh => "vrlo visok",
    },
    class: |c| match c {
        Classification::PresumedVictim => "pretpostavljena žrtva",
        Classification::AtRisk => "u riziku",
        Classification::InsufficientIndicators => "nedovoljno indikatora",
    },
    status: |s| match s {
        ObligationStatus::Overdue => "ZAKAŠNJELO",
        ObligationStatus::Pending => "u toku",
        ObligationStatus::Offered => "ponuđeno",
        ObligationStatus::DependsOnUnknown => "zavisi od nepoznatog",
        ObligationStatus::Met => "ispunjeno",
    },
    basis: |b| match b {
        ChildBasis::BirthDate => "dob iz datuma rođenja",
        ChildBasis::StatedAge => "navedena dob",
        ChildBasis::AgeRange => "procijenjeni raspon dobi",
        ChildBasis::PresumedMinorAgeRange => "pretpostavlja se da je dijete: raspon dobi seže ispod 18",
        ChildBasis::PresumedMinorAppearance => {
            "pretpostavlja se da je dijete: postoje razlozi da se vjeruje da je osoba dijete"
        }
        ChildBasis::Unknown => "dob nepoznata",
    },
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
    let _ = write!(s, "{}: {} ({})", p.level_word, (p.level)(a.level.value).to_uppercase(), p.established);
    if !a.level.settled {
        let others: Vec<&str> = crate::model::Level::ALL
            .iter()
            .filter(|l| **l >= a.level.possible.min && **l <= a.level.possible.max && **l != a.level.value)
            .map(|l| (p.level)(*l))
            .collect();
        let _ = write!(s, "; {} {}", p.could_reach, others.join(", "));
    }
    let _ = writeln!(s);
    let _ = write!(s, "{}: {}", p.classification, (p.class)(a.classification.value));
    if let Some(rule) = class_rule {
        let _ = write!(s, " — {rule}");
    }
    if !a.classification.settled {
        let others: Vec<&str> =
            a.classification.possible.iter().filter(|c| **c != a.classification.value).map(|c| (p.class)(*c)).collect();
        let _ = write!(s, "; {} {}", p.could_reach, others.join(", "));
    }
    let _ = writeln!(s);
    let _ = writeln!(s, "{}: {} ({})", p.child, tri(p, a.subject.is_child), (p.basis)(a.subject.child_basis));
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
        why.push(format!("{label} — {} {}", p.override_floor, (p.level)(*floor)));
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
                (p.level)(u.if_present.level),
                (p.class)(u.if_present.classification),
                p.if_absent,
                (p.level)(u.if_absent.level),
                (p.class)(u.if_absent.classification),
            );
        }
    }
    if !a.obligations.is_empty() {
        let _ = writeln!(s, "{}:", p.obligations);
        for o in &a.obligations {
            let actor = o.actor.institution.clone().unwrap_or_else(|| o.actor.role.clone());
            let recipient = o.recipient.institution.clone().unwrap_or_else(|| o.recipient.role.clone());
            let mut line = format!("  [{}] {} — {} → {}", (p.status)(o.status), o.label, actor, recipient);
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

    #[test]
    fn labels_fall_back_visibly() {
        let mut l = Labels::new();
        l.insert("bs".into(), "Prosjačenje".into());
        assert_eq!(label(&l, "bs", "x"), "Prosjačenje");
        assert_eq!(label(&l, "en", "x"), "[bs] Prosjačenje");
        assert_eq!(label(&Labels::new(), "en", "x"), "x");
    }

    #[test]
    fn spans_read_naturally() {
        assert_eq!(span_text(93_600), "1 d 2 h");
        assert_eq!(span_text(4_000), "1 h 6 min");
        assert_eq!(span_text(59), "0 min");
    }
}
