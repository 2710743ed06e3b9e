use clap::Parser;
use leadboard::cli::Cli;
use leadboard::clock::Clock;
use std::process::ExitCode;

fn main() -> ExitCode {
    // color-eyre's panic report; the TUI chains its terminal-restoring hook in front of it.
    let _ = color_eyre::config::HookBuilder::default()
        .display_env_section(false)
        .install();
    let cli = Cli::parse();
    // The only place that reads the clock: `--as-of`, else the system time.
    let clock = cli.as_of.map_or(Clock::System, Clock::Fixed);
    match leadboard::commands::dispatch(cli, clock) {
        Ok(code) => code,
        Err(e) => {
            // One line a person can act on: the context chain, no backtrace noise.
            // Messages quote file names, headers and cells: data, cleaned and cut like any.
            let chain: Vec<String> = e
                .chain()
                .map(|c| leadboard::text::message(&c.to_string()))
                .collect();
            eprintln!("leadboard: {}", chain.join(": "));
            ExitCode::from(leadboard::commands::exit_code(&e))
        }
    }
}
