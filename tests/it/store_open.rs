//! Opening files: migrations, and the refusals that leave a file untouched.

use crate::common;

use leadboard::store::schema::latest_version;
use leadboard::store::{OpenMode, Store, StoreError};
use std::fs;

fn bytes(path: &std::path::Path) -> Vec<u8> {
    fs::read(path).unwrap()
}

#[test]
fn new_file_gets_latest_schema_default_stages_and_agreement() {
    let (_dir, _path, store) = common::empty_store();
    assert_eq!(store.schema_version().unwrap(), latest_version());
    let stages = store.stages().unwrap();
    let keys: Vec<&str> = stages.iter().map(|s| s.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "new",
            "engaged",
            "mql",
            "sql",
            "opportunity",
            "won",
            "lost",
            "disqualified",
            "recycled"
        ]
    );
    assert_eq!(stages.iter().filter(|s| s.is_handoff).count(), 1);
    let a = store.agreements().unwrap();
    assert_eq!(a.len(), 1);
    assert_eq!(
        (
            a[0].leads_per_rep_month,
            a[0].contacts_per_rep_week,
            a[0].first_contact_hours
        ),
        (100, 20, 48)
    );
    assert!(store.check().unwrap().is_ok());
}

#[test]
fn reopening_does_not_migrate_again() {
    let (_dir, path, store) = common::empty_store();
    drop(store);
    let store = Store::open(&path, OpenMode::Existing).unwrap();
    assert_eq!(
        store.stages().unwrap().len(),
        9,
        "default rows inserted once"
    );
}

#[test]
fn missing_file_is_refused_when_it_must_exist() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nope.db");
    let err = Store::open(&path, OpenMode::Existing).err().unwrap();
    assert!(matches!(err, StoreError::MissingFile { .. }), "{err}");
    assert!(!path.exists(), "nothing created");
}

#[test]
fn missing_directory_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no/such/dir/team.db");
    let err = Store::open(&path, OpenMode::CreateIfMissing).err().unwrap();
    assert!(matches!(err, StoreError::MissingDir { .. }), "{err}");
    assert!(err.to_string().contains("folder does not exist"));
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.db");
    fs::write(&path, "name,email\nAna,ana@example.com\n").unwrap();
    let before = bytes(&path);
    let err = Store::open(&path, OpenMode::Existing).err().unwrap();
    assert!(matches!(err, StoreError::NotADatabase { .. }), "{err}");
    assert_eq!(bytes(&path), before);
    assert!(!dir.path().join("notes.db-wal").exists());
}

#[test]
fn a_newer_schema_is_refused_untouched() {
    let (_dir, path, store) = common::empty_store();
    drop(store);
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(&format!(
            "PRAGMA journal_mode = DELETE; PRAGMA user_version = {}",
            latest_version() + 1
        ))
        .unwrap();
    }
    let before = bytes(&path);
    let err = Store::open(&path, OpenMode::Existing).err().unwrap();
    match &err {
        StoreError::NewerSchema {
            found, supported, ..
        } => {
            assert_eq!(*found, latest_version() + 1);
            assert_eq!(*supported, latest_version());
        }
        other => panic!("expected NewerSchema, got {other}"),
    }
    assert!(err.to_string().contains("newer leadboard"));
    assert_eq!(bytes(&path), before, "file bytes unchanged");
    assert!(
        !path.with_extension("db-wal").exists(),
        "journal mode not switched"
    );
}

#[test]
fn a_corrupt_file_gives_a_clear_error() {
    let (_dir, path, store) = common::demo_store(50);
    drop(store);
    // Checkpointed and closed: the whole database is in the main file now. Damage its pages
    // but keep the header, as a disk error would.
    let mut data = bytes(&path);
    for b in data.iter_mut().skip(100).step_by(7) {
        *b = 0xA5;
    }
    fs::write(&path, &data).unwrap();
    let result = Store::open(&path, OpenMode::Existing).and_then(|s| s.check().map(|r| (s, r)));
    match result {
        Err(e) => {
            let msg = e.to_string();
            assert!(
                msg.contains("damaged")
                    || msg.contains("not a leadboard file")
                    || msg.contains("malformed"),
                "{msg}"
            );
        }
        Ok((_s, report)) => assert!(!report.is_ok(), "check must find the damage"),
    }
}

#[test]
fn another_programs_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE notes (t TEXT); INSERT INTO notes VALUES ('keep me');")
            .unwrap();
    }
    let before = bytes(&path);
    let err = Store::open(&path, OpenMode::Existing).err().unwrap();
    assert!(matches!(err, StoreError::ForeignDatabase { .. }), "{err}");
    assert_eq!(bytes(&path), before);
}

#[test]
fn a_zero_byte_file_is_refused_untouched_unless_creating() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("blank.db");
    std::fs::write(&path, b"").unwrap();
    let err = Store::open(&path, OpenMode::Existing).err().unwrap();
    assert!(matches!(err, StoreError::EmptyFile { .. }), "{err}");
    assert_eq!(bytes(&path), b"", "untouched");
    // `init` and `demo` open with CreateIfMissing: for them an empty file is a new one.
    let store = Store::open(&path, OpenMode::CreateIfMissing).unwrap();
    assert_eq!(store.schema_version().unwrap(), latest_version());
}

#[test]
fn upgrading_an_older_file_backs_it_up_first_and_keeps_its_data() {
    use leadboard::store::schema::MIGRATIONS;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("team.db");
    {
        // A file as the first release wrote it: schema 1, with a rep in it.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(MIGRATIONS[0]).unwrap();
        conn.execute_batch("PRAGMA user_version = 1").unwrap();
        conn.execute(
            "INSERT INTO reps (handle, name, team, active_from) VALUES (?1, ?2, 'sales', '2026-01-01')",
            ["ana", "Ana Souza"],
        )
        .unwrap();
    }
    let store = Store::open(&path, OpenMode::Existing).unwrap();
    assert_eq!(store.schema_version().unwrap(), latest_version());
    assert_eq!(store.reps().unwrap().len(), 1, "data kept");
    let backup = dir.path().join("team.db.schema1.bak");
    assert!(backup.exists(), "backup written beside the file");
    let old = rusqlite::Connection::open(&backup).unwrap();
    let (version, reps): (i64, i64) = old
        .query_row(
            "SELECT (SELECT user_version FROM pragma_user_version), COUNT(*) FROM reps",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((version, reps), (1, 1), "the backup is the file as it was");
}

/// A foreign key checks its child rows on every delete of a parent; without an index leading
/// with the child column each delete scans the child table (a `demo --force` over 100k leads
/// once ran for many minutes that way). Parents with many rows must be covered.
#[test]
fn foreign_keys_to_big_tables_are_indexed() {
    let (_dir, _path, store) = common::empty_store();
    drop(store);
    let conn = rusqlite::Connection::open(&_path).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut checked = 0;
    for t in &tables {
        let fks: Vec<(String, String)> = conn
            .prepare("SELECT \"table\", \"from\" FROM pragma_foreign_key_list(?1)")
            .unwrap()
            .query_map([t], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        for (parent, col) in fks {
            if !["leads", "activities", "stage_events", "meetings"].contains(&parent.as_str()) {
                continue;
            }
            checked += 1;
            let leading: i64 = conn
                .query_row(
                    "SELECT COUNT(*) FROM pragma_index_list(?1) il \
                     JOIN pragma_index_info(il.name) ii ON ii.seqno = 0 \
                     WHERE ii.name = ?2 AND il.partial = 0",
                    [t, &col],
                    |r| r.get(0),
                )
                .unwrap();
            assert!(
                leading > 0,
                "{t}.{col} → {parent} has no index leading with it"
            );
        }
    }
    assert!(checked >= 3, "found only {checked} foreign keys to check");
}
