//! The terminal UI: state, update (key → action → state change), view (state → widgets).

pub mod action;
pub mod app;
pub mod apply;
pub mod canvas;
pub mod config;
pub mod effects;
pub mod forms;
pub mod input;
pub mod keymap;
pub mod keys_triage;
pub mod load;
pub mod meeting_effects;
pub mod meeting_load;
pub mod meeting_state;
pub mod meeting_update;
pub mod metrics_load;
pub mod metrics_state;
pub mod metrics_update;
pub mod modal;
pub mod modal_update;
pub mod scrub;
pub mod signals;
pub mod snapshot;
pub mod snooze;
pub mod state;
pub mod team;
pub mod terminal;
pub mod theme;
pub mod triage;
pub mod triage_state;
pub mod update;
pub mod views;
pub mod widgets;
pub mod write;

pub use action::Action;
pub use state::{Ctx, State, View};
