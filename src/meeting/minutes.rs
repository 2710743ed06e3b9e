//! The minutes: decisions made, flags resolved and the scoreboard, as markdown ready to paste
//! into e-mail or chat. Pure: the effect layer writes the file.

use super::decision::{Decision, DecisionKind};
use super::{FlagRef, Gauge, MeetingRecord, Move, Scoreboard, flag_title};
use crate::domain::Timestamp;
use crate::text;
use std::fmt::Write;

pub struct MinutesInput<'a> {
    pub meeting: &'a MeetingRecord,
    /// When the minutes were written (the meeting's end, or "now" for a rerun).
    pub at: Timestamp,
    pub scoreboard: &'a Scoreboard,
    pub decisions: &'a [Decision],
    pub resolved: &'a [FlagRef],
    pub wins: &'a [Move],
}

/// One line of data text: no controls, no line breaks, no markdown table pipes.
fn t(s: &str) -> String {
    text::clean(s).replace('|', "/")
}

fn handle(h: Option<&str>) -> String {
    h.map_or_else(|| "nobody".to_string(), |h| format!("@{}", t(h)))
}

/// `41 of 300 promised, pace 244: behind`
pub fn gauge_line(g: &Gauge, promised: &str) -> String {
    format!(
        "{} of {:.0} {promised}, pace {:.0}: {}",
        g.actual,
        g.target,
        g.pace,
        if g.behind { "behind" } else { "on pace" }
    )
}

pub fn scoreboard_lines(s: &Scoreboard) -> Vec<String> {
    let fc = &s.first_contact;
    let pct = fc
        .met_percent()
        .map_or_else(|| "none due yet".to_string(), |p| format!("{p}% met"));
    vec![
        format!(
            "Leads delivered this month: {}",
            gauge_line(&s.leads_delivered, "promised")
        ),
        format!(
            "Contacts made this week: {}",
            gauge_line(&s.contacts_made, "committed")
        ),
        format!(
            "First contact within {}h: {} met, {} breached ({pct}); {} leads waiting past their window now",
            fc.hours, fc.met, fc.breached, fc.open_breached
        ),
    ]
}

pub fn decision_line(d: &Decision) -> String {
    let what = match d.kind {
        DecisionKind::NextStep => format!(
            "next step: {} · owner {} · due {}",
            t(&d.text),
            handle(d.owner.as_deref()),
            d.due.map_or_else(|| "-".to_string(), |x| x.to_string())
        ),
        DecisionKind::Recycle => format!("recycled: {}", t(&d.text)),
        DecisionKind::Disqualify => format!("disqualified: {}", t(&d.text)),
        DecisionKind::Won => "won".to_string(),
        DecisionKind::Snooze => format!("snoozed: {}", t(&d.text)),
    };
    format!("**{}** (lead {}): {what}", t(&d.lead), d.lead_id)
}

pub fn render(m: &MinutesInput<'_>) -> String {
    let mut out = String::new();
    let day = m.meeting.started_at.format("%Y-%m-%d");
    let _ = writeln!(out, "# Weekly sync {day}\n");
    let _ = writeln!(
        out,
        "Started {} UTC by {}; minutes written {} UTC.\n",
        m.meeting.started_at.format("%Y-%m-%d %H:%M"),
        handle(Some(&m.meeting.started_by)),
        m.at.format("%Y-%m-%d %H:%M")
    );
    let _ = writeln!(out, "## Scoreboard\n");
    for l in scoreboard_lines(m.scoreboard) {
        let _ = writeln!(out, "- {l}");
    }
    let _ = writeln!(out, "\n## Decisions ({})\n", m.decisions.len());
    if m.decisions.is_empty() {
        let _ = writeln!(out, "No decisions were recorded.");
    }
    for d in m.decisions {
        let _ = writeln!(out, "- {}", decision_line(d));
    }
    let _ = writeln!(
        out,
        "\n## Flags resolved since the last meeting ({})\n",
        m.resolved.len()
    );
    if m.resolved.is_empty() {
        let _ = writeln!(out, "None.");
    }
    for f in m.resolved {
        let _ = writeln!(
            out,
            "- {}: {} ({})",
            flag_title(&f.kind),
            t(&f.lead),
            handle(f.owner.as_deref())
        );
    }
    let _ = writeln!(out, "\n## Wins ({})\n", m.wins.len());
    if m.wins.is_empty() {
        let _ = writeln!(out, "None this time.");
    }
    for w in m.wins {
        let _ = writeln!(
            out,
            "- **{}** ({}): {} · marketing {} · sales {}",
            t(&w.lead),
            t(&w.company),
            crate::domain::currency::full(&w.currency, w.value),
            handle(w.qualified_by.as_deref()),
            handle(w.owner.as_deref())
        );
    }
    out
}
