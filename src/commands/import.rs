//! `leadboard import FILE`: read → map → upsert in one transaction → report.

use super::Env;
use crate::cli::{DateOrderArg, ImportArgs, ImportFormat};
use crate::io::amounts::Decimal;
use crate::io::dates::DateOrder;
use crate::io::{Compiled, CsvSource, Format, ImportReport, Mapping, detect, scan};
use crate::store::{ImportOptions, OpenMode, RowOutcome, UnknownReps};
use color_eyre::eyre::{Result, WrapErr, bail, eyre};
use std::io::IsTerminal;
use std::process::ExitCode;

pub fn run(env: &Env, args: &ImportArgs) -> Result<ExitCode> {
    // A mistyped --db is said before a large file is read, and never creates a second file.
    drop(super::open_store(env, OpenMode::Existing)?);
    let file = args.file.display().to_string();
    // A whole leadboard file (`export --what all --format json`) goes in as it was.
    // Only a regular file is peeked at (a pipe would lose what is read), and only its first
    // 4 KB (a file with no line end must not be read whole here).
    if std::fs::metadata(&args.file).is_ok_and(|m| m.is_file()) {
        let f = std::fs::File::open(&args.file).wrap_err_with(|| format!("opening {file}"))?;
        let mut first = String::new();
        let _ = std::io::Read::read_to_string(&mut std::io::Read::take(f, 4096), &mut first);
        let first = first.lines().next().unwrap_or("");
        if crate::io::bundle::is_bundle(first) {
            if args.dry_run {
                return Err(super::refused(format!(
                    "{file} is a whole leadboard file: try it on a scratch file made with `leadboard init` instead of --dry-run"
                )));
            }
            let f = std::fs::File::open(&args.file).wrap_err_with(|| format!("opening {file}"))?;
            let mut store = super::open_store(env, OpenMode::Existing)?;
            let said = super::bundle::import(&mut store, std::io::BufReader::new(f), &file)?;
            super::out::println(&said);
            return Ok(ExitCode::SUCCESS);
        }
    }
    let mut extending = None;
    let (mapping, lenient, label) = match &args.map {
        Some(p) => {
            let text = std::fs::read_to_string(p)
                .wrap_err_with(|| format!("reading the mapping {}", p.display()))?;
            let m = Mapping::from_toml(&text).map_err(|e| eyre!("{}: {e}", p.display()))?;
            let label = m.name.clone().unwrap_or_else(|| p.display().to_string());
            match &m.extends {
                Some(id) => {
                    let base = Format::from_id(id).map_err(|e| eyre!("{}: {e}", p.display()))?;
                    let label = format!("{} + {label}", base.label());
                    extending = Some(m.clone());
                    // The vendor's columns are listed generously; lenient as a built-in.
                    (Some(m.over(base.mapping())), true, label)
                }
                None => (Some(m), false, label),
            }
        }
        None => (None, true, String::new()),
    };
    let delimiter = match &mapping {
        Some(m) => m.delimiter_byte().map_err(|e| eyre!(e))?,
        None => None,
    };
    let encoding = match &args.encoding {
        Some(e) => Some(crate::io::decode::named(e).map_err(|e| eyre!(e))?),
        None => None,
    };
    let f = std::fs::File::open(&args.file).wrap_err_with(|| format!("opening {file}"))?;
    let total = f.metadata().map(|m| m.len()).unwrap_or(0);
    let mut src = CsvSource::with_encoding(Box::new(f), delimiter, encoding)
        .map_err(|e| eyre!("{file}: {e}"))?;
    let (mut mapping, label) = match mapping {
        Some(m) => (m, label),
        None => {
            let fmt = pick_format(args.format, &src.headers).map_err(|e| eyre!("{file}: {e}"))?;
            (fmt.mapping(), fmt.label().to_string())
        }
    };
    let mut store = super::open_store(env, OpenMode::Existing)?;
    let stages = store.stages()?;
    // What the user's own mapping names must exist in the file, extended or not.
    if let Some(own) = &extending {
        let mut own: Mapping = own.clone();
        own.extends = None;
        own.compile(&src.headers, &stages, false)
            .map_err(|e| eyre!("{file}: {e}"))?;
    }
    mapping
        .add_stage_options(&args.stages)
        .map_err(|e| eyre!(e))?;
    let mut compiled = mapping
        .compile(&src.headers, &stages, lenient)
        .map_err(|e| eyre!("{file}: {e}"))?;
    if let Some(code) = &args.team_currency {
        let code =
            crate::domain::currency::parse_code(code).map_err(|e| eyre!("--team-currency: {e}"))?;
        compiled.set_team_currency(code);
    }
    let mut notes: Vec<String> = src.encoding.iter().cloned().collect();
    notes.extend(
        decide_rules(args, &mapping, &mut compiled, src.delimiter, encoding)
            .map_err(|e| eyre!("{file}: {e}"))?,
    );
    if let Some(name) = &args.tz {
        let zone = crate::metrics::zone::Zone::named(name).map_err(|_| {
            eyre!("--tz {name:?}: not a time zone (use an IANA name such as Europe/Berlin)")
        })?;
        compiled.set_zone(zone);
        notes.push(format!(
            "times: those without an offset are {name} wall-clock times (--tz)"
        ));
    }
    let unread = compiled.unread(&src.headers);
    if !unread.is_empty() {
        // Wide exports (a CRM's every property) would bury the report: the first 30 named.
        let shown: Vec<&str> = unread.iter().take(30).map(String::as_str).collect();
        let more = unread.len() - shown.len();
        notes.push(format!(
            "columns not read ({}): {}{}",
            unread.len(),
            shown.join(", "),
            if more > 0 {
                format!(", … and {more} more")
            } else {
                String::new()
            }
        ));
    }
    if !compiled.has("name") && !compiled.has("external_id") && !compiled.has("email") {
        bail!("{file}: no column gives a lead's name, e-mail or id; pass --map MAP.toml");
    }
    let opts = ImportOptions {
        entry_stage: mapping.entry_stage(&stages),
        allow_disqualified: args.allow_disqualified,
        // Rebuilding the read-only indexes pays off when the file (at roughly 200 bytes a
        // row) brings more leads than the shared file already has.
        rebuild_indexes: total / 200 > store.lead_count()?.max(0) as u64,
        unknown_reps: if mapping.reps.unknown == "refuse" {
            UnknownReps::Refuse
        } else {
            UnknownReps::Create
        },
        owners: args.owner.clone(),
    };
    let bar = progress(total);
    let mut report = ImportReport {
        format: label,
        notes,
        dry_run: args.dry_run,
        ..ImportReport::default()
    };
    let mut rows = 0u64;
    let mut session = store.begin_import(&env.user, env.clock.now(), opts)?;
    while let Some(row) = src.next_row().map_err(|e| eyre!("{file}: {e}"))? {
        rows += 1;
        let row = match row {
            Ok(r) => r,
            Err(p) => {
                report.problem(p);
                continue;
            }
        };
        if let Some(b) = &bar
            && rows % 1024 == 0
        {
            b.set_position(row.byte);
        }
        let rec = compiled.record(row.line, row.cells);
        for w in compiled.take_warnings() {
            report.warning(w);
        }
        let rec = match rec {
            Ok(r) => r,
            Err(ps) => {
                report.row_problems(ps);
                continue;
            }
        };
        match session.apply(&rec)? {
            RowOutcome::Created(_) => report.created += 1,
            RowOutcome::Updated(_) => report.updated += 1,
            RowOutcome::Unchanged(_) => report.unchanged += 1,
            RowOutcome::Refused { lead, message } => report.refusal(rec.line, lead, message),
            RowOutcome::Bad(p) => report.problem(p),
        }
    }
    if let Some(b) = bar {
        b.finish_and_clear();
        // Rebuilding indexes and committing a big file takes a few seconds more.
        if !args.dry_run {
            eprintln!("saving…");
        }
    }
    report.notes.extend(compiled.stage_notes());
    report.notes.extend(compiled.currency_notes());
    if let Some((n, line, first)) = &src.footer {
        report.notes.push(format!(
            "skipped {n} report footer line{} from line {line} ({first:?} …): not leads",
            if *n == 1 { "" } else { "s" }
        ));
    }
    report.new_reps = std::mem::take(&mut session.new_reps);
    report.new_campaigns = std::mem::take(&mut session.new_campaigns);
    let blocked = report.bad > 0 && !args.skip_bad;
    if args.dry_run || blocked {
        session.rollback()?;
    } else {
        session.commit().wrap_err("saving the import")?;
        report.written = true;
    }
    if rows == 0 {
        super::out::println(&format!(
            "{file} has a header but no rows: nothing to import"
        ));
    }
    super::out::print(&report.render());
    Ok(if blocked {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// The decimal separator and date order for the whole file: stated by a flag or the mapping,
/// else read off every value in a first pass over the file (a pipe cannot be read twice, so
/// there only the separator decides and ambiguous dates stay refused).
fn decide_rules(
    args: &ImportArgs,
    mapping: &Mapping,
    compiled: &mut Compiled,
    delimiter: u8,
    encoding: Option<&'static encoding_rs::Encoding>,
) -> Result<Vec<String>, String> {
    let forced = if args.decimal_comma {
        Some((Decimal::Comma, "--decimal-comma"))
    } else if args.decimal_point {
        Some((Decimal::Point, "--decimal-point"))
    } else {
        mapping
            .decimal_rule()?
            .map(|d| (d, "stated by the mapping"))
    };
    let order = args.date_order.map(|o| match o {
        DateOrderArg::Dmy => DateOrder::DayFirst,
        DateOrderArg::Mdy => DateOrder::MonthFirst,
    });
    let value_cols = compiled.columns_of("value").to_vec();
    let date_cols = compiled.date_columns();
    let regular = std::fs::metadata(&args.file).is_ok_and(|m| m.is_file());
    let (amounts, dates) = if regular {
        let f = std::fs::File::open(&args.file).map_err(|e| e.to_string())?;
        let mut again =
            CsvSource::with_encoding(Box::new(f), Some(delimiter), encoding).map_err(|e| e.0)?;
        scan::look(&mut again, &value_cols, &date_cols).map_err(|e| e.0)?
    } else {
        Default::default()
    };
    let mut notes = Vec::new();
    let (decimal, note) = amounts.decide(forced, delimiter);
    if !value_cols.is_empty() {
        notes.push(note);
    }
    // Formats the mapping states are what the user said the dates are; no guessing around them.
    if order.is_some() || mapping.date_formats.is_empty() {
        let (order, note) = dates.decide(order);
        notes.extend(note);
        compiled.set_rules(decimal, order);
    } else {
        compiled.set_rules(decimal, None);
    }
    Ok(notes)
}

/// The format asked for, narrowed by what the header shows within that vendor's formats.
fn pick_format(asked: ImportFormat, headers: &[String]) -> Result<Format, String> {
    let seen = detect(headers);
    let within = |family: &[Format], default: Format| match seen {
        Ok(f) if family.contains(&f) => f,
        _ => default,
    };
    Ok(match asked {
        ImportFormat::Auto => seen?,
        ImportFormat::Hubspot => within(
            &[Format::HubspotDeals, Format::HubspotContacts],
            Format::HubspotDeals,
        ),
        ImportFormat::Salesforce => within(
            &[
                Format::Salesforce,
                Format::SalesforceReportLeads,
                Format::SalesforceReportOpportunities,
            ],
            Format::Salesforce,
        ),
        ImportFormat::Pipedrive => within(
            &[
                Format::Pipedrive,
                Format::PipedrivePeople,
                Format::PipedriveLeads,
            ],
            Format::Pipedrive,
        ),
        ImportFormat::Zoho => within(&[Format::ZohoLeads, Format::ZohoDeals], Format::ZohoLeads),
        ImportFormat::Close => Format::CloseLeads,
        ImportFormat::Generic => Format::Generic,
    })
}

/// A byte-based bar on stderr, only when a person is watching.
fn progress(total: u64) -> Option<indicatif::ProgressBar> {
    if !std::io::stderr().is_terminal() || total < 1_000_000 {
        return None;
    }
    let bar = indicatif::ProgressBar::new(total);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "importing {bar:40} {bytes}/{total_bytes} ({eta} left)",
    ) {
        bar.set_style(style);
    }
    Some(bar)
}
