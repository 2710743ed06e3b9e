//! The seeded demo database: a believable quarter of a small team's funnel, with examples
//! of every red flag. Same seed and same "now", same data.

use crate::domain::{
    Activity, ActivityKind, Campaign, Lead, Money, Rep, StageEvent, Team, Timestamp,
};
use crate::store::{self, Store};
use chrono::{Duration, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

mod history;

/// How many days back the recent window reaches: the live part of the funnel.
const WINDOW_DAYS: i64 = 70;

/// Most leads the recent window holds; any more become history before it. A real team's file:
/// 3 marketers promised 100 leads each a month owe 300 deliveries. About 55% of window leads
/// reach MQL and deliveries bunch towards the present, so 1,000 leads put ~330 deliveries in
/// the current month (on the 25th: 327 against a pace of 244) and ~200 in the one before.
/// At or below this many leads, the demo is exactly what it always was.
pub const RECENT_CAPACITY: usize = 1000;

pub struct DemoOptions {
    pub leads: usize,
    pub seed: u64,
    pub now: Timestamp,
}

const MARKETING: [(&str, &str); 3] = [
    ("maya", "Maya Lindqvist"),
    ("omar", "Omar Haddad"),
    ("jules", "Jules Moreau"),
];
const SALES: [(&str, &str); 5] = [
    ("ana", "Ana Souza"),
    ("ben", "Ben Okafor"),
    ("chen", "Chen Wei"),
    ("dara", "Dara Murphy"),
    ("eli", "Eli Novak"),
];
const FIRST: [&str; 24] = [
    "Alex", "Priya", "Jonas", "Fatima", "Liam", "Sofia", "Kenji", "Amara", "Noah", "Elena", "Ravi",
    "Chloe", "Mateo", "Ingrid", "Tariq", "Hana", "Lucas", "Zoe", "Pavel", "Aisha", "Diego", "Mei",
    "Oscar", "Leila",
];
const LAST: [&str; 24] = [
    "Fischer", "Patel", "Berg", "Nakamura", "Silva", "Kowalski", "Dubois", "Okoye", "Rossi",
    "Jensen", "Hughes", "Costa", "Schmidt", "Ibrahim", "Larsen", "Tanaka", "Moreno", "Quinn",
    "Varga", "Adeyemi", "Novak", "Reyes", "Walsh", "Kim",
];
const CO_A: [&str; 16] = [
    "Acme",
    "Northwind",
    "Bluefin",
    "Copperleaf",
    "Helix",
    "Lumen",
    "Orbital",
    "Pinecrest",
    "Quanta",
    "Redwood",
    "Summit",
    "Tidal",
    "Vertex",
    "Willow",
    "Zephyr",
    "Granite",
];
const CO_B: [&str; 10] = [
    "Labs",
    "Logistics",
    "Health",
    "Analytics",
    "Foods",
    "Robotics",
    "Finance",
    "Media",
    "Energy",
    "Retail",
];
const SOURCES: [&str; 6] = [
    "webinar",
    "paid_search",
    "event",
    "content",
    "referral",
    "organic",
];
const CALL_NOTES: [&str; 6] = [
    "Intro call, interested in Q1 rollout",
    "Left voicemail",
    "Sent pricing deck",
    "Demo booked with their ops lead",
    "Discussed integration with their CRM",
    "Follow-up on security questionnaire",
];
const NEXT_STEPS: [&str; 6] = [
    "Book discovery call",
    "Send case study",
    "Follow up on proposal",
    "Schedule demo",
    "Confirm budget owner",
    "Send contract",
];

/// Campaigns: name, source, cost in whole currency units, start as days before now, length.
const CAMPAIGNS: [(&str, &str, Option<i64>, i64, i64); 5] = [
    ("Spring Webinar Series", "webinar", Some(12_000), 80, 45),
    ("Search Ads Q3", "paid_search", Some(30_000), 75, 75),
    ("RevOps Summit booth", "event", Some(45_000), 40, 3),
    ("State of Pipeline report", "content", Some(8_000), 65, 60),
    ("Partner referrals", "referral", None, 90, 90),
];

/// Writes the demo data into an (already migrated, empty or cleared) store.
pub fn generate(store: &mut Store, opts: &DemoOptions) -> store::Result<DemoSummary> {
    let mut rng = ChaCha8Rng::seed_from_u64(opts.seed);
    let now = opts.now;
    let today = now.date_naive();
    let mut w = store.bulk_writer()?;
    w.clear_team_data()?;
    let history = history::Span::new(opts.leads.saturating_sub(RECENT_CAPACITY), now);
    // The team joined before the oldest history it appears in.
    let start = history.as_ref().map_or(today - Duration::days(120), |h| {
        h.joined().min(today - Duration::days(120))
    });
    for (h, n) in MARKETING {
        w.rep(&rep(h, n, Team::Marketing, start))?;
    }
    for (i, (h, n)) in SALES.iter().enumerate() {
        // The last sales rep joined mid-month, so per-rep targets have a part-month case
        // (and history never names them).
        let from = if i == SALES.len() - 1 {
            today - Duration::days(today.format("%d").to_string().parse::<i64>().unwrap_or(1) / 2)
        } else {
            start
        };
        w.rep(&rep(h, n, Team::Sales, from))?;
    }
    let mut campaign_ids = Vec::new();
    for (name, source, cost, ago, len) in CAMPAIGNS {
        let starts = today - Duration::days(ago);
        let id = w.campaign(&Campaign {
            id: 0,
            name: name.to_string(),
            source: source.to_string(),
            cost: cost.map(Money::from_units),
            starts_on: Some(starts),
            ends_on: Some(starts + Duration::days(len)),
        })?;
        campaign_ids.push((id, name, source));
    }

    let mut summary = DemoSummary::default();
    let mut disqualified_emails: Vec<(String, String, String)> = Vec::new();
    for i in 0..opts.leads.min(RECENT_CAPACITY) {
        let mut plan = plan_lead(&mut rng, now, i);
        // Closed loop examples: a few new leads re-deliver someone already disqualified.
        if i % 97 == 50
            && let Some((name, company, email)) =
                disqualified_emails.get(i % disqualified_emails.len().max(1))
        {
            plan.lead.name = name.clone();
            plan.lead.company = company.clone();
            plan.lead.email = email.clone();
        }
        if plan.lead.stage == "disqualified" && disqualified_emails.len() < 50 {
            disqualified_emails.push((
                plan.lead.name.clone(),
                plan.lead.company.clone(),
                plan.lead.email.clone(),
            ));
        }
        let campaign = if rng.random_bool(0.8) {
            let (id, name, source) = campaign_ids[rng.random_range(0..campaign_ids.len())];
            plan.lead.campaign = Some(name.to_string());
            plan.lead.source = source.to_string();
            Some(id)
        } else {
            plan.lead.source = SOURCES[rng.random_range(0..SOURCES.len())].to_string();
            None
        };
        write_plan(&mut w, plan, campaign, &mut summary)?;
    }
    if let Some(h) = history {
        // Its own random streams, so the recent window draws exactly what it always drew.
        h.write(&mut w, opts.seed, &mut summary)?;
    }
    w.commit()?;
    Ok(summary)
}

/// Writes one planned lead with its stage events and activities, counting them.
fn write_plan(
    w: &mut crate::store::BulkWriter<'_>,
    plan: Plan,
    campaign: Option<i64>,
    summary: &mut DemoSummary,
) -> store::Result<()> {
    let id = w.lead(&plan.lead, campaign)?;
    for mut e in plan.events {
        e.lead_id = id;
        w.event(&e)?;
        summary.events += 1;
    }
    for mut a in plan.activities {
        a.lead_id = id;
        w.activity(&a)?;
        summary.activities += 1;
    }
    summary.leads += 1;
    Ok(())
}

#[derive(Debug, Default, PartialEq)]
pub struct DemoSummary {
    pub leads: usize,
    pub activities: usize,
    pub events: usize,
}

fn rep(handle: &str, name: &str, team: Team, from: NaiveDate) -> Rep {
    Rep {
        handle: handle.into(),
        name: name.into(),
        team,
        active_from: from,
        active_to: None,
    }
}

struct Plan {
    lead: Lead,
    events: Vec<StageEvent>,
    activities: Vec<Activity>,
}

/// How far a lead got: the open path, then maybe an exit.
fn plan_lead(rng: &mut ChaCha8Rng, now: Timestamp, i: usize) -> Plan {
    let created = now - Duration::minutes(rng.random_range(60..WINDOW_DAYS * 24 * 60));
    let first = FIRST[rng.random_range(0..FIRST.len())];
    let last = LAST[rng.random_range(0..LAST.len())];
    let company = format!(
        "{} {}",
        CO_A[rng.random_range(0..CO_A.len())],
        CO_B[rng.random_range(0..CO_B.len())]
    );
    let domain: String = company.to_ascii_lowercase().replace(' ', "");
    let email = format!(
        "{}.{}{}@{}.com",
        first.to_ascii_lowercase(),
        last.to_ascii_lowercase(),
        i,
        domain
    );
    let marketer = MARKETING[rng.random_range(0..MARKETING.len())].0;
    let seller = SALES[rng.random_range(0..SALES.len())].0;

    let path = ["new", "engaged", "mql", "sql", "opportunity", "won"];
    // How many steps along the open path this lead has taken.
    let roll: f64 = rng.random();
    let mut depth = if roll < 0.18 {
        0
    } else if roll < 0.42 {
        1
    } else if roll < 0.62 {
        2
    } else if roll < 0.80 {
        3
    } else if roll < 0.93 {
        4
    } else {
        5
    };
    let exit: Option<(&str, &str)> = match (depth, rng.random_range(0..10)) {
        (1, 0..=1) => Some(("recycled", "Needs more education")),
        (2, 0..=1) => Some(("disqualified", "Wrong industry or size")),
        (2, 2) => Some(("recycled", "Timing: revisit next quarter")),
        (3, 0..=1) => Some(("disqualified", "No budget")),
        (4, 0..=2) => Some(("lost", "Chose a competitor")),
        _ => None,
    };
    // Leads still in the first stage are mostly recent arrivals.
    let created = if depth == 0 && !rng.random_bool(0.15) {
        now - Duration::minutes(rng.random_range(60..10 * 24 * 60))
    } else {
        created
    };
    // Young leads have not had time to travel far.
    let age_days = (now - created).num_days();
    if age_days < 4 {
        depth = depth.min(1);
    } else if age_days < 10 {
        depth = depth.min(3);
    }
    let exit = if depth == 0 { None } else { exit };
    let mut events = Vec::new();
    let mut at = created;
    let mut delivered = None;
    events.push(StageEvent {
        id: 0,
        lead_id: 0,
        from: None,
        to: "new".into(),
        by: marketer.into(),
        at,
        reason: "created".into(),
    });
    let mut stage = "new";
    let mut moves: Vec<(&str, &str)> = path.windows(2).take(depth).map(|w| (w[0], w[1])).collect();
    if let Some((to, _)) = exit {
        moves.push((path[depth], to));
    }
    // Time already spent in the final stage: around its stale limit, so roughly a third is stale.
    let final_stage = moves.last().map_or("new", |m| m.1);
    let limit_days: i64 = match final_stage {
        "new" => 7,
        "engaged" => 21,
        "mql" => 3,
        "sql" => 14,
        "opportunity" => 30,
        _ => 20,
    };
    let span = (now - created).num_minutes().max(10);
    let in_final = (rng.random_range(0.0..1.6) * (limit_days * 24 * 60) as f64) as i64;
    let in_final = in_final.min(span * 9 / 10);
    let last_move_at = now - Duration::minutes(in_final);
    let n = moves.len();
    for (k, (from, to)) in moves.iter().enumerate() {
        // Earlier moves are spread between creation and the last move.
        at = if k + 1 == n {
            last_move_at
        } else {
            let share = (k + 1) as f64 / n as f64 * rng.random_range(0.7..1.0);
            created
                + Duration::minutes(((last_move_at - created).num_minutes() as f64 * share) as i64)
        }
        .max(at + Duration::minutes(5))
        .min(now - Duration::minutes(1));
        let reason = match (*to, exit) {
            (t, Some((x, why))) if t == x => {
                // One recycled lead in nine carries no reason: an old import, flagged for the meeting.
                if x == "recycled" && i % 9 == 0 {
                    ""
                } else {
                    why
                }
            }
            _ => "",
        };
        let by = if ["new", "engaged"].contains(from) {
            marketer
        } else {
            seller
        };
        events.push(StageEvent {
            id: 0,
            lead_id: 0,
            from: Some(from.to_string()),
            to: to.to_string(),
            by: by.into(),
            at,
            reason: reason.into(),
        });
        if *to == "mql" {
            delivered = Some(at);
        }
        stage = to;
    }
    let stage_entered_at = at;

    // Activities: sales contacts after hand-off; a share of delivered leads left uncontacted.
    let mut activities = Vec::new();
    let mut first_contact = None;
    let mut last_activity = None;
    if let Some(d) = delivered {
        let uncontacted = stage == "mql" && rng.random_bool(0.3);
        if !uncontacted {
            let n = rng.random_range(4..24);
            let mut t = d + Duration::minutes(rng.random_range(20..96 * 60));
            for _ in 0..n {
                if t >= now {
                    break;
                }
                let kind = match rng.random_range(0..10) {
                    0..=3 => ActivityKind::Call,
                    4..=6 => ActivityKind::Email,
                    7..=8 => ActivityKind::Meeting,
                    _ => ActivityKind::Note,
                };
                if kind.is_contact() && first_contact.is_none() {
                    first_contact = Some(t);
                }
                last_activity = Some(t);
                activities.push(Activity {
                    id: 0,
                    lead_id: 0,
                    kind,
                    by: seller.into(),
                    at: t,
                    body: CALL_NOTES[rng.random_range(0..CALL_NOTES.len())].into(),
                    outcome: None,
                });
                t += Duration::minutes(rng.random_range(4 * 60..3 * 24 * 60));
            }
        }
    } else if rng.random_bool(0.3) {
        let t = created + Duration::minutes(rng.random_range(10..600));
        if t < now {
            last_activity = Some(t);
            activities.push(Activity {
                id: 0,
                lead_id: 0,
                kind: ActivityKind::Note,
                by: marketer.into(),
                at: t,
                body: "Downloaded the report; nurture track".into(),
                outcome: None,
            });
        }
    }

    let sales_stage = ["mql", "sql", "opportunity", "won", "lost", "disqualified"].contains(&stage);
    let open = ["new", "engaged", "mql", "sql", "opportunity"].contains(&stage);
    let (next_step, due) = if open && sales_stage && rng.random_bool(0.8) {
        let due = now.date_naive() + Duration::days(rng.random_range(-10..15));
        (
            NEXT_STEPS[rng.random_range(0..NEXT_STEPS.len())].to_string(),
            Some(due),
        )
    } else {
        (String::new(), None)
    };
    let value = if depth >= 3 {
        Money::from_units(rng.random_range(20..800) * 100)
    } else {
        Money(0)
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
        owner: Some(if sales_stage { seller } else { marketer }.to_string()),
        qualified_by: delivered.map(|_| marketer.to_string()),
        stage: stage.to_string(),
        score: rng.random_range(5..100),
        value,
        priority: rng.random_bool(0.07),
        next_step,
        next_step_due: due,
        created_at: created,
        stage_entered_at,
        delivered_at: delivered,
        first_contact_at: first_contact,
        last_activity_at: last_activity,
        version: 1,
        updated_at: stage_entered_at.max(last_activity.unwrap_or(stage_entered_at)),
        updated_by: if sales_stage { seller } else { marketer }.to_string(),
    };
    Plan {
        lead,
        events,
        activities,
    }
}
