//! Opening the shared file: refuse what is not ours or too new, before touching anything;
//! then pragmas and migrations.

use super::home::{self, Access};
use super::retry::BUSY_TIMEOUT;
use super::schema::MIGRATIONS;
use super::{Result, Store, StoreError};
use rusqlite::{Connection, OpenFlags};
use std::io::Read;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    /// The file must exist already.
    Existing,
    /// Create an empty leadboard file when there is none.
    CreateIfMissing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JournalMode {
    Wal,
    /// Rollback journal: used where WAL is unsafe (network file systems) or impossible (read-only).
    Rollback,
}

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// How to open a file beyond the defaults; `Store::open` uses `OpenOptions::default()`.
#[derive(Debug, Clone, Copy, Default)]
pub struct OpenOptions {
    /// Open read-only even when the file could be written.
    pub read_only: bool,
    /// Skip the probes and open this way (tests use it: root can write anything).
    pub access: Option<Access>,
    /// The migrations to apply instead of the shipped ones (tests of the upgrade path).
    pub migrations: Option<&'static [&'static str]>,
}

impl Store {
    pub fn open(path: &Path, mode: OpenMode) -> Result<Store> {
        Store::open_with(path, mode, OpenOptions::default())
    }

    pub fn open_with(path: &Path, mode: OpenMode, opts: OpenOptions) -> Result<Store> {
        let path = path.to_path_buf();
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
            && !dir.is_dir()
        {
            return Err(StoreError::MissingDir { path });
        }
        let migrations = opts.migrations.unwrap_or(MIGRATIONS);
        let latest = migrations.len() as i64;
        let exists = path.exists();
        if !exists && mode == OpenMode::Existing {
            return Err(StoreError::MissingFile { path });
        }
        let header = if exists {
            check_header(&path)?
        } else {
            Vec::new()
        };
        let access = match opts.access {
            Some(a) => a,
            None if !exists => Access::ReadWrite,
            None => home::plan_access(home::probe(&path, &header), opts.read_only),
        };
        let (conn, access, found) = match connect(&path, access) {
            // A WAL file whose -shm index cannot be made: read the main file as it stands.
            Err(StoreError::CannotOpen(_)) if access == Access::ReadOnly => {
                connect(&path, Access::Immutable)?
            }
            other => other?,
        };
        if found > latest {
            return Err(StoreError::NewerSchema {
                path,
                found,
                supported: latest,
            });
        }
        if found == 0 {
            // Schema 0 with tables of its own is another program's database: not ours to change.
            let tables: i64 = conn
                .query_row(
                    "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'",
                    [],
                    |r| r.get(0),
                )
                .map_err(|e| classify(&path, e))?;
            if tables > 0 {
                return Err(StoreError::ForeignDatabase { path });
            }
        }
        conn.execute_batch("PRAGMA foreign_keys = ON;")?;
        let journal = if access.is_read_only() {
            JournalMode::Rollback
        } else {
            set_journal(&conn, &path)?
        };
        let mut store = Store {
            conn,
            path,
            read_only: access.is_read_only(),
            access,
            journal,
        };
        if found < latest {
            if access.is_read_only() {
                return Err(StoreError::Invalid(format!(
                    "{}: the file needs an upgrade (schema {found} → {latest}) but is read-only",
                    store.path.display(),
                )));
            }
            store.migrate(found, migrations)?;
        }
        Ok(store)
    }

    /// Current schema version of the open file.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    fn migrate(&mut self, from: i64, migrations: &[&str]) -> Result<()> {
        if from > 0 {
            self.backup_beside(from)?;
        }
        for (i, sql) in migrations.iter().enumerate().skip(from as usize) {
            let tx = self.write_tx()?;
            // Another process may have migrated while we waited for the lock.
            let now: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            if now > i as i64 {
                continue;
            }
            tx.execute_batch(sql)?;
            // PRAGMA takes no bound parameters; the value is our own loop counter.
            tx.execute_batch(&format!("PRAGMA user_version = {}", i + 1))?;
            tx.commit()?;
        }
        Ok(())
    }

    /// Before a migration changes an existing file, keep a consistent copy beside it.
    fn backup_beside(&self, from: i64) -> Result<PathBuf> {
        let dest = backup_name(&self.path, from);
        if dest.exists() {
            std::fs::remove_file(&dest)?;
        }
        self.conn
            .execute("VACUUM INTO ?1", [dest.to_string_lossy().as_ref()])?;
        Ok(dest)
    }
}

fn backup_name(path: &Path, version: i64) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".schema{version}.bak"));
    path.with_file_name(name)
}

/// A non-empty file must start with SQLite's magic, or it is not ours to touch.
/// Returns the first bytes of the header (the journal mode is in bytes 18–19).
fn check_header(path: &Path) -> Result<Vec<u8>> {
    let mut f = std::fs::File::open(path)?;
    let mut head = [0u8; 20];
    let mut read = 0;
    while read < head.len() {
        match f.read(&mut head[read..])? {
            0 => break,
            n => read += n,
        }
    }
    if read == 0 || (read >= 16 && &head[..16] == SQLITE_MAGIC) {
        Ok(head[..read].to_vec())
    } else {
        Err(StoreError::NotADatabase {
            path: path.to_path_buf(),
        })
    }
}

/// Opens the connection and reads the schema version before any pragma that writes
/// (journal_mode does), so a file we must refuse is left untouched.
fn connect(path: &Path, access: Access) -> Result<(Connection, Access, i64)> {
    let ro = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = match access {
        Access::ReadWrite => Connection::open(path),
        Access::ReadOnly => Connection::open_with_flags(path, ro),
        Access::Immutable => {
            Connection::open_with_flags(home::immutable_uri(path), ro | OpenFlags::SQLITE_OPEN_URI)
        }
    }
    .map_err(|e| classify(path, e))?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // Plans must not depend on bound values: otherwise binding a page's `LIMIT ? OFFSET ?`
    // expires the statement and SQLite prepares it again on every page of every column.
    // (No plan here uses a bound value: there are no STAT4 tables, and the search's LIKE
    // patterns start with `%`.)
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
        true,
    )?;
    let found: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| classify(path, e))?;
    Ok((conn, access, found))
}

/// WAL on local disks; a rollback journal where the file lives on a network file system.
fn set_journal(conn: &Connection, path: &Path) -> Result<JournalMode> {
    let want = if home::on_network_fs(path) {
        "DELETE"
    } else {
        "WAL"
    };
    let got: String = conn.query_row(&format!("PRAGMA journal_mode = {want}"), [], |r| r.get(0))?;
    conn.execute_batch("PRAGMA synchronous = NORMAL;")?;
    Ok(if got.eq_ignore_ascii_case("wal") {
        JournalMode::Wal
    } else {
        JournalMode::Rollback
    })
}

fn classify(path: &Path, e: rusqlite::Error) -> StoreError {
    use rusqlite::ErrorCode;
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => StoreError::NotADatabase {
            path: path.to_path_buf(),
        },
        Some(ErrorCode::DatabaseCorrupt) => StoreError::Corrupt {
            path: path.to_path_buf(),
            detail: e.to_string(),
        },
        Some(ErrorCode::CannotOpen) => {
            StoreError::CannotOpen(format!("{}: cannot open the file ({e})", path.display()))
        }
        _ => StoreError::from(e),
    }
}
