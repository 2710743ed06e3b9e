//! The user's config as documented: the board and meeting mode both start with it.

use crate::common;

use common::pty::{Pty, leadboard_bin};
use std::time::Duration;

#[test]
fn the_board_starts_with_a_meeting_section_in_the_config() {
    let (dir, path, store) = common::demo_store(20);
    drop(store);
    let cfg = dir.path().join("config.toml");
    std::fs::write(&cfg, "theme = \"light\"\n[meeting]\nbell = false\n").unwrap();
    let mut pty = Pty::spawn(
        leadboard_bin(),
        &["--db", path.to_str().unwrap(), "--as-of", common::AS_OF],
        &[
            ("LEADBOARD_USER", "ana"),
            ("LEADBOARD_CONFIG", cfg.to_str().unwrap()),
        ],
        120,
        40,
    );
    pty.wait_for("? help", Duration::from_secs(10))
        .expect("the board starts with [meeting] in the config");
    pty.send("q");
    let status = pty.wait_exit(Duration::from_secs(10)).expect("q quits");
    assert!(status.success());
    // A typo in the section is named, not ignored.
    std::fs::write(&cfg, "[meeting]\nbel = false\n").unwrap();
    let mut pty = Pty::spawn(
        leadboard_bin(),
        &["--db", path.to_str().unwrap(), "--as-of", common::AS_OF],
        &[("LEADBOARD_CONFIG", cfg.to_str().unwrap())],
        120,
        40,
    );
    let status = pty.wait_exit(Duration::from_secs(10)).expect("it exits");
    assert!(!status.success());
    assert!(pty.screen().contains("bel"), "{}", pty.screen());
}
