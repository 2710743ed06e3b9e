//! Text from the file or a CSV is data. Before anything is drawn it goes through `clean`,
//! so escape sequences, bidi overrides and other controls can never reach the terminal.

use std::borrow::Cow;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Characters that change how a terminal or a bidi-aware renderer treats what follows.
fn is_hostile(c: char) -> bool {
    c.is_control() // C0, DEL, C1 (includes ESC and CSI)
        || matches!(c,
            '\u{200B}'..='\u{200F}' // zero-width and LRM/RLM marks
            | '\u{202A}'..='\u{202E}' // bidi embeddings and overrides
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}' // bidi isolates
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}')
}

/// One line of displayable text: controls become a visible `�`, newlines and tabs a space.
pub fn clean(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_hostile) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\n' | '\r' | '\t' => ' ',
                c if is_hostile(c) => '\u{FFFD}',
                c => c,
            })
            .collect(),
    )
}

/// Display width in terminal cells (CJK and emoji count two).
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Cleans and cuts to at most `max` cells, ending with `…` when something was cut.
pub fn fit(s: &str, max: usize) -> String {
    let s = clean(s);
    if width(&s) <= max {
        return s.into_owned();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// A message for a person: cleaned, and cut when a value in it is huge (a 5 MB cell), saying
/// how long it was so nothing looks silently shortened.
pub fn message(s: &str) -> String {
    clean(&shorten(s, 600)).into_owned()
}

/// `s` cut to `max` characters when longer, saying how long it was. Not cleaned: for text
/// kept as data (a row problem's reason) that is cleaned when shown.
pub fn shorten(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        None => s.to_string(),
        Some((end, _)) => format!(
            "{}… (cut: {} characters in all)",
            &s[..end],
            s.chars().count()
        ),
    }
}

/// Whether a character must be written as a `\uXXXX` escape in JSON meant for people's
/// terminals: JSON itself only escapes C0, so C1 (U+009B is a CSI) and bidi controls pass.
pub fn json_must_escape(c: char) -> bool {
    is_hostile(c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn escapes_never_pass() {
        assert_eq!(clean("a\x1b[31mred"), "a\u{FFFD}[31mred");
        assert_eq!(clean("bidi\u{202E}txt"), "bidi\u{FFFD}txt");
        assert_eq!(clean("nul\0x"), "nul\u{FFFD}x");
        assert_eq!(clean("two\nlines"), "two lines");
        assert!(matches!(clean("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn messages_are_cleaned_and_cut_with_their_length() {
        assert_eq!(
            message("bad \x1b]0;x\x07 header"),
            "bad \u{FFFD}]0;x\u{FFFD} header"
        );
        let huge = format!("cell {}", "x".repeat(5_000_000));
        let m = message(&huge);
        assert!(m.chars().count() < 700, "{}", m.len());
        assert!(m.ends_with("(cut: 5000005 characters in all)"), "{m}");
    }

    #[test]
    fn fit_respects_wide_chars() {
        assert_eq!(fit("東京都渋谷区", 5), "東京…");
        assert_eq!(fit("short", 10), "short");
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(width(&fit("🎉🎉🎉🎉", 5)), 5);
    }

    proptest! {
        #[test]
        fn clean_output_has_no_controls(s in any::<String>()) {
            let out = clean(&s);
            prop_assert!(!out.chars().any(is_hostile));
        }

        #[test]
        fn fit_never_exceeds_width(s in any::<String>(), max in 0usize..40) {
            let out = fit(&s, max);
            prop_assert!(width(&out) <= max);
            prop_assert!(!out.chars().any(is_hostile));
        }
    }
}
