//! Snapshots of every agenda section of meeting mode at projector sizes, on the demo data.

use crate::common;

use leadboard::meeting::agenda::Section;
use leadboard::ui::effects::{self, Effect};
use leadboard::ui::snapshot::render_text;
use leadboard::ui::update::update;
use leadboard::ui::{Action, View};

fn meeting(section: Section, cols: u16, rows: u16) -> String {
    let (_dir, _path, mut store) = common::demo_store(400);
    let mut state = common::ui_state(&store, cols, rows);
    state.view = View::Meeting;
    state.meeting.agenda.go_to(section);
    effects::run(
        &mut store,
        &mut state,
        vec![Effect::OpenMeeting { record: false }],
    );
    assert!(state.status.is_none(), "{:?}", state.status);
    render_text(&state, cols, rows)
}

/// Every section at every projector size: the agenda shows all six sections, nothing is
/// wider than the screen, and the snapshot is reviewed.
macro_rules! sizes {
    ($($name:ident: $section:expr, $cols:expr, $rows:expr;)*) => {$(
        #[test]
        fn $name() {
            let out = meeting($section, $cols, $rows);
            let agenda = out.lines().nth(1).unwrap_or_default();
            for n in 1..=6 {
                assert!(agenda.contains(&format!("{n} ")), "section {n} on the agenda: {agenda}");
            }
            assert!(agenda.contains("◀"), "the current section is marked whole: {agenda}");
            assert_eq!(out.lines().count(), $rows);
            assert!(out.lines().all(|l| l.chars().count() <= $cols));
            insta::assert_snapshot!(out);
        }
    )*};
}

sizes! {
    scoreboard_80x24: Section::Scoreboard, 80, 24;
    since_last_80x24: Section::SinceLast, 80, 24;
    red_flags_80x24: Section::RedFlags, 80, 24;
    board_80x24: Section::Board, 80, 24;
    wins_80x24: Section::Wins, 80, 24;
    next_steps_80x24: Section::NextSteps, 80, 24;
    scoreboard_160x48: Section::Scoreboard, 160, 48;
    since_last_160x48: Section::SinceLast, 160, 48;
    red_flags_160x48: Section::RedFlags, 160, 48;
    board_160x48: Section::Board, 160, 48;
    wins_160x48: Section::Wins, 160, 48;
    next_steps_160x48: Section::NextSteps, 160, 48;
    scoreboard_100x30: Section::Scoreboard, 100, 30;
    scoreboard_200x60: Section::Scoreboard, 200, 60;
    since_last_100x30: Section::SinceLast, 100, 30;
    since_last_200x60: Section::SinceLast, 200, 60;
    red_flags_100x30: Section::RedFlags, 100, 30;
    red_flags_200x60: Section::RedFlags, 200, 60;
    board_100x30: Section::Board, 100, 30;
    board_200x60: Section::Board, 200, 60;
    wins_100x30: Section::Wins, 100, 30;
    wins_200x60: Section::Wins, 200, 60;
    next_steps_100x30: Section::NextSteps, 100, 30;
    next_steps_200x60: Section::NextSteps, 200, 60;
}

#[test]
fn scoreboard_says_behind_in_words_and_shows_the_agenda() {
    let out = meeting(Section::Scoreboard, 100, 30);
    // Colour is never the only signal.
    // Leads delivered (131 of 300, pace 244) are behind; contacts (108 of 100) are not.
    let behind = out
        .find("BEHIND PACE")
        .expect("leads delivered says BEHIND PACE");
    let on = out.find("ON PACE").expect("contacts say ON PACE");
    assert!(behind < on, "the delivery gauge comes first:\n{out}");
    assert!(out.contains("▶1 Scoreboard◀"), "{out}");
    assert!(out.contains("time box 5:00 left"), "{out}");
}

#[test]
fn decision_form_over_a_flag() {
    let (_dir, _path, mut store) = common::demo_store(400);
    let mut state = common::ui_state(&store, 100, 30);
    for a in [Action::OpenMeeting, Action::StartMeeting] {
        let fx = update(&mut state, a);
        effects::run(&mut store, &mut state, fx);
    }
    update(&mut state, Action::MeetingNext);
    update(&mut state, Action::MeetingNext);
    update(
        &mut state,
        Action::Decide(leadboard::meeting::decision::DecisionKind::NextStep),
    );
    for c in "Call their CFO".chars() {
        update(&mut state, Action::FormChar(c));
    }
    let out = render_text(&state, 100, 30);
    assert!(out.contains("Decision: Next step"), "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn too_small_for_the_projector_says_so() {
    let out = meeting(Section::Scoreboard, 70, 20);
    assert!(out.contains("needs at least 80x24"), "{out}");
}

#[test]
fn f5_opens_the_meeting_from_the_board_and_esc_returns() {
    let (_dir, _path, mut store) = common::demo_store(60);
    let mut state = common::ui_state(&store, 100, 30);
    effects::run(&mut store, &mut state, vec![Effect::ReloadBoard]);
    let key = crossterm::event::KeyEvent::from(crossterm::event::KeyCode::F(5));
    let action = state.keys.lookup(View::Board, key).expect("F5 is bound");
    assert_eq!(action, Action::OpenMeeting);
    let fx = update(&mut state, action.clone());
    effects::run(&mut store, &mut state, fx);
    assert_eq!(state.view, View::Meeting);
    // A look at the agenda records nothing: leaving writes no meeting and no minutes.
    assert!(
        state.meeting.record.is_none(),
        "opening alone records nothing"
    );
    let fx = update(&mut state, Action::LeaveMeeting);
    assert!(!fx.iter().any(|e| matches!(e, Effect::WriteMinutes(_))));
    effects::run(&mut store, &mut state, fx);
    assert_eq!(state.view, View::Board);
    assert!(
        store.latest_meeting(common::now()).unwrap().is_none(),
        "no meeting recorded"
    );
    // Opened again and started with Enter, it is recorded.
    let fx = update(&mut state, action.clone());
    effects::run(&mut store, &mut state, fx);
    let enter = crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Enter);
    let start = leadboard::ui::input::key(&state, enter).expect("Enter starts it");
    let fx = update(&mut state, start.clone());
    effects::run(&mut store, &mut state, fx);
    assert!(state.meeting.record.is_some(), "Enter records the meeting");
    let fx = update(&mut state, Action::LeaveMeeting);
    assert!(fx.iter().any(|e| matches!(e, Effect::WriteMinutes(None))));
    effects::run(&mut store, &mut state, fx);
    assert_eq!(state.view, View::Board);
    // No --minutes and no minutes_dir: nothing is written next to the shared file, and the
    // status says how to get them.
    assert_eq!(state.meeting.minutes_written, None);
    let files: Vec<_> = std::fs::read_dir(_dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("minutes"))
        .collect();
    assert!(files.is_empty(), "{files:?}");
    let said = state
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(said.contains("minutes not written"), "{said}");

    // With [meeting] minutes_dir, the next meeting's minutes go there.
    let minutes = tempfile::tempdir().unwrap();
    state.meeting.options.minutes_dir = Some(minutes.path().to_path_buf());
    state.meeting.ended = false;
    for a in [action, start] {
        let fx = update(&mut state, a);
        effects::run(&mut store, &mut state, fx);
    }
    let fx = update(&mut state, Action::LeaveMeeting);
    effects::run(&mut store, &mut state, fx);
    let written = state
        .meeting
        .minutes_written
        .clone()
        .expect("minutes written");
    assert!(written.starts_with(minutes.path()), "{written:?}");
    assert!(
        std::fs::read_to_string(written)
            .unwrap()
            .contains("## Scoreboard")
    );
}
