//! The rendered text of an assessment, in its language.

use super::{label, phrases, Phrases};
use crate::assessment::{Assessment, ContributionKind, ObligationFinding, ObligationStatus};
use crate::model::{Language, Level};
use crate::protocol::Compiled;
use crate::value::Tri;
use std::fmt::Write;

fn tri(p: &Phrases, t: Tri) -> &str {
    match t {
        Tri::True => &p.yes,
        Tri::False => &p.no,
        Tri::Unknown => &p.unknown,
    }
}

/// "2 d 3 h" style text for a number of seconds.
pub(crate) fn span_text(seconds: i64) -> String {
    let (d, h, m) = (seconds / 86_400, (seconds % 86_400) / 3600, (seconds % 3600) / 60);
    match (d, h) {
        (0, 0) => format!("{m} min"),
        (0, _) => format!("{h} h {m} min"),
        _ => format!("{d} d {h} h"),
    }
}

/// Text that came from a case, made safe to print on a line: control characters (a line
/// break, an escape sequence that clears a terminal) are written as `\u{..}` escapes, so
/// a case id cannot forge a line of the assessment.
pub(crate) fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The assessment in words. Every line comes from the assessment itself; the protocol
/// gives the labels of the indicators named as evidence. `class_rule` is the label of the
/// classification rule that holds.
pub(crate) fn render(a: &Assessment, c: &Compiled, class_rule: Option<&str>) -> String {
    let p = phrases(a.language);
    let lang = a.language.as_str();
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{} {} — {} {} — {} {}",
        p.case,
        printable(&a.case_id),
        a.protocol.id,
        a.protocol.version,
        p.as_of,
        a.as_of
    );
    if !a.level.outside_coverage.is_empty() {
        let _ = writeln!(
            s,
            "{} ({}): {}",
            p.outside_coverage,
            a.level.outside_coverage.join(", "),
            p.outside_coverage_advice
        );
    }
    let _ = write!(s, "{}: {} ({})", p.level_word, p.level[a.level.value as usize].to_uppercase(), p.established);
    if !a.level.settled {
        let others: Vec<&str> = Level::ALL
            .iter()
            .filter(|l| **l >= a.level.possible.min && **l <= a.level.possible.max && **l != a.level.value)
            .map(|l| p.level[*l as usize].as_str())
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
            .map(|c| p.class[*c as usize].as_str())
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
    let _ = writeln!(s, "{}:", p.why);
    let why = why(a, c, p, lang);
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
                u.inputs.join(", "),
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
            let _ = writeln!(s, "  {}", obligation_line(o, p));
            for f in &o.forms_possible {
                let when = match &f.due {
                    Some(due) => format!("{} {due}", p.due),
                    None => format!("{} {}", p.waiting_for, f.anchor),
                };
                let _ = writeln!(
                    s,
                    "      {} ({}, {}: {}): [{}] {}; {when}",
                    p.form_possible,
                    f.exception,
                    p.settle_by,
                    f.depends_on.join(", "),
                    p.status[f.status as usize],
                    party(&f.actor)
                );
            }
        }
    }
    if !a.could_arise.is_empty() {
        let _ = writeln!(s, "{}:", p.could_arise);
        // One line per set of indicators: what recording them could add.
        let mut lines: Vec<(String, Vec<&str>)> = Vec::new();
        for x in &a.could_arise {
            let inputs = x.if_recorded.join(", ");
            match lines.iter_mut().find(|(k, _)| *k == inputs) {
                Some((_, labels)) => labels.push(&x.label),
                None => lines.push((inputs, vec![&x.label])),
            }
        }
        for (inputs, labels) in lines {
            let _ = writeln!(s, "  - [{inputs}]: {}", labels.join("; "));
        }
    }
    if !a.relied_on.is_empty() {
        let mut by_status: Vec<(&str, usize)> = Vec::new();
        for r in &a.relied_on {
            let k = r.status.as_str();
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

/// One obligation as the text writes it: `[status] label — actor → recipient; due …`.
fn obligation_line(o: &ObligationFinding, p: &Phrases) -> String {
    let mut line =
        format!("[{}] {} — {} → {}", p.status[o.status as usize], o.label, party(&o.actor), party(&o.recipient));
    if let Some(provider) = &o.provider {
        let _ = write!(line, "; {} {}", p.provided_by, party(provider));
    }
    match (&o.due, &o.anchor_at) {
        (Some(due), _) => {
            let rule = o.due_rule.map_or_else(|| p.unknown.clone(), |r| r.to_string());
            let _ = write!(line, "; {} {} ({})", p.due, due, rule);
        }
        (None, None) => {
            let _ = write!(line, "; {} {}", p.waiting_for, o.anchor);
        }
        _ => {}
    }
    if let Some(late) = o.late_seconds {
        let _ = write!(line, "; {} {}", p.late_by, span_text(late));
    }
    if let Some(k) = &o.consent {
        if o.status == ObligationStatus::Offered {
            let _ = write!(line, "; {}: {}", p.consent, k.scope);
        }
    }
    if !o.depends_on.is_empty() {
        let _ = write!(line, "; {}: {}", p.settle_by, o.depends_on.join(", "));
    }
    line
}

impl ObligationFinding {
    /// The obligation in words, as one line of the assessment's text writes it, in
    /// `language` (its label stays in the language it was assessed in):
    /// `[OVERDUE] Notify the police — School → MUP …; due 2026-03-03T08:40:00+01:00 (24h);
    /// late by 3 d 3 h`. For front ends that lay out obligations of many cases.
    pub fn summary(&self, language: Language) -> String {
        obligation_line(self, phrases(language))
    }
}

/// A party as a line names it: the institution (or the role), marked with its status
/// when that is not `verified`.
fn party(x: &crate::assessment::Party) -> String {
    let name = x.institution.as_deref().unwrap_or(&x.role);
    match x.status {
        Some(s) if s != crate::model::SourceStatus::Verified => format!("{name} ({})", s.as_str()),
        _ => name.to_owned(),
    }
}

/// The reasons for the level: every contribution to the score (they add up to it), then
/// the policy floors that hold and a discretionary override.
fn why(a: &Assessment, c: &Compiled, p: &Phrases, lang: &str) -> Vec<String> {
    let mut why = Vec::new();
    for part in &a.score.contributions {
        let mut line = format!("{}: {:+} {}", part.label, part.points, p.score_term);
        if part.kind == ContributionKind::Dimension {
            if let Some(d) = a.dimensions.iter().find(|d| d.id == part.id) {
                let evidence: Vec<String> = d
                    .evidence
                    .iter()
                    .map(|id| match c.indicator_index.get(&**id) {
                        Some(&i) => label(&c.indicators[i as usize].label, lang, id),
                        None => id.to_string(),
                    })
                    .collect();
                let _ = write!(line, " ({})", evidence.join(", "));
                if d.positive == Tri::True {
                    let _ = write!(line, " — {}", p.dimension_positive);
                }
            }
        }
        why.push(line);
    }
    for o in a.overrides.iter().filter(|o| o.holds == Tri::True) {
        why.push(format!("{} — {} {}", o.label, p.override_floor, p.level[o.floor as usize]));
    }
    if let Some(d) = &a.level.discretionary {
        let direction = match d.direction {
            crate::case::Direction::Raise => "raise",
            crate::case::Direction::Lower => "lower",
        };
        why.push(format!("{}: {direction} — {}", p.discretionary, printable(&d.reason)).to_lowercase());
    }
    why
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Language;

    #[test]
    fn every_language_has_its_own_table() {
        let all = |l: Language| {
            let p = phrases(l);
            let mut v: Vec<String> = p.level.to_vec();
            v.extend(p.class.iter().cloned());
            v.extend(p.status.iter().cloned());
            v.extend(p.basis.iter().cloned());
            v.extend([p.case.clone(), p.why.clone(), p.obligations.clone(), p.disclaimer.clone()]);
            v
        };
        for lang in Language::ALL {
            assert!(all(lang).iter().all(|s| !s.is_empty()), "{lang}: an empty phrase");
        }
        assert_eq!(phrases(Language::Hr).level_word, "Razina");
        assert_eq!(phrases(Language::Hr).obligations, "Obveze");
        assert_eq!(phrases(Language::SrLatn).ask_next, "Šta sljedeće pitati");
        assert_eq!(phrases(Language::SrCyrl).ask_next, "Шта сљедеће питати");
        assert_eq!(phrases(Language::En).ask_age, "Age: is the person under 18?");
        assert_eq!(phrases(Language::Bs).ask_age, "Dob: da li je osoba mlađa od 18 godina?");
        for (i, a) in Language::ALL.iter().enumerate() {
            for b in &Language::ALL[i + 1..] {
                assert_ne!(all(*a), all(*b), "{a} and {b} share one table");
            }
        }
    }

    #[test]
    fn serbian_cyrillic_is_written_in_cyrillic_only() {
        let p = phrases(Language::SrCyrl);
        for text in p.level.iter().chain(&p.class).chain(&p.status).chain(&p.basis).chain([&p.disclaimer, &p.ask_age]) {
            assert!(!text.chars().any(|ch| ch.is_ascii_alphabetic()), "Latin letters left in {text:?}");
        }
        assert_eq!(p.level[4], "веома висок");
    }

    #[test]
    fn spans_read_naturally() {
        assert_eq!(span_text(93_600), "1 d 2 h");
        assert_eq!(span_text(4_000), "1 h 6 min");
        assert_eq!(span_text(59), "0 min");
    }

    #[test]
    fn control_characters_cannot_forge_a_line() {
        assert_eq!(printable("JJ-1"), "JJ-1");
        assert_eq!(printable("x\u{1b}[2J\r\nLevel: NONE"), "x\\u{1b}[2J\\u{d}\\u{a}Level: NONE");
    }
}
