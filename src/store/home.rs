//! Where the file lives decides how it is opened: WAL on a local disk, a rollback journal on
//! a network file system (WAL's shared memory does not work across machines), read-only when
//! the file or its folder cannot be written. The decisions are pure functions, tested on
//! sample mount tables and permission cases.

use std::path::{Path, PathBuf};

/// How the connection is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    ReadWrite,
    /// `SQLITE_OPEN_READ_ONLY`: live reads, no writes.
    ReadOnly,
    /// `immutable=1`: for a WAL file in a folder where the `-shm` index cannot be created.
    /// SQLite reads the main file only and never locks; the view is a snapshot.
    Immutable,
}

impl Access {
    pub fn is_read_only(self) -> bool {
        self != Access::ReadWrite
    }
}

/// What the probes found about the file and its folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Probe {
    pub file_writable: bool,
    pub dir_writable: bool,
    /// The header says WAL (bytes 18 and 19 are 2).
    pub wal_header: bool,
    /// A `-shm` index already sits beside the file.
    pub shm_exists: bool,
}

/// The access a file gets: read-write when both it and its folder can be written (WAL and
/// the rollback journal both create files beside it) and the user did not ask otherwise.
pub fn plan_access(p: Probe, force_read_only: bool) -> Access {
    if p.file_writable && p.dir_writable && !force_read_only {
        Access::ReadWrite
    } else if p.wal_header && !p.dir_writable && !p.shm_exists {
        Access::Immutable
    } else {
        Access::ReadOnly
    }
}

/// File systems where WAL is unsafe: its shared-memory index does not work across machines.
pub fn is_network_fs(fstype: &str) -> bool {
    matches!(
        fstype,
        "nfs"
            | "nfs4"
            | "cifs"
            | "smb"
            | "smbfs"
            | "smb3"
            | "9p"
            | "afs"
            | "ncpfs"
            | "ceph"
            | "glusterfs"
            | "lustre"
            | "gpfs"
            | "davfs"
            | "fuse.sshfs"
            | "fuse.rclone"
            | "fuse.davfs2"
            | "fuse.glusterfs"
            | "fuse.cephfs"
    )
}

/// The file system type of the mount holding `dir`, from a `/proc/self/mounts` table:
/// the longest mount point that contains it (later lines win on ties, as the kernel stacks them).
pub fn fs_type_of(dir: &Path, mounts: &str) -> Option<String> {
    let mut best: Option<(usize, String)> = None;
    for line in mounts.lines() {
        let mut parts = line.split_whitespace();
        let (Some(_), Some(mnt), Some(fstype)) = (parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        let mnt = unescape_mount(mnt);
        if dir.starts_with(&mnt) && best.as_ref().is_none_or(|(len, _)| mnt.len() >= *len) {
            best = Some((mnt.len(), fstype.to_string()));
        }
    }
    best.map(|(_, fs)| fs)
}

/// The kernel writes space, tab, newline and backslash in mount points as `\040` etc.
fn unescape_mount(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\'
            && i + 3 < b.len()
            && b[i + 1..i + 4].iter().all(|c| (b'0'..=b'7').contains(c))
        {
            let v = (b[i + 1] - b'0') * 64 + (b[i + 2] - b'0') * 8 + (b[i + 3] - b'0');
            out.push(v);
            i += 4;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Linux: is the folder holding `path` on a network file system? Elsewhere assume local.
pub fn on_network_fs(path: &Path) -> bool {
    let Ok(abs) = std::fs::canonicalize(folder_of(path)) else {
        return false;
    };
    let Ok(mounts) = std::fs::read_to_string("/proc/self/mounts") else {
        return false;
    };
    fs_type_of(&abs, &mounts).is_some_and(|fs| is_network_fs(&fs))
}

pub fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Looks at the file and its folder without changing either.
pub fn probe(path: &Path, header: &[u8]) -> Probe {
    let file_writable = std::fs::OpenOptions::new().write(true).open(path).is_ok();
    let mut shm = path.as_os_str().to_os_string();
    shm.push("-shm");
    Probe {
        file_writable,
        dir_writable: dir_writable(&folder_of(path)),
        wal_header: header.len() >= 20 && header[18] == 2 && header[19] == 2,
        shm_exists: Path::new(&shm).exists(),
    }
}

/// Can we create a file in `dir`? (Permission bits lie for root and ACLs; trying does not.)
fn dir_writable(dir: &Path) -> bool {
    let probe = dir.join(format!(".leadboard-probe-{}", std::process::id()));
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
    {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            true
        }
        Err(e) => e.kind() == std::io::ErrorKind::AlreadyExists,
    }
}

/// `file:` URI for `immutable=1`: characters with a meaning in URIs are percent-encoded.
pub fn immutable_uri(path: &Path) -> String {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = String::from("file:");
    for b in abs.to_string_lossy().bytes() {
        match b {
            b'?' | b'#' | b'%' => out.push_str(&format!("%{b:02X}")),
            _ => out.push(b as char),
        }
    }
    out.push_str("?immutable=1");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const MOUNTS: &str = "\
sysfs /sys sysfs rw,nosuid 0 0
/dev/sda1 / ext4 rw,relatime 0 0
tmpfs /tmp tmpfs rw 0 0
fs1:/export/team /mnt/team nfs4 rw,vers=4.2 0 0
//files/sales /mnt/sales cifs rw,vers=3.0 0 0
/dev/sdb1 /mnt/team/local ext4 rw 0 0
me@host:/srv /home/me/remote fuse.sshfs rw 0 0
//nas/my\\040share /mnt/my\\040share smb3 rw 0 0
";

    fn fs(p: &str) -> Option<String> {
        fs_type_of(Path::new(p), MOUNTS)
    }

    #[test]
    fn longest_mount_point_wins() {
        assert_eq!(fs("/home/ana").as_deref(), Some("ext4"));
        assert_eq!(fs("/mnt/team/q4").as_deref(), Some("nfs4"));
        assert_eq!(fs("/mnt/team/local/x").as_deref(), Some("ext4"));
        assert_eq!(fs("/mnt/sales").as_deref(), Some("cifs"));
        assert_eq!(fs("/home/me/remote/db").as_deref(), Some("fuse.sshfs"));
        // A prefix that is not a whole path component does not count.
        assert_eq!(fs("/mnt/teamwork").as_deref(), Some("ext4"));
    }

    #[test]
    fn escaped_mount_points_match() {
        assert_eq!(fs("/mnt/my share/leads").as_deref(), Some("smb3"));
    }

    #[test]
    fn network_types_get_a_rollback_journal() {
        for t in ["nfs", "nfs4", "cifs", "smb3", "fuse.sshfs", "9p"] {
            assert!(is_network_fs(t), "{t}");
        }
        for t in ["ext4", "xfs", "btrfs", "tmpfs", "apfs", "overlay", "zfs"] {
            assert!(!is_network_fs(t), "{t}");
        }
    }

    #[test]
    fn no_mount_table_means_local() {
        assert_eq!(fs_type_of(Path::new("/x"), ""), None);
        assert_eq!(fs_type_of(Path::new("/x"), "garbage\n\n"), None);
    }

    #[test]
    fn access_plans() {
        let rw = Probe {
            file_writable: true,
            dir_writable: true,
            wal_header: true,
            shm_exists: false,
        };
        assert_eq!(plan_access(rw, false), Access::ReadWrite);
        assert_eq!(plan_access(rw, true), Access::ReadOnly);
        // Read-only file in a writable folder: the -shm can still be made.
        let ro_file = Probe {
            file_writable: false,
            ..rw
        };
        assert_eq!(plan_access(ro_file, false), Access::ReadOnly);
        // Read-only folder, WAL file, no index: only an immutable open can read it.
        let ro_dir = Probe {
            dir_writable: false,
            ..rw
        };
        assert_eq!(plan_access(ro_dir, false), Access::Immutable);
        // ... unless the index is already there, or the file uses a rollback journal.
        assert_eq!(
            plan_access(
                Probe {
                    shm_exists: true,
                    ..ro_dir
                },
                false
            ),
            Access::ReadOnly
        );
        assert_eq!(
            plan_access(
                Probe {
                    wal_header: false,
                    ..ro_dir
                },
                false
            ),
            Access::ReadOnly
        );
    }

    #[test]
    fn uri_escapes_query_characters() {
        assert_eq!(
            immutable_uri(Path::new("/srv/a?b#c%d.db")),
            "file:/srv/a%3Fb%23c%25d.db?immutable=1"
        );
    }
}
