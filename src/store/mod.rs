//! The storage layer: the only place with SQL. Every statement binds its parameters,
//! every write is one transaction, and the API speaks in domain words.

mod bulk;
mod check;
mod codec;
mod error;
mod metrics;
mod open;
mod reads;
pub mod schema;
mod settings;
mod writes;

pub use bulk::BulkWriter;
pub use check::CheckReport;
pub use error::{ConflictInfo, StoreError};
pub use open::{JournalMode, OpenMode};
pub use reads::ColumnSummary;
pub use settings::AgreementChange;

use rusqlite::Connection;
use std::path::{Path, PathBuf};

pub type Result<T> = std::result::Result<T, StoreError>;

/// An open shared file.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    read_only: bool,
    journal: JournalMode,
}

impl Store {
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// True when the file or its folder cannot be written: the UI shows a banner and refuses edits.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    pub fn journal_mode(&self) -> JournalMode {
        self.journal
    }
}
