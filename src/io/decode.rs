//! Text that is not UTF-8, turned into UTF-8 as it streams: UTF-16 with a byte-order mark
//! (Excel's "Unicode text"), and Windows-1252 (Excel's "CSV" on Windows; Salesforce's
//! ISO-8859-1 export, which WHATWG decoders read as Windows-1252). Decoding is encoding_rs's;
//! this file only feeds it.

use encoding_rs::{Decoder, Encoding, UTF_16BE, UTF_16LE, WINDOWS_1252};
use std::io::Read;

/// The encoding a file's first block shows, and why; `None` for UTF-8.
pub fn sniff(head: &[u8]) -> Option<(&'static Encoding, &'static str)> {
    if head.starts_with(&[0xFF, 0xFE]) {
        return Some((UTF_16LE, "from its byte-order mark"));
    }
    if head.starts_with(&[0xFE, 0xFF]) {
        return Some((UTF_16BE, "from its byte-order mark"));
    }
    match std::str::from_utf8(head) {
        Ok(_) => None,
        // Cut mid-character at the end of the block: still UTF-8 so far.
        Err(e) if e.error_len().is_none() => None,
        Err(_) => Some((
            WINDOWS_1252,
            "the file is not UTF-8 (Excel's \"CSV\" on Windows, or ISO-8859-1); \
             --encoding names another",
        )),
    }
}

/// An encoding named on the command line (`windows-1252`, `latin1`, `utf-16le`, …).
pub fn named(label: &str) -> Result<&'static Encoding, String> {
    Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| {
        format!("--encoding {label:?}: not an encoding (e.g. utf-8, windows-1252, utf-16le)")
    })
}

/// Reads `inner` in `encoding`, giving UTF-8.
pub struct Decode<R> {
    inner: R,
    decoder: Decoder,
    out: Vec<u8>,
    pos: usize,
    done: bool,
}

impl<R: Read> Decode<R> {
    pub fn new(inner: R, encoding: &'static Encoding) -> Decode<R> {
        Decode {
            inner,
            decoder: encoding.new_decoder_with_bom_removal(),
            out: Vec::new(),
            pos: 0,
            done: false,
        }
    }
}

impl<R: Read> Read for Decode<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        loop {
            if self.pos < self.out.len() {
                let n = buf.len().min(self.out.len() - self.pos);
                buf[..n].copy_from_slice(&self.out[self.pos..self.pos + n]);
                self.pos += n;
                return Ok(n);
            }
            if self.done {
                return Ok(0);
            }
            let mut raw = [0u8; 16 * 1024];
            let n = self.inner.read(&mut raw)?;
            let last = n == 0;
            let room = self.decoder.max_utf8_buffer_length(n).unwrap_or(n * 3 + 16);
            self.out.clear();
            self.out.resize(room, 0);
            self.pos = 0;
            let (_, _, written, _) = self.decoder.decode_to_utf8(&raw[..n], &mut self.out, last);
            self.out.truncate(written);
            self.done = last;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(bytes: &[u8], e: &'static Encoding) -> String {
        let mut s = String::new();
        Decode::new(bytes, e).read_to_string(&mut s).unwrap();
        s
    }

    #[test]
    fn windows_1252_and_utf16_become_utf8() {
        assert_eq!(
            all(b"B\xe9atrice;12,50 \x80", WINDOWS_1252),
            "Béatrice;12,50 €"
        );
        let mut u16 = vec![0xFF, 0xFE];
        for c in "name\tMüller\r\n".encode_utf16() {
            u16.extend_from_slice(&c.to_le_bytes());
        }
        assert_eq!(sniff(&u16).unwrap().0, UTF_16LE);
        assert_eq!(all(&u16, UTF_16LE), "name\tMüller\r\n");
        assert_eq!(sniff(b"B\xe9a").unwrap().0, WINDOWS_1252);
        assert!(sniff("Béa".as_bytes()).is_none());
        assert!(sniff(&"Béa".as_bytes()[..2]).is_none(), "cut mid-character");
    }
}
