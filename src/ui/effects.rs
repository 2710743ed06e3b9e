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
    /// Compute what a meeting view (SLA, flags, funnel, settings) shows.
    LoadView(super::state::View),
    /// Save an edited setting, recorded with who and when.
    SaveSetting(super::metrics_state::Setting, String),
}

/// Runs effects in order. A failure becomes a status message; the state keeps what the user had.
pub fn run(store: &mut Store, state: &mut State, effects: Vec<Effect>) {
    for effect in effects {
        let result = match effect {
            Effect::ReloadBoard => load::board(store, state),
            Effect::LoadColumn(i) => load::column(store, state, i),
            Effect::LoadView(v) => super::metrics_load::view(store, state, v),
            Effect::SaveSetting(s, v) => super::metrics_load::save_setting(store, state, s, &v),
        };
        if let Err(e) = result {
            state.error(e.to_string());
        }
    }
}
