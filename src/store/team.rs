//! The team's own lists: reps, campaigns and exit reasons. Each change is one transaction
//! and one line of the agreement log (who, when, old → new), like changes to the stages.

use super::codec::{date, date_opt, text};
use super::settings::log_change;
use super::{Result, Store, StoreError};
use crate::domain::access::Role;
use crate::domain::{Campaign, CampaignEdit, Money, Rep, RepEdit, StageKind, Timestamp, validate};
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Transaction, params};

impl Store {
    /// A new rep, counting toward targets from `active_from`.
    pub fn add_rep(&mut self, rep: &Rep, by: &str, now: Timestamp) -> Result<()> {
        let handle = validate::handle(&rep.handle).map_err(StoreError::Invalid)?;
        let name = person_name(&rep.name)?;
        validate::year(rep.active_from).map_err(StoreError::Invalid)?;
        let tx = self.write_tx(Role::Lead)?;
        if rep_row(&tx, &handle)?.is_some() {
            return Err(StoreError::Invalid(format!("rep {handle} already exists")));
        }
        tx.execute(
            "INSERT INTO reps (handle, name, team, active_from, active_to) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![handle, name, rep.team.as_str(), date(rep.active_from), date_opt(rep.active_to)],
        )?;
        let terms = format!(
            "{name}, {}, from {}",
            rep.team.as_str(),
            date(rep.active_from)
        );
        log_change(&tx, now, by, &format!("rep {handle}"), "", &terms)?;
        tx.commit()?;
        Ok(())
    }

    /// Renames, moves to the other team, or changes the handle of a rep. A new handle takes
    /// the rep's leads, contacts, moves and meeting decisions with it, so the figures follow.
    pub fn edit_rep(
        &mut self,
        handle: &str,
        edit: &RepEdit,
        by: &str,
        now: Timestamp,
    ) -> Result<Rep> {
        let tx = self.write_tx(Role::Lead)?;
        let old = rep_row(&tx, handle)?.ok_or_else(|| unknown_rep(handle))?;
        let mut rep = old.clone();
        if let Some(n) = &edit.name {
            rep.name = person_name(n)?;
        }
        if let Some(t) = edit.team {
            rep.team = t;
        }
        if let Some(h) = &edit.handle {
            rep.handle = validate::handle(h).map_err(StoreError::Invalid)?;
        }
        if rep == old {
            return Ok(rep);
        }
        if rep.handle != old.handle {
            if rep_row(&tx, &rep.handle)?.is_some() {
                return Err(StoreError::Invalid(format!(
                    "rep {} already exists; pick another handle",
                    rep.handle
                )));
            }
            tx.execute(
                "INSERT INTO reps (handle, name, team, active_from, active_to) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![rep.handle, rep.name, rep.team.as_str(), date(rep.active_from), date_opt(rep.active_to)],
            )?;
            for sql in [
                "UPDATE leads SET owner = ?2 WHERE owner = ?1",
                "UPDATE leads SET qualified_by = ?2 WHERE qualified_by = ?1",
                "UPDATE activities SET by = ?2 WHERE by = ?1",
                "UPDATE stage_events SET by = ?2 WHERE by = ?1",
                "UPDATE meeting_decisions SET owner = ?2 WHERE owner = ?1",
            ] {
                tx.execute(sql, params![old.handle, rep.handle])?;
            }
            tx.execute("DELETE FROM reps WHERE handle = ?1", [&old.handle])?;
            log_change(
                &tx,
                now,
                by,
                &format!("rep {}: handle", old.handle),
                &old.handle,
                &rep.handle,
            )?;
        } else {
            tx.execute(
                "UPDATE reps SET name = ?2, team = ?3 WHERE handle = ?1",
                params![rep.handle, rep.name, rep.team.as_str()],
            )?;
        }
        if rep.name != old.name {
            log_change(
                &tx,
                now,
                by,
                &format!("rep {}: name", rep.handle),
                &old.name,
                &rep.name,
            )?;
        }
        if rep.team != old.team {
            log_change(
                &tx,
                now,
                by,
                &format!("rep {}: team", rep.handle),
                old.team.as_str(),
                rep.team.as_str(),
            )?;
        }
        tx.commit()?;
        Ok(rep)
    }

    /// The rep left on `on`: they keep their history and count toward targets through that
    /// day, not after.
    pub fn leave_rep(
        &mut self,
        handle: &str,
        on: NaiveDate,
        by: &str,
        now: Timestamp,
    ) -> Result<Rep> {
        validate::year(on).map_err(StoreError::Invalid)?;
        let tx = self.write_tx(Role::Lead)?;
        let mut rep = rep_row(&tx, handle)?.ok_or_else(|| unknown_rep(handle))?;
        if on < rep.active_from {
            return Err(StoreError::Invalid(format!(
                "{handle} joined on {}; they cannot leave before that",
                date(rep.active_from)
            )));
        }
        let old = date_opt(rep.active_to).unwrap_or_default();
        rep.active_to = Some(on);
        tx.execute(
            "UPDATE reps SET active_to = ?2 WHERE handle = ?1",
            params![handle, date(on)],
        )?;
        log_change(
            &tx,
            now,
            by,
            &format!("rep {handle}: left"),
            &old,
            &date(on),
        )?;
        tx.commit()?;
        Ok(rep)
    }

    pub fn add_campaign(&mut self, c: &Campaign, by: &str, now: Timestamp) -> Result<i64> {
        let name = campaign_name(&c.name)?;
        check_campaign(c)?;
        let tx = self.write_tx(Role::Lead)?;
        if campaign_row(&tx, &name)?.is_some() {
            return Err(StoreError::Invalid(format!(
                "campaign {name:?} already exists"
            )));
        }
        tx.execute(
            "INSERT INTO campaigns (name, source, cost_cents, starts_on, ends_on) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![name, c.source.trim(), c.cost.map(|m| m.cents()), date_opt(c.starts_on), date_opt(c.ends_on)],
        )?;
        let id = tx.last_insert_rowid();
        log_change(
            &tx,
            now,
            by,
            &format!("campaign {name}"),
            "",
            &campaign_terms(c),
        )?;
        tx.commit()?;
        Ok(id)
    }

    pub fn edit_campaign(
        &mut self,
        name: &str,
        edit: &CampaignEdit,
        by: &str,
        now: Timestamp,
    ) -> Result<Campaign> {
        let tx = self.write_tx(Role::Lead)?;
        let old = campaign_row(&tx, name.trim())?
            .ok_or_else(|| StoreError::NotFound(format!("no campaign named {:?}", name.trim())))?;
        let mut c = old.clone();
        if let Some(n) = &edit.name {
            c.name = campaign_name(n)?;
            if c.name != old.name && campaign_row(&tx, &c.name)?.is_some() {
                return Err(StoreError::Invalid(format!(
                    "campaign {:?} already exists",
                    c.name
                )));
            }
        }
        if let Some(s) = &edit.source {
            c.source = s.trim().to_string();
        }
        if let Some(v) = edit.cost {
            c.cost = v;
        }
        if let Some(v) = edit.starts_on {
            c.starts_on = v;
        }
        if let Some(v) = edit.ends_on {
            c.ends_on = v;
        }
        check_campaign(&c)?;
        if c == old {
            return Ok(c);
        }
        tx.execute(
            "UPDATE campaigns SET name = ?2, source = ?3, cost_cents = ?4, starts_on = ?5, ends_on = ?6 WHERE id = ?1",
            params![c.id, c.name, c.source, c.cost.map(|m| m.cents()), date_opt(c.starts_on), date_opt(c.ends_on)],
        )?;
        log_change(
            &tx,
            now,
            by,
            &format!("campaign {}", old.name),
            &campaign_terms(&old),
            &campaign_terms(&c),
        )?;
        tx.commit()?;
        Ok(c)
    }

    /// A reason people can pick when a lead leaves through a stage of this kind.
    pub fn add_reason(
        &mut self,
        kind: StageKind,
        reason: &str,
        by: &str,
        now: Timestamp,
    ) -> Result<()> {
        let reason = reason_text(kind, reason)?;
        let tx = self.write_tx(Role::Lead)?;
        let added = tx.execute(
            "INSERT OR IGNORE INTO exit_reasons (stage_kind, text) VALUES (?1, ?2)",
            params![kind.as_str(), reason],
        )?;
        if added == 0 {
            return Err(StoreError::Invalid(format!(
                "{:?} is already a {} reason",
                reason,
                kind.as_str()
            )));
        }
        log_change(
            &tx,
            now,
            by,
            &format!("reasons {}", kind.as_str()),
            "",
            &reason,
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Takes a reason off the list; moves that gave it keep it in their history.
    pub fn remove_reason(
        &mut self,
        kind: StageKind,
        reason: &str,
        by: &str,
        now: Timestamp,
    ) -> Result<()> {
        let tx = self.write_tx(Role::Lead)?;
        let gone = tx.execute(
            "DELETE FROM exit_reasons WHERE stage_kind = ?1 AND text = ?2",
            params![kind.as_str(), reason.trim()],
        )?;
        if gone == 0 {
            return Err(StoreError::NotFound(format!(
                "{:?} is not a {} reason",
                reason.trim(),
                kind.as_str()
            )));
        }
        log_change(
            &tx,
            now,
            by,
            &format!("reasons {}", kind.as_str()),
            reason.trim(),
            "",
        )?;
        tx.commit()?;
        Ok(())
    }
}

fn rep_row(tx: &Transaction<'_>, handle: &str) -> Result<Option<Rep>> {
    let row = tx
        .query_row(
            "SELECT handle, name, team, active_from, active_to FROM reps WHERE handle = ?1",
            [handle.trim()],
            |r| {
                Ok((
                    text(r, 0)?,
                    text(r, 1)?,
                    text(r, 2)?,
                    r.get::<_, super::codec::Day>(3)?.0,
                    super::codec::opt_date_col(r, 4)?,
                ))
            },
        )
        .optional()?;
    row.map(|(handle, name, team, active_from, active_to)| {
        Ok(Rep {
            handle,
            name,
            team: team.parse().map_err(StoreError::Invalid)?,
            active_from,
            active_to,
        })
    })
    .transpose()
}

fn campaign_row(tx: &Transaction<'_>, name: &str) -> Result<Option<Campaign>> {
    Ok(tx
        .query_row(
            "SELECT id, name, source, cost_cents, starts_on, ends_on FROM campaigns WHERE name = ?1",
            [name],
            |r| {
                Ok(Campaign {
                    id: r.get(0)?,
                    name: text(r, 1)?,
                    source: text(r, 2)?,
                    cost: r.get::<_, Option<i64>>(3)?.map(Money),
                    starts_on: super::codec::opt_date_col(r, 4)?,
                    ends_on: super::codec::opt_date_col(r, 5)?,
                })
            },
        )
        .optional()?)
}

fn unknown_rep(handle: &str) -> StoreError {
    StoreError::NotFound(format!(
        "no rep with handle {:?} (see `leadboard reps list`)",
        handle.trim()
    ))
}

/// A rep's or a campaign's name: 1 to 200 characters, no NUL.
fn name_of(what: &str, s: &str) -> Result<String> {
    validate::no_nul(&[(what, s)]).map_err(StoreError::Invalid)?;
    let t = s.trim();
    if t.is_empty() || t.chars().count() > 200 {
        return Err(StoreError::Invalid(format!(
            "a {what} is 1 to 200 characters"
        )));
    }
    Ok(t.to_string())
}

fn person_name(s: &str) -> Result<String> {
    name_of("rep's name", s)
}

fn campaign_name(s: &str) -> Result<String> {
    name_of("campaign's name", s)
}

fn check_campaign(c: &Campaign) -> Result<()> {
    validate::no_nul(&[("channel", &c.source)]).map_err(StoreError::Invalid)?;
    if let Some(m) = c.cost {
        m.checked().map_err(StoreError::Invalid)?;
        if m.cents() < 0 {
            return Err(StoreError::Invalid(
                "a campaign's cost cannot be negative".into(),
            ));
        }
    }
    for d in [c.starts_on, c.ends_on].into_iter().flatten() {
        validate::year(d).map_err(StoreError::Invalid)?;
    }
    if let (Some(s), Some(e)) = (c.starts_on, c.ends_on)
        && e < s
    {
        return Err(StoreError::Invalid(format!(
            "the campaign ends ({}) before it starts ({})",
            date(e),
            date(s)
        )));
    }
    Ok(())
}

fn campaign_terms(c: &Campaign) -> String {
    format!(
        "channel {:?}, cost {}, {} – {}",
        c.source,
        c.cost.map_or("unknown".to_string(), |m| m.to_string()),
        date_opt(c.starts_on).unwrap_or_else(|| "?".into()),
        date_opt(c.ends_on).unwrap_or_else(|| "?".into())
    )
}

fn reason_text(kind: StageKind, s: &str) -> Result<String> {
    if !kind.requires_reason() {
        return Err(StoreError::Invalid(format!(
            "{} stages take no reason (reasons are for lost, disqualified and recycled)",
            kind.as_str()
        )));
    }
    validate::no_nul(&[("reason", s)]).map_err(StoreError::Invalid)?;
    let t = s.trim();
    if t.is_empty() || t.chars().count() > 120 {
        return Err(StoreError::Invalid(
            "a reason is 1 to 120 characters".into(),
        ));
    }
    Ok(t.to_string())
}
