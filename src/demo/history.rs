//! A large demo's history: the leads beyond the recent window's capacity, created month by month
//! before it, almost all closed (won, lost, disqualified, recycled, a few still in nurture),
//! with the stage events and activities a real team's file keeps of them.

use super::{
    CALL_NOTES, CO_A, CO_B, DemoSummary, FIRST, LAST, MARKETING, Plan, SALES, SOURCES, WINDOW_DAYS,
};
use crate::domain::{Activity, ActivityKind, Campaign, Lead, Money, StageEvent, Timestamp};
use crate::store::{self, BulkWriter};
use chrono::{Datelike, Duration, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Leads per history month. Fewer history leads reach MQL than window leads would (49%: old
/// files are full of contacts that never engaged), so 700 a month deliver ~340: like the
/// window's current month (~330), a little over the 300 the three marketers promise.
const PER_MONTH: usize = 700;
/// History reaches back at most 8 years. 100,000 leads at 700 a month would go back 12 years;
/// rather than that, the months fill up (~1,030 leads, ~500 deliveries: 1.7× the promise, a
/// busier past rather than decades of it).
const MAX_MONTHS: usize = 96;
const MONTH_MINUTES: i64 = 43_830; // 30.4375 days
/// Only leads of the last six months of history may still sit in nurture (stale by the
/// funnel's rules, so flagged); older ones went out in the half-yearly clean-up.
const NURTURE_MONTHS: usize = 6;
/// Quarterly campaigns: name, source, cost range in thousands.
const QUARTERLY: [(&str, &str, (i64, i64)); 3] = [
    ("Webinar Series", "webinar", (8, 16)),
    ("Search Ads", "paid_search", (20, 36)),
    ("Trade shows", "event", (30, 55)),
];
const NURTURE_NOTES: [&str; 5] = [
    "Opened nurture email",
    "Attended webinar",
    "Downloaded the report; nurture track",
    "Visited the pricing page",
    "Read a case study",
];

/// Where a history lead ended: its share, the stages after `new`, its exit and the reasons.
/// 49% reach MQL (a delivery); of those about 60% become an opportunity.
type Outcome = (
    f64,
    &'static [&'static str],
    Option<(&'static str, &'static [&'static str])>,
);
#[rustfmt::skip]
const OUTCOMES: [Outcome; 7] = [
    (0.07, &[], Some(("disqualified", &["Bad contact data", "Competitor or student"]))),
    (0.44, &["engaged"], Some(("recycled", &["No response after 5 touches", "Needs more education"]))),
    (0.06, &["engaged", "mql"], Some(("recycled", &["Timing: revisit next quarter"]))),
    (0.08, &["engaged", "mql"], Some(("disqualified", &["Wrong industry or size", "Not a decision maker"]))),
    (0.06, &["engaged", "mql", "sql"], Some(("disqualified", &["No budget", "Not a decision maker"]))),
    (0.17, &["engaged", "mql", "sql", "opportunity"], Some(("lost", &["Chose a competitor", "Price", "No decision", "Missing feature"]))),
    (0.12, &["engaged", "mql", "sql", "opportunity", "won"], None),
];

/// Days a move takes, drawn evenly from the range.
fn gap_days(from: &str, to: &str) -> (f64, f64) {
    match (from, to) {
        ("new", "engaged") => (0.5, 20.0),
        ("new", _) => (0.05, 5.0),
        ("engaged", "mql") => (2.0, 45.0),
        ("engaged", _) => (20.0, 120.0),
        ("mql", "sql") => (0.1, 4.0),
        ("mql", _) => (0.5, 10.0),
        ("sql", _) => (3.0, 30.0),
        _ => (14.0, 120.0),
    }
}

/// How many history leads, over how many months, ending where the recent window starts.
pub(super) struct Span {
    leads: usize,
    per_month: usize,
    months: usize,
    end: Timestamp,
    now: Timestamp,
}

impl Span {
    pub(super) fn new(leads: usize, now: Timestamp) -> Option<Span> {
        if leads == 0 {
            return None;
        }
        // Newest months first, each full; only the oldest is partly filled.
        let per_month = PER_MONTH.max(leads.div_ceil(MAX_MONTHS));
        Some(Span {
            leads,
            per_month,
            months: leads.div_ceil(per_month),
            end: now - Duration::days(WINDOW_DAYS),
            now,
        })
    }

    fn start(&self) -> Timestamp {
        self.end - Duration::minutes(MONTH_MINUTES * self.months as i64)
    }

    /// When the team joined: the first of the month the oldest history lead could arrive in.
    pub(super) fn joined(&self) -> NaiveDate {
        self.start()
            .date_naive()
            .with_day(1)
            .unwrap_or(self.start().date_naive())
    }

    /// Quarterly campaigns over the span, then each lead (newest month first) with its history.
    /// Both run newest first with their own random streams, so a larger demo only adds older
    /// rows after the ones a smaller demo holds.
    pub(super) fn write(
        &self,
        w: &mut BulkWriter<'_>,
        seed: u64,
        summary: &mut DemoSummary,
    ) -> store::Result<()> {
        let stream = |n| {
            let mut rng = ChaCha8Rng::seed_from_u64(seed);
            rng.set_stream(n);
            rng
        };
        let mut rng = stream(2);
        let last_q = quarter(self.end.date_naive());
        let mut campaigns = Vec::new();
        for q in (quarter(self.start().date_naive())..=last_q).rev() {
            let (year, n) = (q / 4, q % 4 + 1);
            let starts = NaiveDate::from_ymd_opt(year, (n * 3 - 2) as u32, 1);
            let ends = NaiveDate::from_ymd_opt(year + n / 4, (n % 4 * 3 + 1) as u32, 1)
                .map(|d| d - Duration::days(1));
            for (name, source, (lo, hi)) in QUARTERLY {
                let id = w.campaign(&Campaign {
                    id: 0,
                    name: format!("{name} {year} Q{n}"),
                    source: source.to_string(),
                    cost: Some(Money::from_units(rng.random_range(lo..=hi) * 1000)),
                    starts_on: starts,
                    ends_on: ends,
                })?;
                campaigns.push((id, name, source));
            }
        }
        let rng = &mut stream(1);
        for j in 0..self.leads {
            let month = j / self.per_month;
            let created = self.end
                - Duration::minutes(
                    month as i64 * MONTH_MINUTES + rng.random_range(1..MONTH_MINUTES),
                );
            let mut plan = self.plan(
                rng,
                created,
                month < NURTURE_MONTHS,
                super::RECENT_CAPACITY + j,
            );
            let campaign = if rng.random_bool(0.8) {
                let q = (last_q - quarter(created.date_naive())) as usize * QUARTERLY.len();
                let (id, name, source) = campaigns[q + rng.random_range(0..QUARTERLY.len())];
                plan.lead.campaign = Some(name.to_string());
                plan.lead.source = source.to_string();
                Some(id)
            } else {
                plan.lead.source = SOURCES[rng.random_range(0..SOURCES.len())].to_string();
                None
            };
            super::write_plan(w, plan, campaign, summary)?;
        }
        Ok(())
    }

    fn plan(&self, rng: &mut ChaCha8Rng, created: Timestamp, may_nurture: bool, i: usize) -> Plan {
        let first = FIRST[rng.random_range(0..FIRST.len())];
        let last = LAST[rng.random_range(0..LAST.len())];
        let company = format!(
            "{} {}",
            CO_A[rng.random_range(0..CO_A.len())],
            CO_B[rng.random_range(0..CO_B.len())]
        );
        let email = format!(
            "{}.{}{}@{}.com",
            first.to_ascii_lowercase(),
            last.to_ascii_lowercase(),
            i,
            company.to_ascii_lowercase().replace(' ', "")
        );
        let marketer = MARKETING[rng.random_range(0..MARKETING.len())].0;
        // The newest sales rep joined this month: history never names them.
        let seller = SALES[rng.random_range(0..SALES.len() - 1)].0;

        let roll: f64 = rng.random();
        let (_, path, mut exit) = OUTCOMES
            .iter()
            .scan(0.0, |acc, o| {
                *acc += o.0;
                Some((*acc, o))
            })
            .find(|(acc, _)| roll < *acc)
            .map_or(OUTCOMES[OUTCOMES.len() - 1], |(_, o)| *o);
        // A few engaged leads of the last half-year are still being nurtured.
        if may_nurture && path == ["engaged"] && rng.random_bool(0.12) {
            exit = None;
        }
        let mut moves: Vec<(&str, &str, &str)> = Vec::new();
        let mut from = "new";
        for to in path {
            moves.push((from, to, ""));
            from = to;
        }
        if let Some((to, why)) = exit {
            moves.push((from, to, why[rng.random_range(0..why.len())]));
        }

        // Times: drawn gaps, squeezed if the lead would still be moving a day before now.
        let gaps: Vec<f64> = moves
            .iter()
            .map(|(f, t, _)| {
                let (lo, hi) = gap_days(f, t);
                rng.random_range(lo..hi) * 24.0 * 60.0
            })
            .collect();
        let room = (self.now - Duration::days(1) - created).num_minutes() as f64;
        let squeeze = (room / gaps.iter().sum::<f64>().max(1.0)).min(1.0);
        let mut events = vec![StageEvent {
            id: 0,
            lead_id: 0,
            from: None,
            to: "new".into(),
            by: marketer.into(),
            at: created,
            reason: "created".into(),
        }];
        let mut at = created;
        let mut delivered = None;
        let mut engaged = None;
        for ((f, t, why), gap) in moves.iter().zip(&gaps) {
            at = (at + Duration::minutes((gap * squeeze) as i64)).max(at + Duration::minutes(5));
            let by = if delivered.is_some() {
                seller
            } else {
                marketer
            };
            events.push(StageEvent {
                id: 0,
                lead_id: 0,
                from: Some(f.to_string()),
                to: t.to_string(),
                by: by.into(),
                at,
                reason: why.to_string(),
            });
            match *t {
                "mql" => delivered = Some(at),
                "engaged" => engaged = Some(at),
                _ => {}
            }
        }
        let stage = moves.last().map_or("new", |m| m.1);
        let nurture = stage == "engaged";
        let stage_entered_at = at;

        let mut activities = Vec::new();
        // Marketing's nurture touches while engaged (notes: not sales contacts).
        if let Some(e) = engaged {
            let until = delivered.unwrap_or(if nurture { self.now } else { at });
            touches(rng, &mut activities, e, until, 0..3, marketer, |rng| {
                (
                    ActivityKind::Note,
                    NURTURE_NOTES[rng.random_range(0..NURTURE_NOTES.len())],
                )
            });
        }
        // Sales work from hand-off to the exit.
        if let Some(d) = delivered {
            // Leads that reached SQL were worked; the rest were dropped within days.
            let n = if path.len() >= 3 { 4..24 } else { 1..4 };
            touches(rng, &mut activities, d, at, n, seller, |rng| {
                let kind = match rng.random_range(0..10) {
                    0..=3 => ActivityKind::Call,
                    4..=6 => ActivityKind::Email,
                    7..=8 => ActivityKind::Meeting,
                    _ => ActivityKind::Note,
                };
                (kind, CALL_NOTES[rng.random_range(0..CALL_NOTES.len())])
            });
        }
        let first_contact = activities
            .iter()
            .find(|a| a.kind.is_contact() && delivered.is_some_and(|d| a.at >= d))
            .map(|a| a.at);
        let last_activity = activities.iter().map(|a| a.at).max();
        let depth = path.len();
        let owner = if delivered.is_some() {
            seller
        } else {
            marketer
        };
        let lead = Lead {
            expected_close: None,
            currency: String::new(),
            id: 0,
            phone: String::new(),
            external_id: Some(format!("DEMO-{:06}", i + 1)),
            name: format!("{first} {last}"),
            company,
            email,
            source: String::new(),
            campaign: None,
            owner: Some(owner.to_string()),
            qualified_by: delivered.map(|_| marketer.to_string()),
            stage: stage.to_string(),
            score: rng.random_range(5..100),
            value: if depth >= 3 {
                Money::from_units(rng.random_range(20..800) * 100)
            } else {
                Money(0)
            },
            priority: !nurture && rng.random_bool(0.07),
            next_step: String::new(),
            next_step_due: None,
            created_at: created,
            stage_entered_at,
            delivered_at: delivered,
            first_contact_at: first_contact,
            last_activity_at: last_activity,
            version: 1,
            updated_at: stage_entered_at.max(last_activity.unwrap_or(stage_entered_at)),
            updated_by: owner.to_string(),
        };
        Plan {
            lead,
            events,
            activities,
        }
    }
}

/// `n` activities by one person, spread evenly (with jitter) from `from` to before `until`.
fn touches(
    rng: &mut ChaCha8Rng,
    out: &mut Vec<Activity>,
    from: Timestamp,
    until: Timestamp,
    n: std::ops::Range<usize>,
    by: &str,
    what: impl Fn(&mut ChaCha8Rng) -> (ActivityKind, &'static str),
) {
    let n = rng.random_range(n);
    let step = (until - from).num_minutes() / (n as i64 + 1);
    if step < 10 {
        return;
    }
    let mut t = from;
    for _ in 0..n {
        t += Duration::minutes(rng.random_range(step / 2..step * 3 / 2));
        if t >= until {
            break;
        }
        let (kind, body) = what(rng);
        out.push(Activity {
            id: 0,
            lead_id: 0,
            kind,
            by: by.into(),
            at: t,
            body: body.into(),
            outcome: None,
        });
    }
}

/// Quarters counted from year 0, so consecutive quarters differ by one.
fn quarter(d: NaiveDate) -> i32 {
    d.year() * 4 + (d.month0() / 3) as i32
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    #[test]
    fn months_fill_at_the_base_rate_up_to_eight_years_then_grow_denser() {
        let now = Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap();
        assert!(Span::new(0, now).is_none());
        let small = Span::new(1000, now).unwrap();
        // 700 in the newest month, 300 in the one before.
        assert_eq!((small.per_month, small.months), (700, 2));
        let big = Span::new(99_000, now).unwrap();
        // 99,000 / 96 months = 1031.25, rounded up.
        assert_eq!((big.per_month, big.months), (1032, 96));
        // The window starts 2026-09-16 09:00; 96 × 30.4375 days before is 2018-09-16 09:00.
        assert_eq!(big.joined(), NaiveDate::from_ymd_opt(2018, 9, 1).unwrap());
    }

    #[test]
    fn quarters_are_consecutive_across_years() {
        let d = |y, m| NaiveDate::from_ymd_opt(y, m, 15).unwrap();
        assert_eq!(quarter(d(2025, 12)) + 1, quarter(d(2026, 1)));
        assert_eq!(quarter(d(2026, 3)), quarter(d(2026, 1)));
        assert_eq!(quarter(d(2026, 4)), quarter(d(2026, 3)) + 1);
    }
}
