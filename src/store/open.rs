//! Opening the shared file: refuse what is not ours or too new, before touching anything;
//! then pragmas and migrations.

use super::schema::{MIGRATIONS, latest_version};
use super::{Result, Store, StoreError};
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long a write waits for another writer before reporting the file busy.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

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

impl Store {
    pub fn open(path: &Path, mode: OpenMode) -> Result<Store> {
        let path = path.to_path_buf();
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
            && !dir.is_dir()
        {
            return Err(StoreError::MissingDir { path });
        }
        let exists = path.exists();
        if !exists && mode == OpenMode::Existing {
            return Err(StoreError::MissingFile { path });
        }
        if exists {
            check_header(&path)?;
        }
        let read_only = exists && !writable(&path);
        let conn = if read_only {
            Connection::open_with_flags(
                &path,
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )
        } else {
            Connection::open(&path)
        }
        .map_err(|e| classify(&path, e))?;
        conn.busy_timeout(BUSY_TIMEOUT)?;

        // Read the schema version before any pragma that writes (journal_mode does).
        let found: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| classify(&path, e))?;
        if found > latest_version() {
            return Err(StoreError::NewerSchema {
                path,
                found,
                supported: latest_version(),
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
        let journal = if read_only {
            JournalMode::Rollback
        } else {
            set_journal(&conn, &path)?
        };
        let mut store = Store {
            conn,
            path,
            read_only,
            journal,
        };
        if found < latest_version() {
            if read_only {
                return Err(StoreError::Invalid(format!(
                    "{}: the file needs an upgrade (schema {found} → {}) but is read-only",
                    store.path.display(),
                    latest_version()
                )));
            }
            store.migrate(found)?;
        }
        Ok(store)
    }

    /// Current schema version of the open file.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    fn migrate(&mut self, from: i64) -> Result<()> {
        if from > 0 {
            self.backup_beside(from)?;
        }
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(from as usize) {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
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
fn check_header(path: &Path) -> Result<()> {
    let mut f = std::fs::File::open(path)?;
    let mut head = [0u8; 16];
    let mut read = 0;
    while read < head.len() {
        match f.read(&mut head[read..])? {
            0 => break,
            n => read += n,
        }
    }
    if read == 0 || (read == 16 && &head == SQLITE_MAGIC) {
        Ok(())
    } else {
        Err(StoreError::NotADatabase {
            path: path.to_path_buf(),
        })
    }
}

fn writable(path: &Path) -> bool {
    let file_ok = std::fs::OpenOptions::new().write(true).open(path).is_ok();
    // WAL needs to create -wal and -shm files beside the database.
    let dir_ok = path
        .parent()
        .map(|d| {
            if d.as_os_str().is_empty() {
                Path::new(".")
            } else {
                d
            }
        })
        .is_some_and(tempfile_probe);
    file_ok && dir_ok
}

fn tempfile_probe(dir: &Path) -> bool {
    let probe = dir.join(format!(".leadboard-probe-{}", std::process::id()));
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
    {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            true
        }
        Err(e) => e.kind() == std::io::ErrorKind::AlreadyExists,
    }
}

/// WAL on local disks; a rollback journal where the file lives on a network file system.
fn set_journal(conn: &Connection, path: &Path) -> Result<JournalMode> {
    let want = if on_network_fs(path) { "DELETE" } else { "WAL" };
    let got: String = conn.query_row(&format!("PRAGMA journal_mode = {want}"), [], |r| r.get(0))?;
    conn.execute_batch("PRAGMA synchronous = NORMAL;")?;
    Ok(if got.eq_ignore_ascii_case("wal") {
        JournalMode::Wal
    } else {
        JournalMode::Rollback
    })
}

/// Linux: look the file's mount up in /proc/self/mounts. Elsewhere assume local.
fn on_network_fs(path: &Path) -> bool {
    let Ok(abs) = std::fs::canonicalize(path.parent().unwrap_or(Path::new("."))) else {
        return false;
    };
    let Ok(mounts) = std::fs::read_to_string("/proc/self/mounts") else {
        return false;
    };
    let mut best: Option<(usize, String)> = None;
    for line in mounts.lines() {
        let mut parts = line.split_whitespace();
        let (_, Some(mnt), Some(fstype)) = (parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        if abs.starts_with(mnt) && best.as_ref().is_none_or(|(len, _)| mnt.len() > *len) {
            best = Some((mnt.len(), fstype.to_string()));
        }
    }
    best.is_some_and(|(_, fs)| {
        matches!(
            fs.as_str(),
            "nfs" | "nfs4" | "cifs" | "smbfs" | "smb3" | "9p" | "fuse.sshfs" | "afs" | "ncpfs"
        )
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
            StoreError::Invalid(format!("{}: cannot open the file ({e})", path.display()))
        }
        _ => StoreError::from(e),
    }
}
