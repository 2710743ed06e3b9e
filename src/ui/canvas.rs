//! Where a view draws: one buffer and the area it covers.
//!
//! The TUI lends ratatui's frame buffer; a snapshot draws straight into a single buffer. A
//! `Terminal` over a `TestBackend` held three 160×48 buffers and diffed two of them, which
//! was over half of `leadboard snapshot`'s drawing time.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

pub struct Canvas<'a> {
    buf: &'a mut Buffer,
    area: Rect,
}

impl<'a> Canvas<'a> {
    /// Draws over the whole of `buf`.
    pub fn new(buf: &'a mut Buffer) -> Self {
        let area = buf.area;
        Canvas { buf, area }
    }

    /// The area the view may use (the terminal's size).
    pub fn area(&self) -> Rect {
        self.area
    }

    pub fn render_widget<W: Widget>(&mut self, widget: W, area: Rect) {
        widget.render(area, self.buf);
    }

    /// Writes one line of already-fitted text at the top left of `area`, clipped to it: the
    /// cells `Buffer::set_line` would write, without a `Paragraph`'s wrapping pass. The board
    /// draws forty cards a frame this way.
    pub fn set_line(&mut self, line: &Line<'_>, area: Rect) {
        let area = area.intersection(self.buf.area);
        if area.is_empty() {
            return;
        }
        put_line(self.buf, area.x, area.y, line, area.width);
    }
}

/// `Buffer::set_line`, with a fast path for spans whose every character is a grapheme of its
/// own (most names, companies and the board's marks): no grapheme segmentation for those.
/// Other spans (combining marks, emoji sequences, scripts that join) go through ratatui.
pub fn put_line(buf: &mut Buffer, x: u16, y: u16, line: &Line<'_>, max_width: u16) {
    let mut remaining = max_width;
    let mut x = x;
    for span in line {
        if remaining == 0 {
            break;
        }
        let style = line.style.patch(span.style);
        let s = span.content.as_ref();
        let end = if s.chars().all(stands_alone) {
            put_simple(buf, x, y, s, remaining, style)
        } else {
            buf.set_stringn(x, y, s, remaining as usize, style).0
        };
        remaining = remaining.saturating_sub(end.saturating_sub(x));
        x = end;
    }
}

/// Characters that never join a neighbour into one grapheme, as long as every character
/// around them is one of these too: printable ASCII and Latin letters, spacing modifiers,
/// general punctuation (not the zero-width and bidi controls), arrows, box drawing, blocks,
/// geometric shapes and miscellaneous symbols (★). Extend, ZWJ, variation selectors,
/// regional indicators, Hangul jamo and controls are all outside these ranges.
fn stands_alone(c: char) -> bool {
    matches!(c,
        ' '..='~'
        | '\u{A0}'..='\u{AC}'
        | '\u{AE}'..='\u{2FF}'
        | '\u{2010}'..='\u{2027}'
        | '\u{2030}'..='\u{205E}'
        | '\u{2190}'..='\u{21FF}'
        | '\u{2500}'..='\u{26FF}')
}

/// `Buffer::set_stringn` for text of `stands_alone` characters only.
fn put_simple(buf: &mut Buffer, mut x: u16, y: u16, s: &str, max_width: u16, style: Style) -> u16 {
    let mut remaining = buf.area.right().saturating_sub(x).min(max_width);
    let mut tmp = [0u8; 4];
    for c in s.chars() {
        let sym: &str = c.encode_utf8(&mut tmp);
        let width = if c.is_ascii() { 1 } else { sym.width() as u16 };
        if width == 0 {
            continue;
        }
        let Some(left) = remaining.checked_sub(width) else {
            break;
        };
        remaining = left;
        buf[(x, y)].set_symbol(sym).set_style(style);
        let next = x + width;
        x += 1;
        // A wide character hides the cell after it, as in set_stringn.
        while x < next {
            buf[(x, y)].reset();
            x += 1;
        }
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use ratatui::style::{Color, Modifier};
    use ratatui::text::Span;

    /// Characters of every kind the fast path must either handle or hand over.
    const POOL: &[char] = &[
        'a',
        'Z',
        ' ',
        '~',
        'é',
        'ß',
        '·',
        '…',
        '★',
        '▶',
        '─',
        '│',
        '→',
        '\u{AD}',
        '\u{300}',
        '\u{301}',
        '\u{200D}',
        '\u{FE0F}',
        '東',
        '京',
        '🎉',
        '👍',
        '\u{1F3FD}',
        '🇫',
        '🇷',
        'ᄀ',
        '\u{1161}',
        'क',
        '\u{94D}',
        '\u{2028}',
        '\u{1B}',
        '\t',
        'ｶ',
        '\u{FF9E}',
        '\u{2605}',
    ];

    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(proptest::sample::select(POOL), 0..12)
            .prop_map(|cs| cs.into_iter().collect())
    }

    proptest! {
        /// Whatever the text, the cells are those ratatui's own set_line writes.
        #[test]
        fn same_cells_as_ratatui(parts in proptest::collection::vec(text(), 0..4),
                                 x in 0u16..6, width in 0u16..24) {
            let styles = [Style::new().fg(Color::Red), Style::new().add_modifier(Modifier::BOLD)];
            let line = Line::from(parts.iter().enumerate()
                .map(|(i, p)| Span::styled(p.clone(), styles[i % 2]))
                .collect::<Vec<_>>())
                .style(Style::new().bg(Color::Blue));
            let area = Rect::new(0, 0, 20, 1);
            let mut ours = Buffer::empty(area);
            let mut theirs = Buffer::empty(area);
            put_line(&mut ours, x, 0, &line, width);
            theirs.set_line(x, 0, &line, width);
            prop_assert_eq!(ours, theirs);
        }
    }
}
