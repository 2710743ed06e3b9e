//! Money as whole cents, so sums never drift.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Kept as whole cents; written and read in JSON as currency units (`1054.5`), as the CSV
/// export and the report write them, so no output mixes the two.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Hash)]
pub struct Money(pub i64);

impl Serialize for Money {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // Exact: every value up to the largest a lead may carry is a whole number of cents
        // well inside f64's 53-bit integers.
        s.serialize_f64(self.0 as f64 / 100.0)
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Money, D::Error> {
        let units = f64::deserialize(d)?;
        let cents = (units * 100.0).round();
        if !cents.is_finite() || cents.abs() > MAX_CENTS as f64 {
            return Err(serde::de::Error::custom(format!(
                "{units} is not an amount"
            )));
        }
        Ok(Money(cents as i64))
    }
}

/// The largest value one lead may carry: a trillion in currency units. Far beyond any deal,
/// and small enough that the kept per-stage totals (64-bit cents) can never overflow.
pub const MAX_CENTS: i64 = 100_000_000_000_000;

impl Money {
    /// A value within what the file keeps, or the reason it is not.
    pub fn checked(self) -> Result<Money, String> {
        if self.0 > MAX_CENTS {
            Err(format!(
                "{} is beyond the largest value a lead can carry (1,000,000,000,000); \
                 is it a deal value?",
                self.0 / 100
            ))
        } else if self.0 < 0 {
            Err("a value cannot be negative".into())
        } else {
            Ok(self)
        }
    }

    pub fn cents(self) -> i64 {
        self.0
    }

    pub fn from_units(units: i64) -> Money {
        Money(units * 100)
    }

    /// Parses what people type and CRMs export: `42000`, `42,000`, `$12,400.00`.
    /// A comma is a thousands separator; decimals use a dot. Negative amounts are refused.
    pub fn parse(input: &str) -> Result<Money, String> {
        // A comma must group thousands (`42,000`, `1,250,000.50`): `4800,5` or `12,50` is a
        // decimal comma, read as thousands it would be a hundred times too much. Refused.
        let t = input.trim();
        let whole_part = t.split('.').next().unwrap_or("");
        if whole_part.contains(',') {
            let groups: Vec<&str> = whole_part.split(',').collect();
            let digits = |g: &str| g.chars().filter(char::is_ascii_digit).count();
            if groups[1..]
                .iter()
                .any(|g| digits(g) != 3 || g.trim().len() != 3)
                || t.matches('.').count() > 1
            {
                return Err(format!(
                    "{input:?}: a comma groups thousands here (42,000); write cents with a point (4800.50)"
                ));
            }
        }
        let s: String = input
            .trim()
            .chars()
            .filter(|c| !matches!(c, '$' | '€' | '£' | ',' | '_' | ' ' | '\u{a0}'))
            .collect();
        if s.is_empty() {
            return Err(format!("{input:?} is not an amount"));
        }
        if s.starts_with('-') {
            return Err(format!("{input:?}: an amount cannot be negative"));
        }
        let (whole, frac) = match s.split_once('.') {
            Some((w, f)) => (w, f),
            None => (s.as_str(), ""),
        };
        let digits_ok = |p: &str| p.chars().all(|c| c.is_ascii_digit());
        if !digits_ok(whole)
            || !digits_ok(frac)
            || frac.len() > 2
            || (whole.is_empty() && frac.is_empty())
        {
            return Err(format!(
                "{input:?} is not an amount (e.g. 42000, 42,000 or $12,400.00)"
            ));
        }
        let whole: i64 = if whole.is_empty() {
            0
        } else {
            whole
                .parse()
                .map_err(|_| format!("{input:?} is too large an amount"))?
        };
        let frac_cents: i64 = match frac.len() {
            0 => 0,
            1 => frac.parse::<i64>().unwrap_or(0) * 10,
            _ => frac.parse::<i64>().unwrap_or(0),
        };
        whole
            .checked_mul(100)
            .and_then(|c| c.checked_add(frac_cents))
            .map(Money)
            .ok_or_else(|| format!("{input:?} is too large an amount"))?
            .checked()
            .map_err(|e| format!("{input:?}: {e}"))
    }

    /// Short form for cards and headers: `$1.2M`, `$48k`, `$950`.
    pub fn short(self) -> String {
        let units = self.0 as f64 / 100.0;
        if units >= 1_000_000.0 {
            format!("${:.1}M", units / 1_000_000.0)
        } else if units >= 10_000.0 {
            format!("${:.0}k", units / 1_000.0)
        } else if units >= 1_000.0 {
            format!("${:.1}k", units / 1_000.0)
        } else {
            format!("${units:.0}")
        }
    }
}

impl fmt::Display for Money {
    /// Full form with thousands separators: `$12,400.00`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let whole = self.0 / 100;
        let cents = (self.0 % 100).abs();
        let digits = whole.abs().to_string();
        let mut grouped = String::new();
        for (i, ch) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(ch);
        }
        let sign = if self.0 < 0 { "-" } else { "" };
        write!(f, "{sign}${grouped}.{cents:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_decimal_comma_is_refused_never_read_as_thousands() {
        assert_eq!(Money::parse("42,000").map(Money::cents), Ok(4_200_000));
        assert_eq!(
            Money::parse("$1,250,000.50").map(Money::cents),
            Ok(125_000_050)
        );
        for bad in ["4800,5", "12,50 €", "1,2345", "12,5"] {
            let e = Money::parse(bad).unwrap_err();
            assert!(e.contains("comma"), "{bad}: {e}");
        }
        assert!(
            Money::parse("1.234,56").is_err(),
            "a point grouping thousands is refused too"
        );
    }

    #[test]
    fn parses_common_amounts() {
        assert_eq!(Money::parse("42000"), Ok(Money(4_200_000)));
        assert_eq!(Money::parse("42,000"), Ok(Money(4_200_000)));
        assert_eq!(Money::parse("$12,400.00"), Ok(Money(1_240_000)));
        assert_eq!(Money::parse("0.5"), Ok(Money(50)));
        assert!(Money::parse("-5").is_err());
        assert!(Money::parse("abc").is_err());
        assert!(Money::parse("1.234").is_err());
        assert!(Money::parse("").is_err());
    }

    #[test]
    fn displays_with_grouping() {
        assert_eq!(Money(1_240_000).to_string(), "$12,400.00");
        assert_eq!(Money(5).to_string(), "$0.05");
        assert_eq!(Money(4_800_000).short(), "$48k");
        assert_eq!(Money(150_000_000).short(), "$1.5M");
    }
}
