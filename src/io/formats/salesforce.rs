//! Salesforce: Lead objects by API name (Data Loader and Data Export write these, Data Loader
//! in any case: `LASTNAME`, `LastName`), and report exports ("Details Only" as CSV), whose
//! headers are field labels and whose footer lines `CsvSource` skips.

use super::{Signature, any, cols, many, map};
use crate::io::mapping::{Mapping, StageWhen};

pub(super) const LEADS: Signature = Signature {
    all: &["LastName"],
    any: &["Status", "IsConverted", "Company"],
    none: &[],
    exact: false,
};

pub(super) const REPORT_LEADS: Signature = Signature {
    all: &["Lead Status"],
    any: &["Company / Account", "Lead Owner"],
    // Zoho CRM leads share the labels but carry their record id.
    none: &["Record Id"],
    exact: false,
};

pub(super) const REPORT_OPPORTUNITIES: Signature = Signature {
    all: &["Opportunity Name", "Stage"],
    any: &[],
    none: &[],
    exact: false,
};

/// The standard lead status picklist.
const LEAD_STATUSES: &[(&str, &str)] = &[
    ("Open - Not Contacted", "mql"),
    ("Working - Contacted", "sql"),
    ("Closed - Converted", "opportunity"),
    ("Closed - Not Converted", "disqualified"),
];

/// Lead objects by API name. `IsConverted` wins over `Status`: a converted lead became an
/// opportunity whatever its status text says. `AnnualRevenue` is the company's revenue, not
/// a deal value, so it is not read.
pub(super) fn leads() -> Mapping {
    let mut columns = cols(&[
        ("external_id", "Id"),
        ("company", "Company"),
        ("email", "Email"),
        ("stage", "Status"),
        ("source", "LeadSource"),
        ("owner", "OwnerId"),
        ("created_at", "CreatedDate"),
    ]);
    columns.insert("name".into(), many(&["FirstName", "LastName"]));
    Mapping {
        name: Some("Salesforce leads".into()),
        external_id_prefix: "salesforce:".into(),
        columns,
        stage_map: map(LEAD_STATUSES),
        stage_when: vec![StageWhen {
            column: "IsConverted".into(),
            equals: vec!["true".into(), "1".into()],
            stage: "opportunity".into(),
            at: Some("ConvertedDate".into()),
        }],
        ..Mapping::default()
    }
}

/// A leads report: labels as headers; the lead id only when the report shows it.
pub(super) fn report_leads() -> Mapping {
    let mut columns = cols(&[
        ("external_id", "Lead ID"),
        ("email", "Email"),
        ("stage", "Lead Status"),
        ("source", "Lead Source"),
        ("owner", "Lead Owner"),
        ("created_at", "Create Date"),
    ]);
    columns.insert("name".into(), many(&["First Name", "Last Name"]));
    columns.insert("company".into(), any(&["Company / Account", "Company"]));
    Mapping {
        name: Some("Salesforce report (leads)".into()),
        external_id_prefix: "salesforce:".into(),
        columns,
        stage_map: map(LEAD_STATUSES),
        stage_when: vec![StageWhen {
            column: "Converted".into(),
            equals: vec!["1".into(), "true".into()],
            stage: "opportunity".into(),
            at: Some("Converted Date".into()),
        }],
        ..Mapping::default()
    }
}

/// An opportunities report. The standard stage picklist; `Close Date` is when a won or lost
/// opportunity closed (on an open one it is the expected close). A multi-currency org
/// exports each amount with its ISO code in a column of its own (`Amount Currency`, next to
/// `Amount (Converted) Currency` and `Amount (Converted)`, which are converted figures and not
/// read); the record's own currency field is labelled `Opportunity Currency`.
pub(super) fn report_opportunities() -> Mapping {
    let mut columns = cols(&[
        ("external_id", "Opportunity ID"),
        ("name", "Opportunity Name"),
        ("company", "Account Name"),
        ("stage", "Stage"),
        ("owner", "Opportunity Owner"),
        ("value", "Amount"),
        ("closed_at", "Close Date"),
        ("created_at", "Created Date"),
        ("source", "Lead Source"),
    ]);
    columns.insert(
        "currency".into(),
        any(&["Amount Currency", "Opportunity Currency"]),
    );
    Mapping {
        name: Some("Salesforce report (opportunities)".into()),
        external_id_prefix: "salesforce:".into(),
        columns,
        stage_map: map(&[
            ("Prospecting", "sql"),
            ("Qualification", "sql"),
            ("Needs Analysis", "opportunity"),
            ("Value Proposition", "opportunity"),
            ("Id. Decision Makers", "opportunity"),
            ("Perception Analysis", "opportunity"),
            ("Proposal/Price Quote", "opportunity"),
            ("Negotiation/Review", "opportunity"),
            ("Closed Won", "won"),
            ("Closed Lost", "lost"),
        ]),
        ..Mapping::default()
    }
}
