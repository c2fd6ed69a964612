"""The versioned indicator catalogue: action fields, base figures, key figures and their formulas."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vergleichsring.catalog.vocabulary import FormulaGroup as FormulaGroup
from vergleichsring.catalog.vocabulary import IndicatorKind as IndicatorKind
from vergleichsring.catalog.vocabulary import IntervalKind as IntervalKind
from vergleichsring.catalog.vocabulary import Polarity as Polarity
from vergleichsring.core.models import Base, CreatedAtMixin
from vergleichsring.core.types import str_enum


class CatalogVersion(CreatedAtMixin, Base):
    """A version of the catalogue. Once a round uses it (``locked_at`` set) it never changes."""

    __tablename__ = "catalog_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    source_digest: Mapped[str] = mapped_column(String(64))
    locked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Part–total relations the plausibility rules check, e.g. foreign + German = total:
    # [{"total": code, "parts": [codes], "complete": bool, "tolerance": relative}]
    part_totals: Mapped[list[dict[str, object]]] = mapped_column(
        JSON, default=list, server_default="[]"
    )


class ActionField(Base):
    __tablename__ = "action_field"
    __table_args__ = (UniqueConstraint("catalog_version_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    catalog_version_id: Mapped[int] = mapped_column(
        ForeignKey("catalog_version.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str] = mapped_column(String(10))
    name_de: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer)


class BaseFigure(Base):
    """A count a city submits (Grunddatum)."""

    __tablename__ = "base_figure"
    __table_args__ = (UniqueConstraint("catalog_version_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    catalog_version_id: Mapped[int] = mapped_column(
        ForeignKey("catalog_version.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str] = mapped_column(String(40))
    name_de: Mapped[str] = mapped_column(String(300))
    name_en: Mapped[str] = mapped_column(String(300))
    unit: Mapped[str] = mapped_column(String(40))
    reference_date: Mapped[str] = mapped_column(String(60))
    population_group: Mapped[str | None] = mapped_column(String(10))
    source: Mapped[str] = mapped_column(Text, default="")
    sensitive: Mapped[bool] = mapped_column(Boolean, default=False)
    previous_year_of: Mapped[str | None] = mapped_column(String(40))
    position: Mapped[int] = mapped_column(Integer)


class Indicator(Base):
    """A key figure (Kennzahl) computed from base figures, or a structural context variable."""

    __tablename__ = "indicator"
    __table_args__ = (UniqueConstraint("catalog_version_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    catalog_version_id: Mapped[int] = mapped_column(
        ForeignKey("catalog_version.id", ondelete="CASCADE"), index=True
    )
    field_id: Mapped[int] = mapped_column(ForeignKey("action_field.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(20))
    name_de: Mapped[str] = mapped_column(String(300))
    name_en: Mapped[str] = mapped_column(String(300))
    definition_de: Mapped[str] = mapped_column(Text)
    kind: Mapped[IndicatorKind] = mapped_column(str_enum(IndicatorKind, "indicator_kind"))
    context: Mapped[bool] = mapped_column(Boolean, default=False)
    unit: Mapped[str] = mapped_column(String(60))
    multiplier: Mapped[float] = mapped_column(Float)
    decimals: Mapped[int] = mapped_column(Integer)
    polarity: Mapped[Polarity] = mapped_column(str_enum(Polarity, "polarity"))
    suppression_threshold: Mapped[int] = mapped_column(Integer)
    sensitive: Mapped[bool] = mapped_column(Boolean, default=False)
    computation_note: Mapped[str | None] = mapped_column(Text)
    data_source: Mapped[str] = mapped_column(Text, default="")
    interval: Mapped[IntervalKind] = mapped_column(
        str_enum(IntervalKind, "interval_kind"), default=IntervalKind.none, server_default="none"
    )
    published_source: Mapped[str | None] = mapped_column(Text)
    city_level_availability: Mapped[str] = mapped_column(Text, default="")
    evidence_status: Mapped[str] = mapped_column(String(40))
    source_refs: Mapped[list[str]] = mapped_column(JSON, default=list)
    breakdowns: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer)

    formulas: Mapped[list[IndicatorFormula]] = relationship(
        back_populates="indicator",
        lazy="raise",
        cascade="all, delete-orphan",
        order_by="IndicatorFormula.group",
    )


class IndicatorFormula(Base):
    """Numerator and denominator of a key figure for one group (total, or gap groups A and B)."""

    __tablename__ = "indicator_formula"
    __table_args__ = (UniqueConstraint("indicator_id", "group"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id", ondelete="CASCADE"))
    group: Mapped[FormulaGroup] = mapped_column(str_enum(FormulaGroup, "formula_group"))
    population_group: Mapped[str | None] = mapped_column(String(10))
    label_de: Mapped[str | None] = mapped_column(String(200))
    label_en: Mapped[str | None] = mapped_column(String(200))
    numerator: Mapped[str] = mapped_column(Text)
    denominator: Mapped[str | None] = mapped_column(Text)

    indicator: Mapped[Indicator] = relationship(back_populates="formulas", lazy="raise")
