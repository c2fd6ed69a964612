"""The command line on a fresh SQLite file: migrate, seed twice, production without demo accounts."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, inspect, select
from typer.testing import CliRunner

from vergleichsring.auth.models import AuditEvent, User
from vergleichsring.cli import app
from vergleichsring.core.config import get_settings
from vergleichsring.core.database import make_engine
from vergleichsring.core.models import Base

runner = CliRunner()


def invoke(args: list[str], env: dict[str, str]) -> str:
    get_settings.cache_clear()
    try:
        result = runner.invoke(app, args, env=env)
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    return result.output


def counts(url: str) -> dict[str, int]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            names = [t for t in inspect(conn).get_table_names() if t != "alembic_version"]
            return {
                n: conn.scalar(select(func.count()).select_from(Base.metadata.tables[n])) or 0
                for n in names
            }
    finally:
        engine.dispose()


def test_seed_demo_twice_leaves_every_row_count(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    env = {"VR_DATABASE_URL": url, "VR_ENV": "development"}
    invoke(["db", "upgrade"], env)
    first = invoke(["seed", "--demo"], env)
    assert "Städte: 81" in first
    after_first = counts(url)
    assert after_first["user_account"] >= 50
    second = invoke(["seed", "--demo"], env)
    assert "0 neue Meldungen" in second
    assert counts(url) == after_first


def test_production_creates_no_demo_accounts(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'prod.db'}"
    env = {"VR_DATABASE_URL": url, "VR_ENV": "production", "VR_SECRET_KEY": "x" * 40}
    invoke(["db", "upgrade"], env)
    output = invoke(["seed", "--demo"], env)
    assert "keine Demo-Konten" in output
    engine = make_engine(url)
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(User.__table__)) == 0
    engine.dispose()


def test_users_create_rejects_short_password(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'u.db'}"
    env = {"VR_DATABASE_URL": url}
    invoke(["db", "upgrade"], env)
    get_settings.cache_clear()
    result = runner.invoke(
        app, ["users", "create", "a@example.org", "--role", "admin", "--password", "short"], env=env
    )
    get_settings.cache_clear()
    assert result.exit_code == 1
    assert "12" in result.output


@pytest.mark.parametrize("secret", ["", "change-me-development-only", "too-short"])
def test_production_refuses_default_or_weak_secret(secret: str) -> None:
    from pydantic import ValidationError

    from vergleichsring.core.config import Settings

    with pytest.raises(ValidationError, match="VR_SECRET_KEY"):
        Settings(env="production", secret_key=secret)


def test_user_commands_disable_grant_revoke_and_link(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'users.db'}"
    env = {"VR_DATABASE_URL": url, "VR_ENV": "development"}
    invoke(["db", "upgrade"], env)
    invoke(["seed"], env)
    invoke(
        [
            "users",
            "create",
            "k@example.org",
            "--role",
            "coordinator",
            "--ags",
            "05315000",
            "--link",
        ],
        env,
    )
    invoke(["users", "grant", "k@example.org", "--role", "viewer", "--ags", "02000000"], env)
    listed = invoke(["users", "list"], env)
    assert "coordinator:05315000" in listed
    assert "viewer:02000000" in listed
    invoke(["users", "revoke", "k@example.org", "--role", "viewer", "--ags", "02000000"], env)
    invoke(["users", "disable", "k@example.org"], env)
    listed = invoke(["users", "list"], env)
    assert "viewer:02000000" not in listed
    assert "(gesperrt)" in listed
    engine = make_engine(url)
    with engine.connect() as conn:
        actions = set(conn.scalars(select(AuditEvent.action)).all())
    engine.dispose()
    assert {"user.created", "membership.granted", "membership.revoked", "user.disabled"} <= actions
    assert "password.link_issued" in actions
