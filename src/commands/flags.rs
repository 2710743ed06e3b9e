use super::Env;
use crate::cli::{FlagsArgs, FlagsFormat};
use crate::io::{gather, report};
use crate::store::{OpenMode, Store};
use color_eyre::eyre::{Result, WrapErr};
use std::process::ExitCode;

pub fn run(env: &Env, args: &FlagsArgs) -> Result<ExitCode> {
    let store = Store::open(&env.db, OpenMode::Existing)
        .wrap_err_with(|| format!("opening {}", env.db.display()))?;
    let (plan, agreements) = gather::plan(&store, env.clock.now())?;
    let sla = gather::gauges(&store, &plan, &agreements).wrap_err("computing the SLA gauges")?;
    let flags = gather::flags(&store, &plan, Some(&sla)).wrap_err("finding red flags")?;
    match args.format {
        FlagsFormat::Json => super::out::println(&report::flags_json(&flags)),
        FlagsFormat::Text => super::out::print(&report::flags_text(&flags)),
    }
    Ok(ExitCode::SUCCESS)
}
