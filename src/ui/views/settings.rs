//! Settings: the SLA numbers and the stages, as the team agreed them, with the change log.
//! Enter edits the selected value; every change is recorded with who and when.

use crate::domain::stage_edit::StageField;
use crate::text;
use crate::ui::canvas::Canvas;
use crate::ui::metrics_state::{Setting, SlaField};
use crate::ui::metrics_update::describe;
use crate::ui::state::State;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

const WIDTHS: [usize; 5] = [14, 10, 7, 9, 0];
/// Change-log lines shown between the stages and the team's lists.
const LOG_SHOWN: usize = 5;

pub fn render(state: &State, frame: &mut Canvas, area: Rect) {
    let t = &state.ctx.theme;
    let s = &state.settings;
    let w = area.width as usize;
    let current = s.current();
    let mut lines = Vec::new();
    // What is being typed, or the question being asked, goes first: always on screen.
    editor_lines(state, w, &mut lines);
    let pinned = lines.len();
    // The selected row's line, so a long page scrolls to keep it in view.
    let mut sel_line = 0;
    // The value being typed also shows in its own cell.
    let typed = |setting: Setting| {
        s.editing
            .as_ref()
            .filter(|e| e.setting == setting)
            .map(|e| format!("{}▏", e.input))
    };
    let since = s.agreement.as_ref().map_or(String::new(), |a| {
        format!(
            " · in force since {} (set by {})",
            a.effective_from.format("%Y-%m-%d %H:%M"),
            text::clean(&a.changed_by)
        )
    });
    lines.push(Line::from(vec![
        Span::styled(" SLA agreement", t.header),
        Span::styled(text::fit(&since, w.saturating_sub(14)), t.muted),
    ]));
    for f in SlaField::ALL {
        let sel = current == Some(Setting::Sla(f));
        if sel {
            sel_line = lines.len();
        }
        let value = typed(Setting::Sla(f))
            .unwrap_or_else(|| s.agreement.as_ref().map(|a| f.value(a)).unwrap_or_default());
        let style = if sel { t.selected } else { t.card };
        lines.push(Line::from(vec![
            Span::raw(if sel { " ▶ " } else { "   " }),
            Span::styled(format!("{:<36}", f.label()), t.card),
            Span::styled(text::fit(&value, 30), style),
        ]));
    }
    lines.push(Line::from(""));
    lines.push(Line::styled(" Stages (←→ picks the field)", t.header));
    lines.push(Line::styled(
        text::fit(
            &format!(
                "   {:<14} {:<10} {:<7} {:<9} {}",
                "Name", "Owner", "Stale", "Hand-off", "Definition"
            ),
            w,
        ),
        t.muted,
    ));
    for (i, st) in s.stages.iter().enumerate() {
        let row_sel = matches!(current, Some(Setting::Stage(r, _)) if r == i);
        if row_sel {
            sel_line = lines.len();
        }
        let mut spans = vec![Span::raw(if row_sel { " ▶ " } else { "   " })];
        for (k, f) in StageField::ALL.iter().enumerate() {
            let mut v = f.value(st);
            if let Some(input) = typed(Setting::Stage(i, *f)) {
                v = input;
            } else if *f == StageField::StaleDays {
                v = if v.is_empty() {
                    "never".into()
                } else {
                    format!("{v}d")
                };
            }
            let cw = if WIDTHS[k] == 0 {
                w.saturating_sub(46).max(8)
            } else {
                WIDTHS[k]
            };
            let cell = format!("{:<cw$}", text::fit(&v, cw));
            let sel = current == Some(Setting::Stage(i, *f));
            spans.push(Span::styled(cell, if sel { t.selected } else { t.card }));
            spans.push(Span::raw(" "));
        }
        let kind = st.kind.as_str();
        if kind != "open" {
            spans.push(Span::styled(format!("({kind})"), t.muted));
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::from(""));
    match &s.editing {
        Some(_) => {}
        None => lines.push(Line::styled(
            text::fit(
                " Enter edits · K / J move a stage (asks first) · u undoes your last change · add or remove stages: leadboard stages",
                w,
            ),
            t.muted,
        )),
    }

    lines.push(Line::from(""));
    lines.push(Line::styled(" Changes (newest first)", t.header));
    // The latest few: the lists below must stay in reach.
    for c in s.log.iter().take(LOG_SHOWN) {
        let old = if c.old.is_empty() {
            String::new()
        } else {
            format!("{} → ", c.old)
        };
        lines.push(Line::styled(
            text::fit(
                &format!(
                    "   {} {}: {} {old}{}",
                    c.at.format("%Y-%m-%d %H:%M"),
                    c.by,
                    c.what,
                    c.new
                ),
                w,
            ),
            t.muted,
        ));
    }
    team_lines(state, w, &mut lines, &mut sel_line);
    // Past the height: scroll the body so the selected row shows; the editor stays on top.
    let height = area.height as usize;
    if lines.len() > height && sel_line + 2 > height {
        let skip = (sel_line + 3)
            .saturating_sub(height)
            .min(lines.len() - pinned);
        lines.drain(pinned..pinned + skip);
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// Reps, campaigns and exit reasons: one line each, under their section's heading.
fn team_lines(state: &State, w: usize, lines: &mut Vec<Line<'static>>, sel_line: &mut usize) {
    let t = &state.ctx.theme;
    let s = &state.settings;
    let current = s.current();
    let mut row = |lines: &mut Vec<Line<'static>>, sel: bool, body: String| {
        if sel {
            *sel_line = lines.len();
        }
        lines.push(Line::from(vec![
            Span::raw(if sel { " ▶ " } else { "   " }),
            Span::styled(
                text::fit(&body, w.saturating_sub(3)),
                if sel { t.selected } else { t.card },
            ),
        ]));
    };
    lines.push(Line::from(""));
    lines.push(Line::styled(
        text::fit(
            " Reps (Enter edits or adds · a rep who left keeps their history)",
            w,
        ),
        t.header,
    ));
    for (i, r) in s.reps.iter().enumerate() {
        let left = r
            .active_to
            .map_or(String::new(), |d| format!(" · left {d}"));
        row(
            lines,
            current == Some(Setting::Rep(i)),
            format!(
                "{:<16} {:<24} {:<10} from {}{left}",
                text::fit(&r.handle, 16),
                text::fit(&r.name, 24),
                r.team.as_str(),
                r.active_from
            ),
        );
    }
    row(
        lines,
        current == Some(Setting::Rep(s.reps.len())),
        "+ add a rep".into(),
    );
    lines.push(Line::from(""));
    lines.push(Line::styled(
        text::fit(
            " Campaigns (Enter edits or adds · their figures: funnel view, 4)",
            w,
        ),
        t.header,
    ));
    for (i, c) in s.campaigns.iter().enumerate() {
        let dates = match (c.starts_on, c.ends_on) {
            (None, None) => String::new(),
            (a, b) => format!(
                " · {} – {}",
                a.map_or("?".into(), |d| d.to_string()),
                b.map_or("…".into(), |d| d.to_string())
            ),
        };
        row(
            lines,
            current == Some(Setting::Campaign(i)),
            format!(
                "{:<28} {:<14} {:>12}{dates}",
                text::fit(&c.name, 28),
                text::fit(&c.source, 14),
                c.cost.map_or("cost unknown".into(), |m| m.to_string())
            ),
        );
    }
    row(
        lines,
        current == Some(Setting::Campaign(s.campaigns.len())),
        "+ add a campaign".into(),
    );
    lines.push(Line::from(""));
    lines.push(Line::styled(
        text::fit(
            " Exit reasons (a or Enter on + adds · d removes; past moves keep theirs)",
            w,
        ),
        t.header,
    ));
    for (i, (k, r)) in s.reasons.iter().enumerate() {
        row(
            lines,
            current == Some(Setting::Reason(i)),
            format!("{:<13} {}", k.as_str(), text::clean(r)),
        );
    }
    row(
        lines,
        current == Some(Setting::Reason(s.reasons.len())),
        "+ add a reason".into(),
    );
}

/// The editor's prompt (what is typed, how to save) or a pending funnel change's question.
fn editor_lines(state: &State, w: usize, lines: &mut Vec<Line<'static>>) {
    let t = &state.ctx.theme;
    let s = &state.settings;
    if let Some(p) = &s.pending {
        lines.push(Line::styled(
            text::fit(&format!(" {}", p.prompt), w),
            t.warn,
        ));
        lines.push(Line::from(""));
        return;
    }
    let Some(e) = &s.editing else {
        return;
    };
    lines.push(Line::styled(
        text::fit(
            &format!(
                " Editing {}: Enter saves, Esc cancels, Ctrl-u clears",
                describe(s, e.setting)
            ),
            w,
        ),
        t.header,
    ));
    let hint = if e.fresh {
        "   (typing replaces it)"
    } else {
        ""
    };
    lines.push(Line::styled(
        text::fit(&format!(" > {}▏{hint}", e.input), w),
        t.selected,
    ));
    if matches!(e.setting, Setting::Sla(_)) {
        lines.push(Line::styled(
            text::fit(
                " A new agreement takes effect now; past periods keep the old one.",
                w,
            ),
            t.muted,
        ));
    }
    lines.push(Line::from(""));
}
