//! `leadboard backup DEST`: an online, consistent copy while others keep working.
//! `VACUUM INTO` reads one snapshot of the file, so the copy never mixes two commits.

use super::{Result, Store, StoreError};
use std::path::Path;

impl Store {
    /// Writes a consistent copy to `dest`. An existing `dest` is replaced only with `force`,
    /// and then atomically: the copy is written beside it first and renamed over it.
    pub fn backup_to(&self, dest: &Path, force: bool) -> Result<()> {
        if dest.exists() && !force {
            return Err(StoreError::Invalid(format!(
                "{} already exists; pass --force to replace it",
                dest.display()
            )));
        }
        if same_file(self.path(), dest) {
            return Err(StoreError::Invalid(format!(
                "{} is the file itself; choose another destination",
                dest.display()
            )));
        }
        let mut partial = dest.as_os_str().to_os_string();
        partial.push(format!(".partial-{}", std::process::id()));
        let partial = std::path::PathBuf::from(partial);
        let _ = std::fs::remove_file(&partial);
        let written = self
            .conn
            .execute("VACUUM INTO ?1", [partial.to_string_lossy().as_ref()])
            .map_err(StoreError::from)
            .and_then(|_| std::fs::rename(&partial, dest).map_err(StoreError::from));
        if written.is_err() {
            let _ = std::fs::remove_file(&partial);
        }
        written
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}
