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

/// The days on which the institutions of one entity are closed to everyone, and the
/// days on which some of them are closed (announced non-working days of public bodies).
#[derive(Debug)]
pub struct Calendar {
    pub entity: String,
    pub from: Date,
    pub to: Date,
    /// Indexed by `Weekday::to_monday_zero_offset`.
    pub weekend: [bool; 7],
    pub holidays: BTreeSet<Date>,
    /// In date order, at most one per date, none on a holiday.
    pub closures: Vec<Closure>,
    pub prov: Provenance,
}

/// A day on which the institutions of some roles are closed: an announced non-working
/// day of public administration.
#[derive(Debug)]
pub struct Closure {
    pub date: Date,
    /// The roles (by index) whose institutions are closed.
    pub closed: Vec<u32>,
    pub prov: Provenance,
}

impl Calendar {
    /// Whether `d` is a business day for everyone: not a weekend day, not a holiday.
    pub fn is_business_day(&self, d: Date) -> bool {
        !self.weekend[d.weekday().to_monday_zero_offset() as usize] && !self.holidays.contains(&d)
    }

    /// Whether `d` is a business day for the institution of `role` (the one that counts
    /// the days): a business day on which no closure closes it.
    pub fn is_open_for(&self, d: Date, role: Option<u32>) -> bool {
        self.is_business_day(d) && !role.is_some_and(|r| self.closure(d).is_some_and(|c| c.closed.contains(&r)))
    }

    /// The closure on `d`, if there is one.
    pub fn closure(&self, d: Date) -> Option<&Closure> {
        self.closures.binary_search_by_key(&d, |c| c.date).ok().map(|i| &self.closures[i])
    }

    /// The closures that close `role`, in date order.
    pub fn closures_for(&self, role: u32) -> impl Iterator<Item = &Closure> {
        self.closures.iter().filter(move |c| c.closed.contains(&role))
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

/// When something anchored at `anchor` is due. Business days are counted by the
/// institution of `role` (the obligation's actor): the calendar's closures for it are
/// skipped too.
pub fn due_at(
    anchor: Timestamp,
    due: Due,
    tz: &TimeZone,
    calendar: Option<&Calendar>,
    role: Option<u32>,
) -> Option<Deadline> {
    // Hours need no civil time at all; the rest go through the pack's time zone.
    let civil = |n: u32, unit: fn(i64) -> Span| {
        anchor.to_zoned(tz.clone()).checked_add(unit(i64::from(n))).ok().map(|z| z.timestamp())
    };
    let at = match due {
        Due::Hours(n) => anchor.checked_add(Span::new().hours(i64::from(n))).ok(),
        Due::Days(n) => civil(n, |n| Span::new().days(n)),
        Due::Months(n) => civil(n, |n| Span::new().months(n)),
        Due::BusinessDays(n) => return business_days(&anchor.to_zoned(tz.clone()), n, calendar, role),
    }?;
    Some(Deadline { at, beyond_calendar: false })
}

fn business_days(start: &Zoned, n: u32, calendar: Option<&Calendar>, role: Option<u32>) -> Option<Deadline> {
    let mut date = start.date();
    let mut beyond = calendar.is_none();
    let mut counted = 0;
    while counted < n {
        date = date.tomorrow().ok()?;
        let open = match calendar {
            Some(cal) if date >= cal.from && date <= cal.to => cal.is_open_for(date, role),
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

/// Why a timestamp was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimestampError {
    /// The text is not an RFC 3339 date and time (see [`parse_timestamp`]).
    Syntax,
    /// The text is RFC 3339, but the instant lies outside what the engine computes with
    /// (the last day of year 9999, in UTC, is beyond it).
    OutOfRange,
}

/// Parses an RFC 3339 date and time: `YYYY-MM-DDTHH:MM:SS`, an optional fraction of up
/// to nine digits, and `Z` or an offset `±HH:MM` (at most 23:59). Years run from 0001 to
/// 9999; `t`, `z` and a space in place of `T` are accepted, as RFC 3339 allows; a leap
/// second (`:60`) reads as the second before it. Anything else is refused: a missing
/// second, an offset without its colon or with seconds, a bracketed time-zone suffix.
pub fn parse_timestamp(s: &str) -> Result<Timestamp, TimestampError> {
    use TimestampError::Syntax;
    let b = s.as_bytes();
    if b.len() < 20 {
        return Err(Syntax);
    }
    let (date, rest) = b.split_at(10);
    let date = civil_date(date).ok_or(Syntax)?;
    if !matches!(rest[0], b'T' | b't' | b' ') || rest[3] != b':' || rest[6] != b':' {
        return Err(Syntax);
    }
    let (hour, minute, second) = (two_digits(&rest[1..3]), two_digits(&rest[4..6]), two_digits(&rest[7..9]));
    let (Some(hour @ 0..=23), Some(minute @ 0..=59), Some(second @ 0..=60)) = (hour, minute, second) else {
        return Err(Syntax);
    };
    let mut rest = &rest[9..];
    let mut nanos = 0i32;
    if let [b'.', tail @ ..] = rest {
        let digits = tail.iter().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 || digits > 9 {
            return Err(Syntax);
        }
        for c in &tail[..digits] {
            nanos = nanos * 10 + i32::from(c - b'0');
        }
        nanos *= 10i32.pow(9 - digits as u32);
        rest = &tail[digits..];
    }
    let offset_seconds = match rest {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let (Some(h @ 0..=23), Some(m @ 0..=59)) = (two_digits(&[*h1, *h2]), two_digits(&[*m1, *m2])) else {
                return Err(Syntax);
            };
            let seconds = i32::from(h) * 3600 + i32::from(m) * 60;
            if *sign == b'-' {
                -seconds
            } else {
                seconds
            }
        }
        _ => return Err(Syntax),
    };
    let time = jiff::civil::Time::new(hour as i8, minute as i8, second.min(59) as i8, nanos).map_err(|_| Syntax)?;
    let offset = jiff::tz::Offset::from_seconds(offset_seconds).map_err(|_| Syntax)?;
    offset.to_timestamp(date.to_datetime(time)).map_err(|_| TimestampError::OutOfRange)
}

/// Parses a `YYYY-MM-DD` civil date, years 0001 to 9999.
pub fn parse_date(s: &str) -> Option<Date> {
    civil_date(s.as_bytes())
}

fn civil_date(b: &[u8]) -> Option<Date> {
    let [y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2] = *b else {
        return None;
    };
    let year = i16::from(two_digits(&[y1, y2])?) * 100 + i16::from(two_digits(&[y3, y4])?);
    let (month, day) = (two_digits(&[m1, m2])?, two_digits(&[d1, d2])?);
    if year == 0 {
        return None;
    }
    Date::new(year, month as i8, day as i8).ok()
}

fn two_digits(b: &[u8]) -> Option<u8> {
    match b {
        [a @ b'0'..=b'9', b @ b'0'..=b'9'] => Some((a - b'0') * 10 + (b - b'0')),
        _ => None,
    }
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
            closures: Vec::new(),
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
        let d = due_at(ts("2026-03-28T12:00:00+01:00"), Due::Hours(24), &sarajevo(), None, None).unwrap();
        assert_eq!(rfc3339(d.at, &sarajevo()), "2026-03-29T13:00:00+02:00");
        let d = due_at(ts("2026-03-28T12:00:00+01:00"), Due::Days(1), &sarajevo(), None, None).unwrap();
        assert_eq!(rfc3339(d.at, &sarajevo()), "2026-03-29T12:00:00+02:00");
    }

    #[test]
    fn days_are_civil_across_fall_back() {
        // 25 October 2026: clocks go from 03:00 CEST back to 02:00 CET.
        let d = due_at(ts("2026-10-24T09:30:00+02:00"), Due::Days(1), &sarajevo(), None, None).unwrap();
        assert_eq!(rfc3339(d.at, &sarajevo()), "2026-10-25T09:30:00+01:00");
        let d = due_at(ts("2026-10-24T09:30:00+02:00"), Due::Hours(24), &sarajevo(), None, None).unwrap();
        assert_eq!(rfc3339(d.at, &sarajevo()), "2026-10-25T08:30:00+01:00");
    }

    #[test]
    fn business_days_skip_weekends_and_holidays() {
        // Thu 30 April 2026 + 2 business days: 1-2 May are holidays (Fri, Sat), 3 May Sunday.
        let cal = calendar(&["2026-05-01", "2026-05-02"]);
        let d = due_at(ts("2026-04-30T10:00:00+02:00"), Due::BusinessDays(2), &sarajevo(), Some(&cal), None).unwrap();
        assert_eq!(rfc3339(d.at, &sarajevo()), "2026-05-05T10:00:00+02:00");
        assert!(!d.beyond_calendar);
        let d = due_at(ts("2028-12-29T10:00:00+01:00"), Due::BusinessDays(2), &sarajevo(), Some(&cal), None).unwrap();
        assert!(d.beyond_calendar);
    }

    #[test]
    fn business_days_skip_the_closures_of_the_institution_that_counts() {
        // Mon 12 January 2026 + 5 business days; Wed 14 January closed for role 0 only.
        let mut cal = calendar(&[]);
        cal.closures.push(Closure {
            date: "2026-01-14".parse().unwrap(),
            closed: vec![0],
            prov: Provenance { source: vec![], status: SourceStatus::Secondary, citation: None },
        });
        let at = ts("2026-01-12T10:00:00+01:00");
        let due =
            |role| rfc3339(due_at(at, Due::BusinessDays(5), &sarajevo(), Some(&cal), role).unwrap().at, &sarajevo());
        assert_eq!(due(Some(0)), "2026-01-20T10:00:00+01:00");
        assert_eq!(due(Some(1)), "2026-01-19T10:00:00+01:00");
        assert_eq!(due(None), "2026-01-19T10:00:00+01:00");
        // Hours and days ignore closures.
        let d = due_at(at, Due::Days(2), &sarajevo(), Some(&cal), Some(0)).unwrap();
        assert_eq!(rfc3339(d.at, &sarajevo()), "2026-01-14T10:00:00+01:00");
    }

    #[test]
    fn months_clamp_to_the_end_of_a_short_month() {
        let d = due_at(ts("2026-01-31T10:00:00+01:00"), Due::Months(1), &sarajevo(), None, None).unwrap();
        assert_eq!(rfc3339(d.at, &sarajevo()), "2026-02-28T10:00:00+01:00");
    }

    #[test]
    fn timestamps_are_rfc3339_exactly() {
        for (text, utc) in [
            ("2026-03-02T09:15:00+01:00", "2026-03-02T08:15:00Z"),
            ("2026-03-02t09:15:00z", "2026-03-02T09:15:00Z"),
            ("2026-03-02 09:15:00-00:00", "2026-03-02T09:15:00Z"),
            ("2026-03-02T09:15:00.5+23:59", "2026-03-01T09:16:00.5Z"),
            ("2026-03-02T09:15:00.123456789-23:59", "2026-03-03T09:14:00.123456789Z"),
            ("2016-12-31T23:59:60Z", "2016-12-31T23:59:59Z"),
            ("0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z"),
            ("9999-12-30T22:00:00Z", "9999-12-30T22:00:00Z"),
        ] {
            assert_eq!(parse_timestamp(text).map(|t| t.to_string()), Ok(utc.to_owned()), "{text}");
        }
        for text in [
            "2026-03-02T09:15:00+24:00",
            "2026-03-02T09:15:00+01:60",
            "2026-03-02T09:15:00+0100",
            "2026-03-02T09:15:00+01",
            "2026-03-02T09:15:00+01:00:30",
            "2026-03-02T09:15+01:00",
            "2026-03-02T09Z",
            "2026-03-02T09:15:00",
            "2026-03-02T09:15:00+01:00[Europe/Sarajevo]",
            "-0001-03-02T09:15:00Z",
            "+002026-03-02T09:15:00Z",
            "0000-03-02T09:15:00Z",
            "2026-02-30T09:15:00Z",
            "2026-03-02T24:00:00Z",
            "2026-03-02T09:15:61Z",
            "2026-03-02T09:15:00.Z",
            "2026-03-02T09:15:00.1234567891Z",
            "2026-03-02T09:15:00Zjunk",
            "2026-03-02X09:15:00Z",
            "２026-03-02T09:15:00Z",
        ] {
            assert_eq!(parse_timestamp(text), Err(TimestampError::Syntax), "{text}");
        }
        assert_eq!(parse_timestamp("9999-12-31T23:59:59Z"), Err(TimestampError::OutOfRange));
        assert_eq!(parse_timestamp("9999-12-31T12:00:00+13:00"), Err(TimestampError::OutOfRange));
    }

    #[test]
    fn dates_are_four_digit_years_from_0001() {
        assert_eq!(parse_date("2015-09-14"), Some(jiff::civil::date(2015, 9, 14)));
        assert_eq!(parse_date("0001-01-01"), Some(jiff::civil::date(1, 1, 1)));
        for text in ["0000-01-01", "2015-9-14", "+2015-09-14", "2015-02-29", "2015-09-14T00:00:00Z", "20150914"] {
            assert_eq!(parse_date(text), None, "{text}");
        }
    }

    #[test]
    fn ages_count_whole_years() {
        let birth: Date = "2008-03-01".parse().unwrap();
        assert_eq!(age_on(birth, "2026-02-28".parse().unwrap()), Some(17));
        assert_eq!(age_on(birth, "2026-03-01".parse().unwrap()), Some(18));
    }
}
