from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import Session, selectinload

from vergleichsring.catalog.models import CatalogVersion, Polarity
from vergleichsring.rounds.models import Ring, RingIndicatorSetting, Round, RoundParticipant


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


def get_round(session: Session, round_id: int) -> Round | None:
    stmt = select(Round).where(Round.id == round_id).options(selectinload(Round.participants))
    return session.scalars(stmt).one_or_none()


def list_rounds(
    session: Session,
    *,
    ring_ids: Iterable[int] | None = None,
    municipality_ids: Iterable[int] | None = None,
) -> Sequence[Round]:
    """All rounds, or – when scopes are given – those of these rings or with these cities."""
    stmt = select(Round).options(selectinload(Round.participants)).order_by(Round.id)
    if ring_ids is not None or municipality_ids is not None:
        ring_list = list(ring_ids or [])
        city_list = list(municipality_ids or [])
        stmt = stmt.where(
            or_(
                Round.ring_id.in_(ring_list),
                Round.id.in_(
                    select(RoundParticipant.round_id).where(
                        RoundParticipant.municipality_id.in_(city_list)
                    )
                ),
            )
        )
    return session.scalars(stmt).all()


def ring_name_and_catalog_version(session: Session, rnd: Round) -> tuple[str, str]:
    row = session.execute(
        select(Ring.name, CatalogVersion.version)
        .join(Round, Round.ring_id == Ring.id)
        .join(CatalogVersion, CatalogVersion.id == Round.catalog_version_id)
        .where(Round.id == rnd.id)
    ).one()
    return str(row[0]), str(row[1])


# --- read by the comparison (issue #7) -------------------------------------------------------


def participant_pseudonyms(session: Session, *, round_id: int) -> dict[int, str]:
    """Municipality id → the round's pseudonym, for every participant of the round."""
    rows = session.execute(
        select(RoundParticipant.municipality_id, RoundParticipant.pseudonym).where(
            RoundParticipant.round_id == round_id
        )
    )
    return {int(municipality_id): str(pseudonym) for municipality_id, pseudonym in rows}


def ring_polarity_overrides(session: Session, *, ring_id: int) -> dict[str, Polarity]:
    """Indicator code → the polarity the ring sets instead of the catalogue's."""
    rows = session.execute(
        select(RingIndicatorSetting.indicator_code, RingIndicatorSetting.polarity).where(
            RingIndicatorSetting.ring_id == ring_id
        )
    )
    return {str(code): polarity for code, polarity in rows}


def ring_settings_version(session: Session, *, ring_id: int) -> str:
    """A fingerprint of the ring's key-figure settings (count and latest id)."""
    count, latest = session.execute(
        select(func.count(RingIndicatorSetting.id), func.max(RingIndicatorSetting.id)).where(
            RingIndicatorSetting.ring_id == ring_id
        )
    ).one()
    return f"{count}:{latest}"
