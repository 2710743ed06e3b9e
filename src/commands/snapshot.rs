use super::Env;
use super::tui::ctx_for;
use crate::cli::SnapshotArgs;
use crate::store::{OpenMode, Store};
use crate::ui::effects::{self, Effect};
use crate::ui::snapshot::render_text;
use crate::ui::theme::Theme;
use crate::ui::{State, View};
use color_eyre::eyre::{Result, WrapErr, eyre};
use std::process::ExitCode;

pub fn run(env: &Env, args: &SnapshotArgs) -> Result<ExitCode> {
    let view = View::parse(&args.view).map_err(|e| eyre!(e))?;
    let mut store = Store::open(&env.db, OpenMode::Existing)
        .wrap_err_with(|| format!("opening {}", env.db.display()))?;
    let (cols, rows) = args.size;
    let mut state = State::new(ctx_for(env, &store, Theme::plain()), (cols, rows));
    state.view = view;
    effects::run(
        &mut store,
        &mut state,
        vec![Effect::ReloadBoard, Effect::LoadView(view)],
    );
    if let Some(s) = state
        .status
        .as_ref()
        .filter(|s| s.kind == crate::ui::state::StatusKind::Error)
    {
        return Err(eyre!("{}", s.text));
    }
    print!("{}", render_text(&state, cols, rows));
    Ok(ExitCode::SUCCESS)
}
