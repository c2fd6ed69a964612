"""Peer groups of a round: drawn by the moderator, or data-driven and frozen once computed."""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vergleichsring.core.models import Base, CreatedAtMixin
from vergleichsring.core.types import str_enum


class PeerGroupKind(StrEnum):
    custom = "custom"
    cluster = "cluster"


class PeerGroup(CreatedAtMixin, Base):
    __tablename__ = "peer_group"
    __table_args__ = (UniqueConstraint("round_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"), index=True)
    kind: Mapped[PeerGroupKind] = mapped_column(str_enum(PeerGroupKind, "peer_group_kind"))
    code: Mapped[str] = mapped_column(String(60))
    name: Mapped[str] = mapped_column(String(200))
    method: Mapped[str] = mapped_column(Text, default="")
    # For data-driven groups: variables, k, silhouette by k, means and SDs, imputed values.
    parameters: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )

    members: Mapped[list[PeerGroupMember]] = relationship(
        back_populates="peer_group", lazy="raise", cascade="all, delete-orphan"
    )


class PeerGroupMember(Base):
    __tablename__ = "peer_group_member"
    __table_args__ = (UniqueConstraint("peer_group_id", "municipality_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    peer_group_id: Mapped[int] = mapped_column(
        ForeignKey("peer_group.id", ondelete="CASCADE"), index=True
    )
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id", ondelete="CASCADE"))

    peer_group: Mapped[PeerGroup] = relationship(back_populates="members", lazy="raise")
