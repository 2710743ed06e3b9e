//! All integration tests in one binary: one link instead of thirty keeps the build small
//! (CI machines have little disk) and fast.

mod common;
mod fixture;
mod import_support;
mod ui_driver;

mod board_view;
mod board_window;
mod cli_basics;
mod crash;
mod demo_data;
mod demo_history;
mod export_roundtrip;
mod file_home;
mod fuzz_inputs;
mod harden_input;
mod harden_open;
mod harden_paths;
mod hostile;
mod import_bad_input;
mod import_bulk;
mod import_datasets;
mod import_formats;
mod import_rules;
mod live_refresh;
mod meeting_deltas;
mod meeting_run;
mod meeting_view;
mod metrics_cli;
mod metrics_fixture;
mod metrics_props;
mod metrics_views;
mod parsers_prop;
mod pty_board;
mod pty_signals;
mod stage_changes;
mod store_open;
mod store_shared;
mod store_writes;
mod stress;
mod triage_cli;
mod triage_conflicts;
mod triage_find;
mod triage_keys;
mod triage_views;
mod view_cache;
