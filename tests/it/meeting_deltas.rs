//! "Since last meeting" against a fixture with known changes between two meetings.
//! Every expectation below was worked out by hand from the events listed.

use crate::common;

use chrono::NaiveDate;
use leadboard::clock::parse_as_of;
use leadboard::domain::{Money, NewLead, Rep, Team, Timestamp};
use leadboard::meeting::agenda::Section;
use leadboard::meeting::deltas::{StageCount, since_last, wins};
use leadboard::meeting::{FirstContact, FlagRef, Gauge, Scoreboard};
use leadboard::store::Store;
use leadboard::ui::View;
use leadboard::ui::snapshot::render_text;

fn at(s: &str) -> Timestamp {
    parse_as_of(s).unwrap()
}

fn lead(store: &mut Store, name: &str, stage: &str, value: i64, when: &str) -> i64 {
    let new = NewLead {
        name: name.into(),
        company: format!("{name} Co"),
        stage: Some(stage.into()),
        owner: Some("ana".into()),
        qualified_by: Some("maya".into()),
        value: Money::from_units(value),
        created_at: Some(at(when)),
        ..NewLead::default()
    };
    store.create_lead(&new, "maya", at(when)).unwrap()
}

fn mv(store: &mut Store, id: i64, to: &str, reason: &str, when: &str) {
    let v = store.lead(id).unwrap().version;
    store.move_lead(id, to, reason, "ana", v, at(when)).unwrap();
}

fn flag(kind: &str, id: i64, since: &str) -> FlagRef {
    FlagRef {
        kind: kind.into(),
        lead_id: Some(id),
        lead: format!("lead {id}"),
        owner: Some("ana".into()),
        since: at(since),
        detail: String::new(),
    }
}

fn board(delivered: i64, contacts: i64, met: i64) -> Scoreboard {
    Scoreboard {
        leads_delivered: Gauge::new(delivered, 100.0, 0.5),
        contacts_made: Gauge::new(contacts, 20.0, 0.5),
        first_contact: FirstContact {
            hours: 48,
            met,
            breached: 1,
            open_breached: 0,
            pending: 0,
        },
    }
}

#[test]
fn changes_between_two_meetings() {
    let (_dir, _path, mut store) = common::empty_store();
    for (h, team) in [("maya", Team::Marketing), ("ana", Team::Sales)] {
        store
            .add_rep(
                &Rep {
                    handle: h.into(),
                    name: h.into(),
                    team,
                    active_from: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
                    active_to: None,
                },
                "lead",
                chrono::DateTime::from_timestamp(1_767_225_600, 0).unwrap(),
            )
            .unwrap();
    }
    // Before the first meeting.
    let a = lead(&mut store, "A", "mql", 0, "2026-11-10 10:00");
    let b = lead(&mut store, "B", "sql", 0, "2026-11-10 10:00");
    let c = lead(&mut store, "C", "opportunity", 5_000, "2026-11-10 10:00");
    let d = lead(&mut store, "D", "opportunity", 7_000, "2026-11-10 10:00");
    let e = lead(&mut store, "E", "engaged", 0, "2026-11-10 10:00");
    let i = lead(&mut store, "I", "engaged", 0, "2026-11-10 10:00");
    // One second before the meeting: not "since" it.
    lead(&mut store, "H", "new", 0, "2026-11-18 08:59:59");

    let m1_at = at("2026-11-18 09:00");
    let then_flags = vec![
        flag("uncontacted", a, "2026-11-12 10:00"),
        flag("stale", e, "2026-11-17 10:00"),
        flag("next_step_overdue", b, "2026-11-15 00:00"),
    ];
    let m1 = store
        .start_meeting("ana", m1_at, &board(40, 8, 5), &then_flags)
        .unwrap();

    // Between the meetings.
    mv(&mut store, a, "sql", "", "2026-11-18 09:00"); // exactly at the start: counts
    let f = lead(&mut store, "F", "new", 0, "2026-11-19 10:00");
    let g = lead(&mut store, "G", "new", 0, "2026-11-19 10:00");
    mv(&mut store, e, "mql", "", "2026-11-20 10:00");
    mv(&mut store, i, "mql", "", "2026-11-20 11:00");
    mv(&mut store, b, "opportunity", "", "2026-11-20 10:00");
    mv(&mut store, c, "won", "signed", "2026-11-21 10:00");
    mv(&mut store, d, "lost", "Price", "2026-11-22 10:00");
    mv(&mut store, f, "engaged", "", "2026-11-23 10:00");
    mv(
        &mut store,
        g,
        "disqualified",
        "Bad contact data",
        "2026-11-24 10:00",
    );

    let now = common::now();
    let previous = store.latest_meeting(now).unwrap().unwrap();
    assert_eq!(previous.id, m1);
    assert_eq!(
        previous.flags.iter().map(|f| f.key()).collect::<Vec<_>>(),
        then_flags.iter().map(|f| f.key()).collect::<Vec<_>>()
    );
    let now_flags = vec![
        flag("uncontacted", a, "2026-11-12 10:00"), // still open
        flag("next_step_overdue", i, "2026-11-24 00:00"), // new
        flag("stale", b, "2026-11-23 10:00"),       // new: B had a different flag before
    ];
    let stages = store.stages().unwrap();
    let moves = store.moves_between(previous.started_at, now).unwrap();
    let now_board = board(55, 12, 9);
    let s = since_last(
        Some(&previous),
        now,
        &moves,
        &stages,
        &now_flags,
        &now_board,
    );

    assert_eq!(s.since, m1_at);
    assert_eq!(s.previous, Some(m1));
    assert_eq!(s.new_leads, 2, "F and G; H was created a second before");
    let got: Vec<(&str, i64)> = s
        .moves
        .iter()
        .map(|m| (m.stage.as_str(), m.count))
        .collect();
    assert_eq!(
        got,
        vec![
            ("engaged", 1),      // F
            ("mql", 2),          // E, I
            ("sql", 1),          // A
            ("opportunity", 1),  // B
            ("won", 1),          // C
            ("lost", 1),         // D
            ("disqualified", 1), // G
        ]
    );
    assert_eq!(
        s.moves[1],
        StageCount {
            stage: "mql".into(),
            name: "MQL".into(),
            count: 2
        }
    );
    assert_eq!((s.won, s.won_value), (1, Money::from_units(5_000)));
    assert_eq!((s.lost, s.disqualified, s.recycled), (1, 1, 0));
    let opened: Vec<_> = s.flags_opened.iter().map(|f| f.key()).collect();
    assert_eq!(
        opened,
        vec![
            ("next_step_overdue".to_string(), Some(i)),
            ("stale".to_string(), Some(b))
        ]
    );
    let resolved: Vec<_> = s.flags_resolved.iter().map(|f| f.key()).collect();
    assert_eq!(
        resolved,
        vec![
            ("stale".to_string(), Some(e)),
            ("next_step_overdue".to_string(), Some(b))
        ]
    );
    let trend = s.trend.unwrap();
    assert_eq!(trend.then.leads_delivered.actual, 40);
    assert_eq!(trend.now.leads_delivered.actual, 55);
    assert_eq!(trend.then.first_contact.met, 5);

    let w = wins(&moves, &stages);
    assert_eq!(w.len(), 1);
    assert_eq!((w[0].lead_id, w[0].value), (c, Money::from_units(5_000)));
    assert_eq!(w[0].qualified_by.as_deref(), Some("maya"));
    assert_eq!(w[0].owner.as_deref(), Some("ana"));

    // The next meeting finds this one before it.
    let m2 = store
        .start_meeting("ben", now, &now_board, &now_flags)
        .unwrap();
    assert_eq!(store.meeting_before(m2).unwrap().map(|m| m.id), Some(m1));
    assert_eq!(store.meeting_before(m1).unwrap(), None);
    assert_eq!(
        store.meeting(m2).unwrap().scoreboard.contacts_made.actual,
        12
    );

    // And the section shows it.
    let mut state = common::ui_state(&store, 100, 30);
    state.view = View::Meeting;
    state.meeting.agenda.go_to(Section::SinceLast);
    state.meeting.since = Some(s);
    let out = render_text(&state, 100, 30);
    assert!(
        out.contains("Since meeting 1 on Wed 2026-11-18 09:00 (7 days ago)"),
        "{out}"
    );
    assert!(out.contains("Delivered: 40/100 → 55/100 (+15)"), "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn without_an_earlier_meeting_the_window_is_a_week() {
    let now = common::now();
    let s = since_last(
        None,
        now,
        &[],
        &[],
        &[
            flag("stale", 1, "2026-11-20 00:00"),
            flag("stale", 2, "2026-11-01 00:00"),
        ],
        &Scoreboard::default(),
    );
    assert_eq!(s.since, at("2026-11-18 09:00"));
    assert_eq!(s.previous, None);
    // What went up in the window counts as opened; nothing is known to be resolved.
    assert_eq!(s.flags_opened.len(), 1);
    assert!(s.flags_resolved.is_empty());
    assert!(s.trend.is_none());
}
