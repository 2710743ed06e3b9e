//! key → action → state change for the meeting views and the settings editor. Pure.

use super::action::Action;
use super::effects::Effect;
use super::metrics_state::{Confirm, Editing, Setting};
use super::state::{State, View};
use crate::domain::stage_edit::StageField;

/// Number-key order; Tab walks it.
pub const ORDER: [View; 5] = [
    View::Board,
    View::Sla,
    View::Flags,
    View::Funnel,
    View::Settings,
];

pub fn view_description(v: View) -> &'static str {
    match v {
        View::Board => "board",
        View::Sla => "SLA gauges",
        View::Flags => "red flags",
        View::Funnel => "funnel and campaigns",
        View::Settings => "settings: stages and SLA",
        View::Detail => "lead detail",
        View::Meeting => "meeting mode",
    }
}

fn load(v: View) -> Vec<Effect> {
    match v {
        View::Board => vec![Effect::ShowBoard],
        other => vec![Effect::LoadView(other)],
    }
}

pub fn show(state: &mut State, v: View) -> Vec<Effect> {
    state.view = v;
    state.help = false;
    load(v)
}

pub fn next(state: &mut State) -> Vec<Effect> {
    let i = ORDER.iter().position(|v| *v == state.view).unwrap_or(0);
    show(state, ORDER[(i + 1) % ORDER.len()])
}

pub fn refresh(state: &State) -> Vec<Effect> {
    let mut fx = vec![Effect::ReloadBoard];
    if state.view != View::Board {
        fx.push(Effect::RefreshView(state.view));
    }
    fx
}

fn page(state: &State) -> usize {
    (state.size.1 as usize).saturating_sub(8).max(1)
}

/// Moves an index within `0..len` by a navigation action.
fn step(i: usize, len: usize, action: &Action, page: usize) -> usize {
    let last = len.saturating_sub(1);
    match action {
        Action::Up => i.saturating_sub(1),
        Action::Down => (i + 1).min(last),
        Action::PageUp => i.saturating_sub(page),
        Action::PageDown => (i + page).min(last),
        Action::Top => 0,
        Action::Bottom => last,
        _ => i,
    }
    .min(last)
}

pub fn nav(state: &mut State, action: Action) -> Vec<Effect> {
    let page = page(state);
    match state.view {
        View::Sla => {
            let n = state.sla.sla.as_ref().map_or(0, |s| s.reps.len());
            state.sla.scroll = step(state.sla.scroll, n, &action, page);
            vec![]
        }
        View::Funnel => {
            // The funnel is a long page: scroll by lines, bounded by the view itself.
            state.funnel.scroll = step(state.funnel.scroll, 200, &action, page);
            vec![]
        }
        View::Flags => {
            if action == Action::Open {
                return match state.flags.selected_lead() {
                    Some(id) => super::update::update(state, Action::OpenLead(id)),
                    None => {
                        state.info("this flag is about an SLA gauge: see the SLA view (2)");
                        vec![]
                    }
                };
            }
            let n = state.flags.flags.len();
            state.flags.selected = step(state.flags.selected, n, &action, page);
            vec![]
        }
        View::Settings => settings_nav(state, action),
        View::Board | View::Detail | View::Meeting => vec![],
    }
}

fn settings_nav(state: &mut State, action: Action) -> Vec<Effect> {
    if action == Action::Open && state.refuse_writes() {
        return vec![];
    }
    let s = &mut state.settings;
    match action {
        Action::Left => s.col = s.col.saturating_sub(1),
        Action::Right => s.col = (s.col + 1).min(StageField::ALL.len() - 1),
        Action::Open => {
            if let Some(setting) = s.current() {
                s.editing = Some(Editing {
                    setting,
                    input: s.value_of(setting),
                    fresh: true,
                });
            }
        }
        other => s.row = step(s.row, s.rows(), &other, 5),
    }
    vec![]
}

/// `K` / `J` in the settings: the selected stage one place earlier or later. The store
/// checks the funnel's rules (open stages before the exits) and logs the change.
pub fn move_stage(state: &mut State, action: &Action) -> Vec<Effect> {
    if state.view != View::Settings {
        state.info("stages are moved in the settings view (5)");
        return vec![];
    }
    if state.refuse_writes() {
        return vec![];
    }
    let s = &state.settings;
    let Some(Setting::Stage(i, _)) = s.current() else {
        state.info("select a stage (↓) to move it");
        return vec![];
    };
    let key = s.stages[i].key.clone();
    let name = s.stages[i].name.clone();
    let after = match action {
        Action::StageEarlier if i == 0 => {
            state.info(format!("{key} is already the first stage"));
            return vec![];
        }
        Action::StageEarlier => i.checked_sub(2).map(|j| s.stages[j].key.clone()),
        _ if i + 1 >= s.stages.len() => {
            state.info(format!("{key} is already the last stage"));
            return vec![];
        }
        _ => Some(s.stages[i + 1].key.clone()),
    };
    let place = match &after {
        None => "to the start of the funnel".to_string(),
        Some(a) => {
            let a = s
                .stages
                .iter()
                .find(|st| &st.key == a)
                .map_or(a.as_str(), |st| st.name.as_str());
            format!("after {a}")
        }
    };
    // The funnel is everyone's: one keystroke must not reorder it.
    state.settings.pending = Some(Confirm {
        prompt: format!("Move stage {name} {place} for everyone? y saves · n or Esc cancels"),
        effect: Effect::MoveStage { key, after },
    });
    vec![]
}

/// `u` in the settings: takes back this session's latest settings change.
pub fn undo_setting(state: &mut State) -> Vec<Effect> {
    if state.settings.undo.last().is_some() && state.refuse_writes() {
        return vec![];
    }
    match state.settings.undo.last() {
        Some(u) => vec![Effect::UndoSetting(u.clone())],
        None => {
            state.info("nothing to undo here: you have not changed a setting in this session");
            vec![]
        }
    }
}

/// Typing into the editor. Commit asks for a save; the editor closes only once it is saved,
/// so a refused value is still there to fix.
pub fn edit(state: &mut State, action: Action) -> Vec<Effect> {
    if let Some(p) = state.settings.pending.clone() {
        return match action {
            Action::Commit | Action::Type('y') | Action::Type('Y') => {
                state.settings.pending = None;
                vec![p.effect]
            }
            Action::Cancel | Action::Type('n') | Action::Type('N') => {
                // An edit goes back to its editor, to change or Esc.
                state.settings.pending = None;
                state.info("the funnel was not changed");
                vec![]
            }
            _ => vec![],
        };
    }
    let Some(e) = state.settings.editing.as_mut() else {
        return vec![];
    };
    match action {
        Action::Type(c) if !c.is_control() && e.input.chars().count() < 300 => {
            if std::mem::take(&mut e.fresh) {
                e.input.clear();
            }
            e.input.push(c)
        }
        Action::Backspace if std::mem::take(&mut e.fresh) => e.input.clear(),
        Action::Backspace => {
            e.input.pop();
        }
        Action::ClearInput => {
            e.fresh = false;
            e.input.clear();
        }
        Action::Cancel => state.settings.editing = None,
        Action::Commit => {
            let (setting, input) = (e.setting, e.input.clone());
            let Setting::Stage(i, f) = setting else {
                return vec![Effect::SaveSetting(setting, input)];
            };
            // A stage is everyone's funnel: check the value, then ask before saving it.
            if let Err(why) = f.parse(&input) {
                state.error(why);
                return vec![];
            }
            if state.settings.value_of(setting) == input.trim() {
                return vec![Effect::SaveSetting(setting, input)];
            }
            let name = state
                .settings
                .stages
                .get(i)
                .map_or("?", |s| s.name.as_str());
            state.settings.pending = Some(Confirm {
                prompt: format!(
                    "Change stage {name}'s {} to {:?} for everyone? y saves · n goes back",
                    f.as_str(),
                    input.trim()
                ),
                effect: Effect::SaveSetting(setting, input),
            });
            return vec![];
        }
        _ => {}
    }
    vec![]
}

/// What the editor is changing, in words.
pub fn describe(s: &super::metrics_state::SettingsState, setting: Setting) -> String {
    match setting {
        Setting::Sla(f) => f.label().to_string(),
        Setting::Rep(i) => s
            .reps
            .get(i)
            .map_or("a rep".into(), |r| format!("rep {}", r.handle)),
        Setting::Campaign(i) => s
            .campaigns
            .get(i)
            .map_or("a campaign".into(), |c| format!("campaign {}", c.name)),
        Setting::Reason(i) => s
            .reasons
            .get(i)
            .map_or("a reason".into(), |(k, r)| format!("{k} reason {r:?}")),
        Setting::Stage(i, f) => {
            let name = s.stages.get(i).map_or("?", |st| st.name.as_str());
            format!("stage {name}: {}", f.as_str())
        }
    }
}
