//! `leadboard reps | campaigns | reasons`: the team sets itself up without an import.
//! Every change is logged in the agreement log (who, when, old → new).

use super::Env;
use crate::cli::{
    AgreementArgs, AgreementChange, CampaignChange, CampaignFields, CampaignsArgs, ListFormat,
    ReasonChange, ReasonsArgs, RepChange, RepsArgs,
};
use crate::domain::{Campaign, CampaignEdit, Money, Rep, RepEdit, StageKind, validate};
use crate::io::{gather, json};
use crate::store::OpenMode;
use crate::text;
use chrono::NaiveDate;
use color_eyre::eyre::{Result, WrapErr};
use std::process::ExitCode;

pub fn reps(env: &Env, args: &RepsArgs) -> Result<ExitCode> {
    let mut store = super::open_store(env, OpenMode::Existing)?;
    let now = env.clock.now();
    let today = now.date_naive();
    let said = match &args.change {
        None | Some(RepChange::List) => None,
        Some(RepChange::Add {
            handle,
            name,
            team,
            from,
        }) => {
            let rep = Rep {
                handle: handle.clone(),
                name: name.clone(),
                team: *team,
                active_from: day(from.as_deref(), today, "--from")?,
                active_to: None,
            };
            store
                .add_rep(&rep, &env.user, now)
                .wrap_err_with(|| format!("adding rep {handle:?}"))?;
            Some(format!("added {} to {}", handle.trim(), team.as_str()))
        }
        Some(RepChange::Edit {
            handle,
            name,
            team,
            new_handle,
        }) => {
            let edit = RepEdit {
                name: name.clone(),
                team: *team,
                handle: new_handle.clone(),
            };
            let rep = store
                .edit_rep(handle, &edit, &env.user, now)
                .wrap_err_with(|| format!("editing rep {handle:?}"))?;
            Some(format!(
                "{} is now {} ({})",
                handle,
                rep.handle,
                rep.team.as_str()
            ))
        }
        Some(RepChange::Leave { handle, on }) => {
            let on = day(on.as_deref(), today, "--on")?;
            store
                .leave_rep(handle, on, &env.user, now)
                .wrap_err_with(|| format!("recording that {handle:?} left"))?;
            Some(format!(
                "{handle} left on {on}: their history stays, and they count toward targets through that day"
            ))
        }
    };
    // A change says what it did; with --format json it prints the list for the script.
    if let Some(s) = said
        && args.format == ListFormat::Text
    {
        super::out::println(&s);
        return Ok(ExitCode::SUCCESS);
    }
    let reps = store.reps()?;
    match args.format {
        ListFormat::Json => super::out::println(&json::to_string_pretty(&reps)?),
        ListFormat::Text => {
            let mut out = format!(
                "{:<16} {:<24} {:<10} {:<11} {}\n",
                "handle", "name", "team", "from", "left"
            );
            for r in &reps {
                out.push_str(&format!(
                    "{:<16} {:<24} {:<10} {:<11} {}\n",
                    text::fit(&r.handle, 16),
                    text::fit(&r.name, 24),
                    r.team.as_str(),
                    r.active_from,
                    r.active_to.map_or(String::new(), |d| d.to_string())
                ));
            }
            super::out::print(&out);
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn campaigns(env: &Env, args: &CampaignsArgs) -> Result<ExitCode> {
    let mut store = super::open_store(env, OpenMode::Existing)?;
    let now = env.clock.now();
    let today = now.date_naive();
    let said = match &args.change {
        None | Some(CampaignChange::List) => None,
        Some(CampaignChange::Add(f)) => {
            if f.name.is_some() {
                return Err(super::refused("--name renames a campaign with `campaigns edit`; `add` takes the name as its argument".to_string()));
            }
            let c = Campaign {
                id: 0,
                name: f.campaign.clone(),
                source: f.channel.clone().unwrap_or_default(),
                cost: opt_money(f.cost.as_deref())?.flatten(),
                starts_on: opt_day(f.start.as_deref(), today, "--start")?.flatten(),
                ends_on: opt_day(f.end.as_deref(), today, "--end")?.flatten(),
            };
            store
                .add_campaign(&c, &env.user, now)
                .wrap_err_with(|| format!("adding campaign {:?}", f.campaign))?;
            Some(format!("added campaign {}", f.campaign.trim()))
        }
        Some(CampaignChange::Edit(f)) => {
            let c = store
                .edit_campaign(&f.campaign, &edit_of(f, today)?, &env.user, now)
                .wrap_err_with(|| format!("editing campaign {:?}", f.campaign))?;
            Some(format!("campaign {} saved", c.name))
        }
    };
    // A change says what it did; with --format json it prints the list for the script.
    if let Some(s) = said
        && args.format == ListFormat::Text
    {
        super::out::println(&s);
        return Ok(ExitCode::SUCCESS);
    }
    let funnel = gather::funnel(&store, None, now)?;
    match args.format {
        ListFormat::Json => {
            super::out::println(&json::to_string_pretty(&funnel.campaigns)?);
        }
        ListFormat::Text => super::out::print(&crate::io::markdown::campaign_table(&funnel)),
    }
    Ok(ExitCode::SUCCESS)
}

pub fn agreement(env: &Env, args: &AgreementArgs) -> Result<ExitCode> {
    let mut store = super::open_store(env, OpenMode::Existing)?;
    let now = env.clock.now();
    if let Some(AgreementChange::Set {
        leads_per_rep_month,
        contacts_per_rep_week,
        first_contact_hours,
        timezone,
    }) = &args.change
    {
        let history = store.agreements()?;
        let mut a = crate::domain::Agreement::in_force(&history, now)
            .or(history.last())
            .cloned()
            .ok_or_else(|| super::refused("the file has no agreement to start from"))?;
        if let Some(v) = leads_per_rep_month {
            a.leads_per_rep_month = *v;
        }
        if let Some(v) = contacts_per_rep_week {
            a.contacts_per_rep_week = *v;
        }
        if let Some(v) = first_contact_hours {
            a.first_contact_hours = *v;
        }
        if let Some(tz) = timezone {
            crate::metrics::period::zone(tz).map_err(super::refused)?;
            a.timezone = tz.trim().to_string();
        }
        a.effective_from = now;
        a.changed_at = now;
        a.changed_by = env.user.clone();
        store.set_agreement(&a).wrap_err("saving the agreement")?;
    }
    let history = store.agreements()?;
    let mut out = String::new();
    if let Some(a) = crate::domain::Agreement::in_force(&history, now) {
        out.push_str(&format!(
            "in force since {} (set by {}):\n  marketing promises {} leads per rep per month\n  \
             sales commits to {} contacts per rep per week\n  and to a first contact within {} hours of hand-off\n  \
             months and weeks cut in {}\n",
            a.effective_from.format("%Y-%m-%d %H:%M"),
            a.changed_by,
            a.leads_per_rep_month,
            a.contacts_per_rep_week,
            a.first_contact_hours,
            a.timezone
        ));
    }
    out.push_str("history (newest first):\n");
    for a in history.iter().rev() {
        out.push_str(&format!(
            "  from {}: {} leads/rep/month, {} contacts/rep/week, {}h, {} (by {})\n",
            a.effective_from.format("%Y-%m-%d %H:%M"),
            a.leads_per_rep_month,
            a.contacts_per_rep_week,
            a.first_contact_hours,
            a.timezone,
            a.changed_by
        ));
    }
    super::out::print(&out);
    Ok(ExitCode::SUCCESS)
}

pub fn reasons(env: &Env, args: &ReasonsArgs) -> Result<ExitCode> {
    let mut store = super::open_store(env, OpenMode::Existing)?;
    let now = env.clock.now();
    match &args.change {
        None | Some(ReasonChange::List) => {
            let mut out = String::new();
            for kind in [
                StageKind::Disqualified,
                StageKind::Recycled,
                StageKind::Lost,
            ] {
                out.push_str(&format!("{}:\n", kind.as_str()));
                for r in store.exit_reasons(kind)? {
                    out.push_str(&format!("  {}\n", text::clean(&r)));
                }
            }
            super::out::print(&out);
        }
        Some(ReasonChange::Add { kind, reason }) => {
            store
                .add_reason(*kind, reason, &env.user, now)
                .wrap_err("adding a reason")?;
            super::out::println(&format!(
                "added {} reason {:?}",
                kind.as_str(),
                reason.trim()
            ));
        }
        Some(ReasonChange::Remove { kind, reason }) => {
            store
                .remove_reason(*kind, reason, &env.user, now)
                .wrap_err("removing a reason")?;
            super::out::println(&format!(
                "removed {} reason {:?}; moves that gave it keep it",
                kind.as_str(),
                reason.trim()
            ));
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn edit_of(f: &CampaignFields, today: NaiveDate) -> Result<CampaignEdit> {
    Ok(CampaignEdit {
        name: f.name.clone(),
        source: f.channel.clone(),
        cost: opt_money(f.cost.as_deref())?,
        starts_on: opt_day(f.start.as_deref(), today, "--start")?,
        ends_on: opt_day(f.end.as_deref(), today, "--end")?,
    })
}

/// A date option: absent → today.
fn day(s: Option<&str>, today: NaiveDate, what: &str) -> Result<NaiveDate> {
    Ok(opt_day(s, today, what)?.flatten().unwrap_or(today))
}

/// `None` when the option is absent, `Some(None)` when given empty (clears it).
fn opt_day(s: Option<&str>, today: NaiveDate, what: &str) -> Result<Option<Option<NaiveDate>>> {
    s.map(|s| {
        validate::parse_due_date(s, today).map_err(|e| super::refused(format!("{what}: {e}")))
    })
    .transpose()
}

pub(super) fn opt_money(s: Option<&str>) -> Result<Option<Option<Money>>> {
    s.map(|s| {
        if s.trim().is_empty() {
            Ok(None)
        } else {
            Money::parse(s)
                .map(Some)
                .map_err(|e| super::refused(e.to_string()))
        }
    })
    .transpose()
}
