//! Funnel: stage-to-stage conversion, median time in stage, MQL→SQL, win rate, then the
//! same per campaign (with cost per lead and per won deal) and per source.

use crate::io::report::pct;
use crate::metrics::funnel::Segment;
use crate::text;
use crate::ui::canvas::Canvas;
use crate::ui::state::State;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

fn money(m: Option<crate::domain::Money>) -> String {
    m.map_or("–".into(), |m| m.short())
}

fn segment_line(s: &Segment, w: usize) -> String {
    let name = if s.name.is_empty() {
        "(none)"
    } else {
        s.name.as_str()
    };
    let l = format!(
        "  {:<26} {:<12} {:>6} {:>6} {:>8} {:>5} {:>7}",
        text::fit(name, 26),
        text::fit(&s.source, 12),
        s.leads,
        s.delivered,
        pct(s.mql_to_sql),
        s.won,
        pct(s.win_rate)
    );
    text::fit(&l, w)
}

/// A campaign: the funnel it fed (leads, MQLs, SQLs, won), what it cost and brought back.
fn campaign_line(c: &Segment, w: usize) -> String {
    let l = format!(
        "  {:<24} {:<11} {:>5} {:>5} {:>5} {:>4} {:>8} {:>8} {:>8} {:>8} {:>6}",
        text::fit(&c.name, 24),
        text::fit(&c.source, 11),
        c.leads,
        c.delivered,
        c.accepted,
        c.won,
        c.won_value.short(),
        money(c.cost),
        money(c.cost_per_lead),
        money(c.cost_per_won),
        c.return_on_cost.map_or("–".into(), |r| format!("{r:.1}×"))
    );
    text::fit(&l, w)
}

/// "why leads bounced: 3 of 4 Wrong company size (disqualified) · 1 of 4 …"
fn bounce_line(c: &Segment, w: usize) -> Option<String> {
    let (total, items) = c.bounced();
    (total > 0).then(|| {
        let parts: Vec<String> = items
            .iter()
            .map(|(n, r, k)| format!("{n} of {total} {} ({k})", text::clean(r)))
            .collect();
        text::fit(&format!("      bounced: {}", parts.join(" · ")), w)
    })
}

pub fn render(state: &State, frame: &mut Canvas, area: Rect) {
    let t = &state.ctx.theme;
    let Some(f) = &state.funnel.funnel else {
        frame.render_widget(
            Paragraph::new("Loading… (Ctrl-r reloads)").style(t.muted),
            area,
        );
        return;
    };
    let w = area.width as usize;
    let (hf, ht) = f
        .handoff
        .clone()
        .unwrap_or_else(|| ("hand-off".into(), "next".into()));
    let mut lines = vec![
        Line::from(vec![
            Span::styled(
                format!(
                    " Funnel · {} leads {}",
                    f.leads,
                    cohort_words(state.funnel.cohort, state.funnel.since)
                ),
                t.header,
            ),
            Span::styled(
                text::fit(
                    &format!(
                        " · {}→{} {} · win rate {} ({} won, {} lost, {}{} won value)",
                        text::clean(&hf),
                        text::clean(&ht),
                        pct(f.mql_to_sql),
                        pct(f.win_rate),
                        f.won,
                        f.lost,
                        f.won_value.short(),
                        f.won_value_other.plus_short()
                    ),
                    w.saturating_sub(20),
                ),
                t.card,
            ),
        ]),
        Line::styled(
            format!(
                "  {:<14}   {:<14} {:>15} {:>7} {:>10}",
                "From", "To", "Reached", "direct", "Conversion"
            ),
            t.muted,
        ),
    ];
    for s in &f.steps {
        let conv = s.conversion.unwrap_or(0.0);
        let bar_w = 20;
        let filled = (conv * bar_w as f64).round() as usize;
        lines.push(Line::from(vec![
            Span::styled(
                format!(
                    "  {:<14} → {:<14} {:>6} → {:<6} {:>7} {:>10}  ",
                    text::fit(&s.from, 14),
                    text::fit(&s.to, 14),
                    s.entered,
                    s.converted,
                    s.direct,
                    pct(s.conversion)
                ),
                t.card,
            ),
            Span::styled(
                "█".repeat(filled.min(bar_w)) + &"░".repeat(bar_w - filled.min(bar_w)),
                t.header,
            ),
        ]));
    }
    lines.push(Line::from(""));
    lines.push(Line::styled(
        " Median time in stage (completed stays)",
        t.header,
    ));
    let times: Vec<String> = f
        .times
        .iter()
        .map(|x| {
            let m = x
                .median_hours
                .map_or("–".to_string(), |h| format!("{:.1} d", h as f64 / 24.0));
            format!("{} {m} (n={})", text::clean(&x.name), x.stays)
        })
        .collect();
    lines.push(Line::styled(
        text::fit(&format!("  {}", times.join(" · ")), w),
        t.card,
    ));
    lines.push(Line::from(""));
    lines.push(Line::styled(" Campaigns", t.header));
    lines.push(Line::styled(
        text::fit(
            &format!(
                "  {:<24} {:<11} {:>5} {:>5} {:>5} {:>4} {:>8} {:>8} {:>8} {:>8} {:>6}",
                "Campaign",
                "Channel",
                "Leads",
                "MQLs",
                "SQLs",
                "Won",
                "Won $",
                "Cost",
                "/lead",
                "/won",
                "Return"
            ),
            w,
        ),
        t.muted,
    ));
    for c in &f.campaigns {
        lines.push(Line::styled(campaign_line(c, w), t.card));
        if !c.won_value_other.is_empty() {
            let other = c.won_value_other.plus_short();
            let note = format!("    also won{}: not in Won $ nor Return", &other[2..]);
            lines.push(Line::styled(text::fit(&note, w), t.muted));
        }
        if let Some(b) = bounce_line(c, w) {
            lines.push(Line::styled(b, t.muted));
        }
    }
    lines.push(Line::from(""));
    lines.push(Line::styled(" Sources", t.header));
    for s in &f.sources {
        lines.push(Line::styled(segment_line(s, w), t.card));
    }
    let max_scroll = lines.len().saturating_sub(area.height as usize);
    let scroll = state.funnel.scroll.min(max_scroll) as u16;
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), area);
}

/// Which leads the funnel counts, in words: `(all; p: this month…)`, `(created since 2026-11-01)`.
fn cohort_words(
    cohort: crate::metrics::cohort::Cohort,
    since: Option<crate::domain::Timestamp>,
) -> String {
    match since {
        None => "(all; p: month / quarter / 12 months)".to_string(),
        Some(s) => format!(
            "({}, since {}; p changes)",
            cohort.label(),
            s.format("%Y-%m-%d")
        ),
    }
}
