//! Getting the write lock. SQLite's busy timeout waits for the other writer; a few paced
//! retries cover the busy cases SQLite reports without waiting (WAL recovery, a snapshot
//! another process just replaced). If the lock still cannot be had the caller gets
//! `StoreError::Locked` and keeps the change; nothing is dropped silently.

use super::{Result, Store, StoreError};
use crate::domain::access::Role;
use rand::Rng;
use rusqlite::{ErrorCode, Transaction, TransactionBehavior};
use std::time::Duration;

/// How long one attempt waits for another writer (SQLite's busy handler).
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(2);

/// Pauses between attempts; the jitter below keeps two waiting processes out of step.
const RETRY_PAUSES: [Duration; 3] = [
    Duration::from_millis(25),
    Duration::from_millis(100),
    Duration::from_millis(400),
];

impl Store {
    /// One `BEGIN IMMEDIATE` transaction, retried a bounded number of times while the file is
    /// busy. Every write names the role it needs; for a person reached through ssh the role is
    /// read inside the transaction, so a role changed a second ago already counts.
    pub(super) fn write_tx(&mut self, need: Role) -> Result<Transaction<'_>> {
        if self.read_only {
            return Err(StoreError::ReadOnly);
        }
        let mut pauses = RETRY_PAUSES.iter();
        loop {
            match Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate) {
                Ok(tx) => {
                    if let Some(handle) = &self.acting {
                        super::access::require(&tx, handle, need)?;
                    }
                    return Ok(tx);
                }
                Err(e) if is_busy(&e) && super::cancel::requested() => {
                    return Err(StoreError::Cancelled);
                }
                Err(e) if is_busy(&e) => match pauses.next() {
                    Some(p) => std::thread::sleep(jitter(*p)),
                    None => return Err(StoreError::Locked),
                },
                Err(e) => return Err(e.into()),
            }
        }
    }

    /// How long each write attempt waits for another writer; tests shorten it.
    pub fn set_busy_timeout(&self, wait: Duration) -> Result<()> {
        self.conn.busy_timeout(wait)?;
        Ok(())
    }
}

pub(super) fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
    )
}

fn jitter(d: Duration) -> Duration {
    let ms = d.as_millis() as u64;
    Duration::from_millis(ms + rand::rng().random_range(0..=ms / 2))
}
