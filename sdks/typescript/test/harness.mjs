// Starts a real Fansly simulator (`fansly-gateway sim --world large`) and gateway (`serve`) on
// 127.0.0.1 for the integration tests, creates an API key, and stops both afterwards.
// The binary: $FGW_BIN, else <repo>/target/debug/fansly-gateway (`cargo build -p fansly-gateway`).
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.on("error", fail);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

async function waitFor(what, check, timeoutMs, logs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      throw new Error(`${what} did not come up in ${timeoutMs} ms\n${logs()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The world summary line `sim --world` prints. */
function parseWorld(line) {
  const m = line.match(
    /creator (\S+) \/ (\S+) with (\d+) fans, (\d+) followers, (\d+) subscribers, (\d+) chats, (\d+) messages/,
  );
  if (!m) throw new Error(`unexpected world line: ${line}`);
  return {
    username: m[1],
    password: m[2],
    fans: Number(m[3]),
    followers: Number(m[4]),
    subscribers: Number(m[5]),
    chats: Number(m[6]),
    messages: Number(m[7]),
  };
}

export async function startStack({ world = "large" } = {}) {
  const bin = process.env.FGW_BIN ?? join(repo, "target", "debug", "fansly-gateway");
  if (!existsSync(bin)) throw new Error(`${bin} not found: run cargo build -p fansly-gateway (or set FGW_BIN)`);
  const dir = mkdtempSync(join(tmpdir(), "fgw-sdk-ts-"));
  const [simPort, gwPort] = [await freePort(), await freePort()];
  const sim = `http://127.0.0.1:${simPort}`;
  const root = `http://127.0.0.1:${gwPort}`;
  const env = {
    ...process.env,
    FANSLY_GATEWAY_DATABASE_URL: `sqlite://${join(dir, "gateway.db")}`,
    FANSLY_GATEWAY_MASTER_KEY_FILE: join(dir, "master.key"),
    FANSLY_GATEWAY_LOG: "warn",
  };
  const out = { sim: "", gw: "" };
  const logs = () => `--- simulator ---\n${out.sim.slice(-4000)}\n--- gateway ---\n${out.gw.slice(-4000)}`;

  const simProc = spawn(bin, ["sim", "--listen", `127.0.0.1:${simPort}`, "--world", world], { env });
  simProc.stdout.on("data", (d) => (out.sim += d));
  simProc.stderr.on("data", (d) => (out.sim += d));
  await waitFor("the simulator", async () => out.sim.includes("world:") && (await fetch(`${sim}/_sim/clock`)).ok, 120_000, logs);
  const summary = parseWorld(out.sim.split("\n").find((l) => l.startsWith("world:")));

  const created = execFileSync(bin, ["keys", "create", "--name", "sdk-tests"], { env, encoding: "utf8" });
  const apiKey = created.trim().split("\n").pop();

  const gwProc = spawn(
    bin,
    [
      "serve",
      "--listen", `127.0.0.1:${gwPort}`,
      "--upstream", sim,
      "--media-upstream", sim,
      "--events-upstream", `ws://127.0.0.1:${simPort}/?v=3`,
      "--webhooks-allow-private-targets", "true",
      "--upload-dir", join(dir, "uploads"),
      // No pacing, and Fansly's 429s go to the client (so the SDK's retries are what is tested).
      "--fansly-rate", "0",
      "--fansly-retry-deadline-ms", "0",
    ],
    { env },
  );
  gwProc.stdout.on("data", (d) => (out.gw += d));
  gwProc.stderr.on("data", (d) => (out.gw += d));
  await waitFor("the gateway", async () => (await fetch(`${root}/healthz`)).ok, 60_000, logs);

  return {
    root,
    sim,
    apiKey,
    world: summary,
    logs,
    /** Arms a simulator fault: the next `count` native calls to `path` answer `status`. */
    async fault(path, status, count = 1, retryAfter) {
      const res = await fetch(`${sim}/_sim/faults`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ path, status, count, ...(retryAfter === undefined ? {} : { retryAfter }) }),
      });
      if (!res.ok) throw new Error(`arming a fault: ${res.status} ${await res.text()}`);
    },
    /** A simulator call: the control API (`/_sim/…`), or a native route as `token`'s account. */
    async simCall(method, path, body, token) {
      const headers = { "content-type": "application/json" };
      if (token) headers.authorization = token;
      const res = await fetch(`${sim}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
      return JSON.parse(text);
    },
    async stop() {
      for (const p of [gwProc, simProc]) {
        if (p.exitCode === null) {
          p.kill("SIGTERM");
          await new Promise((r) => {
            const t = setTimeout(() => {
              p.kill("SIGKILL");
              r();
            }, 5000);
            p.once("exit", () => {
              clearTimeout(t);
              r();
            });
          });
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

