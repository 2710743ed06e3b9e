//! Where a lead sits on the board, so a reload can keep the cursor on it after other
//! people's changes moved it up, down or into another column.

use super::codec::text;
use super::reads::filter_sql;
use super::{Result, Store};
use crate::domain::{LeadFilter, LeadId};
use rusqlite::OptionalExtension;
use rusqlite::types::Value;

impl Store {
    /// The lead's stage and its index in that column (the board's order: longest in stage
    /// first), when it exists and the filter lets it through.
    pub fn card_position(
        &self,
        id: LeadId,
        filter: &LeadFilter,
    ) -> Result<Option<(String, usize)>> {
        let (where_sql, params) = filter_sql(filter);
        let mut first = vec![Value::Integer(id)];
        first.extend(params.iter().cloned());
        let sql =
            format!("SELECT l.stage, l.stage_entered_at FROM leads l WHERE l.id = ?{where_sql}");
        let found = self
            .conn
            .prepare_cached(&sql)?
            .query_row(rusqlite::params_from_iter(first), |r| {
                Ok((text(r, 0)?, r.get::<_, Value>(1)?))
            })
            .optional()?;
        let Some((stage, entered)) = found else {
            return Ok(None);
        };
        let sql = format!(
            "SELECT COUNT(*) FROM leads l WHERE l.stage = ? \
             AND (l.stage_entered_at < ? OR (l.stage_entered_at = ? AND l.id < ?)){where_sql}"
        );
        let mut second = vec![
            Value::Text(stage.clone()),
            entered.clone(),
            entered,
            Value::Integer(id),
        ];
        second.extend(params);
        let before: i64 = self
            .conn
            .prepare_cached(&sql)?
            .query_row(rusqlite::params_from_iter(second), |r| r.get(0))?;
        Ok(Some((stage, before.max(0) as usize)))
    }
}
