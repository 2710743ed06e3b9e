//! The import's rules: upsert by external id then e-mail, history of what changed, the closed
//! loop for disqualified leads, one transaction (or --skip-bad), dry runs, unknown reps.

use crate::common;
use crate::import_support;

use import_support::{by_ext, events, fixture, import_file, leads};
use leadboard::domain::{Money, Rep, Team};
use leadboard::store::{OpenMode, Store};
use std::path::{Path, PathBuf};

fn fresh() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("team.db");
    (dir, db)
}

fn csv(dir: &Path, name: &str, body: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, body).unwrap();
    p
}

fn changes(db: &Path, lead: i64) -> Vec<(i64, String, String, String)> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut st = conn
        .prepare("SELECT version, field, old, new FROM lead_changes WHERE lead_id = ?1 ORDER BY id")
        .unwrap();
    st.query_map([lead], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn upsert_updates_by_external_id_then_email() {
    let (dir, db) = fresh();
    let d = dir.path();
    let v0 = csv(d, "v0.csv", "name,email,stage\nCy,cy@x.example,new\n");
    let v1 = csv(
        d,
        "v1.csv",
        "external_id,name,email,stage,value\nX1,Ana,ana@x.example,mql,100\nX2,Bo,bo@x.example,new,0\n",
    );
    let v2 = csv(
        d,
        "v2.csv",
        "external_id,name,email,stage,value\nX1,Ana,ana@x.example,sql,250\nX2,Bo,bo@x.example,new,0\nX3,Cy Dube,CY@x.example,new,0\n",
    );
    assert!(import_file(&db, &v0, &[]).0);
    let (ok, out, _) = import_file(&db, &v1, &[]);
    assert!(
        ok && out.contains("created 2, updated 0, unchanged 0"),
        "{out}"
    );
    let (ok, out, _) = import_file(&db, &v2, &[]);
    assert!(
        ok && out.contains("created 0, updated 2, unchanged 1, refused 0, bad 0"),
        "{out}"
    );

    let all = leads(&db);
    assert_eq!(all.len(), 3, "updated, not duplicated");
    let ana = by_ext(&all, "X1");
    assert_eq!(
        (ana.stage.as_str(), ana.value, ana.version),
        ("sql", Money(25_000), 2)
    );
    assert_eq!(ana.stage_entered_at, common::now());
    let ev = &events(&db, ana.id)[0];
    assert_eq!(
        (ev.from.as_deref(), ev.to.as_str(), ev.reason.as_str()),
        (Some("mql"), "sql", "import")
    );
    assert_eq!(ev.by, "tester");
    let ch = changes(&db, ana.id);
    assert_eq!(
        ch,
        vec![
            (2, "stage".into(), "mql".into(), "sql".into()),
            (2, "value".into(), "10000".into(), "25000".into()),
        ]
    );
    // Cy had no external id: matched by e-mail (any case), renamed, and given X3.
    let cy = by_ext(&all, "X3");
    assert_eq!((cy.name.as_str(), cy.version), ("Cy Dube", 2));
    assert_eq!(
        by_ext(&all, "X2").version,
        1,
        "an unchanged row does not bump the version"
    );

    let (ok, out, _) = import_file(&db, &v2, &[]);
    assert!(
        ok && out.contains("created 0, updated 0, unchanged 3"),
        "{out}"
    );
    assert_eq!(by_ext(&leads(&db), "X1").version, 2);
}

#[test]
fn disqualified_leads_are_not_delivered_again() {
    let (dir, db) = fresh();
    let d = dir.path();
    let first = csv(
        d,
        "a.csv",
        "external_id,name,email,stage\nD1,Dan,dan@x.example,mql\n",
    );
    assert!(import_file(&db, &first, &[]).0);
    let id = by_ext(&leads(&db), "D1").id;
    Store::open(&db, OpenMode::Existing)
        .unwrap()
        .move_lead(id, "disqualified", "No budget", "maria", 1, common::now())
        .unwrap();

    let again = csv(
        d,
        "b.csv",
        "external_id,name,email,stage\nD1,Dan,dan@x.example,mql\n,Eve,eve@x.example,mql\n",
    );
    let (ok, out, _) = import_file(&db, &again, &[]);
    assert!(ok, "{out}");
    let want = format!("refused: line 2: lead {id} disqualified on 2026-11-25 by maria: No budget");
    assert!(out.contains(&want), "{out}");
    assert!(
        out.contains("created 1, updated 0, unchanged 0, refused 1, bad 0"),
        "{out}"
    );
    // The same person coming back without the CRM id is caught by e-mail.
    let by_mail = csv(
        d,
        "c.csv",
        "name,email,stage\nDan again,DAN@x.example,sql\n",
    );
    let (ok, out, _) = import_file(&db, &by_mail, &[]);
    assert!(
        ok && out.contains(&format!("refused: line 2: lead {id} disqualified")),
        "{out}"
    );
    let dan = by_ext(&leads(&db), "D1").clone();
    assert_eq!((dan.stage.as_str(), dan.version), ("disqualified", 2));

    let (ok, out, _) = import_file(&db, &first, &["--allow-disqualified"]);
    assert!(
        ok && out.contains("updated 1") && out.contains("refused 0"),
        "{out}"
    );
    let dan = by_ext(&leads(&db), "D1").clone();
    assert_eq!(dan.stage, "mql");
    let ev = &events(&db, id)[0];
    assert_eq!(
        (ev.from.as_deref(), ev.to.as_str(), ev.reason.as_str()),
        (Some("disqualified"), "mql", "import")
    );
}

#[test]
fn one_bad_row_writes_nothing_unless_skip_bad() {
    let (_d, db) = fresh();
    let f = fixture("bad_rows.csv");
    let (ok, out, _) = import_file(&db, &f, &[]);
    assert!(!ok);
    for want in [
        "line 3, column \"stage\": unknown stage \"Oportunity\"; the closest known one is \"opportunity\"",
        "line 4, column \"created_at\": \"05/01/2024\" is ambiguous",
        "line 5: wrong column count: 2 cells, the header has 4",
        "line 6: duplicate in the file: line 2 already names the same lead",
        "created 1, updated 0, unchanged 0, refused 0, bad 4 — nothing written",
    ] {
        assert!(out.contains(want), "missing {want:?} in:\n{out}");
    }
    assert!(leads(&db).is_empty());

    let (ok, out, _) = import_file(&db, &f, &["--skip-bad"]);
    assert!(ok, "{out}");
    assert!(
        out.contains("bad 4 — written") && out.contains("line 3, column \"stage\""),
        "{out}"
    );
    let all = leads(&db);
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].email, "ana@x.example");
}

#[test]
fn dry_run_reports_and_writes_nothing() {
    let (_d, db) = fresh();
    let (ok, out, _) = import_file(&db, &fixture("hubspot_deals.csv"), &["--dry-run"]);
    assert!(ok);
    assert!(
        out.contains(
            "created 4, updated 0, unchanged 0, refused 0, bad 0 — dry run: nothing written"
        ),
        "{out}"
    );
    assert!(
        out.contains("new reps: jane.doe (Jane Doe, sales)"),
        "{out}"
    );
    assert!(leads(&db).is_empty());
    let store = Store::open(&db, OpenMode::Existing).unwrap();
    assert!(
        store.reps().unwrap().is_empty(),
        "reps are not created by a dry run"
    );
}

#[test]
fn owners_match_existing_reps_by_name_or_are_refused_when_asked() {
    let (dir, db) = fresh();
    let mut store = Store::open(&db, OpenMode::CreateIfMissing).unwrap();
    store
        .add_rep(
            &Rep {
                handle: "jd".into(),
                name: "Jane Doe".into(),
                team: Team::Sales,
                active_from: chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap(),
                active_to: None,
            },
            "lead",
            chrono::DateTime::from_timestamp(1_767_225_600, 0).unwrap(),
        )
        .unwrap();
    drop(store);
    let (ok, out, _) = import_file(&db, &fixture("hubspot_deals.csv"), &[]);
    assert!(ok, "{out}");
    assert!(
        out.contains("new reps: john.smith (John Smith, sales)\n"),
        "{out}"
    );
    assert_eq!(
        by_ext(&leads(&db), "hubspot-deal:9876543210")
            .owner
            .as_deref(),
        Some("jd")
    );

    let map = dir.path().join("refuse.toml");
    let base = std::fs::read_to_string(fixture("dmy.toml")).unwrap();
    std::fs::write(&map, format!("{base}\n[reps]\nunknown = \"refuse\"\n")).unwrap();
    let (ok, out, _) = import_file(&db, &fixture("dmy.csv"), &["--map", map.to_str().unwrap()]);
    assert!(!ok);
    assert!(
        out.contains("line 2, column \"owner\": unknown rep \"jane\""),
        "{out}"
    );
}

fn index_sql(db: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut st = conn
        .prepare(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name",
        )
        .unwrap();
    st.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn a_big_import_leaves_every_index_as_it_was() {
    let (dir, db) = fresh();
    Store::open(&db, OpenMode::CreateIfMissing).unwrap();
    let before = index_sql(&db);
    assert!(before.len() >= 7, "{before:?}");
    let f = dir.path().join("gen.csv");
    import_support::write_generated_csv(&f, 3_000);
    let (ok, out, err) = import_file(&db, &f, &["--dry-run"]);
    assert!(ok, "dry run failed:\n{out}\n{err}");
    assert_eq!(index_sql(&db), before, "a dry run rolls the rebuild back");
    let (ok, out, _) = import_file(&db, &f, &[]);
    assert!(ok && out.contains("created 3000"), "{out}");
    assert_eq!(index_sql(&db), before);
    let conn = rusqlite::Connection::open(&db).unwrap();
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
}
