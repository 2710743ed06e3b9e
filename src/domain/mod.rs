//! Plain domain types and rules. No terminal, no SQL: everything here is testable as values.

pub mod access;
pub mod activity;
pub mod agreement;
pub mod campaign;
pub mod currency;
pub mod event;
pub mod facts;
pub mod filter;
pub mod funnel_plan;
pub mod import;
pub mod lead;
pub mod money;
pub mod rep;
pub mod snooze;
pub mod stage;
pub mod stage_edit;
pub mod validate;

pub use activity::{Activity, ActivityKind, Outcome};
pub use agreement::Agreement;
pub use campaign::{Campaign, CampaignEdit};
pub use event::StageEvent;
pub use filter::{FlagFilter, LeadFilter};
pub use import::{ImportRecord, RepRef, RowProblem};
pub use lead::{Card, CardSort, Lead, LeadEdit, LeadId, NewLead};
pub use money::Money;
pub use rep::{Rep, RepEdit};
pub use snooze::Snooze;
pub use stage::{Stage, StageKind, Team};

/// Every point in time in leadboard is UTC; periods are cut in the team's zone by `metrics`.
pub type Timestamp = chrono::DateTime<chrono::Utc>;
