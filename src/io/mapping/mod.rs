//! Mapping files: which CSV columns feed which lead fields, value maps for stage, owner and
//! source, date formats, and fixed values for what the file lacks. Built-in formats are
//! mappings too (see `formats`). `compile` checks a mapping against a header once; `record`
//! then turns each row into an `ImportRecord` or a `RowProblem` naming the column.

mod compile;
mod lenient;
mod record;
mod unknown;

pub use compile::Compiled;

use super::amounts::Decimal;
use crate::domain::{Stage, Team};
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
    "closed_at",
    "score",
    "value",
    "currency",
    "priority",
    "next_step",
    "next_step_due",
    "created_at",
];

/// One column, several joined (e.g. first and last name), or the first of several names a
/// vendor has used for the same column (`{ any = ["Person - Email - Work", "Person - Email"] }`).
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum Cols {
    One(String),
    Many(Vec<String>),
    Any { any: Vec<String> },
}

impl Cols {
    fn names(&self) -> Vec<&str> {
        match self {
            Cols::One(c) => vec![c.as_str()],
            Cols::Many(v) | Cols::Any { any: v } => v.iter().map(String::as_str).collect(),
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
    /// A built-in format this mapping adds to (`pipedrive-deals`, …): its columns and stage
    /// lists first, this file's entries over them.
    pub extends: Option<String>,
    /// `place` (built-in CRM formats): a stage value the mapping does not list lands in an
    /// agreed stage by the rule in `unknown.rs` and is reported; `refuse` (default): a bad row.
    pub unknown_stages: Option<String>,
    /// Set by built-in CRM formats: junk e-mails and out-of-range scores are warnings that
    /// keep the row (`lenient.rs`), not bad rows.
    #[serde(skip)]
    pub vendor: bool,
    /// `,` `;` `\t` or `|`; guessed from the header when absent.
    pub delimiter: Option<String>,
    /// `","` or `"."`: the decimal separator of amounts; decided from the file when absent.
    pub decimal: Option<String>,
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
    #[serde(default, alias = "stages")]
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
        m.decimal_rule()?;
        if !matches!(m.unknown_stages.as_deref(), None | Some("place" | "refuse")) {
            return Err(format!(
                "unknown_stages is {:?}: use \"place\" or \"refuse\"",
                m.unknown_stages.as_deref().unwrap_or_default()
            ));
        }
        if !matches!(m.reps.unknown.as_str(), "create" | "refuse") {
            return Err(format!(
                "reps.unknown is {:?}: use \"create\" or \"refuse\"",
                m.reps.unknown
            ));
        }
        Ok(m)
    }

    /// The decimal separator the mapping states, if any.
    pub fn decimal_rule(&self) -> Result<Option<Decimal>, String> {
        match self.decimal.as_deref().map(str::trim) {
            None => Ok(None),
            Some(".") => Ok(Some(Decimal::Point)),
            Some(",") => Ok(Some(Decimal::Comma)),
            Some(d) => Err(format!("decimal {d:?}: use \",\" or \".\"")),
        }
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

    /// This mapping laid over `base`: its own entries win, lists it adds come first.
    pub fn over(self, base: Mapping) -> Mapping {
        let merge = |mut b: BTreeMap<String, String>, u: BTreeMap<String, String>| {
            b.extend(u);
            b
        };
        let mut columns = base.columns;
        columns.extend(self.columns);
        Mapping {
            name: self.name.or(base.name),
            extends: None,
            unknown_stages: self.unknown_stages.or(base.unknown_stages),
            vendor: base.vendor,
            delimiter: self.delimiter.or(base.delimiter),
            decimal: self.decimal.or(base.decimal),
            date_formats: [self.date_formats, base.date_formats].concat(),
            external_id_prefix: if self.external_id_prefix.is_empty() {
                base.external_id_prefix
            } else {
                self.external_id_prefix
            },
            join: self.join.or(base.join),
            columns,
            fixed: merge(base.fixed, self.fixed),
            stage_map: merge(base.stage_map, self.stage_map),
            owner_map: merge(base.owner_map, self.owner_map),
            source_map: merge(base.source_map, self.source_map),
            stage_when: [self.stage_when, base.stage_when].concat(),
            reps: self.reps,
        }
    }

    /// Adds `--stage "VALUE=STAGE"` entries to the stage map.
    pub fn add_stage_options(&mut self, options: &[String]) -> Result<(), String> {
        for o in options {
            let (raw, to) = o
                .rsplit_once('=')
                .filter(|(r, t)| !r.trim().is_empty() && !t.trim().is_empty())
                .ok_or_else(|| format!("--stage {o:?}: write it as \"VALUE=STAGE\""))?;
            self.stage_map
                .insert(raw.trim().to_string(), to.trim().to_string());
        }
        Ok(())
    }

    /// The first open stage (in funnel order) that any of the file's stage values map to:
    /// where a lead that arrives already closed entered the funnel, since its history
    /// cannot say. `None` when the mapping names no open stage.
    pub fn entry_stage(&self, stages: &[Stage]) -> Option<String> {
        let named = |v: &str| {
            let v = v.trim().to_lowercase();
            stages
                .iter()
                .find(|s| s.key.to_lowercase() == v || s.name.to_lowercase() == v)
        };
        self.stage_map
            .values()
            .map(String::as_str)
            .chain(self.fixed.get("stage").map(String::as_str))
            .chain(self.stage_when.iter().map(|w| w.stage.as_str()))
            .filter_map(named)
            .filter(|s| s.is_open())
            .min_by_key(|s| s.position)
            .map(|s| s.key.clone())
    }
}
