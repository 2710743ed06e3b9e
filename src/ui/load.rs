//! Store → state: what the views need, and only the visible part of it.

use super::state::{Column, State};
use super::views::board::cards_per_page;
use crate::domain::LeadId;
use crate::store::{Result, Store};

/// Reloads the board, keeping each column's cursor on the same lead where it still exists
/// (and on the same screen row), and following the focused lead into another column when
/// someone moved it there.
pub fn board(store: &Store, state: &mut State) -> Result<()> {
    store.read_snapshot(|store| board_in_snapshot(store, state))
}

fn board_in_snapshot(store: &Store, state: &mut State) -> Result<()> {
    state.now = state.ctx.clock.now();
    // Read the version first: a commit landing while we load is caught by the next poll.
    state.data_version = Some(store.data_version()?);
    let stamp = store.change_stamp()?;
    let stages = store.stages()?;
    meta(store, state, &stages)?;
    let exits = state.board.exits;
    let shown: Vec<&str> = stages
        .iter()
        .filter(|s| s.is_open() != exits)
        .map(|s| s.key.as_str())
        .collect();
    // In the past (the scrubber) each lead is in the stage its history puts it in then.
    let past = state.past.as_ref().map(|p| p.at);
    let summary = match past {
        Some(at) => store.board_summary_at(at)?,
        None => store.board_summary_in(&state.board.filter, &shown)?,
    };
    // Leads in a stage that was deleted (by another tool) cannot be drawn: say so.
    let orphans: Vec<&str> = summary
        .iter()
        .filter(|c| !stages.iter().any(|s| s.key == c.stage))
        .map(|c| c.stage.as_str())
        .collect();
    if !orphans.is_empty() {
        let n: i64 = summary
            .iter()
            .filter(|c| orphans.contains(&c.stage.as_str()))
            .map(|c| c.count)
            .sum();
        // A note, not an error: the rest of the board is fine and `snapshot` still works.
        state.info(format!(
            "{n} lead(s) sit in stages that no longer exist ({}); run `leadboard check`",
            orphans.join(", ")
        ));
    }
    let old: Vec<Cursor> = state.board.columns.iter().map(Cursor::of).collect();
    let focused = state.current_column().map(Cursor::of);
    let mut columns = Vec::new();
    for stage in stages.into_iter().filter(|s| s.is_open() != exits) {
        let (count, value, other) = summary
            .iter()
            .find(|s| s.stage == stage.key)
            .map_or((0, Default::default(), Default::default()), |s| {
                (s.count, s.value, s.other.clone())
            });
        let (offset, selected) = old
            .iter()
            .find(|o| o.stage == stage.key)
            .map_or((0, 0), |o| (o.offset, o.selected));
        let sort = state
            .board
            .sorts
            .get(&stage.key)
            .copied()
            .unwrap_or_default();
        columns.push(Column {
            stage,
            count,
            value,
            other,
            offset,
            selected,
            cards: Vec::new(),
            sort,
        });
    }
    state.board.col = focused
        .as_ref()
        .and_then(|f| columns.iter().position(|c| c.stage.key == f.stage))
        .unwrap_or(0)
        .min(columns.len().saturating_sub(1));
    let filter = state.board.filter.clone();
    for cur in &old {
        let Some(id) = cur.lead else { continue };
        if past.is_some() {
            break;
        }
        // Positions are by age: a column in another order keeps its cursor where it was.
        if let Some(col) = columns.iter().find(|c| c.stage.key == cur.stage)
            && col.sort != crate::domain::CardSort::Age
        {
            continue;
        }
        if let Some((stage, pos)) = store.card_position(id, &filter)?
            && let Some(col) = columns.iter_mut().find(|c| c.stage.key == cur.stage)
            && stage == cur.stage
        {
            col.place(pos, cur.row());
        }
    }
    if let Some(f) = &focused
        && past.is_none()
        && let Some(id) = f.lead
        && let Some((stage, pos)) = store.card_position(id, &filter)?
        && stage != f.stage
        && let Some(i) = columns.iter().position(|c| c.stage.key == stage)
    {
        state.board.col = i;
        columns[i].place(pos, f.row());
    }
    state.board.columns = columns;
    for i in 0..state.board.columns.len() {
        column(store, state, i)?;
    }
    state.board.computed = Some(super::metrics_state::Computed {
        stamp,
        at: state.now,
    });
    Ok(())
}

/// Reloads the board when another process committed since the last load (`PRAGMA
/// data_version` changes only for other connections' commits; it costs no disk read).
pub fn if_changed(store: &Store, state: &mut State) -> Result<bool> {
    let now = store.data_version()?;
    if state.data_version == Some(now) {
        return Ok(false);
    }
    board(store, state)?;
    super::metrics_load::current(store, state)?;
    Ok(true)
}

/// Fetches one column's visible window, clamping the selection to what exists now.
pub fn column(store: &Store, state: &mut State, i: usize) -> Result<()> {
    let page = cards_per_page(state.size.1).max(1);
    let filter = state.board.filter.clone();
    let Some(col) = state.board.columns.get_mut(i) else {
        return Ok(());
    };
    let count = col.count.max(0) as usize;
    col.selected = col.selected.min(count.saturating_sub(1));
    // Keep the selection in view, and the window full: a column that grew back (a filter
    // cleared, an undo) must not stay scrolled to its last card alone ("67-67").
    col.offset = col
        .offset
        .min(col.selected)
        .max((col.selected + 1).saturating_sub(page))
        .min(count.saturating_sub(page));
    if let Some(p) = &state.past {
        col.cards = store.column_at(&col.stage.key, p.at, col.offset, page)?;
        return Ok(());
    }
    col.cards = match col.sort {
        crate::domain::CardSort::Age => {
            store.column_window(&col.stage.key, &filter, col.offset, page, count)?
        }
        sort => store.column_sorted(&col.stage.key, &filter, col.offset, page, sort)?,
    };
    Ok(())
}

/// Where a column's cursor was before a reload.
struct Cursor {
    stage: String,
    offset: usize,
    selected: usize,
    lead: Option<LeadId>,
}

impl Cursor {
    fn of(c: &Column) -> Cursor {
        Cursor {
            stage: c.stage.key.clone(),
            offset: c.offset,
            selected: c.selected,
            lead: c
                .selected
                .checked_sub(c.offset)
                .and_then(|i| c.cards.get(i))
                .map(|k| k.id),
        }
    }

    /// The cursor's row within the window, kept so the card does not jump on screen.
    fn row(&self) -> usize {
        self.selected.saturating_sub(self.offset)
    }
}

impl Column {
    fn place(&mut self, pos: usize, row: usize) {
        self.selected = pos;
        self.offset = pos.saturating_sub(row);
    }
}

/// The file's lists that forms offer and check (stages, reps, campaigns, sources, reasons).
fn meta(store: &Store, state: &mut State, stages: &[crate::domain::Stage]) -> Result<()> {
    use crate::domain::StageKind;
    let mut reasons = Vec::new();
    for kind in StageKind::WITH_REASONS {
        reasons.push((kind, store.exit_reasons(kind)?));
    }
    // Sources come from a scan of every lead: read once per session, not on every reload
    // (they are only a hint in the forms; the field takes any text).
    let sources = if state.meta.stages.is_empty() {
        store.sources()?
    } else {
        std::mem::take(&mut state.meta.sources)
    };
    state.meta = super::triage_state::Meta {
        stages: stages.to_vec(),
        reps: store.reps()?,
        campaigns: store.campaigns()?,
        sources,
        reasons,
        agreements: store.agreements()?,
    };
    Ok(())
}
