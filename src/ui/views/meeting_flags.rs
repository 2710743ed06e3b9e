//! Walking the red flags: one at a time, large, with owner and age, and the decision form.

use crate::meeting::flag_title;
use crate::meeting::minutes;
use crate::text;
use crate::ui::canvas::Canvas;
use crate::ui::state::State;
use crate::ui::theme::Theme;
use crate::ui::widgets::big_number;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

pub fn render(state: &State, frame: &mut Canvas, area: Rect, t: &Theme) {
    let m = &state.meeting;
    let Some(flag) = m.current_flag() else {
        frame.render_widget(
            Paragraph::new(vec![
                Line::styled("No red flags.", t.ok),
                Line::styled(
                    "Nothing is overdue, stale or waiting for a first contact.",
                    t.card,
                ),
            ]),
            area,
        );
        return;
    };
    let decided = m
        .decisions
        .iter()
        .filter(|d| m.flags.iter().any(|f| f.lead_id == Some(d.lead_id)));
    let group = m.groups.get(m.group_index);
    let team = m
        .team
        .map_or(String::new(), |t| format!(" · {t} reps only"));
    let head = format!(
        "Group {} of {} by {}{team} · flag {} of {} here, {} in all · {} decided",
        m.group_index + 1,
        m.groups.len(),
        m.grouping.label(),
        m.in_group + 1,
        group.map_or(0, |g| g.flags.len()),
        m.flags.len(),
        decided.count()
    );
    let [top, groups, kind, main, decision] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(2),
        Constraint::Length(2),
        Constraint::Min(6),
        Constraint::Length(4),
    ])
    .areas(area);
    let w = area.width as usize;
    frame.render_widget(Line::styled(text::fit(&head, w), t.muted), top);
    // This group with its counts, then the ones after it: the room sees what is left.
    let rest: Vec<String> = m
        .groups
        .iter()
        .skip(m.group_index + 1)
        .map(|g| format!("{} {}", g.name, g.flags.len()))
        .collect();
    let next = if rest.is_empty() {
        "last group".to_string()
    } else {
        format!("next: {}", rest.join(" · "))
    };
    frame.render_widget(
        Paragraph::new(vec![
            Line::styled(
                text::fit(&group.map(|g| g.summary()).unwrap_or_default(), w),
                t.title,
            ),
            Line::styled(
                text::fit(
                    &format!(
                        "{next}   ↓↑ flags · J K groups · g by kind/owner · t team · s snooze"
                    ),
                    w,
                ),
                t.muted,
            ),
        ]),
        groups,
    );
    frame.render_widget(
        Line::styled(
            format!(" {} ", flag_title(&flag.kind).to_uppercase()),
            t.danger,
        ),
        kind,
    );
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(62), Constraint::Percentage(38)]).areas(main);
    let w = left.width as usize;
    let info = flag.lead_id.and_then(|id| m.flag_leads.get(&id));
    // The lead's name in big letters where it fits, the company under it.
    let name = info.map(|i| i.name.as_str()).unwrap_or("");
    let big = !name.is_empty() && big_number::fitting(name.chars().count(), left).is_some();
    let left = if big {
        let h = big_number::height(name, left);
        big_number::render_left(frame, Rect { height: h, ..left }, name, t.title);
        Rect {
            y: left.y + h,
            height: left.height.saturating_sub(h),
            ..left
        }
    } else {
        left
    };
    let headline = match info {
        Some(i) if big => i.company.clone(),
        _ => flag.lead.clone(),
    };
    let mut lines = vec![
        Line::styled(text::fit(&headline, w), t.title),
        Line::from(""),
        Line::from(vec![
            Span::styled("Owner  ", t.muted),
            Span::styled(
                text::fit(
                    &flag
                        .owner
                        .as_deref()
                        .map_or("nobody".into(), |o| format!("@{o}")),
                    w,
                ),
                t.title,
            ),
        ]),
        Line::from(vec![
            Span::styled("Why    ", t.muted),
            Span::styled(text::fit(&flag.detail, w.saturating_sub(7)), t.card),
        ]),
    ];
    match info {
        Some(i) => {
            lines.push(Line::from(vec![
                Span::styled("Stage  ", t.muted),
                Span::styled(
                    text::fit(
                        &format!("{} · {}", i.stage, i.value.short()),
                        w.saturating_sub(7),
                    ),
                    t.card,
                ),
            ]));
            let step = if i.next_step.is_empty() {
                "(none)"
            } else {
                &i.next_step
            };
            lines.push(Line::from(vec![
                Span::styled("Next   ", t.muted),
                Span::styled(text::fit(step, w.saturating_sub(7)), t.card),
            ]));
        }
        None if flag.lead_id.is_some() => {
            lines.push(Line::styled("This lead is no longer in the file.", t.warn))
        }
        None => {}
    }
    frame.render_widget(Paragraph::new(lines), left);
    let age = flag.age_days(state.now);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border)
        .title(Span::styled(" Flag up for ", t.header));
    let inner = block.inner(right);
    frame.render_widget(block, right);
    let fig = format!("{age}d");
    let h = big_number::height(&fig, inner);
    big_number::render(
        frame,
        Rect {
            height: h.min(inner.height),
            ..inner
        },
        &fig,
        t.warn,
    );
    if inner.height > h + 1 {
        frame.render_widget(
            Line::styled(
                format!(
                    "{age} {}, since {}",
                    if age == 1 { "day" } else { "days" },
                    flag.since.format("%Y-%m-%d")
                ),
                t.card,
            )
            .centered(),
            Rect {
                y: inner.y + h + 1,
                height: 1,
                ..inner
            },
        );
    }
    let said = flag
        .lead_id
        .and_then(|id| m.decision_for(id))
        .map(|d| {
            Line::styled(
                text::fit(
                    &format!(" DECIDED: {} ", minutes::decision_line(d).replace("**", "")),
                    decision.width as usize,
                ),
                t.ok,
            )
        })
        .unwrap_or_else(|| {
            Line::styled(
                "No decision yet: n next step · r recycle · d disqualify · w won · s snooze",
                t.warn,
            )
        });
    frame.render_widget(Paragraph::new(vec![Line::from(""), said]), decision);
    if let Some(f) = &m.form {
        form(f, frame, area, t);
    }
}

fn form(f: &crate::meeting::decision::Form, frame: &mut Canvas, area: Rect, t: &Theme) {
    let h = (f.fields.len() as u16 + 5).min(area.height);
    let w = area.width.min(90);
    let r = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + area.height - h,
        width: w,
        height: h,
    };
    frame.render_widget(Clear, r);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border_focus)
        .style(t.base)
        .title(Span::styled(
            format!(" Decision: {} ", f.kind.label()),
            t.header,
        ));
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let label_w = 18usize;
    let mut lines = Vec::new();
    if f.fields.is_empty() {
        lines.push(Line::styled(
            "Move this lead to Won? Enter to confirm, Esc to cancel.",
            t.title,
        ));
    }
    for (i, fld) in f.fields.iter().enumerate() {
        let focus = i == f.focus;
        let room = (inner.width as usize).saturating_sub(label_w + 3);
        let value = text::fit(&fld.value, room);
        lines.push(Line::from(vec![
            Span::styled(
                format!("{}{:<label_w$}", if focus { "▶" } else { " " }, fld.label),
                t.muted,
            ),
            Span::styled(
                format!("{value}{}", if focus { "▏" } else { "" }),
                if focus { t.selected } else { t.card },
            ),
        ]));
    }
    lines.push(Line::from(""));
    match &f.error {
        Some(e) => lines.push(Line::styled(format!("✗ {}", text::clean(e)), t.danger)),
        None => lines.push(Line::styled(
            "Enter saves to the shared file · Esc cancels",
            t.muted,
        )),
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
