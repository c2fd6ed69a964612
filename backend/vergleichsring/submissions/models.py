"""Submissions of base figures per round, city and data year, their values and history."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    JSON,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from vergleichsring.core.models import Base, CreatedAtMixin, utcnow
from vergleichsring.core.types import str_enum


class SubmissionStatus(StrEnum):
    draft = "draft"
    submitted = "submitted"
    returned = "returned"
    approved = "approved"


class ValueStatus(StrEnum):
    ok = "ok"
    not_collectable = "not_collectable"
    not_delivered = "not_delivered"
    suppressed = "suppressed"
    provisional = "provisional"
    revised = "revised"
    estimated = "estimated"


class Channel(StrEnum):
    """Through which way a value was changed (recorded in the history)."""

    web = "web"
    api = "api"
    excel = "excel"
    csv = "csv"
    system = "system"


class ReviewState(StrEnum):
    """A single value's review state: returned by the moderator, or reopened for a correction."""

    none = "none"
    returned = "returned"
    reopened = "reopened"


class FindingSeverity(StrEnum):
    error = "error"  # a hard rule: blocks submitting
    warning = "warning"  # a soft rule: submitting needs a comment on the value


class FindingState(StrEnum):
    open = "open"  # an error, or a warning without a comment
    explained = "explained"  # a warning the coordinator commented on
    accepted = "accepted"  # the moderator approved the submission with it


class Submission(CreatedAtMixin, Base):
    __tablename__ = "submission"
    __table_args__ = (UniqueConstraint("round_id", "municipality_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"), index=True)
    municipality_id: Mapped[int] = mapped_column(
        ForeignKey("municipality.id", ondelete="CASCADE"), index=True
    )
    year: Mapped[int] = mapped_column(Integer)
    status: Mapped[SubmissionStatus] = mapped_column(
        str_enum(SubmissionStatus, "submission_status")
    )
    version: Mapped[int] = mapped_column(Integer, default=1)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    approved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    return_reason: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # Per action field: how many base figures have a value or a status (the cockpit reads it);
    # refreshed with the findings after every change, null until first computed.
    completeness: Mapped[dict[str, int] | None] = mapped_column(JSON)

    values: Mapped[list[SubmissionValue]] = relationship(
        back_populates="submission", lazy="raise", cascade="all, delete-orphan"
    )


class SubmissionValue(Base):
    """The current value of one base figure in a submission. Missing is null with a status."""

    __tablename__ = "submission_value"
    __table_args__ = (UniqueConstraint("submission_id", "base_figure_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("submission.id", ondelete="CASCADE"), index=True
    )
    base_figure_id: Mapped[int] = mapped_column(ForeignKey("base_figure.id"))
    value: Mapped[float | None] = mapped_column(Float)
    status: Mapped[ValueStatus] = mapped_column(str_enum(ValueStatus, "value_status"))
    comment: Mapped[str | None] = mapped_column(Text)
    source_note: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # Review of this single value: returned with a reason, or reopened for a correction.
    review_state: Mapped[ReviewState] = mapped_column(
        str_enum(ReviewState, "review_state"), default=ReviewState.none, server_default="none"
    )
    review_reason: Mapped[str | None] = mapped_column(Text)
    # The value as the moderator last approved it ("changed since approval").
    approved_version: Mapped[int | None] = mapped_column(Integer)
    approved_value: Mapped[float | None] = mapped_column(Float)
    approved_status: Mapped[ValueStatus | None] = mapped_column(
        str_enum(ValueStatus, "approved_value_status")
    )

    submission: Mapped[Submission] = relationship(back_populates="values", lazy="raise")


class SubmissionValueHistory(Base):
    """Append-only: every state a value has had. Rows are inserted, never updated or deleted."""

    __tablename__ = "submission_value_history"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_value_id: Mapped[int] = mapped_column(
        ForeignKey("submission_value.id", ondelete="CASCADE"), index=True
    )
    version: Mapped[int] = mapped_column(Integer)
    value: Mapped[float | None] = mapped_column(Float)
    status: Mapped[ValueStatus] = mapped_column(str_enum(ValueStatus, "value_status"))
    comment: Mapped[str | None] = mapped_column(Text)
    source_note: Mapped[str | None] = mapped_column(Text)
    action: Mapped[str] = mapped_column(String(40))
    channel: Mapped[Channel] = mapped_column(
        str_enum(Channel, "channel"), default=Channel.system, server_default="system"
    )
    reason: Mapped[str | None] = mapped_column(Text)
    # The submission's version this change produced (names the values changed after version N).
    submission_version: Mapped[int | None] = mapped_column(Integer)
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Finding(CreatedAtMixin, Base):
    """A plausibility finding on a submission, recomputed whenever the submission changes."""

    __tablename__ = "finding"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("submission.id", ondelete="CASCADE"), index=True
    )
    rule: Mapped[str] = mapped_column(String(40))
    severity: Mapped[FindingSeverity] = mapped_column(str_enum(FindingSeverity, "finding_severity"))
    state: Mapped[FindingState] = mapped_column(str_enum(FindingState, "finding_state"))
    base_figure: Mapped[str | None] = mapped_column(String(40))
    indicator: Mapped[str | None] = mapped_column(String(20))
    field: Mapped[str | None] = mapped_column(String(10))
    message_de: Mapped[str] = mapped_column(Text)
    message_en: Mapped[str] = mapped_column(Text)
    numbers: Mapped[dict[str, float | None]] = mapped_column(JSON, default=dict)


class AppendOnlyViolation(RuntimeError):
    pass


@event.listens_for(Session, "before_flush")
def _history_is_append_only(session: Session, _ctx: object, _instances: object) -> None:
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, SubmissionValueHistory):
            raise AppendOnlyViolation("submission_value_history rows are never changed or deleted")
