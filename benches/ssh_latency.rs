//! Key press → frame through OpenSSH on localhost: a private sshd (the one the hosting tests
//! start), `ssh -tt` in a pty, the board run by the forced command of `access authorized-keys`.
//! Measured from writing a key to the client's pty until the frame's bytes stop arriving.
//! Run by hand: `cargo bench --bench ssh_latency` (README, Performance). Target: p99 ≤ 20 ms.

#[allow(dead_code)]
mod common;
#[path = "../tests/it/common/sshd.rs"]
#[allow(dead_code)]
mod sshd;

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::process::Command;
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// No new byte for this long ends a frame.
const QUIET: Duration = Duration::from_millis(4);

fn lb(db: &std::path::Path, args: &[&str]) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_leadboard"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("run leadboard");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn main() {
    let presses: usize = std::env::var("LEADBOARD_BENCH_PRESSES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(400);
    let dir = tempfile::tempdir().expect("temporary folder");
    // A copy: the access list is a write, and the shared bench file stays as it was.
    let db = dir.path().join("team.db");
    lb(common::db(), &["backup", db.to_str().unwrap()]);
    let key = sshd::keygen(dir.path(), "rep");
    let pubkey = format!("{}.pub", key.display());
    lb(
        &db,
        &[
            "access",
            "add",
            "rep",
            "--role",
            "rep",
            "--key-file",
            &pubkey,
        ],
    );
    let lines = lb(&db, &["access", "authorized-keys"]);
    std::fs::write(dir.path().join("authorized_keys"), lines).expect("authorized_keys");
    let server = sshd::Sshd::start(dir.path(), "");

    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 48,
            cols: 160,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("pty");
    let mut cmd = CommandBuilder::new("ssh");
    cmd.args(server.client_args(&key));
    cmd.args(["-tt", &server.destination()]);
    cmd.env("TERM", "xterm-256color");
    let mut child = pair.slave.spawn_command(cmd).expect("ssh");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let mut writer = pair.master.take_writer().expect("writer");
    let (tx, rx) = mpsc::channel::<(Instant, Vec<u8>)>();
    std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send((Instant::now(), buf[..n].to_vec())).is_err() {
                break;
            }
        }
    });
    // Wait for the first full board.
    let mut seen = Vec::new();
    let start = Instant::now();
    while !String::from_utf8_lossy(&seen).contains("? help") {
        match rx.recv_timeout(Duration::from_secs(20)) {
            Ok((_, b)) => seen.extend(b),
            Err(_) => panic!(
                "no board through ssh within 20 s\nsshd log:\n{}",
                server.log()
            ),
        }
    }
    let connect = start.elapsed();
    drain(&rx);

    let mut times = Vec::with_capacity(presses);
    let mut missed = 0;
    for i in 0..presses {
        let key = if i % 4 < 2 { "j" } else { "k" };
        let t = Instant::now();
        writer.write_all(key.as_bytes()).expect("type");
        writer.flush().expect("flush");
        let Ok((mut last, _)) = rx.recv_timeout(Duration::from_secs(2)) else {
            missed += 1;
            continue;
        };
        while let Ok((at, _)) = rx.recv_timeout(QUIET) {
            last = at;
        }
        times.push(last - t);
        std::thread::sleep(Duration::from_millis(10));
    }
    writer.write_all(b"q").expect("quit");
    let _ = child.wait();
    times.sort();
    let pct = |p: f64| {
        let i = ((times.len() as f64 - 1.0) * p).round() as usize;
        times[i.min(times.len() - 1)].as_secs_f64() * 1e3
    };
    println!(
        "ssh localhost, 160x48, {} presses (j/k), connect {:.0} ms: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms{}",
        times.len(),
        connect.as_secs_f64() * 1e3,
        pct(0.5),
        pct(0.99),
        times.last().map_or(0.0, |d| d.as_secs_f64() * 1e3),
        if missed > 0 {
            format!(", {missed} presses drew nothing")
        } else {
            String::new()
        }
    );
}

/// Lets the first frames settle (at most two seconds).
fn drain(rx: &mpsc::Receiver<(Instant, Vec<u8>)>) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(2) {
        match rx.recv_timeout(Duration::from_millis(300)) {
            Ok(_) => {}
            Err(_) => return,
        }
    }
}
