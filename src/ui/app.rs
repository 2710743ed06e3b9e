//! The run loop: event → action → update → effects → draw.

use super::effects::{self, Effect};
use super::keymap;
use super::state::{Ctx, State};
use super::terminal::TerminalGuard;
use super::update::update;
use super::views;
use crate::store::Store;
use crossterm::event::{self, Event, KeyCode, KeyEventKind};
use std::time::{Duration, Instant};

const TICK: Duration = Duration::from_millis(250);

pub fn run(mut store: Store, ctx: Ctx) -> color_eyre::Result<()> {
    let mut guard = TerminalGuard::enter()?;
    let size = guard.terminal.size()?;
    let mut state = State::new(ctx, (size.width, size.height));
    effects::run(&mut store, &mut state, vec![Effect::ReloadBoard]);
    let mut last_tick = Instant::now();
    while !state.quit {
        guard.terminal.draw(|f| views::render(&state, f))?;
        let timeout = TICK.saturating_sub(last_tick.elapsed());
        let mut actions = Vec::new();
        if event::poll(timeout)? {
            match event::read()? {
                Event::Key(k) if k.kind != KeyEventKind::Release => {
                    let mapped = if state.settings.editing.is_some() {
                        keymap::typing(k)
                    } else {
                        keymap::lookup(state.view, k)
                    };
                    // With help open, any key but `?` closes it.
                    if state.help && k.code != KeyCode::Char('?') {
                        actions.push(super::Action::ToggleHelp);
                    } else if let Some(a) = mapped {
                        actions.push(a);
                    }
                }
                Event::Resize(w, h) => actions.push(super::Action::Resize(w, h)),
                _ => {}
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
