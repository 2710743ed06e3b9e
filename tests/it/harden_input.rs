//! Hostile and broken input: NUL bytes, endless rows, values and dates no team can mean,
//! ambiguous headers. Each is a clear refusal with its line, and nothing half-imported.

use crate::common;

use common::{AS_OF, bin};
use predicates::str::contains;
use std::path::Path;

#[test]
fn nul_is_refused_in_every_text_field_and_in_an_imported_cell_after_8_kb() {
    use leadboard::domain::{ActivityKind, LeadEdit, NewLead};
    let (dir, path, mut store) = common::empty_store();
    let err = store
        .create_lead(
            &NewLead {
                name: "Ana".into(),
                company: "Ac\0me".into(),
                ..Default::default()
            },
            "ana",
            common::now(),
        )
        .unwrap_err();
    assert!(
        err.to_string().contains("company holds a NUL byte"),
        "{err}"
    );
    let id = store
        .create_lead(
            &NewLead {
                name: "Ana".into(),
                ..Default::default()
            },
            "ana",
            common::now(),
        )
        .unwrap();
    let edit = LeadEdit {
        next_step: Some("call\0".into()),
        ..Default::default()
    };
    let err = store
        .update_lead(id, &edit, "ana", 1, common::now())
        .unwrap_err();
    assert!(err.to_string().contains("next step holds a NUL"), "{err}");
    let err = store
        .log_activity(id, ActivityKind::Call, "hi\0", "ana", common::now())
        .unwrap_err();
    assert!(err.to_string().contains("note holds a NUL"), "{err}");
    let err = store
        .move_lead(id, "lost", "no\0budget", "ana", 1, common::now())
        .unwrap_err();
    assert!(err.to_string().contains("reason holds a NUL"), "{err}");
    drop(store);
    // A NUL far past the first 8 KB (where the binary sniffing stops) is a bad row.
    let mut csv = String::from("Record ID,First Name,Last Name,Email\n");
    for i in 0..400 {
        csv.push_str(&format!("{i},Pat,Lee{i},p{i}@example.com\n"));
    }
    csv.push_str("999,Nu\0l,Byte,nul@example.com\n");
    let file = dir.path().join("contacts.csv");
    std::fs::write(&file, csv).unwrap();
    let out = bin()
        .args([
            "--db",
            path.to_str().unwrap(),
            "import",
            "--skip-bad",
            "--format",
            "hubspot",
        ])
        .arg(&file)
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(text.contains("NUL byte"), "{text}");
    let c = rusqlite::Connection::open(&path).unwrap();
    let stored: i64 = c
        .query_row(
            "SELECT COUNT(*) FROM leads WHERE instr(name, char(0)) > 0",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(stored, 0, "no NUL stored");
}

/// A HubSpot-shaped header and 300 ordinary rows, for a bad row to follow.
fn rows_then() -> String {
    let mut csv = String::from("Record ID,First Name,Last Name,Email\n");
    for i in 0..300 {
        csv.push_str(&format!("{i},Pat,Lee{i},p{i}@example.com\n"));
    }
    csv
}

#[test]
fn an_unclosed_quote_stops_at_the_row_limit_with_its_line() {
    let (dir, path, store) = common::empty_store();
    drop(store);
    let mut csv = rows_then();
    csv.push_str("999,\"never closed,");
    csv.push_str(&"x".repeat(8 << 20));
    let file = dir.path().join("big.csv");
    std::fs::write(&file, csv).unwrap();
    bin()
        .args(["--db", path.to_str().unwrap(), "import"])
        .arg(&file)
        .assert()
        .failure()
        .stderr(contains("a row after line 301 is longer than 1 MB"))
        .stderr(contains("nothing was imported"));
    assert_eq!(common::count_leads(&path), 0, "nothing was imported");
}

#[test]
fn an_endless_pipe_ends_with_a_clear_error() {
    let (dir, path, store) = common::empty_store();
    drop(store);
    let fifo = dir.path().join("endless.csv");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo");
    let head = rows_then();
    let writer_path = fifo.clone();
    // Writes until the reader goes away (then the write fails and the thread ends).
    std::thread::spawn(move || {
        use std::io::Write;
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .open(writer_path)
            .unwrap();
        if f.write_all(head.as_bytes()).is_err() {
            return;
        }
        let chunk = vec![b'x'; 64 * 1024];
        let started = std::time::Instant::now();
        while started.elapsed() < std::time::Duration::from_secs(30) {
            if f.write_all(&chunk).is_err() {
                return;
            }
        }
    });
    let started = std::time::Instant::now();
    bin()
        .args(["--db", path.to_str().unwrap(), "import"])
        .arg(&fifo)
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .failure()
        .stderr(contains("longer than 1 MB"));
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
}

fn import_text(dir: &Path, db: &Path, name: &str, csv: &str, extra: &[&str]) -> (bool, String) {
    let file = dir.join(name);
    std::fs::write(&file, csv).unwrap();
    let out = bin()
        .args(["--db", db.to_str().unwrap(), "--as-of", AS_OF, "import"])
        .arg(&file)
        .args(extra)
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), text)
}

const DEALS: &str = "\"Record ID\",\"Deal Name\",\"Pipeline\",\"Deal Stage\",\"Amount\",\"Close Date\",\"Create Date\",\"Deal owner\"\n";

#[test]
fn values_beyond_the_totals_and_dates_outside_1900_2200_are_bad_rows_with_their_line() {
    let (dir, path, store) = common::empty_store();
    drop(store);
    let csv = format!(
        "{DEALS}\
         \"1\",\"Huge\",\"Sales Pipeline\",\"Appointment Scheduled\",\"92233720368547758.07\",\"\",\"2024-01-15 10:23\",\"Jane Doe\"\n\
         \"2\",\"Big A\",\"Sales Pipeline\",\"Appointment Scheduled\",\"50000000000000000\",\"\",\"2024-01-15 10:23\",\"Jane Doe\"\n\
         \"3\",\"Year zero\",\"Sales Pipeline\",\"Appointment Scheduled\",\"100\",\"\",\"0000-01-01 10:23\",\"Jane Doe\"\n\
         \"4\",\"Fine\",\"Sales Pipeline\",\"Appointment Scheduled\",\"100\",\"\",\"2024-01-15 10:23\",\"Jane Doe\"\n"
    );
    let (ok, text) = import_text(dir.path(), &path, "deals.csv", &csv, &["--skip-bad"]);
    assert!(ok, "{text}");
    assert!(text.contains("line 2"), "{text}");
    assert!(text.contains("line 3"), "{text}");
    assert!(text.contains("beyond the largest value"), "{text}");
    assert!(
        text.contains("line 4") && text.contains("outside 1900–2200"),
        "{text}"
    );
    assert!(!text.contains("REAL"), "no raw SQLite message: {text}");
    assert_eq!(common::count_leads(&path), 1, "only the good row");
    bin()
        .args([
            "--db",
            path.to_str().unwrap(),
            "--as-of",
            "-0001-01-01",
            "report",
        ])
        .assert()
        .failure();
    bin()
        .args([
            "--db",
            path.to_str().unwrap(),
            "--as-of",
            "0000-01-01",
            "report",
        ])
        .assert()
        .failure()
        .stderr(contains("outside 1900–2200"));
    assert!(
        leadboard::domain::validate::parse_due_date("0000-01-01", common::now().date_naive())
            .is_err()
    );
}

#[test]
fn a_used_column_named_twice_in_the_header_is_refused_by_name() {
    let (dir, path, store) = common::empty_store();
    drop(store);
    let csv = "\"Record ID\",\"First Name\",\"Last Name\",\"Email\",\"Email\"\n\
               \"1\",\"Ana\",\"Silva\",\"ana@example.com\",\"ana.silva@example.com\"\n";
    let (ok, text) = import_text(dir.path(), &path, "contacts.csv", csv, &[]);
    assert!(!ok);
    assert!(text.contains("\"Email\" 2 times (columns 4, 5)"), "{text}");
    assert_eq!(common::count_leads(&path), 0);
}
