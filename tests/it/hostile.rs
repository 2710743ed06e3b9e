//! Hostile content written by other tools: escape sequences, bidi controls, NUL, 1 MB
//! fields, invalid UTF-8, rows that break foreign keys, a stage that was deleted. The board,
//! `snapshot` and `check` show each safely or refuse with a message; nothing panics.

use crate::common;

use leadboard::ui::effects::{self, Effect};
use leadboard::ui::snapshot::render_text;
use rusqlite::{Connection, params};

const AT: &str = "2026-01-01T00:00:00Z";

/// A demo file plus leads written by a careless tool, foreign keys off. The hostile leads
/// have waited longest, so they are the first cards of New.
fn hostile_file() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, path, store) = common::demo_store(40);
    drop(store);
    let c = Connection::open(&path).unwrap();
    c.execute_batch("PRAGMA foreign_keys = OFF").unwrap();
    let big = "x".repeat(1 << 20);
    let rows: [(&str, &str, &str); 4] = [
        ("\x1b[2J\x1b]0;pwned\x07Evil Escape", "Acme\x1b[31m", "new"),
        ("\u{202E}gpj.exe Bidi", "RTL\u{2066}Co", "new"),
        ("Nul\0Byte", &big, "new"),
        ("Ghost Stage", "Nowhere", "vanished"),
    ];
    for (name, company, stage) in rows {
        c.execute(
            "INSERT INTO leads (name, company, stage, owner, created_at, stage_entered_at, updated_at, updated_by) \
             VALUES (?1, ?2, ?3, 'nobody', ?4, ?4, ?4, 'tool')",
            params![name, company, stage, AT],
        )
        .unwrap();
    }
    // Latin-1 bytes where UTF-8 belongs: "José" as 4a 6f 73 e9.
    c.execute(
        "INSERT INTO leads (name, company, stage, created_at, stage_entered_at, updated_at, updated_by) \
         VALUES (CAST(x'4a6f73e9' AS TEXT), CAST(x'fffe' AS TEXT), 'new', ?1, ?1, ?1, 'tool')",
        [AT],
    )
    .unwrap();
    c.execute(
        "INSERT INTO activities (lead_id, kind, by, at, body) VALUES (99999, 'call', 'tool', ?1, 'orphan')",
        [AT],
    )
    .unwrap();
    (dir, path)
}

fn assert_safe(screen: &str) {
    assert!(!screen.contains('\x1b'), "escape reached the screen");
    assert!(!screen.contains('\0'), "NUL reached the screen");
    assert!(!screen.contains('\u{7}'), "BEL reached the screen");
    assert!(
        !screen.contains('\u{202E}') && !screen.contains('\u{2066}'),
        "bidi control reached the screen"
    );
}

#[test]
fn the_board_shows_hostile_text_safely_and_names_the_lost_stage() {
    let (_dir, path) = hostile_file();
    let mut store =
        leadboard::store::Store::open(&path, leadboard::store::OpenMode::Existing).unwrap();
    let mut state = common::ui_state(&store, 160, 48);
    effects::run(&mut store, &mut state, vec![Effect::ReloadBoard]);
    let screen = render_text(&state, 160, 48);
    assert_safe(&screen);
    assert!(screen.contains("�[2J�]0;pwned�Evil"), "{screen}");
    assert!(screen.contains("�gpj.exe Bidi"), "{screen}");
    assert!(screen.contains("Nul�Byte"), "{screen}");
    assert!(
        screen.contains("Jos�"),
        "invalid UTF-8 is shown lossily:\n{screen}"
    );
    // The 1 MB company is cut to the card's width.
    assert!(screen.contains("xxxx…"), "{screen}");
    assert!(screen.lines().all(|l| leadboard::text::width(l) <= 160));
    // The lead whose stage was deleted is not drawn, but the status line says so.
    assert!(!screen.contains("Ghost Stage"));
    assert!(
        screen.contains("stages that no longer exist (vanished)"),
        "{screen}"
    );
    // The full record of each reads without error too.
    let c = state.board.columns[0].cards.clone();
    for card in c {
        store.lead(card.id).unwrap();
    }
}

#[test]
fn snapshot_and_check_cope_with_the_hostile_file() {
    let (_dir, path) = hostile_file();
    let out = common::bin()
        .arg("--db")
        .arg(&path)
        .args(["--as-of", common::AS_OF, "snapshot", "--size", "120x40"])
        .assert()
        .success();
    let screen = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert_safe(&screen);
    assert!(screen.contains("pwned�Evil"), "{screen}");
    let out = common::bin()
        .arg("--db")
        .arg(&path)
        .arg("check")
        .assert()
        .code(1);
    let report = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert_safe(&report);
    for want in [
        "points to a missing stages",
        "points to a missing reps",
        "activities row",
    ] {
        assert!(report.contains(want), "{want:?} missing from:\n{report}");
    }
}

#[test]
fn hostile_text_typed_into_the_app_is_stored_as_data_and_drawn_safely() {
    let (_dir, _path, mut store) = common::demo_store(10);
    let id = store
        .create_lead(
            &leadboard::domain::NewLead {
                name: "\x1b[5mBlink\u{202E}".into(),
                company: "y".repeat(1 << 20),
                created_at: Some(common::now() - chrono::Duration::days(900)),
                ..Default::default()
            },
            "ana",
            common::now(),
        )
        .unwrap();
    // Stored exactly as typed: it is data, not markup.
    assert_eq!(store.lead(id).unwrap().name, "\x1b[5mBlink\u{202E}");
    let mut state = common::ui_state(&store, 120, 40);
    effects::run(&mut store, &mut state, vec![Effect::ReloadBoard]);
    let screen = render_text(&state, 120, 40);
    assert_safe(&screen);
    assert!(screen.contains("�[5mBlink�"), "{screen}");
}
