//! Another process commits; the board notices on its next tick and reloads, keeping the
//! cursor on the same lead (and the same screen row) wherever that lead still is.

use crate::common;

use leadboard::domain::NewLead;
use leadboard::store::{OpenMode, Store};
use leadboard::ui::effects::{self, Effect};
use leadboard::ui::update::update;
use leadboard::ui::{Action, State};

const ROWS: u16 = 40;

fn press(store: &mut Store, state: &mut State, a: Action, times: usize) {
    for _ in 0..times {
        let fx = update(state, a.clone());
        effects::run(store, state, fx);
    }
}

fn tick(store: &mut Store, state: &mut State) {
    press(store, state, Action::Tick, 1);
}

fn setup() -> (tempfile::TempDir, Store, Store, State) {
    let (dir, path, mut mine) = common::demo_store(400);
    let theirs = Store::open(&path, OpenMode::Existing).unwrap();
    let mut state = common::ui_state(&mine, 120, ROWS);
    effects::run(&mut mine, &mut state, vec![Effect::ReloadBoard]);
    (dir, mine, theirs, state)
}

fn selected(state: &State) -> (String, i64, usize) {
    let col = state.current_column().unwrap();
    let card = state.selected_card().expect("the selected card is loaded");
    (col.stage.key.clone(), card.id, col.selected - col.offset)
}

#[test]
fn tick_asks_for_a_file_check() {
    let (_dir, _mine, _theirs, mut state) = setup();
    assert_eq!(update(&mut state, Action::Tick), vec![Effect::WatchFile]);
}

#[test]
fn an_insert_elsewhere_appears_on_the_next_tick_and_not_before() {
    let (_dir, mut mine, mut theirs, mut state) = setup();
    let before = state.board.columns[0].count;
    // Nothing changed: a tick does not reload. A mark on a card shows it: a reload would
    // replace the card with the file's.
    state.board.columns[0].cards[0].name = "not reloaded".into();
    tick(&mut mine, &mut state);
    assert_eq!(state.board.columns[0].cards[0].name, "not reloaded");
    assert_eq!(state.board.columns[0].count, before);
    theirs
        .create_lead(
            &NewLead {
                name: "Web Form Lead".into(),
                ..Default::default()
            },
            "webform",
            common::now(),
        )
        .unwrap();
    assert_eq!(state.board.columns[0].count, before, "not reloaded yet");
    tick(&mut mine, &mut state);
    assert_eq!(state.board.columns[0].count, before + 1);
}

#[test]
fn cursor_stays_on_its_lead_when_a_card_above_it_leaves_the_column() {
    let (_dir, mut mine, mut theirs, mut state) = setup();
    press(&mut mine, &mut state, Action::Down, 12);
    let (stage, id, row) = selected(&state);
    let col = state.current_column().unwrap();
    let above = col.cards[0].clone();
    assert_ne!(above.id, id);
    theirs
        .move_lead(above.id, "engaged", "", "ben", above.version, common::now())
        .unwrap();
    tick(&mut mine, &mut state);
    let (stage2, id2, row2) = selected(&state);
    assert_eq!((stage2.as_str(), id2, row2), (stage.as_str(), id, row));
    assert_eq!(
        state.current_column().unwrap().selected,
        11,
        "one card fewer above it"
    );
}

#[test]
fn cursor_follows_its_lead_into_another_column() {
    let (_dir, mut mine, mut theirs, mut state) = setup();
    press(&mut mine, &mut state, Action::Down, 3);
    let (_, id, _) = selected(&state);
    let version = state.selected_card().unwrap().version;
    theirs
        .move_lead(id, "mql", "", "ben", version, common::now())
        .unwrap();
    tick(&mut mine, &mut state);
    let (stage, id2, _) = selected(&state);
    assert_eq!((stage.as_str(), id2), ("mql", id));
}

#[test]
fn cursor_keeps_its_place_when_its_lead_is_deleted() {
    let (dir, mut mine, _theirs, mut state) = setup();
    press(&mut mine, &mut state, Action::Down, 5);
    let (stage, id, _) = selected(&state);
    let next_id = state.current_column().unwrap().cards[6].id;
    // An outside tool deletes the lead (and its history).
    let raw = rusqlite::Connection::open(dir.path().join("team.db")).unwrap();
    raw.execute_batch(&format!(
        "DELETE FROM activities WHERE lead_id = {id}; DELETE FROM stage_events WHERE lead_id = {id};
         DELETE FROM lead_changes WHERE lead_id = {id}; DELETE FROM leads WHERE id = {id};"
    ))
    .unwrap();
    tick(&mut mine, &mut state);
    let (stage2, id2, _) = selected(&state);
    assert_eq!(stage2, stage);
    assert_eq!(
        id2, next_id,
        "the cursor rests on the card that took its place"
    );
}

#[test]
fn cursor_stays_on_its_lead_when_many_cards_land_above_it() {
    let (_dir, mut mine, mut theirs, mut state) = setup();
    press(&mut mine, &mut state, Action::Down, 4);
    let (stage, id, row) = selected(&state);
    let page = leadboard::ui::views::board::cards_per_page(ROWS);
    // An import adds old leads that sort before it: more than a whole window of them.
    let long_ago = common::now() - chrono::Duration::days(3650);
    for i in 0..page + 3 {
        theirs
            .create_lead(
                &NewLead {
                    name: format!("Imported {i}"),
                    stage: Some(stage.clone()),
                    created_at: Some(long_ago),
                    ..Default::default()
                },
                "import",
                common::now(),
            )
            .unwrap();
    }
    tick(&mut mine, &mut state);
    let (stage2, id2, row2) = selected(&state);
    assert_eq!((stage2.as_str(), id2, row2), (stage.as_str(), id, row));
    assert_eq!(state.current_column().unwrap().selected, 4 + page + 3);
}

/// An open detail follows other people's changes like the board: on the next tick, and on
/// Ctrl-r; a lead removed meanwhile closes it with a word.
#[test]
fn an_open_detail_shows_another_persons_edit_on_the_next_tick() {
    use leadboard::domain::{ActivityKind, LeadEdit};
    use leadboard::ui::View;
    let (_dir, mut mine, mut theirs, mut state) = setup();
    press(&mut mine, &mut state, Action::Open, 1);
    assert_eq!(state.view, View::Detail);
    let id = state.detail.as_ref().unwrap().lead.id;
    let v = theirs.lead(id).unwrap().version;
    theirs
        .update_lead(
            id,
            &LeadEdit {
                name: Some("Renamed Elsewhere".into()),
                ..Default::default()
            },
            "maya",
            v,
            common::now(),
        )
        .unwrap();
    assert_ne!(
        state.detail.as_ref().unwrap().lead.name,
        "Renamed Elsewhere"
    );
    tick(&mut mine, &mut state);
    assert_eq!(state.view, View::Detail);
    assert_eq!(
        state.detail.as_ref().unwrap().lead.name,
        "Renamed Elsewhere"
    );
    // Ctrl-r reads it again too.
    theirs
        .log_activity(
            id,
            ActivityKind::Call,
            "spoke at length",
            "maya",
            common::now(),
        )
        .unwrap();
    press(&mut mine, &mut state, Action::Refresh, 1);
    let d = state.detail.as_ref().unwrap();
    assert!(d.activities.iter().any(|a| a.body == "spoke at length"));
    assert_eq!(state.view, View::Detail);
}
