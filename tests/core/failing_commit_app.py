"""An app whose database refuses to commit any transaction that opened a session or token:
the server under test for "a commit that fails becomes an error response, never a 2xx"."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from sqlalchemy import event
from sqlalchemy.orm import Session

from vergleichsring.auth.models import AuthSession
from vergleichsring.main import create_app as real_create_app

FAIL_MARK = "test_fail_commit"


class SimulatedCommitFailure(RuntimeError):
    pass


def create_app() -> FastAPI:
    app = real_create_app()

    @event.listens_for(Session, "after_flush")
    def mark(session: Session, _ctx: Any) -> None:
        if any(isinstance(obj, AuthSession) for obj in session.new):
            session.connection().info[FAIL_MARK] = True

    @event.listens_for(app.state.engine, "commit")
    def refuse(conn: Any) -> None:
        if conn.info.pop(FAIL_MARK, False):
            raise SimulatedCommitFailure("the database refused the commit (simulated)")

    return app
