//! A whole team file as JSON lines (`export --what all --format json`), read back by
//! `import` into an empty file: the agreed stages, agreements and reasons, the reps and
//! campaigns, every lead with its contacts and stage history. One record a line, so a file of
//! any size streams both ways; the first line says what it is.

use crate::domain::{
    Activity, Agreement, Campaign, Lead, Rep, Snooze, Stage, StageEvent, StageKind,
};
use serde::{Deserialize, Serialize};

/// The first line's marker, and the bundle format's version.
pub const MARKER: &str = "leadboard_export";
pub const VERSION: i64 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Record {
    /// First line: `{"type":"header","leadboard_export":1}`.
    Header {
        leadboard_export: i64,
    },
    Stage(Stage),
    Agreement(Agreement),
    Reason {
        kind: StageKind,
        text: String,
    },
    Rep(Rep),
    Campaign(Campaign),
    Lead(Box<Lead>),
    /// A contact or note; `retracted_by` is the id of the note that took it back (undo).
    Activity {
        #[serde(flatten)]
        activity: Activity,
        retracted_by: Option<i64>,
    },
    Event(StageEvent),
    Snooze(Snooze),
}

/// True when `first_line` opens a bundle (rather than a CSV).
pub fn is_bundle(first_line: &str) -> bool {
    first_line.trim_start().starts_with('{') && first_line.contains(MARKER)
}
