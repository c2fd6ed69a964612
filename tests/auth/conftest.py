"""A real OpenID Connect provider (panva/oidc-provider under Node) for the single sign-on tests.

Install it once with ``npm ci --prefix tests/auth/oidc_provider``. Without Node or those
packages the SSO tests are skipped, unless ``CI=true``: then they fail.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, NoReturn

import httpx
import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy.orm import Session, sessionmaker

from vergleichsring.auth import oidc
from vergleichsring.core.config import Settings
from vergleichsring.main import create_app

PROVIDER_DIR = Path(__file__).parent / "oidc_provider"
PUBLIC_URL = "http://testserver"  # the TestClient's base URL
READY_SECONDS = 30.0


@dataclass(frozen=True)
class OidcProvider:
    issuer: str
    client_id: str
    client_secret: str
    role_claim: str
    log: Path


def _unavailable(reason: str) -> NoReturn:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"The OpenID Connect test provider is required when CI=true: {reason}")
    pytest.skip(f"OpenID Connect test provider unavailable: {reason}")


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        _unavailable("`node` is not installed")
    if not (PROVIDER_DIR / "node_modules").is_dir():
        _unavailable("run `npm ci --prefix tests/auth/oidc_provider` first")
    return node


def _ready_line(proc: subprocess.Popen[bytes], log: Path) -> dict[str, object]:
    """The provider's JSON ready line; other lines are skipped. Fails after READY_SECONDS."""
    lines: queue.Queue[bytes] = queue.Queue()
    stdout: IO[bytes] | None = proc.stdout
    assert stdout is not None

    def pump() -> None:
        for line in iter(stdout.readline, b""):
            lines.put(line)
        lines.put(b"")

    threading.Thread(target=pump, daemon=True).start()
    while True:
        try:
            line = lines.get(timeout=READY_SECONDS)
        except queue.Empty:
            line = b""
        if not line:
            pytest.fail(f"The OIDC provider did not start:\n{log.read_text(errors='replace')}")
        try:
            ready = json.loads(line)
        except ValueError:
            continue
        if isinstance(ready, dict) and "issuer" in ready:
            return ready


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """Close stdin (the provider exits on its own), then terminate, then kill."""
    if proc.stdin is not None:
        proc.stdin.close()
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    if proc.stdout is not None:
        proc.stdout.close()


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OidcProvider]:
    """``node provider.mjs 0`` on a free port of 127.0.0.1, for the whole test session."""
    node = _node()
    log = tmp_path_factory.mktemp("oidc") / "provider.log"
    client_id, secret, role_claim = "vergleichsring", "test-secret-" + "x" * 40, "vergleichsring"
    env = {
        **os.environ,
        "OIDC_CLIENT_ID": client_id,
        "OIDC_CLIENT_SECRET": secret,
        "OIDC_REDIRECT_URIS": PUBLIC_URL + oidc.CALLBACK_PATH,
        "OIDC_ROLE_CLAIM": role_claim,
    }
    with log.open("wb") as stderr:
        proc = subprocess.Popen(
            [node, "provider.mjs", "0"],
            cwd=PROVIDER_DIR,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
        )
    try:
        ready = _ready_line(proc, log)
        yield OidcProvider(str(ready["issuer"]), client_id, secret, role_claim, log)
    finally:
        _stop(proc)
        oidc.providers.clear()


@pytest.fixture
def sso_settings(settings: Settings, oidc_provider: OidcProvider) -> Settings:
    return settings.model_copy(
        update={
            "oidc_issuer": oidc_provider.issuer,
            "oidc_client_id": oidc_provider.client_id,
            "oidc_client_secret": SecretStr(oidc_provider.client_secret),
            "oidc_scopes": f"openid email profile {oidc_provider.role_claim}",
            "oidc_role_claim": oidc_provider.role_claim,
            "public_url": PUBLIC_URL,
        }
    )


@pytest.fixture
def sso_client(
    sso_settings: Settings, session_factory: sessionmaker[Session]
) -> Iterator[TestClient]:
    app = create_app(sso_settings)
    app.state.sessionmaker = session_factory
    with TestClient(app) as c:
        yield c
    app.state.engine.dispose()


@pytest.fixture
def provider_browser() -> Iterator[httpx.Client]:
    """The browser's side towards the provider: its own cookies, redirects followed by hand."""
    with httpx.Client(timeout=10.0, follow_redirects=False) as browser:
        yield browser
