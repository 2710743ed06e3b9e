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
    /// Load a lead, its timeline and history, and show the detail.
    LoadDetail(crate::domain::LeadId),
    /// Load the lead (id, version seen) and open the action's form or write at once.
    Prepare(super::forms::Prep, crate::domain::LeadId, i64),
    /// Save a change to the file, then reload what is on screen.
    Write(Box<super::write::Write>),
}

/// Runs effects in order. A failure becomes a status message; the state keeps what the user had.
pub fn run(store: &mut Store, state: &mut State, effects: Vec<Effect>) {
    for effect in effects {
        let result = match effect {
            Effect::ReloadBoard => load::board(store, state),
            Effect::LoadColumn(i) => load::column(store, state, i),
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
        };
        if let Err(e) = result {
            state.error(e.to_string());
        }
    }
}
