//! Editing one field of an agreed stage: what can change and how typed text is read.

use super::{Stage, Team};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StageField {
    Name,
    Owner,
    StaleDays,
    Handoff,
    Definition,
}

/// A checked new value for a stage field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StageValue {
    Name(String),
    Owner(Team),
    StaleDays(Option<i64>),
    Handoff(bool),
    Definition(String),
}

impl StageField {
    pub const ALL: [StageField; 5] = [
        StageField::Name,
        StageField::Owner,
        StageField::StaleDays,
        StageField::Handoff,
        StageField::Definition,
    ];

    /// Column name, also what the change log records.
    pub fn as_str(self) -> &'static str {
        match self {
            StageField::Name => "name",
            StageField::Owner => "owner",
            StageField::StaleDays => "stale_after_days",
            StageField::Handoff => "is_handoff",
            StageField::Definition => "definition",
        }
    }

    pub fn value(self, s: &Stage) -> String {
        match self {
            StageField::Name => s.name.clone(),
            StageField::Owner => s.owner.as_str().to_string(),
            StageField::StaleDays => s
                .stale_after_days
                .map(|d| d.to_string())
                .unwrap_or_default(),
            StageField::Handoff => if s.is_handoff { "yes" } else { "no" }.to_string(),
            StageField::Definition => s.definition.clone(),
        }
    }

    /// Reads what a person typed, or says what is expected.
    pub fn parse(self, input: &str) -> Result<StageValue, String> {
        let t = input.trim();
        match self {
            StageField::Name => {
                if t.is_empty() || t.chars().count() > 40 {
                    Err("a stage name is 1 to 40 characters".into())
                } else {
                    Ok(StageValue::Name(t.to_string()))
                }
            }
            StageField::Owner => t.parse().map(StageValue::Owner),
            StageField::StaleDays => {
                if t.is_empty() || t == "-" || t.eq_ignore_ascii_case("never") {
                    return Ok(StageValue::StaleDays(None));
                }
                match t.parse::<i64>() {
                    Ok(n) if (1..=3650).contains(&n) => Ok(StageValue::StaleDays(Some(n))),
                    _ => Err(format!(
                        "{t:?}: stale after a whole number of days (1–3650), or empty for never"
                    )),
                }
            }
            StageField::Handoff => match t.to_ascii_lowercase().as_str() {
                "yes" | "y" | "true" | "1" => Ok(StageValue::Handoff(true)),
                "no" | "n" | "false" | "0" => Ok(StageValue::Handoff(false)),
                _ => Err(format!("{t:?}: hand-off is yes or no")),
            },
            StageField::Definition => {
                if t.chars().count() > 300 {
                    Err("a definition is at most 300 characters".into())
                } else {
                    Ok(StageValue::Definition(t.to_string()))
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_typed_values() {
        assert_eq!(
            StageField::StaleDays.parse("5"),
            Ok(StageValue::StaleDays(Some(5)))
        );
        assert_eq!(
            StageField::StaleDays.parse(""),
            Ok(StageValue::StaleDays(None))
        );
        assert!(StageField::StaleDays.parse("0").is_err());
        assert!(StageField::StaleDays.parse("abc").is_err());
        assert_eq!(
            StageField::Handoff.parse("Yes"),
            Ok(StageValue::Handoff(true))
        );
        assert!(StageField::Handoff.parse("maybe").is_err());
        assert_eq!(
            StageField::Owner.parse("sales"),
            Ok(StageValue::Owner(Team::Sales))
        );
        assert!(StageField::Name.parse("  ").is_err());
    }
}
