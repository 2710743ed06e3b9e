//! `access` and `serve`: who reaches the shared file through OpenSSH, and the command sshd
//! runs for them.

use crate::domain::access::Role;
use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct AccessArgs {
    #[command(subcommand)]
    pub action: AccessAction,
}

#[derive(Debug, Subcommand)]
pub enum AccessAction {
    /// Everyone on the access list, with their role and keys
    List {
        #[arg(long, value_enum, default_value = "text")]
        format: super::ListFormat,
    },
    /// Add a person with a role, or one more key for a person already on the list
    Add {
        /// Their handle in the file's history (a rep's handle, or e.g. "projector")
        handle: String,
        /// viewer (reads only), rep (works leads), lead (also agreement, stages, team lists,
        /// imports, meetings) or admin (also access)
        #[arg(long, value_parser = parse_role)]
        role: Option<Role>,
        /// The line of their public key file: "ssh-ed25519 AAAA… comment"
        #[arg(long, value_name = "LINE", conflicts_with = "key_file")]
        key: Option<String>,
        /// Their public key file (id_ed25519.pub)
        #[arg(long, value_name = "PATH")]
        key_file: Option<PathBuf>,
    },
    /// Take a person and all their keys off the list
    Remove { handle: String },
    /// Give a person another role
    Role {
        handle: String,
        #[arg(value_parser = parse_role)]
        role: Role,
    },
    /// Print the OpenSSH authorized_keys lines: one per key, each forcing `leadboard serve`
    /// on this file as that person (also usable as sshd's AuthorizedKeysCommand)
    AuthorizedKeys {
        /// The host's config for the sessions (theme, keys, [meeting] minutes_dir)
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        /// The leadboard binary sshd runs [default: this one]
        #[arg(long, value_name = "PATH")]
        binary: Option<PathBuf>,
    },
}

/// The forced command of an `authorized_keys` line (see `access authorized-keys`).
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The person sshd authenticated
    #[arg(long = "as", value_name = "HANDLE")]
    pub handle: String,
    /// The host's config for the session; without it, the built-in defaults
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

fn parse_role(s: &str) -> Result<Role, String> {
    s.parse()
}
