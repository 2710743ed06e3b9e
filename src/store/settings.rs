//! The agreement editor's writes and the change log it shows. Every change is one
//! transaction that also records who changed what, and when, in `agreement_log`.

use super::codec::{text, ts, ts_col};
use super::{Result, Store, StoreError};
use crate::domain::Timestamp;
use crate::domain::access::Role;
use crate::domain::stage_edit::StageValue;
use rusqlite::{OptionalExtension, params};

/// One recorded change of the agreement or the stages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreementChange {
    pub at: Timestamp,
    pub by: String,
    pub what: String,
    pub old: String,
    pub new: String,
}

impl Store {
    /// Changes one field of a stage and logs it. Stages have no history of their own:
    /// the change applies from now on to everything computed afterwards.
    pub fn update_stage(
        &mut self,
        key: &str,
        value: &StageValue,
        by: &str,
        now: Timestamp,
    ) -> Result<()> {
        let tx = self.write_tx(Role::Lead)?;
        let (field, new): (&str, String) = match value {
            StageValue::Name(v) => ("name", v.clone()),
            StageValue::Owner(t) => ("owner_team", t.as_str().to_string()),
            StageValue::StaleDays(d) => (
                "stale_after_days",
                d.map(|d| d.to_string()).unwrap_or_default(),
            ),
            StageValue::Handoff(h) => ("is_handoff", if *h { "1" } else { "0" }.to_string()),
            StageValue::Definition(v) => ("definition", v.clone()),
        };
        let old: Option<String> = tx
            .query_row(
                "SELECT CASE ?2 WHEN 'name' THEN name WHEN 'owner_team' THEN owner_team \
                 WHEN 'stale_after_days' THEN COALESCE(CAST(stale_after_days AS TEXT), '') \
                 WHEN 'is_handoff' THEN CAST(is_handoff AS TEXT) ELSE definition END FROM stages WHERE key = ?1",
                params![key, field],
                |r| text(r, 0),
            )
            .optional()?;
        let Some(old) = old else {
            return Err(StoreError::NotFound(format!(
                "stage {key:?} no longer exists"
            )));
        };
        if old == new {
            return Ok(());
        }
        let changed = match value {
            StageValue::Name(v) => tx.execute(
                "UPDATE stages SET name = ?2 WHERE key = ?1",
                params![key, v],
            )?,
            StageValue::Owner(t) => tx.execute(
                "UPDATE stages SET owner_team = ?2 WHERE key = ?1",
                params![key, t.as_str()],
            )?,
            StageValue::StaleDays(d) => tx.execute(
                "UPDATE stages SET stale_after_days = ?2 WHERE key = ?1",
                params![key, d],
            )?,
            StageValue::Handoff(h) => tx.execute(
                "UPDATE stages SET is_handoff = ?2 WHERE key = ?1",
                params![key, *h as i64],
            )?,
            StageValue::Definition(v) => tx.execute(
                "UPDATE stages SET definition = ?2 WHERE key = ?1",
                params![key, v],
            )?,
        };
        if changed != 1 {
            return Err(StoreError::NotFound(format!(
                "stage {key:?} no longer exists"
            )));
        }
        log_change(&tx, now, by, &format!("stage {key}: {field}"), &old, &new)?;
        tx.commit()?;
        Ok(())
    }

    /// The latest changes, newest first.
    pub fn agreement_log(&self, limit: usize) -> Result<Vec<AgreementChange>> {
        let mut st = self.conn.prepare_cached(
            "SELECT at, by, what, old, new FROM agreement_log ORDER BY at DESC, id DESC LIMIT ?1",
        )?;
        let rows = st.query_map([limit as i64], |r| {
            Ok(AgreementChange {
                at: ts_col(r, 0)?,
                by: text(r, 1)?,
                what: text(r, 2)?,
                old: text(r, 3)?,
                new: text(r, 4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// One line of the agreement log, inside the caller's transaction.
pub(super) fn log_change(
    tx: &rusqlite::Transaction<'_>,
    now: Timestamp,
    by: &str,
    what: &str,
    old: &str,
    new: &str,
) -> Result<()> {
    tx.execute(
        "INSERT INTO agreement_log (at, by, what, old, new) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![ts(now), by, what, old, new],
    )?;
    Ok(())
}
