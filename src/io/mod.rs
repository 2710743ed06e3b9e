//! Headless input and output: gathering the metrics from the store, rendering reports.

pub mod gather;
pub mod markdown;
pub mod report;
