"""peer groups

Revision ID: ca117e027c3f
Revises: c61b5452e004
Create Date: 2026-11-22 03:14:51.352227
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "ca117e027c3f"
down_revision: str | None = "c61b5452e004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "peer_group",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "custom",
                "cluster",
                name="peer_group_kind",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("code", sa.String(length=60), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("method", sa.Text(), nullable=False),
        sa.Column("parameters", sa.JSON(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["user_account.id"],
            name=op.f("fk_peer_group_created_by_id_user_account"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["round.id"],
            name=op.f("fk_peer_group_round_id_round"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_peer_group")),
        sa.UniqueConstraint("round_id", "code", name=op.f("uq_peer_group_round_id_code")),
    )
    with op.batch_alter_table("peer_group", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_peer_group_round_id"), ["round_id"], unique=False)

    op.create_table(
        "peer_group_member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("peer_group_id", sa.Integer(), nullable=False),
        sa.Column("municipality_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipality.id"],
            name=op.f("fk_peer_group_member_municipality_id_municipality"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["peer_group_id"],
            ["peer_group.id"],
            name=op.f("fk_peer_group_member_peer_group_id_peer_group"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_peer_group_member")),
        sa.UniqueConstraint(
            "peer_group_id",
            "municipality_id",
            name=op.f("uq_peer_group_member_peer_group_id_municipality_id"),
        ),
    )
    with op.batch_alter_table("peer_group_member", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_peer_group_member_peer_group_id"), ["peer_group_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("peer_group_member", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_peer_group_member_peer_group_id"))

    op.drop_table("peer_group_member")
    with op.batch_alter_table("peer_group", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_peer_group_round_id"))

    op.drop_table("peer_group")
