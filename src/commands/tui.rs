use super::Env;
use super::demo::open_for_demo;
use crate::demo::{DemoOptions, generate};
use crate::store::{OpenMode, Store};
use crate::ui::Ctx;
use crate::ui::theme::Theme;
use color_eyre::eyre::{Result, WrapErr, bail, eyre};
use std::io::IsTerminal;
use std::process::ExitCode;

pub fn ctx_for(env: &Env, store: &Store, theme: Theme) -> Ctx {
    Ctx {
        db_label: env
            .db
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| env.db.display().to_string()),
        user: env.user.clone(),
        clock: env.clock,
        read_only: store.is_read_only(),
        journal: store.journal_mode(),
        theme,
        role: store.acting().ok().flatten().map(|(_, r)| r),
    }
}

fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// Test hooks from the environment (used by the pty tests; unset in normal use).
pub fn run_options() -> crate::ui::app::RunOptions {
    crate::ui::app::RunOptions {
        // A release build never panics on purpose, whatever its environment says.
        panic_after: std::env::var("LEADBOARD_TEST_PANIC_AFTER_MS")
            .ok()
            .filter(|_| cfg!(debug_assertions))
            .and_then(|v| v.trim().parse().ok())
            .map(std::time::Duration::from_millis),
    }
}

pub fn run(env: &Env) -> Result<ExitCode> {
    // The default file is created on first run; a path the user typed must already exist.
    let mode = if env.default_db {
        OpenMode::CreateIfMissing
    } else {
        OpenMode::Existing
    };
    let store = super::open_store(env, mode)?;
    launch(env, store)
}

pub fn run_demo(env: &Env) -> Result<ExitCode> {
    let mut store = open_for_demo(env, true)?;
    if store.lead_count()? == 0 {
        generate(
            &mut store,
            &DemoOptions {
                leads: 400,
                seed: 42,
                now: env.clock.now(),
            },
        )
        .wrap_err("writing the demo database")?;
    }
    launch(env, store)
}

fn launch(env: &Env, store: Store) -> Result<ExitCode> {
    if !std::io::stdout().is_terminal() {
        bail!("the board needs a terminal; for text output use `leadboard snapshot`");
    }
    let config = super::load_config(env)?;
    let keys = config.keymap().map_err(|e| eyre!("config: {e}"))?;
    let ctx = ctx_for(
        env,
        &store,
        Theme::pick(config.theme.as_deref(), no_color()),
    );
    // F5 opens meeting mode from the board: it needs the meeting options (the bell) too.
    let opts = super::meeting::options(&config, None);
    crate::ui::app::run_with(store, ctx, run_options(), move |s| {
        s.meeting.options = opts;
        s.keys = keys;
        vec![crate::ui::effects::Effect::ReloadBoard]
    })?;
    Ok(ExitCode::SUCCESS)
}
