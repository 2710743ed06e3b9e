//! Key press → next frame latency percentiles (p50 / p99 / max), excluding the terminal's own
//! drawing: update, effects (store reads) and rendering into a buffer.
//! Run by hand: `cargo bench --bench key_latency` (README, Performance). Target: p99 ≤ 8 ms.

mod common;

use leadboard::store::{OpenMode, Store};
use leadboard::ui::canvas::Canvas;
use leadboard::ui::effects;
use leadboard::ui::update::update;
use leadboard::ui::views;
use leadboard::ui::{Action, View};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::time::{Duration, Instant};

/// Each case: a name and the key sequence it cycles through (so the state keeps moving).
fn cases() -> Vec<(&'static str, Vec<Action>)> {
    vec![
        (
            "down/up",
            vec![Action::Down, Action::Down, Action::Up, Action::Up],
        ),
        (
            "page down/up",
            vec![
                Action::PageDown,
                Action::PageDown,
                Action::PageUp,
                Action::PageUp,
            ],
        ),
        (
            "right/left",
            vec![Action::Right, Action::Right, Action::Left, Action::Left],
        ),
        ("bottom/top", vec![Action::Bottom, Action::Top]),
        // Detail reads the lead, its stage history and its activities.
        ("open detail/back", vec![Action::Open, Action::Back]),
        // `M` (only my leads) reloads every column through the filter; `F` clears it.
        ("filter mine/clear", vec![Action::Mine, Action::ClearFilter]),
        ("reload (Ctrl-r)", vec![Action::Refresh]),
        // The first visit of each view computes its figures (that is the max); later visits
        // reuse them while the file is unchanged.
        (
            "switch views 1-4",
            vec![
                Action::ShowView(View::Sla),
                Action::ShowView(View::Flags),
                Action::ShowView(View::Funnel),
                Action::ShowView(View::Board),
            ],
        ),
    ]
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn main() {
    let presses: usize = std::env::var("LEADBOARD_BENCH_PRESSES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let db = common::db();
    let mut store = Store::open(db, OpenMode::Existing).expect("open");
    // LEADBOARD_SQL_TRACE=FILE writes every statement run, as `leadboard` itself does.
    if let Some(p) = std::env::var_os("LEADBOARD_SQL_TRACE") {
        store
            .trace_sql_to(std::path::Path::new(&p))
            .expect("trace file");
    }
    let leads = store.lead_count().unwrap_or(0);
    println!("{leads} leads, {presses} presses per case, 160x48");
    println!("{:<18} {:>9} {:>9} {:>9}", "keys", "p50", "p99", "max");
    // LEADBOARD_BENCH_ONLY=a,b runs only the cases whose names start with one of them.
    let only = std::env::var("LEADBOARD_BENCH_ONLY").unwrap_or_default();
    let picked = |name: &str| only.is_empty() || only.split(',').any(|o| name.starts_with(o));
    for (name, keys) in cases().into_iter().filter(|(n, _)| picked(n)) {
        let mut state = common::state(&store, 160, 48);
        effects::run(&mut store, &mut state, vec![effects::Effect::ReloadBoard]);
        let mut terminal = Terminal::new(TestBackend::new(160, 48)).expect("terminal");
        let mut times = Vec::with_capacity(presses);
        for i in 0..presses {
            let action = keys[i % keys.len()].clone();
            let t = Instant::now();
            let fx = update(&mut state, action);
            effects::run(&mut store, &mut state, fx);
            terminal
                .draw(|f| views::render(&state, &mut Canvas::new(f.buffer_mut())))
                .expect("draw to a test buffer");
            times.push(t.elapsed());
        }
        // The first presses of a case are the cold ones (first visit of a view).
        let first: Vec<String> = times
            .iter()
            .take(keys.len())
            .map(|d| format!("{:.1}", d.as_secs_f64() * 1e3))
            .collect();
        times.sort();
        println!(
            "{:<18} {:>7.2}ms {:>7.2}ms {:>7.2}ms   first presses: {} ms",
            name,
            percentile(&times, 0.5).as_secs_f64() * 1e3,
            percentile(&times, 0.99).as_secs_f64() * 1e3,
            times.last().copied().unwrap_or_default().as_secs_f64() * 1e3,
            first.join(", ")
        );
    }
}
