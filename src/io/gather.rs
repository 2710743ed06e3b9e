//! Store → metrics: asks the store for exactly the facts a computation at `as_of` needs.

use crate::domain::Timestamp;
use crate::domain::{Agreement, LeadFilter};
use crate::metrics::flags::{self, Flag, Rules};
use crate::metrics::funnel::{self, Funnel};
use crate::metrics::sla::{self, Sla, SlaFacts};
use crate::metrics::{Plan, Report, StageFigure};
use crate::store::{Result, Store, StoreError};
use chrono::Duration;

pub fn plan(store: &Store, as_of: Timestamp) -> Result<(Plan, Vec<Agreement>)> {
    let agreements = store.agreements()?;
    let plan = Plan::new(&agreements, as_of).map_err(StoreError::Invalid)?;
    Ok((plan, agreements))
}

pub fn sla(store: &Store, plan: &Plan, agreements: &[Agreement]) -> Result<Sla> {
    sla_with(store, plan, agreements, true)
}

/// The gauges without the first-contact breakdown (which reads every delivery of the
/// month): enough for the "SLA gauge behind pace" flags.
pub fn gauges(store: &Store, plan: &Plan, agreements: &[Agreement]) -> Result<Sla> {
    sla_with(store, plan, agreements, false)
}

fn sla_with(
    store: &Store,
    plan: &Plan,
    agreements: &[Agreement],
    first_contact: bool,
) -> Result<Sla> {
    let (deliveries, waiting) = if first_contact {
        let before = plan.as_of - Duration::hours(sla::shortest_window(agreements));
        (
            store.deliveries(plan.current_month_span(), plan.as_of)?,
            store.uncontacted(before)?,
        )
    } else {
        (Vec::new(), Vec::new())
    };
    let facts = SlaFacts {
        delivered: store.delivery_counts(&plan.month_spans())?,
        contacts: store.contact_counts(&plan.week_spans())?,
        deliveries,
        waiting,
        open_stages: open_stages(store)?,
    };
    Ok(sla::compute(
        plan.months.clone(),
        plan.weeks.clone(),
        &plan.tz,
        &store.reps()?,
        agreements,
        &facts,
        plan.as_of,
    ))
}

fn open_stages(store: &Store) -> Result<Vec<String>> {
    Ok(store
        .stages()?
        .into_iter()
        .filter(|s| s.is_open())
        .map(|s| s.key)
        .collect())
}

/// The red flags open now: every flag the rules raise, less those snoozed.
pub fn flags(store: &Store, plan: &Plan, sla: Option<&Sla>) -> Result<Vec<Flag>> {
    Ok(flags_and_snoozed(store, plan, sla)?.0)
}

/// The open flags, and the snoozed ones with the snooze that holds each.
pub fn flags_and_snoozed(
    store: &Store,
    plan: &Plan,
    sla: Option<&Sla>,
) -> Result<(Vec<Flag>, Vec<flags::Snoozed>)> {
    let all = all_flags(store, plan, sla)?;
    Ok(flags::split_snoozed(
        all,
        &store.active_snoozes(plan.today())?,
    ))
}

fn all_flags(store: &Store, plan: &Plan, sla: Option<&Sla>) -> Result<Vec<Flag>> {
    let agreements = store.agreements()?;
    let as_of = plan.as_of;
    let candidates = store.flag_candidates(
        as_of,
        as_of - Duration::hours(sla::shortest_window(&agreements)),
        as_of - Duration::days(flags::PRIORITY_QUIET_DAYS),
        plan.today(),
    )?;
    let stages = store.stages()?;
    let rules = Rules {
        stages: &stages,
        agreements: &agreements,
        today: plan.today(),
        tz: &plan.tz,
    };
    Ok(flags::evaluate(&candidates, &rules, sla, as_of))
}

/// The funnel of the leads created from `since` (all when `None`) up to `as_of`.
pub fn funnel(store: &Store, since: Option<Timestamp>, as_of: Timestamp) -> Result<Funnel> {
    Ok(funnel::compute(
        &store.stages()?,
        &store.funnel_rows(since, as_of)?,
        &store.entered_directly(since, as_of)?,
        &store.stay_buckets(as_of)?,
        &store.campaigns()?,
        &store.bounce_rows(since, as_of)?,
    ))
}

pub fn stage_figures(store: &Store) -> Result<Vec<StageFigure>> {
    let summary = store.board_summary(&LeadFilter::default())?;
    Ok(store
        .stages()?
        .into_iter()
        .map(|s| {
            let (count, value, other) = summary
                .iter()
                .find(|c| c.stage == s.key)
                .map_or((0, Default::default(), Default::default()), |c| {
                    (c.count, c.value, c.other.clone())
                });
            StageFigure {
                key: s.key,
                name: s.name,
                owner: s.owner,
                count,
                value,
                other,
            }
        })
        .collect())
}

/// Everything the report shows.
pub fn report(store: &Store, as_of: Timestamp) -> Result<Report> {
    report_since(store, None, as_of)
}

/// The report with the funnel's cohort starting at `since`.
pub fn report_since(store: &Store, since: Option<Timestamp>, as_of: Timestamp) -> Result<Report> {
    store.read_snapshot(|store| {
        let (plan, agreements) = plan(store, as_of)?;
        let sla = sla(store, &plan, &agreements)?;
        let (flags, snoozed) = flags_and_snoozed(store, &plan, Some(&sla))?;
        Ok(Report {
            as_of,
            stages: stage_figures(store)?,
            funnel: funnel(store, since, as_of)?,
            funnel_since: since,
            flags,
            snoozed,
            sla,
        })
    })
}
