//! Roles on every write path, for a person whose identity comes from the access list: the
//! binary run as sshd runs it (`serve --as HANDLE` with the client's command in
//! `SSH_ORIGINAL_COMMAND`), and the store for the writes no ssh command reaches (import,
//! meeting decisions). A local file with no access list stays as it was.

use crate::common::{self, bin};
use leadboard::domain::access::Role;
use leadboard::store::{AccessChange, OpenMode, Store, StoreError};
use std::path::{Path, PathBuf};

const NOW: &str = "2026-11-25T10:00:00Z";

/// A demo file with one person per role on its access list.
fn listed() -> (tempfile::TempDir, PathBuf) {
    let (dir, db, mut store) = common::demo_store(40);
    for (h, role) in [
        ("vic", Role::Viewer),
        ("rita", Role::Rep),
        ("leo", Role::Lead),
        ("ada", Role::Admin),
    ] {
        store
            .change_access(
                &AccessChange::Add {
                    handle: h.into(),
                    role: Some(role),
                    key: None,
                },
                "host",
                common::now(),
            )
            .unwrap();
    }
    drop(store);
    (dir, db)
}

/// What sshd runs for `who` when the client sent `command`: the exit code and stderr.
fn over_ssh(db: &Path, who: &str, command: &str) -> (i32, String) {
    let out = bin()
        .env("SSH_ORIGINAL_COMMAND", command)
        .env_remove("LEADBOARD_USER")
        .arg("--db")
        .arg(db)
        .args(["--as-of", NOW, "serve", "--as", who])
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn each_write_needs_its_role_and_a_refusal_names_it() {
    let (_dir, db) = listed();
    let lead: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("SELECT min(id) FROM leads WHERE stage = 'new'", [], |r| {
            r.get(0)
        })
        .unwrap();
    let flags: serde_json::Value = serde_json::from_slice(
        &bin()
            .arg("--db")
            .arg(&db)
            .args(["--as-of", NOW, "flags", "--format", "json"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let flag = flags
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["lead_id"].as_i64().is_some_and(|id| id != lead))
        .expect("a flag on another lead");
    let (flagged, kind) = (
        flag["lead_id"].as_i64().unwrap(),
        flag["kind"].as_str().unwrap(),
    );
    // (command, the least role that may run it)
    let writes: Vec<(String, Role)> = vec![
        (
            format!("lead contact {lead} --kind call --what hello"),
            Role::Rep,
        ),
        (
            format!("lead next-step {lead} --what 'send deck' --due 2026-12-01"),
            Role::Rep,
        ),
        (format!("lead move {lead} engaged"), Role::Rep),
        (
            "lead add --name 'New Person' --company Acme".into(),
            Role::Rep,
        ),
        (
            format!("flags snooze {flagged} {kind} --until +7d --reason 'on holiday'"),
            Role::Lead,
        ),
        ("agreement set --leads-per-rep-month 90".into(), Role::Lead),
        (
            "reps add zoe --name 'Zoe Ng' --team sales".into(),
            Role::Lead,
        ),
        (
            "campaigns add 'Spring Webinar' --channel events --cost 1200".into(),
            Role::Lead,
        ),
        ("reasons add lost 'Went with a partner'".into(), Role::Lead),
        (
            "stages add demo --name Demo --owner sales --after sql".into(),
            Role::Lead,
        ),
        ("access role vic rep".into(), Role::Admin),
    ];
    for (cmd, need) in &writes {
        for (who, has) in [
            ("vic", Role::Viewer),
            ("rita", Role::Rep),
            ("leo", Role::Lead),
        ] {
            if has >= *need {
                continue;
            }
            let (code, err) = over_ssh(&db, who, cmd);
            assert_eq!(code, 8, "{who} ({has}) ran {cmd:?}: {err}");
            assert!(
                err.contains(&format!("needs the {need} role"))
                    && err.contains(&format!("{who} is a {has}")),
                "{cmd}: {err}"
            );
        }
    }
    // Each one runs for the role it needs.
    for (cmd, need) in &writes {
        let who = match need {
            Role::Viewer | Role::Rep => "rita",
            Role::Lead => "leo",
            Role::Admin => "ada",
        };
        let (code, err) = over_ssh(&db, who, cmd);
        assert_eq!(code, 0, "{who} {cmd:?}: {err}");
    }
    // The history says who: the person sshd authenticated.
    let s = Store::open(&db, OpenMode::Existing).unwrap();
    let ev = s
        .stage_events(leadboard::domain::LeadId::from(lead))
        .unwrap();
    assert!(
        ev.iter().any(|e| e.to == "engaged" && e.by == "rita"),
        "{ev:?}"
    );
    // Someone taken off the list is refused at the next write, with the reason.
    drop(s);
    assert_eq!(over_ssh(&db, "ada", "access remove rita").0, 0);
    let (code, err) = over_ssh(
        &db,
        "rita",
        &format!("lead contact {lead} --kind call --what again"),
    );
    assert_ne!(code, 0);
    assert!(
        err.contains("rita is not on this file's access list"),
        "{err}"
    );
}

#[test]
fn import_and_meeting_writes_check_the_role_in_the_store() {
    let (_dir, db) = listed();
    let mut s = Store::open(&db, OpenMode::Existing).unwrap();
    s.act_as("rita").unwrap();
    match s.begin_import("rita", common::now(), Default::default()) {
        Err(StoreError::Forbidden(m)) => assert!(m.contains("needs the lead role"), "{m}"),
        Err(e) => panic!("{e}"),
        Ok(_) => panic!("a rep began an import"),
    }
    let board = leadboard::meeting::Scoreboard::default();
    match s.start_meeting("rita", common::now(), &board, &[]) {
        Err(StoreError::Forbidden(_)) => {}
        other => panic!("a rep started a meeting: {:?}", other.map(|_| ())),
    }
    // The role is read at each write: made a lead a moment ago, rita may now.
    let mut host = Store::open(&db, OpenMode::Existing).unwrap();
    host.change_access(
        &AccessChange::SetRole {
            handle: "rita".into(),
            role: Role::Lead,
        },
        "host",
        common::now(),
    )
    .unwrap();
    assert!(s.start_meeting("rita", common::now(), &board, &[]).is_ok());
}

#[test]
fn a_local_file_is_trusted_as_before_and_serve_needs_a_listed_person() {
    let (_dir, db, store) = common::demo_store(20);
    drop(store);
    // No access list: the local user may do anything, as before.
    bin()
        .env("LEADBOARD_USER", "whoever")
        .arg("--db")
        .arg(&db)
        .args(["agreement", "set", "--leads-per-rep-month", "80"])
        .assert()
        .success();
    // Through ssh, with no access list, nobody is let in.
    let (code, err) = over_ssh(&db, "whoever", "report");
    assert_eq!(code, 8, "{err}");
    assert!(err.contains("not on this file's access list"), "{err}");
}
