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
    /// The board and figures as at the previous / next meeting (then now again).
    StepBack,
    StepForward,
    /// Board: the selected column's order (age, first contact, score, value, last touch).
    CycleSort,
    /// Flags view: snooze the selected flag until a date, with a reason.
    SnoozeFlag,
    /// Meeting: the next / previous group of red flags (an owner, or a kind).
    NextGroup,
    PrevGroup,
    /// Meeting: group the flags by owner or by kind.
    CycleGrouping,
    /// Meeting: only the flags of marketing's reps, of sales' reps, or all.
    CycleTeam,
    /// Meeting: leave (ends a started meeting, writes its minutes where configured).
    LeaveMeeting,
    /// Meeting: start recording a decision on the current red flag.
    Decide(crate::meeting::decision::DecisionKind),
    /// Decision form: type, erase, next field, save, cancel.
    FormChar(char),
    FormBackspace,
    FormNextField,
    FormSubmit,
    FormCancel,
    // ---- triage (issue 3): see `ui/triage.rs`
    /// Open a lead's detail (the board's Enter, the Flags list, a click).
    OpenLead(crate::domain::LeadId),
    /// Open the detail of the selected card.
    Open,
    /// Leave the detail (or close a list) back to the board.
    Back,
    MoveNext,
    MovePrev,
    MoveTo,
    LogContact,
    NextStep,
    SetOwner,
    EditLead,
    TogglePriority,
    AddLead,
    Undo,
    Search,
    Mine,
    FilterForm,
    ClearFilter,
    ToggleExits,
    /// Settings: move the selected stage one place earlier / later in the funnel.
    StageEarlier,
    StageLater,
    /// Settings: add a rep, campaign or reason to the selected section.
    AddItem,
    /// Settings: remove the selected exit reason (asks first).
    RemoveItem,
    Palette,
    /// A raw key for the open form, picker or prompt.
    Input(crossterm::event::KeyEvent),
    /// A mouse click at (column, row) of the terminal.
    Click(u16, u16),
    /// Switch to a view (number keys).
    ShowView(super::state::View),
    /// The next view in number order (Tab).
    NextView,
    /// Typing into the settings editor.
    Type(char),
    Backspace,
    /// Save the value being typed.
    Commit,
    /// Drop the value being typed.
    Cancel,
    /// Clear the value being typed (Ctrl-u).
    ClearInput,
    /// The funnel's cohort: all leads, this month, this quarter, the last 12 months.
    CycleCohort,
    /// Start the meeting: from now on it is recorded (the next one compares with it).
    StartMeeting,
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
            Action::LeaveMeeting => "leave (ends a started meeting)",
            Action::Decide(k) => match k {
                crate::meeting::decision::DecisionKind::NextStep => "decide: next step",
                crate::meeting::decision::DecisionKind::Recycle => "decide: recycle",
                crate::meeting::decision::DecisionKind::Disqualify => "decide: disqualify",
                crate::meeting::decision::DecisionKind::Won => "decide: won",
                crate::meeting::decision::DecisionKind::Snooze => {
                    "snooze the flag until a date, with a reason"
                }
            },
            // One row in help for the pair.
            Action::StepBack | Action::StepForward => "as at past meetings (back / on)",
            Action::CycleSort => "sort: age, 1st contact, score…",
            Action::SnoozeFlag => "snooze the flag until a date, with a reason",
            Action::NextGroup => "next group of flags",
            Action::PrevGroup => "previous group of flags",
            Action::CycleGrouping => "group flags by owner / by kind",
            Action::CycleTeam => "flags of all / marketing / sales",
            Action::FormChar(_) => "type",
            Action::FormBackspace => "erase",
            Action::FormNextField => "next field",
            Action::FormSubmit => "save the decision",
            Action::FormCancel => "cancel",
            Action::OpenLead(_) | Action::Open => "open the lead's detail",
            Action::Back => "back to the board",
            Action::MoveNext => "move to the next stage",
            Action::MovePrev => "move to the previous stage",
            Action::MoveTo => "move to any stage",
            Action::LogContact => "log call/email/meeting/note",
            Action::NextStep => "set next step and due date",
            Action::SetOwner => "set owner",
            Action::EditLead => "edit name, email, value…",
            Action::TogglePriority => "priority account on / off",
            Action::AddLead => "add a lead",
            Action::Undo => "undo my last change",
            Action::Search => "search name, company, email",
            Action::Mine => "only my leads (on / off)",
            Action::FilterForm => "filter: owner, campaign, …",
            Action::ClearFilter => "clear every filter",
            Action::ToggleExits => "exit stages / open stages",
            Action::StageEarlier => "move the stage earlier in the funnel",
            Action::StageLater => "move the stage later in the funnel",
            Action::AddItem => "add a rep, campaign or reason (in its section)",
            Action::RemoveItem => "remove the selected reason (asks first)",
            Action::Palette => "command palette",
            Action::Tick
            | Action::Resize(..)
            | Action::Input(_)
            | Action::Click(..)
            | Action::Type(_)
            | Action::Backspace => "",
            Action::ClearInput => "clear the field",
            Action::CycleCohort => "funnel of: all / month / quarter / 12 months",
            Action::StartMeeting => "start the meeting (records it for everyone)",
            Action::ShowView(v) => super::metrics_update::view_description(*v),
            Action::NextView => "next view",
            Action::Commit => "save",
            Action::Cancel => "cancel",
        }
    }
}

/// Actions a person can name: in the config file's `[keys]` table and in the `:` palette.
pub const NAMED: &[(&str, Action)] = &[
    ("quit", Action::Quit),
    ("up", Action::Up),
    ("down", Action::Down),
    ("left", Action::Left),
    ("right", Action::Right),
    ("page_up", Action::PageUp),
    ("page_down", Action::PageDown),
    ("top", Action::Top),
    ("bottom", Action::Bottom),
    ("help", Action::ToggleHelp),
    ("refresh", Action::Refresh),
    ("open", Action::Open),
    ("back", Action::Back),
    ("move_next", Action::MoveNext),
    ("move_prev", Action::MovePrev),
    ("move_to", Action::MoveTo),
    ("log_contact", Action::LogContact),
    ("next_step", Action::NextStep),
    ("owner", Action::SetOwner),
    ("edit", Action::EditLead),
    ("priority", Action::TogglePriority),
    ("add", Action::AddLead),
    ("undo", Action::Undo),
    ("search", Action::Search),
    ("mine", Action::Mine),
    ("filter", Action::FilterForm),
    ("clear_filter", Action::ClearFilter),
    ("exits", Action::ToggleExits),
    ("stage_earlier", Action::StageEarlier),
    ("stage_later", Action::StageLater),
    ("add_item", Action::AddItem),
    ("snooze", Action::SnoozeFlag),
    ("sort", Action::CycleSort),
    ("step_back", Action::StepBack),
    ("step_forward", Action::StepForward),
    ("remove_item", Action::RemoveItem),
    ("palette", Action::Palette),
    ("funnel_period", Action::CycleCohort),
];

impl Action {
    /// The name used in the config file and the palette, if the action has one.
    pub fn name(&self) -> Option<&'static str> {
        NAMED.iter().find(|(_, a)| a == self).map(|(n, _)| *n)
    }

    pub fn from_name(name: &str) -> Option<Action> {
        let n = name.trim().to_ascii_lowercase().replace('-', "_");
        NAMED.iter().find(|(k, _)| *k == n).map(|(_, a)| a.clone())
    }
}
