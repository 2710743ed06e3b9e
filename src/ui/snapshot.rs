//! One frame as plain text, for `leadboard snapshot`, meeting notes and tests.

use super::canvas::Canvas;
use super::state::State;
use super::views;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

pub fn render_text(state: &State, cols: u16, rows: u16) -> String {
    let mut buf = Buffer::empty(Rect::new(0, 0, cols, rows));
    views::render(state, &mut Canvas::new(&mut buf));
    let mut out = String::with_capacity((cols as usize + 1) * rows as usize);
    for y in 0..rows {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..cols {
            // A wide character occupies two cells; the second holds nothing of its own.
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            skip = crate::text::width(sym).saturating_sub(1);
            line.push_str(sym);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
