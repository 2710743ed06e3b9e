//! A deal's currency: an ISO 4217 code as the CRM export names it (`EUR`), or '' for the
//! team's own currency. A value is never converted: every figure that sums values keeps the
//! team's currency as its number and each other currency apart, shown after it
//! (`$12,000.00 + EUR 3,000.00`). A file with one currency shows exactly what it always did.

use super::Money;
use serde::Serialize;
use std::collections::BTreeMap;

/// A code typed by a person (`--currency`, the lead form): '' (the team's own) or three
/// upper-case letters. Anything else is refused with the reason.
pub fn parse_code(input: &str) -> Result<String, String> {
    let t = input.trim();
    if t.is_empty() {
        return Ok(String::new());
    }
    if t.len() == 3 && t.chars().all(|c| c.is_ascii_uppercase()) {
        return Ok(t.to_string());
    }
    let hint = if t.len() == 3 && t.chars().all(|c| c.is_ascii_alphabetic()) {
        format!(" (did you mean {:?}?)", t.to_ascii_uppercase())
    } else {
        String::new()
    };
    Err(format!(
        "{t:?} is not a currency code: three upper-case letters as in ISO 4217, e.g. EUR or USD{hint}; \
         empty for the team's own currency"
    ))
}

/// A code as an export writes it: the same rule, but any letter case (`eur`), since a CRM
/// column holds what its users typed or picked, and the picklist form `EUR - Euro`.
pub fn from_export(input: &str) -> Result<String, String> {
    let t = input.trim();
    let t = match t.split_once(" - ") {
        Some((code, _)) if code.len() == 3 => code,
        _ => t,
    };
    if t.len() == 3 && t.chars().all(|c| c.is_ascii_alphabetic()) {
        return Ok(t.to_ascii_uppercase());
    }
    parse_code(t)
}

/// `$12,400.00` in the team's currency, `EUR 12,400.00` in another.
pub fn full(code: &str, m: Money) -> String {
    let s = m.to_string();
    if code.is_empty() {
        s
    } else {
        format!("{code} {}", s.replacen('$', "", 1))
    }
}

/// `$48k` in the team's currency, `EUR 48k` in another.
pub fn short(code: &str, m: Money) -> String {
    let s = m.short();
    if code.is_empty() {
        s
    } else {
        format!("{code} {}", s.replacen('$', "", 1))
    }
}

/// Sums in currencies other than the team's, by code: never added to a team figure, shown
/// after it. Serialised as `{"EUR": 3000.0}` (currency units, as every JSON value).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct OtherCurrencies(pub BTreeMap<String, Money>);

impl OtherCurrencies {
    /// Adds `m` to the sum in `code` (which must not be '').
    pub fn add(&mut self, code: &str, m: Money) {
        let e = self.0.entry(code.to_string()).or_default();
        *e = Money(e.0 + m.0);
    }

    /// Adds every sum of `other`.
    pub fn extend(&mut self, other: &OtherCurrencies) {
        for (code, m) in &other.0 {
            self.add(code, *m);
        }
    }

    /// True when nothing is kept (zero sums are dropped first).
    pub fn is_empty(&self) -> bool {
        self.0.values().all(|m| m.0 == 0)
    }

    /// ` + EUR 3,000.00 + GBP 12.00`, or '' when there is none.
    pub fn plus_full(&self) -> String {
        self.parts(full)
    }

    /// ` + EUR 3.0k`, or '' when there is none.
    pub fn plus_short(&self) -> String {
        self.parts(short)
    }

    fn parts(&self, f: fn(&str, Money) -> String) -> String {
        self.0
            .iter()
            .filter(|(_, m)| m.0 != 0)
            .map(|(c, m)| format!(" + {}", f(c, *m)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_three_upper_case_letters() {
        assert_eq!(parse_code("EUR"), Ok("EUR".into()));
        assert_eq!(parse_code(" "), Ok(String::new()));
        let e = parse_code("eur").unwrap_err();
        assert!(e.contains("\"EUR\""), "{e}");
        for bad in ["EURO", "E1R", "€", "US"] {
            assert!(parse_code(bad).is_err(), "{bad}");
        }
        assert_eq!(from_export(" eur "), Ok("EUR".into()));
        assert_eq!(from_export("EUR - Euro"), Ok("EUR".into()));
        assert!(from_export("Euro").is_err());
    }

    #[test]
    fn other_currencies_are_shown_after_the_team_figure() {
        let mut o = OtherCurrencies::default();
        assert_eq!(o.plus_short(), "");
        o.add("USD", Money(300_000));
        o.add("EUR", Money(1_200_000));
        o.add("EUR", Money(100));
        assert_eq!(o.plus_full(), " + EUR 12,001.00 + USD 3,000.00");
        assert_eq!(o.plus_short(), " + EUR 12k + USD 3.0k");
        assert_eq!(full("", Money(100)), "$1.00");
        assert_eq!(
            serde_json::to_string(&o).unwrap(),
            r#"{"EUR":12001.0,"USD":3000.0}"#
        );
    }
}
