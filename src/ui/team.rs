//! The team's lists in the settings view: reps, campaigns and exit reasons. Enter on one
//! opens its form, `a` adds to the selected section, `d` removes a reason (after `y`). The
//! forms are the one form model (`modal::Form`); the writes are the store's, logged.

use super::effects::Effect;
use super::metrics_state::{Confirm, Setting};
use super::modal::{Field, Form, Modal, Purpose};
use super::state::{State, View};
use crate::domain::{
    Campaign, CampaignEdit, Money, Rep, RepEdit, StageKind, Team, Timestamp, validate,
};
use crate::store::{Result, Store};
use chrono::NaiveDate;

/// A change to the team's lists, from a submitted form or a confirmed removal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TeamWrite {
    AddRep(Rep),
    EditRep {
        handle: String,
        edit: RepEdit,
        /// The last day they count, when the form says they left.
        left: Option<NaiveDate>,
    },
    AddCampaign(Campaign),
    EditCampaign {
        name: String,
        edit: CampaignEdit,
    },
    AddReason(StageKind, String),
    RemoveReason(StageKind, String),
}

/// True when the settings' selection is on one of the team's lists.
pub fn selected(state: &State) -> bool {
    matches!(
        state.settings.current(),
        Some(Setting::Rep(_) | Setting::Campaign(_) | Setting::Reason(_))
    )
}

fn writable(state: &mut State) -> bool {
    !state.refuse_writes()
}

/// Enter on a rep or a campaign: its form, filled in; on a list's "+ add" row, an empty one.
pub fn open(state: &mut State) -> Vec<Effect> {
    if !writable(state) {
        return vec![];
    }
    let s = &state.settings;
    let form = match s.current() {
        Some(Setting::Rep(i)) => Some(rep_form(s.reps.get(i))),
        Some(Setting::Campaign(i)) => Some(campaign_form(s.campaigns.get(i))),
        Some(Setting::Reason(i)) if i == s.reasons.len() => Some(reason_form(None)),
        Some(Setting::Reason(_)) => {
            state.info("d removes this reason; a adds one");
            None
        }
        _ => None,
    };
    state.modal = form.map(Modal::Form);
    vec![]
}

/// `a` in the settings: a new rep, campaign or reason, by the section the selection is in.
pub fn add(state: &mut State) -> Vec<Effect> {
    if state.view != View::Settings {
        return vec![];
    }
    if !writable(state) {
        return vec![];
    }
    let form = match state.settings.current() {
        Some(Setting::Rep(_)) => rep_form(None),
        Some(Setting::Campaign(_)) => campaign_form(None),
        Some(Setting::Reason(i)) => {
            let kind = state.settings.reasons.get(i).map(|(k, _)| *k);
            reason_form(kind)
        }
        _ => {
            state.info(
                "a adds a rep, campaign or reason: select that section first (↓); \
                 stages are added with `leadboard stages add`",
            );
            return vec![];
        }
    };
    state.modal = Some(Modal::Form(form));
    vec![]
}

/// `d` on a reason: asks first, since every picker loses it.
pub fn remove(state: &mut State) -> Vec<Effect> {
    if state.view != View::Settings || !writable(state) {
        return vec![];
    }
    let Some(Setting::Reason(i)) = state.settings.current() else {
        state.info("d removes an exit reason: select one in Reasons (↓)");
        return vec![];
    };
    let Some((kind, reason)) = state.settings.reasons.get(i).cloned() else {
        state.info("d removes an exit reason: select one above");
        return vec![];
    };
    state.settings.pending = Some(Confirm {
        prompt: format!(
            "Remove the {kind} reason {reason:?} for everyone? Past moves keep it. y removes · n or Esc cancels"
        ),
        effect: Effect::Team(Box::new(TeamWrite::RemoveReason(kind, reason))),
    });
    vec![]
}

const TEAMS: [&str; 2] = ["marketing", "sales"];

fn rep_form(rep: Option<&Rep>) -> Form {
    let team = rep.map_or(0, |r| usize::from(r.team == Team::Sales));
    let mut fields = vec![
        Field::text("handle", rep.map_or("", |r| r.handle.as_str()))
            .hint("one word: what --owner and --user take"),
        Field::text("name", rep.map_or("", |r| r.name.as_str())),
        Field::pick("team", TEAMS.iter().map(|t| t.to_string()).collect(), team),
    ];
    match rep {
        None => {
            fields.push(Field::text("from", "today").hint("counts toward targets from this day"))
        }
        Some(r) => fields.push(
            Field::text(
                "left on",
                r.active_to.map(|d| d.to_string()).unwrap_or_default(),
            )
            .hint("the last day they count; empty while on the team"),
        ),
    }
    let title = rep.map_or("Add a rep".to_string(), |r| format!("Rep {}", r.handle));
    Form::new(
        title,
        Purpose::Rep {
            handle: rep.map(|r| r.handle.clone()),
        },
        fields,
    )
}

fn campaign_form(c: Option<&Campaign>) -> Form {
    let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let cost = c.and_then(|c| c.cost).map_or(String::new(), |m| {
        format!("{}.{:02}", m.cents() / 100, m.cents() % 100)
    });
    let title = c.map_or("Add a campaign".to_string(), |c| {
        format!("Campaign {}", c.name)
    });
    Form::new(
        title,
        Purpose::Campaign {
            name: c.map(|c| c.name.clone()),
        },
        vec![
            Field::text("name", c.map_or("", |c| c.name.as_str())),
            Field::text("channel", c.map_or("", |c| c.source.as_str()))
                .hint("search ads, webinar, events …"),
            Field::text("cost", cost).hint("what it cost, e.g. 4500; empty if unknown"),
            Field::text("start", date(c.and_then(|c| c.starts_on)))
                .hint("2026-11-01; empty if open"),
            Field::text("end", date(c.and_then(|c| c.ends_on))),
        ],
    )
}

fn reason_form(kind: Option<StageKind>) -> Form {
    let kinds: Vec<String> = StageKind::WITH_REASONS
        .iter()
        .map(|k| k.to_string())
        .collect();
    let at = kind
        .and_then(|k| StageKind::WITH_REASONS.iter().position(|x| *x == k))
        .unwrap_or(0);
    Form::new(
        "Add an exit reason",
        Purpose::ExitReason,
        vec![
            Field::pick("for", kinds, at).hint("the exit it explains"),
            Field::text("reason", "").hint("short and reusable, e.g. wrong company size"),
        ],
    )
}

/// Reads a team form. `Err` is the reason the form shows.
pub fn submit(form: &Form, now: Timestamp) -> std::result::Result<TeamWrite, String> {
    let today = now.date_naive();
    let day = |label: &str| {
        validate::parse_due_date(form.field(label), today).map_err(|e| format!("{label}: {e}"))
    };
    match &form.purpose {
        Purpose::Rep { handle } => {
            let team: Team = form.field("team").parse()?;
            let h = validate::handle(form.field("handle")).map_err(|e| format!("handle: {e}"))?;
            if form.field("name").trim().is_empty() {
                return Err("name: say who this is".into());
            }
            match handle {
                None => Ok(TeamWrite::AddRep(Rep {
                    handle: h,
                    name: form.field("name").trim().to_string(),
                    team,
                    active_from: day("from")?.unwrap_or(today),
                    active_to: None,
                })),
                Some(old) => Ok(TeamWrite::EditRep {
                    handle: old.clone(),
                    edit: RepEdit {
                        name: Some(form.field("name").to_string()),
                        team: Some(team),
                        handle: (&h != old).then_some(h),
                    },
                    left: day("left on")?,
                }),
            }
        }
        Purpose::Campaign { name } => {
            let cost = match form.field("cost").trim() {
                "" => None,
                c => Some(Money::parse(c).map_err(|e| format!("cost: {e}"))?),
            };
            let c = Campaign {
                id: 0,
                name: form.field("name").trim().to_string(),
                source: form.field("channel").trim().to_string(),
                cost,
                starts_on: day("start")?,
                ends_on: day("end")?,
            };
            if c.name.is_empty() {
                return Err("name: a campaign needs a name".into());
            }
            Ok(match name {
                None => TeamWrite::AddCampaign(c),
                Some(old) => TeamWrite::EditCampaign {
                    name: old.clone(),
                    edit: CampaignEdit {
                        name: Some(c.name),
                        source: Some(c.source),
                        cost: Some(c.cost),
                        starts_on: Some(c.starts_on),
                        ends_on: Some(c.ends_on),
                    },
                },
            })
        }
        Purpose::ExitReason => {
            let kind: StageKind = form.field("for").parse()?;
            let reason = form.field("reason").trim();
            if reason.is_empty() {
                return Err("reason: write the reason people will pick".into());
            }
            Ok(TeamWrite::AddReason(kind, reason.to_string()))
        }
        _ => Err("not a form of the team's lists".into()),
    }
}

/// Saves the change. A refusal stays in the form (what was typed is kept); success closes it
/// and shows the lists and the pickers as they are now.
pub fn apply(store: &mut Store, state: &mut State, w: TeamWrite) -> Result<()> {
    let (by, now) = (state.ctx.user.clone(), state.ctx.clock.now());
    let done = match &w {
        TeamWrite::AddRep(r) => store
            .add_rep(r, &by, now)
            .map(|_| format!("added rep {}", r.handle)),
        TeamWrite::EditRep { handle, edit, left } => (|| {
            let rep = store.edit_rep(handle, edit, &by, now)?;
            if let Some(d) = left
                && rep.active_to != Some(*d)
            {
                store.leave_rep(&rep.handle, *d, &by, now)?;
            }
            Ok(format!("saved rep {}", rep.handle))
        })(),
        TeamWrite::AddCampaign(c) => store
            .add_campaign(c, &by, now)
            .map(|_| format!("added campaign {}", c.name)),
        TeamWrite::EditCampaign { name, edit } => store
            .edit_campaign(name, edit, &by, now)
            .map(|c| format!("saved campaign {}", c.name)),
        TeamWrite::AddReason(k, r) => store
            .add_reason(*k, r, &by, now)
            .map(|_| format!("added {k} reason {r:?}")),
        TeamWrite::RemoveReason(k, r) => store
            .remove_reason(*k, r, &by, now)
            .map(|_| format!("removed {k} reason {r:?}; past moves keep it")),
    };
    match done {
        Ok(msg) => {
            if matches!(state.modal, Some(Modal::Form(_))) {
                state.modal = None;
            }
            state.info(format!("{msg}, recorded as changed by {by} now"));
            super::metrics_load::view(store, state, View::Settings)?;
            super::load::board(store, state)
        }
        Err(e) => {
            if let Some(Modal::Form(f)) = &mut state.modal {
                f.error = Some(e.to_string());
            }
            state.error(e.to_string());
            Ok(())
        }
    }
}
