//! A whole meeting driven through the update function, as the facilitator would run it:
//! the meeting recorded in the file, the decisions saved (version-checked), the minutes written.

use crate::common;

use leadboard::domain::LeadEdit;
use leadboard::meeting::agenda::{Section, TICKS_PER_SECOND};
use leadboard::meeting::decision::DecisionKind;
use leadboard::store::Store;
use leadboard::ui::effects;
use leadboard::ui::meeting_state::CELEBRATION_TICKS;
use leadboard::ui::snapshot::render_text;
use leadboard::ui::update::update;
use leadboard::ui::{Action, State};

fn act(store: &mut Store, state: &mut State, a: Action) {
    let fx = update(state, a);
    effects::run(store, state, fx);
}

fn type_text(store: &mut Store, state: &mut State, s: &str) {
    for c in s.chars() {
        act(store, state, Action::FormChar(c));
    }
}

#[test]
fn a_whole_meeting() {
    let (dir, _path, mut store) = common::demo_store(400);
    let mut s = common::ui_state(&store, 100, 30);
    let minutes_path = dir.path().join("minutes.md");
    s.meeting.options.minutes = Some(minutes_path.clone());

    // Starting (Enter) records the meeting with the flags open now.
    act(&mut store, &mut s, Action::OpenMeeting);
    act(&mut store, &mut s, Action::StartMeeting);
    let id = s.meeting.record.as_ref().expect("recorded").id;
    let recorded = store.latest_meeting(common::now()).unwrap().unwrap();
    assert_eq!(recorded.id, id);
    assert_eq!(recorded.started_by, "ana");
    assert_eq!(recorded.started_at, common::now());
    assert!(recorded.ended_at.is_none());
    // A meeting records the decided figures; how many were still pending is not kept.
    let mut shown = s.meeting.scoreboard;
    shown.first_contact.pending = 0;
    assert_eq!(recorded.scoreboard, shown);
    let keys: Vec<_> = s.meeting.flags.iter().map(|f| f.key()).collect();
    let stored: Vec<_> = recorded.flags.iter().map(|f| f.key()).collect();
    assert_eq!(stored, keys);
    assert!(keys.len() >= 4, "the demo has red flags to walk");

    // Scoreboard → since last meeting → red flags.
    assert_eq!(s.meeting.agenda.section(), Section::Scoreboard);
    act(&mut store, &mut s, Action::MeetingNext);
    act(&mut store, &mut s, Action::MeetingNext);
    assert_eq!(s.meeting.agenda.section(), Section::RedFlags);

    // Flag 1: a next step for its owner, due in a week.
    let first = s.meeting.current_flag().unwrap().clone();
    let lead1 = first.lead_id.unwrap();
    let v1 = store.lead(lead1).unwrap().version;
    act(&mut store, &mut s, Action::Decide(DecisionKind::NextStep));
    type_text(&mut store, &mut s, "Call the CFO");
    act(&mut store, &mut s, Action::FormSubmit);
    assert!(s.meeting.form.is_none(), "{:?}", s.meeting.form);
    let l1 = store.lead(lead1).unwrap();
    assert_eq!(l1.next_step, "Call the CFO");
    assert_eq!(l1.next_step_due.unwrap().to_string(), "2026-12-02");
    assert_eq!(l1.owner, first.owner);
    assert_eq!(l1.version, v1 + 1);
    assert_eq!(l1.updated_by, "ana");

    // Flag 2: disqualify; the reason is required before anything is saved.
    act(&mut store, &mut s, Action::NextFlag);
    let lead2 = s.meeting.current_flag().unwrap().lead_id.unwrap();
    act(&mut store, &mut s, Action::Decide(DecisionKind::Disqualify));
    act(&mut store, &mut s, Action::FormSubmit);
    let err = s.meeting.form.as_ref().and_then(|f| f.error.clone());
    assert!(err.is_some_and(|e| e.contains("needs a reason")));
    type_text(&mut store, &mut s, "No budget");
    act(&mut store, &mut s, Action::FormSubmit);
    assert_eq!(store.lead(lead2).unwrap().stage, "disqualified");

    // Flag 3: won, with the celebration that the ticks play out.
    act(&mut store, &mut s, Action::NextFlag);
    let lead3 = s.meeting.current_flag().unwrap().lead_id.unwrap();
    act(&mut store, &mut s, Action::Decide(DecisionKind::Won));
    if store.lead(lead3).unwrap().value.cents() == 0 {
        // A win worth $0 asks for the value first.
        act(&mut store, &mut s, Action::FormSubmit);
        let err = s.meeting.form.as_ref().and_then(|f| f.error.clone());
        assert!(
            err.is_some_and(|e| e.contains("value")),
            "{:?}",
            s.meeting.form
        );
        type_text(&mut store, &mut s, "18,000");
    }
    act(&mut store, &mut s, Action::FormSubmit);
    assert_eq!(store.lead(lead3).unwrap().stage, "won");
    assert!(
        store.lead(lead3).unwrap().value.cents() > 0,
        "a won deal has its value"
    );
    assert_eq!(s.meeting.celebrate, CELEBRATION_TICKS);
    assert!(render_text(&s, 100, 30).contains("A lead was won"));
    for _ in 0..CELEBRATION_TICKS {
        act(&mut store, &mut s, Action::Tick);
    }
    assert_eq!(s.meeting.celebrate, 0);
    assert!(!render_text(&s, 100, 30).contains("A lead was won"));

    // Flag 4: someone else edits the lead during the meeting; the decision is refused.
    act(&mut store, &mut s, Action::NextFlag);
    let lead4 = s.meeting.current_flag().unwrap().lead_id.unwrap();
    let v4 = store.lead(lead4).unwrap().version;
    let other = LeadEdit {
        score: Some(99),
        ..LeadEdit::default()
    };
    store
        .update_lead(lead4, &other, "ben", v4, common::now())
        .unwrap();
    act(&mut store, &mut s, Action::Decide(DecisionKind::Recycle));
    type_text(&mut store, &mut s, "Timing");
    act(&mut store, &mut s, Action::FormSubmit);
    let status = s.status.clone().expect("conflict reported");
    assert!(status.text.contains("changed by ben"), "{}", status.text);
    assert_ne!(store.lead(lead4).unwrap().stage, "recycled");
    assert_eq!(
        s.meeting.decisions.len(),
        3,
        "the refused decision is not recorded"
    );

    // The time box runs out while the room argues: the header says so in words.
    for _ in 0..(20 * 60 + 5) * TICKS_PER_SECOND {
        act(&mut store, &mut s, Action::Tick);
    }
    // 20:05 plus the 3 seconds of celebration ticks before it.
    let over = 5 + CELEBRATION_TICKS as u32 / TICKS_PER_SECOND;
    let screen = render_text(&s, 100, 30);
    assert!(
        screen.contains(&format!("TIME BOX 0:{over:02} OVER")),
        "{screen}"
    );
    assert_eq!(
        s.meeting.agenda.section(),
        Section::RedFlags,
        "no --auto: stays"
    );

    // Board → wins (the lead just won is among them) → next steps.
    act(&mut store, &mut s, Action::MeetingNext);
    act(&mut store, &mut s, Action::MeetingNext);
    assert_eq!(s.meeting.agenda.section(), Section::Wins);
    assert!(s.meeting.wins.iter().any(|w| w.lead_id == lead3));
    act(&mut store, &mut s, Action::MeetingNext);
    let screen = render_text(&s, 100, 30);
    assert!(
        screen.contains("Decisions taken in this meeting: 3"),
        "{screen}"
    );
    assert!(screen.contains("Call the CFO"), "{screen}");

    // Decisions are in the file, in order.
    let ds = store.decisions(id).unwrap();
    let kinds: Vec<_> = ds.iter().map(|d| (d.lead_id, d.kind)).collect();
    assert_eq!(
        kinds,
        vec![
            (lead1, DecisionKind::NextStep),
            (lead2, DecisionKind::Disqualify),
            (lead3, DecisionKind::Won)
        ]
    );
    assert_eq!(ds[1].text, "No budget");
    assert_eq!(ds[0].due.unwrap().to_string(), "2026-12-02");

    // Leaving ends the meeting and writes the minutes.
    act(&mut store, &mut s, Action::Quit);
    assert!(s.quit);
    let ended = store.meeting(id).unwrap();
    assert_eq!(ended.ended_at, Some(common::now()));
    let md = std::fs::read_to_string(&minutes_path).unwrap();
    let sb = &s.meeting.scoreboard;
    assert!(md.starts_with("# Weekly sync 2026-11-25\n"), "{md}");
    assert!(
        md.contains(&format!(
            "- Leads delivered this month: {} of {:.0} promised",
            sb.leads_delivered.actual, sb.leads_delivered.target
        )),
        "{md}"
    );
    assert!(md.contains("## Decisions (3)"), "{md}");
    let owner = first.owner.clone().unwrap_or_default();
    assert!(
        md.contains(&format!(
            "(lead {lead1}): next step: Call the CFO · owner @{owner} · due 2026-12-02"
        )),
        "{md}"
    );
    assert!(
        md.contains(&format!("(lead {lead2}): disqualified: No budget")),
        "{md}"
    );
    assert!(md.contains(&format!("(lead {lead3}): won")), "{md}");
    assert!(md.contains("## Wins"), "{md}");
    // Quitting twice does not write twice or fail.
    assert!(update(&mut s, Action::Quit).is_empty());
}

#[test]
fn minutes_without_a_terminal() {
    let (dir, path, mut store) = common::demo_store(80);
    let mut s = common::ui_state(&store, 100, 30);
    act(&mut store, &mut s, Action::OpenMeeting);
    act(&mut store, &mut s, Action::StartMeeting);
    drop(store);
    let out = dir.path().join("m.md");
    common::bin()
        .args(["--db", path.to_str().unwrap(), "--as-of", common::AS_OF])
        .args(["meeting", "--minutes", out.to_str().unwrap()])
        .assert()
        .success()
        .stdout(predicates::str::contains("minutes of meeting 1 written"));
    let md = std::fs::read_to_string(out).unwrap();
    assert!(
        md.contains("## Decisions (0)") && md.contains("No decisions were recorded."),
        "{md}"
    );

    // No meeting yet, no terminal, no --minutes: clear errors.
    let (_d2, empty, _s) = common::empty_store();
    common::bin()
        .args([
            "--db",
            empty.to_str().unwrap(),
            "meeting",
            "--minutes",
            "x.md",
        ])
        .assert()
        .failure()
        .stderr(predicates::str::contains("no meeting has been recorded"));
    common::bin()
        .args(["--db", empty.to_str().unwrap(), "meeting"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("needs a terminal"));
}

#[test]
fn snapshot_prints_a_section_without_recording_a_meeting() {
    let (_dir, path, store) = common::demo_store(120);
    drop(store);
    let db = path.to_str().unwrap();
    common::bin()
        .args([
            "--db",
            db,
            "--as-of",
            common::AS_OF,
            "snapshot",
            "--view",
            "meeting",
        ])
        .args(["--section", "since", "--size", "100x30"])
        .assert()
        .success()
        .stdout(predicates::str::contains("▶2 Since last meeting◀"))
        .stdout(predicates::str::contains("No earlier meeting recorded"));
    common::bin()
        .args([
            "--db",
            db,
            "snapshot",
            "--view",
            "meeting",
            "--section",
            "lunch",
        ])
        .assert()
        .failure()
        .stderr(predicates::str::contains("unknown section \"lunch\""));
    let store = Store::open(&path, leadboard::store::OpenMode::Existing).unwrap();
    assert_eq!(store.latest_meeting(common::now()).unwrap(), None);
}

#[test]
fn auto_steps_but_never_away_from_a_half_typed_decision() {
    let (_dir, _path, mut store) = common::demo_store(120);
    let mut s = common::ui_state(&store, 100, 30);
    act(&mut store, &mut s, Action::OpenMeeting);
    act(&mut store, &mut s, Action::StartMeeting);
    s.meeting.agenda.auto = Some(2);
    for _ in 0..2 * TICKS_PER_SECOND {
        act(&mut store, &mut s, Action::Tick);
    }
    assert_eq!(s.meeting.agenda.section(), Section::SinceLast);
    for _ in 0..2 * TICKS_PER_SECOND {
        act(&mut store, &mut s, Action::Tick);
    }
    assert_eq!(s.meeting.agenda.section(), Section::RedFlags);
    act(&mut store, &mut s, Action::Decide(DecisionKind::Recycle));
    assert!(s.meeting.form.is_some());
    for _ in 0..10 * TICKS_PER_SECOND {
        act(&mut store, &mut s, Action::Tick);
    }
    assert_eq!(
        s.meeting.agenda.section(),
        Section::RedFlags,
        "held while typing"
    );
    assert_eq!(
        s.meeting.agenda.elapsed_secs(),
        10,
        "but the time box still runs"
    );
    act(&mut store, &mut s, Action::FormCancel);
    act(&mut store, &mut s, Action::Tick);
    assert_eq!(s.meeting.agenda.section(), Section::Board);
    // Decisions are only taken on the red flags.
    act(&mut store, &mut s, Action::Decide(DecisionKind::Won));
    assert!(s.meeting.form.is_none());
    assert!(
        s.status
            .as_ref()
            .is_some_and(|m| m.text.contains("red flags"))
    );
}

#[test]
fn a_decision_that_cannot_be_recorded_changes_nothing() {
    let (_dir, path, mut store) = common::demo_store(400);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let lead_id: i64 = conn
        .query_row(
            "SELECT id FROM leads WHERE stage = 'sql' ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let events = |c: &rusqlite::Connection| -> i64 {
        c.query_row(
            "SELECT COUNT(*) FROM stage_events WHERE lead_id = ?1",
            [lead_id],
            |r| r.get(0),
        )
        .unwrap()
    };
    let before = store.lead(lead_id).unwrap();
    let events_before = events(&conn);
    // No such meeting: recording the decision fails, so the move must not happen either.
    for kind in [DecisionKind::Disqualify, DecisionKind::NextStep] {
        let d = leadboard::meeting::decision::NewDecision {
            meeting_id: 999_999,
            lead_id,
            expected_version: before.version,
            flag_kind: "stale".into(),
            kind,
            text: "No budget".into(),
            owner: before.owner.clone(),
            due: Some(common::now().date_naive()),
            value: None,
        };
        assert!(store.decide(&d, "ana", common::now()).is_err());
        let after = store.lead(lead_id).unwrap();
        assert_eq!(
            (
                after.stage.as_str(),
                after.version,
                after.next_step.as_str()
            ),
            (
                before.stage.as_str(),
                before.version,
                before.next_step.as_str()
            )
        );
        assert_eq!(events(&conn), events_before);
    }
}

#[test]
fn the_meeting_next_step_takes_relative_dates_and_ctrl_u() {
    let (_dir, _path, mut store) = common::demo_store(400);
    let mut s = common::ui_state(&store, 120, 40);
    for a in [
        Action::OpenMeeting,
        Action::StartMeeting,
        Action::MeetingNext,
        Action::MeetingNext,
    ] {
        act(&mut store, &mut s, a);
    }
    let lead = s.meeting.current_flag().unwrap().lead_id.unwrap();
    act(&mut store, &mut s, Action::Decide(DecisionKind::NextStep));
    type_text(&mut store, &mut s, "Send the deck");
    // Owner stays; the due date is cleared with Ctrl-u and typed as +3d.
    act(&mut store, &mut s, Action::FormNextField);
    act(&mut store, &mut s, Action::FormNextField);
    act(&mut store, &mut s, Action::ClearInput);
    assert_eq!(s.meeting.form.as_ref().unwrap().fields[2].value, "");
    type_text(&mut store, &mut s, "+3d");
    act(&mut store, &mut s, Action::FormSubmit);
    assert!(s.meeting.form.is_none(), "{:?}", s.meeting.form);
    let l = store.lead(lead).unwrap();
    assert_eq!(
        l.next_step_due.unwrap().to_string(),
        "2026-11-28",
        "three days after 2026-11-25"
    );
}
