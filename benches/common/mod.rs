//! A demo file shared by the benchmarks: `LEADBOARD_BENCH_DB` to reuse one, else one with
//! `LEADBOARD_BENCH_LEADS` leads (default 100,000) made once per run in a temporary folder.

use chrono::{DateTime, Utc};
use leadboard::clock::Clock;
use leadboard::demo::{DemoOptions, generate};
use leadboard::store::{OpenMode, Store};
use leadboard::ui::theme::Theme;
use leadboard::ui::{Ctx, State};
use std::path::PathBuf;
use std::sync::OnceLock;

pub fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-25T09:00:00Z")
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_default()
}

pub fn db() -> &'static PathBuf {
    static DB: OnceLock<(Option<tempfile::TempDir>, PathBuf)> = OnceLock::new();
    &DB.get_or_init(|| {
        if let Some(p) = std::env::var_os("LEADBOARD_BENCH_DB") {
            return (None, PathBuf::from(p));
        }
        let leads = std::env::var("LEADBOARD_BENCH_LEADS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(100_000);
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = dir.path().join("bench.db");
        let mut store = Store::open(&path, OpenMode::CreateIfMissing).expect("bench file");
        generate(
            &mut store,
            &DemoOptions {
                leads,
                seed: 42,
                now: now(),
            },
        )
        .expect("demo data");
        (Some(dir), path)
    })
    .1
}

pub fn state(store: &Store, cols: u16, rows: u16) -> State {
    let ctx = Ctx {
        db_label: "bench.db".into(),
        user: "ana".into(),
        clock: Clock::Fixed(now()),
        read_only: store.is_read_only(),
        journal: store.journal_mode(),
        theme: Theme::dark(),
        role: None,
    };
    State::new(ctx, (cols, rows))
}
