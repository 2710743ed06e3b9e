//! One lead on the board: three lines and a gap.

use crate::domain::{Card, Stage, Timestamp};
use crate::text;
use crate::ui::canvas::Canvas;
use crate::ui::theme::Theme;
use chrono::NaiveDate;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

pub const HEIGHT: u16 = 4;

/// Marks that need no colour to be read: ★ priority, `!due` overdue, `stale`.
pub fn marks(card: &Card, stage: &Stage, now: Timestamp, today: NaiveDate) -> Vec<&'static str> {
    let mut m = Vec::new();
    if card.next_step_overdue(today) {
        m.push("!due");
    }
    if stage
        .stale_after_days
        .is_some_and(|d| card.days_in_stage(now) > d)
    {
        m.push("stale");
    }
    m
}

/// Owner, days in stage and value in at most `max` cells. A narrow column gives up the
/// separators first, then the end of the owner's handle, so the value (what a projected
/// board is read for) does not turn into `$…`.
fn meta_line(owner: &str, days: i64, value: &str, max: usize) -> String {
    let full = format!("  @{owner} · {days}d · {value}");
    if text::width(&full) <= max {
        return full;
    }
    let tail = format!(" {days}d {value}");
    let compact = format!("  @{owner}{tail}");
    if text::width(&compact) <= max {
        return compact;
    }
    // At least two cells of the handle, or it is no longer recognisable: cut the whole line.
    let room = max.saturating_sub(3 + text::width(&tail));
    if room >= 2 {
        format!("  @{}{tail}", text::fit(owner, room))
    } else {
        text::fit(&compact, max)
    }
}

#[allow(clippy::too_many_arguments)]
pub fn render(
    frame: &mut Canvas,
    area: Rect,
    card: &Card,
    stage: &Stage,
    now: Timestamp,
    today: NaiveDate,
    selected: bool,
    first_contact_left: Option<i64>,
    t: &Theme,
) {
    let w = area.width as usize;
    let base = if selected { t.selected } else { t.card };
    let pointer = if selected { "▶" } else { " " };
    let star = if card.priority { "★" } else { " " };
    let score = format!(" {:>3}", card.score);
    let name_w = w.saturating_sub(2 + text::width(&score));
    let name = text::fit(&card.name, name_w);
    let pad = name_w.saturating_sub(text::width(&name));
    let line1 = Line::from(vec![
        Span::styled(
            format!("{pointer}{star}{name}{}", " ".repeat(pad)),
            base.add_modifier(ratatui::style::Modifier::BOLD),
        ),
        Span::styled(score, if selected { base } else { t.muted }),
    ]);
    // The first-contact countdown of a handed-off lead nobody reached yet: right of the company.
    // Else an open deal's expected close (from its CRM): `close 12-15`, late when passed.
    let countdown = first_contact_left
        .map(|h| (crate::domain::lead::countdown_words(h), h < 0))
        .or_else(|| {
            card.expected_close
                .filter(|_| stage.is_open())
                .map(|d| (format!("close {}", d.format("%m-%d")), d < today))
        });
    let cd_text = countdown
        .as_ref()
        .map_or(String::new(), |(s, _)| format!(" {s}"));
    let company = format!(
        "  {}",
        text::fit(&card.company, w.saturating_sub(2 + text::width(&cd_text)))
    );
    let pad2 = w.saturating_sub(text::width(&company) + text::width(&cd_text));
    let cd_style = match countdown {
        _ if selected => base,
        Some((_, true)) => t.danger,
        _ => t.warn,
    };
    let line2_style = if selected { base } else { t.base };
    let line2 = if cd_text.is_empty() {
        Line::styled(company, line2_style)
    } else {
        Line::from(vec![
            Span::styled(company, line2_style),
            Span::styled(" ".repeat(pad2), line2_style),
            Span::styled(cd_text, cd_style),
        ])
    };
    let owner = card.owner.as_deref().unwrap_or("unassigned");
    let flags = marks(card, stage, now, today);
    let flag_text = if flags.is_empty() {
        String::new()
    } else {
        format!(" {}", flags.join(" "))
    };
    let meta = meta_line(
        &text::clean(owner),
        card.days_in_stage(now),
        &crate::domain::currency::short(&card.currency, card.value),
        w.saturating_sub(text::width(&flag_text)),
    );
    let pad = w.saturating_sub(text::width(&meta) + text::width(&flag_text));
    let flag_style: Style = if selected { base } else { t.danger };
    let line3 = Line::from(vec![
        Span::styled(meta, if selected { base } else { t.muted }),
        Span::styled(" ".repeat(pad), base),
        Span::styled(flag_text, flag_style),
    ]);
    for (k, line) in [line1, line2, line3].iter().enumerate() {
        let k = k as u16;
        if k >= area.height {
            break;
        }
        frame.set_line(
            line,
            Rect {
                y: area.y + k,
                height: 1,
                ..area
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::meta_line;
    use crate::text::width;

    #[test]
    fn the_value_outlasts_the_separators_and_the_handle() {
        assert_eq!(meta_line("chen", 22, "$65k", 40), "  @chen · 22d · $65k");
        assert_eq!(meta_line("chen", 22, "$65k", 17), "  @chen 22d $65k");
        assert_eq!(meta_line("jules", 32, "$1.2M", 16), "  @ju… 32d $1.2M");
        // No room for even two cells of the handle: the whole line is cut.
        assert_eq!(meta_line("jules", 320, "$1.2M", 12), "  @jules 32…");
        for max in 0..30 {
            assert!(width(&meta_line("jules", 32, "$1.2M", max)) <= max);
        }
    }
}
