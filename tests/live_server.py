"""A real uvicorn server on 127.0.0.1 on a free port, in a process of its own, for tests that must
see what a client sees (commit before the response, concurrency, disconnects, shutdown).

The server stops by itself: on leaving the context, or when the test process ends (the child gets
SIGTERM from ``_stop``; uvicorn then has its graceful timeout).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from vergleichsring.core.config import PROJECT_ROOT


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class LiveServer:
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")


def _stop(proc: subprocess.Popen[bytes], timeout: float = 20) -> None:
    if proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


@contextmanager
def live_server(
    db_url: str,
    log_dir: Path,
    *,
    factory: str = "vergleichsring.main:create_app",
    workers: int = 1,
    env: dict[str, str] | None = None,
    graceful_seconds: int = 5,
) -> Iterator[LiveServer]:
    port = free_port()
    log = log_dir / f"server-{port}.log"
    environment = {
        **os.environ,
        "VR_DATABASE_URL": db_url,
        "VR_ENV": "development",
        "VR_HOST": "127.0.0.1",
        "VR_PORT": str(port),
        "VR_FRONTEND_DIST": str(log_dir / "no-frontend"),
        **(env or {}),
    }
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        factory,
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--timeout-graceful-shutdown",
        str(graceful_seconds),
        "--log-level",
        "warning",
    ]
    with log.open("wb") as sink:
        proc = subprocess.Popen(
            command,
            cwd=PROJECT_ROOT,
            env=environment,
            stdout=sink,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    server = LiveServer(url=f"http://127.0.0.1:{port}", process=proc, log=log)
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"server ended early:\n{server.output()}")
            try:
                if httpx.get(f"{server.url}/api/v1/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"server did not answer within 60 s:\n{server.output()}")
            time.sleep(0.2)
        yield server
    finally:
        _stop(proc, timeout=graceful_seconds + 15)
