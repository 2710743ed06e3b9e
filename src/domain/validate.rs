//! Validation of what users type and files carry. Each returns a reason a person can act on.

use super::Timestamp;
use chrono::NaiveDate;

pub fn name(s: &str) -> Result<String, String> {
    let t = s.trim();
    if t.is_empty() {
        return Err("a lead needs a name".into());
    }
    if t.chars().count() > 200 {
        return Err("a name is at most 200 characters".into());
    }
    Ok(t.to_string())
}

/// Empty is allowed (not every lead has an e-mail); otherwise it must look like one.
pub fn email(s: &str) -> Result<String, String> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(String::new());
    }
    let ok = match t.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !t.chars().any(|c| c.is_whitespace() || c.is_control())
        }
        None => false,
    };
    if ok {
        Ok(t.to_ascii_lowercase())
    } else {
        Err(format!("{t:?} is not an e-mail address"))
    }
}

/// NUL is not text: stored, it cuts names short in other tools and hides what follows.
/// Refused in every text field, with the field named.
pub fn no_nul(fields: &[(&str, &str)]) -> Result<(), String> {
    match fields.iter().find(|(_, v)| v.contains('\0')) {
        Some((what, _)) => Err(format!(
            "the {what} holds a NUL byte (\\0), which is not text; remove it and try again"
        )),
        None => Ok(()),
    }
}

pub fn score(s: i64) -> Result<i64, String> {
    if (0..=100).contains(&s) {
        Ok(s)
    } else {
        Err(format!("score {s} is outside 0..100"))
    }
}

pub fn parse_score(s: &str) -> Result<i64, String> {
    let n: i64 = s
        .trim()
        .parse()
        .map_err(|_| format!("{:?} is not a whole number", s.trim()))?;
    score(n)
}

/// Dates as people type them in a form: ISO `2026-11-30`, or relative `today`, `tomorrow`, `+3d`, `+2w`.
pub fn parse_due_date(s: &str, today: NaiveDate) -> Result<Option<NaiveDate>, String> {
    let t = s.trim().to_ascii_lowercase();
    if t.is_empty() || t == "none" || t == "-" {
        return Ok(None);
    }
    match t.as_str() {
        "today" => return Ok(Some(today)),
        "tomorrow" => return Ok(today.succ_opt()),
        _ => {}
    }
    if let Some(rest) = t.strip_prefix('+') {
        // Split off the last character, not the last byte: the unit may be any character.
        let cut = rest.char_indices().last().map_or(0, |(i, _)| i);
        let (num, unit) = rest.split_at(cut);
        let n: i64 = num
            .parse()
            .map_err(|_| format!("{s:?} is not a date (try 2026-12-01, tomorrow or +3d)"))?;
        let days = match unit {
            "d" => Some(n),
            "w" => n.checked_mul(7),
            _ => return Err(format!("{s:?}: use d for days or w for weeks")),
        };
        let Some(days) = days.filter(|d| (0..=3650).contains(d)) else {
            return Err(format!("{s:?} is too far away"));
        };
        return Ok(today.checked_add_signed(chrono::Duration::days(days)));
    }
    let d = NaiveDate::parse_from_str(&t, "%Y-%m-%d")
        .map_err(|_| format!("{s:?} is not a date (try 2026-12-01, tomorrow or +3d)"))?;
    year(d).map(Some).map_err(|e| format!("{s:?}: {e}"))
}

/// A rep's handle: what people type after `--owner` and what the history names, so one
/// word of letters, digits and `.` `-` `_` `@`.
pub fn handle(s: &str) -> Result<String, String> {
    let t = s.trim();
    if t.is_empty() {
        return Err("a handle cannot be empty".into());
    }
    if t.chars().count() > 64 {
        return Err("a handle is at most 64 characters".into());
    }
    if let Some(c) = t
        .chars()
        .find(|c| !(c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | '@')))
    {
        return Err(format!(
            "{t:?} is not a handle: {c:?} is not allowed (use letters, digits, . - _ @)"
        ));
    }
    Ok(t.to_string())
}

/// When something happened, as a rep types it (UTC): `now`, `-2h`, `-1d`, `yesterday 15:00`,
/// `today 9:30`, `2026-11-24 15:00` or RFC 3339. Never in the future: a contact that has not
/// happened yet is a next step.
pub fn parse_when(s: &str, now: Timestamp) -> Result<Timestamp, String> {
    let t = s.trim().to_ascii_lowercase();
    let hint = "try now, -1d, -3h, \"yesterday 15:00\" or \"2026-11-24 15:00\"";
    let at = if t.is_empty() || t == "now" {
        now
    } else if let Some(rest) = t.strip_prefix('-') {
        let cut = rest.char_indices().last().map_or(0, |(i, _)| i);
        let (num, unit) = rest.split_at(cut);
        let n: i64 = num
            .parse()
            .map_err(|_| format!("{s:?} is not a time ({hint})"))?;
        let d = match unit {
            "m" => chrono::Duration::try_minutes(n),
            "h" => chrono::Duration::try_hours(n),
            "d" => chrono::Duration::try_days(n),
            "w" => chrono::Duration::try_weeks(n),
            _ => None,
        }
        .ok_or_else(|| format!("{s:?}: use m, h, d or w ({hint})"))?;
        now.checked_sub_signed(d)
            .ok_or_else(|| format!("{s:?} is too far back"))?
    } else if let Some((day, clock)) = relative_day(&t, now) {
        let time = match clock.trim() {
            "" => chrono::NaiveTime::MIN,
            c => chrono::NaiveTime::parse_from_str(c, "%H:%M")
                .map_err(|_| format!("{s:?}: the time must be HH:MM ({hint})"))?,
        };
        day.and_time(time).and_utc()
    } else {
        crate::clock::parse_as_of(&t).map_err(|_| format!("{s:?} is not a time ({hint})"))?
    };
    year(at.date_naive()).map_err(|e| format!("{s:?}: {e}"))?;
    if at > now + chrono::Duration::minutes(5) {
        return Err(format!(
            "{s:?} is in the future; log what happened, and make what is planned a next step"
        ));
    }
    Ok(at)
}

/// `today …` / `yesterday …`: the day and the rest of the text.
fn relative_day(t: &str, now: Timestamp) -> Option<(NaiveDate, &str)> {
    let today = now.date_naive();
    if let Some(rest) = t.strip_prefix("yesterday") {
        return Some((today.pred_opt()?, rest));
    }
    t.strip_prefix("today").map(|rest| (today, rest))
}

/// The years a date can sensibly fall in; outside them it is a typo or a placeholder
/// (`0000-01-01`, `9999-12-31`) and would skew every age and period.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// `d` when its year is within `YEARS`, or the reason.
pub fn year(d: NaiveDate) -> Result<NaiveDate, String> {
    use chrono::Datelike;
    if YEARS.contains(&d.year()) {
        Ok(d)
    } else {
        Err(format!(
            "the year {} is outside {}–{}",
            d.year(),
            YEARS.start(),
            YEARS.end()
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert_eq!(email(" Ana@Example.com "), Ok("ana@example.com".into()));
        assert_eq!(email(""), Ok(String::new()));
        assert!(email("ana@").is_err());
        assert!(email("ana example.com").is_err());
    }

    #[test]
    fn due_dates() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        assert_eq!(
            parse_due_date("+3d", today),
            Ok(NaiveDate::from_ymd_opt(2026, 11, 28))
        );
        assert_eq!(
            parse_due_date("+1w", today),
            Ok(NaiveDate::from_ymd_opt(2026, 12, 2))
        );
        assert_eq!(
            parse_due_date("tomorrow", today),
            Ok(NaiveDate::from_ymd_opt(2026, 11, 26))
        );
        assert_eq!(parse_due_date("", today), Ok(None));
        assert!(parse_due_date("2026-13-01", today).is_err());
        assert!(parse_due_date("next tuesday", today).is_err());
    }

    #[test]
    fn when_a_contact_happened() {
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-25T10:00:00Z")
            .unwrap()
            .to_utc();
        let at = |s: &str| parse_when(s, now).map(|t| t.to_rfc3339());
        assert_eq!(at("now"), Ok("2026-11-25T10:00:00+00:00".into()));
        assert_eq!(at("-1d"), Ok("2026-11-24T10:00:00+00:00".into()));
        assert_eq!(at("-3h"), Ok("2026-11-25T07:00:00+00:00".into()));
        assert_eq!(
            at("yesterday 15:00"),
            Ok("2026-11-24T15:00:00+00:00".into())
        );
        assert_eq!(at("Today 9:30"), Ok("2026-11-25T09:30:00+00:00".into()));
        assert_eq!(
            at("2026-11-20 08:15"),
            Ok("2026-11-20T08:15:00+00:00".into())
        );
        assert!(at("tomorrow").is_err());
        assert!(at("+1d").is_err());
        assert!(at("2026-11-26").unwrap_err().contains("future"));
        assert!(at("yesterday 25:00").is_err());
        assert!(at("-99999999w").is_err());
    }

    #[test]
    fn handles() {
        assert_eq!(handle(" lee "), Ok("lee".into()));
        assert!(handle("lee w").is_err());
        assert!(handle("").is_err());
        assert!(handle("a\u{1b}[2J").is_err());
    }

    #[test]
    fn scores() {
        assert_eq!(parse_score("42"), Ok(42));
        assert!(parse_score("101").is_err());
        assert!(parse_score("-1").is_err());
        assert!(parse_score("x").is_err());
    }
}
