//! SLA: the two team gauges with pace markers and sparklines, first contact, then one row per rep.

use crate::metrics::sla::{FirstContact, Sla};
use crate::text;
use crate::ui::canvas::Canvas;
use crate::ui::state::State;
use crate::ui::widgets::gauge;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

const NAME_W: usize = 22;

/// The period's deliveries: how many were contacted in time.
fn first_contact_words(f: &FirstContact) -> String {
    let pct = f
        .met_percent()
        .map_or("no delivery decided yet".to_string(), |p| {
            format!("{p}% met")
        });
    format!(
        "{pct} · {} met · {} breached · {} still within the window",
        f.met, f.breached, f.pending
    )
}

/// Who is waiting now, whenever they were delivered: the `uncontacted` red flags.
fn waiting_words(f: &FirstContact) -> String {
    match f.open_breached {
        0 => "nobody is waiting past the window".to_string(),
        1 => "1 lead waiting past its window now (any delivery date)".to_string(),
        n => format!("{n} leads waiting past their window now (any delivery date)"),
    }
}

pub fn render(state: &State, frame: &mut Canvas, area: Rect) {
    let t = &state.ctx.theme;
    let Some(sla) = &state.sla.sla else {
        frame.render_widget(
            Paragraph::new("Loading… (Ctrl-r reloads)").style(t.muted),
            area,
        );
        return;
    };
    let w = area.width as usize;
    let mut lines = team_lines(state, sla, w);
    lines.push(Line::from(""));
    lines.push(Line::styled(
        text::fit(" Per rep · marketing: leads this month · sales: contacts this week; first contact: ✓ met ✗ breached, waiting now", w),
        t.header,
    ));
    let room = (area.height as usize).saturating_sub(lines.len());
    let start = state
        .sla
        .scroll
        .min(sla.reps.len().saturating_sub(room.max(1)));
    for r in sla.reps.iter().skip(start).take(room) {
        let who = match &r.handle {
            Some(h) => format!("{} (@{h})", r.name),
            None => "others (not on the team)".to_string(),
        };
        let period = if r.team == crate::domain::Team::Sales {
            sla.weeks.last().map(|p| p.label.clone())
        } else {
            sla.months.last().map(|p| p.label.clone())
        }
        .unwrap_or_default();
        // Narrow terminals get a shorter name column and no first-contact column.
        let name_w = if w < 110 { 14 } else { NAME_W };
        let head = format!(
            "  {:<name_w$} {:<9} {:<8} ",
            text::fit(&who, name_w),
            r.team.as_str(),
            text::fit(&period, 8)
        );
        // Same width on every row, so the bars line up.
        let tail = format!(
            "{:<18}",
            r.first_contact
                .filter(|_| w >= 110)
                .map(|f| format!("  {}✓ {}✗ {} wait", f.met, f.breached, f.open_breached))
                .unwrap_or_default()
        );
        let gw = w.saturating_sub(head.chars().count() + tail.chars().count());
        let mut spans = vec![Span::styled(head, t.card)];
        spans.extend(gauge::line(&r.gauge, &r.history, gw, t).spans);
        spans.push(Span::styled(tail, t.muted));
        lines.push(Line::from(spans));
    }
    if sla.reps.len() > room && room > 0 {
        lines.push(Line::styled(
            format!(
                "  rows {}-{} of {} · ↑↓ scroll",
                start + 1,
                (start + room).min(sla.reps.len()),
                sla.reps.len()
            ),
            t.muted,
        ));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn team_lines(state: &State, sla: &Sla, w: usize) -> Vec<Line<'static>> {
    let t = &state.ctx.theme;
    let mut lines = Vec::new();
    let months = sla.months.first().zip(sla.months.last());
    let weeks = sla.weeks.first().zip(sla.weeks.last());
    let range = |p: Option<(
        &crate::metrics::period::Period,
        &crate::metrics::period::Period,
    )>| {
        p.map(|(a, b)| (b.label.clone(), format!("{} … {}", a.label, b.label)))
            .unwrap_or_default()
    };
    let (month, month_range) = range(months);
    let (week, week_range) = range(weeks);
    for (title, team, period, span, g, hist) in [
        (
            "Leads delivered",
            "marketing promised",
            month,
            month_range,
            &sla.leads_delivered,
            &sla.delivered_history,
        ),
        (
            "Contacts made",
            "sales committed",
            week,
            week_range,
            &sla.contacts_made,
            &sla.contacts_history,
        ),
    ] {
        lines.push(Line::from(vec![
            Span::styled(format!(" {title} · {period}"), t.header),
            Span::styled(
                format!(" · {team} {:.0} · sparkline {span}", g.target),
                t.muted,
            ),
        ]));
        let mut l = gauge::line(g, hist, w.saturating_sub(3), t);
        l.spans.insert(0, Span::raw("   "));
        lines.push(l);
    }
    let f = &sla.first_contact;
    lines.push(Line::from(vec![
        Span::styled(format!(" First contact within {} h", f.hours), t.header),
        Span::styled(
            format!(
                " · deliveries of {}: ",
                sla.months.last().map_or("", |p| p.label.as_str())
            ),
            t.muted,
        ),
    ]));
    let style = if f.breached > 0 { t.warn } else { t.ok };
    lines.push(Line::styled(
        text::fit(&format!("   {}", first_contact_words(f)), w),
        style,
    ));
    let style = if f.open_breached > 0 { t.danger } else { t.ok };
    lines.push(Line::styled(
        text::fit(&format!("   {}", waiting_words(f)), w),
        style,
    ));
    lines
}
