//! `cargo bench --bench import`: rows per second of a 100k-row import against `sqlite3 .import`
//! of the same file into a bare table, and the peak memory of a ~200 MB import.
//! Set `IMPORT_BENCH_ROWS` to change the size of the first file; `IMPORT_BENCH_BIG=0` skips the big one.

#[path = "../tests/it/import_support/generated.rs"]
mod generate;

use std::path::Path;
use std::process::Command;
use std::time::Instant;

/// Only `init` (and `demo`) make a file; the import is timed into an empty one.
fn init(db: &Path) {
    if db.exists() {
        return;
    }
    let out = Command::new(env!("CARGO_BIN_EXE_leadboard"))
        .arg("--db")
        .arg(db)
        .arg("init")
        .output()
        .expect("running leadboard init");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn leadboard_import(db: &Path, csv: &Path) -> f64 {
    init(db);
    let started = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_leadboard"))
        .arg("--db")
        .arg(db)
        .args(["--as-of", "2026-11-25", "import"])
        .arg(csv)
        .output()
        .expect("running leadboard");
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    started.elapsed().as_secs_f64()
}

fn sqlite_import(db: &Path, csv: &Path) -> Option<f64> {
    let started = Instant::now();
    let status = Command::new("sqlite3")
        .arg(db)
        .args([".mode csv", &format!(".import {} t", csv.display())])
        .status()
        .ok()?;
    status.success().then(|| started.elapsed().as_secs_f64())
}

fn peak_kb(db: &Path, csv: &Path) -> Option<String> {
    init(db);
    let out = Command::new("/usr/bin/time")
        .args(["-f", "%M"])
        .arg(env!("CARGO_BIN_EXE_leadboard"))
        .arg("--db")
        .arg(db)
        .args(["--as-of", "2026-11-25", "import"])
        .arg(csv)
        .output()
        .ok()?;
    let err = String::from_utf8_lossy(&out.stderr);
    err.lines().last().map(|l| l.trim().to_string())
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let rows: usize = std::env::var("IMPORT_BENCH_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let csv = dir.path().join("leads.csv");
    generate::write_generated_csv(&csv, rows);
    let mb = std::fs::metadata(&csv).map(|m| m.len()).unwrap_or(0) as f64 / 1e6;
    for run in 1..=3 {
        let ours = leadboard_import(&dir.path().join(format!("lb{run}.db")), &csv);
        let theirs = sqlite_import(&dir.path().join(format!("bare{run}.db")), &csv);
        match theirs {
            Some(t) => println!(
                "{rows} rows ({mb:.0} MB): leadboard {ours:.2} s = {:.0} rows/s; sqlite3 .import {t:.2} s; ratio {:.1}x",
                rows as f64 / ours,
                ours / t
            ),
            None => println!(
                "{rows} rows: leadboard {ours:.2} s = {:.0} rows/s (no sqlite3 CLI)",
                rows as f64 / ours
            ),
        }
    }
    if std::env::var("IMPORT_BENCH_BIG").as_deref() != Ok("0") {
        let big = dir.path().join("big.csv");
        generate::write_generated_csv(&big, 1_200_000);
        let mb = std::fs::metadata(&big).map(|m| m.len()).unwrap_or(0) as f64 / 1e6;
        match peak_kb(&dir.path().join("big.db"), &big) {
            Some(kb) => println!("1200000 rows ({mb:.0} MB): peak RSS {kb} KB"),
            None => println!("no /usr/bin/time: peak memory not measured"),
        }
    }
}
