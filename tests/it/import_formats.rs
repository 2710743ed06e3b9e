//! Each built-in format on a fixture made from the vendor's documented export headers, and a
//! mapping file for a day-first spreadsheet. Expected values are read off the fixtures by hand.

use crate::import_support;

use import_support::{by_ext, fixture, import_file, leads, ts};
use leadboard::domain::Money;

fn fresh() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("team.db");
    (dir, db)
}

#[test]
fn hubspot_deals() {
    let (_d, db) = fresh();
    let (ok, out, err) = import_file(&db, &fixture("hubspot_deals.csv"), &[]);
    assert!(ok, "{out}{err}");
    assert!(out.contains("format: HubSpot deals"), "{out}");
    assert!(
        out.contains("created 4, updated 0, unchanged 0, refused 0, bad 0"),
        "{out}"
    );
    let all = leads(&db);
    let acme = by_ext(&all, "hubspot-deal:9876543210");
    assert_eq!(
        (acme.name.as_str(), acme.company.as_str()),
        ("Acme annual plan", "Acme Corp")
    );
    assert_eq!((acme.stage.as_str(), acme.value), ("sql", Money(4_200_000)));
    assert_eq!(acme.owner.as_deref(), Some("jane.doe"));
    assert_eq!(acme.created_at, ts("2024-01-15T10:23:00Z"));
    assert_eq!(acme.stage_entered_at, acme.created_at);
    let globex = by_ext(&all, "hubspot-deal:9876543211");
    assert_eq!(
        (globex.stage.as_str(), globex.value),
        ("won", Money(1_240_000))
    );
    assert_eq!(globex.stage_entered_at, ts("2024-03-01T00:00:00Z"));
    let initech = by_ext(&all, "hubspot-deal:9876543212");
    assert_eq!(
        initech.stage, "lost",
        "internal value closedlost is understood"
    );
    assert_eq!(initech.stage_entered_at, ts("2024-02-10T00:00:00Z"));
    let umbrella = by_ext(&all, "hubspot-deal:9876543213");
    assert_eq!(umbrella.name, "Umbrella \"big\" deal, phase 2");
    assert_eq!(
        (umbrella.stage.as_str(), umbrella.owner.as_deref()),
        ("opportunity", None)
    );
}

#[test]
fn hubspot_contacts() {
    let (_d, db) = fresh();
    let (ok, out, err) = import_file(
        &db,
        &fixture("hubspot_contacts.csv"),
        &["--format", "hubspot"],
    );
    assert!(ok, "{out}{err}");
    assert!(out.contains("format: HubSpot contacts"), "{out}");
    let all = leads(&db);
    let ana = by_ext(&all, "hubspot-contact:501");
    assert_eq!(
        (ana.name.as_str(), ana.email.as_str()),
        ("Ana Silva", "ana.silva@acme.example")
    );
    assert_eq!(
        (ana.stage.as_str(), ana.source.as_str()),
        ("mql", "Organic Search")
    );
    assert!(
        ana.delivered_at.is_some(),
        "an MQL has been handed to sales"
    );
    let bo = by_ext(&all, "hubspot-contact:502");
    assert_eq!((bo.stage.as_str(), bo.owner.as_deref()), ("new", None));
    assert_eq!(bo.created_at, ts("2024-01-16T00:00:00Z"));
    assert!(bo.delivered_at.is_none());
    assert_eq!(by_ext(&all, "hubspot-contact:503").stage, "won");
}

#[test]
fn salesforce_status_with_is_converted() {
    let (_d, db) = fresh();
    let (ok, out, err) = import_file(&db, &fixture("salesforce_leads.csv"), &[]);
    assert!(ok, "{out}{err}");
    assert!(out.contains("format: Salesforce leads"), "{out}");
    let all = leads(&db);
    let stage = |id: &str| by_ext(&all, &format!("salesforce:{id}")).stage.clone();
    assert_eq!(stage("00Q5e000001AbcdEAA"), "mql");
    assert_eq!(stage("00Q5e000001AbceEAA"), "sql");
    assert_eq!(stage("00Q5e000001AbcfEAA"), "opportunity");
    // Status says "Working - Contacted" but IsConverted is TRUE: converted wins.
    let di = by_ext(&all, "salesforce:00Q5e000001AbcgEAA");
    assert_eq!(di.stage, "opportunity");
    assert_eq!(di.stage_entered_at, ts("2024-02-03T00:00:00Z"));
    assert_eq!(stage("00Q5e000001AbchEAA"), "disqualified");
    let ana = by_ext(&all, "salesforce:00Q5e000001AbcdEAA");
    assert_eq!(ana.created_at, ts("2024-01-15T10:23:45Z"));
    assert_eq!(
        (ana.name.as_str(), ana.source.as_str()),
        ("Ana Silva", "Web")
    );
    assert_eq!(ana.owner.as_deref(), Some("0055e000000xyzaaaqa2"));
}

#[test]
fn pipedrive_status_wins_over_stage() {
    let (_d, db) = fresh();
    let (ok, out, err) = import_file(&db, &fixture("pipedrive_deals.csv"), &[]);
    assert!(ok, "{out}{err}");
    assert!(out.contains("format: Pipedrive deals"), "{out}");
    let all = leads(&db);
    let one = by_ext(&all, "pipedrive:1");
    assert_eq!((one.stage.as_str(), one.value), ("sql", Money(4_200_000)));
    assert_eq!(
        (one.company.as_str(), one.email.as_str()),
        ("Acme Corp", "ana@acme.example")
    );
    let two = by_ext(&all, "pipedrive:2");
    assert_eq!((two.stage.as_str(), two.value), ("won", Money(1_240_050)));
    assert_eq!(two.stage_entered_at, ts("2024-03-01T12:00:00Z"));
    // An unmapped custom stage does not matter once the status says lost.
    let three = by_ext(&all, "pipedrive:3");
    assert_eq!(three.stage, "lost");
    assert_eq!(three.stage_entered_at, ts("2024-02-10T09:30:00Z"));
    assert_eq!(by_ext(&all, "pipedrive:4").stage, "opportunity");
}

#[test]
fn mapping_file_states_day_first_dates() {
    let (_d, db) = fresh();
    let (ok, out, err) = import_file(
        &db,
        &fixture("dmy.csv"),
        &["--map", fixture("dmy.toml").to_str().unwrap()],
    );
    assert!(ok, "{out}{err}");
    let all = leads(&db);
    let ana = all.iter().find(|l| l.name == "Ana Silva").unwrap();
    assert_eq!(
        ana.created_at,
        ts("2024-02-01T00:00:00Z"),
        "01-02-2024 is 1 February"
    );
    assert_eq!(
        (ana.stage.as_str(), ana.owner.as_deref()),
        ("sql", Some("jane"))
    );
    assert_eq!(
        (ana.value, ana.source.as_str()),
        (Money(150_000), "spreadsheet")
    );
    let bo = all.iter().find(|l| l.name == "Bo Chen").unwrap();
    assert_eq!(
        (bo.stage.as_str(), bo.created_at),
        ("new", ts("2024-02-13T00:00:00Z"))
    );
}

#[test]
fn month_first_mapping_rejects_day_13_and_writes_nothing() {
    let (_d, db) = fresh();
    let (ok, out, _) = import_file(
        &db,
        &fixture("dmy.csv"),
        &["--map", fixture("mdy.toml").to_str().unwrap()],
    );
    assert!(!ok);
    assert!(
        out.contains("line 3, column \"Since\": \"13-02-2024\" is not a date"),
        "{out}"
    );
    assert!(out.contains("nothing written"), "{out}");
    assert!(leads(&db).is_empty());
}

#[test]
fn unknown_header_is_refused_with_a_way_out() {
    let (_d, db) = fresh();
    let (ok, _, err) = import_file(&db, &fixture("dmy.csv"), &[]);
    assert!(!ok);
    assert!(
        err.contains("cannot tell which CRM wrote this file"),
        "{err}"
    );
    assert!(err.contains("--map"), "{err}");
}

#[test]
fn mapping_naming_a_missing_column_is_refused() {
    let (dir, db) = fresh();
    let map = dir.path().join("m.toml");
    std::fs::write(&map, "[columns]\nname = \"Full name\"\n").unwrap();
    let (ok, _, err) = import_file(&db, &fixture("dmy.csv"), &["--map", map.to_str().unwrap()]);
    assert!(!ok);
    assert!(
        err.contains("\"Full name\", which the file does not have"),
        "{err}"
    );
    std::fs::write(&map, "[columns]\nnmae = \"Lead\"\n").unwrap();
    let (ok, _, err) = import_file(&db, &fixture("dmy.csv"), &["--map", map.to_str().unwrap()]);
    assert!(!ok);
    assert!(err.contains("\"nmae\" is not a lead field"), "{err}");
}
