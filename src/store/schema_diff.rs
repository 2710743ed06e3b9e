//! The live schema against the one this build expects: a fresh in-memory file with every
//! migration applied is the reference, so there is no second description of the schema to
//! drift from the migrations.

use super::schema::MIGRATIONS;
use super::{Result, Store};
use crate::domain::access::Role;
use rusqlite::Connection;
use std::collections::BTreeMap;

/// What one file's schema holds, by object name.
#[derive(Debug, Default, PartialEq)]
struct Shape {
    /// Table → its columns as `name type notnull pk`.
    tables: BTreeMap<String, Vec<String>>,
    /// Index, trigger or view → (kind, table, normalised SQL).
    objects: BTreeMap<String, (String, String, String)>,
}

/// One difference, and whether `check --repair` can put it right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaDiff {
    pub what: String,
    pub repairable: bool,
}

fn shape(conn: &Connection) -> Result<Shape> {
    let mut out = Shape::default();
    // Litestream keeps its own two tables in the file it replicates (_litestream_seq,
    // _litestream_lock); they are the replica's bookkeeping, not a change to leadboard's schema.
    let mut st = conn.prepare(
        "SELECT type, name, tbl_name, sql FROM sqlite_master \
         WHERE name NOT LIKE 'sqlite_%' AND name NOT GLOB '_litestream_*' ORDER BY name",
    )?;
    let rows = st.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<String>>(3)?,
        ))
    })?;
    let mut tables = Vec::new();
    for row in rows {
        let (kind, name, table, sql) = row?;
        if kind == "table" {
            tables.push(name);
        } else if let Some(sql) = sql {
            out.objects.insert(name, (kind, table, normalise(&sql)));
        }
    }
    let mut cols = conn.prepare(
        "SELECT name, upper(type), \"notnull\", pk FROM pragma_table_info(?1) ORDER BY cid",
    )?;
    for t in tables {
        let list = cols
            .query_map([&t], |r| {
                Ok(format!(
                    "{} {} {} {}",
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, i64>(3)?
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        out.tables.insert(t, list);
    }
    Ok(out)
}

/// Whitespace and letter case of keywords do not make two definitions different.
fn normalise(sql: &str) -> String {
    sql.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The schema a new file of this build has, with the SQL of every index, trigger and view.
fn expected() -> Result<(Shape, BTreeMap<String, String>)> {
    let conn = Connection::open_in_memory()?;
    for sql in MIGRATIONS {
        conn.execute_batch(sql)?;
    }
    let shape = shape(&conn)?;
    let mut sql = BTreeMap::new();
    let mut st = conn.prepare(
        "SELECT name, sql FROM sqlite_master \
         WHERE type IN ('index', 'trigger', 'view') AND sql IS NOT NULL",
    )?;
    for row in st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
        let (name, text) = row?;
        sql.insert(name, text);
    }
    Ok((shape, sql))
}

fn column_name(col: &str) -> &str {
    col.split(' ').next().unwrap_or(col)
}

fn compare(live: &Shape, want: &Shape) -> Vec<SchemaDiff> {
    let mut out = Vec::new();
    let mut say = |what: String, repairable: bool| out.push(SchemaDiff { what, repairable });
    for (t, cols) in &want.tables {
        let Some(have) = live.tables.get(t) else {
            say(format!("table {t} is missing"), false);
            continue;
        };
        for c in cols {
            let name = column_name(c);
            match have.iter().find(|h| column_name(h) == name) {
                None => say(format!("table {t} has no column {name}"), false),
                Some(h) if h != c => say(
                    format!("column {t}.{name} is declared `{h}`, expected `{c}`"),
                    false,
                ),
                Some(_) => {}
            }
        }
        for h in have {
            let name = column_name(h);
            if !cols.iter().any(|c| column_name(c) == name) {
                say(format!("table {t} has an unexpected column {name}"), false);
            }
        }
    }
    for t in live.tables.keys().filter(|t| !want.tables.contains_key(*t)) {
        say(format!("unexpected table {t}"), false);
    }
    for (name, (kind, table, sql)) in &want.objects {
        match live.objects.get(name) {
            None => say(format!("{kind} {name} on {table} is missing"), true),
            Some((k, _, s)) if k != kind || s != sql => {
                say(format!("{kind} {name} on {table} differs"), true)
            }
            Some(_) => {}
        }
    }
    for (name, (kind, table, _)) in &live.objects {
        if !want.objects.contains_key(name) {
            say(format!("unexpected {kind} {name} on {table}"), false);
        }
    }
    out
}

impl Store {
    /// Every difference between the live schema and the one this build expects.
    pub fn schema_diff(&self) -> Result<Vec<SchemaDiff>> {
        let (want, _) = expected()?;
        Ok(compare(&shape(&self.conn)?, &want))
    }

    /// Puts back missing or altered indexes, triggers and views (their definitions come from
    /// the migrations). Tables and columns are data: those need a backup, not a repair.
    /// Returns what was recreated.
    pub fn repair_schema(&mut self) -> Result<Vec<String>> {
        let (want, sql) = expected()?;
        let live = shape(&self.conn)?;
        let tx = self.write_tx(Role::Admin)?;
        let mut done = Vec::new();
        for (name, (kind, table, text)) in &want.objects {
            if !live.tables.contains_key(table) {
                continue;
            }
            let same = live
                .objects
                .get(name)
                .is_some_and(|(k, _, s)| k == kind && s == text);
            if same {
                continue;
            }
            let Some(create) = sql.get(name) else {
                continue;
            };
            // Names come from our own migrations, never from the file or a user.
            let drop = format!("DROP {} IF EXISTS \"{}\"", kind.to_uppercase(), name);
            tx.execute_batch(&drop)?;
            tx.execute_batch(create)?;
            done.push(format!("{kind} {name}"));
        }
        tx.commit()?;
        Ok(done)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fresh_schema_has_no_difference() {
        let (want, _) = expected().unwrap();
        assert!(compare(&want, &want).is_empty());
        assert!(want.tables.contains_key("leads"));
    }

    #[test]
    fn a_dropped_index_is_named_and_repairable() {
        let conn = Connection::open_in_memory().unwrap();
        for sql in MIGRATIONS {
            conn.execute_batch(sql).unwrap();
        }
        conn.execute_batch("DROP INDEX leads_uncontacted;").unwrap();
        let diff = compare(&shape(&conn).unwrap(), &expected().unwrap().0);
        assert_eq!(diff.len(), 1, "{diff:?}");
        assert!(diff[0].what == "index leads_uncontacted on leads is missing");
        assert!(diff[0].repairable);
    }
}
