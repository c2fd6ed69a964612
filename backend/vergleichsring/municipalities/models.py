"""Cities (the tenants) and their yearly structural facts."""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import Boolean, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vergleichsring.core.models import Base, CreatedAtMixin
from vergleichsring.core.types import str_enum


class EastWest(StrEnum):
    east = "Ost"
    west = "West"
    berlin = "Berlin"


class FactStatus(StrEnum):
    ok = "ok"
    estimated = "estimated"
    provisional = "provisional"
    revised = "revised"


class Municipality(CreatedAtMixin, Base):
    __tablename__ = "municipality"

    id: Mapped[int] = mapped_column(primary_key=True)
    ags: Mapped[str] = mapped_column(String(8), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    official_name: Mapped[str] = mapped_column(String(300))
    state: Mapped[str] = mapped_column(String(100))
    state_code: Mapped[str] = mapped_column(String(2))
    nuts3: Mapped[str] = mapped_column(String(5))
    kreisfrei: Mapped[bool] = mapped_column(Boolean)
    east_west: Mapped[EastWest] = mapped_column(str_enum(EastWest, "east_west"))
    latitude: Mapped[float] = mapped_column(Float)
    longitude: Mapped[float] = mapped_column(Float)
    area_km2: Mapped[float] = mapped_column(Float)
    note: Mapped[str | None] = mapped_column(Text)

    facts: Mapped[list[MunicipalityFact]] = relationship(
        back_populates="municipality", lazy="raise", cascade="all, delete-orphan"
    )


class MunicipalityFact(Base):
    """A structural value of a city for a year: population, or a ``KON-*`` context variable."""

    __tablename__ = "municipality_fact"
    __table_args__ = (UniqueConstraint("municipality_id", "year", "variable"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(
        ForeignKey("municipality.id", ondelete="CASCADE"), index=True
    )
    year: Mapped[int] = mapped_column(Integer)
    variable: Mapped[str] = mapped_column(String(40))
    value: Mapped[float | None] = mapped_column(Float)
    status: Mapped[FactStatus] = mapped_column(str_enum(FactStatus, "fact_status"))
    source: Mapped[str] = mapped_column(String(300), default="")

    municipality: Mapped[Municipality] = relationship(back_populates="facts", lazy="raise")
