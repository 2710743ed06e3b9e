//! Default keys for the triage actions (issue 3): on a lead (board and detail alike), in the
//! detail, and everywhere. `keymap` merges these into each view's table.

use super::action::Action;
use super::keymap::Binding;
use crossterm::event::{KeyCode, KeyModifiers};

fn key(c: char, action: Action) -> Binding {
    code(KeyCode::Char(c), action)
}

fn code(code: KeyCode, action: Action) -> Binding {
    Binding {
        code,
        mods: KeyModifiers::NONE,
        action,
    }
}

/// Acting on the current lead: the selected card, or the lead whose detail is open.
pub fn lead() -> Vec<Binding> {
    vec![
        key('>', Action::MoveNext),
        key('<', Action::MovePrev),
        key('m', Action::MoveTo),
        key('c', Action::LogContact),
        key('n', Action::NextStep),
        key('o', Action::SetOwner),
        key('e', Action::EditLead),
        key('p', Action::TogglePriority),
    ]
}

pub fn detail() -> Vec<Binding> {
    use KeyCode::*;
    vec![
        key('k', Action::Up),
        code(Up, Action::Up),
        key('j', Action::Down),
        code(Down, Action::Down),
        code(PageUp, Action::PageUp),
        code(PageDown, Action::PageDown),
        key('g', Action::Top),
        code(Home, Action::Top),
        key('G', Action::Bottom),
        code(End, Action::Bottom),
        code(Esc, Action::Back),
        key('h', Action::Back),
        code(Left, Action::Back),
    ]
}

pub fn global() -> Vec<Binding> {
    vec![
        key('a', Action::AddLead),
        key('u', Action::Undo),
        key('/', Action::Search),
        key('M', Action::Mine),
        key('f', Action::FilterForm),
        key('F', Action::ClearFilter),
        key(':', Action::Palette),
        Binding {
            code: KeyCode::Char('c'),
            mods: KeyModifiers::CONTROL,
            action: Action::Quit,
        },
    ]
}
