use super::Env;
use crate::store::{OpenMode, Store};
use color_eyre::eyre::{Result, WrapErr};
use std::process::ExitCode;

pub fn run(env: &Env) -> Result<ExitCode> {
    let existed = env.db.exists();
    let store = Store::open(&env.db, OpenMode::CreateIfMissing)
        .wrap_err_with(|| format!("opening {}", env.db.display()))?;
    let verb = if existed { "is ready" } else { "created" };
    println!(
        "{} {verb} (schema {})",
        env.db.display(),
        store.schema_version()?
    );
    Ok(ExitCode::SUCCESS)
}
