//! The meeting pack as JSON (exact keys scripts rely on) and as Markdown for e-mail or chat.
//! Both are built from the same `metrics::Report`.

pub use super::markdown::{markdown, pct};
use crate::domain::{Money, Timestamp};
use crate::metrics::Report;
use crate::metrics::flags::Flag;
use crate::metrics::sla::{FirstContact, Gauge};
use crate::text;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write;

pub(super) fn stamp(t: Timestamp) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn units(m: Money) -> f64 {
    m.cents() as f64 / 100.0
}

fn other_units(o: &crate::domain::currency::OtherCurrencies) -> BTreeMap<String, f64> {
    o.0.iter()
        .filter(|(_, m)| m.cents() != 0)
        .map(|(c, m)| (c.clone(), units(*m)))
        .collect()
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
    /// In the team's currency.
    value: f64,
    /// Value in each other currency, never added to `value` (absent when there is none).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    value_other_currencies: BTreeMap<String, f64>,
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
    pending: i64,
    met_percent: Option<i64>,
}

impl From<&FirstContact> for JFirst {
    fn from(f: &FirstContact) -> Self {
        JFirst {
            hours: f.hours,
            met: f.met,
            breached: f.breached,
            open_breached: f.open_breached,
            pending: f.pending,
            met_percent: f.met_percent(),
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
    entered: i64,
    entered_directly: i64,
    converted: i64,
    conversion: Option<f64>,
}

#[derive(Serialize)]
struct JCampaign {
    name: String,
    source: String,
    leads: i64,
    /// Reached the hand-off stage (MQL).
    delivered: i64,
    /// Reached the stage after hand-off (SQL).
    accepted: i64,
    won: i64,
    /// In the team's currency, as `cost`: `return_on_cost` is their ratio.
    won_value: f64,
    /// Won value in each other currency, never added to `won_value` (absent when none).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    won_value_other_currencies: BTreeMap<String, f64>,
    cost: Option<f64>,
    cost_per_lead: Option<f64>,
    cost_per_won: Option<f64>,
    /// Won value ÷ cost.
    return_on_cost: Option<f64>,
    bounces: Vec<JBounce>,
}

#[derive(Serialize)]
struct JSnoozed {
    kind: &'static str,
    lead_id: i64,
    lead: String,
    owner: Option<String>,
    until: String,
    reason: String,
    by: String,
    at: String,
}

#[derive(Serialize)]
struct JBounce {
    kind: &'static str,
    reason: String,
    leads: i64,
}

#[derive(Serialize)]
struct JReport {
    as_of: String,
    stages: Vec<JStage>,
    sla: JSla,
    reps: Vec<JRep>,
    red_flags: Vec<JFlag>,
    /// Flags acknowledged until a date (out of red_flags).
    snoozed: Vec<JSnoozed>,
    funnel: Vec<JStep>,
    /// The funnel counts leads created from here (`null`: every lead up to `as_of`).
    funnel_since: Option<String>,
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
                value_other_currencies: other_units(&s.other),
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
        snoozed: r
            .snoozed
            .iter()
            .map(|(f, s)| JSnoozed {
                kind: f.kind.as_str(),
                lead_id: s.lead_id,
                lead: f.lead.clone(),
                owner: f.owner.clone(),
                until: s.until.to_string(),
                reason: s.reason.clone(),
                by: s.by.clone(),
                at: stamp(s.at),
            })
            .collect(),
        funnel_since: r
            .funnel_since
            .map(|s| s.format("%Y-%m-%dT%H:%M:%SZ").to_string()),
        funnel: r
            .funnel
            .steps
            .iter()
            .map(|s| JStep {
                from: s.from.clone(),
                to: s.to.clone(),
                entered: s.entered,
                entered_directly: s.direct,
                converted: s.converted,
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
                won_value_other_currencies: other_units(&c.won_value_other),
                cost: c.cost.map(units),
                cost_per_lead: c.cost_per_lead.map(units),
                cost_per_won: c.cost_per_won.map(units),
                accepted: c.accepted,
                return_on_cost: c.return_on_cost.map(round2),
                bounces: c
                    .bounces
                    .iter()
                    .map(|b| JBounce {
                        kind: b.kind.as_str(),
                        reason: b.reason.clone(),
                        leads: b.leads,
                    })
                    .collect(),
            })
            .collect(),
    };
    super::json::to_string_pretty(&out).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// The red flags alone, as JSON.
pub fn flags_json(flags: &[Flag]) -> String {
    let v: Vec<JFlag> = flags.iter().map(jflag).collect();
    super::json::to_string_pretty(&v).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
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
