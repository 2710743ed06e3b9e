//! Dates as CRMs and spreadsheets write them. ISO shapes are always understood; day-first or
//! month-first dates (`01-02-2018`) only with the format stated, because guessing is how
//! February becomes January.

use crate::domain::Timestamp;
use crate::metrics::zone::Zone;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

/// Unambiguous shapes tried after any stated format.
const DATETIMES: &[&str] = &[
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%dT%H:%M:%S%.f",
];
const DATES: &[&str] = &[
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%b %d, %Y",
    "%B %d, %Y",
    "%d %b %Y",
    "%d %B %Y",
];

/// Which comes first in `01.02.2024`-shaped dates: decided per file (`scan`), or stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    DayFirst,
    MonthFirst,
}

impl DateOrder {
    pub fn describe(self) -> &'static str {
        match self {
            DateOrder::DayFirst => "day first (14.02.2024)",
            DateOrder::MonthFirst => "month first (2/14/2024)",
        }
    }
}

/// Day-first or month-first, when this one value can only be read one way (`14.02.2024`).
pub fn order_evidence(input: &str) -> Option<DateOrder> {
    let (a, b) = day_month(input.trim())?;
    match (a > 12, b > 12) {
        (true, false) => Some(DateOrder::DayFirst),
        (false, true) => Some(DateOrder::MonthFirst),
        _ => None,
    }
}

/// The first two numbers of a `NN?NN?YYYY` date, if the value starts with one.
fn day_month(s: &str) -> Option<(u32, u32)> {
    let mut parts = s.splitn(3, ['/', '.', '-']);
    let a = parts.next()?;
    let b = parts.next()?;
    let rest = parts.next()?;
    let year: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    let short = |p: &str| (1..=2).contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit());
    if !short(a) || !short(b) || year.len() != 4 {
        return None;
    }
    Some((a.parse().ok()?, b.parse().ok()?))
}

/// Day-first or month-first shapes as CRMs and spreadsheets write them, once the order is known.
fn ordered(s: &str, order: DateOrder) -> Option<Parsed> {
    day_month(s)?;
    let sep = s.chars().find(|c| matches!(c, '/' | '.' | '-'))?;
    let date = match order {
        DateOrder::DayFirst => format!("%d{sep}%m{sep}%Y"),
        DateOrder::MonthFirst => format!("%m{sep}%d{sep}%Y"),
    };
    if let Ok(d) = NaiveDate::parse_from_str(s, &date) {
        return Some(Parsed::Wall(midnight(d)));
    }
    for time in [
        " %H:%M",
        " %H:%M:%S",
        " %I:%M %p",
        " %I:%M:%S %p",
        ", %H:%M",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, &format!("{date}{time}")) {
            return Some(Parsed::Wall(t));
        }
    }
    None
}

/// A point in time; a bare date means its midnight UTC. Years outside 1900–2200 are refused
/// (`validate::year`).
pub fn parse_ts(input: &str, formats: &[String]) -> Result<Timestamp, String> {
    parse_ts_in(input, formats, None, None)
}

/// A parsed value: an instant (it named its offset), or a wall-clock time.
enum Parsed {
    At(Timestamp),
    Wall(NaiveDateTime),
}

/// As `parse_ts`, reading day-first or month-first dates in the file's order when it is known.
/// Times without an offset are wall-clock times in `zone` (HubSpot and Pipedrive export in
/// the account's time zone), UTC when it is `None`.
pub fn parse_ts_in(
    input: &str,
    formats: &[String],
    order: Option<DateOrder>,
    zone: Option<&Zone>,
) -> Result<Timestamp, String> {
    let t = match parse_any(input, formats) {
        Ok(t) => t,
        Err(e) => match order.and_then(|o| ordered(input.trim(), o)) {
            Some(t) => t,
            None => return Err(e),
        },
    };
    let t = match (t, zone) {
        (Parsed::At(t), _) => t,
        (Parsed::Wall(w), None) => w.and_utc(),
        (Parsed::Wall(w), Some(z)) => z
            .local_to_utc(w)
            .ok_or_else(|| format!("{:?} is not a time in the time zone given", input.trim()))?,
    };
    crate::domain::validate::year(t.date_naive())
        .map(|_| t)
        .map_err(|e| format!("{:?}: {e}", input.trim()))
}

fn parse_any(input: &str, formats: &[String]) -> Result<Parsed, String> {
    let s = input.trim();
    for f in formats {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, f) {
            return Ok(Parsed::Wall(t));
        }
        if let Ok(d) = NaiveDate::parse_from_str(s, f) {
            return Ok(Parsed::Wall(midnight(d)));
        }
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(Parsed::At(t.with_timezone(&Utc)));
    }
    // Salesforce API exports: 2024-01-15T10:23:45.000+0000
    if let Ok(t) = DateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f%z") {
        return Ok(Parsed::At(t.with_timezone(&Utc)));
    }
    for f in DATETIMES {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, f) {
            return Ok(Parsed::Wall(t));
        }
    }
    for f in DATES {
        if let Ok(d) = NaiveDate::parse_from_str(s, f) {
            return Ok(Parsed::Wall(midnight(d)));
        }
    }
    Err(explain(s, formats))
}

/// A calendar day (a time part, if any, is dropped).
pub fn parse_date(input: &str, formats: &[String]) -> Result<NaiveDate, String> {
    parse_ts(input, formats).map(|t| t.date_naive())
}

fn midnight(d: NaiveDate) -> NaiveDateTime {
    d.and_time(chrono::NaiveTime::MIN)
}

fn explain(s: &str, formats: &[String]) -> String {
    let numeric: Vec<&str> = s
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .collect();
    let day_or_month_first = numeric.len() >= 3 && numeric[0].len() <= 2 && numeric[2].len() == 4;
    if formats.is_empty() && day_or_month_first {
        format!(
            "{s:?} is ambiguous (DD-MM-YYYY or MM-DD-YYYY?) and no date in the file settles it: \
             pass --date-order dmy or mdy, or state date_formats in a mapping file"
        )
    } else if formats.is_empty() {
        format!("{s:?} is not a date (expected e.g. 2026-11-25 or 2026-11-25 09:30)")
    } else {
        format!(
            "{s:?} is not a date in the stated format ({})",
            formats.join(" or ")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_first_and_month_first_once_the_order_is_known() {
        let day = Some(DateOrder::DayFirst);
        let mon = Some(DateOrder::MonthFirst);
        let at = |s: &str, o| {
            parse_ts_in(s, &[], o, None)
                .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        };
        assert_eq!(at("14.02.2024", day).unwrap(), "2024-02-14T00:00:00Z");
        assert_eq!(
            at("05.03.2024 14:22:05", day).unwrap(),
            "2024-03-05T14:22:05Z"
        );
        assert_eq!(
            at("3/15/2024 2:22 PM", mon).unwrap(),
            "2024-03-15T14:22:00Z"
        );
        assert_eq!(at("3/15/2024", mon).unwrap(), "2024-03-15T00:00:00Z");
        assert!(at("3/15/2024", day).is_err());
        assert!(at("03/04/2024", None).unwrap_err().contains("ambiguous"));
        assert_eq!(order_evidence("14.02.2024"), Some(DateOrder::DayFirst));
        assert_eq!(
            order_evidence("3/15/2024 2:22 PM"),
            Some(DateOrder::MonthFirst)
        );
        assert_eq!(order_evidence("03/04/2024"), None);
        assert_eq!(order_evidence("2024-03-04"), None);
    }

    #[test]
    fn wall_clock_times_in_the_accounts_zone() {
        let berlin = Zone::named("Europe/Berlin").unwrap();
        let at = |s: &str| {
            parse_ts_in(s, &[], None, Some(&berlin))
                .unwrap()
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        };
        assert_eq!(
            at("2024-01-15 10:23"),
            "2024-01-15T09:23:00Z",
            "winter: UTC+1"
        );
        assert_eq!(
            at("2024-07-15 10:23:00"),
            "2024-07-15T08:23:00Z",
            "summer: UTC+2"
        );
        assert_eq!(
            at("2024-07-15T10:23:00Z"),
            "2024-07-15T10:23:00Z",
            "an offset wins"
        );
    }

    fn f(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn iso_and_vendor_shapes() {
        let want = "2024-01-15T10:23:00Z";
        for s in [
            "2024-01-15 10:23",
            "2024-01-15T10:23:00Z",
            "2024-01-15T10:23:00.000+0000",
        ] {
            assert_eq!(
                parse_ts(s, &[])
                    .unwrap()
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                want,
                "{s}"
            );
        }
        assert_eq!(
            parse_date("Jan 15, 2024", &[]).unwrap(),
            NaiveDate::from_ymd_opt(2024, 1, 15).unwrap()
        );
    }

    #[test]
    fn day_first_needs_a_stated_format() {
        let e = parse_ts("01-02-2018", &[]).unwrap_err();
        assert!(e.contains("ambiguous"), "{e}");
        let dmy = f(&["%d-%m-%Y"]);
        assert_eq!(
            parse_date("01-02-2018", &dmy).unwrap(),
            NaiveDate::from_ymd_opt(2018, 2, 1).unwrap()
        );
        let mdy = f(&["%m-%d-%Y"]);
        assert_eq!(
            parse_date("01-02-2018", &mdy).unwrap(),
            NaiveDate::from_ymd_opt(2018, 1, 2).unwrap()
        );
        let t = parse_ts("26-02-2018 19:58", &f(&["%d-%m-%Y %H:%M"])).unwrap();
        assert_eq!(
            t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            "2018-02-26T19:58:00Z"
        );
        assert!(
            parse_ts("31-02-2018", &dmy)
                .unwrap_err()
                .contains("stated format")
        );
    }
}
