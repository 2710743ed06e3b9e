//! "Since last meeting": what changed between the previous meeting and this one, so the
//! discussion starts from the change and not from the whole pipeline.

use super::{FlagRef, MeetingRecord, Move, Scoreboard};
use crate::domain::currency::OtherCurrencies;
use crate::domain::{LeadId, Money, Stage, StageKind, Timestamp};
use chrono::Duration;
use std::collections::{BTreeSet, HashSet};

/// Without an earlier meeting, the section looks back this far.
pub const DEFAULT_LOOKBACK_DAYS: i64 = 7;

/// How many leads entered one stage in the window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageCount {
    pub stage: String,
    pub name: String,
    pub count: i64,
}

/// The scoreboard then and now.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Trend {
    pub then: Scoreboard,
    pub now: Scoreboard,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SinceLast {
    /// Start of the window: the previous meeting's start, or `DEFAULT_LOOKBACK_DAYS` ago.
    pub since: Timestamp,
    /// The previous meeting, when there was one.
    pub previous: Option<i64>,
    pub new_leads: i64,
    /// Moves into each stage (creations excluded), in funnel order.
    pub moves: Vec<StageCount>,
    pub won: i64,
    /// In the team's currency; deals won in another one are in `won_value_other`.
    pub won_value: Money,
    pub won_value_other: OtherCurrencies,
    pub lost: i64,
    pub disqualified: i64,
    pub recycled: i64,
    /// Flags open now that were not open when the previous meeting started.
    pub flags_opened: Vec<FlagRef>,
    /// Flags open at the previous meeting's start that are gone now.
    pub flags_resolved: Vec<FlagRef>,
    pub trend: Option<Trend>,
}

/// Where the window starts: the previous meeting, else a week before `now`.
pub fn window_start(previous: Option<&MeetingRecord>, now: Timestamp) -> Timestamp {
    previous.map_or(now - Duration::days(DEFAULT_LOOKBACK_DAYS), |m| {
        m.started_at
    })
}

/// Leads that entered a stage of `kind` in the window, each once.
fn entered_kind<'a>(moves: &'a [Move], stages: &[Stage], kind: StageKind) -> Vec<&'a Move> {
    let keys: HashSet<&str> = stages
        .iter()
        .filter(|s| s.kind == kind)
        .map(|s| s.key.as_str())
        .collect();
    let mut seen = HashSet::new();
    moves
        .iter()
        .filter(|m| m.from.is_some() && keys.contains(m.to.as_str()))
        .filter(|m| seen.insert(m.lead_id))
        .collect()
}

/// Leads won in the window (each once, first win first), for the wins section.
pub fn wins<'a>(moves: &'a [Move], stages: &[Stage]) -> Vec<&'a Move> {
    entered_kind(moves, stages, StageKind::Won)
}

/// `moves` are the stage events in `[window_start, now]`; `current` the flags open now.
pub fn since_last(
    previous: Option<&MeetingRecord>,
    now: Timestamp,
    moves: &[Move],
    stages: &[Stage],
    current: &[FlagRef],
    scoreboard: &Scoreboard,
) -> SinceLast {
    let since = window_start(previous, now);
    let moves: Vec<Move> = moves
        .iter()
        .filter(|m| m.at >= since && m.at <= now)
        .cloned()
        .collect();
    let mut per_stage: Vec<StageCount> = Vec::new();
    let mut ordered: Vec<&Stage> = stages.iter().collect();
    ordered.sort_by_key(|s| s.position);
    for s in ordered {
        let count = moves
            .iter()
            .filter(|m| m.from.is_some() && m.to == s.key)
            .count() as i64;
        if count > 0 {
            per_stage.push(StageCount {
                stage: s.key.clone(),
                name: s.name.clone(),
                count,
            });
        }
    }
    let won = entered_kind(&moves, stages, StageKind::Won);
    let (flags_opened, flags_resolved) = match previous {
        Some(p) => {
            let then: BTreeSet<(String, Option<LeadId>)> =
                p.flags.iter().map(FlagRef::key).collect();
            let open: BTreeSet<(String, Option<LeadId>)> =
                current.iter().map(FlagRef::key).collect();
            (
                current
                    .iter()
                    .filter(|f| !then.contains(&f.key()))
                    .cloned()
                    .collect(),
                p.flags
                    .iter()
                    .filter(|f| !open.contains(&f.key()))
                    .cloned()
                    .collect(),
            )
        }
        // No snapshot to compare with: what went up in the window, and nothing known resolved.
        None => (
            current
                .iter()
                .filter(|f| f.since >= since)
                .cloned()
                .collect(),
            Vec::new(),
        ),
    };
    SinceLast {
        since,
        previous: previous.map(|p| p.id),
        new_leads: moves.iter().filter(|m| m.from.is_none()).count() as i64,
        moves: per_stage,
        won: won.len() as i64,
        won_value: Money(
            won.iter()
                .filter(|m| m.currency.is_empty())
                .map(|m| m.value.cents())
                .sum(),
        ),
        won_value_other: {
            let mut o = OtherCurrencies::default();
            for m in won.iter().filter(|m| !m.currency.is_empty()) {
                o.add(&m.currency, m.value);
            }
            o
        },
        lost: entered_kind(&moves, stages, StageKind::Lost).len() as i64,
        disqualified: entered_kind(&moves, stages, StageKind::Disqualified).len() as i64,
        recycled: entered_kind(&moves, stages, StageKind::Recycled).len() as i64,
        flags_opened,
        flags_resolved,
        trend: previous.map(|p| Trend {
            then: p.scoreboard,
            now: *scoreboard,
        }),
    }
}
