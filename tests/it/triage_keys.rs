//! Triage driven through the UI as a person would: key events in, then the state and the
//! file (reopened with a separate connection) checked.

use crate::common;
use crate::ui_driver;

use crossterm::event::{Event, KeyModifiers};
use leadboard::domain::StageKind;
use leadboard::ui::View;
use leadboard::ui::effects;
use leadboard::ui::modal::{Modal, Purpose};
use leadboard::ui::update::update;
use ui_driver::{reopen, ui};

#[test]
fn a_lead_moved_with_the_keys_is_in_the_file_with_its_stage_event() {
    let mut u = ui(200);
    let (id, _) = u.selected();
    let before = u.store.lead(id).unwrap();
    assert_eq!(before.stage, "new");
    u.keys(&[">"]);
    let said = u
        .state
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(
        said.contains("to Engaged"),
        "stages are named by name: {said}"
    );
    let other = reopen(&u.path);
    let lead = other.lead(id).unwrap();
    assert_eq!(lead.stage, "engaged");
    assert_eq!(lead.version, before.version + 1);
    let ev = &other.stage_events(id).unwrap()[0];
    assert_eq!(
        (ev.from.as_deref(), ev.to.as_str(), ev.by.as_str()),
        (Some("new"), "engaged", "ana")
    );
    assert_eq!(ev.at, common::now());
    // The board reloaded: the lead left the New column.
    assert_ne!(u.state.selected_card().map(|c| c.id), Some(id));
    // `<` from the first stage is refused with a reason, nothing written.
    let (first, _) = u.selected();
    let was = reopen(&u.path).lead(first).unwrap();
    let events = reopen(&u.path).stage_events(first).unwrap().len();
    u.keys(&["<"]);
    let now = reopen(&u.path).lead(first).unwrap();
    assert_eq!(
        (now.version, now.stage.as_str()),
        (was.version, was.stage.as_str())
    );
    assert_eq!(reopen(&u.path).stage_events(first).unwrap().len(), events);
    let status = u
        .state
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(status.contains("first stage"), "{status}");
}

#[test]
fn moving_to_the_handoff_stage_sets_the_delivered_time() {
    let mut u = ui(200);
    u.keys(&["l"]); // Engaged
    let (id, _) = u.selected();
    assert_eq!(u.store.lead(id).unwrap().delivered_at, None);
    u.keys(&[">"]);
    let lead = reopen(&u.path).lead(id).unwrap();
    assert_eq!(lead.stage, "mql");
    assert_eq!(lead.delivered_at, Some(common::now()));
}

#[test]
fn an_exit_needs_a_reason_from_the_team_list_or_typed() {
    let mut u = ui(200);
    let (id, _) = u.selected();
    u.keys(&["m"]);
    // The picker starts on the next stage; `l` jumps to lost.
    assert_eq!(u.field("to stage"), "engaged — Engaged (open)");
    u.typ("l");
    u.keys(&["Enter"]);
    let Some(Modal::Form(f)) = &u.state.modal else {
        panic!("reason form expected")
    };
    assert!(matches!(f.purpose, Purpose::Reason { .. }));
    let team = reopen(&u.path).exit_reasons(StageKind::Lost).unwrap();
    // Nothing is preselected: Enter at once is refused and names what is missing.
    assert_eq!(f.fields[0].choices[0], "— pick a reason —");
    assert_eq!(f.fields[0].choices[1..=team.len()], team[..]);
    u.keys(&["Enter"]);
    assert!(u.form_error().unwrap().contains("pick a reason"));
    assert_eq!(reopen(&u.path).lead(id).unwrap().stage, "new");
    // "other" without details is refused; the form stays.
    u.keys(&["Up"]); // wraps to "other (say below)"
    assert_eq!(u.field("reason"), "other (say below)");
    u.keys(&["Enter"]);
    assert!(u.form_error().unwrap().contains("say why"));
    assert_eq!(reopen(&u.path).lead(id).unwrap().stage, "new");
    u.keys(&["Tab"]);
    u.typ("bought in-house");
    u.keys(&["Enter"]);
    assert!(u.state.modal.is_none(), "saved and closed");
    let other = reopen(&u.path);
    assert_eq!(other.lead(id).unwrap().stage, "lost");
    assert_eq!(other.stage_events(id).unwrap()[0].reason, "bought in-house");
}

#[test]
fn a_team_reason_with_details_is_recorded_together() {
    let mut u = ui(200);
    let (id, _) = u.selected();
    u.keys(&["m"]);
    u.typ("d"); // disqualified
    u.keys(&["Enter", "Down", "Down", "Tab"]);
    u.typ("CFO said so");
    u.keys(&["Enter"]);
    let ev = &reopen(&u.path).stage_events(id).unwrap()[0];
    assert_eq!(ev.to, "disqualified");
    assert_eq!(ev.reason, "Not a decision maker: CFO said so");
}

#[test]
fn logging_a_contact_sets_first_contact_and_last_activity() {
    let mut u = ui(200);
    let (id, _) = u.selected();
    assert_eq!(u.store.lead(id).unwrap().first_contact_at, None);
    u.keys(&["c"]);
    u.keys(&["Enter"]);
    assert!(u.form_error().unwrap().contains("short text"));
    // Typing goes to "what" at once; the kind is the next field.
    u.typ("sent the deck");
    u.keys(&["Tab", "Down"]); // call → email
    u.keys(&["Enter"]);
    let other = reopen(&u.path);
    let acts = other.activities(id).unwrap();
    assert_eq!(acts[0].kind.as_str(), "email");
    assert_eq!(acts[0].body, "sent the deck");
    assert_eq!(acts[0].by, "ana");
    let lead = other.lead(id).unwrap();
    assert_eq!(lead.first_contact_at, Some(common::now()));
    assert_eq!(lead.last_activity_at, Some(common::now()));
}

#[test]
fn next_step_refuses_a_bad_date_and_keeps_the_typing() {
    let mut u = ui(200);
    let (id, _) = u.selected();
    u.keys(&["n", "Ctrl-u"]);
    u.typ("send pricing");
    u.keys(&["Tab", "Ctrl-u"]);
    u.typ("next tuesday");
    u.keys(&["Enter"]);
    assert!(
        u.form_error().unwrap().contains("not a date"),
        "{:?}",
        u.form_error()
    );
    assert_eq!(u.field("next step"), "send pricing");
    assert_eq!(u.field("due"), "next tuesday");
    u.keys(&["Ctrl-u"]);
    u.typ("+3d");
    u.keys(&["Enter"]);
    let lead = reopen(&u.path).lead(id).unwrap();
    assert_eq!(lead.next_step, "send pricing");
    assert_eq!(
        lead.next_step_due,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 28)
    );
}

#[test]
fn owner_must_be_a_rep() {
    let mut u = ui(200);
    let (id, _) = u.selected();
    u.keys(&["o", "Ctrl-u"]);
    u.typ("nobody");
    u.keys(&["Enter"]);
    assert!(u.form_error().unwrap().contains("unknown owner"));
    assert_eq!(u.field("owner"), "nobody");
    u.keys(&["Ctrl-u"]);
    u.typ("ben");
    u.keys(&["Enter"]);
    assert_eq!(
        reopen(&u.path).lead(id).unwrap().owner.as_deref(),
        Some("ben")
    );
}

#[test]
fn edit_refuses_empty_name_and_negative_value_then_saves() {
    let mut u = ui(200);
    let (id, _) = u.selected();
    u.keys(&["e", "Ctrl-u", "Enter"]);
    assert_eq!(u.form_error().as_deref(), Some("a lead needs a name"));
    u.typ("Pavel Costa-Ruiz");
    u.keys(&["Tab", "Tab", "Ctrl-u"]);
    u.typ("not-an-email");
    u.keys(&["Enter"]);
    assert!(u.form_error().unwrap().contains("not an e-mail"));
    u.keys(&["Ctrl-u"]);
    u.typ("pavel@bluefin.io");
    // phone, source, campaign, then score
    u.keys(&["Tab", "Tab", "Tab", "Tab", "Ctrl-u"]);
    u.typ("101");
    u.keys(&["Enter"]);
    assert!(u.form_error().unwrap().contains("outside 0..100"));
    u.keys(&["Ctrl-u"]);
    u.typ("90");
    u.keys(&["Tab", "Ctrl-u"]);
    u.typ("-5");
    u.keys(&["Enter"]);
    assert!(u.form_error().unwrap().contains("negative"));
    assert_eq!(u.field("name"), "Pavel Costa-Ruiz");
    u.keys(&["Ctrl-u"]);
    u.typ("12,400.50");
    u.keys(&["Enter"]);
    let lead = reopen(&u.path).lead(id).unwrap();
    assert_eq!(lead.name, "Pavel Costa-Ruiz");
    assert_eq!(lead.email, "pavel@bluefin.io");
    assert_eq!(lead.score, 90);
    assert_eq!(lead.value.cents(), 1_240_050);
}

#[test]
fn priority_toggles_in_the_file() {
    let mut u = ui(200);
    let (id, _) = u.selected();
    let was = u.store.lead(id).unwrap().priority;
    u.keys(&["p"]);
    assert_eq!(reopen(&u.path).lead(id).unwrap().priority, !was);
    u.keys(&["p"]);
    assert_eq!(reopen(&u.path).lead(id).unwrap().priority, was);
}

#[test]
fn adding_a_lead_puts_it_in_the_first_stage() {
    let mut u = ui(200);
    let before = u.store.lead_count().unwrap();
    u.keys(&["a"]);
    assert_eq!(
        u.field("owner"),
        "ana",
        "the user is a rep: owner by default"
    );
    u.typ("Zed Example");
    u.keys(&["Tab"]);
    u.typ("Zed Corp");
    u.keys(&["Tab"]);
    u.typ("zed@zed.example");
    u.keys(&["Enter"]);
    let other = reopen(&u.path);
    assert_eq!(other.lead_count().unwrap(), before + 1);
    let created = u.state.undo.last().cloned();
    let Some(leadboard::ui::write::Undo::Created { id, .. }) = created else {
        panic!("undo entry for the add: {created:?}")
    };
    let lead = other.lead(id).unwrap();
    assert_eq!(
        (lead.name.as_str(), lead.stage.as_str()),
        ("Zed Example", "new")
    );
    assert_eq!(lead.owner.as_deref(), Some("ana"));
}

#[test]
fn undo_takes_back_each_change_and_the_change_log_records_it() {
    let mut u = ui(200);
    let (id, _) = u.selected();
    u.keys(&["Enter"]); // work from the detail
    assert_eq!(u.state.view, View::Detail);
    u.keys(&[">", "p", "c"]);
    u.typ("called");
    u.keys(&["Enter"]);
    assert_eq!(u.state.undo.len(), 3);
    let other = reopen(&u.path);
    let events_before = other.stage_events(id).unwrap().len();
    let week = leadboard::domain::facts::Span {
        start: common::now() - chrono::Duration::days(1),
        end: common::now() + chrono::Duration::days(1),
    };
    let contacts = |s: &leadboard::store::Store| -> i64 {
        s.contact_counts(&[week])
            .unwrap()
            .iter()
            .filter(|c| c.rep.as_deref() == Some("ana"))
            .map(|c| c.count)
            .sum()
    };
    let with_call = contacts(&other);
    // Undo the contact: a note retracts it, and first contact goes back to none.
    u.keys(&["u"]);
    // The call stays in the history but no longer counts toward the SLA.
    assert_eq!(contacts(&other), with_call - 1);
    let acts = other.activities(id).unwrap();
    assert_eq!(acts.len(), 2, "the call stays, a note retracts it");
    assert!(acts[0].body.starts_with("undo: retracts the call"));
    assert_eq!(other.lead(id).unwrap().first_contact_at, None);
    // Undo the priority flag, then the move.
    let pri = other.lead(id).unwrap().priority;
    u.keys(&["u"]);
    assert_eq!(other.lead(id).unwrap().priority, !pri);
    u.keys(&["u"]);
    let lead = other.lead(id).unwrap();
    assert_eq!(lead.stage, "new");
    // The move's stage event is taken back (no figure counts it); the change log says who
    // undid what.
    let events = other.stage_events(id).unwrap();
    assert_eq!(events.len(), events_before - 1);
    assert!(events.iter().all(|e| e.to != "engaged"));
    let undone: i64 = rusqlite::Connection::open(&u.path)
        .unwrap()
        .query_row(
            "SELECT COUNT(*) FROM lead_changes WHERE lead_id = ?1 AND field = 'stage (undo)' \
             AND old = 'engaged' AND new = 'new' AND by = 'ana'",
            [id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(undone, 1);
    u.keys(&["u"]);
    let status = u
        .state
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(status.starts_with("nothing to undo"), "{status}");
}

#[test]
fn enter_opens_the_detail_and_esc_comes_back() {
    let mut u = ui(200);
    let (id, _) = u.selected();
    u.keys(&["j", "k", "Enter"]);
    assert_eq!(u.state.view, View::Detail);
    let d = u.state.detail.as_ref().unwrap();
    assert_eq!(d.lead.id, id);
    assert_eq!(
        d.events.len(),
        reopen(&u.path).stage_events(id).unwrap().len()
    );
    u.keys(&["Esc"]);
    assert_eq!(u.state.view, View::Board);
    assert_eq!(u.selected().0, id);
    // Another view (the Flags list) opens a lead through the same action.
    let fx = update(&mut u.state, leadboard::ui::Action::OpenLead(id + 1));
    effects::run(&mut u.store, &mut u.state, fx);
    assert_eq!(u.state.detail.as_ref().map(|d| d.lead.id), Some(id + 1));
}

#[test]
fn exit_stages_are_their_own_lists() {
    let mut u = ui(400);
    u.keys(&["x"]);
    let keys: Vec<&str> = u
        .state
        .board
        .columns
        .iter()
        .map(|c| c.stage.key.as_str())
        .collect();
    assert_eq!(keys, ["won", "lost", "disqualified", "recycled"]);
    let lost = reopen(&u.path)
        .board_summary(&Default::default())
        .unwrap()
        .into_iter()
        .find(|s| s.stage == "lost")
        .map_or(0, |s| s.count);
    assert_eq!(u.state.board.columns[1].count, lost);
    u.keys(&["x"]);
    assert_eq!(u.state.board.columns[0].stage.key, "new");
}

#[test]
fn mouse_click_selects_and_wheel_scrolls() {
    use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    let mut u = ui(200);
    let m = |kind, column, row| {
        Event::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    // Second column (30 wide at 120 cols), second card (rows 4-7 hold the first).
    u.event(m(MouseEventKind::Down(MouseButton::Left), 35, 9));
    assert_eq!(u.state.board.col, 1);
    assert_eq!(u.state.board.columns[1].selected, 1);
    u.event(m(MouseEventKind::ScrollDown, 35, 9));
    assert_eq!(u.state.board.columns[1].selected, 2);
    // Clicking the selected card opens it.
    let id = u.selected().0;
    u.event(m(MouseEventKind::Down(MouseButton::Left), 35, 13));
    assert_eq!(u.state.view, View::Detail);
    assert_eq!(u.state.detail.as_ref().map(|d| d.lead.id), Some(id));
}

#[test]
fn palette_runs_actions_by_name() {
    let mut u = ui(200);
    u.keys(&[":"]);
    u.typ("exits");
    u.keys(&["Enter"]);
    assert!(u.state.board.exits);
    assert!(u.state.modal.is_none());
    let found = leadboard::ui::modal_update::suggestions("un");
    assert_eq!(
        found[0].0, "undo",
        "names that start with the input come first"
    );
    u.keys(&[":"]);
    u.typ("open 3");
    u.keys(&["Enter"]);
    assert_eq!(u.state.detail.as_ref().map(|d| d.lead.id), Some(3));
}

#[test]
fn a_read_only_file_refuses_changes_with_a_clear_message() {
    let mut u = ui(100);
    u.state.ctx.read_only = true;
    let (id, v) = u.selected();
    for k in [">", "c", "e", "a", "p"] {
        u.keys(&[k]);
        assert!(u.state.modal.is_none(), "{k} opened a form");
        let status = u
            .state
            .status
            .as_ref()
            .map(|s| s.text.clone())
            .unwrap_or_default();
        assert!(status.contains("read-only"), "{k}: {status}");
    }
    assert_eq!(reopen(&u.path).lead(id).unwrap().version, v);
}

#[test]
fn cancelling_a_form_saves_nothing() {
    let mut u = ui(100);
    let (id, v) = u.selected();
    u.keys(&["e", "Ctrl-u"]);
    u.typ("Someone Else");
    u.keys(&["Esc"]);
    assert!(u.state.modal.is_none());
    let lead = reopen(&u.path).lead(id).unwrap();
    assert_eq!(lead.version, v);
    assert_ne!(lead.name, "Someone Else");
}

#[test]
fn a_hand_back_to_marketing_asks_why_and_records_it() {
    let mut u = ui(200);
    // The first MQL card: MQL is sales' stage, Engaged before it is marketing's.
    u.keys(&["l", "l"]);
    let (id, _) = u.selected();
    assert_eq!(reopen(&u.path).lead(id).unwrap().stage, "mql");
    u.keys(&["<"]);
    let Some(Modal::Form(f)) = &u.state.modal else {
        panic!("a hand-back asks for the reason")
    };
    assert!(f.title.contains("go back to marketing"), "{}", f.title);
    assert_eq!(
        reopen(&u.path).lead(id).unwrap().stage,
        "mql",
        "nothing moved yet"
    );
    u.keys(&["Tab"]);
    u.typ("budget frozen until Q2");
    u.keys(&["Enter"]);
    assert!(u.state.modal.is_none(), "saved and closed");
    let other = reopen(&u.path);
    assert_eq!(other.lead(id).unwrap().stage, "engaged");
    let ev = other.stage_events(id).unwrap();
    assert_eq!(ev[0].reason, "budget frozen until Q2");
}
