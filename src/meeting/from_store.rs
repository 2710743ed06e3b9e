//! An honest simple scoreboard and red-flag list from store facts, for meeting mode to stand on
//! its own. Periods are cut in UTC and targets use the reps active today; `metrics` does this
//! exactly (team time zone, reps joining mid-period, agreement history) and replaces these two
//! functions when the branches meet (see `ui::meeting_load::inputs`).

use super::{FirstContact, FlagRef, Gauge, Scoreboard};
use crate::domain::{Agreement, LeadId, Rep, Stage, Team, Timestamp};
use chrono::{Datelike, Duration, NaiveDate, TimeZone, Utc};

/// What the store counted for the scoreboard.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScoreFacts {
    /// Leads delivered (entered the hand-off stage) in the current month.
    pub delivered: i64,
    /// Contacts (call, email, meeting) logged in the current ISO week.
    pub contacts: i64,
    /// (delivered at, first contact at) of every delivery in the current month.
    pub deliveries: Vec<(Timestamp, Option<Timestamp>)>,
}

/// An open lead that may carry a red flag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlagLead {
    pub id: LeadId,
    pub name: String,
    pub company: String,
    pub owner: Option<String>,
    pub stage: String,
    pub stage_entered_at: Timestamp,
    pub delivered_at: Option<Timestamp>,
    pub first_contact_at: Option<Timestamp>,
    pub next_step_due: Option<NaiveDate>,
}

fn midnight(d: NaiveDate) -> Timestamp {
    Utc.from_utc_datetime(&d.and_time(chrono::NaiveTime::MIN))
}

/// `[first day of the month, first day of the next)` containing `now`, in UTC.
pub fn month_span(now: Timestamp) -> (Timestamp, Timestamp) {
    let d = now.date_naive();
    let first = d.with_day(1).unwrap_or(d);
    let next = first
        .checked_add_months(chrono::Months::new(1))
        .unwrap_or(first + Duration::days(31));
    (midnight(first), midnight(next))
}

/// `[Monday, next Monday)` of the ISO week containing `now`, in UTC.
pub fn week_span(now: Timestamp) -> (Timestamp, Timestamp) {
    let d = now.date_naive();
    let monday = d - Duration::days(d.weekday().num_days_from_monday() as i64);
    (midnight(monday), midnight(monday + Duration::days(7)))
}

fn share(span: (Timestamp, Timestamp), now: Timestamp) -> f64 {
    let total = (span.1 - span.0).num_seconds() as f64;
    if total <= 0.0 {
        return 1.0;
    }
    ((now - span.0).num_seconds() as f64 / total).clamp(0.0, 1.0)
}

fn active(reps: &[Rep], team: Team, day: NaiveDate) -> i64 {
    reps.iter()
        .filter(|r| r.team == team && r.active_on(day))
        .count() as i64
}

pub fn scoreboard(
    facts: &ScoreFacts,
    reps: &[Rep],
    agreement: &Agreement,
    now: Timestamp,
) -> Scoreboard {
    let today = now.date_naive();
    let promised = (agreement.leads_per_rep_month * active(reps, Team::Marketing, today)) as f64;
    let committed = (agreement.contacts_per_rep_week * active(reps, Team::Sales, today)) as f64;
    let window = Duration::hours(agreement.first_contact_hours);
    let mut fc = FirstContact {
        hours: agreement.first_contact_hours,
        ..FirstContact::default()
    };
    for (delivered, first) in &facts.deliveries {
        match first {
            Some(t) if *t - *delivered <= window => fc.met += 1,
            Some(_) => fc.breached += 1,
            None if now - *delivered > window => fc.open_breached += 1,
            None => {}
        }
    }
    Scoreboard {
        leads_delivered: Gauge::new(facts.delivered, promised, share(month_span(now), now)),
        contacts_made: Gauge::new(facts.contacts, committed, share(week_span(now), now)),
        first_contact: fc,
    }
}

fn label(l: &FlagLead) -> String {
    if l.company.is_empty() {
        l.name.clone()
    } else {
        format!("{} ({})", l.name, l.company)
    }
}

/// Uncontacted past the window, next step overdue, and stale; most urgent kind first, then oldest.
pub fn flags(leads: &[FlagLead], stages: &[Stage], fc_hours: i64, now: Timestamp) -> Vec<FlagRef> {
    let today = now.date_naive();
    let mut out = Vec::new();
    for l in leads {
        let mut push = |kind: &str, since: Timestamp, detail: String| {
            out.push(FlagRef {
                kind: kind.to_string(),
                lead_id: Some(l.id),
                lead: label(l),
                owner: l.owner.clone(),
                since,
                detail,
            })
        };
        if let (Some(d), None) = (l.delivered_at, l.first_contact_at) {
            let due = d + Duration::hours(fc_hours);
            if now > due {
                let hours = (now - d).num_hours();
                push(
                    "uncontacted",
                    due,
                    format!("delivered {hours}h ago, no contact (window {fc_hours}h)"),
                );
            }
        }
        if let Some(due) = l.next_step_due.filter(|d| *d < today) {
            push(
                "next_step_overdue",
                midnight(due + Duration::days(1)),
                format!("next step was due {due}"),
            );
        }
        let stage = stages.iter().find(|s| s.key == l.stage);
        if let Some((s, limit)) = stage.and_then(|s| s.stale_after_days.map(|n| (s, n))) {
            let days = (now - l.stage_entered_at).num_days();
            if days > limit {
                push(
                    "stale",
                    l.stage_entered_at + Duration::days(limit),
                    format!("{} {days}d (limit {limit}d)", s.name),
                );
            }
        }
    }
    let rank = |k: &str| match k {
        "uncontacted" => 0,
        "next_step_overdue" => 1,
        _ => 2,
    };
    out.sort_by(|a, b| {
        (rank(&a.kind), a.since, a.lead_id).cmp(&(rank(&b.kind), b.since, b.lead_id))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> Timestamp {
        crate::clock::parse_as_of(s).unwrap()
    }

    #[test]
    fn periods_are_calendar_month_and_iso_week() {
        // 2026-11-25 is a Wednesday.
        let now = at("2026-11-25 09:00");
        assert_eq!(month_span(now), (at("2026-11-01"), at("2026-12-01")));
        assert_eq!(week_span(now), (at("2026-11-23"), at("2026-11-30")));
        assert_eq!(month_span(at("2026-12-31 23:00")).1, at("2027-01-01"));
    }

    #[test]
    fn scoreboard_by_hand() {
        let now = at("2026-11-25 09:00");
        let reps = vec![
            Rep {
                handle: "maya".into(),
                name: "Maya".into(),
                team: Team::Marketing,
                active_from: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
                active_to: None,
            },
            Rep {
                handle: "ana".into(),
                name: "Ana".into(),
                team: Team::Sales,
                active_from: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
                active_to: None,
            },
        ];
        let agreement = Agreement {
            id: 1,
            effective_from: at("2000-01-01"),
            leads_per_rep_month: 100,
            contacts_per_rep_week: 20,
            first_contact_hours: 48,
            timezone: "UTC".into(),
            changed_by: "x".into(),
            changed_at: at("2000-01-01"),
        };
        let facts = ScoreFacts {
            delivered: 70,
            contacts: 5,
            deliveries: vec![
                (at("2026-11-02"), Some(at("2026-11-04"))), // exactly 48h: met
                (at("2026-11-02"), Some(at("2026-11-04 00:01"))), // breached
                (at("2026-11-20"), None),                   // open, past window
                (at("2026-11-24 12:00"), None),             // still within the window
            ],
        };
        let s = scoreboard(&facts, &reps, &agreement, now);
        // Month: 24 days 9 hours of 30 days elapsed = 585/720 = 0.8125; pace 81.25.
        assert_eq!(s.leads_delivered.target, 100.0);
        assert!((s.leads_delivered.pace - 81.25).abs() < 1e-9);
        assert!(s.leads_delivered.behind);
        // Week: 2 days 9 hours of 7 days = 57/168; pace 20 × 57/168 = 6.7857…
        assert_eq!(s.contacts_made.target, 20.0);
        assert!((s.contacts_made.pace - 20.0 * 57.0 / 168.0).abs() < 1e-9);
        assert!(s.contacts_made.behind);
        assert_eq!(
            s.first_contact,
            FirstContact {
                hours: 48,
                met: 1,
                breached: 1,
                open_breached: 1
            }
        );
        assert_eq!(s.first_contact.met_percent(), Some(33));
    }
}
