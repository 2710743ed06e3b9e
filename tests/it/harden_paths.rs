//! What commands write and print: never over the live file or its companions, never a
//! half-written copy left behind, never a raw escape from the data on a terminal.

use crate::common;

use common::bin;
use predicates::str::contains;

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
