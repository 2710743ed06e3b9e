//! The access list: who may reach the file through OpenSSH, with which role and keys. Each
//! change is one transaction and one line of the agreement log, like the team's own lists.

use super::codec::{text, ts};
use super::settings::log_change;
use super::{Result, Store, StoreError};
use crate::domain::access::{Grant, PublicKey, Role};
use crate::domain::{Timestamp, validate};
use rusqlite::{OptionalExtension, Transaction, params};

/// One change to the access list.
#[derive(Debug, Clone)]
pub enum AccessChange {
    /// A new person with a role, or one more key for a person already on the list.
    Add {
        handle: String,
        role: Option<Role>,
        key: Option<PublicKey>,
    },
    Remove {
        handle: String,
    },
    SetRole {
        handle: String,
        role: Role,
    },
}

impl Store {
    /// From now on every write checks `handle`'s role on the access list. Refused when the
    /// file has no access list or the handle is not on it.
    pub fn act_as(&mut self, handle: &str) -> Result<Role> {
        let role = role_of(&self.conn, handle)?.ok_or_else(|| {
            StoreError::Forbidden(format!(
                "{} is not on this file's access list (an admin adds people with `leadboard access add`)",
                crate::text::clean(handle)
            ))
        })?;
        self.acting = Some(handle.to_string());
        Ok(role)
    }

    /// The person whose role every write checks, with their role as it is now.
    pub fn acting(&self) -> Result<Option<(String, Role)>> {
        let Some(h) = &self.acting else {
            return Ok(None);
        };
        Ok(role_of(&self.conn, h)?.map(|r| (h.clone(), r)))
    }

    /// Everyone on the list with their keys, by handle.
    pub fn access_list(&self) -> Result<Vec<Grant>> {
        let mut people: Vec<Grant> = {
            let mut st = self
                .conn
                .prepare_cached("SELECT handle, role FROM access ORDER BY handle")?;
            st.query_map([], |r| {
                Ok(Grant {
                    handle: text(r, 0)?,
                    role: role_col(r, 1)?,
                    keys: Vec::new(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?
        };
        let mut st = self
            .conn
            .prepare_cached("SELECT handle, algo, blob, comment FROM access_keys ORDER BY id")?;
        let keys = st.query_map([], |r| {
            Ok((
                text(r, 0)?,
                PublicKey {
                    algo: text(r, 1)?,
                    blob: text(r, 2)?,
                    comment: text(r, 3)?,
                },
            ))
        })?;
        for k in keys {
            let (handle, key) = k?;
            if let Some(g) = people.iter_mut().find(|g| g.handle == handle) {
                g.keys.push(key);
            }
        }
        Ok(people)
    }

    pub fn change_access(&mut self, change: &AccessChange, by: &str, now: Timestamp) -> Result<()> {
        let tx = self.write_tx(Role::Admin)?;
        match change {
            AccessChange::Add { handle, role, key } => add(&tx, handle, *role, key, by, now)?,
            AccessChange::Remove { handle } => {
                let old = role_of(&tx, handle)?.ok_or_else(|| not_listed(handle))?;
                let keys: i64 = tx.query_row(
                    "SELECT count(*) FROM access_keys WHERE handle = ?1",
                    [handle],
                    |r| r.get(0),
                )?;
                tx.execute("DELETE FROM access_keys WHERE handle = ?1", [handle])?;
                tx.execute("DELETE FROM access WHERE handle = ?1", [handle])?;
                let was = format!("{old}, {keys} key(s)");
                log_change(&tx, now, by, &format!("access {handle}"), &was, "")?;
            }
            AccessChange::SetRole { handle, role } => {
                let old = role_of(&tx, handle)?.ok_or_else(|| not_listed(handle))?;
                tx.execute(
                    "UPDATE access SET role = ?2 WHERE handle = ?1",
                    params![handle, role.key()],
                )?;
                let what = format!("access {handle}: role");
                log_change(&tx, now, by, &what, old.key(), role.key())?;
            }
        }
        tx.commit()?;
        Ok(())
    }
}

fn add(
    tx: &Transaction<'_>,
    handle: &str,
    role: Option<Role>,
    key: &Option<PublicKey>,
    by: &str,
    now: Timestamp,
) -> Result<()> {
    let handle = validate::handle(handle).map_err(StoreError::Invalid)?;
    let existing = role_of(tx, &handle)?;
    match (existing, role) {
        (None, None) => {
            return Err(StoreError::Invalid(format!(
                "{handle} is not on the access list yet: give a role (--role viewer|rep|lead|admin)"
            )));
        }
        (Some(old), Some(new)) if old != new => {
            return Err(StoreError::Invalid(format!(
                "{handle} is already a {old}; change the role with `leadboard access role {handle} {new}`"
            )));
        }
        (Some(_), _) if key.is_none() => {
            return Err(StoreError::Invalid(format!(
                "{handle} is already on the access list; nothing to add without --key"
            )));
        }
        (None, Some(new)) => {
            tx.execute(
                "INSERT INTO access (handle, role, added_by, added_at) VALUES (?1, ?2, ?3, ?4)",
                params![handle, new.key(), by, ts(now)],
            )?;
            log_change(tx, now, by, &format!("access {handle}"), "", new.key())?;
        }
        (Some(_), _) => {}
    }
    if let Some(k) = key {
        let owner: Option<String> = tx
            .query_row(
                "SELECT handle FROM access_keys WHERE blob = ?1",
                [&k.blob],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(owner) = owner {
            return Err(StoreError::Invalid(format!(
                "that key is already {owner}'s: one key proves one person"
            )));
        }
        tx.execute(
            "INSERT INTO access_keys (handle, algo, blob, comment, added_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![handle, k.algo, k.blob, k.comment, ts(now)],
        )?;
        log_change(
            tx,
            now,
            by,
            &format!("access {handle}: key"),
            "",
            &k.short(),
        )?;
    }
    Ok(())
}

/// The role a handle has now, inside whatever transaction `conn` is in.
fn role_of(conn: &rusqlite::Connection, handle: &str) -> Result<Option<Role>> {
    let role: Option<String> = conn
        .query_row("SELECT role FROM access WHERE handle = ?1", [handle], |r| {
            r.get(0)
        })
        .optional()?;
    role.map(|r| r.parse().map_err(StoreError::Invalid))
        .transpose()
}

/// Refuses a write the person's role does not allow, naming the role it needs.
pub(super) fn require(conn: &rusqlite::Connection, handle: &str, need: Role) -> Result<()> {
    match role_of(conn, handle)? {
        None => Err(StoreError::Forbidden(format!(
            "not saved: {} is no longer on the access list",
            crate::text::clean(handle)
        ))),
        Some(has) if has < need => Err(StoreError::Forbidden(format!(
            "not saved: this needs the {need} role (to {}); {} is a {has}",
            need.allows(),
            crate::text::clean(handle)
        ))),
        Some(_) => Ok(()),
    }
}

fn role_col(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Role> {
    let s: String = r.get(i)?;
    s.parse().map_err(|e: String| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, e.into())
    })
}

fn not_listed(handle: &str) -> StoreError {
    StoreError::NotFound(format!(
        "{} is not on the access list",
        crate::text::clean(handle)
    ))
}
