//! Decisions the facilitator records on a red flag, and the small form that collects them.

use crate::domain::{LeadId, StageKind, Timestamp};
use chrono::{Duration, NaiveDate};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionKind {
    /// A next step with an owner and a due date.
    NextStep,
    /// Back to marketing, with a reason.
    Recycle,
    /// Out of the funnel, with a reason.
    Disqualify,
    /// Signed: moved to won.
    Won,
    /// Acknowledged: the flag leaves the walk until a date (or a stage move). Not a stored
    /// decision: the snooze is its own record, listed by the report.
    Snooze,
}

impl DecisionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DecisionKind::NextStep => "next_step",
            DecisionKind::Recycle => "recycle",
            DecisionKind::Disqualify => "disqualify",
            DecisionKind::Won => "won",
            DecisionKind::Snooze => "snooze",
        }
    }

    pub fn parse(s: &str) -> Result<DecisionKind, String> {
        [
            DecisionKind::NextStep,
            DecisionKind::Recycle,
            DecisionKind::Disqualify,
            DecisionKind::Won,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
        .ok_or_else(|| format!("unknown decision {s:?}"))
    }

    pub fn label(self) -> &'static str {
        match self {
            DecisionKind::NextStep => "Next step",
            DecisionKind::Recycle => "Recycle",
            DecisionKind::Disqualify => "Disqualify",
            DecisionKind::Won => "Won",
            DecisionKind::Snooze => "Snooze",
        }
    }

    /// The stage kind a decision moves the lead to; `None` when the lead stays where it is.
    pub fn moves_to(self) -> Option<StageKind> {
        match self {
            DecisionKind::NextStep | DecisionKind::Snooze => None,
            DecisionKind::Recycle => Some(StageKind::Recycled),
            DecisionKind::Disqualify => Some(StageKind::Disqualified),
            DecisionKind::Won => Some(StageKind::Won),
        }
    }
}

/// A decision to save: the lead edit or move, and the meeting's record of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDecision {
    pub meeting_id: i64,
    pub lead_id: LeadId,
    /// The lead version the facilitator was looking at: a newer one is a conflict.
    pub expected_version: i64,
    pub flag_kind: String,
    pub kind: DecisionKind,
    /// The next step, or the reason.
    pub text: String,
    pub owner: Option<String>,
    /// The next step's due date, or the day a snoozed flag comes back.
    pub due: Option<NaiveDate>,
    /// A won deal's value, when the lead had none.
    pub value: Option<crate::domain::Money>,
}

/// A decision as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decision {
    pub id: i64,
    pub meeting_id: i64,
    pub lead_id: LeadId,
    /// Lead name and company, for the minutes.
    pub lead: String,
    pub flag_kind: String,
    pub kind: DecisionKind,
    pub text: String,
    pub owner: Option<String>,
    pub due: Option<NaiveDate>,
    pub by: String,
    pub at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub label: &'static str,
    pub value: String,
}

/// The decision form on the red-flags screen: one to three text fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub kind: DecisionKind,
    pub lead_id: LeadId,
    pub version: i64,
    pub flag_kind: String,
    pub fields: Vec<Field>,
    pub focus: usize,
    pub error: Option<String>,
}

/// A next step is due a week out unless the room says otherwise.
pub const DEFAULT_DUE_DAYS: i64 = 7;

impl Form {
    pub fn new(
        kind: DecisionKind,
        lead_id: LeadId,
        version: i64,
        flag_kind: &str,
        owner: Option<&str>,
        today: NaiveDate,
    ) -> Form {
        let fields = match kind {
            DecisionKind::NextStep => vec![
                Field {
                    label: "Next step",
                    value: String::new(),
                },
                Field {
                    label: "Owner",
                    value: owner.unwrap_or_default().to_string(),
                },
                Field {
                    label: "Due (date or +3d)",
                    value: (today + Duration::days(DEFAULT_DUE_DAYS)).to_string(),
                },
            ],
            DecisionKind::Recycle | DecisionKind::Disqualify => vec![Field {
                label: "Reason",
                value: String::new(),
            }],
            DecisionKind::Won => vec![],
            DecisionKind::Snooze => vec![
                Field {
                    label: "Why it can wait",
                    value: String::new(),
                },
                Field {
                    label: "Until (date, +7d)",
                    value: (today + Duration::days(DEFAULT_DUE_DAYS)).to_string(),
                },
            ],
        };
        Form {
            kind,
            lead_id,
            version,
            flag_kind: flag_kind.to_string(),
            fields,
            focus: 0,
            error: None,
        }
    }

    /// A win on a lead worth $0 asks for the value: the wins and the funnel count it.
    pub fn asking_value(mut self) -> Form {
        self.fields.push(Field {
            label: "Value (deal)",
            value: String::new(),
        });
        self
    }

    pub fn type_char(&mut self, c: char) {
        if let Some(f) = self.fields.get_mut(self.focus)
            && !c.is_control()
            && f.value.chars().count() < 200
        {
            f.value.push(c);
        }
        self.error = None;
    }

    /// Ctrl-u: empties the focused field, as in every form.
    pub fn clear(&mut self) {
        if let Some(f) = self.fields.get_mut(self.focus) {
            f.value.clear();
        }
        self.error = None;
    }

    pub fn backspace(&mut self) {
        if let Some(f) = self.fields.get_mut(self.focus) {
            f.value.pop();
        }
    }

    pub fn next_field(&mut self) {
        if !self.fields.is_empty() {
            self.focus = (self.focus + 1) % self.fields.len();
        }
    }

    /// Checks the fields; the store still checks the owner is a rep and the version is current.
    pub fn validate(&self, meeting_id: i64, today: NaiveDate) -> Result<NewDecision, String> {
        let value = |i: usize| self.fields.get(i).map_or("", |f| f.value.trim());
        let mut d = NewDecision {
            meeting_id,
            lead_id: self.lead_id,
            expected_version: self.version,
            flag_kind: self.flag_kind.clone(),
            kind: self.kind,
            text: value(0).to_string(),
            owner: None,
            due: None,
            value: None,
        };
        match self.kind {
            DecisionKind::NextStep => {
                if d.text.is_empty() {
                    return Err("say what the next step is".into());
                }
                if value(1).is_empty() {
                    return Err("a next step needs an owner (a rep handle)".into());
                }
                d.owner = Some(value(1).to_string());
                // The same dates as every form: 2026-12-01, today, tomorrow, +3d, +2w.
                let due = crate::domain::validate::parse_due_date(value(2), today)?
                    .ok_or("a next step needs a due date (e.g. +3d or 2026-12-01)")?;
                if due < today {
                    return Err(format!("the due date {due} is in the past"));
                }
                d.due = Some(due);
            }
            DecisionKind::Recycle | DecisionKind::Disqualify => {
                if d.text.is_empty() {
                    return Err(format!("{} needs a reason", self.kind.label()));
                }
            }
            DecisionKind::Won => {
                d.text = "won in the weekly meeting".into();
                if !self.fields.is_empty() {
                    let v =
                        crate::domain::Money::parse(value(0)).map_err(|e| format!("value: {e}"))?;
                    if v.cents() == 0 {
                        return Err("value: a won deal is worth something; type its value".into());
                    }
                    d.value = Some(v);
                }
            }
            DecisionKind::Snooze => {
                if d.text.is_empty() {
                    return Err("say why the flag can wait".into());
                }
                let until = crate::domain::validate::parse_due_date(value(1), today)?
                    .ok_or("until: give the day it comes back (e.g. +7d)")?;
                crate::domain::snooze::check(until, &d.text, today)?;
                d.due = Some(until);
            }
        }
        Ok(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    #[test]
    fn next_step_needs_text_owner_and_a_future_date() {
        let mut f = Form::new(DecisionKind::NextStep, 7, 3, "stale", Some("ana"), today());
        assert_eq!(f.fields[2].value, "2026-12-02");
        assert!(f.validate(1, today()).unwrap_err().contains("next step"));
        for c in "Call CFO".chars() {
            f.type_char(c);
        }
        let d = f.validate(1, today()).unwrap();
        assert_eq!(d.text, "Call CFO");
        assert_eq!(d.owner.as_deref(), Some("ana"));
        assert_eq!(d.due, NaiveDate::from_ymd_opt(2026, 12, 2));
        assert_eq!(d.expected_version, 3);
        f.focus = 2;
        f.fields[2].value = "2026-11-01".into();
        assert!(f.validate(1, today()).unwrap_err().contains("past"));
        f.fields[2].value = "soon".into();
        assert!(f.validate(1, today()).unwrap_err().contains("not a date"));
    }

    #[test]
    fn exits_need_a_reason() {
        let mut f = Form::new(DecisionKind::Disqualify, 7, 1, "stale", None, today());
        assert!(f.validate(1, today()).is_err());
        f.type_char('x');
        f.backspace();
        assert!(f.validate(1, today()).is_err());
        f.type_char('\u{1b}');
        assert!(f.validate(1, today()).is_err(), "controls are not typed");
        for c in "No budget".chars() {
            f.type_char(c);
        }
        assert_eq!(f.validate(1, today()).unwrap().text, "No budget");
    }
}
