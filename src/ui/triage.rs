//! Update for the triage actions (issue 3): pure state changes plus the effects to run.

use super::action::Action;
use super::effects::Effect;
use super::forms::{self, Prep};
use super::modal::Modal;
use super::state::{State, View};
use super::views::board::{MIN_COLUMN_WIDTH, cards_per_page, visible_columns};
use super::widgets::card;

/// True for the actions this module handles.
pub fn handles(a: &Action) -> bool {
    !matches!(
        a,
        Action::Quit
            | Action::Up
            | Action::Down
            | Action::Left
            | Action::Right
            | Action::PageUp
            | Action::PageDown
            | Action::Top
            | Action::Bottom
            | Action::ToggleHelp
            | Action::Refresh
            | Action::Tick
            | Action::Resize(..)
    )
}

pub fn update(state: &mut State, action: Action) -> Vec<Effect> {
    match action {
        Action::Input(k) => super::modal_update::input(state, k),
        Action::OpenLead(id) => {
            state.help = false;
            vec![Effect::LoadDetail(id)]
        }
        Action::Open => match state.current_lead() {
            Some((id, _)) => vec![Effect::LoadDetail(id)],
            None => vec![],
        },
        Action::Back => {
            state.view = View::Board;
            state.detail = None;
            vec![Effect::ReloadBoard]
        }
        Action::MoveNext => lead(state, Prep::Next),
        Action::MovePrev => lead(state, Prep::Prev),
        Action::MoveTo => lead(state, Prep::MoveTo),
        Action::LogContact => lead(state, Prep::Contact),
        Action::NextStep => lead(state, Prep::NextStep),
        Action::SetOwner => lead(state, Prep::Owner),
        Action::EditLead => lead(state, Prep::Edit),
        Action::TogglePriority => lead(state, Prep::Priority),
        Action::AddLead => {
            if state.refuse_writes() {
                return vec![];
            }
            state.modal = Some(Modal::Form(forms::add_form(&state.meta, &state.ctx.user)));
            vec![]
        }
        Action::Undo if state.refuse_writes() => vec![],
        Action::Undo => match state.undo.next_write() {
            Some(w) => vec![Effect::Write(Box::new(w))],
            None => {
                state.info("nothing to undo: you have not changed anything in this session");
                vec![]
            }
        },
        Action::Search => {
            let before = state.board.filter.clone();
            let query = before.search.clone().unwrap_or_default();
            state.modal = Some(Modal::Search {
                query,
                before,
                pending: false,
            });
            vec![]
        }
        Action::Mine => {
            let me = state.ctx.user.clone();
            if state.board.filter.owner.as_deref() == Some(me.as_str()) {
                state.board.filter.owner = None;
            } else if state.meta.is_rep(&me) {
                state.board.filter.owner = Some(me);
            } else {
                state.error(format!(
                    "you are {me:?}, not a rep in this file: set LEADBOARD_USER or --user to your handle"
                ));
                return vec![];
            }
            filter_changed(state)
        }
        Action::FilterForm => {
            state.modal = Some(Modal::Form(forms::filter_form(
                &state.meta,
                &state.board.filter,
            )));
            vec![]
        }
        Action::ClearFilter => {
            state.board.filter = Default::default();
            filter_changed(state)
        }
        Action::ToggleExits => {
            state.board.exits = !state.board.exits;
            state.board.columns.clear();
            state.board.col = 0;
            state.view = View::Board;
            state.info(if state.board.exits {
                "exit stages: won, lost, disqualified, recycled (x for the open funnel)"
            } else {
                "open stages"
            });
            vec![Effect::ReloadBoard]
        }
        Action::Palette => {
            state.modal = Some(Modal::Palette {
                input: String::new(),
                selected: 0,
            });
            vec![]
        }
        Action::Click(x, y) => click(state, x, y),
        _ => vec![],
    }
}

/// An action on the current lead: the effect loads it and opens the form or writes.
fn lead(state: &mut State, prep: Prep) -> Vec<Effect> {
    if state.refuse_writes() {
        return vec![];
    }
    match state.current_lead() {
        Some((id, version)) => vec![Effect::Prepare(prep, id, version)],
        None => {
            state.info("no lead selected");
            vec![]
        }
    }
}

pub(super) fn filter_changed(state: &mut State) -> Vec<Effect> {
    for c in &mut state.board.columns {
        c.selected = 0;
        c.offset = 0;
    }
    state.view = View::Board;
    vec![Effect::ReloadBoard]
}

/// Mouse: on the board a click selects a card; a click on the selected card opens it.
fn click(state: &mut State, x: u16, y: u16) -> Vec<Effect> {
    if state.view != View::Board || state.board.columns.is_empty() {
        return vec![];
    }
    let (w, h) = state.size;
    let range = visible_columns(state.board.columns.len(), state.board.col, w);
    let n = range.len().max(1) as u16;
    let base_w = (w / n).max(MIN_COLUMN_WIDTH.min(w));
    let i = range.start + ((x / base_w.max(1)) as usize).min(range.len().saturating_sub(1));
    // Body starts under the title bar; cards under the border, figures and rule.
    let first_card_row = 1 + 3;
    if y < first_card_row || y + 1 >= h {
        state.board.col = i;
        return vec![];
    }
    let k = ((y - first_card_row) / card::HEIGHT) as usize;
    if k >= cards_per_page(h) {
        return vec![];
    }
    let was = (state.board.col, state.board.columns[i].selected);
    state.board.col = i;
    let col = &mut state.board.columns[i];
    if k >= col.cards.len() {
        return vec![];
    }
    col.selected = col.offset + k;
    if was == (i, col.selected) {
        return vec![Effect::LoadDetail(col.cards[k].id)];
    }
    vec![]
}

/// The clock tick: runs a search typed since the last one.
pub fn on_tick(state: &mut State) -> Vec<Effect> {
    match &mut state.modal {
        Some(Modal::Search { pending, .. }) if *pending => {
            *pending = false;
            filter_changed(state)
        }
        _ => vec![],
    }
}

/// Up / Down / paging in the detail scroll its history.
pub fn detail_nav(state: &mut State, action: Action) -> Vec<Effect> {
    let Some(d) = &mut state.detail else {
        return vec![];
    };
    let last = d.activities.len() + d.events.len();
    d.scroll = match action {
        Action::Up => d.scroll.saturating_sub(1),
        Action::Down => (d.scroll + 1).min(last),
        Action::PageUp => d.scroll.saturating_sub(10),
        Action::PageDown => (d.scroll + 10).min(last),
        Action::Top => 0,
        Action::Bottom => last,
        _ => d.scroll,
    };
    vec![]
}
