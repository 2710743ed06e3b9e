//! The settings editor as a facilitator uses it: what is typed is what is saved, Ctrl-u
//! clears, a change to the shared funnel asks first, and `u` here takes back a setting.

use crate::common;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use leadboard::store::Store;
use leadboard::ui::effects::{self, Effect};
use leadboard::ui::snapshot::render_text;
use leadboard::ui::update::update;
use leadboard::ui::{State, View};

/// A key as the terminal delivers it, through the same translation the board uses.
fn key(store: &mut Store, state: &mut State, k: KeyEvent) {
    if let Some(a) = leadboard::ui::input::key(state, k) {
        let fx = update(state, a);
        effects::run(store, state, fx);
    }
}

fn typed(store: &mut Store, state: &mut State, s: &str) {
    for c in s.chars() {
        key(
            store,
            state,
            KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
        );
    }
}

fn plain(store: &mut Store, state: &mut State, code: KeyCode) {
    key(store, state, KeyEvent::new(code, KeyModifiers::NONE));
}

fn leads_per_rep(store: &Store) -> i64 {
    let a = store.agreements().unwrap();
    leadboard::domain::Agreement::in_force(&a, common::now())
        .unwrap()
        .leads_per_rep_month
}

fn status(state: &State) -> String {
    state
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

fn settings() -> (tempfile::TempDir, Store, State) {
    let (dir, _path, mut store) = common::demo_store(60);
    let mut state = common::ui_state(&store, 80, 24);
    effects::run(&mut store, &mut state, vec![Effect::ReloadBoard]);
    typed(&mut store, &mut state, "5");
    assert_eq!(state.view, View::Settings);
    (dir, store, state)
}

#[test]
fn what_is_typed_replaces_the_value_and_shows_at_80x24() {
    let (_d, mut store, mut state) = settings();
    plain(&mut store, &mut state, KeyCode::Enter);
    typed(&mut store, &mut state, "80");
    let screen = render_text(&state, 80, 24);
    assert!(screen.contains("> 80▏"), "{screen}");
    plain(&mut store, &mut state, KeyCode::Enter);
    assert_eq!(
        leads_per_rep(&store),
        80,
        "replaced, not appended (was 10080)"
    );
    // Ctrl-u clears whatever is there.
    plain(&mut store, &mut state, KeyCode::Enter);
    typed(&mut store, &mut state, "7");
    key(
        &mut store,
        &mut state,
        KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL),
    );
    typed(&mut store, &mut state, "90");
    plain(&mut store, &mut state, KeyCode::Enter);
    assert_eq!(leads_per_rep(&store), 90);
    // A value the agreement cannot hold is refused with the reason and stays to be fixed.
    plain(&mut store, &mut state, KeyCode::Enter);
    typed(&mut store, &mut state, "lots");
    plain(&mut store, &mut state, KeyCode::Enter);
    assert_eq!(leads_per_rep(&store), 90);
    assert!(state.settings.editing.is_some(), "the editor stays open");
    assert!(!status(&state).is_empty(), "the reason is said");
    plain(&mut store, &mut state, KeyCode::Esc);
}

#[test]
fn u_in_the_settings_takes_back_the_last_setting_and_says_so() {
    let (_d, mut store, mut state) = settings();
    plain(&mut store, &mut state, KeyCode::Enter);
    typed(&mut store, &mut state, "80");
    plain(&mut store, &mut state, KeyCode::Enter);
    assert_eq!(leads_per_rep(&store), 80);
    typed(&mut store, &mut state, "u");
    assert_eq!(leads_per_rep(&store), 100);
    assert!(
        status(&state).contains("undid the SLA change"),
        "{}",
        status(&state)
    );
    typed(&mut store, &mut state, "u");
    assert!(
        status(&state).contains("nothing to undo here"),
        "{}",
        status(&state)
    );
}

#[test]
fn saving_a_value_unchanged_records_nothing() {
    let (_d, mut store, mut state) = settings();
    let log = store.agreement_log(100).unwrap().len();
    plain(&mut store, &mut state, KeyCode::Enter);
    plain(&mut store, &mut state, KeyCode::Enter);
    assert_eq!(store.agreement_log(100).unwrap().len(), log);
    assert_eq!(store.agreements().unwrap().len(), 1);
}

#[test]
fn moving_a_stage_asks_first_and_u_moves_it_back() {
    let (_d, mut store, mut state) = settings();
    let order = |s: &Store| -> Vec<String> {
        s.stages()
            .unwrap()
            .into_iter()
            .map(|s| s.key)
            .take(4)
            .collect()
    };
    // Rows: 4 SLA numbers, then new, engaged, mql.
    for _ in 0..6 {
        plain(&mut store, &mut state, KeyCode::Down);
    }
    let shift = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::SHIFT);
    key(&mut store, &mut state, shift('K'));
    let screen = render_text(&state, 80, 24);
    assert!(
        screen.contains("Move stage MQL after New for everyone?"),
        "{screen}"
    );
    typed(&mut store, &mut state, "n");
    assert_eq!(
        order(&store),
        ["new", "engaged", "mql", "sql"],
        "n changes nothing"
    );
    key(&mut store, &mut state, shift('K'));
    typed(&mut store, &mut state, "y");
    assert_eq!(order(&store), ["new", "mql", "engaged", "sql"]);
    typed(&mut store, &mut state, "u");
    assert_eq!(order(&store), ["new", "engaged", "mql", "sql"]);
    assert!(
        status(&state).contains("undid the move"),
        "{}",
        status(&state)
    );
}

#[test]
fn a_stage_edit_asks_first_and_n_goes_back_to_the_editor() {
    let (_d, mut store, mut state) = settings();
    let stale = |s: &Store| {
        s.stages()
            .unwrap()
            .into_iter()
            .find(|st| st.key == "mql")
            .unwrap()
            .stale_after_days
    };
    // MQL's "stale after" cell: row 4 SLA + 3rd stage, third field.
    for _ in 0..6 {
        plain(&mut store, &mut state, KeyCode::Down);
    }
    plain(&mut store, &mut state, KeyCode::Right);
    plain(&mut store, &mut state, KeyCode::Right);
    plain(&mut store, &mut state, KeyCode::Enter);
    typed(&mut store, &mut state, "5");
    plain(&mut store, &mut state, KeyCode::Enter);
    let screen = render_text(&state, 80, 24);
    assert!(screen.contains("for everyone?"), "{screen}");
    typed(&mut store, &mut state, "n");
    assert_eq!(stale(&store), Some(3), "n saves nothing");
    assert!(state.settings.editing.is_some(), "back in the editor");
    plain(&mut store, &mut state, KeyCode::Enter);
    typed(&mut store, &mut state, "y");
    assert_eq!(stale(&store), Some(5));
    typed(&mut store, &mut state, "u");
    assert_eq!(stale(&store), Some(3), "and u takes it back");
}
