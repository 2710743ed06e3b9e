//! The meeting's numbers as pure functions: no terminal, no SQL, no clock ("now" is `as_of`).
//!
//! - `period`: months and ISO weeks cut in the team's zone
//! - `sla`: delivery and contact gauges, first-contact SLA, per team and per rep
//! - `flags`: red flags with their thresholds, most urgent first
//! - `funnel`: conversion, time in stage, per campaign and source, cost per lead / won deal

pub mod cohort;
pub mod flags;
pub mod funnel;
pub mod period;
pub mod sla;
pub mod zone;

use crate::domain::facts::Span;
use crate::domain::{Agreement, Money, Team, Timestamp};
use chrono::{Duration, NaiveDate};
use period::{Period, PeriodKind};
use serde::Serialize;
use zone::Zone;

/// Months shown (the current one last) in sparklines.
pub const MONTHS_SHOWN: usize = 6;
/// ISO weeks shown (the current one last) in sparklines.
pub const WEEKS_SHOWN: usize = 8;

/// What a computation at `as_of` needs to ask the store for.
#[derive(Debug, Clone)]
pub struct Plan {
    pub as_of: Timestamp,
    pub tz: Zone,
    /// The agreement in force at `as_of`: its zone cuts the periods and its window judges flags.
    pub agreement: Agreement,
    pub months: Vec<Period>,
    pub weeks: Vec<Period>,
}

impl Plan {
    pub fn new(agreements: &[Agreement], as_of: Timestamp) -> Result<Plan, String> {
        let agreement = Agreement::in_force(agreements, as_of)
            .or_else(|| agreements.first())
            .cloned()
            .ok_or("the file has no SLA agreement; set one in the settings view")?;
        let tz = period::zone(&agreement.timezone)?;
        Ok(Plan {
            as_of,
            months: period::recent(PeriodKind::Month, &tz, as_of, MONTHS_SHOWN),
            weeks: period::recent(PeriodKind::Week, &tz, as_of, WEEKS_SHOWN),
            tz,
            agreement,
        })
    }

    /// Spans to count in, cut at `as_of` so nothing after "now" is counted.
    fn spans(&self, ps: &[Period]) -> Vec<Span> {
        let cut = self.as_of + Duration::seconds(1);
        ps.iter()
            .map(|p| Span {
                start: p.span.start,
                end: p.span.end.min(cut),
            })
            .collect()
    }

    pub fn month_spans(&self) -> Vec<Span> {
        self.spans(&self.months)
    }

    pub fn week_spans(&self) -> Vec<Span> {
        self.spans(&self.weeks)
    }

    /// The current month, cut at `as_of`.
    pub fn current_month_span(&self) -> Span {
        self.month_spans().last().copied().unwrap_or(Span {
            start: self.as_of,
            end: self.as_of,
        })
    }

    /// Today in the team's zone.
    pub fn today(&self) -> NaiveDate {
        period::local_day(&self.tz, self.as_of)
    }
}

/// One stage's header figures, as the board shows them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageFigure {
    pub key: String,
    pub name: String,
    pub owner: Team,
    pub count: i64,
    /// In the team's currency; other currencies apart, never added.
    pub value: Money,
    #[serde(skip_serializing_if = "crate::domain::currency::OtherCurrencies::is_empty")]
    pub other: crate::domain::currency::OtherCurrencies,
}

/// The week's meeting pack.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub as_of: Timestamp,
    pub stages: Vec<StageFigure>,
    pub sla: sla::Sla,
    pub flags: Vec<flags::Flag>,
    /// Flags acknowledged until a date: out of `flags`, listed so nothing hides silently.
    pub snoozed: Vec<flags::Snoozed>,
    pub funnel: funnel::Funnel,
    /// The funnel's cohort starts here (`None`: every lead up to `as_of`).
    pub funnel_since: Option<Timestamp>,
}
