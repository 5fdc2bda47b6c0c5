//! `putokaz due`: every pending and overdue obligation across a file of cases, grouped by
//! the institution that must act — the agenda of a coordination team meeting.

use crate::{json_lines, Context, Failure};
use putokaz::ObligationStatus;
use putokaz::{Case, Options};
use std::collections::BTreeMap;
use std::process::ExitCode;

struct Item {
    status: ObligationStatus,
    due_unix: i64,
    line: String,
}

pub(crate) fn run(ctx: &Context, cases: &str, team: Option<&str>) -> Result<ExitCode, Failure> {
    let protocol = &ctx.protocol()?;
    let at = ctx.as_of()?;
    let options = ctx.options(Options::fast())?;
    let mut agenda: BTreeMap<String, Vec<Item>> = BTreeMap::new();
    let mut errors = 0usize;
    let mut assessed = 0usize;
    for line in json_lines(cases)? {
        let (n, line) = line?;
        let a = match Case::from_json(&line)
            .map_err(putokaz::Error::from)
            .and_then(|c| protocol.assess(&c, at, &options))
        {
            Ok(a) => a,
            Err(e) => {
                errors += 1;
                eprintln!("line {n}: {}: {e}", e.kind());
                continue;
            }
        };
        if let Some(team) = team {
            let in_team = a.jurisdiction.as_ref().is_some_and(|j| {
                &*j.area == team
                    || j.institutions
                        .iter()
                        .any(|p| &*p.role == "coordination_team" && p.institution.as_deref() == Some(team))
            });
            if !in_team {
                continue;
            }
        }
        assessed += 1;
        for o in &a.obligations {
            if !matches!(o.status, ObligationStatus::Overdue | ObligationStatus::Pending) {
                continue;
            }
            let who = o.actor.institution.as_deref().map_or_else(|| format!("({})", o.actor.role), str::to_owned);
            let when = match (&o.due, o.late_seconds) {
                (Some(due), Some(late)) => format!("due {due}, {} h late", late / 3600),
                (Some(due), None) => format!("due {due}"),
                (None, _) => format!("starts at {}", o.anchor),
            };
            let status = if o.status == ObligationStatus::Overdue { "OVERDUE" } else { "pending" };
            agenda.entry(who).or_default().push(Item {
                status: o.status,
                due_unix: o.due_unix.unwrap_or(i64::MAX),
                line: format!(
                    "  [{status}] {} — {} → {}; {when}",
                    a.case_id,
                    o.label,
                    o.recipient.institution.as_deref().unwrap_or(&o.recipient.role)
                ),
            });
        }
    }
    println!(
        "Obligations due as of {} ({} cases assessed{})",
        putokaz::OffsetTimestamp::in_zone(
            at,
            &jiff::tz::TimeZone::get(protocol.time_zone()).unwrap_or(jiff::tz::TimeZone::UTC)
        ),
        assessed,
        if errors > 0 { format!(", {errors} refused") } else { String::new() }
    );
    if agenda.is_empty() {
        println!("Nothing pending or overdue.");
    }
    for (institution, mut items) in agenda {
        items.sort_by_key(|i| (i.status, i.due_unix));
        let overdue = items.iter().filter(|i| i.status == ObligationStatus::Overdue).count();
        println!("\n{institution} — {overdue} overdue, {} pending", items.len() - overdue);
        for i in items {
            println!("{}", i.line);
        }
    }
    Ok(if errors > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
