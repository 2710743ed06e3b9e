//! JSON for scripts that may print it to a terminal: serde_json escapes only what JSON
//! requires (C0), so C1 controls such as U+009B (CSI) and bidi overrides would pass raw.
//! Everything here writes them as `\uXXXX`; the data is unchanged for a JSON reader.

use crate::text::json_must_escape;
use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter, Serializer};
use std::io::{self, Write};

/// Wraps serde_json's formatters, escaping hostile characters inside strings.
struct Safe<F>(F);

fn write_fragment<W: ?Sized + Write>(w: &mut W, fragment: &str) -> io::Result<()> {
    let mut start = 0;
    for (i, c) in fragment.char_indices() {
        if json_must_escape(c) {
            w.write_all(&fragment.as_bytes()[start..i])?;
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                write!(w, "\\u{u:04x}")?;
            }
            start = i + c.len_utf8();
        }
    }
    w.write_all(&fragment.as_bytes()[start..])
}

macro_rules! delegate {
    ($($name:ident($($arg:ident: $ty:ty),*);)*) => {
        $(fn $name<W: ?Sized + Write>(&mut self, w: &mut W $(, $arg: $ty)*) -> io::Result<()> {
            self.0.$name(w $(, $arg)*)
        })*
    };
}

impl<F: Formatter> Formatter for Safe<F> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        write_fragment(w, fragment)
    }

    /// A negative zero is written as `0.0`: no reader should see "-0" for "nothing".
    fn write_f64<W: ?Sized + Write>(&mut self, w: &mut W, value: f64) -> io::Result<()> {
        self.0.write_f64(w, value + 0.0)
    }

    delegate! {
        begin_array();
        end_array();
        begin_array_value(first: bool);
        end_array_value();
        begin_object();
        end_object();
        begin_object_key(first: bool);
        end_object_key();
        begin_object_value();
        end_object_value();
    }
}

/// Compact JSON, one value (a JSON line).
pub fn to_writer<W: Write, T: ?Sized + Serialize>(w: W, value: &T) -> serde_json::Result<()> {
    let mut ser = Serializer::with_formatter(w, Safe(serde_json::ser::CompactFormatter));
    value.serialize(&mut ser)
}

/// Compact JSON as a string: one value, one line.
pub fn to_line<T: ?Sized + Serialize>(value: &T) -> serde_json::Result<String> {
    let mut out = Vec::new();
    to_writer(&mut out, value)?;
    Ok(String::from_utf8(out).expect("serde_json writes UTF-8"))
}

/// Indented JSON, for reports.
pub fn to_string_pretty<T: ?Sized + Serialize>(value: &T) -> serde_json::Result<String> {
    let mut out = Vec::new();
    let mut ser = Serializer::with_formatter(&mut out, Safe(PrettyFormatter::new()));
    value.serialize(&mut ser)?;
    // serde_json writes valid UTF-8 and the escapes are ASCII.
    Ok(String::from_utf8(out).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn negative_zero_is_written_as_zero() {
        let s = to_string_pretty(&json!({"target": -0.0_f64})).unwrap();
        assert!(s.contains("\"target\": 0.0"), "{s}");
    }

    #[test]
    fn c1_and_bidi_are_escaped_and_read_back_unchanged() {
        let v = json!({"name": "a\u{9b}31mb\u{202e}c\u{1b}", "n": 1.5});
        let s = to_string_pretty(&v).unwrap();
        assert!(
            !s.chars().any(|c| c != '\n' && json_must_escape(c)),
            "{s:?}"
        );
        assert!(s.contains("\\u009b") && s.contains("\\u202e"), "{s}");
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
        let mut line = Vec::new();
        to_writer(&mut line, &v).unwrap();
        let back: serde_json::Value = serde_json::from_slice(&line).unwrap();
        assert_eq!(back, v);
    }
}
