//! `leadboard stages`: the funnel as the teams agreed it; `add`, `move` and `remove` change
//! it for everyone who opens the file (each change logged with who and when).

use super::Env;
use crate::cli::{StageChange, StagesArgs};
use crate::domain::Stage;
use crate::store::{NewStage, OpenMode};
use crate::text;
use color_eyre::eyre::{Result, WrapErr};
use std::process::ExitCode;

pub fn run(env: &Env, args: &StagesArgs) -> Result<ExitCode> {
    let mut store = super::open_store(env, OpenMode::Existing)?;
    let now = env.clock.now();
    let (stages, said) = match &args.change {
        None => (store.stages()?, None),
        Some(StageChange::Add(a)) => {
            let s = NewStage {
                key: a.key.clone(),
                name: a.name.clone(),
                owner: a.owner,
                kind: a.kind,
                stale_after_days: a.stale_days,
                definition: a.definition.clone(),
            };
            let out = store
                .add_stage(&s, a.after.as_deref(), a.first, &env.user, now)
                .wrap_err_with(|| format!("adding stage {:?}", a.key))?;
            (out, Some(format!("added stage {}", a.key.trim())))
        }
        Some(StageChange::Move(m)) => {
            let after = if m.first { None } else { m.after.as_deref() };
            let out = store
                .move_stage(&m.key, after, &env.user, now)
                .wrap_err_with(|| format!("moving stage {:?}", m.key))?;
            (out, Some(format!("moved stage {}", m.key)))
        }
        Some(StageChange::Remove { key }) => {
            let out = store
                .remove_stage(key, &env.user, now)
                .wrap_err_with(|| format!("removing stage {key:?}"))?;
            (out, Some(format!("removed stage {key}")))
        }
    };
    if let Some(s) = said {
        super::out::println(&format!("{s}; the funnel is now:"));
    }
    super::out::print(&table(&stages));
    Ok(ExitCode::SUCCESS)
}

/// One line a stage, in funnel order.
fn table(stages: &[Stage]) -> String {
    let mut out = format!(
        "{:<4} {:<14} {:<16} {:<10} {:<13} {:<6} {}\n",
        "pos", "key", "name", "owner", "kind", "stale", "definition"
    );
    for s in stages {
        let stale = s
            .stale_after_days
            .map_or("never".to_string(), |d| format!("{d}d"));
        let kind = if s.is_handoff {
            format!("{} hand-off", s.kind.as_str())
        } else {
            s.kind.as_str().to_string()
        };
        out.push_str(&format!(
            "{:<4} {:<14} {:<16} {:<10} {:<13} {:<6} {}\n",
            s.position,
            text::fit(&s.key, 14),
            text::fit(&s.name, 16),
            s.owner.as_str(),
            kind,
            stale,
            text::clean(&s.definition)
        ));
    }
    out
}
