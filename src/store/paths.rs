//! Paths a command writes must never be the shared file or one of SQLite's files beside
//! it: overwriting the `-wal` loses commits that are not yet in the main file.

use super::{Result, Store, StoreError};
use std::path::{Path, PathBuf};

/// The suffixes SQLite adds to a database's name for its companion files.
const COMPANIONS: [&str; 3] = ["-wal", "-shm", "-journal"];

/// `path` made absolute with its folder resolved, even when the file does not exist yet.
fn resolved(path: &Path) -> Option<PathBuf> {
    if let Ok(p) = std::fs::canonicalize(path) {
        return Some(p);
    }
    let name = path.file_name()?;
    let dir = match path.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(d) => std::fs::canonicalize(d).ok()?,
        None => std::env::current_dir().ok()?,
    };
    Some(dir.join(name))
}

/// Refuses `dest` when it is `live` or one of its companion files.
pub fn refuse_live_paths(live: &Path, dest: &Path) -> Result<()> {
    let (Some(live), Some(dest)) = (resolved(live), resolved(dest)) else {
        return Ok(());
    };
    if dest == live {
        return Err(StoreError::Invalid(format!(
            "{} is the shared file itself; choose another destination",
            crate::text::clean(&dest.display().to_string())
        )));
    }
    for suffix in COMPANIONS {
        let mut name = live.as_os_str().to_os_string();
        name.push(suffix);
        if dest.as_os_str() == name {
            return Err(StoreError::Invalid(format!(
                "{} is SQLite's {suffix} file of the shared file; writing it would damage the \
                 file and lose changes; choose another destination",
                crate::text::clean(&dest.display().to_string())
            )));
        }
    }
    Ok(())
}

impl Store {
    /// Refuses a destination that is this file or one of its companion files.
    pub fn check_output_path(&self, dest: &Path) -> Result<()> {
        refuse_live_paths(self.path(), dest)
    }
}

/// Removes `DEST.partial-PID` files left by a copy whose process is gone (killed mid-write).
pub fn clean_stale_partials(dest: &Path) {
    let Some(name) = dest.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return;
    };
    let dir = match dest.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(d) => d.to_path_buf(),
        None => PathBuf::from("."),
    };
    let prefix = format!("{name}.partial-");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    for e in entries.flatten() {
        let file = e.file_name().to_string_lossy().into_owned();
        let Some(pid) = file
            .strip_prefix(&prefix)
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        if !process_alive(pid) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

#[cfg(target_os = "linux")]
fn process_alive(pid: u32) -> bool {
    pid == std::process::id() || Path::new("/proc").join(pid.to_string()).exists()
}

/// Without /proc there is no cheap, safe test: keep the file rather than delete another
/// process's copy in progress.
#[cfg(not(target_os = "linux"))]
fn process_alive(_pid: u32) -> bool {
    true
}
