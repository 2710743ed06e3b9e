//! What tells a reader that the file may have changed since it last computed something:
//! another connection's commit (`PRAGMA data_version`) or a write of our own (the
//! connection's running count of changed rows). Reading both costs no disk access.

use super::{Result, Store};

/// Equal stamps mean nobody has written to the file in between.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChangeStamp {
    others: i64,
    ours: u64,
}

impl Store {
    pub fn change_stamp(&self) -> Result<ChangeStamp> {
        Ok(ChangeStamp {
            others: self.data_version()?,
            ours: self.conn.total_changes(),
        })
    }
}
