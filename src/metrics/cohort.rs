//! Which leads a funnel looks at: every lead, or those created this month, this quarter or
//! in the last 12 months (local days of the team's zone).

use super::period::{day_start, local_day};
use super::zone::Zone;
use crate::domain::Timestamp;
use chrono::{Datelike, NaiveDate};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Cohort {
    #[default]
    All,
    Month,
    Quarter,
    TwelveMonths,
}

impl Cohort {
    /// The next choice, for the key that cycles them.
    pub fn next(self) -> Cohort {
        match self {
            Cohort::All => Cohort::Month,
            Cohort::Month => Cohort::Quarter,
            Cohort::Quarter => Cohort::TwelveMonths,
            Cohort::TwelveMonths => Cohort::All,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Cohort::All => "all leads",
            Cohort::Month => "created this month",
            Cohort::Quarter => "created this quarter",
            Cohort::TwelveMonths => "created in the last 12 months",
        }
    }

    /// The first instant of the cohort at `as_of`; `None` for every lead.
    pub fn since(self, tz: &Zone, as_of: Timestamp) -> Option<Timestamp> {
        let today = local_day(tz, as_of);
        let first = |y: i32, m: u32| NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(today);
        let day = match self {
            Cohort::All => return None,
            Cohort::Month => first(today.year(), today.month()),
            Cohort::Quarter => first(today.year(), (today.month() - 1) / 3 * 3 + 1),
            // The same day a year ago (28 Feb for 29 Feb), then the day after it.
            Cohort::TwelveMonths => today
                .with_year(today.year() - 1)
                .or_else(|| (today - chrono::Duration::days(1)).with_year(today.year() - 1))
                .map_or(today, |d| d + chrono::Duration::days(1)),
        };
        Some(day_start(tz, day))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Timestamp {
        chrono::DateTime::parse_from_rfc3339(s).unwrap().to_utc()
    }

    #[test]
    fn cohorts_start_on_local_days() {
        let utc = Zone::named("UTC").unwrap();
        let at = t("2026-11-25T09:00:00Z");
        assert_eq!(Cohort::All.since(&utc, at), None);
        assert_eq!(
            Cohort::Month.since(&utc, at),
            Some(t("2026-11-01T00:00:00Z"))
        );
        assert_eq!(
            Cohort::Quarter.since(&utc, at),
            Some(t("2026-10-01T00:00:00Z"))
        );
        assert_eq!(
            Cohort::TwelveMonths.since(&utc, at),
            Some(t("2025-11-26T00:00:00Z"))
        );
        let berlin = Zone::named("Europe/Berlin").unwrap();
        assert_eq!(
            Cohort::Month.since(&berlin, at),
            Some(t("2026-10-31T23:00:00Z"))
        );
        let leap = t("2028-02-29T12:00:00Z");
        assert_eq!(
            Cohort::TwelveMonths.since(&utc, leap),
            Some(t("2027-03-01T00:00:00Z"))
        );
        assert_eq!(Cohort::TwelveMonths.next(), Cohort::All);
    }
}
