//! Where a view draws: one buffer and the area it covers.
//!
//! The TUI lends ratatui's frame buffer; a snapshot draws straight into a single buffer. A
//! `Terminal` over a `TestBackend` held three 160×48 buffers and diffed two of them, which
//! was over half of `leadboard snapshot`'s drawing time.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

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
}
