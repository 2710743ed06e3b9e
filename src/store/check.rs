//! `leadboard check`: integrity, foreign keys and the rules the schema cannot express.

use super::codec::text;
use super::schema::latest_version;
use super::{Result, Store};
use crate::domain::access::Role;

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
        match self.schema_diff() {
            Ok(diffs) => {
                for d in diffs {
                    let fix = if d.repairable {
                        "; `leadboard check --repair` puts it back"
                    } else {
                        "; restore the file from a backup copy, or undo the change by hand"
                    };
                    report.problems.push(format!("schema: {}{fix}", d.what));
                }
            }
            Err(e) => report
                .problems
                .push(format!("schema comparison could not finish: {e}")),
        }
        // A damaged file can make the checks themselves fail: that is a finding, not a crash.
        if let Err(e) = self.integrity(&mut report.problems) {
            report
                .problems
                .push(format!("integrity check could not finish: {e}"));
        }
        if let Err(e) = self.foreign_keys(&mut report.problems) {
            report
                .problems
                .push(format!("foreign-key check could not finish: {e}"));
        }
        report.leads = match self.lead_count() {
            Ok(n) => n,
            Err(e) => {
                report.problems.push(format!("cannot count leads: {e}"));
                return Ok(report);
            }
        };
        let rules: [(&str, &str); 5] = [
            (
                super::summary::TRIGGERS_PRESENT,
                "the triggers that keep the funnel figures are missing; `leadboard check --repair` puts them back",
            ),
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
        match self.summary_drift() {
            Ok(0) => {}
            Ok(n) => report.problems.push(format!(
                "{n} kept funnel figure(s) disagree with the stage history \
                 (written with the triggers removed?); `leadboard check --repair` recomputes them"
            )),
            Err(e) => report
                .problems
                .push(format!("cannot compare the kept funnel figures: {e}")),
        }
        for (sql, problem) in rules {
            match self.conn.query_row(sql, [], |r| r.get::<_, i64>(0)) {
                Ok(0) => report.problems.push(problem.to_string()),
                Ok(_) => {}
                Err(e) => report
                    .problems
                    .push(format!("{problem}? (cannot tell: {e})")),
            }
        }
        Ok(report)
    }

    /// Kept figures (leads, stay cells, stage totals) that differ from a recount (store/summary.rs).
    pub(super) fn summary_drift(&self) -> Result<i64> {
        Ok(self.conn.query_row(super::summary::DRIFT, [], |r| {
            Ok(r.get::<_, i64>(0)? + r.get::<_, i64>(1)?)
        })?)
    }

    /// Recomputes the kept figures and puts back any missing trigger; returns how many were off.
    pub fn repair_summaries(&mut self) -> Result<i64> {
        let off = self.summary_drift()?;
        let tx = self.write_tx(Role::Admin)?;
        tx.execute_batch(super::summary::DROP_TRIGGERS)?;
        tx.execute_batch(super::summary::REBUILD)?;
        tx.execute_batch(super::summary::CREATE_TRIGGERS)?;
        tx.commit()?;
        Ok(off)
    }

    fn integrity(&self, problems: &mut Vec<String>) -> Result<()> {
        let mut st = self.conn.prepare("PRAGMA integrity_check(100)")?;
        for row in st.query_map([], |r| text(r, 0))? {
            let line = row?;
            if line != "ok" {
                problems.push(format!("integrity: {}", line.trim().replace('\n', "; ")));
            }
        }
        Ok(())
    }

    /// Rows whose reference points nowhere, e.g. written by a tool with foreign_keys off.
    fn foreign_keys(&self, problems: &mut Vec<String>) -> Result<()> {
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
        let mut n = 0;
        for line in fk {
            n += 1;
            if n <= 50 {
                problems.push(line?);
            }
        }
        if n > 50 {
            problems.push(format!("foreign key: … {} more", n - 50));
        }
        Ok(())
    }
}
