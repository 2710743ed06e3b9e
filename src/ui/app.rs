//! The run loop: event → action → update → effects → draw. Every tick (a few times a second)
//! the file is checked for other people's commits; waiting happens in `event::poll`, so an
//! idle board sleeps between ticks instead of spinning.

use super::canvas::Canvas;
use super::effects::{self, Effect};
use super::signals::Signals;
use super::state::{Ctx, State};
use super::terminal::TerminalGuard;
use super::update::update;
use super::views;
use crate::store::{Store, cancel};
use color_eyre::eyre::eyre;
use crossterm::event::{self, Event, KeyCode, KeyEventKind};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::{Duration, Instant};

const TICK: Duration = Duration::from_millis(250);

/// Test hooks, set from the environment by the command that starts the board.
#[derive(Debug, Clone, Copy, Default)]
pub struct RunOptions {
    /// Panic inside the loop after this long (pty tests check the terminal is restored).
    pub panic_after: Option<Duration>,
}

pub fn run(store: Store, ctx: Ctx, opts: RunOptions) -> color_eyre::Result<()> {
    run_with(store, ctx, opts, |_| vec![Effect::ReloadBoard]).map(|_| ())
}

/// Runs the loop from a state `prepare` sets up (e.g. straight into meeting mode);
/// returns the final state so the command can report what happened.
pub fn run_with(
    mut store: Store,
    ctx: Ctx,
    opts: RunOptions,
    prepare: impl FnOnce(&mut State) -> Vec<Effect>,
) -> color_eyre::Result<State> {
    let signals = Signals::install()?;
    cancel::set_interrupt_check(esc_during_wait);
    let mut guard = TerminalGuard::enter()?;
    let size = guard.terminal.size()?;
    let mut state = State::new(ctx, (size.width, size.height));
    let first = prepare(&mut state);
    effects::run(&mut store, &mut state, first);
    let started = Instant::now();
    let mut last_tick = Instant::now();
    let mut shown: Option<Buffer> = None;
    while !state.quit {
        if signals.received() {
            break;
        }
        if opts.panic_after.is_some_and(|d| started.elapsed() >= d) {
            panic!("test panic inside the run loop (LEADBOARD_TEST_PANIC_AFTER_MS)");
        }
        // A tick that changed nothing sends nothing: over ssh an idle board is silent.
        let size = guard.terminal.size()?;
        let mut frame = Buffer::empty(Rect::new(0, 0, size.width, size.height));
        views::render(&state, &mut Canvas::new(&mut frame));
        if shown.as_ref() != Some(&frame) {
            guard.terminal.draw(|f| f.buffer_mut().clone_from(&frame))?;
            shown = Some(frame);
        }
        let timeout = TICK.saturating_sub(last_tick.elapsed());
        let mut actions = Vec::new();
        let ev = match typed_during_wait() {
            Some(ev) => Some(ev),
            None => {
                signals.waiting(true);
                let ready = event::poll(timeout)?;
                let ev = if ready { Some(event::read()?) } else { None };
                signals.waiting(false);
                ev
            }
        };
        if let Some(ev) = ev {
            if let Some(a) = super::input::event(&state, ev) {
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
        if !signals.received() {
            // An Esc that cancelled a wait applies to that write only.
            cancel::clear();
        }
    }
    drop(guard);
    if signals.received() {
        return Err(eyre!(
            "stopped by {}; the terminal was given back and nothing half-written was kept",
            signals.name()
        ));
    }
    Ok(state)
}

/// Keys pressed while a write waited for another writer's lock, in order.
static TYPED: Mutex<VecDeque<Event>> = Mutex::new(VecDeque::new());

fn typed_during_wait() -> Option<Event> {
    TYPED.lock().ok()?.pop_front()
}

/// Run between slices of a wait for the write lock: Esc gives the write up ("not saved");
/// any other key is kept for the loop, so nothing typed meanwhile is lost.
fn esc_during_wait() -> bool {
    while let Ok(true) = event::poll(Duration::ZERO) {
        match event::read() {
            Ok(Event::Key(k)) if k.code == KeyCode::Esc && k.kind != KeyEventKind::Release => {
                return true;
            }
            Ok(ev) => {
                if let Ok(mut q) = TYPED.lock() {
                    q.push_back(ev);
                }
            }
            Err(_) => return false,
        }
    }
    false
}
