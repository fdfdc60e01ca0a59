"""Starts a real Fansly simulator (``fansly-gateway sim --world large``) and gateway (``serve``)
on 127.0.0.1 for the integration tests, once per session, and stops both afterwards.

The binary: ``$FGW_BIN``, else ``<repo>/target/debug/fansly-gateway`` (``cargo build -p fansly-gateway``).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

REPO = Path(__file__).resolve().parents[3]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Stack:
    root: str
    sim: str
    api_key: str
    world: dict[str, Any]
    logs: Callable[[], str]
    procs: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def fault(self, path: str, status: int, count: int = 1, retry_after: int | None = None) -> None:
        """Arms a simulator fault: the next ``count`` native calls to ``path`` answer ``status``."""
        body: dict[str, Any] = {"path": path, "status": status, "count": count}
        if retry_after is not None:
            body["retryAfter"] = retry_after
        httpx.post(f"{self.sim}/_sim/faults", json=body).raise_for_status()

    def sim_call(self, method: str, path: str, body: Any = None, token: str | None = None) -> Any:
        """A simulator call: the control API (``/_sim/…``), or a native route as ``token``'s account."""
        headers = {"authorization": token} if token else {}
        r = httpx.request(method, f"{self.sim}{path}", json=body, headers=headers)
        assert r.is_success, f"{method} {path}: {r.status_code} {r.text}"
        return r.json()


def _pump(proc: subprocess.Popen[bytes], sink: list[str]) -> None:
    assert proc.stdout is not None
    for line in iter(proc.stdout.readline, b""):
        sink.append(line.decode("utf-8", "replace"))


def _wait(what: str, check: Callable[[], bool], timeout: float, logs: Callable[[], str]) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            if check():
                return
        except (httpx.HTTPError, OSError):
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not come up in {timeout} s\n{logs()}")
        time.sleep(0.1)


@pytest.fixture(scope="session")
def stack() -> Iterator[Stack]:
    binary = Path(os.environ.get("FGW_BIN", REPO / "target" / "debug" / "fansly-gateway"))
    if not binary.exists():
        raise RuntimeError(f"{binary} not found: run cargo build -p fansly-gateway (or set FGW_BIN)")
    tmp = Path(tempfile.mkdtemp(prefix="fgw-sdk-py-"))
    sim_port, gw_port = free_port(), free_port()
    sim, root = f"http://127.0.0.1:{sim_port}", f"http://127.0.0.1:{gw_port}"
    env = {
        **os.environ,
        "FANSLY_GATEWAY_DATABASE_URL": f"sqlite://{tmp / 'gateway.db'}",
        "FANSLY_GATEWAY_MASTER_KEY_FILE": str(tmp / "master.key"),
        "FANSLY_GATEWAY_LOG": "warn",
    }
    sim_out: list[str] = []
    gw_out: list[str] = []

    def logs() -> str:
        return "--- simulator ---\n" + "".join(sim_out)[-4000:] + "\n--- gateway ---\n" + "".join(gw_out)[-4000:]

    procs: list[subprocess.Popen[bytes]] = []
    try:
        p = subprocess.Popen(
            [str(binary), "sim", "--listen", f"127.0.0.1:{sim_port}", "--world", "large"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        procs.append(p)
        threading.Thread(target=_pump, args=(p, sim_out), daemon=True).start()
        _wait(
            "the simulator",
            lambda: any(line.startswith("world:") for line in sim_out) and httpx.get(f"{sim}/_sim/clock").is_success,
            120,
            logs,
        )
        line = next(line for line in sim_out if line.startswith("world:"))
        m = re.search(
            r"creator (\S+) / (\S+) with (\d+) fans, (\d+) followers, (\d+) subscribers, (\d+) chats, (\d+) messages", line
        )
        assert m, line
        world = {
            "username": m[1],
            "password": m[2],
            "fans": int(m[3]),
            "followers": int(m[4]),
            "subscribers": int(m[5]),
            "chats": int(m[6]),
            "messages": int(m[7]),
        }
        created = subprocess.run(
            [str(binary), "keys", "create", "--name", "sdk-tests"], env=env, check=True, capture_output=True, text=True
        )
        api_key = created.stdout.strip().splitlines()[-1]
        g = subprocess.Popen(
            [
                str(binary), "serve",
                "--listen", f"127.0.0.1:{gw_port}",
                "--upstream", sim,
                "--media-upstream", sim,
                "--events-upstream", f"ws://127.0.0.1:{sim_port}/?v=3",
                "--webhooks-allow-private-targets", "true",
                "--upload-dir", str(tmp / "uploads"),
                # No pacing, and Fansly's 429s go to the client (the SDK's retries are tested).
                "--fansly-rate", "0",
                "--fansly-retry-deadline-ms", "0",
            ],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        procs.append(g)
        threading.Thread(target=_pump, args=(g, gw_out), daemon=True).start()
        _wait("the gateway", lambda: httpx.get(f"{root}/healthz").is_success, 60, logs)
        yield Stack(root=root, sim=sim, api_key=api_key, world=world, logs=logs, procs=procs)
    finally:
        for proc in reversed(procs):
            proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
        shutil.rmtree(tmp, ignore_errors=True)
