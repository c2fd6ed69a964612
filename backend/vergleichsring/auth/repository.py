from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Integer, String, column, func, select, table
from sqlalchemy.orm import Session, selectinload

from vergleichsring.auth.models import Membership, Role, User
from vergleichsring.auth.permissions import Grant


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


def municipality_id_for_ags(session: Session, ags: str) -> int | None:
    return session.scalar(select(_municipality.c.id).where(_municipality.c.ags == ags))


def ags_for_municipality_id(session: Session, municipality_id: int) -> str | None:
    return session.scalar(select(_municipality.c.ags).where(_municipality.c.id == municipality_id))


def list_users(session: Session) -> Sequence[User]:
    return session.scalars(
        select(User).options(selectinload(User.memberships)).order_by(User.email)
    ).all()
