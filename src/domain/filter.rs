//! Which leads the board shows. The store turns this into bound SQL parameters.

use super::{Team, Timestamp};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A card mark to filter on. Overdue and stale carry the day / instant they are judged at,
/// because the store never reads the clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FlagFilter {
    Priority,
    Overdue(NaiveDate),
    Stale(Timestamp),
    /// Handed off and never contacted, delivered at or before this instant (now less the
    /// first-contact window): the "uncontacted" red flag.
    Uncontacted(Timestamp),
}

impl FlagFilter {
    pub fn name(self) -> &'static str {
        match self {
            FlagFilter::Priority => "priority",
            FlagFilter::Overdue(_) => "overdue",
            FlagFilter::Stale(_) => "stale",
            FlagFilter::Uncontacted(_) => "uncontacted",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LeadFilter {
    pub owner: Option<String>,
    pub campaign: Option<String>,
    pub source: Option<String>,
    /// Team owning the lead's current stage.
    pub team: Option<Team>,
    /// Free text matched against name, company and email.
    pub search: Option<String>,
    /// Only cards carrying this mark.
    pub flag: Option<FlagFilter>,
}

impl LeadFilter {
    pub fn is_empty(&self) -> bool {
        self == &LeadFilter::default()
    }

    /// One line for the status bar, e.g. `owner=ana campaign="Spring webinar"`.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(o) = &self.owner {
            parts.push(format!("owner={o}"));
        }
        if let Some(c) = &self.campaign {
            parts.push(format!("campaign={c:?}"));
        }
        if let Some(s) = &self.source {
            parts.push(format!("source={s}"));
        }
        if let Some(t) = &self.team {
            parts.push(format!("team={t}"));
        }
        if let Some(q) = &self.search {
            parts.push(format!("search={q:?}"));
        }
        if let Some(f) = &self.flag {
            parts.push(format!("flag={}", f.name()));
        }
        parts.join(" ")
    }
}
