"""Rings, comparison rounds, their participants and display rules."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vergleichsring.catalog.models import Polarity
from vergleichsring.core.models import Base, CreatedAtMixin
from vergleichsring.core.types import str_enum


class RoundStatus(StrEnum):
    preparation = "preparation"
    collection = "collection"
    review = "review"
    evaluation = "evaluation"
    published = "published"
    closed = "closed"


class DisplayRule(StrEnum):
    named = "named"
    pseudonymised = "pseudonymised"


class Ring(CreatedAtMixin, Base):
    __tablename__ = "ring"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")


class RingIndicatorSetting(Base):
    """A ring's own normative choice for a key figure, e.g. its polarity."""

    __tablename__ = "ring_indicator_setting"
    __table_args__ = (UniqueConstraint("ring_id", "indicator_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ring_id: Mapped[int] = mapped_column(ForeignKey("ring.id", ondelete="CASCADE"))
    indicator_code: Mapped[str] = mapped_column(String(20))
    polarity: Mapped[Polarity] = mapped_column(str_enum(Polarity, "polarity"))


class Round(CreatedAtMixin, Base):
    __tablename__ = "round"
    __table_args__ = (UniqueConstraint("ring_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ring_id: Mapped[int] = mapped_column(ForeignKey("ring.id", ondelete="CASCADE"), index=True)
    catalog_version_id: Mapped[int] = mapped_column(ForeignKey("catalog_version.id"))
    name: Mapped[str] = mapped_column(String(200))
    years: Mapped[list[int]] = mapped_column(JSON)
    status: Mapped[RoundStatus] = mapped_column(str_enum(RoundStatus, "round_status"))
    deadline: Mapped[date | None] = mapped_column(Date)
    display_rule: Mapped[DisplayRule] = mapped_column(str_enum(DisplayRule, "display_rule"))
    min_group_size: Mapped[int] = mapped_column(Integer, default=5)
    synthetic_data: Mapped[bool] = mapped_column(Boolean, default=False)
    # 0 until the first publication; a revision of a published round counts up.
    revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Soft rule "change against the previous year": relative and absolute thresholds.
    change_threshold_relative: Mapped[float] = mapped_column(
        Float, default=0.25, server_default="0.25"
    )
    change_threshold_absolute: Mapped[float] = mapped_column(
        Float, default=50.0, server_default="50"
    )

    participants: Mapped[list[RoundParticipant]] = relationship(
        back_populates="round", lazy="raise", cascade="all, delete-orphan"
    )


class RoundParticipant(CreatedAtMixin, Base):
    """A city in a round, with its pseudonym (random per round, stable across every view)."""

    __tablename__ = "round_participant"
    __table_args__ = (
        UniqueConstraint("round_id", "municipality_id"),
        UniqueConstraint("round_id", "pseudonym"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"))
    municipality_id: Mapped[int] = mapped_column(
        ForeignKey("municipality.id", ondelete="CASCADE"), index=True
    )
    pseudonym: Mapped[str] = mapped_column(String(40))

    round: Mapped[Round] = relationship(back_populates="participants", lazy="raise")


class RoundPublication(CreatedAtMixin, Base):
    """What was published: a frozen copy of the approved values at publication time.

    A revised round publishes again under the next number; earlier publications stay readable.
    ``snapshot`` maps ``"AGS|year"`` to ``{base figure: [value, status]}``.
    """

    __tablename__ = "round_publication"
    __table_args__ = (UniqueConstraint("round_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    published_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    note: Mapped[str] = mapped_column(Text, default="")
    snapshot: Mapped[dict[str, dict[str, list[float | str | None]]]] = mapped_column(JSON)
