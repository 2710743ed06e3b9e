//! The kanban: one column per open stage in agreed order.

use crate::text;
use crate::ui::canvas::Canvas;
use crate::ui::state::{Column, State};
use crate::ui::widgets::card;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

/// Narrowest a column may get before columns scroll sideways instead.
pub const MIN_COLUMN_WIDTH: u16 = 26;
/// Rows above the cards inside a column (figures, rule) plus the two borders.
const COLUMN_CHROME: u16 = 4;
/// Title bar and status line around the body.
const SCREEN_CHROME: u16 = 2;

/// How many cards fit in a column for a terminal this many rows tall.
pub fn cards_per_page(rows: u16) -> usize {
    (rows.saturating_sub(SCREEN_CHROME + COLUMN_CHROME) / card::HEIGHT) as usize
}

/// Which columns are on screen: as many as fit, scrolled so the selected one shows.
pub fn visible_columns(ncols: usize, selected: usize, width: u16) -> std::ops::Range<usize> {
    let fit = ((width / MIN_COLUMN_WIDTH) as usize).clamp(1, ncols.max(1));
    let first = selected
        .saturating_sub(fit - 1)
        .min(ncols.saturating_sub(fit));
    first..(first + fit).min(ncols)
}

pub fn render(state: &State, frame: &mut Canvas, area: Rect) {
    let cols = &state.board.columns;
    if cols.is_empty() {
        frame.render_widget(
            Paragraph::new("The funnel has no open stages. Add stages in the settings.")
                .style(state.ctx.theme.muted),
            area,
        );
        return;
    }
    let range = visible_columns(cols.len(), state.board.col, area.width);
    let n = range.len() as u16;
    let base_w = area.width / n;
    let mut x = area.x;
    for (k, i) in range.clone().enumerate() {
        // The last column takes the remainder so the board fills the width exactly.
        let w = if k as u16 == n - 1 {
            area.x + area.width - x
        } else {
            base_w
        };
        let rect = Rect {
            x,
            y: area.y,
            width: w,
            height: area.height,
        };
        column(
            state,
            frame,
            rect,
            &cols[i],
            i == state.board.col,
            i,
            &range,
            cols.len(),
        );
        x += w;
    }
}

#[allow(clippy::too_many_arguments)]
fn column(
    state: &State,
    frame: &mut Canvas,
    area: Rect,
    col: &Column,
    focused: bool,
    index: usize,
    range: &std::ops::Range<usize>,
    ncols: usize,
) {
    let t = &state.ctx.theme;
    let team_style = match col.stage.owner {
        crate::domain::Team::Marketing => t.marketing,
        crate::domain::Team::Sales => t.sales,
    };
    let more_left = index == range.start && range.start > 0;
    let more_right = index + 1 == range.end && range.end < ncols;
    let title = Line::from(vec![
        Span::raw(if more_left { "◀ " } else { " " }),
        Span::styled(text::clean(&col.stage.name).into_owned(), t.header),
        Span::styled(format!(" · {}", col.stage.owner), team_style),
        Span::styled(
            match col.sort {
                crate::domain::CardSort::Age => String::new(),
                s => format!(" ↓{}", s.label()),
            },
            t.muted,
        ),
        Span::raw(if more_right { " ▶" } else { " " }),
    ]);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(if focused { t.border_focus } else { t.border })
        .title(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height < 2 || inner.width < 4 {
        return;
    }
    let shown = if col.count == 0 {
        String::new()
    } else {
        format!(
            "  {}-{}",
            col.offset + 1,
            (col.offset + col.cards.len()).min(col.count as usize)
        )
    };
    let figures = format!(
        "{} leads · {}{}{}",
        col.count,
        col.value.short(),
        col.other.plus_short(),
        shown
    );
    frame.render_widget(
        Line::styled(text::fit(&figures, inner.width as usize), t.muted),
        Rect { height: 1, ..inner },
    );
    frame.render_widget(
        Line::styled("─".repeat(inner.width as usize), t.border),
        Rect {
            y: inner.y + 1,
            height: 1,
            ..inner
        },
    );
    let mut y = inner.y + 2;
    let today = state.now.date_naive();
    for (k, c) in col.cards.iter().enumerate() {
        if y + card::HEIGHT > inner.y + inner.height + 1 {
            break;
        }
        let selected = focused && col.offset + k == col.selected;
        let rect = Rect {
            x: inner.x,
            y,
            width: inner.width,
            height: card::HEIGHT.min(inner.y + inner.height - y),
        };
        // Only open stages count down: a lead that left the funnel owes no first contact.
        let left = col
            .stage
            .is_open()
            .then(|| state.meta.first_contact_left(c, state.now))
            .flatten();
        card::render(
            frame, rect, c, &col.stage, state.now, today, selected, left, t,
        );
        y += card::HEIGHT;
    }
    if col.count == 0 {
        frame.render_widget(
            Line::styled("  (empty)", t.muted),
            Rect {
                y: inner.y + 2,
                height: 1,
                ..inner
            },
        );
    }
}
