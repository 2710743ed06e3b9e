//! Stage values a CRM format does not list never block the file: each lands in an agreed
//! stage by a stated rule (won/lost words, then a close open-stage name, then the format's
//! earliest open stage; never an exit otherwise), is counted in the report with the option
//! that moves it, and a mapping can extend a built-in format instead of restating it.

use crate::import_support::{by_ext, import_file, leads, shaped};

fn fresh() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("team.db");
    (dir, db)
}

fn stage_of(all: &[leadboard::domain::Lead], id: &str) -> String {
    by_ext(all, &format!("hubspot-deal:{id}")).stage.clone()
}

#[test]
fn custom_pipeline_stages_land_in_open_stages_and_are_reported() {
    let (_d, db) = fresh();
    let (ok, out, err) = import_file(&db, &shaped("hubspot/deals_custom_pipeline.csv"), &[]);
    assert!(ok, "{out}{err}");
    assert!(out.contains("format: HubSpot deals"), "{out}");
    assert!(
        out.contains("created 7, updated 0, unchanged 0, refused 0, bad 0"),
        "{out}"
    );
    let all = leads(&db);
    assert_eq!(
        stage_of(&all, "18029334501"),
        "sql",
        "Discovery Call is not disqualified"
    );
    assert_eq!(
        stage_of(&all, "18029334502"),
        "opportunity",
        "Negotiation is another CRM's Negotiation/Review"
    );
    assert_eq!(stage_of(&all, "18029334504"), "sql");
    assert_eq!(
        stage_of(&all, "18029334505"),
        "won",
        "Closed Won (Renewal) says won"
    );
    assert_eq!(stage_of(&all, "18029334506"), "lost");
    assert_eq!(stage_of(&all, "18029334507"), "opportunity");
    for want in [
        "stage \"Negotiation\" (2 rows, first line 3) → opportunity (closest open stage name: \
         \"negotiation/review\", a Zoho CRM deals stage)",
        "stage \"Verbal Commit\" (1 row, first line 5) → sql (no known stage name is like it: \
         the earliest open stage this format maps to); to choose: --stage \"Verbal Commit=sql\" \
         or in a mapping [stage_map] \"Verbal Commit\" = \"sql\" (open stages: new, engaged, mql, \
         sql, opportunity)",
        "stage \"Discovery Call\" (1 row, first line 2) → sql",
        "stage \"Closed Won (Renewal)\" (1 row, first line 6) → won (the value says won)",
    ] {
        assert!(out.contains(want), "missing {want:?} in:\n{out}");
    }
    assert!(!out.contains("disqualified"), "{out}");
}

#[test]
fn stage_option_and_extending_mapping_place_values() {
    let (_d, db) = fresh();
    let file = shaped("hubspot/deals_custom_pipeline.csv");
    let (ok, out, err) = import_file(&db, &file, &["--stage", "Discovery Call=engaged"]);
    assert!(ok, "{out}{err}");
    assert!(
        !out.contains("stage \"Discovery Call\""),
        "chosen, so not reported: {out}"
    );
    assert_eq!(stage_of(&leads(&db), "18029334501"), "engaged");

    let (_d2, db2) = fresh();
    let map = shaped("hubspot/extend.toml");
    let (ok, out, err) = import_file(&db2, &file, &["--map", map.to_str().unwrap()]);
    assert!(ok, "{out}{err}");
    assert!(out.contains("format: HubSpot deals + "), "{out}");
    let all = leads(&db2);
    assert_eq!(
        stage_of(&all, "18029334502"),
        "opportunity",
        "from the mapping"
    );
    assert_eq!(stage_of(&all, "18029334504"), "opportunity");
    assert_eq!(
        stage_of(&all, "18029334506"),
        "lost",
        "the built-in list still applies"
    );
    assert_eq!(stage_of(&all, "18029334501"), "sql", "still placed by rule");
}

#[test]
fn a_bad_stage_option_or_target_is_refused_before_reading() {
    let (_d, db) = fresh();
    let file = shaped("hubspot/deals_custom_pipeline.csv");
    let (ok, _, err) = import_file(&db, &file, &["--stage", "Negotiation"]);
    assert!(!ok);
    assert!(err.contains("write it as \"VALUE=STAGE\""), "{err}");
    let (ok, _, err) = import_file(&db, &file, &["--stage", "Negotiation=closing"]);
    assert!(!ok);
    assert!(err.contains("\"closing\", which is not a stage"), "{err}");
    assert!(leads(&db).is_empty());
}
