//! Last meeting's commitments carried into this one: each decision, and what became of it.
//! A next step is done once the lead was contacted or moved after the meeting decided it,
//! late when its due date passed without that, open otherwise; moves decided in the room
//! (recycle, disqualify, won) were done there.

use super::decision::{Decision, DecisionKind};
use crate::domain::Timestamp;
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    Done,
    Late,
    Open,
}

impl State {
    pub fn label(self) -> &'static str {
        match self {
            State::Done => "done",
            State::Late => "late",
            State::Open => "open",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Commitment {
    pub decision: Decision,
    pub state: State,
}

/// What happened to a lead after a decision: its first contact and first move since.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Since {
    pub contact: Option<Timestamp>,
    pub moved: Option<Timestamp>,
}

pub fn assess(decision: &Decision, since: Since, today: NaiveDate) -> State {
    if decision.kind != DecisionKind::NextStep {
        return State::Done;
    }
    if since.contact.is_some() || since.moved.is_some() {
        State::Done
    } else if decision.due.is_some_and(|d| d < today) {
        State::Late
    } else {
        State::Open
    }
}

/// `3 done · 1 late · 2 open`
pub fn summary(all: &[Commitment]) -> String {
    let n = |s: State| all.iter().filter(|c| c.state == s).count();
    format!(
        "{} done · {} late · {} open",
        n(State::Done),
        n(State::Late),
        n(State::Open)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn next_step(due: &str) -> Decision {
        Decision {
            id: 1,
            meeting_id: 1,
            lead_id: 7,
            lead: "Ada".into(),
            flag_kind: "stale".into(),
            kind: DecisionKind::NextStep,
            text: "Call the CFO".into(),
            owner: Some("ana".into()),
            due: NaiveDate::parse_from_str(due, "%Y-%m-%d").ok(),
            by: "lee".into(),
            at: chrono::DateTime::UNIX_EPOCH,
        }
    }

    #[test]
    fn done_late_or_open() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let d = next_step("2026-11-30");
        let touched = Since {
            contact: Some(chrono::DateTime::UNIX_EPOCH),
            moved: None,
        };
        assert_eq!(assess(&d, touched, today), State::Done);
        assert_eq!(assess(&d, Since::default(), today), State::Late);
        assert_eq!(
            assess(&next_step("2026-12-02"), Since::default(), today),
            State::Open
        );
        let won = Decision {
            kind: DecisionKind::Won,
            ..next_step("2026-11-30")
        };
        assert_eq!(assess(&won, Since::default(), today), State::Done);
    }
}
