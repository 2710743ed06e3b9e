//! The demo database: deterministic, realistic, with an example of every red flag.

use crate::common;

use rusqlite::Connection;

fn dump(path: &std::path::Path) -> Vec<String> {
    let conn = Connection::open(path).unwrap();
    let mut out = Vec::new();
    for (table, order) in [
        ("reps", "handle"),
        ("campaigns", "id"),
        ("leads", "id"),
        ("activities", "id"),
        ("stage_events", "id"),
    ] {
        let sql = format!("SELECT * FROM {table} ORDER BY {order}");
        let mut st = conn.prepare(&sql).unwrap();
        let n = st.column_count();
        let rows = st
            .query_map([], |r| {
                let mut s = String::new();
                for i in 0..n {
                    let v: rusqlite::types::Value = r.get(i)?;
                    s.push_str(&format!("{v:?}|"));
                }
                Ok(s)
            })
            .unwrap();
        for r in rows {
            out.push(format!("{table}:{}", r.unwrap()));
        }
    }
    out
}

#[test]
fn same_seed_same_data_other_seed_other_data() {
    let (_a, pa, sa) = common::demo_store(300);
    let (_b, pb, sb) = common::demo_store(300);
    drop((sa, sb));
    assert_eq!(dump(&pa), dump(&pb));
    let (_c, pc, mut sc) = common::empty_store();
    leadboard::demo::generate(
        &mut sc,
        &leadboard::demo::DemoOptions {
            leads: 300,
            seed: 7,
            now: common::now(),
        },
    )
    .unwrap();
    drop(sc);
    assert_ne!(dump(&pa), dump(&pc));
}

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn demo_has_every_kind_of_red_flag_and_a_healthy_shape() {
    let (_d, path, store) = common::demo_store(400);
    assert!(store.check().unwrap().is_ok());
    drop(store);
    let c = Connection::open(&path).unwrap();
    let now = "'2026-11-25T09:00:00Z'";
    assert!(count(&c, "SELECT COUNT(*) FROM reps WHERE team = 'marketing'") >= 2);
    assert!(count(&c, "SELECT COUNT(*) FROM reps WHERE team = 'sales'") >= 3);
    assert!((3..=5).contains(&count(&c, "SELECT COUNT(*) FROM campaigns")));
    // Dates spread over the last ~10 weeks, none in the future.
    assert_eq!(
        count(
            &c,
            &format!("SELECT COUNT(*) FROM leads WHERE created_at > {now}")
        ),
        0
    );
    assert!(
        count(
            &c,
            &format!(
                "SELECT COUNT(*) FROM leads WHERE julianday({now}) - julianday(created_at) > 49"
            )
        ) > 20
    );
    assert_eq!(
        count(
            &c,
            &format!("SELECT COUNT(*) FROM activities WHERE at > {now}")
        ),
        0
    );
    assert_eq!(
        count(
            &c,
            &format!("SELECT COUNT(*) FROM stage_events WHERE at > {now}")
        ),
        0
    );
    // Uncontacted past the 48 h SLA.
    assert!(
        count(
            &c,
            &format!(
                "SELECT COUNT(*) FROM leads WHERE delivered_at IS NOT NULL AND first_contact_at IS NULL \
         AND julianday({now}) - julianday(delivered_at) > 2"
            )
        ) > 0
    );
    // Stale in an open stage.
    assert!(
        count(
            &c,
            &format!(
                "SELECT COUNT(*) FROM leads l JOIN stages s ON s.key = l.stage WHERE s.kind = 'open' \
         AND julianday({now}) - julianday(l.stage_entered_at) > s.stale_after_days"
            )
        ) > 0
    );
    // Overdue next steps, and open sales-owned leads without one.
    assert!(
        count(
            &c,
            "SELECT COUNT(*) FROM leads WHERE next_step_due < '2026-11-25'"
        ) > 0
    );
    assert!(
        count(
            &c,
            "SELECT COUNT(*) FROM leads l JOIN stages s ON s.key = l.stage \
         WHERE s.kind = 'open' AND s.owner_team = 'sales' AND l.next_step = ''"
        ) > 0
    );
    // Priority accounts untouched for 14 days.
    assert!(
        count(
            &c,
            &format!(
                "SELECT COUNT(*) FROM leads WHERE priority = 1 AND \
         (last_activity_at IS NULL OR julianday({now}) - julianday(last_activity_at) > 14)"
            )
        ) > 0
    );
    // A disqualified lead delivered again, and a recycle without a reason.
    assert!(
        count(
            &c,
            "SELECT COUNT(*) FROM leads a JOIN leads b ON a.email = b.email AND a.id < b.id \
         WHERE 'disqualified' IN (a.stage, b.stage)"
        ) > 0
    );
    assert!(
        count(
            &c,
            "SELECT COUNT(*) FROM stage_events WHERE to_stage = 'recycled' AND reason = ''"
        ) > 0
    );
    // Every lead's history ends in its current stage.
    assert_eq!(
        count(
            &c,
            "SELECT COUNT(*) FROM leads l WHERE l.stage <> (SELECT to_stage FROM stage_events e \
         WHERE e.lead_id = l.id ORDER BY at DESC, id DESC LIMIT 1)"
        ),
        0
    );
}
