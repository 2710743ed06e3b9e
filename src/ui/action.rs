//! Every thing a user can do, named. Keymaps translate keys into these; help lists them.

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Quit,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Top,
    Bottom,
    ToggleHelp,
    /// Reload everything from the file.
    Refresh,
    /// Periodic tick: fades status messages.
    Tick,
    /// The terminal was resized to (cols, rows).
    Resize(u16, u16),
    /// Open meeting mode from any view.
    OpenMeeting,
    /// Meeting: next / previous agenda section.
    MeetingNext,
    MeetingPrev,
    /// Meeting: next / previous red flag.
    NextFlag,
    PrevFlag,
    /// Meeting: leave (writes the minutes) and return to the previous view.
    LeaveMeeting,
    /// Meeting: start recording a decision on the current red flag.
    Decide(crate::meeting::decision::DecisionKind),
    /// Decision form: type, erase, next field, save, cancel.
    FormChar(char),
    FormBackspace,
    FormNextField,
    FormSubmit,
    FormCancel,
}

impl Action {
    /// What the action does, for the help overlay.
    pub fn describe(&self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Up => "previous card",
            Action::Down => "next card",
            Action::Left => "previous column",
            Action::Right => "next column",
            Action::PageUp => "page up",
            Action::PageDown => "page down",
            Action::Top => "first card",
            Action::Bottom => "last card",
            Action::ToggleHelp => "show / hide this help",
            Action::Refresh => "reload from the file",
            Action::OpenMeeting => "meeting mode (projector)",
            Action::MeetingNext => "next agenda section",
            Action::MeetingPrev => "previous agenda section",
            Action::NextFlag => "next red flag",
            Action::PrevFlag => "previous red flag",
            Action::LeaveMeeting => "leave (writes the minutes)",
            Action::Decide(k) => match k {
                crate::meeting::decision::DecisionKind::NextStep => "decide: next step",
                crate::meeting::decision::DecisionKind::Recycle => "decide: recycle",
                crate::meeting::decision::DecisionKind::Disqualify => "decide: disqualify",
                crate::meeting::decision::DecisionKind::Won => "decide: won",
            },
            Action::FormChar(_) => "type",
            Action::FormBackspace => "erase",
            Action::FormNextField => "next field",
            Action::FormSubmit => "save the decision",
            Action::FormCancel => "cancel",
            Action::Tick | Action::Resize(..) => "",
        }
    }
}
