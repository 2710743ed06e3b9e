//! Opening the shared file at its edges: upgrades opened by several people at once, files
//! that only init and demo may create, schemas changed by hand, and saving what is unchanged.

use crate::common;

use common::{AS_OF, bin};
use leadboard::store::schema::{MIGRATIONS, latest_version};
use leadboard::store::{OpenMode, OpenOptions, Store};
use predicates::str::contains;
use std::path::Path;
use std::process::{Command, Stdio};

fn user_version(path: &Path) -> i64 {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap()
}

/// A file as the first release wrote it: schema 1, default stages and agreement.
fn schema_one_file(path: &Path) {
    let store = Store::open_with(
        path,
        OpenMode::CreateIfMissing,
        OpenOptions {
            migrations: Some(&MIGRATIONS[..1]),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(store.schema_version().unwrap(), 1);
}

#[test]
fn eight_people_opening_right_after_an_upgrade_all_get_the_new_schema() {
    let exe = assert_cmd::cargo::cargo_bin("leadboard");
    for round in 0..4 {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("s.db");
        schema_one_file(&db);
        let children: Vec<_> = (0..8)
            .map(|_| {
                Command::new(&exe)
                    .args(["snapshot", "--size", "80x24", "--as-of", AS_OF, "--db"])
                    .arg(&db)
                    .env_remove("LEADBOARD_DB")
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for c in children {
            let out = c.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "round {round}: an open failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        assert_eq!(user_version(&db), latest_version(), "round {round}");
        let bak = dir.path().join("s.db.schema1.bak");
        assert_eq!(
            user_version(&bak),
            1,
            "round {round}: the copy kept before the upgrade holds the old schema"
        );
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(".partial-"))
            .collect();
        assert!(
            left.is_empty(),
            "round {round}: partial copies left: {left:?}"
        );
        bin().args(["check", "--db"]).arg(&db).assert().success();
    }
}

#[test]
fn only_init_and_demo_create_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("tpyo.db");
    let csv = dir.path().join("leads.csv");
    std::fs::write(
        &csv,
        "First Name,Last Name,Email\nAna,Silva,ana@example.com\n",
    )
    .unwrap();
    for dry in [true, false] {
        let mut cmd = bin();
        cmd.arg("import").arg(&csv).arg("--db").arg(&missing);
        if dry {
            cmd.arg("--dry-run");
        }
        cmd.assert()
            .failure()
            .stderr(contains("no such file"))
            .stderr(contains("leadboard init --db"));
        assert!(!missing.exists(), "import (dry run: {dry}) created no file");
    }
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    for args in [
        vec!["snapshot", "--size", "80x24"],
        vec!["export"],
        vec!["report"],
    ] {
        bin()
            .args(&args)
            .arg("--db")
            .arg(&empty)
            .assert()
            .failure()
            .stderr(contains("the file is empty"));
    }
    bin()
        .args(["check", "--db"])
        .arg(&empty)
        .assert()
        .code(1)
        .stdout(contains("the file is empty"));
    assert_eq!(
        std::fs::metadata(&empty).unwrap().len(),
        0,
        "left untouched"
    );
    bin().args(["init", "--db"]).arg(&empty).assert().success();
    assert_eq!(user_version(&empty), latest_version());
}

fn damaged(sql: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, path, store) = common::demo_store(30);
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(sql).unwrap();
    drop(conn);
    (dir, path)
}

#[test]
fn a_dropped_column_is_named_by_check_and_no_command_prints_sql() {
    let (_dir, path) = damaged("ALTER TABLE leads DROP COLUMN company;");
    bin()
        .args(["check", "--db"])
        .arg(&path)
        .assert()
        .code(1)
        .stdout(contains("table leads has no column company"));
    let out = bin()
        .args(["snapshot", "--size", "80x24", "--as-of", AS_OF, "--db"])
        .arg(&path)
        .assert()
        .failure()
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).unwrap();
    assert!(err.contains("run `leadboard check`"), "{err}");
    assert!(!err.contains("SELECT"), "no SQL in the message: {err}");
}

#[test]
fn a_renamed_table_is_named_by_check() {
    let (_dir, path) = damaged("ALTER TABLE campaigns RENAME TO campaigns_old;");
    bin()
        .args(["check", "--db"])
        .arg(&path)
        .assert()
        .code(1)
        .stdout(contains("table campaigns is missing"))
        .stdout(contains("unexpected table campaigns_old"));
}

#[test]
fn a_dropped_index_and_trigger_are_put_back_by_repair() {
    let (_dir, path) = damaged(
        "DROP INDEX leads_uncontacted; \
         DROP TRIGGER IF EXISTS stage_events_summary_insert;",
    );
    bin()
        .args(["check", "--db"])
        .arg(&path)
        .assert()
        .code(1)
        .stdout(contains("index leads_uncontacted on leads is missing"));
    bin()
        .args(["check", "--repair", "--db"])
        .arg(&path)
        .assert()
        .success()
        .stdout(contains("recreated index leads_uncontacted"));
    bin()
        .args(["check", "--db"])
        .arg(&path)
        .assert()
        .success()
        .stdout(contains("ok: schema"));
}

#[test]
fn saving_the_agreement_unchanged_records_nothing() {
    let (_dir, _path, mut store) = common::empty_store();
    let mut a = store.agreements().unwrap().pop().unwrap();
    let log_before = store.agreement_log(100).unwrap().len();
    a.effective_from = common::now();
    a.changed_by = "maya".into();
    a.changed_at = common::now();
    store.set_agreement(&a).unwrap();
    assert_eq!(store.agreements().unwrap().len(), 1, "no new agreement");
    assert_eq!(
        store.agreement_log(100).unwrap().len(),
        log_before,
        "no log line"
    );
    a.leads_per_rep_month += 1;
    store.set_agreement(&a).unwrap();
    assert_eq!(
        store.agreements().unwrap().len(),
        2,
        "a real change is kept"
    );
    assert_eq!(store.agreement_log(100).unwrap().len(), log_before + 1);
}
