from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from vergleichsring.auth.models import Membership, User


def normalise_email(email: str) -> str:
    return email.strip().lower()


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
