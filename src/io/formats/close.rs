//! Close lead exports: snake_case headers (`display_name`, `status_label`,
//! `primary_contact_primary_email`) and `custom.<field>` columns.

use super::{Signature, any, cols, map};
use crate::io::mapping::Mapping;

pub(super) const LEADS: Signature = Signature {
    all: &["status_label"],
    any: &["display_name", "lead_name", "primary_contact_primary_email"],
    none: &[],
    exact: true,
};

pub(super) fn leads() -> Mapping {
    let mut columns = cols(&[
        ("external_id", "id"),
        ("email", "primary_contact_primary_email"),
        ("stage", "status_label"),
        ("created_at", "date_created"),
    ]);
    // A Close lead is a company; the card is named after it.
    columns.insert(
        "name".into(),
        any(&["display_name", "lead_name", "primary_contact_name"]),
    );
    columns.insert("company".into(), any(&["display_name", "lead_name"]));
    Mapping {
        name: Some("Close leads".into()),
        external_id_prefix: "close:".into(),
        columns,
        // Close's default lead statuses.
        stage_map: map(&[
            ("Potential", "new"),
            ("Qualified", "sql"),
            ("Customer", "won"),
            ("Bad Fit", "disqualified"),
        ]),
        ..Mapping::default()
    }
}
