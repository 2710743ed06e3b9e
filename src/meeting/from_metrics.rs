//! metrics → meeting inputs, field for field, so the meeting shows the same numbers as the
//! SLA and Flags views and the report.

use super::{FirstContact, FlagRef, Scoreboard};
use crate::metrics::flags::Flag;
use crate::metrics::sla::Sla;

pub fn scoreboard(s: &Sla) -> Scoreboard {
    let fc = &s.first_contact;
    Scoreboard {
        leads_delivered: s.leads_delivered,
        contacts_made: s.contacts_made,
        first_contact: FirstContact {
            hours: fc.hours,
            met: fc.met,
            breached: fc.breached,
            open_breached: fc.open_breached,
        },
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
