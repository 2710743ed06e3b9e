//! Taking back what a session did, without deleting history: each undo is written as its
//! own record. Moves and edits are undone with the ordinary calls (a new stage event, a new
//! change row); a logged contact cannot be un-said, so it is retracted here by a note.

use super::codec::{opt_ts_col, text, ts, ts_col};
use super::{Result, Store, StoreError};
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
        let tx = self.write_tx()?;
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
        tx.execute(
            "UPDATE leads SET last_activity_at = ?2 WHERE id = ?1 AND (last_activity_at IS NULL OR last_activity_at < ?2)",
            params![lead, ts(now)],
        )?;
        tx.commit()?;
        Ok(id)
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
