use super::Env;
use crate::cli::CheckArgs;
use crate::store::{OpenMode, Store, StoreError};
use color_eyre::eyre::{Result, WrapErr};
use std::process::ExitCode;

pub fn run(env: &Env, args: &CheckArgs) -> Result<ExitCode> {
    let mut store = match Store::open(&env.db, OpenMode::Existing) {
        Ok(s) => s,
        // Damage found while opening is the check's answer, not a failure of the check.
        Err(
            e @ (StoreError::Corrupt { .. }
            | StoreError::NotADatabase { .. }
            | StoreError::EmptyFile { .. }),
        ) => {
            super::out::println(&format!("problem: {e}"));
            super::out::println("1 problem(s) found");
            return Ok(ExitCode::from(1));
        }
        Err(e) => return Err(e).wrap_err_with(|| format!("opening {}", env.db.display())),
    };
    if let Some(handle) = &env.acting {
        store.act_as(handle)?;
    }
    if args.repair {
        let rebuilt = store
            .repair_schema()
            .wrap_err_with(|| format!("repairing {}", env.db.display()))?;
        for what in &rebuilt {
            super::out::println(&format!("repair: recreated {what}"));
        }
        let fixed = store
            .repair_summaries()
            .wrap_err_with(|| format!("repairing {}", env.db.display()))?;
        super::out::println(&format!(
            "repair: recomputed the funnel figures ({fixed} were off)"
        ));
    }
    let report = store.check()?;
    super::out::println(&format!(
        "{}: schema {}, {} leads, journal {:?}{}",
        env.db.display(),
        report.schema_version,
        report.leads,
        store.journal_mode(),
        if store.is_read_only() {
            ", read-only"
        } else {
            ""
        }
    ));
    if report.is_ok() {
        super::out::println("ok: schema, integrity, foreign keys and funnel rules all pass");
        Ok(ExitCode::SUCCESS)
    } else {
        for p in &report.problems {
            super::out::println(&format!("problem: {p}"));
        }
        super::out::println(&format!("{} problem(s) found", report.problems.len()));
        Ok(ExitCode::from(1))
    }
}
