//! A deal's currency as the export names it: kept per lead, never converted, and never
//! added to another currency in any figure (board headings, report, campaign return).

use crate::common::{AS_OF, bin};
use crate::import_support::{by_ext, import_file, leads, shaped};
use leadboard::domain::{Lead, Money};
use std::path::Path;

fn lb(db: &Path, args: &[&str]) -> (bool, String, String) {
    let out = bin()
        .arg("--db")
        .arg(db)
        .args(["--as-of", AS_OF])
        .args(args)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn imported(
    rel: &str,
    extra: &[&str],
) -> (tempfile::TempDir, std::path::PathBuf, Vec<Lead>, String) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("team.db");
    let (ok, out, err) = import_file(&db, &shaped(rel), extra);
    assert!(ok, "{rel}: {out}{err}");
    let all = leads(&db);
    (dir, db, all, out)
}

fn named<'a>(all: &'a [Lead], name: &str) -> &'a Lead {
    all.iter()
        .find(|l| l.name == name)
        .unwrap_or_else(|| panic!("no lead {name}"))
}

#[test]
fn pipedrive_deals_keep_each_deals_currency_and_value() {
    let (_d, _db, all, out) = imported("pipedrive/deals_currencies.csv", &[]);
    assert!(out.contains("format: Pipedrive deals"), "{out}");
    assert!(out.contains("created 5,"), "{out}");
    let got: Vec<(&str, &str, Money, &str)> = ["201", "202", "203", "204", "205"]
        .iter()
        .map(|id| {
            let l = by_ext(&all, &format!("pipedrive:{id}"));
            (
                l.name.as_str(),
                l.currency.as_str(),
                l.value,
                l.stage.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("Fjord licences", "EUR", Money(4_800_000), "won"),
            ("Sakura rollout", "JPY", Money(150_000_000), "opportunity"),
            ("Lakeside pilot", "USD", Money(1_240_050), "won"),
            ("Thames support", "GBP", Money(320_000), "lost"),
            ("Koln upgrade", "EUR", Money(900_000), "won"),
        ]
    );
    // The weighted value and its currency are not the deal's value: listed as not read.
    assert!(out.contains("Deal - Weighted value"), "{out}");
    assert!(
        out.contains("currency: deals kept in the currency the file names (2 in EUR, 1 in GBP, 1 in JPY, 1 in USD)"),
        "{out}"
    );
}

#[test]
fn the_teams_own_currency_is_named_at_import() {
    let (_d, _db, all, out) = imported(
        "pipedrive/deals_currencies.csv",
        &["--team-currency", "EUR"],
    );
    assert_eq!(named(&all, "Fjord licences").currency, "");
    assert_eq!(
        named(&all, "Koln upgrade").currency,
        "",
        "eur in lower case"
    );
    assert_eq!(named(&all, "Sakura rollout").currency, "JPY");
    assert!(out.contains("(1 in GBP, 1 in JPY, 1 in USD)"), "{out}");
    let dir = tempfile::tempdir().unwrap();
    let (ok, _, err) = import_file(
        &dir.path().join("t.db"),
        &shaped("pipedrive/deals_currencies.csv"),
        &["--team-currency", "euro"],
    );
    assert!(!ok && err.contains("not a currency code"), "{err}");
}

#[test]
fn salesforce_multicurrency_report_reads_the_amount_not_the_converted_one() {
    let (_d, _db, all, out) = imported("salesforce/report_opportunities_multicurrency.csv", &[]);
    assert!(
        out.contains("format: Salesforce report (opportunities)"),
        "{out}"
    );
    assert!(out.contains("created 4,"), "{out}");
    let got: Vec<(&str, Money, &str)> = ["JPY TEST", "USD TEST", "Globex renewal", "Initech pilot"]
        .iter()
        .map(|n| {
            let l = named(&all, n);
            (l.currency.as_str(), l.value, l.stage.as_str())
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("JPY", Money(1_000_000), "won"),
            ("USD", Money(1_000_000), "won"),
            ("EUR", Money(4_850_050), "opportunity"),
            ("USD", Money(1_200_000), "lost"),
        ],
        "JPY 10,000 stays 10,000 yen: never the 83.86 dollars it converts to"
    );
    assert!(
        out.contains("Amount (Converted) Currency, Amount (Converted)"),
        "the converted columns are listed as not read: {out}"
    );
}

/// An amount cell may name its own currency; when the currency column names another one,
/// which is right is not the import's to guess: the row is refused, saying both.
#[test]
fn a_currency_in_the_amount_cell_must_agree_with_the_column() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("deals.csv");
    std::fs::write(
        &csv,
        "name,value,currency,stage\n\
         Agrees,EUR 1200.00,EUR,new\n\
         Cell only,1200.00 €,,new\n\
         Column only,1200.00,usd,new\n\
         Disagrees,EUR 1200.00,USD,new\n",
    )
    .unwrap();
    let db = dir.path().join("team.db");
    let (ok, out, _) = import_file(&db, &csv, &[]);
    assert!(!ok, "{out}");
    assert!(
        out.contains("\"EUR 1200.00\" is in EUR but column \"currency\" says USD"),
        "{out}"
    );
    let (ok, out, err) = import_file(&db, &csv, &["--skip-bad"]);
    assert!(ok, "{out}{err}");
    let all = leads(&db);
    let got: Vec<(&str, &str, Money)> = all
        .iter()
        .map(|l| (l.name.as_str(), l.currency.as_str(), l.value))
        .collect();
    assert_eq!(
        got,
        vec![
            ("Agrees", "EUR", Money(120_000)),
            ("Cell only", "EUR", Money(120_000)),
            ("Column only", "USD", Money(120_000)),
        ]
    );
}

/// Two currencies in one file: every figure that sums values keeps them apart, and the
/// campaign's return is only what was won in the cost's (the team's) currency.
#[test]
fn a_report_on_a_two_currency_file_never_adds_them() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("team.db");
    assert!(lb(&db, &["init"]).0);
    let ok = |args: &[&str]| {
        let (ok, out, err) = lb(&db, args);
        assert!(ok, "{args:?}: {out}{err}");
        out
    };
    ok(&[
        "campaigns",
        "add",
        "Fair",
        "--channel",
        "event",
        "--cost",
        "1000",
    ]);
    for (name, value, currency) in [
        ("Home win", "3000", ""),
        ("Euro win", "5000", "EUR"),
        ("Euro win 2", "700", "EUR"),
        ("Dollar win", "900", "USD"),
    ] {
        let mut args = vec![
            "lead",
            "add",
            "--name",
            name,
            "--stage",
            "won",
            "--value",
            value,
            "--campaign",
            "Fair",
        ];
        if !currency.is_empty() {
            args.extend(["--currency", currency]);
        }
        ok(&args);
    }
    ok(&[
        "lead",
        "add",
        "--name",
        "Open euro",
        "--stage",
        "sql",
        "--value",
        "100",
        "--currency",
        "EUR",
    ]);
    let v: serde_json::Value = serde_json::from_str(&ok(&["report", "--format", "json"])).unwrap();
    let won = v["stages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == "won")
        .unwrap();
    assert_eq!(won["count"], 4);
    assert_eq!(won["value"], 3000.0, "the team's currency only: {won}");
    assert_eq!(
        won["value_other_currencies"],
        serde_json::json!({"EUR": 5700.0, "USD": 900.0})
    );
    let sql = v["stages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == "sql")
        .unwrap();
    assert_eq!(
        (&sql["value"], &sql["value_other_currencies"]),
        (&serde_json::json!(0.0), &serde_json::json!({"EUR": 100.0}))
    );
    let fair = &v["campaigns"][0];
    assert_eq!(fair["won"], 4);
    assert_eq!(fair["won_value"], 3000.0);
    assert_eq!(
        fair["won_value_other_currencies"],
        serde_json::json!({"EUR": 5700.0, "USD": 900.0})
    );
    assert_eq!(
        fair["return_on_cost"], 3.0,
        "3,000 won in the cost's currency ÷ 1,000"
    );
    // Single-currency stages carry no extra key.
    let new = v["stages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == "new")
        .unwrap();
    assert!(new.get("value_other_currencies").is_none(), "{new}");
    let md = ok(&["report"]);
    assert!(md.contains("$3,000.00 + EUR 5,700.00 + USD 900.00"), "{md}");
    // The lead itself says its currency.
    let (_, show, _) = lb(&db, &["lead", "show", "2"]);
    assert!(show.contains("EUR 5,000.00"), "{show}");
    let list: serde_json::Value =
        serde_json::from_str(&ok(&["lead", "list", "--format", "json"])).unwrap();
    assert!(list.to_string().contains(r#""currency":"USD""#), "{list}");
    // A code is three upper-case letters, said plainly when it is not.
    let (ok2, _, err) = lb(&db, &["lead", "edit", "2", "--currency", "eur"]);
    assert!(!ok2 && err.contains("did you mean \"EUR\""), "{err}");
    ok(&["lead", "edit", "2", "--currency", ""]);
    let v: serde_json::Value = serde_json::from_str(&ok(&["report", "--format", "json"])).unwrap();
    assert_eq!(
        v["campaigns"][0]["won_value"], 8000.0,
        "back in the team's currency"
    );
}
