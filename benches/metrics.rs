//! Time the meeting's numbers on a large demo file: `cargo bench --bench metrics`.
//! Leads default to 100,000; set `LEADBOARD_BENCH_LEADS` for another size. No harness:
//! each step runs three times and the best time is printed.

use chrono::{DateTime, Utc};
use leadboard::demo::{DemoOptions, generate};
use leadboard::io::{gather, report};
use leadboard::store::{OpenMode, Store};
use std::time::{Duration, Instant};

fn best<T>(label: &str, mut f: impl FnMut() -> T) {
    let mut times = Vec::new();
    for _ in 0..3 {
        let start = Instant::now();
        std::hint::black_box(f());
        times.push(start.elapsed());
    }
    let best = times.iter().min().copied().unwrap_or(Duration::ZERO);
    println!(
        "{label:<28} best of 3: {:>8.1} ms",
        best.as_secs_f64() * 1000.0
    );
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let leads: usize = std::env::var("LEADBOARD_BENCH_LEADS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let now: DateTime<Utc> = "2026-11-25T09:00:00Z".parse()?;
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("bench.db");
    let mut store = Store::open(&path, OpenMode::CreateIfMissing)?;
    let s = generate(
        &mut store,
        &DemoOptions {
            leads,
            seed: 42,
            now,
        },
    )?;
    println!(
        "{} leads, {} activities, {} stage events",
        s.leads, s.activities, s.events
    );
    let (plan, agreements) = gather::plan(&store, now)?;
    best("sla (gauges + first contact)", || {
        gather::sla(&store, &plan, &agreements)
    });
    best("flags", || {
        let sla = gather::gauges(&store, &plan, &agreements)?;
        gather::flags(&store, &plan, Some(&sla))
    });
    best("funnel", || gather::funnel(&store, None, now));
    best("report json", || {
        gather::report(&store, now).map(|r| report::json(&r))
    });
    Ok(())
}
