//! What an import did, or would do: counts always, and each refused or rejected row (up to a
//! limit, so a file of a million bad rows does not fill memory).

use crate::domain::{LeadId, RowProblem, Team};
use crate::text::clean;
use std::fmt::Write;

/// Rows listed one by one; past this only the counts grow.
pub const LIST_LIMIT: usize = 1000;

#[derive(Debug, Clone, Default)]
pub struct ImportReport {
    pub format: String,
    /// What was decided about the file as a whole (decimal separator, date order, skipped
    /// footer lines, columns not read, stage values placed by rule).
    pub notes: Vec<String>,
    pub created: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub refused: u64,
    pub bad: u64,
    /// (line, lead, "disqualified on DATE by WHO: REASON")
    pub refused_rows: Vec<(u64, LeadId, String)>,
    pub problems: Vec<RowProblem>,
    /// Values kept in a changed form or dropped, the row still imported.
    pub warnings: Vec<RowProblem>,
    pub warned: u64,
    pub new_reps: Vec<(String, String, Team)>,
    pub new_campaigns: Vec<String>,
    pub dry_run: bool,
    pub written: bool,
}

impl ImportReport {
    pub fn problem(&mut self, p: RowProblem) {
        self.bad += 1;
        if self.problems.len() < LIST_LIMIT {
            self.problems.push(p);
        }
    }

    /// Every problem of one row; the row counts once.
    pub fn row_problems(&mut self, ps: Vec<RowProblem>) {
        self.bad += 1;
        for p in ps {
            if self.problems.len() < LIST_LIMIT {
                self.problems.push(p);
            }
        }
    }

    pub fn warning(&mut self, p: RowProblem) {
        self.warned += 1;
        if self.warnings.len() < LIST_LIMIT {
            self.warnings.push(p);
        }
    }

    pub fn refusal(&mut self, line: u64, lead: LeadId, message: String) {
        self.refused += 1;
        if self.refused_rows.len() < LIST_LIMIT {
            self.refused_rows.push((line, lead, message));
        }
    }

    /// `created 3, updated 1, unchanged 0, refused 1, bad 0`
    pub fn summary(&self) -> String {
        format!(
            "created {}, updated {}, unchanged {}, refused {}, bad {}",
            self.created, self.updated, self.unchanged, self.refused, self.bad
        )
    }

    /// The full report as printed; text from the file is cleaned of terminal controls.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "format: {}", self.format);
        for n in &self.notes {
            let _ = writeln!(out, "{}", clean(n));
        }
        for p in &self.warnings {
            let _ = writeln!(out, "warning: {}", clean(&p.to_string()));
        }
        if self.warned as usize > self.warnings.len() {
            let _ = writeln!(
                out,
                "… and {} more warnings",
                self.warned as usize - self.warnings.len()
            );
        }
        for p in &self.problems {
            let _ = writeln!(out, "bad row: {}", clean(&p.to_string()));
        }
        if self.bad as usize > self.problems.len() {
            let _ = writeln!(
                out,
                "… and {} more bad rows",
                self.bad as usize - self.problems.len()
            );
        }
        for (line, lead, msg) in &self.refused_rows {
            let _ = writeln!(out, "refused: line {line}: lead {lead} {}", clean(msg));
        }
        if self.refused as usize > self.refused_rows.len() {
            let _ = writeln!(
                out,
                "… and {} more refused rows",
                self.refused as usize - self.refused_rows.len()
            );
        }
        if !self.new_reps.is_empty() {
            let list: Vec<String> = self
                .new_reps
                .iter()
                .map(|(h, n, t)| format!("{} ({}, {t})", clean(h), clean(n)))
                .collect();
            let _ = writeln!(out, "new reps: {}", list.join(", "));
            // An owner that is a rep the team already has (a CRM id, another spelling) is
            // counted for them with one option per owner.
            for (_, raw, _) in self.new_reps.iter().take(20) {
                let _ = writeln!(
                    out,
                    "  already a rep? import again with --owner \"{}=HANDLE\"",
                    clean(raw)
                );
            }
        }
        if !self.new_campaigns.is_empty() {
            let list: Vec<String> = self
                .new_campaigns
                .iter()
                .map(|c| clean(c).into_owned())
                .collect();
            let _ = writeln!(out, "new campaigns: {}", list.join(", "));
        }
        let outcome = if self.dry_run {
            "dry run: nothing written".to_string()
        } else if self.written {
            "written".to_string()
        } else {
            format!(
                "nothing written: {} bad row{}; fix {} or pass --skip-bad",
                self.bad,
                if self.bad == 1 { "" } else { "s" },
                if self.bad == 1 { "it" } else { "them" }
            )
        };
        let _ = writeln!(out, "{} — {outcome}", self.summary());
        out
    }
}
