//! Meeting mode's part of the UI state: where the agenda is, and everything its sections draw.

use super::state::View;
use super::theme::Theme;
use crate::domain::{LeadId, Money, Team};
use crate::meeting::agenda::Agenda;
use crate::meeting::decision::{Decision, Form};
use crate::meeting::deltas::SinceLast;
use crate::meeting::{FlagRef, MeetingRecord, Move, Scoreboard};
use std::collections::HashMap;
use std::path::PathBuf;

/// Ticks the celebration runs for (3 seconds at 4 ticks a second).
pub const CELEBRATION_TICKS: u16 = 12;

/// What the flag screen shows of a flagged lead, as of the last load.
#[derive(Debug, Clone, PartialEq)]
pub struct FlagLeadInfo {
    pub name: String,
    pub company: String,
    pub version: i64,
    pub stage: String,
    pub value: Money,
    pub next_step: String,
}

/// One open stage on the board section.
#[derive(Debug, Clone, PartialEq)]
pub struct StageBar {
    pub name: String,
    pub owner: Team,
    pub count: i64,
    pub value: Money,
    pub other: crate::domain::currency::OtherCurrencies,
}

/// How the meeting was started (from `leadboard meeting` or a key), fixed while it runs.
#[derive(Debug, Clone, Default)]
pub struct MeetingOptions {
    /// Ring the terminal bell when a lead is won (config `[meeting] bell`).
    pub bell: bool,
    /// Where the minutes go on leaving (`--minutes FILE`).
    pub minutes: Option<PathBuf>,
    /// Else the folder they go to, named by date and meeting (config `[meeting] minutes_dir`).
    pub minutes_dir: Option<PathBuf>,
}

#[derive(Debug, Clone, Default)]
pub struct MeetingState {
    pub options: MeetingOptions,
    pub agenda: Agenda,
    /// This meeting as recorded in the file (`None` for a snapshot, which records nothing).
    pub record: Option<MeetingRecord>,
    pub scoreboard: Scoreboard,
    pub flags: Vec<FlagRef>,
    pub flag_leads: HashMap<LeadId, FlagLeadInfo>,
    pub grouping: crate::meeting::walk::Grouping,
    /// Only the flags of this team's reps (`t`); `None`: all.
    pub team: Option<crate::domain::Team>,
    pub groups: Vec<crate::meeting::walk::FlagGroup>,
    pub group_index: usize,
    /// Position within the current group.
    pub in_group: usize,
    pub since: Option<SinceLast>,
    /// The previous meeting's decisions and what became of each.
    pub commitments: Vec<crate::meeting::commitments::Commitment>,
    pub wins: Vec<Move>,
    pub board: Vec<StageBar>,
    pub decisions: Vec<Decision>,
    pub form: Option<Form>,
    /// Ticks of celebration left; the animation frame comes from `frame`.
    pub celebrate: u16,
    pub frame: u32,
    /// The view to return to on leaving.
    pub came_from: Option<View>,
    /// The projector theme (plain under NO_COLOR).
    pub theme: Option<Theme>,
    /// Set once the meeting has been closed and its minutes written.
    pub ended: bool,
    /// Where the minutes were last written, for the command to report.
    pub minutes_written: Option<PathBuf>,
}

impl MeetingState {
    /// The flag on screen: `None` when the walk (as filtered) has none.
    pub fn current_flag(&self) -> Option<&FlagRef> {
        let g = self.groups.get(self.group_index)?;
        self.flags.get(*g.flags.get(self.in_group)?)
    }

    /// The decision taken on a lead in this meeting, latest first.
    pub fn decision_for(&self, lead: LeadId) -> Option<&Decision> {
        self.decisions.iter().rev().find(|d| d.lead_id == lead)
    }

    pub fn typing(&self) -> bool {
        self.form.is_some()
    }
}
