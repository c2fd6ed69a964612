"""The Alembic chain builds the schema on an empty SQLite and PostgreSQL database, without drift."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from alembic import command
from sqlalchemy import inspect

from tests.conftest import BACKENDS, migrate
from vergleichsring.cli import alembic_config
from vergleichsring.core.config import Settings
from vergleichsring.core.database import make_engine

EXPECTED_TABLES = {
    "municipality",
    "municipality_fact",
    "catalog_version",
    "action_field",
    "base_figure",
    "indicator",
    "indicator_formula",
    "ring",
    "ring_indicator_setting",
    "round",
    "round_participant",
    "submission",
    "submission_value",
    "submission_value_history",
    "user_account",
    "membership",
    "auth_session",
    "login_attempt",
    "password_token",
    "oidc_login",
    "audit_event",
    "peer_group",
    "peer_group_member",
    "finding",
    "round_publication",
}


@pytest.mark.parametrize("backend", BACKENDS)
def test_migrations_upgrade_check_and_downgrade(
    backend: str, empty_database: Callable[[str], str]
) -> None:
    url = empty_database(backend)
    migrate(url)
    engine = make_engine(url)
    try:
        tables = set(inspect(engine).get_table_names())
        assert tables >= EXPECTED_TABLES
        cfg = alembic_config(Settings(database_url=url))
        cfg.attributes["configure_logger"] = False
        command.check(cfg)  # raises when the models and migrations disagree
        command.downgrade(cfg, "base")
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
        command.upgrade(cfg, "head")
        assert set(inspect(engine).get_table_names()) >= EXPECTED_TABLES
    finally:
        engine.dispose()
