//! Properties of the pure SLA computation on random teams, agreements and activity:
//! counts are never negative, per-rep rows sum to the team, and moving "now" later never
//! changes a period that had already ended.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use leadboard::domain::facts::{Delivery, LeadFacts, PeriodCount, Span};
use leadboard::domain::{Agreement, Rep, Team};
use leadboard::metrics::Plan;
use leadboard::metrics::sla::{self, Sla, SlaFacts};
use proptest::prelude::*;

fn base() -> DateTime<Utc> {
    "2026-05-01T00:00:00Z".parse().unwrap()
}

#[derive(Debug, Clone)]
struct World {
    reps: Vec<Rep>,
    agreements: Vec<Agreement>,
    /// (minutes after base, rep index or nobody, first contact after minutes)
    deliveries: Vec<(i64, Option<usize>, Option<i64>)>,
    contacts: Vec<(i64, Option<usize>)>,
}

fn world() -> impl Strategy<Value = World> {
    let reps = prop::collection::vec((any::<bool>(), 0i64..240), 1..6);
    let agreements =
        prop::collection::vec((0i64..240 * 24 * 60, 0i64..300, 0i64..60, 1i64..96), 0..3);
    let minutes = 0i64..240 * 24 * 60;
    let deliveries = prop::collection::vec(
        (
            minutes.clone(),
            prop::option::of(0usize..6),
            prop::option::of(0i64..10_000),
        ),
        0..60,
    );
    let contacts = prop::collection::vec((minutes, prop::option::of(0usize..6)), 0..60);
    (reps, agreements, deliveries, contacts).prop_map(|(reps, ags, deliveries, contacts)| {
        let start = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let reps = reps
            .into_iter()
            .enumerate()
            .map(|(i, (sales, from))| Rep {
                handle: format!("r{i}"),
                name: format!("R{i}"),
                team: if sales { Team::Sales } else { Team::Marketing },
                active_from: start + Duration::days(from),
                active_to: None,
            })
            .collect();
        let mut agreements = vec![Agreement {
            id: 1,
            effective_from: "2000-01-01T00:00:00Z".parse().unwrap(),
            leads_per_rep_month: 100,
            contacts_per_rep_week: 20,
            first_contact_hours: 48,
            timezone: "Europe/Berlin".into(),
            changed_by: "x".into(),
            changed_at: "2000-01-01T00:00:00Z".parse().unwrap(),
        }];
        for (i, (at, l, c, h)) in ags.into_iter().enumerate() {
            let mut a = agreements[0].clone();
            a.id = i as i64 + 2;
            a.effective_from = base() + Duration::minutes(at);
            a.leads_per_rep_month = l;
            a.contacts_per_rep_week = c;
            a.first_contact_hours = h;
            agreements.push(a);
        }
        World {
            reps,
            agreements,
            deliveries,
            contacts,
        }
    })
}

/// What the store would count for these spans: the reference the store's SQL implements.
fn counts(events: &[(DateTime<Utc>, Option<String>)], spans: &[Span]) -> Vec<PeriodCount> {
    let mut out: Vec<PeriodCount> = Vec::new();
    for (i, s) in spans.iter().enumerate() {
        for (at, rep) in events
            .iter()
            .filter(|(at, _)| *at >= s.start && *at < s.end)
        {
            let _ = at;
            match out.iter_mut().find(|c| c.period == i && &c.rep == rep) {
                Some(c) => c.count += 1,
                None => out.push(PeriodCount {
                    period: i,
                    rep: rep.clone(),
                    count: 1,
                }),
            }
        }
    }
    out
}

fn compute(w: &World, as_of: DateTime<Utc>) -> Sla {
    let plan = Plan::new(&w.agreements, as_of).unwrap();
    let handle = |i: Option<usize>| i.filter(|i| *i < w.reps.len() + 1).map(|i| format!("r{i}"));
    let dels: Vec<(DateTime<Utc>, Option<String>)> = w
        .deliveries
        .iter()
        .map(|(m, r, _)| (base() + Duration::minutes(*m), handle(*r)))
        .collect();
    let cons: Vec<(DateTime<Utc>, Option<String>)> = w
        .contacts
        .iter()
        .map(|(m, r)| (base() + Duration::minutes(*m), handle(*r)))
        .collect();
    let month = plan.current_month_span();
    let facts = SlaFacts {
        delivered: counts(&dels, &plan.month_spans()),
        contacts: counts(&cons, &plan.week_spans()),
        deliveries: w
            .deliveries
            .iter()
            .map(|(m, r, fc)| {
                let at = base() + Duration::minutes(*m);
                Delivery {
                    lead_id: *m,
                    at,
                    owner: handle(*r),
                    first_contact: fc
                        .map(|f| at + Duration::minutes(f))
                        .filter(|c| *c <= as_of),
                }
            })
            .filter(|d| d.at >= month.start && d.at < month.end)
            .collect(),
        // Every delivery of the world as a lead still in an open stage, whatever its month.
        waiting: w
            .deliveries
            .iter()
            .map(|(m, r, fc)| {
                let at = base() + Duration::minutes(*m);
                LeadFacts {
                    id: *m,
                    name: format!("lead {m}"),
                    company: String::new(),
                    owner: handle(*r),
                    stage: "sql".into(),
                    priority: false,
                    has_next_step: false,
                    next_step_due: None,
                    created_at: at,
                    stage_entered_at: at,
                    delivered_at: Some(at),
                    first_contact_at: fc.map(|f| at + Duration::minutes(f)),
                    last_activity_at: None,
                }
            })
            .collect(),
        open_stages: vec!["sql".into()],
    };
    sla::compute(
        plan.months.clone(),
        plan.weeks.clone(),
        &plan.tz,
        &w.reps,
        &w.agreements,
        &facts,
        as_of,
    )
}

fn as_of() -> impl Strategy<Value = DateTime<Utc>> {
    (100i64..240 * 24 * 60).prop_map(|m| base() + Duration::minutes(m))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn counts_are_never_negative(w in world(), now in as_of()) {
        let s = compute(&w, now);
        for g in [s.leads_delivered, s.contacts_made].iter().chain(s.reps.iter().map(|r| &r.gauge)) {
            prop_assert!(g.actual >= 0 && g.target >= 0.0 && g.pace >= 0.0 && g.pace <= g.target + 1e-9);
        }
        prop_assert!(s.delivered_history.iter().chain(&s.contacts_history).all(|x| *x >= 0));
        let f = s.first_contact;
        prop_assert!(f.met >= 0 && f.breached >= 0 && f.open_breached >= 0 && f.pending >= 0);
    }

    #[test]
    fn per_rep_rows_sum_to_the_team(w in world(), now in as_of()) {
        let s = compute(&w, now);
        for (team, gauge, history) in [
            (Team::Marketing, s.leads_delivered, &s.delivered_history),
            (Team::Sales, s.contacts_made, &s.contacts_history),
        ] {
            let rows: Vec<_> = s.reps.iter().filter(|r| r.team == team).collect();
            prop_assert_eq!(rows.iter().map(|r| r.gauge.actual).sum::<i64>(), gauge.actual);
            let target: f64 = rows.iter().map(|r| r.gauge.target).sum();
            prop_assert!((target - gauge.target).abs() < 1e-6, "{} vs {}", target, gauge.target);
            for (i, total) in history.iter().enumerate() {
                prop_assert_eq!(rows.iter().map(|r| r.history[i]).sum::<i64>(), *total);
            }
        }
        let fc: Vec<_> = s.reps.iter().filter_map(|r| r.first_contact).collect();
        let f = s.first_contact;
        prop_assert_eq!(fc.iter().map(|x| x.met).sum::<i64>(), f.met);
        prop_assert_eq!(fc.iter().map(|x| x.breached).sum::<i64>(), f.breached);
        prop_assert_eq!(fc.iter().map(|x| x.open_breached).sum::<i64>(), f.open_breached);
        prop_assert_eq!(fc.iter().map(|x| x.pending).sum::<i64>(), f.pending);
    }

    #[test]
    fn moving_as_of_never_changes_past_periods(w in world(), now in as_of(), later_by in 0i64..90 * 24 * 60) {
        let a = compute(&w, now);
        let b = compute(&w, now + Duration::minutes(later_by));
        // Periods that had ended at `now` and are shown in both keep their counts.
        for (pa, ha, pb, hb) in [
            (&a.months, &a.delivered_history, &b.months, &b.delivered_history),
            (&a.weeks, &a.contacts_history, &b.weeks, &b.contacts_history),
        ] {
            for (i, p) in pa.iter().enumerate().filter(|(_, p)| p.span.end <= now) {
                if let Some(j) = pb.iter().position(|q| q.label == p.label) {
                    prop_assert_eq!(ha[i], hb[j], "period {}", p.label);
                }
            }
        }
    }
}
