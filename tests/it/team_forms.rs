//! The TUI's forms for the team's daily work: a contact typed at once, logged for yesterday
//! with its outcome; a lead added to a campaign and a stage; a disqualified e-mail added
//! only by an explicit choice. Keys in, the file (reopened) checked.

use crate::common;
use crate::ui_driver::{reopen, ui};
use leadboard::domain::{NewLead, Outcome};
use leadboard::ui::modal::Modal;

#[test]
fn a_contact_form_takes_the_typing_and_logs_exactly_that() {
    let mut u = ui(200);
    let (id, _) = u.selected();
    u.keys(&["c"]);
    u.typ("called about pricing");
    u.keys(&["Enter"]);
    assert!(u.state.modal.is_none(), "saved: {:?}", u.form_error());
    let acts = reopen(&u.path).activities(id).unwrap();
    assert_eq!(
        (acts[0].kind.as_str(), acts[0].body.as_str()),
        ("call", "called about pricing")
    );
    assert_eq!((acts[0].at, acts[0].outcome), (common::now(), None));
}

#[test]
fn a_contact_logged_for_yesterday_with_its_outcome() {
    let mut u = ui(200);
    let (id, _) = u.selected();
    u.keys(&["c"]);
    u.typ("left a voicemail");
    u.keys(&["Tab", "Tab"]); // kind stays call; when (empty: now)
    u.typ("tomorrow");
    u.keys(&["Enter"]);
    assert!(
        u.form_error().unwrap().contains("when:"),
        "{:?}",
        u.form_error()
    );
    u.keys(&["Ctrl-u"]);
    u.typ("yesterday 15:00");
    u.keys(&["Tab"]);
    u.typ("l"); // outcome: left message
    assert_eq!(u.field("outcome"), "left message");
    u.keys(&["Enter"]);
    assert!(u.state.modal.is_none(), "saved: {:?}", u.form_error());
    let other = reopen(&u.path);
    let a = &other.activities(id).unwrap()[0];
    assert_eq!(
        a.at.format("%Y-%m-%d %H:%M").to_string(),
        "2026-11-24 15:00"
    );
    assert_eq!(a.outcome, Some(Outcome::LeftMessage));
    assert_eq!(other.lead(id).unwrap().first_contact_at, Some(a.at));
}

#[test]
fn add_form_puts_the_lead_in_a_campaign_and_a_stage() {
    let mut u = ui(200);
    let campaign = u.state.meta.campaigns[0].name.clone();
    u.keys(&["a"]);
    u.typ("Ada Lovelace");
    u.keys(&["Tab", "Tab", "Tab", "Tab", "Tab"]); // company, email, phone, source, campaign
    u.typ("No Such Campaign");
    u.keys(&["Enter"]);
    assert!(
        u.form_error().unwrap().contains("unknown campaign"),
        "{:?}",
        u.form_error()
    );
    u.keys(&["Ctrl-u"]);
    u.typ(&campaign);
    u.keys(&["Tab"]);
    u.typ("m"); // stage: mql
    assert!(u.field("stage").starts_with("mql"), "{}", u.field("stage"));
    u.keys(&["Enter"]);
    assert!(u.state.modal.is_none(), "saved: {:?}", u.form_error());
    let other = reopen(&u.path);
    let id = other.lead_count().unwrap();
    let l = other.lead(id).unwrap();
    assert_eq!(
        (l.name.as_str(), l.stage.as_str(), l.campaign.as_deref()),
        ("Ada Lovelace", "mql", Some(campaign.as_str()))
    );
}

#[test]
fn a_disqualified_email_is_added_only_by_an_explicit_choice() {
    let mut u = ui(200);
    let id = u
        .store
        .create_lead(
            &NewLead {
                name: "Old".into(),
                email: "old@x.example".into(),
                stage: Some("sql".into()),
                ..NewLead::default()
            },
            "ana",
            common::now(),
        )
        .unwrap();
    u.store
        .move_lead(id, "disqualified", "No budget", "ana", 1, common::now())
        .unwrap();
    let before = u.store.lead_count().unwrap();
    u.keys(&["a"]);
    u.typ("Old again");
    u.keys(&["Tab", "Tab"]);
    u.typ("OLD@x.example");
    u.keys(&["Enter"]);
    let err = u.form_error().unwrap();
    assert!(
        err.contains("disqualified on") && err.contains("by ana: No budget"),
        "{err}"
    );
    u.keys(&["Enter"]);
    assert!(
        matches!(u.state.modal, Some(Modal::Form(_))),
        "Enter again does not add it"
    );
    assert_eq!(reopen(&u.path).lead_count().unwrap(), before);
    u.keys(&["Down", "Enter"]); // "add it anyway"
    assert!(u.state.modal.is_none(), "added: {:?}", u.form_error());
    assert_eq!(reopen(&u.path).lead_count().unwrap(), before + 1);
}

/// Settings (5), the top row (g), then Down to `row`.
fn settings_row(u: &mut crate::ui_driver::Ui, row: usize) {
    u.keys(&["5", "g"]);
    for _ in 0..row {
        u.keys(&["Down"]);
    }
}

#[test]
fn settings_add_and_edit_a_rep_and_a_campaign() {
    let mut u = ui(50);
    u.keys(&["5"]);
    let s = &u.state.settings;
    let (base, reps) = (4 + s.stages.len(), s.reps.len());
    settings_row(&mut u, base + reps); // "+ add a rep"
    u.keys(&["Enter"]);
    u.typ("lee");
    u.keys(&["Tab"]);
    u.typ("Lee Park");
    u.keys(&["Tab", "Down", "Enter"]); // team: sales
    assert!(u.state.modal.is_none(), "saved: {:?}", u.form_error());
    let lee = reopen(&u.path)
        .reps()
        .unwrap()
        .into_iter()
        .find(|r| r.handle == "lee")
        .unwrap();
    assert_eq!(
        (lee.name.as_str(), lee.team.as_str()),
        ("Lee Park", "sales")
    );

    // Lee leaves: Enter on his row, the last field.
    let at = u
        .state
        .settings
        .reps
        .iter()
        .position(|r| r.handle == "lee")
        .unwrap();
    settings_row(&mut u, base + at);
    u.keys(&["Enter", "Tab", "Tab", "Tab"]);
    u.typ("2026-11-30");
    u.keys(&["Enter"]);
    assert!(u.state.modal.is_none(), "saved: {:?}", u.form_error());
    let lee = reopen(&u.path)
        .reps()
        .unwrap()
        .into_iter()
        .find(|r| r.handle == "lee")
        .unwrap();
    assert_eq!(
        lee.active_to.map(|d| d.to_string()).as_deref(),
        Some("2026-11-30")
    );

    let s = &u.state.settings;
    let add_campaign = base + s.reps.len() + 1 + s.campaigns.len();
    settings_row(&mut u, add_campaign);
    u.keys(&["Enter"]);
    u.typ("Search Ads EU");
    u.keys(&["Tab"]);
    u.typ("paid_search");
    u.keys(&["Tab"]);
    u.typ("-5");
    u.keys(&["Enter"]);
    assert!(
        u.form_error().unwrap().contains("cost:"),
        "{:?}",
        u.form_error()
    );
    u.keys(&["Ctrl-u"]);
    u.typ("4,500");
    u.keys(&["Enter"]);
    assert!(u.state.modal.is_none(), "saved: {:?}", u.form_error());
    let c = reopen(&u.path)
        .campaigns()
        .unwrap()
        .into_iter()
        .find(|c| c.name == "Search Ads EU")
        .unwrap();
    assert_eq!(c.cost.map(|m| m.cents()), Some(450_000));
}

#[test]
fn settings_add_and_remove_an_exit_reason() {
    let mut u = ui(50);
    u.keys(&["5", "G", "Enter"]); // "+ add a reason"
    u.typ("Wrong company size");
    u.keys(&["Enter"]);
    assert!(u.state.modal.is_none(), "saved: {:?}", u.form_error());
    let kind = leadboard::domain::StageKind::Disqualified;
    assert!(
        reopen(&u.path)
            .exit_reasons(kind)
            .unwrap()
            .contains(&"Wrong company size".to_string())
    );
    // The new reason is the last disqualified one; select it and remove it.
    let at = u
        .state
        .settings
        .reasons
        .iter()
        .position(|(_, r)| r == "Wrong company size")
        .unwrap();
    let s = &u.state.settings;
    let row = 4 + s.stages.len() + s.reps.len() + 1 + s.campaigns.len() + 1 + at;
    settings_row(&mut u, row);
    u.keys(&["d"]);
    assert!(
        reopen(&u.path)
            .exit_reasons(kind)
            .unwrap()
            .contains(&"Wrong company size".to_string()),
        "asks first"
    );
    u.keys(&["y"]);
    assert!(
        !reopen(&u.path)
            .exit_reasons(kind)
            .unwrap()
            .contains(&"Wrong company size".to_string())
    );
}
