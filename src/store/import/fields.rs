//! A lead's own fields as an import compares and merges them.

use super::super::Result;
use super::super::codec::{date_opt, opt_text, text};
use super::ImportSession;
use super::apply::problem;
use crate::domain::{ImportRecord, LeadId, RowProblem, validate};

/// A lead's fields as the import compares them (text as stored).
#[derive(Clone, PartialEq)]
pub(super) struct Fields {
    pub(super) external_id: Option<String>,
    pub(super) name: String,
    pub(super) company: String,
    pub(super) email: String,
    pub(super) source: String,
    pub(super) campaign: Option<String>,
    pub(super) owner: Option<String>,
    pub(super) qualified_by: Option<String>,
    pub(super) stage: String,
    pub(super) score: i64,
    pub(super) value: i64,
    pub(super) priority: bool,
    pub(super) next_step: String,
    pub(super) next_step_due: Option<String>,
    pub(super) expected_close: Option<String>,
    pub(super) currency: String,
}

impl ImportSession<'_> {
    pub(super) fn load(&mut self, id: LeadId) -> Result<(Fields, i64)> {
        Ok(self
            .tx
            .prepare_cached(
                "SELECT external_id, name, company, email, source, (SELECT name FROM campaigns WHERE id = campaign_id), \
                 owner, qualified_by, stage, score, value_cents, priority, next_step, next_step_due, version, \
                 expected_close, currency FROM leads WHERE id = ?1",
            )?
            .query_row([id], |r| {
                Ok((
                    Fields {
                        external_id: opt_text(r, 0)?,
                        name: text(r, 1)?,
                        company: text(r, 2)?,
                        email: text(r, 3)?,
                        source: text(r, 4)?,
                        campaign: opt_text(r, 5)?,
                        owner: opt_text(r, 6)?,
                        qualified_by: opt_text(r, 7)?,
                        stage: text(r, 8)?,
                        score: r.get(9)?,
                        value: r.get(10)?,
                        priority: r.get::<_, i64>(11)? != 0,
                        next_step: text(r, 12)?,
                        next_step_due: opt_text(r, 13)?,
                        expected_close: opt_text(r, 15)?,
                        currency: text(r, 16)?,
                    },
                    r.get(14)?,
                ))
            })?)
    }

    /// The lead as it will be after this row, or why the row cannot apply.
    pub(super) fn merge(
        &mut self,
        cur: &Fields,
        rec: &ImportRecord,
    ) -> Result<std::result::Result<Fields, RowProblem>> {
        let mut n = cur.clone();
        if n.external_id.is_none() {
            n.external_id = rec.external_id.clone().filter(|e| !e.is_empty());
        }
        if let Some(v) = rec.name.as_deref().filter(|v| !v.trim().is_empty()) {
            match validate::name(v) {
                Ok(v) => n.name = v,
                Err(e) => return Ok(Err(problem(rec, "name", e))),
            }
        }
        if let Some(v) = &rec.company {
            n.company = v.trim().to_string();
        }
        if let Some(v) = &rec.email {
            match validate::email(v) {
                Ok(v) => n.email = v,
                Err(e) => return Ok(Err(problem(rec, "email", e))),
            }
        }
        if let Some(v) = &rec.source {
            n.source = v.trim().to_string();
        }
        if let Some(v) = &rec.campaign {
            n.campaign = Some(v.trim().to_string()).filter(|c| !c.is_empty());
        }
        if rec.owner.is_some() {
            match self.rep(rec.owner.as_ref(), rec, "owner")? {
                Ok(o) => n.owner = o,
                Err(p) => return Ok(Err(p)),
            }
        }
        if rec.qualified_by.is_some() {
            match self.rep(rec.qualified_by.as_ref(), rec, "qualified_by")? {
                Ok(o) => n.qualified_by = o,
                Err(p) => return Ok(Err(p)),
            }
        }
        if let Some(v) = &rec.stage {
            n.stage = v.clone();
        }
        if let Some(v) = rec.score {
            match validate::score(v) {
                Ok(v) => n.score = v,
                Err(e) => return Ok(Err(problem(rec, "score", e))),
            }
        }
        if let Some(v) = rec.value {
            n.value = v.cents();
        }
        if let Some(v) = &rec.currency {
            n.currency = v.clone();
        }
        if let Some(v) = rec.priority {
            n.priority = v;
        }
        if let Some(v) = &rec.next_step {
            n.next_step = v.trim().to_string();
        }
        if let Some(v) = rec.next_step_due {
            n.next_step_due = date_opt(Some(v));
        }
        // An open deal keeps the latest expected close; one that closed has none any more.
        if let Some(d) = rec.expected_close {
            n.expected_close = date_opt(Some(d));
        } else if self
            .stages
            .get(&n.stage)
            .is_some_and(|s| s.kind != crate::domain::StageKind::Open)
        {
            n.expected_close = None;
        }
        Ok(Ok(n))
    }
}

/// (field, old, new) for each field that differs, as `lead_changes` records them.
pub(super) fn diff(a: &Fields, b: &Fields) -> Vec<(&'static str, String, String)> {
    let o = |v: &Option<String>| v.clone().unwrap_or_default();
    let mut out = Vec::new();
    let mut push = |f: &'static str, x: String, y: String| {
        if x != y {
            out.push((f, x, y));
        }
    };
    push("external_id", o(&a.external_id), o(&b.external_id));
    push("name", a.name.clone(), b.name.clone());
    push("company", a.company.clone(), b.company.clone());
    push("email", a.email.clone(), b.email.clone());
    push("source", a.source.clone(), b.source.clone());
    push("campaign", o(&a.campaign), o(&b.campaign));
    push("owner", o(&a.owner), o(&b.owner));
    push("qualified_by", o(&a.qualified_by), o(&b.qualified_by));
    push("stage", a.stage.clone(), b.stage.clone());
    push("score", a.score.to_string(), b.score.to_string());
    push("value", a.value.to_string(), b.value.to_string());
    push("currency", a.currency.clone(), b.currency.clone());
    push(
        "priority",
        (a.priority as i64).to_string(),
        (b.priority as i64).to_string(),
    );
    push("next_step", a.next_step.clone(), b.next_step.clone());
    push("next_step_due", o(&a.next_step_due), o(&b.next_step_due));
    push("expected_close", o(&a.expected_close), o(&b.expected_close));
    out
}
