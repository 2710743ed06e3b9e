//! Writes. Each is one `BEGIN IMMEDIATE` transaction (`retry.rs` gets the lock); edits of a lead check the version
//! the user started from, so nobody silently overwrites anybody.

use super::codec::{date_opt, opt_text, text, ts, ts_col};
use super::{ConflictInfo, Result, Store, StoreError};
use crate::domain::access::Role;
use crate::domain::{
    ActivityKind, Agreement, LeadEdit, LeadId, NewLead, Outcome, StageKind, Timestamp, validate,
};
use rusqlite::{OptionalExtension, Transaction, params};

impl Store {
    /// Adds a lead in its first stage (or the one given); records the creation as a stage event.
    pub fn create_lead(&mut self, new: &NewLead, by: &str, now: Timestamp) -> Result<LeadId> {
        new.check_text().map_err(StoreError::Invalid)?;
        new.value.checked().map_err(StoreError::Invalid)?;
        let currency =
            crate::domain::currency::parse_code(&new.currency).map_err(StoreError::Invalid)?;
        let name = validate::name(&new.name).map_err(StoreError::Invalid)?;
        let email = validate::email(&new.email).map_err(StoreError::Invalid)?;
        validate::score(new.score).map_err(StoreError::Invalid)?;
        let tx = self.write_tx(Role::Rep)?;
        let stage = match &new.stage {
            Some(s) => stage_row(&tx, s)?.0,
            None => tx
                .query_row(
                    "SELECT key FROM stages WHERE kind = 'open' ORDER BY position LIMIT 1",
                    [],
                    |r| text(r, 0),
                )
                .optional()?
                .ok_or_else(|| StoreError::Invalid("the funnel has no open stage".into()))?,
        };
        let (_, kind, handoff) = stage_row(&tx, &stage)?;
        if !new.allow_disqualified {
            super::closed_loop::refuse_disqualified_email(&tx, &email)?;
        }
        check_rep(&tx, new.owner.as_deref())?;
        check_rep(&tx, new.qualified_by.as_deref())?;
        let campaign_id = campaign_id(&tx, new.campaign.as_deref())?;
        let created = new.created_at.unwrap_or(now);
        tx.execute(
            "INSERT INTO leads (external_id, name, company, email, source, campaign_id, owner, qualified_by, \
             stage, score, value_cents, priority, next_step, next_step_due, created_at, stage_entered_at, \
             delivered_at, version, updated_at, updated_by, entry_stage, phone, currency) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15, ?16, 1, ?17, ?18, ?19, ?20, ?21)",
            params![
                new.external_id,
                name,
                new.company.trim(),
                email,
                new.source.trim(),
                campaign_id,
                new.owner,
                new.qualified_by,
                stage,
                new.score,
                new.value.cents(),
                new.priority as i64,
                new.next_step.trim(),
                date_opt(new.next_step_due),
                ts(created),
                handoff.then(|| ts(created)),
                ts(now),
                by,
                matches!(kind, StageKind::Open | StageKind::Won).then_some(stage.as_str()),
                new.phone.trim(),
                currency,
            ],
        )?;
        let id = tx.last_insert_rowid();
        tx.execute(
            "INSERT INTO stage_events (lead_id, from_stage, to_stage, by, at, reason) VALUES (?1, NULL, ?2, ?3, ?4, 'created')",
            params![id, stage, by, ts(created)],
        )?;
        tx.commit()?;
        Ok(id)
    }

    /// Moves a lead to another stage, writing the stage event in the same transaction.
    /// Exits that close the loop (lost, disqualified, recycled) must carry a reason.
    pub fn move_lead(
        &mut self,
        id: LeadId,
        to: &str,
        reason: &str,
        by: &str,
        expected_version: i64,
        now: Timestamp,
    ) -> Result<i64> {
        let tx = self.write_tx(Role::Rep)?;
        let v = move_in(&tx, id, to, reason, by, expected_version, now)?;
        tx.commit()?;
        Ok(v)
    }

    /// `move_lead`, and a note logged with it in the same transaction (nothing is saved if
    /// either is refused).
    #[allow(clippy::too_many_arguments)]
    pub fn move_lead_noted(
        &mut self,
        id: LeadId,
        to: &str,
        reason: &str,
        note: &str,
        by: &str,
        expected_version: i64,
        now: Timestamp,
    ) -> Result<i64> {
        validate::no_nul(&[("note", note)]).map_err(StoreError::Invalid)?;
        let tx = self.write_tx(Role::Rep)?;
        let v = move_in(&tx, id, to, reason, by, expected_version, now)?;
        if !note.trim().is_empty() {
            activity_in(&tx, id, ActivityKind::Note, None, note, by, now)?;
        }
        tx.commit()?;
        Ok(v)
    }

    /// Logs a contact or note with no outcome (see `log_contact`).
    pub fn log_activity(
        &mut self,
        id: LeadId,
        kind: ActivityKind,
        body: &str,
        by: &str,
        at: Timestamp,
    ) -> Result<i64> {
        self.log_contact(id, kind, None, body, by, at)
    }

    /// Logs a contact or note. It never conflicts: two people logging at once both count.
    /// A contact sets the first-contact time (once) and the last-activity time; `at` may be
    /// in the past (yesterday's call logged this morning).
    pub fn log_contact(
        &mut self,
        id: LeadId,
        kind: ActivityKind,
        outcome: Option<Outcome>,
        body: &str,
        by: &str,
        at: Timestamp,
    ) -> Result<i64> {
        validate::no_nul(&[("note", body)]).map_err(StoreError::Invalid)?;
        validate::year(at.date_naive()).map_err(StoreError::Invalid)?;
        if outcome.is_some() && !kind.is_contact() {
            return Err(StoreError::Invalid(
                "a note is not a contact, so it has no outcome".into(),
            ));
        }
        let tx = self.write_tx(Role::Rep)?;
        current(&tx, id)?;
        let act = activity_in(&tx, id, kind, outcome, body, by, at)?;
        tx.commit()?;
        Ok(act)
    }

    /// Applies an edit of the lead's own fields if nobody changed the lead since `expected_version`.
    pub fn update_lead(
        &mut self,
        id: LeadId,
        edit: &LeadEdit,
        by: &str,
        expected_version: i64,
        now: Timestamp,
    ) -> Result<i64> {
        let tx = self.write_tx(Role::Rep)?;
        let v = update_in(&tx, id, edit, by, expected_version, now)?;
        tx.commit()?;
        Ok(v)
    }

    /// A new SLA agreement from `effective_from` on; earlier periods keep the old one.
    pub fn set_agreement(&mut self, a: &Agreement) -> Result<i64> {
        a.validate().map_err(StoreError::Invalid)?;
        let tx = self.write_tx(Role::Lead)?;
        // Saving the terms already in force is no change: nothing to record or log.
        let same: Option<i64> = tx
            .query_row(
                "SELECT id FROM sla_agreements WHERE effective_from <= ?1 \
                 AND leads_per_rep_month = ?2 AND contacts_per_rep_week = ?3 \
                 AND first_contact_hours = ?4 AND timezone = ?5 \
                 AND id = (SELECT id FROM sla_agreements WHERE effective_from <= ?1 \
                           ORDER BY effective_from DESC, id DESC LIMIT 1)",
                params![
                    ts(a.effective_from),
                    a.leads_per_rep_month,
                    a.contacts_per_rep_week,
                    a.first_contact_hours,
                    a.timezone
                ],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(id) = same {
            return Ok(id);
        }
        tx.execute(
            "INSERT INTO sla_agreements (effective_from, leads_per_rep_month, contacts_per_rep_week, \
             first_contact_hours, timezone, changed_by, changed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                ts(a.effective_from),
                a.leads_per_rep_month,
                a.contacts_per_rep_week,
                a.first_contact_hours,
                a.timezone,
                a.changed_by,
                ts(a.changed_at)
            ],
        )?;
        let id = tx.last_insert_rowid();
        let terms = format!(
            "from {}: {} leads/rep/month, {} contacts/rep/week, first contact {}h, {}",
            ts(a.effective_from),
            a.leads_per_rep_month,
            a.contacts_per_rep_week,
            a.first_contact_hours,
            a.timezone
        );
        super::settings::log_change(&tx, a.changed_at, &a.changed_by, "sla", "", &terms)?;
        tx.commit()?;
        Ok(id)
    }
}

/// One activity, and the lead's first-contact and last-activity times it moves.
fn activity_in(
    tx: &Transaction<'_>,
    id: LeadId,
    kind: ActivityKind,
    outcome: Option<Outcome>,
    body: &str,
    by: &str,
    at: Timestamp,
) -> Result<i64> {
    tx.execute(
        "INSERT INTO activities (lead_id, kind, by, at, body, outcome) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![id, kind.as_str(), by, ts(at), body.trim(), outcome.map_or("", Outcome::as_str)],
    )?;
    let act = tx.last_insert_rowid();
    tx.execute(
        "UPDATE leads SET \
         last_activity_at = CASE WHEN last_activity_at IS NULL OR last_activity_at < ?2 THEN ?2 ELSE last_activity_at END, \
         first_contact_at = CASE WHEN ?3 AND (first_contact_at IS NULL OR first_contact_at > ?2) THEN ?2 ELSE first_contact_at END \
         WHERE id = ?1",
        params![id, ts(at), kind.is_contact()],
    )?;
    Ok(act)
}

/// (key, kind, is_handoff) of a stage, or a clear error naming the known ones.
/// The move itself, inside the caller's transaction (a meeting decision adds its record to it).
pub(super) fn move_in(
    tx: &Transaction<'_>,
    id: LeadId,
    to: &str,
    reason: &str,
    by: &str,
    expected_version: i64,
    now: Timestamp,
) -> Result<i64> {
    validate::no_nul(&[("reason", reason)]).map_err(StoreError::Invalid)?;
    let (to_key, kind, handoff) = stage_row(tx, to)?;
    if kind.requires_reason() && reason.trim().is_empty() {
        return Err(StoreError::Invalid(format!(
            "moving a lead to {to_key} needs a reason"
        )));
    }
    let (from, version) = current(tx, id)?;
    if reason.trim().is_empty() {
        let owners: (String, String) = tx.query_row(
            "SELECT (SELECT owner_team FROM stages WHERE key = ?1), \
                    (SELECT owner_team FROM stages WHERE key = ?2)",
            params![from, to_key],
            |r| Ok((text(r, 0)?, text(r, 1)?)),
        )?;
        if owners.0 == "sales" && owners.1 == "marketing" && kind == StageKind::Open {
            return Err(StoreError::Invalid(format!(
                "handing a lead back from {from} to marketing ({to_key}) needs a reason, so \
                 marketing knows why"
            )));
        }
    }
    if version != expected_version {
        return Err(conflict(tx, id, expected_version, version));
    }
    if from == to_key {
        return Err(StoreError::Invalid(format!(
            "the lead is already in {to_key}"
        )));
    }
    let new_version = version + 1;
    tx.execute(
        "UPDATE leads SET stage = ?2, stage_entered_at = ?3, version = ?4, updated_at = ?3, updated_by = ?5, \
         delivered_at = CASE WHEN ?6 AND delivered_at IS NULL THEN ?3 ELSE delivered_at END \
         WHERE id = ?1",
        params![id, to_key, ts(now), new_version, by, handoff],
    )?;
    tx.execute(
        "INSERT INTO stage_events (lead_id, from_stage, to_stage, by, at, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![id, from, to_key, by, ts(now), reason.trim()],
    )?;
    record_change(tx, id, new_version, "stage", &from, &to_key, by, now)?;
    Ok(new_version)
}

/// The edit itself, inside the caller's transaction (a meeting decision adds its record to it).
pub(super) fn update_in(
    tx: &Transaction<'_>,
    id: LeadId,
    edit: &LeadEdit,
    by: &str,
    expected_version: i64,
    now: Timestamp,
) -> Result<i64> {
    edit.check_text().map_err(StoreError::Invalid)?;
    let (_, version) = current(tx, id)?;
    if version != expected_version {
        return Err(conflict(tx, id, expected_version, version));
    }
    let new_version = version + 1;
    let mut changes: Vec<(&str, String, String)> = Vec::new();
    let old = tx.query_row(
        "SELECT name, company, email, source, (SELECT name FROM campaigns WHERE id = campaign_id), owner, \
         score, value_cents, priority, next_step, next_step_due, phone, currency FROM leads WHERE id = ?1",
        [id],
        |r| {
            Ok([
                text(r, 0)?,
                text(r, 1)?,
                text(r, 2)?,
                text(r, 3)?,
                opt_text(r, 4)?.unwrap_or_default(),
                opt_text(r, 5)?.unwrap_or_default(),
                r.get::<_, i64>(6)?.to_string(),
                r.get::<_, i64>(7)?.to_string(),
                r.get::<_, i64>(8)?.to_string(),
                text(r, 9)?,
                opt_text(r, 10)?.unwrap_or_default(),
                text(r, 11)?,
                text(r, 12)?,
            ])
        },
    )?;
    if let Some(v) = &edit.name {
        let v = validate::name(v).map_err(StoreError::Invalid)?;
        tx.execute("UPDATE leads SET name = ?2 WHERE id = ?1", params![id, v])?;
        changes.push(("name", old[0].clone(), v));
    }
    if let Some(v) = &edit.company {
        tx.execute(
            "UPDATE leads SET company = ?2 WHERE id = ?1",
            params![id, v.trim()],
        )?;
        changes.push(("company", old[1].clone(), v.trim().to_string()));
    }
    if let Some(v) = &edit.email {
        let v = validate::email(v).map_err(StoreError::Invalid)?;
        tx.execute("UPDATE leads SET email = ?2 WHERE id = ?1", params![id, v])?;
        changes.push(("email", old[2].clone(), v));
    }
    if let Some(v) = &edit.phone {
        tx.execute(
            "UPDATE leads SET phone = ?2 WHERE id = ?1",
            params![id, v.trim()],
        )?;
        changes.push(("phone", old[11].clone(), v.trim().to_string()));
    }
    if let Some(v) = &edit.source {
        tx.execute(
            "UPDATE leads SET source = ?2 WHERE id = ?1",
            params![id, v.trim()],
        )?;
        changes.push(("source", old[3].clone(), v.trim().to_string()));
    }
    if let Some(v) = &edit.campaign {
        let cid = campaign_id(tx, v.as_deref())?;
        tx.execute(
            "UPDATE leads SET campaign_id = ?2 WHERE id = ?1",
            params![id, cid],
        )?;
        changes.push(("campaign", old[4].clone(), v.clone().unwrap_or_default()));
    }
    if let Some(v) = &edit.owner {
        check_rep(tx, v.as_deref())?;
        tx.execute("UPDATE leads SET owner = ?2 WHERE id = ?1", params![id, v])?;
        changes.push(("owner", old[5].clone(), v.clone().unwrap_or_default()));
    }
    if let Some(v) = edit.score {
        let v = validate::score(v).map_err(StoreError::Invalid)?;
        tx.execute("UPDATE leads SET score = ?2 WHERE id = ?1", params![id, v])?;
        changes.push(("score", old[6].clone(), v.to_string()));
    }
    if let Some(v) = edit.value {
        v.checked().map_err(StoreError::Invalid)?;
        tx.execute(
            "UPDATE leads SET value_cents = ?2 WHERE id = ?1",
            params![id, v.cents()],
        )?;
        changes.push(("value", old[7].clone(), v.cents().to_string()));
    }
    if let Some(v) = &edit.currency {
        let v = crate::domain::currency::parse_code(v).map_err(StoreError::Invalid)?;
        tx.execute(
            "UPDATE leads SET currency = ?2 WHERE id = ?1",
            params![id, v],
        )?;
        changes.push(("currency", old[12].clone(), v));
    }
    if let Some(v) = edit.priority {
        tx.execute(
            "UPDATE leads SET priority = ?2 WHERE id = ?1",
            params![id, v as i64],
        )?;
        changes.push(("priority", old[8].clone(), (v as i64).to_string()));
    }
    if let Some(v) = &edit.next_step {
        tx.execute(
            "UPDATE leads SET next_step = ?2 WHERE id = ?1",
            params![id, v.trim()],
        )?;
        changes.push(("next_step", old[9].clone(), v.trim().to_string()));
    }
    if let Some(v) = &edit.next_step_due {
        tx.execute(
            "UPDATE leads SET next_step_due = ?2 WHERE id = ?1",
            params![id, date_opt(*v)],
        )?;
        changes.push((
            "next_step_due",
            old[10].clone(),
            date_opt(*v).unwrap_or_default(),
        ));
    }
    changes.retain(|(_, o, n)| o != n);
    if changes.is_empty() {
        // Nothing changed: leave the version alone so nobody else sees a false conflict.
        return Ok(version);
    }
    tx.execute(
        "UPDATE leads SET version = ?2, updated_at = ?3, updated_by = ?4 WHERE id = ?1",
        params![id, new_version, ts(now), by],
    )?;
    for (field, o, n) in &changes {
        record_change(tx, id, new_version, field, o, n, by, now)?;
    }
    Ok(new_version)
}

fn stage_row(tx: &Transaction<'_>, key: &str) -> Result<(String, StageKind, bool)> {
    let row = tx
        .query_row(
            "SELECT key, kind, is_handoff FROM stages WHERE key = ?1",
            [key],
            |r| Ok((text(r, 0)?, text(r, 1)?, r.get::<_, i64>(2)? != 0)),
        )
        .optional()?;
    match row {
        Some((k, kind, h)) => Ok((k, kind.parse().map_err(StoreError::Invalid)?, h)),
        None => {
            let mut st = tx.prepare_cached("SELECT key FROM stages ORDER BY position")?;
            let known: Vec<String> = st
                .query_map([], |r| text(r, 0))?
                .collect::<rusqlite::Result<_>>()?;
            Err(StoreError::Invalid(format!(
                "unknown stage {key:?} (known: {})",
                known.join(", ")
            )))
        }
    }
}

/// (stage, version) of a lead.
pub(super) fn current(tx: &Transaction<'_>, id: LeadId) -> Result<(String, i64)> {
    tx.query_row(
        "SELECT stage, version FROM leads WHERE id = ?1",
        [id],
        |r| Ok((text(r, 0)?, r.get(1)?)),
    )
    .optional()?
    .ok_or_else(|| StoreError::NotFound(format!("lead {id} does not exist (deleted?)")))
}

fn check_rep(tx: &Transaction<'_>, handle: Option<&str>) -> Result<()> {
    let Some(h) = handle else { return Ok(()) };
    let found: Option<i64> = tx
        .query_row("SELECT 1 FROM reps WHERE handle = ?1", [h], |r| r.get(0))
        .optional()?;
    match found {
        Some(_) => Ok(()),
        None => Err(StoreError::Invalid(format!(
            "unknown owner {h:?}: not a rep in this file"
        ))),
    }
}

fn campaign_id(tx: &Transaction<'_>, name: Option<&str>) -> Result<Option<i64>> {
    let Some(n) = name.filter(|n| !n.trim().is_empty()) else {
        return Ok(None);
    };
    tx.query_row(
        "SELECT id FROM campaigns WHERE name = ?1",
        [n.trim()],
        |r| r.get(0),
    )
    .optional()?
    .map(Some)
    .ok_or_else(|| StoreError::Invalid(format!("unknown campaign {n:?}")))
}

#[allow(clippy::too_many_arguments)]
pub(super) fn record_change(
    tx: &Transaction<'_>,
    id: LeadId,
    version: i64,
    field: &str,
    old: &str,
    new: &str,
    by: &str,
    now: Timestamp,
) -> Result<()> {
    tx.execute(
        "INSERT INTO lead_changes (lead_id, version, field, old, new, by, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![id, version, field, old, new, by, ts(now)],
    )?;
    Ok(())
}

/// Builds the conflict report: who changed the lead after `expected`, and what.
pub(super) fn conflict(
    tx: &Transaction<'_>,
    id: LeadId,
    expected: i64,
    current: i64,
) -> StoreError {
    let info = (|| -> Result<ConflictInfo> {
        let (by, at) = tx.query_row(
            "SELECT updated_by, updated_at FROM leads WHERE id = ?1",
            [id],
            |r| Ok((text(r, 0)?, ts_col(r, 1)?)),
        )?;
        let mut st = tx.prepare_cached(
            "SELECT by, field, old, new FROM lead_changes WHERE lead_id = ?1 AND version > ?2 ORDER BY id",
        )?;
        let changes = st
            .query_map(params![id, expected], |r| {
                Ok(format!(
                    "{}: {} {:?} → {:?}",
                    text(r, 0)?,
                    text(r, 1)?,
                    text(r, 2)?,
                    text(r, 3)?
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(ConflictInfo {
            lead_id: id,
            expected_version: expected,
            current_version: current,
            changed_by: by,
            changed_at: at,
            changes,
        })
    })();
    match info {
        Ok(i) => StoreError::Conflict(Box::new(i)),
        Err(e) => e,
    }
}
