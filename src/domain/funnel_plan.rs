//! Changing the funnel itself: adding, moving and removing stages. Pure rules; the store
//! applies the plan in one transaction and logs it.
//!
//! The funnel reads stages in position order, and every open stage comes before every exit
//! (won, lost, disqualified, recycled): the board's columns, the funnel's steps and a lead's
//! furthest stage all rely on that.

use super::{Stage, StageKind};

/// Room left between positions, so most inserts and moves change one row only.
pub const GAP: i64 = 10;

/// A stage's key: what the file, imports and exports name it by.
pub fn key(s: &str) -> Result<String, String> {
    let k = s.trim();
    let ok_start = k.chars().next().is_some_and(|c| c.is_ascii_lowercase());
    let ok_rest = k
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
    if k.is_empty() || k.len() > 32 || !ok_start || !ok_rest {
        return Err(format!(
            "stage key {k:?}: 1 to 32 characters, lower-case letters, digits, _ or -, starting with a letter"
        ));
    }
    Ok(k.to_string())
}

/// Where a stage goes: after `after`, or first when `None`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placement {
    /// The new position fits between its neighbours: only this stage's row changes.
    At(i64),
    /// No room between the neighbours: every stage gets a new position, in this order.
    Renumber(Vec<(String, i64)>),
}

/// Where to put a new stage of `kind`. With no `after`, an open stage goes after the last
/// open one and an exit at the end.
pub fn place_new(
    stages: &[Stage],
    key: &str,
    kind: StageKind,
    after: Option<&str>,
    first: bool,
) -> Result<Placement, String> {
    if stages.iter().any(|s| s.key == key) {
        return Err(format!("there is already a stage {key:?}"));
    }
    let order: Vec<(&str, StageKind)> = stages.iter().map(|s| (s.key.as_str(), s.kind)).collect();
    let index = match (after, first) {
        (Some(a), _) => index_of(stages, a)? + 1,
        (None, true) => 0,
        (None, false) if kind == StageKind::Open => order
            .iter()
            .take_while(|(_, k)| *k == StageKind::Open)
            .count(),
        (None, false) => order.len(),
    };
    let mut new = order.clone();
    new.insert(index, (key, kind));
    check_order(&new)?;
    Ok(placement(stages, None, index, key))
}

/// Where `key` goes when moved after `after` (first when `None`).
pub fn place_move(stages: &[Stage], key: &str, after: Option<&str>) -> Result<Placement, String> {
    let from = index_of(stages, key)?;
    if after == Some(key) {
        return Err(format!("cannot move {key:?} after itself"));
    }
    let mut rest: Vec<&Stage> = stages.iter().filter(|s| s.key != key).collect();
    let index = match after {
        Some(a) => {
            rest.iter()
                .position(|s| s.key == a)
                .ok_or_else(|| unknown(stages, a))?
                + 1
        }
        None => 0,
    };
    rest.insert(index, &stages[from]);
    if rest
        .iter()
        .map(|s| &s.key)
        .eq(stages.iter().map(|s| &s.key))
    {
        return Err(format!("{key:?} is already there"));
    }
    let order: Vec<(&str, StageKind)> = rest.iter().map(|s| (s.key.as_str(), s.kind)).collect();
    check_order(&order)?;
    Ok(placement(stages, Some(from), index, key))
}

/// How many leads and history rows name a stage: a stage anything names cannot go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StageUse {
    pub leads: i64,
    pub events: i64,
}

/// Whether `key` may be removed: nothing names it, and the funnel keeps an open stage and
/// a hand-off stage (the SLA counts deliveries into it).
pub fn check_remove(stages: &[Stage], key: &str, used: StageUse) -> Result<(), String> {
    let i = index_of(stages, key)?;
    let s = &stages[i];
    if used.events > 0 {
        return Err(format!(
            "stage {key:?} is in the history ({} stage move(s) name it), so it stays; \
             rename it or change its definition in the settings view instead",
            used.events
        ));
    }
    if used.leads > 0 {
        return Err(format!(
            "stage {key:?} still holds {} lead(s); move them to another stage first",
            used.leads
        ));
    }
    if s.kind == StageKind::Open && stages.iter().filter(|t| t.is_open()).count() == 1 {
        return Err(format!("stage {key:?} is the funnel's only open stage"));
    }
    if s.is_handoff && stages.iter().filter(|t| t.is_handoff).count() == 1 {
        return Err(format!(
            "stage {key:?} is where marketing hands leads to sales; make another stage the hand-off first"
        ));
    }
    Ok(())
}

fn index_of(stages: &[Stage], key: &str) -> Result<usize, String> {
    stages
        .iter()
        .position(|s| s.key == key)
        .ok_or_else(|| unknown(stages, key))
}

fn unknown(stages: &[Stage], key: &str) -> String {
    let keys: Vec<&str> = stages.iter().map(|s| s.key.as_str()).collect();
    format!("no stage {key:?} (the stages are {})", keys.join(", "))
}

/// Every open stage before every exit.
fn check_order(order: &[(&str, StageKind)]) -> Result<(), String> {
    let first_exit = order.iter().position(|(_, k)| *k != StageKind::Open);
    if let Some(e) = first_exit
        && let Some((late, _)) = order[e..].iter().find(|(_, k)| *k == StageKind::Open)
    {
        return Err(format!(
            "open stage {late:?} would come after the exit {:?}: open stages come first, then won, lost, disqualified and recycled",
            order[e].0
        ));
    }
    Ok(())
}

/// The position for a stage landing at `index` of the order without it (`from` is where it
/// was, for a move).
fn placement(stages: &[Stage], from: Option<usize>, index: usize, key: &str) -> Placement {
    let others: Vec<&Stage> = stages
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != from)
        .map(|(_, s)| s)
        .collect();
    let before = index.checked_sub(1).map(|i| others[i].position);
    let after = others.get(index).map(|s| s.position);
    let at = match (before, after) {
        (None, None) => Some(GAP),
        (Some(b), None) => Some(b + GAP),
        (None, Some(a)) => (a > 1).then_some(a / 2),
        (Some(b), Some(a)) => (a - b >= 2).then(|| b + (a - b) / 2),
    };
    match at {
        Some(p) => Placement::At(p),
        None => {
            let mut keys: Vec<&str> = others.iter().map(|s| s.key.as_str()).collect();
            keys.insert(index, key);
            Placement::Renumber(
                keys.iter()
                    .enumerate()
                    .map(|(i, k)| (k.to_string(), (i as i64 + 1) * GAP))
                    .collect(),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Team;

    fn stage(key: &str, position: i64, kind: StageKind) -> Stage {
        Stage {
            key: key.into(),
            name: key.to_uppercase(),
            position,
            owner: Team::Sales,
            kind,
            stale_after_days: None,
            is_handoff: key == "mql",
            definition: String::new(),
        }
    }

    fn funnel() -> Vec<Stage> {
        vec![
            stage("new", 10, StageKind::Open),
            stage("mql", 20, StageKind::Open),
            stage("sql", 30, StageKind::Open),
            stage("won", 40, StageKind::Won),
            stage("lost", 50, StageKind::Lost),
        ]
    }

    #[test]
    fn keys_are_plain_words() {
        assert_eq!(key(" demo_booked "), Ok("demo_booked".into()));
        assert!(key("Demo").is_err());
        assert!(key("1st").is_err());
        assert!(key("").is_err());
        assert!(key("a b").is_err());
        assert!(key(&"x".repeat(33)).is_err());
    }

    #[test]
    fn a_new_stage_lands_between_its_neighbours() {
        let f = funnel();
        assert_eq!(
            place_new(&f, "demo", StageKind::Open, Some("mql"), false),
            Ok(Placement::At(25))
        );
        // An open stage goes after the last open one by default, an exit at the end.
        assert_eq!(
            place_new(&f, "demo", StageKind::Open, None, false),
            Ok(Placement::At(35))
        );
        assert_eq!(
            place_new(&f, "parked", StageKind::Recycled, None, false),
            Ok(Placement::At(60))
        );
        assert_eq!(
            place_new(&f, "lead", StageKind::Open, None, true),
            Ok(Placement::At(5))
        );
    }

    #[test]
    fn open_stages_stay_before_the_exits() {
        let f = funnel();
        let e = place_new(&f, "late", StageKind::Open, Some("won"), false).unwrap_err();
        assert!(e.contains("open stages come first"), "{e}");
        assert!(place_new(&f, "gone", StageKind::Lost, Some("new"), false).is_err());
        assert!(place_move(&f, "sql", Some("lost")).is_err());
        assert!(place_move(&f, "won", None).is_err());
        assert!(
            place_new(&f, "mql", StageKind::Open, None, false)
                .unwrap_err()
                .contains("already")
        );
        assert!(
            place_new(&f, "x", StageKind::Open, Some("nope"), false)
                .unwrap_err()
                .contains("no stage")
        );
    }

    #[test]
    fn a_move_changes_one_row_unless_there_is_no_room() {
        let f = funnel();
        assert_eq!(place_move(&f, "sql", Some("new")), Ok(Placement::At(15)));
        assert_eq!(place_move(&f, "mql", None), Ok(Placement::At(5)));
        assert!(
            place_move(&f, "mql", Some("new"))
                .unwrap_err()
                .contains("already there")
        );
        let tight = vec![
            stage("new", 10, StageKind::Open),
            stage("mql", 11, StageKind::Open),
            stage("sql", 12, StageKind::Open),
        ];
        assert_eq!(
            place_move(&tight, "sql", Some("new")),
            Ok(Placement::Renumber(vec![
                ("new".into(), 10),
                ("sql".into(), 20),
                ("mql".into(), 30)
            ]))
        );
        let first = vec![
            stage("a", 1, StageKind::Open),
            stage("b", 2, StageKind::Open),
        ];
        assert!(matches!(
            place_new(&first, "z", StageKind::Open, None, true),
            Ok(Placement::Renumber(_))
        ));
    }

    #[test]
    fn only_an_unused_stage_can_go() {
        let f = funnel();
        let used = StageUse {
            leads: 2,
            events: 5,
        };
        assert!(
            check_remove(&f, "sql", used)
                .unwrap_err()
                .contains("in the history")
        );
        let written_by_a_script = StageUse {
            leads: 2,
            events: 0,
        };
        assert!(
            check_remove(&f, "sql", written_by_a_script)
                .unwrap_err()
                .contains("2 lead(s)")
        );
        assert_eq!(check_remove(&f, "sql", StageUse::default()), Ok(()));
        assert!(
            check_remove(&f, "mql", StageUse::default())
                .unwrap_err()
                .contains("hand")
        );
        let one = vec![
            stage("new", 10, StageKind::Open),
            stage("won", 20, StageKind::Won),
        ];
        assert!(
            check_remove(&one, "new", StageUse::default())
                .unwrap_err()
                .contains("only open")
        );
    }
}
