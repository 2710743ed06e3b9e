//! Opening a CSV the way people's files really are: a UTF-8 BOM, CRLF line ends, `;` or tab
//! separators, quoted fields with commas and quotes inside. Rows stream one at a time, so
//! memory does not grow with the file. What is not a CSV is refused before anything is read.

use super::lines::{LineIndex, Watched};
use crate::domain::RowProblem;
use csv::ByteRecord;
use std::cell::RefCell;
use std::io::{BufRead, BufReader, Read};
use std::rc::Rc;

/// A file-level refusal: the whole file, not one row, is wrong.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct SourceError(pub String);

pub struct CsvSource {
    reader: csv::Reader<Watched<BufReader<Box<dyn Read>>>>,
    lines: Rc<RefCell<LineIndex>>,
    pub headers: Vec<String>,
    pub delimiter: u8,
    record: ByteRecord,
    /// Report footer lines skipped: (count, line and text of the first).
    pub footer: Option<(u64, u64, String)>,
    /// How the bytes were read when not as UTF-8, for the report.
    pub encoding: Option<String>,
}

/// One data row: the line it starts on, the byte offset after it, and its cells.
pub struct Row<'a> {
    pub line: u64,
    pub byte: u64,
    pub cells: &'a ByteRecord,
}

impl CsvSource {
    pub fn open(path: &std::path::Path) -> Result<CsvSource, SourceError> {
        let f = std::fs::File::open(path)
            .map_err(|e| SourceError(format!("cannot read {}: {e}", path.display())))?;
        CsvSource::from_reader(Box::new(f), None)
    }

    /// `delimiter` forces a separator; otherwise it is guessed from the header line.
    pub fn from_reader(r: Box<dyn Read>, delimiter: Option<u8>) -> Result<CsvSource, SourceError> {
        CsvSource::with_encoding(r, delimiter, None)
    }

    /// As `from_reader`; `encoding` forces how the bytes are read, else UTF-16 (by its
    /// byte-order mark) and Windows-1252 (not valid UTF-8) are recognised from the first block.
    pub fn with_encoding(
        r: Box<dyn Read>,
        delimiter: Option<u8>,
        encoding: Option<&'static encoding_rs::Encoding>,
    ) -> Result<CsvSource, SourceError> {
        let mut buf = BufReader::with_capacity(64 * 1024, r);
        let head = buf
            .fill_buf()
            .map_err(|e| SourceError(format!("cannot read the file: {e}")))?;
        if head.is_empty() {
            return Err(SourceError(
                "the file is empty: no header line, nothing to import".into(),
            ));
        }
        let decoding = match encoding {
            Some(e) if e == encoding_rs::UTF_8 => None,
            Some(e) => Some((e, "as asked (--encoding)")),
            None => super::decode::sniff(head),
        };
        let is_utf16 =
            decoding.is_some_and(|(e, _)| e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE);
        if !is_utf16 && looks_binary(head) {
            return Err(SourceError(
                "this is a binary file, not a CSV (is it a spreadsheet .xlsx? save it as CSV)"
                    .into(),
            ));
        }
        let (mut buf, encoding_note): (BufReader<Box<dyn Read>>, _) = match decoding {
            Some((e, why)) => (
                BufReader::with_capacity(64 * 1024, Box::new(super::decode::Decode::new(buf, e))),
                Some(format!("encoding: {} — {why}", e.name())),
            ),
            None => (buf, None),
        };
        let head = buf
            .fill_buf()
            .map_err(|e| SourceError(format!("cannot read the file: {e}")))?;
        if looks_binary(head) {
            return Err(SourceError(
                "this is a binary file, not a CSV (is it a spreadsheet .xlsx? save it as CSV)"
                    .into(),
            ));
        }
        let bom = head.starts_with(&[0xEF, 0xBB, 0xBF]);
        let delimiter = delimiter.unwrap_or_else(|| sniff(&head[if bom { 3 } else { 0 }..]));
        if bom {
            buf.consume(3);
        }
        let (watched, lines) = Watched::new(buf);
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(watched);
        let mut record = ByteRecord::new();
        let got = reader
            .read_byte_record(&mut record)
            .map_err(|e| SourceError(format!("cannot read the header line: {e}")))?;
        if !got {
            return Err(SourceError(
                "the file is empty: no header line, nothing to import".into(),
            ));
        }
        let mut headers = Vec::with_capacity(record.len());
        for (i, cell) in record.iter().enumerate() {
            let h = std::str::from_utf8(cell).map_err(|_| {
                SourceError(format!(
                    "header column {} is not valid UTF-8: save the file as \"CSV UTF-8\"",
                    i + 1
                ))
            })?;
            headers.push(h.trim().to_string());
        }
        Ok(CsvSource {
            reader,
            lines,
            headers,
            delimiter,
            record,
            footer: None,
            encoding: encoding_note,
        })
    }

    /// The next row with content; a row whose cell count differs from the header is a problem
    /// of that row, not of the file.
    pub fn next_row(&mut self) -> Result<Option<Result<Row<'_>, RowProblem>>, SourceError> {
        loop {
            let got = self
                .reader
                .read_byte_record(&mut self.record)
                .map_err(|e| SourceError(format!("cannot read the file: {e}")))?;
            if !got {
                return Ok(None);
            }
            if self
                .record
                .iter()
                .all(|c| c.iter().all(u8::is_ascii_whitespace))
            {
                continue; // a blank line, or one of only separators
            }
            let start = self.record.position().map_or(0, |p| p.byte());
            let line = self.lines.borrow_mut().line_of(start);
            let byte = self.reader.position().byte();
            if let Some(text) = footer_text(&self.record, self.footer.is_some()) {
                match &mut self.footer {
                    Some((n, _, _)) => *n += 1,
                    None => self.footer = Some((1, line, text)),
                }
                continue;
            }
            if self.record.len() != self.headers.len() {
                return Ok(Some(Err(RowProblem::new(
                    line,
                    None,
                    format!(
                        "wrong column count: {} cells, the header has {}",
                        self.record.len(),
                        self.headers.len()
                    ),
                ))));
            }
            return Ok(Some(Ok(Row {
                line,
                byte,
                cells: &self.record,
            })));
        }
    }
}

/// A report footer line: a row of one cell that a Salesforce report writes after its data
/// (`Grand Totals (20 records)`, the confidentiality and copyright lines, `Generated By: …`),
/// or once the footer has begun, any further one-cell row (report title, organisation).
fn footer_text(record: &ByteRecord, in_footer: bool) -> Option<String> {
    let mut filled = record.iter().filter(|c| !c.trim_ascii().is_empty());
    let cell = std::str::from_utf8(filled.next()?).ok()?.trim();
    if filled.next().is_some() {
        return None;
    }
    let lower = cell.to_lowercase();
    let known = (lower.starts_with("grand totals (") && lower.ends_with("records)"))
        || lower == "confidential information - do not distribute"
        || (lower.starts_with("copyright") && lower.contains("salesforce.com"))
        || lower.starts_with("generated by:");
    (known || in_footer).then(|| cell.to_string())
}

/// NUL bytes or many control bytes in the first block: not text.
fn looks_binary(head: &[u8]) -> bool {
    let sample = &head[..head.len().min(8192)];
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    sample.contains(&0) || controls * 20 > sample.len()
}

/// The separator of the header line: whichever of `,` `;` tab `|` occurs most outside quotes.
fn sniff(head: &[u8]) -> u8 {
    let mut counts = [0usize; 4];
    let cands = [b',', b';', b'\t', b'|'];
    let mut quoted = false;
    for &b in head.iter().take_while(|&&b| b != b'\n') {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted && let Some(i) = cands.iter().position(|&c| c == b) {
            counts[i] += 1;
        }
    }
    let best = (0..4).max_by_key(|&i| (counts[i], 4 - i)).unwrap_or(0);
    if counts[best] == 0 { b',' } else { cands[best] }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(bytes: &[u8]) -> Result<CsvSource, SourceError> {
        CsvSource::from_reader(Box::new(std::io::Cursor::new(bytes.to_vec())), None)
    }

    fn refusal(bytes: &[u8]) -> String {
        match src(bytes) {
            Ok(_) => panic!("accepted {bytes:?}"),
            Err(e) => e.0,
        }
    }

    #[test]
    fn separators_bom_and_crlf() {
        let s = src(b"\xEF\xBB\xBFname;email\r\nAna;a@x.io\r\n").unwrap();
        assert_eq!(s.delimiter, b';');
        assert_eq!(s.headers, ["name", "email"]);
        let s = src(b"name\temail\n").unwrap();
        assert_eq!(s.delimiter, b'\t');
        let s = src(b"\"a;b\",c\n").unwrap();
        assert_eq!(s.delimiter, b',');
    }

    #[test]
    fn refuses_what_is_not_csv() {
        assert!(refusal(b"").contains("empty"));
        assert!(refusal(b"PK\x03\x04\x00\x00binary").contains("binary"));
        let s = src(b"\xFF\xFEn\x00\t\x00m\x00\n\x00").unwrap();
        assert_eq!(
            (s.headers.clone(), s.delimiter),
            (vec!["n".to_string(), "m".to_string()], b'\t')
        );
        assert!(s.encoding.unwrap().contains("UTF-16LE"));
    }

    #[test]
    fn salesforce_report_footers_are_skipped_and_counted() {
        let mut s = src(b"\"Lead Owner\",\"Last Name\"\n\"Ann\",\"Silva\"\n\n\
            \"Grand Totals (1 records)\"\n\n\"Confidential Information - Do Not Distribute\"\n\
            \"Copyright (c) 2000-2024 salesforce.com, inc. All rights reserved.\"\n\"Acme Inc\"\n")
        .unwrap();
        assert_eq!(s.next_row().unwrap().unwrap().unwrap().line, 2);
        assert!(s.next_row().unwrap().is_none());
        let (n, line, first) = s.footer.clone().unwrap();
        assert_eq!(
            (n, line, first.as_str()),
            (4, 4, "Grand Totals (1 records)")
        );
        // A one-cell row that is no footer is still a wrong column count.
        let mut s = src(b"a,b\nlonely\n").unwrap();
        assert!(s.next_row().unwrap().unwrap().is_err());
    }

    #[test]
    fn cr_only_line_ends_count_lines() {
        let mut s = src(b"a,b\r1,2\r3\r4,5\r").unwrap();
        assert_eq!(s.next_row().unwrap().unwrap().unwrap().line, 2);
        assert_eq!(s.next_row().unwrap().unwrap().err().unwrap().line, 3);
        assert_eq!(s.next_row().unwrap().unwrap().unwrap().line, 4);
    }

    #[test]
    fn rows_with_line_numbers_and_wrong_widths() {
        let mut s = src(b"a,b\r\n1,\"two\r\nlines\"\r\n\r\n\n3\r\n4,5").unwrap();
        let r = s.next_row().unwrap().unwrap().unwrap();
        assert_eq!((r.line, &r.cells[1]), (2, &b"two\r\nlines"[..]));
        let p = s.next_row().unwrap().unwrap().err().unwrap();
        assert_eq!(p.line, 6, "after a multi-line cell and two blank lines");
        assert!(p.reason.contains("wrong column count"));
        assert_eq!(s.next_row().unwrap().unwrap().unwrap().line, 7);
        assert!(s.next_row().unwrap().is_none());
    }
}
