"""Users and their memberships (role, and the city or ring it applies to)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Boolean, CheckConstraint, DateTime, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vergleichsring.core.models import Base, CreatedAtMixin
from vergleichsring.core.types import str_enum


class Role(StrEnum):
    admin = "admin"
    moderator = "moderator"
    coordinator = "coordinator"
    viewer = "viewer"


class User(CreatedAtMixin, Base):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str | None] = mapped_column(String(255))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    memberships: Mapped[list[Membership]] = relationship(
        back_populates="user", lazy="raise", cascade="all, delete-orphan"
    )


class Membership(CreatedAtMixin, Base):
    """A role for a user: city roles name a municipality, the moderator role names a ring."""

    __tablename__ = "membership"
    __table_args__ = (
        CheckConstraint(
            "(role IN ('coordinator', 'viewer') AND municipality_id IS NOT NULL AND ring_id IS NULL)"
            " OR (role = 'moderator' AND ring_id IS NOT NULL AND municipality_id IS NULL)"
            " OR (role = 'admin' AND ring_id IS NULL AND municipality_id IS NULL)",
            name="scope_matches_role",
        ),
        Index("uq_membership_scope", "user_id", "role", "municipality_id", "ring_id", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    role: Mapped[Role] = mapped_column(str_enum(Role, "role"))
    # Plain integer columns with foreign keys to tables of modules further up the dependency
    # chain; the ORM relationship lives there, so auth imports no domain module.
    municipality_id: Mapped[int | None] = mapped_column(
        ForeignKey("municipality.id", ondelete="CASCADE"), index=True
    )
    ring_id: Mapped[int | None] = mapped_column(ForeignKey("ring.id", ondelete="CASCADE"))

    user: Mapped[User] = relationship(back_populates="memberships", lazy="raise")
