//! Giving up a wait for the write lock. A board blocked on another process's lock must
//! still answer a stop signal and the user's Esc: SQLite's own busy timeout cannot be
//! interrupted, so every connection waits through this handler instead, in short slices,
//! and asks between slices whether the wait was cancelled.
//!
//! The flag is process-wide because signals are: the signal thread sets it, and so does
//! the UI's check for Esc, which it installs once.

use super::retry::BUSY_TIMEOUT;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

static CANCELLED: AtomicBool = AtomicBool::new(false);
static INTERRUPT: OnceLock<fn() -> bool> = OnceLock::new();

/// One slice of waiting; the handler is called again after each.
const SLICE: Duration = Duration::from_millis(20);

/// Asks any wait for the lock, now or later, to give up (until `clear`).
pub fn request() {
    CANCELLED.store(true, Ordering::SeqCst);
}

/// The next write may wait again.
pub fn clear() {
    CANCELLED.store(false, Ordering::SeqCst);
}

pub fn requested() -> bool {
    CANCELLED.load(Ordering::SeqCst)
}

/// A check run between slices of a wait (the board's: was Esc pressed?). Set once.
pub fn set_interrupt_check(check: fn() -> bool) {
    let _ = INTERRUPT.set(check);
}

/// SQLite's busy handler: `count` is how many times it was called for this wait.
/// Returns false to give up (SQLite then reports SQLITE_BUSY).
pub(super) fn busy_handler(count: i32) -> bool {
    if requested() || INTERRUPT.get().is_some_and(|check| check()) {
        request();
        return false;
    }
    let waited = SLICE * count.max(0) as u32;
    if waited >= BUSY_TIMEOUT {
        return false;
    }
    std::thread::sleep(SLICE);
    true
}
