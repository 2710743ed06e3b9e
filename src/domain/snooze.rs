//! A red flag acknowledged in the meeting or the flags view: it leaves the walk until a date,
//! or until its lead changes stage, and the report lists it so nothing is hidden silently.

use super::{LeadId, Timestamp};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snooze {
    pub id: i64,
    pub lead_id: LeadId,
    /// The flag kind's key (`stale`, `uncontacted`, …).
    pub kind: String,
    /// The lead's stage when it was snoozed: a move ends the snooze.
    pub stage: String,
    /// Back in the walk on this day.
    pub until: NaiveDate,
    pub reason: String,
    pub by: String,
    pub at: Timestamp,
}

/// The longest a flag may be snoozed: a quarter, so nothing is parked for good.
pub const MAX_SNOOZE_DAYS: i64 = 92;

/// Checks a snooze request; `Err` says why, in words.
pub fn check(until: NaiveDate, reason: &str, today: NaiveDate) -> Result<(), String> {
    if reason.trim().is_empty() {
        return Err("a snooze needs a reason, so the room knows why the flag is parked".into());
    }
    if until <= today {
        return Err(format!("snooze until a day after today ({today})"));
    }
    if (until - today).num_days() > MAX_SNOOZE_DAYS {
        return Err(format!(
            "a flag can be snoozed for at most {MAX_SNOOZE_DAYS} days; decide on it instead"
        ));
    }
    Ok(())
}
