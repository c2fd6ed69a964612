from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from vergleichsring.municipalities.models import Municipality, MunicipalityFact

POPULATION = "population"


def list_municipalities(session: Session) -> Sequence[Municipality]:
    stmt = select(Municipality).options(selectinload(Municipality.facts)).order_by(Municipality.ags)
    return session.scalars(stmt).all()


def get_by_ags(session: Session, ags: str) -> Municipality | None:
    stmt = (
        select(Municipality)
        .where(Municipality.ags == ags)
        .options(selectinload(Municipality.facts))
    )
    return session.scalars(stmt).one_or_none()


def population_facts(municipality: Municipality) -> list[MunicipalityFact]:
    return sorted((f for f in municipality.facts if f.variable == POPULATION), key=lambda f: f.year)


def list_by_ids(session: Session, ids: Iterable[int]) -> Sequence[Municipality]:
    """The municipalities with these ids (facts loaded), ordered by AGS."""
    stmt = (
        select(Municipality)
        .where(Municipality.id.in_(list(ids)))
        .options(selectinload(Municipality.facts))
        .order_by(Municipality.ags)
    )
    return session.scalars(stmt).all()
