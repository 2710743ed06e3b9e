//! A headline figure in big digits (tui-big-text), as large as the area allows, falling back
//! to plain bold text where even the smallest glyphs would not fit.

use crate::text;
use crate::ui::canvas::Canvas;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use tui_big_text::{BigText, PixelSize};

/// Cells one glyph takes (cols, rows) at a pixel size.
fn glyph(size: PixelSize) -> (u16, u16) {
    match size {
        PixelSize::Full => (8, 8),
        PixelSize::HalfHeight => (8, 4),
        _ => (4, 4),
    }
}

/// The largest size that fits `chars` glyphs in `area`.
pub fn fitting(chars: usize, area: Rect) -> Option<PixelSize> {
    [PixelSize::Full, PixelSize::HalfHeight, PixelSize::Quadrant]
        .into_iter()
        .find(|s| {
            let (w, h) = glyph(*s);
            chars as u16 * w <= area.width && h <= area.height
        })
}

/// Rows the figure will take in `area` (for stacking text under it).
pub fn height(s: &str, area: Rect) -> u16 {
    fitting(s.chars().count(), area).map_or(1, |p| glyph(p).1)
}

/// Draws `s` (ASCII figures such as `41/300`) centred in `area`.
pub fn render(frame: &mut Canvas, area: Rect, s: &str, style: Style) {
    draw(frame, area, s, style, Alignment::Center);
}

/// Draws `s` from the left edge of `area` (names, headings).
pub fn render_left(frame: &mut Canvas, area: Rect, s: &str, style: Style) {
    draw(frame, area, s, style, Alignment::Left);
}

fn draw(frame: &mut Canvas, area: Rect, s: &str, style: Style, alignment: Alignment) {
    let s = text::clean(s).into_owned();
    match fitting(s.chars().count(), area) {
        Some(size) => {
            let big = BigText::builder()
                .pixel_size(size)
                .style(style)
                .alignment(alignment)
                .lines(vec![Line::from(s)])
                .build();
            frame.render_widget(big, area);
        }
        None => frame.render_widget(
            Line::styled(
                text::fit(&s, area.width as usize),
                style.add_modifier(Modifier::BOLD),
            )
            .alignment(alignment),
            area,
        ),
    }
}
