//! Stage events: the history of every move.

use super::{LeadId, Timestamp};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageEvent {
    pub id: i64,
    pub lead_id: LeadId,
    /// `None` when the lead was created in `to`.
    pub from: Option<String>,
    pub to: String,
    pub by: String,
    pub at: Timestamp,
    pub reason: String,
}
