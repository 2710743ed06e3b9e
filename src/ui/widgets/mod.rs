//! Small widgets shared by views.

pub mod card;
pub mod gauge;
