//! `leadboard report`, `flags` and `snapshot --view …` run as a person or script would.

use crate::common;
use crate::fixture;
use serde_json::json;

use serde_json::Value;
use std::collections::BTreeSet;

fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object().unwrap().keys().cloned().collect()
}

fn set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|s| s.to_string()).collect()
}

fn run(path: &std::path::Path, args: &[&str]) -> String {
    let out = common::bin()
        .arg("--db")
        .arg(path)
        .args(["--as-of", fixture::AS_OF])
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

#[test]
fn report_json_has_exactly_the_agreed_keys_and_the_hand_checked_numbers() {
    let (_d, path, _s, ids) = fixture::build();
    let v: Value = serde_json::from_str(&run(&path, &["report", "--format", "json"])).unwrap();
    assert_eq!(
        keys(&v),
        set(&[
            "as_of",
            "stages",
            "sla",
            "reps",
            "red_flags",
            "snoozed",
            "funnel",
            "funnel_since",
            "campaigns"
        ])
    );
    assert_eq!(v["as_of"], "2026-11-25T09:00:00Z");
    assert_eq!(v["funnel_since"], serde_json::Value::Null);
    assert_eq!(
        keys(&v["stages"][0]),
        set(&["key", "name", "owner", "count", "value"])
    );
    assert_eq!(
        keys(&v["sla"]),
        set(&["leads_delivered", "contacts_made", "first_contact"])
    );
    let ld = &v["sla"]["leads_delivered"];
    assert_eq!(keys(ld), set(&["actual", "target", "pace", "behind"]));
    assert_eq!(ld["actual"], 5);
    assert_eq!(ld["target"], 210.0);
    assert!((ld["pace"].as_f64().unwrap() - 170.625).abs() < 0.01);
    assert_eq!(ld["behind"], true);
    assert_eq!(v["sla"]["contacts_made"]["actual"], 3);
    assert_eq!(v["sla"]["contacts_made"]["target"], 48.0);
    let fc = &v["sla"]["first_contact"];
    assert_eq!(
        keys(fc),
        set(&[
            "hours",
            "met",
            "breached",
            "open_breached",
            "pending",
            "met_percent"
        ])
    );
    assert_eq!(
        (
            fc["hours"].as_i64(),
            fc["met"].as_i64(),
            fc["breached"].as_i64(),
            fc["open_breached"].as_i64(),
            fc["pending"].as_i64(),
            fc["met_percent"].as_i64()
        ),
        (Some(48), Some(2), Some(2), Some(2), Some(1), Some(50))
    );
    let flags = v["red_flags"].as_array().unwrap();
    assert_eq!(flags.len(), 15);
    assert_eq!(
        keys(&flags[0]),
        set(&["kind", "lead_id", "lead", "owner", "since"])
    );
    assert_eq!(flags[0]["kind"], "uncontacted");
    assert_eq!(flags[0]["lead_id"], ids.l1);
    assert_eq!(flags[0]["since"], "2026-11-02T23:59:59Z");
    let funnel = v["funnel"].as_array().unwrap();
    assert_eq!(
        keys(&funnel[0]),
        set(&[
            "from",
            "to",
            "entered",
            "entered_directly",
            "converted",
            "conversion"
        ])
    );
    // Cumulative: each step converts into the next step's entries.
    for w in funnel.windows(2) {
        assert_eq!(w[0]["converted"], w[1]["entered"]);
    }
    assert_eq!(
        (
            funnel[2]["from"].as_str(),
            funnel[2]["to"].as_str(),
            funnel[2]["conversion"].as_f64()
        ),
        (Some("MQL"), Some("SQL"), Some(0.5))
    );
    let web = v["campaigns"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "Webinar")
        .unwrap();
    assert_eq!(web["cost_per_won"], 1000.0);
    assert_eq!(
        (&web["accepted"], &web["won_value"], &web["return_on_cost"]),
        (&json!(2), &json!(5000.0), &json!(5.0))
    );
    let sam = v["reps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["handle"] == "sam")
        .unwrap();
    assert_eq!(sam["measure"], "contacts_made");
    assert_eq!(sam["actual"], 2);
}

#[test]
fn report_markdown_renders_the_same_numbers() {
    let (_d, path, _s, _ids) = fixture::build();
    let md = run(&path, &["report"]);
    assert!(
        md.starts_with("# Meeting pack, as of 2026-11-25 09:00 UTC"),
        "{md}"
    );
    assert!(
        md.contains("| Leads delivered | 2026-11 | 5 | 210.0 | 170.6 | **behind** |"),
        "{md}"
    );
    assert!(
        md.contains("| Contacts made | 2026-W48 | 3 | 48.0 | 16.3 | **behind** |"),
        "{md}"
    );
    assert!(
        md.contains(
            "**2 met**, **2 breached** (late or never), 1 still within it. **2 leads waiting past their window now**"
        ),
        "{md}"
    );
    assert!(md.contains("## Red flags (15)"), "{md}");
    // 8 reached MQL, 1 of them created there, 4 went on to SQL.
    assert!(md.contains("| MQL | SQL | 8 | 1 | 4 | 50.0% |"), "{md}");
    // Webinar: L2 (reached SQL), L3 (MQL), L11 (won, $5,000): 3 delivered, 2 reached SQL,
    // 1 won; $1,000 cost: $333.33 a lead, $1,000 a won deal, 5.0× back.
    assert!(
        md.contains(
            "| Webinar | webinar | 3 | 3 | 2 | 1 | $5,000.00 | $1,000.00 | $333.33 | $1,000.00 | 5.0× |"
        ),
        "{md}"
    );
}

#[test]
fn flags_text_and_json_list_the_red_flags() {
    let (_d, path, _s, ids) = fixture::build();
    let text = run(&path, &["flags"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "kind\tlead_id\tlead\towner\tsince\tdetail");
    assert_eq!(lines.len(), 16);
    assert!(
        lines[1].starts_with(&format!(
            "uncontacted\t{}\tL1 Early\tsam\t2026-11-02T23:59:59Z\t",
            ids.l1
        )),
        "{}",
        lines[1]
    );
    assert!(
        lines[15].starts_with("recycled_no_reason\t"),
        "{}",
        lines[15]
    );
    let v: Value = serde_json::from_str(&run(&path, &["flags", "--format", "json"])).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 15);
}

#[test]
fn snapshot_renders_each_meeting_view() {
    let (_d, path, _s, _ids) = fixture::build();
    let sla = run(&path, &["snapshot", "--view", "sla", "--size", "120x30"]);
    assert!(sla.contains("5 / 210"), "{sla}");
    assert!(sla.contains("BEHIND"), "{sla}");
    let flags = run(&path, &["snapshot", "--view", "flags", "--size", "120x30"]);
    assert!(flags.contains("15 red flags"), "{flags}");
    let funnel = run(&path, &["snapshot", "--view", "funnel", "--size", "120x30"]);
    assert!(funnel.contains("11 leads"), "{funnel}");
    let settings = run(
        &path,
        &["snapshot", "--view", "settings", "--size", "120x30"],
    );
    assert!(
        settings.contains("Leads per marketing rep per month   160"),
        "{settings}"
    );
}

fn fails_saying(args: &[&str], expected: &str) {
    let out = common::bin()
        .args(args)
        .assert()
        .failure()
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).unwrap();
    assert!(err.contains(expected), "{err}");
}

#[test]
fn bad_input_gets_a_clear_error() {
    let (_d, path, _s, _ids) = fixture::build();
    let db = path.to_str().unwrap();
    fails_saying(&["--db", db, "report", "--format", "xml"], "markdown");
    fails_saying(
        &["--db", "/nonexistent/dir/team.db", "report"],
        "opening /nonexistent/dir/team.db",
    );
    fails_saying(
        &["--db", db, "snapshot", "--view", "pipeline"],
        "known: board, detail, sla, flags, funnel, settings, meeting",
    );
}
