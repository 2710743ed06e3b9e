use super::Env;
use crate::cli::{ReportArgs, ReportFormat};
use crate::io::{gather, report};
use crate::store::{OpenMode, Store};
use color_eyre::eyre::{Result, WrapErr};
use std::process::ExitCode;

pub fn run(env: &Env, args: &ReportArgs) -> Result<ExitCode> {
    let store = Store::open(&env.db, OpenMode::Existing)
        .wrap_err_with(|| format!("opening {}", env.db.display()))?;
    let r = gather::report(&store, env.clock.now()).wrap_err("computing the report")?;
    match args.format {
        ReportFormat::Json => println!("{}", report::json(&r)),
        ReportFormat::Markdown => print!("{}", report::markdown(&r)),
    }
    Ok(ExitCode::SUCCESS)
}
