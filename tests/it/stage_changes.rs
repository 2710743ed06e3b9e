//! Changing the funnel: adding, moving and removing stages on a file with history, the
//! rules refusing what would break it, the log, and the kept figures staying right.

use crate::common;

use leadboard::domain::{StageKind, Team};
use leadboard::io::gather;
use leadboard::store::{NewStage, Store};
use leadboard::ui::effects::{self, Effect};
use leadboard::ui::snapshot::render_text;

fn demo_stage(key: &str) -> NewStage {
    NewStage {
        key: key.into(),
        name: "Demo booked".into(),
        owner: Team::Sales,
        kind: StageKind::Open,
        stale_after_days: Some(10),
        definition: "A demo is on the calendar".into(),
    }
}

fn keys(store: &Store) -> Vec<String> {
    store.stages().unwrap().into_iter().map(|s| s.key).collect()
}

#[test]
fn an_added_stage_is_a_column_a_funnel_step_and_a_logged_change() {
    let (_dir, _path, mut store) = common::demo_store(300);
    let now = common::now();
    store
        .add_stage(&demo_stage("demo"), Some("sql"), false, "ana", now)
        .unwrap();
    assert_eq!(
        keys(&store)[..6],
        ["new", "engaged", "mql", "sql", "demo", "opportunity"]
    );
    let log = store.agreement_log(1).unwrap();
    assert_eq!(log[0].by, "ana");
    assert_eq!(log[0].what, "stage demo: added");
    assert!(log[0].new.contains("after sql"), "{:?}", log[0]);

    // A lead moved into it shows in its column, and the funnel has a step through it.
    let lead = store
        .column_window("sql", &Default::default(), 0, 1, 1)
        .unwrap()[0]
        .clone();
    store
        .move_lead(lead.id, "demo", "", "ana", lead.version, now)
        .unwrap();
    let mut state = common::ui_state(&store, 200, 30);
    effects::run(&mut store, &mut state, vec![Effect::ReloadBoard]);
    let screen = render_text(&state, 200, 30);
    assert!(screen.contains("Demo booked · sales"), "{screen}");
    assert!(screen.contains(&lead.name), "{screen}");
    let funnel = gather::funnel(&store, None, now).unwrap();
    assert!(
        funnel
            .steps
            .iter()
            .any(|s| s.from == "SQL" && s.to == "Demo booked"),
        "{:?}",
        funnel.steps
    );
    assert!(store.check().unwrap().is_ok());
}

#[test]
fn moves_keep_every_kept_figure_right_even_when_positions_run_out() {
    let (_dir, _path, mut store) = common::demo_store(300);
    let now = common::now();
    // Squeezing five stages into the gap after SQL runs out of room and renumbers.
    for k in ["a1", "a2", "a3", "a4", "a5"] {
        store
            .add_stage(&demo_stage(k), Some("sql"), false, "ana", now)
            .unwrap();
    }
    let stages = store.stages().unwrap();
    let positions: Vec<i64> = stages.iter().map(|s| s.position).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    assert_eq!(
        keys(&store)[3..9],
        ["sql", "a5", "a4", "a3", "a2", "a1"],
        "each lands right after sql"
    );
    // Moving SQL before MQL changes which stage is the furthest of many leads.
    store
        .move_stage("sql", Some("engaged"), "ana", now)
        .unwrap();
    assert_eq!(keys(&store)[..4], ["new", "engaged", "sql", "mql"]);
    let report = store.check().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
    store.move_stage("sql", Some("mql"), "ana", now).unwrap();
    let log = store.agreement_log(1).unwrap();
    assert_eq!(log[0].what, "stage sql: moved");
    assert_eq!(
        (log[0].old.as_str(), log[0].new.as_str()),
        ("after engaged", "after mql")
    );
    // Three moves into the slot after New (15, 12, 11) leave no room, so moving SQL there
    // renumbers every stage, and SQL now comes before MQL for the leads' furthest stage.
    for k in ["a1", "a2", "a3"] {
        store.move_stage(k, Some("new"), "ana", now).unwrap();
    }
    store.move_stage("sql", Some("new"), "ana", now).unwrap();
    assert_eq!(keys(&store)[..4], ["new", "sql", "a3", "a2"]);
    let positions: Vec<i64> = store.stages().unwrap().iter().map(|s| s.position).collect();
    assert_eq!(positions[..3], [10, 20, 30], "renumbered");
    let report = store.check().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
    // The reorder trigger is back after the renumbering.
    assert!(
        report.problems.iter().all(|p| !p.contains("trigger")),
        "{:?}",
        report.problems
    );
}

#[test]
fn what_would_break_the_funnel_is_refused_and_nothing_changes() {
    let (_dir, _path, mut store) = common::demo_store(200);
    let now = common::now();
    let before = store.stages().unwrap();
    let err = |r: leadboard::store::Result<_>| r.unwrap_err().to_string();
    // An open stage after an exit.
    let e = err(store.move_stage("sql", Some("won"), "ana", now));
    assert!(e.contains("open stages come first"), "{e}");
    let e = err(store.add_stage(&demo_stage("late"), Some("lost"), false, "ana", now));
    assert!(e.contains("open stages come first"), "{e}");
    // A stage with history stays; so does the hand-off.
    let e = err(store.remove_stage("sql", "ana", now));
    assert!(e.contains("in the history"), "{e}");
    // Bad keys and names, duplicates, unknown neighbours.
    assert!(
        err(store.add_stage(&demo_stage("Demo"), None, false, "ana", now)).contains("lower-case")
    );
    assert!(err(store.add_stage(&demo_stage("sql"), None, false, "ana", now)).contains("already"));
    let e = err(store.add_stage(&demo_stage("demo"), Some("nope"), false, "ana", now));
    assert!(e.contains("no stage \"nope\""), "{e}");
    let mut unnamed = demo_stage("demo");
    unnamed.name = "  ".into();
    assert!(err(store.add_stage(&unnamed, None, false, "ana", now)).contains("name"));
    assert_eq!(store.stages().unwrap(), before, "nothing was changed");
    assert!(store.agreement_log(50).unwrap().is_empty());
}

#[test]
fn an_unused_stage_can_be_removed_and_the_removal_is_logged() {
    let (_dir, _path, mut store) = common::demo_store(100);
    let now = common::now();
    store
        .add_stage(&demo_stage("demo"), Some("sql"), false, "ana", now)
        .unwrap();
    store.remove_stage("demo", "ben", now).unwrap();
    assert!(!keys(&store).contains(&"demo".to_string()));
    let log = store.agreement_log(1).unwrap();
    assert_eq!(
        (log[0].by.as_str(), log[0].what.as_str()),
        ("ben", "stage demo: removed")
    );
    assert!(log[0].old.starts_with("Demo booked"), "{:?}", log[0]);
    assert!(store.check().unwrap().is_ok());
}

#[test]
fn the_cli_lists_changes_and_refuses_with_a_message() {
    let (_dir, path, _store) = common::demo_store(100);
    let run = |args: &[&str]| {
        common::bin()
            .arg("--db")
            .arg(&path)
            .args(["--as-of", common::AS_OF])
            .args(args)
            .assert()
    };
    let out = run(&[
        "stages",
        "add",
        "demo",
        "--name",
        "Demo booked",
        "--owner",
        "sales",
        "--after",
        "sql",
    ])
    .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        text.starts_with("added stage demo; the funnel is now:"),
        "{text}"
    );
    let sql = text.lines().position(|l| l.contains(" sql ")).unwrap();
    assert!(
        text.lines().nth(sql + 1).unwrap().contains("Demo booked"),
        "{text}"
    );

    let out = run(&["stages", "move", "demo", "--after", "won"]).failure();
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(err.contains("open stages come first"), "{err}");
    run(&["stages", "move", "demo"]).failure();
    run(&["stages", "add", "x", "--name", "X", "--owner", "finance"]).failure();

    let out = run(&["stages"]).success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        text.contains("demo") && text.contains("mql") && text.contains("hand-off"),
        "{text}"
    );
}

/// `K` / `J` in the settings view, through the real keymap: the stage moves in the file, the
/// selection follows it, and a move the rules refuse says why and changes nothing.
#[test]
fn settings_keys_move_the_selected_stage() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use leadboard::ui::update::update;
    use leadboard::ui::{Action, View};

    let (_dir, _path, mut store) = common::demo_store(100);
    let mut state = common::ui_state(&store, 120, 40);
    let press = |store: &mut Store, state: &mut leadboard::ui::State, a: Action| {
        let fx = update(state, a);
        effects::run(store, state, fx);
    };
    // Through the keymap the running app uses (defaults and the user's config merged).
    let keymap = state.keys.clone();
    let key = |c: char| {
        keymap
            .lookup(
                View::Settings,
                KeyEvent::new(KeyCode::Char(c), KeyModifiers::SHIFT),
            )
            .expect("bound in the settings")
    };
    press(&mut store, &mut state, Action::ShowView(View::Settings));
    // Rows: 4 SLA numbers, then the stages: new, engaged, mql, sql.
    for _ in 0..7 {
        press(&mut store, &mut state, Action::Down);
    }
    press(&mut store, &mut state, key('K'));
    // The funnel is everyone's: the move waits for a yes.
    assert_eq!(keys(&store)[..4], ["new", "engaged", "mql", "sql"]);
    press(&mut store, &mut state, Action::Type('y'));
    assert_eq!(keys(&store)[..4], ["new", "engaged", "sql", "mql"]);
    let status = state
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(
        status.contains("moved stage SQL after Engaged"),
        "stages by name: {status}"
    );
    // The selection stayed on SQL, so J puts it back.
    press(&mut store, &mut state, key('J'));
    press(&mut store, &mut state, Action::Type('y'));
    assert_eq!(keys(&store)[..4], ["new", "engaged", "mql", "sql"]);
    // Opportunity is the last open stage: one place later would be after Won.
    press(&mut store, &mut state, Action::Down);
    press(&mut store, &mut state, key('J'));
    press(&mut store, &mut state, Action::Type('y'));
    let status = state
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(status.contains("open stages come first"), "{status}");
    assert_eq!(keys(&store)[4], "opportunity");
    let screen = render_text(&state, 120, 40);
    assert!(screen.contains("stage sql: moved"), "{screen}");
}
