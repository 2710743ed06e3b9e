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
    /// Switch to a view (number keys).
    ShowView(super::state::View),
    /// The next view in number order (Tab).
    NextView,
    /// Enter: open what is selected (a flag's lead) or edit it (a setting).
    Open,
    /// Open one lead (the lead detail view handles this).
    OpenLead(crate::domain::LeadId),
    /// Typing into the settings editor.
    Type(char),
    Backspace,
    /// Save the value being typed.
    Commit,
    /// Drop the value being typed.
    Cancel,
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
            Action::ShowView(v) => super::metrics_update::view_description(*v),
            Action::NextView => "next view",
            Action::Open => "open lead / edit setting",
            Action::OpenLead(_) => "open the lead",
            Action::Commit => "save",
            Action::Cancel => "cancel",
            Action::Tick | Action::Resize(..) | Action::Type(_) | Action::Backspace => "",
        }
    }
}
