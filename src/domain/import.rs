//! What one CSV row asks for, after a format or mapping has read it. `None` means "the file
//! says nothing about this field": a new lead gets the default, an existing one keeps its value.

use super::{Money, Team, Timestamp};
use chrono::NaiveDate;
use serde::Serialize;

/// A rep as the file names them (a handle, a full name or a CRM id) and the team a new one joins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RepRef {
    pub raw: String,
    pub team: Team,
}

/// One importable row. Stage keys are already resolved against the file's funnel.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct ImportRecord {
    /// 1-based line in the CSV where the row starts.
    pub line: u64,
    pub external_id: Option<String>,
    pub name: Option<String>,
    pub company: Option<String>,
    pub email: Option<String>,
    pub source: Option<String>,
    pub campaign: Option<String>,
    pub owner: Option<RepRef>,
    pub qualified_by: Option<RepRef>,
    pub stage: Option<String>,
    /// When the lead entered `stage` (a close or won date); defaults to the import time.
    pub stage_at: Option<Timestamp>,
    pub score: Option<i64>,
    pub value: Option<Money>,
    /// The value's currency as the export names it (ISO code, upper-case).
    pub currency: Option<String>,
    pub priority: Option<bool>,
    pub next_step: Option<String>,
    pub next_step_due: Option<NaiveDate>,
    pub created_at: Option<Timestamp>,
    /// An open deal's expected close (the export's close date on a deal not yet closed).
    pub expected_close: Option<NaiveDate>,
}

/// Why a row was not imported: where, and what a person should fix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowProblem {
    pub line: u64,
    /// The CSV column at fault, when there is one.
    pub column: Option<String>,
    pub reason: String,
}

impl RowProblem {
    /// Reasons quote cells, and a cell can be megabytes: both are cut (saying how long they
    /// were) so a report stays readable.
    pub fn new(line: u64, column: Option<&str>, reason: impl Into<String>) -> RowProblem {
        RowProblem {
            line,
            column: column.map(|c| crate::text::shorten(c, 80)),
            reason: crate::text::shorten(&reason.into(), 300),
        }
    }
}

impl std::fmt::Display for RowProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.column {
            Some(c) => write!(f, "line {}, column {:?}: {}", self.line, c, self.reason),
            None => write!(f, "line {}: {}", self.line, self.reason),
        }
    }
}
