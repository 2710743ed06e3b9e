//! Who may reach the shared file through OpenSSH, and what each role may change.
//! sshd proves the key; the role decides the writes.

use base64::Engine;
use std::fmt;

/// What a person reached through ssh may change. Each role can do what the one before can.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// Reads only: the projector in the meeting room.
    Viewer,
    /// Works leads: adds, moves, contacts, next steps, assignments.
    Rep,
    /// Also the agreement, the funnel's stages, reps, campaigns, reasons, imports, meetings.
    Lead,
    /// Also who has access.
    Admin,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Viewer, Role::Rep, Role::Lead, Role::Admin];

    pub fn key(self) -> &'static str {
        match self {
            Role::Viewer => "viewer",
            Role::Rep => "rep",
            Role::Lead => "lead",
            Role::Admin => "admin",
        }
    }

    /// What the role may do, for a refusal that says which role is needed.
    pub fn allows(self) -> &'static str {
        match self {
            Role::Viewer => "read the board",
            Role::Rep => "work leads: add, move, contact, next steps, assign, edit",
            Role::Lead => {
                "change the agreement, stages, reps, campaigns and reasons, import, snooze flags and run meetings"
            }
            Role::Admin => "manage who has access",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl std::str::FromStr for Role {
    type Err = String;
    fn from_str(s: &str) -> Result<Role, String> {
        let t = s.trim().to_ascii_lowercase();
        Role::ALL
            .into_iter()
            .find(|r| r.key() == t)
            .ok_or_else(|| format!("{s:?} is not a role: use viewer, rep, lead or admin"))
    }
}

/// One OpenSSH public key, as `ssh-keygen` writes it in `id_ed25519.pub`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicKey {
    pub algo: String,
    /// The base64 key material, checked to decode and to name `algo` inside.
    pub blob: String,
    pub comment: String,
}

/// Key types OpenSSH accepts by default (ssh-dss and ssh-rsa with SHA-1 are refused by modern
/// sshd, but an `ssh-rsa` key signs with SHA-2 and stays valid).
const ALGOS: [&str; 7] = [
    "ssh-ed25519",
    "ssh-rsa",
    "ecdsa-sha2-nistp256",
    "ecdsa-sha2-nistp384",
    "ecdsa-sha2-nistp521",
    "sk-ssh-ed25519@openssh.com",
    "sk-ecdsa-sha2-nistp256@openssh.com",
];

impl PublicKey {
    /// Reads `ALGO BASE64 [COMMENT]`. Options (`command=…`, `restrict`) are refused: the
    /// options of a line in `authorized_keys` are leadboard's to write, never the person's.
    pub fn parse(line: &str) -> Result<PublicKey, String> {
        let line = line.trim();
        if line.is_empty() {
            return Err("the key is empty: paste the line of your id_ed25519.pub".into());
        }
        if line.contains(['\n', '\r', '\0']) {
            return Err("a key is one line".into());
        }
        let mut parts = line.splitn(3, [' ', '\t']);
        let algo = parts.next().unwrap_or_default();
        if !ALGOS.contains(&algo) {
            return Err(format!(
                "{:?} is not an OpenSSH public key type (expected {}); paste the line of the .pub file, without options",
                crate::text::clean(algo),
                ALGOS.join(", ")
            ));
        }
        let blob = parts.next().unwrap_or_default().trim();
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(blob)
            .map_err(|_| format!("the {algo} key is not valid base64"))?;
        if inner_type(&bytes) != Some(algo.as_bytes()) {
            return Err(format!(
                "the key material does not hold an {algo} key (the line may be cut or mixed up)"
            ));
        }
        let comment = parts.next().unwrap_or_default().trim();
        if comment.chars().any(|c| c.is_control()) {
            return Err("the key's comment holds control characters".into());
        }
        Ok(PublicKey {
            algo: algo.to_string(),
            blob: blob.to_string(),
            comment: comment.to_string(),
        })
    }

    /// The last characters of the key, enough for a person to tell two keys apart.
    pub fn short(&self) -> String {
        let n = self.blob.len();
        format!("{} …{}", self.algo, &self.blob[n.saturating_sub(12)..])
    }
}

/// The key type string the wire format starts with: a 4-byte big-endian length, then the name.
fn inner_type(bytes: &[u8]) -> Option<&[u8]> {
    let len = u32::from_be_bytes(bytes.get(..4)?.try_into().ok()?) as usize;
    bytes.get(4..4 + len)
}

/// A person on the access list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    pub handle: String,
    pub role: Role,
    pub keys: Vec<PublicKey>,
}

/// The `authorized_keys` line for one key (`extra`: more arguments of `serve`): sshd authenticates the key, then runs only this
/// command, whatever the client asked for; `restrict` turns off forwarding, agent, X11 and
/// `~/.ssh/rc`, `pty` gives back the terminal the board needs. The command is run by the
/// account's shell, so each argument is single-quoted; inside `command="…"` a `"` and a `\`
/// are escaped.
pub fn authorized_keys_line(
    binary: &str,
    db: &str,
    handle: &str,
    extra: &[&str],
    key: &PublicKey,
) -> String {
    let mut words = vec![shell_quote(binary), "--db".into(), shell_quote(db)];
    words.extend(["serve".into(), "--as".into(), shell_quote(handle)]);
    words.extend(extra.iter().map(|w| shell_quote(w)));
    let command = words.join(" ").replace('\\', "\\\\").replace('"', "\\\"");
    let mut line = format!(
        "command=\"{command}\",restrict,pty {} {}",
        key.algo, key.blob
    );
    if !key.comment.is_empty() {
        line.push(' ');
        line.push_str(&key.comment);
    }
    line
}

/// `'…'` with each `'` written as `'\''`: nothing inside is expanded by a POSIX shell.
pub fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ED: &str = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl ana@laptop";

    #[test]
    fn reads_a_pub_file_line() {
        let k = PublicKey::parse(ED).unwrap();
        assert_eq!(k.algo, "ssh-ed25519");
        assert_eq!(k.comment, "ana@laptop");
    }

    #[test]
    fn refuses_options_cut_keys_and_mixed_types() {
        assert!(PublicKey::parse(&format!("command=\"sh\" {ED}")).is_err());
        assert!(PublicKey::parse("ssh-ed25519 AAAAC3NzaC1lZDI1").is_err());
        let rsa_named = ED.replace("ssh-ed25519", "ssh-rsa");
        assert!(PublicKey::parse(&rsa_named).is_err());
        assert!(PublicKey::parse(&format!("{ED}\ncommand=\"sh\" {ED}")).is_err());
    }

    #[test]
    fn the_forced_command_cannot_be_broken_out_of() {
        let k = PublicKey::parse(ED).unwrap();
        let line = authorized_keys_line("/opt/lb/leadboard", "/srv/it's \"x\".db", "ana", &[], &k);
        assert!(line.starts_with(
            r#"command="'/opt/lb/leadboard' --db '/srv/it'\\''s \"x\".db' serve --as 'ana'",restrict,pty ssh-ed25519 "#
        ));
        assert_eq!(line.lines().count(), 1);
    }

    #[test]
    fn roles_are_ordered() {
        assert!(Role::Viewer < Role::Rep && Role::Rep < Role::Lead && Role::Lead < Role::Admin);
        assert_eq!("Admin".parse::<Role>().unwrap(), Role::Admin);
        assert!("boss".parse::<Role>().is_err());
    }
}
