//! HubSpot CRM exports (Contacts and Deals views, "Export" with property labels as headers).

use super::{Signature, any, cols, many, map};
use crate::io::mapping::{Mapping, StageWhen};

pub(super) const DEALS: Signature = Signature {
    all: &["Record ID"],
    any: &["Deal Name", "Deal Stage"],
    none: &[],
    exact: true,
};

pub(super) const CONTACTS: Signature = Signature {
    all: &["Record ID"],
    any: &["Email", "First Name", "Lifecycle Stage"],
    none: &["Deal Name", "Deal Stage"],
    exact: true,
};

/// HubSpot's default sales pipeline, by label and by internal value.
const DEAL_STAGES: &[(&str, &str)] = &[
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

pub(super) fn deals() -> Mapping {
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
            // The expected close on an open deal; when it closed on a won or lost one.
            ("closed_at", "Close Date"),
            ("campaign", "Original Source Drill-Down 1"),
            ("source", "Original Source Type"),
            // `Currency` (deal_currency_code): the ISO code `Amount` is in; only accounts
            // with several currencies have it.
            ("currency", "Currency"),
        ]),
        stage_map: map(DEAL_STAGES),
        ..Mapping::default()
    }
}

pub(super) fn contacts() -> Mapping {
    let mut columns = cols(&[
        ("external_id", "Record ID"),
        ("email", "Email"),
        ("stage", "Lifecycle Stage"),
        ("owner", "Contact owner"),
        ("created_at", "Create Date"),
        ("source", "Original Source"),
        ("score", "HubSpot Score"),
    ]);
    columns.insert("name".into(), many(&["First Name", "Last Name"]));
    columns.insert(
        "company".into(),
        any(&["Company Name", "Associated Company"]),
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
        // Two of the default Lead Status values are sales' verdict on the contact and say
        // more than the lifecycle stage: not a fit, or not now.
        stage_when: vec![
            StageWhen {
                column: "Lead Status".into(),
                equals: vec!["unqualified".into()],
                stage: "disqualified".into(),
                at: None,
            },
            StageWhen {
                column: "Lead Status".into(),
                equals: vec!["bad timing".into(), "bad_timing".into()],
                stage: "recycled".into(),
                at: None,
            },
        ],
        ..Mapping::default()
    }
}
