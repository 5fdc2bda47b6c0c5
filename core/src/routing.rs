//! The jurisdiction table: municipality → entity, canton or region, and the concrete
//! institutions that act for each routed role, each with how well it is sourced.
//!
//! Columns: `municipality,entity,area`, then one column per routed role, each optionally
//! followed by a `<role>_status` column, then `status,note`. `status` is the status of
//! the area (and of the coordination team it implies) and of every institution that has
//! no status column of its own.

use crate::error::{PackErrorKind, PackIssue};
use crate::model::{Provenance, SourceStatus};
use crate::pack::{issue, locate};
// Ids come from the pack and lookups from cases; nothing a case gives is inserted, so a
// fast non-keyed hash is safe here.
use rustc_hash::FxHashMap as HashMap;

/// One municipality or city and its institutions.
#[derive(Debug)]
pub struct Municipality {
    /// Its row in the table.
    pub index: u32,
    pub name: String,
    pub entity: String,
    pub area: String,
    /// Institution per routed role, aligned with [`Routing::roles`].
    pub institutions: Vec<String>,
    /// How well each institution is sourced, aligned with [`Routing::roles`]: its own
    /// `<role>_status` column, or the row's `status` where it has none.
    pub institution_statuses: Vec<SourceStatus>,
    /// The status of the row's area and coordination team (the `status` column).
    pub status: SourceStatus,
    pub note: String,
}

/// A city made up of municipalities that the table lists one by one (`[[cities]]`). A
/// case names the municipality, since institutions are organised by municipality; a case
/// that names the city is told which ones it spans.
#[derive(Debug)]
pub struct City {
    pub name: String,
    /// Its municipalities' rows, in the order the pack lists them.
    pub municipalities: Vec<u32>,
    pub prov: Provenance,
}

#[derive(Debug)]
pub struct Routing {
    /// The routed role ids, in the table's column order.
    pub roles: Vec<String>,
    pub rows: Vec<Municipality>,
    /// The sources the table was compiled from (`[routing] source`).
    pub sources: Vec<String>,
    pub cities: Vec<City>,
    by_name: HashMap<String, u32>,
}

const FIXED: [&str; 3] = ["municipality", "entity", "area"];
const TRAILING: [&str; 2] = ["status", "note"];
const STATUS_SUFFIX: &str = "_status";

/// A middle column: a routed role's institution, or the status of one.
enum Column {
    Role(usize),
    StatusOf(usize),
}

fn status(text: &str) -> Option<SourceStatus> {
    match text {
        "verified" => Some(SourceStatus::Verified),
        "secondary" => Some(SourceStatus::Secondary),
        "unconfirmed" => Some(SourceStatus::Unconfirmed),
        "local_policy" => Some(SourceStatus::LocalPolicy),
        _ => None,
    }
}

impl Routing {
    /// Parses the CSV table; `routed` are the role ids that must each have a column.
    pub fn parse(path: &str, text: &str, routed: &[String]) -> Result<Routing, Vec<PackIssue>> {
        let mut issues = Vec::new();
        let at_line = |line: u64| {
            let offset = text.split_inclusive('\n').take(line.saturating_sub(1) as usize).map(str::len).sum::<usize>();
            locate(path, text, offset..offset)
        };
        let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(text.as_bytes());
        let header: Vec<String> = match reader.headers() {
            Ok(h) => h.iter().map(str::to_owned).collect(),
            Err(e) => {
                return Err(vec![issue(PackErrorKind::Syntax, at_line(1), format!("cannot read the header: {e}"))])
            }
        };
        let n = header.len();
        if n < FIXED.len() + TRAILING.len() || header[..3] != FIXED || header[n - 2..] != TRAILING {
            return Err(vec![issue(
                PackErrorKind::Schema,
                at_line(1),
                "the header must be `municipality,entity,area,<routed roles...>,status,note`".into(),
            )]);
        }
        let mut roles: Vec<String> = Vec::new();
        let mut columns: Vec<Column> = Vec::new();
        for name in &header[3..n - 2] {
            let status_of = name.strip_suffix(STATUS_SUFFIX).and_then(|r| roles.iter().position(|x| x == r));
            match status_of {
                Some(i) if columns.iter().any(|c| matches!(c, Column::StatusOf(j) if *j == i)) => {
                    issues.push(issue(PackErrorKind::Duplicate, at_line(1), format!("column `{name}` appears twice")))
                }
                Some(i) => columns.push(Column::StatusOf(i)),
                None if name.ends_with(STATUS_SUFFIX) && !routed.contains(name) => issues.push(issue(
                    PackErrorKind::Schema,
                    at_line(1),
                    format!("column `{name}` must follow the column of the role it gives the status of"),
                )),
                None if roles.contains(name) => {
                    issues.push(issue(PackErrorKind::Duplicate, at_line(1), format!("column `{name}` appears twice")))
                }
                None => {
                    columns.push(Column::Role(roles.len()));
                    roles.push(name.clone());
                }
            }
        }
        for role in &roles {
            if !routed.contains(role) {
                issues.push(issue(
                    PackErrorKind::UnknownName,
                    at_line(1),
                    format!("column `{role}` is not a role declared with `routed = true`"),
                ));
            }
        }
        for role in routed {
            if !roles.contains(role) {
                issues.push(issue(PackErrorKind::Schema, at_line(1), format!("routed role `{role}` has no column")));
            }
        }
        if !issues.is_empty() {
            return Err(issues);
        }
        let mut rows = Vec::new();
        let mut by_name = HashMap::default();
        for record in reader.records() {
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    let line = e.position().map_or(0, |p| p.line());
                    issues.push(issue(PackErrorKind::Syntax, at_line(line), format!("unreadable row: {e}")));
                    continue;
                }
            };
            let line = record.position().map_or(0, |p| p.line());
            let field = |i: usize| record.get(i).unwrap_or("").trim().to_owned();
            let name = field(0);
            let Some(row_status) = status(&field(n - 2)) else {
                issues.push(issue(
                    PackErrorKind::InvalidValue,
                    at_line(line),
                    format!("`{}` is not a status", field(n - 2)),
                ));
                continue;
            };
            if name.is_empty() || field(1).is_empty() || field(2).is_empty() {
                issues.push(issue(
                    PackErrorKind::InvalidValue,
                    at_line(line),
                    "municipality, entity and area are required".into(),
                ));
                continue;
            }
            let mut institutions = vec![String::new(); roles.len()];
            let mut institution_statuses = vec![row_status; roles.len()];
            let mut bad = false;
            for (k, column) in columns.iter().enumerate() {
                let text = field(3 + k);
                match *column {
                    Column::Role(i) => institutions[i] = text,
                    Column::StatusOf(i) => match status(&text) {
                        Some(s) => institution_statuses[i] = s,
                        None => {
                            bad = true;
                            issues.push(issue(
                                PackErrorKind::InvalidValue,
                                at_line(line),
                                format!("`{text}` is not a status (column `{}{STATUS_SUFFIX}`)", roles[i]),
                            ));
                        }
                    },
                }
            }
            if let Some(i) = institutions.iter().position(String::is_empty) {
                issues.push(issue(
                    PackErrorKind::InvalidValue,
                    at_line(line),
                    format!("`{name}` has no institution for `{}`", roles[i]),
                ));
                continue;
            }
            if bad {
                continue;
            }
            if by_name.insert(name.clone(), rows.len() as u32).is_some() {
                issues.push(issue(PackErrorKind::Duplicate, at_line(line), format!("`{name}` appears twice")));
                continue;
            }
            rows.push(Municipality {
                index: rows.len() as u32,
                name,
                entity: field(1),
                area: field(2),
                institutions,
                institution_statuses,
                status: row_status,
                note: field(n - 1),
            });
        }
        if issues.is_empty() {
            Ok(Routing { roles, rows, sources: Vec::new(), cities: Vec::new(), by_name })
        } else {
            Err(issues)
        }
    }

    pub fn get(&self, name: &str) -> Option<&Municipality> {
        self.by_name.get(name).map(|i| &self.rows[*i as usize])
    }

    /// The city called `name`, ignoring case and diacritics.
    pub fn city(&self, name: &str) -> Option<&City> {
        let wanted = fold(name);
        self.cities.iter().find(|c| fold(&c.name) == wanted)
    }

    /// Up to three names close to `name`, ignoring case and diacritics.
    pub fn suggest(&self, name: &str) -> Vec<&str> {
        let wanted = fold(name);
        let mut scored: Vec<(usize, &str)> = self
            .rows
            .iter()
            .filter_map(|m| {
                let candidate = fold(&m.name);
                let d = if candidate == wanted { 0 } else { edit_distance(&candidate, &wanted) };
                (d <= 2 || (wanted.len() >= 4 && candidate.starts_with(&wanted))).then_some((d, m.name.as_str()))
            })
            .collect();
        scored.sort();
        scored.into_iter().take(3).map(|(_, n)| n).collect()
    }
}

/// Lower case without diacritics: `Modriča` → `modrica`, `Đ` → `d`.
pub fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'č' | 'ć' => 'c',
            'š' => 's',
            'ž' => 'z',
            'đ' => 'd',
            _ => c,
        })
        .collect()
}

pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: &str = "municipality,entity,area,csw,status,note\n\
        Modriča,RS,Doboj,JU Centar za socijalni rad Modriča,secondary,\n\
        Jajce,FBiH,SBK,JU Centar za socijalni rad Jajce,verified,\n";

    #[test]
    fn lookup_and_suggestions_ignore_diacritics() {
        let r = Routing::parse("j.csv", TABLE, &["csw".to_owned()]).unwrap();
        assert_eq!(r.get("Jajce").unwrap().area, "SBK");
        assert!(r.get("Modrica").is_none());
        assert_eq!(r.suggest("Modrica"), vec!["Modriča"]);
        assert_eq!(r.suggest("modricha"), vec!["Modriča"]);
        assert_eq!(r.get("Jajce").unwrap().institutions, vec!["JU Centar za socijalni rad Jajce".to_owned()]);
    }

    #[test]
    fn an_institution_has_its_own_status_or_the_row_status() {
        let table = "municipality,entity,area,team,csw,csw_status,status,note\n\
            Jezero,RS,BanjaLuka,Tim Banja Luka,Služba socijalne zaštite Jezero,unconfirmed,verified,\n\
            Jajce,FBiH,SBK,Tim SBK,JU Centar za socijalni rad Jajce,verified,verified,\n";
        let r = Routing::parse("j.csv", table, &["team".to_owned(), "csw".to_owned()]).unwrap();
        assert_eq!(r.roles, ["team", "csw"]);
        let jezero = r.get("Jezero").unwrap();
        assert_eq!(jezero.status, SourceStatus::Verified);
        assert_eq!(jezero.institution_statuses, [SourceStatus::Verified, SourceStatus::Unconfirmed]);
        assert_eq!(jezero.institutions, ["Tim Banja Luka", "Služba socijalne zaštite Jezero"]);
        assert_eq!(r.get("Jajce").unwrap().institution_statuses, [SourceStatus::Verified; 2]);
    }

    #[test]
    fn status_columns_are_checked() {
        let routed = ["csw".to_owned()];
        let before_role = "municipality,entity,area,csw_status,csw,status,note\nJajce,FBiH,SBK,verified,C,verified,\n";
        let issues = Routing::parse("j.csv", before_role, &routed).unwrap_err();
        assert!(issues[0].message.contains("must follow"), "{}", issues[0].message);
        let twice = "municipality,entity,area,csw,csw_status,csw_status,status,note\nJajce,FBiH,SBK,C,verified,verified,verified,\n";
        assert_eq!(Routing::parse("j.csv", twice, &routed).unwrap_err()[0].kind, PackErrorKind::Duplicate);
        let bad = "municipality,entity,area,csw,csw_status,status,note\nJajce,FBiH,SBK,C,sure,verified,\n";
        let issues = Routing::parse("j.csv", bad, &routed).unwrap_err();
        assert_eq!((issues[0].kind, issues[0].location.as_ref().unwrap().line), (PackErrorKind::InvalidValue, 2));
    }

    #[test]
    fn malformed_tables_are_located() {
        let bad = "municipality,entity,area,csw,status,note\nJajce,FBiH,SBK,,verified,\n";
        let issues = Routing::parse("j.csv", bad, &["csw".to_owned()]).unwrap_err();
        assert_eq!(issues[0].location.as_ref().unwrap().line, 2);
        let issues = Routing::parse("j.csv", "a,b\n", &[]).unwrap_err();
        assert_eq!(issues[0].kind, PackErrorKind::Schema);
    }
}
