//! Store → meeting state: the scoreboard, the red flags, and what changed since last time.

use super::meeting_state::{FlagLeadInfo, StageBar};
use super::state::State;
use super::theme::Theme;
use crate::domain::{LeadFilter, Timestamp};
use crate::meeting::{FlagRef, MeetingRecord, Scoreboard, deltas};
use crate::store::{Result, Store, StoreError};

/// The meeting's inputs: the SLA gauges and red flags exactly as the SLA and Flags views and
/// `leadboard report` compute them (one set of definitions, docs/metrics.md).
pub fn inputs(store: &Store, now: Timestamp) -> Result<(Scoreboard, Vec<FlagRef>)> {
    use crate::io::gather;
    use crate::meeting::from_metrics;
    store.read_snapshot(|store| {
        let (plan, agreements) = gather::plan(store, now)?;
        let sla = gather::sla(store, &plan, &agreements)?;
        let flags = gather::flags(store, &plan, Some(&sla))?;
        Ok((
            from_metrics::scoreboard(&sla),
            flags.iter().map(from_metrics::flag).collect(),
        ))
    })
}

/// Loads every section. With `record`, the meeting is first written to the file with the
/// flags open now, so the next meeting can say exactly which were resolved.
pub fn open(store: &mut Store, state: &mut State, record: bool) -> Result<()> {
    let now = state.ctx.clock.now();
    state.now = now;
    let (board, flags) = inputs(store, now)?;
    let previous = store.latest_meeting(now)?;
    state.meeting.record = None;
    if record && !state.ctx.read_only {
        let id = store.start_meeting(&state.ctx.user, now, &board, &flags)?;
        state.meeting.record = Some(store.meeting(id)?);
    } else if record {
        state.info("read-only file: this meeting is shown but not recorded");
    }
    state
        .meeting
        .theme
        .get_or_insert(if state.ctx.theme == Theme::plain() {
            Theme::plain()
        } else {
            Theme::projector()
        });
    state.meeting.scoreboard = board;
    state.meeting.flags = flags;
    // The team filter needs each owner's team, also when the meeting opens on its own.
    state.meta.reps = store.reps()?;
    state.meeting.group_index = 0;
    state.meeting.in_group = 0;
    super::meeting_update::regroup(state);
    state.meeting.decisions.clear();
    sections(store, state, previous.as_ref())
}

/// Starts the meeting on screen: recorded now, with the scoreboard and flags it opened with.
pub fn record(store: &mut Store, state: &mut State) -> Result<()> {
    let now = state.ctx.clock.now();
    let m = &state.meeting;
    let id = store.start_meeting(&state.ctx.user, now, &m.scoreboard, &m.flags)?;
    state.meeting.record = Some(store.meeting(id)?);
    state.info("meeting started and recorded; Esc ends it");
    Ok(())
}

/// Reloads what the sections show around the fixed flag list (after a decision, or Ctrl-r).
pub fn reload(store: &Store, state: &mut State) -> Result<()> {
    // Later than the start: a lead won during the meeting belongs in its wins.
    state.now = state.ctx.clock.now();
    let previous = match &state.meeting.record {
        Some(r) => store.meeting_before(r.id)?,
        None => store.latest_meeting(state.now)?,
    };
    sections(store, state, previous.as_ref())
}

fn sections(store: &Store, state: &mut State, previous: Option<&MeetingRecord>) -> Result<()> {
    let now = state.now;
    let stages = store.stages()?;
    let moves = store.moves_between(deltas::window_start(previous, now), now)?;
    let m = &mut state.meeting;
    m.since = Some(deltas::since_last(
        previous,
        now,
        &moves,
        &stages,
        &m.flags,
        &m.scoreboard,
    ));
    m.wins = deltas::wins(&moves, &stages).into_iter().cloned().collect();
    m.commitments.clear();
    if let Some(p) = previous {
        let today = now.date_naive();
        for d in store.decisions(p.id)? {
            let since = store.touched_after(d.lead_id, d.at)?;
            let state = crate::meeting::commitments::assess(&d, since, today);
            m.commitments
                .push(crate::meeting::commitments::Commitment { decision: d, state });
        }
    }
    let summary = store.board_summary(&LeadFilter::default())?;
    m.board = stages
        .iter()
        .filter(|s| s.is_open())
        .map(|s| {
            let c = summary.iter().find(|c| c.stage == s.key);
            StageBar {
                name: s.name.clone(),
                owner: s.owner,
                count: c.map_or(0, |c| c.count),
                value: c.map_or(Default::default(), |c| c.value),
                other: c.map(|c| c.other.clone()).unwrap_or_default(),
            }
        })
        .collect();
    m.flag_leads.clear();
    let shown = m.current_flag().and_then(|f| f.lead_id);
    if let Some(id) = shown {
        flag_lead_in(store, &stages, m, id)?;
    }
    if let Some(r) = &m.record {
        m.decisions = store.decisions(r.id)?;
    }
    Ok(())
}

/// What the flag screen shows of lead `id`, read once when the walk reaches it.
pub fn flag_lead(store: &Store, state: &mut State, id: crate::domain::LeadId) -> Result<()> {
    let stages = store.stages()?;
    flag_lead_in(store, &stages, &mut state.meeting, id)
}

fn flag_lead_in(
    store: &Store,
    stages: &[crate::domain::Stage],
    m: &mut super::meeting_state::MeetingState,
    id: crate::domain::LeadId,
) -> Result<()> {
    let lead = match store.lead(id) {
        Ok(l) => l,
        // Deleted since the flag was computed: the flag screen says it cannot be decided.
        Err(StoreError::NotFound(_)) => return Ok(()),
        Err(e) => return Err(e),
    };
    let stage = stages
        .iter()
        .find(|s| s.key == lead.stage)
        .map_or(lead.stage.clone(), |s| s.name.clone());
    m.flag_leads.insert(
        id,
        FlagLeadInfo {
            name: lead.name,
            company: lead.company,
            version: lead.version,
            stage,
            value: lead.value,
            next_step: lead.next_step,
        },
    );
    Ok(())
}

/// Loads a recorded meeting as it was, for writing its minutes without the TUI.
pub fn recorded(store: &Store, state: &mut State, id: i64) -> Result<()> {
    let record = store.meeting(id)?;
    state.now = state.ctx.clock.now();
    state.meeting.scoreboard = record.scoreboard;
    // The flags open now, so "resolved" means resolved since the meeting before this one.
    state.meeting.flags = inputs(store, state.now)?.1;
    super::meeting_update::regroup(state);
    state.meeting.record = Some(record);
    reload(store, state)
}
