//! Values CRM exports carry that a person typed into a free field: an e-mail cell with a
//! display name, two addresses, or `n/a`; a score the CRM lets go below 0 or above 100. With a
//! CRM format these keep the row (what can be kept is, the rest dropped) and are reported as
//! warnings; in leadboard's own format they stay errors.

use crate::domain::validate;

/// The address to keep and, when the cell was not just an address, what was done.
pub(super) fn email(raw: &str) -> (String, Option<String>) {
    if let Ok(e) = validate::email(raw) {
        return (e, None);
    }
    // `Ana Silva <ana@acme.example>`
    if let (Some(a), Some(b)) = (raw.find('<'), raw.rfind('>'))
        && a < b
        && let Ok(e) = validate::email(&raw[a + 1..b])
    {
        return (e, None);
    }
    let found: Vec<String> = raw
        .split([';', ',', ' ', '\t', '\n'])
        .filter_map(|p| {
            let p = p.trim().trim_matches(['<', '>', '"', '\'']);
            validate::email(p).ok().filter(|e| !e.is_empty())
        })
        .collect();
    match found.as_slice() {
        [first, ..] => (
            first.clone(),
            Some(format!(
                "{raw:?} holds {} addresses; kept the first, {first}",
                found.len()
            )),
        ),
        [] => (
            String::new(),
            Some(format!(
                "{raw:?} is not an e-mail address; the lead is imported without one"
            )),
        ),
    }
}

/// A whole-number score, clamped to 0–100, and a warning when it was outside.
pub(super) fn score(raw: &str) -> Result<(i64, Option<String>), String> {
    let n: i64 = raw
        .trim()
        .parse()
        .map_err(|_| format!("{:?} is not a whole number", raw.trim()))?;
    let kept = n.clamp(0, 100);
    Ok((
        kept,
        (kept != n).then(|| format!("score {n} is outside 0–100; kept as {kept}")),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn junk_and_lists_of_addresses() {
        assert_eq!(email("Ana@Acme.example"), ("ana@acme.example".into(), None));
        assert_eq!(email("Ana Silva <ana@acme.example>").0, "ana@acme.example");
        let (e, w) = email("a@x.example; b@y.example");
        assert_eq!(e, "a@x.example");
        assert!(w.unwrap().contains("2 addresses"));
        let (e, w) = email("n/a");
        assert_eq!(e, "");
        assert!(w.unwrap().contains("imported without one"));
        assert_eq!(
            score("-5").unwrap(),
            (0, Some("score -5 is outside 0–100; kept as 0".into()))
        );
        assert_eq!(score("140").unwrap().0, 100);
        assert_eq!(score("55").unwrap(), (55, None));
        assert!(score("high").is_err());
    }
}
