//! What sits over a view and takes every key: a form, the search prompt, the palette, or the
//! conflict question. Editing here is pure; submitting is `forms::submit`.

use super::write::Write;
use crate::domain::{LeadFilter, LeadId};
use crate::store::ConflictInfo;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Debug, Clone, PartialEq)]
pub enum Modal {
    Form(Form),
    /// `/`: the query so far, the filter to go back to on Esc, and whether the board still
    /// has to be reloaded for the latest keystroke (done on the next tick, so fast typing on a
    /// large file runs one query, not one per key).
    Search {
        query: String,
        before: LeadFilter,
        pending: bool,
    },
    /// `:`: what was typed, and which suggestion is highlighted.
    Palette {
        input: String,
        selected: usize,
    },
    /// Someone changed the lead since the user started. Their change is kept in `write`
    /// (and the form, if they typed one) until they re-apply or drop it.
    Conflict(Box<Conflict>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub info: ConflictInfo,
    pub write: Write,
    pub form: Option<Form>,
}

/// What a form is for; it decides how `submit` reads the fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    MoveTo {
        id: LeadId,
        version: i64,
        /// The stage the lead is in: a hand-back from it asks for a reason.
        from: String,
    },
    /// Leaving through an exit that needs a reason.
    Reason {
        id: LeadId,
        version: i64,
        to: String,
    },
    Contact {
        id: LeadId,
    },
    NextStep {
        id: LeadId,
        version: i64,
    },
    Owner {
        id: LeadId,
        version: i64,
    },
    Edit {
        id: LeadId,
        version: i64,
    },
    Add,
    Filter,
    /// A rep of the team: `None` adds one.
    Rep {
        handle: Option<String>,
    },
    /// A campaign: `None` adds one.
    Campaign {
        name: Option<String>,
    },
    /// A new reason for an exit.
    ExitReason,
    /// Acknowledge a red flag until a date.
    Snooze {
        lead: LeadId,
        kind: String,
    },
}

/// The choice that adds a lead whose e-mail belongs to a disqualified lead (closed loop):
/// the add form grows this picker only after the store refused, so adding it is a decision.
pub const ADD_ANYWAY: &str = "add it anyway";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub label: &'static str,
    /// What the user typed (text fields).
    pub value: String,
    /// The value the form opened with: an edit sends only fields that differ, so a re-apply
    /// after a conflict never overwrites someone else's change to a field we did not touch.
    pub initial: String,
    /// Choices (picker fields); empty for text fields.
    pub choices: Vec<String>,
    pub choice: usize,
    /// A short hint shown under the field, e.g. the known owners.
    pub hint: String,
}

impl Field {
    pub fn text(label: &'static str, value: impl Into<String>) -> Field {
        let value = value.into();
        Field {
            label,
            initial: value.clone(),
            value,
            choices: vec![],
            choice: 0,
            hint: String::new(),
        }
    }

    pub fn pick(label: &'static str, choices: Vec<String>, choice: usize) -> Field {
        Field {
            label,
            value: String::new(),
            initial: String::new(),
            choice: choice.min(choices.len().saturating_sub(1)),
            choices,
            hint: String::new(),
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Field {
        self.hint = hint.into();
        self
    }

    pub fn is_pick(&self) -> bool {
        !self.choices.is_empty()
    }

    /// The picked choice, or the typed text.
    pub fn get(&self) -> &str {
        if self.is_pick() {
            self.choices.get(self.choice).map_or("", String::as_str)
        } else {
            &self.value
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub title: String,
    pub purpose: Purpose,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// Why the last submit was refused, or why the save failed; the typing stays.
    pub error: Option<String>,
}

impl Form {
    /// Focus starts on the first text field: what a person types goes where they expect
    /// (a picker before it keeps its default until they Tab to it).
    pub fn new(title: impl Into<String>, purpose: Purpose, fields: Vec<Field>) -> Form {
        Form {
            title: title.into(),
            purpose,
            focus: fields.iter().position(|f| !f.is_pick()).unwrap_or(0),
            fields,
            error: None,
        }
    }

    /// True when the user changed this text field from what the form opened with.
    pub fn changed(&self, label: &str) -> bool {
        self.fields
            .iter()
            .any(|f| f.label == label && f.value != f.initial)
    }

    pub fn field(&self, label: &str) -> &str {
        self.fields
            .iter()
            .find(|f| f.label == label)
            .map_or("", Field::get)
    }
}

/// What a key does to a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKey {
    Edited,
    Submit,
    Cancel,
}

/// Applies one key to a form: typing, Backspace, Ctrl-u, Tab / arrows between fields,
/// ↑ ↓ ← → (or Space, or a first letter) through a picker's choices, Enter, Esc.
pub fn form_key(form: &mut Form, key: KeyEvent) -> FormKey {
    let n = form.fields.len().max(1);
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Esc => return FormKey::Cancel,
        KeyCode::Char('c') if ctrl => return FormKey::Cancel,
        KeyCode::Enter => return FormKey::Submit,
        KeyCode::Tab => form.focus = (form.focus + 1) % n,
        KeyCode::BackTab => form.focus = (form.focus + n - 1) % n,
        // Up / Down walk a picker's list; elsewhere they move between fields.
        KeyCode::Down if !form.fields.get(form.focus).is_some_and(Field::is_pick) => {
            form.focus = (form.focus + 1) % n
        }
        KeyCode::Up if !form.fields.get(form.focus).is_some_and(Field::is_pick) => {
            form.focus = (form.focus + n - 1) % n
        }
        _ => {
            let Some(f) = form.fields.get_mut(form.focus) else {
                return FormKey::Edited;
            };
            if f.is_pick() {
                let m = f.choices.len();
                match key.code {
                    KeyCode::Right | KeyCode::Down | KeyCode::Char(' ') => {
                        f.choice = (f.choice + 1) % m
                    }
                    KeyCode::Left | KeyCode::Up => f.choice = (f.choice + m - 1) % m,
                    // Typing a letter jumps to the first choice starting with it.
                    KeyCode::Char(c) => {
                        let lc = c.to_ascii_lowercase();
                        if let Some(i) = f
                            .choices
                            .iter()
                            .position(|s| s.to_ascii_lowercase().starts_with(lc))
                        {
                            f.choice = i;
                        }
                    }
                    _ => {}
                }
            } else {
                edit_text(&mut f.value, key);
            }
        }
    }
    FormKey::Edited
}

/// Typing into a one-line text: characters append, Backspace deletes, Ctrl-u / Ctrl-w clear.
pub fn edit_text(value: &mut String, key: KeyEvent) {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Char('u') if ctrl => value.clear(),
        KeyCode::Char('w') if ctrl => {
            let keep = value.trim_end().rfind(' ').map_or(0, |i| i + 1);
            value.truncate(keep);
        }
        KeyCode::Char(c) if !ctrl && !c.is_control() => value.push(c),
        KeyCode::Backspace => {
            value.pop();
        }
        _ => {}
    }
}
