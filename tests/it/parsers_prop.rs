//! Property tests of every parser of user input: no input makes one panic, and what they
//! accept round-trips.

use chrono::{NaiveDate, TimeZone, Utc};
use leadboard::cli::parse_size;
use leadboard::clock::parse_as_of;
use leadboard::domain::{Money, validate};
use leadboard::text;
use proptest::prelude::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

/// Arbitrary text plus the shapes the parsers look for, so the interesting branches are hit.
fn input() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[+-]?[0-9]{0,25}[dwx.,]?[0-9é€]{0,4}",
        "\\$?[0-9,]{0,20}(\\.[0-9]{0,4})?",
        "[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2})?Z?)?",
        "\\+[0-9]{0,22}[a-zé]?",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn money_parse_never_panics_and_accepts_only_non_negative(s in input()) {
        if let Ok(m) = Money::parse(&s) {
            prop_assert!(m.cents() >= 0);
        }
    }

    #[test]
    fn money_round_trips_through_its_display(c in 0i64..=leadboard::domain::money::MAX_CENTS) {
        prop_assert_eq!(Money::parse(&Money(c).to_string()), Ok(Money(c)));
    }

    #[test]
    fn money_beyond_the_largest_value_is_refused(c in leadboard::domain::money::MAX_CENTS + 1..i64::MAX / 1000) {
        prop_assert!(Money::parse(&Money(c).to_string()).is_err());
    }

    #[test]
    fn names_are_trimmed_non_empty_and_bounded(s in input()) {
        if let Ok(n) = validate::name(&s) {
            prop_assert!(!n.is_empty() && n.trim() == n && n.chars().count() <= 200);
        }
    }

    #[test]
    fn emails_are_empty_or_plausible(s in input()) {
        if let Ok(e) = validate::email(&s) {
            prop_assert!(e.is_empty() || (e.contains('@') && !e.chars().any(|c| c.is_whitespace() || c.is_control())));
        }
    }

    #[test]
    fn scores_stay_in_range(s in input(), n in 0i64..=100) {
        if let Ok(v) = validate::parse_score(&s) {
            prop_assert!((0..=100).contains(&v));
        }
        prop_assert_eq!(validate::parse_score(&n.to_string()), Ok(n));
    }

    #[test]
    fn due_dates_never_panic_and_relative_days_add_up(s in input(), n in 0i64..=3650) {
        let _ = validate::parse_due_date(&s, today());
        prop_assert_eq!(
            validate::parse_due_date(&format!("+{n}d"), today()),
            Ok(today().checked_add_signed(chrono::Duration::days(n)))
        );
    }

    #[test]
    fn as_of_never_panics_and_round_trips(s in input(), secs in 0i64..4_000_000_000) {
        let _ = parse_as_of(&s);
        let t = Utc.timestamp_opt(secs, 0).unwrap();
        prop_assert_eq!(parse_as_of(&t.to_rfc3339()), Ok(t));
    }

    #[test]
    fn sizes_never_panic_and_round_trip(s in input(), c in 1u16..=1000, r in 1u16..=1000) {
        if let Ok((c2, r2)) = parse_size(&s) {
            prop_assert!((1..=1000).contains(&c2) && (1..=1000).contains(&r2));
        }
        prop_assert_eq!(parse_size(&format!("{c}x{r}")), Ok((c, r)));
    }

    #[test]
    fn sanitized_text_is_safe_to_draw(s in "(\\PC|[\\x00-\\x1f\\x7f\\u{80}-\\u{9f}\\u{200b}-\\u{200f}\\u{202a}-\\u{202e}\\u{2066}-\\u{2069}])*", max in 0usize..60) {
        for out in [text::clean(&s).into_owned(), text::fit(&s, max)] {
            prop_assert!(!out.chars().any(|c| c.is_control()));
            let bidi = out.chars().any(|c| matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200b}'..='\u{200f}'));
            prop_assert!(!bidi, "bidi or zero-width control in {:?}", out);
        }
        prop_assert!(text::width(&text::fit(&s, max)) <= max);
    }
}

#[test]
fn due_date_edge_cases_are_refused_not_panics() {
    for s in [
        "+3é",
        "+é",
        "+",
        "+99999999999999999999d",
        "+9223372036854775807w",
        "+-5d",
    ] {
        assert!(validate::parse_due_date(s, today()).is_err(), "{s}");
    }
}
