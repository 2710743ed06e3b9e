//! A board whose write waits on another process's lock still answers: Esc gives the write up,
//! a stop signal ends it at once, and a second signal never skips giving the terminal back.

use crate::common;

use common::pty::{Pty, leadboard_bin};
use leadboard::store::{OpenMode, Store};
use std::path::Path;
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(10);

fn board(path: &Path) -> Pty {
    let db = path.to_str().unwrap();
    let pty = Pty::spawn(
        leadboard_bin(),
        &["--db", db, "--as-of", common::AS_OF],
        &[("LEADBOARD_USER", "ana"), ("NO_COLOR", "1")],
        120,
        40,
    );
    pty.wait_for("? help", WAIT).unwrap();
    pty
}

/// Another process holding the write lock, as a long import or a stuck script would.
fn hold_lock(path: &Path) -> rusqlite::Connection {
    let c = rusqlite::Connection::open(path).unwrap();
    c.execute_batch("BEGIN IMMEDIATE; UPDATE stages SET name = name WHERE key = 'new';")
        .unwrap();
    c
}

fn priorities(path: &Path) -> i64 {
    let c = rusqlite::Connection::open(path).unwrap();
    c.query_row("SELECT COUNT(*) FROM leads WHERE priority = 1", [], |r| {
        r.get(0)
    })
    .unwrap()
}

fn assert_restored(pty: &Pty) {
    assert!(!pty.in_alternate_screen(), "still on the alternate screen");
    assert!(!pty.raw_mode(), "terminal left in raw mode");
    let out = pty.output();
    let tail = String::from_utf8_lossy(&out[out.len().saturating_sub(4096)..]).into_owned();
    assert!(tail.contains("\x1b[?1049l"), "no leave-alternate-screen");
    assert!(tail.contains("\x1b[?25h"), "cursor not shown again");
    assert!(tail.contains("\x1b[?1000l"), "mouse capture not turned off");
}

fn signals_during_a_blocked_write(count: usize) {
    let (_dir, path, store) = common::demo_store(20);
    drop(store);
    let before = priorities(&path);
    let mut pty = board(&path);
    let lock = hold_lock(&path);
    pty.send("p");
    // The write is now waiting for the lock (it would wait about 8 s in all).
    std::thread::sleep(Duration::from_millis(400));
    let sent = Instant::now();
    for _ in 0..count {
        pty.signal(libc::SIGTERM);
        // Close together, as a service manager's repeated stop does: the second arrives
        // before the board has finished its first way out.
        std::thread::sleep(Duration::from_millis(1));
    }
    let status = pty.wait_exit(WAIT).expect("the board exits");
    let took = sent.elapsed();
    assert!(!status.success(), "a signal is a non-zero exit: {status:?}");
    assert!(
        took < Duration::from_secs(1),
        "the lock wait was cut short: {took:?}"
    );
    assert_restored(&pty);
    drop(lock);
    assert_eq!(
        priorities(&path),
        before,
        "the cancelled write changed nothing"
    );
    let s = Store::open(&path, OpenMode::Existing).unwrap();
    assert!(s.check().unwrap().is_ok());
}

#[test]
fn a_stop_signal_during_a_blocked_write_ends_the_wait_and_restores_the_terminal() {
    signals_during_a_blocked_write(1);
}

#[test]
fn a_second_signal_never_skips_the_restore() {
    signals_during_a_blocked_write(2);
}

#[test]
fn esc_gives_up_a_blocked_write_and_keys_typed_meanwhile_are_kept() {
    let (_dir, path, store) = common::demo_store(20);
    drop(store);
    let before = priorities(&path);
    let mut pty = board(&path);
    let lock = hold_lock(&path);
    pty.send("p");
    std::thread::sleep(Duration::from_millis(300));
    // `?` typed while waiting is kept and applied once the wait is over.
    pty.send("?");
    std::thread::sleep(Duration::from_millis(100));
    pty.send("\x1b");
    pty.wait_for("not saved", Duration::from_secs(3)).unwrap();
    drop(lock);
    assert_eq!(priorities(&path), before, "nothing was written");
    pty.wait_for("Keys: Board", Duration::from_secs(3))
        .expect("the help opened by the key typed during the wait");
    pty.send("q");
    pty.send("q");
    let status = pty.wait_exit(WAIT).expect("q quits");
    assert!(status.success(), "{status:?}");
}
