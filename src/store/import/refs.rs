//! Reps and campaigns a file names, and the note on a disqualified lead.

use super::super::Result;
use super::apply::problem;
use super::{ImportSession, UnknownReps};
use crate::domain::{ImportRecord, LeadId, RepRef, RowProblem};
use rusqlite::params;

impl ImportSession<'_> {
    /// The handle for a rep the file names: an existing handle, an existing rep's name, or a
    /// new rep made from it (unless unknown reps are refused).
    pub(super) fn rep(
        &mut self,
        r: Option<&RepRef>,
        rec: &ImportRecord,
        column: &str,
    ) -> Result<std::result::Result<Option<String>, RowProblem>> {
        let Some(r) = r else { return Ok(Ok(None)) };
        let raw = r.raw.trim();
        if raw.is_empty() {
            return Ok(Ok(None));
        }
        if let Some(h) = self.reps.get(raw) {
            return Ok(Ok(Some(h.clone())));
        }
        if let Some(h) = self.reps.get(&format!("name:{}", raw.to_lowercase())) {
            return Ok(Ok(Some(h.clone())));
        }
        let handle = handle_for(raw);
        if let Some(h) = self.reps.get(&handle) {
            return Ok(Ok(Some(h.clone())));
        }
        if self.opts.unknown_reps == UnknownReps::Refuse || handle.is_empty() {
            return Ok(Err(problem(
                rec,
                column,
                format!("unknown rep {raw:?}: not a rep in this file (add them first)"),
            )));
        }
        let since = [rec.created_at, rec.stage_at, Some(self.now)]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(self.now)
            .date_naive();
        self.tx
            .prepare_cached(
                "INSERT INTO reps (handle, name, team, active_from, active_to) VALUES (?1, ?2, ?3, ?4, NULL)",
            )?
            .execute(params![handle, raw, r.team.as_str(), super::super::codec::date(since)])?;
        self.reps.insert(handle.clone(), handle.clone());
        self.reps
            .insert(format!("name:{}", raw.to_lowercase()), handle.clone());
        self.new_reps
            .push((handle.clone(), raw.to_string(), r.team));
        Ok(Ok(Some(handle)))
    }

    /// The campaign's id, adding a campaign the file names but the shared file lacks.
    pub(super) fn campaign_id(&mut self, name: Option<&str>, source: &str) -> Result<Option<i64>> {
        let Some(name) = name.map(str::trim).filter(|n| !n.is_empty()) else {
            return Ok(None);
        };
        if let Some(id) = self.campaigns.get(name) {
            return Ok(Some(*id));
        }
        self.tx
            .prepare_cached("INSERT INTO campaigns (name, source) VALUES (?1, ?2)")?
            .execute(params![name, source])?;
        let id = self.tx.last_insert_rowid();
        self.campaigns.insert(name.to_string(), id);
        self.new_campaigns.push(name.to_string());
        Ok(Some(id))
    }

    /// "disqualified on DATE by WHO: REASON", from the event that put the lead there.
    pub(super) fn disqualified_note(&mut self, id: LeadId, stage: &str) -> Result<String> {
        super::super::closed_loop::disqualified_note(&self.tx, id, stage)
    }
}

/// A rep handle from a name or CRM id: `Moses Frase` → `moses.frase`.
pub fn handle_for(raw: &str) -> String {
    let mut out = String::new();
    for c in raw.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() || matches!(c, '-' | '_' | '@') {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('.') {
            out.push('.');
        }
    }
    let out = out.trim_end_matches('.');
    out.chars().take(64).collect()
}

#[cfg(test)]
mod tests {
    use super::handle_for;

    #[test]
    fn handles_from_names() {
        assert_eq!(handle_for("Moses Frase"), "moses.frase");
        assert_eq!(handle_for("  O'Brien, Ana "), "o.brien.ana");
        assert_eq!(handle_for("4ef15afb4b27"), "4ef15afb4b27");
        assert_eq!(handle_for("!!!"), "");
    }
}
