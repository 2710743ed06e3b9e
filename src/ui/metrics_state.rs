//! State of the meeting views (SLA, Flags, Funnel) and the agreement editor (Settings).

use crate::domain::{Agreement, LeadId, Stage};
use crate::metrics::flags::Flag;
use crate::metrics::funnel::Funnel;
use crate::metrics::sla::Sla;
use crate::store::ChangeStamp;

/// When a view's figures were computed, and the file's change stamp then. Switching back to
/// a view whose file has not changed reuses its figures instead of re-reading 100k leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Computed {
    pub stamp: ChangeStamp,
    pub at: crate::domain::Timestamp,
}

/// Figures older than this are recomputed on the next visit even when the file is unchanged:
/// flags and paces depend on the clock too (a lead becomes overdue as time passes).
pub const MAX_AGE_SECS: i64 = 60;

impl Computed {
    pub fn fresh(
        this: Option<Computed>,
        stamp: ChangeStamp,
        now: crate::domain::Timestamp,
    ) -> bool {
        this.is_some_and(|c| {
            c.stamp == stamp && (0..MAX_AGE_SECS).contains(&(now - c.at).num_seconds())
        })
    }
}

#[derive(Debug, Clone, Default)]
pub struct SlaState {
    pub sla: Option<Sla>,
    pub computed: Option<Computed>,
    /// First rep row shown.
    pub scroll: usize,
}

#[derive(Debug, Clone, Default)]
pub struct FlagsState {
    /// Most urgent first (grouped by kind).
    pub flags: Vec<Flag>,
    /// How many are snoozed (out of the list; the report lists them).
    pub snoozed: usize,
    pub selected: usize,
    pub computed: Option<Computed>,
}

impl FlagsState {
    pub fn selected_flag(&self) -> Option<&Flag> {
        self.flags.get(self.selected)
    }

    /// The lead behind the selected flag, for opening it or acting on it (triage).
    pub fn selected_lead(&self) -> Option<LeadId> {
        self.selected_flag().and_then(|f| f.lead_id)
    }
}

#[derive(Debug, Clone, Default)]
pub struct FunnelState {
    pub funnel: Option<Funnel>,
    /// Which leads the funnel looks at (`p` cycles).
    pub cohort: crate::metrics::cohort::Cohort,
    /// Where that cohort started when the funnel was computed.
    pub since: Option<crate::domain::Timestamp>,
    pub scroll: usize,
    pub computed: Option<Computed>,
}

/// A setting that can be edited: an SLA number, or one field of a stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlaField {
    LeadsPerRepMonth,
    ContactsPerRepWeek,
    FirstContactHours,
    Timezone,
}

impl SlaField {
    pub const ALL: [SlaField; 4] = [
        SlaField::LeadsPerRepMonth,
        SlaField::ContactsPerRepWeek,
        SlaField::FirstContactHours,
        SlaField::Timezone,
    ];

    pub fn label(self) -> &'static str {
        match self {
            SlaField::LeadsPerRepMonth => "Leads per marketing rep per month",
            SlaField::ContactsPerRepWeek => "Contacts per sales rep per week",
            SlaField::FirstContactHours => "First contact within (hours)",
            SlaField::Timezone => "Time zone of months and weeks",
        }
    }

    pub fn value(self, a: &Agreement) -> String {
        match self {
            SlaField::LeadsPerRepMonth => a.leads_per_rep_month.to_string(),
            SlaField::ContactsPerRepWeek => a.contacts_per_rep_week.to_string(),
            SlaField::FirstContactHours => a.first_contact_hours.to_string(),
            SlaField::Timezone => a.timezone.clone(),
        }
    }
}

pub use crate::domain::stage_edit::StageField;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    Sla(SlaField),
    Stage(usize, StageField),
    /// The team's lists: Enter opens their form, `a` adds, `d` removes a reason.
    Rep(usize),
    Campaign(usize),
    Reason(usize),
}

/// A value being typed. It starts as the current value, selected: the first key typed
/// replaces it (Backspace or Ctrl-u clear it), so Enter always saves exactly what is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Editing {
    pub setting: Setting,
    pub input: String,
    /// Still the untouched current value.
    pub fresh: bool,
}

/// A change to the shared funnel waiting for `y` (it applies to everyone at once): a stage
/// moved with K / J, or a stage's field edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirm {
    pub prompt: String,
    pub effect: super::effects::Effect,
}

/// How to take back one settings change of this session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SettingUndo {
    /// Put the agreement's terms back (a new agreement from now, logged).
    Agreement(Agreement),
    /// Put a stage's field back.
    Stage {
        key: String,
        value: crate::domain::stage_edit::StageValue,
        what: String,
    },
    /// Move a stage back after `after` (`None`: first).
    Move { key: String, after: Option<String> },
}

#[derive(Debug, Clone, Default)]
pub struct SettingsState {
    pub agreement: Option<Agreement>,
    pub stages: Vec<Stage>,
    pub reps: Vec<crate::domain::Rep>,
    pub campaigns: Vec<crate::domain::Campaign>,
    /// Exit reasons, by the kind of exit they are for.
    pub reasons: Vec<(crate::domain::StageKind, String)>,
    pub log: Vec<crate::store::AgreementChange>,
    /// Row: 0..4 SLA fields, then one per stage.
    pub row: usize,
    /// Column within a stage row.
    pub col: usize,
    pub editing: Option<Editing>,
    pub pending: Option<Confirm>,
    /// This session's settings changes, newest last, for `u` in this view.
    pub undo: Vec<SettingUndo>,
}

impl SettingsState {
    pub fn rows(&self) -> usize {
        SlaField::ALL.len()
            + self.stages.len()
            + self.reps.len()
            + self.campaigns.len()
            + self.reasons.len()
            // each list ends on its "+ add" row
            + 3
    }

    pub fn current(&self) -> Option<Setting> {
        if self.row < SlaField::ALL.len() {
            return Some(Setting::Sla(SlaField::ALL[self.row]));
        }
        let mut i = self.row - SlaField::ALL.len();
        if i < self.stages.len() {
            return Some(Setting::Stage(
                i,
                StageField::ALL[self.col.min(StageField::ALL.len() - 1)],
            ));
        }
        i -= self.stages.len();
        // Index `len` of a list is its "+ add" row.
        if i <= self.reps.len() {
            return Some(Setting::Rep(i));
        }
        i -= self.reps.len() + 1;
        if i <= self.campaigns.len() {
            return Some(Setting::Campaign(i));
        }
        i -= self.campaigns.len() + 1;
        (i <= self.reasons.len()).then_some(Setting::Reason(i))
    }

    /// The value as it is now, to start editing from.
    pub fn value_of(&self, s: Setting) -> String {
        match s {
            Setting::Sla(f) => self
                .agreement
                .as_ref()
                .map(|a| f.value(a))
                .unwrap_or_default(),
            Setting::Stage(i, f) => self.stages.get(i).map(|st| f.value(st)).unwrap_or_default(),
            Setting::Rep(_) | Setting::Campaign(_) | Setting::Reason(_) => String::new(),
        }
    }
}
