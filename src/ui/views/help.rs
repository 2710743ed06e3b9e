//! `?`: every key of the current view, from the keymap itself (remappings included).

use crate::ui::Action;
use crate::ui::canvas::Canvas;
use crate::ui::state::{State, View};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

/// (keys, what) rows: keys that do the same thing share a row, e.g. "k ↑  previous card".
pub fn rows(state: &State) -> Vec<(String, &'static str)> {
    let mut rows: Vec<(String, &'static str)> = Vec::new();
    for b in state.keys.bindings(state.view) {
        let what = describe_in(state.view, &b.action);
        match rows.iter_mut().find(|(_, d)| *d == what) {
            Some((keys, _)) => {
                keys.push(' ');
                keys.push_str(&b.label());
            }
            None => rows.push((b.label(), what)),
        }
    }
    // The mouse works on the lists, not on the projector's meeting screen.
    if state.view != View::Meeting {
        rows.push(("click".into(), "select; again to open"));
        rows.push(("wheel".into(), "scroll"));
    }
    rows
}

/// The same key means scrolling in the detail where it means moving on the board.
fn describe_in(view: View, a: &Action) -> &'static str {
    match (view, a) {
        (View::Detail, Action::Up) => "scroll history up",
        (View::Detail, Action::Down) => "scroll history down",
        (View::Detail, Action::PageUp) => "history page up",
        (View::Detail, Action::PageDown) => "history page down",
        (View::Detail, Action::Top) => "history top",
        (View::Detail, Action::Bottom) => "history end",
        _ => a.describe(),
    }
}

pub fn render(state: &State, frame: &mut Canvas, area: Rect) {
    let t = &state.ctx.theme;
    let rows = rows(state);
    let key_w = rows
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(4);
    // One column when it fits the height, else two side by side.
    let desc_w = rows
        .iter()
        .map(|(_, d)| d.chars().count())
        .max()
        .unwrap_or(10);
    let avail_h = area.height.saturating_sub(4) as usize;
    let ncols = if rows.len() <= avail_h.max(1) { 1 } else { 2 };
    // Narrow terminals cut descriptions (with …) rather than keys.
    let desc_w =
        desc_w.min(((area.width as usize).saturating_sub(2) / ncols).saturating_sub(key_w + 4));
    let cell_w = key_w + desc_w + 4;
    let per_col = rows.len().div_ceil(ncols);
    let mut lines: Vec<Line> = Vec::new();
    for r in 0..per_col {
        let mut spans = Vec::new();
        for c in 0..ncols {
            if let Some((k, d)) = rows.get(c * per_col + r) {
                spans.push(Span::styled(format!(" {k:<key_w$}  "), t.header));
                let d = crate::text::fit(d, desc_w);
                spans.push(Span::styled(format!("{d:<desc_w$} "), t.card));
            }
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::styled(
        " forms: Tab field · ↑↓ choose · Enter save · Esc cancel",
        t.muted,
    ));
    let w = ((cell_w * ncols) as u16 + 2).min(area.width);
    let h = (lines.len() as u16 + 2).min(area.height);
    let popup = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    };
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(t.border_focus)
                .title(format!(" Keys: {} ", state.view.title())),
        ),
        popup,
    );
}
