//! metrics → meeting inputs, field for field, so the meeting shows the same numbers as the
//! SLA and Flags views and the report.

use super::{FlagRef, Scoreboard};
use crate::metrics::flags::Flag;
use crate::metrics::sla::Sla;

pub fn scoreboard(s: &Sla) -> Scoreboard {
    Scoreboard {
        leads_delivered: s.leads_delivered,
        contacts_made: s.contacts_made,
        first_contact: s.first_contact,
    }
}

pub fn flag(f: &Flag) -> FlagRef {
    FlagRef {
        kind: f.kind.as_str().to_string(),
        lead_id: f.lead_id,
        lead: f.lead.clone(),
        owner: f.owner.clone(),
        since: f.since,
        detail: f.detail.clone(),
    }
}
