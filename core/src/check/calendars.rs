//! Holiday calendars per entity, and the routing table that names each municipality's
//! entity and institutions.

use super::merge::Merged;
use super::names::Names;
use super::suggest::suggestion;
use super::Checker;
use crate::error::{Location, PackErrorKind};
use crate::protocol::Role;
use crate::routing::{fold, City, Routing};
use crate::time::{weekday, Calendar, Closure};
use std::collections::{BTreeSet, HashSet};

pub(super) fn calendars(ck: &mut Checker<'_>, m: &Merged, names: &Names) -> Vec<Calendar> {
    let mut out: Vec<Calendar> = Vec::new();
    let mut entities = HashSet::new();
    for (f, c) in &m.calendars {
        let f = *f;
        let prov = ck.prov(f, c.entity.span(), &c.prov(), &names.sources);
        if !entities.insert(c.entity.get_ref()) {
            ck.err(
                PackErrorKind::Duplicate,
                f,
                c.entity.span(),
                format!("calendar `{}` is defined twice", c.entity.get_ref()),
            );
        }
        let (Some(from), Some(to)) = (ck.date(f, &c.covers.from), ck.date(f, &c.covers.to)) else { continue };
        let mut weekend = [false; 7];
        for d in &c.weekend {
            match weekday(d.get_ref()) {
                Some(w) => weekend[w.to_monday_zero_offset() as usize] = true,
                None => ck.err(
                    PackErrorKind::InvalidValue,
                    f,
                    d.span(),
                    format!("`{}` is not a weekday (mon … sun)", d.get_ref()),
                ),
            }
        }
        let mut holidays = BTreeSet::new();
        for h in &c.holidays {
            ck.labels(f, h.date.span(), &format!("holiday {}", h.date.get_ref()), &h.label);
            if let Some(d) = ck.date(f, &h.date) {
                if d < from || d > to {
                    ck.err(
                        PackErrorKind::InvalidValue,
                        f,
                        h.date.span(),
                        "holiday outside the calendar's `covers` range",
                    );
                }
                if !holidays.insert(d) {
                    ck.err(PackErrorKind::Duplicate, f, h.date.span(), "holiday listed twice");
                }
            }
        }
        let closures = closures(ck, f, c, names, (from, to), &holidays);
        out.push(Calendar { entity: c.entity.get_ref().clone(), from, to, weekend, holidays, closures, prov });
    }
    out
}

/// A calendar's closures, in date order: each inside `covers`, on no holiday, once per
/// date, closing roles of the pack.
fn closures(
    ck: &mut Checker<'_>,
    f: usize,
    c: &crate::pack::doc::CalendarDoc,
    names: &Names,
    (from, to): (jiff::civil::Date, jiff::civil::Date),
    holidays: &BTreeSet<jiff::civil::Date>,
) -> Vec<Closure> {
    let mut out: Vec<Closure> = Vec::new();
    for x in &c.closures {
        let what = format!("closure {} of calendar `{}`", x.date.get_ref(), c.entity.get_ref());
        ck.labels(f, x.date.span(), &what, &x.label);
        let prov = ck.prov(f, x.date.span(), &x.prov(), &names.sources);
        let Some(date) = ck.date(f, &x.date) else { continue };
        if date < from || date > to {
            ck.err(PackErrorKind::InvalidValue, f, x.date.span(), "closure outside the calendar's `covers` range");
        } else if holidays.contains(&date) {
            ck.err(
                PackErrorKind::Conflict,
                f,
                x.date.span(),
                "closure on a listed holiday: the day is closed for everyone already",
            );
        }
        if out.iter().any(|o| o.date == date) {
            ck.err(
                PackErrorKind::Duplicate,
                f,
                x.date.span(),
                "closure listed twice (one closure per date, naming every role it closes)",
            );
        }
        if x.closed.is_empty() {
            ck.err(PackErrorKind::Schema, f, x.date.span(), "a closure names the roles it closes in `closed`");
        }
        let closed = x.closed.iter().filter_map(|r| Names::lookup(ck, &names.roles, (f, r), "role")).collect();
        out.push(Closure { date, closed, prov });
    }
    out.sort_by_key(|c| c.date);
    out
}

/// The routing table, checked against the routed roles and the calendars, with the
/// cities made up of its municipalities.
pub(super) fn routing(
    ck: &mut Checker<'_>,
    m: &Merged,
    names: &Names,
    roles: &[Role],
    calendars: &[Calendar],
) -> Option<Routing> {
    let mut sources = Vec::new();
    if let Some((f, doc)) = &m.routing {
        if m.csv.is_none() {
            ck.err(
                PackErrorKind::Schema,
                *f,
                doc.span(),
                "`[routing]` is set but the pack lists no routing table (.csv)",
            );
        }
        for id in &doc.get_ref().source {
            if !names.sources.contains(id.get_ref()) {
                let hint = super::suggestion(id.get_ref(), names.sources.ids());
                ck.err(PackErrorKind::UnknownName, *f, id.span(), format!("no source `{}`{hint}", id.get_ref()));
            }
            sources.push(id.get_ref().clone());
        }
    }
    let Some(f) = m.csv else {
        if !m.obligations.is_empty() && roles.iter().any(|r| r.routed) {
            ck.err_anywhere(PackErrorKind::Schema, "roles are routed but the pack lists no routing table (.csv)");
        }
        if let Some((f, c)) = m.cities.first() {
            ck.err(
                PackErrorKind::Schema,
                *f,
                c.name.span(),
                "cities are listed but the pack has no routing table (.csv)",
            );
        }
        return None;
    };
    let (path, text) = ck.text(f);
    let routed: Vec<String> = roles.iter().filter(|r| r.routed).map(|r| r.id.clone()).collect();
    let mut routing = match Routing::parse(path, text, &routed) {
        Ok(r) => r,
        Err(issues) => {
            ck.issues.extend(issues);
            return None;
        }
    };
    let covered: HashSet<&str> = calendars.iter().map(|c| c.entity.as_str()).collect();
    if !calendars.is_empty() {
        if let Some(row) = routing.rows.iter().find(|row| !covered.contains(row.entity.as_str())) {
            ck.issues.push(crate::pack::issue(
                PackErrorKind::UnknownName,
                Some(Location { file: path.to_owned(), line: 1, column: 1 }),
                format!("entity `{}` of `{}` has no calendar", row.entity, row.name),
            ));
        }
    }
    routing.sources = sources;
    cities(ck, m, names, &mut routing);
    Some(routing)
}

/// `[[cities]]`: each city's municipalities must be rows of the table, and a city must
/// not share its name with a row or another city (a case naming it would be ambiguous).
fn cities(ck: &mut Checker<'_>, m: &Merged, names: &Names, routing: &mut Routing) {
    let mut seen = HashSet::new();
    for (f, c) in &m.cities {
        let f = *f;
        let prov = ck.prov(f, c.name.span(), &c.prov(), &names.sources);
        let name = c.name.get_ref();
        if routing.get(name).is_some() || !seen.insert(fold(name)) {
            ck.err(
                PackErrorKind::Duplicate,
                f,
                c.name.span(),
                format!("city `{name}` is also a municipality or another city"),
            );
            continue;
        }
        let mut parts = Vec::new();
        for part in &c.municipalities {
            match routing.get(part.get_ref()) {
                Some(row) if parts.contains(&row.index) => {
                    ck.err(PackErrorKind::Duplicate, f, part.span(), format!("`{}` is listed twice", part.get_ref()))
                }
                Some(row) => parts.push(row.index),
                None => {
                    let hint = suggestion(part.get_ref(), routing.rows.iter().map(|r| r.name.as_str()));
                    ck.err(
                        PackErrorKind::UnknownName,
                        f,
                        part.span(),
                        format!("`{}` is not a municipality of the routing table{hint}", part.get_ref()),
                    )
                }
            }
        }
        if parts.len() < 2 {
            ck.err(
                PackErrorKind::InvalidValue,
                f,
                c.name.span(),
                format!("city `{name}` needs at least two municipalities"),
            );
            continue;
        }
        routing.cities.push(City { name: name.clone(), municipalities: parts, prov });
    }
}
