//! State → widgets. No I/O here: everything drawn was loaded into `State` beforehand.

pub mod board;
pub mod detail;
pub mod flags;
pub mod forms;
pub mod funnel;
pub mod help;
pub mod meeting;
pub mod meeting_flags;
pub mod meeting_sections;
pub mod meeting_since;
pub mod palette;
pub mod settings;
pub mod sla;

use super::state::{State, StatusKind, View};
use crate::store::JournalMode;
use crate::text;
use crate::ui::canvas::Canvas;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// Below this the layout cannot say anything useful.
pub const MIN_COLS: u16 = 60;
pub const MIN_ROWS: u16 = 15;

pub fn render(state: &State, frame: &mut Canvas) {
    if state.view == View::Meeting {
        meeting::render(state, frame);
        return;
    }
    let area = frame.area();
    if area.width < MIN_COLS || area.height < MIN_ROWS {
        too_small(state, frame, area);
        return;
    }
    // Title bar, body, status line. Plain arithmetic: the height is at least MIN_ROWS here, and
    // a constraint solver cost a tenth of a board snapshot's drawing.
    let top = Rect { height: 1, ..area };
    let body = Rect {
        y: area.y + 1,
        height: area.height - 2,
        ..area
    };
    let bottom = Rect {
        y: area.y + area.height - 1,
        height: 1,
        ..area
    };
    title_bar(state, frame, top);
    match state.view {
        View::Board => board::render(state, frame, body),
        View::Meeting => meeting::render(state, frame),
        View::Detail => detail::render(state, frame, body),
        View::Sla => sla::render(state, frame, body),
        View::Flags => flags::render(state, frame, body),
        View::Funnel => funnel::render(state, frame, body),
        View::Settings => settings::render(state, frame, body),
    }
    status_line(state, frame, bottom);
    forms::render(state, frame, body);
    palette::render(state, frame, body);
    if state.help {
        help::render(state, frame, body);
    }
}

fn too_small(state: &State, frame: &mut Canvas, area: Rect) {
    let msg = format!(
        "leadboard needs at least {MIN_COLS}x{MIN_ROWS}; this terminal is {}x{}. Enlarge it, or press q to quit.",
        area.width, area.height
    );
    frame.render_widget(
        Paragraph::new(msg)
            .style(state.ctx.theme.warn)
            .wrap(Wrap { trim: true }),
        area,
    );
}

fn title_bar(state: &State, frame: &mut Canvas, area: Rect) {
    let t = &state.ctx.theme;
    let mut spans = vec![
        Span::styled(" leadboard ", t.title),
        Span::styled(format!("│ {} ", state.view.title()), t.header),
    ];
    if state.board.exits {
        spans.push(Span::styled("· exit stages (x: open) ", t.header));
    }
    match &state.past {
        Some(p) => spans.push(Span::styled(
            format!(
                " AS OF MEETING {} · {} · read-only · ] later ",
                p.meeting,
                p.at.format("%a %Y-%m-%d %H:%M")
            ),
            t.warn,
        )),
        None if state.ctx.read_only => spans.push(Span::styled(
            " READ-ONLY: changes cannot be saved ",
            t.danger,
        )),
        None => {}
    }
    if !state.board.filter.is_empty() && state.past.is_none() {
        spans.push(Span::styled(
            format!(" filter: {} ", text::clean(&state.board.filter.describe())),
            t.warn,
        ));
    }
    frame.render_widget(Line::from(spans), area);
}

fn status_line(state: &State, frame: &mut Canvas, area: Rect) {
    let t = &state.ctx.theme;
    let journal = match state.ctx.journal {
        JournalMode::Wal => "",
        JournalMode::Rollback if state.ctx.read_only => "",
        JournalMode::Rollback => " │ network share: rollback journal",
    };
    // Over ssh the person sees the role the access list gives them.
    let who = match state.ctx.role {
        Some(r) => format!("{} ({r})", text::clean(&state.ctx.user)),
        None => text::clean(&state.ctx.user).into_owned(),
    };
    let mut right = format!(
        " {} │ {} │ {}{} │ ? help ",
        text::clean(&state.ctx.db_label),
        who,
        state.now.format("%a %Y-%m-%d %H:%M UTC"),
        journal
    );
    // A message wins the room: the file and time step aside while it shows.
    if let Some(s) = &state.status
        && text::width(&s.text) + text::width(&right) + 2 > area.width as usize
    {
        right = format!(" {who} │ ? help ");
    }
    let (left, style) = match &state.status {
        Some(s) => (
            format!(" {}", text::clean(&s.text)),
            if s.kind == StatusKind::Error {
                t.status_error
            } else {
                t.status
            },
        ),
        None => (String::new(), t.status),
    };
    let width = area.width as usize;
    let right_w = text::width(&right).min(width);
    let left = text::fit(&left, width.saturating_sub(right_w));
    let pad = width.saturating_sub(text::width(&left) + right_w);
    let line = Line::from(vec![
        Span::styled(left, style),
        Span::styled(" ".repeat(pad), t.status),
        Span::styled(text::fit(&right, width), t.status),
    ]);
    frame.render_widget(line, area);
}
