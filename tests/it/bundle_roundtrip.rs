//! `export --what all --format json` then `import` into an empty file: the same team, the
//! same figures. The source file carries what a real one does: a custom stage, a changed
//! agreement, a new reason, a rep who left, an undone contact, a snooze.

use crate::common::{AS_OF, bin};
use predicates::str::contains;
use std::path::Path;

fn lb(db: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    bin()
        .arg("--db")
        .arg(db)
        .args(["--as-of", AS_OF])
        .args(args)
        .assert()
}

fn out(db: &Path, args: &[&str]) -> String {
    String::from_utf8(lb(db, args).success().get_output().stdout.clone()).unwrap()
}

#[test]
fn a_whole_file_moves_into_an_empty_one_with_the_same_figures() {
    let dir = tempfile::tempdir().unwrap();
    let (src, dst, dump) = (
        dir.path().join("a.db"),
        dir.path().join("b.db"),
        dir.path().join("all.jsonl"),
    );
    lb(&src, &["demo", "--leads", "300"]).success();
    lb(
        &src,
        &[
            "stages",
            "add",
            "demo",
            "--name",
            "Demo booked",
            "--owner",
            "sales",
            "--after",
            "sql",
        ],
    )
    .success();
    lb(&src, &["agreement", "set", "--first-contact-hours", "24"]).success();
    lb(&src, &["reasons", "add", "lost", "Went quiet"]).success();
    lb(&src, &["reps", "leave", "omar", "--on", "2026-11-20"]).success();
    lb(
        &src,
        &["campaigns", "edit", "Search Ads Q3", "--cost", "31000"],
    )
    .success();
    // An undone contact: logged, then retracted through the store (the TUI's u).
    {
        let mut s =
            leadboard::store::Store::open(&src, leadboard::store::OpenMode::Existing).unwrap();
        let l = s.lead(5).unwrap();
        let now = crate::common::now();
        let act = s
            .log_activity(
                5,
                leadboard::domain::ActivityKind::Call,
                "wrong number",
                "ana",
                now,
            )
            .unwrap();
        s.retract_activity(5, act, l.first_contact_at, "ana", now)
            .unwrap();
    }
    // Deals in other currencies than the team's: one edited, one won.
    lb(&src, &["lead", "edit", "7", "--currency", "EUR"]).success();
    lb(
        &src,
        &[
            "lead",
            "add",
            "--name",
            "Pound deal",
            "--stage",
            "won",
            "--value",
            "900",
            "--currency",
            "GBP",
            "--campaign",
            "Search Ads Q3",
        ],
    )
    .success();
    let flags: serde_json::Value =
        serde_json::from_str(&out(&src, &["flags", "--format", "json"])).unwrap();
    let stale = flags
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["kind"] == "stale" && f["lead_id"].is_number())
        .unwrap();
    let id = stale["lead_id"].to_string();
    lb(
        &src,
        &[
            "flags",
            "snooze",
            &id,
            "stale",
            "--until",
            "+5d",
            "--reason",
            "budget in January",
        ],
    )
    .success();

    lb(
        &src,
        &[
            "export",
            "--what",
            "all",
            "--format",
            "json",
            "--out",
            dump.to_str().unwrap(),
        ],
    )
    .success();
    lb(&dst, &["init"]).success();
    lb(&dst, &["import", dump.to_str().unwrap()])
        .success()
        .stdout(contains("imported a whole leadboard file: 301 leads"));
    let report = out(&dst, &["report", "--format", "json"]);
    assert!(report.contains(r#""GBP": 900.0"#), "{report}");
    let lead = |db: &Path| -> serde_json::Value {
        serde_json::from_str::<serde_json::Value>(&out(
            db,
            &["lead", "show", "7", "--format", "json"],
        ))
        .unwrap()["lead"]
            .clone()
    };
    assert_eq!(lead(&dst)["currency"], "EUR");
    assert_eq!(lead(&src), lead(&dst));
    for what in [
        &["report", "--format", "json"][..],
        &["flags", "--format", "json"],
        &["stages"],
        &["reps", "list"],
        &["reasons", "list"],
    ] {
        assert_eq!(out(&src, what), out(&dst, what), "{what:?}");
    }
    lb(&dst, &["check"]).success().stdout(contains("ok:"));
    // Only into an empty file; a damaged line names itself and writes nothing.
    lb(&dst, &["import", dump.to_str().unwrap()])
        .code(3)
        .stderr(contains("empty one"));
    let text = std::fs::read_to_string(&dump).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    lines[40] = r#"{"type":"lead","name":"half a lead"}"#;
    let bad = dir.path().join("bad.jsonl");
    std::fs::write(&bad, lines.join("\n")).unwrap();
    let fresh = dir.path().join("c.db");
    lb(&fresh, &["init"]).success();
    lb(&fresh, &["import", bad.to_str().unwrap()])
        .code(3)
        .stderr(contains("line 41"));
    assert_eq!(crate::common::count_leads(&fresh), 0);
    lb(&src, &["export", "--what", "all"])
        .code(3)
        .stderr(contains("--format json"));
}
