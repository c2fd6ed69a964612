from __future__ import annotations

from sqlalchemy import exists, select
from sqlalchemy.orm import Session, selectinload

from vergleichsring.rounds.models import Ring, Round


def any_synthetic_round(session: Session) -> bool:
    return bool(session.scalar(select(exists().where(Round.synthetic_data.is_(True)))))


def get_ring_by_slug(session: Session, slug: str) -> Ring | None:
    return session.scalars(select(Ring).where(Ring.slug == slug)).one_or_none()


def get_round_by_name(session: Session, *, ring_id: int, name: str) -> Round | None:
    stmt = (
        select(Round)
        .where(Round.ring_id == ring_id, Round.name == name)
        .options(selectinload(Round.participants))
    )
    return session.scalars(stmt).one_or_none()
