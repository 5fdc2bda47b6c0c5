//! `putokaz diff` and `putokaz explain --what-if`: what a protocol change would do to a
//! case set, and how fragile one decision is.

use crate::input::{case_file, json_lines};
use crate::output::{warn, Out};
use crate::{as_of, load, with_settings, Context, Failure};
use putokaz::{Case, Level};
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

pub(crate) fn diff(
    a: &str,
    b: &str,
    cases: &str,
    as_of_text: Option<&str>,
    set: &[String],
    json: bool,
) -> Result<ExitCode, Failure> {
    let from = load(a)?;
    let to = with_settings(load(b)?, set)?;
    let at = as_of(as_of_text)?;
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
    out.line(&format!(
        "{} {} → {} {}: {} cases, {} change, {} unchanged{}",
        d.from.0,
        d.from.1,
        d.to.0,
        d.to.1,
        cases.len(),
        d.cases.len(),
        d.unchanged,
        if unreadable > 0 { format!(" ({unreadable} lines refused)") } else { String::new() }
    ))?;
    for (name, x, y) in &d.parameters {
        out.line(&format!("parameter {name}: {} → {}", x.as_deref().unwrap_or("—"), y.as_deref().unwrap_or("—")))?;
    }
    out.line("")?;
    out.line("level (from → to)        cases")?;
    for (x, y, n) in &d.levels {
        out.line(&format!("  {:<10} → {:<10} {n:>6}{}", x.as_str(), y.as_str(), if x == y { "" } else { "  *" }))?;
    }
    out.line("")?;
    out.line("classification (from → to)")?;
    for (x, y, n) in &d.classifications {
        out.line(&format!("  {:<24} → {:<24} {n:>6}{}", x.as_str(), y.as_str(), if x == y { "" } else { "  *" }))?;
    }
    if !d.cases.is_empty() {
        out.line("")?;
        out.line("changed cases")?;
    }
    for c in &d.cases {
        match &c.errors {
            (None, None) => {
                out.line(&format!(
                    "  {}: {} → {}, {} → {}",
                    c.case_id, c.level.0, c.level.1, c.classification.0, c.classification.1
                ))?;
                if !c.rules.is_empty() {
                    out.line(&format!("      because of: {}", c.rules.join(", ")))?;
                }
                for (id, x, y) in &c.obligations {
                    let s = |v: &Option<putokaz::ObligationStatus>| v.map_or("—", |v| v.as_str());
                    out.line(&format!("      obligation {id}: {} → {}", s(x), s(y)))?;
                }
            }
            (x, y) => out.line(&format!(
                "  {}: refused ({} → {})",
                c.case_id,
                x.as_deref().unwrap_or("ok"),
                y.as_deref().unwrap_or("ok")
            ))?,
        }
    }
    out.finish()?;
    Ok(code)
}

pub(crate) fn what_if(ctx: &Context, case_path: &str, limit: usize, json: bool) -> Result<ExitCode, Failure> {
    let protocol = ctx.protocol()?;
    let at = ctx.as_of()?;
    let case = case_file(case_path)?;
    let w = protocol.what_if(&case, at, limit)?;
    let mut out = Out::new();
    if json {
        out.raw(&serde_json::to_string_pretty(&w).map_err(|e| Failure::Io(e.to_string()))?)?;
        out.finish()?;
        return Ok(ExitCode::SUCCESS);
    }
    out.line(&format!("{}: {} / {} (search: up to {} changes)", w.case_id, w.level, w.classification, w.max_changes))?;
    let (top, bottom) = (Level::ALL[Level::ALL.len() - 1], Level::ALL[0]);
    for (title, sets, end) in [
        ("would raise the level", &w.up, (w.level == top).then_some("already at the highest level")),
        ("would lower the level", &w.down, (w.level == bottom).then_some("already at the lowest level")),
    ] {
        out.line("")?;
        out.line(&format!("{title}:"))?;
        match end {
            Some(end) => out.line(&format!("  {end}"))?,
            None if sets.is_empty() && w.complete => {
                out.line(&format!("  nothing within {} changes", w.max_changes))?
            }
            None if sets.is_empty() => out.line("  nothing found before the search budget ran out")?,
            None => {}
        }
        for cf in sets {
            let changes: Vec<String> = cf.changes.iter().map(|c| format!("{} {}", c.indicator, c.to)).collect();
            out.line(&format!("  {} → {} / {}", changes.join(" + "), cf.level, cf.classification))?;
        }
    }
    if !w.complete {
        out.line("")?;
        out.line("(the search stopped at its budget: not every pair of changes was tried)")?;
    }
    out.finish()?;
    Ok(ExitCode::SUCCESS)
}
