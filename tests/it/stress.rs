//! Several processes change the same few leads at once: leadboard writers (the store API)
//! and a plain rusqlite script. Afterwards every write reported as applied is in the file,
//! every refused one was reported and left no trace, each lead's stage history is a
//! complete chain, and the file passes integrity_check.
//!
//! CI runs it for a few seconds. By hand, longer and wider:
//! `LEADBOARD_STRESS_SECS=60 LEADBOARD_STRESS_PROCS=8 cargo test --release --test it stress:: -- --nocapture`

use crate::common;

use common::writer::{self, Spec};
use rusqlite::{Connection, OptionalExtension};
use std::collections::HashMap;

fn env_num(k: &str, default: f64) -> f64 {
    std::env::var(k)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The child side: runs a writer loop when started by the test below, else does nothing.
#[test]
#[ignore = "started as a child process by many_writers_lose_nothing"]
fn stress_writer_child() {
    if let Some(spec) = writer::from_env() {
        writer::run(&spec);
    }
}

#[derive(Default, Debug)]
struct Tally {
    attempted: usize,
    applied: usize,
    conflicts: usize,
    locked: usize,
}

#[test]
fn many_writers_lose_nothing() {
    let secs = env_num("LEADBOARD_STRESS_SECS", 3.0);
    let procs = env_num("LEADBOARD_STRESS_PROCS", 3.0) as usize;
    let (dir, path, store) = common::demo_store(60);
    // The hot set: six leads in open stages, so writers collide all the time.
    let hot: Vec<i64> = {
        let c = Connection::open(&path).unwrap();
        let mut st = c
            .prepare("SELECT id FROM leads WHERE stage IN ('new','engaged','mql','sql','opportunity') ORDER BY id LIMIT 6")
            .unwrap();
        st.query_map([], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect()
    };
    assert_eq!(hot.len(), 6);
    let start_versions: HashMap<i64, i64> = hot
        .iter()
        .map(|&id| (id, store.lead(id).unwrap().version))
        .collect();
    drop(store);

    let mut specs = Vec::new();
    for i in 0..procs {
        specs.push(Spec {
            role: "leadboard",
            name: format!("w{i}"),
            db: path.clone(),
            log: dir.path().join(format!("w{i}.log")),
            leads: hot.clone(),
            secs,
            seed: 100 + i as u64,
        });
    }
    specs.push(Spec {
        role: "script",
        name: "script".into(),
        db: path.clone(),
        log: dir.path().join("script.log"),
        leads: hot.clone(),
        secs,
        seed: 7,
    });
    let children: Vec<_> = specs
        .iter()
        .map(|s| writer::spawn("stress::stress_writer_child", s))
        .collect();
    for mut c in children {
        assert!(c.wait().unwrap().success(), "a writer process failed");
    }

    let c = Connection::open(&path).unwrap();
    let mut tally = Tally::default();
    let mut lost = Vec::new();
    let mut leaked = Vec::new();
    let mut bumps: HashMap<i64, i64> = HashMap::new();
    for s in &specs {
        let log = std::fs::read_to_string(&s.log).unwrap();
        for line in log.lines() {
            let f: Vec<&str> = line.split_whitespace().collect();
            let (outcome, token, id) = (f[0], f[1], f[2].parse::<i64>().unwrap());
            tally.attempted += 1;
            let present = token_in_file(&c, token, id, &f[3..]);
            match outcome {
                "applied" => {
                    tally.applied += 1;
                    if f[3] != "contact" && f[3] != "insert" {
                        *bumps.entry(id).or_default() += 1;
                    }
                    if !present {
                        lost.push(line.to_string());
                    }
                }
                "conflict" | "locked" => {
                    if outcome == "conflict" {
                        tally.conflicts += 1;
                    } else {
                        tally.locked += 1;
                    }
                    if present {
                        leaked.push(line.to_string());
                    }
                }
                _ => panic!("unexpected outcome: {line}"),
            }
        }
    }
    eprintln!(
        "stress: {} processes ({procs} leadboard + 1 script) for {secs}s: attempted {}, applied {}, \
         conflicts reported {}, locked reported {}, lost {}",
        procs + 1,
        tally.attempted,
        tally.applied,
        tally.conflicts,
        tally.locked,
        lost.len()
    );
    assert!(lost.is_empty(), "applied but missing: {lost:?}");
    assert!(leaked.is_empty(), "refused but present: {leaked:?}");
    assert!(
        tally.applied > 0 && tally.conflicts > 0,
        "{tally:?}: no contention happened"
    );
    // Every version step of a hot lead is one applied move, edit or score bump.
    for id in &hot {
        let v: i64 = c
            .query_row("SELECT version FROM leads WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(
            v,
            start_versions[id] + bumps.get(id).copied().unwrap_or(0),
            "lead {id}"
        );
    }
    common::history::integrity_ok(&path).unwrap();
    common::history::history_chains(&path).unwrap();
}

/// Is the write named by `token` in the file, exactly once?
fn token_in_file(c: &Connection, token: &str, id: i64, what: &[&str]) -> bool {
    let count = |sql: &str, p: &[&dyn rusqlite::ToSql]| -> i64 {
        c.query_row(sql, p, |r| r.get(0)).unwrap()
    };
    let n = match what.first().copied() {
        Some("move") => count(
            "SELECT COUNT(*) FROM stage_events WHERE reason = ?1 AND lead_id = ?2 AND from_stage = ?3 AND to_stage = ?4",
            &[&token, &id, &what[1], &what[2]],
        ),
        Some("contact") => count(
            "SELECT COUNT(*) FROM activities WHERE body = ?1 AND lead_id = ?2",
            &[&token, &id],
        ),
        Some("edit") => count(
            "SELECT COUNT(*) FROM lead_changes WHERE new = ?1 AND lead_id = ?2 AND field = 'next_step'",
            &[&token, &id],
        ),
        Some("insert") => count(
            "SELECT COUNT(*) FROM leads l JOIN stage_events e ON e.lead_id = l.id AND e.reason = l.name \
             WHERE l.name = ?1",
            &[&token],
        ),
        Some("score") => match what.get(1) {
            // Applied: the change row for the version it produced.
            Some(v) => count(
                "SELECT COUNT(*) FROM lead_changes WHERE lead_id = ?1 AND version = ?2 AND field = 'score' AND by = 'script'",
                &[&id, &v.parse::<i64>().unwrap()],
            ),
            None => 0, // a refused bump writes nothing that names it
        },
        // A refused script write (busy) names nothing either.
        Some("script") => c
            .query_row("SELECT 1 FROM leads WHERE name = ?1", [token], |r| {
                r.get::<_, i64>(0)
            })
            .optional()
            .unwrap()
            .unwrap_or(0),
        other => panic!("unknown write kind {other:?}"),
    };
    n == 1
}
