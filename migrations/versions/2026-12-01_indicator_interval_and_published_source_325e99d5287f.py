"""indicator interval and published source

Each key figure declares how its uncertainty is measured (``interval``: wilson, poisson, none)
and may name the official statistic that publishes it per city (``published_source``).
Key figures of catalogue versions imported before get the interval that the shipped catalogue
declares for their unit (shares in % Wilson, rates per 1,000 or 100,000 Poisson, except
population growth KON-02 and the migration balance DEM-07), every other one none.

Revision ID: 325e99d5287f
Revises: ca117e027c3f
Create Date: 2026-12-01 15:56:05.557849
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "325e99d5287f"
down_revision: str | None = "665b6969370c"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("indicator", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "interval",
                sa.Enum(
                    "wilson",
                    "poisson",
                    "none",
                    name="interval_kind",
                    native_enum=False,
                    create_constraint=True,
                ),
                server_default="none",
                nullable=False,
            )
        )
        batch_op.add_column(sa.Column("published_source", sa.Text(), nullable=True))
    op.execute(
        "UPDATE indicator SET interval = 'wilson' WHERE kind IN ('rate', 'gap') "
        "AND unit = '%' AND code NOT IN ('KON-02')"
    )
    op.execute(
        "UPDATE indicator SET interval = 'poisson' WHERE kind IN ('rate', 'gap') "
        "AND (unit LIKE 'je 1.000%' OR unit LIKE 'je 100.000%') AND code NOT IN ('DEM-07')"
    )


def downgrade() -> None:
    with op.batch_alter_table("indicator", schema=None) as batch_op:
        batch_op.drop_column("published_source")
        batch_op.drop_constraint(op.f("ck_indicator_interval_kind"), type_="check")
        batch_op.drop_column("interval")
