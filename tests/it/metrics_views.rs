//! Snapshots of the meeting views and the settings editor, and how keys drive them.

use crate::common;

use leadboard::domain::Agreement;
use leadboard::store::Store;
use leadboard::ui::effects::{self, Effect};
use leadboard::ui::snapshot::render_text;
use leadboard::ui::update::update;
use leadboard::ui::{Action, State, View};

fn press(store: &mut Store, state: &mut State, a: Action) {
    let fx = update(state, a);
    effects::run(store, state, fx);
}

fn view(v: View, cols: u16, rows: u16) -> String {
    let (_dir, _path, mut store) = common::demo_store(400);
    let mut state = common::ui_state(&store, cols, rows);
    effects::run(&mut store, &mut state, vec![Effect::ReloadBoard]);
    press(&mut store, &mut state, Action::ShowView(v));
    assert_eq!(state.view, v);
    render_text(&state, cols, rows)
}

#[test]
fn sla_120x40() {
    let out = view(View::Sla, 120, 40);
    // The verdict is in words, not only in colour.
    assert!(out.contains("BEHIND"), "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn flags_120x40() {
    insta::assert_snapshot!(view(View::Flags, 120, 40));
}

#[test]
fn funnel_120x40() {
    insta::assert_snapshot!(view(View::Funnel, 120, 40));
}

#[test]
fn settings_120x40() {
    insta::assert_snapshot!(view(View::Settings, 120, 40));
}

#[test]
fn sla_80x24() {
    insta::assert_snapshot!(view(View::Sla, 80, 24));
}

#[test]
fn sla_100x30() {
    insta::assert_snapshot!(view(View::Sla, 100, 30));
}

#[test]
fn sla_160x48() {
    insta::assert_snapshot!(view(View::Sla, 160, 48));
}

#[test]
fn sla_200x60_uses_the_width() {
    let out = view(View::Sla, 200, 60);
    // The team gauge's bar runs across the projector, not a fixed 60 cells.
    let bar = out
        .lines()
        .find(|l| l.trim_start().starts_with('['))
        .expect("a gauge line");
    let cells = bar.chars().filter(|c| matches!(c, '█' | '░' | '│')).count();
    assert!(cells > 120, "{cells} cells: {bar}");
    insta::assert_snapshot!(out);
}

#[test]
fn number_keys_and_tab_walk_the_views() {
    let (_dir, _path, mut store) = common::demo_store(60);
    let mut state = common::ui_state(&store, 120, 40);
    effects::run(&mut store, &mut state, vec![Effect::ReloadBoard]);
    let mut seen = vec![state.view];
    for _ in 0..5 {
        press(&mut store, &mut state, Action::NextView);
        seen.push(state.view);
    }
    assert_eq!(
        seen,
        [
            View::Board,
            View::Sla,
            View::Flags,
            View::Funnel,
            View::Settings,
            View::Board
        ]
    );
    let key = |c| crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Char(c));
    assert_eq!(
        state.keys.lookup(View::Board, key('3')),
        Some(Action::ShowView(View::Flags))
    );
    assert!(
        state.sla.sla.is_some(),
        "the SLA view loaded its numbers on the way"
    );
}

#[test]
fn enter_on_a_flag_opens_its_lead() {
    let (_dir, _path, mut store) = common::demo_store(400);
    let mut state = common::ui_state(&store, 120, 40);
    press(&mut store, &mut state, Action::ShowView(View::Flags));
    press(&mut store, &mut state, Action::Down);
    let id = state
        .flags
        .selected_lead()
        .expect("second flag is about a lead");
    assert_eq!(state.flags.selected, 1);
    // A triage action works on the flag's lead straight from the list.
    let before = store.lead(id).unwrap();
    press(&mut store, &mut state, Action::TogglePriority);
    let after = store.lead(id).unwrap();
    assert_eq!(
        after.priority, !before.priority,
        "p acted on the flag's lead"
    );
    assert_eq!(after.version, before.version + 1);
    // Enter opens the lead's detail.
    press(&mut store, &mut state, Action::Open);
    assert_eq!(state.view, View::Detail);
    assert_eq!(state.detail.as_ref().map(|d| d.lead.id), Some(id));
}

#[test]
fn editing_a_stage_is_saved_and_logged() {
    let (_dir, _path, mut store) = common::empty_store();
    let mut state = common::ui_state(&store, 120, 40);
    press(&mut store, &mut state, Action::ShowView(View::Settings));
    // Rows: 4 SLA numbers, then stages in order (new, engaged, mql…): MQL's stale days.
    for _ in 0..6 {
        press(&mut store, &mut state, Action::Down);
    }
    press(&mut store, &mut state, Action::Right);
    press(&mut store, &mut state, Action::Right);
    press(&mut store, &mut state, Action::Open);
    assert_eq!(
        state.settings.editing.as_ref().map(|e| e.input.as_str()),
        Some("3")
    );
    // A bad value is refused and stays in the editor to be fixed.
    press(&mut store, &mut state, Action::Type('x'));
    press(&mut store, &mut state, Action::Commit);
    assert!(state.settings.editing.is_some());
    assert!(
        state
            .status
            .as_ref()
            .is_some_and(|s| s.text.contains("whole number"))
    );
    press(&mut store, &mut state, Action::Backspace);
    press(&mut store, &mut state, Action::Backspace);
    press(&mut store, &mut state, Action::Type('5'));
    press(&mut store, &mut state, Action::Commit);
    // A stage is the whole team's: the change waits for a yes.
    assert!(state.settings.pending.is_some());
    press(&mut store, &mut state, Action::Type('y'));
    assert!(state.settings.editing.is_none());
    let mql = store
        .stages()
        .unwrap()
        .into_iter()
        .find(|s| s.key == "mql")
        .unwrap();
    assert_eq!(mql.stale_after_days, Some(5));
    let log = store.agreement_log(5).unwrap();
    assert_eq!(log[0].what, "stage mql: stale_after_days");
    assert_eq!(
        (log[0].old.as_str(), log[0].new.as_str(), log[0].by.as_str()),
        ("3", "5", "ana")
    );
    assert_eq!(log[0].at, common::now());
    insta::assert_snapshot!(render_text(&state, 120, 40));
}

#[test]
fn changing_the_sla_starts_a_new_agreement_now() {
    let (_dir, _path, mut store) = common::empty_store();
    let mut state = common::ui_state(&store, 120, 40);
    press(&mut store, &mut state, Action::ShowView(View::Settings));
    press(&mut store, &mut state, Action::Open);
    for _ in 0..3 {
        press(&mut store, &mut state, Action::Backspace);
    }
    for c in "120".chars() {
        press(&mut store, &mut state, Action::Type(c));
    }
    press(&mut store, &mut state, Action::Commit);
    let history = store.agreements().unwrap();
    assert_eq!(history.len(), 2);
    let now = common::now();
    assert_eq!(
        Agreement::in_force(&history, now)
            .unwrap()
            .leads_per_rep_month,
        120
    );
    assert_eq!(history[1].effective_from, now);
    assert_eq!(history[1].changed_by, "ana");
    // A moment earlier the old agreement is still the one in force.
    let before = now - chrono::Duration::seconds(1);
    assert_eq!(
        Agreement::in_force(&history, before)
            .unwrap()
            .leads_per_rep_month,
        100
    );
}
