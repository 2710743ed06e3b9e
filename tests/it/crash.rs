//! A process killed at any point leaves the file whole (integrity_check passes) and each
//! action wholly applied or not at all: a bulk demo write is all there or not there; a
//! move is its new stage, its event and its change record together, or none of them.

use crate::common;

use common::writer::{self, Spec};
use rusqlite::Connection;
use std::process::{Command, Stdio};
use std::time::Duration;

#[test]
#[ignore = "started as a child process by killed_movers_leave_whole_moves"]
fn crash_writer_child() {
    if let Some(spec) = writer::from_env() {
        writer::run(&spec);
    }
}

fn leads(path: &std::path::Path) -> i64 {
    Connection::open(path)
        .unwrap()
        .query_row("SELECT COUNT(*) FROM leads", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_killed_bulk_write_leaves_the_old_data_or_the_new_never_a_mix() {
    let (_dir, path, store) = common::demo_store(400);
    drop(store);
    for ms in [50u64, 400, 1500, 3500] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_leadboard"))
            .arg("--db")
            .arg(&path)
            .args([
                "--as-of",
                common::AS_OF,
                "demo",
                "--force",
                "--leads",
                "50000",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(ms));
        child.kill().unwrap(); // SIGKILL: no chance to clean up
        child.wait().unwrap();
        common::history::integrity_ok(&path).unwrap_or_else(|e| panic!("after {ms} ms: {e}"));
        let n = leads(&path);
        assert!(n == 400 || n == 50_000, "after {ms} ms: {n} leads");
        common::history::history_chains(&path).unwrap();
        if n == 50_000 {
            break; // the write finished before the kill; later kills would test nothing new
        }
    }
}

#[test]
fn killed_movers_leave_whole_moves() {
    let (dir, path, store) = common::demo_store(200);
    drop(store);
    let ids: Vec<i64> = {
        let c = Connection::open(&path).unwrap();
        let mut st = c
            .prepare("SELECT id FROM leads WHERE stage IN ('new','engaged','mql','sql','opportunity') LIMIT 40")
            .unwrap();
        st.query_map([], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect()
    };
    for (round, ms) in [40u64, 90, 160, 300, 800].into_iter().enumerate() {
        let spec = Spec {
            role: "leadboard",
            name: format!("crash{round}"),
            db: path.clone(),
            log: dir.path().join(format!("crash{round}.log")),
            leads: ids.clone(),
            secs: 30.0,
            seed: round as u64,
        };
        let mut child = writer::spawn("crash::crash_writer_child", &spec);
        std::thread::sleep(Duration::from_millis(ms));
        child.kill().unwrap();
        child.wait().unwrap();
        common::history::integrity_ok(&path).unwrap_or_else(|e| panic!("round {round}: {e}"));
        common::history::history_chains(&path).unwrap_or_else(|e| panic!("round {round}: {e}"));
        // Each move wrote its event and its change record together.
        let c = Connection::open(&path).unwrap();
        let (events, changes): (i64, i64) = c
            .query_row(
                "SELECT (SELECT COUNT(*) FROM stage_events WHERE by LIKE 'crash%'), \
                        (SELECT COUNT(*) FROM lead_changes WHERE field = 'stage' AND by LIKE 'crash%')",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(events, changes, "round {round}");
        // Every write the child saw succeed is in the file.
        let log = std::fs::read_to_string(&spec.log).unwrap_or_default();
        for line in log.lines().filter(|l| l.starts_with("applied")) {
            let token = line.split_whitespace().nth(1).unwrap();
            let n: i64 = c
                .query_row(
                    "SELECT (SELECT COUNT(*) FROM stage_events WHERE reason = ?1) + \
                            (SELECT COUNT(*) FROM activities WHERE body = ?1) + \
                            (SELECT COUNT(*) FROM lead_changes WHERE new = ?1)",
                    [token],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(n, 1, "round {round}: {line}");
        }
    }
    let c = Connection::open(&path).unwrap();
    let moves: i64 = c
        .query_row(
            "SELECT COUNT(*) FROM stage_events WHERE by LIKE 'crash%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(moves > 0, "the writers never got to move anything");
}
