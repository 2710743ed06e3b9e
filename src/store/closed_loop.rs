//! The closed loop's memory: a disqualified lead is never delivered again, whoever tries to
//! bring it back (the add form, `lead add`, an import), and the refusal says who closed it.

use super::codec::text;
use super::{Result, StoreError};
use crate::domain::LeadId;
use rusqlite::{Connection, OptionalExtension, params};

/// Refuses an e-mail that belongs to a disqualified lead. E-mails are stored lower-case.
pub(super) fn refuse_disqualified_email(conn: &Connection, email: &str) -> Result<()> {
    if email.is_empty() {
        return Ok(());
    }
    let hit: Option<(LeadId, String, String)> = conn
        .prepare_cached(
            // `email <> ''` lets SQLite use the partial index leads_email.
            "SELECT l.id, l.name, l.stage FROM leads l JOIN stages s ON s.key = l.stage \
             WHERE l.email = lower(?1) AND l.email <> '' AND s.kind = 'disqualified' \
             ORDER BY l.id LIMIT 1",
        )?
        .query_row([email], |r| Ok((r.get(0)?, text(r, 1)?, text(r, 2)?)))
        .optional()?;
    match hit {
        None => Ok(()),
        Some((id, name, stage)) => Err(StoreError::Disqualified(format!(
            "{email} belongs to lead {id} ({name}), {}; a disqualified lead is never delivered \
             again",
            disqualified_note(conn, id, &stage)?
        ))),
    }
}

/// "disqualified on DATE by WHO: REASON", from the event that put the lead there.
pub(super) fn disqualified_note(conn: &Connection, id: LeadId, stage: &str) -> Result<String> {
    let ev: Option<(String, String, String)> = conn
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
