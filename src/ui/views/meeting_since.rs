//! "Since last meeting": the change since the previous meeting in big figures, then moves by
//! stage, the SLA trend and the flags resolved.

use super::meeting_sections::panel;
use crate::meeting::{Gauge, flag_title};
use crate::text;
use crate::ui::canvas::Canvas;
use crate::ui::state::State;
use crate::ui::theme::Theme;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

fn trend_line(label: &str, then: &Gauge, now: &Gauge) -> String {
    let d = now.actual - then.actual;
    format!(
        "{label}: {}/{:.0} → {}/{:.0} ({d:+})",
        then.actual, then.target, now.actual, now.target
    )
}

fn commitments(
    c: &[crate::meeting::commitments::Commitment],
    frame: &mut Canvas,
    area: Rect,
    t: &Theme,
) {
    use crate::meeting::commitments::{State, summary};
    let w = area.width as usize;
    let mut lines = vec![Line::styled(
        text::fit(&format!("Last meeting's commitments: {}", summary(c)), w),
        t.header,
    )];
    let room = (area.height as usize).saturating_sub(1);
    // Late first, then open, then done: the room talks about what slipped.
    let mut order: Vec<&crate::meeting::commitments::Commitment> = c.iter().collect();
    order.sort_by_key(|c| match c.state {
        State::Late => 0,
        State::Open => 1,
        State::Done => 2,
    });
    for (i, x) in order.iter().enumerate() {
        if i + 1 == room && order.len() > room {
            lines.push(Line::styled(
                format!("  … and {} more", order.len() - i),
                t.muted,
            ));
            break;
        }
        let d = &x.decision;
        let (mark, style) = match x.state {
            State::Done => ("✓", t.ok),
            State::Late => ("✗", t.danger),
            State::Open => ("·", t.warn),
        };
        let what = crate::meeting::minutes::decision_line(d).replace("**", "");
        lines.push(Line::styled(
            text::fit(&format!("  {mark} {:<4} {what}", x.state.label()), w),
            style,
        ));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

pub fn since_last(state: &State, frame: &mut Canvas, area: Rect, t: &Theme) {
    let Some(s) = &state.meeting.since else {
        frame.render_widget(Line::styled("Nothing loaded yet.", t.muted), area);
        return;
    };
    let days = (state.now - s.since).num_days();
    let heading = match s.previous {
        Some(id) => format!(
            "Since meeting {id} on {} ({days} days ago)",
            s.since.format("%a %Y-%m-%d %H:%M")
        ),
        None => format!(
            "No earlier meeting recorded: the last {days} days, since {}",
            s.since.format("%a %Y-%m-%d")
        ),
    };
    let [head, figs, rest] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(if area.height >= 40 { 12 } else { 8 }),
        Constraint::Min(0),
    ])
    .areas(area);
    frame.render_widget(Line::styled(heading, t.header), head);
    let cells: [Rect; 4] = Layout::horizontal([Constraint::Ratio(1, 4); 4]).areas(figs);
    let small = |s: String, st: Style| vec![Line::styled(s, st)];
    panel(
        frame,
        cells[0],
        "New leads",
        &s.new_leads.to_string(),
        t.title,
        vec![],
        t,
    );
    panel(
        frame,
        cells[1],
        "Won",
        &s.won.to_string(),
        t.ok,
        small(
            format!("{}{}", s.won_value.short(), s.won_value_other.plus_short()),
            t.ok,
        ),
        t,
    );
    panel(
        frame,
        cells[2],
        "Lost / disqualified",
        &format!("{}/{}", s.lost, s.disqualified),
        t.title,
        vec![],
        t,
    );
    let resolved = if s.previous.is_some() {
        format!("-{}", s.flags_resolved.len())
    } else {
        "?".into()
    };
    panel(
        frame,
        cells[3],
        "Flags new / gone",
        &format!("+{}/{resolved}", s.flags_opened.len()),
        t.warn,
        vec![],
        t,
    );
    // Last meeting's commitments first: what the room promised, and what became of it.
    let c = &state.meeting.commitments;
    let rest = if c.is_empty() {
        rest
    } else {
        let want = (c.len() as u16 + 1).min(rest.height / 2).max(2);
        let [top, below] =
            Layout::vertical([Constraint::Length(want), Constraint::Min(0)]).areas(rest);
        commitments(c, frame, top, t);
        below
    };
    let [left, right] = Layout::horizontal([Constraint::Ratio(1, 2); 2]).areas(rest);
    let mut moves = vec![Line::styled("Moves by stage", t.header)];
    if s.moves.is_empty() {
        moves.push(Line::styled("  no moves", t.muted));
    }
    for m in &s.moves {
        moves.push(Line::styled(
            format!("  → {:<14} {:>4}", text::fit(&m.name, 14), m.count),
            t.card,
        ));
    }
    moves.push(Line::styled(
        format!("  recycled to marketing: {}", s.recycled),
        t.card,
    ));
    frame.render_widget(Paragraph::new(moves), left);
    let mut lines = vec![Line::styled("SLA trend", t.header)];
    match &s.trend {
        Some(tr) => {
            lines.push(Line::styled(
                format!(
                    "  {}",
                    trend_line(
                        "Delivered",
                        &tr.then.leads_delivered,
                        &tr.now.leads_delivered
                    )
                ),
                t.card,
            ));
            lines.push(Line::styled(
                format!(
                    "  {}",
                    trend_line("Contacts", &tr.then.contacts_made, &tr.now.contacts_made)
                ),
                t.card,
            ));
            let pct = |p: Option<i64>| p.map_or("-".to_string(), |p| format!("{p}%"));
            lines.push(Line::styled(
                format!(
                    "  First contact met: {} → {}",
                    pct(tr.then.first_contact.met_percent()),
                    pct(tr.now.first_contact.met_percent())
                ),
                t.card,
            ));
        }
        None => lines.push(Line::styled(
            "  no earlier meeting to compare with",
            t.muted,
        )),
    }
    lines.push(Line::styled("Flags resolved", t.header));
    let room = (right.height as usize)
        .saturating_sub(lines.len() + 1)
        .max(1);
    if s.flags_resolved.is_empty() {
        lines.push(Line::styled("  none", t.muted));
    }
    let n = s.flags_resolved.len();
    for f in s.flags_resolved.iter().take(room) {
        lines.push(Line::styled(
            text::fit(
                &format!("  ✓ {} · {}", f.lead, flag_title(&f.kind)),
                right.width as usize,
            ),
            t.ok,
        ));
    }
    if n > room {
        lines.truncate(lines.len() - 1);
        lines.push(Line::styled(
            format!("  … and {} more", n - room + 1),
            t.muted,
        ));
    }
    frame.render_widget(Paragraph::new(lines), right);
}
