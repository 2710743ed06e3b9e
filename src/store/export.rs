//! Streaming reads for `leadboard export`: one row at a time to a callback, so an export of
//! any size holds one lead in memory. Filters bind their values like the board's do.

use super::reads::{LEAD_COLUMNS, activity_from_row, filter_sql, lead_from_row};
use super::{Result, Store};
use crate::domain::{Activity, Lead, LeadFilter, StageEvent};
use rusqlite::types::Value;

impl Store {
    /// Leads the filter (and optional stage) let through, oldest first.
    pub fn for_each_lead(
        &self,
        filter: &LeadFilter,
        stage: Option<&str>,
        mut f: impl FnMut(Lead) -> Result<()>,
    ) -> Result<()> {
        let (where_sql, params) = scoped(filter, stage);
        let sql = format!(
            "SELECT {LEAD_COLUMNS} FROM leads l LEFT JOIN campaigns c ON c.id = l.campaign_id \
             WHERE 1=1{where_sql} ORDER BY l.id"
        );
        let mut st = self.conn.prepare(&sql)?;
        let mut rows = st.query(rusqlite::params_from_iter(params))?;
        while let Some(r) = rows.next()? {
            f(lead_from_row(r)?)?;
        }
        Ok(())
    }

    /// Activities of those leads, in time order.
    pub fn for_each_activity(
        &self,
        filter: &LeadFilter,
        stage: Option<&str>,
        mut f: impl FnMut(Activity) -> Result<()>,
    ) -> Result<()> {
        let (where_sql, params) = scoped(filter, stage);
        let sql = format!(
            "SELECT a.id, a.lead_id, a.kind, a.by, a.at, a.body, a.outcome FROM activities a \
             JOIN leads l ON l.id = a.lead_id WHERE 1=1{where_sql} ORDER BY a.at, a.id"
        );
        let mut st = self.conn.prepare(&sql)?;
        let mut rows = st.query(rusqlite::params_from_iter(params))?;
        while let Some(r) = rows.next()? {
            f(activity_from_row(r)?)?;
        }
        Ok(())
    }

    /// Every activity in id order, with the id of the note that retracted it (undo), for a
    /// whole-file export.
    pub fn for_each_activity_with_retraction(
        &self,
        mut f: impl FnMut(Activity, Option<i64>) -> Result<()>,
    ) -> Result<()> {
        let mut st = self.conn.prepare(
            "SELECT id, lead_id, kind, by, at, body, outcome, retracted_by FROM activities ORDER BY id",
        )?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            f(activity_from_row(r)?, r.get(7)?)?;
        }
        Ok(())
    }

    /// Stage events of those leads, in time order.
    pub fn for_each_event(
        &self,
        filter: &LeadFilter,
        stage: Option<&str>,
        mut f: impl FnMut(StageEvent) -> Result<()>,
    ) -> Result<()> {
        let (where_sql, params) = scoped(filter, stage);
        let sql = format!(
            "SELECT e.id, e.lead_id, e.from_stage, e.to_stage, e.by, e.at, e.reason FROM stage_events e \
             JOIN leads l ON l.id = e.lead_id WHERE 1=1{where_sql} ORDER BY e.at, e.id"
        );
        let mut st = self.conn.prepare(&sql)?;
        let mut rows = st.query(rusqlite::params_from_iter(params))?;
        while let Some(r) = rows.next()? {
            f(super::reads::event_from_row(r)?)?;
        }
        Ok(())
    }
}

fn scoped(filter: &LeadFilter, stage: Option<&str>) -> (String, Vec<Value>) {
    let (mut sql, mut params) = filter_sql(filter);
    if let Some(s) = stage {
        sql.push_str(" AND l.stage = ?");
        params.push(Value::Text(s.to_string()));
    }
    (sql, params)
}
