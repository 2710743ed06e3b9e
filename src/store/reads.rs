//! Reads. The board aggregates in SQL and fetches only the visible window of cards.

use super::codec::{opt_date_col, opt_text, opt_ts_col, text, ts_col};
use super::{Result, Store, StoreError};
use crate::domain::currency::OtherCurrencies;
use crate::domain::{
    Activity, Agreement, Campaign, Card, FlagFilter, Lead, LeadFilter, LeadId, Money, Outcome, Rep,
    Stage, StageEvent,
};
use rusqlite::types::Value;

/// One board column's header figures: the value of its deals in the team's currency, and
/// apart from it the value in each other currency (never added together).
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnSummary {
    pub stage: String,
    pub count: i64,
    pub value: Money,
    pub other: OtherCurrencies,
}

/// Rows of (stage, currency, count, value) folded into one summary per stage.
pub(super) fn fold_columns(
    rows: impl IntoIterator<Item = (String, String, i64, i64)>,
) -> Vec<ColumnSummary> {
    let mut out: Vec<ColumnSummary> = Vec::new();
    for (stage, currency, count, value) in rows {
        let i = match out.iter().position(|c| c.stage == stage) {
            Some(i) => i,
            None => {
                out.push(ColumnSummary {
                    stage,
                    count: 0,
                    value: Money(0),
                    other: OtherCurrencies::default(),
                });
                out.len() - 1
            }
        };
        let c = &mut out[i];
        c.count += count;
        if currency.is_empty() {
            c.value = Money(c.value.0 + value);
        } else {
            c.other.add(&currency, Money(value));
        }
    }
    out
}

pub(super) const LEAD_COLUMNS: &str = "l.id, l.external_id, l.name, l.company, l.email, l.source, c.name, l.owner, \
     l.qualified_by, l.stage, l.score, l.value_cents, l.priority, l.next_step, l.next_step_due, \
     l.created_at, l.stage_entered_at, l.delivered_at, l.first_contact_at, l.last_activity_at, \
     l.version, l.updated_at, l.updated_by, l.phone, l.expected_close, l.currency";

/// A stage event from `id, lead_id, from_stage, to_stage, by, at, reason`.
pub(super) fn event_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<StageEvent> {
    Ok(StageEvent {
        id: r.get(0)?,
        lead_id: r.get(1)?,
        from: opt_text(r, 2)?,
        to: text(r, 3)?,
        by: text(r, 4)?,
        at: ts_col(r, 5)?,
        reason: text(r, 6)?,
    })
}

pub(super) fn lead_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Lead> {
    Ok(Lead {
        id: r.get(0)?,
        external_id: opt_text(r, 1)?,
        name: text(r, 2)?,
        company: text(r, 3)?,
        email: text(r, 4)?,
        source: text(r, 5)?,
        campaign: opt_text(r, 6)?,
        owner: opt_text(r, 7)?,
        qualified_by: opt_text(r, 8)?,
        stage: text(r, 9)?,
        score: r.get(10)?,
        value: Money(r.get(11)?),
        priority: r.get::<_, i64>(12)? != 0,
        next_step: text(r, 13)?,
        next_step_due: opt_date_col(r, 14)?,
        created_at: ts_col(r, 15)?,
        stage_entered_at: ts_col(r, 16)?,
        delivered_at: opt_ts_col(r, 17)?,
        first_contact_at: opt_ts_col(r, 18)?,
        last_activity_at: opt_ts_col(r, 19)?,
        version: r.get(20)?,
        updated_at: ts_col(r, 21)?,
        updated_by: text(r, 22)?,
        phone: text(r, 23)?,
        expected_close: opt_date_col(r, 24)?,
        currency: text(r, 25)?,
    })
}

/// WHERE fragments for a filter, with their bound values. The SQL text is built only
/// from the constant fragments below; every user value is a parameter.
/// A row of (stage, currency, count, value).
pub(super) fn column_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(String, String, i64, i64)> {
    Ok((text(r, 0)?, text(r, 1)?, r.get(2)?, r.get(3)?))
}

/// An activity from `id, lead_id, kind, by, at, body, outcome`.
pub(super) fn activity_from_row(r: &rusqlite::Row<'_>) -> Result<Activity> {
    let kind: String = text(r, 2)?;
    Ok(Activity {
        id: r.get(0)?,
        lead_id: r.get(1)?,
        kind: kind.parse().map_err(StoreError::Invalid)?,
        by: text(r, 3)?,
        at: ts_col(r, 4)?,
        body: text(r, 5)?,
        outcome: Outcome::from_stored(&text(r, 6)?).map_err(StoreError::Invalid)?,
    })
}

/// A card from `id, name, company, owner, stage, score, value_cents, priority,
/// next_step_due, stage_entered_at, version, delivered_at, first_contact_at, expected_close,
/// currency`.
pub(super) fn card_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Card> {
    Ok(Card {
        id: r.get(0)?,
        name: text(r, 1)?,
        company: text(r, 2)?,
        owner: opt_text(r, 3)?,
        stage: text(r, 4)?,
        score: r.get(5)?,
        value: Money(r.get(6)?),
        priority: r.get::<_, i64>(7)? != 0,
        next_step_due: opt_date_col(r, 8)?,
        stage_entered_at: ts_col(r, 9)?,
        version: r.get(10)?,
        delivered_at: opt_ts_col(r, 11)?,
        first_contact_at: opt_ts_col(r, 12)?,
        expected_close: opt_date_col(r, 13)?,
        currency: text(r, 14)?,
    })
}

pub(super) fn filter_sql(f: &LeadFilter) -> (String, Vec<Value>) {
    let mut clauses: Vec<&str> = Vec::new();
    let mut params: Vec<Value> = Vec::new();
    if let Some(o) = &f.owner {
        clauses.push("l.owner = ?");
        params.push(Value::Text(o.clone()));
    }
    if let Some(c) = &f.campaign {
        clauses.push("l.campaign_id = (SELECT id FROM campaigns WHERE name = ?)");
        params.push(Value::Text(c.clone()));
    }
    if let Some(s) = &f.source {
        clauses.push("l.source = ?");
        params.push(Value::Text(s.clone()));
    }
    if let Some(t) = &f.team {
        clauses.push("l.stage IN (SELECT key FROM stages WHERE owner_team = ?)");
        params.push(Value::Text(t.as_str().to_string()));
    }
    if let Some(q) = f.search.as_deref() {
        // Fuzzy in SQL: each word must appear as a subsequence of the name or company
        // ("acm lb" finds "Acme Labs") or inside the e-mail (a subsequence of a long address
        // matches nearly anything). Nothing is loaded to match, so windows stay small.
        for word in q.split_whitespace() {
            clauses.push(
                "(l.name LIKE ? ESCAPE '\\' OR l.company LIKE ? ESCAPE '\\' OR l.email LIKE ? ESCAPE '\\')",
            );
            let pat = subsequence_pattern(word);
            params.push(Value::Text(pat.clone()));
            params.push(Value::Text(pat));
            params.push(Value::Text(format!("%{}%", like_escape(word))));
        }
    }
    match f.flag {
        None => {}
        Some(FlagFilter::Priority) => clauses.push("l.priority = 1"),
        Some(FlagFilter::Overdue(today)) => {
            clauses.push("l.next_step_due < ?");
            params.push(Value::Text(super::codec::date(today)));
        }
        Some(FlagFilter::Stale(now)) => {
            // Same rule as the card mark: whole days in stage greater than the stage's limit.
            clauses.push(
                "(julianday(?) - julianday(l.stage_entered_at)) >= \
                 (SELECT s.stale_after_days + 1 FROM stages s WHERE s.key = l.stage)",
            );
            params.push(Value::Text(super::codec::ts(now)));
        }
        Some(FlagFilter::Uncontacted(cutoff)) => {
            clauses.push(
                "l.first_contact_at IS NULL AND l.delivered_at IS NOT NULL AND l.delivered_at <= ?",
            );
            params.push(Value::Text(super::codec::ts(cutoff)));
        }
    }
    let sql = if clauses.is_empty() {
        String::new()
    } else {
        format!(" AND {}", clauses.join(" AND "))
    };
    (sql, params)
}

/// `acme` → `%a%c%m%e%`, each character escaped for LIKE.
fn subsequence_pattern(word: &str) -> String {
    let mut pat = String::from("%");
    for c in word.chars() {
        pat.push_str(&like_escape(&c.to_string()));
        pat.push('%');
    }
    pat
}

fn like_escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// The agreed stages in funnel order; on any connection, so a write transaction can read
/// them under its lock.
pub(super) fn read_stages(conn: &rusqlite::Connection) -> Result<Vec<Stage>> {
    let mut st = conn.prepare_cached(
        "SELECT key, name, position, owner_team, kind, stale_after_days, is_handoff, definition \
         FROM stages ORDER BY position",
    )?;
    let rows = st.query_map([], |r| {
        Ok((
            text(r, 0)?,
            text(r, 1)?,
            r.get::<_, i64>(2)?,
            text(r, 3)?,
            text(r, 4)?,
            r.get::<_, Option<i64>>(5)?,
            r.get::<_, i64>(6)? != 0,
            text(r, 7)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (key, name, position, owner, kind, stale, handoff, definition) = row?;
        out.push(Stage {
            owner: owner.parse().map_err(StoreError::Invalid)?,
            kind: kind.parse().map_err(StoreError::Invalid)?,
            key,
            name,
            position,
            stale_after_days: stale,
            is_handoff: handoff,
            definition,
        });
    }
    Ok(out)
}

impl Store {
    pub fn stages(&self) -> Result<Vec<Stage>> {
        read_stages(&self.conn)
    }

    pub fn reps(&self) -> Result<Vec<Rep>> {
        let mut st = self.conn.prepare_cached(
            "SELECT handle, name, team, active_from, active_to FROM reps ORDER BY team, handle",
        )?;
        let rows = st.query_map([], |r| {
            Ok((
                text(r, 0)?,
                text(r, 1)?,
                text(r, 2)?,
                r.get::<_, super::codec::Day>(3)?.0,
                opt_date_col(r, 4)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (handle, name, team, active_from, active_to) = row?;
            out.push(Rep {
                handle,
                name,
                team: team.parse().map_err(StoreError::Invalid)?,
                active_from,
                active_to,
            });
        }
        Ok(out)
    }

    pub fn campaigns(&self) -> Result<Vec<Campaign>> {
        let mut st = self.conn.prepare_cached(
            "SELECT id, name, source, cost_cents, starts_on, ends_on FROM campaigns ORDER BY name",
        )?;
        let rows = st.query_map([], |r| {
            Ok(Campaign {
                id: r.get(0)?,
                name: text(r, 1)?,
                source: text(r, 2)?,
                cost: r.get::<_, Option<i64>>(3)?.map(Money),
                starts_on: opt_date_col(r, 4)?,
                ends_on: opt_date_col(r, 5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Team-defined reasons for leaving the funnel through a stage of this kind.
    pub fn exit_reasons(&self, kind: crate::domain::StageKind) -> Result<Vec<String>> {
        let mut st = self
            .conn
            .prepare_cached("SELECT text FROM exit_reasons WHERE stage_kind = ?1 ORDER BY id")?;
        let rows = st.query_map([kind.as_str()], |r| text(r, 0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every agreement ever in force, oldest first.
    pub fn agreements(&self) -> Result<Vec<Agreement>> {
        let mut st = self.conn.prepare_cached(
            "SELECT id, effective_from, leads_per_rep_month, contacts_per_rep_week, first_contact_hours, \
             timezone, changed_by, changed_at FROM sla_agreements ORDER BY effective_from, id",
        )?;
        let rows = st.query_map([], |r| {
            Ok(Agreement {
                id: r.get(0)?,
                effective_from: ts_col(r, 1)?,
                leads_per_rep_month: r.get(2)?,
                contacts_per_rep_week: r.get(3)?,
                first_contact_hours: r.get(4)?,
                timezone: text(r, 5)?,
                changed_by: text(r, 6)?,
                changed_at: ts_col(r, 7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Count and value per stage for the leads the filter lets through.
    pub fn board_summary(&self, filter: &LeadFilter) -> Result<Vec<ColumnSummary>> {
        self.board_summary_in(filter, &[])
    }

    /// The same, for the given stages only (all when empty): a filtered board counts the
    /// columns it shows, not the years of closed leads behind the exits.
    pub fn board_summary_in(
        &self,
        filter: &LeadFilter,
        stages: &[&str],
    ) -> Result<Vec<ColumnSummary>> {
        if filter.is_empty() {
            // Kept on write (store/summary.rs): a dozen rows instead of every lead. The kept
            // value is every currency's; the deals in other currencies are taken out of it
            // and shown apart, found through the partial index `leads_currency` (empty in a
            // one-currency file).
            let mut rows: Vec<(String, String, i64, i64)> = self
                .conn
                .prepare_cached("SELECT stage, '', n, value_cents FROM stage_totals WHERE n <> 0")?
                .query_map([], column_row)?
                .collect::<rusqlite::Result<_>>()?;
            let other: Vec<(String, String, i64, i64)> = self
                .conn
                .prepare_cached(
                    "SELECT stage, currency, 0, SUM(value_cents) FROM leads \
                     WHERE currency <> '' GROUP BY currency, stage",
                )?
                .query_map([], column_row)?
                .collect::<rusqlite::Result<_>>()?;
            for (stage, currency, _, v) in other {
                rows.push((stage.clone(), String::new(), 0, -v));
                rows.push((stage, currency, 0, v));
            }
            let mut out = fold_columns(rows);
            out.sort_by(|a, b| a.stage.cmp(&b.stage));
            return Ok(out);
        }
        let (mut where_sql, mut params) = filter_sql(filter);
        if !stages.is_empty() {
            where_sql.push_str(&format!(
                " AND l.stage IN ({})",
                vec!["?"; stages.len()].join(", ")
            ));
            params.extend(stages.iter().map(|s| Value::Text((*s).to_string())));
        }
        let sql = format!(
            "SELECT l.stage, l.currency, COUNT(*), COALESCE(SUM(l.value_cents), 0) FROM leads l \
             WHERE 1=1{where_sql} GROUP BY l.stage, l.currency"
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st.query_map(rusqlite::params_from_iter(params), column_row)?;
        Ok(fold_columns(rows.collect::<rusqlite::Result<Vec<_>>>()?))
    }

    /// One window of a column: longest in stage first (the ones that need attention).
    pub fn column_cards(
        &self,
        stage: &str,
        filter: &LeadFilter,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<Card>> {
        self.cards_in_order(stage, filter, offset, limit, "l.stage_entered_at, l.id")
    }

    /// The window `offset..offset + limit` of a column of `total` cards. In the far half it is
    /// read backwards from the end of the index, so the last page costs what the first does
    /// (OFFSET walks every row it skips).
    pub fn column_window(
        &self,
        stage: &str,
        filter: &LeadFilter,
        offset: usize,
        limit: usize,
        total: usize,
    ) -> Result<Vec<Card>> {
        if offset <= total / 2 || offset >= total {
            return self.column_cards(stage, filter, offset, limit);
        }
        let end = (offset + limit).min(total);
        let desc = "l.stage_entered_at DESC, l.id DESC";
        let mut cards = self.cards_in_order(stage, filter, total - end, end - offset, desc)?;
        cards.reverse();
        Ok(cards)
    }

    /// One window of a column in another order than age (`CardSort`); OFFSET is fine here:
    /// a sorted column is one a rep works from the top.
    pub fn column_sorted(
        &self,
        stage: &str,
        filter: &LeadFilter,
        offset: usize,
        limit: usize,
        sort: crate::domain::CardSort,
    ) -> Result<Vec<Card>> {
        use crate::domain::CardSort;
        // Constant fragments only: the sort is chosen, never typed.
        let order = match sort {
            CardSort::Age => "l.stage_entered_at, l.id",
            CardSort::FirstContact => {
                "(l.delivered_at IS NULL OR l.first_contact_at IS NOT NULL), l.delivered_at, l.id"
            }
            CardSort::Score => "l.score DESC, l.id",
            CardSort::Value => "l.value_cents DESC, l.id",
            CardSort::LastActivity => "l.last_activity_at IS NOT NULL, l.last_activity_at, l.id",
        };
        self.cards_in_order(stage, filter, offset, limit, order)
    }

    fn cards_in_order(
        &self,
        stage: &str,
        filter: &LeadFilter,
        offset: usize,
        limit: usize,
        order: &str,
    ) -> Result<Vec<Card>> {
        let (where_sql, mut params) = filter_sql(filter);
        let sql = format!(
            "SELECT l.id, l.name, l.company, l.owner, l.stage, l.score, l.value_cents, l.priority, \
             l.next_step_due, l.stage_entered_at, l.version, l.delivered_at, l.first_contact_at, \
             l.expected_close, l.currency FROM leads l \
             WHERE l.stage = ?{where_sql} ORDER BY {order} LIMIT ? OFFSET ?"
        );
        params.insert(0, Value::Text(stage.to_string()));
        params.push(Value::Integer(limit as i64));
        params.push(Value::Integer(offset as i64));
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st.query_map(rusqlite::params_from_iter(params), card_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn lead(&self, id: LeadId) -> Result<Lead> {
        let sql = format!(
            "SELECT {LEAD_COLUMNS} FROM leads l LEFT JOIN campaigns c ON c.id = l.campaign_id WHERE l.id = ?1"
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let mut rows = st.query_map([id], lead_from_row)?;
        match rows.next() {
            Some(l) => Ok(l?),
            None => Err(StoreError::NotFound(format!(
                "lead {id} does not exist (deleted?)"
            ))),
        }
    }

    pub fn lead_count(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT COUNT(*) FROM leads", [], |r| r.get(0))?)
    }

    /// A lead's activities, newest first.
    pub fn activities(&self, lead: LeadId) -> Result<Vec<Activity>> {
        let mut st = self.conn.prepare_cached(
            "SELECT id, lead_id, kind, by, at, body, outcome FROM activities WHERE lead_id = ?1 ORDER BY at DESC, id DESC",
        )?;
        let mut rows = st.query([lead])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(activity_from_row(r)?);
        }
        Ok(out)
    }

    /// A lead's stage history, newest first.
    pub fn stage_events(&self, lead: LeadId) -> Result<Vec<StageEvent>> {
        let mut st = self.conn.prepare_cached(
            "SELECT id, lead_id, from_stage, to_stage, by, at, reason FROM stage_events \
             WHERE lead_id = ?1 ORDER BY at DESC, id DESC",
        )?;
        let rows = st.query_map([lead], event_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Changes whenever any connection commits to the file; cheap to poll.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }
}
