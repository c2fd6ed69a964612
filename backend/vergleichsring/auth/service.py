"""Accounts and sign-in: users, memberships, password links, the lockout rule."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from vergleichsring.auth import repository
from vergleichsring.auth.audit import AuditAction, record
from vergleichsring.auth.mail import MailSender
from vergleichsring.auth.models import LoginAttempt, Membership, PasswordToken, Role, User
from vergleichsring.auth.passwords import (
    MIN_PASSWORD_LENGTH,
    dummy_hash,
    hash_password,
    verify_password,
)
from vergleichsring.auth.sessions import revoke_all_for_user
from vergleichsring.auth.tokens import digest, new_secret
from vergleichsring.core.config import Settings
from vergleichsring.core.errors import (
    Conflict,
    ErrorItem,
    NotAuthenticated,
    NotFound,
    TooManyRequests,
    ValidationFailed,
)
from vergleichsring.core.models import utcnow

WRONG_CREDENTIALS = "E-Mail-Adresse oder Passwort ist falsch."


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


@dataclass(frozen=True)
class AuditContext:
    """Who changes an account, from where and through which channel.

    Every function below that creates a user, grants or revokes a membership or changes an
    account records its own audit event with it, so that the router, the command line, the
    rounds' invitations and single sign-on cannot forget or word it differently. ``audit`` is a
    required argument; only seeding the demo accounts passes ``None`` (no person acts there).
    """

    channel: Literal["api", "cli", "oidc", "invitation"]
    actor_id: int | None = None
    ip: str | None = None

    def record(
        self,
        session: Session,
        action: AuditAction,
        user: User,
        *,
        email: str | None = None,
        scope: dict[str, object] | None = None,
    ) -> None:
        """The event with actor, address and channel (``via``); ``scope``: a membership's role,
        city and ring."""
        record(
            session,
            action,
            actor_id=self.actor_id,
            target_user_id=user.id,
            email=email,
            ip=self.ip,
            via=self.channel,
            **(scope or {}),
        )


def create_user(
    session: Session,
    *,
    email: str,
    password: str | None,
    audit: AuditContext | None,
    display_name: str = "",
    is_demo: bool = False,
) -> User:
    email = repository.normalise_email(email)
    if "@" not in email:
        raise ValidationFailed(
            f"Not an email address: {email!r}.",
            errors=[ErrorItem(loc=["body", "email"], msg="not an email address")],
        )
    if repository.get_user_by_email(session, email) is not None:
        raise Conflict(f"A user with the email {email} exists already.")
    if password is not None:
        check_password_rules(password)
    user = User(
        email=email,
        display_name=display_name,
        password_hash=None if password is None else hash_password(password),
        is_demo=is_demo,
        memberships=[],
    )
    session.add(user)
    session.flush()
    if audit is not None:
        audit.record(session, AuditAction.user_created, user, email=user.email)
    return user


def check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationFailed(
            f"The password needs at least {MIN_PASSWORD_LENGTH} characters.",
            errors=[ErrorItem(loc=["body", "password"], msg="too short")],
        )


def _scope_detail(session: Session, membership: Membership) -> dict[str, object]:
    ags = None
    if membership.municipality_id is not None:
        ags = repository.ags_for_municipality_id(session, membership.municipality_id)
    return {
        "role": Role(membership.role).value,
        "municipality_ags": ags,
        "municipality_id": membership.municipality_id,
        "ring_id": membership.ring_id,
    }


def grant_membership(
    session: Session,
    user: User,
    *,
    role: Role,
    audit: AuditContext | None,
    municipality_id: int | None = None,
    ring_id: int | None = None,
) -> Membership:
    """Grant a role (audited); an existing identical membership is returned unchanged."""
    if role in (Role.coordinator, Role.viewer) and (municipality_id is None or ring_id is not None):
        raise ValidationFailed(f"The role {role} needs a municipality and no ring.")
    if role == Role.moderator and (ring_id is None or municipality_id is not None):
        raise ValidationFailed("The role moderator needs a ring and no municipality.")
    if role == Role.admin and (ring_id is not None or municipality_id is not None):
        raise ValidationFailed("The role admin takes neither ring nor municipality.")
    existing = repository.find_membership(
        user, role=role, municipality_id=municipality_id, ring_id=ring_id
    )
    if existing is not None:
        return existing
    membership = Membership(role=role, municipality_id=municipality_id, ring_id=ring_id)
    user.memberships.append(membership)
    session.flush()
    if audit is not None:
        audit.record(
            session, AuditAction.membership_granted, user, scope=_scope_detail(session, membership)
        )
    return membership


def revoke_membership(
    session: Session, user: User, membership_id: int, *, audit: AuditContext | None
) -> Membership:
    membership = next((m for m in user.memberships if m.id == membership_id), None)
    if membership is None:
        raise NotFound(f"User {user.id} has no membership {membership_id}.")
    detail = _scope_detail(session, membership)
    user.memberships.remove(membership)
    session.flush()
    if audit is not None:
        audit.record(session, AuditAction.membership_revoked, user, scope=detail)
    return membership


def set_active(session: Session, user: User, active: bool, *, audit: AuditContext | None) -> None:
    """Enable or disable an account (audited); disabling ends every session and token."""
    if user.is_active == active:
        return
    user.is_active = active
    if not active:
        revoke_all_for_user(session, user.id)
    session.flush()
    if audit is not None:
        audit.record(
            session, AuditAction.user_enabled if active else AuditAction.user_disabled, user
        )


def rename_user(
    session: Session, user: User, display_name: str, *, audit: AuditContext | None
) -> None:
    """Change the display name (audited when it changes)."""
    if display_name == user.display_name:
        return
    user.display_name = display_name
    session.flush()
    if audit is not None:
        audit.record(session, AuditAction.user_updated, user)


# --- sign-in ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Lockout:
    retry_after_seconds: int


def _lockout(session: Session, email: str, settings: Settings) -> Lockout | None:
    now = utcnow()
    window = timedelta(minutes=settings.login_window_minutes)
    attempts = session.scalars(
        select(LoginAttempt)
        .where(LoginAttempt.email == email, LoginAttempt.at > now - window)
        .order_by(LoginAttempt.at.desc(), LoginAttempt.id.desc())
    ).all()
    failures: list[datetime] = []
    for attempt in attempts:  # newest first; a success resets the count
        if attempt.succeeded:
            break
        failures.append(_aware(attempt.at))
    if len(failures) < settings.login_max_failures:
        return None
    # Locked until the oldest of the last N failures leaves the window.
    oldest_relevant = failures[settings.login_max_failures - 1]
    wait = (oldest_relevant + window - now).total_seconds()
    return Lockout(retry_after_seconds=max(1, math.ceil(wait)))


def authenticate(
    session: Session, *, email: str, password: str, settings: Settings, ip: str | None
) -> User:
    """The user for these credentials, or an error that says nothing about which part was wrong."""
    email = repository.normalise_email(email)
    repository.lock_sign_in(session, email)
    locked = _lockout(session, email, settings)
    if locked is not None:
        record(session, AuditAction.login_locked, email=email, ip=ip)
        raise TooManyRequests(
            "Zu viele fehlgeschlagene Anmeldungen. Bitte später erneut versuchen.",
            headers={"Retry-After": str(locked.retry_after_seconds)},
            keep_changes=True,
        )
    user = repository.get_user_by_email(session, email)
    # Always verify a hash, so an unknown email costs the same time as a wrong password.
    ok = verify_password(user.password_hash if user else dummy_hash(), password)
    ok = ok and user is not None and user.is_active
    session.add(LoginAttempt(email=email, succeeded=ok, at=utcnow(), ip=ip))
    if not ok or user is None:
        record(
            session,
            AuditAction.login_failed,
            email=email,
            ip=ip,
            target_user_id=user.id if user else None,
        )
        raise NotAuthenticated(
            WRONG_CREDENTIALS, headers={"WWW-Authenticate": "Bearer"}, keep_changes=True
        )
    record(session, AuditAction.login_succeeded, actor_id=user.id, email=email, ip=ip)
    return user


# --- password links --------------------------------------------------------------------------


def issue_password_link(
    session: Session,
    user: User,
    *,
    settings: Settings,
    mailer: MailSender,
    actor_id: int | None,
    reason: str = "Ihr Zugang zum Vergleichsring",
) -> str:
    """Create a one-time link to set the password and send it; returns the link."""
    token = new_secret()
    now = utcnow()
    session.add(
        PasswordToken(
            token_hash=digest(token),
            user_id=user.id,
            created_at=now,
            expires_at=now + timedelta(hours=settings.password_link_hours),
        )
    )
    link = f"{settings.public_base_url}/passwort-setzen#token={token}"
    hours = f"{settings.password_link_hours:g}"
    mailer.send(
        user.email,
        reason,
        f"Guten Tag,\n\nfür Sie wurde ein Zugang zum Vergleichsring eingerichtet. "
        f"Über diesen Link legen Sie Ihr Passwort fest (einmal nutzbar, {hours} Stunden gültig):"
        f"\n\n{link}\n",
    )
    record(session, AuditAction.password_link_issued, actor_id=actor_id, target_user_id=user.id)
    session.flush()
    return link


def set_password_with_token(session: Session, *, token: str, password: str) -> User:
    check_password_rules(password)
    found = session.scalars(
        select(PasswordToken).where(PasswordToken.token_hash == digest(token))
    ).one_or_none()
    if found is None or found.used_at is not None or _aware(found.expires_at) <= utcnow():
        raise ValidationFailed(
            "Der Link ist ungültig, abgelaufen oder wurde schon benutzt.",
            errors=[ErrorItem(loc=["body", "token"], msg="invalid or used")],
        )
    user = repository.get_user(session, found.user_id)
    if user is None:
        raise NotFound("The account no longer exists.")
    found.used_at = utcnow()
    user.password_hash = hash_password(password)
    revoke_all_for_user(session, user.id)
    record(session, AuditAction.password_set, actor_id=user.id, target_user_id=user.id)
    session.flush()
    return user
