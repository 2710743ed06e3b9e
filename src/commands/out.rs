//! What commands print for people. Text from the file (names, notes, stage names, a
//! mapping's name, a CSV header) is data: on a terminal it is cleaned of control characters
//! line by line; into a pipe or a file it goes out exactly as stored, for scripts.

use std::io::{self, IsTerminal, Write};

/// Prints `text` (which may hold several lines) to stdout.
pub fn print(text: &str) {
    let stdout = io::stdout();
    let terminal = stdout.is_terminal();
    let mut out = stdout.lock();
    let _ = out.write_all(for_terminal(text, terminal).as_bytes());
}

/// `print` with a line end.
pub fn println(text: &str) {
    print(&format!("{text}\n"));
}

/// `text` with every line cleaned when it goes to a terminal; unchanged otherwise.
pub fn for_terminal(text: &str, terminal: bool) -> String {
    if !terminal {
        return text.to_string();
    }
    text.split_inclusive('\n')
        .map(|line| match line.strip_suffix('\n') {
            Some(body) => format!("{}\n", crate::text::clean(body)),
            None => crate::text::clean(line).into_owned(),
        })
        .collect()
}

/// A writer for streamed output (export): cleans what it passes on when `terminal`.
/// Bytes are held until a line is complete, so a character is never split.
pub struct TerminalSafe<W: Write> {
    inner: W,
    terminal: bool,
    pending: Vec<u8>,
}

impl<W: Write> TerminalSafe<W> {
    pub fn new(inner: W, terminal: bool) -> Self {
        TerminalSafe {
            inner,
            terminal,
            pending: Vec::new(),
        }
    }

    fn emit(&mut self, bytes: &[u8]) -> io::Result<()> {
        let text = String::from_utf8_lossy(bytes);
        self.inner.write_all(for_terminal(&text, true).as_bytes())
    }
}

impl<W: Write> Write for TerminalSafe<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if !self.terminal {
            return self.inner.write(buf);
        }
        self.pending.extend_from_slice(buf);
        if let Some(end) = self.pending.iter().rposition(|&b| b == b'\n') {
            let rest = self.pending.split_off(end + 1);
            let done = std::mem::replace(&mut self.pending, rest);
            self.emit(&done)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.pending.is_empty() {
            let done = std::mem::take(&mut self.pending);
            self.emit(&done)?;
        }
        self.inner.flush()
    }
}

impl<W: Write> Drop for TerminalSafe<W> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_terminal_gets_clean_lines_and_a_pipe_the_bytes() {
        let text = "Ana\x1b[2J Silva\nline \u{9b}31m two\n";
        assert_eq!(
            for_terminal(text, true),
            "Ana\u{FFFD}[2J Silva\nline \u{FFFD}31m two\n"
        );
        assert_eq!(for_terminal(text, false), text);
    }

    #[test]
    fn streamed_output_is_cleaned_across_writes() {
        let mut out = Vec::new();
        {
            let mut w = TerminalSafe::new(&mut out, true);
            w.write_all(b"name\n\"Ev").unwrap();
            w.write_all(b"e\x1b]0;pwned\x07\"\n").unwrap();
        }
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "name\n\"Eve\u{FFFD}]0;pwned\u{FFFD}\"\n"
        );
    }
}
