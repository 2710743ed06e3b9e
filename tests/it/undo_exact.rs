//! Undo is an exact inverse: after any change and its undo, every figure of the report
//! (stages, SLA, first contact, flags, funnel, campaigns) is what it was before, and so are
//! the lead's stage, time in stage and delivery.

use crate::common;

use leadboard::domain::{ActivityKind, LeadEdit, LeadFilter, Money, NewLead};
use leadboard::io::{gather, report};
use leadboard::store::Store;

fn figures(store: &Store) -> String {
    report::json(&gather::report(store, common::now()).unwrap())
}

fn lead_state(store: &Store, id: i64) -> (String, String, Option<String>, i64) {
    let l = store.lead(id).unwrap();
    (
        l.stage,
        l.stage_entered_at.to_rfc3339(),
        l.delivered_at.map(|d| d.to_rfc3339()),
        l.value.cents(),
    )
}

/// A lead in Engaged: moves from there cross the hand-off (a delivery) and the exits.
fn engaged(store: &Store) -> i64 {
    let mut found = None;
    store
        .for_each_lead(&LeadFilter::default(), None, |l| {
            if found.is_none() && l.stage == "engaged" {
                found = Some(l.id);
            }
            Ok(())
        })
        .unwrap();
    found.expect("the demo has engaged leads")
}

#[test]
fn every_figure_is_back_after_a_move_and_its_undo() {
    let (_dir, _path, mut store) = common::demo_store(200);
    let id = engaged(&store);
    let before = figures(&store);
    let lead_before = lead_state(&store, id);
    let now = common::now();
    // Engaged → MQL (a delivery), undone; then MQL → SQL the same way.
    let v = store.lead(id).unwrap().version;
    let v = store.move_lead(id, "mql", "", "ana", v, now).unwrap();
    assert_ne!(figures(&store), before, "the move changed the figures");
    let v = store
        .undo_move(id, "engaged", "mql", v, "ana", now)
        .unwrap();
    assert_eq!(figures(&store), before);
    assert_eq!(
        lead_state(&store, id),
        lead_before,
        "stage, time in stage, delivery"
    );
    let v = store
        .move_lead(id, "lost", "No budget", "ana", v, now)
        .unwrap();
    store
        .undo_move(id, "engaged", "lost", v, "ana", now)
        .unwrap();
    assert_eq!(figures(&store), before, "an exit and its undo");
    assert!(
        store.check().unwrap().is_ok(),
        "kept figures agree with the history"
    );
}

#[test]
fn every_figure_is_back_after_an_add_and_its_undo() {
    let (_dir, _path, mut store) = common::demo_store(200);
    // Shares the e-mail of a real lead: undoing the add must not flag that one.
    let email = store.lead(engaged(&store)).unwrap().email;
    let before = figures(&store);
    let id = store
        .create_lead(
            &NewLead {
                name: "Typo Lead".into(),
                email,
                stage: Some("mql".into()),
                value: Money(500_000),
                ..Default::default()
            },
            "ana",
            common::now(),
        )
        .unwrap();
    assert_ne!(figures(&store), before);
    store.undo_create(id, 1).unwrap();
    assert_eq!(figures(&store), before);
    assert!(store.lead(id).is_err(), "the lead is gone");
    assert!(store.check().unwrap().is_ok());
}

#[test]
fn every_figure_is_back_after_a_contact_or_an_edit_and_its_undo() {
    let (_dir, _path, mut store) = common::demo_store(200);
    let id = engaged(&store);
    let before = figures(&store);
    let lead = store.lead(id).unwrap();
    let act = store
        .log_activity(id, ActivityKind::Call, "called", "ana", common::now())
        .unwrap();
    assert_ne!(figures(&store), before);
    store
        .retract_activity(id, act, lead.first_contact_at, "ana", common::now())
        .unwrap();
    assert_eq!(figures(&store), before, "a contact and its retraction");
    assert_eq!(
        store.lead(id).unwrap().last_activity_at,
        lead.last_activity_at,
        "the retraction is no activity either"
    );
    let edit = LeadEdit {
        value: Some(Money(9_900_000)),
        priority: Some(!lead.priority),
        ..Default::default()
    };
    let v = store
        .update_lead(id, &edit, "ana", lead.version, common::now())
        .unwrap();
    let back = LeadEdit {
        value: Some(lead.value),
        priority: Some(lead.priority),
        ..Default::default()
    };
    store
        .update_lead(id, &back, "ana", v, common::now())
        .unwrap();
    assert_eq!(figures(&store), before, "an edit and its undo");
}
