//! The user's own settings: `config.toml` in the platform config dir (e.g.
//! `~/.config/leadboard/config.toml`). Every key is optional; `assets/config.toml` documents
//! them. Team agreements live in the shared file, not here.

use super::keymap::Keymap;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// `dark` (default) or `light`; `NO_COLOR` overrides both.
    pub theme: Option<String>,
    /// Action name → one key or a list of keys, e.g. `move_next = [">", "L"]`.
    #[serde(default)]
    pub keys: BTreeMap<String, KeySpec>,
    #[serde(default)]
    pub meeting: MeetingConfig,
}

/// `[meeting]`: meeting mode's personal settings.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeetingConfig {
    /// Ring the terminal bell when a lead is won (default: true).
    pub bell: Option<bool>,
    /// Where the minutes of a meeting go when `--minutes` names no file. Unset: minutes are
    /// written only when asked for, never silently next to the shared file.
    pub minutes_dir: Option<std::path::PathBuf>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum KeySpec {
    One(String),
    Many(Vec<String>),
}

impl Config {
    /// Where the config lives: `$LEADBOARD_CONFIG`, else the platform config dir.
    pub fn default_path() -> Option<PathBuf> {
        if let Some(p) = std::env::var_os("LEADBOARD_CONFIG").filter(|p| !p.is_empty()) {
            return Some(PathBuf::from(p));
        }
        directories::ProjectDirs::from("", "", "leadboard")
            .map(|d| d.config_dir().join("config.toml"))
    }

    /// The config at the default place (defaults when there is none).
    pub fn load_default() -> Result<Config, String> {
        match Config::default_path() {
            Some(p) => Config::load(&p),
            None => Ok(Config::default()),
        }
    }

    /// A missing file is the defaults; a file that does not parse is an error naming it.
    pub fn load(path: &Path) -> Result<Config, String> {
        match std::fs::read_to_string(path) {
            Ok(text) => Config::parse(&text).map_err(|e| format!("{}: {e}", path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(format!("{}: {e}", path.display())),
        }
    }

    pub fn parse(text: &str) -> Result<Config, String> {
        let c: Config = toml::from_str(text).map_err(|e| e.to_string())?;
        if let Some(t) = &c.theme
            && !matches!(t.as_str(), "dark" | "light")
        {
            return Err(format!("theme = {t:?}: use \"dark\" or \"light\""));
        }
        c.keymap()?;
        Ok(c)
    }

    pub fn keymap(&self) -> Result<Keymap, String> {
        let keys: Vec<(String, Vec<String>)> = self
            .keys
            .iter()
            .map(|(k, v)| {
                let list = match v {
                    KeySpec::One(s) => vec![s.clone()],
                    KeySpec::Many(l) => l.clone(),
                };
                (k.clone(), list)
            })
            .collect();
        Keymap::with_overrides(&keys)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_config_holds_theme_keys_and_the_meeting_section() {
        let c = Config::parse("theme = \"light\"\n[meeting]\nbell = false\n").unwrap();
        assert_eq!(c.theme.as_deref(), Some("light"));
        assert_eq!(c.meeting.bell, Some(false));
        assert!(
            Config::parse("[meeting]\nbel = false\n").is_err(),
            "typos are named"
        );
        assert!(Config::parse("[meeting]\nbell = \"loud\"\n").is_err());
        assert_eq!(Config::parse("").unwrap().meeting.bell, None);
    }
}
