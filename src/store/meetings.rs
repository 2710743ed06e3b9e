//! Meetings: recording each weekly sync with the flags open when it started, the decisions
//! taken in it, and the facts its sections show.

use super::codec::{Day, date_opt, opt_text, opt_ts_col, text, ts, ts_col};
use super::{Result, Store, StoreError};
use crate::domain::access::Role;
use crate::domain::{LeadEdit, LeadId, Money, StageKind, Timestamp};
use crate::meeting::decision::{Decision, DecisionKind, NewDecision};
use crate::meeting::{FirstContact, FlagRef, Gauge, MeetingRecord, Move, Scoreboard};
use rusqlite::{OptionalExtension, params};

const MEETING_COLUMNS: &str = "id, started_at, started_by, ended_at, delivered, delivered_target, \
     delivered_pace, contacts, contacts_target, contacts_pace, first_contact_hours, first_contact_met, \
     first_contact_breached, first_contact_open_breached";

fn meeting_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<MeetingRecord> {
    let gauge = |a: i64, t: f64, p: f64| Gauge {
        actual: a,
        target: t,
        pace: p,
        behind: (a as f64) < p - 1e-9,
    };
    Ok(MeetingRecord {
        id: r.get(0)?,
        started_at: ts_col(r, 1)?,
        started_by: text(r, 2)?,
        ended_at: opt_ts_col(r, 3)?,
        scoreboard: Scoreboard {
            leads_delivered: gauge(r.get(4)?, r.get(5)?, r.get(6)?),
            contacts_made: gauge(r.get(7)?, r.get(8)?, r.get(9)?),
            first_contact: FirstContact {
                hours: r.get(10)?,
                met: r.get(11)?,
                breached: r.get(12)?,
                open_breached: r.get(13)?,
                // Meetings record the decided figures; what was pending then is not kept.
                pending: 0,
            },
        },
        flags: Vec::new(),
    })
}

fn label(name: &str, company: &str) -> String {
    if company.is_empty() {
        name.to_string()
    } else {
        format!("{name} ({company})")
    }
}

impl Store {
    /// Every stage event in `[from, to]`, oldest first, with what the meeting shows of the lead.
    pub fn moves_between(&self, from: Timestamp, to: Timestamp) -> Result<Vec<Move>> {
        let mut st = self.conn.prepare_cached(
            "SELECT e.lead_id, e.from_stage, e.to_stage, e.at, e.reason, l.name, l.company, \
             l.value_cents, l.owner, l.qualified_by, l.currency FROM stage_events e JOIN leads l ON l.id = e.lead_id \
             WHERE e.at >= ?1 AND e.at <= ?2 ORDER BY e.at, e.id",
        )?;
        let rows = st.query_map(params![ts(from), ts(to)], |r| {
            Ok(Move {
                lead_id: r.get(0)?,
                from: opt_text(r, 1)?,
                to: text(r, 2)?,
                at: ts_col(r, 3)?,
                reason: text(r, 4)?,
                lead: text(r, 5)?,
                company: text(r, 6)?,
                value: Money(r.get(7)?),
                owner: opt_text(r, 8)?,
                qualified_by: opt_text(r, 9)?,
                currency: text(r, 10)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Records the start of a meeting with its scoreboard and the flags open now.
    pub fn start_meeting(
        &mut self,
        by: &str,
        at: Timestamp,
        board: &Scoreboard,
        flags: &[FlagRef],
    ) -> Result<i64> {
        let tx = self.write_tx(Role::Lead)?;
        let (d, c, fc) = (
            &board.leads_delivered,
            &board.contacts_made,
            &board.first_contact,
        );
        tx.execute(
            "INSERT INTO meetings (started_at, started_by, delivered, delivered_target, delivered_pace, \
             contacts, contacts_target, contacts_pace, first_contact_hours, first_contact_met, \
             first_contact_breached, first_contact_open_breached) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                ts(at),
                by,
                d.actual,
                d.target,
                d.pace,
                c.actual,
                c.target,
                c.pace,
                fc.hours,
                fc.met,
                fc.breached,
                fc.open_breached
            ],
        )?;
        let id = tx.last_insert_rowid();
        {
            let mut st = tx.prepare_cached(
                "INSERT INTO meeting_flags (meeting_id, kind, lead_id, label, owner, since) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for f in flags {
                st.execute(params![id, f.kind, f.lead_id, f.lead, f.owner, ts(f.since)])?;
            }
        }
        tx.commit()?;
        Ok(id)
    }

    pub fn end_meeting(&mut self, id: i64, at: Timestamp) -> Result<()> {
        let tx = self.write_tx(Role::Lead)?;
        let n = tx.execute(
            "UPDATE meetings SET ended_at = ?2 WHERE id = ?1",
            params![id, ts(at)],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound(format!("meeting {id} does not exist")));
        }
        tx.commit()?;
        Ok(())
    }

    fn meeting_where(
        &self,
        sql_tail: &str,
        p: impl rusqlite::Params,
    ) -> Result<Option<MeetingRecord>> {
        let sql = format!("SELECT {MEETING_COLUMNS} FROM meetings {sql_tail}");
        let found = self
            .conn
            .prepare_cached(&sql)?
            .query_row(p, meeting_from_row)
            .optional()?;
        let Some(mut m) = found else { return Ok(None) };
        let mut st = self.conn.prepare_cached(
            "SELECT kind, lead_id, label, owner, since FROM meeting_flags WHERE meeting_id = ?1 ORDER BY rowid",
        )?;
        m.flags = st
            .query_map([m.id], |r| {
                Ok(FlagRef {
                    kind: text(r, 0)?,
                    lead_id: r.get(1)?,
                    lead: text(r, 2)?,
                    owner: opt_text(r, 3)?,
                    since: ts_col(r, 4)?,
                    detail: String::new(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Some(m))
    }

    pub fn meeting(&self, id: i64) -> Result<MeetingRecord> {
        self.meeting_where("WHERE id = ?1", [id])?
            .ok_or_else(|| StoreError::NotFound(format!("meeting {id} does not exist")))
    }

    /// The most recent meeting started at or before `at`.
    pub fn latest_meeting(&self, at: Timestamp) -> Result<Option<MeetingRecord>> {
        self.meeting_where(
            "WHERE started_at <= ?1 ORDER BY started_at DESC, id DESC LIMIT 1",
            [ts(at)],
        )
    }

    /// The meeting before meeting `id`.
    pub fn meeting_before(&self, id: i64) -> Result<Option<MeetingRecord>> {
        self.meeting_where(
            "WHERE (started_at, id) < (SELECT started_at, id FROM meetings WHERE id = ?1) \
             ORDER BY started_at DESC, id DESC LIMIT 1",
            [id],
        )
    }

    /// Saves a decision like any other edit (version-checked) and records it in the meeting, in
    /// one transaction: a decision is never half taken.
    pub fn decide(&mut self, d: &NewDecision, by: &str, now: Timestamp) -> Result<Decision> {
        if d.kind == crate::meeting::decision::DecisionKind::Snooze {
            return Err(StoreError::Invalid(
                "a snooze is saved with snooze_flag, not as a decision".into(),
            ));
        }
        let lead = self.lead(d.lead_id)?;
        let target = d
            .kind
            .moves_to()
            .map(|k| self.stage_of_kind(k))
            .transpose()?;
        let tx = self.write_tx(Role::Lead)?;
        match &target {
            None => {
                let edit = LeadEdit {
                    next_step: Some(d.text.clone()),
                    next_step_due: Some(d.due),
                    owner: d.owner.clone().map(Some),
                    ..LeadEdit::default()
                };
                super::writes::update_in(&tx, d.lead_id, &edit, by, d.expected_version, now)?;
            }
            Some(stage) => {
                // A won deal's value, typed in the meeting, is saved before the move.
                let version = match d.value {
                    Some(v) => {
                        let edit = LeadEdit {
                            value: Some(v),
                            ..LeadEdit::default()
                        };
                        super::writes::update_in(
                            &tx,
                            d.lead_id,
                            &edit,
                            by,
                            d.expected_version,
                            now,
                        )?
                    }
                    None => d.expected_version,
                };
                super::writes::move_in(&tx, d.lead_id, stage, &d.text, by, version, now)?;
            }
        }
        tx.execute(
            "INSERT INTO meeting_decisions (meeting_id, lead_id, flag_kind, decision, text, owner, due, by, at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                d.meeting_id,
                d.lead_id,
                d.flag_kind,
                d.kind.as_str(),
                d.text,
                d.owner,
                date_opt(d.due),
                by,
                ts(now)
            ],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        Ok(Decision {
            id,
            meeting_id: d.meeting_id,
            lead_id: d.lead_id,
            lead: label(&lead.name, &lead.company),
            flag_kind: d.flag_kind.clone(),
            kind: d.kind,
            text: d.text.clone(),
            owner: d.owner.clone(),
            due: d.due,
            by: by.to_string(),
            at: now,
        })
    }

    /// A lead's first contact (not a note, not retracted) and first move after `at`: what
    /// became of a meeting's decision on it.
    pub fn touched_after(
        &self,
        lead: LeadId,
        at: Timestamp,
    ) -> Result<crate::meeting::commitments::Since> {
        let contact: Option<String> = self
            .conn
            .prepare_cached(
                "SELECT MIN(at) FROM activities WHERE lead_id = ?1 AND at > ?2 \
             AND kind <> 'note' AND retracted_by IS NULL",
            )?
            .query_row(params![lead, ts(at)], |r| r.get(0))?;
        let moved: Option<String> = self.conn.prepare_cached(
            "SELECT MIN(at) FROM stage_events WHERE lead_id = ?1 AND at > ?2 AND from_stage IS NOT NULL",
        )?
        .query_row(params![lead, ts(at)], |r| r.get(0))?;
        Ok(crate::meeting::commitments::Since {
            contact: contact.as_deref().and_then(super::codec::parse_ts),
            moved: moved.as_deref().and_then(super::codec::parse_ts),
        })
    }

    /// The first stage (in funnel order) of a kind, e.g. where "disqualify" sends a lead.
    pub fn stage_of_kind(&self, kind: StageKind) -> Result<String> {
        self.conn
            .query_row(
                "SELECT key FROM stages WHERE kind = ?1 ORDER BY position LIMIT 1",
                [kind.as_str()],
                |r| text(r, 0),
            )
            .optional()?
            .ok_or_else(|| StoreError::Invalid(format!("the funnel has no {kind} stage")))
    }

    /// A meeting's decisions, in the order they were taken.
    pub fn decisions(&self, meeting_id: i64) -> Result<Vec<Decision>> {
        let mut st = self.conn.prepare_cached(
            "SELECT d.id, d.meeting_id, d.lead_id, l.name, l.company, d.flag_kind, d.decision, d.text, \
             d.owner, d.due, d.by, d.at FROM meeting_decisions d JOIN leads l ON l.id = d.lead_id \
             WHERE d.meeting_id = ?1 ORDER BY d.id",
        )?;
        let rows = st.query_map([meeting_id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, LeadId>(2)?,
                label(&text(r, 3)?, &text(r, 4)?),
                text(r, 5)?,
                text(r, 6)?,
                text(r, 7)?,
                opt_text(r, 8)?,
                r.get::<_, Option<Day>>(9)?.map(|d| d.0),
                text(r, 10)?,
                ts_col(r, 11)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, meeting_id, lead_id, lead, flag_kind, kind, text, owner, due, by, at) = row?;
            out.push(Decision {
                id,
                meeting_id,
                lead_id,
                lead,
                flag_kind,
                kind: DecisionKind::parse(&kind).map_err(StoreError::Invalid)?,
                text,
                owner,
                due,
                by,
                at,
            });
        }
        Ok(out)
    }
}
