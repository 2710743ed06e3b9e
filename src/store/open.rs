//! Opening the shared file: refuse what is not ours or too new, before touching anything;
//! then pragmas and migrations.

use super::home::{self, Access};
use super::retry::{BUSY_TIMEOUT, is_busy};
use super::schema::MIGRATIONS;
use super::{Result, Store, StoreError};
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

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
        // A zero-byte file is what a typo'd redirect or `touch` leaves: only init and demo
        // may turn it into a team file.
        if exists && header.is_empty() && mode == OpenMode::Existing {
            return Err(StoreError::EmptyFile { path });
        }
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
            acting: None,
        };
        if found < latest {
            if access.is_read_only() {
                return Err(StoreError::Invalid(format!(
                    "{}: the file needs an upgrade (schema {found} → {latest}) but is read-only",
                    store.path.display(),
                )));
            }
            store.migrate(migrations)?;
        }
        Ok(store)
    }

    /// Current schema version of the open file.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Upgrades the file under the write lock, so that of several people opening it at once
    /// exactly one migrates and the others wait and then open the new schema. The copy kept
    /// beside the file is written and verified under the same lock, before any change.
    fn migrate(&mut self, migrations: &[&str]) -> Result<()> {
        let latest = migrations.len() as i64;
        let tx = self.migration_tx()?;
        // Another process may have migrated between our first read and the lock.
        let now: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if now >= latest {
            return Ok(());
        }
        if now > 0 {
            backup_beside(&self.path, now)?;
        }
        for (i, sql) in migrations.iter().enumerate().skip(now as usize) {
            tx.execute_batch(sql)?;
            // PRAGMA takes no bound parameters; the value is our own loop counter.
            tx.execute_batch(&format!("PRAGMA user_version = {}", i + 1))?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The write lock for a migration. Opening must not fail because someone else is
    /// upgrading a large file, so this waits far longer than an ordinary write.
    fn migration_tx(&self) -> Result<Transaction<'_>> {
        let deadline = Instant::now() + MIGRATION_WAIT;
        loop {
            match Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate) {
                Ok(tx) => return Ok(tx),
                Err(e) if is_busy(&e) && Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(e) => return Err(e.into()),
            }
        }
    }
}

/// How long an open waits for another process's migration before giving up.
const MIGRATION_WAIT: Duration = Duration::from_secs(120);

/// Keeps a consistent copy of the file as it is before an upgrade. Called with the write
/// lock held, so the copy (read through a second connection) is the last committed state,
/// which is the old schema. It is written under a temporary name, checked, then renamed.
fn backup_beside(path: &Path, version: i64) -> Result<PathBuf> {
    let dest = backup_name(path, version);
    let mut partial = dest.as_os_str().to_os_string();
    partial.push(format!(".partial-{}", std::process::id()));
    let partial = PathBuf::from(partial);
    let _ = std::fs::remove_file(&partial);
    let written = write_copy(path, &partial, version).and_then(|_| {
        std::fs::rename(&partial, &dest)?;
        Ok(())
    });
    if written.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    written.map(|_| dest)
}

fn write_copy(path: &Path, dest: &Path, version: i64) -> Result<()> {
    let ro = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let src = Connection::open_with_flags(path, ro).map_err(|e| classify(path, e))?;
    src.busy_timeout(BUSY_TIMEOUT)?;
    src.execute("VACUUM INTO ?1", [dest.to_string_lossy().as_ref()])?;
    drop(src);
    let copy = Connection::open_with_flags(dest, ro)?;
    let found: i64 = copy.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let check: String = copy.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
    if found != version || check != "ok" {
        return Err(StoreError::Invalid(format!(
            "the copy kept before the upgrade ({}) did not verify (schema {found}, check: {check}); \
             the file was not upgraded",
            dest.display()
        )));
    }
    Ok(())
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
    // Waits for another writer up to BUSY_TIMEOUT, giving up early when cancelled.
    conn.busy_handler(Some(super::cancel::busy_handler))?;
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
