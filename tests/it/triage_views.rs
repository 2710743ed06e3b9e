//! Snapshots of the triage screens at fixed sizes and a fixed "now".

use crate::common;
use crate::ui_driver;

use leadboard::domain::LeadEdit;
use leadboard::ui::snapshot::render_text;
use ui_driver::{reopen, ui};

#[test]
fn detail_120x40() {
    let mut u = ui(400);
    // A lead with history: moved, contacted, given a next step.
    let (id, _) = u.selected();
    u.keys(&["Enter", ">"]);
    u.keys(&["c"]);
    u.typ("intro call, wants pricing");
    u.keys(&["Enter", "n", "Ctrl-u"]);
    u.typ("send pricing");
    u.keys(&["Tab"]);
    u.typ("+2d");
    u.keys(&["Enter"]);
    assert_eq!(u.state.detail.as_ref().map(|d| d.lead.id), Some(id));
    insta::assert_snapshot!(render_text(&u.state, 120, 40));
}

#[test]
fn detail_80x24() {
    let mut u = ui(400);
    u.keys(&["Enter"]);
    insta::assert_snapshot!(render_text(&u.state, 80, 24));
}

#[test]
fn detail_too_small_says_so() {
    let mut u = ui(100);
    u.keys(&["Enter"]);
    let out = render_text(&u.state, 50, 10);
    assert!(out.contains("needs at least"), "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn edit_form_with_a_refusal_80x24() {
    let mut u = ui(400);
    u.keys(&[
        "e", "Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "Ctrl-u",
    ]);
    u.typ("-5");
    u.keys(&["Enter"]);
    insta::assert_snapshot!(render_text(&u.state, 80, 24));
}

#[test]
fn reason_picker_100x30() {
    let mut u = ui(400);
    u.keys(&["m"]);
    u.typ("d");
    u.keys(&["Enter"]);
    insta::assert_snapshot!(render_text(&u.state, 100, 30));
}

#[test]
fn add_form_120x40() {
    let mut u = ui(400);
    u.keys(&["a"]);
    u.typ("Ada Lovelace");
    insta::assert_snapshot!(render_text(&u.state, 120, 40));
}

#[test]
fn help_board_80x24() {
    let mut u = ui(100);
    u.keys(&["?"]);
    insta::assert_snapshot!(render_text(&u.state, 80, 24));
}

#[test]
fn help_detail_120x40() {
    let mut u = ui(100);
    u.keys(&["Enter", "?"]);
    insta::assert_snapshot!(render_text(&u.state, 120, 40));
}

#[test]
fn conflict_100x30() {
    let mut u = ui(400);
    let (id, v) = u.selected();
    u.keys(&["o", "Ctrl-u"]);
    u.typ("ben");
    let mut other = reopen(&u.path);
    let edit = LeadEdit {
        score: Some(12),
        next_step: Some("call Friday".into()),
        ..LeadEdit::default()
    };
    other
        .update_lead(id, &edit, "chen", v, common::now())
        .unwrap();
    u.keys(&["Enter"]);
    insta::assert_snapshot!(render_text(&u.state, 100, 30));
}

#[test]
fn palette_and_exit_stages_120x40() {
    let mut u = ui(400);
    u.keys(&["x", ":"]);
    u.typ("mo");
    insta::assert_snapshot!(render_text(&u.state, 120, 40));
}

#[test]
fn board_with_search_300x80() {
    let mut u = ui(400);
    u.state.size = (300, 80);
    u.keys(&["/"]);
    u.typ("acme");
    u.tick();
    insta::assert_snapshot!(render_text(&u.state, 300, 80));
}

#[test]
fn owner_form_with_a_long_refusal_80x24() {
    let mut u = ui(400);
    u.keys(&["o", "Ctrl-u"]);
    u.typ("nobody");
    u.keys(&["Enter"]);
    let screen = render_text(&u.state, 80, 24);
    assert!(
        screen.contains("Esc cancel"),
        "the key hint stays visible:\n{screen}"
    );
    insta::assert_snapshot!(screen);
}
