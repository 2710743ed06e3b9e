//! Stage values a CRM format does not list (custom pipelines, custom lead statuses) are
//! placed by a rule a person can read, instead of refusing the file: a value that says won or
//! lost goes to that exit; otherwise the closest name among *open* stages, the format's
//! labels that map to open stages, and then the open-stage labels of every other built-in
//! format (a HubSpot "Negotiation" is Salesforce's "Negotiation/Review"); otherwise the
//! earliest open stage the format maps to.
//! Never to an exit unless the value says so. Each placed value is counted for the report,
//! with the option that places it elsewhere.

use crate::domain::{Stage, StageKind};
use std::collections::BTreeMap;

/// Similarity (Jaro-Winkler) above which a name counts as "the same stage, spelled differently".
const CLOSE: f64 = 0.88;

#[derive(Debug, Clone)]
pub(super) struct Placer {
    /// (lower-case label, stage key): open stages by key and name, and vendor labels mapped
    /// to open stages.
    open: Vec<(String, String)>,
    /// (lower-case label, stage key, format): other built-in formats' open-stage labels.
    elsewhere: Vec<(String, String, &'static str)>,
    won: Option<String>,
    lost: Option<String>,
    /// The earliest open stage the format maps to.
    entry: String,
    /// Open stage keys in funnel order, to choose from.
    open_keys: Vec<String>,
    placed: BTreeMap<String, Placed>,
    /// Rows whose value was placed after `KEPT` distinct values were already counted.
    uncounted: u64,
}

/// Distinct values counted one by one; past this memory stays flat and the rest is summed.
const KEPT: usize = 10_000;

#[derive(Debug, Clone)]
struct Placed {
    stage: String,
    why: String,
    rows: u64,
    first_line: u64,
}

impl Placer {
    pub(super) fn new(
        stages: &[Stage],
        lookup: &BTreeMap<String, String>,
        entry: Option<String>,
    ) -> Option<Placer> {
        let kind = |key: &str| stages.iter().find(|s| s.key == key).map(|s| s.kind);
        let mut by_position: Vec<&Stage> = stages.iter().collect();
        by_position.sort_by_key(|s| s.position);
        let first = |k: StageKind| {
            by_position
                .iter()
                .find(|s| s.kind == k)
                .map(|s| s.key.clone())
        };
        let entry = entry.or_else(|| first(StageKind::Open))?;
        let open = lookup
            .iter()
            .filter(|(_, key)| kind(key) == Some(StageKind::Open))
            .map(|(label, key)| (label.clone(), key.clone()))
            .collect();
        let open_keys = by_position
            .iter()
            .filter(|s| s.is_open())
            .map(|s| s.key.clone())
            .collect();
        let elsewhere = crate::io::formats::Format::ALL
            .iter()
            .flat_map(|f| {
                f.mapping()
                    .stage_map
                    .into_iter()
                    .map(move |(label, to)| (label.to_lowercase(), to, f.label()))
            })
            .filter_map(|(label, to, format)| {
                let key = lookup.get(&to.to_lowercase())?;
                (kind(key) == Some(StageKind::Open)).then(|| (label, key.clone(), format))
            })
            .collect();
        Some(Placer {
            elsewhere,
            open_keys,
            open,
            won: first(StageKind::Won),
            lost: first(StageKind::Lost),
            entry,
            placed: BTreeMap::new(),
            uncounted: 0,
        })
    }

    /// Where an unlisted value lands, counted for the report.
    pub(super) fn place(&mut self, raw: &str, line: u64) -> String {
        if let Some(p) = self.placed.get_mut(raw) {
            p.rows += 1;
            return p.stage.clone();
        }
        let (stage, why) = self.rule(raw);
        if self.placed.len() >= KEPT {
            self.uncounted += 1;
            return stage;
        }
        self.placed.insert(
            raw.to_string(),
            Placed {
                stage: stage.clone(),
                why,
                rows: 1,
                first_line: line,
            },
        );
        stage
    }

    fn rule(&self, raw: &str) -> (String, String) {
        let lower = raw.to_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        if let Some(won) = &self.won
            && words.contains(&"won")
        {
            return (won.clone(), "the value says won".into());
        }
        if let Some(lost) = &self.lost
            && words.contains(&"lost")
        {
            return (lost.clone(), "the value says lost".into());
        }
        let best = self
            .open
            .iter()
            .map(|(label, key)| (strsim::jaro_winkler(&lower, label), label, key))
            .max_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((score, label, key)) = best
            && score >= CLOSE
        {
            return (key.clone(), format!("closest open stage name: {label:?}"));
        }
        let best = self
            .elsewhere
            .iter()
            .map(|(label, key, f)| (strsim::jaro_winkler(&lower, label), label, key, f))
            .max_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((score, label, key, format)) = best
            && score >= CLOSE
        {
            return (
                key.clone(),
                format!("closest open stage name: {label:?}, a {format} stage"),
            );
        }
        (
            self.entry.clone(),
            "no known stage name is like it: the earliest open stage this format maps to".into(),
        )
    }

    /// One line per placed value, most rows first; past `SHOWN` values, one line for the rest.
    pub(super) fn notes(&self) -> Vec<String> {
        const SHOWN: usize = 50;
        let mut v: Vec<(&String, &Placed)> = self.placed.iter().collect();
        v.sort_by(|a, b| b.1.rows.cmp(&a.1.rows).then(a.0.cmp(b.0)));
        let rest = v.split_off(v.len().min(SHOWN));
        let mut notes: Vec<String> = v
            .into_iter()
            .map(|(raw, p)| {
                format!(
                    "stage {raw:?} ({} row{}, first line {}) → {} ({}); to choose: \
                     --stage \"{raw}={}\" or in a mapping [stage_map] {raw:?} = \"{}\" \
                     (open stages: {})",
                    p.rows,
                    if p.rows == 1 { "" } else { "s" },
                    p.first_line,
                    p.stage,
                    p.why,
                    p.stage,
                    p.stage,
                    self.open_keys.join(", ")
                )
            })
            .collect();
        if !rest.is_empty() || self.uncounted > 0 {
            let rows: u64 = rest.iter().map(|(_, p)| p.rows).sum::<u64>() + self.uncounted;
            notes.push(format!(
                "… and more stage values ({rows} rows) placed by the same rule"
            ));
        }
        notes
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Team;

    fn stage(key: &str, position: i64, kind: StageKind) -> Stage {
        Stage {
            key: key.into(),
            name: key.into(),
            position,
            owner: Team::Sales,
            kind,
            stale_after_days: None,
            is_handoff: false,
            definition: String::new(),
        }
    }

    fn placer() -> Placer {
        let stages = vec![
            stage("new", 10, StageKind::Open),
            stage("sql", 20, StageKind::Open),
            stage("won", 30, StageKind::Won),
            stage("lost", 40, StageKind::Lost),
            stage("disqualified", 50, StageKind::Disqualified),
        ];
        let lookup: BTreeMap<String, String> = stages
            .iter()
            .map(|s| (s.key.clone(), s.key.clone()))
            .collect();
        Placer::new(&stages, &lookup, Some("sql".into())).unwrap()
    }

    #[test]
    fn never_an_exit_by_name_only_by_meaning() {
        let mut p = placer();
        assert_eq!(p.place("Disqualify later", 2), "sql");
        assert_eq!(p.place("Deal Lost - budget", 3), "lost");
        assert_eq!(p.place("Won back", 4), "won");
    }

    #[test]
    fn many_values_are_summed_past_the_listed_ones() {
        let mut p = placer();
        for i in 0..60 {
            p.place(&format!("custom {i}"), i + 2);
        }
        let notes = p.notes();
        assert_eq!(notes.len(), 51);
        assert!(
            notes[50].contains("(10 rows) placed by the same rule"),
            "{}",
            notes[50]
        );
    }
}
