//! The jurisdiction table: municipality → entity, canton or region, and the concrete
//! institutions that act for each routed role.

use crate::error::{PackErrorKind, PackIssue};
use crate::model::SourceStatus;
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
    pub status: SourceStatus,
    pub note: String,
}

#[derive(Debug)]
pub struct Routing {
    /// The routed role ids, in the table's column order.
    pub roles: Vec<String>,
    pub rows: Vec<Municipality>,
    by_name: HashMap<String, u32>,
}

const FIXED: [&str; 3] = ["municipality", "entity", "area"];
const TRAILING: [&str; 2] = ["status", "note"];

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
        let roles: Vec<String> = header[3..n - 2].to_vec();
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
            let status = match field(n - 2).as_str() {
                "verified" => SourceStatus::Verified,
                "secondary" => SourceStatus::Secondary,
                "unconfirmed" => SourceStatus::Unconfirmed,
                "local_policy" => SourceStatus::LocalPolicy,
                other => {
                    issues.push(issue(
                        PackErrorKind::InvalidValue,
                        at_line(line),
                        format!("`{other}` is not a status"),
                    ));
                    continue;
                }
            };
            if name.is_empty() || field(1).is_empty() || field(2).is_empty() {
                issues.push(issue(
                    PackErrorKind::InvalidValue,
                    at_line(line),
                    "municipality, entity and area are required".into(),
                ));
                continue;
            }
            let institutions: Vec<String> = (3..n - 2).map(field).collect();
            if let Some(i) = institutions.iter().position(String::is_empty) {
                issues.push(issue(
                    PackErrorKind::InvalidValue,
                    at_line(line),
                    format!("`{name}` has no institution for `{}`", roles[i]),
                ));
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
                status,
                note: field(n - 1),
            });
        }
        if issues.is_empty() {
            Ok(Routing { roles, rows, by_name })
        } else {
            Err(issues)
        }
    }

    pub fn get(&self, name: &str) -> Option<&Municipality> {
        self.by_name.get(name).map(|i| &self.rows[*i as usize])
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
    fn malformed_tables_are_located() {
        let bad = "municipality,entity,area,csw,status,note\nJajce,FBiH,SBK,,verified,\n";
        let issues = Routing::parse("j.csv", bad, &["csw".to_owned()]).unwrap_err();
        assert_eq!(issues[0].location.as_ref().unwrap().line, 2);
        let issues = Routing::parse("j.csv", "a,b\n", &[]).unwrap_err();
        assert_eq!(issues[0].kind, PackErrorKind::Schema);
    }
}
