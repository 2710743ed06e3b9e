//! The binary: demo, snapshot, check, init, and one-line errors with a non-zero exit.

use crate::common;

use common::{AS_OF, bin};
use predicates::str::contains;

#[test]
fn demo_then_snapshot_then_check() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    bin()
        .args(["demo", "--leads", "120", "--as-of", AS_OF, "--db"])
        .arg(&db)
        .assert()
        .success()
        .stdout(contains("wrote 120 leads"));
    let out = bin()
        .args(["snapshot", "--size", "100x30", "--as-of", AS_OF, "--db"])
        .arg(&db)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text.lines().count(), 30);
    assert!(text.lines().all(|l| l.chars().count() <= 100));
    // 100 columns fit three stage columns; the arrow says more are to the right.
    for stage in ["New", "Engaged", "MQL ·"] {
        assert!(text.contains(stage), "{stage} column in\n{text}");
    }
    assert!(text.contains("▶─"), "more columns to the right:\n{text}");
    assert!(text.contains("Wed 2026-11-25 09:00 UTC"));
    bin()
        .args(["check", "--db"])
        .arg(&db)
        .assert()
        .success()
        .stdout(contains("ok:"));
}

#[test]
fn demo_refuses_to_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    bin()
        .args(["demo", "--leads", "10", "--db"])
        .arg(&db)
        .assert()
        .success();
    bin()
        .args(["demo", "--leads", "10", "--db"])
        .arg(&db)
        .assert()
        .failure()
        .stderr(contains("--force"));
    bin()
        .args(["demo", "--leads", "15", "--force", "--db"])
        .arg(&db)
        .assert()
        .success()
        .stdout(contains("wrote 15 leads"));
}

#[test]
fn bad_paths_are_one_line_errors() {
    let dir = tempfile::tempdir().unwrap();
    let not_db = dir.path().join("notes.txt");
    std::fs::write(&not_db, "hello, this is not a database at all").unwrap();
    for (args, expect) in [
        (
            vec![
                "snapshot".to_string(),
                "--db".into(),
                not_db.display().to_string(),
            ],
            "not a leadboard file",
        ),
        (
            vec![
                "snapshot".into(),
                "--db".into(),
                dir.path().join("missing.db").display().to_string(),
            ],
            "no such file",
        ),
        (
            vec![
                "check".into(),
                "--db".into(),
                dir.path().join("a/b/c.db").display().to_string(),
            ],
            "folder does not exist",
        ),
    ] {
        let out = bin()
            .args(&args)
            .assert()
            .failure()
            .get_output()
            .stderr
            .clone();
        let err = String::from_utf8(out).unwrap();
        assert!(err.contains(expect), "{err}");
        assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    }
    // `check` reports such a file as its finding (on stdout) and exits non-zero.
    bin()
        .args(["check", "--db"])
        .arg(&not_db)
        .assert()
        .code(1)
        .stdout(contains("not a leadboard file"));
    assert_eq!(
        std::fs::read_to_string(&not_db).unwrap(),
        "hello, this is not a database at all"
    );
}

#[test]
fn bad_arguments_are_refused() {
    bin()
        .args(["snapshot", "--size", "big"])
        .assert()
        .failure()
        .stderr(contains("COLSxROWS"));
    bin()
        .args(["--as-of", "yesterday", "check"])
        .assert()
        .failure()
        .stderr(contains("not a date"));
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    bin()
        .args(["init", "--db"])
        .arg(&db)
        .assert()
        .success()
        .stdout(contains("created"));
    bin()
        .args(["snapshot", "--view", "nope", "--db"])
        .arg(&db)
        .assert()
        .failure()
        .stderr(contains("unknown view"));
}

#[test]
fn check_finds_funnel_figures_written_around_the_triggers_and_repair_fixes_them() {
    let (_dir, db, store) = common::demo_store(60);
    drop(store);
    // A tool that removed a trigger and moved a lead behind leadboard's back.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "DROP TRIGGER stage_events_summary_insert; \
         INSERT INTO stage_events (lead_id, from_stage, to_stage, by, at) \
         SELECT id, stage, 'won', 'ana', '2026-11-24T10:00:00Z' FROM leads LIMIT 3;",
    )
    .unwrap();
    drop(conn);
    bin()
        .args(["check", "--db"])
        .arg(&db)
        .assert()
        .code(1)
        .stdout(contains("disagree with the stage history"))
        .stdout(contains(
            "triggers that keep the funnel figures are missing",
        ));
    bin()
        .args(["check", "--repair", "--db"])
        .arg(&db)
        .assert()
        .success()
        .stdout(contains("recomputed the funnel figures"))
        .stdout(contains("ok:"));
}
