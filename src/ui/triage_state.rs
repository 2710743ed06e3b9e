//! State the triage views need beyond the board: the open lead, and the file's lists
//! (stages, reps, reasons) that forms offer and check against.

use super::state::{State, View};
use crate::domain::{Activity, Campaign, Lead, LeadId, Rep, Stage, StageEvent, StageKind};

/// One lead, all of it, as the detail view shows it.
#[derive(Debug, Clone)]
pub struct Detail {
    pub lead: Lead,
    /// Newest first.
    pub activities: Vec<Activity>,
    /// Newest first.
    pub events: Vec<StageEvent>,
    /// First line of the history pane on screen.
    pub scroll: usize,
}

/// The file's agreed lists, loaded with the board.
#[derive(Debug, Clone, Default)]
pub struct Meta {
    /// Every stage, open and exit, in funnel order.
    pub stages: Vec<Stage>,
    pub reps: Vec<Rep>,
    pub campaigns: Vec<Campaign>,
    pub sources: Vec<String>,
    /// Team-defined exit reasons per stage kind.
    pub reasons: Vec<(StageKind, Vec<String>)>,
    /// Every SLA agreement: a card's first-contact window is the one in force at hand-off.
    pub agreements: Vec<crate::domain::Agreement>,
}

impl Meta {
    pub fn stage(&self, key: &str) -> Option<&Stage> {
        self.stages.iter().find(|s| s.key == key)
    }

    pub fn reasons_for(&self, kind: StageKind) -> &[String] {
        self.reasons
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or(&[], |(_, r)| r.as_slice())
    }

    /// Minutes left to a card's first contact (negative: late), for handed-off leads not
    /// yet reached.
    pub fn first_contact_left(
        &self,
        card: &crate::domain::Card,
        now: crate::domain::Timestamp,
    ) -> Option<i64> {
        let hours = crate::domain::Agreement::in_force(&self.agreements, card.delivered_at?)?
            .first_contact_hours;
        crate::domain::lead::first_contact_left(
            card.delivered_at,
            card.first_contact_at,
            hours,
            now,
        )
    }

    pub fn is_rep(&self, handle: &str) -> bool {
        self.reps.iter().any(|r| r.handle == handle)
    }
}

impl State {
    /// The lead the user is acting on in the active view, with the version they see.
    /// Every lead action goes through here, so a new view only has to add its arm.
    pub fn current_lead(&self) -> Option<(LeadId, i64)> {
        match self.view {
            View::Board => self.selected_card().map(|c| (c.id, c.version)),
            View::Detail => self.detail.as_ref().map(|d| (d.lead.id, d.lead.version)),
            // The flag list carries no version: 0 means "the version read when the action starts".
            View::Flags => self.flags.selected_lead().map(|id| (id, 0)),
            // Meeting mode records decisions through its own forms; the other views show no lead.
            View::Meeting | View::Sla | View::Funnel | View::Settings => None,
        }
    }
}
