from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Integer, String, column, func, select, table, text
from sqlalchemy.orm import Session, selectinload

from vergleichsring.auth.models import AuthSession, Membership, Role, User
from vergleichsring.auth.permissions import Grant


def normalise_email(email: str) -> str:
    return email.strip().lower()


def lock_sign_in(session: Session, email: str) -> None:
    """Serialise sign-ins for one email until the transaction ends, so that reading the lockout
    count, checking the password and recording the attempt happen as one step: parallel
    guesses queue and each sees every failure before it.

    PostgreSQL: a transaction-scoped advisory lock on the email. SQLite: the request's
    transaction began with ``BEGIN IMMEDIATE`` and holds the database's write lock already."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"),
            {"key": f"vergleichsring.sign-in:{email}"},
        )


def get_user_by_email(session: Session, email: str) -> User | None:
    stmt = (
        select(User)
        .where(func.lower(User.email) == normalise_email(email))
        .options(selectinload(User.memberships))
    )
    return session.scalars(stmt).one_or_none()


def get_user(session: Session, user_id: int) -> User | None:
    stmt = select(User).where(User.id == user_id).options(selectinload(User.memberships))
    return session.scalars(stmt).one_or_none()


def find_membership(
    user: User, *, role: str, municipality_id: int | None, ring_id: int | None
) -> Membership | None:
    for m in user.memberships:
        if (m.role, m.municipality_id, m.ring_id) == (role, municipality_id, ring_id):
            return m
    return None


# Memberships point at cities, a table of a module further up the dependency chain. This
# lightweight table clause names only the two columns needed, without importing that module.
_municipality = table("municipality", column("id", Integer), column("ags", String))


def grants_for(session: Session, user_id: int) -> list[Grant]:
    stmt = (
        select(Membership.role, Membership.municipality_id, _municipality.c.ags, Membership.ring_id)
        .outerjoin(_municipality, _municipality.c.id == Membership.municipality_id)
        .where(Membership.user_id == user_id)
        .order_by(Membership.id)
    )
    return [
        Grant(role=Role(role), municipality_id=mid, municipality_ags=ags, ring_id=rid)
        for role, mid, ags, rid in session.execute(stmt)
    ]


def live_session_rows(session: Session, token_hash: str, kind: str) -> Sequence[Any]:
    """A session or token with its user and the user's grants, in one query (one row per
    membership; a user without any still gives one row). The per-request path of every signed-in
    call: one round trip instead of four."""
    stmt = (
        select(
            AuthSession.id,
            AuthSession.user_id,
            AuthSession.csrf_token,
            AuthSession.expires_at,
            AuthSession.last_seen_at,
            AuthSession.revoked_at,
            User.email,
            User.display_name,
            User.is_active,
            Membership.role,
            Membership.municipality_id,
            _municipality.c.ags,
            Membership.ring_id,
        )
        .join(User, User.id == AuthSession.user_id)
        .outerjoin(Membership, Membership.user_id == User.id)
        .outerjoin(_municipality, _municipality.c.id == Membership.municipality_id)
        .where(AuthSession.token_hash == token_hash, AuthSession.kind == kind)
        .order_by(Membership.id)
    )
    return session.execute(stmt).all()


def municipality_id_for_ags(session: Session, ags: str) -> int | None:
    return session.scalar(select(_municipality.c.id).where(_municipality.c.ags == ags))


def ags_for_municipality_id(session: Session, municipality_id: int) -> str | None:
    return session.scalar(select(_municipality.c.ags).where(_municipality.c.id == municipality_id))


def list_users(session: Session) -> Sequence[User]:
    return session.scalars(
        select(User).options(selectinload(User.memberships)).order_by(User.email)
    ).all()
