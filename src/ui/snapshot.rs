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
    // Cells are stored row by row; walking them in order avoids a bounds-checked lookup each.
    for row in buf.content.chunks(cols.max(1) as usize) {
        let start = out.len();
        let mut skip = 0;
        for cell in row {
            // A wide character occupies two cells; the second holds nothing of its own.
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = cell.symbol();
            // Most cells are one ASCII byte, one column wide.
            if sym.len() > 1 {
                skip = crate::text::width(sym).saturating_sub(1);
            }
            out.push_str(sym);
        }
        out.truncate(start + out[start..].trim_end().len());
        out.push('\n');
    }
    out
}
