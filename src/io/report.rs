//! The meeting pack as JSON (exact keys scripts rely on) and as Markdown for e-mail or chat.
//! Both are built from the same `metrics::Report`.

use crate::domain::{Money, Timestamp};
use crate::metrics::Report;
use crate::metrics::flags::{Flag, FlagKind};
use crate::metrics::sla::{FirstContact, Gauge};
use crate::text;
use serde::Serialize;
use std::fmt::Write;

/// Rows per flag kind in Markdown; the rest is counted and left to `leadboard flags`.
pub const MARKDOWN_FLAGS_PER_KIND: usize = 10;

fn stamp(t: Timestamp) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn units(m: Money) -> f64 {
    m.cents() as f64 / 100.0
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

#[derive(Serialize)]
struct JStage {
    key: String,
    name: String,
    owner: String,
    count: i64,
    value: f64,
}

#[derive(Serialize)]
struct JGauge {
    actual: i64,
    target: f64,
    pace: f64,
    behind: bool,
}

impl From<&Gauge> for JGauge {
    fn from(g: &Gauge) -> Self {
        JGauge {
            actual: g.actual,
            target: round2(g.target),
            pace: round2(g.pace),
            behind: g.behind,
        }
    }
}

#[derive(Serialize)]
struct JFirst {
    hours: i64,
    met: i64,
    breached: i64,
    open_breached: i64,
}

impl From<&FirstContact> for JFirst {
    fn from(f: &FirstContact) -> Self {
        JFirst {
            hours: f.hours,
            met: f.met,
            breached: f.breached,
            open_breached: f.open_breached,
        }
    }
}

#[derive(Serialize)]
struct JSla {
    leads_delivered: JGauge,
    contacts_made: JGauge,
    first_contact: JFirst,
}

#[derive(Serialize)]
struct JRep {
    handle: Option<String>,
    name: String,
    team: String,
    /// `leads_delivered` (marketing, this month) or `contacts_made` (sales, this ISO week).
    measure: &'static str,
    period: String,
    actual: i64,
    target: f64,
    pace: f64,
    behind: bool,
    history: Vec<i64>,
    first_contact: Option<JFirst>,
}

#[derive(Serialize)]
struct JFlag {
    kind: &'static str,
    lead_id: Option<i64>,
    lead: String,
    owner: Option<String>,
    since: String,
}

#[derive(Serialize)]
struct JStep {
    from: String,
    to: String,
    conversion: Option<f64>,
}

#[derive(Serialize)]
struct JCampaign {
    name: String,
    source: String,
    leads: i64,
    delivered: i64,
    won: i64,
    won_value: f64,
    cost: Option<f64>,
    cost_per_lead: Option<f64>,
    cost_per_won: Option<f64>,
}

#[derive(Serialize)]
struct JReport {
    as_of: String,
    stages: Vec<JStage>,
    sla: JSla,
    reps: Vec<JRep>,
    red_flags: Vec<JFlag>,
    funnel: Vec<JStep>,
    campaigns: Vec<JCampaign>,
}

fn jflag(f: &Flag) -> JFlag {
    JFlag {
        kind: f.kind.as_str(),
        lead_id: f.lead_id,
        lead: f.lead.clone(),
        owner: f.owner.clone(),
        since: stamp(f.since),
    }
}

pub fn json(r: &Report) -> String {
    let month = r
        .sla
        .months
        .last()
        .map(|p| p.label.clone())
        .unwrap_or_default();
    let week = r
        .sla
        .weeks
        .last()
        .map(|p| p.label.clone())
        .unwrap_or_default();
    let out = JReport {
        as_of: stamp(r.as_of),
        stages: r
            .stages
            .iter()
            .map(|s| JStage {
                key: s.key.clone(),
                name: s.name.clone(),
                owner: s.owner.as_str().into(),
                count: s.count,
                value: units(s.value),
            })
            .collect(),
        sla: JSla {
            leads_delivered: (&r.sla.leads_delivered).into(),
            contacts_made: (&r.sla.contacts_made).into(),
            first_contact: (&r.sla.first_contact).into(),
        },
        reps: r
            .sla
            .reps
            .iter()
            .map(|p| {
                let sales = p.team == crate::domain::Team::Sales;
                JRep {
                    handle: p.handle.clone(),
                    name: p.name.clone(),
                    team: p.team.as_str().into(),
                    measure: if sales {
                        "contacts_made"
                    } else {
                        "leads_delivered"
                    },
                    period: if sales { week.clone() } else { month.clone() },
                    actual: p.gauge.actual,
                    target: round2(p.gauge.target),
                    pace: round2(p.gauge.pace),
                    behind: p.gauge.behind,
                    history: p.history.clone(),
                    first_contact: p.first_contact.as_ref().map(Into::into),
                }
            })
            .collect(),
        red_flags: r.flags.iter().map(jflag).collect(),
        funnel: r
            .funnel
            .steps
            .iter()
            .map(|s| JStep {
                from: s.from.clone(),
                to: s.to.clone(),
                conversion: s.conversion.map(|c| (c * 10_000.0).round() / 10_000.0),
            })
            .collect(),
        campaigns: r
            .funnel
            .campaigns
            .iter()
            .map(|c| JCampaign {
                name: c.name.clone(),
                source: c.source.clone(),
                leads: c.leads,
                delivered: c.delivered,
                won: c.won,
                won_value: units(c.won_value),
                cost: c.cost.map(units),
                cost_per_lead: c.cost_per_lead.map(units),
                cost_per_won: c.cost_per_won.map(units),
            })
            .collect(),
    };
    serde_json::to_string_pretty(&out).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// The red flags alone, as JSON.
pub fn flags_json(flags: &[Flag]) -> String {
    let v: Vec<JFlag> = flags.iter().map(jflag).collect();
    serde_json::to_string_pretty(&v).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// The red flags alone, one tab-separated line each: kind, lead id, lead, owner, since, detail.
pub fn flags_text(flags: &[Flag]) -> String {
    let mut out = String::from("kind\tlead_id\tlead\towner\tsince\tdetail\n");
    for f in flags {
        let cell = |s: &str| text::clean(s).replace('\t', " ");
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}",
            f.kind.as_str(),
            f.lead_id.map(|i| i.to_string()).unwrap_or_default(),
            cell(&f.lead),
            cell(f.owner.as_deref().unwrap_or("")),
            stamp(f.since),
            cell(&f.detail)
        );
    }
    out
}

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
    if g.behind { "**behind**" } else { "on pace" }
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
            "| {} | {} | {} | {} |",
            md(&s.name),
            s.owner,
            s.count,
            s.value
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
        "\nFirst contact within {} h, deliveries of {month}: **{} met**, **{} breached**, **{} still open past the window** ({} still within it).",
        f.hours, f.met, f.breached, f.open_breached, f.pending
    );
    o.push_str("\n## Reps\n\n| Rep | Team | Measure | Actual | Target | Pace | Status | First contact met / breached / open past |\n|---|---|---|---:|---:|---:|---|---|\n");
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
        for f in of.iter().take(MARKDOWN_FLAGS_PER_KIND) {
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
        if of.len() > MARKDOWN_FLAGS_PER_KIND {
            let _ = writeln!(
                o,
                "\n…and {} more (`leadboard flags` lists them all).",
                of.len() - MARKDOWN_FLAGS_PER_KIND
            );
        }
        o.push('\n');
    }
    let fu = &r.funnel;
    let _ = writeln!(
        o,
        "## Funnel ({} leads)\n\n| From | To | Reached from | Reached to | Conversion |\n|---|---|---:|---:|---:|",
        fu.leads
    );
    for s in &fu.steps {
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} | {} |",
            md(&s.from),
            md(&s.to),
            s.from_count,
            s.to_count,
            pct(s.conversion)
        );
    }
    let (h_from, h_to) = fu
        .handoff
        .clone()
        .unwrap_or_else(|| ("hand-off".into(), "next".into()));
    let _ = writeln!(
        o,
        "\n{}→{}: **{}** · win rate (won ÷ won + lost): **{}** ({} won, {} lost, {} won)\n",
        md(&h_from),
        md(&h_to),
        pct(fu.mql_to_sql),
        pct(fu.win_rate),
        fu.won,
        fu.lost,
        fu.won_value
    );
    o.push_str("| Stage | Median time in stage | Completed stays |\n|---|---:|---:|\n");
    for t in &fu.times {
        let med = t
            .median_hours
            .map_or("–".into(), |h| format!("{:.1} d", h as f64 / 24.0));
        let _ = writeln!(o, "| {} | {med} | {} |", md(&t.name), t.stays);
    }
    o.push_str("\n## Campaigns\n\n| Campaign | Source | Leads | Delivered | MQL→SQL | Won | Win rate | Cost | Cost per lead | Cost per won deal |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for c in &fu.campaigns {
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            md(&c.name),
            md(&c.source),
            c.leads,
            c.delivered,
            pct(c.mql_to_sql),
            c.won,
            pct(c.win_rate),
            money(c.cost),
            money(c.cost_per_lead),
            money(c.cost_per_won)
        );
    }
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
