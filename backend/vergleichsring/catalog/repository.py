from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from vergleichsring.catalog.models import ActionField, BaseFigure, CatalogVersion, Indicator


def latest_version(session: Session) -> CatalogVersion | None:
    stmt = select(CatalogVersion).order_by(CatalogVersion.id.desc()).limit(1)
    return session.scalars(stmt).first()


def get_version(session: Session, version: str) -> CatalogVersion | None:
    return session.scalars(
        select(CatalogVersion).where(CatalogVersion.version == version)
    ).one_or_none()


def list_versions(session: Session) -> Sequence[CatalogVersion]:
    return session.scalars(select(CatalogVersion).order_by(CatalogVersion.id)).all()


def list_fields(session: Session, *, catalog_version_id: int) -> Sequence[ActionField]:
    stmt = (
        select(ActionField)
        .where(ActionField.catalog_version_id == catalog_version_id)
        .order_by(ActionField.position)
    )
    return session.scalars(stmt).all()


def indicator_counts(session: Session, *, catalog_version_id: int) -> dict[int, int]:
    stmt = (
        select(Indicator.field_id, func.count())
        .where(Indicator.catalog_version_id == catalog_version_id)
        .group_by(Indicator.field_id)
    )
    return {int(row[0]): int(row[1]) for row in session.execute(stmt)}


def list_indicators(session: Session, *, catalog_version_id: int) -> Sequence[Indicator]:
    stmt = (
        select(Indicator)
        .where(Indicator.catalog_version_id == catalog_version_id)
        .options(selectinload(Indicator.formulas))
        .order_by(Indicator.position)
    )
    return session.scalars(stmt).all()


def list_base_figures(session: Session, *, catalog_version_id: int) -> Sequence[BaseFigure]:
    stmt = (
        select(BaseFigure)
        .where(BaseFigure.catalog_version_id == catalog_version_id)
        .order_by(BaseFigure.position)
    )
    return session.scalars(stmt).all()
