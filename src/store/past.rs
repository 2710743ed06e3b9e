//! The board as it was at an instant (the time scrubber, `[` / `]`): each lead in the stage
//! its history puts it in then, read from the stage events (the latest one at or before it).

use super::codec::{ts, ts_col};
use super::reads::ColumnSummary;
use super::{Result, Store};
use crate::domain::{Card, Timestamp};
use rusqlite::params;

/// Events that are a lead's latest at or before ?1: its stage at that instant.
const LATEST_AT: &str = "e.at <= ?1 AND NOT EXISTS (SELECT 1 FROM stage_events x \
     WHERE x.lead_id = e.lead_id AND x.at <= ?1 AND (x.at > e.at OR (x.at = e.at AND x.id > e.id)))";

impl Store {
    /// Start of the meeting before `at` (strictly), if any: where `[` steps back to.
    pub fn meeting_start_before(&self, at: Timestamp) -> Result<Option<(i64, Timestamp)>> {
        self.meeting_start(
            "WHERE started_at < ?1 ORDER BY started_at DESC, id DESC LIMIT 1",
            at,
        )
    }

    /// Start of the meeting after `at` (strictly), if any: where `]` steps forward to.
    pub fn meeting_start_after(&self, at: Timestamp) -> Result<Option<(i64, Timestamp)>> {
        self.meeting_start("WHERE started_at > ?1 ORDER BY started_at, id LIMIT 1", at)
    }

    fn meeting_start(&self, tail: &str, at: Timestamp) -> Result<Option<(i64, Timestamp)>> {
        use rusqlite::OptionalExtension;
        let sql = format!("SELECT id, started_at FROM meetings {tail}");
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row([ts(at)], |r| Ok((r.get(0)?, ts_col(r, 1)?)))
            .optional()?)
    }

    /// Per stage at `at`: how many leads were in it, and their value (as it is now: the
    /// history keeps stages, not every value).
    pub fn board_summary_at(&self, at: Timestamp) -> Result<Vec<ColumnSummary>> {
        let sql = format!(
            "SELECT e.to_stage, l.currency, COUNT(*), COALESCE(SUM(l.value_cents), 0) FROM stage_events e \
             JOIN leads l ON l.id = e.lead_id WHERE {LATEST_AT} GROUP BY e.to_stage, l.currency"
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st.query_map([ts(at)], super::reads::column_row)?;
        Ok(super::reads::fold_columns(
            rows.collect::<rusqlite::Result<Vec<_>>>()?,
        ))
    }

    /// One window of a column at `at`, longest in the stage first, as the board showed it.
    pub fn column_at(
        &self,
        stage: &str,
        at: Timestamp,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<Card>> {
        // Next steps are not kept in the history: none in the past (the NULL).
        let sql = format!(
            "SELECT l.id, l.name, l.company, l.owner, e.to_stage, l.score, l.value_cents, l.priority, \
             NULL, e.at, l.version, \
             CASE WHEN l.delivered_at <= ?1 THEN l.delivered_at END, \
             CASE WHEN l.first_contact_at <= ?1 THEN l.first_contact_at END, NULL, l.currency \
             FROM stage_events e JOIN leads l ON l.id = e.lead_id \
             WHERE e.to_stage = ?2 AND {LATEST_AT} ORDER BY e.at, e.id LIMIT ?3 OFFSET ?4"
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st.query_map(
            params![ts(at), stage, limit as i64, offset as i64],
            super::reads::card_from_row,
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
