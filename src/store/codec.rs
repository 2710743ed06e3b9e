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
        NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), DATE_FORMAT)
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
