//! Bulk loading (demo data, imports): one transaction, cached statements, history written
//! exactly as given. Nothing is visible to other processes until `commit`.

use super::codec::{date, date_opt, ts, ts_opt};
use super::{Result, Store};
use crate::domain::access::Role;
use crate::domain::{Activity, Campaign, Lead, LeadId, Rep, StageEvent};
use rusqlite::{Transaction, params};

pub struct BulkWriter<'a> {
    tx: Transaction<'a>,
}

impl Store {
    pub fn bulk_writer(&mut self) -> Result<BulkWriter<'_>> {
        // A bulk load touches index pages all over the file; a larger page cache keeps SQLite
        // from spilling half-built pages to the journal again and again (several times faster).
        self.conn.execute_batch("PRAGMA cache_size = -131072")?;
        let tx = self.write_tx(Role::Lead)?;
        // Kept figures are rebuilt once at commit rather than row by row (store/summary.rs).
        tx.execute_batch(super::summary::DROP_TRIGGERS)?;
        Ok(BulkWriter { tx })
    }
}

impl BulkWriter<'_> {
    pub fn rep(&mut self, r: &Rep) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO reps (handle, name, team, active_from, active_to) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![r.handle, r.name, r.team.as_str(), date(r.active_from), date_opt(r.active_to)])?;
        Ok(())
    }

    pub fn campaign(&mut self, c: &Campaign) -> Result<i64> {
        self.tx
            .prepare_cached(
                "INSERT INTO campaigns (name, source, cost_cents, starts_on, ends_on) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![c.name, c.source, c.cost.map(|m| m.cents()), date_opt(c.starts_on), date_opt(c.ends_on)])?;
        Ok(self.tx.last_insert_rowid())
    }

    /// Inserts a lead as given (its `id` is ignored; the new id is returned).
    /// `campaign_id` must come from `campaign` or the file.
    pub fn lead(&mut self, l: &Lead, campaign_id: Option<i64>) -> Result<LeadId> {
        crate::domain::currency::parse_code(&l.currency).map_err(super::StoreError::Invalid)?;
        self.tx
            .prepare_cached(
                "INSERT INTO leads (external_id, name, company, email, source, campaign_id, owner, qualified_by, \
                 stage, score, value_cents, priority, next_step, next_step_due, created_at, stage_entered_at, \
                 delivered_at, first_contact_at, last_activity_at, version, updated_at, updated_by, phone, expected_close, currency) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25)",
            )?
            .execute(params![
                l.external_id,
                l.name,
                l.company,
                l.email,
                l.source,
                campaign_id,
                l.owner,
                l.qualified_by,
                l.stage,
                l.score,
                l.value.cents(),
                l.priority as i64,
                l.next_step,
                date_opt(l.next_step_due),
                ts(l.created_at),
                ts(l.stage_entered_at),
                ts_opt(l.delivered_at),
                ts_opt(l.first_contact_at),
                ts_opt(l.last_activity_at),
                l.version,
                ts(l.updated_at),
                l.updated_by,
                l.phone,
                date_opt(l.expected_close),
                l.currency,
            ])?;
        Ok(self.tx.last_insert_rowid())
    }

    pub fn activity(&mut self, a: &Activity) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO activities (lead_id, kind, by, at, body) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![a.lead_id, a.kind.as_str(), a.by, ts(a.at), a.body])?;
        Ok(())
    }

    pub fn event(&mut self, e: &StageEvent) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO stage_events (lead_id, from_stage, to_stage, by, at, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![e.lead_id, e.from, e.to, e.by, ts(e.at), e.reason])?;
        Ok(())
    }

    /// An activity exactly as given (outcome included); returns its new id.
    pub fn activity_full(&mut self, a: &Activity) -> Result<i64> {
        self.tx
            .prepare_cached(
                "INSERT INTO activities (lead_id, kind, by, at, body, outcome) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                a.lead_id,
                a.kind.as_str(),
                a.by,
                ts(a.at),
                a.body,
                a.outcome.map_or("", crate::domain::Outcome::as_str)
            ])?;
        Ok(self.tx.last_insert_rowid())
    }

    /// Marks activity `id` as taken back by note `by_note` (an undone contact).
    pub fn retracted(&mut self, id: i64, by_note: i64) -> Result<()> {
        self.tx
            .prepare_cached("UPDATE activities SET retracted_by = ?2 WHERE id = ?1")?
            .execute(params![id, by_note])?;
        Ok(())
    }

    /// A snooze exactly as given (its lead id already this file's).
    pub fn snooze(&mut self, z: &crate::domain::Snooze) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO flag_snoozes (lead_id, kind, stage, until, reason, by, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![z.lead_id, z.kind, z.stage, date(z.until), z.reason, z.by, ts(z.at)])?;
        Ok(())
    }

    /// The file's own terms replaced by a bundle's: its stages, agreements and exit reasons.
    /// Only for a file without leads (the caller checks), so no history names a stage.
    pub fn replace_terms(
        &mut self,
        stages: &[crate::domain::Stage],
        agreements: &[crate::domain::Agreement],
        reasons: &[(crate::domain::StageKind, String)],
    ) -> Result<()> {
        if !stages.is_empty() {
            self.tx.execute("DELETE FROM stages", [])?;
            for s in stages {
                self.tx.execute(
                    "INSERT INTO stages (key, name, position, owner_team, kind, stale_after_days, is_handoff, definition) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    params![s.key, s.name, s.position, s.owner.as_str(), s.kind.as_str(), s.stale_after_days, s.is_handoff as i64, s.definition],
                )?;
            }
        }
        if !agreements.is_empty() {
            self.tx.execute("DELETE FROM sla_agreements", [])?;
            for a in agreements {
                self.tx.execute(
                    "INSERT INTO sla_agreements (effective_from, leads_per_rep_month, contacts_per_rep_week, \
                     first_contact_hours, timezone, changed_by, changed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![ts(a.effective_from), a.leads_per_rep_month, a.contacts_per_rep_week, a.first_contact_hours, a.timezone, a.changed_by, ts(a.changed_at)],
                )?;
            }
        }
        if !reasons.is_empty() {
            self.tx.execute("DELETE FROM exit_reasons", [])?;
            for (k, r) in reasons {
                self.tx.execute(
                    "INSERT INTO exit_reasons (stage_kind, text) VALUES (?1, ?2)",
                    params![k.as_str(), r],
                )?;
            }
        }
        Ok(())
    }

    /// Empties every table of team data (leads, history, reps, campaigns) but keeps the
    /// agreed stages; used by `demo --force`.
    pub fn clear_team_data(&mut self) -> Result<()> {
        self.tx.execute_batch(
            "DELETE FROM lead_changes; DELETE FROM activities; DELETE FROM stage_events; \
             DELETE FROM leads; DELETE FROM campaigns; DELETE FROM reps;",
        )?;
        Ok(())
    }

    pub fn commit(self) -> Result<()> {
        self.tx.execute_batch(super::summary::REBUILD)?;
        self.tx
            .execute_batch(super::summary::entry_from_events!())?;
        self.tx.execute_batch(super::summary::CREATE_TRIGGERS)?;
        self.tx.commit()?;
        Ok(())
    }
}
