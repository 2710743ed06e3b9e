//! Effects of the triage actions: load a lead, prepare an action on it, write a change.
//! Called only from `effects::run`. A failed write keeps the form (and what was typed) open
//! with the reason; a conflict asks the user what to do with their change.

use super::forms::{self, Prep, Prepared};
use super::load;
use super::modal::{ADD_ANYWAY, Conflict, Modal};
use super::state::{State, View};
use super::triage_state::Detail;
use super::write::{Undo, Write, inverse};
use crate::domain::LeadId;
use crate::store::{Result, Store, StoreError};

pub fn load_detail(store: &Store, state: &mut State, id: LeadId) -> Result<()> {
    let lead = store.lead(id)?;
    let scroll = state
        .detail
        .as_ref()
        .filter(|d| d.lead.id == id)
        .map_or(0, |d| d.scroll);
    state.detail = Some(Detail {
        activities: store.activities(id)?,
        events: store.stage_events(id)?,
        lead,
        scroll,
    });
    state.view = View::Detail;
    Ok(())
}

pub fn prepare(
    store: &Store,
    state: &mut State,
    prep: Prep,
    id: LeadId,
    version: i64,
) -> Vec<Write> {
    let lead = match store.lead(id) {
        Ok(l) => l,
        Err(e) => {
            state.error(e.to_string());
            return vec![];
        }
    };
    // Version 0: the view (the Flags list) carries no version; start from the one just read.
    let version = if version > 0 { version } else { lead.version };
    match forms::prepare(prep, &lead, version, &state.meta) {
        Prepared::Form(f) => {
            state.modal = Some(Modal::Form(f));
            vec![]
        }
        Prepared::Write(w) => vec![w],
        Prepared::Refused(why) => {
            state.error(why);
            vec![]
        }
    }
}

/// Writes one change, then reloads what is on screen.
pub fn write(store: &mut Store, state: &mut State, w: Write) {
    // The one guard every lead write passes, whatever key asked for it.
    if let Some(why) = state.read_only_reason() {
        if let Some(Modal::Form(f)) = &mut state.modal {
            f.error = Some(format!("not saved: {why}"));
        }
        state.error(why);
        return;
    }
    let now = state.ctx.clock.now();
    let by = state.ctx.user.clone();
    match apply(store, &w, &by, now) {
        Ok((msg, undo, wrote)) => {
            if let Some((id, v)) = wrote {
                state.undo.wrote(id, v);
            }
            if matches!(state.modal, Some(Modal::Form(_))) {
                state.modal = None;
            }
            match (&w, undo) {
                (Write::Undo(_), _) => {
                    state.undo.pop();
                }
                (_, Some(u)) => state.undo.push(u),
                (_, None) => {}
            }
            state.info(msg);
            reload(store, state, &w);
        }
        Err(StoreError::Conflict(info)) => {
            let form = match state.modal.take() {
                Some(Modal::Form(f)) => Some(f),
                _ => None,
            };
            state.error(format!(
                "{} changed this lead meanwhile: r re-applies yours, d drops it",
                info.changed_by
            ));
            state.modal = Some(Modal::Conflict(Box::new(Conflict {
                info: *info,
                write: w,
                form,
            })));
        }
        Err(StoreError::Disqualified(why)) => {
            if let Some(Modal::Form(f)) = &mut state.modal {
                offer_add_anyway(f);
                f.error = Some(format!(
                    "{why}. To add it anyway pick \"{ADD_ANYWAY}\" (↑ ↓) and press Enter; Esc gives up"
                ));
            }
            state.error(why);
        }
        Err(e) => {
            let msg = match &e {
                StoreError::Locked | StoreError::ReadOnly | StoreError::DiskFull => {
                    format!("not saved: {e}")
                }
                _ => e.to_string(),
            };
            if let Some(Modal::Form(f)) = &mut state.modal {
                f.error = Some(format!("{msg} (Enter to retry, Esc to give up)"));
            }
            state.error(msg);
        }
    }
}

/// The add form refused for a disqualified e-mail grows a picker that must be changed on
/// purpose: Enter, Enter never adds a lead the team closed.
fn offer_add_anyway(f: &mut super::modal::Form) {
    const LABEL: &str = "disqualified e-mail";
    if !f.fields.iter().any(|x| x.label == LABEL) {
        f.fields.push(super::modal::Field::pick(
            LABEL,
            vec!["do not add".into(), ADD_ANYWAY.into()],
            0,
        ));
    }
    f.focus = f.fields.len() - 1;
}

fn reload(store: &Store, state: &mut State, w: &Write) {
    // After your own move the cursor stays in the column on the next card (triage goes down
    // a column); the reload only follows a lead into another column when someone else moved it.
    if let Write::Move { id, .. } = w {
        for col in &mut state.board.columns {
            col.cards.retain(|c| c.id != *id);
        }
    }
    if let Err(e) = load::board(store, state) {
        state.error(e.to_string());
    }
    // A lead whose adding was undone is gone: its detail closes.
    if let Write::Undo(Undo::Created { id, .. }) = w
        && state.detail.as_ref().is_some_and(|d| d.lead.id == *id)
    {
        state.detail = None;
        if state.view == View::Detail {
            state.view = View::Board;
        }
    }
    let id = match w {
        Write::Move { id, .. } | Write::Log { id, .. } | Write::Edit { id, .. } => Some(*id),
        _ => None,
    };
    if let Some(d) = &state.detail {
        let open = d.lead.id;
        if id.is_none_or(|i| i == open) {
            let view = state.view;
            if let Err(e) = load_detail(store, state, open) {
                state.error(e.to_string());
            }
            state.view = view;
        }
    }
    if let Err(e) = super::metrics_load::current(store, state) {
        state.error(e.to_string());
    }
}

/// The status message, how to undo the write, and the version it left the lead at.
type Applied = (String, Option<Undo>, Option<(LeadId, i64)>);

/// Does the write; returns the message for the status line and how to undo it.
fn apply(store: &mut Store, w: &Write, by: &str, now: crate::domain::Timestamp) -> Result<Applied> {
    Ok(match w {
        Write::Move {
            id,
            to,
            reason,
            version,
        } => {
            let before = store.lead(*id)?;
            let v = store.move_lead(*id, to, reason, by, *version, now)?;
            (
                format!(
                    "moved {} to {}",
                    crate::text::fit(&before.name, 40),
                    stage_name(store, to)
                ),
                Some(Undo::Moved {
                    id: *id,
                    from: before.stage,
                    to: to.clone(),
                    version: v,
                }),
                Some((*id, v)),
            )
        }
        Write::Log {
            id,
            kind,
            body,
            at,
            outcome,
        } => {
            let before = store.lead(*id)?;
            let act = store.log_contact(*id, *kind, *outcome, body, by, at.unwrap_or(now))?;
            (
                format!("{kind} logged on {}", crate::text::fit(&before.name, 40)),
                Some(Undo::Logged {
                    id: *id,
                    activity: act,
                    kind: *kind,
                    first_contact_before: before.first_contact_at,
                }),
                None,
            )
        }
        Write::Edit { id, edit, version } => {
            let before = store.lead(*id)?;
            let v = store.update_lead(*id, edit, by, *version, now)?;
            if v == *version {
                ("nothing changed".to_string(), None, None)
            } else {
                (
                    format!("saved {}", crate::text::fit(&before.name, 40)),
                    Some(Undo::Edited {
                        id: *id,
                        before: inverse(edit, &before),
                        version: v,
                    }),
                    Some((*id, v)),
                )
            }
        }
        Write::Create(new) => {
            let id = store.create_lead(new, by, now)?;
            (
                format!("added {} (lead {id})", crate::text::fit(&new.name, 40)),
                Some(Undo::Created { id, version: 1 }),
                Some((id, 1)),
            )
        }
        Write::Undo(u) => {
            let v = match u {
                Undo::Moved {
                    id,
                    from,
                    to,
                    version,
                } => Some(store.undo_move(*id, from, to, *version, by, now)?),
                Undo::Edited {
                    id,
                    before,
                    version,
                } => Some(store.update_lead(*id, before, by, *version, now)?),
                Undo::Logged {
                    id,
                    activity,
                    first_contact_before,
                    ..
                } => {
                    store.retract_activity(*id, *activity, *first_contact_before, by, now)?;
                    None
                }
                Undo::Created { id, version } => {
                    store.undo_create(*id, *version)?;
                    None
                }
            };
            (
                format!("undone: {}", u.describe(|k| stage_name(store, k))),
                None,
                v.map(|v| (u.lead(), v)),
            )
        }
    })
}

/// A stage as people call it ("SQL"), for status messages; its key if it is gone.
fn stage_name(store: &Store, key: &str) -> String {
    store
        .stages()
        .ok()
        .and_then(|all| all.into_iter().find(|s| s.key == key))
        .map_or_else(|| key.to_string(), |s| crate::text::fit(&s.name, 30))
}
