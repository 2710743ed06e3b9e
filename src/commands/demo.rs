use super::Env;
use crate::cli::DemoArgs;
use crate::demo::{DemoOptions, generate};
use crate::store::{OpenMode, Store};
use color_eyre::eyre::{Result, WrapErr, bail};
use std::process::ExitCode;
use std::time::Instant;

pub fn run(env: &Env, args: &DemoArgs) -> Result<ExitCode> {
    let started = Instant::now();
    let mut store = open_for_demo(env, args.force)?;
    let summary = generate(
        &mut store,
        &DemoOptions {
            leads: args.leads as usize,
            seed: args.seed,
            now: env.clock.now(),
        },
    )
    .wrap_err_with(|| format!("writing demo data to {}", env.db.display()))?;
    super::out::println(&format!(
        "wrote {} leads, {} activities, {} stage events to {} in {:.1}s (seed {})",
        summary.leads,
        summary.activities,
        summary.events,
        env.db.display(),
        started.elapsed().as_secs_f64(),
        args.seed
    ));
    Ok(ExitCode::SUCCESS)
}

/// Opens (creating) the file; refuses to overwrite real data without `--force`.
pub fn open_for_demo(env: &Env, force: bool) -> Result<Store> {
    let store = super::open_store(env, OpenMode::CreateIfMissing)?;
    let leads = store.lead_count()?;
    if leads > 0 && !force {
        bail!(
            "{} already holds {leads} leads; pass --force to replace them with demo data",
            env.db.display()
        );
    }
    Ok(store)
}
