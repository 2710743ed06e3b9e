//! Checks on a file after concurrent or interrupted writers: whole, and every lead's stage
//! history a chain (created → each move from where the previous one went → its stage now).

use rusqlite::Connection;
use std::collections::HashMap;
use std::path::Path;

pub fn integrity_ok(path: &Path) -> Result<(), String> {
    let c = Connection::open(path).map_err(|e| e.to_string())?;
    let r: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| e.to_string())?;
    if r != "ok" {
        return Err(format!("integrity_check: {r}"));
    }
    let fk: i64 = c
        .query_row("SELECT COUNT(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .map_err(|e| e.to_string())?;
    if fk != 0 {
        return Err(format!("{fk} foreign-key problems"));
    }
    Ok(())
}

/// Every lead's events, in the order written, chain from creation to its current stage.
pub fn history_chains(path: &Path) -> Result<usize, String> {
    let c = Connection::open(path).map_err(|e| e.to_string())?;
    let mut stage: HashMap<i64, String> = HashMap::new();
    let mut st = c.prepare("SELECT id, stage FROM leads").unwrap();
    for row in st
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))
        .unwrap()
    {
        let (id, s) = row.unwrap();
        stage.insert(id, s);
    }
    let mut last: HashMap<i64, Option<String>> = HashMap::new();
    let mut st = c
        .prepare(
            "SELECT lead_id, from_stage, to_stage, id FROM stage_events ORDER BY lead_id, at, id",
        )
        .unwrap();
    let rows = st
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
            ))
        })
        .unwrap();
    for row in rows {
        let (lead, from, to, ev) = row.unwrap();
        let prev = last.get(&lead).cloned().flatten();
        if prev != from {
            return Err(format!(
                "lead {lead}: event {ev} moves from {from:?} but the previous event went to {prev:?}"
            ));
        }
        last.insert(lead, Some(to));
    }
    for (id, s) in &stage {
        let end = last.get(id).cloned().flatten();
        if end.as_deref() != Some(s.as_str()) {
            return Err(format!(
                "lead {id} is in {s} but its history ends in {end:?}"
            ));
        }
    }
    Ok(stage.len())
}
