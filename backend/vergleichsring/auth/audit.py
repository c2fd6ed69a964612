"""The audit trail: who did what, when, from where. Rows are only ever inserted."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from enum import StrEnum

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from vergleichsring.auth.models import AuditEvent, User
from vergleichsring.core.models import utcnow


class AuditAction(StrEnum):
    login_succeeded = "login.succeeded"
    login_failed = "login.failed"
    login_locked = "login.locked"
    logout = "logout"
    token_issued = "token.issued"
    sso_succeeded = "sso.succeeded"
    sso_failed = "sso.failed"
    user_created = "user.created"
    user_disabled = "user.disabled"
    user_enabled = "user.enabled"
    user_updated = "user.updated"
    password_link_issued = "password.link_issued"
    password_set = "password.set"
    membership_granted = "membership.granted"
    membership_revoked = "membership.revoked"
    coordinator_invited = "coordinator.invited"
    invitation_refused = "invitation.refused"
    # --- collection and review (issue #10) ---
    round_created = "round.created"
    round_updated = "round.updated"
    round_transition = "round.transition"
    round_participant_added = "round.participant_added"
    round_participant_removed = "round.participant_removed"
    submission_submitted = "submission.submitted"
    submission_returned = "submission.returned"
    submission_approved = "submission.approved"
    submission_reopened = "submission.reopened"
    submission_imported = "submission.imported"
    reminder_sent = "reminder.sent"


def record(
    db: Session,
    action: AuditAction,
    *,
    actor_id: int | None = None,
    target_user_id: int | None = None,
    email: str | None = None,
    ip: str | None = None,
    **detail: object,
) -> AuditEvent:
    event = AuditEvent(
        at=utcnow(),
        action=action.value,
        actor_id=actor_id,
        target_user_id=target_user_id,
        email=email,
        ip=ip,
        detail={k: v for k, v in detail.items() if v is not None},
    )
    db.add(event)
    db.flush()
    return event


def list_events(
    db: Session,
    *,
    limit: int = 200,
    offset: int = 0,
    actor_id: int | None = None,
    target_user_id: int | None = None,
    action: str | None = None,
    email: str | None = None,
    actor: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> Sequence[AuditEvent]:
    """Newest first. ``action`` is an exact action or a prefix ending in a dot (``user.``);
    ``email`` matches the event's email or its target's, case-insensitively, as a part;
    ``actor`` matches the actor's email as a part; ``since`` is inclusive and ``until`` exclusive."""
    stmt = select(AuditEvent)
    if actor_id is not None:
        stmt = stmt.where(AuditEvent.actor_id == actor_id)
    if target_user_id is not None:
        stmt = stmt.where(AuditEvent.target_user_id == target_user_id)
    if action:
        if action.endswith("."):
            stmt = stmt.where(AuditEvent.action.startswith(action, autoescape=True))
        else:
            stmt = stmt.where(AuditEvent.action == action)
    if email:
        needle = f"%{_escape_like(email.strip().lower())}%"
        targets = select(User.id).where(func.lower(User.email).like(needle, escape="\\"))
        stmt = stmt.where(
            or_(
                func.lower(AuditEvent.email).like(needle, escape="\\"),
                AuditEvent.target_user_id.in_(targets),
            )
        )
    if actor:
        needle = f"%{_escape_like(actor.strip().lower())}%"
        actors = select(User.id).where(func.lower(User.email).like(needle, escape="\\"))
        stmt = stmt.where(AuditEvent.actor_id.in_(actors))
    if since is not None:
        stmt = stmt.where(AuditEvent.at >= since)
    if until is not None:
        stmt = stmt.where(AuditEvent.at < until)
    stmt = stmt.order_by(AuditEvent.id.desc()).limit(limit).offset(offset)
    return db.scalars(stmt).all()


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
