//! Mapping files: which CSV columns feed which lead fields, value maps for stage, owner and
//! source, date formats, and fixed values for what the file lacks. Built-in formats are
//! mappings too (see `formats`). `compile` checks a mapping against a header once; `record`
//! then turns each row into an `ImportRecord` or a `RowProblem` naming the column.

use super::dates;
use crate::domain::{ImportRecord, Money, RepRef, RowProblem, Stage, Team, validate};
use serde::Deserialize;
use std::collections::BTreeMap;

/// Lead fields a mapping can fill.
pub const FIELDS: &[&str] = &[
    "external_id",
    "name",
    "company",
    "email",
    "source",
    "campaign",
    "owner",
    "qualified_by",
    "stage",
    "stage_at",
    "score",
    "value",
    "priority",
    "next_step",
    "next_step_due",
    "created_at",
];

/// One column, or several joined (e.g. first and last name).
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum Cols {
    One(String),
    Many(Vec<String>),
}

impl Cols {
    fn names(&self) -> Vec<&str> {
        match self {
            Cols::One(c) => vec![c.as_str()],
            Cols::Many(v) => v.iter().map(String::as_str).collect(),
        }
    }
}

/// A rule that sets the stage from another column, e.g. Salesforce `IsConverted = true`.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct StageWhen {
    pub column: String,
    /// Matching values, compared without case and surrounding space.
    pub equals: Vec<String>,
    /// Stage key or name (or a `stage_map` value).
    pub stage: String,
    /// Column holding when the lead entered that stage.
    pub at: Option<String>,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RepsPolicy {
    #[serde(default = "sales")]
    pub owner_team: Team,
    #[serde(default = "marketing")]
    pub qualified_by_team: Team,
    /// `create` (default) or `refuse`.
    #[serde(default = "create")]
    pub unknown: String,
}

fn sales() -> Team {
    Team::Sales
}
fn marketing() -> Team {
    Team::Marketing
}
fn create() -> String {
    "create".into()
}

impl Default for RepsPolicy {
    fn default() -> Self {
        RepsPolicy {
            owner_team: Team::Sales,
            qualified_by_team: Team::Marketing,
            unknown: create(),
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// Shown in the report.
    pub name: Option<String>,
    /// `,` `;` `\t` or `|`; guessed from the header when absent.
    pub delimiter: Option<String>,
    /// chrono formats tried first, e.g. `%d-%m-%Y`; ISO dates are always understood.
    #[serde(default)]
    pub date_formats: Vec<String>,
    /// Put before every external id, to keep two CRMs' ids apart.
    #[serde(default)]
    pub external_id_prefix: String,
    /// Between the cells of a field fed by several columns; a space by default.
    pub join: Option<String>,
    #[serde(default)]
    pub columns: BTreeMap<String, Cols>,
    /// Values for fields whose column is missing or blank.
    #[serde(default)]
    pub fixed: BTreeMap<String, String>,
    #[serde(default)]
    pub stage_map: BTreeMap<String, String>,
    #[serde(default)]
    pub owner_map: BTreeMap<String, String>,
    #[serde(default)]
    pub source_map: BTreeMap<String, String>,
    #[serde(default)]
    pub stage_when: Vec<StageWhen>,
    #[serde(default)]
    pub reps: RepsPolicy,
}

/// A field's columns resolved to positions in this file's header.
#[derive(Debug, Clone)]
struct Bound {
    idx: Vec<usize>,
    /// Header text for error messages.
    label: String,
}

#[derive(Debug, Clone)]
struct BoundWhen {
    idx: usize,
    equals: Vec<String>,
    stage: String,
    at: Option<Bound>,
}

/// A mapping checked against one file's header and funnel.
#[derive(Debug, Clone)]
pub struct Compiled {
    fields: BTreeMap<&'static str, Bound>,
    fixed: BTreeMap<String, String>,
    when: Vec<BoundWhen>,
    formats: Vec<String>,
    prefix: String,
    join: String,
    /// Lower-cased raw stage → stage key.
    stage_lookup: BTreeMap<String, String>,
    owner_map: BTreeMap<String, String>,
    source_map: BTreeMap<String, String>,
    owner_team: Team,
    qualified_by_team: Team,
}

impl Mapping {
    pub fn from_toml(text: &str) -> Result<Mapping, String> {
        let m: Mapping = toml::from_str(text).map_err(|e| e.to_string())?;
        for f in m.columns.keys().chain(m.fixed.keys()) {
            if !FIELDS.contains(&f.as_str()) {
                return Err(format!(
                    "{f:?} is not a lead field (fields: {})",
                    FIELDS.join(", ")
                ));
            }
        }
        if !matches!(m.reps.unknown.as_str(), "create" | "refuse") {
            return Err(format!(
                "reps.unknown is {:?}: use \"create\" or \"refuse\"",
                m.reps.unknown
            ));
        }
        Ok(m)
    }

    pub fn delimiter_byte(&self) -> Result<Option<u8>, String> {
        match self.delimiter.as_deref() {
            None => Ok(None),
            Some(",") => Ok(Some(b',')),
            Some(";") => Ok(Some(b';')),
            Some("\t") | Some("\\t") | Some("tab") => Ok(Some(b'\t')),
            Some("|") => Ok(Some(b'|')),
            Some(d) => Err(format!(
                "delimiter {d:?}: use \",\", \";\", \"\\t\" or \"|\""
            )),
        }
    }

    /// Binds column names to positions. With `lenient`, columns the file lacks are dropped
    /// (built-in formats list every column a vendor may export); otherwise they are an error.
    pub fn compile(
        &self,
        headers: &[String],
        stages: &[Stage],
        lenient: bool,
    ) -> Result<Compiled, String> {
        let find = |name: &str| -> Option<usize> {
            headers
                .iter()
                .position(|h| h.eq_ignore_ascii_case(name.trim()))
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
            for name in cols.names() {
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
                    .join("+");
                fields.insert(*key, Bound { idx, label });
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
        let lower = |m: &BTreeMap<String, String>| {
            m.iter()
                .map(|(k, v)| (k.trim().to_lowercase(), v.clone()))
                .collect()
        };
        Ok(Compiled {
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
        })
    }
}

impl Compiled {
    /// True when some column or fixed value can name the lead (or the store can fall back).
    pub fn has(&self, field: &str) -> bool {
        self.fields.contains_key(field) || self.fixed.contains_key(field)
    }

    /// One row as an import record.
    pub fn record(&self, line: u64, cells: &csv::ByteRecord) -> Result<ImportRecord, RowProblem> {
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
                            "invalid UTF-8 (save the file as \"CSV UTF-8\")".into(),
                        )
                    })?;
                    let s = unquote_formula(s.trim());
                    if !s.is_empty() {
                        parts.push(s);
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
        if let Some((v, _)) = get("external_id")? {
            rec.external_id = Some(format!("{}{v}", self.prefix));
        }
        rec.name = get("name")?.map(|v| v.0);
        rec.company = get("company")?.map(|v| v.0);
        if let Some((v, l)) = get("email")? {
            rec.email = Some(validate::email(&v).map_err(|e| p(&l, e))?);
        }
        if let Some((v, _)) = get("source")? {
            rec.source = Some(self.source_map.get(&v.to_lowercase()).cloned().unwrap_or(v));
        }
        rec.campaign = get("campaign")?.map(|v| v.0);
        rec.owner = get("owner")?.map(|(v, _)| self.rep(v, self.owner_team));
        rec.qualified_by = get("qualified_by")?.map(|(v, _)| self.rep(v, self.qualified_by_team));
        if let Some((v, l)) = get("stage_at")? {
            rec.stage_at = Some(dates::parse_ts(&v, &self.formats).map_err(|e| p(&l, e))?);
        }
        if let Some((v, l)) = get("created_at")? {
            rec.created_at = Some(dates::parse_ts(&v, &self.formats).map_err(|e| p(&l, e))?);
        }
        if let Some((v, l)) = get("next_step_due")? {
            rec.next_step_due = Some(dates::parse_date(&v, &self.formats).map_err(|e| p(&l, e))?);
        }
        if let Some((v, l)) = get("score")? {
            rec.score = Some(validate::parse_score(&v).map_err(|e| p(&l, e))?);
        }
        if let Some((v, l)) = get("value")? {
            rec.value = Some(Money::parse(&v).map_err(|e| p(&l, e))?);
        }
        if let Some((v, l)) = get("priority")? {
            rec.priority = Some(parse_bool(&v).map_err(|e| p(&l, e))?);
        }
        rec.next_step = get("next_step")?.map(|v| v.0);
        self.stage(&mut rec, cells)?;
        Ok(rec)
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
    fn stage(&self, rec: &mut ImportRecord, cells: &csv::ByteRecord) -> Result<(), RowProblem> {
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
                            dates::parse_ts(raw, &self.formats)
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
                    "invalid UTF-8 (save the file as \"CSV UTF-8\")",
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
