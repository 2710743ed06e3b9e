//! SLA gauges: leads delivered vs promised (month), contacts made vs committed (ISO week),
//! first contact within H hours; per team and per rep, with previous periods.
//!
//! Targets accrue day by day: each local day a rep is active adds the agreement's rate
//! (in force when that day starts) divided by the days in the period. A rep who joined on
//! the 16th of a 30-day month therefore owes 15/30 of a month; an agreement changed mid-month
//! counts for the days after the change only. Past periods never see a later agreement.

use super::period::{Period, PeriodKind, day_start};
use super::zone::Zone;
use crate::domain::facts::{Delivery, LeadFacts, PeriodCount};
use crate::domain::{Agreement, Rep, Team, Timestamp};
use chrono::Duration;
use serde::Serialize;

/// Actual against target, with where the actual should be by now.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Gauge {
    pub actual: i64,
    pub target: f64,
    /// Target × elapsed share of the period.
    pub pace: f64,
    /// Actual below pace.
    pub behind: bool,
}

impl Gauge {
    /// The verdict in words: `behind`, `met` (target reached) or `on pace`.
    pub fn verdict(&self) -> &'static str {
        if self.behind {
            "behind"
        } else if self.target > 0.0 && self.actual as f64 >= self.target {
            "met"
        } else {
            "on pace"
        }
    }

    pub fn new(actual: i64, target: f64, elapsed_share: f64) -> Gauge {
        // An empty sum of f64 is -0.0 (IEEE), which prints as "-0": adding +0.0 makes any
        // zero a plain one, so no view, report or minutes ever shows a negative zero.
        let target = target + 0.0;
        let pace = target * elapsed_share + 0.0;
        // A hair of tolerance so 0.1 + 0.2 style sums never flag someone exactly on pace.
        Gauge {
            actual,
            target,
            pace,
            behind: (actual as f64) < pace - 1e-9,
        }
    }
}

/// First contact: how the period's deliveries fared, and who is waiting past the window now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct FirstContact {
    /// The window in force now (each delivery is judged by the one in force when it was made).
    pub hours: i64,
    /// Deliveries of the period contacted within their window.
    pub met: i64,
    /// Deliveries of the period whose window passed without a contact in it: contacted late,
    /// or not contacted at all.
    pub breached: i64,
    /// Leads in an open stage waiting past their window now, whenever they were delivered
    /// (the `uncontacted` red flags).
    pub open_breached: i64,
    /// Deliveries of the period not contacted yet, still inside the window.
    pub pending: i64,
}

impl FirstContact {
    /// Share of the period's decided deliveries (met or breached) that were met, as a whole
    /// percent; `None` when none is decided yet.
    pub fn met_percent(&self) -> Option<i64> {
        let decided = self.met + self.breached;
        (decided > 0).then(|| (self.met * 100 + decided / 2) / decided)
    }
}

/// One person's row: marketing reps carry the delivery gauge, sales reps the contact gauge.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RepSla {
    /// `None` for the "others" row: credit that names nobody on the team.
    pub handle: Option<String>,
    pub name: String,
    pub team: Team,
    pub gauge: Gauge,
    /// Actuals of the shown periods, oldest first, current last.
    pub history: Vec<i64>,
    /// Sales rows: first contacts on the leads they own.
    pub first_contact: Option<FirstContact>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sla {
    pub months: Vec<Period>,
    pub weeks: Vec<Period>,
    pub leads_delivered: Gauge,
    pub contacts_made: Gauge,
    pub first_contact: FirstContact,
    pub delivered_history: Vec<i64>,
    pub contacts_history: Vec<i64>,
    pub reps: Vec<RepSla>,
}

/// What the store counted for the periods asked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SlaFacts {
    /// Indexed by month.
    pub delivered: Vec<PeriodCount>,
    /// Indexed by week.
    pub contacts: Vec<PeriodCount>,
    /// Every delivery of the current month.
    pub deliveries: Vec<Delivery>,
    /// Never-contacted leads delivered before `as_of` minus the shortest window, with the
    /// open stages' keys: candidates for `waiting_past_window`.
    pub waiting: Vec<LeadFacts>,
    pub open_stages: Vec<String>,
}

/// Promised (marketing, month) or committed (sales, week) amount for one rep in a period.
pub fn rep_target(period: &Period, rep: &Rep, agreements: &[Agreement], tz: &Zone) -> f64 {
    let per = match period.kind {
        PeriodKind::Month => period.day_count() as f64,
        PeriodKind::Week => 7.0,
    };
    period
        .days()
        .filter(|d| rep.active_on(*d))
        .map(|d| {
            let rate =
                Agreement::in_force(agreements, day_start(tz, d)).map_or(0, |a| {
                    match period.kind {
                        PeriodKind::Month => a.leads_per_rep_month,
                        PeriodKind::Week => a.contacts_per_rep_week,
                    }
                });
            rate as f64 / per
        })
        .sum()
}

/// The first-contact window for a delivery at `at`: the agreement in force then.
pub fn window_hours(agreements: &[Agreement], at: Timestamp) -> i64 {
    Agreement::in_force(agreements, at)
        .or_else(|| agreements.first())
        .map_or(48, |a| a.first_contact_hours)
}

/// The shortest window any agreement ever set: leads delivered before `as_of` minus this
/// are the only ones that can be past their window (the store narrows with it).
pub fn shortest_window(agreements: &[Agreement]) -> i64 {
    agreements
        .iter()
        .map(|a| a.first_contact_hours)
        .min()
        .unwrap_or(48)
}

/// Leads waiting past their first-contact window at `as_of`, with the moment the window
/// closed: delivered, never contacted, in an open stage (`open` says which stages are).
/// The one definition behind the `uncontacted` flags and the SLA's `open_breached`.
pub fn waiting_past_window<'a>(
    candidates: &'a [LeadFacts],
    agreements: &[Agreement],
    open: impl Fn(&str) -> bool,
    as_of: Timestamp,
) -> Vec<(&'a LeadFacts, Timestamp)> {
    candidates
        .iter()
        .filter(|l| open(&l.stage) && l.first_contact_at.is_none_or(|c| c > as_of))
        .filter_map(|l| {
            let d = l.delivered_at.filter(|d| *d <= as_of)?;
            let deadline = d + Duration::hours(window_hours(agreements, d));
            (deadline < as_of).then_some((l, deadline))
        })
        .collect()
}

/// How the deliveries fared by `as_of`: met, breached and pending (`open_breached` is set by
/// the caller from `waiting_past_window`, which is not limited to these deliveries).
pub fn first_contact<'a>(
    deliveries: impl IntoIterator<Item = &'a Delivery>,
    agreements: &[Agreement],
    as_of: Timestamp,
) -> FirstContact {
    let mut fc = FirstContact {
        hours: window_hours(agreements, as_of),
        ..FirstContact::default()
    };
    for d in deliveries {
        if d.at > as_of {
            continue;
        }
        let deadline = d.at + Duration::hours(window_hours(agreements, d.at));
        match d.first_contact.filter(|c| *c <= as_of) {
            Some(c) if c <= deadline => fc.met += 1,
            Some(_) => fc.breached += 1,
            None if as_of > deadline => fc.breached += 1,
            None => fc.pending += 1,
        }
    }
    fc
}

/// Everything the SLA view and report show. `months` and `weeks` are oldest first and end
/// with the period containing `as_of`; the counts index into them.
pub fn compute(
    months: Vec<Period>,
    weeks: Vec<Period>,
    tz: &Zone,
    reps: &[Rep],
    agreements: &[Agreement],
    facts: &SlaFacts,
    as_of: Timestamp,
) -> Sla {
    let (Some(month), Some(week)) = (months.last(), weeks.last()) else {
        return Sla {
            months,
            weeks,
            leads_delivered: Gauge::new(0, 0.0, 0.0),
            contacts_made: Gauge::new(0, 0.0, 0.0),
            first_contact: FirstContact::default(),
            delivered_history: vec![],
            contacts_history: vec![],
            reps: vec![],
        };
    };
    let open = |k: &str| facts.open_stages.iter().any(|s| s == k);
    let waiting = waiting_past_window(&facts.waiting, agreements, open, as_of);
    let m_share = month.elapsed_share(as_of);
    let w_share = week.elapsed_share(as_of);
    let mut rows = team_rows(
        Team::Marketing,
        month,
        months.len(),
        tz,
        reps,
        agreements,
        &facts.delivered,
        m_share,
        &|_| false,
    );
    rows.extend(team_rows(
        Team::Sales,
        week,
        weeks.len(),
        tz,
        reps,
        agreements,
        &facts.contacts,
        w_share,
        // A sales rep who owes first contacts (this month's, or anyone waiting) keeps a row
        // even when not active this week.
        &|h| {
            facts
                .deliveries
                .iter()
                .any(|d| d.owner.as_deref() == Some(h))
                || waiting.iter().any(|(l, _)| l.owner.as_deref() == Some(h))
        },
    ));
    // First contacts per owning sales rep; owners who are not sales reps go to the others row.
    let orphan = |d: &&Delivery| !is_rep_of(reps, d.owner.as_deref(), Team::Sales);
    let waiting_orphans = waiting
        .iter()
        .any(|(l, _)| !is_rep_of(reps, l.owner.as_deref(), Team::Sales));
    let has_others = rows
        .iter()
        .any(|r| r.team == Team::Sales && r.handle.is_none());
    if !has_others && (facts.deliveries.iter().any(|d| orphan(&d)) || waiting_orphans) {
        rows.push(RepSla {
            handle: None,
            name: "others".into(),
            team: Team::Sales,
            gauge: Gauge::new(0, 0.0, w_share),
            history: vec![0; weeks.len()],
            first_contact: None,
        });
    }
    for row in rows.iter_mut().filter(|r| r.team == Team::Sales) {
        let mine = facts.deliveries.iter().filter(|d| match &row.handle {
            Some(h) => d.owner.as_deref() == Some(h.as_str()),
            None => orphan(d),
        });
        let mut fc = first_contact(mine, agreements, as_of);
        fc.open_breached = waiting
            .iter()
            .filter(|(l, _)| match &row.handle {
                Some(h) => l.owner.as_deref() == Some(h.as_str()),
                None => !is_rep_of(reps, l.owner.as_deref(), Team::Sales),
            })
            .count() as i64;
        row.first_contact = Some(fc);
    }
    let history = |counts: &[PeriodCount], n: usize| -> Vec<i64> {
        let mut h = vec![0; n];
        for c in counts {
            if let Some(x) = h.get_mut(c.period) {
                *x += c.count.max(0);
            }
        }
        h
    };
    let delivered_history = history(&facts.delivered, months.len());
    let contacts_history = history(&facts.contacts, weeks.len());
    let team_target = |team: Team, p: &Period| -> f64 {
        reps.iter()
            .filter(|r| r.team == team)
            .map(|r| rep_target(p, r, agreements, tz))
            .sum()
    };
    Sla {
        leads_delivered: Gauge::new(
            delivered_history.last().copied().unwrap_or(0),
            team_target(Team::Marketing, month),
            m_share,
        ),
        contacts_made: Gauge::new(
            contacts_history.last().copied().unwrap_or(0),
            team_target(Team::Sales, week),
            w_share,
        ),
        first_contact: FirstContact {
            open_breached: waiting.len() as i64,
            ..first_contact(&facts.deliveries, agreements, as_of)
        },
        delivered_history,
        contacts_history,
        reps: rows,
        months,
        weeks,
    }
}

fn is_rep_of(reps: &[Rep], handle: Option<&str>, team: Team) -> bool {
    handle.is_some_and(|h| reps.iter().any(|r| r.handle == h && r.team == team))
}

/// One row per rep of the team who is active in the current period or has credit in a shown
/// one (or `keep`s), plus an "others" row when credit names nobody on the team. Rows sum to the team.
#[allow(clippy::too_many_arguments)]
fn team_rows(
    team: Team,
    current: &Period,
    n: usize,
    tz: &Zone,
    reps: &[Rep],
    agreements: &[Agreement],
    counts: &[PeriodCount],
    share: f64,
    keep: &dyn Fn(&str) -> bool,
) -> Vec<RepSla> {
    let mut rows = Vec::new();
    for rep in reps.iter().filter(|r| r.team == team) {
        let mut history = vec![0; n];
        for c in counts
            .iter()
            .filter(|c| c.rep.as_deref() == Some(rep.handle.as_str()))
        {
            if let Some(x) = history.get_mut(c.period) {
                *x += c.count.max(0);
            }
        }
        let active_now = current.days().any(|d| rep.active_on(d));
        if !active_now && history.iter().all(|x| *x == 0) && !keep(&rep.handle) {
            continue;
        }
        let target = rep_target(current, rep, agreements, tz);
        rows.push(RepSla {
            handle: Some(rep.handle.clone()),
            name: rep.name.clone(),
            team,
            gauge: Gauge::new(history.last().copied().unwrap_or(0), target, share),
            history,
            first_contact: None,
        });
    }
    let mut others = vec![0; n];
    for c in counts
        .iter()
        .filter(|c| !is_rep_of(reps, c.rep.as_deref(), team))
    {
        if let Some(x) = others.get_mut(c.period) {
            *x += c.count.max(0);
        }
    }
    if others.iter().any(|x| *x != 0) {
        rows.push(RepSla {
            handle: None,
            name: "others".into(),
            team,
            gauge: Gauge::new(others.last().copied().unwrap_or(0), 0.0, share),
            history: others,
            first_contact: None,
        });
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::period::{PeriodKind, containing};
    use chrono::NaiveDate;

    fn t(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn agreement(from: &str, leads: i64, contacts: i64, hours: i64) -> Agreement {
        Agreement {
            id: 0,
            effective_from: t(from),
            leads_per_rep_month: leads,
            contacts_per_rep_week: contacts,
            first_contact_hours: hours,
            timezone: "UTC".into(),
            changed_by: "x".into(),
            changed_at: t(from),
        }
    }

    fn rep(team: Team, from: (i32, u32, u32)) -> Rep {
        Rep {
            handle: "r".into(),
            name: "R".into(),
            team,
            active_from: NaiveDate::from_ymd_opt(from.0, from.1, from.2).unwrap(),
            active_to: None,
        }
    }

    #[test]
    fn a_rep_who_joins_mid_month_owes_the_days_left() {
        // February 2026 has 28 days; joining on the 15th leaves 14: 100 × 14/28 = 50.
        let feb = containing(PeriodKind::Month, &Zone::UTC, t("2026-02-20T00:00:00Z"));
        let ags = [agreement("2000-01-01T00:00:00Z", 100, 20, 48)];
        let target = rep_target(&feb, &rep(Team::Marketing, (2026, 2, 15)), &ags, &Zone::UTC);
        assert!((target - 50.0).abs() < 1e-9, "{target}");
        // Joining after the month owes nothing.
        assert_eq!(
            rep_target(&feb, &rep(Team::Marketing, (2026, 3, 1)), &ags, &Zone::UTC),
            0.0
        );
    }

    #[test]
    fn an_agreement_changed_mid_week_counts_from_the_next_day_start() {
        // Week of Mon 2 Mar 2026. 14 contacts/week until Thu 5 Mar 00:00, then 28:
        // Mon–Wed 3 × 2 + Thu–Sun 4 × 4 = 22.
        let week = containing(PeriodKind::Week, &Zone::UTC, t("2026-03-04T00:00:00Z"));
        let ags = [
            agreement("2000-01-01T00:00:00Z", 100, 14, 48),
            agreement("2026-03-05T00:00:00Z", 100, 28, 48),
        ];
        let target = rep_target(&week, &rep(Team::Sales, (2026, 1, 1)), &ags, &Zone::UTC);
        assert!((target - 22.0).abs() < 1e-9, "{target}");
        // A change at 10:00 on Thursday starts counting on Friday: 4 × 2 + 3 × 4 = 20.
        let ags = [
            agreement("2000-01-01T00:00:00Z", 100, 14, 48),
            agreement("2026-03-05T10:00:00Z", 100, 28, 48),
        ];
        let target = rep_target(&week, &rep(Team::Sales, (2026, 1, 1)), &ags, &Zone::UTC);
        assert!((target - 20.0).abs() < 1e-9, "{target}");
    }

    #[test]
    fn first_contact_is_judged_by_the_window_in_force_at_delivery() {
        // 48 h until 10 Mar, then 24 h. A delivery on the 9th contacted 30 h later is met;
        // one on the 11th contacted 30 h later is breached.
        let ags = [
            agreement("2000-01-01T00:00:00Z", 100, 20, 48),
            agreement("2026-03-10T00:00:00Z", 100, 20, 24),
        ];
        let d = |at: &str, fc: Option<&str>| Delivery {
            lead_id: 1,
            at: t(at),
            owner: None,
            first_contact: fc.map(t),
        };
        let ds = [
            d("2026-03-09T00:00:00Z", Some("2026-03-10T06:00:00Z")),
            d("2026-03-11T00:00:00Z", Some("2026-03-12T06:00:00Z")),
            d("2026-03-12T00:00:00Z", None),
            d("2026-03-13T08:00:00Z", None),
        ];
        let f = first_contact(&ds, &ags, t("2026-03-14T00:00:00Z"));
        // The 12th's delivery, never contacted, is a breach of the period too.
        assert_eq!((f.hours, f.met, f.breached, f.pending), (24, 1, 2, 1));
        assert_eq!(f.met_percent(), Some(33));
    }

    fn waiting(delivered: &str, stage: &str, contacted: Option<&str>) -> LeadFacts {
        LeadFacts {
            id: 1,
            name: "x".into(),
            company: String::new(),
            owner: None,
            stage: stage.into(),
            priority: false,
            has_next_step: false,
            next_step_due: None,
            created_at: t(delivered),
            stage_entered_at: t(delivered),
            delivered_at: Some(t(delivered)),
            first_contact_at: contacted.map(t),
            last_activity_at: None,
        }
    }

    #[test]
    fn waiting_past_the_window_counts_every_open_lead_whatever_its_month() {
        let ags = [
            agreement("2000-01-01T00:00:00Z", 100, 20, 48),
            agreement("2026-03-10T00:00:00Z", 100, 20, 24),
        ];
        let leads = [
            // Delivered months ago, never contacted, still open: waiting.
            waiting("2025-11-03T00:00:00Z", "sql", None),
            // Under the 48 h window of its day: 40 h old, still within it.
            waiting("2026-03-08T08:00:00Z", "sql", None),
            // Under the 24 h window: 30 h old, past it.
            waiting("2026-03-12T18:00:00Z", "mql", None),
            // Closed without a contact: nobody is waiting any more.
            waiting("2026-01-05T00:00:00Z", "lost", None),
            // Contacted only after the moment asked about: waiting then.
            waiting("2026-03-01T00:00:00Z", "sql", Some("2026-03-20T00:00:00Z")),
        ];
        let open = |k: &str| k == "sql" || k == "mql";
        let w = waiting_past_window(&leads, &ags, open, t("2026-03-10T00:00:00Z"));
        assert_eq!(w.len(), 2, "{w:?}");
        let w = waiting_past_window(&leads, &ags, open, t("2026-03-14T00:00:00Z"));
        let deadlines: Vec<String> = w.iter().map(|(_, d)| d.to_rfc3339()).collect();
        assert_eq!(
            deadlines,
            [
                "2025-11-05T00:00:00+00:00",
                "2026-03-10T08:00:00+00:00",
                "2026-03-13T18:00:00+00:00",
                "2026-03-03T00:00:00+00:00"
            ]
        );
    }

    #[test]
    fn no_negative_zero_in_a_gauge() {
        let empty: f64 = std::iter::empty::<f64>().sum();
        let g = Gauge::new(0, empty, 0.5);
        assert!(g.target.is_sign_positive() && g.pace.is_sign_positive());
        assert_eq!(format!("{:.0} {:.1}", g.target, g.pace), "0 0.0");
    }

    #[test]
    fn behind_only_when_below_pace() {
        assert!(!Gauge::new(5, 10.0, 0.5).behind);
        assert!(Gauge::new(4, 10.0, 0.5).behind);
        assert!(!Gauge::new(0, 0.0, 0.9).behind);
    }
}
