//! Files as they arrive in real life: empty, header only, binary, other separators, a BOM,
//! Windows line ends, quotes and tabs inside fields, formula-looking cells, broken UTF-8, big.

use crate::import_support;

use import_support::{fixture, import_file, leads, write_generated_csv};

fn fresh() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("team.db");
    (dir, db)
}

#[test]
fn empty_file_is_refused() {
    let (_d, db) = fresh();
    let (ok, _, err) = import_file(&db, &fixture("empty.csv"), &[]);
    assert!(!ok);
    assert!(err.contains("the file is empty: no header line"), "{err}");
}

#[test]
fn header_only_imports_nothing_and_says_so() {
    let (_d, db) = fresh();
    let (ok, out, _) = import_file(&db, &fixture("header_only.csv"), &[]);
    assert!(ok);
    assert!(
        out.contains("has a header but no rows: nothing to import"),
        "{out}"
    );
    assert!(
        out.contains("created 0, updated 0, unchanged 0, refused 0, bad 0"),
        "{out}"
    );
}

#[test]
fn binary_and_utf16_files_are_refused() {
    let (d, db) = fresh();
    let (ok, _, err) = import_file(&db, &fixture("binary.xlsx"), &[]);
    assert!(!ok);
    assert!(err.contains("binary file, not a CSV"), "{err}");
    let utf16 = d.path().join("u16.csv");
    let mut bytes = vec![0xFF, 0xFE];
    for c in "name,email\n".encode_utf16() {
        bytes.extend_from_slice(&c.to_le_bytes());
    }
    std::fs::write(&utf16, bytes).unwrap();
    let (ok, out, err) = import_file(&db, &utf16, &["--format", "generic"]);
    assert!(ok, "UTF-16 with a byte-order mark is read: {out}{err}");
    assert!(out.contains("encoding: UTF-16LE"), "{out}");
}

#[test]
fn semicolons_with_windows_line_ends() {
    let (_d, db) = fresh();
    let (ok, out, _) = import_file(&db, &fixture("semicolon_crlf.csv"), &[]);
    assert!(ok, "{out}");
    let all = leads(&db);
    assert_eq!(all.len(), 2);
    let bo = all.iter().find(|l| l.name == "Bo").unwrap();
    assert_eq!(
        (bo.email.as_str(), bo.stage.as_str()),
        ("bo@x.example", "sql"),
        "no stray \\r"
    );
}

#[test]
fn tabs_and_quotes_inside_fields() {
    let (_d, db) = fresh();
    let (ok, out, _) = import_file(&db, &fixture("tab_separated.csv"), &[]);
    assert!(ok, "{out}");
    let all = leads(&db);
    assert_eq!(all[0].company, "Acme\t\"Tab\" Co");
    assert_eq!(all[0].stage, "new", "no stage column: the first open stage");
}

#[test]
fn byte_order_mark_is_not_part_of_the_first_column() {
    let (_d, db) = fresh();
    let (ok, out, _) = import_file(&db, &fixture("bom.csv"), &[]);
    assert!(ok, "{out}");
    assert_eq!(leads(&db)[0].name, "Ana");
}

#[test]
fn formula_looking_cells_are_kept_as_text() {
    let (_d, db) = fresh();
    let (ok, out, _) = import_file(&db, &fixture("formulas.csv"), &[]);
    assert!(ok, "{out}");
    let all = leads(&db);
    assert_eq!(all[0].name, "=cmd|' /C calc'!A0");
    assert_eq!(all[0].company, "@SUM(1+1)");
    assert_eq!(
        (all[1].name.as_str(), all[1].company.as_str()),
        ("+1 555", "-minus")
    );
}

#[test]
fn a_latin1_file_is_read_as_windows_1252_and_forced_utf8_names_the_line() {
    let (_d, db) = fresh();
    let (ok, out, err) = import_file(&db, &fixture("latin1.csv"), &[]);
    assert!(ok, "{out}{err}");
    assert!(out.contains("encoding: windows-1252"), "{out}");
    assert!(leads(&db).iter().any(|l| l.name == "Béatrice"));
    let (_d, db) = fresh();
    let (ok, out, _) = import_file(&db, &fixture("latin1.csv"), &["--encoding", "utf-8"]);
    assert!(!ok);
    assert!(
        out.contains("line 3, column \"name\": invalid UTF-8"),
        "{out}"
    );
}

#[test]
fn a_larger_generated_file_streams_through() {
    let (d, db) = fresh();
    let f = d.path().join("gen.csv");
    write_generated_csv(&f, 5_000);
    let (ok, out, _) = import_file(&db, &f, &[]);
    assert!(ok, "{out}");
    assert!(out.contains("created 5000, updated 0"), "{out}");
    assert_eq!(leads(&db).len(), 5_000);
}

/// The 200 MB case; run by hand (`cargo test --release --test it import_bad_input:: -- --ignored`)
/// and measure memory with `/usr/bin/time -v` on the binary as docs/import.md shows.
#[test]
#[ignore]
fn two_hundred_megabytes_stream_through() {
    let (d, db) = fresh();
    let f = d.path().join("big.csv");
    write_generated_csv(&f, 1_200_000);
    assert!(std::fs::metadata(&f).unwrap().len() > 200_000_000);
    let (ok, out, _) = import_file(&db, &f, &[]);
    assert!(ok, "{out}");
    assert!(out.contains("created 1200000"), "{out}");
}

#[test]
fn line_numbers_count_windows_line_ends_blank_lines_and_multiline_cells() {
    let (d, db) = fresh();
    let f = d.path().join("crlf.csv");
    let body = "name,email,stage,next_step\r\nAna,ana@x.example,mql,\"call\r\nthen mail\"\r\n\r\nBo,bo@x.example,Wonn,\r\n";
    std::fs::write(&f, body).unwrap();
    let (ok, out, _) = import_file(&db, &f, &[]);
    assert!(!ok);
    assert!(
        out.contains(
            "line 5, column \"stage\": unknown stage \"Wonn\"; the closest known one is \"won\""
        ),
        "{out}"
    );
}
