//! Funnel stages as the team agreed them.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The two teams that share the funnel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Team {
    Marketing,
    Sales,
}

impl Team {
    pub const ALL: [Team; 2] = [Team::Marketing, Team::Sales];

    pub fn as_str(self) -> &'static str {
        match self {
            Team::Marketing => "marketing",
            Team::Sales => "sales",
        }
    }
}

impl fmt::Display for Team {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Team {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "marketing" | "mkt" => Ok(Team::Marketing),
            "sales" => Ok(Team::Sales),
            other => Err(format!(
                "unknown team {other:?} (expected marketing or sales)"
            )),
        }
    }
}

/// What a stage means for the lead's life: still in play, or one of the exits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StageKind {
    Open,
    Won,
    Lost,
    Disqualified,
    Recycled,
}

impl StageKind {
    pub const ALL: [StageKind; 5] = [
        StageKind::Open,
        StageKind::Won,
        StageKind::Lost,
        StageKind::Disqualified,
        StageKind::Recycled,
    ];

    /// The exits a lead leaves through with a reason, in the order the team reads them.
    pub const WITH_REASONS: [StageKind; 3] = [
        StageKind::Disqualified,
        StageKind::Recycled,
        StageKind::Lost,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            StageKind::Open => "open",
            StageKind::Won => "won",
            StageKind::Lost => "lost",
            StageKind::Disqualified => "disqualified",
            StageKind::Recycled => "recycled",
        }
    }

    /// Closed loop: leaving the funnel this way must say why.
    pub fn requires_reason(self) -> bool {
        matches!(
            self,
            StageKind::Lost | StageKind::Disqualified | StageKind::Recycled
        )
    }

    pub fn is_exit(self) -> bool {
        self != StageKind::Open
    }
}

impl fmt::Display for StageKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for StageKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        StageKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s.trim().to_ascii_lowercase())
            .ok_or_else(|| {
                format!(
                    "unknown stage kind {s:?} (expected open, won, lost, disqualified or recycled)"
                )
            })
    }
}

/// One agreed funnel stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stage {
    /// Short stable identifier, e.g. `mql`.
    pub key: String,
    pub name: String,
    /// Order in the funnel; open stages are shown left to right by it.
    pub position: i64,
    pub owner: Team,
    pub kind: StageKind,
    /// A lead sitting in this stage longer than this is stale; `None` means never.
    pub stale_after_days: Option<i64>,
    /// Entering this stage delivers the lead to sales and starts the first-contact clock.
    pub is_handoff: bool,
    /// What the team agreed this stage means, shown in help and settings.
    pub definition: String,
}

impl Stage {
    pub fn is_open(&self) -> bool {
        self.kind == StageKind::Open
    }
}

/// The next / previous open stage in funnel order, for `>` and `<`.
pub fn neighbour<'a>(stages: &'a [Stage], current: &str, forward: bool) -> Option<&'a Stage> {
    let mut open: Vec<&Stage> = stages.iter().filter(|s| s.is_open()).collect();
    open.sort_by_key(|s| s.position);
    let won = stages.iter().find(|s| s.kind == StageKind::Won);
    let idx = open.iter().position(|s| s.key == current);
    match (idx, forward) {
        (Some(i), true) if i + 1 < open.len() => Some(open[i + 1]),
        (Some(_), true) => won,
        (Some(i), false) if i > 0 => Some(open[i - 1]),
        (Some(_), false) => None,
        // From an exit stage, `<` brings the lead back to the last open stage it can re-enter.
        (None, false) => open.last().copied(),
        (None, true) => None,
    }
}

/// Closed loop: a move that needs a reason. Exits always do; so does a hand-back, a move from
/// a stage sales owns to an open stage marketing owns, since marketing must know why.
pub fn move_needs_reason(from: Option<&Stage>, to: &Stage) -> bool {
    to.kind.requires_reason() || is_hand_back(from, to)
}

/// From a stage sales owns to an open stage marketing owns.
pub fn is_hand_back(from: Option<&Stage>, to: &Stage) -> bool {
    from.is_some_and(|f| f.owner == Team::Sales)
        && to.owner == Team::Marketing
        && to.kind == StageKind::Open
}
