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
            Action::Tick | Action::Resize(..) => "",
        }
    }
}
