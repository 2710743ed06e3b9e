//! Snapshot tests of the board at fixed sizes and a fixed "now".

use crate::common;

use leadboard::ui::Action;
use leadboard::ui::effects::{self, Effect};
use leadboard::ui::snapshot::render_text;
use leadboard::ui::update::update;

fn board(cols: u16, rows: u16) -> String {
    let (_dir, _path, mut store) = common::demo_store(400);
    let mut state = common::ui_state(&store, cols, rows);
    effects::run(&mut store, &mut state, vec![Effect::ReloadBoard]);
    render_text(&state, cols, rows)
}

#[test]
fn board_120x40() {
    insta::assert_snapshot!(board(120, 40));
}

#[test]
fn board_80x24() {
    insta::assert_snapshot!(board(80, 24));
}

#[test]
fn board_too_small_says_so() {
    let out = board(50, 10);
    assert!(out.contains("needs at least"), "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn navigation_scrolls_the_window_and_keeps_the_selection_visible() {
    let (_dir, _path, mut store) = common::demo_store(400);
    let mut state = common::ui_state(&store, 120, 24);
    effects::run(&mut store, &mut state, vec![Effect::ReloadBoard]);
    let page = leadboard::ui::views::board::cards_per_page(24);
    for _ in 0..page + 2 {
        let fx = update(&mut state, Action::Down);
        effects::run(&mut store, &mut state, fx);
    }
    let col = state.current_column().unwrap();
    assert_eq!(col.selected, page + 2);
    assert!(col.offset > 0, "window scrolled");
    let card = state.selected_card().expect("selected card is loaded");
    let screen = render_text(&state, 120, 24);
    assert!(
        screen.contains(&format!("▶ {}", card.name))
            || screen.contains(&format!("▶★{}", card.name)),
        "{screen}"
    );
    // Right then left comes back to the same column and card.
    let id = card.id;
    update(&mut state, Action::Right);
    update(&mut state, Action::Left);
    assert_eq!(state.selected_card().map(|c| c.id), Some(id));
    // Bottom selects the last card of the column.
    let fx = update(&mut state, Action::Bottom);
    effects::run(&mut store, &mut state, fx);
    let col = state.current_column().unwrap();
    assert_eq!(col.selected as i64, col.count - 1);
    assert!(state.selected_card().is_some());
}

/// The board in the dark theme, cell by cell with its styles: the text snapshots above use
/// the plain theme, so this one is what catches a card drawn in the wrong colour.
#[test]
fn board_styles_dark_80x24() {
    let (_dir, _path, mut store) = common::demo_store(400);
    let mut state = common::ui_state(&store, 80, 24);
    state.ctx.theme = leadboard::ui::theme::Theme::dark();
    effects::run(&mut store, &mut state, vec![Effect::ReloadBoard]);
    let mut buf = ratatui::buffer::Buffer::empty(ratatui::layout::Rect::new(0, 0, 80, 24));
    leadboard::ui::views::render(&state, &mut leadboard::ui::canvas::Canvas::new(&mut buf));
    insta::assert_debug_snapshot!(buf);
}
