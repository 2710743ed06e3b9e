//! The funnel: stage-to-stage conversion, median time in stage, MQL→SQL, win rate, and the
//! same per campaign and per source with cost per lead and per won deal.
//!
//! Cumulative: a lead "reached" a stage when its history touched that stage or any later
//! open or won stage, so a lead created straight into MQL still counts as having passed New
//! and Engaged. A lead that left through an exit counts up to the furthest stage it was in;
//! one whose history names none (an imported deal that arrived closed) up to the entry stage
//! its import recorded, else the first stage — never nowhere. So the header's total is the
//! first step's `entered`, and each step's `converted` is the next one's `entered`.

use crate::domain::currency::OtherCurrencies;
use crate::domain::facts::{BounceRow, FunnelRow, StayBucket};
use crate::domain::{Campaign, Money, Stage, StageKind};
use serde::Serialize;
use std::collections::BTreeMap;

/// One step of the cumulative funnel: of the leads that reached `from`, how many went on to
/// reach `to`. A step's `converted` is the next step's `entered`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    pub from: String,
    pub to: String,
    pub entered: i64,
    /// Of `entered`, how many entered the funnel at `from` itself (created there): leads
    /// that skipped the stages before it, e.g. deals imported straight into sales' stages.
    pub direct: i64,
    pub converted: i64,
    /// `converted / entered`; `None` when nobody reached `from`.
    pub conversion: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageTime {
    pub stage: String,
    pub name: String,
    /// Lower median of completed stays, in whole hours.
    pub median_hours: Option<i64>,
    pub stays: i64,
}

/// One campaign or source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Segment {
    pub name: String,
    pub source: String,
    pub leads: i64,
    /// Reached the hand-off stage.
    pub delivered: i64,
    /// Reached the stage after hand-off.
    pub accepted: i64,
    pub won: i64,
    pub lost: i64,
    /// In the team's currency: deals in another are in `won_value_other`, never added.
    pub won_value: Money,
    #[serde(skip_serializing_if = "OtherCurrencies::is_empty")]
    pub won_value_other: OtherCurrencies,
    pub cost: Option<Money>,
    pub cost_per_lead: Option<Money>,
    pub cost_per_won: Option<Money>,
    /// Won value ÷ cost, both in the team's currency (deals won in another currency are not
    /// in it): 3.0 means every dollar spent brought three back.
    pub return_on_cost: Option<f64>,
    pub mql_to_sql: Option<f64>,
    pub win_rate: Option<f64>,
    /// Leads that bounced, by kind and reason, most first (campaigns only).
    pub bounces: Vec<Bounce>,
}

impl Segment {
    /// How many of the campaign's leads bounced, and how many for each reason (an empty
    /// reason is named), most first: what the report and the funnel view print.
    pub fn bounced(&self) -> (i64, Vec<(i64, &str, StageKind)>) {
        let total = self.bounces.iter().map(|b| b.leads).sum();
        let items = self
            .bounces
            .iter()
            .map(|b| {
                let reason = if b.reason.is_empty() {
                    "no reason given"
                } else {
                    b.reason.as_str()
                };
                (b.leads, reason, b.kind)
            })
            .collect();
        (total, items)
    }
}

/// Of a campaign's leads, how many were disqualified or recycled for this reason.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bounce {
    pub kind: StageKind,
    pub reason: String,
    pub leads: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Funnel {
    pub leads: i64,
    pub steps: Vec<Step>,
    pub times: Vec<StageTime>,
    /// Names of the hand-off stage and the one after it, e.g. ("MQL", "SQL").
    pub handoff: Option<(String, String)>,
    pub mql_to_sql: Option<f64>,
    /// Won ÷ (won + lost), by the stage leads are in now.
    pub win_rate: Option<f64>,
    pub won: i64,
    pub lost: i64,
    /// In the team's currency; other currencies apart in `won_value_other`.
    pub won_value: Money,
    #[serde(skip_serializing_if = "OtherCurrencies::is_empty")]
    pub won_value_other: OtherCurrencies,
    pub campaigns: Vec<Segment>,
    pub sources: Vec<Segment>,
}

pub fn ratio(num: i64, den: i64) -> Option<f64> {
    (den > 0).then(|| num as f64 / den as f64)
}

/// Open stages in order, then the won stage(s): the path a lead travels.
fn ladder(stages: &[Stage]) -> Vec<&Stage> {
    let mut open: Vec<&Stage> = stages.iter().filter(|s| s.is_open()).collect();
    open.sort_by_key(|s| s.position);
    let mut won: Vec<&Stage> = stages.iter().filter(|s| s.kind == StageKind::Won).collect();
    won.sort_by_key(|s| s.position);
    open.extend(won);
    open
}

#[derive(Default)]
struct Tally {
    leads: i64,
    /// Leads whose furthest stage is at ladder index i.
    furthest: Vec<i64>,
    won: i64,
    lost: i64,
    won_value: Money,
    won_other: OtherCurrencies,
}

impl Tally {
    fn add(&mut self, row: &FunnelRow, idx: Option<usize>, n: usize) {
        self.furthest.resize(n, 0);
        self.leads += row.leads;
        // Every lead counts somewhere: one whose history names no open or won stage, and for
        // which the import recorded no entry stage, counts in the first stage only.
        if n > 0 {
            self.furthest[idx.unwrap_or(0)] += row.leads;
        }
        match row.current {
            StageKind::Won => {
                self.won += row.leads;
                if row.currency.is_empty() {
                    self.won_value = Money(self.won_value.0 + row.value.0);
                } else {
                    self.won_other.add(&row.currency, row.value);
                }
            }
            StageKind::Lost => self.lost += row.leads,
            _ => {}
        }
    }

    /// Leads that reached ladder index i or beyond.
    fn reached(&self, i: usize) -> i64 {
        self.furthest.iter().skip(i).sum()
    }
}

fn per(cost: Option<Money>, n: i64) -> Option<Money> {
    cost.filter(|_| n > 0).map(|c| Money(c.0 / n))
}

pub fn compute(
    stages: &[Stage],
    rows: &[FunnelRow],
    direct: &[(String, i64)],
    stays: &[StayBucket],
    campaigns: &[Campaign],
    bounces: &[BounceRow],
) -> Funnel {
    let lad = ladder(stages);
    let n = lad.len();
    let index = |key: &Option<String>| {
        key.as_ref()
            .and_then(|k| lad.iter().position(|s| &s.key == k))
    };
    let handoff = lad.iter().position(|s| s.is_handoff && s.is_open());
    let mut total = Tally::default();
    let mut by_campaign: BTreeMap<String, Tally> = BTreeMap::new();
    let mut by_source: BTreeMap<String, Tally> = BTreeMap::new();
    for r in rows {
        let idx = index(&r.furthest);
        total.add(r, idx, n);
        if let Some(c) = &r.campaign {
            by_campaign.entry(c.clone()).or_default().add(r, idx, n);
        }
        by_source
            .entry(r.source.clone())
            .or_default()
            .add(r, idx, n);
    }
    total.furthest.resize(n, 0);
    let hand = |t: &Tally| -> (i64, i64) {
        handoff.map_or((0, 0), |h| {
            (t.reached(h), if h + 1 < n { t.reached(h + 1) } else { 0 })
        })
    };
    let segment = |name: &str, source: &str, t: &Tally, cost: Option<Money>| {
        let (delivered, accepted) = hand(t);
        Segment {
            name: name.to_string(),
            source: source.to_string(),
            leads: t.leads,
            delivered,
            accepted,
            won: t.won,
            lost: t.lost,
            won_value: t.won_value,
            won_value_other: t.won_other.clone(),
            cost,
            cost_per_lead: per(cost, t.leads),
            cost_per_won: per(cost, t.won),
            return_on_cost: cost
                .filter(|c| c.cents() > 0)
                .map(|c| t.won_value.cents() as f64 / c.cents() as f64),
            mql_to_sql: ratio(accepted, delivered),
            win_rate: ratio(t.won, t.won + t.lost),
            bounces: Vec::new(),
        }
    };
    let empty = Tally::default();
    let campaigns_out = campaigns
        .iter()
        .map(|c| Segment {
            bounces: bounces
                .iter()
                .filter(|b| b.campaign == c.name)
                .map(|b| Bounce {
                    kind: b.kind,
                    reason: b.reason.clone(),
                    leads: b.leads,
                })
                .collect(),
            ..segment(
                &c.name,
                &c.source,
                by_campaign.get(&c.name).unwrap_or(&empty),
                c.cost,
            )
        })
        .collect();
    let sources = by_source
        .iter()
        .map(|(s, t)| segment(s, s, t, None))
        .collect();
    let steps = lad
        .windows(2)
        .enumerate()
        .map(|(i, w)| {
            let (a, b) = (total.reached(i), total.reached(i + 1));
            Step {
                from: w[0].name.clone(),
                to: w[1].name.clone(),
                entered: a,
                direct: direct
                    .iter()
                    .filter(|(k, _)| *k == w[0].key)
                    .map(|(_, n)| n)
                    .sum(),
                converted: b,
                conversion: ratio(b, a),
            }
        })
        .collect();
    let times = lad
        .iter()
        .filter(|s| s.is_open())
        .map(|s| {
            let mut buckets: Vec<(i64, i64)> = stays
                .iter()
                .filter(|b| b.stage == s.key)
                .map(|b| (b.hours, b.count.max(0)))
                .collect();
            buckets.sort();
            let count: i64 = buckets.iter().map(|b| b.1).sum();
            StageTime {
                stage: s.key.clone(),
                name: s.name.clone(),
                median_hours: lower_median(&buckets, count),
                stays: count,
            }
        })
        .collect();
    let (delivered, accepted) = hand(&total);
    Funnel {
        leads: total.leads,
        steps,
        times,
        handoff: handoff
            .filter(|h| h + 1 < n)
            .map(|h| (lad[h].name.clone(), lad[h + 1].name.clone())),
        mql_to_sql: ratio(accepted, delivered),
        win_rate: ratio(total.won, total.won + total.lost),
        won: total.won,
        lost: total.lost,
        won_value: total.won_value,
        won_value_other: total.won_other.clone(),
        campaigns: campaigns_out,
        sources,
    }
}

/// The value at position ⌈count/2⌉ of sorted (value, how many) buckets.
fn lower_median(sorted: &[(i64, i64)], count: i64) -> Option<i64> {
    if count == 0 {
        return None;
    }
    let middle = (count + 1) / 2;
    let mut seen = 0;
    for (v, k) in sorted {
        seen += k;
        if seen >= middle {
            return Some(*v);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_median_of_buckets() {
        // Values 1, 1, 5, 9: the second of four is 1.
        assert_eq!(lower_median(&[(1, 2), (5, 1), (9, 1)], 4), Some(1));
        // Values 1, 5, 9: the second of three is 5.
        assert_eq!(lower_median(&[(1, 1), (5, 1), (9, 1)], 3), Some(5));
        assert_eq!(lower_median(&[], 0), None);
    }

    #[test]
    fn ratios_need_a_denominator() {
        assert_eq!(ratio(1, 4), Some(0.25));
        assert_eq!(ratio(3, 0), None);
    }
}
