//! The storage layer: the only place with SQL. Every statement binds its parameters,
//! every write is one transaction, and the API speaks in domain words.

mod access;
mod backup;
mod bulk;
pub mod cancel;
mod check;
mod closed_loop;
mod codec;
mod error;
mod export;
pub mod home;
mod import;
mod meetings;
mod metrics;
mod open;
mod past;
mod paths;
mod position;
mod reads;
mod retry;
pub mod schema;
mod schema_diff;
mod settings;
mod snoozes;
mod stage_changes;
mod stamp;
mod summary;
mod team;
mod trace;
mod undo;
mod writes;

pub use access::AccessChange;
pub use bulk::BulkWriter;
pub use check::CheckReport;
pub use error::{ConflictInfo, StoreError};
pub use home::Access;
pub use import::{ImportOptions, ImportSession, RowOutcome, UnknownReps, handle_for};
pub use open::{JournalMode, OpenMode, OpenOptions};
pub use paths::refuse_live_paths;
pub use reads::ColumnSummary;
pub use retry::BUSY_TIMEOUT;
pub use schema_diff::SchemaDiff;
pub use settings::AgreementChange;
pub use stage_changes::NewStage;
pub use stamp::ChangeStamp;

use rusqlite::Connection;
use std::path::{Path, PathBuf};

pub type Result<T> = std::result::Result<T, StoreError>;

/// An open shared file.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    read_only: bool,
    access: Access,
    journal: JournalMode,
    /// The person sshd authenticated, whose role every write checks (`act_as`); `None` for a
    /// local file, where whoever can open the file is trusted.
    acting: Option<String>,
}

impl Store {
    /// Runs `f` in one read transaction: every read sees the same committed state (a board's
    /// counts agree with its cards, a report's flags with its gauges, whatever others commit
    /// meanwhile), and the shared-memory lock is taken once instead of per statement.
    pub fn read_snapshot<T>(&self, f: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        if !self.conn.is_autocommit() {
            return f(self);
        }
        self.conn.execute_batch("BEGIN")?;
        let out = f(self);
        // Nothing was written, so ending it only releases the snapshot.
        let end = self
            .conn
            .execute_batch(if out.is_ok() { "COMMIT" } else { "ROLLBACK" });
        let out = out?;
        end?;
        Ok(out)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// True when the file or its folder cannot be written: the UI shows a banner and refuses edits.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Read-write, read-only, or an immutable snapshot (a WAL file in a read-only folder).
    pub fn access(&self) -> Access {
        self.access
    }

    pub fn journal_mode(&self) -> JournalMode {
        self.journal
    }
}
