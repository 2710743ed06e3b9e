//! `leadboard lead …`: what a rep does on the board, from a script. The same store calls as
//! the TUI, so the same validation, version checks, history and closed-loop rules apply.
//! Exit codes are listed in `main.rs` (`exit_code`).

use super::Env;
use crate::cli::{AddLead, EditLead, LeadAction, LeadArgs, ListFormat};
use crate::domain::{
    ActivityKind, Lead, LeadEdit, LeadFilter, LeadId, Money, NewLead, Outcome, Stage, validate,
};
use crate::io::{gather, json};
use crate::store::{OpenMode, Store, StoreError};
use crate::text;
use color_eyre::eyre::{Result, WrapErr};
use serde::Deserialize;
use std::io::BufRead;
use std::process::ExitCode;

pub fn run(env: &Env, args: &LeadArgs) -> Result<ExitCode> {
    let mut store = super::open_store(env, OpenMode::Existing)?;
    let now = env.clock.now();
    let by = env.user.as_str();
    let (id, said) = match &args.action {
        LeadAction::Add(a) if a.from.is_some() => return add_from(&mut store, env, a, args.format),
        LeadAction::Add(a) => {
            let new = new_lead(&store, a)?;
            let id = store
                .create_lead(&new, by, now)
                .map_err(with_allow_hint)
                .wrap_err_with(|| format!("adding {:?}", new.name))?;
            (id, format!("added lead {id}"))
        }
        LeadAction::Move {
            id,
            stage,
            reason,
            note,
        } => {
            let lead = lead(&store, *id)?;
            let to = stage_key(&store.stages()?, stage)?;
            store
                .move_lead_noted(
                    *id,
                    &to,
                    reason.as_deref().unwrap_or(""),
                    note.as_deref().unwrap_or(""),
                    by,
                    lead.version,
                    now,
                )
                .wrap_err_with(|| format!("moving lead {id} to {to}"))?;
            (*id, format!("moved lead {id} from {} to {to}", lead.stage))
        }
        LeadAction::Contact {
            id,
            kind,
            at,
            outcome,
            what,
        } => {
            let at =
                validate::parse_when(at, now).map_err(|e| super::refused(format!("--at: {e}")))?;
            let outcome: Option<Outcome> = outcome
                .as_deref()
                .map(str::parse)
                .transpose()
                .map_err(|e: String| super::refused(format!("--outcome: {e}")))?;
            if what.trim().is_empty() && *kind == ActivityKind::Note {
                return Err(super::refused("--what: a note needs some text".to_string()));
            }
            store
                .log_contact(*id, *kind, outcome, what, by, at)
                .wrap_err_with(|| format!("logging a {kind} on lead {id}"))?;
            let how = outcome.map_or(String::new(), |o| format!(" ({})", o.label()));
            (
                *id,
                format!(
                    "logged {} {kind}{how} at {} on lead {id}",
                    if *kind == ActivityKind::Email {
                        "an"
                    } else {
                        "a"
                    },
                    at.format("%Y-%m-%d %H:%M UTC")
                ),
            )
        }
        LeadAction::NextStep { id, what, due } => {
            let due = validate::parse_due_date(due, now.date_naive())
                .map_err(|e| super::refused(format!("--due: {e}")))?;
            if what.trim().is_empty() {
                return Err(super::refused(
                    "--what: say what the next step is".to_string(),
                ));
            }
            let edit = LeadEdit {
                next_step: Some(what.clone()),
                next_step_due: Some(due),
                ..LeadEdit::default()
            };
            (
                edit_lead(&mut store, *id, &edit, by, now)?,
                format!("set the next step of lead {id}"),
            )
        }
        LeadAction::Assign { id, owner } => {
            let edit = LeadEdit {
                owner: Some(Some(owner.trim().to_string()).filter(|o| !o.is_empty())),
                ..LeadEdit::default()
            };
            (
                edit_lead(&mut store, *id, &edit, by, now)?,
                format!("assigned lead {id} to {}", owner.trim()),
            )
        }
        LeadAction::Edit(e) => {
            let edit = edit_of(e)?;
            if edit.is_empty() {
                return Err(super::refused(
                    "nothing to change: give at least one field, e.g. --value 1200".to_string(),
                ));
            }
            (
                edit_lead(&mut store, e.id, &edit, by, now)?,
                format!("saved lead {}", e.id),
            )
        }
        LeadAction::Show { id } => {
            show(&store, *id, args.format)?;
            return Ok(ExitCode::SUCCESS);
        }
        LeadAction::List { stage, owner, flag } => {
            list(
                &store,
                env,
                stage.as_deref(),
                owner.as_deref(),
                flag.as_deref(),
                args.format,
            )?;
            return Ok(ExitCode::SUCCESS);
        }
    };
    let l = lead(&store, id)?;
    match args.format {
        ListFormat::Json => super::out::println(&json::to_line(&l)?),
        ListFormat::Text => super::out::println(&format!("{said}\n  {}", summary(&l))),
    }
    Ok(ExitCode::SUCCESS)
}

/// The command-line way to add a disqualified lead's e-mail anyway.
fn with_allow_hint(e: StoreError) -> StoreError {
    match e {
        StoreError::Disqualified(m) => {
            StoreError::Disqualified(format!("{m} (add it anyway with --allow-disqualified)"))
        }
        e => e,
    }
}

fn lead(store: &Store, id: LeadId) -> Result<Lead> {
    Ok(store.lead(id)?)
}

/// An edit checked against the version just read: a change made by someone else between the
/// read and the write is a conflict, never overwritten.
fn edit_lead(
    store: &mut Store,
    id: LeadId,
    edit: &LeadEdit,
    by: &str,
    now: crate::domain::Timestamp,
) -> Result<LeadId> {
    let lead = lead(store, id)?;
    store
        .update_lead(id, edit, by, lead.version, now)
        .wrap_err_with(|| format!("changing lead {id}"))?;
    Ok(id)
}

/// A stage by key, or by its name in any case.
fn stage_key(stages: &[Stage], s: &str) -> Result<String> {
    let t = s.trim();
    stages
        .iter()
        .find(|st| st.key == t)
        .or_else(|| stages.iter().find(|st| st.name.eq_ignore_ascii_case(t)))
        .map(|st| st.key.clone())
        .ok_or_else(|| {
            let known: Vec<&str> = stages.iter().map(|s| s.key.as_str()).collect();
            super::refused(format!("unknown stage {t:?} (known: {})", known.join(", ")))
        })
}

fn money(s: &str, what: &str) -> Result<Money> {
    Money::parse(s).map_err(|e| super::refused(format!("{what}: {e}")))
}

fn new_lead(store: &Store, a: &AddLead) -> Result<NewLead> {
    Ok(NewLead {
        name: a.name.clone().unwrap_or_default(),
        company: a.company.clone().unwrap_or_default(),
        email: a.email.clone().unwrap_or_default(),
        phone: a.phone.clone().unwrap_or_default(),
        source: a.source.clone().unwrap_or_default(),
        campaign: a.campaign.clone(),
        owner: a.owner.clone(),
        stage: a
            .stage
            .as_deref()
            .map(|s| stage_key(&store.stages()?, s))
            .transpose()?,
        value: a
            .value
            .as_deref()
            .map_or(Ok(Money(0)), |v| money(v, "--value"))?,
        currency: a.currency.clone().unwrap_or_default(),
        score: a.score.unwrap_or(0),
        priority: a.priority,
        allow_disqualified: a.allow_disqualified,
        ..NewLead::default()
    })
}

fn edit_of(e: &EditLead) -> Result<LeadEdit> {
    Ok(LeadEdit {
        name: e.name.clone(),
        company: e.company.clone(),
        email: e.email.clone(),
        phone: e.phone.clone(),
        source: e.source.clone(),
        campaign: e
            .campaign
            .as_ref()
            .map(|c| Some(c.trim().to_string()).filter(|c| !c.is_empty())),
        value: e
            .value
            .as_deref()
            .map(|v| money(v, "--value"))
            .transpose()?,
        currency: e.currency.clone(),
        score: e.score,
        priority: e.priority,
        ..LeadEdit::default()
    })
}

/// One lead of a JSON-lines feed: the options of `lead add`, by name.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LeadLine {
    name: String,
    #[serde(default)]
    company: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    source: String,
    campaign: Option<String>,
    owner: Option<String>,
    stage: Option<String>,
    value: Option<serde_json::Value>,
    #[serde(default)]
    currency: String,
    #[serde(default)]
    score: i64,
    #[serde(default)]
    priority: bool,
}

/// `lead add --from FILE|-`: each line its own transaction, so one bad line keeps the rest;
/// every line is answered (id or error), and the exit code says whether any failed.
fn add_from(store: &mut Store, env: &Env, a: &AddLead, format: ListFormat) -> Result<ExitCode> {
    let path = a.from.as_ref().expect("checked by the caller");
    let reader: Box<dyn BufRead> = if path.as_os_str() == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::io::BufReader::new(
            std::fs::File::open(path).wrap_err_with(|| format!("reading {}", path.display()))?,
        ))
    };
    let stages = store.stages()?;
    let (mut added, mut failed) = (0, 0);
    for (i, line) in reader.lines().enumerate() {
        let line = line.wrap_err_with(|| format!("reading line {}", i + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let outcome = (|| -> Result<LeadId> {
            let l: LeadLine = serde_json::from_str(&line)
                .map_err(|e| super::refused(format!("not a lead: {e}")))?;
            let value = match &l.value {
                None | Some(serde_json::Value::Null) => Money(0),
                Some(serde_json::Value::String(s)) => money(s, "value")?,
                Some(serde_json::Value::Number(n)) => money(&n.to_string(), "value")?,
                Some(v) => return Err(super::refused(format!("value: {v} is not an amount"))),
            };
            let new = NewLead {
                name: l.name,
                company: l.company,
                email: l.email,
                phone: l.phone,
                source: l.source,
                campaign: l.campaign,
                owner: l.owner,
                stage: l
                    .stage
                    .as_deref()
                    .map(|s| stage_key(&stages, s))
                    .transpose()?,
                value,
                currency: l.currency,
                score: l.score,
                priority: l.priority,
                allow_disqualified: a.allow_disqualified,
                ..NewLead::default()
            };
            Ok(store
                .create_lead(&new, &env.user, env.clock.now())
                .map_err(with_allow_hint)?)
        })();
        let n = i + 1;
        match (outcome, format) {
            (Ok(id), ListFormat::Json) => {
                added += 1;
                super::out::println(&json::to_line(&serde_json::json!({"line": n, "id": id}))?);
            }
            (Ok(id), ListFormat::Text) => {
                added += 1;
                super::out::println(&format!("line {n}: added lead {id}"));
            }
            (Err(e), ListFormat::Json) => {
                failed += 1;
                let msg = text::message(&format!("{e:#}"));
                super::out::println(&json::to_line(
                    &serde_json::json!({"line": n, "error": msg}),
                )?);
            }
            (Err(e), ListFormat::Text) => {
                failed += 1;
                eprintln!("line {n}: {}", text::message(&format!("{e:#}")));
            }
        }
    }
    if format == ListFormat::Text {
        super::out::println(&format!("{added} added, {failed} refused"));
    }
    Ok(if failed > 0 {
        ExitCode::from(super::EXIT_REFUSED)
    } else {
        ExitCode::SUCCESS
    })
}

/// One line about a lead, for the answer to an action.
fn summary(l: &Lead) -> String {
    let mut parts = vec![format!("{} {}", l.id, l.name)];
    if !l.company.is_empty() {
        parts.push(l.company.clone());
    }
    parts.push(l.stage.clone());
    parts.push(l.owner.clone().unwrap_or_else(|| "no owner".into()));
    parts.push(crate::domain::currency::full(&l.currency, l.value));
    if let Some(d) = l.next_step_due {
        parts.push(format!("next: {} (due {d})", l.next_step));
    }
    text::clean(&parts.join(" · ")).into_owned()
}

fn line_of(l: &Lead) -> String {
    format!(
        "{:<6} {:<24} {:<20} {:<12} {:<10} {:>12} {}",
        l.id,
        text::fit(&l.name, 24),
        text::fit(&l.company, 20),
        text::fit(&l.stage, 12),
        text::fit(l.owner.as_deref().unwrap_or("-"), 10),
        crate::domain::currency::full(&l.currency, l.value),
        l.next_step_due.map_or(String::new(), |d| format!(
            "next: {d} {}",
            text::clean(&l.next_step)
        ))
    )
}

fn show(store: &Store, id: LeadId, format: ListFormat) -> Result<()> {
    let l = lead(store, id)?;
    let events = store.stage_events(id)?;
    let acts = store.activities(id)?;
    if format == ListFormat::Json {
        let v = serde_json::json!({"lead": l, "history": events, "activities": acts});
        super::out::println(&json::to_string_pretty(&v)?);
        return Ok(());
    }
    let mut o = String::new();
    let mut kv = |k: &str, v: &str| o.push_str(&format!("{k:<16}{}\n", text::clean(v)));
    kv("lead", &format!("{} (version {})", l.id, l.version));
    kv("name", &l.name);
    kv("company", &l.company);
    kv("e-mail", &l.email);
    kv("phone", &l.phone);
    kv("stage", &l.stage);
    kv("owner", l.owner.as_deref().unwrap_or("-"));
    kv("campaign", l.campaign.as_deref().unwrap_or("-"));
    kv("source", &l.source);
    kv(
        "value",
        &crate::domain::currency::full(&l.currency, l.value),
    );
    kv("score", &l.score.to_string());
    kv("priority", if l.priority { "yes" } else { "no" });
    let due = l
        .next_step_due
        .map_or(String::new(), |d| format!(" (due {d})"));
    kv("next step", &format!("{}{due}", l.next_step));
    o.push_str("\nhistory (newest first):\n");
    for e in &events {
        o.push_str(&format!(
            "  {}  {} → {}  by {}{}\n",
            e.at.format("%Y-%m-%d %H:%M"),
            e.from.as_deref().unwrap_or("·"),
            e.to,
            text::clean(&e.by),
            if e.reason.is_empty() {
                String::new()
            } else {
                format!(": {}", text::clean(&e.reason))
            }
        ));
    }
    o.push_str("\nactivities (newest first):\n");
    for a in &acts {
        o.push_str(&format!(
            "  {}  {:<7} by {}{}  {}\n",
            a.at.format("%Y-%m-%d %H:%M"),
            a.kind.as_str(),
            text::clean(&a.by),
            a.outcome
                .map_or(String::new(), |x| format!(" ({})", x.label())),
            text::clean(&a.body)
        ));
    }
    super::out::print(&o);
    Ok(())
}

fn list(
    store: &Store,
    env: &Env,
    stage: Option<&str>,
    owner: Option<&str>,
    flag: Option<&str>,
    format: ListFormat,
) -> Result<()> {
    let stage = stage.map(|s| stage_key(&store.stages()?, s)).transpose()?;
    let flagged: Option<std::collections::BTreeSet<LeadId>> = match flag {
        None => None,
        Some(f) => {
            let kind = crate::metrics::flags::FlagKind::from_key(f)
                .map_err(|e| super::refused(format!("--flag: {e}")))?;
            let (plan, agreements) = gather::plan(store, env.clock.now())?;
            let sla = gather::gauges(store, &plan, &agreements)?;
            let flags = gather::flags(store, &plan, Some(&sla))?;
            Some(
                flags
                    .iter()
                    .filter(|x| x.kind == kind)
                    .filter_map(|x| x.lead_id)
                    .collect(),
            )
        }
    };
    let filter = LeadFilter {
        owner: owner.map(str::to_string),
        ..LeadFilter::default()
    };
    let mut leads = Vec::new();
    store.for_each_lead(&filter, stage.as_deref(), |l| {
        if flagged.as_ref().is_none_or(|set| set.contains(&l.id)) {
            leads.push(l);
        }
        Ok(())
    })?;
    match format {
        ListFormat::Json => super::out::println(&json::to_string_pretty(&leads)?),
        ListFormat::Text => {
            let mut o = format!(
                "{:<6} {:<24} {:<20} {:<12} {:<10} {:>12} {}\n",
                "id", "name", "company", "stage", "owner", "value", "next step"
            );
            for l in &leads {
                o.push_str(&line_of(l));
                o.push('\n');
            }
            o.push_str(&format!("{} leads\n", leads.len()));
            super::out::print(&o);
        }
    }
    Ok(())
}
