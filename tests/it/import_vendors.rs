//! Each vendor shape under tests/it/fixture/ (sources in each folder's SOURCES.md) imports with
//! no --format and no --map into an `init` file: the right format is recognised, every row
//! is a lead (footers aside), won deals are won, values, e-mails and owners are kept.

use crate::import_support::{by_ext, import_file, leads, shaped, ts};
use leadboard::domain::{Lead, Money};

fn run(rel: &str) -> (tempfile::TempDir, Vec<Lead>, String) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("team.db");
    let (ok, out, err) = import_file(&db, &shaped(rel), &[]);
    assert!(ok, "{rel}: {out}{err}");
    let all = leads(&db);
    (dir, all, out)
}

fn named<'a>(all: &'a [Lead], name: &str) -> &'a Lead {
    all.iter()
        .find(|l| l.name == name)
        .unwrap_or_else(|| panic!("no lead {name}"))
}

#[test]
fn salesforce_leads_report_with_labels_and_footer() {
    let (_d, all, out) = run("salesforce/report_leads.csv");
    assert!(out.contains("format: Salesforce report (leads)"), "{out}");
    assert!(
        out.contains("created 4, updated 0, unchanged 0, refused 0, bad 0"),
        "{out}"
    );
    assert!(
        out.contains("skipped 3 report footer lines from line 7 (\"Grand Totals (4 records)\" …)"),
        "{out}"
    );
    assert!(
        out.contains("columns not read (2): Title, Annual Revenue"),
        "{out}"
    );
    let ana = named(&all, "Ana Silva");
    assert_eq!(
        (ana.company.as_str(), ana.email.as_str(), ana.stage.as_str()),
        ("Acme Corp", "ana.silva@acme.example", "mql")
    );
    assert_eq!(ana.owner.as_deref(), Some("jane.doe"));
    assert_eq!(
        ana.created_at,
        ts("2024-03-15T00:00:00Z"),
        "3/15/2024, month first"
    );
    assert_eq!(ana.value, Money(0), "annual revenue is not a deal value");
    assert_eq!(
        named(&all, "Cy Dube").stage,
        "mql",
        "custom status Nurturing, placed"
    );
    assert_eq!(named(&all, "Di Evans").stage, "disqualified");
}

#[test]
fn salesforce_opportunities_report_day_first_with_dollar_amounts() {
    let (_d, all, out) = run("salesforce/report_opportunities.csv");
    assert!(
        out.contains("format: Salesforce report (opportunities)"),
        "{out}"
    );
    assert!(out.contains("created 4,"), "{out}");
    let acme = named(&all, "Acme - 500 seats");
    assert_eq!(
        (acme.stage.as_str(), acme.value),
        ("won", Money(125_000_000))
    );
    assert_eq!(
        acme.stage_entered_at,
        ts("2024-03-15T00:00:00Z"),
        "won at its close date"
    );
    assert_eq!(
        acme.created_at,
        ts("2024-01-02T00:00:00Z"),
        "02/01/2024 day first"
    );
    let globex = named(&all, "Globex renewal");
    assert_eq!(
        (globex.stage.as_str(), globex.value),
        ("opportunity", Money(4_850_050))
    );
    assert_eq!(
        globex.stage_entered_at, globex.created_at,
        "an open deal's close date is expected, not its stage entry"
    );
    assert_eq!(named(&all, "Initech pilot").stage, "lost");
    assert_eq!(named(&all, "Hooli expansion").stage, "sql");
}

#[test]
fn salesforce_data_loader_in_capitals() {
    let (_d, all, out) = run("salesforce/dataloader_leads_caps.csv");
    assert!(out.contains("format: Salesforce leads"), "{out}");
    assert!(out.contains("columns not read (1): ANNUALREVENUE"), "{out}");
    let ana = by_ext(&all, "salesforce:00Q5e000001AbcdEAA");
    assert_eq!(
        (ana.name.as_str(), ana.stage.as_str()),
        ("Ana Silva", "mql")
    );
    assert_eq!(ana.created_at, ts("2024-01-15T10:23:45Z"));
    let bo = by_ext(&all, "salesforce:00Q5e000001AbceEAA");
    assert_eq!(bo.stage, "opportunity", "ISCONVERTED true");
    assert_eq!(bo.stage_entered_at, ts("2024-02-03T00:00:00Z"));
}

#[test]
fn pipedrive_deals_list_view() {
    let (_d, all, out) = run("pipedrive/deals_list_view.csv");
    assert!(out.contains("format: Pipedrive deals"), "{out}");
    assert!(out.contains("created 4,"), "{out}");
    let one = by_ext(&all, "pipedrive:101");
    assert_eq!(
        (one.company.as_str(), one.email.as_str(), one.stage.as_str()),
        ("Acme Corp", "ana@acme.example", "sql")
    );
    assert_eq!(one.value, Money(4_200_000));
    let two = by_ext(&all, "pipedrive:102");
    assert_eq!((two.stage.as_str(), two.value), ("won", Money(1_240_050)));
    assert_eq!(two.stage_entered_at, ts("2024-03-01T12:00:00Z"));
    assert_eq!(
        by_ext(&all, "pipedrive:103").stage,
        "lost",
        "status Lost wins"
    );
    assert_eq!(
        by_ext(&all, "pipedrive:104").stage,
        "sql",
        "Discovery Call, placed"
    );
}

#[test]
fn pipedrive_people_and_leads() {
    let (_d, all, out) = run("pipedrive/people.csv");
    assert!(out.contains("format: Pipedrive people"), "{out}");
    let ana = by_ext(&all, "pipedrive-person:201");
    assert_eq!(
        (ana.company.as_str(), ana.email.as_str(), ana.stage.as_str()),
        ("Acme Corp", "ana@acme.example", "new")
    );
    assert_eq!(
        by_ext(&all, "pipedrive-person:202").email,
        "bo.chen@home.example"
    );
    let (_d, all, out) = run("pipedrive/leads.csv");
    assert!(out.contains("format: Pipedrive leads"), "{out}");
    let acme = named(&all, "Acme Corp lead");
    assert_eq!(
        (
            acme.stage.as_str(),
            acme.value,
            acme.email.as_str(),
            acme.source.as_str()
        ),
        ("mql", Money(1_500_000), "ana@acme.example", "Web forms")
    );
}

#[test]
fn zoho_leads_and_deals_are_not_hubspot() {
    let (_d, all, out) = run("zoho/leads.csv");
    assert!(out.contains("format: Zoho CRM leads"), "{out}");
    let sam = by_ext(&all, "zoho-lead:4876876000000212");
    assert_eq!(
        (sam.name.as_str(), sam.stage.as_str(), sam.source.as_str()),
        ("Sam Lee", "mql", "Web Download")
    );
    assert_eq!(sam.owner.as_deref(), Some("jane.doe"));
    assert_eq!(sam.value, Money(0), "Annual Revenue is not read");
    assert_eq!(
        by_ext(&all, "zoho-lead:4876876000000214").stage,
        "disqualified"
    );
    let (_d, all, out) = run("zoho/deals.csv");
    assert!(out.contains("format: Zoho CRM deals"), "{out}");
    let maple = by_ext(&all, "zoho-deal:4876876000000311");
    assert_eq!(
        (maple.stage.as_str(), maple.value),
        ("opportunity", Money(9_557_069))
    );
    let cedar = by_ext(&all, "zoho-deal:4876876000000312");
    assert_eq!(
        (cedar.stage.as_str(), cedar.stage_entered_at),
        ("won", ts("2026-10-01T00:00:00Z"))
    );
}

#[test]
fn close_leads() {
    let (_d, all, out) = run("close/leads.csv");
    assert!(out.contains("format: Close leads"), "{out}");
    let acme = all
        .iter()
        .find(|l| l.company == "Acme Corp")
        .expect("Acme Corp");
    assert_eq!(
        (acme.email.as_str(), acme.stage.as_str()),
        ("ana@acme.example", "new")
    );
    assert_eq!(acme.created_at, ts("2024-03-05T14:22:05Z"));
    assert_eq!(named(&all, "Globex").stage, "sql");
    assert!(
        out.contains("stage \"Interested\" (1 row, first line 4) → new"),
        "{out}"
    );
}

#[test]
fn every_vendor_fixture_imports_with_no_format_or_map() {
    let files = [
        "salesforce/report_leads.csv",
        "salesforce/report_opportunities.csv",
        "salesforce/dataloader_leads_caps.csv",
        "pipedrive/deals_list_view.csv",
        "pipedrive/people.csv",
        "pipedrive/leads.csv",
        "zoho/leads.csv",
        "zoho/deals.csv",
        "close/leads.csv",
        "hubspot/deals_custom_pipeline.csv",
    ];
    for f in files {
        let (_d, all, out) = run(f);
        assert!(out.contains("bad 0 — written"), "{f}: {out}");
        assert!(!all.is_empty(), "{f}");
    }
}

#[test]
fn hubspot_contacts_with_junk_emails_and_scores_keep_their_rows() {
    let (_d, all, out) = run("hubspot/contacts_messy.csv");
    assert!(out.contains("format: HubSpot contacts"), "{out}");
    assert!(
        out.contains("created 5, updated 0, unchanged 0, refused 0, bad 0"),
        "{out}"
    );
    for want in [
        "warning: line 2, column \"HubSpot Score\": score -5 is outside 0–100; kept as 0",
        "warning: line 3, column \"Email\": \"bo@globex.example; bo.chen@gmail.example\" holds 2 addresses; kept the first, bo@globex.example",
        "warning: line 3, column \"HubSpot Score\": score 140 is outside 0–100; kept as 100",
        "warning: line 4, column \"Email\": \"n/a\" is not an e-mail address; the lead is imported without one",
    ] {
        assert!(out.contains(want), "missing {want:?} in:\n{out}");
    }
    let ana = by_ext(&all, "hubspot-contact:701");
    assert_eq!(
        (ana.email.as_str(), ana.company.as_str(), ana.score),
        ("ana.silva@acme.example", "Acme Corp", 0)
    );
    let bo = by_ext(&all, "hubspot-contact:702");
    assert_eq!((bo.email.as_str(), bo.score), ("bo@globex.example", 100));
    let cy = by_ext(&all, "hubspot-contact:703");
    assert_eq!((cy.email.as_str(), cy.score), ("", 55));
    assert_eq!(
        by_ext(&all, "hubspot-contact:704").stage,
        "disqualified",
        "Lead Status Unqualified"
    );
    assert_eq!(
        by_ext(&all, "hubspot-contact:705").stage,
        "recycled",
        "Lead Status Bad Timing"
    );
}

#[test]
fn tz_reads_wall_clock_times_in_the_accounts_zone() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("team.db");
    let file = shaped("pipedrive/deals_list_view.csv");
    let (ok, out, err) = import_file(&db, &file, &["--tz", "Europe/Berlin"]);
    assert!(ok, "{out}{err}");
    assert!(
        out.contains("times: those without an offset are Europe/Berlin wall-clock times"),
        "{out}"
    );
    let all = leads(&db);
    assert_eq!(
        by_ext(&all, "pipedrive:101").created_at,
        ts("2024-01-15T09:23:45Z")
    );
    assert_eq!(
        by_ext(&all, "pipedrive:102").stage_entered_at,
        ts("2024-03-01T11:00:00Z")
    );
    let (ok, _, err) = import_file(&db, &file, &["--tz", "Mars/Olympus"]);
    assert!(!ok);
    assert!(err.contains("not a time zone"), "{err}");
}

#[test]
fn an_open_deals_close_date_is_its_expected_close_shown_on_its_card() {
    let (dir, all, _) = run("salesforce/report_opportunities.csv");
    let open = named(&all, "Globex renewal");
    assert_eq!(open.stage, "opportunity");
    assert_eq!(
        open.expected_close.map(|d| d.to_string()).as_deref(),
        Some("2024-06-30")
    );
    assert_eq!(
        open.stage_entered_at,
        ts("2024-02-14T00:00:00Z"),
        "never its stage entry"
    );
    let won = named(&all, "Acme - 500 seats");
    assert_eq!((won.stage.as_str(), won.expected_close), ("won", None));
    let db = dir.path().join("team.db");
    let out = crate::common::bin()
        .arg("--db")
        .arg(&db)
        .args([
            "--as-of",
            "2024-06-01",
            "snapshot",
            "--view",
            "board",
            "--size",
            "200x30",
        ])
        .output()
        .unwrap();
    let board = String::from_utf8_lossy(&out.stdout);
    assert!(board.contains("close 06-30"), "{board}");
}
