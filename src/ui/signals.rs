//! SIGTERM, SIGHUP (a closed SSH session) and SIGINT sent from outside (in raw mode Ctrl-C is
//! a key, not a signal) end the board cleanly: the handler only sets a flag; the run loop
//! sees it between actions, so a write in progress finishes, then the terminal guard
//! restores the screen. A second signal ends the process at once (exit 1), for a board
//! stuck waiting on a lock.

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::flag;
use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

pub struct Signals {
    stop: Arc<AtomicBool>,
    /// Set while the loop waits for input (never during a write): the watchdog may end it then.
    waiting: Arc<AtomicBool>,
    ids: Vec<signal_hook::SigId>,
}

impl Signals {
    pub fn install() -> io::Result<Signals> {
        let stop = Arc::new(AtomicBool::new(false));
        let mut ids = Vec::new();
        for sig in [SIGTERM, SIGHUP, SIGINT] {
            // Order matters: the conditional shutdown sees the flag as it was before this signal.
            ids.push(flag::register_conditional_shutdown(
                sig,
                1,
                Arc::clone(&stop),
            )?);
            ids.push(flag::register(sig, Arc::clone(&stop))?);
        }
        let waiting = Arc::new(AtomicBool::new(false));
        watchdog(Arc::clone(&stop), Arc::clone(&waiting));
        Ok(Signals { stop, waiting, ids })
    }

    /// The loop is (or is no longer) waiting for a key.
    pub fn waiting(&self, yes: bool) {
        self.waiting.store(yes, Ordering::Relaxed);
    }

    /// True once one of the signals arrived.
    pub fn received(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }
}

impl Drop for Signals {
    fn drop(&mut self) {
        for id in self.ids.drain(..) {
            signal_hook::low_level::unregister(id);
        }
    }
}

/// When the terminal hangs up (a closed SSH session, a killed tmux pane), crossterm's input
/// reader spins on end-of-file inside `event::poll` and never returns, so the loop would
/// never see the signal flag and the process would burn a core forever. This thread ends the
/// process when the loop is waiting for input (so never in the middle of a write) and either
/// the terminal is gone or a stop signal has gone unanswered for a second.
fn watchdog(stop: Arc<AtomicBool>, waiting: Arc<AtomicBool>) {
    use std::io::IsTerminal;
    use std::time::{Duration, Instant};
    let spawned = std::thread::Builder::new()
        .name("terminal-watchdog".into())
        .spawn(move || {
            let mut stop_seen: Option<Instant> = None;
            loop {
                std::thread::sleep(Duration::from_millis(250));
                if stop.load(Ordering::Relaxed) {
                    stop_seen.get_or_insert_with(Instant::now);
                }
                if !waiting.load(Ordering::Relaxed) {
                    continue;
                }
                // The board only starts on a terminal (commands/tui.rs checks stdout), so a
                // stdout that stops being one means the terminal hung up.
                let gone = !std::io::stdout().is_terminal();
                let unanswered = stop_seen.is_some_and(|t| t.elapsed() > Duration::from_secs(1));
                if gone || unanswered {
                    super::terminal::restore();
                    std::process::exit(129);
                }
            }
        });
    // Without the watchdog the board still works; it just cannot rescue a hung-up terminal.
    drop(spawned);
}
