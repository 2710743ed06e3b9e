//! A mapping checked against one file's header and funnel: column names bound to positions,
//! stage values to agreed stages. `record.rs` then reads rows through it.

use super::{Cols, FIELDS, Mapping, unknown};
use crate::domain::{Stage, Team};
use crate::io::amounts::Decimal;
use crate::io::dates::DateOrder;
use std::collections::BTreeMap;

/// A field's columns resolved to positions in this file's header.
#[derive(Debug, Clone)]
pub(super) struct Bound {
    pub(super) idx: Vec<usize>,
    /// Header text for error messages.
    pub(super) label: String,
    /// The first non-blank of the columns (alternative names), not all of them joined.
    pub(super) first: bool,
}

#[derive(Debug, Clone)]
pub(super) struct BoundWhen {
    pub(super) idx: usize,
    pub(super) equals: Vec<String>,
    pub(super) stage: String,
    pub(super) at: Option<Bound>,
}

/// A mapping checked against one file's header and funnel.
#[derive(Debug, Clone)]
pub struct Compiled {
    pub(super) fields: BTreeMap<&'static str, Bound>,
    pub(super) fixed: BTreeMap<String, String>,
    pub(super) when: Vec<BoundWhen>,
    pub(super) formats: Vec<String>,
    pub(super) prefix: String,
    pub(super) join: String,
    /// Lower-cased raw stage → stage key.
    pub(super) stage_lookup: BTreeMap<String, String>,
    pub(super) owner_map: BTreeMap<String, String>,
    pub(super) source_map: BTreeMap<String, String>,
    pub(super) owner_team: Team,
    pub(super) qualified_by_team: Team,
    /// Stage keys that are not open (won, lost, …): where `closed_at` is the stage date.
    pub(super) exits: std::collections::BTreeSet<String>,
    pub(super) vendor: bool,
    /// Warnings of the row just read (`take_warnings`).
    pub(super) warnings: Vec<crate::domain::RowProblem>,
    /// Places stage values the mapping does not list (`unknown_stages = "place"`).
    pub(super) placer: Option<unknown::Placer>,
    /// The file's decimal separator and date order (`set_rules`, after `scan`).
    pub(super) decimal: Decimal,
    pub(super) date_order: Option<DateOrder>,
    /// Where times without an offset were written (`--tz`); UTC when `None`.
    pub(super) zone: Option<crate::metrics::zone::Zone>,
    /// The team's own currency (`--team-currency`): deals in it are kept as ''.
    pub(super) team_currency: Option<String>,
    /// How many rows named each other currency, for the report.
    pub(super) currencies: BTreeMap<String, u64>,
}

impl Mapping {
    /// Binds column names to positions. With `lenient`, columns the file lacks are dropped
    /// (built-in formats list every column a vendor may export); otherwise they are an error.
    pub fn compile(
        &self,
        headers: &[String],
        stages: &[Stage],
        lenient: bool,
    ) -> Result<Compiled, String> {
        // A column named twice in the header would be read from one and silently not the
        // other: a used name that is ambiguous refuses the file, naming it.
        let clash: std::cell::RefCell<Option<String>> = std::cell::RefCell::new(None);
        let find = |name: &str| -> Option<usize> {
            let hits: Vec<usize> = headers
                .iter()
                .enumerate()
                .filter(|(_, h)| h.eq_ignore_ascii_case(name.trim()))
                .map(|(i, _)| i)
                .collect();
            if hits.len() > 1 {
                let cols: Vec<String> = hits.iter().map(|i| (i + 1).to_string()).collect();
                clash.borrow_mut().get_or_insert(format!(
                    "the header names column {name:?} {} times (columns {}): rename all but one \
                     so it is clear which to read",
                    hits.len(),
                    cols.join(", ")
                ));
            }
            hits.first().copied()
        };
        let missing = |name: &str| {
            format!(
                "the mapping names column {name:?}, which the file does not have (its columns: {})",
                headers.join(", ")
            )
        };
        let mut fields = BTreeMap::new();
        for (field, cols) in &self.columns {
            let mut idx = Vec::new();
            let first = matches!(cols, Cols::Any { .. });
            if let Cols::Any { any } = cols {
                idx.extend(any.iter().filter_map(|n| find(n)));
                if idx.is_empty() && !lenient {
                    return Err(missing(&any.join("\" or \"")));
                }
            }
            for name in cols.names() {
                if matches!(cols, Cols::Any { .. }) {
                    break;
                }
                match find(name) {
                    Some(i) => idx.push(i),
                    None if lenient => {}
                    None => return Err(missing(name)),
                }
            }
            if let Some(key) = FIELDS.iter().find(|f| **f == field.as_str())
                && !idx.is_empty()
            {
                let label = idx
                    .iter()
                    .map(|&i| headers[i].clone())
                    .collect::<Vec<_>>()
                    .join(if first { " or " } else { "+" });
                fields.insert(*key, Bound { idx, label, first });
            }
        }
        let mut stage_lookup = BTreeMap::new();
        for s in stages {
            stage_lookup.insert(s.key.to_lowercase(), s.key.clone());
            stage_lookup.insert(s.name.to_lowercase(), s.key.clone());
        }
        for (raw, to) in &self.stage_map {
            let key = stage_lookup
                .get(&to.to_lowercase())
                .cloned()
                .ok_or_else(|| {
                    format!("stage_map: {raw:?} → {to:?}, which is not a stage in this file")
                })?;
            stage_lookup.insert(raw.trim().to_lowercase(), key);
        }
        let mut when = Vec::new();
        for w in &self.stage_when {
            let Some(idx) = find(&w.column) else {
                if lenient {
                    continue;
                }
                return Err(missing(&w.column));
            };
            let stage = stage_lookup
                .get(&w.stage.to_lowercase())
                .cloned()
                .ok_or_else(|| format!("stage_when: {:?} is not a stage in this file", w.stage))?;
            let at = match &w.at {
                Some(c) => match find(c) {
                    Some(i) => Some(Bound {
                        idx: vec![i],
                        label: headers[i].clone(),
                        first: false,
                    }),
                    None if lenient => None,
                    None => return Err(missing(c)),
                },
                None => None,
            };
            when.push(BoundWhen {
                idx,
                equals: w.equals.iter().map(|e| e.trim().to_lowercase()).collect(),
                stage,
                at,
            });
        }
        if let Some(s) = self.fixed.get("stage")
            && !stage_lookup.contains_key(&s.to_lowercase())
        {
            return Err(format!("fixed stage {s:?} is not a stage in this file"));
        }
        if let Some(e) = clash.take() {
            return Err(e);
        }
        let lower = |m: &BTreeMap<String, String>| {
            m.iter()
                .map(|(k, v)| (k.trim().to_lowercase(), v.clone()))
                .collect()
        };
        let placer = if self.unknown_stages.as_deref() == Some("place") {
            unknown::Placer::new(stages, &stage_lookup, self.entry_stage(stages))
        } else {
            None
        };
        Ok(Compiled {
            vendor: self.vendor,
            warnings: Vec::new(),
            exits: stages
                .iter()
                .filter(|s| !s.is_open())
                .map(|s| s.key.clone())
                .collect(),
            placer,
            fields,
            fixed: self.fixed.clone(),
            when,
            formats: self.date_formats.clone(),
            prefix: self.external_id_prefix.clone(),
            join: self.join.clone().unwrap_or_else(|| " ".into()),
            stage_lookup,
            owner_map: lower(&self.owner_map),
            source_map: lower(&self.source_map),
            owner_team: self.reps.owner_team,
            qualified_by_team: self.reps.qualified_by_team,
            decimal: Decimal::Point,
            date_order: None,
            zone: None,
            team_currency: None,
            currencies: BTreeMap::new(),
        })
    }
}
