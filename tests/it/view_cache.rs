//! Switching to a meeting view reuses its figures while nobody has written to the file, and
//! recomputes them after another process's commit, our own write, or Ctrl-r.

use crate::common;

use leadboard::domain::ActivityKind;
use leadboard::store::{OpenMode, Store};
use leadboard::ui::effects::{self, Effect};
use leadboard::ui::update::update;
use leadboard::ui::{Action, State, View};

fn press(store: &mut Store, state: &mut State, a: Action) {
    let fx = update(state, a);
    effects::run(store, state, fx);
}

/// Shows the flags view after wiping its list: an empty list afterwards means no recompute.
fn revisit_flags(store: &mut Store, state: &mut State) -> usize {
    state.flags.flags.clear();
    press(store, state, Action::ShowView(View::Board));
    press(store, state, Action::ShowView(View::Flags));
    state.flags.flags.len()
}

#[test]
fn views_recompute_only_when_the_file_changed() {
    let (_dir, path, mut store) = common::demo_store(200);
    let mut state = common::ui_state(&store, 120, 40);
    effects::run(&mut store, &mut state, vec![Effect::ReloadBoard]);
    press(&mut store, &mut state, Action::ShowView(View::Flags));
    let computed = state.flags.flags.len();
    assert!(computed > 0, "the demo has red flags");

    // Nothing changed: the figures are kept, not recomputed.
    assert_eq!(revisit_flags(&mut store, &mut state), 0);

    // Another process commits: recomputed.
    let mut other = Store::open(&path, OpenMode::Existing).unwrap();
    let lead = state.board.columns[0].cards[0].id;
    other
        .log_activity(lead, ActivityKind::Note, "seen", "bo", common::now())
        .unwrap();
    // (A note counts as activity, so the list may differ by the lead it touched.)
    assert!(revisit_flags(&mut store, &mut state) > 0);

    // Our own write, through this connection: recomputed.
    store
        .log_activity(lead, ActivityKind::Note, "again", "ana", common::now())
        .unwrap();
    let after_writes = revisit_flags(&mut store, &mut state);
    assert!(after_writes > 0);

    // Unchanged again, then Ctrl-r: recomputed.
    assert_eq!(revisit_flags(&mut store, &mut state), 0);
    press(&mut store, &mut state, Action::Refresh);
    assert_eq!(state.flags.flags.len(), after_writes);
}

#[test]
fn back_to_the_board_reloads_only_after_a_change() {
    let (_dir, path, mut store) = common::demo_store(200);
    let mut state = common::ui_state(&store, 120, 40);
    effects::run(&mut store, &mut state, vec![Effect::ReloadBoard]);
    let lead = state.board.columns[0].cards[0].id;
    let revisit = |store: &mut Store, state: &mut State| {
        state.board.columns[0].cards.clear();
        press(store, state, Action::ShowView(View::Funnel));
        press(store, state, Action::ShowView(View::Board));
        state.board.columns[0].cards.len()
    };
    assert_eq!(
        revisit(&mut store, &mut state),
        0,
        "unchanged: not reloaded"
    );
    let mut other = Store::open(&path, OpenMode::Existing).unwrap();
    other
        .log_activity(lead, ActivityKind::Note, "seen", "bo", common::now())
        .unwrap();
    assert!(
        revisit(&mut store, &mut state) > 0,
        "reloaded after a commit"
    );
}
