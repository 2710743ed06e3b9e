//! Meeting effects: saving decisions and writing the minutes. The only meeting code with I/O.

use super::meeting_load;
use super::state::State;
use crate::meeting::decision::{DecisionKind, NewDecision};
use crate::meeting::minutes::{self, MinutesInput};
use crate::store::{Result, Store, StoreError};
use std::io::Write;
use std::path::PathBuf;

pub fn save_decision(store: &mut Store, state: &mut State, d: &NewDecision) -> Result<()> {
    let now = state.ctx.clock.now();
    if d.kind == DecisionKind::Snooze {
        let until = d.due.unwrap_or(now.date_naive());
        store.snooze_flag(
            d.lead_id,
            &d.flag_kind,
            until,
            &d.text,
            &state.ctx.user,
            now,
        )?;
        // Out of this meeting's walk now; the report lists it until it comes back.
        let m = &mut state.meeting;
        m.flags
            .retain(|f| !(f.lead_id == Some(d.lead_id) && f.kind == d.flag_kind));
        super::meeting_update::regroup(state);
        // The walk now stands on the next flag: read its lead for the screen.
        if let Some(id) = state.meeting.current_flag().and_then(|f| f.lead_id) {
            meeting_load::flag_lead(store, state, id)?;
        }
        state.info(format!("snoozed until {until}: {}", d.text));
        return Ok(());
    }
    let saved = store.decide(d, &state.ctx.user, now);
    // Reload either way: after a conflict the flag shows the lead as it is now, ready to retry.
    meeting_load::reload(store, state)?;
    let decision = saved?;
    state.info(format!("saved: {}", minutes::decision_line(&decision)));
    if decision.kind == DecisionKind::Won && super::meeting_update::celebrate(state) {
        // The bell is terminal output, so it rings here and never in update or view.
        let mut out = std::io::stdout();
        let _ = out.write_all(b"\x07").and_then(|_| out.flush());
    }
    Ok(())
}

/// `leadboard-minutes-2026-11-25-meeting-3.md`, in the folder the user configured.
pub fn minutes_name(state: &State) -> String {
    let (day, id) = state.meeting.record.as_ref().map_or_else(
        || (state.now.format("%Y-%m-%d").to_string(), 0),
        |r| (r.started_at.format("%Y-%m-%d").to_string(), r.id),
    );
    format!("leadboard-minutes-{day}-meeting-{id}.md")
}

pub fn write_minutes(store: &Store, state: &mut State, path: Option<PathBuf>) -> Result<()> {
    let Some(record) = state.meeting.record.clone() else {
        return Err(StoreError::Invalid(
            "no meeting was recorded, so there are no minutes to write".into(),
        ));
    };
    // Where the user chose: --minutes, else [meeting] minutes_dir; else nowhere, and say so.
    let path = match (path, &state.meeting.options.minutes_dir) {
        (Some(p), _) => p,
        (None, Some(dir)) => dir.join(minutes_name(state)),
        (None, None) => {
            state.info(format!(
                "meeting {} ended; minutes not written (no --minutes FILE, no [meeting] minutes_dir): \
                 `leadboard meeting --minutes FILE.md` writes them any time",
                record.id
            ));
            return Ok(());
        }
    };
    store.check_output_path(&path)?;
    let m = &state.meeting;
    let resolved = m
        .since
        .as_ref()
        .map(|s| s.flags_resolved.clone())
        .unwrap_or_default();
    let text = minutes::render(&MinutesInput {
        meeting: &record,
        at: state.ctx.clock.now(),
        scoreboard: &m.scoreboard,
        decisions: &m.decisions,
        resolved: &resolved,
        wins: &m.wins,
    });
    std::fs::write(&path, text).map_err(|e| {
        StoreError::Invalid(format!(
            "cannot write the minutes to {}: {e}",
            path.display()
        ))
    })?;
    state.info(format!("minutes written to {}", path.display()));
    state.meeting.minutes_written = Some(path);
    Ok(())
}
