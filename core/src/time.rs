//! Civil time for deadlines: durations as packs write them, holiday calendars, and due
//! times in the pack's time zone.
//!
//! Hours are absolute (24h across a DST change is 24 real hours); days are civil days (the
//! same wall-clock time on a later date); business days skip weekends and the entity's
//! holidays; months keep the day of month and clamp it to the month's end (the only
//! rounding a pack may declare). The time-zone database is compiled into the library, so
//! results never depend on the host's zoneinfo.

use crate::model::Provenance;
use jiff::civil::{Date, Weekday};
use jiff::tz::TimeZone;
use jiff::{Span, Timestamp, Zoned};
use std::collections::BTreeSet;
use std::fmt;

/// A duration as a pack writes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Due {
    /// Absolute hours (24h across a clock change is 24 real hours).
    Hours(u32),
    /// Civil days: the same wall-clock time on a later date.
    Days(u32),
    /// Business days: weekends and the entity's holidays skipped.
    BusinessDays(u32),
    /// Months, clamped to the end of a short month.
    Months(u32),
}

/// Longest duration accepted, in each unit's own terms (about ten years).
const MAX_AMOUNT: u32 = 3660;

impl Due {
    /// Parses `24h`, `3d`, `5bd`, `1mo`.
    pub fn parse(s: &str) -> Result<Due, String> {
        let split = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
        let (num, unit) = s.split_at(split);
        let n: u32 = num.parse().map_err(|_| format!("`{s}` is not a duration (write 24h, 3d, 5bd or 1mo)"))?;
        if n > MAX_AMOUNT {
            return Err(format!("`{s}` is longer than the {MAX_AMOUNT} units a duration may have"));
        }
        match unit {
            "h" => Ok(Due::Hours(n)),
            "d" => Ok(Due::Days(n)),
            "bd" => Ok(Due::BusinessDays(n)),
            "mo" => Ok(Due::Months(n)),
            _ => Err(format!("`{s}` has an unknown unit (h, d, bd, mo)")),
        }
    }
}

impl fmt::Display for Due {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Due::Hours(n) => write!(f, "{n}h"),
            Due::Days(n) => write!(f, "{n}d"),
            Due::BusinessDays(n) => write!(f, "{n}bd"),
            Due::Months(n) => write!(f, "{n}mo"),
        }
    }
}

/// The days on which the institutions of one entity are closed to everyone.
#[derive(Debug)]
pub struct Calendar {
    pub entity: String,
    pub from: Date,
    pub to: Date,
    /// Indexed by `Weekday::to_monday_zero_offset`.
    pub weekend: [bool; 7],
    pub holidays: BTreeSet<Date>,
    pub prov: Provenance,
}

impl Calendar {
    pub fn is_business_day(&self, d: Date) -> bool {
        !self.weekend[d.weekday().to_monday_zero_offset() as usize] && !self.holidays.contains(&d)
    }
}

pub fn weekday(name: &str) -> Option<Weekday> {
    Some(match name {
        "mon" => Weekday::Monday,
        "tue" => Weekday::Tuesday,
        "wed" => Weekday::Wednesday,
        "thu" => Weekday::Thursday,
        "fri" => Weekday::Friday,
        "sat" => Weekday::Saturday,
        "sun" => Weekday::Sunday,
        _ => return None,
    })
}

/// A computed due time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deadline {
    pub at: Timestamp,
    /// Business days were counted past the end of the calendar (weekends only there), or
    /// with no calendar at all.
    pub beyond_calendar: bool,
}

/// When something anchored at `anchor` is due.
pub fn due_at(anchor: Timestamp, due: Due, tz: &TimeZone, calendar: Option<&Calendar>) -> Option<Deadline> {
    // Hours need no civil time at all; the rest go through the pack's time zone.
    let civil = |n: u32, unit: fn(i64) -> Span| {
        anchor.to_zoned(tz.clone()).checked_add(unit(i64::from(n))).ok().map(|z| z.timestamp())
    };
    let at = match due {
        Due::Hours(n) => anchor.checked_add(Span::new().hours(i64::from(n))).ok(),
        Due::Days(n) => civil(n, |n| Span::new().days(n)),
        Due::Months(n) => civil(n, |n| Span::new().months(n)),
        Due::BusinessDays(n) => return business_days(&anchor.to_zoned(tz.clone()), n, calendar),
    }?;
    Some(Deadline { at, beyond_calendar: false })
}

fn business_days(start: &Zoned, n: u32, calendar: Option<&Calendar>) -> Option<Deadline> {
    let mut date = start.date();
    let mut beyond = calendar.is_none();
    let mut counted = 0;
    while counted < n {
        date = date.tomorrow().ok()?;
        let open = match calendar {
            Some(cal) if date >= cal.from && date <= cal.to => cal.is_business_day(date),
            _ => {
                beyond = true;
                !matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday)
            }
        };
        if open {
            counted += 1;
        }
    }
    let at = date.to_datetime(start.time()).to_zoned(start.time_zone().clone()).ok()?.timestamp();
    Some(Deadline { at, beyond_calendar: beyond })
}

/// RFC 3339 text of an instant, with the offset in force in `tz` at that instant.
#[cfg(test)]
fn rfc3339(at: Timestamp, tz: &TimeZone) -> String {
    let offset = tz.to_offset(at);
    at.display_with_offset(offset).to_string()
}

/// Parses an RFC 3339 timestamp with an explicit offset (or `Z`).
pub fn parse_timestamp(s: &str) -> Option<Timestamp> {
    if s.len() > 64 {
        return None;
    }
    s.parse::<Timestamp>().ok()
}

/// Parses a `YYYY-MM-DD` civil date.
pub fn parse_date(s: &str) -> Option<Date> {
    if s.len() != 10 {
        return None;
    }
    s.parse::<Date>().ok()
}

/// Whole years from `birth` to `on`.
pub fn age_on(birth: Date, on: Date) -> Option<i64> {
    let span = birth.until((jiff::Unit::Year, on)).ok()?;
    Some(i64::from(span.get_years()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceStatus;

    fn sarajevo() -> TimeZone {
        TimeZone::get("Europe/Sarajevo").unwrap()
    }

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn calendar(holidays: &[&str]) -> Calendar {
        let mut weekend = [false; 7];
        weekend[5] = true;
        weekend[6] = true;
        Calendar {
            entity: "FBiH".into(),
            from: "2025-01-01".parse().unwrap(),
            to: "2028-12-31".parse().unwrap(),
            weekend,
            holidays: holidays.iter().map(|d| d.parse().unwrap()).collect(),
            prov: Provenance { source: vec![], status: SourceStatus::Verified, citation: None },
        }
    }

    #[test]
    fn durations_parse_and_print() {
        for s in ["24h", "3d", "5bd", "1mo", "0h"] {
            assert_eq!(Due::parse(s).unwrap().to_string(), s);
        }
        assert!(Due::parse("3 days").is_err());
        assert!(Due::parse("h").is_err());
        assert!(Due::parse("99999d").is_err());
    }

    #[test]
    fn hours_are_absolute_across_spring_forward() {
        // 29 March 2026: clocks go from 02:00 CET to 03:00 CEST in Sarajevo.
        let d = due_at(ts("2026-03-28T12:00:00+01:00"), Due::Hours(24), &sarajevo(), None).unwrap();
        assert_eq!(rfc3339(d.at, &sarajevo()), "2026-03-29T13:00:00+02:00");
        let d = due_at(ts("2026-03-28T12:00:00+01:00"), Due::Days(1), &sarajevo(), None).unwrap();
        assert_eq!(rfc3339(d.at, &sarajevo()), "2026-03-29T12:00:00+02:00");
    }

    #[test]
    fn days_are_civil_across_fall_back() {
        // 25 October 2026: clocks go from 03:00 CEST back to 02:00 CET.
        let d = due_at(ts("2026-10-24T09:30:00+02:00"), Due::Days(1), &sarajevo(), None).unwrap();
        assert_eq!(rfc3339(d.at, &sarajevo()), "2026-10-25T09:30:00+01:00");
        let d = due_at(ts("2026-10-24T09:30:00+02:00"), Due::Hours(24), &sarajevo(), None).unwrap();
        assert_eq!(rfc3339(d.at, &sarajevo()), "2026-10-25T08:30:00+01:00");
    }

    #[test]
    fn business_days_skip_weekends_and_holidays() {
        // Thu 30 April 2026 + 2 business days: 1-2 May are holidays (Fri, Sat), 3 May Sunday.
        let cal = calendar(&["2026-05-01", "2026-05-02"]);
        let d = due_at(ts("2026-04-30T10:00:00+02:00"), Due::BusinessDays(2), &sarajevo(), Some(&cal)).unwrap();
        assert_eq!(rfc3339(d.at, &sarajevo()), "2026-05-05T10:00:00+02:00");
        assert!(!d.beyond_calendar);
        let d = due_at(ts("2028-12-29T10:00:00+01:00"), Due::BusinessDays(2), &sarajevo(), Some(&cal)).unwrap();
        assert!(d.beyond_calendar);
    }

    #[test]
    fn months_clamp_to_the_end_of_a_short_month() {
        let d = due_at(ts("2026-01-31T10:00:00+01:00"), Due::Months(1), &sarajevo(), None).unwrap();
        assert_eq!(rfc3339(d.at, &sarajevo()), "2026-02-28T10:00:00+01:00");
    }

    #[test]
    fn ages_count_whole_years() {
        let birth: Date = "2008-03-01".parse().unwrap();
        assert_eq!(age_on(birth, "2026-02-28".parse().unwrap()), Some(17));
        assert_eq!(age_on(birth, "2026-03-01".parse().unwrap()), Some(18));
    }
}
