//! The shared real data sets through the shipped mappings. Expectations are computed here by
//! reading the source CSVs independently (csv crate, chrono), never copied from the importer.

use crate::common;
use crate::import_support;

use chrono::{NaiveDate, NaiveDateTime};
use import_support::{asset, dataset, import_file, leads};
use leadboard::domain::{Lead, Money, Team};
use leadboard::store::{OpenMode, Store};
use std::collections::{BTreeMap, BTreeSet, HashMap};

fn rows(rel: &str) -> Vec<HashMap<String, String>> {
    let mut r = csv::Reader::from_path(dataset(rel)).unwrap();
    let headers: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            headers
                .iter()
                .cloned()
                .zip(rec.iter().map(str::to_string))
                .collect()
        })
        .collect()
}

fn midnight(s: &str, f: &str) -> chrono::DateTime<chrono::Utc> {
    NaiveDate::parse_from_str(s, f)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap()
        .and_utc()
}

fn units(s: &str) -> Money {
    Money(s.trim().parse::<i64>().unwrap() * 100)
}

#[test]
fn olist_mqls_then_closed_deals_move_exactly_those_leads_to_won() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("olist.db");
    let mqls = rows("olist-marketing-funnel/olist_marketing_qualified_leads_dataset.csv");
    let deals = rows("olist-marketing-funnel/olist_closed_deals_dataset.csv");

    let (ok, out, err) = import_file(
        &db,
        &dataset("olist-marketing-funnel/olist_marketing_qualified_leads_dataset.csv"),
        &["--map", asset("olist-mqls.toml").to_str().unwrap()],
    );
    assert!(ok, "{out}{err}");
    assert!(
        out.contains(&format!("created {}, updated 0", mqls.len())),
        "{out}"
    );
    let all = leads(&db);
    assert_eq!(all.len(), mqls.len());
    let by_ext: HashMap<&str, &Lead> = all
        .iter()
        .map(|l| (l.external_id.as_deref().unwrap(), l))
        .collect();
    let mut want_sources: BTreeMap<String, usize> = BTreeMap::new();
    for m in &mqls {
        let lead = by_ext[format!("olist:{}", m["mql_id"]).as_str()];
        assert_eq!(lead.stage, "mql");
        assert_eq!(
            lead.created_at,
            midnight(&m["first_contact_date"], "%d-%m-%Y"),
            "{}",
            m["mql_id"]
        );
        let origin = if m["origin"].is_empty() {
            "unknown"
        } else {
            m["origin"].as_str()
        };
        *want_sources.entry(origin.to_string()).or_default() += 1;
    }
    let mut got_sources: BTreeMap<String, usize> = BTreeMap::new();
    for l in &all {
        *got_sources.entry(l.source.clone()).or_default() += 1;
    }
    assert_eq!(got_sources, want_sources);

    let (ok, out, err) = import_file(
        &db,
        &dataset("olist-marketing-funnel/olist_closed_deals_dataset.csv"),
        &["--map", asset("olist-closed-deals.toml").to_str().unwrap()],
    );
    assert!(ok, "{out}{err}");
    assert!(
        out.contains(&format!(
            "created 0, updated {}, unchanged 0, refused 0, bad 0",
            deals.len()
        )),
        "{out}"
    );
    let all = leads(&db);
    assert_eq!(all.len(), mqls.len(), "upserted, not added");
    let won: BTreeSet<&str> = all
        .iter()
        .filter(|l| l.stage == "won")
        .map(|l| l.external_id.as_deref().unwrap())
        .collect();
    let want_won: BTreeSet<String> = deals
        .iter()
        .map(|d| format!("olist:{}", d["mql_id"]))
        .collect();
    assert_eq!(won.len(), deals.len());
    assert_eq!(won, want_won.iter().map(String::as_str).collect());

    let by_ext: HashMap<&str, &Lead> = all
        .iter()
        .map(|l| (l.external_id.as_deref().unwrap(), l))
        .collect();
    for d in &deals {
        let l = by_ext[format!("olist:{}", d["mql_id"]).as_str()];
        assert_eq!(
            l.owner.as_deref(),
            Some(d["sr_id"].as_str()),
            "closer is the owner"
        );
        assert_eq!(
            l.qualified_by.as_deref(),
            Some(d["sdr_id"].as_str()),
            "SDR qualified it"
        );
        let won_at = NaiveDateTime::parse_from_str(&d["won_date"], "%d-%m-%Y %H:%M")
            .unwrap()
            .and_utc();
        assert_eq!(l.stage_entered_at, won_at);
        let revenue = d["declared_monthly_revenue"].trim();
        let want = if revenue.is_empty() {
            Money(0)
        } else {
            units(revenue)
        };
        assert_eq!(l.value, want, "{}", d["mql_id"]);
        // One deal in the source was won before its first contact date, so find the move by stage.
        let evs = import_support::events(&db, l.id);
        assert_eq!(evs.len(), 2, "created, then moved once");
        let ev = evs.iter().find(|e| e.to == "won").unwrap();
        assert_eq!(
            (ev.from.as_deref(), ev.to.as_str(), ev.reason.as_str()),
            (Some("mql"), "won", "import")
        );
        assert_eq!(ev.at, won_at);
        assert_eq!(l.version, 2);
    }

    let reps: HashMap<String, Team> = Store::open(&db, OpenMode::Existing)
        .unwrap()
        .reps()
        .unwrap()
        .into_iter()
        .map(|r| (r.handle, r.team))
        .collect();
    let sdrs: BTreeSet<&str> = deals.iter().map(|d| d["sdr_id"].as_str()).collect();
    let srs: BTreeSet<&str> = deals.iter().map(|d| d["sr_id"].as_str()).collect();
    assert_eq!(reps.len(), sdrs.union(&srs).count());
    for s in srs.difference(&sdrs) {
        assert_eq!(reps[*s], Team::Sales);
    }
    for s in sdrs.difference(&srs) {
        assert_eq!(reps[*s], Team::Marketing);
    }
    // The first import rebuilt the funnel's kept figures in bulk, the second kept them row by
    // row; either way they agree with the stage history.
    let report = Store::open(&db, OpenMode::Existing)
        .unwrap()
        .check()
        .unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
}

#[test]
fn maven_pipeline_counts_values_and_agents() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("maven.db");
    let pipeline = rows("maven-crm-sales-opportunities/sales_pipeline.csv");
    let teams = rows("maven-crm-sales-opportunities/sales_teams.csv");
    let file = dataset("maven-crm-sales-opportunities/sales_pipeline.csv");
    let map = asset("maven-sales-pipeline.toml");
    let (ok, out, err) = import_file(&db, &file, &["--map", map.to_str().unwrap()]);
    assert!(ok, "{out}{err}");
    assert!(
        out.contains(&format!("created {}, updated 0", pipeline.len())),
        "{out}"
    );

    let all = leads(&db);
    assert_eq!(all.len(), pipeline.len());
    let stage_of = |s: &str| match s {
        "Prospecting" => "sql",
        "Engaging" => "opportunity",
        "Won" => "won",
        "Lost" => "lost",
        other => panic!("unexpected deal_stage {other}"),
    };
    let mut want: BTreeMap<&str, usize> = BTreeMap::new();
    let mut want_won_value = 0i64;
    for p in &pipeline {
        *want.entry(stage_of(&p["deal_stage"])).or_default() += 1;
        if p["deal_stage"] == "Won" {
            want_won_value += units(&p["close_value"]).cents();
        }
    }
    let mut got: BTreeMap<&str, usize> = BTreeMap::new();
    for l in &all {
        *got.entry(l.stage.as_str()).or_default() += 1;
    }
    assert_eq!(got, want);
    let got_won_value: i64 = all
        .iter()
        .filter(|l| l.stage == "won")
        .map(|l| l.value.cents())
        .sum();
    assert_eq!(got_won_value, want_won_value);

    let store = Store::open(&db, OpenMode::Existing).unwrap();
    let rep_name: HashMap<String, String> = store
        .reps()
        .unwrap()
        .into_iter()
        .map(|r| (r.handle, r.name))
        .collect();
    let agents: BTreeSet<&str> = pipeline.iter().map(|p| p["sales_agent"].as_str()).collect();
    let team_agents: BTreeSet<&str> = teams.iter().map(|t| t["sales_agent"].as_str()).collect();
    assert!(
        agents.is_subset(&team_agents),
        "every agent is in sales_teams.csv"
    );
    assert_eq!(
        rep_name
            .values()
            .map(String::as_str)
            .collect::<BTreeSet<_>>(),
        agents
    );

    let by_ext: HashMap<&str, &Lead> = all
        .iter()
        .map(|l| (l.external_id.as_deref().unwrap(), l))
        .collect();
    for p in &pipeline {
        let l = by_ext[format!("maven:{}", p["opportunity_id"]).as_str()];
        assert_eq!(rep_name[l.owner.as_deref().unwrap()], p["sales_agent"]);
        assert_eq!(l.company, p["account"]);
        if !p["engage_date"].is_empty() {
            assert_eq!(l.created_at, midnight(&p["engage_date"], "%Y-%m-%d"));
        } else {
            assert_eq!(
                l.created_at,
                common::now(),
                "no engage date: the import time"
            );
        }
        if !p["close_date"].is_empty() {
            assert_eq!(l.stage_entered_at, midnight(&p["close_date"], "%Y-%m-%d"));
        }
        let want_name = if p["account"].is_empty() {
            p["product"].clone()
        } else {
            format!("{} – {}", p["account"], p["product"])
        };
        assert_eq!(l.name, want_name);
    }

    let (ok, out, _) = import_file(&db, &file, &["--map", map.to_str().unwrap()]);
    assert!(
        ok && out.contains(&format!(
            "created 0, updated 0, unchanged {}",
            pipeline.len()
        )),
        "{out}"
    );
}
