//! How domain values are written in SQL columns. One place, so every query agrees.

use crate::domain::Timestamp;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ValueRef};

const TS_FORMAT: &str = "%Y-%m-%dT%H:%M:%SZ";
const DATE_FORMAT: &str = "%Y-%m-%d";

pub fn ts(t: Timestamp) -> String {
    // Same text as TS_FORMAT, without re-parsing the format string on every call (bulk imports).
    use chrono::{Datelike, Timelike};
    let year = t.year();
    if (0..=9999).contains(&year) {
        format!(
            "{year:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            t.month(),
            t.day(),
            t.hour(),
            t.minute(),
            t.second()
        )
    } else {
        t.format(TS_FORMAT).to_string()
    }
}

pub fn ts_opt(t: Option<Timestamp>) -> Option<String> {
    t.map(ts)
}

pub fn date(d: NaiveDate) -> String {
    d.format(DATE_FORMAT).to_string()
}

pub fn date_opt(d: Option<NaiveDate>) -> Option<String> {
    d.map(date)
}

/// Parses a stored timestamp. Other tools may have written the file, so a few
/// near-ISO shapes are accepted too.
pub fn parse_ts(s: &str) -> Option<Timestamp> {
    if let Some(t) = canonical_ts(s) {
        return Some(t);
    }
    if let Ok(t) = NaiveDateTime::parse_from_str(s, TS_FORMAT) {
        return Some(t.and_utc());
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    for f in ["%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, f) {
            return Some(t.and_utc());
        }
    }
    NaiveDate::parse_from_str(s, DATE_FORMAT)
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc())
}

/// `YYYY-MM-DD` exactly as leadboard writes it, without chrono's format interpreter (a
/// board reads hundreds of dates; the interpreter was most of a card's decoding).
/// Anything else, or an impossible date, is left to the general parser.
fn canonical_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    NaiveDate::from_ymd_opt(
        digits(&b[0..4])? as i32,
        digits(&b[5..7])?,
        digits(&b[8..10])?,
    )
}

/// `YYYY-MM-DDTHH:MM:SSZ` exactly as `ts` writes it; see `canonical_date`.
fn canonical_ts(s: &str) -> Option<Timestamp> {
    let b = s.as_bytes();
    if b.len() != 20 || b[10] != b'T' || b[13] != b':' || b[16] != b':' || b[19] != b'Z' {
        return None;
    }
    let day = canonical_date(s.get(..10)?)?;
    let t = day.and_hms_opt(
        digits(&b[11..13])?,
        digits(&b[14..16])?,
        digits(&b[17..19])?,
    )?;
    Some(t.and_utc())
}

fn digits(b: &[u8]) -> Option<u32> {
    b.iter().try_fold(0u32, |n, &c| {
        c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
    })
}

/// A stored timestamp column, tolerant of other tools' formats.
pub struct Ts(pub Timestamp);

impl FromSql for Ts {
    fn column_result(v: ValueRef<'_>) -> FromSqlResult<Self> {
        let s = v.as_str()?;
        parse_ts(s)
            .map(Ts)
            .ok_or_else(|| FromSqlError::Other(format!("bad timestamp {s:?}").into()))
    }
}

/// A stored date column.
pub struct Day(pub NaiveDate);

impl FromSql for Day {
    fn column_result(v: ValueRef<'_>) -> FromSqlResult<Self> {
        let s = v.as_str()?;
        let s10 = s.get(..10).unwrap_or(s);
        canonical_date(s10)
            .map(Ok)
            .unwrap_or_else(|| NaiveDate::parse_from_str(s10, DATE_FORMAT))
            .map(Day)
            .map_err(|_| FromSqlError::Other(format!("bad date {s:?}").into()))
    }
}

/// Text another tool may have written with invalid UTF-8: read lossily rather than fail.
pub struct LossyText(pub String);

impl FromSql for LossyText {
    fn column_result(v: ValueRef<'_>) -> FromSqlResult<Self> {
        match v {
            ValueRef::Text(b) | ValueRef::Blob(b) => {
                Ok(LossyText(String::from_utf8_lossy(b).into_owned()))
            }
            ValueRef::Null => Ok(LossyText(String::new())),
            ValueRef::Integer(i) => Ok(LossyText(i.to_string())),
            ValueRef::Real(r) => Ok(LossyText(r.to_string())),
        }
    }
}

pub fn text(row: &rusqlite::Row<'_>, idx: usize) -> rusqlite::Result<String> {
    Ok(row.get::<_, LossyText>(idx)?.0)
}

pub fn opt_text(row: &rusqlite::Row<'_>, idx: usize) -> rusqlite::Result<Option<String>> {
    Ok(row.get::<_, Option<LossyText>>(idx)?.map(|t| t.0))
}

pub fn ts_col(row: &rusqlite::Row<'_>, idx: usize) -> rusqlite::Result<Timestamp> {
    Ok(row.get::<_, Ts>(idx)?.0)
}

pub fn opt_ts_col(row: &rusqlite::Row<'_>, idx: usize) -> rusqlite::Result<Option<Timestamp>> {
    Ok(row.get::<_, Option<Ts>>(idx)?.map(|t| t.0))
}

pub fn opt_date_col(row: &rusqlite::Row<'_>, idx: usize) -> rusqlite::Result<Option<NaiveDate>> {
    Ok(row.get::<_, Option<Day>>(idx)?.map(|d| d.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn canonical_shapes_parse_fast_and_others_fall_back() {
        assert_eq!(
            canonical_date("2026-11-25"),
            NaiveDate::from_ymd_opt(2026, 11, 25)
        );
        assert_eq!(canonical_date("2026-02-30"), None);
        assert_eq!(canonical_date("2026-1-25"), None);
        // A leap second goes to chrono, which reads it its own way.
        assert_eq!(canonical_ts("2026-11-25T09:00:60Z"), None);
        assert_eq!(
            parse_ts("2026-11-25T09:00:60Z"),
            NaiveDateTime::parse_from_str("2026-11-25T09:00:60Z", TS_FORMAT)
                .ok()
                .map(|t| t.and_utc())
        );
        let t = parse_ts("2026-11-25T09:30:05Z").unwrap();
        assert_eq!(ts(t), "2026-11-25T09:30:05Z");
        // Not canonical: still read by the general parser.
        assert_eq!(
            parse_ts("2026-11-25 09:30"),
            parse_ts("2026-11-25T09:30:00Z")
        );
    }

    proptest! {
        /// The fast path agrees with chrono's parser on every string of the canonical shape.
        #[test]
        fn canonical_agrees_with_chrono(y in 0u32..10000, m in 0u32..14, d in 0u32..33,
                                        h in 0u32..26, mi in 0u32..62, sec in 0u32..62) {
            let day = format!("{y:04}-{m:02}-{d:02}");
            prop_assert_eq!(canonical_date(&day), NaiveDate::parse_from_str(&day, DATE_FORMAT).ok());
            let t = format!("{day}T{h:02}:{mi:02}:{sec:02}Z");
            let chrono = NaiveDateTime::parse_from_str(&t, TS_FORMAT).ok().map(|t| t.and_utc());
            prop_assert_eq!(parse_ts(&t), chrono);
            if sec < 60 {
                prop_assert_eq!(canonical_ts(&t), chrono);
            }
        }
    }
}
