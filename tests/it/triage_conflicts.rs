//! Two people on one file: edits that cross are shown and resolved, never silently lost;
//! moves and contact logs from both survive; a locked file keeps what was typed.

use crate::common;
use crate::ui_driver;

use leadboard::domain::{ActivityKind, LeadEdit, Money};
use leadboard::ui::modal::Modal;
use ui_driver::{reopen, ui};

#[test]
fn a_crossed_edit_shows_who_changed_what_and_reapplies_on_the_new_version() {
    let mut u = ui(200);
    let (id, v) = u.selected();
    u.keys(&["e", "Tab", "Ctrl-u"]);
    u.typ("Bluefin Labs GmbH");
    // Meanwhile Ben changes the score from his own connection.
    let mut ben = reopen(&u.path);
    let edit = LeadEdit {
        score: Some(12),
        ..LeadEdit::default()
    };
    ben.update_lead(id, &edit, "ben", v, common::now()).unwrap();
    u.keys(&["Enter"]);
    let Some(Modal::Conflict(c)) = &u.state.modal else {
        panic!("conflict expected, got {:?}", u.state.modal)
    };
    assert_eq!(c.info.changed_by, "ben");
    assert!(
        c.info.changes.iter().any(|l| l.contains("score")),
        "{:?}",
        c.info.changes
    );
    assert_eq!(
        c.form.as_ref().map(|f| f.field("company")),
        Some("Bluefin Labs GmbH")
    );
    let screen = leadboard::ui::snapshot::render_text(&u.state, 120, 40);
    assert!(screen.contains("ben changed this lead"), "{screen}");
    // Re-apply: ours lands on top of Ben's version, and his score stays (we did not touch it).
    u.keys(&["r"]);
    assert!(u.state.modal.is_none(), "{:?}", u.state.modal);
    let lead = reopen(&u.path).lead(id).unwrap();
    assert_eq!(lead.company, "Bluefin Labs GmbH");
    assert_eq!(lead.score, 12);
    assert_eq!(lead.version, v + 2);
}

#[test]
fn a_crossed_edit_can_go_back_to_the_form_or_be_dropped() {
    let mut u = ui(200);
    let (id, v) = u.selected();
    u.keys(&["n", "Ctrl-u"]);
    u.typ("book a demo");
    let mut ben = reopen(&u.path);
    let edit = LeadEdit {
        next_step: Some("ben's step".into()),
        ..LeadEdit::default()
    };
    ben.update_lead(id, &edit, "ben", v, common::now()).unwrap();
    u.keys(&["Enter", "e"]);
    // Back in the form, typing kept, aimed at Ben's version now.
    assert_eq!(u.field("next step"), "book a demo");
    assert!(u.form_error().unwrap().contains("ben"));
    u.keys(&["Esc"]);
    // Again, and this time drop ours.
    u.keys(&["n", "Ctrl-u"]);
    u.typ("mine");
    ben.update_lead(
        id,
        &LeadEdit {
            next_step: Some("ben again".into()),
            ..LeadEdit::default()
        },
        "ben",
        v + 1,
        common::now(),
    )
    .unwrap();
    u.keys(&["Enter", "d"]);
    assert!(u.state.modal.is_none());
    assert_eq!(reopen(&u.path).lead(id).unwrap().next_step, "ben again");
}

#[test]
fn moves_from_two_people_both_survive_in_the_history() {
    let mut u = ui(200);
    let (id, v) = u.selected();
    // Ana opens the move form; Ben moves the lead before she saves.
    u.keys(&["m"]);
    u.typ("m");
    assert_eq!(u.field("to stage"), "mql — MQL (open)");
    let mut ben = reopen(&u.path);
    ben.move_lead(id, "engaged", "", "ben", v, common::now())
        .unwrap();
    u.keys(&["Enter"]);
    let Some(Modal::Conflict(c)) = &u.state.modal else {
        panic!("conflict expected")
    };
    assert!(c.info.changes.iter().any(|l| l.contains("stage")));
    // Re-apply: her move goes on from where Ben put it.
    u.keys(&["r"]);
    assert!(u.state.modal.is_none(), "{:?}", u.state.modal);
    let events = reopen(&u.path).stage_events(id).unwrap();
    let moves: Vec<(&str, &str)> = events
        .iter()
        .map(|e| (e.by.as_str(), e.to.as_str()))
        .collect();
    assert_eq!(moves[..2], [("ana", "mql"), ("ben", "engaged")]);
}

#[test]
fn a_card_acted_on_after_someone_moved_it_is_a_conflict_not_a_surprise() {
    let mut u = ui(200);
    let (id, v) = u.selected();
    let mut ben = reopen(&u.path);
    ben.move_lead(id, "engaged", "", "ben", v, common::now())
        .unwrap();
    // The card on Ana's screen still says New; `>` must not silently move it on from Engaged.
    u.keys(&[">"]);
    let Some(Modal::Conflict(c)) = &u.state.modal else {
        panic!("conflict expected")
    };
    assert_eq!(c.info.changed_by, "ben");
    u.keys(&["d"]);
    assert_eq!(reopen(&u.path).lead(id).unwrap().stage, "engaged");
}

#[test]
fn contact_logs_never_conflict() {
    let mut u = ui(200);
    let (id, _) = u.selected();
    u.keys(&["c"]);
    u.typ("voicemail");
    let mut ben = reopen(&u.path);
    ben.log_activity(id, ActivityKind::Meeting, "coffee", "ben", common::now())
        .unwrap();
    ben.update_lead(
        id,
        &LeadEdit {
            value: Some(Money(500)),
            ..LeadEdit::default()
        },
        "ben",
        u.selected().1,
        common::now(),
    )
    .unwrap();
    u.keys(&["Enter"]);
    assert!(u.state.modal.is_none());
    let acts = reopen(&u.path).activities(id).unwrap();
    let who: Vec<&str> = acts.iter().map(|a| a.by.as_str()).collect();
    assert!(who.contains(&"ana") && who.contains(&"ben"), "{who:?}");
}

#[test]
fn a_locked_file_keeps_the_typing_and_a_retry_saves() {
    let mut u = ui(200);
    let (id, _) = u.selected();
    u.keys(&["o", "Ctrl-u"]);
    u.typ("ben");
    // Another process holds the write lock past the busy timeout.
    let blocker = rusqlite::Connection::open(&u.path).unwrap();
    blocker.execute_batch("BEGIN IMMEDIATE").unwrap();
    u.keys(&["Enter"]);
    let err = u.form_error().expect("form kept with the reason");
    assert!(err.contains("busy"), "{err}");
    assert_eq!(u.field("owner"), "ben");
    blocker.execute_batch("ROLLBACK").unwrap();
    u.keys(&["Enter"]);
    assert!(u.state.modal.is_none());
    assert_eq!(
        reopen(&u.path).lead(id).unwrap().owner.as_deref(),
        Some("ben")
    );
}
