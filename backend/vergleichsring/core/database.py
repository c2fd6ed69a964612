"""Engine and session handling. The request owns the transaction: one commit or a rollback."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Request
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from vergleichsring.core.cancel import interrupt_session
from vergleichsring.core.errors import DomainError


def make_engine(url: str, *, echo: bool = False) -> Engine:
    kwargs: dict[str, Any] = {"echo": echo}
    if url.startswith("sqlite"):
        db_path = url.split("///", 1)[-1]
        if db_path and db_path != ":memory:":
            Path(db_path).parent.mkdir(parents=True, exist_ok=True)
        kwargs["connect_args"] = {"check_same_thread": False}
    else:
        kwargs["pool_pre_ping"] = True
    engine = create_engine(url, **kwargs)
    if url.startswith("sqlite"):
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


# Execution option naming how a transaction starts on SQLite: a request that writes takes the
# write lock at BEGIN (IMMEDIATE), so two writers queue on the busy timeout instead of one
# failing with "database is locked" when it tries to upgrade a read transaction.
SQLITE_BEGIN = "vr_sqlite_begin"
WRITE_OPTIONS: dict[str, Any] = {SQLITE_BEGIN: "IMMEDIATE"}
SQLITE_BUSY_TIMEOUT_MS = 15_000


def _sqlite_begin(conn: Any) -> None:
    # pysqlite defers BEGIN until the first write and so breaks SAVEPOINTs and transactional
    # DDL; SQLAlchemy's documented remedy: driver autocommit, and BEGIN emitted here.
    mode = conn.get_execution_options().get(SQLITE_BEGIN, "DEFERRED")
    conn.exec_driver_sql("BEGIN IMMEDIATE" if mode == "IMMEDIATE" else "BEGIN")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False, autoflush=False)


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
WRITES_ATTR = "__vr_writes__"
F = TypeVar("F", bound=Callable[..., Any])


def writes(endpoint: F) -> F:
    """Mark a GET endpoint that must write, e.g. the single sign-on redirects, which a browser
    reaches by GET: its transaction starts as a writer like that of a POST."""
    setattr(endpoint, WRITES_ATTR, True)
    return endpoint


def request_writes(request: Request) -> bool:
    if request.method not in SAFE_METHODS:
        return True
    route = request.scope.get("route")
    return bool(getattr(getattr(route, "endpoint", None), WRITES_ATTR, False))


def get_session(request: Request) -> Iterator[Session]:
    """One session per request; commit once at the end, roll back on any error.

    The dependency has the scope "function" (see ``SessionDep``): FastAPI leaves it when the
    endpoint has returned and its answer is serialised, but *before* the response is sent. So the
    client never holds an answer (a token, a 201) for a transaction that is not yet committed,
    and a commit that fails becomes an error response instead of a lost write.

    Requests with an unsafe method (and endpoints marked ``@writes``) start as writers
    (``BEGIN IMMEDIATE`` on SQLite); GET, HEAD and OPTIONS read in a deferred transaction and
    never write.
    """
    factory: sessionmaker[Session] = request.app.state.sessionmaker
    session = factory(execution_options=WRITE_OPTIONS) if request_writes(request) else factory()
    cancellation = getattr(request.state, "cancellation", None)
    if cancellation is not None:
        cancellation.on_cancel(interrupt_session(session))
    try:
        yield session
        session.commit()
    except DomainError as exc:
        if exc.keep_changes:
            session.commit()
        else:
            session.rollback()
        raise
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


SessionDep = Annotated[Session, Depends(get_session, scope="function")]
