//! Line numbers a person can find in an editor. The csv crate's own counter skips blank lines
//! and counts CRLF twice (and CR-only files not at all), so this reader watches the bytes going into the parser and turns a
//! record's byte offset into its line. Only the bytes not yet passed are kept.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::Read;
use std::rc::Rc;

#[derive(Default)]
pub struct LineIndex {
    /// Bytes read but not yet passed by `cursor`: (offset of the first byte, bytes).
    chunks: VecDeque<(u64, Vec<u8>)>,
    cursor: u64,
    /// Line number (1-based) at `cursor`.
    line: u64,
    /// The byte before `cursor` was a CR: a LF now ends the same line (CRLF), anything else
    /// follows a line that ended with CR alone (old Mac files).
    after_cr: bool,
}

impl LineIndex {
    /// The line where a record starting at byte `start` has its first content: terminators
    /// and blank lines the parser skipped before it are stepped over.
    pub fn line_of(&mut self, start: u64) -> u64 {
        loop {
            let Some((off, bytes)) = self.chunks.front() else {
                return self.line.max(1);
            };
            let end = off + bytes.len() as u64;
            while self.cursor < end {
                let b = bytes[(self.cursor - off) as usize];
                if self.cursor >= start && b != b'\n' && b != b'\r' {
                    return self.line;
                }
                if b == b'\r' || (b == b'\n' && !self.after_cr) {
                    self.line += 1;
                }
                self.after_cr = b == b'\r';
                self.cursor += 1;
            }
            self.chunks.pop_front();
        }
    }
}

/// Passes bytes through to the parser, noting them in the shared index.
pub struct Watched<R> {
    inner: R,
    index: Rc<RefCell<LineIndex>>,
    offset: u64,
}

impl<R: Read> Watched<R> {
    pub fn new(inner: R) -> (Watched<R>, Rc<RefCell<LineIndex>>) {
        let index = Rc::new(RefCell::new(LineIndex {
            line: 1,
            ..LineIndex::default()
        }));
        (
            Watched {
                inner,
                index: Rc::clone(&index),
                offset: 0,
            },
            index,
        )
    }
}

/// The longest row read before the file is refused: a real CRM row is a few kilobytes; past
/// this it is an unclosed quote or not a CSV, and reading on would hold the rest of the file
/// (or an endless pipe) in memory.
pub const MAX_ROW_BYTES: u64 = 1 << 20;

/// Slack for the parser's read-ahead beyond the current row.
const READ_AHEAD: u64 = 256 * 1024;

impl<R: Read> Read for Watched<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let mut index = self.index.borrow_mut();
        if self.offset - index.cursor > MAX_ROW_BYTES + READ_AHEAD {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!(
                    "a row after line {} is longer than {} MB: an unclosed quote, or not a CSV; \
                     nothing was imported",
                    index.line,
                    MAX_ROW_BYTES >> 20
                ),
            ));
        }
        let n = self.inner.read(buf)?;
        if n > 0 {
            index.chunks.push_back((self.offset, buf[..n].to_vec()));
            self.offset += n as u64;
        }
        Ok(n)
    }
}
