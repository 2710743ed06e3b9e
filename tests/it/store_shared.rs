//! Two people, one file: version checks, moves and contacts from both, and a busy file.

use crate::common;

use leadboard::domain::{ActivityKind, LeadEdit, NewLead};
use leadboard::store::{OpenMode, Store, StoreError};
use rusqlite::Connection;
use std::time::{Duration, Instant};

fn two_stores() -> (tempfile::TempDir, Store, Store, i64) {
    let (dir, path, mut a) = common::empty_store();
    let id = a
        .create_lead(
            &NewLead {
                name: "Priya Patel".into(),
                company: "Helix".into(),
                ..Default::default()
            },
            "ana",
            common::now(),
        )
        .unwrap();
    let b = Store::open(&path, OpenMode::Existing).unwrap();
    (dir, a, b, id)
}

#[test]
fn second_edit_of_the_same_version_gets_a_conflict_naming_who_and_what() {
    let (_dir, mut a, mut b, id) = two_stores();
    let v = a.lead(id).unwrap().version;
    assert_eq!(b.lead(id).unwrap().version, v);
    let edit = |name: &str, score| LeadEdit {
        name: Some(name.into()),
        score: Some(score),
        ..Default::default()
    };
    let v2 = a
        .update_lead(id, &edit("Priya P.", 70), "ana", v, common::now())
        .unwrap();
    assert_eq!(v2, v + 1);
    let err = b
        .update_lead(id, &edit("Priya Patel-Shah", 40), "ben", v, common::now())
        .unwrap_err();
    let StoreError::Conflict(info) = err else {
        panic!("expected a conflict, got {err:?}");
    };
    assert_eq!(info.lead_id, id);
    assert_eq!(info.expected_version, v);
    assert_eq!(info.current_version, v + 1);
    assert_eq!(info.changed_by, "ana");
    assert_eq!(
        info.changes,
        vec![
            "ana: name \"Priya Patel\" → \"Priya P.\"".to_string(),
            "ana: score \"0\" → \"70\"".to_string()
        ]
    );
    // The message a person reads says who and which versions.
    let msg = StoreError::Conflict(info).to_string();
    assert!(msg.contains("changed by ana"), "{msg}");
    // Nothing of ben's edit was applied; ana's stands.
    let lead = b.lead(id).unwrap();
    assert_eq!((lead.name.as_str(), lead.score), ("Priya P.", 70));
    // Re-applied on the new version, ben's edit goes through.
    let v3 = b
        .update_lead(
            id,
            &edit("Priya Patel-Shah", 40),
            "ben",
            v + 1,
            common::now(),
        )
        .unwrap();
    assert_eq!(v3, v + 2);
}

#[test]
fn a_move_on_a_stale_version_conflicts_and_leaves_history_alone() {
    let (_dir, mut a, mut b, id) = two_stores();
    let v = a.lead(id).unwrap().version;
    a.move_lead(id, "engaged", "", "ana", v, common::now())
        .unwrap();
    let err = b
        .move_lead(id, "mql", "", "ben", v, common::now())
        .unwrap_err();
    let StoreError::Conflict(info) = err else {
        panic!("expected a conflict, got {err:?}");
    };
    assert_eq!(
        info.changes,
        vec!["ana: stage \"new\" → \"engaged\"".to_string()]
    );
    let events = b.stage_events(id).unwrap();
    assert_eq!(events.len(), 2, "created + ana's move only");
    assert_eq!(events[0].to, "engaged");
}

#[test]
fn contacts_and_notes_from_two_people_at_once_both_survive() {
    let (_dir, mut a, mut b, id) = two_stores();
    let t = common::now();
    a.log_activity(id, ActivityKind::Call, "ana called", "ana", t)
        .unwrap();
    b.log_activity(id, ActivityKind::Note, "ben's note", "ben", t)
        .unwrap();
    // A move by one and a contact by the other: neither blocks the other.
    let v = b.lead(id).unwrap().version;
    b.move_lead(id, "engaged", "", "ben", v, t).unwrap();
    a.log_activity(id, ActivityKind::Email, "ana mailed", "ana", t)
        .unwrap();
    let acts = a.activities(id).unwrap();
    let mut bodies: Vec<&str> = acts.iter().map(|x| x.body.as_str()).collect();
    bodies.sort();
    assert_eq!(bodies, ["ana called", "ana mailed", "ben's note"]);
    let lead = a.lead(id).unwrap();
    assert_eq!(lead.stage, "engaged");
    assert_eq!(lead.first_contact_at, Some(t));
}

#[test]
fn a_write_waits_out_a_short_lock_with_retries() {
    let (_dir, path, mut store) = common::empty_store();
    // One attempt alone would give up after 50 ms; the retries carry it past the lock.
    store.set_busy_timeout(Duration::from_millis(50)).unwrap();
    let holder = Connection::open(&path).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let release = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(200));
        holder.execute_batch("COMMIT").unwrap();
    });
    let id = store
        .create_lead(
            &NewLead {
                name: "Waited".into(),
                ..Default::default()
            },
            "ana",
            common::now(),
        )
        .unwrap();
    release.join().unwrap();
    assert_eq!(store.lead(id).unwrap().name, "Waited");
}

#[test]
fn a_lock_held_too_long_is_reported_as_locked_and_nothing_is_written() {
    let (_dir, path, mut store) = common::empty_store();
    store.set_busy_timeout(Duration::from_millis(20)).unwrap();
    let holder = Connection::open(&path).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let started = Instant::now();
    let err = store
        .create_lead(
            &NewLead {
                name: "Blocked".into(),
                ..Default::default()
            },
            "ana",
            common::now(),
        )
        .unwrap_err();
    assert!(matches!(err, StoreError::Locked), "{err:?}");
    // Bounded: four attempts and three pauses, well under two seconds.
    assert!(started.elapsed() < Duration::from_secs(2));
    let msg = err.to_string();
    assert!(
        msg.contains("busy") && !msg.contains("database is locked"),
        "{msg}"
    );
    holder.execute_batch("ROLLBACK").unwrap();
    assert_eq!(store.lead_count().unwrap(), 0);
}

#[test]
fn a_read_snapshot_sees_one_state_while_another_process_commits() {
    let (_dir, mut a, b, _id) = two_stores();
    let (first, second) = b
        .read_snapshot(|b| {
            let first = b.lead_count()?;
            // Someone adds a lead while the board is loading.
            a.create_lead(
                &NewLead {
                    name: "Arrives mid-load".into(),
                    ..Default::default()
                },
                "ana",
                common::now(),
            )
            .unwrap();
            Ok((first, b.lead_count()?))
        })
        .unwrap();
    assert_eq!(
        first, second,
        "counts and cards come from the same snapshot"
    );
    // Once the snapshot ends, the next load sees the new lead.
    assert_eq!(b.lead_count().unwrap(), first + 1);
}
