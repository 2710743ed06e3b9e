//! `?`: every key of the current view, from the keymap itself.

use crate::ui::state::State;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

pub fn render(state: &State, frame: &mut Frame, area: Rect) {
    let t = &state.ctx.theme;
    // Group keys that do the same thing: "k ↑  previous card".
    let mut rows: Vec<(String, &'static str)> = Vec::new();
    for b in state.keys.bindings(state.view) {
        let what = b.action.describe();
        match rows.iter_mut().find(|(_, d)| *d == what) {
            Some((keys, _)) => {
                keys.push(' ');
                keys.push_str(&b.label());
            }
            None => rows.push((b.label(), what)),
        }
    }
    let key_w = rows
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(4);
    let mut lines: Vec<Line> = rows
        .iter()
        .map(|(k, d)| {
            Line::from(vec![
                Span::styled(format!(" {k:<key_w$}  "), t.header),
                Span::styled(d.to_string(), t.card),
            ])
        })
        .collect();
    lines.push(Line::from(""));
    lines.push(Line::styled(" any other key closes this help", t.muted));
    let w = (key_w as u16 + 34).min(area.width);
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
