//! The agenda: sections in order, each with an optional time box. Time is counted in ticks
//! handed in by the run loop, never read from a clock.

use serde::Serialize;

/// The run loop ticks this often (`ui::app::TICK` is 250 ms).
pub const TICKS_PER_SECOND: u32 = 4;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Section {
    Scoreboard,
    SinceLast,
    RedFlags,
    Board,
    Wins,
    NextSteps,
}

impl Section {
    pub const ALL: [Section; 6] = [
        Section::Scoreboard,
        Section::SinceLast,
        Section::RedFlags,
        Section::Board,
        Section::Wins,
        Section::NextSteps,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Section::Scoreboard => "Scoreboard",
            Section::SinceLast => "Since last meeting",
            Section::RedFlags => "Red flags",
            Section::Board => "Board",
            Section::Wins => "Wins",
            Section::NextSteps => "Next steps",
        }
    }

    /// One word, for a narrow agenda strip.
    pub fn short(self) -> &'static str {
        match self {
            Section::Scoreboard => "Scoreboard",
            Section::SinceLast => "Since",
            Section::RedFlags => "Flags",
            Section::Board => "Board",
            Section::Wins => "Wins",
            Section::NextSteps => "Next",
        }
    }

    /// The name used on the command line: `snapshot --view meeting --section flags`.
    pub fn key(self) -> &'static str {
        match self {
            Section::Scoreboard => "scoreboard",
            Section::SinceLast => "since",
            Section::RedFlags => "flags",
            Section::Board => "board",
            Section::Wins => "wins",
            Section::NextSteps => "next",
        }
    }

    pub fn parse(s: &str) -> Result<Section, String> {
        let s = s.trim().to_ascii_lowercase();
        Section::ALL
            .into_iter()
            .find(|x| x.key() == s)
            .ok_or_else(|| {
                let known: Vec<&str> = Section::ALL.iter().map(|x| x.key()).collect();
                format!("unknown section {s:?} (known: {})", known.join(", "))
            })
    }

    /// Default time box in minutes: a one-hour sync, most of it on the red flags.
    pub fn default_minutes(self) -> u32 {
        match self {
            Section::Scoreboard => 5,
            Section::SinceLast => 10,
            Section::RedFlags => 20,
            Section::Board => 10,
            Section::Wins => 5,
            Section::NextSteps => 5,
        }
    }
}

/// Where the meeting is: the section, how long it has been on screen, and the time boxes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agenda {
    pub index: usize,
    /// Ticks spent in the current section.
    pub ticks: u32,
    /// Seconds per section (`None`: no time box), in `Section::ALL` order.
    pub boxes: [Option<u32>; 6],
    /// Step to the next section after this many seconds (`--auto`).
    pub auto: Option<u32>,
}

impl Default for Agenda {
    fn default() -> Self {
        Agenda {
            index: 0,
            ticks: 0,
            boxes: Section::ALL.map(|s| Some(s.default_minutes() * 60)),
            auto: None,
        }
    }
}

/// A time box as shown: seconds left (negative when over).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Countdown {
    pub left: i64,
}

impl Countdown {
    pub fn over(self) -> bool {
        self.left < 0
    }

    /// `4:05 left` or `1:10 over`: words as well as colour.
    pub fn label(self) -> String {
        let s = self.left.abs();
        let word = if self.over() { "over" } else { "left" };
        format!("{}:{:02} {word}", s / 60, s % 60)
    }
}

impl Agenda {
    pub fn section(&self) -> Section {
        Section::ALL[self.index.min(Section::ALL.len() - 1)]
    }

    pub fn go_to(&mut self, s: Section) {
        self.index = Section::ALL.iter().position(|x| *x == s).unwrap_or(0);
        self.ticks = 0;
    }

    /// Next section; false when already at the last.
    pub fn step_next(&mut self) -> bool {
        if self.index + 1 >= Section::ALL.len() {
            return false;
        }
        self.index += 1;
        self.ticks = 0;
        true
    }

    pub fn step_prev(&mut self) -> bool {
        if self.index == 0 {
            return false;
        }
        self.index -= 1;
        self.ticks = 0;
        true
    }

    pub fn elapsed_secs(&self) -> u32 {
        self.ticks / TICKS_PER_SECOND
    }

    pub fn countdown(&self) -> Option<Countdown> {
        self.boxes[self.index.min(5)].map(|b| Countdown {
            left: b as i64 - self.elapsed_secs() as i64,
        })
    }

    /// One tick. With `--auto`, steps on when the section's time is up (wrapping to the start,
    /// so an unattended screen keeps cycling); returns true when it stepped.
    pub fn tick(&mut self) -> bool {
        self.ticks = self.ticks.saturating_add(1);
        match self.auto {
            Some(a) if a > 0 && self.ticks >= a * TICKS_PER_SECOND => {
                if !self.step_next() {
                    self.index = 0;
                    self.ticks = 0;
                }
                true
            }
            _ => false,
        }
    }
}

/// Parses `--timebox scoreboard=5,flags=20,wins=0`: minutes per section, 0 for none.
pub fn parse_boxes(s: &str) -> Result<[Option<u32>; 6], String> {
    let mut boxes = Agenda::default().boxes;
    for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (name, mins) = part
            .split_once('=')
            .ok_or_else(|| format!("{part:?}: use SECTION=MINUTES, e.g. flags=20"))?;
        let section = Section::parse(name)?;
        let mins: u32 = mins
            .trim()
            .parse()
            .map_err(|_| format!("{part:?}: {mins:?} is not a number of minutes"))?;
        let i = Section::ALL.iter().position(|x| *x == section).unwrap_or(0);
        boxes[i] = (mins > 0).then_some(mins * 60);
    }
    Ok(boxes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countdown_goes_over_and_says_so() {
        let mut a = Agenda::default();
        assert_eq!(a.countdown().unwrap().label(), "5:00 left");
        for _ in 0..(5 * 60 + 70) * TICKS_PER_SECOND {
            a.tick();
        }
        let c = a.countdown().unwrap();
        assert!(c.over());
        assert_eq!(c.label(), "1:10 over");
        assert_eq!(a.section(), Section::Scoreboard, "no auto: stays put");
    }

    #[test]
    fn auto_cycles_and_wraps() {
        let mut a = Agenda {
            auto: Some(2),
            ..Agenda::default()
        };
        let mut seen = vec![a.section()];
        for _ in 0..6 * 2 * TICKS_PER_SECOND {
            if a.tick() {
                seen.push(a.section());
            }
        }
        assert_eq!(&seen[..6], &Section::ALL);
        assert_eq!(seen[6], Section::Scoreboard);
    }

    #[test]
    fn timebox_option() {
        let b = parse_boxes("flags=30, wins=0").unwrap();
        assert_eq!(b[2], Some(1800));
        assert_eq!(b[4], None);
        assert_eq!(b[0], Some(300));
        assert!(parse_boxes("flags").is_err());
        assert!(parse_boxes("lunch=5").is_err());
    }
}
