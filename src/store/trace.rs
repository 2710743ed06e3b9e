//! Optional SQL trace: every statement this process runs, with its bound values inlined,
//! appended to a file. `scripts/bench-vs-sqlite` replays the trace in the `sqlite3` shell to
//! compare leadboard with SQLite itself on exactly the same queries.

use super::{Result, Store};
use rusqlite::trace::{TraceEvent, TraceEventCodes};
use std::io::Write;
use std::path::Path;
use std::sync::{Mutex, OnceLock};

// SQLite's trace hook takes a plain function pointer, so the sink has to be process-wide.
// It is set once, from the command layer, and only for this diagnostic.
static SINK: OnceLock<Mutex<std::fs::File>> = OnceLock::new();

fn write_stmt(event: TraceEvent<'_>) {
    // With LEADBOARD_SQL_TRACE_TIMES set, each statement's run time follows it as a comment
    // (the replay ignores comments), to find which query a slow key press waited on.
    if let TraceEvent::Profile(ref stmt, took) = event
        && let Some(sink) = SINK.get()
        && let Ok(mut f) = sink.lock()
    {
        let sql = stmt.sql();
        let head: String = sql.chars().take(100).collect();
        let _ = writeln!(
            f,
            "-- {:.2} ms: {}",
            took.as_secs_f64() * 1e3,
            head.replace('\n', " ")
        );
        return;
    }
    if let TraceEvent::Stmt(stmt, _) = event
        && let Some(sink) = SINK.get()
        && let Ok(mut f) = sink.lock()
    {
        let sql = stmt
            .expanded_sql()
            .unwrap_or_else(|| stmt.sql().into_owned());
        // Pragmas are connection set-up, not the queries being compared.
        if !sql.trim_start().to_ascii_uppercase().starts_with("PRAGMA") {
            let _ = writeln!(f, "{};", sql.trim_end_matches(';'));
        }
    }
}

impl Store {
    /// Appends every statement run from now on to `path`.
    pub fn trace_sql_to(&self, path: &Path) -> Result<()> {
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)?;
        let _ = SINK.set(Mutex::new(file));
        let mut codes = TraceEventCodes::SQLITE_TRACE_STMT;
        if std::env::var_os("LEADBOARD_SQL_TRACE_TIMES").is_some() {
            codes |= TraceEventCodes::SQLITE_TRACE_PROFILE;
        }
        self.conn.trace_v2(codes, Some(write_stmt));
        Ok(())
    }
}
