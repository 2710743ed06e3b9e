//! Export → import gives back the same leads; formula-looking cells are neutralised for
//! spreadsheets and restored on import; filters and the other exports.

use crate::common;
use crate::import_support;

use import_support::{fixture, import_file, leads};
use leadboard::domain::Lead;
use std::path::Path;

fn export(db: &Path, args: &[&str]) -> String {
    let out = common::bin()
        .arg("--db")
        .arg(db)
        .arg("export")
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// What a lead is, without the bookkeeping of the file it lives in.
fn essence(l: &Lead) -> impl PartialEq + std::fmt::Debug + use<> {
    (
        l.external_id.clone(),
        (
            l.name.clone(),
            l.company.clone(),
            l.email.clone(),
            l.source.clone(),
        ),
        (
            l.campaign.clone(),
            l.owner.clone(),
            l.qualified_by.clone(),
            l.stage.clone(),
        ),
        (
            l.score,
            l.value,
            l.priority,
            l.next_step.clone(),
            l.next_step_due,
        ),
        (l.created_at, l.stage_entered_at),
    )
}

fn count(db: &Path, sql: &str) -> usize {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap() as usize
}

#[test]
fn csv_export_reimports_to_the_same_leads() {
    let (dir, src, store) = common::demo_store(300);
    drop(store);
    let csv_path = dir.path().join("leads.csv");
    std::fs::write(&csv_path, export(&src, &[])).unwrap();

    let dest = dir.path().join("copy.db");
    let (ok, out, err) = import_file(&dest, &csv_path, &[]);
    assert!(ok, "{out}{err}");
    assert!(
        out.contains("created 300, updated 0, unchanged 0, refused 0, bad 0"),
        "{out}"
    );
    let before: Vec<_> = leads(&src).iter().map(essence).collect();
    let after: Vec<_> = leads(&dest).iter().map(essence).collect();
    assert_eq!(before, after);

    // Back into the file it came from: nothing changes, and disqualified leads stay out.
    let disq = count(
        &src,
        "SELECT COUNT(*) FROM leads WHERE stage = 'disqualified'",
    );
    assert!(disq > 0);
    let (ok, out, _) = import_file(&src, &csv_path, &[]);
    assert!(ok, "{out}");
    let want = format!(
        "created 0, updated 0, unchanged {}, refused {disq}, bad 0",
        300 - disq
    );
    assert!(out.contains(&want), "{out}");
}

#[test]
fn formula_cells_are_neutralised_and_come_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    assert!(import_file(&db, &fixture("formulas.csv"), &[]).0);
    let text = export(&db, &[]);
    assert!(text.contains("'=cmd|' /C calc'!A0"), "{text}");
    assert!(
        text.contains("'@SUM(1+1)") && text.contains("'+1 555") && text.contains("'-minus"),
        "{text}"
    );
    let f = dir.path().join("out.csv");
    std::fs::write(&f, &text).unwrap();
    let copy = dir.path().join("b.db");
    assert!(import_file(&copy, &f, &[]).0);
    let names: Vec<_> = leads(&copy)
        .iter()
        .map(|l| (l.name.clone(), l.company.clone()))
        .collect();
    assert_eq!(
        names,
        vec![
            ("=cmd|' /C calc'!A0".to_string(), "@SUM(1+1)".to_string()),
            ("+1 555".to_string(), "-minus".to_string())
        ]
    );
}

#[test]
fn json_filters_activities_and_events() {
    let (_dir, db, store) = common::demo_store(200);
    drop(store);
    let all: serde_json::Value = serde_json::from_str(&export(&db, &["--format", "json"])).unwrap();
    assert_eq!(all.as_array().unwrap().len(), 200);

    let won = count(&db, "SELECT COUNT(*) FROM leads WHERE stage = 'won'");
    let json: serde_json::Value =
        serde_json::from_str(&export(&db, &["--format", "json", "--stage", "won"])).unwrap();
    assert_eq!(json.as_array().unwrap().len(), won);
    assert!(json.as_array().unwrap().iter().all(|l| l["stage"] == "won"));

    let ana = count(&db, "SELECT COUNT(*) FROM leads WHERE owner = 'ana'");
    let csv = export(&db, &["--owner", "ana"]);
    assert_eq!(
        csv.lines().count(),
        ana + 1,
        "header plus one line per lead"
    );

    let campaign: String = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("SELECT name FROM campaigns ORDER BY id LIMIT 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    let in_campaign = count(
        &db,
        "SELECT COUNT(*) FROM leads WHERE campaign_id = (SELECT MIN(id) FROM campaigns)",
    );
    let json: serde_json::Value =
        serde_json::from_str(&export(&db, &["--format", "json", "--campaign", &campaign])).unwrap();
    assert_eq!(json.as_array().unwrap().len(), in_campaign);

    let acts: serde_json::Value =
        serde_json::from_str(&export(&db, &["--format", "json", "--what", "activities"])).unwrap();
    assert_eq!(
        acts.as_array().unwrap().len(),
        count(&db, "SELECT COUNT(*) FROM activities")
    );
    let events = export(&db, &["--what", "events"]);
    let mut r = csv::Reader::from_reader(events.as_bytes());
    assert_eq!(
        r.headers().unwrap(),
        vec!["id", "lead_id", "from", "to", "by", "at", "reason"]
    );
    assert_eq!(
        r.records().count(),
        count(&db, "SELECT COUNT(*) FROM stage_events")
    );
}

#[test]
fn unknown_stage_filter_is_refused() {
    let (_dir, db, store) = common::demo_store(20);
    drop(store);
    let out = common::bin()
        .arg("--db")
        .arg(&db)
        .args(["export", "--stage", "closed"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("unknown stage \"closed\" (stages: new, engaged, mql"),
        "{err}"
    );
}

#[test]
fn every_output_gives_money_in_currency_units() {
    use leadboard::domain::{Money, NewLead};
    let (_dir, path, mut store) = crate::common::empty_store();
    store
        .create_lead(
            &NewLead {
                name: "Deal".into(),
                value: Money(105_450),
                ..Default::default()
            },
            "ana",
            crate::common::now(),
        )
        .unwrap();
    drop(store);
    let db = path.to_str().unwrap();
    let out = crate::common::bin()
        .args(["--db", db, "export", "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["value"].as_f64(), Some(1054.5), "{v}");
    let out = crate::common::bin()
        .args(["--db", db, "export"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains(",1054.50,"));
    let back: Money = serde_json::from_str("1054.5").unwrap();
    assert_eq!(back, Money(105_450));
}

#[test]
fn excel_csv_has_a_bom_and_crlf_and_reimports_to_the_same_leads() {
    let (dir, src, store) = common::demo_store(120);
    drop(store);
    let path = dir.path().join("for-excel.csv");
    let out = common::bin()
        .arg("--db")
        .arg(&src)
        .args(["export", "--excel", "--out"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&path).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBFexternal_id,name,"),
        "a UTF-8 BOM first"
    );
    let lines = bytes
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .count();
    let crlf = bytes.windows(2).filter(|w| w == b"\r\n").count();
    assert!(
        crlf >= 121 && crlf <= lines,
        "CRLF line ends: {crlf} of {lines}"
    );
    let dest = dir.path().join("copy.db");
    let (ok, out, err) = import_file(&dest, &path, &[]);
    assert!(ok, "{out}{err}");
    let before: Vec<_> = leads(&src).iter().map(essence).collect();
    let after: Vec<_> = leads(&dest).iter().map(essence).collect();
    assert_eq!(before, after);
    let json = common::bin()
        .arg("--db")
        .arg(&src)
        .args(["export", "--excel", "--format", "json"])
        .output()
        .unwrap();
    assert!(!json.status.success(), "--excel is for CSV");
}
