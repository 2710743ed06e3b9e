//! The meeting pack as Markdown, for e-mail or chat: the same numbers as the JSON.

use crate::domain::Money;
use crate::metrics::Report;
use crate::metrics::flags::{Flag, FlagKind};
use crate::metrics::sla::Gauge;
use crate::text;
use std::fmt::Write;

/// Rows per flag kind; the rest is counted and left to `leadboard flags`.
pub const FLAGS_PER_KIND: usize = 10;

/// A table cell: one clean line with pipes escaped.
fn md(s: &str) -> String {
    text::clean(s).replace('|', "\\|")
}

pub fn pct(x: Option<f64>) -> String {
    x.map_or("–".into(), |v| format!("{:.1}%", v * 100.0))
}

fn money(m: Option<Money>) -> String {
    m.map_or("–".into(), |m| m.to_string())
}

fn status(g: &Gauge) -> &'static str {
    if g.behind { "**behind**" } else { g.verdict() }
}

pub fn markdown(r: &Report) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "# Meeting pack, as of {}\n",
        r.as_of.format("%Y-%m-%d %H:%M UTC")
    );
    o.push_str("## Stages\n\n| Stage | Owner | Leads | Value |\n|---|---|---:|---:|\n");
    for s in &r.stages {
        let _ = writeln!(
            o,
            "| {} | {} | {} | {}{} |",
            md(&s.name),
            s.owner,
            s.count,
            s.value,
            s.other.plus_full()
        );
    }
    let month = r.sla.months.last().map(|p| p.label.as_str()).unwrap_or("");
    let week = r.sla.weeks.last().map(|p| p.label.as_str()).unwrap_or("");
    o.push_str("\n## SLA\n\n| Gauge | Period | Actual | Target | Pace | Status |\n|---|---|---:|---:|---:|---|\n");
    for (name, p, g) in [
        ("Leads delivered", month, &r.sla.leads_delivered),
        ("Contacts made", week, &r.sla.contacts_made),
    ] {
        let _ = writeln!(
            o,
            "| {name} | {p} | {} | {:.1} | {:.1} | {} |",
            g.actual,
            g.target,
            g.pace,
            status(g)
        );
    }
    let f = &r.sla.first_contact;
    let _ = writeln!(
        o,
        "\nFirst contact within {} h, deliveries of {month}: **{} met**, **{} breached** (late or never), {} still within it. \
         **{} leads waiting past their window now**, whatever their delivery date (the `uncontacted` red flags).",
        f.hours, f.met, f.breached, f.pending, f.open_breached
    );
    o.push_str("\n## Reps\n\n| Rep | Team | Measure | Actual | Target | Pace | Status | First contact met / breached / waiting now |\n|---|---|---|---:|---:|---:|---|---|\n");
    for p in &r.sla.reps {
        let measure = if p.team == crate::domain::Team::Sales {
            format!("contacts {week}")
        } else {
            format!("leads {month}")
        };
        let fc = p.first_contact.map_or("–".into(), |f| {
            format!("{} / {} / {}", f.met, f.breached, f.open_breached)
        });
        let who = p
            .handle
            .as_deref()
            .map_or(p.name.clone(), |h| format!("{} (@{h})", p.name));
        let _ = writeln!(
            o,
            "| {} | {} | {measure} | {} | {:.1} | {:.1} | {} | {fc} |",
            md(&who),
            p.team,
            p.gauge.actual,
            p.gauge.target,
            p.gauge.pace,
            status(&p.gauge)
        );
    }
    let _ = writeln!(o, "\n## Red flags ({})\n", r.flags.len());
    if r.flags.is_empty() {
        o.push_str("None.\n");
    }
    for kind in FlagKind::ALL {
        let of: Vec<&Flag> = r.flags.iter().filter(|f| f.kind == kind).collect();
        if of.is_empty() {
            continue;
        }
        let _ = writeln!(
            o,
            "### {} ({})\n\n| Lead | Owner | Since | Detail |\n|---|---|---|---|",
            kind.title(),
            of.len()
        );
        for f in of.iter().take(FLAGS_PER_KIND) {
            let lead = f
                .lead_id
                .map_or(md(&f.lead), |id| format!("#{id} {}", md(&f.lead)));
            let _ = writeln!(
                o,
                "| {lead} | {} | {} | {} |",
                md(f.owner.as_deref().unwrap_or("–")),
                f.since.format("%Y-%m-%d %H:%M"),
                md(&f.detail)
            );
        }
        if of.len() > FLAGS_PER_KIND {
            let _ = writeln!(
                o,
                "\n…and {} more (`leadboard flags` lists them all).",
                of.len() - FLAGS_PER_KIND
            );
        }
        o.push('\n');
    }
    if !r.snoozed.is_empty() {
        let _ = writeln!(
            o,
            "### Snoozed ({}): out of the list until their date or a stage move\n\n| Lead | Flag | Until | Why | By |\n|---|---|---|---|---|",
            r.snoozed.len()
        );
        for (f, s) in &r.snoozed {
            let _ = writeln!(
                o,
                "| #{} {} | {} | {} | {} | {} |",
                s.lead_id,
                md(&f.lead),
                f.kind.title(),
                s.until,
                md(&s.reason),
                md(&s.by)
            );
        }
        o.push('\n');
    }
    let fu = &r.funnel;
    let _ = writeln!(
        o,
        "## Funnel ({} leads{})\n\n| From | To | Entered | Entered directly | Converted | Conversion |\n|---|---|---:|---:|---:|---:|",
        fu.leads,
        r.funnel_since.map_or(String::new(), |s| format!(
            " created since {}",
            s.format("%Y-%m-%d")
        ))
    );
    for s in &fu.steps {
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} | {} | {} |",
            md(&s.from),
            md(&s.to),
            s.entered,
            s.direct,
            s.converted,
            pct(s.conversion)
        );
    }
    let (h_from, h_to) = fu
        .handoff
        .clone()
        .unwrap_or_else(|| ("hand-off".into(), "next".into()));
    let _ = writeln!(
        o,
        "\n{}→{}: **{}** · win rate (won ÷ won + lost): **{}** ({} won, {} lost, {}{} won)\n",
        md(&h_from),
        md(&h_to),
        pct(fu.mql_to_sql),
        pct(fu.win_rate),
        fu.won,
        fu.lost,
        fu.won_value,
        fu.won_value_other.plus_full()
    );
    o.push_str("| Stage | Median time in stage | Completed stays |\n|---|---:|---:|\n");
    for t in &fu.times {
        let med = t
            .median_hours
            .map_or("–".into(), |h| format!("{:.1} d", h as f64 / 24.0));
        let _ = writeln!(o, "| {} | {med} | {} |", md(&t.name), t.stays);
    }
    o.push_str("\n## Campaigns\n\n");
    o.push_str(&campaign_table(fu));
    o.push_str("\n## Sources\n\n| Source | Leads | Delivered | MQL→SQL | Won | Win rate |\n|---|---:|---:|---:|---:|---:|\n");
    for s in &fu.sources {
        let name = if s.name.is_empty() {
            "(none)".to_string()
        } else {
            md(&s.name)
        };
        let _ = writeln!(
            o,
            "| {name} | {} | {} | {} | {} | {} |",
            s.leads,
            s.delivered,
            pct(s.mql_to_sql),
            s.won,
            pct(s.win_rate)
        );
    }
    o
}

/// Per campaign: the funnel it fed, what it cost and returned, and why its leads bounced.
pub fn campaign_table(fu: &crate::metrics::funnel::Funnel) -> String {
    let mut o = String::from(
        "| Campaign | Channel | Leads | MQLs | SQLs | Won | Won value | Cost | Cost per lead | Cost per won deal | Return |\n\
         |---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for c in &fu.campaigns {
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} | {} | {} | {}{} | {} | {} | {} | {} |",
            md(&c.name),
            md(&c.source),
            c.leads,
            c.delivered,
            c.accepted,
            c.won,
            c.won_value,
            c.won_value_other.plus_full(),
            money(c.cost),
            money(c.cost_per_lead),
            money(c.cost_per_won),
            c.return_on_cost.map_or("–".into(), |r| format!("{r:.1}×"))
        );
    }
    let bounced: Vec<_> = fu
        .campaigns
        .iter()
        .filter(|c| !c.bounces.is_empty())
        .collect();
    if !bounced.is_empty() {
        o.push_str("\nWhy leads bounced (latest disqualify or recycle reason):\n\n");
    }
    for c in bounced {
        let (total, items) = c.bounced();
        let parts: Vec<String> = items
            .iter()
            .map(|(n, r, k)| format!("{n} of {total}: {} ({})", md(r), k.as_str()))
            .collect();
        let _ = writeln!(o, "- {}: {}", md(&c.name), parts.join("; "));
    }
    o
}
