//! Small widgets shared by views.

pub mod card;
