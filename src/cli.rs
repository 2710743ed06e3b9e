//! Command-line definitions only; `commands` does the work.

use crate::clock::parse_as_of;
use crate::domain::Timestamp;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "leadboard",
    version,
    about = "Kanban, SLA gauges and red flags for a sales + marketing team sharing one SQLite file"
)]
pub struct Cli {
    /// The shared file [default: $LEADBOARD_DB, else the platform data dir]
    #[arg(long, global = true, env = "LEADBOARD_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Fix "now" (for reports, snapshots and tests): 2026-11-25, "2026-11-25 09:30" or RFC 3339
    #[arg(long, global = true, value_name = "DATETIME", value_parser = parse_as_of)]
    pub as_of: Option<Timestamp>,

    /// Who you are in the file's history [default: $LEADBOARD_USER, else the OS user]
    #[arg(long, global = true, env = "LEADBOARD_USER", value_name = "HANDLE")]
    pub user: Option<String>,

    /// Open the TUI on the demo database, creating it if missing
    #[arg(long)]
    pub demo: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create an empty leadboard file with the default stages and agreement
    Init,
    /// Write a demo database with a realistic funnel
    Demo(DemoArgs),
    /// Render one frame of the TUI as plain text to stdout
    Snapshot(SnapshotArgs),
    /// Run integrity and schema checks and say what was found
    Check,
    /// The week's meeting pack: stages, SLA, reps, red flags, funnel, campaigns
    Report(ReportArgs),
    /// The red flags alone, for scripts
    Flags(FlagsArgs),
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Output format
    #[arg(long, value_enum, default_value = "markdown")]
    pub format: ReportFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Markdown,
    Json,
}

#[derive(Debug, Args)]
pub struct FlagsArgs {
    /// Output format: tab-separated text or JSON
    #[arg(long, value_enum, default_value = "text")]
    pub format: FlagsFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FlagsFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Number of leads
    #[arg(long, default_value_t = 400, value_parser = clap::value_parser!(u32).range(1..=2_000_000))]
    pub leads: u32,
    /// Random seed: the same seed (and --as-of) gives the same data
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Replace the team data in an existing file
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct SnapshotArgs {
    /// View to render
    #[arg(long, default_value = "board")]
    pub view: String,
    /// Size as COLSxROWS
    #[arg(long, default_value = "160x48", value_parser = parse_size)]
    pub size: (u16, u16),
}

pub fn parse_size(s: &str) -> Result<(u16, u16), String> {
    let (c, r) = s
        .split_once(['x', 'X'])
        .ok_or_else(|| format!("{s:?} is not a size: use COLSxROWS, e.g. 120x40"))?;
    let c: u16 = c
        .trim()
        .parse()
        .map_err(|_| format!("{c:?} is not a column count"))?;
    let r: u16 = r
        .trim()
        .parse()
        .map_err(|_| format!("{r:?} is not a row count"))?;
    if !(1..=1000).contains(&c) || !(1..=1000).contains(&r) {
        return Err(format!("{s}: sizes go from 1x1 to 1000x1000"));
    }
    Ok((c, r))
}
