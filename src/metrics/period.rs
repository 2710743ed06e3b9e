//! Periods in the team's time zone: calendar months for deliveries, ISO weeks for contacts.

use super::zone::Zone;
use crate::domain::Timestamp;
use crate::domain::facts::Span;
use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PeriodKind {
    Month,
    Week,
}

/// One month or ISO week: its local days and the UTC instants that bound it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Period {
    pub kind: PeriodKind,
    /// First local day.
    pub first: NaiveDate,
    /// Day after the last local day.
    pub end_day: NaiveDate,
    pub span: Span,
    /// `2026-11` or `2026-W48`.
    pub label: String,
}

/// The zone named in the agreement. `UTC` and IANA names (`Europe/Berlin`) are accepted.
pub fn zone(name: &str) -> Result<Zone, String> {
    Zone::named(name)
}

/// The UTC instant a local day starts. Where a DST jump skips midnight, the first instant that exists.
pub fn day_start(tz: &Zone, day: NaiveDate) -> Timestamp {
    tz.day_start(day)
}

/// The local calendar day `at` falls on.
pub fn local_day(tz: &Zone, at: Timestamp) -> NaiveDate {
    tz.local_day(at)
}

fn month_first(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

fn next_month(first: NaiveDate) -> NaiveDate {
    let (y, m) = if first.month() == 12 {
        (first.year() + 1, 1)
    } else {
        (first.year(), first.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(first + Duration::days(31))
}

fn prev_month(first: NaiveDate) -> NaiveDate {
    month_first(first - Duration::days(1))
}

fn make(kind: PeriodKind, tz: &Zone, first: NaiveDate) -> Period {
    let end_day = match kind {
        PeriodKind::Month => next_month(first),
        PeriodKind::Week => first + Duration::days(7),
    };
    let label = match kind {
        PeriodKind::Month => first.format("%Y-%m").to_string(),
        PeriodKind::Week => {
            let w = first.iso_week();
            format!("{}-W{:02}", w.year(), w.week())
        }
    };
    Period {
        kind,
        first,
        end_day,
        span: Span {
            start: day_start(tz, first),
            end: day_start(tz, end_day),
        },
        label,
    }
}

/// The month or ISO week (Monday first) that contains `at`, in `tz`.
pub fn containing(kind: PeriodKind, tz: &Zone, at: Timestamp) -> Period {
    let day = local_day(tz, at);
    let first = match kind {
        PeriodKind::Month => month_first(day),
        PeriodKind::Week => day - Duration::days(day.weekday().num_days_from_monday() as i64),
    };
    make(kind, tz, first)
}

/// `count` periods ending with the one containing `at`, oldest first.
pub fn recent(kind: PeriodKind, tz: &Zone, at: Timestamp, count: usize) -> Vec<Period> {
    let current = containing(kind, tz, at);
    let mut firsts = vec![current.first];
    while firsts.len() < count.max(1) {
        let last = firsts[firsts.len() - 1];
        firsts.push(match kind {
            PeriodKind::Month => prev_month(last),
            PeriodKind::Week => last - Duration::days(7),
        });
    }
    firsts.reverse();
    firsts.into_iter().map(|f| make(kind, tz, f)).collect()
}

impl Period {
    /// Share of the period gone by at `at`: 0 before it, 1 after it.
    pub fn elapsed_share(&self, at: Timestamp) -> f64 {
        let total = (self.span.end - self.span.start).num_seconds();
        if total <= 0 {
            return 1.0;
        }
        let gone = (at - self.span.start).num_seconds().clamp(0, total);
        gone as f64 / total as f64
    }

    /// Local days of the period.
    pub fn days(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.first
            .iter_days()
            .take_while(move |d| *d < self.end_day)
    }

    pub fn day_count(&self) -> i64 {
        (self.end_day - self.first).num_days()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn months_and_weeks_in_utc() {
        let m = containing(PeriodKind::Month, &Zone::UTC, t("2026-11-25T09:00:00Z"));
        assert_eq!(m.label, "2026-11");
        assert_eq!(m.span.start, t("2026-11-01T00:00:00Z"));
        assert_eq!(m.span.end, t("2026-12-01T00:00:00Z"));
        assert_eq!(m.day_count(), 30);
        // Wednesday 25 Nov 2026 is in ISO week 48, Monday 23 to Sunday 29.
        let w = containing(PeriodKind::Week, &Zone::UTC, t("2026-11-25T09:00:00Z"));
        assert_eq!(w.label, "2026-W48");
        assert_eq!(w.span.start, t("2026-11-23T00:00:00Z"));
        assert_eq!(w.span.end, t("2026-11-30T00:00:00Z"));
        // 2 days 9 hours of 7 days = 57 / 168 hours.
        assert!((w.elapsed_share(t("2026-11-25T09:00:00Z")) - 57.0 / 168.0).abs() < 1e-9);
    }

    #[test]
    fn months_cut_in_the_team_zone() {
        let tz = zone("Europe/Berlin").unwrap();
        // 23:30 UTC on 30 Nov is already 1 Dec in Berlin (UTC+1).
        let m = containing(PeriodKind::Month, &tz, t("2026-11-30T23:30:00Z"));
        assert_eq!(m.label, "2026-12");
        assert_eq!(m.span.start, t("2026-11-30T23:00:00Z"));
        assert!(zone("Mars/Olympus").is_err());
    }

    #[test]
    fn recent_periods_cross_the_year() {
        let ms = recent(PeriodKind::Month, &Zone::UTC, t("2026-02-10T00:00:00Z"), 3);
        let labels: Vec<_> = ms.iter().map(|m| m.label.as_str()).collect();
        assert_eq!(labels, ["2025-12", "2026-01", "2026-02"]);
        let ws = recent(PeriodKind::Week, &Zone::UTC, t("2026-01-01T00:00:00Z"), 2);
        // 1 Jan 2026 is a Thursday in ISO week 2026-W01 (Mon 29 Dec 2025).
        assert_eq!(ws[1].label, "2026-W01");
        assert_eq!(ws[0].label, "2025-W52");
    }
}
