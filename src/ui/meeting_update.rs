//! Meeting mode's keys and update: pure, returns effects. Time moves only by `Action::Tick`.

use super::action::Action;
use super::effects::Effect;
use super::keymap::Binding;
use super::meeting_state::CELEBRATION_TICKS;
use super::state::{State, View};
use crate::meeting::agenda::Section;
use crate::meeting::decision::{DecisionKind, Form};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn bind(code: KeyCode, action: Action) -> Binding {
    Binding {
        code,
        mods: KeyModifiers::NONE,
        action,
    }
}

/// Keys of the meeting view (the global ones are added by `keymap`).
pub fn keys() -> Vec<Binding> {
    use KeyCode::*;
    vec![
        bind(Char(' '), Action::MeetingNext),
        bind(Right, Action::MeetingNext),
        bind(Char('l'), Action::MeetingNext),
        bind(Left, Action::MeetingPrev),
        bind(Char('h'), Action::MeetingPrev),
        bind(Down, Action::NextFlag),
        bind(Char('j'), Action::NextFlag),
        bind(Up, Action::PrevFlag),
        bind(Char('k'), Action::PrevFlag),
        bind(Char('n'), Action::Decide(DecisionKind::NextStep)),
        bind(Char('r'), Action::Decide(DecisionKind::Recycle)),
        bind(Char('d'), Action::Decide(DecisionKind::Disqualify)),
        bind(Char('w'), Action::Decide(DecisionKind::Won)),
        bind(Char('s'), Action::Decide(DecisionKind::Snooze)),
        bind(Char('J'), Action::NextGroup),
        bind(Char('K'), Action::PrevGroup),
        bind(Char('g'), Action::CycleGrouping),
        bind(Char('t'), Action::CycleTeam),
        bind(Enter, Action::StartMeeting),
        bind(Esc, Action::LeaveMeeting),
    ]
}

/// While the decision form is open every key types into it.
pub fn form_key(k: KeyEvent) -> Option<Action> {
    if k.modifiers.contains(KeyModifiers::CONTROL) {
        return (k.code == KeyCode::Char('u')).then_some(Action::ClearInput);
    }
    match k.code {
        KeyCode::Char(c) => Some(Action::FormChar(c)),
        KeyCode::Backspace => Some(Action::FormBackspace),
        KeyCode::Tab | KeyCode::Down | KeyCode::Up => Some(Action::FormNextField),
        KeyCode::Enter => Some(Action::FormSubmit),
        KeyCode::Esc => Some(Action::FormCancel),
        _ => None,
    }
}

/// Opens the meeting from any view and loads every section. Nothing is recorded until the
/// facilitator starts it (Enter): a look at the agenda, left with Esc, leaves no trace.
pub fn open(state: &mut State) -> Vec<Effect> {
    if state.view != View::Meeting {
        state.meeting.came_from = Some(state.view);
    }
    state.view = View::Meeting;
    state.help = false;
    state.meeting.ended = false;
    state.meeting.agenda.go_to(Section::Scoreboard);
    vec![Effect::OpenMeeting { record: false }]
}

/// Closing: end the recorded meeting and write its minutes, once.
fn close(state: &mut State) -> Vec<Effect> {
    let m = &mut state.meeting;
    match (&m.record, m.ended) {
        (Some(r), false) => {
            m.ended = true;
            vec![
                Effect::EndMeeting(r.id),
                Effect::WriteMinutes(m.options.minutes.clone()),
            ]
        }
        _ => vec![],
    }
}

fn tick(state: &mut State) {
    if let Some(s) = &mut state.status {
        s.ttl = s.ttl.saturating_sub(1);
        if s.ttl == 0 {
            state.status = None;
        }
    }
    let m = &mut state.meeting;
    m.frame = m.frame.wrapping_add(1);
    m.celebrate = m.celebrate.saturating_sub(1);
    if m.form.is_some() {
        // Count the time, but never step away from a half-typed decision.
        m.agenda.ticks = m.agenda.ticks.saturating_add(1);
    } else {
        m.agenda.tick();
    }
}

pub fn update(state: &mut State, action: Action) -> Vec<Effect> {
    match action {
        Action::Tick => {
            tick(state);
            vec![]
        }
        Action::Resize(w, h) => {
            state.size = (w, h);
            vec![]
        }
        Action::Quit => {
            state.quit = true;
            close(state)
        }
        Action::OpenMeeting => vec![],
        Action::StartMeeting if state.meeting.record.is_none() && state.meeting.form.is_none() => {
            if state.refuse_writes() {
                return vec![];
            }
            vec![Effect::RecordMeeting]
        }
        Action::Refresh => vec![Effect::ReloadMeeting],
        _ if state.meeting.form.is_some() => form(state, action),
        Action::ToggleHelp => {
            state.help = !state.help;
            vec![]
        }
        _ if state.help => {
            state.help = false;
            vec![]
        }
        Action::LeaveMeeting => {
            let mut fx = close(state);
            state.view = state.meeting.came_from.take().unwrap_or(View::Board);
            fx.push(Effect::ReloadBoard);
            fx
        }
        Action::MeetingNext => {
            state.meeting.agenda.step_next();
            vec![]
        }
        Action::MeetingPrev => {
            state.meeting.agenda.step_prev();
            vec![]
        }
        Action::NextFlag | Action::PrevFlag | Action::NextGroup | Action::PrevGroup
            if state.meeting.agenda.section() == Section::RedFlags =>
        {
            let m = &mut state.meeting;
            match action {
                Action::NextFlag | Action::PrevFlag => {
                    let len = m.groups.get(m.group_index).map_or(0, |g| g.flags.len());
                    m.in_group = if action == Action::NextFlag {
                        (m.in_group + 1).min(len.saturating_sub(1))
                    } else {
                        m.in_group.saturating_sub(1)
                    };
                }
                _ => {
                    let last = m.groups.len().saturating_sub(1);
                    m.group_index = if action == Action::NextGroup {
                        (m.group_index + 1).min(last)
                    } else {
                        m.group_index.saturating_sub(1)
                    };
                    m.in_group = 0;
                }
            }
            on_flag(state)
        }
        Action::CycleGrouping if state.meeting.agenda.section() == Section::RedFlags => {
            state.meeting.grouping = state.meeting.grouping.next();
            state.meeting.group_index = 0;
            state.meeting.in_group = 0;
            regroup(state);
            state.info(format!("flags by {}", state.meeting.grouping.label()));
            on_flag(state)
        }
        Action::CycleTeam if state.meeting.agenda.section() == Section::RedFlags => {
            use crate::domain::Team;
            state.meeting.team = match state.meeting.team {
                None => Some(Team::Marketing),
                Some(Team::Marketing) => Some(Team::Sales),
                Some(Team::Sales) => None,
            };
            state.meeting.group_index = 0;
            state.meeting.in_group = 0;
            regroup(state);
            let which = state
                .meeting
                .team
                .map_or("all".to_string(), |t| t.to_string());
            state.info(format!("flags of {which} reps"));
            on_flag(state)
        }
        Action::Decide(kind) => decide(state, kind),
        _ => vec![],
    }
}

/// Groups the meeting's flags as chosen (owner or kind, a team or all), keeping the
/// position where it still exists.
pub fn regroup(state: &mut State) {
    let reps = &state.meta.reps;
    let m = &mut state.meeting;
    m.groups = crate::meeting::walk::group(&m.flags, m.grouping, m.team, |o| {
        reps.iter().find(|r| r.handle == o).map(|r| r.team)
    });
    m.group_index = m.group_index.min(m.groups.len().saturating_sub(1));
    let len = m.groups.get(m.group_index).map_or(0, |g| g.flags.len());
    m.in_group = m.in_group.min(len.saturating_sub(1));
}

/// After the walk moved: the flag's lead is read when first shown (one row, not 20,000).
fn on_flag(state: &mut State) -> Vec<Effect> {
    match state.meeting.current_flag().and_then(|f| f.lead_id) {
        Some(id) if !state.meeting.flag_leads.contains_key(&id) => vec![Effect::LoadFlagLead(id)],
        _ => vec![],
    }
}

fn decide(state: &mut State, kind: DecisionKind) -> Vec<Effect> {
    if state.meeting.agenda.section() != Section::RedFlags {
        state.info("decisions are taken on the red flags: go there first");
        return vec![];
    }
    if state.meeting.record.is_none() {
        state.error(if state.ctx.read_only {
            "this meeting is not recorded (read-only file): decisions cannot be saved"
        } else {
            "press Enter to start the meeting first: decisions are recorded in it"
        });
        return vec![];
    }
    let today = state.now.date_naive();
    let m = &mut state.meeting;
    let Some(flag) = m.current_flag() else {
        return vec![];
    };
    let Some(lead) = flag.lead_id else {
        state.info("this flag is about a gauge, not a lead: nothing to decide here");
        return vec![];
    };
    let Some(info) = m.flag_leads.get(&lead) else {
        state.error(format!("lead {lead} could not be loaded; press Ctrl-r"));
        return vec![];
    };
    let form = Form::new(
        kind,
        lead,
        info.version,
        &flag.kind,
        flag.owner.as_deref(),
        today,
    );
    m.form = Some(if kind == DecisionKind::Won && info.value.cents() == 0 {
        form.asking_value()
    } else {
        form
    });
    vec![]
}

fn form(state: &mut State, action: Action) -> Vec<Effect> {
    let today = state.now.date_naive();
    let meeting_id = state.meeting.record.as_ref().map_or(0, |r| r.id);
    let Some(f) = state.meeting.form.as_mut() else {
        return vec![];
    };
    match action {
        Action::FormChar(c) => f.type_char(c),
        Action::FormBackspace => f.backspace(),
        Action::ClearInput => f.clear(),
        Action::FormNextField => f.next_field(),
        Action::FormCancel => state.meeting.form = None,
        Action::FormSubmit => match f.validate(meeting_id, today) {
            Ok(d) => {
                state.meeting.form = None;
                return vec![Effect::SaveDecision(d)];
            }
            Err(e) => f.error = Some(e),
        },
        _ => {}
    }
    vec![]
}

/// After a lead was saved as won: the celebration (and the bell, when configured).
pub fn celebrate(state: &mut State) -> bool {
    state.meeting.celebrate = CELEBRATION_TICKS;
    state.meeting.options.bell
}
