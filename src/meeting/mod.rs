//! Meeting mode's pure core: what the weekly sync shows and records, with no terminal and no SQL.
//!
//! The inputs (`Scoreboard`, `FlagRef`) mirror what `metrics` produces (`Sla`, `Flag`), so the
//! numbers on the projector are the ones in `report`; `from_store` computes an honest simple
//! version of them from store facts until the two are wired together.

pub mod agenda;
pub mod commitments;
pub mod decision;
pub mod deltas;
pub mod from_metrics;
pub mod minutes;
pub mod walk;

use crate::domain::{LeadId, Money, Timestamp};
use serde::Serialize;

/// The meeting shows the metrics' own gauge: actual, target, pace and the verdict.
pub use crate::metrics::sla::Gauge;

/// The meeting shows the metrics' own first-contact figures.
pub use crate::metrics::sla::FirstContact;

/// The headline numbers: leads delivered / promised (month), contacts made / committed (ISO week),
/// first-contact SLA (mirrors `report`'s `sla` object).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Scoreboard {
    pub leads_delivered: Gauge,
    pub contacts_made: Gauge,
    pub first_contact: FirstContact,
}

/// One red flag (mirrors `metrics::flags::Flag` and `report`'s `red_flags[]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FlagRef {
    /// Stable kind name, e.g. `uncontacted`, `stale` (metrics' `FlagKind::as_str`).
    pub kind: String,
    /// `None` for a flag about a gauge rather than a lead.
    pub lead_id: Option<LeadId>,
    /// Lead name and company, or the gauge's name.
    pub lead: String,
    pub owner: Option<String>,
    /// When the flag went up.
    pub since: Timestamp,
    /// The specific fact, e.g. `MQL 9d (limit 3d)`.
    pub detail: String,
}

impl FlagRef {
    /// What identifies a flag across meetings: the same kind on the same lead.
    pub fn key(&self) -> (String, Option<LeadId>) {
        (self.kind.clone(), self.lead_id)
    }

    /// Whole days the flag has been up at `now`.
    pub fn age_days(&self, now: Timestamp) -> i64 {
        (now - self.since).num_days().max(0)
    }
}

/// A heading for people for a flag kind; unknown kinds are shown as they are.
pub fn flag_title(kind: &str) -> String {
    // One vocabulary: the metrics' own titles, found by the stored key; a kind this build
    // does not know (written by another version) is shown by its key.
    crate::metrics::flags::FlagKind::ALL
        .iter()
        .find(|k| k.as_str() == kind)
        .map_or_else(|| kind.replace('_', " "), |k| k.title().to_string())
}

/// One stage move as the store recorded it, with what the meeting shows of the lead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Move {
    pub lead_id: LeadId,
    /// `None` when the lead was created.
    pub from: Option<String>,
    pub to: String,
    pub at: Timestamp,
    pub reason: String,
    pub lead: String,
    pub company: String,
    pub value: Money,
    /// '' for the team's own currency.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub currency: String,
    /// Sales owner.
    pub owner: Option<String>,
    /// Marketing rep who qualified the lead.
    pub qualified_by: Option<String>,
}

/// A meeting as recorded in the file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeetingRecord {
    pub id: i64,
    pub started_at: Timestamp,
    pub started_by: String,
    pub ended_at: Option<Timestamp>,
    pub scoreboard: Scoreboard,
    /// The red flags open when it started.
    pub flags: Vec<FlagRef>,
}

#[cfg(test)]
mod tests {
    use super::flag_title;
    use crate::metrics::flags::FlagKind;

    #[test]
    fn every_flag_kind_has_one_name_everywhere() {
        for k in FlagKind::ALL {
            assert_eq!(flag_title(k.as_str()), k.title());
        }
        assert_eq!(flag_title("from_the_future"), "from the future");
    }
}
