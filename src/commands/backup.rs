use super::Env;
use crate::cli::BackupArgs;
use crate::store::{OpenMode, OpenOptions, Store};
use color_eyre::eyre::{Result, WrapErr};
use std::process::ExitCode;

pub fn run(env: &Env, args: &BackupArgs) -> Result<ExitCode> {
    // Read-only: a backup never changes (or migrates) the file it copies.
    let store = Store::open_with(
        &env.db,
        OpenMode::Existing,
        OpenOptions {
            read_only: true,
            ..Default::default()
        },
    )
    .wrap_err_with(|| format!("opening {}", env.db.display()))?;
    store
        .backup_to(&args.dest, args.force)
        .wrap_err_with(|| format!("backing up to {}", args.dest.display()))?;
    super::out::println(&format!(
        "wrote a consistent copy of {} to {}",
        env.db.display(),
        args.dest.display()
    ));
    Ok(ExitCode::SUCCESS)
}
