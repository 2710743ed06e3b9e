//! Numbered migrations. Migration N brings `PRAGMA user_version` from N-1 to N.
//! Never edit a shipped migration: add a new one.

pub const MIGRATIONS: &[&str] = &[
    // 1: the first schema, with the default funnel and agreement the team starts from.
    r#"
CREATE TABLE teams (
    key  TEXT PRIMARY KEY CHECK (key IN ('marketing', 'sales')),
    name TEXT NOT NULL
) STRICT;

CREATE TABLE reps (
    handle      TEXT PRIMARY KEY CHECK (length(handle) BETWEEN 1 AND 64),
    name        TEXT NOT NULL,
    team        TEXT NOT NULL REFERENCES teams(key),
    active_from TEXT NOT NULL,            -- YYYY-MM-DD
    active_to   TEXT                      -- YYYY-MM-DD, NULL while on the team
) STRICT;

CREATE TABLE stages (
    key              TEXT PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 32),
    name             TEXT NOT NULL,
    position         INTEGER NOT NULL UNIQUE,
    owner_team       TEXT NOT NULL REFERENCES teams(key),
    kind             TEXT NOT NULL CHECK (kind IN ('open', 'won', 'lost', 'disqualified', 'recycled')),
    stale_after_days INTEGER CHECK (stale_after_days IS NULL OR stale_after_days > 0),
    is_handoff       INTEGER NOT NULL DEFAULT 0 CHECK (is_handoff IN (0, 1)),
    definition       TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE exit_reasons (
    id         INTEGER PRIMARY KEY,
    stage_kind TEXT NOT NULL CHECK (stage_kind IN ('lost', 'disqualified', 'recycled')),
    text       TEXT NOT NULL,
    UNIQUE (stage_kind, text)
) STRICT;

CREATE TABLE campaigns (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    source     TEXT NOT NULL DEFAULT '',
    cost_cents INTEGER CHECK (cost_cents IS NULL OR cost_cents >= 0),
    starts_on  TEXT,
    ends_on    TEXT
) STRICT;

CREATE TABLE leads (
    id               INTEGER PRIMARY KEY,
    external_id      TEXT UNIQUE,
    name             TEXT NOT NULL,
    company          TEXT NOT NULL DEFAULT '',
    email            TEXT NOT NULL DEFAULT '',
    source           TEXT NOT NULL DEFAULT '',
    campaign_id      INTEGER REFERENCES campaigns(id),
    owner            TEXT REFERENCES reps(handle),
    qualified_by     TEXT REFERENCES reps(handle),
    stage            TEXT NOT NULL REFERENCES stages(key),
    score            INTEGER NOT NULL DEFAULT 0 CHECK (score BETWEEN 0 AND 100),
    value_cents      INTEGER NOT NULL DEFAULT 0 CHECK (value_cents >= 0),
    priority         INTEGER NOT NULL DEFAULT 0 CHECK (priority IN (0, 1)),
    next_step        TEXT NOT NULL DEFAULT '',
    next_step_due    TEXT,                -- YYYY-MM-DD
    created_at       TEXT NOT NULL,       -- timestamps: YYYY-MM-DDTHH:MM:SSZ, UTC
    stage_entered_at TEXT NOT NULL,
    delivered_at     TEXT,
    first_contact_at TEXT,
    last_activity_at TEXT,
    version          INTEGER NOT NULL DEFAULT 1,
    updated_at       TEXT NOT NULL,
    updated_by       TEXT NOT NULL
) STRICT;
CREATE INDEX leads_board ON leads(stage, stage_entered_at, id);
CREATE INDEX leads_owner ON leads(owner, stage);
CREATE INDEX leads_email ON leads(email) WHERE email <> '';
CREATE INDEX leads_campaign ON leads(campaign_id);
CREATE INDEX leads_delivered ON leads(delivered_at) WHERE delivered_at IS NOT NULL;

CREATE TABLE activities (
    id      INTEGER PRIMARY KEY,
    lead_id INTEGER NOT NULL REFERENCES leads(id),
    kind    TEXT NOT NULL CHECK (kind IN ('call', 'email', 'meeting', 'note')),
    by      TEXT NOT NULL,
    at      TEXT NOT NULL,
    body    TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX activities_lead ON activities(lead_id, at);
CREATE INDEX activities_at ON activities(at);

CREATE TABLE stage_events (
    id         INTEGER PRIMARY KEY,
    lead_id    INTEGER NOT NULL REFERENCES leads(id),
    from_stage TEXT,                      -- NULL when the lead was created
    to_stage   TEXT NOT NULL,
    by         TEXT NOT NULL,
    at         TEXT NOT NULL,
    reason     TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX stage_events_lead ON stage_events(lead_id, at);
CREATE INDEX stage_events_at ON stage_events(at, to_stage);

CREATE TABLE lead_changes (
    id       INTEGER PRIMARY KEY,
    lead_id  INTEGER NOT NULL REFERENCES leads(id),
    version  INTEGER NOT NULL,            -- the lead version this change produced
    field    TEXT NOT NULL,
    old      TEXT NOT NULL,
    new      TEXT NOT NULL,
    by       TEXT NOT NULL,
    at       TEXT NOT NULL
) STRICT;
CREATE INDEX lead_changes_lead ON lead_changes(lead_id, version);

CREATE TABLE sla_agreements (
    id                    INTEGER PRIMARY KEY,
    effective_from        TEXT NOT NULL,
    leads_per_rep_month   INTEGER NOT NULL CHECK (leads_per_rep_month >= 0),
    contacts_per_rep_week INTEGER NOT NULL CHECK (contacts_per_rep_week >= 0),
    first_contact_hours   INTEGER NOT NULL CHECK (first_contact_hours > 0),
    timezone              TEXT NOT NULL DEFAULT 'UTC',
    changed_by            TEXT NOT NULL,
    changed_at            TEXT NOT NULL
) STRICT;

CREATE TABLE agreement_log (
    id   INTEGER PRIMARY KEY,
    at   TEXT NOT NULL,
    by   TEXT NOT NULL,
    what TEXT NOT NULL,                   -- e.g. 'stage mql: stale_after_days'
    old  TEXT NOT NULL,
    new  TEXT NOT NULL
) STRICT;

INSERT INTO teams (key, name) VALUES ('marketing', 'Marketing'), ('sales', 'Sales');

INSERT INTO stages (key, name, position, owner_team, kind, stale_after_days, is_handoff, definition) VALUES
 ('new',          'New',          10, 'marketing', 'open',         7,    0, 'Known contact, not yet engaged with us'),
 ('engaged',      'Engaged',      20, 'marketing', 'open',         21,   0, 'Has engaged with content, events or ads'),
 ('mql',          'MQL',          30, 'sales',     'open',         3,    1, 'Fits the profile and showed buying intent: handed to sales'),
 ('sql',          'SQL',          40, 'sales',     'open',         14,   0, 'Sales spoke with them and confirmed need, budget and timing'),
 ('opportunity',  'Opportunity',  50, 'sales',     'open',         30,   0, 'A deal is being worked with a value and a close plan'),
 ('won',          'Won',          60, 'sales',     'won',          NULL, 0, 'Signed'),
 ('lost',         'Lost',         70, 'sales',     'lost',         NULL, 0, 'A real opportunity that chose not to buy'),
 ('disqualified', 'Disqualified', 80, 'sales',     'disqualified', NULL, 0, 'Poor fit: never deliver again'),
 ('recycled',     'Recycled',     90, 'marketing', 'recycled',     NULL, 0, 'Not ready: back to marketing for nurturing');

INSERT INTO exit_reasons (stage_kind, text) VALUES
 ('disqualified', 'No budget'), ('disqualified', 'Not a decision maker'),
 ('disqualified', 'Wrong industry or size'), ('disqualified', 'Competitor or student'),
 ('disqualified', 'Bad contact data'),
 ('recycled', 'Timing: revisit next quarter'), ('recycled', 'No response after 5 touches'),
 ('recycled', 'Needs more education'),
 ('lost', 'Chose a competitor'), ('lost', 'Price'), ('lost', 'No decision'), ('lost', 'Missing feature');

INSERT INTO sla_agreements (effective_from, leads_per_rep_month, contacts_per_rep_week,
                            first_contact_hours, timezone, changed_by, changed_at)
VALUES ('2000-01-01T00:00:00Z', 100, 20, 48, 'UTC', 'leadboard', '2000-01-01T00:00:00Z');
"#,
    // 2: the board's per-stage count and value read only this index, not the table
    // (100k leads: 160 ms → 10 ms; see docs/schema.md, query plans).
    r#"
CREATE INDEX leads_stage_value ON leads(stage, value_cents);
"#,
    // 3: weekly meetings, the red flags open when each started, and the decisions taken in them.
    r#"
CREATE TABLE meetings (
    id                    INTEGER PRIMARY KEY,
    started_at            TEXT NOT NULL,
    started_by            TEXT NOT NULL,
    ended_at              TEXT,
    -- The scoreboard when the meeting started, so the next one can show the trend.
    delivered             INTEGER NOT NULL,
    delivered_target      REAL NOT NULL,
    delivered_pace        REAL NOT NULL,
    contacts              INTEGER NOT NULL,
    contacts_target       REAL NOT NULL,
    contacts_pace         REAL NOT NULL,
    first_contact_hours   INTEGER NOT NULL,
    first_contact_met     INTEGER NOT NULL,
    first_contact_breached INTEGER NOT NULL,
    first_contact_open_breached INTEGER NOT NULL
) STRICT;
CREATE INDEX meetings_started ON meetings(started_at, id);

CREATE TABLE meeting_flags (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    kind       TEXT NOT NULL,
    lead_id    INTEGER,                   -- NULL for a flag about a gauge
    label      TEXT NOT NULL,
    owner      TEXT,
    since      TEXT NOT NULL
) STRICT;
CREATE INDEX meeting_flags_meeting ON meeting_flags(meeting_id);

CREATE TABLE meeting_decisions (
    id         INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    lead_id    INTEGER NOT NULL REFERENCES leads(id),
    flag_kind  TEXT NOT NULL DEFAULT '',
    decision   TEXT NOT NULL CHECK (decision IN ('next_step', 'recycle', 'disqualify', 'won')),
    text       TEXT NOT NULL DEFAULT '',  -- the next step, or the reason
    owner      TEXT,
    due        TEXT,                      -- YYYY-MM-DD
    by         TEXT NOT NULL,
    at         TEXT NOT NULL
) STRICT;
CREATE INDEX meeting_decisions_meeting ON meeting_decisions(meeting_id, id);
"#,
    // 4: indexes for the metrics' red-flag reads (see store/metrics.rs), so a 100k-lead file
    // finds its candidates without scanning every lead or every stage event.
    r#"
CREATE INDEX leads_next_step_due ON leads(next_step_due) WHERE next_step_due IS NOT NULL;
CREATE INDEX leads_priority ON leads(stage, last_activity_at) WHERE priority = 1;
CREATE INDEX stage_events_to ON stage_events(to_stage, lead_id);
-- Contacts per week and person read only this index (1.9 s → 0.3 s for 8 weeks of a 100k file);
-- it starts with `at`, so it serves every query the old one did.
CREATE INDEX activities_at_kind_by ON activities(at, kind, by);
DROP INDEX activities_at;
"#,
    // 5: covering and partial indexes for the metrics on 100k leads (see docs/schema.md, query
    // plans). The two replaced indexes are prefixes of their replacements, so every query that
    // used them still finds its rows the same way.
    r#"
-- A lead's history in order with what the funnel and the stay durations read: no table lookups.
CREATE INDEX stage_events_lead_at ON stage_events(lead_id, at, id, from_stage, to_stage);
DROP INDEX stage_events_lead;
-- Deliveries (entries into a hand-off stage) in a period, counted without touching the table.
CREATE INDEX stage_events_handoff ON stage_events(to_stage, at, from_stage, by, lead_id);
-- First contact after a delivery: the kind is in the index, so notes are skipped there.
CREATE INDEX activities_lead_kind ON activities(lead_id, at, kind);
DROP INDEX activities_lead;
-- The red flags "delivered, never contacted" and "no next step" are few rows of 100k.
CREATE INDEX leads_uncontacted ON leads(delivered_at) WHERE first_contact_at IS NULL AND delivered_at IS NOT NULL;
CREATE INDEX leads_no_next_step ON leads(stage) WHERE next_step = '';
"#,
    // 6: the filter form's list of sources, read on every board load, seeks this index once per
    // distinct source instead of scanning every lead (store/undo.rs, `sources`).
    r#"
CREATE INDEX leads_source ON leads(source);
"#,
    // 7: figures kept on write (store/summary.rs): each lead's furthest stage, grouped in index
    // order without a sort, the histogram of completed stays per stage, and each stage's count
    // and value for the board's headings. 100k leads: the funnel's reads went from ~830 ms to
    // ~30 ms (docs/schema.md). The triggers come from macros: a later change to them needs a
    // migration of its own that drops and recreates them.
    concat!(
        r#"
ALTER TABLE leads ADD COLUMN furthest TEXT;
CREATE TABLE stage_stays (
    stage TEXT NOT NULL,
    hours INTEGER NOT NULL,
    n     INTEGER NOT NULL,
    PRIMARY KEY (stage, hours)
) STRICT, WITHOUT ROWID;
CREATE INDEX leads_funnel ON leads(campaign_id, source, furthest, stage, created_at, value_cents);
-- Covered now by stage_totals, and by leads_funnel (a campaign filter seeks its prefix);
-- every index is one more to write on each edit and to build after an import.
DROP INDEX leads_stage_value;
DROP INDEX leads_campaign;
-- An undone contact stays in the history but stops counting (store/undo.rs): the note that
-- retracted it. The metrics' activity indexes skip or carry it, so they stay covering.
ALTER TABLE activities ADD COLUMN retracted_by INTEGER; -- an activities.id; no REFERENCES: a foreign key without an index on it would make every delete of an activity scan them all
-- Earlier undos wrote only the note ("undo: retracts the call logged 2026-11-20 10:00 (...)"):
-- mark the contact it names (best effort: two equal contacts in one minute both match).
UPDATE activities SET retracted_by = (SELECT n.id FROM activities n WHERE n.lead_id = activities.lead_id
    AND n.kind = 'note' AND n.body LIKE 'undo: retracts the ' || activities.kind || ' logged '
    || strftime('%Y-%m-%d %H:%M', activities.at) || ' (%' ORDER BY n.id LIMIT 1)
  WHERE kind <> 'note' AND lead_id IN (SELECT lead_id FROM activities
    WHERE kind = 'note' AND body LIKE 'undo: retracts the %');
DROP INDEX activities_at_kind_by;
CREATE INDEX activities_contacts ON activities(at, by) WHERE kind <> 'note' AND retracted_by IS NULL;
DROP INDEX activities_lead_kind;
CREATE INDEX activities_lead_kind ON activities(lead_id, at, kind, retracted_by);
-- Deleting a lead checks its meeting decisions through this instead of reading them all.
CREATE INDEX meeting_decisions_lead ON meeting_decisions(lead_id);
-- The reason in the index: "recycled without a reason" reads only index entries.
DROP INDEX stage_events_to;
CREATE INDEX stage_events_to ON stage_events(to_stage, lead_id, reason);
CREATE TABLE stage_totals (
    stage       TEXT PRIMARY KEY,
    n           INTEGER NOT NULL,
    value_cents INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
"#,
        super::summary::summary_triggers!(),
        super::summary::rebuild_summaries!()
    ),
    // 8: "delivered, never contacted" seeks the open stages inside its partial index instead of
    // reading every never-contacted delivery of the history (606 leads on the 100k demo, 38 of
    // them open and overdue): the query went from 1.2 ms to 0.1 ms warm, and from 34 ms to
    // 2.4 ms when the file is not in the OS page cache.
    r#"
DROP INDEX leads_uncontacted;
CREATE INDEX leads_uncontacted ON leads(stage, delivered_at) WHERE first_contact_at IS NULL AND delivered_at IS NOT NULL;
"#,
    // 9: where a lead entered the funnel when its history cannot say: an imported deal that
    // arrives already lost or disqualified has no open stage in its history, and would count
    // in no step of the funnel. The import records the first agreed stage its source's
    // pipeline maps to; the funnel counts such a lead up to there (metrics/funnel.rs). Only
    // leads with no open or won stage in their history are read, through the partial index.
    // Every other lead's entry stage is the open or won stage it was created in, so the
    // funnel can show how many entered each stage directly.
    concat!(
        r#"
ALTER TABLE leads ADD COLUMN entry_stage TEXT;
CREATE INDEX leads_unreached ON leads(campaign_id, source, entry_stage, stage, created_at, value_cents) WHERE furthest IS NULL;
CREATE INDEX leads_entry ON leads(entry_stage, created_at);
"#,
        super::summary::entry_from_events!()
    ),
    // 10: a lead's phone, and how a contact went (a rep logs "no answer" as a contact made,
    // and the outcome tells the meeting whether anyone was reached).
    r#"
ALTER TABLE leads ADD COLUMN phone TEXT NOT NULL DEFAULT '';
ALTER TABLE activities ADD COLUMN outcome TEXT NOT NULL DEFAULT ''
    CHECK (outcome IN ('', 'reached', 'no_answer', 'left_message', 'meeting_booked'));
"#,
    // 11: red flags acknowledged until a date (or until the lead changes stage); the walk and
    // the flags view leave them out, the report lists them.
    r#"
CREATE TABLE flag_snoozes (
    id      INTEGER PRIMARY KEY,
    lead_id INTEGER NOT NULL REFERENCES leads(id),
    kind    TEXT NOT NULL,
    stage   TEXT NOT NULL,
    until   TEXT NOT NULL,               -- YYYY-MM-DD: back in the walk that day
    reason  TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    by      TEXT NOT NULL,
    at      TEXT NOT NULL
) STRICT;
CREATE INDEX flag_snoozes_until ON flag_snoozes(until, lead_id);
CREATE INDEX flag_snoozes_lead ON flag_snoozes(lead_id);
"#,
    // 12: an open deal's expected close date, as the CRM export says it (HubSpot and
    // Salesforce "Close Date" on an open deal): shown on its card, never its stage entry.
    r#"
ALTER TABLE leads ADD COLUMN expected_close TEXT;
"#,
    // 13: who may reach the shared file through OpenSSH, with which role. sshd proves the key;
    // the forced command it runs names the handle, and the role decides what that person may
    // write. A file with no row here is a local file: whoever opens it is trusted as today.
    r#"
CREATE TABLE access (
    handle   TEXT PRIMARY KEY CHECK (length(handle) BETWEEN 1 AND 64),
    role     TEXT NOT NULL CHECK (role IN ('viewer', 'rep', 'lead', 'admin')),
    added_by TEXT NOT NULL,
    added_at TEXT NOT NULL
) STRICT;
CREATE TABLE access_keys (
    id       INTEGER PRIMARY KEY,
    handle   TEXT NOT NULL REFERENCES access(handle) ON DELETE CASCADE,
    algo     TEXT NOT NULL CHECK (length(algo) BETWEEN 1 AND 64),
    blob     TEXT NOT NULL UNIQUE CHECK (length(blob) > 0),
    comment  TEXT NOT NULL DEFAULT '',
    added_at TEXT NOT NULL
) STRICT;
CREATE INDEX access_keys_handle ON access_keys(handle);
"#,
    // 14: the currency a deal's value is in, as the CRM export names it (ISO code, e.g. 'EUR');
    // '' is the team's own currency. A value is never converted: totals are kept per currency.
    r#"
ALTER TABLE leads ADD COLUMN currency TEXT NOT NULL DEFAULT ''
    CHECK (currency = '' OR (length(currency) = 3 AND currency = upper(currency)));
"#,
    // 15: the deals in other currencies than the team's, for the board's headings and the
    // funnel's won value, which keep them apart: without it each refresh read every lead
    // (200 ms on 100k). Partial, so a one-currency file's index is empty.
    r#"
CREATE INDEX leads_currency ON leads(currency, stage, value_cents) WHERE currency <> '';
"#,
];

pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}
