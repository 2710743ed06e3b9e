//! `export --what all --format json` and its import: a whole team file as JSON lines
//! (`io/bundle.rs`), moved into an empty file as it was.

use crate::domain::{LeadFilter, StageKind};
use crate::io::bundle::{self, Record};
use crate::io::json;
use crate::store::{Store, StoreError};
use color_eyre::eyre::{Result, WrapErr, eyre};
use std::collections::HashMap;
use std::io::{BufRead, Write};

/// Writes every record of the file, one a line.
pub fn export(store: &Store, out: &mut dyn Write) -> crate::store::Result<()> {
    let mut put = |r: &Record| -> crate::store::Result<()> {
        let line = json::to_line(r).map_err(|e| StoreError::Invalid(e.to_string()))?;
        writeln!(out, "{line}").map_err(StoreError::Io)
    };
    put(&Record::Header {
        leadboard_export: bundle::VERSION,
    })?;
    for s in store.stages()? {
        put(&Record::Stage(s))?;
    }
    for a in store.agreements()? {
        put(&Record::Agreement(a))?;
    }
    for kind in StageKind::WITH_REASONS {
        for text in store.exit_reasons(kind)? {
            put(&Record::Reason { kind, text })?;
        }
    }
    for r in store.reps()? {
        put(&Record::Rep(r))?;
    }
    for c in store.campaigns()? {
        put(&Record::Campaign(c))?;
    }
    store.for_each_lead(&LeadFilter::default(), None, |l| {
        put(&Record::Lead(Box::new(l)))
    })?;
    store.for_each_activity_with_retraction(|activity, retracted_by| {
        put(&Record::Activity {
            activity,
            retracted_by,
        })
    })?;
    store.for_each_event(&LeadFilter::default(), None, |e| put(&Record::Event(e)))?;
    for z in store.all_snoozes()? {
        put(&Record::Snooze(z))?;
    }
    Ok(())
}

/// Reads a bundle into `store`, which must hold no leads, reps or campaigns yet. One
/// transaction: a bad line leaves the file as it was.
pub fn import(store: &mut Store, reader: impl BufRead, file: &str) -> Result<String> {
    if store.lead_count()? > 0 || !store.reps()?.is_empty() || !store.campaigns()?.is_empty() {
        return Err(super::refused(format!(
            "{file} is a whole leadboard file: it goes into an empty one (`leadboard init --db NEW`), \
             not on top of leads, reps or campaigns"
        )));
    }
    let mut w = store.bulk_writer()?;
    // The terms (stages, agreements, reasons) come first in the file; they replace the new
    // file's defaults as one, before the first record that relies on them.
    let mut terms = Some((Vec::new(), Vec::new(), Vec::new()));
    let (mut campaigns, mut leads, mut acts) = (HashMap::new(), HashMap::new(), HashMap::new());
    let mut retractions = Vec::new();
    let (mut nl, mut na, mut ne) = (0, 0, 0);
    let mut seen_header = false;
    for (i, text) in reader.lines().enumerate() {
        let line = i + 1;
        let text = text.wrap_err_with(|| format!("{file}: reading line {line}"))?;
        if text.trim().is_empty() {
            continue;
        }
        let r: Record = serde_json::from_str(&text)
            .map_err(|e| super::refused(format!("{file}: line {line}: {e}")))?;
        if !seen_header {
            match r {
                Record::Header { leadboard_export } if leadboard_export == bundle::VERSION => {
                    seen_header = true;
                    continue;
                }
                Record::Header { leadboard_export } => {
                    return Err(eyre!(
                        "{file}: written by a newer leadboard (export version {leadboard_export}); upgrade"
                    ));
                }
                _ => {
                    return Err(super::refused(format!(
                        "{file}: the first line is not a leadboard export header"
                    )));
                }
            }
        }
        let at = |e: StoreError| eyre!("{file}: line {line}: {e}");
        // A record about a lead names it by its id in the exported file.
        let lead_of = |old: i64, what: &str| {
            leads.get(&old).copied().ok_or_else(|| {
                eyre!("{file}: line {line}: {what} of lead {old} that the file does not hold")
            })
        };
        match (&mut terms, r) {
            (Some(t), Record::Stage(s)) => t.0.push(s),
            (Some(t), Record::Agreement(a)) => t.1.push(a),
            (Some(t), Record::Reason { kind, text }) => t.2.push((kind, text)),
            (_, Record::Stage(_) | Record::Agreement(_) | Record::Reason { .. }) => {
                return Err(super::refused(format!(
                    "{file}: line {line}: the stages, agreements and reasons come before the team's records"
                )));
            }
            (t, r) => {
                if let Some((stages, agreements, reasons)) = t.take() {
                    w.replace_terms(&stages, &agreements, &reasons)?;
                }
                match r {
                    Record::Rep(rep) => w.rep(&rep).map_err(at)?,
                    Record::Campaign(c) => {
                        let id = w.campaign(&c).map_err(at)?;
                        campaigns.insert(c.name.clone(), id);
                    }
                    Record::Lead(l) => {
                        let cid = l.campaign.as_ref().and_then(|n| campaigns.get(n).copied());
                        let id = w.lead(&l, cid).map_err(at)?;
                        leads.insert(l.id, id);
                        nl += 1;
                    }
                    Record::Activity {
                        mut activity,
                        retracted_by,
                    } => {
                        let old = activity.id;
                        activity.lead_id = lead_of(activity.lead_id, "an activity")?;
                        let id = w.activity_full(&activity).map_err(at)?;
                        acts.insert(old, id);
                        if let Some(by) = retracted_by {
                            retractions.push((id, by));
                        }
                        na += 1;
                    }
                    Record::Event(mut e) => {
                        e.lead_id = lead_of(e.lead_id, "a stage event")?;
                        w.event(&e).map_err(at)?;
                        ne += 1;
                    }
                    Record::Snooze(mut z) => {
                        z.lead_id = lead_of(z.lead_id, "a snooze")?;
                        w.snooze(&z).map_err(at)?;
                    }
                    Record::Header { .. } => {
                        return Err(super::refused(format!(
                            "{file}: line {line}: a second header"
                        )));
                    }
                    Record::Stage(_) | Record::Agreement(_) | Record::Reason { .. } => {
                        unreachable!("matched above")
                    }
                }
            }
        }
    }
    if !seen_header {
        return Err(super::refused(format!(
            "{file}: empty, not a leadboard export"
        )));
    }
    if let Some((stages, agreements, reasons)) = terms {
        w.replace_terms(&stages, &agreements, &reasons)?;
    }
    for (id, by) in retractions {
        if let Some(note) = acts.get(&by) {
            w.retracted(id, *note)?;
        }
    }
    w.commit()?;
    Ok(format!(
        "imported a whole leadboard file: {nl} leads, {na} activities, {ne} stage events"
    ))
}
