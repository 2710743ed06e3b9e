//! The board's far pages are read backwards from the end of the column; they must be the
//! same cards, in the same order, as reading forwards with OFFSET.

use crate::common;

use leadboard::domain::LeadFilter;

#[test]
fn windows_read_from_either_end_agree() {
    let (_dir, _path, store) = common::demo_store(300);
    let filter = LeadFilter::default();
    for col in store.board_summary(&filter).unwrap() {
        let total = col.count as usize;
        assert!(total > 3, "{} has {total} leads", col.stage);
        for limit in [1, 4, 10] {
            for offset in 0..=total {
                let forward = store
                    .column_cards(&col.stage, &filter, offset, limit)
                    .unwrap();
                let window = store
                    .column_window(&col.stage, &filter, offset, limit, total)
                    .unwrap();
                let ids =
                    |v: &[leadboard::domain::Card]| v.iter().map(|c| c.id).collect::<Vec<_>>();
                assert_eq!(
                    ids(&window),
                    ids(&forward),
                    "{} offset {offset} limit {limit}",
                    col.stage
                );
            }
        }
    }
}

#[test]
fn sources_are_listed_once_each_in_order() {
    let (_dir, _path, mut store) = common::empty_store();
    assert!(store.sources().unwrap().is_empty());
    for (i, source) in ["webinar", "", "ads", "webinar", "Ads", "ads"]
        .iter()
        .enumerate()
    {
        let lead = leadboard::domain::NewLead {
            name: format!("Lead {i}"),
            source: source.to_string(),
            ..Default::default()
        };
        store.create_lead(&lead, "ana", common::now()).unwrap();
    }
    // Blank sources are left out; SQLite's binary order puts capitals first.
    assert_eq!(store.sources().unwrap(), ["Ads", "ads", "webinar"]);
}
