//! `leadboard snapshot --view detail`: the detail screen as text, for notes and chat.

use crate::common;

#[test]
fn snapshot_renders_the_detail_of_the_first_card_or_the_lead_given() {
    let (dir, path, store) = common::demo_store(100);
    let first = store
        .column_cards("new", &Default::default(), 0, 1)
        .unwrap()
        .remove(0);
    drop(store);
    let run = |extra: &[&str]| {
        let mut cmd = common::bin();
        cmd.args([
            "--db",
            path.to_str().unwrap(),
            "--as-of",
            common::AS_OF,
            "snapshot",
            "--view",
            "detail",
            "--size",
            "120x40",
        ]);
        cmd.args(extra);
        let out = cmd.assert().success().get_output().stdout.clone();
        String::from_utf8(out).unwrap()
    };
    let out = run(&[]);
    assert!(out.contains(&first.name), "{out}");
    assert!(out.contains("Stage history (1)"), "{out}");
    let out = run(&["--lead", "7"]);
    assert!(out.contains("Lead id        7"), "{out}");
    // An unknown lead is a clear error, not an empty screen.
    let mut cmd = common::bin();
    cmd.args([
        "--db",
        path.to_str().unwrap(),
        "snapshot",
        "--view",
        "detail",
        "--lead",
        "99999",
    ]);
    let err = cmd.assert().failure().get_output().stderr.clone();
    assert!(String::from_utf8_lossy(&err).contains("lead 99999 does not exist"));
    drop(dir);
}
