//! The meeting's numbers against a hand check of tests/fixture (see its comments for the
//! dates). Every expected value below was worked out by hand from the fixture.

use crate::fixture;

use fixture::{AS_OF, t};
use leadboard::io::gather;
use leadboard::metrics::flags::FlagKind;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

#[test]
fn sla_gauges_match_the_hand_check() {
    let (_d, _p, store, _ids) = fixture::build();
    let r = gather::report(&store, t(AS_OF)).unwrap();
    let s = &r.sla;
    assert_eq!(s.months.last().unwrap().label, "2026-11");
    assert_eq!(s.weeks.last().unwrap().label, "2026-W48");
    // Delivered in November: L2 (00:00:00 on the 1st), L3, L4, L5, L6. L1 (23:59:59 on 31 Oct) is October's.
    assert_eq!(s.leads_delivered.actual, 5);
    // mia: 15 days × 100/30 + 15 days × 160/30 = 50 + 80 = 130; mo (from the 16th): 15 × 160/30 = 80.
    assert!(
        close(s.leads_delivered.target, 210.0),
        "{}",
        s.leads_delivered.target
    );
    // 210 × 585/720.
    assert!(close(s.leads_delivered.pace, 170.625));
    assert!(s.leads_delivered.behind);
    // Sep: L11, L12; Oct: L1; Nov: 5.
    assert_eq!(s.delivered_history, vec![0, 0, 0, 2, 1, 5]);

    // Week 48 contacts: sam's call on L2 (23rd) and e-mail on L3 (24th), sue's call (25th 08:00).
    // Not the note, not the call at 10:00 after "now".
    assert_eq!(s.contacts_made.actual, 3);
    // sam 7 days × 28/7 = 28; sue 5 days (Wed–Sun) × 4 = 20.
    assert!(close(s.contacts_made.target, 48.0));
    assert!(close(s.contacts_made.pace, 48.0 * 57.0 / 168.0));
    assert!(s.contacts_made.behind);
    // W45: L2's call on 3 Nov; W46: L6's meeting; W47: L3's e-mail and L2's call at 23:59:59 on the 22nd.
    assert_eq!(s.contacts_history, vec![0, 0, 0, 0, 1, 1, 2, 3]);

    // First contact on November's deliveries: L2 exactly 48 h (met), L6 one hour (met),
    // L3 48 h + 1 s (breached), L4 none and window over (breached), L5 none, window open.
    // Waiting past the window now, whatever the month: L4, and L1 (an October delivery,
    // never contacted) — the same two leads the `uncontacted` flags list.
    let f = s.first_contact;
    assert_eq!(
        (f.hours, f.met, f.breached, f.open_breached, f.pending),
        (48, 2, 2, 2, 1)
    );
    let flagged = r
        .flags
        .iter()
        .filter(|x| x.kind == leadboard::metrics::flags::FlagKind::Uncontacted)
        .count();
    assert_eq!(flagged as i64, f.open_breached);
}

#[test]
fn per_rep_rows_match_the_hand_check() {
    let (_d, _p, store, _ids) = fixture::build();
    let r = gather::report(&store, t(AS_OF)).unwrap();
    let row = |name: &str| r.sla.reps.iter().find(|x| x.name == name).unwrap();
    let mia = row("MIA");
    assert_eq!(mia.history, vec![0, 0, 0, 2, 1, 1]);
    assert!(close(mia.gauge.target, 130.0));
    assert!(close(mia.gauge.pace, 105.625));
    let mo = row("MO");
    assert_eq!(mo.history, vec![0, 0, 0, 0, 0, 3]);
    assert!(close(mo.gauge.target, 80.0) && close(mo.gauge.pace, 65.0));
    // L6 was delivered by "import", who is not on the marketing team.
    let others: Vec<_> = r.sla.reps.iter().filter(|x| x.handle.is_none()).collect();
    assert_eq!(others.len(), 1);
    assert_eq!(others[0].history, vec![0, 0, 0, 0, 0, 1]);
    let sam = row("SAM");
    assert_eq!(sam.history, vec![0, 0, 0, 0, 1, 1, 2, 2]);
    assert!(close(sam.gauge.target, 28.0) && close(sam.gauge.pace, 9.5));
    let fc = sam.first_contact.unwrap();
    // sam owns L1, waiting since October.
    assert_eq!(
        (fc.met, fc.breached, fc.open_breached, fc.pending),
        (2, 1, 1, 0)
    );
    let sue = row("SUE");
    assert_eq!(sue.gauge.actual, 1);
    assert!(close(sue.gauge.target, 20.0));
    // sue owns L4 (never contacted, window over: a breach of November, and waiting now)
    // and L5 (window still open).
    let fc = sue.first_contact.unwrap();
    assert_eq!(
        (fc.met, fc.breached, fc.open_breached, fc.pending),
        (0, 1, 1, 1)
    );
}

#[test]
fn red_flags_match_the_hand_check() {
    let (_d, _p, store, ids) = fixture::build();
    let r = gather::report(&store, t(AS_OF)).unwrap();
    let got: Vec<(FlagKind, Option<i64>, String)> = r
        .flags
        .iter()
        .map(|f| {
            (
                f.kind,
                f.lead_id,
                f.since.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            )
        })
        .collect();
    let e = |k, id: Option<i64>, s: &str| (k, id, s.to_string());
    use FlagKind::*;
    let expected = vec![
        e(Uncontacted, Some(ids.l1), "2026-11-02T23:59:59Z"),
        e(Uncontacted, Some(ids.l4), "2026-11-24T12:00:00Z"),
        e(SlaBehind, None, "2026-11-01T00:00:00Z"),
        e(SlaBehind, None, "2026-11-23T00:00:00Z"),
        e(NextStepOverdue, Some(ids.l2), "2026-11-25T00:00:00Z"),
        e(
            DisqualifiedRedelivered,
            Some(ids.l1),
            "2026-10-31T23:59:59Z",
        ),
        e(PriorityQuiet, Some(ids.l7), "2026-11-15T00:00:00Z"),
        e(Stale, Some(ids.l1), "2026-11-03T23:59:59Z"),
        e(Stale, Some(ids.l7), "2026-11-22T00:00:00Z"),
        e(Stale, Some(ids.l3), "2026-11-23T10:00:00Z"),
        e(NoNextStep, Some(ids.l1), "2026-10-31T23:59:59Z"),
        e(NoNextStep, Some(ids.l3), "2026-11-20T10:00:00Z"),
        e(NoNextStep, Some(ids.l4), "2026-11-22T12:00:00Z"),
        e(NoNextStep, Some(ids.l5), "2026-11-24T12:00:00Z"),
        e(RecycledNoReason, Some(ids.l10), "2026-11-02T00:00:00Z"),
    ];
    assert_eq!(got, expected);
    // Closed leads carry no flags.
    for id in [ids.l8, ids.l11, ids.l12, ids.l6] {
        assert!(
            r.flags.iter().all(|f| f.lead_id != Some(id)),
            "lead {id} flagged"
        );
    }
}

#[test]
fn funnel_and_campaigns_match_the_hand_check() {
    let (_d, _p, store, _ids) = fixture::build();
    let r = gather::report(&store, t(AS_OF)).unwrap();
    let f = &r.funnel;
    assert_eq!(f.leads, 11);
    // Furthest stage reached: L8, L10 New; L7 Engaged; L1, L3, L4, L5 MQL; L2, L6 SQL;
    // L12 Opportunity; L11 Won.
    let steps: Vec<(&str, &str, i64, i64)> = f
        .steps
        .iter()
        .map(|s| (s.from.as_str(), s.to.as_str(), s.entered, s.converted))
        .collect();
    assert_eq!(
        steps,
        vec![
            ("New", "Engaged", 11, 9),
            ("Engaged", "MQL", 9, 8),
            ("MQL", "SQL", 8, 4),
            ("SQL", "Opportunity", 4, 2),
            ("Opportunity", "Won", 2, 1),
        ]
    );
    assert_eq!(f.mql_to_sql, Some(0.5));
    assert_eq!(f.win_rate, Some(0.5));
    // Completed MQL stays: L11 72 h, L12 72 h, L6 328 h, L2 539 h: lower median 72 h.
    let mql = f.times.iter().find(|x| x.stage == "mql").unwrap();
    assert_eq!((mql.median_hours, mql.stays), (Some(72), 4));
    let web = f.campaigns.iter().find(|c| c.name == "Webinar").unwrap();
    // L2, L3, L11; L11 won $5,000; cost $1,000.
    assert_eq!((web.leads, web.delivered, web.won), (3, 3, 1));
    assert_eq!(web.cost_per_lead.map(|m| m.cents()), Some(33_333));
    assert_eq!(web.cost_per_won.map(|m| m.cents()), Some(100_000));
    let refs = f.campaigns.iter().find(|c| c.name == "Referrals").unwrap();
    assert_eq!((refs.leads, refs.cost_per_lead), (1, None));
    let count = |k: &str| r.stages.iter().find(|s| s.key == k).unwrap().count;
    assert_eq!(
        [
            "new",
            "engaged",
            "mql",
            "sql",
            "opportunity",
            "won",
            "lost",
            "disqualified",
            "recycled"
        ]
        .map(count),
        [0, 1, 4, 2, 0, 1, 1, 1, 1]
    );
}

#[test]
fn moving_as_of_later_keeps_past_periods() {
    let (_d, _p, store, _ids) = fixture::build();
    let now = gather::report(&store, t(AS_OF)).unwrap();
    // A week later December has begun; November and the earlier weeks must not move.
    let later = gather::report(&store, t("2026-12-02T09:00:00Z")).unwrap();
    // Months shift by one (Jul–Dec vs Jun–Nov); November was still open at the first as_of.
    assert_eq!(
        later.sla.delivered_history[..4],
        now.sla.delivered_history[1..5]
    );
    assert_eq!(later.sla.delivered_history[4], 5);
    // Weeks shift by one; week 48 now also has the call at 10:00 on the 25th.
    assert_eq!(
        later.sla.contacts_history[..6],
        now.sla.contacts_history[1..7]
    );
    assert_eq!(later.sla.contacts_history[6], 4);
}
