//! A pseudo-terminal harness: run the real binary in a pty of a given size, type keys,
//! read the screen through a vt100 parser, and check the terminal was given back
//! (alternate screen left, raw mode off) when it exits.

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub struct Pty {
    child: Box<dyn Child + Send + Sync>,
    /// `None` once `hang_up` closed the terminal.
    master: Option<Box<dyn MasterPty + Send>>,
    writer: Option<Box<dyn Write + Send>>,
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    /// Tells the reader thread to close its copy of the terminal.
    stop: Arc<AtomicBool>,
}

/// The leadboard binary built for these tests.
pub fn leadboard_bin() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_leadboard"))
}

impl Pty {
    /// Starts `program args` in a `cols`×`rows` pty with `TERM=xterm-256color` plus `env`.
    pub fn spawn(program: &Path, args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("LEADBOARD_DB");
        // A backtrace from the developer's shell would scroll the panic message off the screen.
        cmd.env_remove("RUST_BACKTRACE");
        cmd.env_remove("RUST_LIB_BACKTRACE");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn in the pty");
        // Only the child holds the slave end now, so reads end when it exits.
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            std::num::NonZeroU16::new(rows).expect("rows > 0"),
            std::num::NonZeroU16::new(cols).expect("cols > 0"),
            0,
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        // Our own copy of the master end, read with a timeout so `hang_up` can close every
        // master descriptor (a blocked reader would keep the terminal alive).
        let fd = unsafe { libc::dup(pair.master.as_raw_fd().expect("pty fd")) };
        assert!(fd >= 0, "dup the pty");
        let stop = Arc::new(AtomicBool::new(false));
        let (p, r, st) = (Arc::clone(&parser), Arc::clone(&raw), Arc::clone(&stop));
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while !st.load(Ordering::Relaxed) {
                let mut pfd = libc::pollfd {
                    fd,
                    events: libc::POLLIN,
                    revents: 0,
                };
                if unsafe { libc::poll(&mut pfd, 1, 50) } <= 0 {
                    continue;
                }
                let n = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
                if n <= 0 {
                    break;
                }
                let n = n as usize;
                p.lock().unwrap().process(&buf[..n]);
                r.lock().unwrap().extend_from_slice(&buf[..n]);
            }
            unsafe { libc::close(fd) };
        });
        let writer = pair.master.take_writer().expect("pty writer");
        Pty {
            child,
            master: Some(pair.master),
            writer: Some(writer),
            stop,
            parser,
            raw,
        }
    }

    /// Closes the terminal under the program, as a dropped SSH session or a killed tmux pane does.
    pub fn hang_up(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        self.writer = None;
        self.master = None;
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("child pid")
    }

    /// Types bytes as a user would (`"j"`, `"\x1b[B"` for Down, ...).
    pub fn send(&mut self, keys: &str) {
        let w = self.writer.as_mut().expect("the terminal is open");
        w.write_all(keys.as_bytes()).expect("write keys");
        w.flush().expect("flush keys");
    }

    /// The screen as text, one line per row.
    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Waits until the screen shows `text`; on timeout returns the last screen as the error.
    pub fn wait_for(&self, text: &str, timeout: Duration) -> Result<Duration, String> {
        let start = Instant::now();
        loop {
            if self.screen().contains(text) {
                return Ok(start.elapsed());
            }
            if start.elapsed() > timeout {
                return Err(format!(
                    "{text:?} did not appear within {timeout:?}; the screen:\n{}",
                    self.screen()
                ));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits for the child to exit, then a moment for the last output to be parsed.
    pub fn wait_exit(&mut self, timeout: Duration) -> Option<ExitStatus> {
        let start = Instant::now();
        while start.elapsed() < timeout {
            if let Ok(Some(status)) = self.child.try_wait() {
                std::thread::sleep(Duration::from_millis(100));
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }

    /// Still on the alternate screen (a full-screen app that did not clean up)?
    pub fn in_alternate_screen(&self) -> bool {
        self.parser.lock().unwrap().screen().alternate_screen()
    }

    /// Is the terminal in raw mode (no line editing, no echo)? Read from the pty's termios.
    pub fn raw_mode(&self) -> bool {
        let fd = self
            .master
            .as_ref()
            .and_then(|m| m.as_raw_fd())
            .expect("pty fd");
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        assert_eq!(unsafe { libc::tcgetattr(fd, &mut t) }, 0, "tcgetattr");
        t.c_lflag & (libc::ICANON | libc::ECHO) == 0
    }

    /// Everything the program wrote, escape sequences included.
    pub fn output(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    /// Sends a signal to the child.
    pub fn signal(&self, sig: libc::c_int) {
        assert_eq!(
            unsafe { libc::kill(self.pid() as libc::pid_t, sig) },
            0,
            "kill"
        );
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}
