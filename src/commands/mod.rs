//! One file per subcommand. `main` parses; these do the work and return the exit code.

mod access;
mod backup;
mod bundle;
mod check;
mod demo;
mod export;
mod flags;
mod import;
mod init;
mod lead;
mod meeting;
pub mod out;
mod report;
mod serve;
mod snapshot;
mod stages;
mod team;
mod tui;

use crate::cli::{Cli, Command};
use crate::clock::Clock;
use crate::store::{OpenMode, Store};
use color_eyre::eyre::{Result, WrapErr, eyre};
use std::path::PathBuf;
use std::process::ExitCode;

/// What every command needs: where the file is, who is acting, and what "now" is.
pub struct Env {
    pub db: PathBuf,
    /// True when the path came from neither `--db` nor `LEADBOARD_DB`.
    pub default_db: bool,
    pub user: String,
    pub clock: Clock,
    /// Set by `serve`: `user` was proven by sshd, and every write checks their role on the
    /// file's access list. `None` for a local file.
    pub acting: Option<String>,
    /// The TUI's config: `None` reads `$LEADBOARD_CONFIG` or the platform's place; `serve`
    /// sets the host's file (or none), so nothing a client sends chooses what is read.
    pub config: Option<Option<PathBuf>>,
}

impl Env {
    pub fn from_cli(cli: &Cli, clock: Clock) -> Result<Env> {
        let (db, default_db) = match &cli.db {
            Some(p) => (p.clone(), false),
            None => (default_db_path(cli.demo)?, true),
        };
        Ok(Env {
            db,
            default_db,
            user: cli.user.clone().unwrap_or_else(os_user),
            clock,
            acting: None,
            config: None,
        })
    }
}

/// Opens the file for a command, with the path in any error, and the optional SQL trace
/// (`LEADBOARD_SQL_TRACE=FILE`) used by `scripts/bench-vs-sqlite`.
pub fn open_store(env: &Env, mode: OpenMode) -> Result<Store> {
    let mut store =
        Store::open(&env.db, mode).wrap_err_with(|| format!("opening {}", env.db.display()))?;
    if let Some(handle) = &env.acting {
        store.act_as(handle)?;
    } else if let Some(path) = std::env::var_os("LEADBOARD_SQL_TRACE") {
        store.trace_sql_to(std::path::Path::new(&path))?;
    }
    Ok(store)
}

/// The TUI's config, from where `env` says.
pub fn load_config(env: &Env) -> Result<crate::ui::config::Config> {
    use crate::ui::config::Config;
    let config = match &env.config {
        None => Config::load_default(),
        Some(Some(path)) => Config::load(path),
        Some(None) => Ok(Config::default()),
    };
    config.map_err(|e| eyre!("config: {e}"))
}

pub fn dispatch(cli: Cli, clock: Clock) -> Result<ExitCode> {
    let env = Env::from_cli(&cli, clock)?;
    run_command(&env, cli.command, cli.demo)
}

/// One match over every command: `serve` runs a client's command through here too, after
/// its own refusals (serve.rs), so a new command is a decision in both places.
pub fn run_command(env: &Env, command: Option<Command>, demo: bool) -> Result<ExitCode> {
    match command {
        None if demo => tui::run_demo(env),
        None => tui::run(env),
        Some(Command::Init) => init::run(env),
        Some(Command::Demo(args)) => demo::run(env, &args),
        Some(Command::Snapshot(args)) => snapshot::run(env, &args),
        Some(Command::Check(args)) => check::run(env, &args),
        Some(Command::Backup(args)) => backup::run(env, &args),
        Some(Command::Meeting(args)) => meeting::run(env, &args),
        Some(Command::Import(args)) => import::run(env, &args),
        Some(Command::Export(args)) => export::run(env, &args),
        Some(Command::Report(args)) => report::run(env, &args),
        Some(Command::Flags(args)) => flags::run(env, &args),
        Some(Command::Stages(args)) => stages::run(env, &args),
        Some(Command::Agreement(args)) => team::agreement(env, &args),
        Some(Command::Reps(args)) => team::reps(env, &args),
        Some(Command::Campaigns(args)) => team::campaigns(env, &args),
        Some(Command::Reasons(args)) => team::reasons(env, &args),
        Some(Command::Lead(args)) => lead::run(env, &args),
        Some(Command::Access(args)) => access::run(env, &args),
        Some(Command::Serve(args)) => serve::run(env, &args),
    }
}

/// Exit codes scripts can rely on (README, "Exit codes"). 2 is clap's usage error.
pub const EXIT_FAILED: u8 = 1;
pub const EXIT_REFUSED: u8 = 3;
pub const EXIT_NOT_FOUND: u8 = 4;
pub const EXIT_CONFLICT: u8 = 5;
pub const EXIT_BUSY: u8 = 6;
pub const EXIT_READ_ONLY: u8 = 7;
pub const EXIT_FORBIDDEN: u8 = 8;

/// Input a command refuses before the store sees it: the same exit code as the store's own
/// refusals.
pub fn refused(message: impl Into<String>) -> color_eyre::eyre::Report {
    crate::store::StoreError::Invalid(message.into()).into()
}

/// The exit code for an error: the first store error in its chain decides.
pub fn exit_code(e: &color_eyre::eyre::Report) -> u8 {
    use crate::store::StoreError;
    let store = e.chain().find_map(|c| c.downcast_ref::<StoreError>());
    match store {
        Some(StoreError::Invalid(_) | StoreError::Disqualified(_)) => EXIT_REFUSED,
        Some(StoreError::NotFound(_)) => EXIT_NOT_FOUND,
        Some(StoreError::Conflict(_)) => EXIT_CONFLICT,
        Some(StoreError::Locked | StoreError::Cancelled) => EXIT_BUSY,
        Some(StoreError::ReadOnly) => EXIT_READ_ONLY,
        Some(StoreError::Forbidden(_)) => EXIT_FORBIDDEN,
        _ => EXIT_FAILED,
    }
}

/// `~/.local/share/leadboard/leadboard.db` (or the platform's equivalent); `demo.db` for `--demo`.
fn default_db_path(demo: bool) -> Result<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "leadboard")
        .ok_or_else(|| eyre!("cannot find a home directory for the data file; pass --db PATH"))?;
    let dir = dirs.data_dir();
    std::fs::create_dir_all(dir)
        .map_err(|e| eyre!("cannot create {}: {e}; pass --db PATH", dir.display()))?;
    Ok(dir.join(if demo { "demo.db" } else { "leadboard.db" }))
}

fn os_user() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
        .unwrap_or_else(|| "someone".to_string())
}
