//! The upsert behind `leadboard import`: one `BEGIN IMMEDIATE` transaction for the whole file,
//! cached statements, bound parameters. Rows arrive one at a time so a file of any size streams.
//!
//! A row matches a lead by external id, failing that by e-mail. A matched lead is updated
//! (new version, one `lead_changes` row per field, a stage event with reason "import"); a
//! disqualified one is refused unless allowed (closed loop); anything else creates a lead.

mod apply;
mod fields;
mod key_filter;
mod refs;

pub use refs::handle_for;

use super::codec::{text, ts};
use super::{Result, Store};
use crate::domain::access::Role;
use crate::domain::{LeadId, RowProblem, StageKind, Team, Timestamp};
use rusqlite::Transaction;
use std::collections::HashMap;

/// What to do with an owner the file names but the shared file does not know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UnknownReps {
    /// Add them as reps (handle made from the name) and list them in the report.
    #[default]
    Create,
    /// Reject the row.
    Refuse,
}

#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    pub allow_disqualified: bool,
    /// Drop the secondary indexes the import does not read and rebuild them at commit:
    /// much faster when the file brings more rows than the file already holds.
    pub rebuild_indexes: bool,
    pub unknown_reps: UnknownReps,
    /// The first agreed stage the file's pipeline maps to: where a lead that arrives already
    /// closed entered the funnel (its history cannot say). `None`: the file maps no stage.
    pub entry_stage: Option<String>,
    /// Owners as the file names them → existing rep handles (`--owner RAW=HANDLE`): a CRM's
    /// user id or a differently spelled name counts for the rep the team already has.
    pub owners: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum RowOutcome {
    Created(LeadId),
    Updated(LeadId),
    Unchanged(LeadId),
    /// Matched a disqualified lead, which is never delivered again (closed loop).
    Refused {
        lead: LeadId,
        message: String,
    },
    Bad(RowProblem),
}

struct StageInfo {
    kind: StageKind,
    /// Entering this stage is a delivery: it is a hand-off stage.
    delivered: bool,
}

impl StageInfo {
    /// A new lead's furthest stage is its own when that stage counts for the funnel (open or won).
    fn counts_as_reached(&self) -> bool {
        matches!(self.kind, StageKind::Open | StageKind::Won)
    }
}

/// An import in progress. Nothing is visible to anyone else until `commit`.
pub struct ImportSession<'a> {
    tx: Transaction<'a>,
    by: String,
    now: Timestamp,
    opts: ImportOptions,
    stages: HashMap<String, StageInfo>,
    first_open: String,
    /// Known rep handles, and `name:<lower-case name>` → handle.
    reps: HashMap<String, String>,
    campaigns: HashMap<String, i64>,
    /// Leads with ids above this were created by this import; `created_lines[id - base - 1]`
    /// is the line that created each (4 bytes a row, so memory stays small on huge files).
    base_id: LeadId,
    created_lines: Vec<u32>,
    /// `now` as stored, formatted once.
    now_text: String,
    /// CREATE statements of indexes dropped for the import, run again at commit.
    dropped_indexes: Vec<String>,
    /// Set when the file had no leads: the keys this import wrote (see key_filter.rs).
    fresh: Option<key_filter::KeyFilter>,
    /// While the summary triggers are off: (leads, value) created per stage, added to the
    /// kept totals at commit instead of recounting the whole file.
    created_totals: HashMap<String, (i64, i64)>,
    /// While the summary triggers are off, an existing lead changed: recount everything.
    updated_existing: bool,
    /// Reps and campaigns this import added: (handle, name, team) and names.
    pub new_reps: Vec<(String, String, Team)>,
    pub new_campaigns: Vec<String>,
}

impl Store {
    pub fn begin_import(
        &mut self,
        by: &str,
        now: Timestamp,
        opts: ImportOptions,
    ) -> Result<ImportSession<'_>> {
        // Index inserts for external ids and e-mails land in random pages; with SQLite's
        // default 2 MB cache a large import spends its time evicting and re-reading them.
        // A fixed 16 MB bound keeps memory flat whatever the file's size (64 MB was ~15 %
        // faster into a 100k-lead file but peaked at 83 MB, over the 60 MB budget).
        self.conn.execute_batch("PRAGMA cache_size = -16384;")?;
        let tx = self.write_tx(Role::Lead)?;
        // Which lead each applied row touched, to catch a file naming one lead twice
        // without holding the whole file in memory.
        tx.execute_batch(
            "CREATE TEMP TABLE IF NOT EXISTS import_seen (lead_id INTEGER PRIMARY KEY, line INTEGER NOT NULL); \
             DELETE FROM temp.import_seen;",
        )?;
        let mut stages = HashMap::new();
        let mut first_open = None;
        {
            let mut st =
                tx.prepare("SELECT key, kind, is_handoff FROM stages ORDER BY position")?;
            let rows = st.query_map([], |r| {
                Ok((text(r, 0)?, text(r, 1)?, r.get::<_, i64>(2)? != 0))
            })?;
            for row in rows {
                let (key, kind, handoff) = row?;
                let kind: StageKind = kind.parse().map_err(super::StoreError::Invalid)?;
                if kind == StageKind::Open && first_open.is_none() {
                    first_open = Some(key.clone());
                }
                // A delivery is an entry into a hand-off stage (docs/metrics.md), as the SLA
                // counts it: a row landing straight in SQL or an exit was handed over in the
                // old CRM at a moment the file does not give, so it owes no first contact here.
                stages.insert(
                    key,
                    StageInfo {
                        kind,
                        delivered: handoff,
                    },
                );
            }
        }
        let first_open = first_open
            .ok_or_else(|| super::StoreError::Invalid("the funnel has no open stage".into()))?;
        let mut reps = HashMap::new();
        {
            let mut st = tx.prepare("SELECT handle, name FROM reps")?;
            let rows = st.query_map([], |r| Ok((text(r, 0)?, text(r, 1)?)))?;
            for row in rows {
                let (handle, name) = row?;
                reps.insert(format!("name:{}", name.to_lowercase()), handle.clone());
                reps.insert(handle.clone(), handle);
            }
        }
        for (raw, handle) in &opts.owners {
            let Some(h) = reps.get(handle.trim()).cloned() else {
                return Err(super::StoreError::Invalid(format!(
                    "--owner \"{raw}={handle}\": no rep with handle {handle:?} (see `leadboard reps list`)"
                )));
            };
            reps.insert(raw.trim().to_string(), h);
        }
        let mut campaigns = HashMap::new();
        {
            let mut st = tx.prepare("SELECT name, id FROM campaigns")?;
            let rows = st.query_map([], |r| Ok((text(r, 0)?, r.get::<_, i64>(1)?)))?;
            for row in rows {
                let (name, id) = row?;
                campaigns.insert(name, id);
            }
        }
        let mut dropped_indexes = Vec::new();
        if opts.rebuild_indexes {
            let found: Vec<(String, String)> = {
                // Lookups use the external-id and e-mail indexes; the others only serve reads.
                let mut st = tx.prepare(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL \
                     AND tbl_name IN ('leads', 'stage_events') AND name <> 'leads_email'",
                )?;
                st.query_map([], |r| Ok((text(r, 0)?, text(r, 1)?)))?
                    .collect::<rusqlite::Result<_>>()?
            };
            for (name, sql) in found {
                // An identifier cannot be a bound parameter; this name comes from the schema.
                tx.execute_batch(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")))?;
                dropped_indexes.push(sql);
            }
            // The triggers need the event index just dropped; the kept figures are rebuilt
            // once at commit instead (store/summary.rs).
            tx.execute_batch(super::summary::DROP_TRIGGERS)?;
        }
        let base_id: LeadId =
            tx.query_row("SELECT COALESCE(MAX(id), 0) FROM leads", [], |r| r.get(0))?;
        let empty: bool =
            tx.query_row("SELECT NOT EXISTS (SELECT 1 FROM leads)", [], |r| r.get(0))?;
        Ok(ImportSession {
            dropped_indexes,
            fresh: empty.then(key_filter::KeyFilter::new),
            created_totals: HashMap::new(),
            updated_existing: false,
            base_id,
            created_lines: Vec::new(),
            now_text: ts(now),
            tx,
            by: by.to_string(),
            now,
            opts,
            stages,
            first_open,
            reps,
            campaigns,
            new_reps: Vec::new(),
            new_campaigns: Vec::new(),
        })
    }
}
