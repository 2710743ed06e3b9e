//! Reads that feed `metrics`: aggregated or narrowed in SQL to the periods shown and to the
//! candidate rows of each red flag, so a 100,000-lead file is never loaded whole.

use super::codec::{date, opt_date_col, opt_text, opt_ts_col, text, ts, ts_col};
use super::{Result, Store, StoreError};
use crate::domain::facts::{
    BounceRow, Delivery, FlagCandidates, FunnelRow, LeadFacts, PeriodCount, Span, StayBucket,
};
use crate::domain::{Money, Timestamp};
use chrono::NaiveDate;
use rusqlite::params;

/// Entries into a hand-off stage from outside one: each is a delivery.
const HANDOFF_ENTRY: &str = "e.to_stage IN (SELECT key FROM stages WHERE is_handoff = 1) \
     AND (e.from_stage IS NULL OR e.from_stage NOT IN (SELECT key FROM stages WHERE is_handoff = 1))";

const FACT_COLUMNS: &str = "l.id, l.name, l.company, l.owner, l.stage, l.priority, l.next_step <> '', \
     l.next_step_due, l.created_at, l.stage_entered_at, l.delivered_at, l.first_contact_at, l.last_activity_at";

fn facts_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<LeadFacts> {
    Ok(LeadFacts {
        id: r.get(0)?,
        name: text(r, 1)?,
        company: text(r, 2)?,
        owner: opt_text(r, 3)?,
        stage: text(r, 4)?,
        priority: r.get::<_, i64>(5)? != 0,
        has_next_step: r.get::<_, i64>(6)? != 0,
        next_step_due: opt_date_col(r, 7)?,
        created_at: ts_col(r, 8)?,
        stage_entered_at: ts_col(r, 9)?,
        delivered_at: opt_ts_col(r, 10)?,
        first_contact_at: opt_ts_col(r, 11)?,
        last_activity_at: opt_ts_col(r, 12)?,
    })
}

/// WHERE clauses over `leads l` narrowing each red flag's candidates; each is checked by a
/// test to find its rows through an index, never by scanning every lead or event.
mod flag_where {
    // The partial index of never-contacted deliveries leads with the stage (migration 8), so
    // only the open stages' entries are read.
    pub const UNCONTACTED: &str = "l.delivered_at IS NOT NULL AND l.delivered_at < ?1 \
         AND l.first_contact_at IS NULL AND l.stage IN (SELECT key FROM stages WHERE kind = 'open')";
    // `+l.stage` keeps the planner on the due-date index rather than the stage one.
    pub const OVERDUE: &str = "l.next_step_due IS NOT NULL AND l.next_step_due < ?1 \
         AND +l.stage IN (SELECT key FROM stages WHERE kind = 'open')";
    pub const NO_NEXT_STEP: &str = "l.stage IN (SELECT key FROM stages WHERE kind = 'open' \
         AND owner_team = 'sales') AND l.next_step = ''";
    pub const PRIORITY_QUIET: &str = "l.priority = 1 AND COALESCE(l.last_activity_at, l.created_at) < ?1 \
         AND l.stage IN (SELECT key FROM stages WHERE kind = 'open')";
    // Open leads sharing an e-mail with a disqualified one, and open leads disqualified before
    // a later delivery. The smaller side goes outermost (`CROSS JOIN` fixes the order;
    // `o.email <> ''` / `d.email <> ''` let the partial e-mail index serve the inner side): a
    // young file has more open leads, one with years of history far more disqualified ones,
    // and the wrong order reads 20,000 leads instead of 1,000. The same holds for the own
    // history: from each disqualification in the file, or from each open lead's events (with
    // a cold page cache the first read 20,000 places in the event index: 400 ms).
    macro_rules! redelivered {
        ($outer:literal, $inner:literal, $own:literal) => {
            concat!(
                "l.id IN (SELECT o.id FROM leads ", $outer, " CROSS JOIN leads ", $inner,
                " ON o.email = d.email AND o.id <> d.id \
                 WHERE d.email <> '' AND o.email <> '' AND d.stage IN (SELECT key FROM stages WHERE kind = 'disqualified') \
                 AND o.stage IN (SELECT key FROM stages WHERE kind = 'open') \
                 UNION SELECT x.lead_id FROM ", $own, " CROSS JOIN stage_events y ON y.lead_id = x.lead_id AND y.at > x.at \
                 WHERE x.to_stage IN (SELECT key FROM stages WHERE kind = 'disqualified') \
                 AND y.to_stage IN (SELECT key FROM stages WHERE is_handoff = 1)) \
                 AND l.stage IN (SELECT key FROM stages WHERE kind = 'open')"
            )
        };
    }
    pub const REDELIVERED_FEW_DISQUALIFIED: &str = redelivered!("d", "o", "stage_events x");
    pub const REDELIVERED_FEW_OPEN: &str = redelivered!(
        "o",
        "d",
        "leads n CROSS JOIN stage_events x ON x.lead_id = n.id \
         AND n.stage IN (SELECT key FROM stages WHERE kind = 'open')"
    );
    // Candidates are the moves into a recycled stage without a reason, read from the covering
    // index `stage_events_to (to_stage, lead_id, reason)` instead of checking every recycled
    // lead's history; each is then checked to be the lead's latest move into its stage.
    pub const RECYCLED_NO_REASON: &str = "l.stage IN (SELECT key FROM stages WHERE kind = 'recycled') \
         AND l.id IN (SELECT x.lead_id FROM stage_events x WHERE x.to_stage IN (SELECT key FROM stages WHERE kind = 'recycled') \
           AND trim(x.reason) = '') \
         AND COALESCE((SELECT trim(e.reason) FROM stage_events e WHERE e.lead_id = l.id AND e.to_stage = l.stage \
         ORDER BY e.at DESC, e.id DESC LIMIT 1), '') = ''";
    pub const STALE: &str = "l.stage = ?1 AND l.stage_entered_at < ?2";
    #[cfg(test)]
    pub const ALL: [&str; 8] = [
        UNCONTACTED,
        OVERDUE,
        NO_NEXT_STEP,
        PRIORITY_QUIET,
        REDELIVERED_FEW_DISQUALIFIED,
        REDELIVERED_FEW_OPEN,
        RECYCLED_NO_REASON,
        STALE,
    ];
}

impl Store {
    fn period_counts(&self, sql: &str, spans: &[Span]) -> Result<Vec<PeriodCount>> {
        let mut st = self.conn.prepare_cached(sql)?;
        let mut out = Vec::new();
        for (i, s) in spans.iter().enumerate() {
            let rows = st.query_map(params![ts(s.start), ts(s.end)], |r| {
                Ok(PeriodCount {
                    period: i,
                    rep: opt_text(r, 0)?,
                    count: r.get(1)?,
                })
            })?;
            for row in rows {
                out.push(row?);
            }
        }
        Ok(out)
    }

    /// Deliveries per span and per qualifying rep (the lead's `qualified_by`, else who moved it).
    pub fn delivery_counts(&self, spans: &[Span]) -> Result<Vec<PeriodCount>> {
        let sql = format!(
            "SELECT COALESCE(l.qualified_by, e.by), COUNT(*) FROM stage_events e JOIN leads l ON l.id = e.lead_id \
             WHERE e.at >= ?1 AND e.at < ?2 AND {HANDOFF_ENTRY} GROUP BY 1"
        );
        self.period_counts(&sql, spans)
    }

    /// Calls, e-mails and meetings (not notes) per span and per person who made them.
    pub fn contact_counts(&self, spans: &[Span]) -> Result<Vec<PeriodCount>> {
        self.period_counts(CONTACTS_SQL, spans)
    }

    /// Every delivery in the span, with the first contact after it up to `as_of`.
    pub fn deliveries(&self, span: Span, as_of: Timestamp) -> Result<Vec<Delivery>> {
        let sql = format!(
            "SELECT e.lead_id, e.at, l.owner, (SELECT MIN(a.at) FROM activities a WHERE a.lead_id = e.lead_id \
             AND a.kind <> 'note' AND a.retracted_by IS NULL AND a.at >= e.at AND a.at <= ?3) \
             FROM stage_events e JOIN leads l ON l.id = e.lead_id \
             WHERE e.at >= ?1 AND e.at < ?2 AND {HANDOFF_ENTRY} ORDER BY e.at, e.id"
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st.query_map(params![ts(span.start), ts(span.end), ts(as_of)], |r| {
            Ok(Delivery {
                lead_id: r.get(0)?,
                at: ts_col(r, 1)?,
                owner: opt_text(r, 2)?,
                first_contact: opt_ts_col(r, 3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn facts(&self, where_sql: &str, p: &[&dyn rusqlite::ToSql]) -> Result<Vec<LeadFacts>> {
        let sql = format!("SELECT {FACT_COLUMNS} FROM leads l WHERE {where_sql} ORDER BY l.id");
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st.query_map(p, facts_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The re-delivery query with the smaller of open and disqualified leads outermost, by
    /// the kept stage totals (store/summary.rs).
    fn redelivered_where(&self) -> Result<&'static str> {
        let (open, disqualified): (i64, i64) = self
            .conn
            .prepare_cached(
                "SELECT COALESCE(SUM(CASE WHEN s.kind = 'open' THEN t.n END), 0), \
             COALESCE(SUM(CASE WHEN s.kind = 'disqualified' THEN t.n END), 0) \
             FROM stage_totals t JOIN stages s ON s.key = t.stage",
            )?
            .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(if disqualified <= open {
            flag_where::REDELIVERED_FEW_DISQUALIFIED
        } else {
            flag_where::REDELIVERED_FEW_OPEN
        })
    }

    /// Leads delivered before `before`, never contacted, in an open stage: those that may be
    /// waiting past their first-contact window.
    pub fn uncontacted(&self, before: Timestamp) -> Result<Vec<LeadFacts>> {
        self.facts(flag_where::UNCONTACTED, &[&ts(before)])
    }

    /// Candidate leads for each red flag, narrowed with the thresholds in force.
    /// `uncontacted_before` = now − first-contact window; `quiet_before` = now − 14 days.
    pub fn flag_candidates(
        &self,
        as_of: Timestamp,
        uncontacted_before: Timestamp,
        quiet_before: Timestamp,
        today: NaiveDate,
    ) -> Result<FlagCandidates> {
        use flag_where::*;
        let mut c = FlagCandidates {
            uncontacted: self.facts(UNCONTACTED, &[&ts(uncontacted_before)])?,
            next_step_overdue: self.facts(OVERDUE, &[&date(today)])?,
            no_next_step: self.facts(NO_NEXT_STEP, &[])?,
            priority_quiet: self.facts(PRIORITY_QUIET, &[&ts(quiet_before)])?,
            redelivered: self.facts(self.redelivered_where()?, &[])?,
            recycled_no_reason: self.facts(RECYCLED_NO_REASON, &[])?,
            stale: Vec::new(),
        };
        for s in self.stages()?.into_iter().filter(|s| s.is_open()) {
            let Some(days) = s.stale_after_days else {
                continue;
            };
            let before = as_of - chrono::Duration::days(days);
            c.stale
                .extend(self.facts(flag_where::STALE, &[&s.key, &ts(before)])?);
        }
        Ok(c)
    }

    /// Leads created from `since` (all when `None`) up to `as_of`, grouped by campaign,
    /// source, furthest open-or-won stage reached by then, and the kind of stage they are in.
    pub fn funnel_rows(
        &self,
        since: Option<Timestamp>,
        as_of: Timestamp,
    ) -> Result<Vec<FunnelRow>> {
        let mut rows = self.funnel_rows_with(FUNNEL_SQL, since, as_of)?;
        rows.extend(self.won_in_other_currencies(since, as_of)?);
        Ok(rows)
    }

    /// The funnel's rows count every lead's value as the team's. Only won value is summed,
    /// so for the won deals in another currency two rows of no leads move their value out of
    /// the team's figure and into their own currency's. Read through the partial index
    /// `leads_currency` (`+l.stage` keeps the planner off the stage index, which would read
    /// every won lead): nothing at all in a one-currency file.
    fn won_in_other_currencies(
        &self,
        since: Option<Timestamp>,
        as_of: Timestamp,
    ) -> Result<Vec<FunnelRow>> {
        let mut st = self.conn.prepare_cached(
            "SELECT c.name, l.source, l.currency, SUM(l.value_cents) FROM leads l \
             LEFT JOIN campaigns c ON c.id = l.campaign_id \
             WHERE l.currency <> '' AND +l.stage IN (SELECT key FROM stages WHERE kind = 'won') \
             AND l.created_at <= ?1 AND l.created_at >= ?2 GROUP BY 1, 2, 3",
        )?;
        let since = since.map(ts).unwrap_or_default();
        let rows = st.query_map(params![ts(as_of), since], |r| {
            Ok((
                opt_text(r, 0)?,
                text(r, 1)?,
                text(r, 2)?,
                r.get::<_, i64>(3)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (campaign, source, currency, value) = row?;
            let moved = |currency: String, value: i64| FunnelRow {
                campaign: campaign.clone(),
                source: source.clone(),
                furthest: None,
                current: crate::domain::StageKind::Won,
                leads: 0,
                value: Money(value),
                currency,
            };
            out.push(moved(String::new(), -value));
            out.push(moved(currency, value));
        }
        Ok(out)
    }

    pub(super) fn funnel_rows_with(
        &self,
        sql: &str,
        since: Option<Timestamp>,
        as_of: Timestamp,
    ) -> Result<Vec<FunnelRow>> {
        let mut st = self.conn.prepare_cached(sql)?;
        // Timestamps are ISO text: '' sorts before every one of them.
        let since = since.map(ts).unwrap_or_default();
        let rows = st.query_map(params![ts(as_of), since], |r| {
            Ok((
                opt_text(r, 0)?,
                text(r, 1)?,
                opt_text(r, 2)?,
                text(r, 3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, i64>(5)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (campaign, source, furthest, kind, leads, value) = row?;
            out.push(FunnelRow {
                campaign,
                source,
                furthest,
                current: kind.parse().map_err(StoreError::Invalid)?,
                leads,
                value: Money(value),
                currency: String::new(),
            });
        }
        Ok(out)
    }

    /// How many leads created up to `as_of` entered the funnel at each stage (created there,
    /// or for a lead that arrived closed, the stage its import recorded).
    pub fn entered_directly(
        &self,
        since: Option<Timestamp>,
        as_of: Timestamp,
    ) -> Result<Vec<(String, i64)>> {
        let mut st = self.conn.prepare_cached(
            "SELECT entry_stage, COUNT(*) FROM leads \
             WHERE entry_stage IS NOT NULL AND created_at <= ?1 AND created_at >= ?2 \
             GROUP BY entry_stage",
        )?;
        let since = since.map(ts).unwrap_or_default();
        let rows = st.query_map(params![ts(as_of), since], |r| Ok((text(r, 0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Leads created from `since` up to `as_of`, per campaign, that were disqualified or
    /// recycled by `as_of`, grouped by the kind and reason of their latest such move.
    pub fn bounce_rows(
        &self,
        since: Option<Timestamp>,
        as_of: Timestamp,
    ) -> Result<Vec<BounceRow>> {
        let mut st = self.conn.prepare_cached(
            // From the exits' own events (the stage first: CROSS JOIN keeps SQLite from
            // scanning every event by date), each kept when no later exit of its lead follows.
            // 100k demo: 1.47 s with the events first, 0.3 s this way.
            "SELECT c.name, s.kind, e.reason, COUNT(*) FROM stages s \
             CROSS JOIN stage_events e ON e.to_stage = s.key \
             JOIN leads l ON l.id = e.lead_id JOIN campaigns c ON c.id = l.campaign_id \
             WHERE s.kind IN ('disqualified', 'recycled') AND e.at <= ?1 \
             AND l.created_at <= ?1 AND l.created_at >= ?2 \
             AND NOT EXISTS (SELECT 1 FROM stage_events x JOIN stages sx ON sx.key = x.to_stage \
                 WHERE x.lead_id = e.lead_id AND x.at <= ?1 \
                 AND sx.kind IN ('disqualified', 'recycled') \
                 AND (x.at > e.at OR (x.at = e.at AND x.id > e.id))) \
             GROUP BY c.name, s.kind, e.reason ORDER BY c.name, COUNT(*) DESC, e.reason",
        )?;
        let since = since.map(ts).unwrap_or_default();
        let rows = st.query_map(params![ts(as_of), since], |r| {
            Ok((text(r, 0)?, text(r, 1)?, text(r, 2)?, r.get::<_, i64>(3)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (campaign, kind, reason, leads) = row?;
            out.push(BounceRow {
                campaign,
                kind: kind.parse().map_err(StoreError::Invalid)?,
                reason,
                leads,
            });
        }
        Ok(out)
    }

    /// Completed stays per stage up to `as_of`, bucketed by whole hours.
    pub fn stay_buckets(&self, as_of: Timestamp) -> Result<Vec<StayBucket>> {
        self.stay_buckets_with(STAYS_SQL, as_of)
    }

    pub(super) fn stay_buckets_with(&self, sql: &str, as_of: Timestamp) -> Result<Vec<StayBucket>> {
        let mut st = self.conn.prepare_cached(sql)?;
        let rows = st.query_map([ts(as_of)], |r| {
            Ok(StayBucket {
                stage: text(r, 0)?,
                hours: r.get(1)?,
                count: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Contacts (not notes, not taken back) per person in a span, through the partial index
/// `activities_contacts`.
const CONTACTS_SQL: &str = "SELECT by, COUNT(*) FROM activities WHERE at >= ?1 AND at < ?2 AND kind <> 'note' AND retracted_by IS NULL GROUP BY by";

// `+lead_id`: without it the planner reads every event in lead order to skip the DISTINCT sort.
/// The funnel from the kept figures (store/summary.rs): every lead created by `as_of` with its
/// kept furthest stage, grouped in the order of the `leads_funnel` index (no sort, no table
/// reads); then, for the few leads that moved after `as_of`, their kept row is taken out and
/// one with the furthest stage reached by `as_of` put in. Rows are mapped to campaign names and
/// stage kinds only after grouping, so those joins touch dozens of rows, not 100,000.
const FUNNEL_SQL: &str = "WITH late AS (SELECT DISTINCT +lead_id AS id FROM stage_events WHERE at > ?1), \
     past AS (SELECT e.lead_id AS id, MAX((s.kind = 'won') * 1000000000000 + s.position) AS r \
       FROM late JOIN stage_events e ON e.lead_id = late.id JOIN stages s ON s.key = e.to_stage \
       WHERE e.at <= ?1 AND s.kind IN ('open', 'won') GROUP BY e.lead_id), \
     x AS (SELECT l.campaign_id AS cid, l.source AS source, l.furthest AS furthest, l.stage AS stage, \
         COUNT(*) AS n, SUM(l.value_cents) AS v FROM leads l WHERE l.created_at <= ?1 AND l.created_at >= ?2 \
         AND l.furthest IS NOT NULL GROUP BY 1, 2, 3, 4 \
       UNION ALL SELECT l.campaign_id, l.source, l.entry_stage, l.stage, COUNT(*), SUM(l.value_cents) \
         FROM leads l WHERE l.furthest IS NULL AND l.created_at <= ?1 AND l.created_at >= ?2 GROUP BY 1, 2, 3, 4 \
       UNION ALL SELECT l.campaign_id, l.source, COALESCE(l.furthest, l.entry_stage), l.stage, -1, -l.value_cents \
         FROM late JOIN leads l ON l.id = late.id WHERE l.created_at <= ?1 AND l.created_at >= ?2 \
       UNION ALL SELECT l.campaign_id, l.source, COALESCE(fs.key, l.entry_stage), l.stage, 1, l.value_cents \
         FROM late JOIN leads l ON l.id = late.id LEFT JOIN past ON past.id = l.id \
         LEFT JOIN stages fs ON fs.position = past.r - (past.r > 500000000000) * 1000000000000 \
         WHERE l.created_at <= ?1 AND l.created_at >= ?2) \
     SELECT c.name, x.source, x.furthest, cur.kind, SUM(x.n), SUM(x.v) \
     FROM x JOIN stages cur ON cur.key = x.stage LEFT JOIN campaigns c ON c.id = x.cid \
     GROUP BY 1, 2, 3, 4 HAVING SUM(x.n) <> 0";

/// The stays from the kept histogram, less those closed by events after `as_of` (none when
/// `as_of` is now; each found through the `at` index and its lead's previous event).
const STAYS_SQL: &str = "SELECT stage, hours, SUM(n) FROM ( \
       SELECT stage, hours, n FROM stage_stays WHERE n <> 0 \
       UNION ALL SELECT e.from_stage, CAST((julianday(e.at) - julianday(p.at)) * 24 AS INTEGER), -1 \
         FROM stage_events e JOIN stage_events p ON p.id = (SELECT q.id FROM stage_events q \
           WHERE q.lead_id = e.lead_id AND (q.at, q.id) < (e.at, e.id) ORDER BY q.at DESC, q.id DESC LIMIT 1) \
         WHERE e.at > ?1 AND e.from_stage IS NOT NULL) \
     GROUP BY 1, 2 HAVING SUM(n) > 0";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::OpenMode;

    /// The query plan's steps, e.g. `SEARCH l USING INDEX leads_board (stage=?)`.
    fn plan(store: &Store, sql: &str) -> Vec<String> {
        let mut st = store
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap();
        let nulls = vec![rusqlite::types::Value::Null; st.parameter_count()];
        st.query_map(rusqlite::params_from_iter(nulls), |r| r.get::<_, String>(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    #[test]
    fn flag_and_period_reads_use_indexes() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.db"), OpenMode::CreateIfMissing).unwrap();
        let mut queries: Vec<String> = flag_where::ALL
            .iter()
            .map(|w| format!("SELECT {FACT_COLUMNS} FROM leads l WHERE {w}"))
            .collect();
        queries.push(format!(
            "SELECT e.lead_id FROM stage_events e JOIN leads l ON l.id = e.lead_id \
             WHERE e.at >= ?1 AND e.at < ?2 AND {HANDOFF_ENTRY}"
        ));
        queries.push(CONTACTS_SQL.into());
        // The check itself can fail: an unindexed filter is a scan.
        let bad = plan(&store, "SELECT id FROM leads l WHERE l.score > ?1");
        assert!(bad.iter().any(|s| s.starts_with("SCAN l")), "{bad:#?}");
        for q in &queries {
            let steps = plan(&store, q);
            // Scanning the small `stages` table is fine; scanning leads, events or activities is not.
            let scans: Vec<&String> = steps
                .iter()
                .filter(|s| s.starts_with("SCAN") && !s.starts_with("SCAN stages"))
                .collect();
            assert!(scans.is_empty(), "{q}\n{steps:#?}");
            assert!(steps.iter().any(|s| s.starts_with("SEARCH")), "{steps:#?}");
        }
        // Never-contacted deliveries: only the open stages' entries of the partial index.
        let steps = plan(
            &store,
            &format!(
                "SELECT {FACT_COLUMNS} FROM leads l WHERE {}",
                flag_where::UNCONTACTED
            ),
        );
        assert!(
            steps
                .iter()
                .any(|s| s.starts_with("SEARCH l USING INDEX leads_uncontacted (stage=?")),
            "{steps:#?}"
        );
    }

    #[test]
    fn funnel_reads_the_kept_figures_not_the_history() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.db"), OpenMode::CreateIfMissing).unwrap();
        let steps = plan(&store, FUNNEL_SQL);
        // Leads grouped in index order, events found only from `as_of` on.
        assert!(
            steps
                .iter()
                .any(|s| s == "SCAN l USING COVERING INDEX leads_funnel"),
            "{steps:#?}"
        );
        assert!(
            steps
                .iter()
                .any(|s| s.starts_with("SEARCH stage_events USING INDEX stage_events_at (at>?)")),
            "{steps:#?}"
        );
        let scans: Vec<&String> = steps
            .iter()
            .filter(|s| {
                s.starts_with("SCAN") && (s.contains("stage_events") || s.contains("SCAN e"))
            })
            .collect();
        assert!(scans.is_empty(), "{steps:#?}");
        let steps = plan(&store, STAYS_SQL);
        assert!(
            steps.iter().any(|s| s.contains("stage_stays")),
            "{steps:#?}"
        );
        assert!(
            !steps
                .iter()
                .any(|s| s.starts_with("SCAN e") || s.starts_with("SCAN stage_events")),
            "{steps:#?}"
        );
    }

    #[test]
    fn both_redelivery_orders_find_the_same_leads() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("t.db"), OpenMode::CreateIfMissing).unwrap();
        let now = crate::clock::parse_as_of("2026-11-25T09:00:00Z").unwrap();
        let opts = crate::demo::DemoOptions {
            leads: 300,
            seed: 7,
            now,
        };
        crate::demo::generate(&mut store, &opts).unwrap();
        // Two disqualified leads delivered again: one is open now, one was lost since.
        let (handoff, disqualified): (String, Vec<i64>) = {
            let h = store
                .conn
                .query_row(
                    "SELECT key FROM stages WHERE is_handoff = 1 LIMIT 1",
                    [],
                    |r| r.get(0),
                )
                .unwrap();
            let mut st = store
                .conn
                .prepare("SELECT id FROM leads WHERE stage = 'disqualified' ORDER BY id LIMIT 2")
                .unwrap();
            let ids = st
                .query_map([], |r| r.get(0))
                .unwrap()
                .map(|r| r.unwrap())
                .collect();
            (h, ids)
        };
        let later = now + chrono::Duration::hours(1);
        for (i, &id) in disqualified.iter().enumerate() {
            let v = store.lead(id).unwrap().version;
            let v = store.move_lead(id, &handoff, "", "ana", v, later).unwrap();
            if i == 1 {
                store
                    .move_lead(id, "lost", "went quiet", "ana", v, later)
                    .unwrap();
            }
        }
        let ids =
            |w: &str| -> Vec<i64> { store.facts(w, &[]).unwrap().iter().map(|f| f.id).collect() };
        let a = ids(flag_where::REDELIVERED_FEW_DISQUALIFIED);
        assert!(a.contains(&disqualified[0]), "{a:?}");
        assert!(!a.contains(&disqualified[1]), "{a:?}");
        assert!(
            !a.is_empty(),
            "the demo re-delivers a few disqualified people"
        );
        assert_eq!(a, ids(flag_where::REDELIVERED_FEW_OPEN));
    }
}
