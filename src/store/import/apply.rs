//! Applying one row: match, closed loop, create or update, history.

use super::super::Result;
use super::super::codec::{date_opt, ts};
use super::fields::diff;
use super::key_filter::Key;
use super::{ImportSession, RowOutcome};
use crate::domain::{ImportRecord, LeadId, RowProblem, StageKind, validate};
use rusqlite::{OptionalExtension, params};

impl ImportSession<'_> {
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
        self.updated_existing = true;
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
                 updated_by = ?18, expected_close = ?22, currency = ?23, \
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
                next.expected_close,
                next.currency,
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
        if !self.dropped_indexes.is_empty() {
            if self.updated_existing {
                self.tx.execute_batch(super::super::summary::REBUILD)?;
            } else {
                // Only new leads, each with one event and its furthest stage set at insert:
                // no completed stays, so only the per-stage totals move.
                let mut st = self.tx.prepare(
                    "INSERT INTO stage_totals (stage, n, value_cents) VALUES (?1, ?2, ?3) \
                     ON CONFLICT (stage) DO UPDATE SET n = n + excluded.n, \
                     value_cents = value_cents + excluded.value_cents",
                )?;
                for (stage, (n, value)) in &self.created_totals {
                    st.execute(params![stage, n, value])?;
                }
            }
            self.tx
                .execute_batch(super::super::summary::CREATE_TRIGGERS)?;
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
        if let Some(ext) = rec.external_id.as_deref().filter(|e| !e.is_empty())
            && self
                .fresh
                .as_ref()
                .is_none_or(|f| f.may_contain(Key::ExternalId, ext))
        {
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
        // SQLite's lower() folds ASCII only; the filter is asked the exact text SQL compares.
        if let Some(f) = &self.fresh
            && !f.may_contain(Key::Email, &email.to_ascii_lowercase())
        {
            return Ok(None);
        }
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
        let info = self.stages.get(&stage);
        let delivered = info.is_some_and(|s| s.delivered);
        let furthest = info
            .is_some_and(|s| s.counts_as_reached())
            .then_some(stage.as_str());
        let ext = rec.external_id.as_deref().filter(|e| !e.is_empty());
        let value = rec.value.map_or(0, |v| v.cents());
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
                 delivered_at, version, updated_at, updated_by, furthest, entry_stage, expected_close, currency) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, 1, ?18, ?19, ?20, ?21, ?22, ?23)",
            )?
            .execute(params![
                ext,
                name,
                rec.company.as_deref().unwrap_or("").trim(),
                email,
                source,
                campaign_id,
                owner,
                qualified_by,
                stage,
                score,
                value,
                rec.priority.unwrap_or(false) as i64,
                rec.next_step.as_deref().unwrap_or("").trim(),
                date_opt(rec.next_step_due),
                created_text,
                entered_text,
                delivered.then_some(created_text.as_str()),
                self.now_text,
                self.by,
                furthest,
                // Where it entered the funnel: its own stage, or for a lead that arrives
                // closed, the first stage the file's pipeline maps to.
                furthest.or(self.opts.entry_stage.as_deref()),
                date_opt(rec.expected_close),
                rec.currency.as_deref().unwrap_or(""),
            ])?;
        let id = self.tx.last_insert_rowid();
        if let Some(f) = &mut self.fresh {
            if let Some(ext) = ext {
                f.insert(Key::ExternalId, ext);
            }
            if !email.is_empty() {
                f.insert(Key::Email, &email);
            }
        }
        if self.opts.rebuild_indexes {
            let t = self.created_totals.entry(stage.clone()).or_default();
            t.0 += 1;
            t.1 += value;
        }
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
}

pub(super) fn bad(
    rec: &ImportRecord,
    column: Option<&str>,
    reason: impl Into<String>,
) -> RowOutcome {
    RowOutcome::Bad(RowProblem::new(rec.line, column, reason))
}

pub(super) fn problem(rec: &ImportRecord, column: &str, reason: impl Into<String>) -> RowProblem {
    RowProblem::new(rec.line, Some(column), reason)
}
