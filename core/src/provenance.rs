//! The provenance table of a pack: every rule, parameter and indicator with its source
//! and verification status, as Markdown. Pack READMEs include it (and a test keeps them
//! in step), so reviewers read what the engine actually loaded.

use crate::model::Provenance;
use crate::protocol::Protocol;
use std::fmt::Write;

/// One row; a historical source is marked "(historical)".
fn row(out: &mut String, c: &crate::protocol::Compiled, kind: &str, id: &str, prov: &Provenance) {
    let citation = prov.citation.as_deref().unwrap_or("").replace('|', "\\|");
    let historical = |s: &String| c.sources.iter().any(|x| x.id == *s && x.historical);
    let sources: Vec<String> =
        prov.source.iter().map(|s| if historical(s) { format!("{s} (historical)") } else { s.clone() }).collect();
    let _ = writeln!(out, "| {kind} | `{id}` | {} | {} | {citation} |", sources.join(", "), prov.status.as_str());
}

impl Protocol {
    /// A Markdown table: kind | id | source | status | citation, in pack order.
    pub fn provenance_table(&self) -> String {
        let c = &self.inner;
        let mut out = String::from("| kind | id | source | status | citation |\n|---|---|---|---|---|\n");
        row(&mut out, c, "age gate", "age", &c.age.prov);
        row(&mut out, c, "dimension rule", "dimension_positive", &c.combination.prov);
        row(&mut out, c, "scoring", "grade_points", &c.scoring.prov);
        if let Some(coverage) = &c.coverage {
            row(&mut out, c, "coverage", "coverage", &coverage.prov);
        }
        for p in &c.params {
            row(&mut out, c, "parameter", &p.id, &p.prov);
        }
        for &f in &c.fact_order {
            row(&mut out, c, "fact", &c.facts[f as usize].id, &c.facts[f as usize].prov);
        }
        for t in &c.scoring.terms {
            row(&mut out, c, "score term", &t.id, &t.prov);
        }
        for o in &c.overrides {
            row(&mut out, c, "policy override", &o.id, &o.prov);
        }
        for r in &c.classification {
            row(&mut out, c, "classification", &r.id, &r.prov);
        }
        for o in &c.obligations {
            row(&mut out, c, "obligation", &o.id, &o.base.prov);
            for e in &o.exceptions {
                row(
                    &mut out,
                    c,
                    "obligation exception",
                    &format!("{}/{}", o.id, e.exception.as_deref().unwrap_or("")),
                    &e.prov,
                );
            }
        }
        for r in &c.roles {
            if let Some(prov) = &r.prov {
                row(&mut out, c, "role", &r.id, prov);
            }
        }
        for cal in &c.calendars {
            row(&mut out, c, "calendar", &cal.entity, &cal.prov);
            for x in &cal.closures {
                row(&mut out, c, "closure", &format!("{}@{}", cal.entity, x.date), &x.prov);
            }
        }
        for city in c.routing.iter().flat_map(|r| &r.cities) {
            row(&mut out, c, "city", &city.name, &city.prov);
        }
        for i in &c.indicators {
            row(&mut out, c, if i.protected { "indicator (protected)" } else { "indicator" }, &i.id, &i.prov);
        }
        out
    }

    /// How many rules, parameters and indicators have each status.
    pub fn status_counts(&self) -> Vec<(&'static str, usize)> {
        let table = self.provenance_table();
        ["verified", "secondary", "unconfirmed", "local_policy"]
            .into_iter()
            .map(|s| (s, table.lines().filter(|l| l.split(" | ").nth(3) == Some(s)).count()))
            .collect()
    }
}
