use super::Env;
use crate::cli::{FlagsAction, FlagsArgs, FlagsFormat};
use crate::io::{gather, report};
use crate::store::OpenMode;
use color_eyre::eyre::{Result, WrapErr};
use std::process::ExitCode;

pub fn run(env: &Env, args: &FlagsArgs) -> Result<ExitCode> {
    let mut store = super::open_store(env, OpenMode::Existing)?;
    if let Some(FlagsAction::Snooze {
        id,
        kind,
        until,
        reason,
    }) = &args.action
    {
        let now = env.clock.now();
        let kind = crate::metrics::flags::FlagKind::from_key(kind).map_err(super::refused)?;
        let until = crate::domain::validate::parse_due_date(until, now.date_naive())
            .map_err(|e| super::refused(format!("--until: {e}")))?
            .ok_or_else(|| super::refused("--until: give the day the flag comes back"))?;
        let (plan, agreements) = gather::plan(&store, now)?;
        let sla = gather::gauges(&store, &plan, &agreements)?;
        let raised = gather::flags(&store, &plan, Some(&sla))?
            .iter()
            .any(|f| f.kind == kind && f.lead_id == Some(*id));
        if !raised {
            return Err(super::refused(format!(
                "lead {id} has no open \"{}\" flag to snooze (see `leadboard flags`)",
                kind.title()
            )));
        }
        store
            .snooze_flag(*id, kind.as_str(), until, reason, &env.user, now)
            .wrap_err_with(|| format!("snoozing {} on lead {id}", kind.as_str()))?;
        super::out::println(&format!(
            "snoozed \"{}\" on lead {id} until {until} (or until it changes stage): {}",
            kind.title(),
            reason.trim()
        ));
        return Ok(ExitCode::SUCCESS);
    }
    let (plan, agreements) = gather::plan(&store, env.clock.now())?;
    let sla = gather::gauges(&store, &plan, &agreements).wrap_err("computing the SLA gauges")?;
    let flags = gather::flags(&store, &plan, Some(&sla)).wrap_err("finding red flags")?;
    match args.format {
        FlagsFormat::Json => super::out::println(&report::flags_json(&flags)),
        FlagsFormat::Text => super::out::print(&report::flags_text(&flags)),
    }
    Ok(ExitCode::SUCCESS)
}
