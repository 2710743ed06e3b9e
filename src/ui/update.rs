//! key → action → state change. Pure: returns the effects (loads, writes) for `effects` to run.

use super::action::Action;
use super::effects::Effect;
use super::state::{State, View};
use super::views::board::cards_per_page;

pub fn update(state: &mut State, action: Action) -> Vec<Effect> {
    if state.view == View::Meeting {
        return super::meeting_update::update(state, action);
    }
    match action {
        Action::OpenMeeting => super::meeting_update::open(state),
        Action::Quit => {
            state.quit = true;
            vec![]
        }
        Action::ToggleHelp => {
            state.help = !state.help;
            vec![]
        }
        Action::Refresh => super::metrics_update::refresh(state),
        Action::Tick => {
            if let Some(s) = &mut state.status {
                s.ttl = s.ttl.saturating_sub(1);
                if s.ttl == 0 {
                    state.status = None;
                }
            }
            // A few times a second: has someone else committed? (cheap; see load::if_changed)
            let mut fx = super::triage::on_tick(state);
            fx.push(Effect::WatchFile);
            fx
        }
        Action::Resize(w, h) => {
            state.size = (w, h);
            vec![Effect::ReloadBoard]
        }
        Action::ShowView(v) => super::metrics_update::show(state, v),
        Action::NextView => super::metrics_update::next(state),
        Action::Undo if state.view == View::Settings => super::metrics_update::undo_setting(state),
        Action::CycleCohort => {
            state.funnel.cohort = state.funnel.cohort.next();
            state.funnel.computed = None;
            state.info(format!("funnel of {}", state.funnel.cohort.label()));
            vec![Effect::LoadView(View::Funnel)]
        }
        Action::Type(_)
        | Action::Backspace
        | Action::Commit
        | Action::Cancel
        | Action::ClearInput => super::metrics_update::edit(state, action),
        // In the settings Enter edits the selected value; everywhere else it opens a lead.
        Action::Open if state.view == View::Settings && super::team::selected(state) => {
            super::team::open(state)
        }
        Action::Open if state.view == View::Settings => super::metrics_update::nav(state, action),
        Action::AddItem => super::team::add(state),
        Action::SnoozeFlag => super::snooze::open(state),
        Action::CycleSort if state.view == View::Board => cycle_sort(state),
        Action::StepBack => super::scrub::step(state, super::scrub::Step::Back),
        Action::StepForward => super::scrub::step(state, super::scrub::Step::Forward),
        Action::RemoveItem => super::team::remove(state),
        Action::StageEarlier | Action::StageLater => {
            super::metrics_update::move_stage(state, &action)
        }
        a if super::triage::handles(&a) => super::triage::update(state, a),
        _ if state.help => {
            // Any movement closes help first, like a pager.
            state.help = false;
            vec![]
        }
        nav => match state.view {
            View::Board => board_nav(state, nav),
            View::Meeting => vec![],
            View::Detail => super::triage::detail_nav(state, nav),
            View::Sla | View::Flags | View::Funnel | View::Settings => {
                super::metrics_update::nav(state, nav)
            }
        },
    }
}

/// `s` on the board: the selected column's next order, from its first card.
fn cycle_sort(state: &mut State) -> Vec<Effect> {
    let i = state.board.col;
    let Some(col) = state.board.columns.get_mut(i) else {
        return vec![];
    };
    col.sort = col.sort.next();
    col.selected = 0;
    col.offset = 0;
    let (key, sort, name) = (col.stage.key.clone(), col.sort, col.stage.name.clone());
    state.board.sorts.insert(key, sort);
    state.info(format!("{name} sorted by {}", sort.label()));
    vec![Effect::LoadColumn(i)]
}

fn board_nav(state: &mut State, action: Action) -> Vec<Effect> {
    let page = cards_per_page(state.size.1).max(1);
    let board = &mut state.board;
    let ncols = board.columns.len();
    if ncols == 0 {
        return vec![];
    }
    match action {
        Action::Left => {
            board.col = board.col.saturating_sub(1);
            return vec![];
        }
        Action::Right => {
            board.col = (board.col + 1).min(ncols - 1);
            return vec![];
        }
        _ => {}
    }
    let col = &mut board.columns[board.col];
    let last = (col.count.max(0) as usize).saturating_sub(1);
    let sel = col.selected;
    col.selected = match action {
        Action::Up => sel.saturating_sub(1),
        Action::Down => (sel + 1).min(last),
        Action::PageUp => sel.saturating_sub(page),
        Action::PageDown => (sel + page).min(last),
        Action::Top => 0,
        Action::Bottom => last,
        _ => sel,
    };
    // Keep the selected card inside the loaded window; fetch a new window when it leaves it.
    if col.selected < col.offset {
        col.offset = col.selected;
    } else if col.selected >= col.offset + page {
        col.offset = col.selected + 1 - page;
    } else {
        return vec![];
    }
    vec![Effect::LoadColumn(state.board.col)]
}
