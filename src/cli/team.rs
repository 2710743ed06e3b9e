//! `reps`, `campaigns` and `reasons`: the team's own lists, from the command line.

use super::{parse_kind, parse_team};
use crate::domain::{StageKind, Team};
use clap::{Args, Subcommand};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct RepsArgs {
    #[command(subcommand)]
    pub change: Option<RepChange>,
    /// Output format of the list
    #[arg(long, value_enum, default_value = "text", global = true)]
    pub format: ListFormat,
}

#[derive(Debug, Subcommand)]
pub enum RepChange {
    /// List the reps (also the default)
    List,
    /// Add a rep to a team; they count toward the team's targets from --from (default today)
    Add {
        /// One word: letters, digits, . - _ @ (what --owner and --user take)
        handle: String,
        #[arg(long)]
        name: String,
        /// marketing or sales
        #[arg(long, value_parser = parse_team)]
        team: Team,
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
    },
    /// Rename a rep, move them to the other team, or change their handle (their leads,
    /// contacts and moves follow the new handle)
    Edit {
        handle: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long, value_parser = parse_team)]
        team: Option<Team>,
        #[arg(long = "handle", value_name = "NEW")]
        new_handle: Option<String>,
    },
    /// The rep left: they keep their history and stop counting toward targets after --on
    /// (default today)
    Leave {
        handle: String,
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct CampaignsArgs {
    #[command(subcommand)]
    pub change: Option<CampaignChange>,
    /// Output format of the list
    #[arg(long, value_enum, default_value = "text", global = true)]
    pub format: ListFormat,
}

#[derive(Debug, Subcommand)]
pub enum CampaignChange {
    /// List the campaigns with their figures (also the default)
    List,
    /// Add a campaign; its cost makes cost per lead and return show in the funnel and report
    Add(CampaignFields),
    /// Change a campaign: --name renames it; an empty --cost, --start or --end clears it
    Edit(CampaignFields),
}

#[derive(Debug, Args)]
pub struct CampaignFields {
    /// The campaign's name (as leads and imports name it)
    pub campaign: String,
    /// A new name (edit only)
    #[arg(long)]
    pub name: Option<String>,
    /// Where it runs: search ads, webinar, events …
    #[arg(long)]
    pub channel: Option<String>,
    /// What it cost, e.g. 4500 or "4,500.00"
    #[arg(long, value_name = "AMOUNT")]
    pub cost: Option<String>,
    #[arg(long, value_name = "DATE")]
    pub start: Option<String>,
    #[arg(long, value_name = "DATE")]
    pub end: Option<String>,
}

#[derive(Debug, Args)]
pub struct ReasonsArgs {
    #[command(subcommand)]
    pub change: Option<ReasonChange>,
}

#[derive(Debug, Subcommand)]
pub enum ReasonChange {
    /// List the reasons per exit kind (also the default)
    List,
    /// Add a reason people can pick when a lead leaves through a lost, disqualified or
    /// recycled stage
    Add {
        #[arg(value_parser = parse_kind)]
        kind: StageKind,
        reason: String,
    },
    /// Take a reason off the list; moves that gave it keep it in their history
    Remove {
        #[arg(value_parser = parse_kind)]
        kind: StageKind,
        reason: String,
    },
}

#[derive(Debug, Args)]
pub struct AgreementArgs {
    #[command(subcommand)]
    pub change: Option<AgreementChange>,
}

#[derive(Debug, Subcommand)]
pub enum AgreementChange {
    /// Show the agreement in force and its history (also the default)
    Show,
    /// New terms from now on (what is not given stays); past periods keep the old ones
    Set {
        /// Leads marketing promises per marketing rep per calendar month
        #[arg(long, value_name = "N")]
        leads_per_rep_month: Option<i64>,
        /// Contacts sales commits to per sales rep per ISO week
        #[arg(long, value_name = "N")]
        contacts_per_rep_week: Option<i64>,
        /// Hours within which sales makes the first contact after hand-off
        #[arg(long, value_name = "H")]
        first_contact_hours: Option<i64>,
        /// IANA time zone in which months and weeks are cut, e.g. Europe/Paris
        #[arg(long, value_name = "TZ")]
        timezone: Option<String>,
    },
}
