//! Store → state: what the views need, and only the visible part of it.

use super::state::{Column, State};
use super::views::board::cards_per_page;
use crate::store::{Result, Store};

/// Reloads the board, keeping the selection on the same lead where it still exists.
pub fn board(store: &Store, state: &mut State) -> Result<()> {
    state.now = state.ctx.clock.now();
    let stages = store.stages()?;
    meta(store, state, &stages)?;
    let exits = state.board.exits;
    let summary = store.board_summary(&state.board.filter)?;
    let old: Vec<(String, usize, usize, Option<i64>)> = state
        .board
        .columns
        .iter()
        .map(|c| {
            let sel_id = c.cards.get(c.selected.wrapping_sub(c.offset)).map(|k| k.id);
            (c.stage.key.clone(), c.offset, c.selected, sel_id)
        })
        .collect();
    let selected_stage = state.current_column().map(|c| c.stage.key.clone());
    let mut columns = Vec::new();
    for stage in stages.into_iter().filter(|s| s.is_open() != exits) {
        let (count, value) = summary
            .iter()
            .find(|s| s.stage == stage.key)
            .map_or((0, Default::default()), |s| (s.count, s.value));
        let (offset, selected) = old
            .iter()
            .find(|o| o.0 == stage.key)
            .map_or((0, 0), |o| (o.1, o.2));
        columns.push(Column {
            stage,
            count,
            value,
            offset,
            selected,
            cards: Vec::new(),
        });
    }
    state.board.col = selected_stage
        .and_then(|k| columns.iter().position(|c| c.stage.key == k))
        .unwrap_or(0)
        .min(columns.len().saturating_sub(1));
    state.board.columns = columns;
    for i in 0..state.board.columns.len() {
        column(store, state, i)?;
        // Where the selected lead is still in this column's window, keep the cursor on it.
        let col = &mut state.board.columns[i];
        if let Some((_, _, _, Some(id))) = old.iter().find(|o| o.0 == col.stage.key)
            && let Some(pos) = col.cards.iter().position(|c| c.id == *id)
        {
            col.selected = col.offset + pos;
        }
    }
    Ok(())
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
    col.offset = col
        .offset
        .min(col.selected)
        .max((col.selected + 1).saturating_sub(page));
    col.cards = store.column_cards(&col.stage.key, &filter, col.offset, page)?;
    Ok(())
}

/// The file's lists that forms offer and check (stages, reps, campaigns, sources, reasons).
fn meta(store: &Store, state: &mut State, stages: &[crate::domain::Stage]) -> Result<()> {
    use crate::domain::StageKind;
    let mut reasons = Vec::new();
    for kind in [
        StageKind::Lost,
        StageKind::Disqualified,
        StageKind::Recycled,
    ] {
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
    };
    Ok(())
}
