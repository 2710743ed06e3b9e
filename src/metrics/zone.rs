//! The team's time zone, from the IANA database compiled into the binary.
//!
//! jiff's bundled database is one blob of bytes. chrono-tz's generated tables held about
//! 29,000 string pointers that the dynamic loader relocated at every start: ~0.5 ms, a
//! seventh of `leadboard snapshot`'s whole run.

use crate::domain::Timestamp;
use chrono::{DateTime, Datelike, NaiveDate};
use jiff::civil::Date;
use jiff::tz::TimeZone;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Zone(TimeZone);

impl Zone {
    pub const UTC: Zone = Zone(TimeZone::UTC);

    /// `UTC` or an IANA name such as `Europe/Berlin`.
    pub fn named(name: &str) -> Result<Zone, String> {
        TimeZone::get(name.trim()).map(Zone).map_err(|_| {
            format!("unknown time zone {name:?} in the agreement (use UTC or an IANA name such as Europe/Berlin)")
        })
    }

    /// The UTC instant a local day starts. Where a DST jump skips midnight, the first instant
    /// that exists.
    pub fn day_start(&self, day: NaiveDate) -> Timestamp {
        let start = civil(day)
            .and_then(|d| d.to_zoned(self.0.clone()).ok())
            .and_then(|z| z.start_of_day().ok())
            .and_then(|z| DateTime::from_timestamp(z.timestamp().as_second(), 0));
        // Outside jiff's range (years beyond ±9999) no zone can be asked: midnight UTC.
        start.unwrap_or_else(|| day.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc())
    }

    /// The UTC instant of a wall-clock time in this zone (an export's times without an offset).
    /// A time a DST jump skips or repeats is read as the clocks showed it first.
    pub fn local_to_utc(&self, t: chrono::NaiveDateTime) -> Option<Timestamp> {
        use chrono::Timelike;
        let dt = jiff::civil::DateTime::new(
            i16::try_from(t.year()).ok()?,
            t.month() as i8,
            t.day() as i8,
            t.hour() as i8,
            t.minute() as i8,
            t.second() as i8,
            t.nanosecond().min(999_999_999) as i32,
        )
        .ok()?;
        let ts = self.0.to_ambiguous_zoned(dt).compatible().ok()?.timestamp();
        DateTime::from_timestamp(ts.as_second(), ts.subsec_nanosecond().max(0) as u32)
    }

    /// The local calendar day `at` falls on.
    pub fn local_day(&self, at: Timestamp) -> NaiveDate {
        jiff::Timestamp::from_second(at.timestamp())
            .ok()
            .map(|ts| self.0.to_datetime(ts).date())
            .and_then(|d| {
                NaiveDate::from_ymd_opt(i32::from(d.year()), d.month() as u32, d.day() as u32)
            })
            .unwrap_or_else(|| at.date_naive())
    }
}

fn civil(day: NaiveDate) -> Option<Date> {
    let year = i16::try_from(day.year()).ok()?;
    Date::new(year, day.month() as i8, day.day() as i8).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_day_starts_at_local_midnight() {
        let berlin = Zone::named("Europe/Berlin").unwrap();
        assert_eq!(berlin.day_start(d("2026-12-01")), t("2026-11-30T23:00:00Z"));
        // Summer time: UTC+2.
        assert_eq!(berlin.day_start(d("2026-07-01")), t("2026-06-30T22:00:00Z"));
        assert_eq!(berlin.local_day(t("2026-11-30T23:30:00Z")), d("2026-12-01"));
        assert_eq!(
            Zone::UTC.local_day(t("2026-11-30T23:30:00Z")),
            d("2026-11-30")
        );
    }

    #[test]
    fn a_skipped_midnight_starts_the_day_at_the_first_instant_that_exists() {
        // Chile moved from UTC-4 to UTC-3 at midnight on 11 Sep 2022: the day began at 01:00.
        let santiago = Zone::named("America/Santiago").unwrap();
        let start = santiago.day_start(d("2022-09-11"));
        assert_eq!(start, t("2022-09-11T04:00:00Z"));
        assert_eq!(santiago.local_day(start), d("2022-09-11"));
        assert_eq!(
            santiago.local_day(start - chrono::Duration::seconds(1)),
            d("2022-09-10")
        );
    }

    #[test]
    fn unknown_names_are_refused_with_a_hint() {
        let e = Zone::named("Mars/Olympus").unwrap_err();
        assert!(e.contains("Europe/Berlin"), "{e}");
        assert_eq!(Zone::named(" UTC ").unwrap(), Zone::UTC);
    }
}
