//! A first look at the whole file, before any row is read for real: which decimal separator
//! its amounts use and which order its day-first or month-first dates are in. One value can be
//! read both ways (`1,250`, `03/04/2024`); the file as a whole usually cannot (`4800,5`,
//! `14.02.2024` settle it), so the rule is decided once from every value and then applied to
//! all of them. What was decided, and from what, goes into the import report.

use super::amounts::{self, Decimal, Evidence};
use super::dates::DateOrder;

/// The first value that showed something: (line, cell).
type Witness = Option<(u64, String)>;

#[derive(Debug, Default)]
pub struct AmountTally {
    point: u64,
    comma: u64,
    ambiguous: u64,
    first_point: Witness,
    first_comma: Witness,
    first_ambiguous: Witness,
}

impl AmountTally {
    pub fn add(&mut self, line: u64, cell: &str) {
        let (n, first) = match amounts::evidence(cell) {
            Evidence::Only(Decimal::Point) => (&mut self.point, &mut self.first_point),
            Evidence::Only(Decimal::Comma) => (&mut self.comma, &mut self.first_comma),
            Evidence::Ambiguous => (&mut self.ambiguous, &mut self.first_ambiguous),
            Evidence::Neither => return,
        };
        *n += 1;
        first.get_or_insert_with(|| (line, cell.trim().to_string()));
    }

    /// The file's rule and a sentence saying why. `forced` (a flag or the mapping) wins;
    /// then the values that can only be read one way (the larger side, when a file mixes
    /// both: the rows of the other side are refused, not misread); then the separator.
    pub fn decide(&self, forced: Option<(Decimal, &str)>, delimiter: u8) -> (Decimal, String) {
        if let Some((d, why)) = forced {
            return (d, format!("amounts: {} ({why})", d.describe()));
        }
        let cite = |w: &Witness| match w {
            Some((line, cell)) => format!("line {line}: {cell:?}"),
            None => String::new(),
        };
        let (d, why) = if self.comma > self.point {
            (
                Decimal::Comma,
                format!(
                    "{} value{} can only be read that way, first {}",
                    self.comma,
                    plural(self.comma),
                    cite(&self.first_comma)
                ),
            )
        } else if self.point > self.comma {
            (
                Decimal::Point,
                format!(
                    "{} value{} can only be read that way, first {}",
                    self.point,
                    plural(self.point),
                    cite(&self.first_point)
                ),
            )
        } else if delimiter == b';' {
            (
                Decimal::Comma,
                "no value settles it; the file is separated by ';', as where the comma is the \
                 decimal separator"
                    .into(),
            )
        } else {
            (
                Decimal::Point,
                "no value settles it; the file is not separated by ';'".into(),
            )
        };
        let mut note = format!("amounts: {} — {why}", d.describe());
        let against = match d {
            Decimal::Point => (self.comma, &self.first_comma),
            Decimal::Comma => (self.point, &self.first_point),
        };
        if against.0 > 0 {
            note.push_str(&format!(
                "; {} value{} written the other way {} refused ({})",
                against.0,
                plural(against.0),
                if against.0 == 1 { "is" } else { "are" },
                cite(against.1)
            ));
        }
        if self.ambiguous > 0 && self.comma == 0 && self.point == 0 {
            note.push_str(&format!(
                "; {} value{} such as {} read by this rule (--decimal-comma or \
                 --decimal-point to change it)",
                self.ambiguous,
                plural(self.ambiguous),
                cite(&self.first_ambiguous)
            ));
        }
        (d, note)
    }
}

#[derive(Debug, Default)]
pub struct DateTally {
    day_first: u64,
    month_first: u64,
    first_day: Witness,
    first_month: Witness,
}

impl DateTally {
    pub fn add(&mut self, line: u64, cell: &str) {
        let (n, first) = match super::dates::order_evidence(cell) {
            Some(DateOrder::DayFirst) => (&mut self.day_first, &mut self.first_day),
            Some(DateOrder::MonthFirst) => (&mut self.month_first, &mut self.first_month),
            None => return,
        };
        *n += 1;
        first.get_or_insert_with(|| (line, cell.trim().to_string()));
    }

    /// The order of day-first/month-first dates, when forced or when the values agree;
    /// `None` leaves such dates refused as ambiguous (the report says why).
    pub fn decide(&self, forced: Option<DateOrder>) -> (Option<DateOrder>, Option<String>) {
        if let Some(o) = forced {
            return (
                Some(o),
                Some(format!("dates: {} (--date-order)", o.describe())),
            );
        }
        let cite = |w: &Witness| match w {
            Some((line, cell)) => format!("line {line}: {cell:?}"),
            None => String::new(),
        };
        match (self.day_first, self.month_first) {
            (0, 0) => (None, None),
            (d, 0) => (
                Some(DateOrder::DayFirst),
                Some(format!(
                    "dates: {} — {d} date{} can only be read that way, first {}",
                    DateOrder::DayFirst.describe(),
                    plural(d),
                    cite(&self.first_day)
                )),
            ),
            (0, m) => (
                Some(DateOrder::MonthFirst),
                Some(format!(
                    "dates: {} — {m} date{} can only be read that way, first {}",
                    DateOrder::MonthFirst.describe(),
                    plural(m),
                    cite(&self.first_month)
                )),
            ),
            (d, m) => (
                None,
                Some(format!(
                    "dates: the file mixes day-first ({d}, first {}) and month-first ({m}, \
                     first {}) dates, so neither order is assumed; pass --date-order",
                    cite(&self.first_day),
                    cite(&self.first_month)
                )),
            ),
        }
    }
}

/// Reads every row of a second opening of the file, tallying the amount and date cells.
pub fn look(
    src: &mut super::CsvSource,
    value_cols: &[usize],
    date_cols: &[usize],
) -> Result<(AmountTally, DateTally), super::SourceError> {
    let mut amounts = AmountTally::default();
    let mut dates = DateTally::default();
    if value_cols.is_empty() && date_cols.is_empty() {
        return Ok((amounts, dates));
    }
    while let Some(row) = src.next_row()? {
        let Ok(row) = row else { continue };
        let cell = |i: usize| {
            row.cells
                .get(i)
                .and_then(|c| std::str::from_utf8(c).ok())
                .filter(|c| !c.trim().is_empty())
        };
        for &i in value_cols {
            if let Some(c) = cell(i) {
                amounts.add(row.line, c);
            }
        }
        for &i in date_cols {
            if let Some(c) = cell(i) {
                dates.add(row.line, c);
            }
        }
    }
    Ok((amounts, dates))
}

fn plural(n: u64) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_unambiguous_value_decides_the_file() {
        let mut t = AmountTally::default();
        t.add(2, "1,250");
        t.add(3, "4800,5");
        let (d, note) = t.decide(None, b',');
        assert_eq!(d, Decimal::Comma);
        assert!(note.contains("line 3: \"4800,5\""), "{note}");
    }

    #[test]
    fn without_evidence_the_separator_decides_and_says_so() {
        let mut t = AmountTally::default();
        t.add(2, "42,000");
        assert_eq!(t.decide(None, b',').0, Decimal::Point);
        let (d, note) = t.decide(None, b';');
        assert_eq!(d, Decimal::Comma);
        assert!(note.contains("\"42,000\""), "{note}");
        assert_eq!(
            t.decide(Some((Decimal::Point, "--decimal-point")), b';').0,
            Decimal::Point
        );
    }

    #[test]
    fn mixed_files_name_what_is_refused() {
        let mut t = AmountTally::default();
        t.add(2, "$1,250,000.00");
        t.add(3, "12400.5");
        t.add(4, "4800,5");
        let (d, note) = t.decide(None, b',');
        assert_eq!(d, Decimal::Point);
        assert!(
            note.contains("1 value written the other way is refused (line 4"),
            "{note}"
        );
    }

    #[test]
    fn day_first_dates_are_settled_by_a_day_above_twelve() {
        let mut t = DateTally::default();
        t.add(2, "03.02.2024");
        t.add(3, "14.02.2024");
        assert_eq!(t.decide(None).0, Some(DateOrder::DayFirst));
        t.add(4, "3/15/2024 2:22 PM");
        assert_eq!(t.decide(None).0, None, "mixed: nothing assumed");
    }
}
