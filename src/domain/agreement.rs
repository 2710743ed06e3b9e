//! The service level agreement between marketing and sales. Every change is a new row,
//! so past periods are measured against the agreement that was in force then.

use super::Timestamp;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agreement {
    pub id: i64,
    /// From this moment on this agreement is in force (until a later one).
    pub effective_from: Timestamp,
    /// Marketing promises this many delivered leads per marketing rep per calendar month.
    pub leads_per_rep_month: i64,
    /// Sales commits to this many contacts per sales rep per ISO week.
    pub contacts_per_rep_week: i64,
    /// Sales commits to a first contact within this many hours of hand-off.
    pub first_contact_hours: i64,
    /// IANA time zone name (or `UTC`) in which months and weeks are cut.
    pub timezone: String,
    pub changed_by: String,
    pub changed_at: Timestamp,
}

impl Agreement {
    pub fn validate(&self) -> Result<(), String> {
        if self.leads_per_rep_month < 0 {
            return Err("leads per rep per month cannot be negative".into());
        }
        if self.contacts_per_rep_week < 0 {
            return Err("contacts per rep per week cannot be negative".into());
        }
        if self.first_contact_hours <= 0 {
            return Err("the first-contact window must be at least one hour".into());
        }
        Ok(())
    }

    /// The agreement in force at `at`: the latest one whose `effective_from` is not after it.
    pub fn in_force(history: &[Agreement], at: Timestamp) -> Option<&Agreement> {
        history
            .iter()
            .filter(|a| a.effective_from <= at)
            .max_by_key(|a| (a.effective_from, a.id))
    }
}
