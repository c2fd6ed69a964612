"""An app with one deliberately slow read: a query that runs for minutes unless interrupted.
The server under test for "a client that disconnects stops the work"."""

from __future__ import annotations

import time

from fastapi import FastAPI
from sqlalchemy import text

from vergleichsring.core.database import SessionDep
from vergleichsring.main import create_app as real_create_app

SLOW_SQL = {
    "sqlite": "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1e12) "
    "SELECT count(*) FROM c",
    "postgresql": "SELECT pg_sleep(300)",
}


def create_app() -> FastAPI:
    app = real_create_app()

    def slow(db: SessionDep) -> dict[str, float]:
        started = time.monotonic()
        db.execute(text(SLOW_SQL[db.get_bind().dialect.name])).all()
        return {"seconds": time.monotonic() - started}

    app.router.add_api_route("/api/v1/test-slow", slow)
    app.router.routes.insert(0, app.router.routes.pop())  # before the SPA's catch-all
    return app
