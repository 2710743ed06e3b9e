//! SIGTERM, SIGHUP (a closed SSH session) and SIGINT sent from outside (in raw mode Ctrl-C is
//! a key, not a signal) end the board cleanly and with a non-zero exit. A thread receives
//! them (so nothing runs inside a signal handler): the first sets the stop flag and cancels
//! any wait for the write lock, so a blocked write gives up at once with "not saved" and the
//! run loop ends, restoring the terminal; a second one restores the terminal itself and
//! exits, for a board stuck elsewhere. Neither path skips the restore.

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals as Incoming;
use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};

pub struct Signals {
    stop: Arc<AtomicBool>,
    /// The first signal that arrived (0: none).
    which: Arc<AtomicI32>,
    /// Set while the loop waits for input (never during a write): the watchdog may end it then.
    waiting: Arc<AtomicBool>,
    handle: signal_hook::iterator::Handle,
}

impl Signals {
    pub fn install() -> io::Result<Signals> {
        let stop = Arc::new(AtomicBool::new(false));
        let which = Arc::new(AtomicI32::new(0));
        let mut incoming = Incoming::new([SIGTERM, SIGHUP, SIGINT])?;
        let handle = incoming.handle();
        let (s, w) = (Arc::clone(&stop), Arc::clone(&which));
        std::thread::Builder::new()
            .name("signals".into())
            .spawn(move || {
                for sig in incoming.forever() {
                    if s.swap(true, Ordering::SeqCst) {
                        super::terminal::restore();
                        std::process::exit(128 + sig);
                    }
                    w.store(sig, Ordering::SeqCst);
                    crate::store::cancel::request();
                }
            })?;
        let waiting = Arc::new(AtomicBool::new(false));
        watchdog(Arc::clone(&stop), Arc::clone(&waiting));
        Ok(Signals {
            stop,
            which,
            waiting,
            handle,
        })
    }

    /// The loop is (or is no longer) waiting for a key.
    pub fn waiting(&self, yes: bool) {
        self.waiting.store(yes, Ordering::Relaxed);
    }

    /// True once one of the signals arrived.
    pub fn received(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }

    /// The name of the first signal received, for the exit message.
    pub fn name(&self) -> &'static str {
        match self.which.load(Ordering::SeqCst) {
            SIGTERM => "SIGTERM",
            SIGHUP => "SIGHUP",
            SIGINT => "SIGINT",
            _ => "a signal",
        }
    }
}

impl Drop for Signals {
    fn drop(&mut self) {
        self.handle.close();
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
