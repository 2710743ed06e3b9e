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
        Ok(Signals { stop, ids })
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
