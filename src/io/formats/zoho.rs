//! Zoho CRM module exports (Leads, Deals): field labels as headers, `Record Id` (HubSpot
//! writes `Record ID`) and `Created Time`. `Annual Revenue` is the company's, not a deal
//! value, so it is not read.

use super::{Signature, cols, many, map};
use crate::io::mapping::Mapping;

pub(super) const LEADS: Signature = Signature {
    all: &["Record Id"],
    any: &["Lead Owner", "Lead Status"],
    none: &["Deal Name"],
    exact: true,
};

pub(super) const DEALS: Signature = Signature {
    all: &["Record Id", "Deal Name"],
    any: &["Stage", "Deal Owner", "Closing Date"],
    none: &[],
    exact: true,
};

pub(super) fn leads() -> Mapping {
    let mut columns = cols(&[
        ("external_id", "Record Id"),
        ("company", "Company"),
        ("email", "Email"),
        ("stage", "Lead Status"),
        ("source", "Lead Source"),
        ("owner", "Lead Owner"),
        ("created_at", "Created Time"),
    ]);
    columns.insert("name".into(), many(&["First Name", "Last Name"]));
    Mapping {
        name: Some("Zoho CRM leads".into()),
        external_id_prefix: "zoho-lead:".into(),
        columns,
        // The standard Lead Status picklist.
        stage_map: map(&[
            ("Not Contacted", "mql"),
            ("Attempted to Contact", "mql"),
            ("Contact in Future", "engaged"),
            ("Contacted", "sql"),
            ("Pre-Qualified", "sql"),
            ("Not Qualified", "disqualified"),
            ("Junk Lead", "disqualified"),
            ("Lost Lead", "lost"),
        ]),
        ..Mapping::default()
    }
}

pub(super) fn deals() -> Mapping {
    Mapping {
        name: Some("Zoho CRM deals".into()),
        external_id_prefix: "zoho-deal:".into(),
        columns: cols(&[
            ("external_id", "Record Id"),
            ("name", "Deal Name"),
            ("company", "Account Name"),
            ("stage", "Stage"),
            ("owner", "Deal Owner"),
            ("value", "Amount"),
            ("closed_at", "Closing Date"),
            ("created_at", "Created Time"),
            ("source", "Lead Source"),
        ]),
        // The standard Stage picklist.
        stage_map: map(&[
            ("Qualification", "sql"),
            ("Needs Analysis", "opportunity"),
            ("Value Proposition", "opportunity"),
            ("Id. Decision Makers", "opportunity"),
            ("Perception Analysis", "opportunity"),
            ("Proposal/Price Quote", "opportunity"),
            ("Negotiation/Review", "opportunity"),
            ("Closed Won", "won"),
            ("Closed Lost", "lost"),
            ("Closed-Lost to Competition", "lost"),
        ]),
        ..Mapping::default()
    }
}
