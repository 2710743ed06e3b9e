//! The time scrubber: `[` steps the board and the figures back to the start of the previous
//! meeting, `]` forward again and finally to now. In the past the clock is that meeting's
//! start (every figure is computed as of it) and nothing can be changed.

use super::effects::Effect;
use super::state::{State, View};
use crate::clock::Clock;
use crate::domain::Timestamp;
use crate::store::{Result, Store};

/// Where the scrubber stands, and what to put back on returning to now.
#[derive(Debug, Clone)]
pub struct Past {
    pub meeting: i64,
    pub at: Timestamp,
    clock: Clock,
    read_only: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Back,
    Forward,
}

pub fn step(state: &mut State, step: Step) -> Vec<Effect> {
    if state.view == View::Meeting || state.view == View::Detail {
        return vec![];
    }
    if step == Step::Forward && state.past.is_none() {
        state.info("this is now: [ steps back to the last meeting");
        return vec![];
    }
    vec![Effect::Scrub(step)]
}

pub fn apply(store: &Store, state: &mut State, step: Step) -> Result<()> {
    let from = state.past.as_ref().map_or(state.ctx.clock.now(), |p| p.at);
    let target = match step {
        Step::Back => store.meeting_start_before(from)?,
        Step::Forward => store.meeting_start_after(from)?,
    };
    match (target, step) {
        (None, Step::Back) => {
            state.info("no earlier meeting recorded");
            return Ok(());
        }
        (None, Step::Forward) => {
            if let Some(p) = state.past.take() {
                state.ctx.clock = p.clock;
                state.ctx.read_only = p.read_only;
            }
            state.info("back to now");
        }
        (Some((meeting, at)), _) => {
            let (clock, read_only) = match state.past.take() {
                Some(p) => (p.clock, p.read_only),
                None => (state.ctx.clock, state.ctx.read_only),
            };
            state.past = Some(Past {
                meeting,
                at,
                clock,
                read_only,
            });
            // Figures as of then; nothing written from the past.
            state.ctx.clock = Clock::Fixed(at);
            state.ctx.read_only = true;
            state.info(format!(
                "as of meeting {meeting}, {}: read-only · [ earlier · ] later",
                at.format("%a %Y-%m-%d %H:%M")
            ));
        }
    }
    super::load::board(store, state)?;
    match state.view {
        View::Board | View::Detail | View::Meeting => Ok(()),
        v => super::metrics_load::refresh(store, state, v),
    }
}
