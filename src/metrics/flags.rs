//! Red flags: each a kind with its threshold, most urgent first.

use super::sla::Sla;
use crate::domain::facts::{FlagCandidates, LeadFacts};
use crate::domain::{LeadId, Stage, StageKind, Team, Timestamp};
use chrono::{Duration, NaiveDate};
use serde::Serialize;

/// Days without any activity after which a priority account is flagged.
pub const PRIORITY_QUIET_DAYS: i64 = 14;

/// Kinds in order of urgency: the meeting walks them top-down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagKind {
    /// Delivered, no first contact, window passed.
    Uncontacted,
    /// An SLA gauge is below its pace.
    SlaBehind,
    NextStepOverdue,
    /// A lead that was disqualified (itself, or another lead with its e-mail or external id) delivered again.
    DisqualifiedRedelivered,
    /// A priority account nobody touched in `PRIORITY_QUIET_DAYS`.
    PriorityQuiet,
    /// Longer in an open stage than the stage's limit.
    Stale,
    /// An open sales-owned lead with no next step.
    NoNextStep,
    RecycledNoReason,
}

impl FlagKind {
    pub const ALL: [FlagKind; 8] = [
        FlagKind::Uncontacted,
        FlagKind::SlaBehind,
        FlagKind::NextStepOverdue,
        FlagKind::DisqualifiedRedelivered,
        FlagKind::PriorityQuiet,
        FlagKind::Stale,
        FlagKind::NoNextStep,
        FlagKind::RecycledNoReason,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FlagKind::Uncontacted => "uncontacted",
            FlagKind::SlaBehind => "sla_behind",
            FlagKind::NextStepOverdue => "next_step_overdue",
            FlagKind::DisqualifiedRedelivered => "disqualified_redelivered",
            FlagKind::PriorityQuiet => "priority_quiet",
            FlagKind::Stale => "stale",
            FlagKind::NoNextStep => "no_next_step",
            FlagKind::RecycledNoReason => "recycled_no_reason",
        }
    }

    /// The kind a key names (`uncontacted`, `stale`, …), or the list of keys.
    pub fn from_key(s: &str) -> Result<FlagKind, String> {
        let key = s.trim().to_ascii_lowercase().replace('-', "_");
        FlagKind::ALL
            .into_iter()
            .find(|k| k.as_str() == key)
            .ok_or_else(|| {
                let keys: Vec<&str> = FlagKind::ALL.iter().map(|k| k.as_str()).collect();
                format!("unknown flag {:?} (known: {})", s.trim(), keys.join(", "))
            })
    }

    /// A word or two, for counts: "5 stale, 4 overdue".
    pub fn short(self) -> &'static str {
        match self {
            FlagKind::Uncontacted => "uncontacted",
            FlagKind::SlaBehind => "SLA behind",
            FlagKind::NextStepOverdue => "overdue",
            FlagKind::DisqualifiedRedelivered => "disqualified back",
            FlagKind::PriorityQuiet => "priority quiet",
            FlagKind::Stale => "stale",
            FlagKind::NoNextStep => "no next step",
            FlagKind::RecycledNoReason => "recycled w/o reason",
        }
    }

    /// A heading for people, with the threshold in words.
    pub fn title(self) -> &'static str {
        match self {
            FlagKind::Uncontacted => "Not contacted within the first-contact window",
            FlagKind::SlaBehind => "SLA gauge behind pace",
            FlagKind::NextStepOverdue => "Next step overdue",
            FlagKind::DisqualifiedRedelivered => "Disqualified lead back in the funnel",
            FlagKind::PriorityQuiet => "Priority account, no activity in 14 days",
            FlagKind::Stale => "Stale: longer in the stage than agreed",
            FlagKind::NoNextStep => "Open sales lead without a next step",
            FlagKind::RecycledNoReason => "Recycled without a reason",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Flag {
    pub kind: FlagKind,
    /// `None` for flags about a gauge rather than a lead.
    pub lead_id: Option<LeadId>,
    /// Lead name and company, or the gauge's name.
    pub lead: String,
    pub owner: Option<String>,
    /// When the flag went up: the moment the threshold was crossed.
    pub since: Timestamp,
    /// The specific fact, e.g. `MQL 9d (limit 3d)`.
    pub detail: String,
}

/// Thresholds in force for this evaluation.
pub struct Rules<'a> {
    pub stages: &'a [Stage],
    /// The SLA agreements, oldest first: each delivery is judged by the window then in force.
    pub agreements: &'a [crate::domain::Agreement],
    /// "Today" in the team's zone, for due dates.
    pub today: NaiveDate,
    /// The team's zone: a due date is overdue from the start of the day after it.
    pub tz: &'a super::zone::Zone,
}

fn label(l: &LeadFacts) -> String {
    if l.company.is_empty() {
        l.name.clone()
    } else {
        format!("{} ({})", l.name, l.company)
    }
}

fn flag(kind: FlagKind, l: &LeadFacts, since: Timestamp, detail: String) -> Flag {
    Flag {
        kind,
        lead_id: Some(l.id),
        lead: label(l),
        owner: l.owner.clone(),
        since,
        detail,
    }
}

fn days(d: Duration) -> i64 {
    d.num_days()
}

/// Applies every rule to its candidates at `as_of`; a candidate that does not meet the exact
/// rule is dropped. Sorted by kind (most urgent first), then oldest first.
pub fn evaluate(
    c: &FlagCandidates,
    rules: &Rules<'_>,
    sla: Option<&Sla>,
    as_of: Timestamp,
) -> Vec<Flag> {
    let stage = |key: &str| rules.stages.iter().find(|s| s.key == key);
    let open = |l: &LeadFacts| stage(&l.stage).is_some_and(|s| s.is_open());
    let stage_name = |key: &str| stage(key).map_or(key.to_string(), |s| s.name.clone());
    let mut out = Vec::new();
    let waiting = super::sla::waiting_past_window(
        &c.uncontacted,
        rules.agreements,
        |k| stage(k).is_some_and(|s| s.is_open()),
        as_of,
    );
    for (l, deadline) in waiting {
        let delivered = l.delivered_at.unwrap_or(deadline);
        let hours = (deadline - delivered).num_hours();
        let late = days(as_of - deadline);
        out.push(flag(
            FlagKind::Uncontacted,
            l,
            deadline,
            format!(
                "{late}d over the {hours}h window (delivered {})",
                delivered.format("%m-%d %H:%M")
            ),
        ));
    }
    for l in &c.stale {
        let Some(s) = stage(&l.stage).filter(|s| s.is_open()) else {
            continue;
        };
        let Some(limit) = s.stale_after_days else {
            continue;
        };
        let since = l.stage_entered_at + Duration::days(limit);
        if since < as_of {
            out.push(flag(
                FlagKind::Stale,
                l,
                since,
                format!(
                    "{} {}d (limit {limit}d)",
                    s.name,
                    days(as_of - l.stage_entered_at)
                ),
            ));
        }
    }
    for l in c.next_step_overdue.iter().filter(|l| open(l)) {
        if let Some(due) = l.next_step_due.filter(|d| *d < rules.today) {
            let since = super::period::day_start(rules.tz, due + Duration::days(1));
            out.push(flag(
                FlagKind::NextStepOverdue,
                l,
                since,
                format!("due {due} · {}d late", (rules.today - due).num_days()),
            ));
        }
    }
    for l in c.no_next_step.iter().filter(|l| !l.has_next_step) {
        if stage(&l.stage).is_some_and(|s| s.is_open() && s.owner == Team::Sales) {
            out.push(flag(
                FlagKind::NoNextStep,
                l,
                l.stage_entered_at,
                format!(
                    "in {} since {}",
                    stage_name(&l.stage),
                    l.stage_entered_at.format("%Y-%m-%d")
                ),
            ));
        }
    }
    let quiet = Duration::days(PRIORITY_QUIET_DAYS);
    for l in c.priority_quiet.iter().filter(|l| l.priority && open(l)) {
        let last = l.last_activity_at.unwrap_or(l.created_at);
        if last + quiet < as_of {
            let what = match l.last_activity_at {
                Some(a) => format!("last activity {}", a.format("%Y-%m-%d")),
                None => "no activity ever".to_string(),
            };
            out.push(flag(
                FlagKind::PriorityQuiet,
                l,
                last + quiet,
                format!("{what} · {}d quiet", days(as_of - last)),
            ));
        }
    }
    // Back in the funnel after a disqualification: flagged from the delivery, or, before
    // hand-off, from when it came back, so marketing can stop it before sales gets it again.
    for l in c.redelivered.iter().filter(|l| open(l)) {
        let (since, what) = match l.delivered_at.filter(|d| *d <= as_of) {
            Some(d) => (d, format!("delivered {}", d.format("%Y-%m-%d"))),
            None => (
                l.created_at,
                format!("in {}, not delivered yet", stage_name(&l.stage)),
            ),
        };
        out.push(flag(
            FlagKind::DisqualifiedRedelivered,
            l,
            since,
            format!("{what}; same e-mail as a disqualified lead, or disqualified before"),
        ));
    }
    for l in &c.recycled_no_reason {
        if stage(&l.stage).is_some_and(|s| s.kind == StageKind::Recycled) {
            out.push(flag(
                FlagKind::RecycledNoReason,
                l,
                l.stage_entered_at,
                format!(
                    "recycled {} with no reason",
                    l.stage_entered_at.format("%Y-%m-%d")
                ),
            ));
        }
    }
    if let Some(sla) = sla {
        out.extend(gauge_flags(sla));
    }
    out.sort_by_key(|f| (f.kind, f.since, f.lead_id));
    out
}

/// A flag for each team gauge below pace, dated from the period's start.
fn gauge_flags(sla: &Sla) -> Vec<Flag> {
    let mut out = Vec::new();
    let pairs = [
        (
            "Leads delivered",
            "promised",
            Team::Marketing,
            &sla.leads_delivered,
            sla.months.last(),
        ),
        (
            "Contacts made",
            "committed",
            Team::Sales,
            &sla.contacts_made,
            sla.weeks.last(),
        ),
    ];
    for (name, word, team, g, p) in pairs {
        if let (true, Some(p)) = (g.behind, p) {
            out.push(Flag {
                kind: FlagKind::SlaBehind,
                lead_id: None,
                lead: format!("{name} {}", p.label),
                owner: Some(team.as_str().to_string()),
                since: p.span.start,
                detail: format!(
                    "{} of {:.0} {word}, pace {:.0}: behind",
                    g.actual, g.target, g.pace
                ),
            });
        }
    }
    out
}

/// A flag held back by a snooze, with the snooze.
pub type Snoozed = (Flag, crate::domain::Snooze);

/// Flags acknowledged with a snooze leave the list; each comes back with the snooze that
/// holds it, for the report.
pub fn split_snoozed(
    flags: Vec<Flag>,
    snoozes: &[crate::domain::Snooze],
) -> (Vec<Flag>, Vec<Snoozed>) {
    let mut open = Vec::with_capacity(flags.len());
    let mut parked = Vec::new();
    for f in flags {
        let held = f.lead_id.and_then(|id| {
            snoozes
                .iter()
                .filter(|s| s.lead_id == id && s.kind == f.kind.as_str())
                .max_by_key(|s| s.until)
        });
        match held {
            Some(s) => parked.push((f, s.clone())),
            None => open.push(f),
        }
    }
    (open, parked)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::facts::LeadFacts;

    fn t(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn stage(key: &str, owner: Team, kind: StageKind, stale: Option<i64>) -> Stage {
        Stage {
            key: key.into(),
            name: key.to_uppercase(),
            position: 0,
            owner,
            kind,
            stale_after_days: stale,
            is_handoff: key == "mql",
            definition: String::new(),
        }
    }

    fn lead(id: i64, stage: &str, entered: &str) -> LeadFacts {
        LeadFacts {
            id,
            name: format!("L{id}"),
            company: String::new(),
            owner: Some("sam".into()),
            stage: stage.into(),
            priority: false,
            has_next_step: true,
            next_step_due: None,
            created_at: t(entered),
            stage_entered_at: t(entered),
            delivered_at: None,
            first_contact_at: None,
            last_activity_at: None,
        }
    }

    #[test]
    fn thresholds_are_strict_and_exact() {
        let stages = [
            stage("mql", Team::Sales, StageKind::Open, Some(3)),
            stage("won", Team::Sales, StageKind::Won, None),
        ];
        let now = t("2026-11-25T09:00:00Z");
        let rules = Rules {
            stages: &stages,
            agreements: &[],
            today: now.date_naive(),
            tz: &crate::metrics::zone::Zone::UTC,
        };
        // Exactly 3 days in MQL is not yet stale; one second more is.
        let mut at_limit = lead(1, "mql", "2026-11-22T09:00:00Z");
        let over = lead(2, "mql", "2026-11-22T08:59:59Z");
        // Delivered exactly 48 h ago, uncontacted: not yet flagged; 48 h + 1 s: flagged.
        at_limit.delivered_at = Some(t("2026-11-23T09:00:00Z"));
        let mut late = lead(3, "mql", "2026-11-23T08:59:59Z");
        late.delivered_at = Some(t("2026-11-23T08:59:59Z"));
        // A closed lead is never stale, and a contacted one never uncontacted.
        let won = lead(4, "won", "2026-01-01T00:00:00Z");
        let mut contacted = late.clone();
        contacted.id = 5;
        contacted.first_contact_at = Some(t("2026-11-24T00:00:00Z"));
        let c = FlagCandidates {
            stale: vec![at_limit.clone(), over, won],
            uncontacted: vec![at_limit, late, contacted],
            ..FlagCandidates::default()
        };
        let got: Vec<(FlagKind, Option<i64>)> = evaluate(&c, &rules, None, now)
            .iter()
            .map(|f| (f.kind, f.lead_id))
            .collect();
        assert_eq!(
            got,
            vec![(FlagKind::Uncontacted, Some(3)), (FlagKind::Stale, Some(2))]
        );
    }

    #[test]
    fn overdue_from_the_day_after_the_due_date() {
        let stages = [stage("sql", Team::Sales, StageKind::Open, None)];
        let now = t("2026-11-25T09:00:00Z");
        let rules = Rules {
            stages: &stages,
            agreements: &[],
            today: now.date_naive(),
            tz: &crate::metrics::zone::Zone::UTC,
        };
        let mut due_today = lead(1, "sql", "2026-11-01T00:00:00Z");
        due_today.next_step_due = now.date_naive().pred_opt();
        let mut not_yet = due_today.clone();
        not_yet.id = 2;
        not_yet.next_step_due = Some(now.date_naive());
        let c = FlagCandidates {
            next_step_overdue: vec![due_today, not_yet],
            ..FlagCandidates::default()
        };
        let flags = evaluate(&c, &rules, None, now);
        assert_eq!(flags.len(), 1);
        assert_eq!(flags[0].lead_id, Some(1));
        assert_eq!(flags[0].since, t("2026-11-25T00:00:00Z"));
    }

    #[test]
    fn a_disqualified_lead_back_in_the_funnel_is_flagged_from_its_delivery_or_return() {
        let stages = [
            stage("new", Team::Marketing, StageKind::Open, None),
            stage("mql", Team::Sales, StageKind::Open, None),
            stage("dq", Team::Sales, StageKind::Disqualified, None),
        ];
        let now = t("2026-11-25T09:00:00Z");
        let rules = Rules {
            stages: &stages,
            agreements: &[],
            today: now.date_naive(),
            tz: &crate::metrics::zone::Zone::UTC,
        };
        let back = lead(1, "new", "2026-11-20T00:00:00Z");
        let mut delivered = lead(2, "mql", "2026-11-21T00:00:00Z");
        delivered.delivered_at = Some(t("2026-11-22T00:00:00Z"));
        let closed = lead(3, "dq", "2026-11-01T00:00:00Z");
        let c = FlagCandidates {
            redelivered: vec![back, delivered, closed],
            ..FlagCandidates::default()
        };
        let got: Vec<(Option<i64>, Timestamp)> = evaluate(&c, &rules, None, now)
            .iter()
            .map(|f| (f.lead_id, f.since))
            .collect();
        assert_eq!(
            got,
            vec![
                (Some(1), t("2026-11-20T00:00:00Z")),
                (Some(2), t("2026-11-22T00:00:00Z"))
            ]
        );
    }
}
