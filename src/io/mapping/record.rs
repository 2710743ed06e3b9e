//! One CSV row through a compiled mapping: cells → an import record, or the problem and its column.

use super::Compiled;
use crate::domain::{ImportRecord, RepRef, RowProblem, Team, validate};
use crate::io::amounts::{self, Decimal};
use crate::io::dates::{self, DateOrder};

impl Compiled {
    /// True when some column or fixed value can name the lead (or the store can fall back).
    pub fn has(&self, field: &str) -> bool {
        self.fields.contains_key(field) || self.fixed.contains_key(field)
    }

    /// Positions of the columns that feed `field` (for the first look at the file).
    pub fn columns_of(&self, field: &str) -> &[usize] {
        self.fields.get(field).map_or(&[], |b| b.idx.as_slice())
    }

    /// Positions of every column read as a date.
    pub fn date_columns(&self) -> Vec<usize> {
        let mut out: Vec<usize> = ["created_at", "stage_at", "closed_at", "next_step_due"]
            .iter()
            .flat_map(|f| self.columns_of(f).iter().copied())
            .collect();
        out.extend(
            self.when
                .iter()
                .filter_map(|w| w.at.as_ref().map(|a| a.idx[0])),
        );
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Header names of the columns no field reads, in file order.
    pub fn unread(&self, headers: &[String]) -> Vec<String> {
        let mut used: Vec<usize> = self.fields.values().flat_map(|b| b.idx.clone()).collect();
        for w in &self.when {
            used.push(w.idx);
            used.extend(w.at.as_ref().map(|a| a.idx[0]));
        }
        headers
            .iter()
            .enumerate()
            .filter(|(i, h)| !used.contains(i) && !h.is_empty())
            .map(|(_, h)| h.clone())
            .collect()
    }

    /// The time zone of the file's wall-clock times (`--tz`).
    pub fn set_zone(&mut self, zone: crate::metrics::zone::Zone) {
        self.zone = Some(zone);
    }

    /// The file's decimal separator and date order, as decided by `scan`.
    pub fn set_rules(&mut self, decimal: Decimal, date_order: Option<DateOrder>) {
        self.decimal = decimal;
        self.date_order = date_order;
    }

    /// The team's own currency (`--team-currency EUR`): deals the file says are in it are
    /// kept as the team's ('').
    pub fn set_team_currency(&mut self, code: String) {
        self.team_currency = Some(code);
    }

    /// One report line naming the other currencies the file's deals are kept in, if any.
    pub fn currency_notes(&self) -> Vec<String> {
        if self.currencies.is_empty() {
            return Vec::new();
        }
        let parts: Vec<String> = self
            .currencies
            .iter()
            .map(|(c, n)| format!("{n} in {c}"))
            .collect();
        let first = self.currencies.keys().next().cloned().unwrap_or_default();
        vec![format!(
            "currency: deals kept in the currency the file names ({}), never converted; \
             figures show them apart from the team's own. If {first} is the team's currency, \
             import with --team-currency {first}",
            parts.join(", ")
        )]
    }

    /// Warnings of the row just read (kept values, dropped junk).
    pub fn take_warnings(&mut self) -> Vec<RowProblem> {
        std::mem::take(&mut self.warnings)
    }

    /// Stage values placed by rule, one report line each.
    pub fn stage_notes(&self) -> Vec<String> {
        self.placer.as_ref().map(|p| p.notes()).unwrap_or_default()
    }

    /// One row as an import record.
    pub fn record(
        &mut self,
        line: u64,
        cells: &csv::ByteRecord,
    ) -> Result<ImportRecord, Vec<RowProblem>> {
        let mut rec = ImportRecord {
            line,
            ..ImportRecord::default()
        };
        let p = |label: &str, reason: String| RowProblem::new(line, Some(label), reason);
        let get = |field: &str| -> Result<Option<(String, String)>, RowProblem> {
            if let Some(b) = self.fields.get(field) {
                let mut parts = Vec::new();
                for &i in &b.idx {
                    let raw = cells.get(i).unwrap_or(b"");
                    let s = std::str::from_utf8(raw).map_err(|_| {
                        p(
                            &b.label,
                            "invalid UTF-8 (save the file as \"CSV UTF-8\", or pass --encoding windows-1252)".into(),
                        )
                    })?;
                    validate::no_nul(&[("cell", s)]).map_err(|e| p(&b.label, e))?;
                    let s = unquote_formula(s.trim());
                    if !s.is_empty() {
                        parts.push(s);
                        if b.first {
                            break;
                        }
                    }
                }
                if !parts.is_empty() {
                    return Ok(Some((parts.join(&self.join), b.label.clone())));
                }
            }
            Ok(self
                .fixed
                .get(field)
                .map(|v| (v.clone(), format!("fixed {field}"))))
        };
        // Every problem of the row is gathered, so one pass over the file shows them all.
        let mut bad: Vec<RowProblem> = Vec::new();
        let field = |f: &str, bad: &mut Vec<RowProblem>| match get(f) {
            Ok(v) => v,
            Err(e) => {
                bad.push(e);
                None
            }
        };
        fn read<T>(
            got: Option<(String, String)>,
            parse: impl FnOnce(&str) -> Result<T, String>,
            p: &dyn Fn(&str, String) -> RowProblem,
            bad: &mut Vec<RowProblem>,
        ) -> Option<T> {
            let (v, l) = got?;
            parse(&v).map_err(|e| bad.push(p(&l, e))).ok()
        }
        let ts =
            |v: &str| dates::parse_ts_in(v, &self.formats, self.date_order, self.zone.as_ref());
        if let Some((v, _)) = field("external_id", &mut bad) {
            rec.external_id = Some(format!("{}{v}", self.prefix));
        }
        rec.name = field("name", &mut bad).map(|v| v.0);
        rec.company = field("company", &mut bad).map(|v| v.0);
        let got = field("email", &mut bad);
        if self.vendor {
            if let Some((v, l)) = got {
                let (e, warning) = super::lenient::email(&v);
                rec.email = Some(e);
                self.warnings.extend(warning.map(|w| p(&l, w)));
            }
        } else {
            rec.email = read(got, validate::email, &p, &mut bad);
        }
        if let Some((v, _)) = field("source", &mut bad) {
            rec.source = Some(self.source_map.get(&v.to_lowercase()).cloned().unwrap_or(v));
        }
        rec.campaign = field("campaign", &mut bad).map(|v| v.0);
        rec.owner = field("owner", &mut bad).map(|(v, _)| self.rep(v, self.owner_team));
        rec.qualified_by =
            field("qualified_by", &mut bad).map(|(v, _)| self.rep(v, self.qualified_by_team));
        let got = field("stage_at", &mut bad);
        rec.stage_at = read(got, ts, &p, &mut bad);
        let got = field("closed_at", &mut bad);
        let closed_at = read(got, ts, &p, &mut bad);
        let got = field("created_at", &mut bad);
        rec.created_at = read(got, ts, &p, &mut bad);
        let got = field("next_step_due", &mut bad);
        rec.next_step_due = read(got, |v| ts(v).map(|t| t.date_naive()), &p, &mut bad);
        let got = field("score", &mut bad);
        if self.vendor {
            let label = got.as_ref().map(|g| g.1.clone()).unwrap_or_default();
            if let Some((n, warning)) = read(got, super::lenient::score, &p, &mut bad) {
                rec.score = Some(n);
                self.warnings.extend(warning.map(|w| p(&label, w)));
            }
        } else {
            rec.score = read(got, validate::parse_score, &p, &mut bad);
        }
        let got = field("value", &mut bad);
        let cell = got.clone();
        rec.value = read(got, |v| amounts::parse(v, self.decimal), &p, &mut bad);
        let got = field("currency", &mut bad);
        let column = got.as_ref().map(|g| g.1.clone());
        let named = read(got, crate::domain::currency::from_export, &p, &mut bad);
        let got = field("priority", &mut bad);
        rec.priority = read(got, parse_bool, &p, &mut bad);
        rec.next_step = field("next_step", &mut bad).map(|v| v.0);
        rec.currency = self.currency(named, column, cell, &p, &mut bad);
        if let Err(e) = self.stage(&mut rec, cells) {
            bad.push(e);
        }
        // A close date is when a won or lost deal closed; on an open deal it is the expected
        // close, which says nothing about when the deal entered its stage.
        if rec.stage_at.is_none()
            && let Some(stage) = &rec.stage
            && self.exits.contains(stage)
        {
            rec.stage_at = closed_at;
        } else if rec.stage.as_ref().is_some_and(|s| !self.exits.contains(s)) {
            // Still open: the date is when it is expected to close, kept as such.
            rec.expected_close = closed_at.map(|t| t.date_naive());
        }
        if bad.is_empty() { Ok(rec) } else { Err(bad) }
    }

    /// The deal's currency from its currency column and from what the amount cell itself
    /// names (`EUR 1,200.00`): when both name one they must agree, else the row is refused
    /// (which of the two is the deal's currency is not for the import to guess).
    fn currency(
        &mut self,
        column: Option<String>,
        column_label: Option<String>,
        cell: Option<(String, String)>,
        p: &dyn Fn(&str, String) -> RowProblem,
        bad: &mut Vec<RowProblem>,
    ) -> Option<String> {
        let in_cell = cell.as_ref().and_then(|(v, _)| amounts::named_currency(v));
        let code = match (column.filter(|c| !c.is_empty()), in_cell) {
            (Some(c), Some(x)) if c != x => {
                let (v, label) = cell.unwrap_or_default();
                bad.push(p(
                    &label,
                    format!(
                        "{v:?} is in {x} but column {:?} says {c}: fix the one that is wrong \
                         (a value is never converted)",
                        column_label.unwrap_or_default()
                    ),
                ));
                return None;
            }
            (Some(c), _) => c,
            (None, Some(x)) => x,
            (None, None) => return None,
        };
        if self.team_currency.as_deref() == Some(code.as_str()) {
            return Some(String::new());
        }
        *self.currencies.entry(code.clone()).or_default() += 1;
        Some(code)
    }

    fn rep(&self, raw: String, team: Team) -> RepRef {
        let raw = self
            .owner_map
            .get(&raw.to_lowercase())
            .cloned()
            .unwrap_or(raw);
        RepRef { raw, team }
    }

    /// The stage from the first matching `stage_when` rule, else the stage column, else `fixed`.
    fn stage(&mut self, rec: &mut ImportRecord, cells: &csv::ByteRecord) -> Result<(), RowProblem> {
        for w in &self.when {
            let v = cells
                .get(w.idx)
                .and_then(|c| std::str::from_utf8(c).ok())
                .unwrap_or("");
            if w.equals.contains(&v.trim().to_lowercase()) {
                rec.stage = Some(w.stage.clone());
                if let Some(at) = &w.at {
                    let raw = cells
                        .get(at.idx[0])
                        .and_then(|c| std::str::from_utf8(c).ok())
                        .unwrap_or("");
                    if !raw.trim().is_empty() {
                        rec.stage_at = Some(
                            dates::parse_ts_in(
                                raw,
                                &self.formats,
                                self.date_order,
                                self.zone.as_ref(),
                            )
                            .map_err(|e| RowProblem::new(rec.line, Some(&at.label), e))?,
                        );
                    }
                }
                return Ok(());
            }
        }
        let from_col = self.fields.get("stage").map(|b| {
            let raw = cells.get(b.idx[0]).unwrap_or(b"");
            (
                std::str::from_utf8(raw).map(|s| s.trim().to_string()),
                b.label.clone(),
            )
        });
        let (raw, label) = match from_col {
            Some((Err(_), l)) => {
                return Err(RowProblem::new(
                    rec.line,
                    Some(&l),
                    "invalid UTF-8 (save the file as \"CSV UTF-8\", or pass --encoding windows-1252)",
                ));
            }
            Some((Ok(s), l)) if !s.is_empty() => (s, l),
            _ => match self.fixed.get("stage") {
                Some(s) => (s.clone(), "fixed stage".to_string()),
                None => return Ok(()),
            },
        };
        match self.stage_lookup.get(&raw.to_lowercase()) {
            Some(k) => {
                rec.stage = Some(k.clone());
                Ok(())
            }
            None if self.placer.is_some() => {
                rec.stage = self.placer.as_mut().map(|p| p.place(&raw, rec.line));
                Ok(())
            }
            None => Err(RowProblem::new(
                rec.line,
                Some(&label),
                self.unknown_stage(&raw),
            )),
        }
    }

    fn unknown_stage(&self, raw: &str) -> String {
        let lower = raw.to_lowercase();
        let closest = self
            .stage_lookup
            .keys()
            .map(|k| (strsim::jaro_winkler(&lower, k), k))
            .max_by(|a, b| a.0.total_cmp(&b.0));
        match closest {
            Some((_, k)) => format!(
                "unknown stage {raw:?}; the closest known one is {:?} (add it to stage_map in a mapping file)",
                self.stage_lookup.get(k).unwrap_or(k)
            ),
            None => format!("unknown stage {raw:?}"),
        }
    }
}

/// Export writes `'=...` so spreadsheets do not run formulas; importing takes the guard off.
fn unquote_formula(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => s,
    }
}

fn parse_bool(s: &str) -> Result<bool, String> {
    match s.trim().to_lowercase().as_str() {
        "1" | "true" | "yes" | "y" | "x" => Ok(true),
        "0" | "false" | "no" | "n" | "" => Ok(false),
        _ => Err(format!(
            "{s:?} is not yes/no (use true/false, yes/no or 1/0)"
        )),
    }
}
