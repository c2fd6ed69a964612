"""Concurrent first requests of a round whose clusters are not frozen yet: all answer 200, and
none of them writes – the clusters are stored only by the explicit step ``freeze_clusters``.

A real server (uvicorn on 127.0.0.1, a free port, stopped at the end) on a database of its own,
so that the requests really run at the same time on separate connections.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
import uvicorn
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from tests.conftest import BACKENDS, DEMO_PASSWORD, SEED_DIR, migrate
from vergleichsring.comparison import service
from vergleichsring.comparison.models import PeerGroup, PeerGroupKind
from vergleichsring.comparison.round_data import ComparisonCache
from vergleichsring.core.config import Settings
from vergleichsring.core.database import make_engine
from vergleichsring.main import create_app
from vergleichsring.rounds.models import Round
from vergleichsring.seed.demo import seed_demo
from vergleichsring.seed.reference import seed_reference

MODERATOR = "moderation@example.org"
VIEWER = "lesen-05315000@example.org"
REQUESTS = 8


def _clusters(url: str) -> int:
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            return int(
                session.scalar(
                    select(func.count(PeerGroup.id)).where(PeerGroup.kind == PeerGroupKind.cluster)
                )
                or 0
            )
    finally:
        engine.dispose()


@pytest.fixture(params=BACKENDS)
def unfrozen_url(request: pytest.FixtureRequest, empty_database: Callable[[str], str]) -> str:
    """The demo ring on a database of its own, with its clusters deleted again."""
    url = empty_database(str(request.param))
    migrate(url)
    engine = make_engine(url)
    with Session(engine) as session, session.begin():
        ref = seed_reference(session, SEED_DIR)
        seed_demo(session, SEED_DIR, ref.catalog, create_accounts=True)
        session.execute(delete(PeerGroup).where(PeerGroup.kind == PeerGroupKind.cluster))
    engine.dispose()
    return url


@pytest.fixture
def server(unfrozen_url: str) -> Iterator[str]:
    """The app served by uvicorn on 127.0.0.1 and a free port; stopped at the end."""
    app = create_app(Settings(database_url=unfrozen_url, env="development"))
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", lifespan="off")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uv.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        uv.should_exit = True
        thread.join(timeout=30)
        sock.close()
        app.state.engine.dispose()


def _token(base: str, email: str) -> dict[str, str]:
    answer = httpx.post(
        f"{base}/api/v1/auth/token", data={"username": email, "password": DEMO_PASSWORD}
    )
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


def test_concurrent_first_requests_all_answer_200_and_write_nothing(
    server: str, unfrozen_url: str
) -> None:
    assert _clusters(unfrozen_url) == 0
    engine = make_engine(unfrozen_url)
    with Session(engine) as session:
        round_id = int(session.scalars(select(Round.id)).one())
    headers = [_token(server, MODERATOR), _token(server, VIEWER)]
    comparison = f"{server}/api/v1/rounds/{round_id}/comparison"
    urls = [
        f"{comparison}/peer-groups",
        f"{comparison}/indicators/DEM-01?peer_group=cluster:1",
    ]
    barrier = threading.Barrier(REQUESTS)

    def ask(i: int) -> httpx.Response:
        barrier.wait(timeout=30)
        return httpx.get(urls[i % 2], headers=headers[(i // 2) % 2], timeout=60)

    with ThreadPoolExecutor(max_workers=REQUESTS) as pool:
        answers = list(pool.map(ask, range(REQUESTS)))
    assert [a.status_code for a in answers] == [200] * REQUESTS, [a.text for a in answers]
    groups = answers[0].json()
    clusters = [g for g in groups if g["type"] == "cluster"]
    assert clusters, "the clusters of the current data are shown before they are frozen"
    assert all(g["parameters"]["frozen"] is False for g in clusters)
    assert _clusters(unfrozen_url) == 0  # no GET wrote anything

    # The explicit step freezes them; the answers then show the stored clusters.
    with Session(engine) as session, session.begin():
        rnd = session.get(Round, round_id)
        assert rnd is not None
        stored = service.freeze_clusters(session, rnd, ComparisonCache())
        assert stored == len(clusters)
        assert service.freeze_clusters(session, rnd, ComparisonCache()) == 0  # only once
    engine.dispose()
    assert _clusters(unfrozen_url) == stored
    after = httpx.get(urls[0], headers=headers[0], timeout=60).json()
    frozen = [g for g in after if g["type"] == "cluster"]
    assert [g["id"] for g in frozen] == [g["id"] for g in clusters]
    assert all(g["parameters"]["frozen"] is True for g in frozen)
    assert [sorted(m["ags"] for m in g["members"]) for g in frozen] == [
        sorted(m["ags"] for m in g["members"]) for g in clusters
    ]
