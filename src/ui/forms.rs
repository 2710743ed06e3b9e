//! Forms: what each one asks, and how a submitted form becomes a change. Pure: invalid input
//! comes back as a reason for the form to show, with everything typed left in place.

use super::modal::{ADD_ANYWAY, Field, Form, Purpose};
use super::triage_state::Meta;
use super::write::Write;
use crate::domain::stage::neighbour;
use crate::domain::{
    ActivityKind, FlagFilter, Lead, LeadEdit, LeadFilter, LeadId, Money, NewLead, Outcome, Team,
    Timestamp, validate,
};

/// Lead actions that first need the whole lead from the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prep {
    Next,
    Prev,
    MoveTo,
    Contact,
    NextStep,
    Owner,
    Edit,
    Priority,
}

/// A lead action once the lead is known: ask for more, write at once, or say why not.
#[derive(Debug, Clone, PartialEq)]
pub enum Prepared {
    Form(Form),
    Write(Write),
    Refused(String),
}

/// What a submitted form asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum Submitted {
    Write(Write),
    /// Another step (a move to an exit asks for the reason next).
    Form(Form),
    Filter(LeadFilter),
    /// A change to the team's lists (settings).
    Team(super::team::TeamWrite),
    Snooze(super::snooze::NewSnooze),
}

const OTHER: &str = "other (say below)";
const UNPICKED: &str = "— pick a reason —";
const SEP: &str = " — ";

/// `version` is the one the user saw on screen: a change made at once (`>`, `p`) is checked
/// against it. A form shows the lead as just read, so what is typed there is checked against
/// that version instead.
pub fn prepare(prep: Prep, lead: &Lead, version: i64, meta: &Meta) -> Prepared {
    let (id, name) = (lead.id, crate::text::clean(&lead.name).into_owned());
    let shown = lead.version;
    match prep {
        Prep::Next | Prep::Prev => {
            let forward = prep == Prep::Next;
            match neighbour(&meta.stages, &lead.stage, forward) {
                Some(to) => move_or_ask(id, version, &lead.stage, &to.key, meta),
                None if forward => {
                    Prepared::Refused(format!("{name} is in {}: no next stage", lead.stage))
                }
                None => Prepared::Refused(format!("{name} is in the first stage")),
            }
        }
        Prep::MoveTo => {
            let others: Vec<_> = meta.stages.iter().filter(|s| s.key != lead.stage).collect();
            let choices: Vec<String> = others
                .iter()
                .map(|s| format!("{}{SEP}{} ({})", s.key, s.name, s.kind))
                .collect();
            // Start on the next stage: the usual move.
            let next = neighbour(&meta.stages, &lead.stage, true)
                .and_then(|n| others.iter().position(|s| s.key == n.key))
                .unwrap_or(0);
            Prepared::Form(Form::new(
                format!("Move {name} from {}", lead.stage),
                Purpose::MoveTo {
                    id,
                    version: shown,
                    from: lead.stage.clone(),
                },
                vec![Field::pick("to stage", choices, next).hint("↑ ↓ or a first letter")],
            ))
        }
        Prep::Contact => Prepared::Form(contact_form(id, &name)),
        Prep::NextStep => Prepared::Form(Form::new(
            format!("Next step for {name}"),
            Purpose::NextStep { id, version: shown },
            vec![
                Field::text("next step", lead.next_step.clone()),
                Field::text(
                    "due",
                    lead.next_step_due
                        .map(|d| d.to_string())
                        .unwrap_or_default(),
                )
                .hint("2026-12-01, today, tomorrow, +3d, +2w; empty for none"),
            ],
        )),
        Prep::Owner => Prepared::Form(Form::new(
            format!("Owner of {name}"),
            Purpose::Owner { id, version: shown },
            vec![
                Field::text("owner", lead.owner.clone().unwrap_or_default()).hint(reps_hint(meta)),
            ],
        )),
        Prep::Edit => Prepared::Form(Form::new(
            format!("Edit {name}"),
            Purpose::Edit { id, version: shown },
            vec![
                Field::text("name", lead.name.clone()),
                Field::text("company", lead.company.clone()),
                Field::text("email", lead.email.clone()),
                Field::text("phone", lead.phone.clone()),
                Field::text("source", lead.source.clone())
                    .hint(list_hint("sources", &meta.sources)),
                Field::text("campaign", lead.campaign.clone().unwrap_or_default())
                    .hint(campaigns_hint(meta)),
                Field::text("score", lead.score.to_string()).hint("0 to 100"),
                Field::text("value", money_input(lead.value)).hint("e.g. 42000 or 12,400.50"),
            ],
        )),
        Prep::Priority => Prepared::Write(Write::Edit {
            id,
            edit: LeadEdit {
                priority: Some(!lead.priority),
                ..LeadEdit::default()
            },
            version,
        }),
    }
}

/// A move straight away, or the reason form first when the move needs one: an exit, or a
/// hand-back from sales to marketing (the closed loop).
pub fn move_or_ask(id: LeadId, version: i64, from: &str, to: &str, meta: &Meta) -> Prepared {
    match meta.stage(to) {
        Some(s) if crate::domain::stage::move_needs_reason(meta.stage(from), s) => {
            Prepared::Form(reason_form(id, version, from, to, meta))
        }
        _ => Prepared::Write(Write::Move {
            id,
            to: to.to_string(),
            reason: String::new(),
            version,
        }),
    }
}

pub fn reason_form(id: LeadId, version: i64, from: &str, to: &str, meta: &Meta) -> Form {
    let target = meta.stage(to);
    let back = target.is_some_and(|t| crate::domain::stage::is_hand_back(meta.stage(from), t));
    // A hand-back is "not ready yet": the team's recycle reasons fit it.
    let kind = if back {
        crate::domain::StageKind::Recycled
    } else {
        target.map_or(crate::domain::StageKind::Lost, |s| s.kind)
    };
    // Nothing is picked until the user picks: Enter, Enter must not save the first reason.
    let mut choices = vec![UNPICKED.to_string()];
    choices.extend(meta.reasons_for(kind).iter().cloned());
    choices.push(OTHER.to_string());
    let name = target.map_or(to, |s| s.name.as_str());
    let title = if back {
        format!("Why does this lead go back to marketing ({name})?")
    } else {
        format!("Why is this lead {name}?")
    };
    let mut form = Form::new(
        title,
        Purpose::Reason {
            id,
            version,
            to: to.to_string(),
        },
        vec![
            Field::pick("reason", choices, 0)
                .hint("the team's reasons: ↑ ↓ to choose, Tab for details"),
            Field::text("details", "").hint("free text; required with \"other\""),
        ],
    );
    // The team's list is the answer here (it feeds "why leads bounced"); details are extra.
    form.focus = 0;
    form
}

/// What happened, first (focused: typing goes there), then how, when and with what result.
fn contact_form(id: LeadId, name: &str) -> Form {
    let mut outcomes = vec![NO_OUTCOME.to_string()];
    outcomes.extend(Outcome::ALL.iter().map(|o| o.label().to_string()));
    Form::new(
        format!("Log a contact with {name}"),
        Purpose::Contact { id },
        vec![
            Field::text("what", "").hint("a short text, e.g. left a voicemail"),
            Field::pick(
                "kind",
                ActivityKind::ALL.iter().map(|k| k.to_string()).collect(),
                0,
            ),
            // Empty is now, so typing "-1d" needs no clearing first.
            Field::text("when", "")
                .hint("empty = now; -2h, -1d, yesterday 15:00, 2026-11-24 15:00 (UTC)"),
            Field::pick("outcome", outcomes, 0),
        ],
    )
}

const NO_OUTCOME: &str = "—";

pub fn add_form(meta: &Meta, user: &str) -> Form {
    let owner = if meta.is_rep(user) { user } else { "" };
    let open: Vec<String> = meta
        .stages
        .iter()
        .filter(|s| s.is_open())
        .map(|s| format!("{}{SEP}{}", s.key, s.name))
        .collect();
    Form::new(
        "Add a lead",
        Purpose::Add,
        vec![
            Field::text("name", ""),
            Field::text("company", ""),
            Field::text("email", ""),
            Field::text("phone", ""),
            Field::text("source", "").hint(list_hint("sources", &meta.sources)),
            Field::text("campaign", "").hint(campaigns_hint(meta)),
            Field::pick("stage", open, 0).hint("↑ ↓ or a first letter"),
            Field::text("owner", owner).hint(reps_hint(meta)),
            Field::text("score", "0").hint("0 to 100"),
            Field::text("value", "0"),
        ],
    )
}

pub fn filter_form(meta: &Meta, f: &LeadFilter) -> Form {
    let campaigns: Vec<String> = meta.campaigns.iter().map(|c| c.name.clone()).collect();
    Form::new(
        "Filter the board (empty = any)",
        Purpose::Filter,
        vec![
            Field::text("owner", f.owner.clone().unwrap_or_default()).hint(reps_hint(meta)),
            Field::text("campaign", f.campaign.clone().unwrap_or_default())
                .hint(list_hint("campaigns", &campaigns)),
            Field::text("source", f.source.clone().unwrap_or_default())
                .hint(list_hint("sources", &meta.sources)),
            Field::text("team", f.team.map(|t| t.to_string()).unwrap_or_default())
                .hint("marketing or sales"),
            Field::text("flag", f.flag.map(|t| t.name()).unwrap_or_default())
                .hint("priority, overdue, stale or uncontacted"),
        ],
    )
}

/// Reads a submitted form. `Err` is the reason to show in the form.
pub fn submit(form: &Form, meta: &Meta, now: Timestamp) -> Result<Submitted, String> {
    let today = now.date_naive();
    let w = match &form.purpose {
        Purpose::MoveTo { id, version, from } => {
            let to = form.field("to stage").split(SEP).next().unwrap_or("");
            if to.is_empty() {
                return Err("there is no other stage to move to".into());
            }
            return Ok(match move_or_ask(*id, *version, from, to, meta) {
                Prepared::Form(f) => Submitted::Form(f),
                Prepared::Write(w) => Submitted::Write(w),
                Prepared::Refused(r) => return Err(r),
            });
        }
        Purpose::Reason { id, version, to } => {
            let pick = form.field("reason");
            let details = form.field("details").trim();
            if pick == UNPICKED && details.is_empty() {
                return Err("pick a reason (↑ ↓), or write one in the details".into());
            }
            let pick = if pick == UNPICKED { OTHER } else { pick };
            let reason = match (pick == OTHER, details.is_empty()) {
                (true, true) => return Err("say why in the details, or pick a reason".into()),
                (true, false) => details.to_string(),
                (false, true) => pick.to_string(),
                (false, false) => format!("{pick}: {details}"),
            };
            Write::Move {
                id: *id,
                to: to.clone(),
                reason,
                version: *version,
            }
        }
        Purpose::Contact { id } => {
            let kind: ActivityKind = form.field("kind").parse()?;
            let body = form.field("what").trim();
            if body.is_empty() {
                return Err("what: write a short text, what happened?".into());
            }
            let at =
                validate::parse_when(form.field("when"), now).map_err(|e| format!("when: {e}"))?;
            let outcome = match form.field("outcome") {
                NO_OUTCOME | "" => None,
                o => Some(o.parse::<Outcome>()?),
            };
            if outcome.is_some() && !kind.is_contact() {
                return Err("outcome: a note is not a contact; pick — or another kind".into());
            }
            Write::Log {
                id: *id,
                kind,
                body: body.to_string(),
                at: (at != now).then_some(at),
                outcome,
            }
        }
        Purpose::NextStep { id, version } => {
            let due = validate::parse_due_date(form.field("due"), today)?;
            let step = form.field("next step").trim();
            if step.is_empty() && due.is_some() {
                return Err("a due date needs a next step".into());
            }
            Write::Edit {
                id: *id,
                edit: LeadEdit {
                    next_step: form.changed("next step").then(|| step.to_string()),
                    next_step_due: form.changed("due").then_some(due),
                    ..LeadEdit::default()
                },
                version: *version,
            }
        }
        Purpose::Owner { id, version } => Write::Edit {
            id: *id,
            edit: LeadEdit {
                owner: Some(owner(form.field("owner"), meta)?),
                ..LeadEdit::default()
            },
            version: *version,
        },
        Purpose::Edit { id, version } => {
            // Only what the user changed, each checked; untouched fields stay as they are.
            let ch = |l: &str| form.changed(l);
            Write::Edit {
                id: *id,
                edit: LeadEdit {
                    name: ch("name")
                        .then(|| validate::name(form.field("name")))
                        .transpose()?,
                    company: ch("company").then(|| form.field("company").trim().to_string()),
                    email: ch("email")
                        .then(|| validate::email(form.field("email")))
                        .transpose()?,
                    phone: ch("phone").then(|| form.field("phone").trim().to_string()),
                    source: ch("source").then(|| form.field("source").trim().to_string()),
                    campaign: ch("campaign")
                        .then(|| campaign(form.field("campaign"), meta))
                        .transpose()?,
                    score: ch("score")
                        .then(|| validate::parse_score(form.field("score")))
                        .transpose()?,
                    value: ch("value")
                        .then(|| Money::parse(form.field("value")))
                        .transpose()?,
                    ..LeadEdit::default()
                },
                version: *version,
            }
        }
        Purpose::Add => Write::Create(Box::new(NewLead {
            name: validate::name(form.field("name")).map_err(|e| format!("name: {e}"))?,
            company: form.field("company").trim().to_string(),
            email: validate::email(form.field("email")).map_err(|e| format!("email: {e}"))?,
            phone: form.field("phone").trim().to_string(),
            source: form.field("source").trim().to_string(),
            campaign: campaign(form.field("campaign"), meta)?,
            stage: Some(form.field("stage").split(SEP).next().unwrap_or(""))
                .filter(|s| !s.is_empty())
                .map(str::to_string),
            owner: owner(form.field("owner"), meta)?,
            score: validate::parse_score(form.field("score")).map_err(|e| format!("score: {e}"))?,
            value: Money::parse(form.field("value")).map_err(|e| format!("value: {e}"))?,
            allow_disqualified: form.field("disqualified e-mail") == ADD_ANYWAY,
            ..NewLead::default()
        })),
        Purpose::Filter => return filter(form, meta, now).map(Submitted::Filter),
        Purpose::Rep { .. } | Purpose::Campaign { .. } | Purpose::ExitReason => {
            return super::team::submit(form, now).map(Submitted::Team);
        }
        Purpose::Snooze { .. } => {
            return super::snooze::submit(form, today).map(Submitted::Snooze);
        }
    };
    Ok(Submitted::Write(w))
}

fn filter(form: &Form, meta: &Meta, now: Timestamp) -> Result<LeadFilter, String> {
    let opt = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    let campaign = opt(form.field("campaign"));
    if let Some(c) = &campaign
        && !meta.campaigns.iter().any(|k| &k.name == c)
    {
        return Err(format!("unknown campaign {c:?}"));
    }
    let team = opt(form.field("team"))
        .map(|t| t.parse::<Team>())
        .transpose()?;
    let flag = match opt(form.field("flag"))
        .map(|f| f.to_ascii_lowercase())
        .as_deref()
    {
        None => None,
        Some("priority") => Some(FlagFilter::Priority),
        Some("overdue") => Some(FlagFilter::Overdue(now.date_naive())),
        Some("stale") => Some(FlagFilter::Stale(now)),
        Some("uncontacted") => {
            let hours = crate::domain::Agreement::in_force(&meta.agreements, now)
                .map_or(48, |a| a.first_contact_hours);
            Some(FlagFilter::Uncontacted(
                now - chrono::Duration::hours(hours),
            ))
        }
        Some(other) => {
            return Err(format!(
                "unknown flag {other:?} (priority, overdue, stale or uncontacted)"
            ));
        }
    };
    Ok(LeadFilter {
        owner: owner(form.field("owner"), meta)?,
        campaign,
        source: opt(form.field("source")),
        team,
        search: None,
        flag,
    })
}

/// Empty means unassigned; anything else must be a rep in the file.
fn owner(input: &str, meta: &Meta) -> Result<Option<String>, String> {
    let h = input.trim();
    if h.is_empty() {
        return Ok(None);
    }
    if meta.is_rep(h) {
        Ok(Some(h.to_string()))
    } else {
        Err(format!("unknown owner {h:?}: {}", reps_hint(meta)))
    }
}

/// Empty means none; anything else must be a campaign in the file.
fn campaign(input: &str, meta: &Meta) -> Result<Option<String>, String> {
    let c = input.trim();
    if c.is_empty() {
        return Ok(None);
    }
    if meta.campaigns.iter().any(|k| k.name == c) {
        Ok(Some(c.to_string()))
    } else {
        Err(format!(
            "campaign: unknown campaign {c:?}; {}",
            campaigns_hint(meta)
        ))
    }
}

fn campaigns_hint(meta: &Meta) -> String {
    let names: Vec<String> = meta.campaigns.iter().map(|c| c.name.clone()).collect();
    list_hint("campaigns", &names)
}

fn reps_hint(meta: &Meta) -> String {
    let handles: Vec<String> = meta.reps.iter().map(|r| r.handle.clone()).collect();
    list_hint("reps", &handles)
}

fn list_hint(what: &str, items: &[String]) -> String {
    if items.is_empty() {
        return format!("no {what} in the file yet");
    }
    let shown: Vec<&str> = items.iter().take(12).map(String::as_str).collect();
    let more = if items.len() > 12 { ", …" } else { "" };
    format!("{what}: {}{more}", shown.join(", "))
}

/// A value as a person would type it back: `42000` or `12400.50`.
fn money_input(m: Money) -> String {
    if m.cents() % 100 == 0 {
        (m.cents() / 100).to_string()
    } else {
        format!("{}.{:02}", m.cents() / 100, m.cents() % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn due_date_must_have_a_step() {
        let meta = Meta::default();
        let mut f = Form::new(
            "x",
            Purpose::NextStep { id: 1, version: 1 },
            vec![Field::text("next step", ""), Field::text("due", "")],
        );
        f.fields[1].value = "+3d".into();
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-25T09:00:00Z")
            .unwrap()
            .with_timezone(&chrono::Utc);
        assert!(submit(&f, &meta, now).is_err());
        f.fields[0].value = "call back".into();
        let Ok(Submitted::Write(Write::Edit { edit, .. })) = submit(&f, &meta, now) else {
            panic!("expected an edit");
        };
        assert_eq!(
            edit.next_step_due,
            Some(NaiveDate::from_ymd_opt(2026, 11, 28))
        );
    }
}
