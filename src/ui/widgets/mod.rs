//! Small widgets shared by views.

pub mod big_number;
pub mod card;
pub mod gauge;
