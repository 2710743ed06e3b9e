//! Amounts and dates read by a rule decided for the whole file, never guessed per value:
//! a decimal-comma file is read as one, a value written against the file's rule refuses its
//! row with the reason, and the report says what was decided and from which value.

use crate::import_support::{import_file, leads, shaped, ts};
use leadboard::domain::Money;

fn fresh() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("team.db");
    (dir, db)
}

fn value_of(all: &[leadboard::domain::Lead], name: &str) -> Money {
    all.iter()
        .find(|l| l.name == name)
        .unwrap_or_else(|| panic!("no lead {name}"))
        .value
}

#[test]
fn a_semicolon_file_with_decimal_commas_is_read_as_one() {
    let (_d, db) = fresh();
    let (ok, out, err) = import_file(&db, &shaped("amounts/decimal_comma.csv"), &[]);
    assert!(ok, "{out}{err}");
    assert!(
        out.contains("amounts: decimal comma (1.234,56) — 3 values can only be read that way, first line 2: \"4800,5\""),
        "{out}"
    );
    assert!(
        out.contains("dates: day first (14.02.2024) — 1 date can only be read that way, first line 2: \"14.02.2024\""),
        "{out}"
    );
    let all = leads(&db);
    assert_eq!(value_of(&all, "Ana Silva"), Money(480_050), "4800,5");
    assert_eq!(value_of(&all, "Bo Chen"), Money(1_250), "12,50 €");
    assert_eq!(value_of(&all, "Cy Dube"), Money(120_000), "1 200,00");
    assert_eq!(
        value_of(&all, "Di Evans"),
        Money(125_000),
        "1.250 in this file"
    );
    let bo = all.iter().find(|l| l.name == "Bo Chen").unwrap();
    assert_eq!(
        bo.created_at,
        ts("2024-02-03T00:00:00Z"),
        "03.02.2024 is 3 February"
    );
    let cy = all.iter().find(|l| l.name == "Cy Dube").unwrap();
    assert_eq!(cy.created_at, ts("2024-03-05T14:22:05Z"));
}

#[test]
fn a_value_against_the_files_rule_refuses_its_row() {
    let (_d, db) = fresh();
    let file = shaped("amounts/mixed_point.csv");
    let (ok, out, _) = import_file(&db, &file, &[]);
    assert!(!ok, "{out}");
    assert!(
        out.contains("line 3, column \"value\": \"4800,5\" is written with a decimal comma"),
        "{out}"
    );
    assert!(
        out.contains("1 value written the other way is refused (line 3: \"4800,5\")"),
        "{out}"
    );
    assert!(leads(&db).is_empty(), "nothing written");
    let (ok, out, err) = import_file(&db, &file, &["--skip-bad"]);
    assert!(ok, "{out}{err}");
    let all = leads(&db);
    assert_eq!(all.len(), 3);
    assert_eq!(value_of(&all, "Ana"), Money(125_000_000), "$1,250,000.00");
    assert_eq!(value_of(&all, "Cy"), Money(5_000_000_000), "5.0E7");
    assert_eq!(
        value_of(&all, "Di"),
        Money(4_200_000),
        "42,000 in a decimal-point file"
    );
}

#[test]
fn decimal_comma_flag_forces_the_rule() {
    let (_d, db) = fresh();
    let (ok, out, _) = import_file(
        &db,
        &shaped("amounts/mixed_point.csv"),
        &["--decimal-comma", "--dry-run"],
    );
    assert!(!ok);
    assert!(
        out.contains("amounts: decimal comma (1.234,56) (--decimal-comma)"),
        "{out}"
    );
    assert!(
        out.contains("line 2, column \"value\": \"$1,250,000.00\" is written with a decimal point"),
        "{out}"
    );
}
