use super::Env;
use crate::cli::{ReportArgs, ReportFormat};
use crate::io::{gather, report};
use crate::store::OpenMode;
use color_eyre::eyre::{Result, WrapErr};
use std::process::ExitCode;

pub fn run(env: &Env, args: &ReportArgs) -> Result<ExitCode> {
    // open_store honours LEADBOARD_SQL_TRACE, so scripts/bench-vs-sqlite can replay the report.
    let store = super::open_store(env, OpenMode::Existing)?;
    let now = env.clock.now();
    if let Some(s) = args.since.filter(|s| *s > now) {
        color_eyre::eyre::bail!(
            "--since {} is after --as-of {}: the funnel would hold no lead",
            s.format("%Y-%m-%d"),
            now.format("%Y-%m-%d %H:%M")
        );
    }
    let r = gather::report_since(&store, args.since, now).wrap_err("computing the report")?;
    match args.format {
        ReportFormat::Json => super::out::println(&report::json(&r)),
        ReportFormat::Markdown => super::out::print(&report::markdown(&r)),
    }
    Ok(ExitCode::SUCCESS)
}
