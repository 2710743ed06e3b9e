//! Forms and the conflict question, drawn over the current view.

use crate::text;
use crate::ui::canvas::Canvas;
use crate::ui::modal::{Form, Modal};
use crate::ui::state::State;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

/// A centred box of at most `w` x `h`.
pub fn popup(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

pub fn render_form(state: &State, form: &Form, frame: &mut Canvas, area: Rect) {
    let t = &state.ctx.theme;
    let w = 72.min(area.width);
    let inner_w = w.saturating_sub(2) as usize;
    let label_w = 11;
    let mut lines: Vec<Line> = Vec::new();
    for (i, f) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        let marker = if focused { "›" } else { " " };
        let label = Span::styled(
            format!("{marker}{:<label_w$}", f.label),
            if focused { t.header } else { t.muted },
        );
        let room = inner_w.saturating_sub(label_w + 1);
        if f.is_pick() && focused {
            // The focused picker shows its whole list, so the team's reasons are all visible.
            for (k, c) in f.choices.iter().enumerate() {
                let first = if k == 0 {
                    label.clone()
                } else {
                    Span::raw(" ".repeat(label_w + 1))
                };
                let (mark, style) = if k == f.choice {
                    ("● ", t.selected)
                } else {
                    ("○ ", t.card)
                };
                lines.push(Line::from(vec![
                    first,
                    Span::styled(text::fit(&format!("{mark}{c}"), room), style),
                ]));
            }
        } else {
            let value = if f.is_pick() {
                f.get().to_string()
            } else if focused {
                format!("{}▏", f.value)
            } else {
                f.value.clone()
            };
            lines.push(Line::from(vec![
                label,
                Span::styled(
                    text::fit(&value, room),
                    if focused { t.selected } else { t.card },
                ),
            ]));
        }
        if focused && !f.hint.is_empty() {
            lines.push(Line::styled(
                text::fit(&format!("{:label_w$} {}", "", f.hint), inner_w),
                t.muted,
            ));
        }
    }
    lines.push(Line::from(""));
    if let Some(e) = &form.error {
        lines.push(Line::styled(
            text::fit(&format!("✗ {e}"), inner_w * 2),
            t.danger,
        ));
    }
    lines.push(Line::styled(
        "Enter save · Tab next field · ↑↓ choose · Ctrl-u clear · Esc cancel",
        t.muted,
    ));
    // A long reason wraps onto a second line; make room so the key hint stays visible.
    let wrapped = form
        .error
        .as_ref()
        .map_or(0, |e| (text::width(e) + 2) / inner_w.max(1)) as u16;
    let h = lines.len() as u16 + 2 + wrapped.min(1);
    let r = popup(area, w, h);
    frame.render_widget(Clear, r);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(t.border_focus)
                .title(format!(
                    " {} ",
                    text::fit(&form.title, inner_w.saturating_sub(2))
                )),
        ),
        r,
    );
}

pub fn render(state: &State, frame: &mut Canvas, area: Rect) {
    let t = &state.ctx.theme;
    match &state.modal {
        Some(Modal::Form(f)) => render_form(state, f, frame, area),
        Some(Modal::Conflict(c)) => {
            let (info, form) = (&c.info, &c.form);
            let w = 76.min(area.width);
            let iw = w.saturating_sub(2) as usize;
            let mut lines = vec![Line::styled(
                text::fit(
                    &format!(
                        "{} changed this lead at {} (version {} → {}):",
                        info.changed_by,
                        info.changed_at.format("%Y-%m-%d %H:%M"),
                        info.expected_version,
                        info.current_version
                    ),
                    iw,
                ),
                t.warn,
            )];
            for c in info.changes.iter().rev().take(8).rev() {
                lines.push(Line::styled(text::fit(&format!("  {c}"), iw), t.card));
            }
            lines.push(Line::from(""));
            lines.push(Line::styled(
                "Your change is kept until you choose:",
                t.base,
            ));
            lines.push(Line::styled(
                "  r  re-apply yours on top of their version",
                t.header,
            ));
            if form.is_some() {
                lines.push(Line::styled(
                    "  e  back to your form (typing kept) to adjust",
                    t.header,
                ));
            }
            lines.push(Line::styled(
                "  d  drop yours and show the lead as it is now",
                t.header,
            ));
            let h = lines.len() as u16 + 2;
            let r = popup(area, w, h);
            frame.render_widget(Clear, r);
            frame.render_widget(
                Paragraph::new(lines).block(
                    Block::default()
                        .borders(Borders::ALL)
                        .border_style(t.danger)
                        .title(" Changed by someone else "),
                ),
                r,
            );
        }
        _ => {}
    }
}
