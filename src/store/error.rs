//! Errors the UI and CLI can explain to a person.

use crate::domain::{LeadId, Timestamp};
use std::path::PathBuf;

/// Who changed a lead since the version an edit started from, and what they changed.
#[derive(Debug, Clone, PartialEq)]
pub struct ConflictInfo {
    pub lead_id: LeadId,
    pub expected_version: i64,
    pub current_version: i64,
    pub changed_by: String,
    pub changed_at: Timestamp,
    /// `field: old → new` lines, newest last.
    pub changes: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: the folder does not exist")]
    MissingDir { path: PathBuf },
    #[error(
        "{path}: no such file (create one with `leadboard init --db {path}` or `leadboard demo --db {path}`)"
    )]
    MissingFile { path: PathBuf },
    #[error(
        "{path}: the file is empty, not a leadboard file (make it one with `leadboard init --db {path}`)"
    )]
    EmptyFile { path: PathBuf },
    #[error("{path}: not a leadboard file (it is not an SQLite database)")]
    NotADatabase { path: PathBuf },
    #[error(
        "{path}: an SQLite database of another program, not a leadboard file; it was not touched"
    )]
    ForeignDatabase { path: PathBuf },
    #[error("{path}: the file is damaged ({detail}); restore a backup or run `leadboard check`")]
    Corrupt { path: PathBuf, detail: String },
    #[error(
        "{path}: written by a newer leadboard (schema {found}, this build knows up to {supported}); \
         upgrade leadboard — the file was not touched"
    )]
    NewerSchema {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    /// SQLite could not open the file (permissions, a missing `-shm` it cannot create).
    #[error("{0}")]
    CannotOpen(String),
    #[error("the file is open read-only; changes cannot be saved")]
    ReadOnly,
    #[error(
        "the file is busy: another leadboard or a script held the write lock for several seconds; \
         the change was not saved — try again in a moment"
    )]
    Locked,
    #[error("lead {} was changed by {} at {} (you started from version {}, it is now {})",
        .0.lead_id, .0.changed_by, .0.changed_at.format("%Y-%m-%d %H:%M"), .0.expected_version, .0.current_version)]
    Conflict(Box<ConflictInfo>),
    #[error("{0}")]
    NotFound(String),
    /// The person's role (from the access list) does not allow this write.
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    Invalid(String),
    /// The e-mail of a lead being added belongs to a disqualified lead (closed loop): who
    /// disqualified it, when and why. Adding it anyway is a separate, explicit choice.
    #[error("{0}")]
    Disqualified(String),
    /// The user (Esc) or a stop signal gave up waiting for another writer's lock.
    #[error("not saved: cancelled while waiting for another writer to finish")]
    Cancelled,
    #[error("disk full: the change could not be saved")]
    DiskFull,
    /// A table, column, index or trigger this build relies on is missing or renamed: someone
    /// changed the schema by hand. Say what, briefly, and where to look; never the SQL.
    #[error(
        "the file's schema is damaged ({0}); run `leadboard check` to list what differs, \
         `leadboard check --repair` to put back missing indexes and triggers"
    )]
    DamagedSchema(String),
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Locked,
            Some(ErrorCode::ReadOnly) => StoreError::ReadOnly,
            Some(ErrorCode::DiskFull) => StoreError::DiskFull,
            _ => match schema_damage(&e) {
                Some(what) => StoreError::DamagedSchema(what),
                None => StoreError::Sqlite(e),
            },
        }
    }
}

/// The part of SQLite's message that names a missing schema object ("no such column:
/// l.company"), without the statement rusqlite appends.
fn schema_damage(e: &rusqlite::Error) -> Option<String> {
    let msg = match e {
        rusqlite::Error::SqlInputError { msg, .. } => msg.as_str(),
        rusqlite::Error::SqliteFailure(_, Some(msg)) => msg.as_str(),
        _ => return None,
    };
    let missing = [
        "no such table",
        "no such column",
        "no such index",
        "no such trigger",
    ];
    missing
        .iter()
        .any(|m| msg.starts_with(m))
        .then(|| crate::text::fit(msg, 120))
}
