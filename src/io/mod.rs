//! CSV in and out, pure: bytes → rows → import records and row problems; leads → CSV/JSON.
//! No SQL here; the store applies records.

pub mod dates;
pub mod export;
pub mod formats;
mod lines;
pub mod mapping;
pub mod report;
pub mod source;

pub use formats::{Format, detect};
pub use mapping::{Compiled, Mapping};
pub use report::ImportReport;
pub use source::{CsvSource, SourceError};
