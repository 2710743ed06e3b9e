//! Meeting mode on the projector: one agenda section at a time, few and large elements,
//! a countdown that says "over" as well as turning red.

use super::{help, meeting_flags, meeting_sections, meeting_since};
use crate::meeting::agenda::Section;
use crate::text;
use crate::ui::canvas::Canvas;
use crate::ui::state::State;
use crate::ui::theme::Theme;
use crate::ui::widgets::big_number;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

pub const MIN_COLS: u16 = 80;
pub const MIN_ROWS: u16 = 24;

pub fn theme(state: &State) -> Theme {
    state.meeting.theme.unwrap_or(state.ctx.theme)
}

pub fn render(state: &State, frame: &mut Canvas) {
    let area = frame.area();
    let t = theme(state);
    frame.render_widget(Block::default().style(t.base), area);
    if area.width < MIN_COLS || area.height < MIN_ROWS {
        frame.render_widget(
            Paragraph::new(format!(
                "Meeting mode needs at least {MIN_COLS}x{MIN_ROWS}; this screen is {}x{}. \
                 Enlarge the window or lower the projector's font size.",
                area.width, area.height
            ))
            .style(t.warn)
            .wrap(Wrap { trim: true }),
            area,
        );
        return;
    }
    let [top, strip, _, body, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(area);
    header(state, frame, top, &t);
    agenda_strip(state, frame, strip, &t);
    let body = Rect {
        x: body.x + 1,
        width: body.width.saturating_sub(2),
        ..body
    };
    match state.meeting.agenda.section() {
        Section::Scoreboard => meeting_sections::scoreboard(state, frame, body, &t),
        Section::SinceLast => meeting_since::since_last(state, frame, body, &t),
        Section::RedFlags => meeting_flags::render(state, frame, body, &t),
        Section::Board => meeting_sections::board(state, frame, body, &t),
        Section::Wins => meeting_sections::wins(state, frame, body, &t),
        Section::NextSteps => meeting_sections::next_steps(state, frame, body, &t),
    }
    footer(state, frame, foot, &t);
    if state.meeting.celebrate > 0 {
        celebration(state, frame, body, &t);
    }
    if state.help {
        help::render(state, frame, body);
    }
}

fn header(state: &State, frame: &mut Canvas, area: Rect, t: &Theme) {
    let a = &state.meeting.agenda;
    let recorded = match &state.meeting.record {
        Some(r) => format!(
            "meeting {} · started {} UTC",
            r.id,
            r.started_at.format("%H:%M")
        ),
        None if state.ctx.read_only => "not recorded (read-only file)".to_string(),
        None => "NOT STARTED: Enter starts and records it".to_string(),
    };
    let left = format!(
        " WEEKLY SYNC · {} · {recorded}",
        state.now.format("%a %Y-%m-%d")
    );
    let (right, style) = match a.countdown() {
        Some(c) if c.over() => (format!(" TIME BOX {} ", c.label().to_uppercase()), t.danger),
        Some(c) => (format!(" time box {} ", c.label()), t.ok),
        None => (" no time box ".to_string(), t.muted),
    };
    let auto = a.auto.map(|s| format!(" auto {s}s ")).unwrap_or_default();
    let w = area.width as usize;
    let right_w = text::width(&right) + text::width(&auto);
    let left = text::fit(&left, w.saturating_sub(right_w));
    let pad = w.saturating_sub(text::width(&left) + right_w);
    frame.render_widget(
        Line::from(vec![
            Span::styled(left, t.title),
            Span::styled(" ".repeat(pad), t.base),
            Span::styled(auto, t.muted),
            Span::styled(right, style),
        ]),
        area,
    );
}

fn agenda_strip(state: &State, frame: &mut Canvas, area: Rect, t: &Theme) {
    let current = state.meeting.agenda.section();
    // Full titles when they fit (with the ▶◀ marks), else one word each: every section
    // stays on screen at 80 columns.
    let full: usize = Section::ALL
        .iter()
        .enumerate()
        .map(|(i, s)| format!("{} {}", i + 1, s.title()).chars().count() + 3)
        .sum::<usize>()
        + 3;
    let short = full > area.width as usize;
    let mut spans = vec![Span::styled(" ", t.base)];
    for (i, s) in Section::ALL.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", t.muted));
        }
        let title = if short { s.short() } else { s.title() };
        let label = format!("{} {title}", i + 1);
        if *s == current {
            spans.push(Span::styled(
                format!("▶{label}◀"),
                t.selected.add_modifier(Modifier::BOLD),
            ));
        } else {
            spans.push(Span::styled(label, t.muted));
        }
    }
    frame.render_widget(Line::from(spans), area);
}

fn footer(state: &State, frame: &mut Canvas, area: Rect, t: &Theme) {
    let keys = match (state.meeting.agenda.section(), state.meeting.form.is_some()) {
        (_, true) => " type · Tab next field · Enter save · Esc cancel ",
        (Section::RedFlags, false) => {
            " ↓↑ flag · n next step · r recycle · d disqualify · w won · Space next section · Esc leave "
        }
        _ if state.meeting.record.is_none() => {
            " Enter start the meeting · Space/→ next section · Esc leave (nothing recorded) "
        }
        _ => " Space/→ next section · ← back · ? keys · Esc ends the meeting ",
    };
    let (left, style) = match &state.status {
        Some(s) if s.kind == crate::ui::state::StatusKind::Error => {
            (format!(" {}", text::clean(&s.text)), t.status_error)
        }
        Some(s) => (format!(" {}", text::clean(&s.text)), t.status),
        None => (String::new(), t.status),
    };
    let w = area.width as usize;
    // A message (saved, conflict, error) matters more than the key hints: it gets the room.
    let left = text::fit(&left, w);
    let keys = text::fit(keys, w.saturating_sub(text::width(&left)));
    let pad = w.saturating_sub(text::width(&left) + text::width(&keys));
    frame.render_widget(
        Line::from(vec![
            Span::styled(left, style),
            Span::styled(" ".repeat(pad), t.status),
            Span::styled(keys, t.status),
        ]),
        area,
    );
}

/// A short burst of confetti around a big "WON!", moved on by the tick counter.
fn celebration(state: &State, frame: &mut Canvas, area: Rect, t: &Theme) {
    let w = area.width.min(60);
    let h = area.height.min(14);
    let r = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    };
    frame.render_widget(Clear, r);
    let f = state.meeting.frame as usize;
    let marks = ['*', '+', '.', 'o', '*', '.'];
    let lines: Vec<Line> = (0..h as usize)
        .map(|y| {
            let s: String = (0..w as usize)
                .map(|x| {
                    let k = x * 7 + y * 13 + f * 5;
                    if k % 11 == 0 {
                        marks[(k / 11) % marks.len()]
                    } else {
                        ' '
                    }
                })
                .collect();
            Line::styled(s, t.warn)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), r);
    let inner = Rect {
        x: r.x + 2,
        y: r.y + 2,
        width: r.width.saturating_sub(4),
        height: r.height.saturating_sub(4),
    };
    frame.render_widget(Clear, inner);
    frame.render_widget(Block::default().style(t.base), inner);
    big_number::render(frame, inner, "WON!", t.ok);
    let msg = Rect {
        y: inner.y + inner.height.saturating_sub(1),
        height: 1,
        ..inner
    };
    frame.render_widget(
        Line::styled("A lead was won. Well done, both teams!", t.title)
            .alignment(ratatui::layout::Alignment::Center),
        msg,
    );
}
