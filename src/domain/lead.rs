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
    /// When an open deal is expected to close, as its CRM said (import).
    #[serde(default)]
    pub expected_close: Option<NaiveDate>,
    /// ISO code of the value's currency as the CRM named it; '' is the team's own
    /// (`domain::currency`). Never converted.
    #[serde(default)]
    pub currency: String,
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
    /// When it was handed to sales, and when sales first reached it: the card counts down
    /// the first-contact window in between.
    pub delivered_at: Option<Timestamp>,
    pub first_contact_at: Option<Timestamp>,
    pub expected_close: Option<NaiveDate>,
    /// '' for the team's own currency.
    pub currency: String,
}

/// The order of a board column (`s` cycles it; the column title shows it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum CardSort {
    /// Longest in the stage first: the ones that need attention.
    #[default]
    Age,
    /// Least time left to the first contact first (late ones at the top), then the rest.
    FirstContact,
    Score,
    Value,
    /// Untouched longest first.
    LastActivity,
}

impl CardSort {
    pub fn next(self) -> CardSort {
        match self {
            CardSort::Age => CardSort::FirstContact,
            CardSort::FirstContact => CardSort::Score,
            CardSort::Score => CardSort::Value,
            CardSort::Value => CardSort::LastActivity,
            CardSort::LastActivity => CardSort::Age,
        }
    }

    /// For the column title: `↓age`, `↓1st contact` …
    pub fn label(self) -> &'static str {
        match self {
            CardSort::Age => "age",
            CardSort::FirstContact => "1st contact",
            CardSort::Score => "score",
            CardSort::Value => "value",
            CardSort::LastActivity => "last touch",
        }
    }
}

/// Time to a card's first-contact deadline in minutes (negative: late).
pub fn first_contact_left(
    delivered_at: Option<Timestamp>,
    first_contact_at: Option<Timestamp>,
    window_hours: i64,
    now: Timestamp,
) -> Option<i64> {
    let delivered = delivered_at?;
    if first_contact_at.is_some() {
        return None;
    }
    let deadline = delivered + chrono::Duration::hours(window_hours);
    Some((deadline - now).num_minutes())
}

/// `6h left`, `12h late`, `3d late`: the card's countdown in words, in whole hours or days
/// (never rounded up: 46h41m late is `46h late`).
pub fn countdown_words(minutes_left: i64) -> String {
    let (n, word) = if minutes_left >= 0 {
        (minutes_left / 60, "left")
    } else {
        (-minutes_left / 60, "late")
    };
    if n >= 48 {
        format!("{}d {word}", n / 24)
    } else {
        format!("{n}h {word}")
    }
}

#[cfg(test)]
mod countdown_tests {
    use super::*;

    #[test]
    fn countdown_in_hours_then_days() {
        let t = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap().to_utc();
        let delivered = Some(t("2026-11-21T10:19:00Z"));
        let left = |now: &str| first_contact_left(delivered, None, 48, t(now)).map(countdown_words);
        assert_eq!(left("2026-11-22T16:19:00Z").as_deref(), Some("18h left"));
        assert_eq!(left("2026-11-21T10:20:00Z").as_deref(), Some("47h left"));
        assert_eq!(left("2026-11-21T09:00:00Z").as_deref(), Some("2d left"));
        assert_eq!(left("2026-11-23T10:49:00Z").as_deref(), Some("0h late"));
        assert_eq!(left("2026-11-25T09:00:00Z").as_deref(), Some("46h late"));
        assert_eq!(left("2026-11-26T11:00:00Z").as_deref(), Some("3d late"));
        assert_eq!(
            first_contact_left(delivered, delivered, 48, t("2026-11-25T09:00:00Z")),
            None,
            "contacted"
        );
        assert_eq!(
            first_contact_left(None, None, 48, t("2026-11-25T09:00:00Z")),
            None,
            "not handed off"
        );
    }
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
    /// '' for the team's own currency, else an ISO code (`domain::currency::parse_code`).
    #[serde(default)]
    pub currency: String,
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
    /// '' for the team's own currency, else an ISO code.
    #[serde(default)]
    pub currency: Option<String>,
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
