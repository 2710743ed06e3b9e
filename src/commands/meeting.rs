//! `leadboard meeting`: the weekly sync on the projector, recorded in the shared file.

use super::Env;
use super::tui::ctx_for;
use crate::cli::MeetingArgs;
use crate::store::{OpenMode, Store};
use crate::ui::config::Config;
use crate::ui::effects::{self, Effect};
use crate::ui::meeting_state::MeetingOptions;
use crate::ui::theme::Theme;
use crate::ui::{State, meeting_update};
use color_eyre::eyre::{Result, WrapErr, bail};
use std::io::IsTerminal;
use std::process::ExitCode;

/// The meeting options every session starts with (the bell from the user's config).
pub fn options(config: &Config, minutes: Option<std::path::PathBuf>) -> MeetingOptions {
    MeetingOptions {
        bell: config.meeting.bell.unwrap_or(true),
        minutes,
        minutes_dir: config.meeting.minutes_dir.clone(),
    }
}

pub fn run(env: &Env, args: &MeetingArgs) -> Result<ExitCode> {
    let mut store = super::open_store(env, OpenMode::Existing)?;
    if let Some(path) = &args.minutes {
        store.check_output_path(path)?;
    }
    if !std::io::stdout().is_terminal() {
        return match &args.minutes {
            Some(path) => minutes_only(env, &mut store, path),
            None => bail!(
                "the meeting needs a terminal; `leadboard meeting --minutes FILE.md` writes the last \
                 meeting's minutes, `leadboard snapshot --view meeting` prints a section"
            ),
        };
    }
    let config = super::load_config(env)?;
    let opts = options(&config, args.minutes.clone());
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let ctx = ctx_for(env, &store, Theme::pick(config.theme.as_deref(), no_color));
    let (auto, boxes) = (args.auto, args.timebox);
    let state = crate::ui::app::run_with(
        store,
        ctx,
        super::tui::run_options(),
        move |s: &mut State| {
            s.meeting.options = opts;
            s.meeting.agenda.auto = auto;
            if let Some(b) = boxes {
                s.meeting.agenda.boxes = b;
            }
            meeting_update::open(s)
        },
    )?;
    if let Some(p) = &state.meeting.minutes_written {
        super::out::println(&format!("minutes written to {}", p.display()));
    }
    if let Some(s) = state
        .status
        .as_ref()
        .filter(|s| s.kind == crate::ui::state::StatusKind::Error)
    {
        eprintln!("leadboard: {}", s.text);
    }
    Ok(ExitCode::SUCCESS)
}

/// Without a terminal: the minutes of the most recent meeting, written to `path`.
fn minutes_only(env: &Env, store: &mut Store, path: &std::path::Path) -> Result<ExitCode> {
    let now = env.clock.now();
    let Some(last) = store.latest_meeting(now)? else {
        bail!("no meeting has been recorded in {} yet", env.db.display());
    };
    let mut state = State::new(ctx_for(env, store, Theme::plain()), (100, 30));
    crate::ui::meeting_load::recorded(store, &mut state, last.id)
        .wrap_err_with(|| format!("loading meeting {}", last.id))?;
    effects::run(
        store,
        &mut state,
        vec![Effect::WriteMinutes(Some(path.to_path_buf()))],
    );
    if let Some(s) = state
        .status
        .as_ref()
        .filter(|s| s.kind == crate::ui::state::StatusKind::Error)
    {
        bail!("{}", s.text);
    }
    super::out::println(&format!(
        "minutes of meeting {} written to {}",
        last.id,
        path.display()
    ));
    Ok(ExitCode::SUCCESS)
}
