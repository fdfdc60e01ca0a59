//! A real `fansly-gateway` binary as a child process, for the tests that kill it (SIGKILL) or
//! run several: `command` for one-shot subcommands (`keys create`), `start` for `serve`
//! against a simulator, `create_key` for the key such a gateway answers to.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::cli::BIN;

/// A running `serve`; killed (SIGKILL) and reaped when dropped, pass or fail.
pub struct Gateway {
    pub child: Child,
    /// `http://127.0.0.1:PORT`.
    pub root: String,
}

impl Gateway {
    /// `{root}/api/fansly`.
    pub fn api(&self) -> String {
        format!("{}/api/fansly", self.root)
    }

    /// SIGKILL now (the drop then only reaps).
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Gateway {
    fn drop(&mut self) {
        self.kill();
    }
}

/// The binary with `args`, run in `dir` (its default SQLite database and master key file live
/// there) or on `database`, allowed to deliver webhooks to 127.0.0.1.
pub fn command(dir: &Path, database: Option<&str>, args: &[&str]) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.args(args);
    if let Some(db) = database {
        cmd.args(["--database", db]);
    }
    cmd.current_dir(dir)
        .env_remove("FANSLY_GATEWAY_MASTER_KEY")
        .env("FANSLY_GATEWAY_WEBHOOKS_ALLOW_PRIVATE_TARGETS", "true");
    cmd
}

/// `keys create --name NAME`: the key (the last line of its output).
pub fn create_key(dir: &Path, database: Option<&str>, name: &str) -> String {
    create_key_with(dir, database, &["--name", name], &[])
}

/// `keys create` with `args` (`--name`, `--plan`, …) and `envs`: the key.
pub fn create_key_with(
    dir: &Path,
    database: Option<&str>,
    args: &[&str],
    envs: &[(&str, &str)],
) -> String {
    let mut all = vec!["keys", "create"];
    all.extend_from_slice(args);
    let out = command(dir, database, &all)
        .envs(envs.iter().copied())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .last()
        .unwrap()
        .trim()
        .to_owned()
}

/// A fresh schema in the database of `GATEWAY_TEST_DATABASE_URL` for the PostgreSQL test
/// `test` (named `<prefix>_…`); `None`, after saying on stderr that `test` did not run, when
/// the variable is unset.
pub async fn pg_schema(test: &str, prefix: &str) -> Option<gateway_store::test_schema::TestSchema> {
    use std::io::Write as _;
    let Some(base) = gateway_store::test_schema::database_url() else {
        let _ = writeln!(
            std::io::stderr(),
            "note: e2e::{test} did not run; set {}=postgres://postgres@127.0.0.1:5432/test to run it",
            gateway_store::test_schema::PG_URL_VAR
        );
        return None;
    };
    Some(gateway_store::test_schema::TestSchema::create(&base, prefix).await)
}

/// `serve` on a free port against the simulator at `sim_url` (REST, media and event socket),
/// once `/readyz` answers.
pub async fn start(dir: &Path, database: Option<&str>, sim_url: &str) -> Gateway {
    let events = format!("{}/?v=3", sim_url.replace("http://", "ws://"));
    start_with(
        dir,
        database,
        &["--upstream", sim_url, "--events-upstream", &events],
        &[("FANSLY_GATEWAY_MEDIA_UPSTREAM", sim_url)],
    )
    .await
}

/// `serve --listen 127.0.0.1:0` with more `args` and `envs`, once `/readyz` answers.
pub async fn start_with(
    dir: &Path,
    database: Option<&str>,
    args: &[&str],
    envs: &[(&str, &str)],
) -> Gateway {
    let mut all = vec!["serve", "--listen", "127.0.0.1:0"];
    all.extend_from_slice(args);
    let child = command(dir, database, &all)
        .envs(envs.iter().copied())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start a gateway");
    // Owned by the guard from here on, so a failed start still kills and reaps it.
    let mut gw = Gateway {
        child,
        root: String::new(),
    };
    let stderr = gw.child.stderr.take().unwrap();
    let listen = tokio::task::spawn_blocking(move || {
        let mut lines = BufReader::new(stderr).lines().map_while(Result::ok);
        let found = lines.by_ref().find_map(|l| {
            let at = l.find("listen=")?;
            Some(l[at + 7..].split_whitespace().next()?.to_owned())
        });
        std::thread::spawn(move || lines.for_each(drop));
        found.expect("listen= in the log")
    })
    .await
    .unwrap();
    gw.root = format!("http://{listen}");
    for _ in 0..300 {
        if http()
            .get(format!("{}/readyz", gw.root))
            .send()
            .await
            .is_ok()
        {
            return gw;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("gateway did not come up");
}

pub fn http() -> reqwest::Client {
    reqwest::Client::builder().no_proxy().build().unwrap()
}
