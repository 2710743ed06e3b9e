//! Keys → actions, per view. The help overlay is generated from the same table.

use super::action::Action;
use super::state::View;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Debug, Clone)]
pub struct Binding {
    pub code: KeyCode,
    pub mods: KeyModifiers,
    pub action: Action,
}

impl Binding {
    fn new(code: KeyCode, action: Action) -> Self {
        Binding {
            code,
            mods: KeyModifiers::NONE,
            action,
        }
    }

    /// `j`, `Down`, `Ctrl-r` as shown in help.
    pub fn label(&self) -> String {
        let key = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        if self.mods.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{key}")
        } else {
            key
        }
    }
}

/// Keys that work in every view.
fn global() -> Vec<Binding> {
    use KeyCode::*;
    vec![
        Binding::new(Char('q'), Action::Quit),
        Binding::new(Char('?'), Action::ToggleHelp),
        Binding {
            code: Char('r'),
            mods: KeyModifiers::CONTROL,
            action: Action::Refresh,
        },
        Binding::new(Char('1'), Action::ShowView(View::Board)),
        Binding::new(Char('2'), Action::ShowView(View::Sla)),
        Binding::new(Char('3'), Action::ShowView(View::Flags)),
        Binding::new(Char('4'), Action::ShowView(View::Funnel)),
        Binding::new(Char('5'), Action::ShowView(View::Settings)),
        Binding::new(Tab, Action::NextView),
    ]
}

fn board() -> Vec<Binding> {
    use KeyCode::*;
    vec![
        Binding::new(Char('k'), Action::Up),
        Binding::new(Up, Action::Up),
        Binding::new(Char('j'), Action::Down),
        Binding::new(Down, Action::Down),
        Binding::new(Char('h'), Action::Left),
        Binding::new(Left, Action::Left),
        Binding::new(Char('l'), Action::Right),
        Binding::new(Right, Action::Right),
        Binding::new(PageUp, Action::PageUp),
        Binding::new(PageDown, Action::PageDown),
        Binding::new(Char('g'), Action::Top),
        Binding::new(Home, Action::Top),
        Binding::new(Char('G'), Action::Bottom),
        Binding::new(End, Action::Bottom),
    ]
}

/// Up and down through a list or a page.
fn scroll_keys() -> Vec<Binding> {
    use KeyCode::*;
    vec![
        Binding::new(Char('k'), Action::Up),
        Binding::new(Up, Action::Up),
        Binding::new(Char('j'), Action::Down),
        Binding::new(Down, Action::Down),
        Binding::new(PageUp, Action::PageUp),
        Binding::new(PageDown, Action::PageDown),
        Binding::new(Char('g'), Action::Top),
        Binding::new(Home, Action::Top),
        Binding::new(Char('G'), Action::Bottom),
        Binding::new(End, Action::Bottom),
    ]
}

/// While a value is being typed, keys are text, not commands.
pub fn typing(key: KeyEvent) -> Option<Action> {
    match key.code {
        KeyCode::Enter => Some(Action::Commit),
        KeyCode::Esc => Some(Action::Cancel),
        KeyCode::Backspace => Some(Action::Backspace),
        KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => Some(Action::Type(c)),
        _ => None,
    }
}

/// Every binding active in a view, view-specific first.
pub fn bindings(view: View) -> Vec<Binding> {
    let mut out = match view {
        View::Board => board(),
        View::Sla | View::Funnel => scroll_keys(),
        View::Flags => {
            let mut b = scroll_keys();
            b.push(Binding::new(KeyCode::Enter, Action::Open));
            b
        }
        View::Settings => {
            let mut b = board();
            b.push(Binding::new(KeyCode::Enter, Action::Open));
            b
        }
    };
    out.extend(global());
    out
}

pub fn lookup(view: View, key: KeyEvent) -> Option<Action> {
    // Shifted letters arrive as uppercase chars with SHIFT set; match on the char alone.
    let mods = key.modifiers - KeyModifiers::SHIFT;
    bindings(view)
        .into_iter()
        .find(|b| b.code == key.code && b.mods == mods)
        .map(|b| b.action)
}
