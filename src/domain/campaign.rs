//! Marketing campaigns, the unit of cost per lead.

use super::Money;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Campaign {
    pub id: i64,
    pub name: String,
    pub source: String,
    /// `None` when the cost is not known; cost per lead is then not shown.
    pub cost: Option<Money>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
}

/// A change to a campaign; `None` leaves a field as it is (`Some(None)` clears it).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CampaignEdit {
    pub name: Option<String>,
    pub source: Option<String>,
    pub cost: Option<Option<Money>>,
    pub starts_on: Option<Option<NaiveDate>>,
    pub ends_on: Option<Option<NaiveDate>>,
}
