//! Time without repeated work. At load the plan turns the pack's time zone into a table of
//! offset changes over the years its calendars cover, and each entity's calendar into the
//! lists of its business days — one list for the institutions no closure closes, and one
//! per other set of closures that close some role (announced non-working days of public
//! bodies); a case's deadlines are then a few integer look-ups instead of time-zone and
//! calendar walks. Outside the covered years (or for a zone with no table) every
//! computation falls back to [`crate::time::due_at`], which stays the reference: tests
//! compare the two at every quarter hour around the clock changes, closures included.

use crate::time::{due_at, Calendar, Deadline, Due};
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::Timestamp;

const DAY: i64 = 86_400;

/// Days since 1970-01-01 of a proleptic Gregorian date.
pub(crate) fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let (y, m, d) = (i64::from(year) - i64::from(month <= 2), i64::from(month), i64::from(day));
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian date of a day number (the inverse of [`days_from_civil`]).
fn civil_from_days(days: i64) -> (i64, i8, i8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month as i8, day as i8)
}

fn days_of(date: Date) -> i64 {
    days_from_civil(i32::from(date.year()), date.month() as u8, date.day() as u8)
}

/// The pack's time zone as offset changes over a covered span.
#[derive(Clone, Debug)]
pub(crate) struct Zone {
    /// Unix seconds from which each offset holds, ascending, with the offset in seconds;
    /// the first holds from `from`, the last until `to`.
    changes: Vec<(i64, i64)>,
    from: i64,
    to: i64,
}

impl Zone {
    /// The zone's offsets between two dates (a day of margin on each side).
    pub(crate) fn of(tz: &TimeZone, first: Date, last: Date) -> Option<Zone> {
        let from = (days_of(first) - 1) * DAY;
        let to = (days_of(last) + 2) * DAY;
        let start = Timestamp::from_second(from).ok()?;
        let end = Timestamp::from_second(to).ok()?;
        let mut changes = vec![(from, i64::from(tz.to_offset(start).seconds()))];
        for t in tz.following(start) {
            if t.timestamp() >= end {
                break;
            }
            changes.push((t.timestamp().as_second(), i64::from(t.offset().seconds())));
        }
        Some(Zone { changes, from, to })
    }

    fn covers(&self, t: i64) -> bool {
        t >= self.from && t < self.to
    }

    /// The offset in force at unix second `t` (inside the covered span).
    fn offset(&self, t: i64) -> i64 {
        let k = self.changes.partition_point(|(start, _)| *start <= t);
        self.changes[k.saturating_sub(1)].1
    }

    /// The unix second of local (wall-clock) seconds `local`, as jiff's `compatible`
    /// disambiguation gives it: in a fold the earlier instant — or the one with offset
    /// `prefer`, when it is one of the two (as jiff keeps the offset of a zoned time it
    /// adds days to) — and in a gap the instant with the offset before the gap (a later
    /// wall-clock time).
    fn instant(&self, local: i64, prefer: Option<i64>) -> i64 {
        let mut found: Option<i64> = None;
        for (k, (start, offset)) in self.changes.iter().enumerate() {
            let end = self.changes.get(k + 1).map_or(i64::MAX, |c| c.0);
            let t = local - offset;
            let inside = t < end && (t >= *start || k == 0);
            match (inside, found) {
                (true, None) => found = Some(t),
                // A fold: the same wall-clock time under two offsets.
                (true, Some(earlier)) => return if prefer == Some(*offset) { t } else { earlier },
                (false, Some(earlier)) => return earlier,
                (false, None) if t < *start => {
                    // In the gap before this change: the offset of the one before.
                    return local - self.changes[k.saturating_sub(1)].1;
                }
                (false, None) => {}
            }
        }
        found.unwrap_or_else(|| local - self.changes.last().map_or(0, |c| c.1))
    }
}

/// One entity's business days, as day numbers.
#[derive(Clone, Debug)]
pub(crate) struct BusinessDays {
    /// Days since 1970-01-01 of the calendar's first and last day.
    first: i64,
    last: i64,
    /// Per day of the calendar: how many business days precede it.
    before: Vec<u32>,
    /// The day numbers of the business days, in order.
    days: Vec<i64>,
}

impl BusinessDays {
    /// The business days of `cal` for the institution of `role`.
    pub(crate) fn of(cal: &Calendar, role: Option<u32>) -> BusinessDays {
        let (first, last) = (days_of(cal.from), days_of(cal.to));
        let mut before = Vec::with_capacity((last - first + 1).max(0) as usize);
        let mut days = Vec::new();
        let mut date = cal.from;
        for day in first..=last {
            before.push(days.len() as u32);
            if cal.is_open_for(date, role) {
                days.push(day);
            }
            date = date.tomorrow().unwrap_or(date);
        }
        BusinessDays { first, last, before, days }
    }

    /// The day `n` business days after `day`, if both lie in the calendar.
    fn after(&self, day: i64, n: u32) -> Option<i64> {
        if day < self.first || day > self.last {
            return None;
        }
        if n == 0 {
            return Some(day);
        }
        let index = self.before[(day - self.first) as usize] as usize;
        // Business days strictly after `day`: the first is the one at `index` when `day`
        // itself is not one, at `index + 1` when it is.
        let is_business = self.days.get(index) == Some(&day);
        let k = index + usize::from(is_business) + n as usize - 1;
        self.days.get(k).copied()
    }
}

/// One calendar's business days for each role.
#[derive(Clone, Debug)]
struct RoleDays {
    /// The first for institutions no closure closes (and an unknown role), then one per
    /// other set of closures.
    tables: Vec<BusinessDays>,
    /// Per role of the protocol: its table.
    of_role: Vec<u16>,
}

impl RoleDays {
    fn of(cal: &Calendar, roles: usize) -> RoleDays {
        let mut tables = vec![BusinessDays::of(cal, None)];
        // The closure dates of each table after the first, to share one among the roles
        // that the same closures close.
        let mut sets: Vec<Vec<Date>> = Vec::new();
        let of_role = (0..roles as u32)
            .map(|r| {
                let dates: Vec<Date> = cal.closures_for(r).map(|c| c.date).collect();
                if dates.is_empty() {
                    return 0;
                }
                let k = sets.iter().position(|s| *s == dates).unwrap_or_else(|| {
                    sets.push(dates);
                    tables.push(BusinessDays::of(cal, Some(r)));
                    sets.len() - 1
                });
                (k + 1) as u16
            })
            .collect();
        RoleDays { tables, of_role }
    }

    fn for_role(&self, role: Option<u32>) -> &BusinessDays {
        let k = role.and_then(|r| self.of_role.get(r as usize)).map_or(0, |k| *k as usize);
        &self.tables[k]
    }
}

/// Deadlines in whole seconds, for the covered span.
#[derive(Clone, Debug, Default)]
pub(crate) struct Clock {
    zone: Option<Zone>,
    /// Per calendar of the protocol, in the same order.
    calendars: Vec<RoleDays>,
}

impl Clock {
    /// The clock of a pack with `roles` roles.
    pub(crate) fn of(tz: &TimeZone, calendars: &[Calendar], roles: usize) -> Clock {
        let first = calendars.iter().map(|c| c.from).min();
        let last = calendars.iter().map(|c| c.to).max();
        let zone = first.zip(last).and_then(|(a, b)| Zone::of(tz, a, b));
        Clock { zone, calendars: calendars.iter().map(|c| RoleDays::of(c, roles)).collect() }
    }

    /// The date in `tz` at `t`: by table where the table covers it.
    pub(crate) fn civil_date(&self, t: Timestamp, tz: &TimeZone) -> Date {
        let by_table = self.zone.as_ref().filter(|zone| zone.covers(t.as_second())).and_then(|zone| {
            let local = t.as_second() + zone.offset(t.as_second());
            let (year, month, day) = civil_from_days(local.div_euclid(DAY));
            Date::new(i16::try_from(year).ok()?, month, day).ok()
        });
        by_table.unwrap_or_else(|| t.to_zoned(tz.clone()).date())
    }

    /// `t` written with the offset `tz` has then: by table where the table covers it.
    pub(crate) fn offset_timestamp(&self, t: Timestamp, tz: &TimeZone) -> crate::model::OffsetTimestamp {
        match &self.zone {
            Some(zone) if zone.covers(t.as_second()) => {
                let offset =
                    jiff::tz::Offset::from_seconds(zone.offset(t.as_second()) as i32).unwrap_or(jiff::tz::Offset::UTC);
                crate::model::OffsetTimestamp::with_offset(t, offset)
            }
            _ => crate::model::OffsetTimestamp::in_zone(t, tz),
        }
    }

    /// When something anchored at `anchor` is due: what [`due_at`] gives, by table where
    /// the table covers the anchor and the deadline. `calendar` is the index of the
    /// entity's calendar among the protocol's, `role` the role whose institution counts
    /// the business days.
    pub(crate) fn due_at(
        &self,
        anchor: Timestamp,
        due: Due,
        tz: &TimeZone,
        calendars: &[Calendar],
        calendar: Option<usize>,
        role: Option<u32>,
    ) -> Option<Deadline> {
        let fast = self.zone.as_ref().and_then(|zone| {
            let t = anchor.as_second();
            if !zone.covers(t) {
                return None;
            }
            let offset = zone.offset(t);
            let local = t + offset;
            let (day, time) = (local.div_euclid(DAY), local.rem_euclid(DAY));
            let at = match due {
                // Hours need no civil time at all.
                Due::Hours(_) => return None,
                Due::Days(n) => zone.instant((day + i64::from(n)) * DAY + time, Some(offset)),
                Due::BusinessDays(n) => {
                    let days = self.calendars[calendar?].for_role(role);
                    zone.instant(days.after(day, n)? * DAY + time, None)
                }
                Due::Months(_) => return None,
            };
            if !zone.covers(at) {
                return None;
            }
            let at = Timestamp::new(at, anchor.subsec_nanosecond()).ok()?;
            Some(Deadline { at, beyond_calendar: false })
        });
        fast.or_else(|| due_at(anchor, due, tz, calendar.map(|k| &calendars[k]), role))
    }
}

/// The weekday of a day number (1970-01-01 was a Thursday).
#[cfg(test)]
fn weekday(day: i64) -> jiff::civil::Weekday {
    use jiff::civil::Weekday;
    Weekday::from_monday_zero_offset(((day + 3).rem_euclid(7)) as i8).unwrap_or(Weekday::Monday)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Protocol;

    #[test]
    fn day_numbers_agree_with_jiff() {
        let mut date: Date = "1969-12-25".parse().unwrap();
        let epoch: Date = "1970-01-01".parse().unwrap();
        for _ in 0..60_000 {
            let expected = (date - epoch).get_days() as i64;
            assert_eq!(days_of(date), expected, "{date}");
            let (y, m, d) = civil_from_days(expected);
            assert_eq!((y, m, d), (i64::from(date.year()), date.month(), date.day()), "{date}");
            assert_eq!(weekday(days_of(date)), date.weekday(), "{date}");
            date = date.tomorrow().unwrap();
        }
    }

    /// The BiH pack with closures added to the FBiH calendar around both clock changes of
    /// 2026 and at the ends of the covered years, for two different sets of roles (the
    /// RS calendar has the pack's own closures).
    fn with_closures() -> Protocol {
        let mut files = Protocol::bundled("bih").unwrap().files().to_vec();
        let calendars = files.iter_mut().find(|(p, _)| p == "calendars.toml").unwrap();
        let closure = |date: &str, closed: &str| {
            format!(
                "[[calendars.closures]]\ndate = \"{date}\"\nlabel = {{ bs = \"x\", hr = \"x\", \"sr-Latn\" = \"x\", \"sr-Cyrl\" = \"x\", en = \"x\" }}\nclosed = {closed}\nsource = \"fbih-holidays\"\nstatus = \"secondary\"\n"
            )
        };
        let mut added = String::new();
        for date in ["2025-01-03", "2026-03-27", "2026-03-30", "2026-10-23", "2026-10-26", "2028-12-29"] {
            added.push_str(&closure(date, "[\"csw\", \"police\"]"));
        }
        for date in ["2026-03-31", "2026-10-27"] {
            added.push_str(&closure(date, "[\"school\"]"));
        }
        let at = calendars.1.find("\n\n# Republika Srpska").unwrap();
        calendars.1.insert_str(at, &format!("\n{added}"));
        Protocol::from_files(files).unwrap()
    }

    /// Every deadline rule from every quarter hour around the clock changes (and every 97
    /// minutes of the covered years), with every entity's calendar and every set of
    /// closures in it: the tables give what the reference gives (clock changes, holidays,
    /// closures and the calendar's end included).
    #[test]
    fn deadlines_by_table_agree_with_the_reference() {
        let p = with_closures();
        let c = &*p.inner;
        let tz = &c.meta.time_zone;
        let clock = Clock::of(tz, &c.calendars, c.roles.len());
        // Per calendar: no role, then one role of each set of closures.
        let roles: Vec<Vec<Option<u32>>> = clock
            .calendars
            .iter()
            .map(|days| {
                let mut roles = vec![None];
                for k in 1..days.tables.len() {
                    roles.push(days.of_role.iter().position(|t| *t as usize == k).map(|r| r as u32));
                }
                roles
            })
            .collect();
        assert_eq!(roles.iter().map(Vec::len).collect::<Vec<_>>(), [3, 2, 1], "FBiH, RS and BD sets of closures");
        let civil = [Due::Hours(24), Due::Days(0), Due::Days(1), Due::Days(7), Due::Days(30)];
        let business = [0, 1, 3, 5, 20].map(Due::BusinessDays);
        let mut checked = 0;
        let mut check = |t: Timestamp| {
            assert_eq!(clock.civil_date(t, tz), t.to_zoned(tz.clone()).date(), "{t}");
            for (k, (calendar, roles)) in c.calendars.iter().zip(&roles).enumerate() {
                for (i, role) in roles.iter().enumerate() {
                    let rules = if i == 0 { &civil[..] } else { &[] }.iter().chain(&business);
                    for due in rules {
                        let want = due_at(t, *due, tz, Some(calendar), *role);
                        let got = clock.due_at(t, *due, tz, &c.calendars, Some(k), *role);
                        assert_eq!(got, want, "{t} + {due} in {} for role {role:?}", calendar.entity);
                        checked += 1;
                    }
                }
            }
        };
        // Every 97 minutes (so that every time of day comes round) from before the first
        // covered day to after the last, and every quarter hour around each clock change.
        let step = |t: Timestamp, minutes: i64| t.checked_add(jiff::Span::new().minutes(minutes)).unwrap();
        let mut t = Timestamp::from_second(days_of("2024-12-30".parse().unwrap()) * DAY).unwrap();
        let end = Timestamp::from_second(days_of("2029-01-03".parse().unwrap()) * DAY).unwrap();
        let changes: Vec<Timestamp> =
            tz.following(t).take_while(|x| x.timestamp() < end).map(|x| x.timestamp()).collect();
        while t < end {
            check(t);
            t = step(t, 97);
        }
        for change in changes {
            let mut t = step(change, -36 * 60);
            while t < step(change, 36 * 60) {
                check(t);
                t = step(t, 15);
            }
        }
        assert!(checked > 200_000, "{checked}");
    }
}
