//! Colours and styles by role. Views never name a raw colour.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub base: Style,
    pub title: Style,
    pub header: Style,
    pub muted: Style,
    pub card: Style,
    pub selected: Style,
    pub border: Style,
    pub border_focus: Style,
    pub warn: Style,
    pub danger: Style,
    pub ok: Style,
    pub status: Style,
    pub status_error: Style,
    pub marketing: Style,
    pub sales: Style,
}

impl Theme {
    pub fn dark() -> Theme {
        Theme {
            base: Style::default().fg(Color::Gray),
            title: Style::default()
                .fg(Color::White)
                .add_modifier(Modifier::BOLD),
            header: Style::default()
                .fg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            muted: Style::default().fg(Color::DarkGray),
            card: Style::default().fg(Color::White),
            selected: Style::default().fg(Color::Black).bg(Color::Cyan),
            border: Style::default().fg(Color::DarkGray),
            border_focus: Style::default().fg(Color::Cyan),
            warn: Style::default().fg(Color::Yellow),
            danger: Style::default()
                .fg(Color::LightRed)
                .add_modifier(Modifier::BOLD),
            ok: Style::default().fg(Color::Green),
            status: Style::default().fg(Color::Black).bg(Color::Gray),
            status_error: Style::default().fg(Color::White).bg(Color::Red),
            marketing: Style::default().fg(Color::Magenta),
            sales: Style::default().fg(Color::Blue),
        }
    }

    pub fn light() -> Theme {
        Theme {
            base: Style::default().fg(Color::Black),
            title: Style::default()
                .fg(Color::Black)
                .add_modifier(Modifier::BOLD),
            header: Style::default()
                .fg(Color::Blue)
                .add_modifier(Modifier::BOLD),
            muted: Style::default().fg(Color::DarkGray),
            card: Style::default().fg(Color::Black),
            selected: Style::default().fg(Color::White).bg(Color::Blue),
            border: Style::default().fg(Color::Gray),
            border_focus: Style::default().fg(Color::Blue),
            warn: Style::default().fg(Color::Rgb(150, 90, 0)),
            danger: Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
            ok: Style::default().fg(Color::Rgb(0, 120, 0)),
            status: Style::default().fg(Color::White).bg(Color::DarkGray),
            status_error: Style::default().fg(Color::White).bg(Color::Red),
            marketing: Style::default().fg(Color::Magenta),
            sales: Style::default().fg(Color::Blue),
        }
    }

    /// Meeting mode on a washed-out projector: bright bold text on black, no greys, no
    /// blue-on-black; every warning also says so in words.
    pub fn projector() -> Theme {
        let bg = Style::default().bg(Color::Black);
        let bold = bg.add_modifier(Modifier::BOLD);
        Theme {
            base: bold.fg(Color::White),
            title: bold.fg(Color::White),
            header: bold.fg(Color::LightYellow),
            muted: bg.fg(Color::White),
            card: bold.fg(Color::White),
            selected: bold.fg(Color::Black).bg(Color::LightYellow),
            border: bold.fg(Color::White),
            border_focus: bold.fg(Color::LightYellow),
            warn: bold.fg(Color::LightYellow),
            danger: bold.fg(Color::White).bg(Color::Red),
            ok: bold.fg(Color::LightGreen),
            status: bold.fg(Color::Black).bg(Color::White),
            status_error: bold.fg(Color::White).bg(Color::Red),
            marketing: bold.fg(Color::LightMagenta),
            sales: bold.fg(Color::LightCyan),
        }
    }

    /// `NO_COLOR`: no colours at all, emphasis by bold and reverse only.
    pub fn plain() -> Theme {
        let s = Style::default();
        let bold = s.add_modifier(Modifier::BOLD);
        let rev = s.add_modifier(Modifier::REVERSED);
        Theme {
            base: s,
            title: bold,
            header: bold,
            muted: s,
            card: s,
            selected: rev,
            border: s,
            border_focus: bold,
            warn: bold,
            danger: bold,
            ok: s,
            status: rev,
            status_error: rev.add_modifier(Modifier::BOLD),
            marketing: s,
            sales: s,
        }
    }

    /// The theme a session starts with: `NO_COLOR` wins over any configured name.
    pub fn pick(name: Option<&str>, no_color: bool) -> Theme {
        if no_color {
            return Theme::plain();
        }
        match name {
            Some("light") => Theme::light(),
            Some("projector") => Theme::projector(),
            _ => Theme::dark(),
        }
    }
}
