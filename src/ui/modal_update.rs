//! Keys while a form, the search prompt, the palette or the conflict question is open.

use super::action::{Action, NAMED};
use super::effects::Effect;
use super::forms::{self, Submitted};
use super::modal::{Conflict, FormKey, Modal, Purpose, edit_text, form_key};
use super::state::State;
use super::triage::filter_changed;
use crossterm::event::{KeyCode, KeyEvent};

/// Keys while a modal is open.
pub fn input(state: &mut State, k: KeyEvent) -> Vec<Effect> {
    let Some(modal) = state.modal.take() else {
        return vec![];
    };
    match modal {
        Modal::Form(mut form) => match form_key(&mut form, k) {
            FormKey::Edited => {
                state.modal = Some(Modal::Form(form));
                vec![]
            }
            FormKey::Cancel => {
                state.info("cancelled: nothing was saved");
                vec![]
            }
            FormKey::Submit => match forms::submit(&form, &state.meta, state.now) {
                Err(why) => {
                    form.error = Some(why);
                    state.modal = Some(Modal::Form(form));
                    vec![]
                }
                Ok(Submitted::Form(next)) => {
                    state.modal = Some(Modal::Form(next));
                    vec![]
                }
                Ok(Submitted::Filter(mut f)) => {
                    f.search = state.board.filter.search.take();
                    state.board.filter = f;
                    filter_changed(state)
                }
                Ok(Submitted::Snooze(z)) => {
                    form.error = None;
                    state.modal = Some(Modal::Form(form));
                    vec![Effect::Snooze(Box::new(z))]
                }
                Ok(Submitted::Team(w)) => {
                    form.error = None;
                    state.modal = Some(Modal::Form(form));
                    vec![Effect::Team(Box::new(w))]
                }
                Ok(Submitted::Write(w)) => {
                    // The form stays open until the file has the change.
                    form.error = None;
                    state.modal = Some(Modal::Form(form));
                    vec![Effect::Write(Box::new(w))]
                }
            },
        },
        Modal::Search {
            mut query,
            before,
            pending,
        } => match k.code {
            KeyCode::Esc => {
                state.board.filter = before;
                filter_changed(state)
            }
            // Enter runs a query still waiting for its tick.
            KeyCode::Enter if pending => filter_changed(state),
            KeyCode::Enter => vec![],
            _ => {
                edit_text(&mut query, k);
                state.board.filter.search = Some(query.clone()).filter(|q| !q.trim().is_empty());
                state.modal = Some(Modal::Search {
                    query,
                    before,
                    pending: true,
                });
                vec![]
            }
        },
        Modal::Palette {
            mut input,
            mut selected,
        } => {
            let found = suggestions(&input);
            match k.code {
                KeyCode::Esc => vec![],
                KeyCode::Enter => match found
                    .get(selected)
                    .cloned()
                    .or_else(|| parse_command(&input))
                {
                    Some((_, action)) => super::update::update(state, action),
                    None => {
                        state.error(format!("no command {input:?}"));
                        vec![]
                    }
                },
                KeyCode::Up => {
                    selected = selected.saturating_sub(1);
                    state.modal = Some(Modal::Palette { input, selected });
                    vec![]
                }
                KeyCode::Down | KeyCode::Tab => {
                    selected = (selected + 1).min(found.len().saturating_sub(1));
                    state.modal = Some(Modal::Palette { input, selected });
                    vec![]
                }
                _ => {
                    edit_text(&mut input, k);
                    state.modal = Some(Modal::Palette { input, selected: 0 });
                    vec![]
                }
            }
        }
        Modal::Conflict(c) => {
            let Conflict { info, write, form } = *c;
            match k.code {
                KeyCode::Char('r') | KeyCode::Enter => {
                    state.modal = form.map(Modal::Form);
                    vec![Effect::Write(Box::new(write.rebased(info.current_version)))]
                }
                KeyCode::Char('e') if form.is_some() => {
                    if let Some(mut f) = form {
                        rebase_purpose(&mut f.purpose, info.current_version);
                        f.error = Some(format!(
                            "now editing version {} (after {}'s change)",
                            info.current_version, info.changed_by
                        ));
                        state.modal = Some(Modal::Form(f));
                    }
                    vec![]
                }
                KeyCode::Char('d') | KeyCode::Esc => {
                    state.info("your change was dropped; showing the lead as it is now");
                    let mut fx = vec![Effect::ReloadBoard];
                    if let Some(d) = &state.detail {
                        fx.push(Effect::LoadDetail(d.lead.id));
                    }
                    fx
                }
                _ => {
                    state.modal = Some(Modal::Conflict(Box::new(Conflict { info, write, form })));
                    vec![]
                }
            }
        }
    }
}

fn rebase_purpose(p: &mut Purpose, version: i64) {
    match p {
        Purpose::MoveTo { version: v, .. }
        | Purpose::Reason { version: v, .. }
        | Purpose::NextStep { version: v, .. }
        | Purpose::Owner { version: v, .. }
        | Purpose::Edit { version: v, .. } => *v = version,
        Purpose::Contact { .. }
        | Purpose::Add
        | Purpose::Filter
        | Purpose::Rep { .. }
        | Purpose::Campaign { .. }
        | Purpose::ExitReason
        | Purpose::Snooze { .. } => {}
    }
}

/// Palette matches: named actions whose name or description contains the input, those whose
/// name starts with it first.
pub fn suggestions(input: &str) -> Vec<(&'static str, Action)> {
    let q = input.trim().to_ascii_lowercase();
    let rank = |n: &str, a: &Action| {
        if n.starts_with(&q) {
            Some(0)
        } else if n.contains(&q) {
            Some(1)
        } else if a.describe().contains(&q) {
            Some(2)
        } else {
            None
        }
    };
    let mut found: Vec<(u8, &'static str, Action)> = NAMED
        .iter()
        .filter_map(|(n, a)| rank(n, a).map(|r| (r, *n, a.clone())))
        .collect();
    // Stable: equal ranks keep the table's order.
    found.sort_by_key(|(r, _, _)| *r);
    found.into_iter().map(|(_, n, a)| (n, a)).collect()
}

/// `open 42` opens lead 42.
fn parse_command(input: &str) -> Option<(&'static str, Action)> {
    let rest = input.trim().strip_prefix("open ")?;
    rest.trim()
        .parse()
        .ok()
        .map(|id| ("open", Action::OpenLead(id)))
}
