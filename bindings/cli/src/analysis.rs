//! `putokaz diff` and `putokaz explain --what-if`: what a protocol change would do to a
//! case set, and how fragile one decision is. Text is in `--lang`: the engine's words for
//! levels, classifications and statuses, the pack's labels for indicators and
//! obligations, and the command's own words around them. JSON keeps ids and machine
//! names.

use crate::input::{case_file, json_lines};
use crate::output::{warn, Out};
use crate::words::{count, say, Phrase};
use crate::{as_of, packs, with_settings, Context, Failure, Lang};
use putokaz::{Case, Language, Level, Protocol};
use std::collections::BTreeMap;
use std::process::ExitCode;

/// Reads JSON Lines cases; a line that is not a case is reported on standard error with
/// its number and left out. Returns the cases and how many lines were refused.
pub(crate) fn read_cases(path: &str) -> Result<(Vec<Case>, usize), Failure> {
    let mut cases = Vec::new();
    let mut refused = 0;
    for line in json_lines(path)? {
        let line = line?;
        match line.case {
            Ok(case) => cases.push(case),
            Err(e) => {
                refused += 1;
                warn(&format!("line {}: {}: {e}", line.number, e.kind()));
            }
        }
    }
    Ok((cases, refused))
}

/// Labels of a pack's indicators in one language, by id; an id the pack
/// does not label stays as it is.
struct Labels(BTreeMap<String, String>);

impl Labels {
    fn of(protocol: &Protocol, lang: Language) -> Labels {
        let code = lang.as_str();
        let mut map = BTreeMap::new();
        for i in protocol.indicators() {
            if let Some(l) = i.label.get(code) {
                map.insert(i.id, l.clone());
            }
        }
        Labels(map)
    }

    fn get<'a>(&'a self, id: &'a str) -> &'a str {
        self.0.get(id).map_or(id, String::as_str)
    }
}

pub(crate) fn diff(
    a: &str,
    b: &str,
    cases: &str,
    as_of_text: Option<&str>,
    set: &[String],
    lang: &Lang,
    json: bool,
) -> Result<ExitCode, Failure> {
    let from = packs::load(a)?.protocol;
    let to = with_settings(packs::load(b)?.protocol, set)?;
    let at = as_of(as_of_text)?;
    let lang = lang.of(&to)?;
    let (cases, unreadable) = read_cases(cases)?;
    let d = from.diff(&to, &cases, at);
    // A line that is not a case, or a case both protocols refuse, is a refused line.
    let code = if unreadable + d.refused > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS };
    let mut out = Out::new();
    if json {
        out.raw(&serde_json::to_string_pretty(&d).map_err(|e| Failure::Io(e.to_string()))?)?;
        out.finish()?;
        return Ok(code);
    }
    let mut summary = vec![
        count(lang, Phrase::Cases, cases.len()),
        count(lang, Phrase::Changes, d.cases.len()),
        count(lang, Phrase::Unchanged, d.unchanged),
    ];
    if d.refused > 0 {
        summary.push(count(lang, Phrase::RefusedByBoth, d.refused));
    }
    if unreadable > 0 {
        summary.push(count(lang, Phrase::LinesRefused, unreadable));
    }
    out.line(&format!("{} {} → {} {}: {}", d.from.0, d.from.1, d.to.0, d.to.1, summary.join(", ")))?;
    for (name, x, y) in &d.parameters {
        out.line(&format!(
            "{}: {} → {}",
            say(lang, Phrase::Parameter, 1, &[name]),
            x.as_deref().unwrap_or("—"),
            y.as_deref().unwrap_or("—")
        ))?;
    }
    out.line("")?;
    out.line(&say(lang, Phrase::LevelTable, 1, &[]))?;
    for (x, y, n) in &d.levels {
        out.line(&format!(
            "  {:<12} → {:<12} {n:>6}{}",
            x.label(lang),
            y.label(lang),
            if x == y { "" } else { "  *" }
        ))?;
    }
    out.line("")?;
    out.line(&say(lang, Phrase::ClassificationTable, 1, &[]))?;
    for (x, y, n) in &d.classifications {
        out.line(&format!(
            "  {:<24} → {:<24} {n:>6}{}",
            x.label(lang),
            y.label(lang),
            if x == y { "" } else { "  *" }
        ))?;
    }
    if !d.cases.is_empty() {
        out.line("")?;
        out.line(&say(lang, Phrase::ChangedCases, 1, &[]))?;
    }
    for c in &d.cases {
        match &c.errors {
            (None, None) => {
                out.line(&format!(
                    "  {}: {} → {}, {} → {}",
                    c.case_id,
                    c.level.0.label(lang),
                    c.level.1.label(lang),
                    c.classification.0.label(lang),
                    c.classification.1.label(lang)
                ))?;
                if !c.rules.is_empty() {
                    out.line(&format!("      {}: {}", say(lang, Phrase::BecauseOf, 1, &[]), c.rules.join(", ")))?;
                }
                for (id, x, y) in &c.obligations {
                    let s = |v: &Option<putokaz::ObligationStatus>| v.map_or("—", |v| v.label(lang));
                    out.line(&format!("      {} {id}: {} → {}", say(lang, Phrase::Obligation, 1, &[]), s(x), s(y)))?;
                }
            }
            (x, y) => {
                let refused = say(lang, Phrase::Refused, 1, &[]);
                out.line(&format!(
                    "  {}: {refused} ({} → {})",
                    c.case_id,
                    x.as_deref().unwrap_or("ok"),
                    y.as_deref().unwrap_or("ok")
                ))?
            }
        }
    }
    out.finish()?;
    Ok(code)
}

pub(crate) fn what_if(ctx: &Context, case_path: &str, limit: usize, json: bool) -> Result<ExitCode, Failure> {
    let protocol = ctx.protocol()?;
    let at = ctx.as_of()?;
    let lang = ctx.language(&protocol)?;
    let case = case_file(case_path)?;
    let w = protocol.what_if(&case, at, limit)?;
    let mut out = Out::new();
    if json {
        out.raw(&serde_json::to_string_pretty(&w).map_err(|e| Failure::Io(e.to_string()))?)?;
        out.finish()?;
        return Ok(ExitCode::SUCCESS);
    }
    let labels = Labels::of(&protocol, lang);
    out.line(&format!(
        "{}: {} / {} ({})",
        w.case_id,
        w.level.label(lang),
        w.classification.label(lang),
        count(lang, Phrase::Search, w.max_changes)
    ))?;
    let (top, bottom) = (Level::ALL[Level::ALL.len() - 1], Level::ALL[0]);
    for (title, sets, end) in [
        (Phrase::WouldRaise, &w.up, (w.level == top).then_some(Phrase::AtTheTop)),
        (Phrase::WouldLower, &w.down, (w.level == bottom).then_some(Phrase::AtTheBottom)),
    ] {
        out.line("")?;
        out.line(&format!("{}:", say(lang, title, 1, &[])))?;
        match end {
            Some(end) => out.line(&format!("  {}", say(lang, end, 1, &[])))?,
            None if sets.is_empty() && w.complete => {
                out.line(&format!("  {}", count(lang, Phrase::NothingWithin, w.max_changes)))?
            }
            None if sets.is_empty() => out.line(&format!("  {}", say(lang, Phrase::BudgetRanOut, 1, &[])))?,
            None => {}
        }
        for cf in sets {
            let changes: Vec<String> = cf
                .changes
                .iter()
                .map(|c| {
                    let to = if c.to == "present" { Phrase::Present } else { Phrase::Absent };
                    format!("{} [{}] {}", labels.get(&c.indicator), c.indicator, say(lang, to, 1, &[]))
                })
                .collect();
            out.line(&format!(
                "  {} → {} / {}",
                changes.join(" + "),
                cf.level.label(lang),
                cf.classification.label(lang)
            ))?;
        }
    }
    if !w.complete {
        out.line("")?;
        out.line(&say(lang, Phrase::Incomplete, 1, &[]))?;
    }
    out.finish()?;
    Ok(ExitCode::SUCCESS)
}
