//! The file's home: read-only files and folders, backups, migrations and `check`.

use crate::common;

use leadboard::domain::NewLead;
use leadboard::store::{Access, JournalMode, OpenMode, OpenOptions, Store, StoreError};
use rusqlite::Connection;
use std::path::Path;

fn new_lead(name: &str) -> NewLead {
    NewLead {
        name: name.into(),
        ..Default::default()
    }
}

fn open_as(path: &Path, access: Access) -> Store {
    Store::open_with(
        path,
        OpenMode::Existing,
        OpenOptions {
            access: Some(access),
            ..Default::default()
        },
    )
    .unwrap()
}

#[test]
fn a_read_only_open_reads_live_and_refuses_writes() {
    let (_dir, path, mut rw) = common::empty_store();
    rw.create_lead(&new_lead("First"), "ana", common::now())
        .unwrap();
    let mut ro = Store::open_with(
        &path,
        OpenMode::Existing,
        OpenOptions {
            read_only: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert!(ro.is_read_only());
    assert_eq!(ro.access(), Access::ReadOnly);
    assert_eq!(ro.lead_count().unwrap(), 1);
    let err = ro
        .create_lead(&new_lead("Nope"), "ben", common::now())
        .unwrap_err();
    assert!(matches!(err, StoreError::ReadOnly), "{err:?}");
    // Live: another process's commit is seen, and data_version says so.
    let before = ro.data_version().unwrap();
    rw.create_lead(&new_lead("Second"), "ana", common::now())
        .unwrap();
    assert_eq!(ro.lead_count().unwrap(), 2);
    assert_ne!(ro.data_version().unwrap(), before);
}

#[test]
fn a_wal_file_in_a_read_only_folder_opens_as_an_immutable_snapshot() {
    let (_dir, path, mut rw) = common::empty_store();
    rw.create_lead(&new_lead("Kept"), "ana", common::now())
        .unwrap();
    assert_eq!(rw.journal_mode(), JournalMode::Wal);
    drop(rw); // the last connection checkpoints and removes -wal and -shm
    let mut shm = path.as_os_str().to_os_string();
    shm.push("-shm");
    assert!(!Path::new(&shm).exists());
    // Root can write any folder, so the folder's read-only state is forced here; the
    // decision itself (WAL header, no -shm, folder not writable) is tested in store::home.
    let mut snap = open_as(&path, Access::Immutable);
    assert_eq!(snap.access(), Access::Immutable);
    assert!(snap.is_read_only());
    assert_eq!(snap.lead_count().unwrap(), 1);
    assert!(matches!(
        snap.create_lead(&new_lead("Nope"), "ben", common::now()),
        Err(StoreError::ReadOnly)
    ));
    // Nothing was created beside the file.
    assert!(!Path::new(&shm).exists());
}

#[cfg(unix)]
#[test]
fn real_permissions_read_only_file_and_folder() {
    use std::os::unix::fs::PermissionsExt;
    if unsafe { libc::geteuid() } == 0 {
        // Root ignores file permissions (CI runs as root): check as an ordinary user instead.
        return permissions_as_nobody();
    }
    let (dir, path, mut rw) = common::empty_store();
    rw.create_lead(&new_lead("Kept"), "ana", common::now())
        .unwrap();
    drop(rw);
    let set = |p: &Path, mode| std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode));
    set(&path, 0o444).unwrap();
    let s = Store::open(&path, OpenMode::Existing).unwrap();
    assert_eq!(s.access(), Access::ReadOnly);
    drop(s);
    set(dir.path(), 0o555).unwrap();
    let s = Store::open(&path, OpenMode::Existing);
    set(dir.path(), 0o755).unwrap();
    let s = s.unwrap();
    assert_eq!(s.access(), Access::Immutable);
    assert_eq!(s.lead_count().unwrap(), 1);
}

#[test]
fn backup_writes_a_consistent_copy_and_refuses_to_overwrite_without_force() {
    let (dir, path, _store) = common::demo_store(60);
    let dest = dir.path().join("copy.db");
    let out = common::bin()
        .args(["--db"])
        .arg(&path)
        .arg("backup")
        .arg(&dest)
        .assert()
        .success();
    let said = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(said.contains("wrote a consistent copy"), "{said}");
    let copy = Store::open(&dest, OpenMode::Existing).unwrap();
    assert_eq!(copy.lead_count().unwrap(), 60);
    assert!(copy.check().unwrap().is_ok());
    drop(copy);
    let out = common::bin()
        .args(["--db"])
        .arg(&path)
        .arg("backup")
        .arg(&dest)
        .assert()
        .failure();
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        err.contains("already exists") && err.contains("--force"),
        "{err}"
    );
    common::bin()
        .args(["--db"])
        .arg(&path)
        .args(["backup", "--force"])
        .arg(&dest)
        .assert()
        .success();
    // No partial file is left behind.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.contains("partial")), "{names:?}");
}

/// Today's migrations plus one more, as a future release would ship them.
fn next_release() -> &'static [&'static str] {
    let mut all: Vec<&'static str> = leadboard::store::schema::MIGRATIONS.to_vec();
    all.push("ALTER TABLE leads ADD COLUMN linkedin TEXT NOT NULL DEFAULT '';");
    Box::leak(all.into_boxed_slice())
}

#[test]
fn a_migration_first_writes_a_backup_beside_the_file() {
    let (dir, path, mut store) = common::empty_store();
    store
        .create_lead(&new_lead("Before upgrade"), "ana", common::now())
        .unwrap();
    drop(store);
    let upgraded = Store::open_with(
        &path,
        OpenMode::Existing,
        OpenOptions {
            migrations: Some(next_release()),
            ..Default::default()
        },
    )
    .unwrap();
    let today = leadboard::store::schema::latest_version();
    assert_eq!(upgraded.schema_version().unwrap(), today + 1);
    drop(upgraded);
    let bak = dir.path().join(format!("team.db.schema{today}.bak"));
    assert!(bak.exists(), "backup beside the file");
    let old = Connection::open(&bak).unwrap();
    let v: i64 = old
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    let name: String = old
        .query_row("SELECT name FROM leads", [], |r| r.get(0))
        .unwrap();
    assert_eq!((v, name.as_str()), (today, "Before upgrade"));
    // The shipped build now refuses the upgraded file untouched.
    let err = Store::open(&path, OpenMode::Existing).err().unwrap();
    assert!(
        matches!(err, StoreError::NewerSchema { found, .. } if found == today + 1),
        "{err:?}"
    );
}

#[test]
fn check_reports_rows_that_break_foreign_keys() {
    let (_dir, path, store) = common::demo_store(20);
    drop(store);
    let raw = Connection::open(&path).unwrap();
    raw.execute_batch(
        "PRAGMA foreign_keys = OFF;
         INSERT INTO activities (lead_id, kind, by, at, body) VALUES (99999, 'call', 'script', '2026-11-20T10:00:00Z', 'orphan');
         UPDATE leads SET stage = 'vanished' WHERE id = 1;",
    )
    .unwrap();
    drop(raw);
    let out = common::bin()
        .arg("--db")
        .arg(&path)
        .arg("check")
        .assert()
        .code(1);
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(
        text.contains("foreign key: activities row") && text.contains("missing leads"),
        "{text}"
    );
    assert!(
        text.contains("foreign key: leads row 1 points to a missing stages"),
        "{text}"
    );
}

#[test]
fn check_reports_a_damaged_file() {
    let (_dir, path, store) = common::demo_store(300);
    drop(store);
    // Scribble over the middle of the file, where table and index pages live.
    let mut bytes = std::fs::read(&path).unwrap();
    let len = bytes.len();
    assert!(len > 40_000, "{len}");
    for b in &mut bytes[len / 2..len / 2 + 8192] {
        *b = 0x5a;
    }
    std::fs::write(&path, &bytes).unwrap();
    let out = common::bin()
        .arg("--db")
        .arg(&path)
        .arg("check")
        .assert()
        .code(1);
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    // Depending on which pages were hit SQLite finds it while opening or while checking.
    assert!(
        text.contains("problem: integrity:")
            || text.contains("problem: ") && text.contains("damaged"),
        "{text}"
    );
}

#[test]
fn backup_is_consistent_while_another_process_writes() {
    let (dir, path, store) = common::demo_store(50);
    drop(store);
    let writer_path = path.clone();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let stop2 = std::sync::Arc::clone(&stop);
    let writer = std::thread::spawn(move || {
        let mut s = Store::open(&writer_path, OpenMode::Existing).unwrap();
        let mut n = 0;
        while !stop2.load(std::sync::atomic::Ordering::Relaxed) {
            s.create_lead(
                &new_lead(&format!("During backup {n}")),
                "script",
                common::now(),
            )
            .unwrap();
            n += 1;
        }
        n
    });
    std::thread::sleep(std::time::Duration::from_millis(50));
    let src = Store::open(&path, OpenMode::Existing).unwrap();
    let mut copies = Vec::new();
    for i in 0..3 {
        let dest = dir.path().join(format!("online{i}.db"));
        src.backup_to(&dest, false).unwrap();
        copies.push(dest);
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let written = writer.join().unwrap();
    assert!(written > 0);
    for dest in copies {
        let copy = Store::open(&dest, OpenMode::Existing).unwrap();
        assert!(copy.check().unwrap().is_ok(), "{}", dest.display());
        // Whole commits only: every lead has its creation event.
        let n = copy.lead_count().unwrap();
        assert!((50..=50 + written as i64).contains(&n), "{n}");
    }
}

#[test]
fn status_line_says_when_the_file_is_read_only_or_on_a_network_share() {
    let (_dir, _path, mut store) = common::demo_store(20);
    let mut state = common::ui_state(&store, 120, 30);
    state.ctx.journal = JournalMode::Rollback;
    leadboard::ui::effects::run(
        &mut store,
        &mut state,
        vec![leadboard::ui::effects::Effect::ReloadBoard],
    );
    let screen = leadboard::ui::snapshot::render_text(&state, 120, 30);
    assert!(
        screen.contains("network share: rollback journal"),
        "{screen}"
    );
    state.ctx.read_only = true;
    let screen = leadboard::ui::snapshot::render_text(&state, 120, 30);
    assert!(screen.contains("READ-ONLY"), "{screen}");
}

#[test]
fn upgrading_a_schema_6_file_marks_old_retractions_and_builds_the_kept_figures() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("team.db");
    let six: &'static [&'static str] = &leadboard::store::schema::MIGRATIONS[..6];
    let old = Store::open_with(
        &path,
        OpenMode::CreateIfMissing,
        OpenOptions {
            migrations: Some(six),
            ..Default::default()
        },
    )
    .unwrap();
    drop(old);
    // Written as the schema-6 release wrote it (today's create_lead knows later columns).
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch(
        "INSERT INTO leads (name, stage, created_at, stage_entered_at, updated_at, updated_by) \
         VALUES ('Retracted once', 'new', '2026-11-20T09:00:00Z', '2026-11-20T09:00:00Z', \
                 '2026-11-20T09:00:00Z', 'ana'); \
         INSERT INTO stage_events (lead_id, from_stage, to_stage, by, at) \
         VALUES (last_insert_rowid(), NULL, 'new', 'ana', '2026-11-20T09:00:00Z');",
    )
    .unwrap();
    let id: i64 = conn
        .query_row(
            "SELECT id FROM leads WHERE name = 'Retracted once'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    drop(conn);
    // What the previous release's undo wrote: the call, then only a note naming it.
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch(&format!(
        "INSERT INTO activities (lead_id, kind, by, at, body) VALUES
           ({id}, 'call', 'ana', '2026-11-24T10:00:00Z', 'left a message'),
           ({id}, 'call', 'ana', '2026-11-24T15:30:00Z', 'spoke to her'),
           ({id}, 'note', 'ana', '2026-11-24T10:05:00Z',
            'undo: retracts the call logged 2026-11-24 10:00 (left a message)');"
    ))
    .unwrap();
    drop(conn);
    let store = Store::open(&path, OpenMode::Existing).unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        leadboard::store::schema::latest_version()
    );
    let conn = Connection::open(&path).unwrap();
    let marked: Vec<(String, Option<i64>)> = conn
        .prepare("SELECT body, retracted_by FROM activities WHERE kind = 'call' ORDER BY at")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(marked[0].1.is_some(), "{marked:?}");
    assert_eq!(marked[1].1, None, "{marked:?}");
    // The kept figures were built from the history the file already had.
    assert!(
        store.check().unwrap().is_ok(),
        "{:?}",
        store.check().unwrap().problems
    );
    let totals: i64 = conn
        .query_row("SELECT SUM(n) FROM stage_totals", [], |r| r.get(0))
        .unwrap();
    assert_eq!(totals, 1);
}

/// The same permission cases, run through the binary as `nobody`, for a root test runner.
#[cfg(unix)]
fn permissions_as_nobody() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let (dir, path, mut rw) = common::empty_store();
    rw.create_lead(&new_lead("Kept"), "ana", common::now())
        .unwrap();
    drop(rw);
    let set = |p: &Path, mode| std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode));
    let check = || {
        let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("leadboard"))
            .args(["check", "--db"])
            .arg(&path)
            .env_remove("LEADBOARD_DB")
            .uid(65534)
            .gid(65534)
            .output()
            .unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned()
                + &String::from_utf8_lossy(&out.stderr),
        )
    };
    // nobody must reach the file at all: the temp folder is root's and private.
    set(dir.path(), 0o755).unwrap();
    set(&path, 0o444).unwrap();
    let (ok, text) = check();
    assert!(ok, "{text}");
    assert!(
        text.contains("1 leads") && text.contains("read-only"),
        "{text}"
    );
    // A folder nobody can write: the WAL file is read as an immutable snapshot.
    set(dir.path(), 0o555).unwrap();
    let (ok, text) = check();
    set(dir.path(), 0o755).unwrap();
    assert!(ok, "{text}");
    assert!(
        text.contains("1 leads") && text.contains("read-only"),
        "{text}"
    );
    // Writing is refused with a message, and the file is unchanged.
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("leadboard"))
        .args([
            "stages", "add", "demo", "--name", "Demo", "--owner", "sales", "--db",
        ])
        .arg(&path)
        .uid(65534)
        .gid(65534)
        .output()
        .unwrap();
    assert!(!out.status.success());
    set(&path, 0o644).unwrap();
    let s = Store::open(&path, OpenMode::Existing).unwrap();
    assert!(s.stages().unwrap().iter().all(|st| st.key != "demo"));
}
