//! Shared test fixtures: temporary files, a fixed "now", the demo data, the binary.
#![allow(dead_code)]

pub mod history;
pub mod pty;
pub mod sshd;
pub mod writer;

use chrono::{DateTime, Utc};
use leadboard::clock::Clock;
use leadboard::demo::{DemoOptions, generate};
use leadboard::store::{OpenMode, Store};
use leadboard::ui::theme::Theme;
use leadboard::ui::{Ctx, State};
use std::path::PathBuf;
use tempfile::TempDir;

/// Every test's "now": a Wednesday, so weeks and months have elapsed parts.
pub const AS_OF: &str = "2026-11-25T09:00:00Z";

pub fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(AS_OF)
        .unwrap()
        .with_timezone(&Utc)
}

/// A fresh, migrated, empty file in its own temporary folder (kept alive by the TempDir).
pub fn empty_store() -> (TempDir, PathBuf, Store) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("team.db");
    let store = Store::open(&path, OpenMode::CreateIfMissing).unwrap();
    (dir, path, store)
}

/// The demo data (seed 42) at `AS_OF`.
pub fn demo_store(leads: usize) -> (TempDir, PathBuf, Store) {
    let (dir, path, mut store) = empty_store();
    generate(
        &mut store,
        &DemoOptions {
            leads,
            seed: 42,
            now: now(),
        },
    )
    .unwrap();
    (dir, path, store)
}

/// A UI state on that store, as the TUI would start it, at a fixed size.
pub fn ui_state(store: &Store, cols: u16, rows: u16) -> State {
    let ctx = Ctx {
        db_label: "team.db".into(),
        user: "ana".into(),
        clock: Clock::Fixed(now()),
        read_only: store.is_read_only(),
        journal: store.journal_mode(),
        theme: Theme::plain(),
        role: None,
    };
    State::new(ctx, (cols, rows))
}

/// The built binary, for CLI tests.
pub fn bin() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("leadboard").unwrap();
    cmd.env_remove("LEADBOARD_DB")
        .env("LEADBOARD_USER", "tester")
        .env("NO_COLOR", "1");
    cmd
}

/// How many leads the file holds, read with plain SQL.
pub fn count_leads(path: &std::path::Path) -> i64 {
    let c = rusqlite::Connection::open(path).unwrap();
    c.query_row("SELECT COUNT(*) FROM leads", [], |r| r.get(0))
        .unwrap()
}
