//! Pipedrive list-view exports: "Entity - Field" headers (`Deal - Title`, `Person - Email -
//! Work`). The import template's older names (`Person - Email (Work)`, `Organization - Name`)
//! are read too.

use super::{Signature, any, cols, map};
use crate::io::mapping::{Mapping, StageWhen};

pub(super) const DEALS: Signature = Signature {
    all: &[],
    any: &["Deal - Title", "Deal - ID", "Deal - Stage", "Deal - Status"],
    none: &[],
    exact: false,
};

pub(super) const PEOPLE: Signature = Signature {
    all: &["Person - Name"],
    any: &[],
    none: &["Deal - Title", "Deal - ID", "Lead - Title"],
    exact: false,
};

pub(super) const LEADS: Signature = Signature {
    all: &["Lead - Title"],
    any: &[],
    none: &["Deal - Title", "Deal - ID"],
    exact: false,
};

const EMAIL: &[&str] = &[
    "Person - Email - Work",
    "Person - Email (Work)",
    "Person - Email",
    "Person - Email - Home",
    "Person - Email - Other",
];

/// `Deal - Status` won/lost wins over the pipeline stage.
pub(super) fn deals() -> Mapping {
    let mut columns = cols(&[
        ("external_id", "Deal - ID"),
        ("name", "Deal - Title"),
        ("stage", "Deal - Stage"),
        ("owner", "Deal - Owner"),
        ("value", "Deal - Value"),
        ("created_at", "Deal - Deal created"),
        ("source", "Deal - Source channel"),
    ]);
    columns.insert(
        "company".into(),
        any(&["Deal - Organization", "Organization - Name"]),
    );
    columns.insert("email".into(), any(EMAIL));
    // The list-view export names the value's currency `Deal - Currency of Value` and writes
    // the ISO code (`EUR`, `JPY`), as the deal's `currency` field in Pipedrive's API; a few
    // exports and templates shorten it to `Deal - Currency`.
    columns.insert(
        "currency".into(),
        any(&["Deal - Currency of Value", "Deal - Currency"]),
    );
    Mapping {
        name: Some("Pipedrive deals".into()),
        external_id_prefix: "pipedrive:".into(),
        columns,
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

/// People carry no pipeline stage: each is a known contact (`new`).
pub(super) fn people() -> Mapping {
    let mut columns = cols(&[
        ("external_id", "Person - ID"),
        ("name", "Person - Name"),
        ("owner", "Person - Owner"),
        ("created_at", "Person - Person created"),
    ]);
    columns.insert(
        "company".into(),
        any(&["Person - Organization", "Organization - Name"]),
    );
    columns.insert("email".into(), any(EMAIL));
    Mapping {
        name: Some("Pipedrive people".into()),
        external_id_prefix: "pipedrive-person:".into(),
        columns,
        fixed: map(&[("stage", "new")]),
        ..Mapping::default()
    }
}

/// The Leads Inbox: leads waiting for sales to qualify them into deals (`mql`).
pub(super) fn leads() -> Mapping {
    let mut columns = cols(&[
        ("external_id", "Lead - ID"),
        ("name", "Lead - Title"),
        ("owner", "Lead - Owner"),
        ("value", "Lead - Value"),
        ("source", "Lead - Source channel"),
        ("created_at", "Lead - Lead created"),
    ]);
    columns.insert(
        "company".into(),
        any(&["Lead - Organization", "Organization - Name"]),
    );
    columns.insert("email".into(), any(EMAIL));
    Mapping {
        name: Some("Pipedrive leads".into()),
        external_id_prefix: "pipedrive-lead:".into(),
        columns,
        fixed: map(&[("stage", "mql")]),
        ..Mapping::default()
    }
}
