//! leadboard: a terminal board for a sales and marketing team sharing one SQLite file.
//!
//! Data flows file → store → domain → metrics → ui state → widgets; intent flows back
//! key → action → update → store write → refresh.

pub mod cli;
pub mod clock;
pub mod commands;
pub mod demo;
pub mod domain;
pub mod io;
pub mod meeting;
pub mod metrics;
pub mod store;
pub mod text;
pub mod ui;
