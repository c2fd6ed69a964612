"""Database fixtures: every database test runs on SQLite and on PostgreSQL.

The schema is built by the real Alembic migrations (never ``create_all``), seeded once per
database with the reference data and the demo ring, and each test runs inside a transaction
that is rolled back at its end.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from alembic import command
from fastapi.testclient import TestClient
from sqlalchemy import Connection, Engine, make_url, select, text
from sqlalchemy.orm import Session, sessionmaker

from vergleichsring.auth.mail import RecordingMailSender
from vergleichsring.cli import alembic_config
from vergleichsring.core.config import PROJECT_ROOT, Settings
from vergleichsring.core.database import make_engine
from vergleichsring.main import create_app
from vergleichsring.rounds.models import Round
from vergleichsring.seed.demo import seed_demo
from vergleichsring.seed.reference import seed_reference

SEED_DIR = PROJECT_ROOT / "seed_data"
BACKENDS = ["sqlite", "postgresql"]
DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def postgres_admin_url() -> str:
    return os.environ.get("VR_TEST_POSTGRES_URL", DEFAULT_PG)


def _postgres_unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"PostgreSQL is required when CI=true: {reason}")
    pytest.skip(f"PostgreSQL not reachable ({reason}); set VR_TEST_POSTGRES_URL")


def create_database(backend: str, tmp_dir: Path) -> tuple[str, Engine | None]:
    """An empty database of the given kind; returns its URL and the admin engine (PostgreSQL)."""
    if backend == "sqlite":
        return f"sqlite:///{tmp_dir / f'test-{uuid.uuid4().hex[:8]}.db'}", None
    admin = make_engine(postgres_admin_url())
    try:
        admin = admin.execution_options(isolation_level="AUTOCOMMIT")
        name = f"vr_test_{uuid.uuid4().hex[:12]}"
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:
        _postgres_unavailable(str(exc).splitlines()[0])
    url = make_url(postgres_admin_url()).set(database=name)
    return url.render_as_string(hide_password=False), admin


def drop_database(url: str, admin: Engine | None) -> None:
    if admin is None:
        return
    name = make_url(url).database
    with admin.connect() as conn:
        conn.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = :n AND pid <> pg_backend_pid()"
            ),
            {"n": name},
        )
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
    admin.dispose()


def migrate(url: str) -> None:
    cfg = alembic_config(Settings(database_url=url))
    cfg.attributes["configure_logger"] = False
    command.upgrade(cfg, "head")


@pytest.fixture(scope="session")
def empty_database(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Callable[[str], str]]:
    """Factory for extra empty databases (migration and seed tests); dropped at the end."""
    made: list[tuple[str, Engine | None]] = []

    def make(backend: str) -> str:
        url, admin = create_database(backend, tmp_path_factory.mktemp("db"))
        made.append((url, admin))
        return url

    yield make
    for url, admin in made:
        drop_database(url, admin)


@pytest.fixture(scope="session", params=BACKENDS)
def db_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A migrated and seeded database (reference data plus the demo ring with accounts)."""
    url, admin = create_database(str(request.param), tmp_path_factory.mktemp("db"))
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


@pytest.fixture(scope="session")
def engine(db_url: str) -> Iterator[Engine]:
    eng = make_engine(db_url)
    yield eng
    eng.dispose()


@pytest.fixture
def connection(engine: Engine) -> Iterator[Connection]:
    conn = engine.connect()
    trans = conn.begin()
    try:
        yield conn
    finally:
        trans.rollback()
        conn.close()


@pytest.fixture
def session_factory(connection: Connection) -> sessionmaker[Session]:
    return sessionmaker(
        bind=connection,
        join_transaction_mode="create_savepoint",
        expire_on_commit=False,
        autoflush=False,
    )


@pytest.fixture
def session(session_factory: sessionmaker[Session]) -> Iterator[Session]:
    with session_factory() as s:
        yield s


@pytest.fixture
def settings(db_url: str) -> Settings:
    return Settings(database_url=db_url, env="development")


@pytest.fixture
def mailbox() -> RecordingMailSender:
    return RecordingMailSender()


@pytest.fixture
def client(
    settings: Settings, session_factory: sessionmaker[Session], mailbox: RecordingMailSender
) -> Iterator[TestClient]:
    app = create_app(settings)
    app.state.sessionmaker = session_factory
    app.state.mail_sender = mailbox
    with TestClient(app) as c:
        yield c
    app.state.engine.dispose()


DEMO_PASSWORD = "vergleichsring-demo"


def bearer(client: TestClient, email: str, password: str = DEMO_PASSWORD) -> dict[str, str]:
    """Authorization header for a user, through the real token endpoint."""
    response = client.post("/api/v1/auth/token", data={"username": email, "password": password})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


@pytest.fixture
def demo_round_id(session: Session) -> int:
    return int(session.scalars(select(Round.id)).one())
