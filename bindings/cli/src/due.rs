//! `putokaz due`: every pending and overdue obligation across a file of cases, grouped by
//! the institution that must act — the agenda of a coordination team meeting. Each
//! obligation is written as `assess` writes it (its status, who acts towards whom, the
//! due time and how late, in `--lang`); the frame around them is in `--lang` too.

use crate::input::json_lines;
use crate::output::{warn, Out};
use crate::words::{count, say, Phrase};
use crate::{Context, Failure};
use putokaz::{Assessment, ObligationStatus, Options, Protocol};
use std::collections::{BTreeMap, BTreeSet};
use std::process::ExitCode;

struct Item {
    status: ObligationStatus,
    due_unix: i64,
    line: String,
}

/// The role whose institution is a case's coordination team.
const TEAM_ROLE: &str = "coordination_team";

/// The coordination teams `--team` names: a team's name or the code of its area, as the
/// routing table writes them (letter case aside). A name that is neither is a usage error
/// that lists the teams.
fn teams_named(protocol: &Protocol, wanted: &str) -> Result<BTreeSet<String>, Failure> {
    let wanted = wanted.to_lowercase();
    let mut all: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for m in protocol.routing_table() {
        for p in m.institutions.iter().filter(|p| &*p.role == TEAM_ROLE) {
            if let Some(team) = &p.institution {
                all.entry(team.to_string()).or_default().insert(m.area.clone());
            }
        }
    }
    let named: BTreeSet<String> = all
        .iter()
        .filter(|(team, areas)| team.to_lowercase() == wanted || areas.iter().any(|a| a.to_lowercase() == wanted))
        .map(|(team, _)| team.clone())
        .collect();
    if named.is_empty() {
        let list: Vec<String> = all
            .iter()
            .map(|(team, areas)| format!("  {team} ({})", areas.iter().cloned().collect::<Vec<_>>().join(", ")))
            .collect();
        return Err(Failure::Usage(format!(
            "--team names no coordination team of pack `{}`; give a team's name or its area's code:\n{}",
            protocol.id(),
            list.join("\n")
        )));
    }
    Ok(named)
}

fn in_teams(a: &Assessment, teams: &BTreeSet<String>) -> bool {
    a.jurisdiction.as_ref().is_some_and(|j| {
        j.institutions
            .iter()
            .any(|p| &*p.role == TEAM_ROLE && p.institution.as_deref().is_some_and(|t| teams.contains(t)))
    })
}

pub(crate) fn run(ctx: &Context, cases: &str, team: Option<&str>) -> Result<ExitCode, Failure> {
    let protocol = &ctx.protocol()?;
    let at = ctx.as_of()?;
    let lang = ctx.language(protocol)?;
    let options = ctx.options(Options::fast())?;
    let teams = team.map(|t| teams_named(protocol, t)).transpose()?;
    let mut agenda: BTreeMap<String, Vec<Item>> = BTreeMap::new();
    let mut errors = 0usize;
    let mut assessed = 0usize;
    for line in json_lines(cases)? {
        let line = line?;
        let a = match line.case.and_then(|c| protocol.assess(&c, at, &options)) {
            Ok(a) => a,
            Err(e) => {
                errors += 1;
                warn(&format!("line {}: {}: {e}", line.number, e.kind()));
                continue;
            }
        };
        if teams.as_ref().is_some_and(|t| !in_teams(&a, t)) {
            continue;
        }
        assessed += 1;
        for o in &a.obligations {
            if !matches!(o.status, ObligationStatus::Overdue | ObligationStatus::Pending) {
                continue;
            }
            let who = o.actor.institution.as_deref().map_or_else(|| format!("({})", o.actor.role), str::to_owned);
            agenda.entry(who).or_default().push(Item {
                status: o.status,
                due_unix: o.due_unix.unwrap_or(i64::MAX),
                line: format!("  {}: {}", a.case_id, o.summary(lang)),
            });
        }
    }
    let mut out = Out::new();
    let zone = putokaz::TimeZone::get(protocol.time_zone()).unwrap_or(putokaz::TimeZone::UTC);
    let mut counts = vec![count(lang, Phrase::CasesAssessed, assessed)];
    if errors > 0 {
        counts.push(count(lang, Phrase::LinesRefused, errors));
    }
    let moment = putokaz::OffsetTimestamp::in_zone(at, &zone).to_string();
    out.line(&format!("{} ({})", say(lang, Phrase::DueTitle, 1, &[&moment]), counts.join(", ")))?;
    if agenda.is_empty() {
        out.line(&say(lang, Phrase::NothingDue, 1, &[]))?;
    }
    for (institution, mut items) in agenda {
        items.sort_by_key(|i| (i.status, i.due_unix));
        let overdue = items.iter().filter(|i| i.status == ObligationStatus::Overdue).count();
        out.line("")?;
        out.line(&format!(
            "{institution} — {} {overdue}, {} {}",
            ObligationStatus::Overdue.label(lang),
            ObligationStatus::Pending.label(lang),
            items.len() - overdue
        ))?;
        for i in items {
            out.line(&i.line)?;
        }
    }
    out.finish()?;
    Ok(if errors > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
