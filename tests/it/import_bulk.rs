//! A bulk import (more rows than the file holds) drops the read indexes and summary triggers
//! and restores them at commit. Into an empty file it also skips key lookups that cannot
//! hit. Both shortcuts must leave the same file as the slow path.

use crate::common;
use crate::import_support::{by_ext, import_file, leads};
use leadboard::domain::LeadFilter;
use leadboard::store::{OpenMode, Store};
use std::path::{Path, PathBuf};

fn csv(dir: &Path, name: &str, body: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, body).unwrap();
    p
}

/// `leadboard check`: integrity, triggers in place, kept figures equal to a recount.
fn check_clean(db: &Path) {
    let out = common::bin()
        .arg("--db")
        .arg(db)
        .arg("check")
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && text.contains("ok:"), "{text}");
}

fn totals(db: &Path) -> Vec<(String, i64, i64)> {
    let store = Store::open(db, OpenMode::Existing).unwrap();
    let mut t: Vec<_> = store
        .board_summary(&LeadFilter::default())
        .unwrap()
        .into_iter()
        .filter(|c| c.count > 0)
        .map(|c| (c.stage, c.count, c.value.cents()))
        .collect();
    t.sort();
    t
}

fn furthest(db: &Path, ext: &str) -> Option<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row(
        "SELECT furthest FROM leads WHERE external_id = ?1",
        [ext],
        |r| r.get(0),
    )
    .unwrap()
}

#[test]
fn into_an_empty_file_duplicates_are_still_found_by_id_and_by_email() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("team.db");
    let f = csv(
        d.path(),
        "a.csv",
        "external_id,name,email,stage,value\n\
         A1,Ana,ana@x.example,mql,100\n\
         A2,Bo,bo@x.example,sql,200\n\
         A1,Ana again,,mql,\n\
         ,Cy,ANA@x.example,new,\n\
         A3,Di,di@x.example,won,50\n\
         A4,Ed,ed@x.example,disqualified,70\n",
    );
    let (ok, out, _) = import_file(&db, &f, &["--skip-bad"]);
    assert!(ok, "{out}");
    for want in [
        "line 4: duplicate in the file: line 2 already names the same lead",
        "line 5: duplicate in the file: line 2 already names the same lead",
        "created 4",
    ] {
        assert!(out.contains(want), "missing {want:?} in:\n{out}");
    }
    let all = leads(&db);
    assert_eq!(by_ext(&all, "A1").name, "Ana");
    check_clean(&db);
    assert_eq!(
        totals(&db),
        [
            ("disqualified".into(), 1, 7_000),
            ("mql".into(), 1, 10_000),
            ("sql".into(), 1, 20_000),
            ("won".into(), 1, 5_000),
        ]
    );
    // A new lead's furthest stage is its own, unless it is an exit.
    assert_eq!(furthest(&db, "A3").as_deref(), Some("won"));
    assert_eq!(furthest(&db, "A2").as_deref(), Some("sql"));
    assert_eq!(furthest(&db, "A4"), None);
}

#[test]
fn a_bulk_import_over_a_few_leads_keeps_the_kept_figures_right() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("team.db");
    let first = csv(
        d.path(),
        "first.csv",
        "external_id,name,email,stage,value\nB1,Ana,ana@x.example,mql,100\nB2,Bo,bo@x.example,sql,200\n",
    );
    assert!(import_file(&db, &first, &[]).0);
    // Only new leads, and enough of them to take the bulk path (about 200 bytes a lead).
    let mut body = String::from("external_id,name,email,stage,value\n");
    for i in 0..40 {
        body.push_str(&format!(
            "C{i},Person number {i} with a long name,p{i}@x.example,sql,10\n"
        ));
    }
    let (ok, out, _) = import_file(&db, &csv(d.path(), "new.csv", &body), &[]);
    assert!(ok && out.contains("created 40"), "{out}");
    check_clean(&db);
    assert_eq!(
        totals(&db),
        [
            ("mql".into(), 1, 10_000),
            ("sql".into(), 41, 20_000 + 40 * 1_000)
        ]
    );
    // New leads and a move of an existing one in the same bulk file: everything is recounted.
    let mut body =
        String::from("external_id,name,email,stage,value\nB1,Ana,ana@x.example,won,300\n");
    for i in 0..80 {
        body.push_str(&format!(
            "D{i},Another person called {i},q{i}@x.example,new,0\n"
        ));
    }
    let (ok, out, _) = import_file(&db, &csv(d.path(), "mixed.csv", &body), &[]);
    assert!(
        ok && out.contains("created 80") && out.contains("updated 1"),
        "{out}"
    );
    check_clean(&db);
    assert_eq!(furthest(&db, "B1").as_deref(), Some("won"));
    assert_eq!(
        totals(&db),
        [
            ("new".into(), 80, 0),
            ("sql".into(), 41, 60_000),
            ("won".into(), 1, 30_000),
        ]
    );
}
