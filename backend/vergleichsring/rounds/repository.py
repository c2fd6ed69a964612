from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from sqlalchemy import (
    DateTime,
    Float,
    Integer,
    String,
    column,
    delete,
    exists,
    func,
    insert,
    or_,
    select,
    table,
)
from sqlalchemy.orm import Session, selectinload

from vergleichsring.catalog.models import BaseFigure, CatalogVersion, Indicator, Polarity
from vergleichsring.municipalities.models import Municipality
from vergleichsring.rounds.models import (
    Ring,
    RingIndicatorSetting,
    Round,
    RoundParticipant,
    RoundPublication,
)


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


# --- lifecycle (issue #10) -------------------------------------------------------------------
# The submission tables belong to the module above; the round's lifecycle touches them through
# these lightweight table clauses only (create empty drafts, check for data, freeze a copy).

_submission = table(
    "submission",
    column("id", Integer),
    column("round_id", Integer),
    column("municipality_id", Integer),
    column("year", Integer),
    column("status", String),
    column("version", Integer),
    column("created_at", DateTime(timezone=True)),
    column("updated_at", DateTime(timezone=True)),
)
_value = table(
    "submission_value",
    column("submission_id", Integer),
    column("base_figure_id", Integer),
    column("value", Float),
    column("status", String),
)


def participant_rows(session: Session, *, round_id: int) -> list[tuple[str, str, str]]:
    stmt = (
        select(Municipality.ags, Municipality.name, RoundParticipant.pseudonym)
        .join(RoundParticipant, RoundParticipant.municipality_id == Municipality.id)
        .where(RoundParticipant.round_id == round_id)
        .order_by(Municipality.ags)
    )
    return [(str(a), str(n), str(p)) for a, n, p in session.execute(stmt)]


def pseudonyms_of(session: Session, *, round_id: int) -> list[str]:
    stmt = select(RoundParticipant.pseudonym).where(RoundParticipant.round_id == round_id)
    return [str(p) for p in session.scalars(stmt)]


def ags_of(session: Session, municipality_ids: Iterable[int]) -> set[str]:
    ids = list(municipality_ids)
    if not ids:
        return set()
    return {
        str(a) for a in session.scalars(select(Municipality.ags).where(Municipality.id.in_(ids)))
    }


def has_entered_data(
    session: Session,
    *,
    round_id: int,
    years: Iterable[int],
    municipality_id: int | None = None,
) -> bool:
    where = [_submission.c.round_id == round_id, _submission.c.year.in_(list(years))]
    if municipality_id is not None:
        where.append(_submission.c.municipality_id == municipality_id)
    stmt = select(exists().where(_value.c.submission_id == _submission.c.id).where(*where))
    return bool(session.scalar(stmt))


def delete_empty_submissions(
    session: Session,
    *,
    round_id: int,
    years: Iterable[int],
    municipality_id: int | None = None,
) -> None:
    where = [_submission.c.round_id == round_id, _submission.c.year.in_(list(years))]
    if municipality_id is not None:
        where.append(_submission.c.municipality_id == municipality_id)
    session.execute(delete(_submission).where(*where))


def create_missing_submissions(session: Session, rnd: Round) -> int:
    """An empty draft for every participant and data year that has none yet."""
    have = {
        (int(m), int(y))
        for m, y in session.execute(
            select(_submission.c.municipality_id, _submission.c.year).where(
                _submission.c.round_id == rnd.id
            )
        )
    }
    members = session.scalars(
        select(RoundParticipant.municipality_id).where(RoundParticipant.round_id == rnd.id)
    ).all()
    now = datetime.now(UTC)
    rows = [
        {
            "round_id": rnd.id,
            "municipality_id": m,
            "year": y,
            "status": "draft",
            "version": 1,
            "created_at": now,
            "updated_at": now,
        }
        for m in members
        for y in rnd.years
        if (m, y) not in have
    ]
    if rows:
        session.execute(insert(_submission), rows)
    return len(rows)


def lock_catalog_version(session: Session, catalog_version_id: int) -> None:
    cv = session.get(CatalogVersion, catalog_version_id)
    if cv is not None and cv.locked_at is None:
        cv.locked_at = datetime.now(UTC)


def pending_submissions(session: Session, *, round_id: int) -> list[tuple[str, int]]:
    stmt = (
        select(Municipality.ags, _submission.c.year)
        .join(Municipality, Municipality.id == _submission.c.municipality_id)
        .where(_submission.c.round_id == round_id, _submission.c.status == "submitted")
        .order_by(Municipality.ags, _submission.c.year)
    )
    return [(str(a), int(y)) for a, y in session.execute(stmt)]


def approved_snapshot(
    session: Session, *, round_id: int
) -> dict[str, dict[str, list[float | str | None]]]:
    """``"AGS|year"`` → base figure → ``[value, status]`` of every approved submission."""
    stmt = (
        select(
            Municipality.ags, _submission.c.year, BaseFigure.code, _value.c.value, _value.c.status
        )
        .join(_value, _value.c.submission_id == _submission.c.id)
        .join(BaseFigure, BaseFigure.id == _value.c.base_figure_id)
        .join(Municipality, Municipality.id == _submission.c.municipality_id)
        .where(_submission.c.round_id == round_id, _submission.c.status == "approved")
    )
    snapshot: dict[str, dict[str, list[float | str | None]]] = {}
    for ags, year, code, value, status in session.execute(stmt):
        snapshot.setdefault(f"{ags}|{year}", {})[str(code)] = [value, str(status)]
    return snapshot


def publications(session: Session, *, round_id: int) -> Sequence[RoundPublication]:
    stmt = (
        select(RoundPublication)
        .where(RoundPublication.round_id == round_id)
        .order_by(RoundPublication.number)
    )
    return session.scalars(stmt).all()


# --- the catalogue as the round's settings show it (issue #9) -------------------------------


def published_key_figures(
    session: Session, *, catalog_version_id: int
) -> list[tuple[str, str, str, str]]:
    """(code, name_de, name_en, source) of every key figure official statistics publish per city."""
    rows = session.execute(
        select(Indicator.code, Indicator.name_de, Indicator.name_en, Indicator.published_source)
        .where(
            Indicator.catalog_version_id == catalog_version_id,
            Indicator.published_source.is_not(None),
        )
        .order_by(Indicator.position)
    )
    return [(str(c), str(de), str(en), str(src)) for c, de, en, src in rows]
