"""Alembic environment: the URL comes from the settings or from the caller's config."""

from __future__ import annotations

from logging.config import fileConfig

from alembic import context
from sqlalchemy import Connection

from vergleichsring.auth import models as auth_models
from vergleichsring.catalog import models as catalog_models
from vergleichsring.comparison import models as comparison_models
from vergleichsring.core.config import get_settings
from vergleichsring.core.database import make_engine
from vergleichsring.core.models import Base
from vergleichsring.municipalities import models as municipality_models
from vergleichsring.rounds import models as round_models
from vergleichsring.submissions import models as submission_models

# Every module's tables, imported here so that the metadata is complete.
MODEL_MODULES = (
    auth_models,
    municipality_models,
    catalog_models,
    round_models,
    submission_models,
    comparison_models,
)
target_metadata = Base.metadata

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)


def _url() -> str:
    url = config.get_main_option("sqlalchemy.url")
    return url or get_settings().database_url


def _configure(connection: Connection | None = None, url: str | None = None) -> None:
    context.configure(
        connection=connection,
        url=url,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite needs batch mode for ALTER TABLE
        compare_type=True,
        literal_binds=connection is None,
    )


def run_migrations_offline() -> None:
    _configure(url=_url())
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection=connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = make_engine(_url())
    with engine.connect() as conn:
        _configure(connection=conn)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
