//! Red flags grouped by kind, most urgent first; Enter opens the selected flag's lead.

use crate::metrics::flags::Flag;
use crate::text;
use crate::ui::canvas::Canvas;
use crate::ui::state::State;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// One screen line: a kind's heading, or a flag (by index).
enum Row {
    Heading(String),
    Flag(usize),
}

fn rows(flags: &[Flag]) -> Vec<Row> {
    let mut out = Vec::new();
    for (i, f) in flags.iter().enumerate() {
        if i == 0 || flags[i - 1].kind != f.kind {
            let n = flags.iter().filter(|g| g.kind == f.kind).count();
            out.push(Row::Heading(format!("{} ({n})", f.kind.title())));
        }
        out.push(Row::Flag(i));
    }
    out
}

pub fn render(state: &State, frame: &mut Canvas, area: Rect) {
    let t = &state.ctx.theme;
    let flags = &state.flags.flags;
    let w = area.width as usize;
    let mut lines = vec![Line::styled(
        text::fit(
            &format!(
                " {} red flags{} · most urgent first · Enter opens the lead · s snoozes",
                flags.len(),
                match state.flags.snoozed {
                    0 => String::new(),
                    n => format!(" ({n} snoozed: see the report)"),
                }
            ),
            w,
        ),
        t.muted,
    )];
    if flags.is_empty() {
        lines.push(Line::styled(" No red flags. ", t.ok));
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    let all = rows(flags);
    let room = (area.height as usize).saturating_sub(1).max(1);
    let sel_row = all
        .iter()
        .position(|r| matches!(r, Row::Flag(i) if *i == state.flags.selected))
        .unwrap_or(0);
    // Keep the selection on screen, with its heading when the group starts near it.
    let start = sel_row
        .saturating_sub(room.saturating_sub(1))
        .min(all.len().saturating_sub(room));
    let owner_w = 8;
    let since_w = 16;
    for row in all.iter().skip(start).take(room) {
        match row {
            Row::Heading(h) => lines.push(Line::styled(text::fit(&format!(" ■ {h}"), w), t.header)),
            Row::Flag(i) => {
                let f = &flags[*i];
                let selected = *i == state.flags.selected;
                let id = f.lead_id.map(|id| format!("#{id}")).unwrap_or_default();
                let lead_w = (w / 3).max(20);
                let head = format!(
                    "{}{:>7} {:<lead_w$} {:<owner_w$} {:<since_w$} ",
                    if selected { " ▶" } else { "  " },
                    id,
                    text::fit(&f.lead, lead_w),
                    text::fit(f.owner.as_deref().unwrap_or("–"), owner_w),
                    f.since.format("%Y-%m-%d %H:%M"),
                );
                let rest = w.saturating_sub(text::width(&head));
                let style = if selected { t.selected } else { t.card };
                lines.push(Line::from(vec![
                    Span::styled(head, style),
                    Span::styled(
                        text::fit(&f.detail, rest),
                        if selected { t.selected } else { t.muted },
                    ),
                ]));
            }
        }
    }
    frame.render_widget(Paragraph::new(lines), area);
}
