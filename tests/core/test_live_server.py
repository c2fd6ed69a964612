"""Against a real server on 127.0.0.1: commit before the response, concurrent sign-ins on SQLite
and PostgreSQL, a failing commit, graceful shutdown."""

from __future__ import annotations

import signal
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from tests.conftest import DEMO_PASSWORD
from tests.live_server import live_server
from vergleichsring.auth.models import AuditEvent, AuthSession, LoginAttempt
from vergleichsring.core.database import make_engine

VIEWER = "lesen-02000000@example.org"
TOKEN_URL = "/api/v1/auth/token"


def _token(client: httpx.Client, email: str, password: str = DEMO_PASSWORD) -> httpx.Response:
    return client.post(TOKEN_URL, data={"username": email, "password": password})


def test_a_new_token_works_at_once_200_times(live_db_url: str, tmp_path: Path) -> None:
    with (
        live_server(live_db_url, tmp_path) as server,
        httpx.Client(base_url=server.url, timeout=30) as client,
    ):
        first = _token(client, VIEWER)
        assert first.status_code == 200, first.text
        rounds = client.get(
            "/api/v1/rounds", headers={"Authorization": f"Bearer {first.json()['access_token']}"}
        )
        round_id = rounds.json()[0]["id"]
        url = f"/api/v1/rounds/{round_id}/comparison/indicators/DEM-01"
        statuses: Counter[int] = Counter()
        for _ in range(200):
            signed_in = _token(client, VIEWER)
            assert signed_in.status_code == 200, signed_in.text
            token = signed_in.json()["access_token"]
            used = client.get(url, headers={"Authorization": f"Bearer {token}"})
            statuses[used.status_code] += 1
        assert statuses == Counter({200: 200}), statuses


def test_parallel_sign_ins_count_every_failure(live_db_url: str, tmp_path: Path) -> None:
    """20 at once: 8 right passwords for one account, 12 wrong ones for another."""
    right = "lesen-05315000@example.org"
    wrong = "lesen-14713000@example.org"
    with live_server(live_db_url, tmp_path) as server:

        def attempt(i: int) -> tuple[str, int]:
            email, password = (right, DEMO_PASSWORD) if i % 5 < 2 else (wrong, "falsch-" * 3)
            with httpx.Client(base_url=server.url, timeout=60) as client:
                return email, _token(client, email, password).status_code

        with ThreadPoolExecutor(max_workers=20) as pool:
            results = list(pool.map(attempt, range(20)))

    by_account = {e: Counter(s for who, s in results if who == e) for e in (right, wrong)}
    assert all(status < 500 for _, status in results), results
    assert by_account[right] == Counter({200: 8}), by_account
    # The lockout allows 5 failures in the window; every further guess is refused unchecked.
    assert by_account[wrong] == Counter({401: 5, 429: 7}), by_account

    engine = make_engine(live_db_url)
    try:
        with engine.connect() as conn:
            failures = conn.scalar(
                select(func.count())
                .select_from(LoginAttempt)
                .where(LoginAttempt.email == wrong, LoginAttempt.succeeded.is_(False))
            )
            audited = dict(
                conn.execute(
                    select(AuditEvent.action, func.count())
                    .where(AuditEvent.email == wrong)
                    .group_by(AuditEvent.action)
                ).all()
            )
    finally:
        engine.dispose()
    assert failures == 5
    assert audited == {"login.failed": 5, "login.locked": 7}


def test_a_commit_that_fails_is_never_a_2xx(live_db_url: str, tmp_path: Path) -> None:
    with (
        live_server(
            live_db_url, tmp_path, factory="tests.core.failing_commit_app:create_app"
        ) as server,
        httpx.Client(base_url=server.url, timeout=30) as client,
    ):
        before = _count_sessions(live_db_url)
        answer = _token(client, "lesen-06412000@example.org")
        assert answer.status_code == 500, answer.text
        body = answer.json()
        assert body["error"] == "internal_error"
        assert body["request_id"] == answer.headers["x-request-id"]
        assert "Traceback" not in answer.text
        assert "Simulated" not in answer.text
        # Nothing was committed, and the log names the request.
        assert _count_sessions(live_db_url) == before
        time.sleep(0.3)
        assert body["request_id"] in server.output()
        assert "SimulatedCommitFailure" in server.output()
        # Reads (nothing to commit) still answer.
        assert client.get("/api/v1/health").status_code == 200


def _count_sessions(url: str) -> int:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.scalar(select(func.count()).select_from(AuthSession)) or 0)
    finally:
        engine.dispose()


def test_server_stops_within_its_graceful_timeout(live_db_url: str, tmp_path: Path) -> None:
    with live_server(live_db_url, tmp_path, graceful_seconds=3) as server:
        started = time.monotonic()
        server.process.send_signal(signal.SIGTERM)
        server.process.wait(timeout=20)
        assert time.monotonic() - started < 10
        # uvicorn re-raises the signal once it has shut down cleanly
        assert server.process.returncode in (0, -signal.SIGTERM)


def test_a_client_that_goes_away_stops_the_work(live_db_url: str, tmp_path: Path) -> None:
    with live_server(
        live_db_url,
        tmp_path,
        factory="tests.core.slow_app:create_app",
        env={"VR_LOG_LEVEL": "INFO"},
    ) as server:
        with pytest.raises(httpx.ReadTimeout), httpx.Client(base_url=server.url) as client:
            client.get("/api/v1/test-slow", timeout=1.5)
        # The query is interrupted at once: the log says so within seconds, not minutes.
        deadline = time.monotonic() + 15
        while "stopped: the client went away" not in server.output():
            assert time.monotonic() < deadline, server.output()
            time.sleep(0.2)
        assert "unexpected error" not in server.output()
        assert httpx.get(f"{server.url}/api/v1/health", timeout=5).status_code == 200
