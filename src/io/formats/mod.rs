//! The built-in formats: CRM exports recognised from their headers, each a `Mapping`.
//! docs/import.md lists the columns each one reads and how its stages land in the funnel.
//! One file per vendor; `detect` scores every format's signature against the header.

mod close;
mod hubspot;
mod pipedrive;
mod salesforce;
mod zoho;

use super::mapping::{Cols, Mapping, RepsPolicy};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    HubspotDeals,
    HubspotContacts,
    /// Salesforce Lead objects by API name (Data Loader, Data Export), any header case.
    Salesforce,
    SalesforceReportLeads,
    SalesforceReportOpportunities,
    Pipedrive,
    PipedrivePeople,
    PipedriveLeads,
    ZohoLeads,
    ZohoDeals,
    CloseLeads,
    /// leadboard's own columns, as `leadboard export` writes them.
    Generic,
}

impl Format {
    pub const ALL: &[Format] = &[
        Format::HubspotDeals,
        Format::HubspotContacts,
        Format::Salesforce,
        Format::SalesforceReportLeads,
        Format::SalesforceReportOpportunities,
        Format::Pipedrive,
        Format::PipedrivePeople,
        Format::PipedriveLeads,
        Format::ZohoLeads,
        Format::ZohoDeals,
        Format::CloseLeads,
        Format::Generic,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Format::HubspotDeals => "HubSpot deals",
            Format::HubspotContacts => "HubSpot contacts",
            Format::Salesforce => "Salesforce leads",
            Format::SalesforceReportLeads => "Salesforce report (leads)",
            Format::SalesforceReportOpportunities => "Salesforce report (opportunities)",
            Format::Pipedrive => "Pipedrive deals",
            Format::PipedrivePeople => "Pipedrive people",
            Format::PipedriveLeads => "Pipedrive leads",
            Format::ZohoLeads => "Zoho CRM leads",
            Format::ZohoDeals => "Zoho CRM deals",
            Format::CloseLeads => "Close leads",
            Format::Generic => "leadboard (generic)",
        }
    }

    /// The name a mapping file's `extends` uses.
    pub fn id(self) -> &'static str {
        match self {
            Format::HubspotDeals => "hubspot-deals",
            Format::HubspotContacts => "hubspot-contacts",
            Format::Salesforce => "salesforce-leads",
            Format::SalesforceReportLeads => "salesforce-report-leads",
            Format::SalesforceReportOpportunities => "salesforce-report-opportunities",
            Format::Pipedrive => "pipedrive-deals",
            Format::PipedrivePeople => "pipedrive-people",
            Format::PipedriveLeads => "pipedrive-leads",
            Format::ZohoLeads => "zoho-leads",
            Format::ZohoDeals => "zoho-deals",
            Format::CloseLeads => "close-leads",
            Format::Generic => "generic",
        }
    }

    pub fn from_id(id: &str) -> Result<Format, String> {
        Format::ALL
            .iter()
            .copied()
            .find(|f| f.id().eq_ignore_ascii_case(id.trim()))
            .ok_or_else(|| {
                let ids: Vec<&str> = Format::ALL.iter().map(|f| f.id()).collect();
                format!(
                    "extends {id:?}: not a built-in format (one of: {})",
                    ids.join(", ")
                )
            })
    }

    pub fn mapping(self) -> Mapping {
        let mut m = match self {
            Format::HubspotDeals => hubspot::deals(),
            Format::HubspotContacts => hubspot::contacts(),
            Format::Salesforce => salesforce::leads(),
            Format::SalesforceReportLeads => salesforce::report_leads(),
            Format::SalesforceReportOpportunities => salesforce::report_opportunities(),
            Format::Pipedrive => pipedrive::deals(),
            Format::PipedrivePeople => pipedrive::people(),
            Format::PipedriveLeads => pipedrive::leads(),
            Format::ZohoLeads => zoho::leads(),
            Format::ZohoDeals => zoho::deals(),
            Format::CloseLeads => close::leads(),
            Format::Generic => return generic(),
        };
        // Custom pipelines and statuses are the rule in CRM exports, not the exception.
        m.unknown_stages = Some("place".into());
        m.vendor = true;
        m
    }

    /// What a header must have to be this format: every `all` column, at least one `any`
    /// column (when listed), no `none` column. Names compare without case unless `exact`
    /// (HubSpot writes `Record ID`, Zoho `Record Id`).
    fn signature(self) -> Signature {
        match self {
            Format::HubspotDeals => hubspot::DEALS,
            Format::HubspotContacts => hubspot::CONTACTS,
            Format::Salesforce => salesforce::LEADS,
            Format::SalesforceReportLeads => salesforce::REPORT_LEADS,
            Format::SalesforceReportOpportunities => salesforce::REPORT_OPPORTUNITIES,
            Format::Pipedrive => pipedrive::DEALS,
            Format::PipedrivePeople => pipedrive::PEOPLE,
            Format::PipedriveLeads => pipedrive::LEADS,
            Format::ZohoLeads => zoho::LEADS,
            Format::ZohoDeals => zoho::DEALS,
            Format::CloseLeads => close::LEADS,
            Format::Generic => GENERIC,
        }
    }
}

pub(crate) struct Signature {
    all: &'static [&'static str],
    any: &'static [&'static str],
    none: &'static [&'static str],
    exact: bool,
}

const GENERIC: Signature = Signature {
    all: &["name"],
    any: &["stage", "external_id", "email"],
    none: &[],
    exact: false,
};

impl Signature {
    fn matches(&self, headers: &[String]) -> bool {
        let has = |name: &str| {
            headers.iter().any(|h| {
                if self.exact {
                    h == name
                } else {
                    h.eq_ignore_ascii_case(name)
                }
            })
        };
        self.all.iter().all(|c| has(c))
            && (self.any.is_empty() || self.any.iter().any(|c| has(c)))
            && !self.none.iter().any(|c| has(c))
    }
}

/// Which built-in format wrote this header: exactly one, or why not (no format, or several,
/// named with the columns seen, so a wrong guess is never made silently).
pub fn detect(headers: &[String]) -> Result<Format, String> {
    let hits: Vec<Format> = Format::ALL
        .iter()
        .copied()
        .filter(|f| f.signature().matches(headers))
        .collect();
    match hits.as_slice() {
        [one] => Ok(*one),
        [] => Err(format!(
            "cannot tell which CRM wrote this file from its header; it matches no built-in \
             format (its columns: {}); pass --format or --map MAP.toml (see docs/import.md)",
            headers.join(", ")
        )),
        many => Err(format!(
            "the header matches more than one format ({}), so none is guessed (its columns: \
             {}); pass --format or a --map MAP.toml with extends = \"{}\"",
            many.iter()
                .map(|f| f.label())
                .collect::<Vec<_>>()
                .join(", "),
            headers.join(", "),
            many[0].id()
        )),
    }
}

fn cols(pairs: &[(&str, &str)]) -> BTreeMap<String, Cols> {
    pairs
        .iter()
        .map(|(f, c)| (f.to_string(), Cols::One(c.to_string())))
        .collect()
}

fn many(names: &[&str]) -> Cols {
    Cols::Many(names.iter().map(|s| s.to_string()).collect())
}

/// The first of several names a vendor has used for one column.
fn any(names: &[&str]) -> Cols {
    Cols::Any {
        any: names.iter().map(|s| s.to_string()).collect(),
    }
}

fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

/// Column names equal to lead fields; `stage_entered_at` as `export` writes it.
fn generic() -> Mapping {
    let mut columns: BTreeMap<String, Cols> = super::mapping::FIELDS
        .iter()
        .map(|f| (f.to_string(), Cols::One(f.to_string())))
        .collect();
    columns.insert("stage_at".into(), Cols::One("stage_entered_at".into()));
    columns.remove("closed_at");
    Mapping {
        name: Some("leadboard (generic)".into()),
        columns,
        reps: RepsPolicy::default(),
        ..Mapping::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn zoho_is_not_hubspot() {
        let zoho = h(&[
            "Record Id",
            "Lead Owner",
            "First Name",
            "Last Name",
            "Email",
            "Lead Status",
            "Lead Source",
            "Created Time",
        ]);
        assert_eq!(detect(&zoho), Ok(Format::ZohoLeads));
        let hub = h(&[
            "Record ID",
            "First Name",
            "Last Name",
            "Email",
            "Lifecycle Stage",
            "Create Date",
        ]);
        assert_eq!(detect(&hub), Ok(Format::HubspotContacts));
    }

    #[test]
    fn no_format_or_two_is_said_with_the_columns() {
        let e = detect(&h(&["Lead", "Mail"])).unwrap_err();
        assert!(
            e.contains("matches no built-in format (its columns: Lead, Mail)"),
            "{e}"
        );
    }

    #[test]
    fn every_format_has_an_id_it_is_found_by() {
        for f in Format::ALL {
            assert_eq!(Format::from_id(f.id()), Ok(*f));
        }
    }
}
