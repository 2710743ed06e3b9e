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
        self.check_output_path(dest)?;
        super::paths::clean_stale_partials(dest);
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
