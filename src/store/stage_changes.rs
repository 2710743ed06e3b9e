//! Adding, moving and removing stages: the funnel itself, as the teams agree to change it.
//! Each change is one transaction that checks the rules (domain/funnel_plan.rs) against the
//! stages as they are under the write lock, and records who did what in `agreement_log`.

use super::reads::read_stages;
use super::settings::log_change as log;
use super::{Result, Store, StoreError};
use crate::domain::access::Role;
use crate::domain::funnel_plan::{self, Placement, StageUse};
use crate::domain::{Stage, StageKind, Team, Timestamp};
use rusqlite::{Transaction, params};

/// A stage to add. Hand-off is not set here: moving the hand-off is an edit of both stages,
/// done in the settings view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewStage {
    pub key: String,
    pub name: String,
    pub owner: Team,
    pub kind: StageKind,
    pub stale_after_days: Option<i64>,
    pub definition: String,
}

impl Store {
    /// Adds a stage after `after` (first with `first`; by default an open stage after the
    /// last open one, an exit at the end). Returns the funnel as it is now.
    pub fn add_stage(
        &mut self,
        s: &NewStage,
        after: Option<&str>,
        first: bool,
        by: &str,
        now: Timestamp,
    ) -> Result<Vec<Stage>> {
        let key = funnel_plan::key(&s.key).map_err(StoreError::Invalid)?;
        let name = s.name.trim();
        if name.is_empty() || name.chars().count() > 40 {
            return Err(StoreError::Invalid(
                "a stage's name is 1 to 40 characters".into(),
            ));
        }
        if s.stale_after_days.is_some_and(|d| d < 1) {
            return Err(StoreError::Invalid(
                "stale after: a number of days, at least 1".into(),
            ));
        }
        let tx = self.write_tx(Role::Lead)?;
        let stages = read_stages(&tx)?;
        let placement = funnel_plan::place_new(&stages, &key, s.kind, after, first)
            .map_err(StoreError::Invalid)?;
        let position = match &placement {
            Placement::At(p) => *p,
            Placement::Renumber(order) => {
                renumber(&tx, order, &key)?;
                position_in(order, &key)
            }
        };
        tx.execute(
            "INSERT INTO stages (key, name, position, owner_team, kind, stale_after_days, is_handoff, definition) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, ?7)",
            params![key, name, position, s.owner.as_str(), s.kind.as_str(), s.stale_after_days, s.definition.trim()],
        )?;
        let out = read_stages(&tx)?;
        log(
            &tx,
            now,
            by,
            &format!("stage {key}: added"),
            "",
            &format!(
                "{name} · {} · {} · after {}",
                s.owner,
                s.kind.as_str(),
                neighbour_before(&out, &key)
            ),
        )?;
        tx.commit()?;
        Ok(out)
    }

    /// Moves `key` after `after` (first when `None`). Every lead's furthest stage follows
    /// the new order (the `stages_summary_update` trigger, or one recount after a renumbering).
    pub fn move_stage(
        &mut self,
        key: &str,
        after: Option<&str>,
        by: &str,
        now: Timestamp,
    ) -> Result<Vec<Stage>> {
        let tx = self.write_tx(Role::Lead)?;
        let stages = read_stages(&tx)?;
        let old_after = neighbour_before(&stages, key);
        match funnel_plan::place_move(&stages, key, after).map_err(StoreError::Invalid)? {
            Placement::At(p) => {
                tx.execute(
                    "UPDATE stages SET position = ?2 WHERE key = ?1",
                    params![key, p],
                )?;
            }
            Placement::Renumber(order) => renumber(&tx, &order, "")?,
        }
        let now_stages = read_stages(&tx)?;
        log(
            &tx,
            now,
            by,
            &format!("stage {key}: moved"),
            &format!("after {old_after}"),
            &format!("after {}", neighbour_before(&now_stages, key)),
        )?;
        tx.commit()?;
        Ok(now_stages)
    }

    /// Removes a stage no lead is in and no stage move names (a stage that was ever used is
    /// part of the history and stays).
    pub fn remove_stage(&mut self, key: &str, by: &str, now: Timestamp) -> Result<Vec<Stage>> {
        let tx = self.write_tx(Role::Lead)?;
        let stages = read_stages(&tx)?;
        let used = StageUse {
            leads: tx.query_row(
                "SELECT COUNT(*) FROM leads WHERE stage = ?1 OR furthest = ?1",
                [key],
                |r| r.get(0),
            )?,
            events: tx.query_row(
                "SELECT (SELECT COUNT(*) FROM stage_events WHERE to_stage = ?1) \
                 + (SELECT COUNT(*) FROM stage_events WHERE from_stage = ?1)",
                [key],
                |r| r.get(0),
            )?,
        };
        funnel_plan::check_remove(&stages, key, used).map_err(StoreError::Invalid)?;
        let gone = stages
            .iter()
            .find(|s| s.key == key)
            .map_or(String::new(), |s| {
                format!("{} · {} · {}", s.name, s.owner, s.kind.as_str())
            });
        tx.execute("DELETE FROM stage_totals WHERE stage = ?1", [key])?;
        tx.execute("DELETE FROM stage_stays WHERE stage = ?1", [key])?;
        tx.execute("DELETE FROM stages WHERE key = ?1", [key])?;
        log(&tx, now, by, &format!("stage {key}: removed"), &gone, "")?;
        let out = read_stages(&tx)?;
        tx.commit()?;
        Ok(out)
    }
}

/// Gives every stage in `order` its new position, skipping `adding` (not in the table yet).
/// Positions are unique, so the rows first move out of the way (negative positions); the
/// per-row reorder trigger is set aside for this and every lead's furthest stage is
/// recounted once, instead of once per stage (0.7 s each on a 100k-lead file).
fn renumber(tx: &Transaction<'_>, order: &[(String, i64)], adding: &str) -> Result<()> {
    tx.execute_batch("DROP TRIGGER IF EXISTS stages_summary_update;")?;
    tx.execute("UPDATE stages SET position = -position", [])?;
    for (key, position) in order.iter().filter(|(k, _)| k != adding) {
        tx.execute(
            "UPDATE stages SET position = ?2 WHERE key = ?1",
            params![key, position],
        )?;
    }
    tx.execute_batch(super::summary::REBUILD_FURTHEST)?;
    tx.execute_batch(super::summary::STAGES_TRIGGER)?;
    Ok(())
}

fn position_in(order: &[(String, i64)], key: &str) -> i64 {
    order.iter().find(|(k, _)| k == key).map_or(0, |(_, p)| *p)
}

/// The key of the stage just before `key`, or "the start".
fn neighbour_before(stages: &[Stage], key: &str) -> String {
    stages
        .iter()
        .position(|s| s.key == key)
        .and_then(|i| i.checked_sub(1))
        .map_or("the start".to_string(), |i| stages[i].key.clone())
}
