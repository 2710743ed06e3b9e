//! Files as Excel re-saves them (tests/it/fixture/excel/SOURCES.md): Windows-1252 with `;`
//! and day-first dates, UTF-16 "Unicode text" with tabs, old-Mac CR line ends; and a row
//! with several problems reports them all.

use crate::import_support::{by_ext, import, import_file, leads, shaped, ts};

fn fresh() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("team.db");
    (dir, db)
}

#[test]
fn windows_1252_semicolons_and_day_first_dates() {
    let (_d, db) = fresh();
    let (ok, out, err) = import_file(&db, &shaped("excel/hubspot_contacts_de.csv"), &[]);
    assert!(ok, "{out}{err}");
    assert!(out.contains("format: HubSpot contacts"), "{out}");
    assert!(
        out.contains("encoding: windows-1252 — the file is not UTF-8"),
        "{out}"
    );
    let all = leads(&db);
    let j = by_ext(&all, "hubspot-contact:601");
    assert_eq!(
        (j.name.as_str(), j.company.as_str(), j.stage.as_str()),
        ("Jürgen Müller", "Müller & Söhne GmbH", "mql")
    );
    assert_eq!(j.created_at, ts("2024-02-14T09:30:00Z"));
    assert_eq!(j.score, 55);
    assert_eq!(by_ext(&all, "hubspot-contact:602").name, "Zoë Lefèvre");
    assert_eq!(by_ext(&all, "hubspot-contact:603").stage, "won");
}

#[test]
fn utf16_unicode_text_with_tabs_and_a_report_footer() {
    let (_d, db) = fresh();
    let (ok, out, err) = import_file(&db, &shaped("excel/salesforce_report_unicode.txt"), &[]);
    assert!(ok, "{out}{err}");
    assert!(out.contains("format: Salesforce report (leads)"), "{out}");
    assert!(out.contains("encoding: UTF-16LE"), "{out}");
    assert!(
        out.contains("created 2, updated 0, unchanged 0, refused 0, bad 0"),
        "{out}"
    );
    let all = leads(&db);
    let zoe = all
        .iter()
        .find(|l| l.email == "zoe.astrom@nordlicht.example")
        .unwrap();
    assert_eq!(
        (zoe.name.as_str(), zoe.stage.as_str()),
        ("Zoë Åström", "mql")
    );
}

#[test]
fn cr_only_line_ends_give_the_right_line() {
    let (_d, db) = fresh();
    let (ok, out, _) = import_file(&db, &shaped("excel/generic_mac_cr.csv"), &[]);
    assert!(!ok);
    assert!(
        out.contains("bad row: line 3, column \"value\": \"lots\""),
        "{out}"
    );
}

#[test]
fn every_problem_of_a_row_is_listed() {
    let (d, db) = fresh();
    let f = d.path().join("many.csv");
    std::fs::write(
        &f,
        "name,email,stage,value,created_at\nAna,not-an-email,mql,lots,yesterday\n",
    )
    .unwrap();
    let (ok, out, _) = import(&db, &[f.to_str().unwrap()]);
    assert!(!ok);
    for want in [
        "line 2, column \"email\": \"not-an-email\" is not an e-mail address",
        "line 2, column \"value\": \"lots\" is not an amount",
        "line 2, column \"created_at\": \"yesterday\" is not a date",
        "bad 1 — nothing written",
    ] {
        assert!(out.contains(want), "missing {want:?} in:\n{out}");
    }
}
