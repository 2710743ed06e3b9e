//! People on the two teams.

use super::Team;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rep {
    /// Login-like handle, matched against `LEADBOARD_USER` / the OS user.
    pub handle: String,
    pub name: String,
    pub team: Team,
    /// First day the rep counts towards the SLA.
    pub active_from: NaiveDate,
    /// Last day the rep counts; `None` while still on the team.
    pub active_to: Option<NaiveDate>,
}

impl Rep {
    pub fn active_on(&self, day: NaiveDate) -> bool {
        self.active_from <= day && self.active_to.is_none_or(|end| day <= end)
    }
}

/// A change to a rep; `None` leaves a field as it is.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RepEdit {
    pub name: Option<String>,
    pub team: Option<Team>,
    /// A new handle: the rep's leads, contacts and moves follow it.
    pub handle: Option<String>,
}
