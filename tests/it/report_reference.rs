//! Random histories through the real store (adds, moves with exits and hand-backs, contacts,
//! undos of each, agreement changes), then every figure of `report` against the slow
//! reference in `reference/`. `LEADBOARD_REFERENCE_CASES` runs more cases.

use crate::reference::{self, day};
use chrono::{DateTime, Duration, Utc};
use leadboard::domain::{
    ActivityKind, Agreement, ImportRecord, Money, NewLead, Rep, RepRef, Team, Timestamp,
};
use leadboard::io::{gather, report};
use leadboard::store::{ImportOptions, OpenMode, RowOutcome, Store, StoreError};
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Op {
    Add {
        stage: usize,
        owner: usize,
        value: i64,
    },
    Move {
        lead: usize,
        to: usize,
    },
    Contact {
        lead: usize,
        kind: usize,
        back_minutes: i64,
    },
    UndoMove {
        lead: usize,
    },
    UndoContact {
        lead: usize,
    },
    UndoAdd,
    Agreement {
        hours: i64,
    },
    /// `lead edit --currency`: the value stays, only the currency it is in changes.
    Currency {
        lead: usize,
        code: usize,
    },
    /// A small import: (external id, stage, owner, days back it was created).
    Import {
        rows: Vec<(usize, usize, usize, i64)>,
    },
}

const STAGES: [&str; 9] = [
    "new",
    "engaged",
    "mql",
    "sql",
    "opportunity",
    "won",
    "lost",
    "disqualified",
    "recycled",
];
const SALES: [&str; 2] = ["sam", "sue"];
/// The team's own currency and two others: a figure that adds two of them is wrong.
const CURRENCIES: [&str; 3] = ["", "EUR", "USD"];

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0..5usize, 0..3usize, 0..50_000i64)
            .prop_map(|(stage, owner, value)| Op::Add { stage, owner, value }),
        5 => (0..40usize, 0..9usize).prop_map(|(lead, to)| Op::Move { lead, to }),
        3 => (0..40usize, 0..4usize, 0..3000i64)
            .prop_map(|(lead, kind, back_minutes)| Op::Contact { lead, kind, back_minutes }),
        2 => (0..3usize).prop_map(|lead| Op::UndoMove { lead }),
        1 => (0..40usize).prop_map(|lead| Op::UndoContact { lead }),
        1 => Just(Op::UndoAdd),
        1 => (12..96i64).prop_map(|hours| Op::Agreement { hours }),
        2 => (0..40usize, 0..3usize).prop_map(|(lead, code)| Op::Currency { lead, code }),
        1 => proptest::collection::vec((0..6usize, 0..9usize, 0..3usize, 0..20i64), 1..5)
            .prop_map(|rows| Op::Import { rows }),
    ]
}

fn cases() -> u32 {
    std::env::var("LEADBOARD_REFERENCE_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(24)
}

/// Undo information this "session" keeps, as the UI's undo log does.
#[derive(Default)]
struct Session {
    leads: Vec<i64>,
    /// Per lead: the moves made, newest last (from, to).
    moves: std::collections::HashMap<i64, Vec<(String, String)>>,
    /// Per lead: the contacts logged, newest last (activity id, first contact before).
    contacts: std::collections::HashMap<i64, Vec<(i64, Option<Timestamp>)>>,
    /// Leads in the order they were moved, newest last: `u` takes back the latest first.
    moved: Vec<i64>,
    /// Leads added and not touched since (only those can be undone).
    added: Vec<i64>,
}

/// Leads with value % 3 = 0 or 1 go to these; the rest to none.
const CAMPAIGNS: [&str; 2] = ["Ads", "Webinar"];

fn run(ops: &[Op], spread_days: i64) -> (tempfile::TempDir, std::path::PathBuf, DateTime<Utc>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("team.db");
    let mut store = Store::open(&path, OpenMode::CreateIfMissing).unwrap();
    for (h, team) in [
        ("sam", Team::Sales),
        ("sue", Team::Sales),
        ("mia", Team::Marketing),
    ] {
        store
            .add_rep(
                &Rep {
                    handle: h.into(),
                    name: h.to_uppercase(),
                    team,
                    active_from: day(2026, 1, 1).date_naive(),
                    active_to: None,
                },
                "lead",
                chrono::DateTime::from_timestamp(1_767_225_600, 0).unwrap(),
            )
            .unwrap();
    }
    for name in CAMPAIGNS {
        let c = leadboard::domain::Campaign {
            id: 0,
            name: name.into(),
            source: String::new(),
            cost: Some(Money(500_000)),
            starts_on: None,
            ends_on: None,
        };
        store.add_campaign(&c, "lead", day(2026, 1, 1)).unwrap();
    }
    let start = day(2026, 10, 20);
    let step = Duration::minutes(spread_days * 24 * 60 / (ops.len().max(1) as i64));
    let mut now = start;
    let mut s = Session::default();
    for op in ops {
        now += step;
        let pick = |i: usize, s: &Session| s.leads.get(i % s.leads.len().max(1)).copied();
        match op {
            Op::Add {
                stage,
                owner,
                value,
            } => {
                let new = NewLead {
                    name: format!("Lead {}", s.leads.len()),
                    stage: Some(STAGES[*stage].into()),
                    owner: (*owner < 2).then(|| SALES[*owner].into()),
                    value: Money(*value * 100),
                    created_at: Some(now),
                    campaign: CAMPAIGNS.get((*value % 3) as usize).map(|c| c.to_string()),
                    currency: CURRENCIES[(*value / 3 % 4).min(2) as usize].into(),
                    ..Default::default()
                };
                let id = store.create_lead(&new, "mia", now).unwrap();
                s.leads.push(id);
                s.added.push(id);
            }
            Op::Move { lead, to } => {
                let Some(id) = pick(*lead, &s) else { continue };
                let l = store.lead(id).unwrap();
                let to = STAGES[*to];
                if l.stage == to {
                    continue;
                }
                // Exits and hand-backs need a reason; a move forward may carry none.
                let back = ["sql", "opportunity", "mql"].contains(&l.stage.as_str())
                    && ["new", "engaged"].contains(&to);
                // Two reasons, so the campaigns' "why leads bounced" has something to split.
                let reason = if ["lost", "disqualified", "recycled"].contains(&to) || back {
                    ["No budget", "Timing"][(id % 2) as usize]
                } else {
                    ""
                };
                if store
                    .move_lead(id, to, reason, "sam", l.version, now)
                    .is_ok()
                {
                    s.moves.entry(id).or_default().push((l.stage, to.into()));
                    s.moved.push(id);
                    s.added.retain(|a| *a != id);
                }
            }
            Op::Contact {
                lead,
                kind,
                back_minutes,
            } => {
                let Some(id) = pick(*lead, &s) else { continue };
                let l = store.lead(id).unwrap();
                let kinds = [
                    ActivityKind::Call,
                    ActivityKind::Email,
                    ActivityKind::Meeting,
                    ActivityKind::Note,
                ];
                // Logged for a moment a little earlier (never before the lead existed).
                let at = (now - Duration::minutes(*back_minutes)).max(l.created_at);
                let act = store
                    .log_activity(id, kinds[*kind], "talked", "sam", at)
                    .unwrap();
                s.contacts
                    .entry(id)
                    .or_default()
                    .push((act, l.first_contact_at));
                s.added.retain(|a| *a != id);
            }
            Op::UndoMove { lead } => {
                // Mostly the latest move, as `u` does; sometimes an older lead's.
                let Some(id) = (match lead {
                    0 => pick(*lead, &s),
                    _ => s.moved.pop(),
                }) else {
                    continue;
                };
                let Some((from, to)) = s.moves.get_mut(&id).and_then(Vec::pop) else {
                    continue;
                };
                let v = store.lead(id).unwrap().version;
                // Refused (Invalid) when an older lead's move is no longer its latest.
                match store.undo_move(id, &from, &to, v, "sam", now) {
                    Ok(_) | Err(StoreError::Invalid(_)) => {}
                    Err(e) => panic!("undo of {from} → {to} failed: {e}"),
                }
            }
            Op::UndoContact { lead } => {
                let Some(id) = pick(*lead, &s) else { continue };
                let Some((act, before)) = s.contacts.get_mut(&id).and_then(Vec::pop) else {
                    continue;
                };
                store.retract_activity(id, act, before, "sam", now).unwrap();
            }
            Op::UndoAdd => {
                let Some(id) = s.added.pop() else { continue };
                store.undo_create(id, 1).unwrap();
                s.leads.retain(|l| *l != id);
            }
            Op::Import { rows } => {
                // As a CRM export arrives: some rows new, some naming earlier imports again;
                // closed deals enter the funnel at SQL (the pipeline's first stage).
                let opts = ImportOptions {
                    entry_stage: Some("sql".into()),
                    ..Default::default()
                };
                let mut session = store.begin_import("import", now, opts).unwrap();
                for (i, (ext, stage, owner, back)) in rows.iter().enumerate() {
                    let rec = ImportRecord {
                        line: i as u64 + 2,
                        external_id: Some(format!("imp-{ext}")),
                        name: Some(format!("Imported {ext}")),
                        stage: Some(STAGES[*stage].into()),
                        owner: (*owner < 2).then(|| RepRef {
                            raw: SALES[*owner].into(),
                            team: Team::Sales,
                        }),
                        created_at: Some(now - Duration::days(*back)),
                        value: Some(Money(1_000 * (*ext as i64 + 1))),
                        currency: Some(CURRENCIES[*ext % 3].into()),
                        ..Default::default()
                    };
                    match session.apply(&rec).unwrap() {
                        RowOutcome::Created(id) if !s.leads.contains(&id) => s.leads.push(id),
                        RowOutcome::Updated(id) => {
                            // Its moves are the import's now, not this session's to undo.
                            s.moves.remove(&id);
                            s.moved.retain(|m| *m != id);
                            s.added.retain(|a| *a != id);
                        }
                        _ => {}
                    }
                }
                session.commit().unwrap();
            }
            Op::Currency { lead, code } => {
                let Some(id) = pick(*lead, &s) else { continue };
                let l = store.lead(id).unwrap();
                let edit = leadboard::domain::LeadEdit {
                    currency: Some(CURRENCIES[*code].into()),
                    ..Default::default()
                };
                store.update_lead(id, &edit, "sam", l.version, now).unwrap();
                s.added.retain(|a| *a != id);
            }
            Op::Agreement { hours } => {
                let mut a: Agreement = store.agreements().unwrap().pop().unwrap();
                a.first_contact_hours = *hours;
                a.effective_from = now;
                a.changed_at = now;
                a.changed_by = "mia".into();
                store.set_agreement(&a).unwrap();
            }
        }
    }
    (dir, path, now + Duration::hours(1))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn every_figure_of_the_report_matches_the_reference(
        ops in proptest::collection::vec(op(), 1..60),
        spread_days in 2i64..40,
    ) {
        let (_dir, path, as_of) = run(&ops, spread_days);
        let store = Store::open(&path, OpenMode::Existing).unwrap();
        let r = gather::report(&store, as_of).unwrap();
        let v: serde_json::Value = serde_json::from_str(&report::json(&r)).unwrap();
        let want = reference::compute(&path, as_of);
        let got = reference::from_report(&v);
        prop_assert_eq!(&got, &want);
        let flagged = v["red_flags"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["kind"] == "uncontacted")
            .count() as i64;
        prop_assert_eq!(flagged, want.first_contact.3, "uncontacted flags = waiting now");
        prop_assert!(store.check().unwrap().is_ok(), "{:?}", store.check().unwrap().problems);
    }
}

/// A hand-off taken back long ago: the lead is not waiting for a first contact.
#[test]
fn an_undone_hand_off_is_no_delivery() {
    let ops = [
        Op::Add {
            stage: 0,
            owner: 0,
            value: 10,
        },
        Op::Move { lead: 0, to: 2 },
        Op::UndoMove { lead: 1 },
    ];
    let (_dir, path, as_of) = run(&ops, 10);
    let store = Store::open(&path, OpenMode::Existing).unwrap();
    let r = gather::report(&store, as_of).unwrap();
    let v: serde_json::Value = serde_json::from_str(&report::json(&r)).unwrap();
    assert_eq!(reference::from_report(&v), reference::compute(&path, as_of));
    assert_eq!(v["sla"]["first_contact"]["open_breached"], 0);
}
