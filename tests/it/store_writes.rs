//! Every store write, on temporary files: history, versions, refusals.

use crate::common;

use chrono::Duration;
use leadboard::domain::{ActivityKind, Agreement, LeadEdit, Money, NewLead, Rep, Team};
use leadboard::store::{OpenMode, Store, StoreError};

fn with_reps() -> (tempfile::TempDir, std::path::PathBuf, Store) {
    let (dir, path, mut store) = common::empty_store();
    for (h, team) in [("maya", Team::Marketing), ("ana", Team::Sales)] {
        store
            .add_rep(
                &Rep {
                    handle: h.into(),
                    name: h.to_uppercase(),
                    team,
                    active_from: common::now().date_naive() - Duration::days(30),
                    active_to: None,
                },
                "lead",
                chrono::DateTime::from_timestamp(1_767_225_600, 0).unwrap(),
            )
            .unwrap();
    }
    (dir, path, store)
}

fn new_lead(name: &str) -> NewLead {
    NewLead {
        name: name.into(),
        company: "Acme".into(),
        email: format!("{}@acme.test", name.to_lowercase().replace(' ', ".")),
        owner: Some("maya".into()),
        score: 40,
        value: Money::from_units(1200),
        ..Default::default()
    }
}

#[test]
fn create_lead_starts_in_first_open_stage_with_history() {
    let (_d, _p, mut store) = with_reps();
    let id = store
        .create_lead(&new_lead("Ada Byron"), "maya", common::now())
        .unwrap();
    let lead = store.lead(id).unwrap();
    assert_eq!(lead.stage, "new");
    assert_eq!(lead.version, 1);
    assert_eq!(lead.created_at, common::now());
    assert_eq!(lead.delivered_at, None);
    let events = store.stage_events(id).unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(
        (
            events[0].from.as_deref(),
            events[0].to.as_str(),
            events[0].by.as_str()
        ),
        (None, "new", "maya")
    );
}

#[test]
fn create_lead_refuses_bad_values() {
    let (_d, _p, mut store) = with_reps();
    let now = common::now();
    let mut l = new_lead("x");
    l.name = "   ".into();
    assert!(
        matches!(store.create_lead(&l, "maya", now), Err(StoreError::Invalid(m)) if m.contains("name"))
    );
    let mut l = new_lead("x");
    l.email = "not-an-email".into();
    assert!(
        matches!(store.create_lead(&l, "maya", now), Err(StoreError::Invalid(m)) if m.contains("e-mail"))
    );
    let mut l = new_lead("x");
    l.owner = Some("ghost".into());
    assert!(
        matches!(store.create_lead(&l, "maya", now), Err(StoreError::Invalid(m)) if m.contains("unknown owner"))
    );
    let mut l = new_lead("x");
    l.stage = Some("limbo".into());
    assert!(
        matches!(store.create_lead(&l, "maya", now), Err(StoreError::Invalid(m)) if m.contains("known: new"))
    );
    assert_eq!(store.lead_count().unwrap(), 0, "nothing half-written");
}

#[test]
fn move_to_handoff_sets_delivered_and_records_event_in_same_write() {
    let (_d, path, mut store) = with_reps();
    let t0 = common::now();
    let id = store.create_lead(&new_lead("Ada"), "maya", t0).unwrap();
    let t1 = t0 + Duration::hours(3);
    let v = store.move_lead(id, "mql", "", "maya", 1, t1).unwrap();
    assert_eq!(v, 2);
    // A second connection (another person's leadboard) sees both the lead and the event.
    let other = Store::open(&path, OpenMode::Existing).unwrap();
    let lead = other.lead(id).unwrap();
    assert_eq!(
        (
            lead.stage.as_str(),
            lead.delivered_at,
            lead.stage_entered_at
        ),
        ("mql", Some(t1), t1)
    );
    let ev = &other.stage_events(id).unwrap()[0];
    assert_eq!(
        (ev.from.as_deref(), ev.to.as_str(), ev.at),
        (Some("new"), "mql", t1)
    );
    // Leaving and re-entering the hand-off stage keeps the first delivery time. Going back
    // from sales' MQL to marketing's Engaged is a hand-back: it needs a reason.
    let refused = store.move_lead(id, "engaged", "", "ana", 2, t1 + Duration::hours(1));
    assert!(
        refused
            .unwrap_err()
            .to_string()
            .contains("needs a reason, so marketing knows why")
    );
    store
        .move_lead(
            id,
            "engaged",
            "Not ready yet",
            "ana",
            2,
            t1 + Duration::hours(1),
        )
        .unwrap();
    store
        .move_lead(id, "mql", "", "maya", 3, t1 + Duration::hours(2))
        .unwrap();
    assert_eq!(store.lead(id).unwrap().delivered_at, Some(t1));
}

#[test]
fn closing_the_loop_requires_a_reason() {
    let (_d, _p, mut store) = with_reps();
    let now = common::now();
    let id = store.create_lead(&new_lead("Ada"), "maya", now).unwrap();
    for stage in ["disqualified", "recycled", "lost"] {
        let err = store.move_lead(id, stage, "  ", "ana", 1, now).unwrap_err();
        assert!(err.to_string().contains("needs a reason"), "{stage}: {err}");
    }
    store
        .move_lead(id, "disqualified", "No budget", "ana", 1, now)
        .unwrap();
    let ev = &store.stage_events(id).unwrap()[0];
    assert_eq!(
        (ev.to.as_str(), ev.reason.as_str()),
        ("disqualified", "No budget")
    );
}

#[test]
fn a_stale_version_is_a_conflict_that_names_who_and_what() {
    let (_d, path, mut mine) = with_reps();
    let now = common::now();
    let id = mine.create_lead(&new_lead("Ada"), "maya", now).unwrap();
    let mut theirs = Store::open(&path, OpenMode::Existing).unwrap();
    theirs
        .update_lead(
            id,
            &LeadEdit {
                score: Some(90),
                ..Default::default()
            },
            "ana",
            1,
            now + Duration::minutes(1),
        )
        .unwrap();
    let err = mine
        .update_lead(
            id,
            &LeadEdit {
                company: Some("Acme Ltd".into()),
                ..Default::default()
            },
            "maya",
            1,
            now + Duration::minutes(2),
        )
        .unwrap_err();
    match err {
        StoreError::Conflict(info) => {
            assert_eq!((info.expected_version, info.current_version), (1, 2));
            assert_eq!(info.changed_by, "ana");
            assert_eq!(info.changes, vec!["ana: score \"40\" → \"90\"".to_string()]);
        }
        other => panic!("expected a conflict, got {other}"),
    }
    assert_eq!(
        mine.lead(id).unwrap().company,
        "Acme",
        "refused edit wrote nothing"
    );
    let err = mine
        .move_lead(id, "engaged", "", "maya", 1, now)
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)));
}

#[test]
fn contacts_set_first_contact_once_and_never_conflict() {
    let (_d, path, mut store) = with_reps();
    let t0 = common::now();
    let id = store.create_lead(&new_lead("Ada"), "maya", t0).unwrap();
    let mut other = Store::open(&path, OpenMode::Existing).unwrap();
    store
        .log_activity(
            id,
            ActivityKind::Note,
            "looked them up",
            "ana",
            t0 + Duration::hours(1),
        )
        .unwrap();
    assert_eq!(
        store.lead(id).unwrap().first_contact_at,
        None,
        "a note is not a contact"
    );
    store
        .log_activity(
            id,
            ActivityKind::Call,
            "intro",
            "ana",
            t0 + Duration::hours(5),
        )
        .unwrap();
    other
        .log_activity(
            id,
            ActivityKind::Email,
            "deck",
            "maya",
            t0 + Duration::hours(2),
        )
        .unwrap();
    let lead = store.lead(id).unwrap();
    assert_eq!(
        lead.first_contact_at,
        Some(t0 + Duration::hours(2)),
        "earliest contact wins"
    );
    assert_eq!(lead.last_activity_at, Some(t0 + Duration::hours(5)));
    assert_eq!(lead.version, 1, "logging does not bump the version");
    assert_eq!(store.activities(id).unwrap().len(), 3);
}

#[test]
fn edits_record_each_changed_field_and_skip_no_ops() {
    let (_d, _p, mut store) = with_reps();
    let now = common::now();
    let id = store.create_lead(&new_lead("Ada"), "maya", now).unwrap();
    let same = LeadEdit {
        company: Some("Acme".into()),
        ..Default::default()
    };
    assert_eq!(
        store.update_lead(id, &same, "ana", 1, now).unwrap(),
        1,
        "no change, no new version"
    );
    let edit = LeadEdit {
        owner: Some(Some("ana".into())),
        value: Some(Money::parse("$12,400.00").unwrap()),
        priority: Some(true),
        next_step: Some("Send deck".into()),
        next_step_due: Some(Some(now.date_naive() + Duration::days(2))),
        ..Default::default()
    };
    assert_eq!(store.update_lead(id, &edit, "ana", 1, now).unwrap(), 2);
    let lead = store.lead(id).unwrap();
    assert_eq!(lead.owner.as_deref(), Some("ana"));
    assert_eq!(lead.value, Money(1_240_000));
    assert!(lead.priority);
    assert_eq!(
        lead.next_step_due,
        Some(now.date_naive() + Duration::days(2))
    );
    assert_eq!((lead.updated_by.as_str(), lead.version), ("ana", 2));
    let bad = LeadEdit {
        score: Some(150),
        ..Default::default()
    };
    assert!(store.update_lead(id, &bad, "ana", 2, now).is_err());
    assert_eq!(store.lead(id).unwrap().score, 40);
}

#[test]
fn agreements_keep_their_history() {
    let (_d, _p, mut store) = with_reps();
    let now = common::now();
    let a = Agreement {
        id: 0,
        effective_from: now,
        leads_per_rep_month: 120,
        contacts_per_rep_week: 25,
        first_contact_hours: 24,
        timezone: "UTC".into(),
        changed_by: "maya".into(),
        changed_at: now,
    };
    store.set_agreement(&a).unwrap();
    let all = store.agreements().unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(
        Agreement::in_force(&all, now - Duration::days(1))
            .unwrap()
            .leads_per_rep_month,
        100
    );
    assert_eq!(
        Agreement::in_force(&all, now).unwrap().leads_per_rep_month,
        120
    );
    let bad = Agreement {
        first_contact_hours: 0,
        ..a
    };
    assert!(store.set_agreement(&bad).is_err());
}
