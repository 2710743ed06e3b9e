//! A slow reference for the report's figures, written apart from `src/metrics` and the
//! store's kept figures: it reads the raw rows (stage events, activities, agreements) with
//! plain SQL and recomputes each figure the way docs/metrics.md defines it, one lead and one
//! event at a time. The property test compares it with `report --format json`.

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use rusqlite::Connection;
use std::collections::BTreeMap;
use std::path::Path;

type Ts = DateTime<Utc>;

fn ts(s: &str) -> Ts {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

#[derive(Debug)]
struct StageRow {
    key: String,
    kind: String,
    handoff: bool,
}

#[derive(Debug)]
struct Event {
    lead: i64,
    from: Option<String>,
    to: String,
    at: Ts,
}

#[derive(Debug)]
struct Contact {
    lead: i64,
    at: Ts,
}

/// Value in cents per currency: '' (the team's own) always, each other one when not zero.
/// Two currencies are never one number.
pub type Sums = BTreeMap<String, i64>;

fn sums<'a>(values: impl IntoIterator<Item = (&'a str, i64)>) -> Sums {
    let mut out = Sums::from([(String::new(), 0)]);
    for (currency, v) in values {
        *out.entry(currency.to_string()).or_default() += v;
    }
    out.retain(|c, v| c.is_empty() || *v != 0);
    out
}

/// What the reference computes, in the report's terms.
#[derive(Debug, PartialEq)]
pub struct Figures {
    /// (stage key, count, value per currency) for every stage.
    pub stages: Vec<(String, i64, Sums)>,
    pub delivered_this_month: i64,
    pub contacts_this_week: i64,
    /// (met, breached, pending, waiting now).
    pub first_contact: (i64, i64, i64, i64),
    /// (entered, entered directly, converted) per funnel step.
    pub funnel: Vec<(i64, i64, i64)>,
    /// Per campaign: (won, won value in cents, [(kind, reason, leads)] sorted).
    pub campaigns: BTreeMap<String, CampaignFigures>,
}

/// (won, won value per currency, [(kind, reason, leads)] sorted).
pub type CampaignFigures = (i64, Sums, Vec<(String, String, i64)>);

pub fn compute(path: &Path, as_of: Ts) -> Figures {
    let c = Connection::open(path).unwrap();
    let stages: Vec<StageRow> = c
        .prepare("SELECT key, kind, is_handoff FROM stages ORDER BY position")
        .unwrap()
        .query_map([], |r| {
            Ok(StageRow {
                key: r.get(0)?,
                kind: r.get(1)?,
                handoff: r.get::<_, i64>(2)? != 0,
            })
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let stage = |k: &str| stages.iter().find(|s| s.key == k).unwrap();
    let events: Vec<Event> = c
        .prepare("SELECT lead_id, from_stage, to_stage, at FROM stage_events ORDER BY at, id")
        .unwrap()
        .query_map([], |r| {
            Ok(Event {
                lead: r.get(0)?,
                from: r.get(1)?,
                to: r.get(2)?,
                at: ts(&r.get::<_, String>(3)?),
            })
        })
        .unwrap()
        .map(Result::unwrap)
        .filter(|e| e.at <= as_of)
        .collect();
    let contacts: Vec<Contact> = c
        .prepare(
            "SELECT lead_id, at FROM activities WHERE kind <> 'note' AND retracted_by IS NULL \
             ORDER BY at",
        )
        .unwrap()
        .query_map([], |r| {
            Ok(Contact {
                lead: r.get(0)?,
                at: ts(&r.get::<_, String>(1)?),
            })
        })
        .unwrap()
        .map(Result::unwrap)
        .filter(|a| a.at <= as_of)
        .collect();
    // (effective from, hours), oldest first.
    let windows: Vec<(Ts, i64)> = c
        .prepare("SELECT effective_from, first_contact_hours FROM sla_agreements ORDER BY effective_from, id")
        .unwrap()
        .query_map([], |r| Ok((ts(&r.get::<_, String>(0)?), r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let window = |at: Ts| -> i64 {
        windows
            .iter()
            .rev()
            .find(|(from, _)| *from <= at)
            .or(windows.first())
            .map_or(48, |w| w.1)
    };
    // The entry stage is input, not a figure: what an import declared for a deal that
    // arrived closed.
    let leads: Vec<(i64, String, i64, Ts, Option<String>, String)> = c
        .prepare(
            "SELECT id, stage, value_cents, created_at, entry_stage, currency FROM leads ORDER BY id",
        )
        .unwrap()
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                ts(&r.get::<_, String>(3)?),
                r.get(4)?,
                r.get(5)?,
            ))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();

    // Stages: every lead by the stage it is in now.
    let stage_rows = stages
        .iter()
        .map(|s| {
            let mine: Vec<_> = leads.iter().filter(|l| l.1 == s.key).collect();
            (
                s.key.clone(),
                mine.len() as i64,
                sums(mine.iter().map(|l| (l.5.as_str(), l.2))),
            )
        })
        .collect();

    // Deliveries: each entry into a hand-off stage from outside one.
    let is_delivery =
        |e: &Event| stage(&e.to).handoff && e.from.as_deref().is_none_or(|f| !stage(f).handoff);
    let month_start = Utc
        .with_ymd_and_hms(as_of.year(), as_of.month(), 1, 0, 0, 0)
        .unwrap();
    let delivered_this_month = events
        .iter()
        .filter(|e| is_delivery(e) && e.at >= month_start)
        .count() as i64;
    let monday = as_of.date_naive() - Duration::days(as_of.weekday().num_days_from_monday() as i64);
    let week_start = Utc.from_utc_datetime(&monday.and_hms_opt(0, 0, 0).unwrap());
    let contacts_this_week = contacts.iter().filter(|a| a.at >= week_start).count() as i64;

    // First contact of the month's deliveries.
    let (mut met, mut breached, mut pending) = (0, 0, 0);
    for d in events
        .iter()
        .filter(|e| is_delivery(e) && e.at >= month_start)
    {
        let deadline = d.at + Duration::hours(window(d.at));
        let first = contacts
            .iter()
            .filter(|a| a.lead == d.lead && a.at >= d.at)
            .map(|a| a.at)
            .min();
        match first {
            Some(c) if c <= deadline => met += 1,
            Some(_) => breached += 1,
            None if as_of > deadline => breached += 1,
            None => pending += 1,
        }
    }
    // Waiting now: open, delivered (first delivery), never contacted, window over.
    let mut waiting = 0;
    for l in &leads {
        if stage(&l.1).kind != "open" {
            continue;
        }
        let Some(delivered) = events
            .iter()
            .filter(|e| e.lead == l.0 && is_delivery(e))
            .map(|e| e.at)
            .min()
        else {
            continue;
        };
        if contacts.iter().any(|a| a.lead == l.0) {
            continue;
        }
        if delivered + Duration::hours(window(delivered)) < as_of {
            waiting += 1;
        }
    }

    // Funnel: the open stages in order, then won; a lead counts up to the furthest it reached.
    let mut ladder: Vec<&StageRow> = stages.iter().filter(|s| s.kind == "open").collect();
    ladder.extend(stages.iter().filter(|s| s.kind == "won"));
    let mut furthest: BTreeMap<i64, usize> = BTreeMap::new();
    let mut entry: BTreeMap<i64, Option<usize>> = BTreeMap::new();
    for l in leads.iter().filter(|l| l.3 <= as_of) {
        let mine: Vec<&Event> = events.iter().filter(|e| e.lead == l.0).collect();
        let declared =
            l.4.as_ref()
                .and_then(|k| ladder.iter().position(|s| &s.key == k));
        let reached = mine
            .iter()
            .filter_map(|e| ladder.iter().position(|s| s.key == e.to))
            .max()
            .or(declared)
            .unwrap_or(0);
        furthest.insert(l.0, reached);
        // Entered directly: the open or won stage it was created in, else what the import
        // declared.
        let created = mine.iter().find(|e| e.from.is_none());
        entry.insert(
            l.0,
            created
                .and_then(|e| ladder.iter().position(|s| s.key == e.to))
                .or(declared),
        );
    }
    let reached = |i: usize| furthest.values().filter(|f| **f >= i).count() as i64;
    let funnel = (0..ladder.len().saturating_sub(1))
        .map(|i| {
            let direct = entry.values().filter(|e| **e == Some(i)).count() as i64;
            (reached(i), direct, reached(i + 1))
        })
        .collect();
    Figures {
        stages: stage_rows,
        delivered_this_month,
        contacts_this_week,
        first_contact: (met, breached, pending, waiting),
        funnel,
        campaigns: campaigns(&c, &stages, as_of),
    }
}

/// Won deals and bounces per campaign, lead by lead: a lead bounced when its history, up to
/// `as_of`, has a move into a disqualified or recycled stage; its reason is the latest one's.
fn campaigns(c: &Connection, stages: &[StageRow], as_of: Ts) -> BTreeMap<String, CampaignFigures> {
    let kind = |k: &str| {
        stages
            .iter()
            .find(|s| s.key == k)
            .map(|s| s.kind.clone())
            .unwrap()
    };
    type Tally = (i64, Vec<(String, i64)>, BTreeMap<(String, String), i64>);
    let mut out: BTreeMap<String, Tally> = c
        .prepare("SELECT name FROM campaigns")
        .unwrap()
        .query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .map(|n| (n.unwrap(), (0, Vec::new(), BTreeMap::new())))
        .collect();
    type Row = (i64, String, String, i64, String, String);
    let leads: Vec<Row> = c
        .prepare(
            "SELECT l.id, c.name, l.stage, l.value_cents, l.created_at, l.currency FROM leads l \
             JOIN campaigns c ON c.id = l.campaign_id",
        )
        .unwrap()
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for (id, campaign, stage, value, created, currency) in leads {
        if ts(&created) > as_of {
            continue;
        }
        let entry = out.get_mut(&campaign).unwrap();
        if kind(&stage) == "won" {
            entry.0 += 1;
            entry.1.push((currency, value));
        }
        let mut events: Vec<(String, i64, String, String)> = c
            .prepare("SELECT at, id, to_stage, reason FROM stage_events WHERE lead_id = ?1")
            .unwrap()
            .query_map([id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                ))
            })
            .unwrap()
            .map(Result::unwrap)
            .filter(|(at, _, to, _)| {
                ts(at) <= as_of && ["disqualified", "recycled"].contains(&kind(to).as_str())
            })
            .collect();
        events.sort_by_key(|(at, id, _, _)| (ts(at), *id));
        if let Some((_, _, to, reason)) = events.pop() {
            *entry.2.entry((kind(&to), reason)).or_default() += 1;
        }
    }
    out.into_iter()
        .map(|(k, (won, value, b))| {
            (
                k,
                (
                    won,
                    sums(value.iter().map(|(c, v)| (c.as_str(), *v))),
                    b.into_iter().map(|((kind, r), n)| (kind, r, n)).collect(),
                ),
            )
        })
        .collect()
}

/// The same figures read from `report --format json`.
pub fn from_report(v: &serde_json::Value) -> Figures {
    let n = |x: &serde_json::Value| x.as_i64().unwrap();
    let cents = |x: &serde_json::Value| (x.as_f64().unwrap() * 100.0).round() as i64;
    // The team's figure and each other currency's, as the report writes them apart.
    let sums_of = |team: &serde_json::Value, other: &serde_json::Value| -> Sums {
        let mut out = Sums::from([(String::new(), cents(team))]);
        if let Some(o) = other.as_object() {
            for (c, v) in o {
                out.insert(c.clone(), cents(v));
            }
        }
        out
    };
    let fc = &v["sla"]["first_contact"];
    Figures {
        stages: v["stages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                (
                    s["key"].as_str().unwrap().to_string(),
                    n(&s["count"]),
                    sums_of(&s["value"], &s["value_other_currencies"]),
                )
            })
            .collect(),
        delivered_this_month: n(&v["sla"]["leads_delivered"]["actual"]),
        contacts_this_week: n(&v["sla"]["contacts_made"]["actual"]),
        first_contact: (
            n(&fc["met"]),
            n(&fc["breached"]),
            n(&fc["pending"]),
            n(&fc["open_breached"]),
        ),
        funnel: v["funnel"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                (
                    n(&s["entered"]),
                    n(&s["entered_directly"]),
                    n(&s["converted"]),
                )
            })
            .collect(),
        campaigns: v["campaigns"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                let mut b: Vec<(String, String, i64)> = c["bounces"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|b| {
                        (
                            b["kind"].as_str().unwrap().to_string(),
                            b["reason"].as_str().unwrap().to_string(),
                            n(&b["leads"]),
                        )
                    })
                    .collect();
                b.sort();
                (
                    c["name"].as_str().unwrap().to_string(),
                    (
                        n(&c["won"]),
                        sums_of(&c["won_value"], &c["won_value_other_currencies"]),
                        b,
                    ),
                )
            })
            .collect(),
    }
}

/// Midnight of a day, for the generator's clock.
pub fn day(y: i32, m: u32, d: u32) -> Ts {
    Utc.from_utc_datetime(
        &NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap(),
    )
}
