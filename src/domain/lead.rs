//! Leads: the cards on the board.

use super::{Money, Timestamp};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub type LeadId = i64;

/// A lead as stored, every field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Lead {
    pub id: LeadId,
    pub external_id: Option<String>,
    pub name: String,
    pub company: String,
    pub email: String,
    pub phone: String,
    pub source: String,
    pub campaign: Option<String>,
    /// Rep handle.
    pub owner: Option<String>,
    /// Rep handle of the marketing/SDR rep who qualified the lead.
    pub qualified_by: Option<String>,
    pub stage: String,
    pub score: i64,
    pub value: Money,
    pub priority: bool,
    pub next_step: String,
    pub next_step_due: Option<NaiveDate>,
    pub created_at: Timestamp,
    pub stage_entered_at: Timestamp,
    pub delivered_at: Option<Timestamp>,
    pub first_contact_at: Option<Timestamp>,
    pub last_activity_at: Option<Timestamp>,
    pub version: i64,
    pub updated_at: Timestamp,
    pub updated_by: String,
}

/// What the board needs of a lead: one card.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Card {
    pub id: LeadId,
    pub name: String,
    pub company: String,
    pub owner: Option<String>,
    pub stage: String,
    pub score: i64,
    pub value: Money,
    pub priority: bool,
    pub next_step_due: Option<NaiveDate>,
    pub stage_entered_at: Timestamp,
    pub version: i64,
}

impl Card {
    pub fn days_in_stage(&self, now: Timestamp) -> i64 {
        (now - self.stage_entered_at).num_days().max(0)
    }

    pub fn next_step_overdue(&self, today: NaiveDate) -> bool {
        self.next_step_due.is_some_and(|d| d < today)
    }
}

/// A lead to create. Times default to "now" in the store.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct NewLead {
    pub external_id: Option<String>,
    pub name: String,
    pub company: String,
    pub email: String,
    pub phone: String,
    pub source: String,
    pub campaign: Option<String>,
    pub owner: Option<String>,
    pub qualified_by: Option<String>,
    /// Stage key; `None` means the first open stage.
    pub stage: Option<String>,
    pub score: i64,
    pub value: Money,
    pub priority: bool,
    pub next_step: String,
    pub next_step_due: Option<NaiveDate>,
    pub created_at: Option<Timestamp>,
    /// Add it even when its e-mail belongs to a disqualified lead (the person confirmed).
    #[serde(default)]
    pub allow_disqualified: bool,
}

/// A change to a lead's own fields; `None` leaves a field as it is.
/// Stage moves and contacts have their own store calls because they write history.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LeadEdit {
    pub name: Option<String>,
    pub company: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub source: Option<String>,
    pub campaign: Option<Option<String>>,
    pub owner: Option<Option<String>>,
    pub score: Option<i64>,
    pub value: Option<Money>,
    pub priority: Option<bool>,
    pub next_step: Option<String>,
    pub next_step_due: Option<Option<NaiveDate>>,
}

impl NewLead {
    /// Every text field refuses a NUL byte (see `validate::no_nul`).
    pub fn check_text(&self) -> Result<(), String> {
        let opt = |o: &Option<String>| o.clone().unwrap_or_default();
        super::validate::no_nul(&[
            ("external id", &opt(&self.external_id)),
            ("name", &self.name),
            ("company", &self.company),
            ("e-mail", &self.email),
            ("phone", &self.phone),
            ("source", &self.source),
            ("campaign", &opt(&self.campaign)),
            ("owner", &opt(&self.owner)),
            ("qualified by", &opt(&self.qualified_by)),
            ("stage", &opt(&self.stage)),
            ("next step", &self.next_step),
        ])
    }
}

impl LeadEdit {
    /// Every text field refuses a NUL byte (see `validate::no_nul`).
    pub fn check_text(&self) -> Result<(), String> {
        let opt = |o: &Option<String>| o.clone().unwrap_or_default();
        let opt2 = |o: &Option<Option<String>>| o.clone().flatten().unwrap_or_default();
        super::validate::no_nul(&[
            ("name", &opt(&self.name)),
            ("company", &opt(&self.company)),
            ("e-mail", &opt(&self.email)),
            ("phone", &opt(&self.phone)),
            ("source", &opt(&self.source)),
            ("campaign", &opt2(&self.campaign)),
            ("owner", &opt2(&self.owner)),
            ("next step", &opt(&self.next_step)),
        ])
    }

    pub fn is_empty(&self) -> bool {
        self == &LeadEdit::default()
    }
}
