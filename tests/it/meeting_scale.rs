//! The red-flag walk at a team's volume: grouped with counts, snoozed flags out of the walk
//! until their date or a stage move, leads read as the walk reaches them, wins with a value.
//! Keys through the real keymap (`ui_driver`) where a person would press them.

use crate::common;
use crate::ui_driver::{reopen, ui};
use leadboard::meeting::walk::Grouping;
use leadboard::ui::View;
use leadboard::ui::meeting_load;
use std::collections::BTreeMap;

/// Meeting mode on the demo, started, on the red flags.
fn walk() -> crate::ui_driver::Ui {
    let mut u = ui(400);
    u.keys(&["F5", "Enter", "Right", "Right"]);
    assert_eq!(u.state.view, View::Meeting);
    assert!(u.state.meeting.record.is_some(), "started");
    u
}

#[test]
fn flags_are_walked_by_owner_with_counts_then_by_kind_and_team() {
    let mut u = walk();
    let m = &u.state.meeting;
    // The reference: count the flags per owner by hand.
    let mut per_owner: BTreeMap<String, usize> = BTreeMap::new();
    for f in &m.flags {
        *per_owner
            .entry(f.owner.clone().unwrap_or("nobody".into()))
            .or_default() += 1;
    }
    assert_eq!(m.groups.len(), per_owner.len());
    let biggest = per_owner.values().max().unwrap();
    assert_eq!(m.groups[0].flags.len(), *biggest, "biggest group first");
    assert_eq!(
        m.groups.iter().map(|g| g.flags.len()).sum::<usize>(),
        m.flags.len()
    );
    let g0 = m.groups[0].clone();
    let current = m.current_flag().unwrap().clone();
    assert_eq!(current.owner.as_deref().unwrap_or("nobody"), g0.name);
    assert!(
        m.flag_leads.len() <= 1,
        "only the flag on screen is read: {}",
        m.flag_leads.len()
    );
    let screen = u.screen();
    assert!(screen.contains(&g0.summary()), "{screen}");

    u.keys(&["j"]);
    assert_eq!(u.state.meeting.in_group, 1);
    u.keys(&["J"]);
    assert_eq!(
        (u.state.meeting.group_index, u.state.meeting.in_group),
        (1, 0)
    );
    let owner = u
        .state
        .meeting
        .current_flag()
        .unwrap()
        .owner
        .clone()
        .unwrap_or("nobody".into());
    assert_eq!(owner, u.state.meeting.groups[1].name);

    u.keys(&["g"]);
    assert_eq!(u.state.meeting.grouping, Grouping::Kind);
    let kinds: Vec<String> = u
        .state
        .meeting
        .groups
        .iter()
        .map(|g| g.name.clone())
        .collect();
    assert_eq!(
        kinds[0], "Not contacted within the first-contact window",
        "{kinds:?}"
    );

    u.keys(&["g", "t"]);
    let reps = reopen(&u.path).reps().unwrap();
    for g in &u.state.meeting.groups {
        let team = reps
            .iter()
            .find(|r| r.handle == g.name)
            .map(|r| r.team.as_str());
        assert_eq!(team, Some("marketing"), "{} is on marketing", g.name);
    }
}

#[test]
fn a_snoozed_flag_leaves_the_walk_and_comes_back_after_its_date() {
    let mut u = walk();
    let flag = u.state.meeting.current_flag().unwrap().clone();
    let lead = flag.lead_id.unwrap();
    let before = u.state.meeting.flags.len();
    u.keys(&["s"]);
    u.typ("waiting for their budget round");
    u.keys(&["Tab", "Ctrl-u"]);
    u.typ("+3d");
    u.keys(&["Enter"]);
    assert!(u.state.meeting.form.is_none(), "{:?}", u.state.meeting.form);
    let m = &u.state.meeting;
    assert_eq!(m.flags.len(), before - 1);
    let next = m.current_flag().and_then(|f| f.lead_id).unwrap();
    assert!(
        m.flag_leads.contains_key(&next),
        "the next flag's lead is read, ready to decide"
    );
    assert!(
        !m.flags
            .iter()
            .any(|f| f.lead_id == Some(lead) && f.kind == flag.kind)
    );
    // The next meeting, today: still out. Four days later: back.
    let now = common::now();
    let (_, today) = meeting_load::inputs(&u.store, now).unwrap();
    assert!(
        !today
            .iter()
            .any(|f| f.lead_id == Some(lead) && f.kind == flag.kind)
    );
    let later = now + chrono::Duration::days(4);
    let (_, then) = meeting_load::inputs(&u.store, later).unwrap();
    assert!(
        then.iter()
            .any(|f| f.lead_id == Some(lead) && f.kind == flag.kind)
    );
    let snoozes = u.store.active_snoozes(now.date_naive()).unwrap();
    assert_eq!(snoozes.len(), 1);
    assert_eq!(
        (snoozes[0].reason.as_str(), snoozes[0].by.as_str()),
        ("waiting for their budget round", "ana")
    );
    assert_eq!(snoozes[0].until.to_string(), "2026-11-28");
}

#[test]
fn a_stage_move_ends_a_snooze() {
    let u = ui(400);
    let mut store = reopen(&u.path);
    let now = common::now();
    let (_, flags) = meeting_load::inputs(&store, now).unwrap();
    let f = flags
        .iter()
        .find(|f| f.kind == "no_next_step")
        .expect("a lead without a next step");
    let id = f.lead_id.unwrap();
    store
        .snooze_flag(
            id,
            &f.kind,
            now.date_naive() + chrono::Duration::days(10),
            "later",
            "ana",
            now,
        )
        .unwrap();
    assert_eq!(store.active_snoozes(now.date_naive()).unwrap().len(), 1);
    let l = store.lead(id).unwrap();
    let to = if l.stage == "sql" {
        "opportunity"
    } else {
        "sql"
    };
    store.move_lead(id, to, "", "ana", l.version, now).unwrap();
    assert!(
        store.active_snoozes(now.date_naive()).unwrap().is_empty(),
        "the move ends it"
    );
    assert!(
        store
            .snooze_flag(id, "stale", now.date_naive(), "x", "ana", now)
            .is_err(),
        "until must be after today"
    );
    assert!(
        store
            .snooze_flag(
                id,
                "stale",
                now.date_naive() + chrono::Duration::days(120),
                "x",
                "ana",
                now
            )
            .is_err(),
        "at most a quarter"
    );
    assert!(
        store
            .snooze_flag(
                id,
                "stale",
                now.date_naive() + chrono::Duration::days(3),
                " ",
                "ana",
                now
            )
            .is_err(),
        "a reason"
    );
}

#[test]
fn the_flags_view_snoozes_with_s_and_counts_what_is_snoozed() {
    let mut u = ui(400);
    u.keys(&["3"]);
    let n = u.state.flags.flags.len();
    let lead_flag = u
        .state
        .flags
        .flags
        .iter()
        .position(|f| f.lead_id.is_some())
        .unwrap();
    for _ in 0..lead_flag {
        u.keys(&["j"]);
    }
    u.keys(&["s"]);
    u.keys(&["Enter"]);
    assert!(
        u.form_error().unwrap().contains("reason"),
        "{:?}",
        u.form_error()
    );
    u.typ("on holiday until Monday");
    u.keys(&["Enter"]);
    assert!(u.state.modal.is_none(), "{:?}", u.form_error());
    assert_eq!(u.state.flags.flags.len(), n - 1);
    assert_eq!(u.state.flags.snoozed, 1);
    assert!(u.screen().contains("(1 snoozed: see the report)"));
}

#[test]
fn a_win_on_a_lead_worth_nothing_asks_for_its_value() {
    let mut u = walk();
    // Walk to a flag whose lead is worth $0.
    let store = reopen(&u.path);
    for _ in 0..400 {
        let id = u
            .state
            .meeting
            .current_flag()
            .and_then(|f| f.lead_id)
            .unwrap();
        if store.lead(id).unwrap().value.cents() == 0 {
            break;
        }
        u.keys(&["j"]);
    }
    let id = u
        .state
        .meeting
        .current_flag()
        .and_then(|f| f.lead_id)
        .unwrap();
    assert_eq!(store.lead(id).unwrap().value.cents(), 0);
    u.keys(&["w", "Enter"]);
    let err = u
        .state
        .meeting
        .form
        .as_ref()
        .and_then(|f| f.error.clone())
        .unwrap_or_default();
    assert!(err.contains("value"), "{err}");
    assert_ne!(
        reopen(&u.path).lead(id).unwrap().stage,
        "won",
        "nothing saved yet"
    );
    u.typ("24,500");
    u.keys(&["Enter"]);
    let l = reopen(&u.path).lead(id).unwrap();
    assert_eq!((l.stage.as_str(), l.value.cents()), ("won", 2_450_000));
}

#[test]
fn board_columns_sort_with_s_and_filter_the_uncontacted() {
    let mut u = ui(400);
    u.keys(&["l", "l"]); // MQL, the hand-off column
    let col = &u.state.board.columns[u.state.board.col];
    assert_eq!(col.stage.key, "mql");
    u.keys(&["s"]); // first contact: late first
    let col = &u.state.board.columns[u.state.board.col];
    assert!(u.screen().contains("↓1st contact"), "{}", u.screen());
    let lefts: Vec<i64> = col
        .cards
        .iter()
        .filter_map(|c| u.state.meta.first_contact_left(c, u.state.now))
        .collect();
    assert!(!lefts.is_empty());
    assert!(
        lefts.windows(2).all(|w| w[0] <= w[1]),
        "least time left first: {lefts:?}"
    );
    u.keys(&["s"]); // score
    let col = &u.state.board.columns[u.state.board.col];
    let scores: Vec<i64> = col.cards.iter().map(|c| c.score).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    u.keys(&["s", "s", "s"]); // value, last touch, back to age
    assert_eq!(
        u.state.board.columns[u.state.board.col].sort,
        leadboard::domain::CardSort::Age
    );

    // flag = uncontacted: only handed-off leads past their first-contact window.
    u.keys(&["f", "Tab", "Tab", "Tab", "Tab"]);
    u.typ("uncontacted");
    u.keys(&["Enter"]);
    assert!(u.state.modal.is_none(), "{:?}", u.form_error());
    let shown: Vec<i64> = u
        .state
        .board
        .columns
        .iter()
        .flat_map(|c| c.cards.iter())
        .map(|c| {
            u.state
                .meta
                .first_contact_left(c, u.state.now)
                .expect("uncontacted")
        })
        .collect();
    assert!(!shown.is_empty());
    assert!(shown.iter().all(|m| *m < 0), "all late: {shown:?}");
    let total: i64 = u.state.board.columns.iter().map(|c| c.count).sum();
    let flagged = leadboard::ui::meeting_load::inputs(&u.store, u.state.now)
        .unwrap()
        .1
        .iter()
        .filter(|f| f.kind == "uncontacted")
        .count();
    assert_eq!(total as usize, flagged, "the filter is the red flag");
}

#[test]
fn a_column_that_grows_back_fills_its_window() {
    let mut u = ui(400);
    // The last card of New, found by a search (alone at the top of its window), then the
    // search cleared: the column is whole again and must not stay scrolled to that card.
    u.keys(&["G"]);
    let n = u.state.board.columns[0].count as usize;
    let last = u.state.board.columns[0].cards.last().unwrap().clone();
    u.keys(&["/"]);
    u.typ(&last.name);
    u.keys(&["Enter"]);
    u.tick();
    assert_eq!(u.state.board.columns[0].count, 1, "found alone");
    u.keys(&["F"]); // clear every filter
    u.tick();
    let col = &u.state.board.columns[0];
    assert_eq!(col.count as usize, n);
    let page = leadboard::ui::views::board::cards_per_page(40);
    assert_eq!(
        col.cards.len(),
        page.min(n),
        "a full window, not one card alone"
    );
    assert!(col.offset + col.cards.len() > col.selected);
}

#[test]
fn help_lists_exactly_the_keys_of_each_mode() {
    use leadboard::ui::views::help;
    let mut u = ui(100);
    u.keys(&["F5"]);
    let rows = help::rows(&u.state);
    let keys: Vec<&str> = rows.iter().flat_map(|(k, _)| k.split(' ')).collect();
    for dead in ["1", "2", "5", "Tab", "F5", "click", "wheel", "a", "c", ">"] {
        assert!(!keys.contains(&dead), "meeting help lists {dead}: {rows:?}");
    }
    for live in ["n", "s", "J", "g", "t", "Esc", "Enter", "?"] {
        assert!(keys.contains(&live), "meeting help lacks {live}: {rows:?}");
    }
    // The view keys are not bound there at all (help is generated from the same keymap).
    for dead in ["1", "Tab", "F5", "["] {
        let key = leadboard::ui::input::press(dead);
        assert_eq!(
            u.state.keys.lookup(View::Meeting, key),
            None,
            "{dead} bound in meeting mode"
        );
    }
    // Pressing 1 or Tab there changes nothing.
    let section = u.state.meeting.agenda.section();
    u.keys(&["1", "Tab"]);
    assert_eq!(
        (u.state.view, u.state.meeting.agenda.section()),
        (View::Meeting, section)
    );

    u.keys(&["Esc", "5"]);
    let rows = help::rows(&u.state);
    assert!(
        !rows.iter().any(|(_, d)| d.starts_with("sort")),
        "settings: {rows:?}"
    );
    assert!(
        rows.iter().any(|(k, _)| k == "d"),
        "settings removes reasons with d"
    );
}

#[test]
fn last_meetings_commitments_open_the_next_meeting_with_what_became_of_them() {
    let mut u = walk();
    // Two next steps: one due tomorrow (it will slip), one kept (a call after the meeting).
    let a = u.state.meeting.current_flag().unwrap().lead_id.unwrap();
    u.keys(&["n"]);
    u.typ("Send the pricing");
    u.keys(&["Tab", "Tab", "Ctrl-u"]);
    u.typ("+1d");
    u.keys(&["Enter"]);
    assert!(u.state.meeting.form.is_none(), "{:?}", u.state.meeting.form);
    let mut b = a;
    while b == a {
        u.keys(&["j"]);
        b = u.state.meeting.current_flag().unwrap().lead_id.unwrap();
    }
    u.keys(&["n"]);
    u.typ("Call the CFO");
    u.keys(&["Enter", "Esc"]);
    assert_eq!(u.state.view, View::Board);
    let later = common::now() + chrono::Duration::days(3);
    reopen(&u.path)
        .log_activity(
            b,
            leadboard::domain::ActivityKind::Call,
            "called",
            "ana",
            common::now() + chrono::Duration::hours(2),
        )
        .unwrap();
    u.state.ctx.clock = leadboard::clock::Clock::Fixed(later);
    u.keys(&["F5", "Enter", "Right"]); // the next meeting, on "since last meeting"
    let c = &u.state.meeting.commitments;
    assert_eq!(c.len(), 2, "{c:?}");
    let state_of = |lead| c.iter().find(|x| x.decision.lead_id == lead).unwrap().state;
    use leadboard::meeting::commitments::State;
    assert_eq!(state_of(a), State::Late, "due a day after, nobody called");
    assert_eq!(state_of(b), State::Done, "called after the meeting");
    let screen = u.screen();
    assert!(
        screen.contains("Last meeting's commitments: 1 done · 1 late · 0 open"),
        "{screen}"
    );
    assert!(
        screen.contains("✗ late") && screen.contains("Send the pricing"),
        "{screen}"
    );
}

#[test]
fn the_scrubber_shows_the_board_as_at_each_meeting_and_writes_nothing() {
    let mut u = ui(400);
    let now = common::now();
    let (t1, t2) = (
        now - chrono::Duration::days(14),
        now - chrono::Duration::days(7),
    );
    let (board, flags) = meeting_load::inputs(&u.store, now).unwrap();
    let m1 = u.store.start_meeting("ana", t1, &board, &flags).unwrap();
    let m2 = u.store.start_meeting("ana", t2, &board, &flags).unwrap();
    // The reference: each lead's stage at t1 from its events, counted by hand.
    let path = u.path.clone();
    let at = move |t: chrono::DateTime<chrono::Utc>| {
        let c = rusqlite::Connection::open(&path).unwrap();
        let mut latest: BTreeMap<i64, (String, i64, String)> = BTreeMap::new();
        let mut st = c
            .prepare("SELECT lead_id, at, id, to_stage FROM stage_events")
            .unwrap();
        let rows = st
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, String>(3)?,
                ))
            })
            .unwrap();
        for row in rows {
            let (lead, when, id, to) = row.unwrap();
            if chrono::DateTime::parse_from_rfc3339(&when).unwrap() > t {
                continue;
            }
            let e = latest.entry(lead).or_insert((when.clone(), id, to.clone()));
            if (when.as_str(), id) > (e.0.as_str(), e.1) {
                *e = (when, id, to);
            }
        }
        let mut per: BTreeMap<String, i64> = BTreeMap::new();
        for (_, (_, _, to)) in latest {
            *per.entry(to).or_default() += 1;
        }
        per
    };
    let now_new = u.state.board.columns[0].count;
    u.keys(&["p"]); // a change now, which `u` could take back
    let (marked, _) = u.selected();
    let after_mark = reopen(&u.path).lead(marked).unwrap().version;
    u.keys(&["["]);
    assert_eq!(u.state.past.as_ref().map(|p| p.meeting), Some(m2));
    u.keys(&["["]);
    assert_eq!(u.state.past.as_ref().map(|p| p.meeting), Some(m1));
    let want = at(t1);
    for col in &u.state.board.columns {
        assert_eq!(
            col.count,
            *want.get(&col.stage.key).unwrap_or(&0),
            "{} at t1",
            col.stage.key
        );
    }
    assert!(
        u.state.board.columns[0].count < now_new,
        "fewer New leads two weeks ago"
    );
    let screen = u.screen();
    assert!(screen.contains(&format!("AS OF MEETING {m1}")), "{screen}");
    // Nothing is written from the past: not a move, not an undo of this session's change.
    let (id, v) = u.selected();
    u.keys(&[">"]);
    assert_eq!(
        reopen(&u.path).lead(id).unwrap().version,
        v,
        "no move from the past"
    );
    let said = u
        .state
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(
        said.contains("nothing can be changed in the past"),
        "{said}"
    );
    u.keys(&["u"]);
    assert_eq!(
        reopen(&u.path).lead(marked).unwrap().version,
        after_mark,
        "no undo from the past either"
    );
    u.keys(&["[", "]", "]", "]"]);
    assert!(u.state.past.is_none());
    assert!(!u.state.ctx.read_only, "writable again at now");
    assert_eq!(u.state.board.columns[0].count, now_new);
}
