//! "Now" comes from one place: the system clock, or `--as-of` for reports and tests.

use crate::domain::Timestamp;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    System,
    Fixed(Timestamp),
}

impl Clock {
    pub fn now(self) -> Timestamp {
        match self {
            Clock::System => chrono::Utc::now().with_nanosecond_zeroed(),
            Clock::Fixed(t) => t,
        }
    }
}

trait ZeroNanos {
    fn with_nanosecond_zeroed(self) -> Self;
}

impl ZeroNanos for Timestamp {
    /// Stored timestamps have whole seconds; keep "now" comparable with them.
    fn with_nanosecond_zeroed(self) -> Self {
        use chrono::Timelike;
        self.with_nanosecond(0).unwrap_or(self)
    }
}

/// Parses `--as-of`: RFC 3339, `YYYY-MM-DD HH:MM[:SS]` (UTC) or a bare date (its midnight UTC).
pub fn parse_as_of(s: &str) -> Result<Timestamp, String> {
    let at = parse_instant(s)?;
    crate::domain::validate::year(at.date_naive())
        .map(|_| at)
        .map_err(|e| format!("{:?}: {e}", s.trim()))
}

fn parse_instant(s: &str) -> Result<Timestamp, String> {
    let t = s.trim();
    if let Ok(dt) = chrono::DateTime::parse_from_rfc3339(t) {
        return Ok(dt.with_timezone(&chrono::Utc));
    }
    for f in [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%dT%H:%MZ",
        "%Y-%m-%d %H:%MZ",
    ] {
        if let Ok(dt) = chrono::NaiveDateTime::parse_from_str(t, f) {
            return Ok(dt.and_utc());
        }
    }
    if let Ok(d) = chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d")
        && let Some(dt) = d.and_hms_opt(0, 0, 0)
    {
        return Ok(dt.and_utc());
    }
    Err(format!(
        "{t:?} is not a date and time (use 2026-11-25, \"2026-11-25 09:30\" or 2026-11-25T09:30:00Z)"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn as_of_formats() {
        let want = chrono::DateTime::parse_from_rfc3339("2026-11-25T09:30:00Z").unwrap();
        assert_eq!(parse_as_of("2026-11-25T09:30:00Z").unwrap(), want);
        assert_eq!(parse_as_of("2026-11-25 09:30").unwrap(), want);
        assert_eq!(
            parse_as_of("2026-11-25").unwrap().to_rfc3339(),
            "2026-11-25T00:00:00+00:00"
        );
        assert!(parse_as_of("yesterday").is_err());
    }
}
