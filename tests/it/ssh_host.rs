//! The board served through a real OpenSSH server: sshd authenticates the key, the forced
//! command from `leadboard access authorized-keys` decides who the person is and which file
//! they open, and their role decides what they may write.

use crate::common;

use common::pty::{Pty, leadboard_bin};
use common::sshd::{Sshd, keygen};
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(15);

struct Host {
    _dir: tempfile::TempDir,
    db: PathBuf,
    sshd: Sshd,
    ana: PathBuf,
    projector: PathBuf,
    stranger: PathBuf,
}

fn lb(db: &Path, args: &[&str]) -> std::process::Output {
    let out = Command::new(leadboard_bin())
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("LEADBOARD_DB")
        .env_remove("LEADBOARD_USER")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "leadboard {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// A demo file with ana (rep) and the projector (viewer) on its access list, and sshd
/// reading the `authorized_keys` lines leadboard prints. The host is set up as badly as it
/// could be: it accepts the client's `LEADBOARD_*` variables.
fn host() -> Host {
    let (dir, db, store) = common::demo_store(60);
    drop(store);
    let keys = dir.path().join("keys");
    std::fs::create_dir(&keys).unwrap();
    let ana = keygen(&keys, "ana");
    let projector = keygen(&keys, "projector");
    let stranger = keygen(&keys, "stranger");
    let pubkey = |k: &Path| format!("{}.pub", k.display());
    lb(
        &db,
        &[
            "access",
            "add",
            "ana",
            "--role",
            "rep",
            "--key-file",
            &pubkey(&ana),
        ],
    );
    lb(
        &db,
        &[
            "access",
            "add",
            "projector",
            "--role",
            "viewer",
            "--key-file",
            &pubkey(&projector),
        ],
    );
    let lines = lb(&db, &["access", "authorized-keys"]).stdout;
    assert_eq!(String::from_utf8_lossy(&lines).lines().count(), 2);
    std::fs::write(dir.path().join("authorized_keys"), lines).unwrap();
    let sshd = Sshd::start(dir.path(), "AcceptEnv LEADBOARD_* LANG LC_*");
    Host {
        _dir: dir,
        db,
        sshd,
        ana,
        projector,
        stranger,
    }
}

fn count(db: &Path, sql: &str) -> i64 {
    Connection::open(db)
        .unwrap()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}

fn board_over_ssh(h: &Host, key: &Path) -> Pty {
    let mut args = h.sshd.client_args(key);
    args.extend(["-tt".to_string(), h.sshd.destination()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let pty = Pty::spawn(Path::new("/usr/bin/ssh"), &args, &[], 140, 40);
    if let Err(e) = pty.wait_for("? help", WAIT) {
        panic!(
            "{e}\nscreen:\n{}\nsshd log:\n{}",
            pty.screen(),
            h.sshd.log()
        );
    }
    pty
}

#[test]
fn a_reps_move_over_ssh_is_recorded_under_their_handle() {
    let h = host();
    let moved = "SELECT count(*) FROM stage_events WHERE by = 'ana' AND from_stage = 'new' AND to_stage = 'engaged'";
    let before = count(&h.db, moved);
    let mut pty = board_over_ssh(&h, &h.ana);
    assert!(pty.screen().contains("ana (rep)"), "{}", pty.screen());
    pty.send(">");
    pty.wait_for("to Engaged", WAIT)
        .unwrap_or_else(|e| panic!("{e}\n{}", pty.screen()));
    assert_eq!(count(&h.db, moved), before + 1);
    pty.send("q");
    assert!(pty.wait_exit(WAIT).is_some(), "the session did not end");
}

#[test]
fn a_viewers_key_press_changes_nothing_and_says_why() {
    let h = host();
    let versions = "SELECT sum(version) FROM leads";
    let before = (
        count(&h.db, versions),
        count(&h.db, "SELECT count(*) FROM stage_events"),
    );
    let mut pty = board_over_ssh(&h, &h.projector);
    assert!(
        pty.screen().contains("projector (viewer)"),
        "{}",
        pty.screen()
    );
    for key in [">", "p", "u"] {
        pty.send(key);
        pty.wait_for("projector is a viewer", WAIT)
            .unwrap_or_else(|e| panic!("{key}: {e}\n{}", pty.screen()));
    }
    let after = (
        count(&h.db, versions),
        count(&h.db, "SELECT count(*) FROM stage_events"),
    );
    assert_eq!(before, after);
    pty.send("q");
    assert!(pty.wait_exit(WAIT).is_some());
}

#[test]
fn a_key_not_on_the_list_is_refused_by_sshd() {
    let h = host();
    let out = h.sshd.run(&h.stranger, &[], "report");
    assert_eq!(out.status.code(), Some(255), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("Permission denied"), "{err}");
    // The same command with a registered key runs: the refusal was the key's.
    let ok = h.sshd.run(&h.projector, &[], "report --format json");
    assert!(ok.status.success(), "{ok:?}\n{}", h.sshd.log());
}

#[test]
fn what_the_client_sends_changes_neither_who_nor_which_file() {
    let h = host();
    let other = h._dir.path().join("other.db");
    let lead: i64 = count(&h.db, "SELECT min(id) FROM leads WHERE stage = 'new'");
    // The client sets leadboard's own variables, and the host (badly) accepts them.
    let setenv = format!(
        "SetEnv=LEADBOARD_USER=boss LEADBOARD_DB={} LEADBOARD_CONFIG=/etc/shadow",
        other.display()
    );
    let out = h.sshd.run(
        &h.ana,
        &["-o", &setenv],
        &format!("lead contact {lead} --kind call --what 'from the train'"),
    );
    assert!(out.status.success(), "{out:?}\n{}", h.sshd.log());
    let by = "SELECT by FROM activities WHERE body = 'from the train'";
    let who: String = Connection::open(&h.db)
        .unwrap()
        .query_row(by, [], |r| r.get(0))
        .unwrap();
    assert_eq!(who, "ana");
    assert!(!other.exists(), "the client chose the file");
    // Options naming another person, file or time are refused, and nothing is written.
    let activities = count(&h.db, "SELECT count(*) FROM activities");
    for cmd in [
        format!("lead contact {lead} --kind call --what x --user boss"),
        format!(
            "leadboard --db {} lead contact {lead} --kind call --what x",
            other.display()
        ),
        format!("lead contact {lead} --kind call --what x --as-of 2020-01-01"),
    ] {
        let out = h.sshd.run(&h.ana, &[], &cmd);
        assert_eq!(out.status.code(), Some(3), "{cmd}: {out:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("not taken over ssh"));
    }
    // A shell command is not run: the words go to leadboard, which does not know them.
    let marker = h._dir.path().join("pwned");
    let out = h
        .sshd
        .run(&h.ana, &[], &format!("touch {}", marker.display()));
    assert!(!out.status.success());
    assert!(!marker.exists(), "a shell ran the client's command");
    // The viewer's command-line write is refused by the role, with the role it needs.
    let out = h.sshd.run(
        &h.projector,
        &[],
        &format!("lead contact {lead} --kind call --what x"),
    );
    assert_eq!(out.status.code(), Some(8), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("needs the rep role"));
    assert_eq!(count(&h.db, "SELECT count(*) FROM activities"), activities);
}

/// sshd asks leadboard for the keys at each login (`AuthorizedKeysCommand`), so taking a
/// person off the list needs no file edit on the host. sshd runs the command only if it and
/// every folder above it belong to root and nobody else may write them: the test copies the
/// binary under /usr/local/libexec, so it runs as root (as CI does).
#[test]
fn sshd_asks_leadboard_for_the_keys_at_each_login() {
    assert_eq!(
        unsafe { libc::geteuid() },
        0,
        "this test installs a root-owned copy of leadboard for sshd: run it as root (CI does)"
    );
    let (dir, db, store) = common::demo_store(30);
    drop(store);
    let ana = keygen(dir.path(), "ana");
    lb(
        &db,
        &[
            "access",
            "add",
            "ana",
            "--role",
            "rep",
            "--key-file",
            &format!("{}.pub", ana.display()),
        ],
    );
    let libexec = PathBuf::from(format!(
        "/usr/local/libexec/leadboard-test-{}",
        std::process::id()
    ));
    std::fs::create_dir_all(&libexec).unwrap();
    let binary = libexec.join("leadboard");
    std::fs::copy(leadboard_bin(), &binary).unwrap();
    struct Cleanup(PathBuf);
    impl Drop for Cleanup {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
    let _cleanup = Cleanup(libexec);
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(
        binary.parent().unwrap(),
        std::fs::Permissions::from_mode(0o755),
    )
    .unwrap();
    let sshd = Sshd::start(
        dir.path(),
        &format!(
            "AuthorizedKeysCommand {} --db {} access authorized-keys\nAuthorizedKeysCommandUser root",
            binary.display(),
            db.display()
        ),
    );
    // The config's AuthorizedKeysFile names a file that does not exist: only the command counts.
    assert!(!dir.path().join("authorized_keys").exists());
    let ok = sshd.run(&ana, &[], "report --format json");
    assert!(ok.status.success(), "{ok:?}\n{}", sshd.log());
    lb(&db, &["access", "remove", "ana"]);
    let out = sshd.run(&ana, &[], "report --format json");
    assert_eq!(out.status.code(), Some(255), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("Permission denied"));
}
