//! The funnel is cumulative on real histories: every lead counts in every stage up to the
//! furthest it reached, closed deals imported without a history included, so the header,
//! the steps and the won count tell one story.

use crate::import_support::{asset, dataset, import_file};
use leadboard::io::gather;
use leadboard::store::{OpenMode, Store};

fn at(s: &str) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339(s)
        .unwrap()
        .with_timezone(&chrono::Utc)
}

#[test]
fn maven_deals_lost_without_history_count_up_to_their_pipelines_first_stage() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("maven.db");
    let file = dataset("maven-crm-sales-opportunities/sales_pipeline.csv");
    let map = asset("maven-sales-pipeline.toml");
    let (ok, out, err) = import_file(&db, &file, &["--map", map.to_str().unwrap()]);
    assert!(ok, "{out}{err}");
    let store = Store::open(&db, OpenMode::Existing).unwrap();
    // Seen at the end of 2017, as the meeting would: 1,589 engaging (Opportunity), 4,238
    // won, 2,473 lost. The 500 prospecting deals have no engage date, so the import dates
    // them when it ran (2026) and they are not in 2017's cohort.
    let f = gather::funnel(&store, None, at("2017-12-31T00:00:00Z")).unwrap();
    assert_eq!(f.leads, 8300);
    assert_eq!(
        f.steps[0].entered, f.leads,
        "the header is the first step's entries"
    );
    for w in f.steps.windows(2) {
        assert_eq!(w[0].converted, w[1].entered, "{} → {}", w[0].from, w[0].to);
    }
    let last = f.steps.last().unwrap();
    assert_eq!(
        last.converted, f.won,
        "the last step converts into the won deals"
    );
    assert_eq!((f.won, f.lost), (4238, 2473));
    let sql = f.steps.iter().find(|s| s.from == "SQL").unwrap();
    // Lost deals say no stage they were lost from: they count up to SQL, where the
    // pipeline's first stage (Prospecting) maps.
    assert_eq!((sql.entered, sql.direct, sql.converted), (8300, 2473, 5827));
    let opp = f.steps.iter().find(|s| s.from == "Opportunity").unwrap();
    assert_eq!((opp.entered, opp.direct, opp.converted), (5827, 1589, 4238));
    // Nobody entered marketing's stages directly: the file holds sales' deals only.
    assert!(f.steps[..3].iter().all(|s| s.direct == 0));
    // Today every deal is in: the prospecting ones entered at SQL too.
    let f = gather::funnel(&store, None, at("2026-11-25T09:00:00Z")).unwrap();
    assert_eq!(f.leads, 8800);
    let sql = f.steps.iter().find(|s| s.from == "SQL").unwrap();
    assert_eq!((sql.entered, sql.direct, sql.converted), (8800, 2973, 5827));
}

#[test]
fn a_lead_whose_history_names_no_open_stage_still_counts_in_the_first() {
    let (_dir, path, store) = crate::common::empty_store();
    drop(store);
    // As an import before entry stages were recorded left it: created straight into lost.
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(
        "INSERT INTO leads (name, stage, created_at, stage_entered_at, updated_at, updated_by) \
         VALUES ('Old lost deal', 'lost', '2026-01-05T00:00:00Z', '2026-01-05T00:00:00Z', \
                 '2026-01-05T00:00:00Z', 'import'); \
         INSERT INTO stage_events (lead_id, from_stage, to_stage, by, at, reason) \
         VALUES (last_insert_rowid(), NULL, 'lost', 'import', '2026-01-05T00:00:00Z', 'Price');",
    )
    .unwrap();
    drop(conn);
    let store = Store::open(&path, OpenMode::Existing).unwrap();
    let f = gather::funnel(&store, None, at("2026-11-25T09:00:00Z")).unwrap();
    assert_eq!(f.leads, 1);
    assert_eq!(f.steps[0].entered, 1, "never nowhere");
    assert_eq!(f.steps[0].converted, 0);
}

#[test]
fn report_since_and_the_funnel_period_key_narrow_the_cohort() {
    use leadboard::ui::effects::{self, Effect};
    use leadboard::ui::snapshot::render_text;
    use leadboard::ui::update::update;
    use leadboard::ui::{Action, View};
    let (_dir, path, mut store) = crate::common::demo_store(300);
    let db = path.to_str().unwrap();
    let json = |args: &[&str]| -> serde_json::Value {
        let out = crate::common::bin()
            .args([
                "--db",
                db,
                "--as-of",
                crate::common::AS_OF,
                "report",
                "--format",
                "json",
            ])
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let all = json(&[]);
    let month = json(&["--since", "2026-11-01"]);
    assert_eq!(month["funnel_since"], "2026-11-01T00:00:00Z");
    let entered = |v: &serde_json::Value| v["funnel"][0]["entered"].as_i64().unwrap();
    assert!(
        entered(&month) < entered(&all),
        "{} vs {}",
        entered(&month),
        entered(&all)
    );
    assert!(entered(&month) > 0);
    crate::common::bin()
        .args([
            "--db",
            db,
            "--as-of",
            crate::common::AS_OF,
            "report",
            "--since",
            "2027-01-01",
        ])
        .assert()
        .failure()
        .stderr(predicates::str::contains("after --as-of"));
    // The same cohort in the funnel view, with `p`.
    let mut state = crate::common::ui_state(&store, 120, 40);
    effects::run(&mut store, &mut state, vec![Effect::ReloadBoard]);
    for a in [Action::ShowView(View::Funnel), Action::CycleCohort] {
        let fx = update(&mut state, a);
        effects::run(&mut store, &mut state, fx);
    }
    let screen = render_text(&state, 120, 40);
    assert!(
        screen.contains(&format!(
            "Funnel · {} leads (created this month, since 2026-11-01",
            entered(&month)
        )),
        "{screen}"
    );
}
