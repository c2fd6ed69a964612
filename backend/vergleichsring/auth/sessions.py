"""Sessions for browsers (cookie + CSRF token) and bearer tokens for scripts.

Both are opaque random secrets stored as hashes, so they can be revoked, expire on the server,
and a disabled user is refused on the next request whatever the client still holds.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from fastapi import Response
from sqlalchemy import update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from vergleichsring.auth import repository
from vergleichsring.auth.models import AuthSession, Role, SessionKind, User
from vergleichsring.auth.permissions import Grant
from vergleichsring.auth.tokens import digest, new_secret
from vergleichsring.core.config import Settings
from vergleichsring.core.database import WRITE_OPTIONS
from vergleichsring.core.models import utcnow

logger = logging.getLogger(__name__)

SESSION_COOKIE = "vr_session"
CSRF_COOKIE = "vr_csrf"
CSRF_HEADER = "X-CSRF-Token"


@dataclass(frozen=True)
class IssuedSession:
    token: str
    csrf_token: str | None
    expires_at: datetime
    record: AuthSession


def _aware(moment: datetime) -> datetime:
    # SQLite gives naive datetimes back; everything stored is UTC.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def issue_session(
    db: Session,
    user: User,
    *,
    kind: SessionKind,
    method: str,
    settings: Settings,
    ip: str | None = None,
    user_agent: str | None = None,
) -> IssuedSession:
    now = utcnow()
    hours = settings.session_hours if kind == SessionKind.cookie else settings.token_hours
    token = new_secret()
    csrf = new_secret() if kind == SessionKind.cookie else None
    record = AuthSession(
        token_hash=digest(token),
        user_id=user.id,
        kind=kind,
        method=method,
        csrf_token=csrf,
        created_at=now,
        expires_at=now + timedelta(hours=hours),
        last_seen_at=now,
        ip=ip,
        user_agent=(user_agent or "")[:300] or None,
    )
    db.add(record)
    user.last_login_at = now
    db.flush()
    return IssuedSession(token=token, csrf_token=csrf, expires_at=record.expires_at, record=record)


TOUCH_EVERY = timedelta(minutes=1)


@dataclass(frozen=True)
class LiveSession:
    """A live session or token with what the request needs of its user."""

    id: int
    user_id: int
    csrf_token: str | None
    last_seen_at: datetime
    email: str
    display_name: str
    is_active: bool
    grants: tuple[Grant, ...]


def find_live(
    db: Session, token: str, *, kind: SessionKind, settings: Settings
) -> LiveSession | None:
    """The live session for this secret (neither revoked nor expired, absolute or idle), with
    its user and the user's grants, in one query. Reads only; ``needs_touch`` tells whether its
    last-seen time is due to be written."""
    rows = repository.live_session_rows(db, digest(token), kind.value)
    if not rows:
        return None
    first = rows[0]
    if first.revoked_at is not None:
        return None
    now = utcnow()
    if _aware(first.expires_at) <= now:
        return None
    if kind == SessionKind.cookie:
        idle = timedelta(minutes=settings.session_idle_minutes)
        if _aware(first.last_seen_at) + idle <= now:
            return None
    return LiveSession(
        id=first.id,
        user_id=first.user_id,
        csrf_token=first.csrf_token,
        last_seen_at=_aware(first.last_seen_at),
        email=first.email,
        display_name=first.display_name,
        is_active=first.is_active,
        grants=tuple(
            Grant(
                role=Role(r.role),
                municipality_id=r.municipality_id,
                municipality_ags=r.ags,
                ring_id=r.ring_id,
            )
            for r in rows
            if r.role is not None
        ),
    )


def needs_touch(last_seen_at: datetime) -> bool:
    """Touch at most once a minute, so reads do not write on every request."""
    return utcnow() - _aware(last_seen_at) > TOUCH_EVERY


def touch(db: Session, session_id: int) -> None:
    db.execute(
        update(AuthSession).where(AuthSession.id == session_id).values(last_seen_at=utcnow())
    )


def touch_apart(factory: sessionmaker[Session], session_id: int) -> None:
    """Write the last-seen time in a short transaction of its own (best effort).

    A reading request (GET) never writes in its own transaction; the idle timeout of a browser
    session still needs to learn that the session is in use. A busy database only delays the
    touch to the next request."""
    try:
        with factory(execution_options=WRITE_OPTIONS) as apart, apart.begin():
            apart.execute(
                update(AuthSession)
                .where(AuthSession.id == session_id)
                .values(last_seen_at=utcnow())
            )
    except OperationalError:
        logger.info("session %s: last-seen time not written (database busy)", session_id)


def revoke(db: Session, record: AuthSession) -> None:
    record.revoked_at = utcnow()
    db.flush()


def revoke_all_for_user(db: Session, user_id: int) -> None:
    db.execute(
        update(AuthSession)
        .where(AuthSession.user_id == user_id, AuthSession.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )


def set_session_cookies(response: Response, issued: IssuedSession, *, settings: Settings) -> None:
    max_age = int(settings.session_hours * 3600)
    response.set_cookie(
        SESSION_COOKIE,
        issued.token,
        max_age=max_age,
        httponly=True,
        samesite="lax",
        secure=settings.secure_cookies,
        path="/",
    )
    # Readable by the page's JavaScript, which echoes it in the X-CSRF-Token header.
    response.set_cookie(
        CSRF_COOKIE,
        issued.csrf_token or "",
        max_age=max_age,
        httponly=False,
        samesite="lax",
        secure=settings.secure_cookies,
        path="/",
    )


def clear_session_cookies(response: Response, *, settings: Settings) -> None:
    for name in (SESSION_COOKIE, CSRF_COOKIE):
        response.delete_cookie(name, path="/", secure=settings.secure_cookies, samesite="lax")
