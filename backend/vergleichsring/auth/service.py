"""Accounts: create users and grant memberships."""

from __future__ import annotations

from sqlalchemy.orm import Session

from vergleichsring.auth import repository
from vergleichsring.auth.models import Membership, Role, User
from vergleichsring.auth.passwords import MIN_PASSWORD_LENGTH, hash_password
from vergleichsring.core.errors import Conflict, ValidationFailed


def create_user(
    session: Session,
    *,
    email: str,
    password: str | None,
    display_name: str = "",
    is_demo: bool = False,
) -> User:
    email = repository.normalise_email(email)
    if "@" not in email:
        raise ValidationFailed(f"Not an email address: {email!r}.")
    if repository.get_user_by_email(session, email) is not None:
        raise Conflict(f"A user with the email {email} exists already.")
    if password is not None and len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationFailed(f"The password needs at least {MIN_PASSWORD_LENGTH} characters.")
    user = User(
        email=email,
        display_name=display_name,
        password_hash=None if password is None else hash_password(password),
        is_demo=is_demo,
        memberships=[],
    )
    session.add(user)
    session.flush()
    return user


def grant_membership(
    session: Session,
    user: User,
    *,
    role: Role,
    municipality_id: int | None = None,
    ring_id: int | None = None,
) -> Membership:
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
    return membership
