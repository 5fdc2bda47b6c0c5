//! `putokaz diff` and `putokaz explain --what-if`: what a protocol change would do to a
//! case set, and how fragile one decision is.

use crate::{as_of, json_lines, load, open, with_settings, Context, Failure};
use putokaz::{Case, Error};
use std::io::Read;
use std::process::ExitCode;

/// Reads JSON Lines cases; a line that is not a case is a failure naming the line.
fn read_cases(path: &str) -> Result<Vec<Case>, Failure> {
    let mut cases = Vec::new();
    for line in json_lines(path)? {
        let (n, line) = line?;
        cases.push(Case::from_json(&line).map_err(|e| Failure::Invalid(format!("line {n}: {e}")))?);
    }
    Ok(cases)
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
    let cases = read_cases(cases)?;
    let d = from.diff(&to, &cases, at);
    if json {
        println!("{}", serde_json::to_string_pretty(&d).map_err(|e| Failure::Io(e.to_string()))?);
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "{} {} → {} {}: {} cases, {} change, {} unchanged",
        d.from.0,
        d.from.1,
        d.to.0,
        d.to.1,
        cases.len(),
        d.cases.len(),
        d.unchanged
    );
    for (name, x, y) in &d.parameters {
        println!("parameter {name}: {} → {}", x.as_deref().unwrap_or("—"), y.as_deref().unwrap_or("—"));
    }
    println!("\nlevel (from → to)        cases");
    for (x, y, n) in &d.levels {
        println!("  {:<10} → {:<10} {n:>6}{}", x.as_str(), y.as_str(), if x == y { "" } else { "  *" });
    }
    println!("\nclassification (from → to)");
    for (x, y, n) in &d.classifications {
        println!("  {:<24} → {:<24} {n:>6}{}", x.as_str(), y.as_str(), if x == y { "" } else { "  *" });
    }
    if !d.cases.is_empty() {
        println!("\nchanged cases");
    }
    for c in &d.cases {
        match &c.errors {
            (None, None) => {
                println!(
                    "  {}: {} → {}, {} → {}",
                    c.case_id, c.level.0, c.level.1, c.classification.0, c.classification.1
                );
                if !c.rules.is_empty() {
                    println!("      because of: {}", c.rules.join(", "));
                }
                for (id, x, y) in &c.obligations {
                    let s = |v: &Option<putokaz::ObligationStatus>| v.map_or("—", |v| v.as_str());
                    println!("      obligation {id}: {} → {}", s(x), s(y));
                }
            }
            (x, y) => println!(
                "  {}: refused ({} → {})",
                c.case_id,
                x.as_deref().unwrap_or("ok"),
                y.as_deref().unwrap_or("ok")
            ),
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn what_if(ctx: &Context, case_path: &str, limit: usize, json: bool) -> Result<ExitCode, Failure> {
    let protocol = ctx.protocol()?;
    let at = ctx.as_of()?;
    let mut text = String::new();
    open(case_path)?.read_to_string(&mut text).map_err(|e| Failure::Io(format!("cannot read {case_path}: {e}")))?;
    let case = Case::from_json(&text).map_err(Error::from)?;
    let w = protocol.what_if(&case, at, limit)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&w).map_err(|e| Failure::Io(e.to_string()))?);
        return Ok(ExitCode::SUCCESS);
    }
    println!("{}: {} / {} (search: up to {} changes)", w.case_id, w.level, w.classification, w.max_changes);
    for (title, sets) in [("would raise the level", &w.up), ("would lower the level", &w.down)] {
        println!("\n{title}:");
        if sets.is_empty() {
            println!("  nothing within {} changes", w.max_changes);
        }
        for cf in sets {
            let changes: Vec<String> = cf.changes.iter().map(|c| format!("{} {}", c.indicator, c.to)).collect();
            println!("  {} → {} / {}", changes.join(" + "), cf.level, cf.classification);
        }
    }
    Ok(ExitCode::SUCCESS)
}
