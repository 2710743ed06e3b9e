//! One lead: every field, then its stage history (who, when, why) and activity timeline.

use crate::text;
use crate::ui::canvas::Canvas;
use crate::ui::state::State;
use crate::ui::triage_state::Detail;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

pub fn render(state: &State, frame: &mut Canvas, area: Rect) {
    let t = &state.ctx.theme;
    let Some(d) = &state.detail else {
        frame.render_widget(Paragraph::new("No lead open.").style(t.muted), area);
        return;
    };
    let [fields_area, history_area] =
        Layout::vertical([Constraint::Length(fields_height(area)), Constraint::Min(0)]).areas(area);
    fields(state, d, frame, fields_area);
    history(state, d, frame, history_area);
}

/// Eleven field rows and the borders, or less on a short terminal.
fn fields_height(area: Rect) -> u16 {
    (13).min(area.height.saturating_sub(4))
}

fn fields(state: &State, d: &Detail, frame: &mut Canvas, area: Rect) {
    let t = &state.ctx.theme;
    let l = &d.lead;
    let stage = state.meta.stage(&l.stage);
    let stage_name = stage.map_or(l.stage.clone(), |s| format!("{} · {}", s.name, s.owner));
    let ts = |x: Option<crate::domain::Timestamp>| {
        x.map_or("—".to_string(), |t| {
            t.format("%Y-%m-%d %H:%M").to_string()
        })
    };
    let days = (state.now - l.stage_entered_at).num_days().max(0);
    let today = state.now.date_naive();
    let mut marks = Vec::new();
    if l.priority {
        marks.push("★ priority");
    }
    if l.next_step_due.is_some_and(|due| due < today) {
        marks.push("!due overdue");
    }
    if stage
        .and_then(|s| s.stale_after_days)
        .is_some_and(|lim| days > lim)
    {
        marks.push("stale");
    }
    let left: Vec<(&str, String)> = vec![
        ("Company", l.company.clone()),
        ("Email", l.email.clone()),
        (
            "Owner",
            l.owner.clone().unwrap_or_else(|| "unassigned".into()),
        ),
        (
            "Qualified by",
            l.qualified_by.clone().unwrap_or_else(|| "—".into()),
        ),
        ("Stage", format!("{stage_name} ({days}d)")),
        ("Score", l.score.to_string()),
        ("Value", crate::domain::currency::full(&l.currency, l.value)),
        ("Source", l.source.clone()),
        ("Campaign", l.campaign.clone().unwrap_or_else(|| "—".into())),
        (
            "Marks",
            if marks.is_empty() {
                "—".into()
            } else {
                marks.join("  ")
            },
        ),
        (
            "Version",
            format!(
                "{} · by {} {}",
                l.version,
                l.updated_by,
                ts(Some(l.updated_at))
            ),
        ),
    ];
    let due = l
        .next_step_due
        .map_or("no due date".to_string(), |d| format!("due {d}"));
    let mut right: Vec<(&str, String)> = vec![
        (
            "Next step",
            if l.next_step.is_empty() {
                "—".into()
            } else {
                l.next_step.clone()
            },
        ),
        ("Due", due),
        ("Created", ts(Some(l.created_at))),
        ("In stage since", ts(Some(l.stage_entered_at))),
        ("Delivered", ts(l.delivered_at)),
        ("First contact", ts(l.first_contact_at)),
        ("Last activity", ts(l.last_activity_at)),
        (
            "External id",
            l.external_id.clone().unwrap_or_else(|| "—".into()),
        ),
        ("Lead id", l.id.to_string()),
    ];
    // An open deal's expected close, as its CRM said it (imported).
    if let Some(d) = l.expected_close {
        right.insert(2, ("Expected close", d.to_string()));
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(t.border_focus)
        .title(Line::from(vec![
            Span::styled(format!(" {} ", text::fit(&l.name, 60)), t.header),
            Span::styled("Esc back · ? keys ", t.muted),
        ]));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [a, b] =
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(inner);
    frame.render_widget(Paragraph::new(rows(&left, a.width, state)), a);
    frame.render_widget(Paragraph::new(rows(&right, b.width, state)), b);
}

fn rows<'a>(items: &[(&str, String)], width: u16, state: &State) -> Vec<Line<'a>> {
    let t = &state.ctx.theme;
    let label_w = 15;
    items
        .iter()
        .map(|(k, v)| {
            Line::from(vec![
                Span::styled(format!("{k:<label_w$}"), t.muted),
                Span::styled(
                    text::fit(v, (width as usize).saturating_sub(label_w)),
                    t.card,
                ),
            ])
        })
        .collect()
}

fn history(state: &State, d: &Detail, frame: &mut Canvas, area: Rect) {
    let t = &state.ctx.theme;
    let [ev_area, act_area] =
        Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(area);
    let w = ev_area.width.saturating_sub(2) as usize;
    let events: Vec<Line> = d
        .events
        .iter()
        .skip(d.scroll.min(d.events.len()))
        .flat_map(|e| {
            let from = e.from.as_deref().unwrap_or("—");
            vec![
                Line::from(vec![
                    Span::styled(e.at.format("%Y-%m-%d %H:%M ").to_string(), t.muted),
                    Span::styled(
                        text::fit(
                            &format!("{from} → {} by {}", e.to, e.by),
                            w.saturating_sub(17),
                        ),
                        t.card,
                    ),
                ]),
                Line::styled(
                    text::fit(
                        &format!(
                            "    why: {}",
                            if e.reason.is_empty() {
                                "—"
                            } else {
                                &e.reason
                            }
                        ),
                        w,
                    ),
                    t.base,
                ),
            ]
        })
        .collect();
    frame.render_widget(
        Paragraph::new(events).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(t.border)
                .title(format!(" Stage history ({}) ", d.events.len())),
        ),
        ev_area,
    );
    let w = act_area.width.saturating_sub(2) as usize;
    let acts: Vec<Line> = d
        .activities
        .iter()
        .skip(d.scroll.min(d.activities.len()))
        .map(|a| {
            Line::from(vec![
                Span::styled(a.at.format("%Y-%m-%d %H:%M ").to_string(), t.muted),
                Span::styled(format!("{:<8}", a.kind.as_str()), t.header),
                Span::styled(
                    text::fit(&format!("{}: {}", a.by, a.body), w.saturating_sub(25)),
                    t.card,
                ),
            ])
        })
        .collect();
    let acts = if acts.is_empty() {
        vec![Line::styled("no contact yet: c logs one", t.muted)]
    } else {
        acts
    };
    frame.render_widget(
        Paragraph::new(acts).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(t.border)
                .title(format!(" Activity ({}) ", d.activities.len())),
        ),
        act_area,
    );
}
