//! First complete frame and key-press-to-next-frame latency, on a large demo file.
//! Run by hand: `cargo bench --bench frames` (see README, Performance).

mod common;

use leadboard::store::{OpenMode, Store};
use leadboard::ui::canvas::Canvas;
use leadboard::ui::effects::{self, Effect};
use leadboard::ui::update::update;
use leadboard::ui::views;
use leadboard::ui::{Action, View};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() {
    // Make the file before timing anything.
    common::db();
    divan::main();
}

fn draw(terminal: &mut Terminal<TestBackend>, state: &leadboard::ui::State) {
    terminal
        .draw(|f| views::render(state, &mut Canvas::new(f.buffer_mut())))
        .expect("draw to a test buffer");
}

/// Open the file, load a view and draw it: what a user waits for at start-up (the board) or
/// on the first visit of a view (its figures are computed then, and kept while the file is
/// unchanged). The whole process, as `snapshot` runs it, is timed by scripts/bench-vs-sqlite.
#[divan::bench(args = ["board", "sla", "flags", "funnel", "settings"], sample_count = 30)]
fn first_frame(view: &str) {
    let view = View::parse(view).expect("a view name");
    let mut store = Store::open(common::db(), OpenMode::Existing).expect("open");
    let mut state = common::state(&store, 160, 48);
    effects::run(&mut store, &mut state, vec![Effect::ReloadBoard]);
    if view != View::Board {
        state.view = view;
        effects::run(&mut store, &mut state, vec![Effect::LoadView(view)]);
    }
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).expect("terminal");
    draw(&mut terminal, &state);
}

/// One key press through update, its effects (store reads) and the next frame.
#[divan::bench(args = ["down", "page_down", "right", "bottom", "refresh"], sample_count = 200)]
fn key_to_frame(bencher: divan::Bencher, key: &str) {
    let mut store = Store::open(common::db(), OpenMode::Existing).expect("open");
    let mut state = common::state(&store, 160, 48);
    effects::run(&mut store, &mut state, vec![Effect::ReloadBoard]);
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).expect("terminal");
    let (action, back) = match key {
        "down" => (Action::Down, Action::Up),
        "page_down" => (Action::PageDown, Action::Top),
        "right" => (Action::Right, Action::Left),
        "bottom" => (Action::Bottom, Action::Top),
        _ => (Action::Refresh, Action::Refresh),
    };
    let mut forward = true;
    bencher.bench_local(|| {
        let a = if forward {
            action.clone()
        } else {
            back.clone()
        };
        forward = !forward;
        let fx = update(&mut state, a);
        effects::run(&mut store, &mut state, fx);
        draw(&mut terminal, &state);
    });
}
