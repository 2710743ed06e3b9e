//! Figures kept up to date on write, so the funnel reads a few thousand index entries instead
//! of every stage event: each lead's furthest stage (`leads.furthest`) and a histogram of
//! completed stays per stage and whole hour (`stage_stays`); and each stage's lead count and
//! value (`stage_totals`), so the board's headings do not count every lead. Triggers maintain both, so a
//! script that writes the file directly keeps them right too. Bulk loads (demo, large imports)
//! drop the triggers and rebuild both once at commit, which is far cheaper than per row.
//!
//! A stay is what `LAG` over a lead's events gives: each event with a `from_stage` closes the
//! stay that began at the lead's previous event (ordered by `at`, then `id`).

/// The trigger definitions; a macro so the migration in `schema.rs` can `concat!` them. The
/// furthest stage has one definition, `furthest_of_lead!`, correlated on `leads.id`.
macro_rules! summary_triggers {
    () => {
        concat!(
            r#"
-- A new event: recompute the lead's furthest stage, and split the stay it lands in.
CREATE TRIGGER stage_events_summary_insert AFTER INSERT ON stage_events BEGIN
  UPDATE leads SET furthest = "#,
            $crate::store::summary::furthest_of_lead!(),
            r#" WHERE id = NEW.lead_id;
  INSERT INTO stage_stays (stage, hours, n)
    SELECT stage, hours, SUM(d) FROM (
      SELECT nx.from_stage AS stage, CAST((julianday(nx.at) - julianday(p.at)) * 24 AS INTEGER) AS hours, -1 AS d
        FROM (SELECT q.at FROM stage_events q WHERE q.lead_id = NEW.lead_id AND (q.at, q.id) < (NEW.at, NEW.id)
              ORDER BY q.at DESC, q.id DESC LIMIT 1) AS p,
             (SELECT q.at, q.from_stage FROM stage_events q WHERE q.lead_id = NEW.lead_id AND (q.at, q.id) > (NEW.at, NEW.id)
              ORDER BY q.at, q.id LIMIT 1) AS nx
        WHERE nx.from_stage IS NOT NULL
      UNION ALL
      SELECT NEW.from_stage, CAST((julianday(NEW.at) - julianday(p.at)) * 24 AS INTEGER), 1
        FROM (SELECT q.at FROM stage_events q WHERE q.lead_id = NEW.lead_id AND (q.at, q.id) < (NEW.at, NEW.id)
              ORDER BY q.at DESC, q.id DESC LIMIT 1) AS p
        WHERE NEW.from_stage IS NOT NULL
      UNION ALL
      SELECT nx.from_stage, CAST((julianday(nx.at) - julianday(NEW.at)) * 24 AS INTEGER), 1
        FROM (SELECT q.at, q.from_stage FROM stage_events q WHERE q.lead_id = NEW.lead_id AND (q.at, q.id) > (NEW.at, NEW.id)
              ORDER BY q.at, q.id LIMIT 1) AS nx
        WHERE nx.from_stage IS NOT NULL)
    GROUP BY stage, hours
    ON CONFLICT (stage, hours) DO UPDATE SET n = n + excluded.n;
END;

-- A removed event (a deleted lead): the exact reverse.
CREATE TRIGGER stage_events_summary_delete AFTER DELETE ON stage_events BEGIN
  UPDATE leads SET furthest = "#,
            $crate::store::summary::furthest_of_lead!(),
            r#" WHERE id = OLD.lead_id;
  INSERT INTO stage_stays (stage, hours, n)
    SELECT stage, hours, SUM(d) FROM (
      SELECT nx.from_stage AS stage, CAST((julianday(nx.at) - julianday(p.at)) * 24 AS INTEGER) AS hours, 1 AS d
        FROM (SELECT q.at FROM stage_events q WHERE q.lead_id = OLD.lead_id AND (q.at, q.id) < (OLD.at, OLD.id)
              ORDER BY q.at DESC, q.id DESC LIMIT 1) AS p,
             (SELECT q.at, q.from_stage FROM stage_events q WHERE q.lead_id = OLD.lead_id AND (q.at, q.id) > (OLD.at, OLD.id)
              ORDER BY q.at, q.id LIMIT 1) AS nx
        WHERE nx.from_stage IS NOT NULL
      UNION ALL
      SELECT OLD.from_stage, CAST((julianday(OLD.at) - julianday(p.at)) * 24 AS INTEGER), -1
        FROM (SELECT q.at FROM stage_events q WHERE q.lead_id = OLD.lead_id AND (q.at, q.id) < (OLD.at, OLD.id)
              ORDER BY q.at DESC, q.id DESC LIMIT 1) AS p
        WHERE OLD.from_stage IS NOT NULL
      UNION ALL
      SELECT nx.from_stage, CAST((julianday(nx.at) - julianday(OLD.at)) * 24 AS INTEGER), -1
        FROM (SELECT q.at, q.from_stage FROM stage_events q WHERE q.lead_id = OLD.lead_id AND (q.at, q.id) > (OLD.at, OLD.id)
              ORDER BY q.at, q.id LIMIT 1) AS nx
        WHERE nx.from_stage IS NOT NULL)
    GROUP BY stage, hours
    ON CONFLICT (stage, hours) DO UPDATE SET n = n + excluded.n;
END;

-- History is appended, never rewritten (a changed move would silently re-date the figures).
CREATE TRIGGER stage_events_immutable BEFORE UPDATE OF lead_id, from_stage, to_stage, at ON stage_events BEGIN
  SELECT RAISE(ABORT, 'stage events are history and cannot be changed; record a new move instead');
END;

-- Each stage's count and value, for the board's column headings without reading every lead.
CREATE TRIGGER leads_totals_insert AFTER INSERT ON leads BEGIN
  INSERT INTO stage_totals (stage, n, value_cents) VALUES (NEW.stage, 1, NEW.value_cents)
    ON CONFLICT (stage) DO UPDATE SET n = n + 1, value_cents = value_cents + excluded.value_cents;
END;
CREATE TRIGGER leads_totals_delete AFTER DELETE ON leads BEGIN
  INSERT INTO stage_totals (stage, n, value_cents) VALUES (OLD.stage, -1, -OLD.value_cents)
    ON CONFLICT (stage) DO UPDATE SET n = n - 1, value_cents = value_cents + excluded.value_cents;
END;
CREATE TRIGGER leads_totals_update AFTER UPDATE OF stage, value_cents ON leads BEGIN
  INSERT INTO stage_totals (stage, n, value_cents) VALUES (OLD.stage, -1, -OLD.value_cents)
    ON CONFLICT (stage) DO UPDATE SET n = n - 1, value_cents = value_cents + excluded.value_cents;
  INSERT INTO stage_totals (stage, n, value_cents) VALUES (NEW.stage, 1, NEW.value_cents)
    ON CONFLICT (stage) DO UPDATE SET n = n + 1, value_cents = value_cents + excluded.value_cents;
END;

"#,
            $crate::store::summary::stages_trigger!()
        )
    };
}

/// Reordering the funnel or changing a stage's kind changes which stage is furthest. On its
/// own so that a renumbering of every stage can recompute once instead of once per stage.
macro_rules! stages_trigger {
    () => {
        concat!(
            r#"-- Reordering the funnel or changing a stage's kind changes which stage is furthest.
CREATE TRIGGER stages_summary_update AFTER UPDATE OF position, kind ON stages BEGIN
  UPDATE leads SET furthest = "#,
            $crate::store::summary::furthest_of_lead!(),
            r#";
END;
"#
        )
    };
}
pub(crate) use {stages_trigger, summary_triggers};

pub const STAGES_TRIGGER: &str = stages_trigger!();

/// Each lead's furthest stage recomputed where it differs: part of the full rebuild, and on
/// its own after a renumbering of the stages.
macro_rules! rebuild_furthest {
    () => {
        concat!(
            "UPDATE leads SET furthest = ",
            $crate::store::summary::furthest_of_lead!(),
            " WHERE furthest IS NOT ",
            $crate::store::summary::furthest_of_lead!()
        )
    };
}
pub(crate) use rebuild_furthest;

pub const REBUILD_FURTHEST: &str = rebuild_furthest!();

/// Removes the triggers for a bulk load; `REBUILD` and the triggers come back at its commit.
pub const DROP_TRIGGERS: &str = "DROP TRIGGER IF EXISTS stage_events_summary_insert; \
     DROP TRIGGER IF EXISTS stage_events_summary_delete; \
     DROP TRIGGER IF EXISTS stage_events_immutable; \
     DROP TRIGGER IF EXISTS stages_summary_update; \
     DROP TRIGGER IF EXISTS leads_totals_insert; \
     DROP TRIGGER IF EXISTS leads_totals_delete; \
     DROP TRIGGER IF EXISTS leads_totals_update;";

/// 1 when every trigger above is in place (`leadboard check`).
pub const TRIGGERS_PRESENT: &str = "SELECT COUNT(*) = 7 FROM sqlite_master WHERE type = 'trigger' AND name IN \
     ('stage_events_summary_insert', 'stage_events_summary_delete', 'stage_events_immutable', \
     'stages_summary_update', 'leads_totals_insert', 'leads_totals_delete', 'leads_totals_update')";

/// The stays histogram computed from scratch (what the triggers keep current).
macro_rules! stays_from_events {
    () => {
        "SELECT from_stage, CAST((julianday(at) - julianday(prev)) * 24 AS INTEGER), COUNT(*) FROM ( \
           SELECT e.from_stage, e.at, LAG(e.at) OVER (PARTITION BY e.lead_id ORDER BY e.at, e.id) AS prev \
           FROM stage_events e) \
         WHERE from_stage IS NOT NULL AND prev IS NOT NULL GROUP BY 1, 2"
    };
}

/// Where each lead entered the funnel, for leads that do not say yet: the open or won stage
/// its creation event put it in (migration 9, and the end of a bulk load).
macro_rules! entry_from_events {
    () => {
        "UPDATE leads SET entry_stage = (SELECT e.to_stage FROM stage_events e \
           JOIN stages s ON s.key = e.to_stage \
           WHERE e.lead_id = leads.id AND e.from_stage IS NULL AND s.kind IN ('open', 'won') \
           ORDER BY e.at, e.id LIMIT 1) WHERE entry_stage IS NULL;"
    };
}
pub(crate) use entry_from_events;

/// Each lead's furthest stage computed from scratch, as a scalar over `leads`.
macro_rules! furthest_of_lead {
    () => {
        "(SELECT s.key FROM stage_events e JOIN stages s ON s.key = e.to_stage \
           WHERE e.lead_id = leads.id AND s.kind IN ('open', 'won') \
           ORDER BY s.kind = 'won' DESC, s.position DESC LIMIT 1)"
    };
}

/// Both figures recomputed from the events (migration 7, and the end of a bulk load).
macro_rules! rebuild_summaries {
    () => {
        concat!(
            $crate::store::summary::rebuild_furthest!(),
            ";\nDELETE FROM stage_stays;\nINSERT INTO stage_stays (stage, hours, n) ",
            $crate::store::summary::stays_from_events!(),
            ";\nDELETE FROM stage_totals;\n",
            "INSERT INTO stage_totals (stage, n, value_cents) SELECT stage, COUNT(*), SUM(value_cents) FROM leads GROUP BY stage;\n"
        )
    };
}
pub(crate) use {furthest_of_lead, rebuild_summaries, stays_from_events};

pub const REBUILD: &str = rebuild_summaries!();

/// The triggers' SQL, for recreating them after a bulk load.
pub const CREATE_TRIGGERS: &str = summary_triggers!();

/// `leadboard check`: leads whose kept furthest stage differs from the history, and
/// histogram cells plus stage totals that differ from a recount (both 0 on a healthy file).
pub const DRIFT: &str = concat!(
    // Each from-scratch figure is computed once and compared both ways.
    "WITH s AS MATERIALIZED (",
    stays_from_events!(),
    "), ks AS MATERIALIZED (SELECT stage, hours, n FROM stage_stays WHERE n <> 0), \
     t AS MATERIALIZED (SELECT stage, COUNT(*), SUM(value_cents) FROM leads GROUP BY stage), \
     kt AS MATERIALIZED (SELECT stage, n, value_cents FROM stage_totals WHERE n <> 0) \
     SELECT (SELECT COUNT(*) FROM leads WHERE furthest IS NOT ",
    furthest_of_lead!(),
    "), (SELECT COUNT(*) FROM (SELECT * FROM ks EXCEPT SELECT * FROM s)) \
     + (SELECT COUNT(*) FROM (SELECT * FROM s EXCEPT SELECT * FROM ks)) \
     + (SELECT COUNT(*) FROM (SELECT * FROM kt EXCEPT SELECT * FROM t)) \
     + (SELECT COUNT(*) FROM (SELECT * FROM t EXCEPT SELECT * FROM kt))"
);

#[cfg(test)]
#[path = "summary_tests.rs"]
mod tests;
