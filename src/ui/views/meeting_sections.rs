//! The agenda's sections other than the red flags: scoreboard, since last meeting, board,
//! wins and next steps. Big figures first, a few lines of words under them.

use crate::meeting::Gauge;
use crate::meeting::minutes;
use crate::text;
use crate::ui::canvas::Canvas;
use crate::ui::state::State;
use crate::ui::theme::Theme;
use crate::ui::widgets::big_number;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

/// A bordered panel with a big figure and lines of words: under it when there is height,
/// beside it when the panel is wide and short (the scoreboard stacked at 100x30).
pub(super) fn panel(
    frame: &mut Canvas,
    area: Rect,
    title: &str,
    figure: &str,
    fig: Style,
    lines: Vec<Line>,
    t: &Theme,
) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border)
        .title(Span::styled(format!(" {title} "), t.header));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height < 2 {
        return;
    }
    let n = lines.len() as u16;
    let under = Rect {
        height: inner.height.saturating_sub(n + 1).max(1),
        ..inner
    };
    let beside = Rect {
        width: inner.width * 3 / 5,
        ..inner
    };
    let fits = |r: Rect| big_number::fitting(figure.chars().count(), r).is_some();
    // Beside is larger on a wide screen; under suits a narrow panel.
    if n > 0 && fits(beside) && (inner.width >= 80 || !fits(under)) {
        let h = big_number::height(figure, beside);
        let y = inner.y + inner.height.saturating_sub(h) / 2;
        big_number::render(
            frame,
            Rect {
                y,
                height: h,
                ..beside
            },
            figure,
            fig,
        );
        let words = Rect {
            x: inner.x + beside.width,
            y: inner.y + inner.height.saturating_sub(n) / 2,
            width: inner.width - beside.width,
            height: n.min(inner.height),
        };
        frame.render_widget(Paragraph::new(lines), words);
        return;
    }
    let h = big_number::height(figure, under);
    big_number::render(frame, Rect { height: h, ..under }, figure, fig);
    let words = Rect {
        y: inner.y + h + 1,
        height: inner.height.saturating_sub(h + 1),
        ..inner
    };
    let lines: Vec<Line> = lines.into_iter().map(|l| l.centered()).collect();
    frame.render_widget(Paragraph::new(lines), words);
}

fn gauge_panel(frame: &mut Canvas, area: Rect, title: &str, g: &Gauge, promised: &str, t: &Theme) {
    let (word, style) = if g.behind {
        ("BEHIND PACE", t.danger)
    } else {
        ("ON PACE", t.ok)
    };
    panel(
        frame,
        area,
        title,
        &format!("{}/{:.0}", g.actual, g.target),
        if g.behind { t.warn } else { t.ok },
        vec![
            Line::styled(
                format!("{} of {:.0} {promised}", g.actual, g.target),
                t.card,
            ),
            Line::styled(format!("pace now: {:.0}", g.pace), t.card),
            Line::styled(format!(" {word} "), style),
        ],
        t,
    );
}

pub fn scoreboard(state: &State, frame: &mut Canvas, area: Rect, t: &Theme) {
    let s = &state.meeting.scoreboard;
    // Stacked, each figure beside its words: the widest the digits can get.
    let [a, b, c] = Layout::vertical([Constraint::Ratio(1, 3); 3]).areas(area);
    gauge_panel(
        frame,
        a,
        "Leads delivered · month",
        &s.leads_delivered,
        "promised",
        t,
    );
    gauge_panel(
        frame,
        b,
        "Contacts made · week",
        &s.contacts_made,
        "committed",
        t,
    );
    let fc = &s.first_contact;
    let (figure, style) = match fc.met_percent() {
        Some(p) if p >= 90 => (format!("{p}%"), t.ok),
        Some(p) => (format!("{p}%"), t.warn),
        None => ("-".to_string(), t.muted),
    };
    panel(
        frame,
        c,
        &format!("First contact < {}h", fc.hours),
        &figure,
        style,
        vec![
            Line::styled(format!("{} met in time", fc.met), t.card),
            Line::styled(format!("{} breached (late or never)", fc.breached), t.card),
            Line::styled(
                format!(" {} STILL WAITING, PAST {}h ", fc.open_breached, fc.hours),
                if fc.open_breached > 0 { t.danger } else { t.ok },
            ),
        ],
        t,
    );
}

pub fn board(state: &State, frame: &mut Canvas, area: Rect, t: &Theme) {
    let bars = &state.meeting.board;
    let max = bars.iter().map(|b| b.count).max().unwrap_or(0).max(1);
    let name_w = 14usize;
    let fig_w = 16usize;
    let bar_room = (area.width as usize).saturating_sub(name_w + fig_w + 4);
    let gap = if area.height as usize >= bars.len() * 3 + 2 {
        2
    } else {
        1
    };
    let mut lines = vec![
        Line::styled("Open pipeline by stage", t.header),
        Line::from(""),
    ];
    for b in bars {
        let len = (b.count as usize * bar_room).div_ceil(max as usize);
        let team = match b.owner {
            crate::domain::Team::Marketing => t.marketing,
            crate::domain::Team::Sales => t.sales,
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{:<name_w$}", text::fit(&b.name, name_w)), t.title),
            Span::styled(format!("{:<bar_room$}", "█".repeat(len)), team),
            Span::styled(
                format!(
                    " {:>5} {:>9}{}",
                    b.count,
                    b.value.short(),
                    b.other.plus_short()
                ),
                t.card,
            ),
        ]));
        if gap == 2 {
            lines.push(Line::from(""));
        }
    }
    frame.render_widget(Paragraph::new(lines), area);
}

pub fn wins(state: &State, frame: &mut Canvas, area: Rect, t: &Theme) {
    let w = &state.meeting.wins;
    // The team's currency in the big number; wins in other currencies beside it, never added.
    let total = crate::domain::Money(
        w.iter()
            .filter(|m| m.currency.is_empty())
            .map(|m| m.value.cents())
            .sum(),
    );
    let mut other = crate::domain::currency::OtherCurrencies::default();
    for m in w.iter().filter(|m| !m.currency.is_empty()) {
        other.add(&m.currency, m.value);
    }
    let other_lines = if other.is_empty() {
        vec![]
    } else {
        vec![Line::styled(
            other.plus_short().trim_start().to_string(),
            t.ok,
        )]
    };
    let [figs, rest] = Layout::vertical([
        Constraint::Length(if area.height >= 40 { 12 } else { 8 }),
        Constraint::Min(0),
    ])
    .areas(area);
    let [a, b] = Layout::horizontal([Constraint::Ratio(1, 2); 2]).areas(figs);
    panel(
        frame,
        a,
        "Won since last meeting",
        &w.len().to_string(),
        t.ok,
        vec![],
        t,
    );
    panel(frame, b, "Value won", &total.short(), t.ok, other_lines, t);
    let mut lines = Vec::new();
    if w.is_empty() {
        lines.push(Line::styled(
            "No wins since the last meeting. Next week!",
            t.muted,
        ));
    }
    let width = rest.width as usize;
    for m in w.iter().take(rest.height as usize / 2) {
        lines.push(Line::styled(
            text::fit(
                &format!(
                    "★ {} · {} · {}",
                    m.lead,
                    m.company,
                    crate::domain::currency::full(&m.currency, m.value)
                ),
                width,
            ),
            t.title,
        ));
        lines.push(Line::styled(
            text::fit(
                &format!(
                    "    marketing @{} qualified it · sales @{} closed it",
                    m.qualified_by.as_deref().unwrap_or("nobody"),
                    m.owner.as_deref().unwrap_or("nobody")
                ),
                width,
            ),
            t.card,
        ));
    }
    frame.render_widget(Paragraph::new(lines), rest);
}

pub fn next_steps(state: &State, frame: &mut Canvas, area: Rect, t: &Theme) {
    let d = &state.meeting.decisions;
    let mut lines = vec![
        Line::styled(
            format!("Decisions taken in this meeting: {}", d.len()),
            t.header,
        ),
        Line::from(""),
    ];
    if d.is_empty() {
        lines.push(Line::styled(
            "None yet: go back to the red flags (←) to decide on them.",
            t.muted,
        ));
    }
    let width = area.width as usize;
    for x in d.iter().take((area.height as usize).saturating_sub(4)) {
        lines.push(Line::styled(
            text::fit(
                &format!("• {}", minutes::decision_line(x).replace("**", "")),
                width,
            ),
            t.card,
        ));
    }
    lines.push(Line::from(""));
    lines.push(Line::styled(
        "Leaving (Esc or q) ends the meeting; its minutes go to --minutes or [meeting] minutes_dir.",
        t.muted,
    ));
    frame.render_widget(Paragraph::new(lines), area);
}
