//! The edges of the shared file: upgrades opened by several people at once, destinations
//! that are the live file's own companions, files that only init and demo may create, and
//! schemas changed by hand.

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
fn backup_and_export_refuse_the_live_file_and_its_companions() {
    let (dir, path, store) = common::demo_store(40);
    drop(store);
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let dest = dir.path().join(format!("team.db{suffix}"));
        bin()
            .args(["backup", "--force", "--db"])
            .arg(&path)
            .arg(&dest)
            .assert()
            .failure()
            .stderr(contains("choose another destination"));
        bin()
            .args(["export", "--db"])
            .arg(&path)
            .arg("--out")
            .arg(&dest)
            .assert()
            .failure()
            .stderr(contains("choose another destination"));
    }
    // The same file named another way is the same file.
    let sneaky = dir.path().join(".").join("team.db-wal");
    bin()
        .args(["backup", "--force", "--db"])
        .arg(&path)
        .arg(&sneaky)
        .assert()
        .failure();
    bin().args(["check", "--db"]).arg(&path).assert().success();
}

#[test]
fn backup_removes_partial_copies_left_by_a_killed_run() {
    let (dir, path, store) = common::demo_store(20);
    drop(store);
    let dest = dir.path().join("copy.db");
    // No process has this id (above the kernel's pid_max), so its copy is abandoned.
    let stale = dir.path().join("copy.db.partial-4999999");
    std::fs::write(&stale, vec![0u8; 4096]).unwrap();
    bin()
        .args(["backup", "--db"])
        .arg(&path)
        .arg(&dest)
        .assert()
        .success();
    assert!(!stale.exists(), "stale partial copy removed");
    assert!(dest.exists());
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

#[test]
fn export_to_a_terminal_writes_no_escape_from_the_data_but_a_pipe_gets_the_bytes() {
    use leadboard::domain::NewLead;
    let (_dir, path, mut store) = common::empty_store();
    store
        .create_lead(
            &NewLead {
                name: "Eve\x1b]0;pwned\x07 Mallory".into(),
                company: "Acme\u{9b}2J".into(),
                ..Default::default()
            },
            "webform",
            common::now(),
        )
        .unwrap();
    drop(store);
    let db = path.to_str().unwrap();
    let mut pty = common::pty::Pty::spawn(
        common::pty::leadboard_bin(),
        &["--db", db, "export"],
        &[("NO_COLOR", "1")],
        120,
        20,
    );
    pty.wait_exit(std::time::Duration::from_secs(10))
        .expect("export ends");
    let out = String::from_utf8_lossy(&pty.output()).into_owned();
    assert!(out.contains("Mallory"), "{out:?}");
    assert!(
        !out.contains("\x1b]0;pwned"),
        "raw OSC reached the terminal: {out:?}"
    );
    assert!(!out.contains('\u{9b}'), "raw CSI reached the terminal");
    let piped = bin().args(["--db", db, "export"]).output().unwrap();
    let piped = String::from_utf8(piped.stdout).unwrap();
    assert!(
        piped.contains("Eve\x1b]0;pwned\x07 Mallory"),
        "a pipe gets the data as stored"
    );
}

#[test]
fn nul_is_refused_in_every_text_field_and_in_an_imported_cell_after_8_kb() {
    use leadboard::domain::{ActivityKind, LeadEdit, NewLead};
    let (dir, path, mut store) = common::empty_store();
    let err = store
        .create_lead(
            &NewLead {
                name: "Ana".into(),
                company: "Ac\0me".into(),
                ..Default::default()
            },
            "ana",
            common::now(),
        )
        .unwrap_err();
    assert!(
        err.to_string().contains("company holds a NUL byte"),
        "{err}"
    );
    let id = store
        .create_lead(
            &NewLead {
                name: "Ana".into(),
                ..Default::default()
            },
            "ana",
            common::now(),
        )
        .unwrap();
    let edit = LeadEdit {
        next_step: Some("call\0".into()),
        ..Default::default()
    };
    let err = store
        .update_lead(id, &edit, "ana", 1, common::now())
        .unwrap_err();
    assert!(err.to_string().contains("next step holds a NUL"), "{err}");
    let err = store
        .log_activity(id, ActivityKind::Call, "hi\0", "ana", common::now())
        .unwrap_err();
    assert!(err.to_string().contains("note holds a NUL"), "{err}");
    let err = store
        .move_lead(id, "lost", "no\0budget", "ana", 1, common::now())
        .unwrap_err();
    assert!(err.to_string().contains("reason holds a NUL"), "{err}");
    drop(store);
    // A NUL far past the first 8 KB (where the binary sniffing stops) is a bad row.
    let mut csv = String::from("Record ID,First Name,Last Name,Email\n");
    for i in 0..400 {
        csv.push_str(&format!("{i},Pat,Lee{i},p{i}@example.com\n"));
    }
    csv.push_str("999,Nu\0l,Byte,nul@example.com\n");
    let file = dir.path().join("contacts.csv");
    std::fs::write(&file, csv).unwrap();
    let out = bin()
        .args([
            "--db",
            path.to_str().unwrap(),
            "import",
            "--skip-bad",
            "--format",
            "hubspot",
        ])
        .arg(&file)
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(text.contains("NUL byte"), "{text}");
    let c = rusqlite::Connection::open(&path).unwrap();
    let stored: i64 = c
        .query_row(
            "SELECT COUNT(*) FROM leads WHERE instr(name, char(0)) > 0",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(stored, 0, "no NUL stored");
}

/// A HubSpot-shaped header and 300 ordinary rows, for a bad row to follow.
fn rows_then() -> String {
    let mut csv = String::from("Record ID,First Name,Last Name,Email\n");
    for i in 0..300 {
        csv.push_str(&format!("{i},Pat,Lee{i},p{i}@example.com\n"));
    }
    csv
}

#[test]
fn an_unclosed_quote_stops_at_the_row_limit_with_its_line() {
    let (dir, path, store) = common::empty_store();
    drop(store);
    let mut csv = rows_then();
    csv.push_str("999,\"never closed,");
    csv.push_str(&"x".repeat(8 << 20));
    let file = dir.path().join("big.csv");
    std::fs::write(&file, csv).unwrap();
    bin()
        .args(["--db", path.to_str().unwrap(), "import"])
        .arg(&file)
        .assert()
        .failure()
        .stderr(contains("a row after line 301 is longer than 1 MB"))
        .stderr(contains("nothing was imported"));
    assert_eq!(common::count_leads(&path), 0, "nothing was imported");
}

#[test]
fn an_endless_pipe_ends_with_a_clear_error() {
    let (dir, path, store) = common::empty_store();
    drop(store);
    let fifo = dir.path().join("endless.csv");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo");
    let head = rows_then();
    let writer_path = fifo.clone();
    // Writes until the reader goes away (then the write fails and the thread ends).
    std::thread::spawn(move || {
        use std::io::Write;
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .open(writer_path)
            .unwrap();
        if f.write_all(head.as_bytes()).is_err() {
            return;
        }
        let chunk = vec![b'x'; 64 * 1024];
        let started = std::time::Instant::now();
        while started.elapsed() < std::time::Duration::from_secs(30) {
            if f.write_all(&chunk).is_err() {
                return;
            }
        }
    });
    let started = std::time::Instant::now();
    bin()
        .args(["--db", path.to_str().unwrap(), "import"])
        .arg(&fifo)
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .failure()
        .stderr(contains("longer than 1 MB"));
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
}

/// Runs the binary in a pseudo-terminal and returns everything it wrote there.
fn in_terminal(args: &[&str]) -> String {
    let mut pty = common::pty::Pty::spawn(
        common::pty::leadboard_bin(),
        args,
        &[("NO_COLOR", "1"), ("LEADBOARD_USER", "ana")],
        160,
        40,
    );
    pty.wait_exit(std::time::Duration::from_secs(10))
        .expect("the command ends");
    String::from_utf8_lossy(&pty.output()).into_owned()
}

#[test]
fn hostile_header_and_mapping_name_never_reach_a_terminal_raw() {
    let (dir, path, store) = common::empty_store();
    drop(store);
    let db = path.to_str().unwrap();
    // The header's escape comes after enough ordinary rows to pass any sniffing of the start.
    let mut csv = String::from("Nick\x1b]0;owned\x07name,Mail\n");
    for i in 0..300 {
        csv.push_str(&format!("n{i},m{i}@example.com\n"));
    }
    let file = dir.path().join("evil.csv");
    std::fs::write(&file, &csv).unwrap();
    let out = in_terminal(&["--db", db, "import", file.to_str().unwrap()]);
    assert!(out.contains("cannot tell which CRM"), "{out:?}");
    assert!(
        !out.contains("\x1b]0;owned"),
        "raw OSC from a header: {out:?}"
    );
    let map = dir.path().join("evil.toml");
    std::fs::write(
        &map,
        "name = \"Evil\\u001b]0;owned\\u0007 map\"\n[columns]\nname = \"Nick\\u001b]0;owned\\u0007name\"\nemail = \"Mail\"\n",
    )
    .unwrap();
    let out = in_terminal(&[
        "--db",
        db,
        "import",
        file.to_str().unwrap(),
        "--map",
        map.to_str().unwrap(),
        "--dry-run",
    ]);
    assert!(
        out.contains("Evil"),
        "the report names the mapping: {out:?}"
    );
    assert!(
        !out.contains("\x1b]0;owned"),
        "raw OSC from a mapping name: {out:?}"
    );
}

fn import_text(dir: &Path, db: &Path, name: &str, csv: &str, extra: &[&str]) -> (bool, String) {
    let file = dir.join(name);
    std::fs::write(&file, csv).unwrap();
    let out = bin()
        .args(["--db", db.to_str().unwrap(), "--as-of", AS_OF, "import"])
        .arg(&file)
        .args(extra)
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), text)
}

const DEALS: &str = "\"Record ID\",\"Deal Name\",\"Pipeline\",\"Deal Stage\",\"Amount\",\"Close Date\",\"Create Date\",\"Deal owner\"\n";

#[test]
fn values_beyond_the_totals_and_dates_outside_1900_2200_are_bad_rows_with_their_line() {
    let (dir, path, store) = common::empty_store();
    drop(store);
    let csv = format!(
        "{DEALS}\
         \"1\",\"Huge\",\"Sales Pipeline\",\"Appointment Scheduled\",\"92233720368547758.07\",\"\",\"2024-01-15 10:23\",\"Jane Doe\"\n\
         \"2\",\"Big A\",\"Sales Pipeline\",\"Appointment Scheduled\",\"50000000000000000\",\"\",\"2024-01-15 10:23\",\"Jane Doe\"\n\
         \"3\",\"Year zero\",\"Sales Pipeline\",\"Appointment Scheduled\",\"100\",\"\",\"0000-01-01 10:23\",\"Jane Doe\"\n\
         \"4\",\"Fine\",\"Sales Pipeline\",\"Appointment Scheduled\",\"100\",\"\",\"2024-01-15 10:23\",\"Jane Doe\"\n"
    );
    let (ok, text) = import_text(dir.path(), &path, "deals.csv", &csv, &["--skip-bad"]);
    assert!(ok, "{text}");
    assert!(text.contains("line 2"), "{text}");
    assert!(text.contains("line 3"), "{text}");
    assert!(text.contains("beyond the largest value"), "{text}");
    assert!(
        text.contains("line 4") && text.contains("outside 1900–2200"),
        "{text}"
    );
    assert!(!text.contains("REAL"), "no raw SQLite message: {text}");
    assert_eq!(common::count_leads(&path), 1, "only the good row");
    bin()
        .args([
            "--db",
            path.to_str().unwrap(),
            "--as-of",
            "-0001-01-01",
            "report",
        ])
        .assert()
        .failure();
    bin()
        .args([
            "--db",
            path.to_str().unwrap(),
            "--as-of",
            "0000-01-01",
            "report",
        ])
        .assert()
        .failure()
        .stderr(contains("outside 1900–2200"));
    assert!(
        leadboard::domain::validate::parse_due_date("0000-01-01", common::now().date_naive())
            .is_err()
    );
}

#[test]
fn a_used_column_named_twice_in_the_header_is_refused_by_name() {
    let (dir, path, store) = common::empty_store();
    drop(store);
    let csv = "\"Record ID\",\"First Name\",\"Last Name\",\"Email\",\"Email\"\n\
               \"1\",\"Ana\",\"Silva\",\"ana@example.com\",\"ana.silva@example.com\"\n";
    let (ok, text) = import_text(dir.path(), &path, "contacts.csv", csv, &[]);
    assert!(!ok);
    assert!(text.contains("\"Email\" 2 times (columns 4, 5)"), "{text}");
    assert_eq!(common::count_leads(&path), 0);
}
