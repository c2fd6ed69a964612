"""Every query of the comparison: its own peer groups, and other modules through their
repositories (approved base figures only through ``submissions.repository.approved_values``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from vergleichsring.catalog import repository as catalog_repository
from vergleichsring.catalog.models import BaseFigure, Indicator, Polarity
from vergleichsring.comparison.models import PeerGroup, PeerGroupKind, PeerGroupMember
from vergleichsring.municipalities import repository as municipality_repository
from vergleichsring.municipalities.models import Municipality
from vergleichsring.rounds import repository as round_repository
from vergleichsring.rounds.models import Round
from vergleichsring.submissions import repository as submission_repository

__all__ = [
    "Catalogue",
    "add_peer_group",
    "approved_values",
    "catalogue",
    "cluster_count",
    "data_version",
    "participants",
    "peer_group_code_taken",
    "stored_peer_groups",
]


def data_version(db: Session, rnd: Round) -> str:
    """Approved submissions, the ring's settings and the round's stored peer groups."""
    approved = submission_repository.approved_data_version(db, round_id=rnd.id)
    settings = round_repository.ring_settings_version(db, ring_id=rnd.ring_id)
    groups = db.execute(
        select(func.count(PeerGroup.id), func.max(PeerGroup.id)).where(PeerGroup.round_id == rnd.id)
    ).one()
    return f"{approved}|{settings}|{groups[0]}:{groups[1]}"


def approved_values(db: Session, rnd: Round) -> list[tuple[str, int, str, float | None, str]]:
    return submission_repository.approved_values(db, round_id=rnd.id)


def participants(db: Session, rnd: Round) -> list[tuple[Municipality, str]]:
    """The round's cities (facts loaded) with their pseudonyms, ordered by AGS."""
    pseudonyms = round_repository.participant_pseudonyms(db, round_id=rnd.id)
    found = municipality_repository.list_by_ids(db, pseudonyms)
    return [(m, pseudonyms[m.id]) for m in found]


@dataclass(frozen=True)
class Catalogue:
    """The round's catalogue version as the comparison needs it."""

    indicators: Sequence[Indicator]
    field_codes: dict[int, str]
    base_figures: Sequence[BaseFigure]
    polarity_overrides: dict[str, Polarity]


def catalogue(db: Session, rnd: Round) -> Catalogue:
    version = rnd.catalog_version_id
    return Catalogue(
        indicators=catalog_repository.list_indicators(db, catalog_version_id=version),
        field_codes={
            f.id: f.code for f in catalog_repository.list_fields(db, catalog_version_id=version)
        },
        base_figures=catalog_repository.list_base_figures(db, catalog_version_id=version),
        polarity_overrides=round_repository.ring_polarity_overrides(db, ring_id=rnd.ring_id),
    )


def stored_peer_groups(db: Session, round_id: int) -> Sequence[PeerGroup]:
    return db.scalars(
        select(PeerGroup)
        .where(PeerGroup.round_id == round_id)
        .options(selectinload(PeerGroup.members))
        .order_by(PeerGroup.kind, PeerGroup.code)
    ).all()


def cluster_count(db: Session, round_id: int) -> int:
    return int(
        db.scalar(
            select(func.count(PeerGroup.id)).where(
                PeerGroup.round_id == round_id, PeerGroup.kind == PeerGroupKind.cluster
            )
        )
        or 0
    )


def peer_group_code_taken(db: Session, round_id: int, code: str) -> bool:
    taken = db.scalar(
        select(func.count(PeerGroup.id)).where(
            PeerGroup.round_id == round_id, PeerGroup.code == code
        )
    )
    return bool(taken)


def add_peer_group(
    db: Session,
    *,
    round_id: int,
    kind: PeerGroupKind,
    code: str,
    name: str,
    method: str,
    parameters: dict[str, object],
    municipality_ids: Sequence[int],
    created_by_id: int | None = None,
) -> PeerGroup:
    group = PeerGroup(
        round_id=round_id,
        kind=kind,
        code=code,
        name=name,
        method=method,
        parameters=parameters,
        created_by_id=created_by_id,
        members=[PeerGroupMember(municipality_id=m) for m in municipality_ids],
    )
    db.add(group)
    db.flush()
    return group
