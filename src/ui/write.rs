//! Changes the UI asks the store to make, and how to take each one back.

use crate::domain::{ActivityKind, LeadEdit, LeadId, NewLead, Timestamp};

/// One change to the shared file. Edits and moves carry the version the user started from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Write {
    Move {
        id: LeadId,
        to: String,
        reason: String,
        version: i64,
    },
    Log {
        id: LeadId,
        kind: ActivityKind,
        body: String,
        /// When it happened; `None` is now.
        at: Option<crate::domain::Timestamp>,
        outcome: Option<crate::domain::Outcome>,
    },
    Edit {
        id: LeadId,
        edit: LeadEdit,
        version: i64,
    },
    Create(Box<NewLead>),
    Undo(Undo),
}

impl Write {
    /// The same change aimed at a newer version: "re-apply" after a conflict.
    pub fn rebased(&self, version: i64) -> Write {
        let mut w = self.clone();
        match &mut w {
            Write::Move { version: v, .. } | Write::Edit { version: v, .. } => *v = version,
            Write::Undo(Undo::Moved { version: v, .. } | Undo::Edited { version: v, .. }) => {
                *v = version
            }
            Write::Undo(Undo::Created { version: v, .. }) => *v = version,
            Write::Log { .. } | Write::Create(_) | Write::Undo(Undo::Logged { .. }) => {}
        }
        w
    }
}

/// How to take back one change of this session. Undoing writes new history.
// A session's undo log holds a few dozen of these: the size of an edit's fields is no cost.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Undo {
    /// Move back to `from` (a new stage event).
    Moved {
        id: LeadId,
        from: String,
        to: String,
        version: i64,
    },
    /// Put the touched fields back (new change rows).
    Edited {
        id: LeadId,
        before: LeadEdit,
        version: i64,
    },
    /// Retract the activity with a note.
    Logged {
        id: LeadId,
        activity: i64,
        kind: ActivityKind,
        first_contact_before: Option<Timestamp>,
    },
    /// A lead added by mistake leaves through disqualified, with the reason said.
    Created { id: LeadId, version: i64 },
}

impl Undo {
    pub fn lead(&self) -> LeadId {
        match self {
            Undo::Moved { id, .. }
            | Undo::Edited { id, .. }
            | Undo::Logged { id, .. }
            | Undo::Created { id, .. } => *id,
        }
    }

    /// In words, with stages named by `name` (key → "SQL").
    pub fn describe(&self, name: impl Fn(&str) -> String) -> String {
        match self {
            Undo::Moved { id, from, to, .. } => {
                format!("lead {id} back from {} to {}", name(to), name(from))
            }
            Undo::Edited { id, .. } => format!("edit of lead {id}"),
            Undo::Logged { id, kind, .. } => format!("{kind} logged on lead {id}"),
            Undo::Created { id, .. } => format!("lead {id} added"),
        }
    }
}

/// The reverse of an edit: the old value of every field the edit touches.
pub fn inverse(edit: &LeadEdit, before: &crate::domain::Lead) -> LeadEdit {
    LeadEdit {
        name: edit.name.as_ref().map(|_| before.name.clone()),
        company: edit.company.as_ref().map(|_| before.company.clone()),
        email: edit.email.as_ref().map(|_| before.email.clone()),
        phone: edit.phone.as_ref().map(|_| before.phone.clone()),
        source: edit.source.as_ref().map(|_| before.source.clone()),
        campaign: edit.campaign.as_ref().map(|_| before.campaign.clone()),
        owner: edit.owner.as_ref().map(|_| before.owner.clone()),
        score: edit.score.map(|_| before.score),
        value: edit.value.map(|_| before.value),
        currency: edit.currency.as_ref().map(|_| before.currency.clone()),
        priority: edit.priority.map(|_| before.priority),
        next_step: edit.next_step.as_ref().map(|_| before.next_step.clone()),
        next_step_due: edit.next_step_due.map(|_| before.next_step_due),
    }
}

/// This session's changes for `u`, and the version each lead had after our latest write to
/// it: undoing an older change is checked against that, so our own later changes (already
/// undone) are no conflict but anybody else's are.
#[derive(Debug, Clone, Default)]
pub struct UndoLog {
    entries: Vec<Undo>,
    versions: Vec<(LeadId, i64)>,
}

impl UndoLog {
    pub fn push(&mut self, u: Undo) {
        self.entries.push(u);
    }

    pub fn pop(&mut self) -> Option<Undo> {
        self.entries.pop()
    }

    pub fn last(&self) -> Option<&Undo> {
        self.entries.last()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Records the version our write left a lead at.
    pub fn wrote(&mut self, id: LeadId, version: i64) {
        self.versions.retain(|(i, _)| *i != id);
        self.versions.push((id, version));
    }

    /// The next undo, aimed at the version our own latest write left.
    pub fn next_write(&self) -> Option<Write> {
        let u = self.last()?;
        let w = Write::Undo(u.clone());
        Some(match self.versions.iter().find(|(i, _)| *i == u.lead()) {
            Some((_, v)) if !matches!(u, Undo::Logged { .. }) => w.rebased(*v),
            _ => w,
        })
    }
}
