//! The terminal UI: state, update (key → action → state change), view (state → widgets).

pub mod action;
pub mod app;
pub mod effects;
pub mod keymap;
pub mod load;
pub mod metrics_load;
pub mod metrics_state;
pub mod metrics_update;
pub mod snapshot;
pub mod state;
pub mod terminal;
pub mod theme;
pub mod update;
pub mod views;
pub mod widgets;

pub use action::Action;
pub use state::{Ctx, State, View};
