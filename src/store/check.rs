//! `leadboard check`: integrity, foreign keys and the rules the schema cannot express.

use super::codec::text;
use super::schema::latest_version;
use super::{Result, Store};

#[derive(Debug, Default)]
pub struct CheckReport {
    pub schema_version: i64,
    pub leads: i64,
    /// Everything found wrong, one line each; empty means the file is healthy.
    pub problems: Vec<String>,
}

impl CheckReport {
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }
}

impl Store {
    pub fn check(&self) -> Result<CheckReport> {
        let mut report = CheckReport {
            schema_version: self.schema_version()?,
            ..Default::default()
        };
        if report.schema_version != latest_version() {
            report.problems.push(format!(
                "schema version {} (this build expects {})",
                report.schema_version,
                latest_version()
            ));
        }
        let mut st = self.conn.prepare("PRAGMA integrity_check")?;
        for row in st.query_map([], |r| text(r, 0))? {
            let line = row?;
            if line != "ok" {
                report.problems.push(format!("integrity: {line}"));
            }
        }
        let mut st = self.conn.prepare("PRAGMA foreign_key_check")?;
        let fk = st.query_map([], |r| {
            Ok(format!(
                "foreign key: {} row {} points to a missing {}",
                text(r, 0)?,
                r.get::<_, Option<i64>>(1)?
                    .map_or("?".into(), |v| v.to_string()),
                text(r, 2)?
            ))
        })?;
        for line in fk.take(50) {
            report.problems.push(line?);
        }
        report.leads = self.lead_count()?;
        let rules: [(&str, &str); 4] = [
            (
                "SELECT COUNT(*) FROM stages WHERE kind = 'open'",
                "the funnel has no open stage",
            ),
            (
                "SELECT COUNT(*) FROM stages WHERE is_handoff = 1",
                "no stage is marked as the hand-off to sales",
            ),
            (
                "SELECT CASE WHEN COUNT(*) = 0 THEN 0 ELSE 1 END FROM sla_agreements",
                "no SLA agreement is recorded",
            ),
            (
                "SELECT CASE WHEN EXISTS (SELECT 1 FROM leads l WHERE NOT EXISTS \
                 (SELECT 1 FROM stage_events e WHERE e.lead_id = l.id)) THEN 0 ELSE 1 END",
                "some leads have no stage history",
            ),
        ];
        for (sql, problem) in rules {
            let n: i64 = self.conn.query_row(sql, [], |r| r.get(0))?;
            if n == 0 {
                report.problems.push(problem.to_string());
            }
        }
        Ok(report)
    }
}
