//! Triage at 100,000 leads: a board reload (counts aggregated in SQL, only visible windows
//! fetched) with no filter, with a fuzzy search, with "mine" and with a flag; opening a detail.
//! `LEADBOARD_BENCH_DB=path` reuses a file made by `leadboard demo --leads 100000`.

use leadboard::clock::Clock;
use leadboard::demo::{DemoOptions, generate};
use leadboard::domain::{FlagFilter, LeadFilter};
use leadboard::store::{OpenMode, Store};
use leadboard::ui::effects::{self, Effect};
use leadboard::ui::theme::Theme;
use leadboard::ui::{Ctx, State};
use std::path::PathBuf;
use std::sync::OnceLock;

fn main() {
    divan::main();
}

fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339("2026-11-25T09:00:00Z")
        .map(|t| t.with_timezone(&chrono::Utc))
        .unwrap_or_default()
}

fn db() -> &'static PathBuf {
    static DB: OnceLock<PathBuf> = OnceLock::new();
    DB.get_or_init(|| {
        if let Some(p) = std::env::var_os("LEADBOARD_BENCH_DB") {
            return PathBuf::from(p);
        }
        let dir = std::env::temp_dir().join(format!("leadboard-bench-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("bench.db");
        let mut store = Store::open(&path, OpenMode::CreateIfMissing).expect("open");
        generate(
            &mut store,
            &DemoOptions {
                leads: std::env::var("LEADBOARD_BENCH_LEADS")
                    .ok()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(100_000),
                seed: 42,
                now: now(),
            },
        )
        .expect("demo data");
        path
    })
}

fn setup(filter: LeadFilter) -> (Store, State) {
    let store = Store::open(db(), OpenMode::Existing).expect("open");
    let ctx = Ctx {
        db_label: "bench.db".into(),
        user: "ana".into(),
        clock: Clock::Fixed(now()),
        read_only: false,
        journal: store.journal_mode(),
        theme: Theme::plain(),
        role: None,
    };
    let mut state = State::new(ctx, (160, 48));
    state.board.filter = filter;
    (store, state)
}

fn reload(filter: LeadFilter, bencher: divan::Bencher) {
    let (mut store, mut state) = setup(filter);
    bencher.bench_local(|| {
        effects::run(&mut store, &mut state, vec![Effect::ReloadBoard]);
        assert!(state.status.is_none());
    });
}

#[divan::bench(sample_count = 20)]
fn board_reload(bencher: divan::Bencher) {
    reload(LeadFilter::default(), bencher);
}

#[divan::bench(sample_count = 20)]
fn board_reload_fuzzy_search(bencher: divan::Bencher) {
    reload(
        LeadFilter {
            search: Some("acm lb".into()),
            ..Default::default()
        },
        bencher,
    );
}

#[divan::bench(sample_count = 20)]
fn board_reload_mine(bencher: divan::Bencher) {
    reload(
        LeadFilter {
            owner: Some("ana".into()),
            ..Default::default()
        },
        bencher,
    );
}

#[divan::bench(sample_count = 20)]
fn board_reload_stale(bencher: divan::Bencher) {
    reload(
        LeadFilter {
            flag: Some(FlagFilter::Stale(now())),
            ..Default::default()
        },
        bencher,
    );
}

#[divan::bench(sample_count = 20)]
fn open_detail(bencher: divan::Bencher) {
    let (mut store, mut state) = setup(LeadFilter::default());
    // A lead from the middle of the file, whatever its size.
    let id = (store.lead_count().unwrap_or(1) / 2).max(1);
    bencher.bench_local(|| {
        effects::run(&mut store, &mut state, vec![Effect::LoadDetail(id)]);
        assert!(state.detail.is_some());
    });
}
