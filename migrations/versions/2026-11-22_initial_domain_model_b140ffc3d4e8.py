"""initial domain model

Revision ID: b140ffc3d4e8
Revises:
Create Date: 2026-11-22 02:38:52.885969
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "b140ffc3d4e8"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "catalog_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("source_digest", sa.String(length=64), nullable=False),
        sa.Column("locked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catalog_version")),
        sa.UniqueConstraint("version", name=op.f("uq_catalog_version_version")),
    )
    op.create_table(
        "municipality",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ags", sa.String(length=8), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("official_name", sa.String(length=300), nullable=False),
        sa.Column("state", sa.String(length=100), nullable=False),
        sa.Column("state_code", sa.String(length=2), nullable=False),
        sa.Column("nuts3", sa.String(length=5), nullable=False),
        sa.Column("kreisfrei", sa.Boolean(), nullable=False),
        sa.Column(
            "east_west",
            sa.Enum(
                "Ost", "West", "Berlin", name="east_west", native_enum=False, create_constraint=True
            ),
            nullable=False,
        ),
        sa.Column("latitude", sa.Float(), nullable=False),
        sa.Column("longitude", sa.Float(), nullable=False),
        sa.Column("area_km2", sa.Float(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_municipality")),
        sa.UniqueConstraint("ags", name=op.f("uq_municipality_ags")),
    )
    op.create_table(
        "ring",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ring")),
        sa.UniqueConstraint("slug", name=op.f("uq_ring_slug")),
    )
    op.create_table(
        "user_account",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=True),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("is_demo", sa.Boolean(), nullable=False),
        sa.Column("last_login_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_account")),
        sa.UniqueConstraint("email", name=op.f("uq_user_account_email")),
    )
    op.create_table(
        "action_field",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("catalog_version_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=10), nullable=False),
        sa.Column("name_de", sa.String(length=200), nullable=False),
        sa.Column("name_en", sa.String(length=200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["catalog_version_id"],
            ["catalog_version.id"],
            name=op.f("fk_action_field_catalog_version_id_catalog_version"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_field")),
        sa.UniqueConstraint(
            "catalog_version_id", "code", name=op.f("uq_action_field_catalog_version_id_code")
        ),
    )
    with op.batch_alter_table("action_field", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_action_field_catalog_version_id"), ["catalog_version_id"], unique=False
        )

    op.create_table(
        "base_figure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("catalog_version_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name_de", sa.String(length=300), nullable=False),
        sa.Column("name_en", sa.String(length=300), nullable=False),
        sa.Column("unit", sa.String(length=40), nullable=False),
        sa.Column("reference_date", sa.String(length=60), nullable=False),
        sa.Column("population_group", sa.String(length=10), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("sensitive", sa.Boolean(), nullable=False),
        sa.Column("previous_year_of", sa.String(length=40), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["catalog_version_id"],
            ["catalog_version.id"],
            name=op.f("fk_base_figure_catalog_version_id_catalog_version"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_base_figure")),
        sa.UniqueConstraint(
            "catalog_version_id", "code", name=op.f("uq_base_figure_catalog_version_id_code")
        ),
    )
    with op.batch_alter_table("base_figure", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_base_figure_catalog_version_id"), ["catalog_version_id"], unique=False
        )

    op.create_table(
        "membership",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "admin",
                "moderator",
                "coordinator",
                "viewer",
                name="role",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("municipality_id", sa.Integer(), nullable=True),
        sa.Column("ring_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "(role IN ('coordinator', 'viewer') AND municipality_id IS NOT NULL AND ring_id IS NULL) OR (role = 'moderator' AND ring_id IS NOT NULL AND municipality_id IS NULL) OR (role = 'admin' AND ring_id IS NULL AND municipality_id IS NULL)",
            name=op.f("ck_membership_scope_matches_role"),
        ),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipality.id"],
            name=op.f("fk_membership_municipality_id_municipality"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["ring_id"], ["ring.id"], name=op.f("fk_membership_ring_id_ring"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_membership_user_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_membership")),
    )
    with op.batch_alter_table("membership", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_membership_municipality_id"), ["municipality_id"], unique=False
        )
        batch_op.create_index(
            "uq_membership_scope", ["user_id", "role", "municipality_id", "ring_id"], unique=True
        )

    op.create_table(
        "municipality_fact",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("municipality_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("variable", sa.String(length=40), nullable=False),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "ok",
                "estimated",
                "provisional",
                "revised",
                name="fact_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("source", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipality.id"],
            name=op.f("fk_municipality_fact_municipality_id_municipality"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_municipality_fact")),
        sa.UniqueConstraint(
            "municipality_id",
            "year",
            "variable",
            name=op.f("uq_municipality_fact_municipality_id_year_variable"),
        ),
    )
    with op.batch_alter_table("municipality_fact", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_municipality_fact_municipality_id"), ["municipality_id"], unique=False
        )

    op.create_table(
        "ring_indicator_setting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ring_id", sa.Integer(), nullable=False),
        sa.Column("indicator_code", sa.String(length=20), nullable=False),
        sa.Column(
            "polarity",
            sa.Enum(
                "higher_better",
                "lower_better",
                "neutral",
                name="polarity",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["ring_id"],
            ["ring.id"],
            name=op.f("fk_ring_indicator_setting_ring_id_ring"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ring_indicator_setting")),
        sa.UniqueConstraint(
            "ring_id",
            "indicator_code",
            name=op.f("uq_ring_indicator_setting_ring_id_indicator_code"),
        ),
    )
    op.create_table(
        "round",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ring_id", sa.Integer(), nullable=False),
        sa.Column("catalog_version_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("years", sa.JSON(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "preparation",
                "collection",
                "review",
                "evaluation",
                "published",
                "closed",
                name="round_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column(
            "display_rule",
            sa.Enum(
                "named",
                "pseudonymised",
                name="display_rule",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("min_group_size", sa.Integer(), nullable=False),
        sa.Column("synthetic_data", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["catalog_version_id"],
            ["catalog_version.id"],
            name=op.f("fk_round_catalog_version_id_catalog_version"),
        ),
        sa.ForeignKeyConstraint(
            ["ring_id"], ["ring.id"], name=op.f("fk_round_ring_id_ring"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_round")),
        sa.UniqueConstraint("ring_id", "name", name=op.f("uq_round_ring_id_name")),
    )
    with op.batch_alter_table("round", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_round_ring_id"), ["ring_id"], unique=False)

    op.create_table(
        "indicator",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("catalog_version_id", sa.Integer(), nullable=False),
        sa.Column("field_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("name_de", sa.String(length=300), nullable=False),
        sa.Column("name_en", sa.String(length=300), nullable=False),
        sa.Column("definition_de", sa.Text(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "rate",
                "gap",
                "count",
                "flag",
                "category",
                "delivered",
                name="indicator_kind",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("context", sa.Boolean(), nullable=False),
        sa.Column("unit", sa.String(length=60), nullable=False),
        sa.Column("multiplier", sa.Float(), nullable=False),
        sa.Column("decimals", sa.Integer(), nullable=False),
        sa.Column(
            "polarity",
            sa.Enum(
                "higher_better",
                "lower_better",
                "neutral",
                name="polarity",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("suppression_threshold", sa.Integer(), nullable=False),
        sa.Column("sensitive", sa.Boolean(), nullable=False),
        sa.Column("computation_note", sa.Text(), nullable=True),
        sa.Column("data_source", sa.Text(), nullable=False),
        sa.Column("city_level_availability", sa.Text(), nullable=False),
        sa.Column("evidence_status", sa.String(length=40), nullable=False),
        sa.Column("source_refs", sa.JSON(), nullable=False),
        sa.Column("breakdowns", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["catalog_version_id"],
            ["catalog_version.id"],
            name=op.f("fk_indicator_catalog_version_id_catalog_version"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["field_id"],
            ["action_field.id"],
            name=op.f("fk_indicator_field_id_action_field"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator")),
        sa.UniqueConstraint(
            "catalog_version_id", "code", name=op.f("uq_indicator_catalog_version_id_code")
        ),
    )
    with op.batch_alter_table("indicator", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_indicator_catalog_version_id"), ["catalog_version_id"], unique=False
        )

    op.create_table(
        "round_participant",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("municipality_id", sa.Integer(), nullable=False),
        sa.Column("pseudonym", sa.String(length=40), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipality.id"],
            name=op.f("fk_round_participant_municipality_id_municipality"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["round.id"],
            name=op.f("fk_round_participant_round_id_round"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_round_participant")),
        sa.UniqueConstraint(
            "round_id",
            "municipality_id",
            name=op.f("uq_round_participant_round_id_municipality_id"),
        ),
        sa.UniqueConstraint(
            "round_id", "pseudonym", name=op.f("uq_round_participant_round_id_pseudonym")
        ),
    )
    with op.batch_alter_table("round_participant", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_round_participant_municipality_id"), ["municipality_id"], unique=False
        )

    op.create_table(
        "submission",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("municipality_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "draft",
                "submitted",
                "returned",
                "approved",
                name="submission_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("approved_by_id", sa.Integer(), nullable=True),
        sa.Column("return_reason", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["approved_by_id"],
            ["user_account.id"],
            name=op.f("fk_submission_approved_by_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipality.id"],
            name=op.f("fk_submission_municipality_id_municipality"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["round.id"],
            name=op.f("fk_submission_round_id_round"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_submission")),
        sa.UniqueConstraint(
            "round_id",
            "municipality_id",
            "year",
            name=op.f("uq_submission_round_id_municipality_id_year"),
        ),
    )
    with op.batch_alter_table("submission", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_submission_municipality_id"), ["municipality_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_submission_round_id"), ["round_id"], unique=False)

    op.create_table(
        "indicator_formula",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column(
            "group",
            sa.Enum(
                "total", "A", "B", name="formula_group", native_enum=False, create_constraint=True
            ),
            nullable=False,
        ),
        sa.Column("population_group", sa.String(length=10), nullable=True),
        sa.Column("label_de", sa.String(length=200), nullable=True),
        sa.Column("label_en", sa.String(length=200), nullable=True),
        sa.Column("numerator", sa.Text(), nullable=False),
        sa.Column("denominator", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["indicator_id"],
            ["indicator.id"],
            name=op.f("fk_indicator_formula_indicator_id_indicator"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator_formula")),
        sa.UniqueConstraint(
            "indicator_id", "group", name=op.f("uq_indicator_formula_indicator_id_group")
        ),
    )
    op.create_table(
        "submission_value",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("base_figure_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "ok",
                "not_collectable",
                "not_delivered",
                "suppressed",
                "provisional",
                "revised",
                "estimated",
                name="value_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("source_note", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["base_figure_id"],
            ["base_figure.id"],
            name=op.f("fk_submission_value_base_figure_id_base_figure"),
        ),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["submission.id"],
            name=op.f("fk_submission_value_submission_id_submission"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_id"],
            ["user_account.id"],
            name=op.f("fk_submission_value_updated_by_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_submission_value")),
        sa.UniqueConstraint(
            "submission_id",
            "base_figure_id",
            name=op.f("uq_submission_value_submission_id_base_figure_id"),
        ),
    )
    with op.batch_alter_table("submission_value", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_submission_value_submission_id"), ["submission_id"], unique=False
        )

    op.create_table(
        "submission_value_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("submission_value_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "ok",
                "not_collectable",
                "not_delivered",
                "suppressed",
                "provisional",
                "revised",
                "estimated",
                name="value_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("source_note", sa.Text(), nullable=True),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("changed_by_id", sa.Integer(), nullable=True),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["changed_by_id"],
            ["user_account.id"],
            name=op.f("fk_submission_value_history_changed_by_id_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["submission_value_id"],
            ["submission_value.id"],
            name=op.f("fk_submission_value_history_submission_value_id_submission_value"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_submission_value_history")),
    )
    with op.batch_alter_table("submission_value_history", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_submission_value_history_submission_value_id"),
            ["submission_value_id"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("submission_value_history", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_submission_value_history_submission_value_id"))

    op.drop_table("submission_value_history")
    with op.batch_alter_table("submission_value", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_submission_value_submission_id"))

    op.drop_table("submission_value")
    op.drop_table("indicator_formula")
    with op.batch_alter_table("submission", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_submission_round_id"))
        batch_op.drop_index(batch_op.f("ix_submission_municipality_id"))

    op.drop_table("submission")
    with op.batch_alter_table("round_participant", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_round_participant_municipality_id"))

    op.drop_table("round_participant")
    with op.batch_alter_table("indicator", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_indicator_catalog_version_id"))

    op.drop_table("indicator")
    with op.batch_alter_table("round", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_round_ring_id"))

    op.drop_table("round")
    op.drop_table("ring_indicator_setting")
    with op.batch_alter_table("municipality_fact", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_municipality_fact_municipality_id"))

    op.drop_table("municipality_fact")
    with op.batch_alter_table("membership", schema=None) as batch_op:
        batch_op.drop_index("uq_membership_scope")
        batch_op.drop_index(batch_op.f("ix_membership_municipality_id"))

    op.drop_table("membership")
    with op.batch_alter_table("base_figure", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_base_figure_catalog_version_id"))

    op.drop_table("base_figure")
    with op.batch_alter_table("action_field", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_action_field_catalog_version_id"))

    op.drop_table("action_field")
    op.drop_table("user_account")
    op.drop_table("ring")
    op.drop_table("municipality")
    op.drop_table("catalog_version")
