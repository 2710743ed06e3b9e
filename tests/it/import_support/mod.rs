//! Helpers for the import and export tests: run the binary on a file, read the leads back.
#![allow(dead_code)]

use leadboard::domain::{Lead, LeadFilter, StageEvent};
use leadboard::store::{OpenMode, Store};
use std::path::{Path, PathBuf};

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A file under tests/it/fixture/ (vendor-shaped exports, each with its source noted).
pub fn shaped(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/it/fixture")
        .join(rel)
}

pub fn asset(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/maps")
        .join(name)
}

pub fn dataset(rel: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/datasets")).join(rel)
}

/// Runs `leadboard --db DB --as-of AS_OF import ARGS...`; returns (exit ok, stdout, stderr).
/// A missing DB is first made with `init`, as a user must: import never creates one.
pub fn import(db: &Path, args: &[&str]) -> (bool, String, String) {
    if !db.exists() {
        super::common::bin()
            .arg("--db")
            .arg(db)
            .arg("init")
            .assert()
            .success();
    }
    let out = super::common::bin()
        .arg("--db")
        .arg(db)
        .args(["--as-of", super::common::AS_OF, "import"])
        .args(args)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

pub fn import_file(db: &Path, file: &Path, extra: &[&str]) -> (bool, String, String) {
    let mut args = vec![file.to_str().unwrap()];
    args.extend_from_slice(extra);
    import(db, &args)
}

/// Every lead in the file, by id.
pub fn leads(db: &Path) -> Vec<Lead> {
    let store = Store::open(db, OpenMode::Existing).unwrap();
    let mut out = Vec::new();
    store
        .for_each_lead(&LeadFilter::default(), None, |l| {
            out.push(l);
            Ok(())
        })
        .unwrap();
    out
}

pub fn by_ext<'a>(leads: &'a [Lead], ext: &str) -> &'a Lead {
    leads
        .iter()
        .find(|l| l.external_id.as_deref() == Some(ext))
        .unwrap_or_else(|| panic!("no lead {ext}"))
}

pub fn events(db: &Path, lead: i64) -> Vec<StageEvent> {
    Store::open(db, OpenMode::Existing)
        .unwrap()
        .stage_events(lead)
        .unwrap()
}

pub fn ts(s: &str) -> leadboard::domain::Timestamp {
    chrono::DateTime::parse_from_rfc3339(s)
        .unwrap()
        .with_timezone(&chrono::Utc)
}

mod generated;
#[allow(unused_imports)] // not every test file generates one
pub use generated::write_generated_csv;
