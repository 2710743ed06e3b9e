//! `leadboard export`: leads (filtered like the board), activities or stage events.

use super::Env;
use crate::cli::{ExportArgs, ExportFormat, ExportWhat};
use crate::domain::LeadFilter;
use crate::io::export::{
    ACTIVITY_HEADER, EVENT_HEADER, LEAD_HEADER, Sink, activity_cells, event_cells, lead_cells,
};
use crate::store::{OpenMode, StoreError};
use color_eyre::eyre::{Result, WrapErr};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

pub fn run(env: &Env, args: &ExportArgs) -> Result<ExitCode> {
    let store = super::open_store(env, OpenMode::Existing)?;
    if let Some(s) = &args.stage
        && !store.stages()?.iter().any(|st| &st.key == s)
    {
        let keys: Vec<String> = store.stages()?.into_iter().map(|st| st.key).collect();
        color_eyre::eyre::bail!("unknown stage {s:?} (stages: {})", keys.join(", "));
    }
    let filter = LeadFilter {
        owner: args.owner.clone(),
        campaign: args.campaign.clone(),
        ..LeadFilter::default()
    };
    if let Some(p) = &args.out {
        store.check_output_path(p)?;
    }
    let out: Box<dyn Write> = match &args.out {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).wrap_err_with(|| format!("creating {}", p.display()))?,
        )),
        None => {
            let terminal = std::io::stdout().is_terminal();
            Box::new(super::out::TerminalSafe::new(
                std::io::BufWriter::new(std::io::stdout().lock()),
                terminal,
            ))
        }
    };
    if args.what == ExportWhat::All {
        if args.format != ExportFormat::Json || args.excel {
            return Err(super::refused(
                "--what all is written as JSON lines: add --format json",
            ));
        }
        if args.stage.is_some() || args.owner.is_some() || args.campaign.is_some() {
            return Err(super::refused(
                "--what all is the whole file: it takes no filter",
            ));
        }
        let mut out = out;
        return match super::bundle::export(&store, &mut out)
            .and_then(|()| out.flush().map_err(StoreError::Io))
        {
            Ok(()) => Ok(ExitCode::SUCCESS),
            Err(StoreError::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                Ok(ExitCode::SUCCESS)
            }
            Err(e) => Err(e.into()),
        };
    }
    let header = match args.what {
        ExportWhat::All => unreachable!("written above"),
        ExportWhat::Leads => LEAD_HEADER,
        ExportWhat::Activities => ACTIVITY_HEADER,
        ExportWhat::Events => EVENT_HEADER,
    };
    if args.excel && args.format != ExportFormat::Csv {
        color_eyre::eyre::bail!("--excel shapes a CSV file; it does not apply to --format json");
    }
    let mut sink = match args.format {
        ExportFormat::Csv if args.excel => Sink::csv_excel(out, header)?,
        ExportFormat::Csv => Sink::csv(out, header)?,
        ExportFormat::Json => Sink::json(out)?,
    };
    let stage = args.stage.as_deref();
    let io = |e: std::io::Error| StoreError::Io(e);
    let done = match args.what {
        ExportWhat::Leads => store.for_each_lead(&filter, stage, |l| {
            sink.row(&lead_cells(&l), &l).map_err(io)
        }),
        ExportWhat::Activities => store.for_each_activity(&filter, stage, |a| {
            sink.row(&activity_cells(&a), &a).map_err(io)
        }),
        ExportWhat::Events => store.for_each_event(&filter, stage, |e| {
            sink.row(&event_cells(&e), &e).map_err(io)
        }),
        ExportWhat::All => Ok(()),
    }
    .and_then(|()| sink.finish().map_err(io));
    match done {
        Ok(()) => Ok(ExitCode::SUCCESS),
        // `leadboard export | head`: the reader has all it wanted.
        Err(StoreError::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => Err(e).wrap_err("exporting"),
    }
}
