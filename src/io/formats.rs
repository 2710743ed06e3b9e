//! The built-in formats: CRM exports recognised from their headers, each a `Mapping`.
//! docs/import.md lists the columns each one reads and how its stages land in the funnel.

use super::mapping::{Cols, Mapping, RepsPolicy, StageWhen};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    HubspotDeals,
    HubspotContacts,
    Salesforce,
    Pipedrive,
    /// leadboard's own columns, as `leadboard export` writes them.
    Generic,
}

impl Format {
    pub fn label(self) -> &'static str {
        match self {
            Format::HubspotDeals => "HubSpot deals",
            Format::HubspotContacts => "HubSpot contacts",
            Format::Salesforce => "Salesforce leads",
            Format::Pipedrive => "Pipedrive deals",
            Format::Generic => "leadboard (generic)",
        }
    }

    /// The name a mapping file's `extends` uses.
    pub fn id(self) -> &'static str {
        match self {
            Format::HubspotDeals => "hubspot-deals",
            Format::HubspotContacts => "hubspot-contacts",
            Format::Salesforce => "salesforce-leads",
            Format::Pipedrive => "pipedrive-deals",
            Format::Generic => "generic",
        }
    }

    pub const ALL: &[Format] = &[
        Format::HubspotDeals,
        Format::HubspotContacts,
        Format::Salesforce,
        Format::Pipedrive,
        Format::Generic,
    ];

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
            Format::HubspotDeals => hubspot_deals(),
            Format::HubspotContacts => hubspot_contacts(),
            Format::Salesforce => salesforce(),
            Format::Pipedrive => pipedrive(),
            Format::Generic => return generic(),
        };
        // Custom pipelines and statuses are the rule in CRM exports, not the exception.
        m.unknown_stages = Some("place".into());
        m
    }
}

/// Which built-in format wrote this header, if any.
pub fn detect(headers: &[String]) -> Option<Format> {
    let has = |h: &str| headers.iter().any(|x| x.eq_ignore_ascii_case(h));
    if headers
        .iter()
        .any(|h| h.to_lowercase().starts_with("deal - "))
    {
        return Some(Format::Pipedrive);
    }
    if has("Record ID") && (has("Deal Name") || has("Deal Stage")) {
        return Some(Format::HubspotDeals);
    }
    if has("Record ID") && (has("Email") || has("First Name") || has("Lifecycle Stage")) {
        return Some(Format::HubspotContacts);
    }
    if has("LastName") && (has("Status") || has("IsConverted") || has("Company")) {
        return Some(Format::Salesforce);
    }
    if has("name") && (has("stage") || has("external_id") || has("email")) {
        return Some(Format::Generic);
    }
    None
}

fn cols(pairs: &[(&str, &str)]) -> BTreeMap<String, Cols> {
    pairs
        .iter()
        .map(|(f, c)| (f.to_string(), Cols::One(c.to_string())))
        .collect()
}

fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

/// HubSpot's default sales pipeline, by label and by internal value.
const HUBSPOT_DEAL_STAGES: &[(&str, &str)] = &[
    ("Appointment Scheduled", "sql"),
    ("appointmentscheduled", "sql"),
    ("Qualified To Buy", "opportunity"),
    ("qualifiedtobuy", "opportunity"),
    ("Presentation Scheduled", "opportunity"),
    ("presentationscheduled", "opportunity"),
    ("Decision Maker Bought-In", "opportunity"),
    ("decisionmakerboughtin", "opportunity"),
    ("Contract Sent", "opportunity"),
    ("contractsent", "opportunity"),
    ("Closed Won", "won"),
    ("closedwon", "won"),
    ("Closed Lost", "lost"),
    ("closedlost", "lost"),
];

fn hubspot_deals() -> Mapping {
    Mapping {
        name: Some("HubSpot deals".into()),
        external_id_prefix: "hubspot-deal:".into(),
        columns: cols(&[
            ("external_id", "Record ID"),
            ("name", "Deal Name"),
            ("company", "Associated Company"),
            ("stage", "Deal Stage"),
            ("owner", "Deal owner"),
            ("value", "Amount"),
            ("created_at", "Create Date"),
            ("stage_at", "Close Date"),
            ("campaign", "Original Source Drill-Down 1"),
            ("source", "Original Source Type"),
        ]),
        stage_map: map(HUBSPOT_DEAL_STAGES),
        ..Mapping::default()
    }
}

fn hubspot_contacts() -> Mapping {
    let mut columns = cols(&[
        ("external_id", "Record ID"),
        ("email", "Email"),
        ("company", "Company Name"),
        ("stage", "Lifecycle Stage"),
        ("owner", "Contact owner"),
        ("created_at", "Create Date"),
        ("source", "Original Source"),
        ("score", "HubSpot Score"),
    ]);
    columns.insert(
        "name".into(),
        Cols::Many(vec!["First Name".into(), "Last Name".into()]),
    );
    Mapping {
        name: Some("HubSpot contacts".into()),
        external_id_prefix: "hubspot-contact:".into(),
        columns,
        stage_map: map(&[
            ("Subscriber", "new"),
            ("Lead", "engaged"),
            ("Marketing Qualified Lead", "mql"),
            ("marketingqualifiedlead", "mql"),
            ("Sales Qualified Lead", "sql"),
            ("salesqualifiedlead", "sql"),
            ("Opportunity", "opportunity"),
            ("Customer", "won"),
            ("Evangelist", "won"),
            ("Other", "new"),
        ]),
        ..Mapping::default()
    }
}

/// Salesforce Lead objects by API name. `IsConverted` wins over `Status`: a converted lead
/// became an opportunity whatever its status text says.
fn salesforce() -> Mapping {
    let mut columns = cols(&[
        ("external_id", "Id"),
        ("company", "Company"),
        ("email", "Email"),
        ("stage", "Status"),
        ("source", "LeadSource"),
        ("owner", "OwnerId"),
        ("created_at", "CreatedDate"),
        ("value", "AnnualRevenue"),
    ]);
    columns.insert(
        "name".into(),
        Cols::Many(vec!["FirstName".into(), "LastName".into()]),
    );
    Mapping {
        name: Some("Salesforce leads".into()),
        external_id_prefix: "salesforce:".into(),
        columns,
        stage_map: map(&[
            ("Open - Not Contacted", "mql"),
            ("Working - Contacted", "sql"),
            ("Closed - Converted", "opportunity"),
            ("Closed - Not Converted", "disqualified"),
        ]),
        stage_when: vec![StageWhen {
            column: "IsConverted".into(),
            equals: vec!["true".into(), "1".into()],
            stage: "opportunity".into(),
            at: Some("ConvertedDate".into()),
        }],
        ..Mapping::default()
    }
}

/// Pipedrive "Entity - Field" exports. `Deal - Status` won/lost wins over the pipeline stage.
fn pipedrive() -> Mapping {
    Mapping {
        name: Some("Pipedrive deals".into()),
        external_id_prefix: "pipedrive:".into(),
        columns: cols(&[
            ("external_id", "Deal - ID"),
            ("name", "Deal - Title"),
            ("company", "Organization - Name"),
            ("email", "Person - Email (Work)"),
            ("stage", "Deal - Stage"),
            ("owner", "Deal - Owner"),
            ("value", "Deal - Value"),
            ("created_at", "Deal - Deal created"),
            ("source", "Deal - Source channel"),
        ]),
        stage_map: map(&[
            ("Qualified", "sql"),
            ("Contact Made", "sql"),
            ("Demo Scheduled", "opportunity"),
            ("Needs Defined", "opportunity"),
            ("Proposal Made", "opportunity"),
            ("Negotiations Started", "opportunity"),
        ]),
        stage_when: vec![
            StageWhen {
                column: "Deal - Status".into(),
                equals: vec!["won".into()],
                stage: "won".into(),
                at: Some("Deal - Won time".into()),
            },
            StageWhen {
                column: "Deal - Status".into(),
                equals: vec!["lost".into()],
                stage: "lost".into(),
                at: Some("Deal - Lost time".into()),
            },
        ],
        ..Mapping::default()
    }
}

/// Column names equal to lead fields; `stage_entered_at` as `export` writes it.
fn generic() -> Mapping {
    let mut columns: BTreeMap<String, Cols> = super::mapping::FIELDS
        .iter()
        .map(|f| (f.to_string(), Cols::One(f.to_string())))
        .collect();
    columns.insert("stage_at".into(), Cols::One("stage_entered_at".into()));
    Mapping {
        name: Some("leadboard (generic)".into()),
        columns,
        reps: RepsPolicy::default(),
        ..Mapping::default()
    }
}
