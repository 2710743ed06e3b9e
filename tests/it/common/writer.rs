//! Writer processes for the stress and crash tests. A test re-runs its own binary with
//! `WRITER_ROLE` set; the child runs one of these loops and logs every attempted write,
//! one line each, so the parent can check every success is in the file and every refusal
//! was reported. Roles: `leadboard` (the store API, as the app writes) and `script` (plain
//! rusqlite, as an outside tool that keeps the version convention would).

use leadboard::domain::{ActivityKind, LeadEdit};
use leadboard::store::{OpenMode, Store, StoreError};
use rand::{Rng, SeedableRng};
use rusqlite::{Connection, params};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

pub const OPEN_STAGES: [&str; 5] = ["new", "engaged", "mql", "sql", "opportunity"];

pub struct Spec {
    pub role: &'static str,
    pub name: String,
    pub db: PathBuf,
    pub log: PathBuf,
    pub leads: Vec<i64>,
    pub secs: f64,
    pub seed: u64,
}

/// Starts `test_name` of the current test binary as a writer child.
pub fn spawn(test_name: &str, spec: &Spec) -> Child {
    let ids: Vec<String> = spec.leads.iter().map(|i| i.to_string()).collect();
    Command::new(std::env::current_exe().unwrap())
        .args([
            test_name,
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("WRITER_ROLE", spec.role)
        .env("WRITER_NAME", &spec.name)
        .env("WRITER_DB", &spec.db)
        .env("WRITER_LOG", &spec.log)
        .env("WRITER_LEADS", ids.join(","))
        .env("WRITER_SECS", spec.secs.to_string())
        .env("WRITER_SEED", spec.seed.to_string())
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("spawn writer")
}

/// In the child: the spec from the environment, or None when run as a plain test.
pub fn from_env() -> Option<Spec> {
    let role = match std::env::var("WRITER_ROLE").ok()?.as_str() {
        "leadboard" => "leadboard",
        "script" => "script",
        _ => return None,
    };
    let var = |k: &str| std::env::var(k).unwrap();
    Some(Spec {
        role,
        name: var("WRITER_NAME"),
        db: var("WRITER_DB").into(),
        log: var("WRITER_LOG").into(),
        leads: var("WRITER_LEADS")
            .split(',')
            .map(|s| s.parse().unwrap())
            .collect(),
        secs: var("WRITER_SECS").parse().unwrap(),
        seed: var("WRITER_SEED").parse().unwrap(),
    })
}

pub fn run(spec: &Spec) {
    match spec.role {
        "leadboard" => leadboard_writer(spec),
        _ => script_writer(spec),
    }
}

/// Appends one line per attempt and flushes it, so a killed writer's log is still whole
/// up to the attempt in flight.
struct Log(std::fs::File);

impl Log {
    fn open(p: &Path) -> Log {
        Log(std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(p)
            .unwrap())
    }
    fn line(&mut self, s: String) {
        writeln!(self.0, "{s}").unwrap();
    }
}

fn leadboard_writer(spec: &Spec) {
    let mut store = Store::open(&spec.db, OpenMode::Existing).unwrap();
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(spec.seed);
    let mut log = Log::open(&spec.log);
    let now = super::now();
    let end = Instant::now() + Duration::from_secs_f64(spec.secs);
    let mut n = 0;
    while Instant::now() < end {
        n += 1;
        let token = format!("{}-{n}", spec.name);
        let id = spec.leads[rng.random_range(0..spec.leads.len())];
        let Ok(lead) = store.lead(id) else {
            log.line(format!("error read {token} {id}"));
            continue;
        };
        // A moment of "thinking" between reading and writing, where others get in.
        std::thread::sleep(Duration::from_micros(rng.random_range(0..2000)));
        let roll = rng.random_range(0..10);
        let (kind, result) = if roll < 5 {
            let to = loop {
                let s = OPEN_STAGES[rng.random_range(0..OPEN_STAGES.len())];
                if s != lead.stage {
                    break s;
                }
            };
            let r = store.move_lead(id, to, &token, &spec.name, lead.version, now);
            (format!("move {} {to}", lead.stage), r.map(|_| ()))
        } else if roll < 8 {
            let r = store.log_activity(id, ActivityKind::Call, &token, &spec.name, now);
            ("contact".to_string(), r.map(|_| ()))
        } else {
            let edit = LeadEdit {
                next_step: Some(token.clone()),
                ..Default::default()
            };
            let r = store.update_lead(id, &edit, &spec.name, lead.version, now);
            ("edit".to_string(), r.map(|_| ()))
        };
        match result {
            Ok(()) => log.line(format!("applied {token} {id} {kind}")),
            Err(StoreError::Conflict(info)) => {
                assert!(!info.changed_by.is_empty() && !info.changes.is_empty());
                log.line(format!(
                    "conflict {token} {id} {kind} by={}",
                    info.changed_by
                ))
            }
            Err(StoreError::Locked) => log.line(format!("locked {token} {id} {kind}")),
            Err(e) => log.line(format!("error {token} {id} {kind} {e}")),
        }
    }
}

/// An outside script: adds web-form leads (with their creation event) and bumps scores,
/// keeping the version convention so the app's conflict checks see its changes.
fn script_writer(spec: &Spec) {
    let c = Connection::open(&spec.db).unwrap();
    c.busy_timeout(Duration::from_secs(2)).unwrap();
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(spec.seed);
    let mut log = Log::open(&spec.log);
    let at = super::AS_OF;
    let end = Instant::now() + Duration::from_secs_f64(spec.secs);
    let mut n = 0;
    while Instant::now() < end {
        n += 1;
        let token = format!("{}-{n}", spec.name);
        let result: rusqlite::Result<String> = if rng.random_bool(0.5) {
            (|| {
                let tx = rusqlite::Transaction::new_unchecked(
                    &c,
                    rusqlite::TransactionBehavior::Immediate,
                )?;
                tx.execute(
                    "INSERT INTO leads (name, stage, created_at, stage_entered_at, version, updated_at, updated_by) \
                     VALUES (?1, 'new', ?2, ?2, 1, ?2, 'script')",
                    params![token, at],
                )?;
                let id = tx.last_insert_rowid();
                tx.execute(
                    "INSERT INTO stage_events (lead_id, from_stage, to_stage, by, at, reason) \
                     VALUES (?1, NULL, 'new', 'script', ?2, ?3)",
                    params![id, at, token],
                )?;
                tx.commit()?;
                Ok(format!("applied {token} {id} insert"))
            })()
        } else {
            let id = spec.leads[rng.random_range(0..spec.leads.len())];
            (|| {
                let (score, version): (i64, i64) = c.query_row(
                    "SELECT score, version FROM leads WHERE id = ?1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )?;
                std::thread::sleep(Duration::from_micros(rng.random_range(0..2000)));
                let new = (score + 1) % 101;
                let tx = rusqlite::Transaction::new_unchecked(
                    &c,
                    rusqlite::TransactionBehavior::Immediate,
                )?;
                let changed = tx.execute(
                    "UPDATE leads SET score = ?3, version = version + 1, updated_at = ?4, updated_by = 'script' \
                     WHERE id = ?1 AND version = ?2",
                    params![id, version, new, at],
                )?;
                if changed == 0 {
                    return Ok(format!("conflict {token} {id} score"));
                }
                tx.execute(
                    "INSERT INTO lead_changes (lead_id, version, field, old, new, by, at) \
                     VALUES (?1, ?2, 'score', ?3, ?4, 'script', ?5)",
                    params![id, version + 1, score.to_string(), new.to_string(), at],
                )?;
                tx.commit()?;
                Ok(format!("applied {token} {id} score {}", version + 1))
            })()
        };
        match result {
            Ok(line) => log.line(line),
            Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy) => {
                log.line(format!("locked {token} 0 script"))
            }
            Err(e) => log.line(format!("error {token} 0 script {e}")),
        }
    }
}
