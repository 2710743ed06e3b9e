//! The one place where the UI touches the store: effects returned by `update` run here.

use super::load;
use super::state::State;
use crate::store::Store;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Reload stages, column figures and every visible window.
    ReloadBoard,
    /// Fetch the visible window of one column after the selection moved out of it.
    LoadColumn(usize),
    /// Reload if another process committed since the last load (polled on every tick).
    WatchFile,
    /// Load meeting mode; with `record`, write the meeting's start to the file first.
    OpenMeeting { record: bool },
    /// Record the meeting on screen as started now, with what it shows.
    RecordMeeting,
    /// Reload the meeting's sections around its fixed flag list.
    ReloadMeeting,
    /// Save a decision on a red flag (a version-checked lead edit) and record it.
    SaveDecision(crate::meeting::decision::NewDecision),
    /// Record the end of meeting `id`.
    EndMeeting(i64),
    /// Write the minutes (to the given file, else next to the shared file).
    WriteMinutes(Option<std::path::PathBuf>),
    /// Load a lead, its timeline and history, and show the detail.
    LoadDetail(crate::domain::LeadId),
    /// Load the lead (id, version seen) and open the action's form or write at once.
    Prepare(super::forms::Prep, crate::domain::LeadId, i64),
    /// Save a change to the file, then reload what is on screen.
    Write(Box<super::write::Write>),
    /// Compute what a meeting view (SLA, flags, funnel, settings) shows.
    LoadView(super::state::View),
    /// Recompute a meeting view even if the file has not changed (Ctrl-r).
    RefreshView(super::state::View),
    /// Show the board again, reloading it only if the file changed since it was loaded.
    ShowBoard,
    /// Save an edited setting, recorded with who and when.
    SaveSetting(super::metrics_state::Setting, String),
    /// Move a stage after another (first when `None`), recorded with who and when.
    MoveStage { key: String, after: Option<String> },
    /// Take back one settings change of this session.
    UndoSetting(super::metrics_state::SettingUndo),
    /// Step the board and figures to another meeting's start (or back to now).
    Scrub(super::scrub::Step),
    /// Snooze a red flag (the flags view's `s`).
    Snooze(Box<super::snooze::NewSnooze>),
    /// Read what the flag screen shows of one lead (the walk reads them as it goes).
    LoadFlagLead(crate::domain::LeadId),
    /// Change the team's lists (reps, campaigns, reasons), recorded with who and when.
    Team(Box<super::team::TeamWrite>),
}

/// Runs effects in order. A failure becomes a status message; the state keeps what the user had.
pub fn run(store: &mut Store, state: &mut State, effects: Vec<Effect>) {
    for effect in effects {
        let result = match effect {
            Effect::ReloadBoard => load::board(store, state),
            Effect::LoadColumn(i) => load::column(store, state, i),
            Effect::WatchFile => load::if_changed(store, state).map(|_| ()),
            Effect::OpenMeeting { record } => super::meeting_load::open(store, state, record),
            Effect::RecordMeeting => super::meeting_load::record(store, state),
            Effect::ReloadMeeting => super::meeting_load::reload(store, state),
            Effect::SaveDecision(d) => super::meeting_effects::save_decision(store, state, &d),
            Effect::EndMeeting(id) => store.end_meeting(id, state.ctx.clock.now()),
            Effect::WriteMinutes(path) => super::meeting_effects::write_minutes(store, state, path),
            Effect::LoadDetail(id) => super::apply::load_detail(store, state, id),
            Effect::Prepare(prep, id, version) => {
                for w in super::apply::prepare(store, state, prep, id, version) {
                    super::apply::write(store, state, w);
                }
                Ok(())
            }
            Effect::Write(w) => {
                super::apply::write(store, state, *w);
                Ok(())
            }
            Effect::LoadView(v) => super::metrics_load::view(store, state, v),
            Effect::RefreshView(v) => super::metrics_load::refresh(store, state, v),
            Effect::ShowBoard => super::metrics_load::board_if_stale(store, state),
            Effect::SaveSetting(s, v) => super::metrics_load::save_setting(store, state, s, &v),
            Effect::MoveStage { key, after } => {
                super::metrics_load::move_stage(store, state, &key, after.as_deref())
            }
            Effect::UndoSetting(u) => super::metrics_load::undo_setting(store, state, u),
            Effect::Team(w) => super::team::apply(store, state, *w),
            Effect::Scrub(s) => super::scrub::apply(store, state, s),
            Effect::Snooze(z) => super::snooze::apply(store, state, *z),
            Effect::LoadFlagLead(id) => super::meeting_load::flag_lead(store, state, id),
        };
        if let Err(e) = result {
            state.error(e.to_string());
        }
    }
}
