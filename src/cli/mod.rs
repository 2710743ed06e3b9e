//! Command-line definitions only; `commands` does the work.

use crate::clock::parse_as_of;
use crate::domain::Timestamp;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

pub mod access;
pub mod lead;
pub mod team;

pub use access::{AccessAction, AccessArgs, ServeArgs};
pub use lead::{AddLead, EditLead, LeadAction, LeadArgs};
pub use team::{
    AgreementArgs, AgreementChange, CampaignChange, CampaignFields, CampaignsArgs, ListFormat,
    ReasonChange, ReasonsArgs, RepChange, RepsArgs,
};

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
    Check(CheckArgs),
    /// Write a consistent copy of the file while others keep working
    Backup(BackupArgs),
    /// Run the weekly sync on the projector: scoreboard, since last meeting, red flags, board, wins, next steps
    Meeting(MeetingArgs),
    /// Import leads from a CRM export or any CSV (upserts; one transaction)
    Import(ImportArgs),
    /// Export leads, activities or stage events as CSV or JSON
    Export(ExportArgs),
    /// The week's meeting pack: stages, SLA, reps, red flags, funnel, campaigns
    Report(ReportArgs),
    /// The red flags alone, for scripts
    Flags(FlagsArgs),
    /// List the agreed funnel stages, or add, move or remove one (each change is logged)
    Stages(StagesArgs),
    /// The service level agreement: show it, or set new terms from now on (logged)
    Agreement(AgreementArgs),
    /// The people on both teams: list, add, edit, or record that one left
    Reps(RepsArgs),
    /// Marketing campaigns and their costs: list (with their figures), add, edit
    Campaigns(CampaignsArgs),
    /// The reasons people pick when a lead is lost, disqualified or recycled
    Reasons(ReasonsArgs),
    /// Work a lead from a script: add, move, contact, next-step, assign, edit, show, list
    Lead(LeadArgs),
    /// Who may reach this file through OpenSSH, with which role (docs/hosting.md)
    Access(AccessArgs),
    /// The board for a person sshd authenticated: the forced command `access authorized-keys`
    /// writes; the client's own command, if any, runs as that person, on this file only
    Serve(ServeArgs),
}

#[derive(Debug, Args)]
pub struct StagesArgs {
    #[command(subcommand)]
    pub change: Option<StageChange>,
}

#[derive(Debug, Subcommand)]
pub enum StageChange {
    /// Add a stage (an open stage goes after the last open one unless --after or --first)
    Add(AddStageArgs),
    /// Move a stage to another place in the funnel
    Move(MoveStageArgs),
    /// Remove a stage that no lead is in and no stage move names
    Remove {
        /// The stage's key
        key: String,
    },
}

#[derive(Debug, Args)]
pub struct AddStageArgs {
    /// Key for the file, imports and exports: lower-case letters, digits, _ or -
    pub key: String,
    /// The name people see on the board
    #[arg(long)]
    pub name: String,
    /// The team that owns leads in this stage: marketing or sales
    #[arg(long, value_parser = parse_team)]
    pub owner: crate::domain::Team,
    /// open, won, lost, disqualified or recycled
    #[arg(long, default_value = "open", value_parser = parse_kind)]
    pub kind: crate::domain::StageKind,
    /// Put it right after this stage
    #[arg(long, value_name = "KEY", conflicts_with = "first")]
    pub after: Option<String>,
    /// Put it first
    #[arg(long)]
    pub first: bool,
    /// A lead longer than this many days in the stage is a red flag
    #[arg(long, value_name = "DAYS", value_parser = clap::value_parser!(i64).range(1..=3650))]
    pub stale_days: Option<i64>,
    /// What a lead must be to be in this stage, as the teams agreed it
    #[arg(long, default_value = "")]
    pub definition: String,
}

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("place").required(true).args(["after", "first"]))]
pub struct MoveStageArgs {
    /// The stage's key
    pub key: String,
    /// Put it right after this stage
    #[arg(long, value_name = "KEY")]
    pub after: Option<String>,
    /// Put it first
    #[arg(long)]
    pub first: bool,
}

fn parse_team(s: &str) -> Result<crate::domain::Team, String> {
    s.parse()
}

fn parse_kind(s: &str) -> Result<crate::domain::StageKind, String> {
    s.parse()
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Recompute the funnel figures kept on write from the stage history, if they disagree
    #[arg(long)]
    pub repair: bool,
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Where to write the copy
    #[arg(value_name = "DEST")]
    pub dest: PathBuf,
    /// Replace DEST if it exists
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct MeetingArgs {
    /// Step to the next section every SECONDS (an unattended screen keeps cycling)
    #[arg(long, value_name = "SECONDS", value_parser = clap::value_parser!(u32).range(1..=3600))]
    pub auto: Option<u32>,
    /// Write the minutes to this file on leaving; without a terminal, write the minutes of
    /// the last recorded meeting and exit
    #[arg(long, value_name = "FILE.md")]
    pub minutes: Option<PathBuf>,
    /// Time box per section in minutes, e.g. "flags=30,wins=0" (0: none;
    /// sections: scoreboard, since, flags, board, wins, next)
    #[arg(long, value_name = "LIST", value_parser = crate::meeting::agenda::parse_boxes)]
    pub timebox: Option<[Option<u32>; 6]>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The CSV file
    pub file: PathBuf,
    /// Which export wrote the file; `auto` tells from the header
    #[arg(long, value_enum, default_value = "auto")]
    pub format: ImportFormat,
    /// A mapping file for any other CSV (see docs/import.md and assets/maps/)
    #[arg(long, value_name = "MAP.toml", conflicts_with = "format")]
    pub map: Option<PathBuf>,
    /// Print the report but write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Import the good rows even when some are rejected
    #[arg(long)]
    pub skip_bad: bool,
    /// Let rows update leads that were disqualified (normally refused: closed loop)
    #[arg(long)]
    pub allow_disqualified: bool,
    /// Count an owner the file names (a CRM user id, another spelling) as an existing rep;
    /// repeat for each: --owner "0055g00000ABCDEAAX=lee"
    #[arg(long, value_name = "RAW=HANDLE", value_parser = parse_owner)]
    pub owner: Vec<(String, String)>,
    /// Amounts use a decimal comma (1.234,56) whatever the file suggests
    #[arg(long, conflicts_with = "decimal_point")]
    pub decimal_comma: bool,
    /// Amounts use a decimal point (1,234.56) whatever the file suggests
    #[arg(long)]
    pub decimal_point: bool,
    /// Order of dates like 03/04/2024: dmy (day first) or mdy (month first)
    #[arg(long, value_enum, value_name = "ORDER")]
    pub date_order: Option<DateOrderArg>,
    /// Read the file in this encoding (windows-1252, iso-8859-1, utf-16le, …) instead of
    /// recognising it (UTF-8, UTF-16 with a byte-order mark, else Windows-1252)
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<String>,
    /// Times without an offset are wall-clock times in this IANA zone (HubSpot and Pipedrive
    /// export in the account's zone), e.g. Europe/Berlin; UTC when absent
    #[arg(long, value_name = "ZONE")]
    pub tz: Option<String>,
    /// Where a stage or status value of the file lands: --stage "Verbal Commit=opportunity"
    /// (repeatable; also `[stage_map]` in a mapping file)
    #[arg(long = "stage", value_name = "VALUE=STAGE")]
    pub stages: Vec<String>,
    /// The team's own currency (ISO code, e.g. EUR): deals the file says are in it count as
    /// the team's; deals in any other currency keep their code and are never summed with it
    #[arg(long, value_name = "CODE")]
    pub team_currency: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DateOrderArg {
    Dmy,
    Mdy,
}

fn parse_owner(s: &str) -> Result<(String, String), String> {
    match s.rsplit_once('=') {
        Some((raw, handle)) if !raw.trim().is_empty() && !handle.trim().is_empty() => {
            Ok((raw.trim().to_string(), handle.trim().to_string()))
        }
        _ => Err(format!(
            "{s:?}: use RAW=HANDLE, e.g. \"0055g00000ABCDEAAX=lee\""
        )),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ImportFormat {
    Auto,
    Hubspot,
    Salesforce,
    Pipedrive,
    Zoho,
    Close,
    Generic,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(long, value_enum, default_value = "csv")]
    pub format: ExportFormat,
    /// Write here instead of stdout
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Only leads in this stage (key)
    #[arg(long)]
    pub stage: Option<String>,
    /// Only leads of this owner (handle)
    #[arg(long)]
    pub owner: Option<String>,
    /// Only leads of this campaign (name)
    #[arg(long)]
    pub campaign: Option<String>,
    /// What to export
    #[arg(long, value_enum, default_value = "leads")]
    pub what: ExportWhat,
    /// CSV for Excel: a UTF-8 byte-order mark and CRLF line ends
    #[arg(long)]
    pub excel: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Csv,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportWhat {
    Leads,
    Activities,
    Events,
    /// The whole file (stages, agreements, reasons, reps, campaigns, leads, history) as
    /// JSON lines, for `import` into an empty file
    All,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Output format
    #[arg(long, value_enum, default_value = "markdown")]
    pub format: ReportFormat,
    /// The funnel counts only the leads created from this date (default: every lead up to --as-of)
    #[arg(long, value_name = "DATE", value_parser = parse_as_of)]
    pub since: Option<Timestamp>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Markdown,
    Json,
}

#[derive(Debug, Args)]
pub struct FlagsArgs {
    /// Output format: tab-separated text or JSON
    #[arg(long, value_enum, default_value = "text", global = true)]
    pub format: FlagsFormat,
    #[command(subcommand)]
    pub action: Option<FlagsAction>,
}

#[derive(Debug, Subcommand)]
pub enum FlagsAction {
    /// Acknowledge a flag: it leaves the list until DATE or until the lead changes stage;
    /// the report lists it meanwhile
    Snooze {
        /// The lead's id
        id: i64,
        /// The flag: uncontacted, stale, next_step_overdue, …
        kind: String,
        /// Back in the list on this day: 2026-12-10, +7d, +2w
        #[arg(long, value_name = "DATE")]
        until: String,
        /// Why it can wait
        #[arg(long)]
        reason: String,
    },
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
    /// With `--view meeting`: the agenda section (scoreboard, since, flags, board, wins, next)
    #[arg(long, value_name = "NAME", value_parser = crate::meeting::agenda::Section::parse)]
    pub section: Option<crate::meeting::agenda::Section>,
    /// With --view detail: the lead to show [default: the first card of the board]
    #[arg(long, value_name = "ID")]
    pub lead: Option<i64>,
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
