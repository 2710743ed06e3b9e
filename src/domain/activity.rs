//! Activities: contacts made and notes.

use super::{LeadId, Timestamp};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActivityKind {
    Call,
    Email,
    Meeting,
    Note,
}

impl ActivityKind {
    pub const ALL: [ActivityKind; 4] = [
        ActivityKind::Call,
        ActivityKind::Email,
        ActivityKind::Meeting,
        ActivityKind::Note,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ActivityKind::Call => "call",
            ActivityKind::Email => "email",
            ActivityKind::Meeting => "meeting",
            ActivityKind::Note => "note",
        }
    }

    /// A note is not a contact: it neither counts for the SLA nor starts first contact.
    pub fn is_contact(self) -> bool {
        self != ActivityKind::Note
    }
}

impl fmt::Display for ActivityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ActivityKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim().to_ascii_lowercase();
        ActivityKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                format!("unknown activity {s:?} (expected call, email, meeting or note)")
            })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Activity {
    pub id: i64,
    pub lead_id: LeadId,
    pub kind: ActivityKind,
    /// Rep handle (or any user name) of who made the contact.
    pub by: String,
    pub at: Timestamp,
    pub body: String,
    /// How a contact went, when the rep said.
    pub outcome: Option<Outcome>,
}

/// How a contact went: the four answers a rep gives after a call or e-mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Reached,
    NoAnswer,
    LeftMessage,
    MeetingBooked,
}

impl Outcome {
    pub const ALL: [Outcome; 4] = [
        Outcome::Reached,
        Outcome::NoAnswer,
        Outcome::LeftMessage,
        Outcome::MeetingBooked,
    ];

    /// The key stored in the file and used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Reached => "reached",
            Outcome::NoAnswer => "no_answer",
            Outcome::LeftMessage => "left_message",
            Outcome::MeetingBooked => "meeting_booked",
        }
    }

    /// What people read.
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Reached => "reached",
            Outcome::NoAnswer => "no answer",
            Outcome::LeftMessage => "left message",
            Outcome::MeetingBooked => "meeting booked",
        }
    }

    /// `None` for the empty text the file stores when no outcome was given.
    pub fn from_stored(s: &str) -> Result<Option<Outcome>, String> {
        if s.is_empty() {
            Ok(None)
        } else {
            s.parse().map(Some)
        }
    }
}

impl FromStr for Outcome {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let key = s.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        Outcome::ALL
            .into_iter()
            .find(|o| o.as_str() == key)
            .ok_or_else(|| {
                format!(
                    "unknown outcome {:?} (expected reached, no answer, left message or meeting booked)",
                    s.trim()
                )
            })
    }
}
