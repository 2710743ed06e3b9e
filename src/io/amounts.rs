//! Amounts as exports write them: `$1,250,000.00`, `1 200,00`, `12,50 €`, `EUR 1.234,56`,
//! `5.0E7`. Whether `,` or `.` is the decimal separator is decided for the whole file (see
//! `scan`), never per value: `1,250` is a thousand and a quarter in one country and one and a
//! quarter in the next, so a value is read only by the file's rule, and a value the rule cannot
//! read is refused with the reason instead of being guessed.

use crate::domain::Money;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decimal {
    /// `1,234.56`
    Point,
    /// `1.234,56`
    Comma,
}

impl Decimal {
    pub fn describe(self) -> &'static str {
        match self {
            Decimal::Point => "decimal point (1,234.56)",
            Decimal::Comma => "decimal comma (1.234,56)",
        }
    }
}

/// What one value says about the file's decimal separator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    /// Only readable with this separator (`4800,5` needs a decimal comma).
    Only(Decimal),
    /// Readable both ways, as different amounts (`1,250`).
    Ambiguous,
    /// Reads the same either way (`42000`), or not an amount at all.
    Neither,
}

pub fn evidence(input: &str) -> Evidence {
    let point = read(input, Decimal::Point);
    let comma = read(input, Decimal::Comma);
    match (point, comma) {
        (Ok(a), Ok(b)) if a == b => Evidence::Neither,
        (Ok(_), Ok(_)) => Evidence::Ambiguous,
        (Ok(_), Err(_)) => Evidence::Only(Decimal::Point),
        (Err(_), Ok(_)) => Evidence::Only(Decimal::Comma),
        (Err(_), Err(_)) => Evidence::Neither,
    }
}

/// One amount under the file's rule.
pub fn parse(input: &str, decimal: Decimal) -> Result<Money, String> {
    match read(input, decimal) {
        Ok(m) => Ok(m),
        Err(e) => {
            let other = match decimal {
                Decimal::Point => Decimal::Comma,
                Decimal::Comma => Decimal::Point,
            };
            if e.kind == Kind::Shape && read(input, other).is_ok() {
                Err(format!(
                    "{input:?} is written with a {}, but this file's amounts use a {}: \
                     fix the cell, or force the rule with --decimal-comma / --decimal-point",
                    other.describe(),
                    decimal.describe()
                ))
            } else {
                Err(e.text)
            }
        }
    }
}

#[derive(Debug, PartialEq)]
enum Kind {
    /// The digits and separators do not fit the rule.
    Shape,
    /// Anything else (negative, too large, not a number at all).
    Other,
}

#[derive(Debug)]
struct Problem {
    kind: Kind,
    text: String,
}

fn shape(input: &str) -> Problem {
    Problem {
        kind: Kind::Shape,
        text: format!("{input:?} is not an amount (e.g. 42000, 42,000.50 or 1.234,56 €)"),
    }
}

fn other(text: String) -> Problem {
    Problem {
        kind: Kind::Other,
        text,
    }
}

/// The currency an amount cell names itself, when it names exactly one: an ISO code before
/// or after the number (`EUR 1,200.00`, `1.200,00 EUR`), or a sign that belongs to one
/// currency only (`€` `£` `₹` `₩` `₺` `₪` `₽`). `$` and `¥` are several currencies' sign and
/// name none; neither does a plain number.
pub fn named_currency(input: &str) -> Option<String> {
    let t = input.trim();
    let code = |s: &str| -> Option<String> {
        (s.len() == 3 && s.chars().all(|c| c.is_ascii_alphabetic())).then(|| s.to_ascii_uppercase())
    };
    let is_mark = |c: char| c.is_whitespace() || SYMBOLS.contains(&c);
    let head: String = t.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    let rest = &t[head.len()..];
    if rest.starts_with(is_mark)
        && let Some(c) = code(&head)
    {
        return Some(c);
    }
    let tail_len = t
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_alphabetic())
        .count();
    let (body, tail) = t.split_at(t.len() - tail_len);
    if body.ends_with(is_mark)
        && let Some(c) = code(tail)
    {
        return Some(c);
    }
    let sign = |c: char| match c {
        '€' => Some("EUR"),
        '£' => Some("GBP"),
        '₹' => Some("INR"),
        '₩' => Some("KRW"),
        '₺' => Some("TRY"),
        '₪' => Some("ILS"),
        '₽' => Some("RUB"),
        _ => None,
    };
    let mut signs = t.chars().filter_map(sign);
    match (signs.next(), signs.next()) {
        (Some(c), None) => Some(c.to_string()),
        _ => None,
    }
}

/// Currency marks that may stand before or after the number.
const SYMBOLS: &[char] = &['$', '€', '£', '¥', '₹', '₽', '₩', '₺', '₪', '¢'];

fn strip_currency(s: &str) -> &str {
    let mut s = s.trim();
    loop {
        let before = s;
        s = s.trim_matches(|c: char| SYMBOLS.contains(&c) || c.is_whitespace());
        // ISO codes and lettered marks: USD 12, 12 EUR, CHF 12, US$ 12
        let letters = |t: &str| t.chars().take_while(|c| c.is_ascii_alphabetic()).count();
        let lead = letters(s);
        if (2..=3).contains(&lead) {
            let rest = &s[lead..];
            if rest.starts_with(|c: char| c.is_whitespace() || SYMBOLS.contains(&c)) {
                s = rest;
            }
        }
        let tail = s
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_alphabetic())
            .count();
        if (2..=3).contains(&tail) && s.is_char_boundary(s.len() - tail) {
            let rest = &s[..s.len() - tail];
            if rest.ends_with(|c: char| c.is_whitespace() || SYMBOLS.contains(&c)) {
                s = rest;
            }
        }
        if s == before {
            return s;
        }
    }
}

fn read(input: &str, decimal: Decimal) -> Result<Money, Problem> {
    let s = strip_currency(input);
    if s.is_empty() {
        return Err(shape(input));
    }
    if s.starts_with('-') || s.ends_with('-') || (s.starts_with('(') && s.ends_with(')')) {
        return Err(other(format!("{input:?}: an amount cannot be negative")));
    }
    if let Some(m) = scientific(s) {
        return m
            .ok_or_else(|| other(format!("{input:?} is not a whole number of cents")))
            .and_then(|m| checked(input, m));
    }
    let (dec, group) = match decimal {
        Decimal::Point => ('.', ','),
        Decimal::Comma => (',', '.'),
    };
    let is_group = |c: char| c == group || c == '\'' || c == '’' || c.is_whitespace();
    let (whole, frac) = match s.rfind(dec) {
        Some(i) => (&s[..i], &s[i + dec.len_utf8()..]),
        None => (s, ""),
    };
    if s.matches(dec).count() > 1 || (!frac.is_empty() && !frac.chars().all(|c| c.is_ascii_digit()))
    {
        return Err(shape(input));
    }
    if s.contains(dec) && frac.is_empty() {
        return Err(shape(input));
    }
    // Groups after the first are exactly three digits; the first one to three.
    let groups: Vec<&str> = whole.split(is_group).collect();
    let first_ok = |g: &str| {
        !g.is_empty()
            && g.chars().all(|c| c.is_ascii_digit())
            && (groups.len() == 1 || g.len() <= 3)
    };
    if !first_ok(groups[0])
        || groups[1..]
            .iter()
            .any(|g| g.len() != 3 || !g.chars().all(|c| c.is_ascii_digit()))
    {
        return Err(shape(input));
    }
    // Digits past the cents are allowed only as zeros (`1.500` under a decimal point).
    let (cents_part, rest) = frac.split_at(frac.len().min(2));
    if rest.chars().any(|c| c != '0') {
        return Err(other(format!(
            "{input:?} has fractions of a cent; amounts are kept to the cent"
        )));
    }
    let digits: String = groups.concat();
    let whole: i64 = digits
        .parse()
        .map_err(|_| other(format!("{input:?} is too large an amount")))?;
    let cents: i64 = match cents_part.len() {
        0 => 0,
        1 => cents_part.parse::<i64>().unwrap_or(0) * 10,
        _ => cents_part.parse::<i64>().unwrap_or(0),
    };
    let m = whole
        .checked_mul(100)
        .and_then(|c| c.checked_add(cents))
        .ok_or_else(|| other(format!("{input:?} is too large an amount")))?;
    checked(input, Money(m))
}

fn checked(input: &str, m: Money) -> Result<Money, Problem> {
    m.checked().map_err(|e| other(format!("{input:?}: {e}")))
}

/// `5.0E7`, `1.25e+3`: spreadsheets and Data Loader write large numbers this way. `None`
/// inside when the value is not a whole number of cents; `None` outside when not this shape.
fn scientific(s: &str) -> Option<Option<Money>> {
    let (mant, exp) = s.split_once(['e', 'E'])?;
    let exp: i32 = exp.strip_prefix('+').unwrap_or(exp).parse().ok()?;
    let (w, f) = mant.split_once('.').unwrap_or((mant, ""));
    if w.is_empty() || !w.chars().chain(f.chars()).all(|c| c.is_ascii_digit()) {
        return None;
    }
    let digits: i128 = format!("{w}{f}").parse().ok()?;
    // value = digits × 10^(exp − len(f)); in cents, one more factor of 100.
    let scale = exp + 2 - f.len() as i32;
    let cents = if scale >= 0 {
        10i128
            .checked_pow(scale as u32)
            .and_then(|p| digits.checked_mul(p))
    } else {
        let p = 10i128.checked_pow((-scale) as u32);
        p.filter(|p| digits % p == 0).map(|p| digits / p)
    };
    Some(cents.and_then(|c| i64::try_from(c).ok()).map(Money))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_names_its_currency_only_when_unambiguous() {
        for (cell, code) in [
            ("EUR 1,200.00", Some("EUR")),
            ("1.200,00 €", Some("EUR")),
            ("1 200,00 eur", Some("EUR")),
            ("£950", Some("GBP")),
            ("$1,250,000.00", None),
            ("¥10,000", None),
            ("US$ 12", None),
            ("1200", None),
            ("5.0E7", None),
        ] {
            assert_eq!(named_currency(cell).as_deref(), code, "{cell}");
        }
    }

    fn p(s: &str) -> Result<Money, String> {
        parse(s, Decimal::Point)
    }
    fn c(s: &str) -> Result<Money, String> {
        parse(s, Decimal::Comma)
    }

    #[test]
    fn decimal_point_files() {
        assert_eq!(p("$1,250,000.00"), Ok(Money(125_000_000)));
        assert_eq!(p("42,000"), Ok(Money(4_200_000)));
        assert_eq!(p("12400.5"), Ok(Money(1_240_050)));
        assert_eq!(p("USD 1,200"), Ok(Money(120_000)));
        assert_eq!(p("1'200.50 CHF"), Ok(Money(120_050)));
        assert_eq!(p("5.0E7"), Ok(Money(5_000_000_000)));
        assert_eq!(p("1.5e2"), Ok(Money(15_000)));
        assert_eq!(p("1.500"), Ok(Money(150)));
    }

    #[test]
    fn decimal_comma_files() {
        assert_eq!(c("4800,5"), Ok(Money(480_050)));
        assert_eq!(c("12,50 €"), Ok(Money(1_250)));
        assert_eq!(c("1 200,00"), Ok(Money(120_000)));
        assert_eq!(c("1\u{a0}200,00"), Ok(Money(120_000)));
        assert_eq!(c("1.234.567,89"), Ok(Money(123_456_789)));
        assert_eq!(c("EUR 1.250"), Ok(Money(125_000)));
    }

    #[test]
    fn a_value_against_the_rule_is_refused_not_misread() {
        for s in ["4800,5", "12,50 €", "1 200,00"] {
            let e = p(s).unwrap_err();
            assert!(e.contains("decimal comma"), "{s}: {e}");
        }
        let e = c("$1,250,000.00").unwrap_err();
        assert!(e.contains("decimal point"), "{e}");
        assert!(p("1,2345").is_err());
        assert!(p("12,34,567").is_err(), "lakh grouping is not guessed");
        assert!(p("(1,200.00)").unwrap_err().contains("negative"));
        assert!(p("-5").unwrap_err().contains("negative"));
        assert!(p("1.234").unwrap_err().contains("fractions of a cent"));
        assert!(p("abc").is_err());
        assert!(p("").is_err());
    }

    #[test]
    fn evidence_from_single_values() {
        assert_eq!(evidence("4800,5"), Evidence::Only(Decimal::Comma));
        assert_eq!(evidence("1 200,00"), Evidence::Only(Decimal::Comma));
        assert_eq!(evidence("$1,250,000.00"), Evidence::Only(Decimal::Point));
        assert_eq!(evidence("12400.5"), Evidence::Only(Decimal::Point));
        assert_eq!(evidence("42,000"), Evidence::Ambiguous);
        assert_eq!(evidence("1.250"), Evidence::Ambiguous);
        assert_eq!(evidence("42000"), Evidence::Neither);
        assert_eq!(evidence("5.0E7"), Evidence::Neither);
    }
}
