//! A private OpenSSH server on 127.0.0.1 for the hosting tests: its own config, host key and
//! `authorized_keys` (written by `leadboard access authorized-keys`), started as whoever runs
//! the tests. `bash .ci/run` installs openssh-server; without it these tests fail, they never
//! pass unrun.

use std::io::Read;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

pub const SSHD: &str = "/usr/sbin/sshd";

pub struct Sshd {
    child: Child,
    pub port: u16,
    pub dir: PathBuf,
    pub user: String,
}

/// Makes an ed25519 key pair `dir/name` (and `name.pub`), returning the private key's path.
pub fn keygen(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let ok = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C"])
        .arg(format!("{name}@test"))
        .arg("-f")
        .arg(&path)
        .status()
        .expect("ssh-keygen (openssh-client) must be installed: bash .ci/run installs it");
    assert!(ok.success());
    path
}

pub fn whoami() -> String {
    let out = Command::new("id").arg("-un").output().expect("id");
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

impl Sshd {
    /// Starts sshd reading `authorized_keys` from `dir`, with `extra` config lines.
    pub fn start(dir: &Path, extra: &str) -> Sshd {
        assert!(
            Path::new(SSHD).exists(),
            "{SSHD} is missing: install openssh-server (bash .ci/run does)"
        );
        // sshd running as root needs its privilege-separation directory.
        if unsafe { libc::geteuid() } == 0 {
            std::fs::create_dir_all("/run/sshd").expect("create /run/sshd");
        }
        let host_key = dir.join("host_ed25519");
        if !host_key.exists() {
            keygen(dir, "host_ed25519");
        }
        let user = whoami();
        let port = free_port();
        let config = dir.join("sshd_config");
        std::fs::write(
            &config,
            format!(
                "Port {port}\n\
                 ListenAddress 127.0.0.1\n\
                 HostKey {host}\n\
                 PidFile {dir}/sshd.pid\n\
                 AuthorizedKeysFile {dir}/authorized_keys\n\
                 StrictModes no\n\
                 UsePAM no\n\
                 PasswordAuthentication no\n\
                 KbdInteractiveAuthentication no\n\
                 PubkeyAuthentication yes\n\
                 PermitRootLogin prohibit-password\n\
                 PermitUserEnvironment no\n\
                 AllowUsers {user}\n\
                 LogLevel VERBOSE\n\
                 {extra}\n",
                host = host_key.display(),
                dir = dir.display(),
            ),
        )
        .unwrap();
        let log = std::fs::File::create(dir.join("sshd.log")).unwrap();
        let child = Command::new(SSHD)
            .args(["-D", "-e", "-f"])
            .arg(&config)
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("start sshd");
        let mut sshd = Sshd {
            child,
            port,
            dir: dir.to_path_buf(),
            user,
        };
        sshd.wait_listening();
        sshd
    }

    fn wait_listening(&mut self) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
                return;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("sshd exited ({status}): {}", self.log());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("sshd did not listen on {}: {}", self.port, self.log());
    }

    pub fn log(&self) -> String {
        let mut s = String::new();
        if let Ok(mut f) = std::fs::File::open(self.dir.join("sshd.log")) {
            let _ = f.read_to_string(&mut s);
        }
        s
    }

    /// The ssh client's arguments for `key`, before the destination: no agent, no known-hosts
    /// file, nothing from the developer's own ~/.ssh.
    pub fn client_args(&self, key: &Path) -> Vec<String> {
        [
            "-F",
            "/dev/null",
            "-o",
            "IdentitiesOnly=yes",
            "-o",
            "BatchMode=yes",
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            "UserKnownHostsFile=/dev/null",
            "-o",
            "LogLevel=ERROR",
            "-p",
        ]
        .iter()
        .map(|s| s.to_string())
        .chain([
            self.port.to_string(),
            "-i".into(),
            key.display().to_string(),
        ])
        .collect()
    }

    pub fn destination(&self) -> String {
        format!("{}@127.0.0.1", self.user)
    }

    /// `ssh -T … DEST COMMAND` without a terminal, with `extra` client options first.
    pub fn run(&self, key: &Path, extra: &[&str], command: &str) -> Output {
        Command::new("ssh")
            .args(self.client_args(key))
            .args(extra)
            .arg("-T")
            .arg(self.destination())
            .arg(command)
            .stdin(Stdio::null())
            .env_remove("SSH_AUTH_SOCK")
            .output()
            .expect("run the ssh client (openssh-client)")
    }
}

impl Drop for Sshd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}
