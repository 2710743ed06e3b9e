//! The run loop: event → action → update → effects → draw.

use super::effects::{self, Effect};
use super::state::{Ctx, State};
use super::terminal::TerminalGuard;
use super::update::update;
use super::views;
use crate::store::Store;
use crossterm::event;
use std::time::{Duration, Instant};

const TICK: Duration = Duration::from_millis(250);

pub fn run(store: Store, ctx: Ctx) -> color_eyre::Result<()> {
    run_with(store, ctx, Default::default())
}

/// Runs the board with the user's keymap (from their config file).
pub fn run_with(mut store: Store, ctx: Ctx, keys: super::keymap::Keymap) -> color_eyre::Result<()> {
    let mut guard = TerminalGuard::enter()?;
    let size = guard.terminal.size()?;
    let mut state = State::new(ctx, (size.width, size.height));
    state.keys = keys;
    effects::run(&mut store, &mut state, vec![Effect::ReloadBoard]);
    let mut last_tick = Instant::now();
    while !state.quit {
        guard.terminal.draw(|f| views::render(&state, f))?;
        let timeout = TICK.saturating_sub(last_tick.elapsed());
        let mut actions = Vec::new();
        if event::poll(timeout)? {
            if let Some(a) = super::input::event(&state, event::read()?) {
                actions.push(a);
            }
        }
        if last_tick.elapsed() >= TICK {
            last_tick = Instant::now();
            actions.push(super::Action::Tick);
        }
        for a in actions {
            let fx = update(&mut state, a);
            effects::run(&mut store, &mut state, fx);
        }
    }
    drop(guard);
    Ok(())
}
