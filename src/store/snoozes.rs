//! Snoozed red flags: written with who, when and why; read back while they hold.

use super::codec::{date, text, ts, ts_col};
use super::{Result, Store, StoreError};
use crate::domain::access::Role;
use crate::domain::{LeadId, Snooze, Timestamp, snooze};
use chrono::NaiveDate;
use rusqlite::params;

impl Store {
    /// Parks flag `kind` of lead `id` until `until` (or until the lead changes stage).
    pub fn snooze_flag(
        &mut self,
        id: LeadId,
        kind: &str,
        until: NaiveDate,
        reason: &str,
        by: &str,
        now: Timestamp,
    ) -> Result<i64> {
        crate::domain::validate::no_nul(&[("reason", reason)]).map_err(StoreError::Invalid)?;
        snooze::check(until, reason, now.date_naive()).map_err(StoreError::Invalid)?;
        let tx = self.write_tx(Role::Lead)?;
        let (stage, _) = super::writes::current(&tx, id)?;
        tx.execute(
            "INSERT INTO flag_snoozes (lead_id, kind, stage, until, reason, by, at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![id, kind, stage, date(until), reason.trim(), by, ts(now)],
        )?;
        let sid = tx.last_insert_rowid();
        tx.commit()?;
        Ok(sid)
    }

    /// Every snooze ever made, oldest first (a whole-file export).
    pub fn all_snoozes(&self) -> Result<Vec<Snooze>> {
        self.snoozes_where("1 = 1 ORDER BY s.id", None)
    }

    /// Snoozes that hold on `today`: not yet at their date, and the lead still in the stage
    /// it was snoozed in. The latest per flag.
    pub fn active_snoozes(&self, today: NaiveDate) -> Result<Vec<Snooze>> {
        self.snoozes_where(
            "s.until > ?1 AND EXISTS (SELECT 1 FROM leads l WHERE l.id = s.lead_id AND l.stage = s.stage) \
             ORDER BY s.until, s.id",
            Some(today),
        )
    }

    fn snoozes_where(&self, cond: &str, today: Option<NaiveDate>) -> Result<Vec<Snooze>> {
        let sql = format!(
            "SELECT s.id, s.lead_id, s.kind, s.stage, s.until, s.reason, s.by, s.at \
             FROM flag_snoozes s WHERE {cond}"
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let map = |r: &rusqlite::Row<'_>| {
            Ok(Snooze {
                id: r.get(0)?,
                lead_id: r.get(1)?,
                kind: text(r, 2)?,
                stage: text(r, 3)?,
                until: r.get::<_, super::codec::Day>(4)?.0,
                reason: text(r, 5)?,
                by: text(r, 6)?,
                at: ts_col(r, 7)?,
            })
        };
        let rows: Vec<Snooze> = match today {
            Some(d) => st
                .query_map([date(d)], map)?
                .collect::<rusqlite::Result<_>>()?,
            None => st.query_map([], map)?.collect::<rusqlite::Result<_>>()?,
        };
        Ok(rows)
    }
}
