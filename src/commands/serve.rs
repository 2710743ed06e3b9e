//! `leadboard serve --as HANDLE`: what sshd runs for a person it authenticated (the forced
//! command of `access authorized-keys`). The handle and the file come from that line only;
//! what the client sends (a command, `SetEnv`, `--user`, `--db`) never changes them. With no
//! command the person gets the board; a command they send runs as them, on this file, and
//! never reads or writes a path they chose.

use super::Env;
use crate::cli::{AccessAction, Cli, Command, LeadAction, ServeArgs};
use crate::domain::validate;
use clap::Parser;
use color_eyre::eyre::{Result, bail};
use std::process::ExitCode;

pub fn run(env: &Env, args: &ServeArgs) -> Result<ExitCode> {
    if env.default_db {
        bail!("serve opens the file named by --db (see `leadboard access authorized-keys`)");
    }
    let handle = validate::handle(&args.handle).map_err(super::refused)?;
    let person = Env {
        db: env.db.clone(),
        default_db: false,
        user: handle.clone(),
        clock: env.clock,
        acting: Some(handle),
        config: Some(args.config.clone()),
    };
    let sent = std::env::var("SSH_ORIGINAL_COMMAND").unwrap_or_default();
    if sent.trim().is_empty() {
        return super::run_command(&person, None, false);
    }
    let words = client_words(&sent)?;
    let cli = match Cli::try_parse_from(std::iter::once("leadboard".to_string()).chain(words)) {
        Ok(cli) => cli,
        Err(e) => {
            let code = e.exit_code();
            let _ = e.print();
            return Ok(ExitCode::from(code.clamp(0, 255) as u8));
        }
    };
    if let Some(command) = &cli.command
        && let Some(why) = refusal(command)
    {
        return Err(super::refused(why));
    }
    super::run_command(&person, cli.command, false)
}

/// The client's command as words, without a leading `leadboard`, refusing the options that
/// would choose another file, another name or another time.
fn client_words(sent: &str) -> Result<Vec<String>> {
    let mut words = shell_words::split(sent)
        .map_err(|e| super::refused(format!("the command sent could not be read: {e}")))?;
    if words
        .first()
        .is_some_and(|w| w == "leadboard" || w.ends_with("/leadboard"))
    {
        words.remove(0);
    }
    for w in &words {
        let flag = w.split('=').next().unwrap_or_default();
        if matches!(flag, "--db" | "--user" | "--as-of" | "--demo") {
            return Err(super::refused(format!(
                "{flag} is not taken over ssh: you work on the host's file, as yourself, now"
            )));
        }
    }
    Ok(words)
}

/// Why a command the client sent does not run over ssh, if it does not. Every command is a
/// decision here: what reads or writes a path runs on the host only.
fn refusal(command: &Command) -> Option<&'static str> {
    const ON_HOST: &str = "this runs on the host only, not over ssh";
    match command {
        Command::Init | Command::Demo(_) | Command::Backup(_) | Command::Serve(_) => Some(ON_HOST),
        Command::Import(_) => Some(
            "import reads a file on the host: ask an admin, or send leads as JSON lines with \
             `lead add --from -`",
        ),
        Command::Export(a) if a.out.is_some() => {
            Some("--out writes on the host; the export comes to you: ssh … export > leads.csv")
        }
        Command::Meeting(a) if a.minutes.is_some() => {
            Some("the minutes go to the folder configured on the host ([meeting] minutes_dir)")
        }
        Command::Lead(a) => match &a.action {
            LeadAction::Add(add) if add.from.as_ref().is_some_and(|p| p.as_os_str() != "-") => {
                Some("--from reads your input only over ssh: --from -")
            }
            _ => None,
        },
        Command::Access(a) => match &a.action {
            AccessAction::Add {
                key_file: Some(_), ..
            } => Some("--key-file reads a file on the host; paste the line with --key"),
            AccessAction::AuthorizedKeys { .. } => Some(ON_HOST),
            _ => None,
        },
        Command::Export(_)
        | Command::Meeting(_)
        | Command::Snapshot(_)
        | Command::Check(_)
        | Command::Report(_)
        | Command::Flags(_)
        | Command::Stages(_)
        | Command::Agreement(_)
        | Command::Reps(_)
        | Command::Campaigns(_)
        | Command::Reasons(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<Option<&'static str>> {
        let words = client_words(s)?;
        let cli = Cli::try_parse_from(std::iter::once("leadboard".to_string()).chain(words))?;
        Ok(cli.command.as_ref().and_then(refusal))
    }

    #[test]
    fn identity_and_file_options_are_refused() {
        for s in [
            "--db /tmp/x.db report",
            "report --user boss",
            "leadboard --user=boss lead move 1 sql",
            "lead move 1 sql --as-of 2020-01-01",
            "--demo",
        ] {
            assert!(client_words(s).is_err(), "{s}");
        }
    }

    #[test]
    fn paths_are_refused_and_reads_run() {
        assert!(parse("import leads.csv").unwrap().is_some());
        assert!(parse("export --out /etc/x.csv").unwrap().is_some());
        assert!(parse("meeting --minutes /tmp/m.md").unwrap().is_some());
        assert!(parse("lead add --from /etc/passwd").unwrap().is_some());
        assert!(parse("backup /tmp/copy.db").unwrap().is_some());
        assert!(parse("report --format json").unwrap().is_none());
        assert!(parse("leadboard lead add --from -").unwrap().is_none());
        assert!(parse("lead move 4 sql").unwrap().is_none());
    }
}
