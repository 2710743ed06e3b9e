use super::Env;
use crate::store::OpenMode;
use color_eyre::eyre::Result;
use std::process::ExitCode;

pub fn run(env: &Env) -> Result<ExitCode> {
    let store = super::open_store(env, OpenMode::Existing)?;
    let report = store.check()?;
    println!(
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
    );
    if report.is_ok() {
        println!("ok: integrity, foreign keys and funnel rules all pass");
        Ok(ExitCode::SUCCESS)
    } else {
        for p in &report.problems {
            println!("problem: {p}");
        }
        println!("{} problem(s) found", report.problems.len());
        Ok(ExitCode::from(1))
    }
}
