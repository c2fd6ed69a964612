"""A database of its own for tests against a real server: those commit for real, so they must not
share the session-wide test database that the other tests roll back in."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session

from tests.conftest import BACKENDS, SEED_DIR, create_database, drop_database, migrate
from vergleichsring.core.database import make_engine
from vergleichsring.seed.demo import seed_demo
from vergleichsring.seed.reference import seed_reference


@pytest.fixture(scope="module", params=BACKENDS)
def live_db_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    url, admin = create_database(str(request.param), tmp_path_factory.mktemp("live-db"))
    try:
        migrate(url)
        engine = make_engine(url)
        with Session(engine) as session, session.begin():
            ref = seed_reference(session, SEED_DIR)
            seed_demo(session, SEED_DIR, ref.catalog, create_accounts=True)
        engine.dispose()
        yield url
    finally:
        drop_database(url, admin)
