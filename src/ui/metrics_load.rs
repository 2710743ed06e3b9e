//! Store → state for the meeting views, and the settings editor's saves.

use super::load;
use super::metrics_state::{Computed, Setting, SettingUndo, SlaField};
use super::state::{State, View};
use crate::domain::Agreement;
use crate::io::gather;
use crate::store::{Result, Store, StoreError};

/// Agreement changes shown under the settings.
const LOG_LINES: usize = 30;

/// Reloads the metrics view on screen, if one is (after a write or another process's commit).
pub fn current(store: &Store, state: &mut State) -> Result<()> {
    match state.view {
        v @ (View::Sla | View::Flags | View::Funnel | View::Settings) => view(store, state, v),
        View::Detail => detail(store, state),
        _ => Ok(()),
    }
}

/// The open lead's detail read again (another person's edit, a move, a contact), keeping
/// its scroll; if the lead is gone, the detail closes and says so.
pub fn detail(store: &Store, state: &mut State) -> Result<()> {
    let Some(id) = state.detail.as_ref().map(|d| d.lead.id) else {
        return Ok(());
    };
    let view = state.view;
    match super::apply::load_detail(store, state, id) {
        Ok(()) => {
            state.view = view;
            Ok(())
        }
        Err(StoreError::NotFound(_)) => {
            state.detail = None;
            state.view = View::Board;
            state.info(format!("lead {id} no longer exists: someone removed it"));
            Ok(())
        }
        Err(e) => Err(e),
    }
}

/// Back to the board: reload it only if the file changed (or a minute passed) since it was
/// loaded; otherwise the columns on screen are still what the file holds.
pub fn board_if_stale(store: &Store, state: &mut State) -> Result<()> {
    let now = state.ctx.clock.now();
    if Computed::fresh(state.board.computed, store.change_stamp()?, now) {
        return Ok(());
    }
    load::board(store, state)
}

/// Forgets the computed figures, so the next load recomputes them (Ctrl-r).
pub fn refresh(store: &Store, state: &mut State, v: View) -> Result<()> {
    if v == View::Detail {
        return detail(store, state);
    }
    state.sla.computed = None;
    state.flags.computed = None;
    state.funnel.computed = None;
    view(store, state, v)
}

pub fn view(store: &Store, state: &mut State, v: View) -> Result<()> {
    store.read_snapshot(|store| view_in_snapshot(store, state, v))
}

fn view_in_snapshot(store: &Store, state: &mut State, v: View) -> Result<()> {
    state.now = state.ctx.clock.now();
    let now = state.now;
    let stamp = store.change_stamp()?;
    // Read the stamp before computing: a commit landing meanwhile makes the next visit recompute.
    let computed = Some(Computed { stamp, at: now });
    match v {
        View::Board | View::Detail | View::Meeting => {}
        View::Sla if Computed::fresh(state.sla.computed, stamp, now) => {}
        View::Flags if Computed::fresh(state.flags.computed, stamp, now) => {}
        View::Funnel if Computed::fresh(state.funnel.computed, stamp, now) => {}
        View::Sla => {
            let (plan, agreements) = gather::plan(store, now)?;
            state.sla.sla = Some(gather::sla(store, &plan, &agreements)?);
            state.sla.computed = computed;
        }
        View::Flags => {
            let (plan, agreements) = gather::plan(store, now)?;
            let sla = gather::gauges(store, &plan, &agreements)?;
            let keep = state.flags.selected_flag().map(|f| (f.kind, f.lead_id));
            let (open, snoozed) = gather::flags_and_snoozed(store, &plan, Some(&sla))?;
            state.flags.flags = open;
            state.flags.snoozed = snoozed.len();
            // Stay on the same flag where it still exists.
            if let Some(i) = keep.and_then(|k| {
                state
                    .flags
                    .flags
                    .iter()
                    .position(|f| (f.kind, f.lead_id) == k)
            }) {
                state.flags.selected = i;
            }
            state.flags.selected = state
                .flags
                .selected
                .min(state.flags.flags.len().saturating_sub(1));
            state.flags.computed = computed;
        }
        View::Funnel => {
            let tz = crate::metrics::Plan::new(&store.agreements()?, now)
                .map_err(StoreError::Invalid)?
                .tz;
            let since = state.funnel.cohort.since(&tz, now);
            state.funnel.funnel = Some(gather::funnel(store, since, now)?);
            state.funnel.since = since;
            state.funnel.computed = computed;
        }
        View::Settings => {
            let agreements = store.agreements()?;
            state.settings.agreement = Agreement::in_force(&agreements, now)
                .or(agreements.last())
                .cloned();
            state.settings.stages = store.stages()?;
            state.settings.reps = store.reps()?;
            state.settings.campaigns = store.campaigns()?;
            state.settings.reasons = crate::domain::StageKind::WITH_REASONS
                .iter()
                .map(|k| {
                    Ok(store
                        .exit_reasons(*k)?
                        .into_iter()
                        .map(|r| (*k, r))
                        .collect::<Vec<_>>())
                })
                .collect::<Result<Vec<_>>>()?
                .concat();
            state.settings.log = store.agreement_log(LOG_LINES)?;
            state.settings.row = state
                .settings
                .row
                .min(state.settings.rows().saturating_sub(1));
        }
    }
    Ok(())
}

fn number(input: &str) -> Result<i64> {
    input
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|n| (0..=1_000_000).contains(n))
        .ok_or_else(|| {
            StoreError::Invalid(format!(
                "{:?} is not a whole number from 0 up",
                input.trim()
            ))
        })
}

/// Saves one setting. A new SLA agreement takes effect now, so past periods keep theirs.
pub fn save_setting(
    store: &mut Store,
    state: &mut State,
    setting: Setting,
    input: &str,
) -> Result<()> {
    let now = state.ctx.clock.now();
    let user = state.ctx.user.clone();
    if state.settings.value_of(setting) == input.trim() {
        // Saving what is already there changes nothing and records nothing.
        state.settings.editing = None;
        state.info("unchanged: nothing was saved");
        return Ok(());
    }
    let undo = match setting {
        Setting::Sla(f) => {
            let before =
                state.settings.agreement.clone().ok_or_else(|| {
                    StoreError::Invalid("no agreement loaded; press Ctrl-r".into())
                })?;
            let mut a = before.clone();
            match f {
                SlaField::LeadsPerRepMonth => a.leads_per_rep_month = number(input)?,
                SlaField::ContactsPerRepWeek => a.contacts_per_rep_week = number(input)?,
                SlaField::FirstContactHours => a.first_contact_hours = number(input)?,
                SlaField::Timezone => {
                    crate::metrics::period::zone(input).map_err(StoreError::Invalid)?;
                    a.timezone = input.trim().to_string();
                }
            }
            a.effective_from = now;
            a.changed_at = now;
            a.changed_by = user;
            store.set_agreement(&a)?;
            SettingUndo::Agreement(before)
        }
        Setting::Rep(_) | Setting::Campaign(_) | Setting::Reason(_) => return Ok(()),
        Setting::Stage(i, f) => {
            let key = state
                .settings
                .stages
                .get(i)
                .map(|s| s.key.clone())
                .ok_or_else(|| StoreError::NotFound("that stage is gone; press Ctrl-r".into()))?;
            let before = f
                .parse(&state.settings.value_of(setting))
                .map_err(StoreError::Invalid)?;
            let value = f.parse(input).map_err(StoreError::Invalid)?;
            store.update_stage(&key, &value, &user, now)?;
            SettingUndo::Stage {
                key,
                value: before,
                what: super::metrics_update::describe(&state.settings, setting),
            }
        }
    };
    state.settings.undo.push(undo);
    let what = super::metrics_update::describe(&state.settings, setting);
    state.settings.editing = None;
    state.info(format!(
        "saved {what}, recorded as changed by {} now",
        state.ctx.user
    ));
    view(store, state, View::Settings)?;
    load::board(store, state)
}

/// Moves a stage in the funnel for everyone, then shows the settings and the board again
/// with the selection still on the moved stage.
pub fn move_stage(
    store: &mut Store,
    state: &mut State,
    key: &str,
    after: Option<&str>,
) -> Result<()> {
    let now = state.ctx.clock.now();
    let user = state.ctx.user.clone();
    // Where it was: after the stage before it, or first.
    let back = {
        let s = &state.settings.stages;
        let i = s.iter().position(|st| st.key == key);
        i.and_then(|i| i.checked_sub(1)).map(|j| s[j].key.clone())
    };
    let stages = store.move_stage(key, after, &user, now)?;
    state.settings.undo.push(SettingUndo::Move {
        key: key.to_string(),
        after: back,
    });
    if let Some(i) = stages.iter().position(|s| s.key == key) {
        state.settings.row = SlaField::ALL.len() + i;
    }
    // Stages by the names people see, not their keys.
    let name = |k: &str| {
        stages
            .iter()
            .find(|s| s.key == k)
            .map_or(k.to_string(), |s| s.name.clone())
    };
    state.info(format!(
        "moved stage {} {}, recorded as changed by {user} now",
        name(key),
        after.map_or("to the start".to_string(), |a| format!("after {}", name(a)))
    ));
    view(store, state, View::Settings)?;
    load::board(store, state)
}

/// Takes back the latest settings change of this session, and says what it undid. The
/// history keeps both changes (who, when); the figures use the restored values from now on.
pub fn undo_setting(store: &mut Store, state: &mut State, u: SettingUndo) -> Result<()> {
    let now = state.ctx.clock.now();
    let user = state.ctx.user.clone();
    let said = match &u {
        SettingUndo::Agreement(before) => {
            let mut a = before.clone();
            a.effective_from = now;
            a.changed_at = now;
            a.changed_by = user.clone();
            store.set_agreement(&a)?;
            format!(
                "undid the SLA change: {} leads/rep/month, {} contacts/rep/week, first contact {}h, {} again",
                a.leads_per_rep_month, a.contacts_per_rep_week, a.first_contact_hours, a.timezone
            )
        }
        SettingUndo::Stage { key, value, what } => {
            store.update_stage(key, value, &user, now)?;
            format!("undid the change of {what}")
        }
        SettingUndo::Move { key, after } => {
            store.move_stage(key, after.as_deref(), &user, now)?;
            format!(
                "undid the move: stage {key} is back {}",
                after
                    .as_ref()
                    .map_or("at the start".to_string(), |a| format!("after {a}"))
            )
        }
    };
    state.settings.undo.pop();
    state.info(said);
    view(store, state, View::Settings)?;
    load::board(store, state)
}
