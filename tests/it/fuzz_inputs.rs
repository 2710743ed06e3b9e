//! Fuzzing the readers of files people hand us: any bytes through the CSV reader and any text
//! through the mapping parser end in rows, row problems or a clear refusal — never a panic,
//! never an endless loop. Runs briefly in CI; `LEADBOARD_FUZZ_CASES=100000` for longer.

use leadboard::io::{CsvSource, Mapping};
use proptest::prelude::*;

fn cases() -> u32 {
    std::env::var("LEADBOARD_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3000)
}

/// Bytes shaped like CSV often enough to reach past the header: separators, quotes, line
/// ends, BOMs, NULs, escapes and invalid UTF-8 among ordinary text.
fn csv_bytes() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just(b",".to_vec()),
        Just(b";".to_vec()),
        Just(b"\t".to_vec()),
        Just(b"\"".to_vec()),
        Just(b"\"\"".to_vec()),
        Just(b"\n".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"\r".to_vec()),
        Just(vec![0xEF, 0xBB, 0xBF]),
        Just(vec![0xFF, 0xFE]),
        Just(vec![0]),
        Just(b"\x1b[2J".to_vec()),
        Just(vec![0xC3, 0x28]),
        Just(b"Email".to_vec()),
        Just(b"First Name".to_vec()),
        "[a-zA-Z0-9 @.$\u{e9}-]{0,12}".prop_map(String::into_bytes),
        proptest::collection::vec(any::<u8>(), 0..8),
    ];
    proptest::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn any_bytes_read_as_rows_problems_or_a_refusal(bytes in csv_bytes()) {
        let Ok(mut src) = CsvSource::from_reader(Box::new(std::io::Cursor::new(bytes)), None) else {
            return Ok(());
        };
        let mut rows = 0usize;
        while let Ok(Some(row)) = src.next_row() {
            if let Ok(r) = row {
                prop_assert_eq!(r.cells.len(), src.headers.len());
            }
            rows += 1;
            prop_assert!(rows < 10_000, "the reader does not loop");
        }
    }

    #[test]
    fn any_text_parses_as_a_mapping_or_says_why(text in prop_oneof![
        any::<String>(),
        "(name|delimiter|\\[columns\\]|\\[stages\\]|[a-z_]{1,8}) ?= ?\"[^\"]{0,10}\"\n{0,2}",
    ]) {
        match Mapping::from_toml(&text) {
            Ok(m) => { let _ = m.delimiter_byte(); }
            Err(e) => prop_assert!(!e.is_empty()),
        }
    }
}
