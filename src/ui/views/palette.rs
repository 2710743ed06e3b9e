//! The `:` command palette and the `/` search prompt.

use crate::text;
use crate::ui::canvas::Canvas;
use crate::ui::modal::Modal;
use crate::ui::modal_update::suggestions;
use crate::ui::state::State;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

pub fn render(state: &State, frame: &mut Canvas, area: Rect) {
    let t = &state.ctx.theme;
    match &state.modal {
        Some(Modal::Palette { input, selected }) => {
            let found = suggestions(input);
            let w = 60.min(area.width);
            let rows = (area.height.saturating_sub(4) as usize).clamp(1, 14);
            let first = selected.saturating_sub(rows - 1);
            let mut lines = vec![Line::from(vec![
                Span::styled(":", t.header),
                Span::styled(format!("{}▏", text::clean(input)), t.card),
            ])];
            for (i, (name, action)) in found.iter().enumerate().skip(first).take(rows) {
                let style = if i == *selected { t.selected } else { t.card };
                lines.push(Line::styled(
                    text::fit(
                        &format!(" {name:<14} {}", action.describe()),
                        w as usize - 2,
                    ),
                    style,
                ));
            }
            if found.is_empty() {
                lines.push(Line::styled(" no match (try: open 42)", t.muted));
            }
            let r = Rect {
                height: (lines.len() as u16 + 2).min(area.height),
                ..super::forms::popup(area, w, area.height)
            };
            let r = Rect { y: area.y + 1, ..r };
            frame.render_widget(Clear, r);
            frame.render_widget(
                Paragraph::new(lines).block(
                    Block::default()
                        .borders(Borders::ALL)
                        .border_style(t.border_focus)
                        .title(" Command: Enter run · ↑↓ choose · Esc close "),
                ),
                r,
            );
        }
        Some(Modal::Search { query, .. }) => {
            let r = Rect {
                y: area.y + area.height.saturating_sub(1),
                height: 1,
                ..area
            };
            frame.render_widget(Clear, r);
            frame.render_widget(
                Line::from(vec![
                    Span::styled(" /", t.header),
                    Span::styled(
                        format!("{}▏", text::fit(query, area.width as usize / 2)),
                        t.card,
                    ),
                    Span::styled(
                        "  fuzzy: name, company, email · Enter keep · Esc back",
                        t.muted,
                    ),
                ]),
                r,
            );
        }
        _ => {}
    }
}
