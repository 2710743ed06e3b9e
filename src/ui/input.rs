//! Terminal events → actions. The run loop and the tests both go through here, so a test
//! that presses keys exercises exactly what a person's keys do.

use super::action::Action;
use super::state::State;
use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

pub fn event(state: &State, ev: Event) -> Option<Action> {
    match ev {
        Event::Key(k) if k.kind != KeyEventKind::Release => key(state, k),
        Event::Mouse(m) => mouse(state, m),
        Event::Resize(w, h) => Some(Action::Resize(w, h)),
        _ => None,
    }
}

pub fn key(state: &State, k: KeyEvent) -> Option<Action> {
    if state.meeting.typing() {
        return super::meeting_update::form_key(k);
    }
    if state.settings.editing.is_some() || state.settings.pending.is_some() {
        return super::keymap::typing(k);
    }
    if state.modal.is_some() {
        return Some(Action::Input(k));
    }
    if state.help {
        // Help closes on any key, like a pager.
        return Some(Action::ToggleHelp);
    }
    state.keys.lookup(state.view, k)
}

pub fn mouse(state: &State, m: MouseEvent) -> Option<Action> {
    if state.modal.is_some() {
        return None;
    }
    match m.kind {
        MouseEventKind::ScrollDown => Some(Action::Down),
        MouseEventKind::ScrollUp => Some(Action::Up),
        MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(m.column, m.row)),
        _ => None,
    }
}

/// A key press as the terminal sends it, for tests and the palette: `j`, `>`, `Enter`, `Ctrl-u`.
pub fn press(label: &str) -> KeyEvent {
    let (code, mods) =
        super::keymap::parse_key(label).unwrap_or((KeyCode::Null, KeyModifiers::NONE));
    let mods = match code {
        KeyCode::Char(c) if c.is_ascii_uppercase() => mods | KeyModifiers::SHIFT,
        _ => mods,
    };
    KeyEvent::new(code, mods)
}
