//! Compact facts the store aggregates for the metrics: counts per period, one row per
//! delivery, candidate leads for red flags, funnel tallies. Small by construction, so a
//! file with 100,000 leads never has to be loaded whole.

use super::{LeadId, Money, StageKind, Timestamp};
use chrono::NaiveDate;
use serde::Serialize;

/// A half-open span of time `[start, end)`, already cut in the team's zone by `metrics`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    pub start: Timestamp,
    pub end: Timestamp,
}

/// How many things (deliveries, contacts) one person did in the `period`-th span asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PeriodCount {
    pub period: usize,
    /// Who gets the credit; `None` when nobody is recorded.
    pub rep: Option<String>,
    pub count: i64,
}

/// One entry of a lead into a hand-off stage, with the first contact that followed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Delivery {
    pub lead_id: LeadId,
    pub at: Timestamp,
    /// The lead's current owner (the rep who owes the first contact).
    pub owner: Option<String>,
    /// First call / e-mail / meeting at or after `at` (and not after "now").
    pub first_contact: Option<Timestamp>,
}

/// What the red-flag rules need to know about one candidate lead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LeadFacts {
    pub id: LeadId,
    pub name: String,
    pub company: String,
    pub owner: Option<String>,
    pub stage: String,
    pub priority: bool,
    pub has_next_step: bool,
    pub next_step_due: Option<NaiveDate>,
    pub created_at: Timestamp,
    pub stage_entered_at: Timestamp,
    pub delivered_at: Option<Timestamp>,
    pub first_contact_at: Option<Timestamp>,
    pub last_activity_at: Option<Timestamp>,
}

/// Leads that may carry each red flag. The store narrows them in SQL with the same
/// thresholds; `metrics::flags` applies the exact rule and says since when.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FlagCandidates {
    pub uncontacted: Vec<LeadFacts>,
    pub stale: Vec<LeadFacts>,
    pub next_step_overdue: Vec<LeadFacts>,
    pub no_next_step: Vec<LeadFacts>,
    pub priority_quiet: Vec<LeadFacts>,
    /// Open leads that share an e-mail with a disqualified lead, or were themselves
    /// disqualified before a later delivery.
    pub redelivered: Vec<LeadFacts>,
    pub recycled_no_reason: Vec<LeadFacts>,
}

/// Leads grouped by campaign, source, the furthest open-or-won stage they reached, and
/// the kind of stage they are in now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FunnelRow {
    pub campaign: Option<String>,
    pub source: String,
    /// Stage key; `None` when the lead's history never touched an open or won stage.
    pub furthest: Option<String>,
    pub current: StageKind,
    pub leads: i64,
    pub value: Money,
    /// '' for the team's own currency; rows in another one carry its code.
    pub currency: String,
}

/// Leads of a campaign that bounced (disqualified or recycled), by the reason of their latest
/// bounce: what marketing reads as "7 of 11 from Search Ads: wrong company size".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BounceRow {
    pub campaign: String,
    pub kind: StageKind,
    pub reason: String,
    pub leads: i64,
}

/// Completed stays in a stage, bucketed by whole hours (for medians without loading every event).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StayBucket {
    pub stage: String,
    pub hours: i64,
    pub count: i64,
}
