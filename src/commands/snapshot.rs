use super::Env;
use super::tui::ctx_for;
use crate::cli::SnapshotArgs;
use crate::store::OpenMode;
use crate::ui::effects::{self, Effect};
use crate::ui::snapshot::render_text;
use crate::ui::theme::Theme;
use crate::ui::{State, View};
use color_eyre::eyre::{Result, eyre};
use std::process::ExitCode;

pub fn run(env: &Env, args: &SnapshotArgs) -> Result<ExitCode> {
    let view = View::parse(&args.view).map_err(|e| eyre!(e))?;
    let mut store = super::open_store(env, OpenMode::Existing)?;
    let (cols, rows) = args.size;
    let mut state = State::new(ctx_for(env, &store, Theme::plain()), (cols, rows));
    let first = if view == View::Meeting {
        // A snapshot shows the meeting as it would open, without recording one.
        state.view = view;
        if let Some(s) = args.section {
            state.meeting.agenda.go_to(s);
        }
        Effect::OpenMeeting { record: false }
    } else {
        Effect::ReloadBoard
    };
    effects::run(&mut store, &mut state, vec![first]);
    if view == View::Detail {
        let id = match args.lead {
            Some(id) => id,
            None => state
                .current_lead()
                .map(|(id, _)| id)
                .ok_or_else(|| eyre!("the board has no lead to show; pass --lead ID"))?,
        };
        effects::run(&mut store, &mut state, vec![Effect::LoadDetail(id)]);
    }
    state.view = view;
    if matches!(
        view,
        View::Sla | View::Flags | View::Funnel | View::Settings
    ) {
        effects::run(&mut store, &mut state, vec![Effect::LoadView(view)]);
    }
    if let Some(s) = state
        .status
        .as_ref()
        .filter(|s| s.kind == crate::ui::state::StatusKind::Error)
    {
        return Err(eyre!("{}", s.text));
    }
    super::out::print(&render_text(&state, cols, rows));
    Ok(ExitCode::SUCCESS)
}
