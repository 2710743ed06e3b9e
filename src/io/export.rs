//! `leadboard export`: leads, activities or stage events as CSV or JSON, streamed.
//! CSV cells that a spreadsheet would run as a formula get a leading `'`; import removes it,
//! so an export re-imports to the same leads.

use crate::domain::{Activity, Lead, StageEvent};
use std::borrow::Cow;
use std::io::Write;

/// Lead columns, named as the generic import format reads them.
pub const LEAD_HEADER: &[&str] = &[
    "external_id",
    "name",
    "company",
    "email",
    "source",
    "campaign",
    "owner",
    "qualified_by",
    "stage",
    "score",
    "value",
    "currency",
    "priority",
    "next_step",
    "next_step_due",
    "created_at",
    "stage_entered_at",
];
pub const ACTIVITY_HEADER: &[&str] = &["id", "lead_id", "kind", "by", "at", "body"];
pub const EVENT_HEADER: &[&str] = &["id", "lead_id", "from", "to", "by", "at", "reason"];

/// `=cmd|...` and friends: prefixed with `'` so spreadsheets show them as text.
pub fn neutralise(s: &str) -> Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

fn ts(t: crate::domain::Timestamp) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

pub fn lead_cells(l: &Lead) -> Vec<String> {
    let o = |v: &Option<String>| v.clone().unwrap_or_default();
    vec![
        o(&l.external_id),
        l.name.clone(),
        l.company.clone(),
        l.email.clone(),
        l.source.clone(),
        o(&l.campaign),
        o(&l.owner),
        o(&l.qualified_by),
        l.stage.clone(),
        l.score.to_string(),
        format!("{}.{:02}", l.value.cents() / 100, l.value.cents() % 100),
        l.currency.clone(),
        (if l.priority { "true" } else { "false" }).to_string(),
        l.next_step.clone(),
        l.next_step_due.map(|d| d.to_string()).unwrap_or_default(),
        ts(l.created_at),
        ts(l.stage_entered_at),
    ]
}

pub fn activity_cells(a: &Activity) -> Vec<String> {
    vec![
        a.id.to_string(),
        a.lead_id.to_string(),
        a.kind.to_string(),
        a.by.clone(),
        ts(a.at),
        a.body.clone(),
    ]
}

pub fn event_cells(e: &StageEvent) -> Vec<String> {
    vec![
        e.id.to_string(),
        e.lead_id.to_string(),
        e.from.clone().unwrap_or_default(),
        e.to.clone(),
        e.by.clone(),
        ts(e.at),
        e.reason.clone(),
    ]
}

/// Writes rows as CSV (neutralised) or as a JSON array, one value at a time.
pub enum Sink<W: Write> {
    Csv(Box<csv::Writer<W>>),
    Json { out: W, first: bool },
}

impl<W: Write> Sink<W> {
    pub fn csv(out: W, header: &[&str]) -> std::io::Result<Sink<W>> {
        let mut w = csv::Writer::from_writer(out);
        w.write_record(header).map_err(io_error)?;
        Ok(Sink::Csv(Box::new(w)))
    }

    /// CSV for spreadsheet users: a UTF-8 byte-order mark (without it Excel reads the file
    /// in the machine's code page and garbles accents) and CRLF line ends.
    pub fn csv_excel(mut out: W, header: &[&str]) -> std::io::Result<Sink<W>> {
        out.write_all(b"\xEF\xBB\xBF")?;
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(out);
        w.write_record(header).map_err(io_error)?;
        Ok(Sink::Csv(Box::new(w)))
    }

    pub fn json(mut out: W) -> std::io::Result<Sink<W>> {
        out.write_all(b"[")?;
        Ok(Sink::Json { out, first: true })
    }

    pub fn row(&mut self, cells: &[String], value: &impl serde::Serialize) -> std::io::Result<()> {
        match self {
            Sink::Csv(w) => w
                .write_record(cells.iter().map(|c| neutralise(c).into_owned()))
                .map_err(io_error),
            Sink::Json { out, first } => {
                out.write_all(if *first { b"\n" } else { b",\n" })?;
                *first = false;
                super::json::to_writer(&mut *out, value)?;
                Ok(())
            }
        }
    }

    pub fn finish(self) -> std::io::Result<()> {
        match self {
            Sink::Csv(mut w) => w.flush(),
            Sink::Json { mut out, .. } => {
                out.write_all(b"\n]\n")?;
                out.flush()
            }
        }
    }
}

/// Keeps the I/O error's kind (a closed pipe stays a closed pipe).
fn io_error(e: csv::Error) -> std::io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => std::io::Error::other(format!("{other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::neutralise;

    #[test]
    fn formulas_become_text() {
        assert_eq!(neutralise("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
        assert_eq!(neutralise("+1"), "'+1");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("\tx"), "'\tx");
        assert_eq!(neutralise("Ana"), "Ana");
    }
}
