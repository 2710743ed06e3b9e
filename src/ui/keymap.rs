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
        Binding::new(F(5), Action::OpenMeeting),
        Binding::new(Char('1'), Action::ShowView(View::Board)),
        Binding::new(Char('2'), Action::ShowView(View::Sla)),
        Binding::new(Char('3'), Action::ShowView(View::Flags)),
        Binding::new(Char('4'), Action::ShowView(View::Funnel)),
        Binding::new(Char('5'), Action::ShowView(View::Settings)),
        Binding::new(Tab, Action::NextView),
        Binding::new(Char('['), Action::StepBack),
        Binding::new(Char(']'), Action::StepForward),
    ]
}

fn board() -> Vec<Binding> {
    use KeyCode::*;
    let mut b = scroll_keys();
    // Columns come right after up/down, so help lists the arrows together.
    b.splice(
        4..4,
        [
            Binding::new(Char('h'), Action::Left),
            Binding::new(Left, Action::Left),
            Binding::new(Char('l'), Action::Right),
            Binding::new(Right, Action::Right),
        ],
    );
    b.push(Binding::new(Enter, Action::Open));
    b.push(Binding::new(Char('x'), Action::ToggleExits));
    b.push(Binding::new(Char('s'), Action::CycleSort));
    b
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
        KeyCode::Char('u') if key.modifiers.contains(KeyModifiers::CONTROL) => {
            Some(Action::ClearInput)
        }
        KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => Some(Action::Type(c)),
        _ => None,
    }
}

/// Every binding active in a view, view-specific first.
pub fn bindings(view: View) -> Vec<Binding> {
    let mut out = match view {
        View::Board => board(),
        View::Meeting => super::meeting_update::keys(),
        View::Detail => super::keys_triage::detail(),
        View::Sla => scroll_keys(),
        View::Funnel => {
            let mut b = scroll_keys();
            b.push(Binding::new(KeyCode::Char('p'), Action::CycleCohort));
            b
        }
        View::Flags => {
            let mut b = scroll_keys();
            b.push(Binding::new(KeyCode::Enter, Action::Open));
            b.push(Binding::new(KeyCode::Char('s'), Action::SnoozeFlag));
            b
        }
        View::Settings => {
            // Up/down and the stage's fields; the board's x and s do nothing here.
            let mut b: Vec<Binding> = board()
                .into_iter()
                .filter(|b| !matches!(b.action, Action::ToggleExits | Action::CycleSort))
                .collect();
            b.push(Binding::new(KeyCode::Enter, Action::Open));
            b.push(Binding::new(KeyCode::Char('K'), Action::StageEarlier));
            b.push(Binding::new(KeyCode::Char('J'), Action::StageLater));
            // Before the lead keys: here `a` adds to the selected section, not a lead.
            b.insert(0, Binding::new(KeyCode::Char('a'), Action::AddItem));
            b.push(Binding::new(KeyCode::Char('d'), Action::RemoveItem));
            b
        }
    };
    // Meeting mode records decisions through its own forms; the rep's triage keys stay off there.
    if view != View::Meeting {
        out.extend(super::keys_triage::lead());
        out.extend(super::keys_triage::global());
    }
    // Meeting mode keeps the projector on the agenda: the view keys (1-5, Tab, F5) do
    // nothing there, so they are not bound (and help does not list them).
    // The scrubber steps the board and the figures, not one lead's detail.
    out.extend(global().into_iter().filter(|b| match b.action {
        Action::ShowView(_) | Action::NextView | Action::OpenMeeting => view != View::Meeting,
        Action::StepBack | Action::StepForward => !matches!(view, View::Meeting | View::Detail),
        _ => true,
    }));
    out
}

/// The keymap a session runs with: the defaults above with the user's remappings applied.
/// Help and lookup both read it, so what help shows is what the keys do.
#[derive(Debug, Clone, Default)]
pub struct Keymap {
    /// (action name, keys) from the config file, applied over the defaults.
    overrides: Vec<(Action, Vec<(KeyCode, KeyModifiers)>)>,
}

impl Keymap {
    /// `keys` maps action names (`move_next`) to key labels (`>`, `Ctrl-n`, `F5`).
    pub fn with_overrides(keys: &[(String, Vec<String>)]) -> Result<Keymap, String> {
        let mut overrides = Vec::new();
        for (name, labels) in keys {
            let action = Action::from_name(name).ok_or_else(|| {
                let known: Vec<&str> = super::action::NAMED.iter().map(|(n, _)| *n).collect();
                format!(
                    "unknown action {name:?} in [keys] (known: {})",
                    known.join(", ")
                )
            })?;
            let parsed = labels
                .iter()
                .map(|l| parse_key(l).map_err(|e| format!("[keys] {name}: {e}")))
                .collect::<Result<Vec<_>, _>>()?;
            overrides.push((action, parsed));
        }
        Ok(Keymap { overrides })
    }

    pub fn bindings(&self, view: View) -> Vec<Binding> {
        let mut out = bindings(view);
        for (action, keys) in &self.overrides {
            // Only remap actions this view has; a remapped key leaves whatever it did before.
            if !out.iter().any(|b| &b.action == action) {
                continue;
            }
            out.retain(|b| &b.action != action && !keys.contains(&(b.code, b.mods)));
            for &(code, mods) in keys {
                out.insert(
                    0,
                    Binding {
                        code,
                        mods,
                        action: action.clone(),
                    },
                );
            }
        }
        out
    }

    pub fn lookup(&self, view: View, key: KeyEvent) -> Option<Action> {
        let mods = key.modifiers - KeyModifiers::SHIFT;
        self.bindings(view)
            .into_iter()
            .find(|b| b.code == key.code && b.mods == mods)
            .map(|b| b.action)
    }
}

/// `x`, `X`, `>`, `Ctrl-x`, `Enter`, `Esc`, `Tab`, `Space`, `Up`, `PgDn`, `F5`.
pub fn parse_key(label: &str) -> Result<(KeyCode, KeyModifiers), String> {
    let l = label.trim();
    let (mods, rest) = match l.strip_prefix("Ctrl-").or_else(|| l.strip_prefix("ctrl-")) {
        Some(r) => (KeyModifiers::CONTROL, r),
        None => (KeyModifiers::NONE, l),
    };
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (Some(c), None) => KeyCode::Char(c),
        _ => match rest.to_ascii_lowercase().as_str() {
            "enter" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "space" => KeyCode::Char(' '),
            "backspace" => KeyCode::Backspace,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pgup" | "pageup" => KeyCode::PageUp,
            "pgdn" | "pagedown" => KeyCode::PageDown,
            f if f.starts_with('f')
                && f[1..].parse::<u8>().is_ok_and(|n| (1..=12).contains(&n)) =>
            {
                KeyCode::F(f[1..].parse().unwrap_or(1))
            }
            _ => {
                return Err(format!(
                    "{label:?} is not a key (e.g. x, Ctrl-x, Enter, F5, PgDn)"
                ));
            }
        },
    };
    Ok((code, mods))
}
