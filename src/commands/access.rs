//! `leadboard access`: the access list, and the `authorized_keys` lines sshd reads.

use super::Env;
use crate::cli::{AccessAction, AccessArgs, ListFormat};
use crate::domain::access::{PublicKey, Role, authorized_keys_line};
use crate::io::json;
use crate::store::{AccessChange, OpenMode, Store};
use crate::text;
use color_eyre::eyre::{Result, WrapErr, eyre};
use std::path::Path;
use std::process::ExitCode;

pub fn run(env: &Env, args: &AccessArgs) -> Result<ExitCode> {
    let mut store = super::open_store(env, OpenMode::Existing)?;
    let now = env.clock.now();
    let change = match &args.action {
        AccessAction::List { format } => {
            need_admin(&store)?;
            list(&store, *format)?;
            return Ok(ExitCode::SUCCESS);
        }
        AccessAction::AuthorizedKeys { config, binary } => {
            need_admin(&store)?;
            authorized_keys(env, &store, config.as_deref(), binary.as_deref())?;
            return Ok(ExitCode::SUCCESS);
        }
        AccessAction::Add {
            handle,
            role,
            key,
            key_file,
        } => {
            let line = match (key, key_file) {
                (Some(k), _) => Some(k.clone()),
                (None, Some(p)) => Some(
                    std::fs::read_to_string(p)
                        .wrap_err_with(|| format!("reading {}", p.display()))?,
                ),
                (None, None) => None,
            };
            let key = line
                .map(|l| PublicKey::parse(&l).map_err(super::refused))
                .transpose()?;
            AccessChange::Add {
                handle: handle.clone(),
                role: *role,
                key,
            }
        }
        AccessAction::Remove { handle } => AccessChange::Remove {
            handle: handle.clone(),
        },
        AccessAction::Role { handle, role } => AccessChange::SetRole {
            handle: handle.clone(),
            role: *role,
        },
    };
    store
        .change_access(&change, &env.user, now)
        .wrap_err("changing the access list")?;
    let said = match &change {
        AccessChange::Add {
            handle,
            role: Some(r),
            key,
        } => format!(
            "{handle} is on the access list as {r}{}",
            if key.is_some() { ", with one key" } else { "" }
        ),
        AccessChange::Add { handle, .. } => format!("added a key for {handle}"),
        AccessChange::Remove { handle } => format!("{handle} and their keys are off the list"),
        AccessChange::SetRole { handle, role } => format!("{handle} is now {role}"),
    };
    super::out::println(&said);
    if store.access_list()?.iter().all(|g| g.role < Role::Admin) {
        super::out::println(
            "note: no one on the list is an admin; access changes can then be made only on the host",
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Reading the list (and the host's paths) is for admins when the identity comes from ssh.
fn need_admin(store: &Store) -> Result<()> {
    match store.acting()? {
        Some((h, r)) if r < Role::Admin => Err(crate::store::StoreError::Forbidden(format!(
            "the access list is for admins; {h} is a {r}"
        ))
        .into()),
        _ => Ok(()),
    }
}

fn list(store: &Store, format: ListFormat) -> Result<()> {
    let people = store.access_list()?;
    match format {
        ListFormat::Json => {
            let rows: Vec<_> = people
                .iter()
                .map(|g| {
                    serde_json::json!({
                        "handle": g.handle,
                        "role": g.role.key(),
                        "keys": g.keys.iter().map(|k| serde_json::json!({
                            "type": k.algo, "key": k.blob, "comment": k.comment,
                        })).collect::<Vec<_>>(),
                    })
                })
                .collect();
            super::out::println(&json::to_string_pretty(&rows)?);
        }
        ListFormat::Text => {
            if people.is_empty() {
                super::out::println(
                    "no access list: this is a local file, and whoever can open it is trusted \
                     (add people with `leadboard access add HANDLE --role … --key-file …`)",
                );
                return Ok(());
            }
            let mut out = format!("{:<16} {:<7} keys\n", "handle", "role");
            for g in &people {
                let keys: Vec<String> = g
                    .keys
                    .iter()
                    .map(|k| format!("{} {}", k.short(), k.comment))
                    .collect();
                out.push_str(&format!(
                    "{:<16} {:<7} {}\n",
                    text::fit(&g.handle, 16),
                    g.role.key(),
                    if keys.is_empty() {
                        "(none: cannot connect)".to_string()
                    } else {
                        keys.join("; ")
                    }
                ));
            }
            super::out::print(&out);
        }
    }
    Ok(())
}

/// One line per key. The paths are absolute, so sshd runs this binary on this file whatever
/// the account's working directory.
fn authorized_keys(
    env: &Env,
    store: &Store,
    config: Option<&Path>,
    binary: Option<&Path>,
) -> Result<()> {
    let binary = match binary {
        Some(b) => absolute(b)?,
        None => std::env::current_exe().wrap_err("finding this binary")?,
    };
    let db = absolute(&env.db)?;
    let config = config.map(absolute).transpose()?;
    let mut extra: Vec<String> = Vec::new();
    if let Some(c) = &config {
        extra.extend(["--config".to_string(), utf8(c)?]);
    }
    let extra: Vec<&str> = extra.iter().map(String::as_str).collect();
    let (binary, db) = (utf8(&binary)?, utf8(&db)?);
    let mut out = String::new();
    for g in store.access_list()? {
        for k in &g.keys {
            out.push_str(&authorized_keys_line(&binary, &db, &g.handle, &extra, k));
            out.push('\n');
        }
    }
    // Written as is: the lines are built from checked keys and quoted paths, and sshd must
    // read them byte for byte.
    use std::io::Write;
    std::io::stdout().write_all(out.as_bytes())?;
    Ok(())
}

fn absolute(p: &Path) -> Result<std::path::PathBuf> {
    std::fs::canonicalize(p).wrap_err_with(|| format!("finding {}", p.display()))
}

fn utf8(p: &Path) -> Result<String> {
    let s = p
        .to_str()
        .ok_or_else(|| eyre!("{}: the path is not UTF-8", p.display()))?;
    if s.chars().any(|c| c.is_control()) {
        return Err(eyre!(
            "{:?}: a path with control characters",
            text::clean(s)
        ));
    }
    Ok(s.to_string())
}
