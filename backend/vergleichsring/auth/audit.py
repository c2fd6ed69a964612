"""The audit trail: who did what, when, from where. Rows are only ever inserted."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from vergleichsring.auth.models import AuditEvent
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


def list_events(db: Session, *, limit: int = 200, offset: int = 0) -> Sequence[AuditEvent]:
    stmt = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit).offset(offset)
    return db.scalars(stmt).all()
