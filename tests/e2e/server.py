"""A real Vergleichsring server with the demo ring, and Debian's Chromium, for browser tests.

Reused by the end-to-end tests (``tests/e2e/``) and the frontend benchmark (``bench/frontend.py``):

* :func:`demo_server` migrates and seeds a fresh SQLite database with the demo ring
  (``vergleichsring setup --demo-if-empty``), serves it with the built frontend
  (``frontend/dist``, ``make frontend``) on 127.0.0.1 on a free port, waits until
  ``/api/v1/health`` answers and stops the server on exit.
* :func:`launch_chromium` starts Debian's ``chromium`` (``apt-get install chromium``, done by
  ``make system-packages``) through Playwright; ``playwright install`` is never needed.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import httpx

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Playwright

PROJECT_ROOT = Path(__file__).resolve().parents[2]
FRONTEND_DIST = PROJECT_ROOT / "frontend" / "dist"
DEMO_PASSWORD = "vergleichsring-demo"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
START_SECONDS = 60.0


class Unavailable(RuntimeError):
    """What a browser test needs is missing (no built frontend, no chromium)."""


@dataclass(frozen=True)
class DemoServer:
    base_url: str
    log: Path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _command(*args: str) -> list[str]:
    """The `vergleichsring` command of this environment (beside the running Python)."""
    script = Path(sys.executable).parent / "vergleichsring"
    found = str(script) if script.is_file() else shutil.which("vergleichsring")
    if found is None:
        raise Unavailable("the `vergleichsring` command is not installed (make install-dev)")
    return [found, *args]


@contextmanager
def demo_server(work_dir: Path) -> Iterator[DemoServer]:
    """Serves the demo ring from a new SQLite database in ``work_dir``; stops on exit."""
    if not (FRONTEND_DIST / "index.html").is_file():
        raise Unavailable("the frontend is not built: run `make frontend`")
    work_dir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    env = {
        **os.environ,
        "VR_ENV": "development",
        "VR_DATABASE_URL": f"sqlite:///{work_dir / 'e2e.db'}",
        "VR_FRONTEND_DIST": str(FRONTEND_DIST),
        "VR_PUBLIC_URL": f"http://127.0.0.1:{port}",
        "VR_HOST": "127.0.0.1",
        "VR_PORT": str(port),
    }
    log = work_dir / "server.log"
    with log.open("wb") as out:
        subprocess.run(
            _command("setup", "--demo-if-empty"),
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            check=True,
            cwd=PROJECT_ROOT,
            timeout=300,
        )
        proc = subprocess.Popen(
            _command("serve", "--host", "127.0.0.1", "--port", str(port)),
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=PROJECT_ROOT,
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"the server stopped:\n{log.read_text(errors='replace')}")
            try:
                if httpx.get(f"{base_url}/api/v1/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"the server did not start:\n{log.read_text(errors='replace')}")
            time.sleep(0.2)
        _freeze_clusters(base_url)
        yield DemoServer(base_url=base_url, log=log)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def _freeze_clusters(base_url: str) -> None:
    """Let the server freeze the round's data-driven clusters before any page asks.

    The comparison service stores the clusters on their first use, inside a GET; on SQLite two
    such first requests at once can collide ("database is locked", a 500). A page that loads
    several comparison answers at once would hit that on a fresh server, so the fixture asks once.
    """
    with httpx.Client(base_url=base_url, timeout=60) as client:
        token = client.post(
            "/api/v1/auth/token",
            data={"username": "moderation@example.org", "password": DEMO_PASSWORD},
        ).json()["access_token"]
        response = client.get(
            "/api/v1/rounds/1/comparison/peer-groups",
            headers={"Authorization": f"Bearer {token}"},
        )
        response.raise_for_status()


def chromium_path() -> str:
    path = shutil.which("chromium")
    if path is None:
        raise Unavailable("Debian's `chromium` is not installed (make system-packages)")
    return path


def launch_chromium(playwright: Playwright) -> Browser:
    """Debian's Chromium, headless, without network side-traffic."""
    try:
        return playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
    except Unavailable:
        raise
    except Exception as exc:  # Playwright raises its own Error for a browser that will not start
        raise Unavailable(f"chromium does not start: {str(exc).splitlines()[0]}") from exc
