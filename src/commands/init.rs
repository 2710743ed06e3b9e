use super::Env;
use crate::store::OpenMode;
use color_eyre::eyre::Result;
use std::process::ExitCode;

pub fn run(env: &Env) -> Result<ExitCode> {
    let existed = env.db.exists();
    let store = super::open_store(env, OpenMode::CreateIfMissing)?;
    let verb = if existed { "is ready" } else { "created" };
    super::out::println(&format!(
        "{} {verb} (schema {})",
        env.db.display(),
        store.schema_version()?
    ));
    Ok(ExitCode::SUCCESS)
}
