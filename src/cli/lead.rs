//! `leadboard lead …`: every action a rep takes on the board, for scripts and webhooks.

use super::team::ListFormat;
use crate::domain::ActivityKind;
use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct LeadArgs {
    #[command(subcommand)]
    pub action: LeadAction,
    /// Output: text for people, json for scripts
    #[arg(long, value_enum, default_value = "text", global = true)]
    pub format: ListFormat,
}

#[derive(Debug, Subcommand)]
pub enum LeadAction {
    /// Add a lead (prints it, with its id)
    Add(AddLead),
    /// Move a lead to another stage (exits and hand-backs need --reason)
    Move {
        id: i64,
        /// The stage's key or name
        stage: String,
        #[arg(long)]
        reason: Option<String>,
        /// A note logged with the move
        #[arg(long)]
        note: Option<String>,
    },
    /// Log a contact or a note
    Contact {
        id: i64,
        #[arg(long, value_parser = parse_activity)]
        kind: ActivityKind,
        /// When it happened (UTC): now, -1d, -3h, "yesterday 15:00", "2026-11-24 15:00"
        #[arg(
            long,
            value_name = "DATETIME",
            default_value = "now",
            allow_hyphen_values = true
        )]
        at: String,
        /// reached, no answer, left message or meeting booked
        #[arg(long)]
        outcome: Option<String>,
        /// What was said or done
        #[arg(long)]
        what: String,
    },
    /// Set the lead's next step and its due date
    NextStep {
        id: i64,
        #[arg(long)]
        what: String,
        /// 2026-12-01, today, tomorrow, +3d, +2w
        #[arg(long, value_name = "DATE")]
        due: String,
    },
    /// Give the lead to another rep
    Assign { id: i64, owner: String },
    /// Change a lead's own fields
    Edit(EditLead),
    /// One lead: fields, history and contacts
    Show { id: i64 },
    /// Leads, filtered
    List {
        /// Stage key or name
        #[arg(long)]
        stage: Option<String>,
        #[arg(long)]
        owner: Option<String>,
        /// Only leads with this red flag: uncontacted, stale, next_step_overdue, …
        #[arg(long, value_name = "KIND")]
        flag: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct AddLead {
    /// The person's name (required unless --from)
    #[arg(long, required_unless_present = "from")]
    pub name: Option<String>,
    #[arg(long)]
    pub company: Option<String>,
    #[arg(long)]
    pub email: Option<String>,
    #[arg(long)]
    pub phone: Option<String>,
    #[arg(long)]
    pub source: Option<String>,
    #[arg(long)]
    pub campaign: Option<String>,
    #[arg(long)]
    pub owner: Option<String>,
    /// Stage key or name (default: the first open stage)
    #[arg(long)]
    pub stage: Option<String>,
    #[arg(long, value_name = "AMOUNT")]
    pub value: Option<String>,
    /// The value's currency when it is not the team's own: an ISO code such as EUR
    #[arg(long, value_name = "CODE", value_parser = crate::domain::currency::parse_code)]
    pub currency: Option<String>,
    #[arg(long)]
    pub score: Option<i64>,
    #[arg(long)]
    pub priority: bool,
    /// Add it even though its e-mail belongs to a disqualified lead
    #[arg(long)]
    pub allow_disqualified: bool,
    /// Read leads as JSON lines from this file (`-` for stdin); one line, one lead, with the
    /// same fields as the options (name, company, email, phone, source, campaign, owner,
    /// stage, value, currency, score, priority)
    #[arg(long, value_name = "FILE", conflicts_with = "name")]
    pub from: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct EditLead {
    pub id: i64,
    #[arg(long)]
    pub name: Option<String>,
    #[arg(long)]
    pub company: Option<String>,
    #[arg(long)]
    pub email: Option<String>,
    #[arg(long)]
    pub phone: Option<String>,
    #[arg(long)]
    pub source: Option<String>,
    /// A campaign's name; empty to clear
    #[arg(long)]
    pub campaign: Option<String>,
    #[arg(long, value_name = "AMOUNT")]
    pub value: Option<String>,
    /// The value's currency: an ISO code such as EUR; empty for the team's own
    #[arg(long, value_name = "CODE", value_parser = crate::domain::currency::parse_code)]
    pub currency: Option<String>,
    #[arg(long)]
    pub score: Option<i64>,
    #[arg(long)]
    pub priority: Option<bool>,
}

fn parse_activity(s: &str) -> Result<ActivityKind, String> {
    s.parse()
}
