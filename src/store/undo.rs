//! Taking back what a session did, so that every figure is what it was before: a move's
//! stage event is removed (the lead's stage, time in stage and delivery are put back, and
//! the kept figures follow through their triggers), a lead added by mistake is removed with
//! its own rows, a logged contact is retracted (it stays, marked, and stops counting).
//! The change log (`lead_changes`) records each undo: who took back what, and when.

use super::codec::{opt_ts_col, text, ts, ts_col};
use super::{Result, Store, StoreError};
use crate::domain::access::Role;
use crate::domain::{LeadId, Timestamp};
use rusqlite::{OptionalExtension, params};

impl Store {
    /// Retracts a logged activity: adds a note saying which one was taken back, and if that
    /// activity set the lead's first-contact time, puts back the time it had before.
    pub fn retract_activity(
        &mut self,
        lead: LeadId,
        activity: i64,
        first_contact_before: Option<Timestamp>,
        by: &str,
        now: Timestamp,
    ) -> Result<i64> {
        let tx = self.write_tx(Role::Rep)?;
        let (kind, at, body, retracted) = tx
            .query_row(
                "SELECT kind, at, body, retracted_by FROM activities WHERE id = ?1 AND lead_id = ?2",
                params![activity, lead],
                |r| {
                    Ok((
                        text(r, 0)?,
                        ts_col(r, 1)?,
                        text(r, 2)?,
                        r.get::<_, Option<i64>>(3)?,
                    ))
                },
            )
            .optional()?
            .ok_or_else(|| {
                StoreError::NotFound(format!("activity {activity} of lead {lead} does not exist"))
            })?;
        if retracted.is_some() {
            return Err(StoreError::Invalid(format!(
                "the {kind} logged {} was already taken back",
                at.format("%Y-%m-%d %H:%M")
            )));
        }
        let note = format!(
            "undo: retracts the {kind} logged {} ({body})",
            at.format("%Y-%m-%d %H:%M")
        );
        tx.execute(
            "INSERT INTO activities (lead_id, kind, by, at, body) VALUES (?1, 'note', ?2, ?3, ?4)",
            params![lead, by, ts(now), note],
        )?;
        let id = tx.last_insert_rowid();
        // The contact stays in the history, marked, and stops counting in the SLA figures.
        tx.execute(
            "UPDATE activities SET retracted_by = ?2 WHERE id = ?1",
            params![activity, id],
        )?;
        let first: Option<Timestamp> = tx.query_row(
            "SELECT first_contact_at FROM leads WHERE id = ?1",
            [lead],
            |r| opt_ts_col(r, 0),
        )?;
        if first == Some(at) {
            tx.execute(
                "UPDATE leads SET first_contact_at = ?2 WHERE id = ?1",
                params![lead, first_contact_before.map(ts)],
            )?;
        }
        // Last activity as if the contact had never been logged: neither it nor the note
        // that retracts it counts (the priority-account flag reads this).
        tx.execute(
            "UPDATE leads SET last_activity_at = (SELECT MAX(a.at) FROM activities a \
             WHERE a.lead_id = ?1 AND a.retracted_by IS NULL \
             AND a.id NOT IN (SELECT r.retracted_by FROM activities r \
                              WHERE r.lead_id = ?1 AND r.retracted_by IS NOT NULL)) \
             WHERE id = ?1",
            params![lead],
        )?;
        tx.commit()?;
        Ok(id)
    }

    /// Takes back the lead's latest move (`from` → `to`) as if it had not been made: the
    /// stage event goes, and stage, time in stage and delivery are what they were. Refused
    /// when the lead changed since (`expected_version`) or its latest move is another one.
    #[allow(clippy::too_many_arguments)]
    pub fn undo_move(
        &mut self,
        id: LeadId,
        from: &str,
        to: &str,
        expected_version: i64,
        by: &str,
        now: Timestamp,
    ) -> Result<i64> {
        let tx = self.write_tx(Role::Rep)?;
        let (stage, version) = super::writes::current(&tx, id)?;
        if version != expected_version {
            return Err(super::writes::conflict(&tx, id, expected_version, version));
        }
        let last: Option<(i64, Option<String>, String, Timestamp)> = tx
            .query_row(
                "SELECT id, from_stage, to_stage, at FROM stage_events WHERE lead_id = ?1 \
                 ORDER BY at DESC, id DESC LIMIT 1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, text(r, 2)?, ts_col(r, 3)?)),
            )
            .optional()?;
        let Some((event, Some(ev_from), ev_to, at)) = last else {
            return Err(StoreError::Invalid(format!(
                "lead {id} has no move to take back"
            )));
        };
        if ev_from != from || ev_to != to || stage != to {
            return Err(StoreError::Invalid(format!(
                "lead {id}'s latest move is {ev_from} → {ev_to}, not {from} → {to}: not undone"
            )));
        }
        let before: Timestamp = tx.query_row(
            "SELECT at FROM stage_events WHERE lead_id = ?1 AND (at, id) < (?2, ?3) \
             ORDER BY at DESC, id DESC LIMIT 1",
            params![id, ts(at), event],
            |r| ts_col(r, 0),
        )?;
        tx.execute("DELETE FROM stage_events WHERE id = ?1", [event])?;
        let new_version = version + 1;
        // The move set the delivery time only when the lead had none (store/writes.rs).
        tx.execute(
            "UPDATE leads SET stage = ?2, stage_entered_at = ?3, version = ?4, updated_at = ?5, \
             updated_by = ?6, delivered_at = CASE WHEN delivered_at = ?7 THEN NULL ELSE delivered_at END \
             WHERE id = ?1",
            params![id, from, ts(before), new_version, ts(now), by, ts(at)],
        )?;
        super::writes::record_change(&tx, id, new_version, "stage (undo)", to, from, by, now)?;
        tx.commit()?;
        Ok(new_version)
    }

    /// Removes a lead added by mistake, with its history, as if it had never been added.
    /// Refused once anyone else changed it (`expected_version`) or a meeting decided on it.
    pub fn undo_create(&mut self, id: LeadId, expected_version: i64) -> Result<()> {
        let tx = self.write_tx(Role::Rep)?;
        let (_, version) = super::writes::current(&tx, id)?;
        if version != expected_version {
            return Err(super::writes::conflict(&tx, id, expected_version, version));
        }
        let decided: i64 = tx.query_row(
            "SELECT COUNT(*) FROM meeting_decisions WHERE lead_id = ?1",
            [id],
            |r| r.get(0),
        )?;
        if decided > 0 {
            return Err(StoreError::Invalid(format!(
                "lead {id} was decided on in a meeting; move it to an exit instead"
            )));
        }
        for sql in [
            "DELETE FROM activities WHERE lead_id = ?1",
            "DELETE FROM flag_snoozes WHERE lead_id = ?1",
            "DELETE FROM lead_changes WHERE lead_id = ?1",
            "DELETE FROM stage_events WHERE lead_id = ?1",
            "DELETE FROM leads WHERE id = ?1",
        ] {
            tx.execute(sql, [id])?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Every source seen on a lead, for the filter form's hint.
    pub fn sources(&self) -> Result<Vec<String>> {
        // A loose index scan: one seek in `leads_source` per distinct source, instead of reading
        // all 100k leads on every board load (119 ms → < 1 ms).
        let mut st = self.conn.prepare_cached(
            "WITH RECURSIVE s(v) AS (SELECT MIN(source) FROM leads WHERE source <> '' \
             UNION ALL SELECT (SELECT MIN(source) FROM leads WHERE source > s.v) FROM s WHERE s.v IS NOT NULL) \
             SELECT v FROM s WHERE v IS NOT NULL",
        )?;
        let rows = st.query_map([], |r| text(r, 0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
