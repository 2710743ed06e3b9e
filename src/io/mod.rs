//! Headless input and output, pure (no SQL; the store applies and supplies):
//! CSV in and out (bytes → rows → import records and row problems; leads → CSV/JSON),
//! gathering the metrics from the store, and rendering reports.

pub mod amounts;
pub mod bundle;
pub mod dates;
pub mod decode;
pub mod export;
pub mod formats;
pub mod gather;
pub mod import_report;
pub mod json;
mod lines;
pub mod mapping;
pub mod markdown;
pub mod report;
pub mod scan;
pub mod source;

pub use formats::{Format, detect};
pub use import_report::ImportReport;
pub use mapping::{Compiled, Mapping};
pub use source::{CsvSource, SourceError};
