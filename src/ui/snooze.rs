//! `s` in the flags view: acknowledge the selected red flag until a date, with a reason.
//! The same store call as the meeting's snooze and `leadboard flags snooze`.

use super::effects::Effect;
use super::modal::{Field, Form, Modal, Purpose};
use super::state::{State, View};
use crate::domain::{LeadId, validate};
use crate::store::{Result, Store};
use chrono::NaiveDate;

/// A snooze to save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSnooze {
    pub lead: LeadId,
    pub kind: String,
    pub until: NaiveDate,
    pub reason: String,
}

pub fn open(state: &mut State) -> Vec<Effect> {
    if state.view != View::Flags {
        return vec![];
    }
    if state.refuse_writes() {
        return vec![];
    }
    let Some(f) = state.flags.selected_flag() else {
        return vec![];
    };
    let Some(lead) = f.lead_id else {
        state.info("this flag is about an SLA gauge, not a lead: it cannot be snoozed");
        return vec![];
    };
    let title = format!(
        "Snooze \"{}\" on {}",
        f.kind.title(),
        crate::text::fit(&f.lead, 40)
    );
    let form = Form::new(
        title,
        Purpose::Snooze {
            lead,
            kind: f.kind.as_str().to_string(),
        },
        vec![
            Field::text("why", "").hint("why it can wait; the report lists it"),
            Field::text("until", "+7d")
                .hint("back on this day (2026-12-10, +7d, +2w); a stage move ends it sooner"),
        ],
    );
    state.modal = Some(Modal::Form(form));
    vec![]
}

pub fn submit(form: &Form, today: NaiveDate) -> std::result::Result<NewSnooze, String> {
    let Purpose::Snooze { lead, kind } = &form.purpose else {
        return Err("not a snooze form".into());
    };
    let reason = form.field("why").trim().to_string();
    let until = validate::parse_due_date(form.field("until"), today)
        .map_err(|e| format!("until: {e}"))?
        .ok_or("until: give the day it comes back")?;
    crate::domain::snooze::check(until, &reason, today)?;
    Ok(NewSnooze {
        lead: *lead,
        kind: kind.clone(),
        until,
        reason,
    })
}

pub fn apply(store: &mut Store, state: &mut State, s: NewSnooze) -> Result<()> {
    let now = state.ctx.clock.now();
    match store.snooze_flag(s.lead, &s.kind, s.until, &s.reason, &state.ctx.user, now) {
        Ok(_) => {
            state.modal = None;
            state.info(format!(
                "snoozed until {} (or a stage move): {}",
                s.until, s.reason
            ));
            super::metrics_load::refresh(store, state, View::Flags)
        }
        Err(e) => {
            if let Some(Modal::Form(f)) = &mut state.modal {
                f.error = Some(e.to_string());
            }
            state.error(e.to_string());
            Ok(())
        }
    }
}
