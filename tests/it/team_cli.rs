//! A team sets itself up and works from scripts: `reps`, `campaigns`, `reasons` and `lead …`
//! run as the binary, on a file made by `init`, with the exit codes scripts rely on.

use crate::common::bin;
use predicates::str::contains;
use serde_json::Value;
use std::path::{Path, PathBuf};

const NOW: &str = "2026-11-25T10:00:00Z";

/// `leadboard --db FILE --as-of NOW ARGS…` as `who`.
fn lb(db: &Path, who: &str, args: &[&str]) -> assert_cmd::assert::Assert {
    bin()
        .env("LEADBOARD_USER", who)
        .arg("--db")
        .arg(db)
        .args(["--as-of", NOW])
        .args(args)
        .assert()
}

fn ok(db: &Path, who: &str, args: &[&str]) -> String {
    let out = lb(db, who, args).success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

fn json(db: &Path, who: &str, args: &[&str]) -> Value {
    serde_json::from_str(&ok(db, who, args)).unwrap()
}

fn fresh() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("team.db");
    bin().arg("init").arg("--db").arg(&db).assert().success();
    (dir, db)
}

/// Two marketing and two sales reps and a campaign with a cost.
fn team(db: &Path) {
    for (h, n, t) in [
        ("maya", "Maya Chen", "marketing"),
        ("omar", "Omar Haddad", "marketing"),
        ("ana", "Ana Souza", "sales"),
        ("lee", "Lee Park", "sales"),
    ] {
        ok(
            db,
            "admin",
            &[
                "reps",
                "add",
                h,
                "--name",
                n,
                "--team",
                t,
                "--from",
                "2026-11-01",
            ],
        );
    }
    ok(
        db,
        "maya",
        &[
            "campaigns",
            "add",
            "Search Ads",
            "--channel",
            "search",
            "--cost",
            "4,500",
            "--start",
            "2026-11-01",
        ],
    );
}

#[test]
fn from_init_to_a_won_deal_and_yesterdays_call_in_the_report() {
    let (_d, db) = fresh();
    team(&db);
    let lead = json(
        &db,
        "maya",
        &[
            "lead",
            "add",
            "--name",
            "Ada Byron",
            "--company",
            "Analytical",
            "--email",
            "Ada@An.example",
            "--campaign",
            "Search Ads",
            "--owner",
            "ana",
            "--format",
            "json",
        ],
    );
    let id = lead["id"].as_i64().unwrap().to_string();
    assert_eq!(lead["stage"], "new");
    assert_eq!(lead["email"], "ada@an.example");
    for stage in ["engaged", "MQL", "sql", "opportunity"] {
        ok(&db, "ana", &["lead", "move", &id, stage]);
    }
    ok(&db, "ana", &["lead", "edit", &id, "--value", "12000"]);
    let won = ok(
        &db,
        "ana",
        &["lead", "move", &id, "won", "--note", "signed"],
    );
    assert!(
        won.contains("moved lead 1 from opportunity to won"),
        "{won}"
    );
    let call = ok(
        &db,
        "ana",
        &[
            "lead",
            "contact",
            &id,
            "--kind",
            "call",
            "--at",
            "yesterday 15:00",
            "--outcome",
            "reached",
            "--what",
            "Called about pricing",
        ],
    );
    assert!(
        call.contains("logged a call (reached) at 2026-11-24 15:00 UTC"),
        "{call}"
    );

    let r = json(&db, "lee", &["report", "--format", "json"]);
    let c = &r["campaigns"][0];
    assert_eq!(c["name"], "Search Ads");
    assert_eq!(
        (c["cost"].as_f64(), c["won_value"].as_f64()),
        (Some(4500.0), Some(12000.0))
    );
    assert_eq!((c["leads"].as_i64(), c["won"].as_i64()), (Some(1), Some(1)));
    assert_eq!(c["return_on_cost"].as_f64(), Some(2.67));
    assert_eq!(
        r["sla"]["contacts_made"]["actual"], 1,
        "yesterday's call is this week's contact"
    );
    let ana = r["reps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["handle"] == "ana")
        .unwrap();
    assert_eq!(
        (ana["period"].as_str(), ana["actual"].as_i64()),
        (Some("2026-W48"), Some(1))
    );

    let show = json(&db, "lee", &["lead", "show", &id, "--format", "json"]);
    assert_eq!(
        show["activities"].as_array().unwrap().len(),
        2,
        "the call and the move's note"
    );
    assert_eq!(show["activities"][1]["outcome"], "reached");
    assert_eq!(show["history"].as_array().unwrap().len(), 6);
}

#[test]
fn a_hand_back_without_a_reason_and_a_disqualified_email_are_refused() {
    let (_d, db) = fresh();
    team(&db);
    ok(
        &db,
        "maya",
        &[
            "lead",
            "add",
            "--name",
            "Ada",
            "--email",
            "ada@x.example",
            "--stage",
            "sql",
        ],
    );
    lb(&db, "ana", &["lead", "move", "1", "engaged"])
        .code(3)
        .stderr(contains("needs a reason"));
    ok(
        &db,
        "ana",
        &[
            "lead",
            "move",
            "1",
            "engaged",
            "--reason",
            "Wants a demo first",
        ],
    );
    lb(&db, "ana", &["lead", "move", "1", "disqualified"])
        .code(3)
        .stderr(contains("needs a reason"));
    ok(
        &db,
        "ana",
        &["lead", "move", "1", "disqualified", "--reason", "No budget"],
    );
    lb(
        &db,
        "maya",
        &[
            "lead",
            "add",
            "--name",
            "Ada again",
            "--email",
            "ADA@X.example",
        ],
    )
    .code(3)
    .stderr(contains("disqualified on 2026-11-25 by ana: No budget"));
    assert_eq!(crate::common::count_leads(&db), 1, "nothing added");
    ok(
        &db,
        "maya",
        &[
            "lead",
            "add",
            "--name",
            "Ada again",
            "--email",
            "ada@x.example",
            "--allow-disqualified",
        ],
    );
    assert_eq!(crate::common::count_leads(&db), 2);
}

#[test]
fn exit_codes_say_what_went_wrong() {
    let (_d, db) = fresh();
    team(&db);
    ok(&db, "maya", &["lead", "add", "--name", "Ada"]);
    lb(&db, "x", &["lead", "move", "99", "sql"])
        .code(4)
        .stderr(contains("does not exist"));
    lb(&db, "x", &["lead", "move", "1", "nowhere"])
        .code(3)
        .stderr(contains("unknown stage"));
    lb(&db, "x", &["lead", "assign", "1", "ghost"])
        .code(3)
        .stderr(contains("unknown owner"));
    lb(
        &db,
        "x",
        &[
            "lead", "contact", "1", "--kind", "call", "--what", "x", "--at", "tomorrow",
        ],
    )
    .code(3);
    lb(
        &db,
        "x",
        &[
            "lead",
            "contact",
            "1",
            "--kind",
            "call",
            "--what",
            "x",
            "--outcome",
            "maybe",
        ],
    )
    .code(3)
    .stderr(contains("unknown outcome"));
    lb(&db, "x", &["lead", "edit", "1"])
        .code(3)
        .stderr(contains("nothing to change"));
    lb(&db, "x", &["lead", "edit", "1", "--score", "101"]).code(3);
    lb(&db, "x", &["lead", "frobnicate"]).code(2);
    lb(
        &db,
        "x",
        &[
            "reps",
            "add",
            "bad handle",
            "--name",
            "B",
            "--team",
            "sales",
        ],
    )
    .code(3);
    lb(
        &db,
        "x",
        &["reps", "add", "ana", "--name", "Again", "--team", "sales"],
    )
    .code(3)
    .stderr(contains("already exists"));
    lb(&db, "x", &["reps", "leave", "nobody"]).code(4);
}

#[test]
fn next_steps_assignments_edits_and_lists() {
    let (_d, db) = fresh();
    team(&db);
    ok(
        &db,
        "maya",
        &[
            "lead",
            "add",
            "--name",
            "Ada",
            "--stage",
            "mql",
            "--owner",
            "ana",
            "--value",
            "$1,250.50",
            "--score",
            "70",
            "--priority",
            "--phone",
            "+44 20 7946 0000",
        ],
    );
    ok(
        &db,
        "maya",
        &["lead", "add", "--name", "Bo", "--owner", "maya"],
    );
    let l = json(
        &db,
        "ana",
        &[
            "lead",
            "next-step",
            "1",
            "--what",
            "Send the deck",
            "--due",
            "+3d",
            "--format",
            "json",
        ],
    );
    assert_eq!(
        (l["next_step"].as_str(), l["next_step_due"].as_str()),
        (Some("Send the deck"), Some("2026-11-28"))
    );
    let l = json(
        &db,
        "ana",
        &["lead", "assign", "1", "lee", "--format", "json"],
    );
    assert_eq!(l["owner"], "lee");
    let l = json(
        &db,
        "lee",
        &[
            "lead",
            "edit",
            "1",
            "--company",
            "Analytical",
            "--campaign",
            "Search Ads",
            "--format",
            "json",
        ],
    );
    assert_eq!(
        (
            l["company"].as_str(),
            l["campaign"].as_str(),
            l["phone"].as_str()
        ),
        (
            Some("Analytical"),
            Some("Search Ads"),
            Some("+44 20 7946 0000")
        )
    );
    assert_eq!(l["value"], 1250.5);
    assert_eq!(l["version"], 4, "one version per change");

    let mql = json(
        &db,
        "x",
        &["lead", "list", "--stage", "MQL", "--format", "json"],
    );
    assert_eq!(mql.as_array().unwrap().len(), 1);
    let mine = json(
        &db,
        "x",
        &["lead", "list", "--owner", "maya", "--format", "json"],
    );
    assert_eq!(mine[0]["name"], "Bo");
    // Ada was delivered (MQL) at 10:00 and nobody called: 49 h later she is past the 48 h window.
    let later = ["--as-of", "2026-11-27T11:00:00Z"];
    let out = bin()
        .arg("--db")
        .arg(&db)
        .args(later)
        .args(["lead", "list", "--flag", "uncontacted", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let un: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(
        un.as_array()
            .unwrap()
            .iter()
            .map(|l| l["name"].as_str().unwrap())
            .collect::<Vec<_>>(),
        ["Ada"]
    );
    lb(&db, "x", &["lead", "list", "--flag", "bogus"])
        .code(3)
        .stderr(contains("uncontacted"));

    let text = ok(&db, "x", &["lead", "show", "1"]);
    for want in [
        "Analytical",
        "+44 20 7946 0000",
        "lee",
        "Send the deck (due 2026-11-28)",
        "· → mql  by maya: created",
    ] {
        assert!(text.contains(want), "{want} in\n{text}");
    }
}

#[test]
fn leads_from_json_lines_each_answered() {
    let (_d, db) = fresh();
    team(&db);
    let feed = concat!(
        r#"{"name":"Web 1","email":"w1@x.example","campaign":"Search Ads","value":"1,200","source":"form"}"#,
        "\n",
        r#"{"name":"","email":"bad"}"#,
        "\n",
        "\n",
        r#"{"name":"Web 3","value":99.5,"stage":"mql","owner":"ana"}"#,
        "\n",
        "not json\n",
        r#"{"name":"Web 5","colour":"red"}"#,
        "\n",
    );
    let out = bin()
        .env("LEADBOARD_USER", "webhook")
        .arg("--db")
        .arg(&db)
        .args([
            "--as-of", NOW, "lead", "add", "--from", "-", "--format", "json",
        ])
        .write_stdin(feed)
        .assert()
        .code(3)
        .get_output()
        .stdout
        .clone();
    let lines: Vec<Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 5, "{lines:?}");
    assert_eq!(
        (lines[0]["line"].as_i64(), lines[0]["id"].as_i64()),
        (Some(1), Some(1))
    );
    assert!(lines[1]["error"].as_str().unwrap().contains("needs a name"));
    assert_eq!(
        (lines[2]["line"].as_i64(), lines[2]["id"].as_i64()),
        (Some(4), Some(2))
    );
    assert!(lines[3]["error"].as_str().unwrap().contains("not a lead"));
    assert!(
        lines[4]["error"].as_str().unwrap().contains("colour"),
        "unknown fields are refused, not dropped"
    );
    assert_eq!(crate::common::count_leads(&db), 2);
    let l = json(&db, "x", &["lead", "show", "2", "--format", "json"]);
    assert_eq!(
        (l["lead"]["value"].as_f64(), l["lead"]["stage"].as_str()),
        (Some(99.5), Some("mql"))
    );
    assert_eq!(l["history"][0]["by"], "webhook");
}

#[test]
fn reps_edit_leave_and_list() {
    let (_d, db) = fresh();
    team(&db);
    ok(
        &db,
        "ana",
        &[
            "lead", "add", "--name", "Ada", "--owner", "lee", "--stage", "mql",
        ],
    );
    ok(
        &db,
        "lee",
        &[
            "lead", "contact", "1", "--kind", "call", "--what", "hi", "--at", "-1h",
        ],
    );
    ok(
        &db,
        "admin",
        &[
            "reps",
            "edit",
            "lee",
            "--handle",
            "lee.park",
            "--name",
            "Lee Park-Kim",
        ],
    );
    let reps = json(&db, "x", &["reps", "list", "--format", "json"]);
    let lee = reps
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["handle"] == "lee.park")
        .unwrap();
    assert_eq!(lee["name"], "Lee Park-Kim");
    let l = json(&db, "x", &["lead", "show", "1", "--format", "json"]);
    assert_eq!(
        (
            l["lead"]["owner"].as_str(),
            l["activities"][0]["by"].as_str()
        ),
        (Some("lee.park"), Some("lee.park")),
        "the lead and the contact follow the new handle"
    );
    let r = json(&db, "x", &["report", "--format", "json"]);
    let p = r["reps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["handle"] == "lee.park")
        .unwrap();
    assert_eq!(
        p["actual"], 1,
        "the contact still counts for the renamed rep"
    );

    lb(
        &db,
        "admin",
        &["reps", "leave", "omar", "--on", "2026-10-01"],
    )
    .code(3)
    .stderr(contains("cannot leave before"));
    let target = |db: &Path| {
        json(db, "x", &["report", "--format", "json"])["sla"]["leads_delivered"]["target"].as_f64()
    };
    assert_eq!(
        target(&db),
        Some(200.0),
        "two marketing reps all November: 2 × 100"
    );
    ok(
        &db,
        "admin",
        &["reps", "leave", "omar", "--on", "2026-11-20"],
    );
    // Omar counts November 1–20, 20 of 30 days: 100 + 100 × 20 / 30.
    assert_eq!(target(&db), Some(166.67));
    let reps = json(&db, "x", &["reps", "list", "--format", "json"]);
    let omar = reps
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["handle"] == "omar")
        .unwrap();
    assert_eq!(omar["active_to"], "2026-11-20");
    // Gone before the month's end: the per-rep rows no longer promise leads for omar this month
    // beyond his days, and the log says who recorded it.
    let log = rusqlite::Connection::open(&db).unwrap().query_row(
        "SELECT by || ' ' || what || ' ' || new FROM agreement_log WHERE what = 'rep omar: left'", [], |r| r.get::<_, String>(0)).unwrap();
    assert_eq!(log, "admin rep omar: left 2026-11-20");
}

#[test]
fn campaigns_and_why_their_leads_bounced() {
    let (_d, db) = fresh();
    team(&db);
    ok(
        &db,
        "maya",
        &["reasons", "add", "disqualified", "Wrong company size"],
    );
    let list = ok(&db, "x", &["reasons", "list"]);
    assert!(list.contains("  Wrong company size\n"), "{list}");
    lb(&db, "x", &["reasons", "add", "won", "Great"]).code(3);
    lb(&db, "x", &["reasons", "remove", "lost", "Not a reason"]).code(4);
    for i in 0..5 {
        ok(
            &db,
            "maya",
            &[
                "lead",
                "add",
                "--name",
                &format!("L{i}"),
                "--campaign",
                "Search Ads",
                "--stage",
                "mql",
            ],
        );
    }
    for i in 1..=3 {
        ok(
            &db,
            "ana",
            &[
                "lead",
                "move",
                &i.to_string(),
                "disqualified",
                "--reason",
                "Wrong company size",
            ],
        );
    }
    ok(
        &db,
        "ana",
        &[
            "lead",
            "move",
            "4",
            "recycled",
            "--reason",
            "Timing: revisit next quarter",
        ],
    );
    let camps = json(&db, "x", &["campaigns", "list", "--format", "json"]);
    let b = &camps[0]["bounces"];
    assert_eq!(b[0]["reason"], "Wrong company size");
    assert_eq!(
        (b[0]["kind"].as_str(), b[0]["leads"].as_i64()),
        (Some("disqualified"), Some(3))
    );
    assert_eq!(b[1]["leads"], 1);
    let text = ok(&db, "x", &["campaigns", "list"]);
    assert!(text.contains("- Search Ads: 3 of 4: Wrong company size (disqualified); 1 of 4: Timing: revisit next quarter (recycled)"), "{text}");
    assert!(
        text.contains(
            "| Search Ads | search | 5 | 5 | 0 | 0 | $0.00 | $4,500.00 | $900.00 | – | 0.0× |"
        ),
        "{text}"
    );

    ok(
        &db,
        "maya",
        &[
            "campaigns",
            "edit",
            "Search Ads",
            "--name",
            "Search Ads EU",
            "--cost",
            "",
        ],
    );
    let camps = json(&db, "x", &["campaigns", "list", "--format", "json"]);
    assert_eq!(
        (camps[0]["name"].as_str(), camps[0]["cost"].as_f64()),
        (Some("Search Ads EU"), None)
    );
    let l = json(&db, "x", &["lead", "show", "5", "--format", "json"]);
    assert_eq!(
        l["lead"]["campaign"], "Search Ads EU",
        "leads follow the renamed campaign"
    );
    lb(
        &db,
        "x",
        &[
            "campaigns",
            "add",
            "Bad",
            "--start",
            "2026-11-10",
            "--end",
            "2026-11-01",
        ],
    )
    .code(3)
    .stderr(contains("ends"));
    lb(&db, "x", &["campaigns", "edit", "Nope", "--cost", "1"]).code(4);
    ok(
        &db,
        "maya",
        &["reasons", "remove", "disqualified", "Wrong company size"],
    );
    let l = json(&db, "x", &["lead", "show", "1", "--format", "json"]);
    assert_eq!(
        l["history"][0]["reason"], "Wrong company size",
        "history keeps a removed reason"
    );
}

#[test]
fn import_owners_map_onto_existing_reps() {
    let (_d, db) = fresh();
    team(&db);
    let file = crate::import_support::fixture("salesforce_leads.csv");
    let file = file.to_str().unwrap();
    // Without a mapping, the Salesforce user id becomes a new rep, and the report says how
    // to count it for an existing one instead.
    let out = ok(&db, "x", &["import", file, "--dry-run"]);
    assert!(
        out.contains("new reps: 0055e000000xyzaaaqa2 (0055e000000XyzAAAQA2, sales)"),
        "{out}"
    );
    assert!(
        out.contains(r#"already a rep? import again with --owner "0055e000000XyzAAAQA2=HANDLE""#),
        "{out}"
    );
    lb(
        &db,
        "x",
        &["import", file, "--owner", "0055e000000XyzAAAQA2=ghost"],
    )
    .code(3)
    .stderr(contains("no rep with handle \"ghost\""));
    lb(&db, "x", &["import", file, "--owner", "nonsense"]).code(2);
    let out = ok(
        &db,
        "x",
        &[
            "import",
            file,
            "--owner",
            "0055e000000XyzAAAQA2=lee",
            "--owner",
            "0055e000000XyzBBBQA2=ana",
        ],
    );
    assert!(!out.contains("new reps"), "{out}");
    let reps = json(&db, "x", &["reps", "list", "--format", "json"]);
    assert_eq!(
        reps.as_array().unwrap().len(),
        4,
        "no rep was made from the id"
    );
    let mine = json(
        &db,
        "x",
        &["lead", "list", "--owner", "lee", "--format", "json"],
    );
    assert!(!mine.as_array().unwrap().is_empty());
}

#[test]
fn the_agreement_is_set_from_the_command_line_and_logged() {
    let (_d, db) = fresh();
    let out = ok(
        &db,
        "lee",
        &[
            "agreement",
            "set",
            "--leads-per-rep-month",
            "60",
            "--first-contact-hours",
            "24",
        ],
    );
    assert!(
        out.contains("marketing promises 60 leads per rep per month"),
        "{out}"
    );
    assert!(
        out.contains("sales commits to 20 contacts"),
        "untouched terms stay: {out}"
    );
    assert!(out.contains("within 24 hours"), "{out}");
    lb(&db, "lee", &["agreement", "set", "--timezone", "Mars/Base"])
        .code(3)
        .stderr(contains("unknown time zone"));
    lb(
        &db,
        "lee",
        &["agreement", "set", "--first-contact-hours", "0"],
    )
    .code(3);
    let r = json(&db, "x", &["report", "--format", "json"]);
    assert_eq!(r["sla"]["first_contact"]["hours"], 24);
    let by: String = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT by FROM agreement_log WHERE what = 'sla' ORDER BY id DESC",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(by, "lee");
}
