//! Meeting mode's one personal setting, read from the user's `config.toml`
//! (`$LEADBOARD_CONFIG`, else the platform config dir):
//!
//! ```toml
//! [meeting]
//! bell = false   # no terminal bell when a lead is won (default: true)
//! ```
//!
//! A stand-in until the config loader of the triage branch is merged: that loader should
//! gain a `meeting` table with this key. Other keys in the file are left to it.

use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Default, Deserialize)]
struct File {
    #[serde(default)]
    meeting: Section,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Section {
    bell: Option<bool>,
}

pub fn default_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("LEADBOARD_CONFIG").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    directories::ProjectDirs::from("", "", "leadboard").map(|d| d.config_dir().join("config.toml"))
}

/// `bell` from the config text; true when unset.
pub fn parse_bell(text: &str) -> Result<bool, String> {
    let f: File = toml::from_str(text).map_err(|e| e.to_string())?;
    Ok(f.meeting.bell.unwrap_or(true))
}

/// A missing file means the default; a bad one is an error naming the file.
pub fn load_bell(path: Option<&Path>) -> Result<bool, String> {
    let Some(path) = path else { return Ok(true) };
    match std::fs::read_to_string(path) {
        Ok(text) => parse_bell(&text).map_err(|e| format!("{}: {e}", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(true),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bell_defaults_on_and_can_be_turned_off() {
        assert_eq!(parse_bell(""), Ok(true));
        assert_eq!(parse_bell("theme = \"light\"\n"), Ok(true));
        assert_eq!(parse_bell("[meeting]\nbell = false\n"), Ok(false));
        assert!(parse_bell("[meeting]\nbell = \"loud\"\n").is_err());
        assert!(
            parse_bell("[meeting]\nbel = false\n").is_err(),
            "typos are reported"
        );
    }
}
