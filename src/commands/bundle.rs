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
    let mut records = Vec::new();
    for (i, line) in reader.lines().enumerate() {
        let line = line.wrap_err_with(|| format!("{file}: reading line {}", i + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let r: Record = serde_json::from_str(&line)
            .map_err(|e| super::refused(format!("{file}: line {}: {e}", i + 1)))?;
        records.push((i + 1, r));
    }
    match records.first() {
        Some((_, Record::Header { leadboard_export })) if *leadboard_export == bundle::VERSION => {}
        Some((_, Record::Header { leadboard_export })) => {
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
    let (mut stages, mut agreements, mut reasons) = (Vec::new(), Vec::new(), Vec::new());
    for (_, r) in &records {
        match r {
            Record::Stage(s) => stages.push(s.clone()),
            Record::Agreement(a) => agreements.push(a.clone()),
            Record::Reason { kind, text } => reasons.push((*kind, text.clone())),
            _ => {}
        }
    }
    let mut w = store.bulk_writer()?;
    w.replace_terms(&stages, &agreements, &reasons)?;
    let (mut campaigns, mut leads, mut acts) = (HashMap::new(), HashMap::new(), HashMap::new());
    let mut retractions = Vec::new();
    let (mut nl, mut na, mut ne) = (0, 0, 0);
    for (line, r) in records {
        let at = |e: StoreError| eyre!("{file}: line {line}: {e}");
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
                activity.lead_id = *leads.get(&activity.lead_id).ok_or_else(|| {
                    eyre!(
                        "{file}: line {line}: an activity of lead {} that the file does not hold",
                        activity.lead_id
                    )
                })?;
                let id = w.activity_full(&activity).map_err(at)?;
                acts.insert(old, id);
                if let Some(by) = retracted_by {
                    retractions.push((id, by));
                }
                na += 1;
            }
            Record::Event(mut e) => {
                e.lead_id = *leads.get(&e.lead_id).ok_or_else(|| {
                    eyre!(
                        "{file}: line {line}: a stage event of lead {} that the file does not hold",
                        e.lead_id
                    )
                })?;
                w.event(&e).map_err(at)?;
                ne += 1;
            }
            Record::Snooze(mut z) => {
                z.lead_id = *leads.get(&z.lead_id).ok_or_else(|| {
                    eyre!(
                        "{file}: line {line}: a snooze of lead {} that the file does not hold",
                        z.lead_id
                    )
                })?;
                w.snooze(&z).map_err(at)?;
            }
            _ => {}
        }
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
