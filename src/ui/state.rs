//! Everything the views draw, and nothing they would have to query.

use super::theme::Theme;
use crate::clock::Clock;
use crate::domain::{Card, LeadFilter, Money, Stage, Timestamp};
use crate::store::JournalMode;

/// Facts about this session, fixed while it runs.
#[derive(Debug, Clone)]
pub struct Ctx {
    /// The file as shown in the status line.
    pub db_label: String,
    pub user: String,
    pub clock: Clock,
    pub read_only: bool,
    pub journal: JournalMode,
    pub theme: Theme,
    /// The role of a person sshd authenticated (`leadboard serve`); `None` on a local file.
    pub role: Option<crate::domain::access::Role>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Board,
    Meeting,
    Detail,
    Sla,
    Flags,
    Funnel,
    Settings,
}

impl View {
    pub fn parse(name: &str) -> Result<View, String> {
        match name.trim().to_ascii_lowercase().as_str() {
            "board" => Ok(View::Board),
            "meeting" => Ok(View::Meeting),
            "detail" => Ok(View::Detail),
            "sla" => Ok(View::Sla),
            "flags" => Ok(View::Flags),
            "funnel" => Ok(View::Funnel),
            "settings" => Ok(View::Settings),
            other => Err(format!(
                "unknown view {other:?} (known: board, detail, sla, flags, funnel, settings, meeting)"
            )),
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            View::Board => "Board",
            View::Meeting => "Meeting",
            View::Detail => "Lead",
            View::Sla => "SLA",
            View::Flags => "Red flags",
            View::Funnel => "Funnel",
            View::Settings => "Settings",
        }
    }
}

/// One board column: header figures and the window of cards on screen.
#[derive(Debug, Clone)]
pub struct Column {
    pub stage: Stage,
    pub count: i64,
    /// In the team's currency; other currencies apart (`domain::currency`).
    pub value: Money,
    pub other: crate::domain::currency::OtherCurrencies,
    /// Index (within the column) of the first card in `cards`.
    pub offset: usize,
    /// Index of the selected card within the column.
    pub selected: usize,
    pub cards: Vec<Card>,
    /// The column's order (`s`).
    pub sort: crate::domain::CardSort,
}

#[derive(Debug, Clone, Default)]
pub struct Board {
    pub columns: Vec<Column>,
    pub col: usize,
    pub filter: LeadFilter,
    /// Show the exit stages (won, lost, disqualified, recycled) as the columns instead.
    pub exits: bool,
    /// When the board was last loaded, so switching back to it reloads only after a change.
    pub computed: Option<super::metrics_state::Computed>,
    /// Each column's order by stage key, kept across reloads.
    pub sorts: std::collections::HashMap<String, crate::domain::CardSort>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusKind {
    Info,
    Error,
}

#[derive(Debug, Clone)]
pub struct Status {
    pub text: String,
    pub kind: StatusKind,
    /// Ticks left before the message fades.
    pub ttl: u16,
}

pub struct State {
    pub ctx: Ctx,
    /// "Now" as of the last refresh.
    pub now: Timestamp,
    pub view: View,
    pub board: Board,
    pub sla: super::metrics_state::SlaState,
    pub flags: super::metrics_state::FlagsState,
    pub funnel: super::metrics_state::FunnelState,
    pub settings: super::metrics_state::SettingsState,
    pub help: bool,
    pub status: Option<Status>,
    /// Terminal size (cols, rows), so loads fetch only what fits.
    pub size: (u16, u16),
    pub quit: bool,
    /// `PRAGMA data_version` at the last load; a different value means someone else committed.
    pub data_version: Option<i64>,
    pub meeting: super::meeting_state::MeetingState,
    // ---- triage (issue 3)
    pub detail: Option<super::triage_state::Detail>,
    /// The open form, picker, prompt or conflict question; it takes every key.
    pub modal: Option<super::modal::Modal>,
    pub keys: super::keymap::Keymap,
    pub meta: super::triage_state::Meta,
    /// This session's changes, newest last, for `u`.
    pub undo: super::write::UndoLog,
    /// The time scrubber: the board and the figures as they were at a past meeting.
    pub past: Option<super::scrub::Past>,
}

impl State {
    pub fn new(ctx: Ctx, size: (u16, u16)) -> State {
        State {
            now: ctx.clock.now(),
            ctx,
            view: View::Board,
            board: Board::default(),
            sla: Default::default(),
            flags: Default::default(),
            funnel: Default::default(),
            settings: Default::default(),
            help: false,
            status: None,
            size,
            quit: false,
            data_version: None,
            meeting: Default::default(),
            detail: None,
            modal: None,
            keys: Default::default(),
            meta: Default::default(),
            undo: Default::default(),
            past: None,
        }
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            kind: StatusKind::Info,
            ttl: 20,
        });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            kind: StatusKind::Error,
            ttl: 60,
        });
    }

    /// Why nothing can be written now, when nothing can: the file is read-only, or the
    /// scrubber shows the past.
    pub fn read_only_reason(&self) -> Option<String> {
        match &self.past {
            Some(p) => Some(format!(
                "this is the board as at meeting {}: nothing can be changed in the past; ] returns to now",
                p.meeting
            )),
            None if self.ctx.read_only => {
                Some("the file is read-only: changes cannot be saved".to_string())
            }
            None if self.ctx.role == Some(crate::domain::access::Role::Viewer) => Some(format!(
                "{} is a viewer: the board is read-only for you (working leads needs the rep role)",
                self.ctx.user
            )),
            None => None,
        }
    }

    /// True (and the reason on the status line) when nothing can be written now.
    pub fn refuse_writes(&mut self) -> bool {
        match self.read_only_reason() {
            Some(why) => {
                self.error(why);
                true
            }
            None => false,
        }
    }

    pub fn current_column(&self) -> Option<&Column> {
        self.board.columns.get(self.board.col)
    }

    pub fn selected_card(&self) -> Option<&Card> {
        let c = self.current_column()?;
        c.cards.get(c.selected.checked_sub(c.offset)?)
    }
}
