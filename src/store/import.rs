//! The upsert behind `leadboard import`: one `BEGIN IMMEDIATE` transaction for the whole file,
//! cached statements, bound parameters. Rows arrive one at a time so a file of any size streams.
//!
//! A row matches a lead by external id, failing that by e-mail. A matched lead is updated
//! (new version, one `lead_changes` row per field, a stage event with reason "import"); a
//! disqualified one is refused unless allowed (closed loop); anything else creates a lead.

use super::codec::{date_opt, opt_text, text, ts};
use super::{Result, Store};
use crate::domain::{
    ImportRecord, LeadId, RepRef, RowProblem, StageKind, Team, Timestamp, validate,
};
use rusqlite::{OptionalExtension, Transaction, params};
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
    /// Being in this stage means marketing has handed the lead to sales.
    delivered: bool,
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
        // A fixed 64 MB bound keeps memory flat whatever the file's size.
        self.conn.execute_batch("PRAGMA cache_size = -65536;")?;
        let tx = self.write_tx()?;
        // Which lead each applied row touched, to catch a file naming one lead twice
        // without holding the whole file in memory.
        tx.execute_batch(
            "CREATE TEMP TABLE IF NOT EXISTS import_seen (lead_id INTEGER PRIMARY KEY, line INTEGER NOT NULL); \
             DELETE FROM temp.import_seen;",
        )?;
        let mut stages = HashMap::new();
        let mut first_open = None;
        {
            let mut st = tx.prepare(
                "SELECT key, kind, is_handoff, position, owner_team, \
                 (SELECT min(position) FROM stages WHERE is_handoff = 1) FROM stages ORDER BY position",
            )?;
            let rows = st.query_map([], |r| {
                Ok((
                    text(r, 0)?,
                    text(r, 1)?,
                    r.get::<_, i64>(2)? != 0,
                    r.get::<_, i64>(3)?,
                    text(r, 4)?,
                    r.get::<_, Option<i64>>(5)?,
                ))
            })?;
            for row in rows {
                let (key, kind, handoff, pos, team, handoff_pos) = row?;
                let kind: StageKind = kind.parse().map_err(super::StoreError::Invalid)?;
                if kind == StageKind::Open && first_open.is_none() {
                    first_open = Some(key.clone());
                }
                // Sales-owned stages past the hand-off (SQL, won, lost...) were delivered too.
                let delivered =
                    handoff || (team == "sales" && handoff_pos.is_some_and(|h| pos > h));
                stages.insert(key, StageInfo { kind, delivered });
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
        }
        let base_id: LeadId =
            tx.query_row("SELECT COALESCE(MAX(id), 0) FROM leads", [], |r| r.get(0))?;
        Ok(ImportSession {
            dropped_indexes,
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

/// A lead's fields as the import compares them (text as stored).
#[derive(Clone, PartialEq)]
struct Fields {
    external_id: Option<String>,
    name: String,
    company: String,
    email: String,
    source: String,
    campaign: Option<String>,
    owner: Option<String>,
    qualified_by: Option<String>,
    stage: String,
    score: i64,
    value: i64,
    priority: bool,
    next_step: String,
    next_step_due: Option<String>,
}

impl ImportSession<'_> {
    /// Applies one row inside the import's transaction.
    pub fn apply(&mut self, rec: &ImportRecord) -> Result<RowOutcome> {
        if let Some(s) = &rec.stage
            && !self.stages.contains_key(s)
        {
            return Ok(bad(rec, Some("stage"), format!("unknown stage {s:?}")));
        }
        let Some(id) = self.find(rec)? else {
            return self.create(rec);
        };
        let seen = self.seen(id)?;
        if let Some(first) = seen {
            return Ok(bad(
                rec,
                None,
                format!("duplicate in the file: line {first} already names the same lead"),
            ));
        }
        let (cur, version) = self.load(id)?;
        if !self.opts.allow_disqualified
            && self
                .stages
                .get(&cur.stage)
                .is_some_and(|s| s.kind == StageKind::Disqualified)
        {
            self.mark_seen(id, rec.line)?;
            let message = self.disqualified_note(id, &cur.stage)?;
            return Ok(RowOutcome::Refused { lead: id, message });
        }
        let next = match self.merge(&cur, rec)? {
            Ok(f) => f,
            Err(p) => return Ok(RowOutcome::Bad(p)),
        };
        self.mark_seen(id, rec.line)?;
        if next == cur {
            return Ok(RowOutcome::Unchanged(id));
        }
        let new_version = version + 1;
        let now = self.now_text.clone();
        let stage_moved = next.stage != cur.stage;
        let entered = ts(rec.stage_at.unwrap_or(self.now));
        let delivered = stage_moved && self.stages.get(&next.stage).is_some_and(|s| s.delivered);
        let campaign_id = self.campaign_id(next.campaign.as_deref(), &next.source)?;
        self.tx
            .prepare_cached(
                "UPDATE leads SET external_id = ?2, name = ?3, company = ?4, email = ?5, source = ?6, \
                 campaign_id = ?7, owner = ?8, qualified_by = ?9, stage = ?10, score = ?11, value_cents = ?12, \
                 priority = ?13, next_step = ?14, next_step_due = ?15, version = ?16, updated_at = ?17, \
                 updated_by = ?18, \
                 stage_entered_at = CASE WHEN ?19 THEN ?20 ELSE stage_entered_at END, \
                 delivered_at = CASE WHEN ?21 AND delivered_at IS NULL THEN ?20 ELSE delivered_at END \
                 WHERE id = ?1",
            )?
            .execute(params![
                id,
                next.external_id,
                next.name,
                next.company,
                next.email,
                next.source,
                campaign_id,
                next.owner,
                next.qualified_by,
                next.stage,
                next.score,
                next.value,
                next.priority as i64,
                next.next_step,
                next.next_step_due,
                new_version,
                now,
                self.by,
                stage_moved,
                entered,
                delivered,
            ])?;
        if stage_moved {
            self.tx
                .prepare_cached(
                    "INSERT INTO stage_events (lead_id, from_stage, to_stage, by, at, reason) \
                     VALUES (?1, ?2, ?3, ?4, ?5, 'import')",
                )?
                .execute(params![id, cur.stage, next.stage, self.by, entered])?;
        }
        for (field, old, new) in diff(&cur, &next) {
            self.tx
                .prepare_cached(
                    "INSERT INTO lead_changes (lead_id, version, field, old, new, by, at) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                )?
                .execute(params![id, new_version, field, old, new, self.by, now])?;
        }
        Ok(RowOutcome::Updated(id))
    }

    pub fn commit(self) -> Result<()> {
        if !self.dropped_indexes.is_empty() {
            // An index build sorts in memory up to the cache size; a smaller cache for the
            // rebuild keeps the peak near the import's own.
            self.tx.execute_batch("PRAGMA cache_size = -16384;")?;
        }
        for sql in &self.dropped_indexes {
            self.tx.execute_batch(sql)?;
        }
        self.tx.commit()?;
        Ok(())
    }

    /// Leaves the file exactly as it was (dry run, or a rejected row without `--skip-bad`).
    pub fn rollback(self) -> Result<()> {
        self.tx.rollback()?;
        Ok(())
    }

    fn find(&mut self, rec: &ImportRecord) -> Result<Option<LeadId>> {
        if let Some(ext) = rec.external_id.as_deref().filter(|e| !e.is_empty()) {
            let hit: Option<LeadId> = self
                .tx
                .prepare_cached("SELECT id FROM leads WHERE external_id = ?1")?
                .query_row([ext], |r| r.get(0))
                .optional()?;
            if hit.is_some() {
                return Ok(hit);
            }
        }
        let Some(email) = rec
            .email
            .as_deref()
            .map(str::trim)
            .filter(|e| !e.is_empty())
        else {
            return Ok(None);
        };
        // A lead that carries another CRM's id is another record, even with the same e-mail.
        Ok(self
            .tx
            .prepare_cached(
                // `email <> ''` lets SQLite use the partial index leads_email.
                "SELECT id FROM leads WHERE email = lower(?1) AND email <> '' \
                 AND (external_id IS NULL OR ?2) ORDER BY id LIMIT 1",
            )?
            .query_row(params![email, rec.external_id.is_none()], |r| r.get(0))
            .optional()?)
    }

    fn create(&mut self, rec: &ImportRecord) -> Result<RowOutcome> {
        let fallback = rec
            .name
            .as_deref()
            .filter(|n| !n.trim().is_empty())
            .or(rec.company.as_deref().filter(|c| !c.trim().is_empty()))
            .or(rec.email.as_deref().filter(|e| !e.trim().is_empty()))
            .or(rec.external_id.as_deref())
            .unwrap_or("");
        let name = match validate::name(fallback) {
            Ok(n) => n,
            Err(e) => return Ok(bad(rec, Some("name"), e)),
        };
        let email = match validate::email(rec.email.as_deref().unwrap_or("")) {
            Ok(e) => e,
            Err(e) => return Ok(bad(rec, Some("email"), e)),
        };
        let score = rec.score.unwrap_or(0);
        if let Err(e) = validate::score(score) {
            return Ok(bad(rec, Some("score"), e));
        }
        let stage = rec.stage.clone().unwrap_or_else(|| self.first_open.clone());
        let created = rec.created_at.or(rec.stage_at).unwrap_or(self.now);
        let entered = rec.stage_at.unwrap_or(created);
        let owner = match self.rep(rec.owner.as_ref(), rec, "owner")? {
            Ok(o) => o,
            Err(p) => return Ok(RowOutcome::Bad(p)),
        };
        let qualified_by = match self.rep(rec.qualified_by.as_ref(), rec, "qualified_by")? {
            Ok(o) => o,
            Err(p) => return Ok(RowOutcome::Bad(p)),
        };
        let source = rec.source.as_deref().unwrap_or("").trim().to_string();
        let campaign_id = self.campaign_id(rec.campaign.as_deref(), &source)?;
        let delivered = self.stages.get(&stage).is_some_and(|s| s.delivered);
        let created_text = ts(created);
        let entered_text = if entered == created {
            created_text.clone()
        } else {
            ts(entered)
        };
        self.tx
            .prepare_cached(
                "INSERT INTO leads (external_id, name, company, email, source, campaign_id, owner, qualified_by, \
                 stage, score, value_cents, priority, next_step, next_step_due, created_at, stage_entered_at, \
                 delivered_at, version, updated_at, updated_by) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, 1, ?18, ?19)",
            )?
            .execute(params![
                rec.external_id.as_deref().filter(|e| !e.is_empty()),
                name,
                rec.company.as_deref().unwrap_or("").trim(),
                email,
                source,
                campaign_id,
                owner,
                qualified_by,
                stage,
                score,
                rec.value.map_or(0, |v| v.cents()),
                rec.priority.unwrap_or(false) as i64,
                rec.next_step.as_deref().unwrap_or("").trim(),
                date_opt(rec.next_step_due),
                created_text,
                entered_text,
                delivered.then_some(created_text.as_str()),
                self.now_text,
                self.by,
            ])?;
        let id = self.tx.last_insert_rowid();
        self.tx
            .prepare_cached(
                "INSERT INTO stage_events (lead_id, from_stage, to_stage, by, at, reason) \
                 VALUES (?1, NULL, ?2, ?3, ?4, 'import')",
            )?
            .execute(params![id, stage, self.by, entered_text])?;
        self.mark_created(id, rec.line);
        Ok(RowOutcome::Created(id))
    }

    /// The line that already applied to this lead, if any.
    fn seen(&mut self, id: LeadId) -> Result<Option<u64>> {
        if id > self.base_id {
            let i = (id - self.base_id - 1) as usize;
            return Ok(self
                .created_lines
                .get(i)
                .copied()
                .filter(|l| *l > 0)
                .map(u64::from));
        }
        Ok(self
            .tx
            .prepare_cached("SELECT line FROM temp.import_seen WHERE lead_id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?)
    }

    fn mark_created(&mut self, id: LeadId, line: u64) {
        let i = (id - self.base_id - 1) as usize;
        if self.created_lines.len() <= i {
            self.created_lines.resize(i + 1, 0);
        }
        self.created_lines[i] = u32::try_from(line).unwrap_or(u32::MAX);
    }

    fn mark_seen(&mut self, id: LeadId, line: u64) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT OR IGNORE INTO temp.import_seen (lead_id, line) VALUES (?1, ?2)",
            )?
            .execute(params![id, line])?;
        Ok(())
    }

    fn load(&mut self, id: LeadId) -> Result<(Fields, i64)> {
        Ok(self
            .tx
            .prepare_cached(
                "SELECT external_id, name, company, email, source, (SELECT name FROM campaigns WHERE id = campaign_id), \
                 owner, qualified_by, stage, score, value_cents, priority, next_step, next_step_due, version \
                 FROM leads WHERE id = ?1",
            )?
            .query_row([id], |r| {
                Ok((
                    Fields {
                        external_id: opt_text(r, 0)?,
                        name: text(r, 1)?,
                        company: text(r, 2)?,
                        email: text(r, 3)?,
                        source: text(r, 4)?,
                        campaign: opt_text(r, 5)?,
                        owner: opt_text(r, 6)?,
                        qualified_by: opt_text(r, 7)?,
                        stage: text(r, 8)?,
                        score: r.get(9)?,
                        value: r.get(10)?,
                        priority: r.get::<_, i64>(11)? != 0,
                        next_step: text(r, 12)?,
                        next_step_due: opt_text(r, 13)?,
                    },
                    r.get(14)?,
                ))
            })?)
    }

    /// The lead as it will be after this row, or why the row cannot apply.
    fn merge(
        &mut self,
        cur: &Fields,
        rec: &ImportRecord,
    ) -> Result<std::result::Result<Fields, RowProblem>> {
        let mut n = cur.clone();
        if n.external_id.is_none() {
            n.external_id = rec.external_id.clone().filter(|e| !e.is_empty());
        }
        if let Some(v) = rec.name.as_deref().filter(|v| !v.trim().is_empty()) {
            match validate::name(v) {
                Ok(v) => n.name = v,
                Err(e) => return Ok(Err(problem(rec, "name", e))),
            }
        }
        if let Some(v) = &rec.company {
            n.company = v.trim().to_string();
        }
        if let Some(v) = &rec.email {
            match validate::email(v) {
                Ok(v) => n.email = v,
                Err(e) => return Ok(Err(problem(rec, "email", e))),
            }
        }
        if let Some(v) = &rec.source {
            n.source = v.trim().to_string();
        }
        if let Some(v) = &rec.campaign {
            n.campaign = Some(v.trim().to_string()).filter(|c| !c.is_empty());
        }
        if rec.owner.is_some() {
            match self.rep(rec.owner.as_ref(), rec, "owner")? {
                Ok(o) => n.owner = o,
                Err(p) => return Ok(Err(p)),
            }
        }
        if rec.qualified_by.is_some() {
            match self.rep(rec.qualified_by.as_ref(), rec, "qualified_by")? {
                Ok(o) => n.qualified_by = o,
                Err(p) => return Ok(Err(p)),
            }
        }
        if let Some(v) = &rec.stage {
            n.stage = v.clone();
        }
        if let Some(v) = rec.score {
            match validate::score(v) {
                Ok(v) => n.score = v,
                Err(e) => return Ok(Err(problem(rec, "score", e))),
            }
        }
        if let Some(v) = rec.value {
            n.value = v.cents();
        }
        if let Some(v) = rec.priority {
            n.priority = v;
        }
        if let Some(v) = &rec.next_step {
            n.next_step = v.trim().to_string();
        }
        if let Some(v) = rec.next_step_due {
            n.next_step_due = date_opt(Some(v));
        }
        Ok(Ok(n))
    }

    /// The handle for a rep the file names: an existing handle, an existing rep's name, or a
    /// new rep made from it (unless unknown reps are refused).
    fn rep(
        &mut self,
        r: Option<&RepRef>,
        rec: &ImportRecord,
        column: &str,
    ) -> Result<std::result::Result<Option<String>, RowProblem>> {
        let Some(r) = r else { return Ok(Ok(None)) };
        let raw = r.raw.trim();
        if raw.is_empty() {
            return Ok(Ok(None));
        }
        if let Some(h) = self.reps.get(raw) {
            return Ok(Ok(Some(h.clone())));
        }
        if let Some(h) = self.reps.get(&format!("name:{}", raw.to_lowercase())) {
            return Ok(Ok(Some(h.clone())));
        }
        let handle = handle_for(raw);
        if let Some(h) = self.reps.get(&handle) {
            return Ok(Ok(Some(h.clone())));
        }
        if self.opts.unknown_reps == UnknownReps::Refuse || handle.is_empty() {
            return Ok(Err(problem(
                rec,
                column,
                format!("unknown rep {raw:?}: not a rep in this file (add them first)"),
            )));
        }
        let since = [rec.created_at, rec.stage_at, Some(self.now)]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(self.now)
            .date_naive();
        self.tx
            .prepare_cached(
                "INSERT INTO reps (handle, name, team, active_from, active_to) VALUES (?1, ?2, ?3, ?4, NULL)",
            )?
            .execute(params![handle, raw, r.team.as_str(), super::codec::date(since)])?;
        self.reps.insert(handle.clone(), handle.clone());
        self.reps
            .insert(format!("name:{}", raw.to_lowercase()), handle.clone());
        self.new_reps
            .push((handle.clone(), raw.to_string(), r.team));
        Ok(Ok(Some(handle)))
    }

    /// The campaign's id, adding a campaign the file names but the shared file lacks.
    fn campaign_id(&mut self, name: Option<&str>, source: &str) -> Result<Option<i64>> {
        let Some(name) = name.map(str::trim).filter(|n| !n.is_empty()) else {
            return Ok(None);
        };
        if let Some(id) = self.campaigns.get(name) {
            return Ok(Some(*id));
        }
        self.tx
            .prepare_cached("INSERT INTO campaigns (name, source) VALUES (?1, ?2)")?
            .execute(params![name, source])?;
        let id = self.tx.last_insert_rowid();
        self.campaigns.insert(name.to_string(), id);
        self.new_campaigns.push(name.to_string());
        Ok(Some(id))
    }

    /// "disqualified on DATE by WHO: REASON", from the event that put the lead there.
    fn disqualified_note(&mut self, id: LeadId, stage: &str) -> Result<String> {
        let ev: Option<(String, String, String)> = self
            .tx
            .prepare_cached(
                "SELECT at, by, reason FROM stage_events WHERE lead_id = ?1 AND to_stage = ?2 \
                 ORDER BY at DESC, id DESC LIMIT 1",
            )?
            .query_row(params![id, stage], |r| {
                Ok((text(r, 0)?, text(r, 1)?, text(r, 2)?))
            })
            .optional()?;
        Ok(match ev {
            Some((at, by, reason)) => format!(
                "disqualified on {} by {by}: {}",
                at.get(..10).unwrap_or(&at),
                if reason.is_empty() {
                    "no reason given"
                } else {
                    &reason
                }
            ),
            None => "disqualified (no record of when or by whom)".to_string(),
        })
    }
}

/// A rep handle from a name or CRM id: `Moses Frase` → `moses.frase`.
pub fn handle_for(raw: &str) -> String {
    let mut out = String::new();
    for c in raw.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() || matches!(c, '-' | '_' | '@') {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('.') {
            out.push('.');
        }
    }
    let out = out.trim_end_matches('.');
    out.chars().take(64).collect()
}

fn bad(rec: &ImportRecord, column: Option<&str>, reason: impl Into<String>) -> RowOutcome {
    RowOutcome::Bad(RowProblem::new(rec.line, column, reason))
}

fn problem(rec: &ImportRecord, column: &str, reason: impl Into<String>) -> RowProblem {
    RowProblem::new(rec.line, Some(column), reason)
}

/// (field, old, new) for each field that differs, as `lead_changes` records them.
fn diff(a: &Fields, b: &Fields) -> Vec<(&'static str, String, String)> {
    let o = |v: &Option<String>| v.clone().unwrap_or_default();
    let mut out = Vec::new();
    let mut push = |f: &'static str, x: String, y: String| {
        if x != y {
            out.push((f, x, y));
        }
    };
    push("external_id", o(&a.external_id), o(&b.external_id));
    push("name", a.name.clone(), b.name.clone());
    push("company", a.company.clone(), b.company.clone());
    push("email", a.email.clone(), b.email.clone());
    push("source", a.source.clone(), b.source.clone());
    push("campaign", o(&a.campaign), o(&b.campaign));
    push("owner", o(&a.owner), o(&b.owner));
    push("qualified_by", o(&a.qualified_by), o(&b.qualified_by));
    push("stage", a.stage.clone(), b.stage.clone());
    push("score", a.score.to_string(), b.score.to_string());
    push("value", a.value.to_string(), b.value.to_string());
    push(
        "priority",
        (a.priority as i64).to_string(),
        (b.priority as i64).to_string(),
    );
    push("next_step", a.next_step.clone(), b.next_step.clone());
    push("next_step_due", o(&a.next_step_due), o(&b.next_step_due));
    out
}

#[cfg(test)]
mod tests {
    use super::handle_for;

    #[test]
    fn handles_from_names() {
        assert_eq!(handle_for("Moses Frase"), "moses.frase");
        assert_eq!(handle_for("  O'Brien, Ana "), "o.brien.ana");
        assert_eq!(handle_for("4ef15afb4b27"), "4ef15afb4b27");
        assert_eq!(handle_for("!!!"), "");
    }
}
