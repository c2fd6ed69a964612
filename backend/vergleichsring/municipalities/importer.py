"""Read the cities file (`seed_data/cities.csv`) into municipalities and population facts.

Idempotent: a city is found by its AGS and updated in place; running twice changes nothing.
Every row is validated first; one bad cell stops the whole import and names line and column.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from vergleichsring.core.errors import ErrorItem, ValidationFailed
from vergleichsring.municipalities.models import (
    EastWest,
    FactStatus,
    Municipality,
    MunicipalityFact,
)
from vergleichsring.municipalities.repository import POPULATION

AGS_RE = re.compile(r"^[0-9]{8}$")
POPULATION_SOURCE = "Destatis GV-ISys, Gebietsstand 31.12."
INTERPOLATED_SOURCE = "linear interpoliert zwischen 31.12.2019 und 31.12.2021 (geschätzt)"


@dataclass(frozen=True)
class CityRow:
    ags: str
    name: str
    official_name: str
    state: str
    state_code: str
    nuts3: str
    kreisfrei: bool
    east_west: EastWest
    latitude: float
    longitude: float
    area_km2: float
    note: str | None
    pop_2019: int
    pop_2021: int

    def population(self) -> dict[int, tuple[int, FactStatus, str]]:
        """Population by year; 2020 is interpolated and marked as estimated."""
        pop_2020 = round((self.pop_2019 + self.pop_2021) / 2)
        return {
            2019: (self.pop_2019, FactStatus.ok, POPULATION_SOURCE + "2019"),
            2020: (pop_2020, FactStatus.estimated, INTERPOLATED_SOURCE),
            2021: (self.pop_2021, FactStatus.ok, POPULATION_SOURCE + "2021"),
        }


def read_cities(path: Path) -> list[CityRow]:
    errors: list[ErrorItem] = []
    rows: list[CityRow] = []
    seen: set[str] = set()
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        for line_no, raw in enumerate(reader, start=2):
            row, row_errors = _parse_row(raw, line_no)
            errors.extend(row_errors)
            if row is not None:
                if row.ags in seen:
                    errors.append(_err(line_no, "ags", f"duplicate AGS {row.ags}"))
                seen.add(row.ags)
                rows.append(row)
    if errors:
        raise ValidationFailed(
            f"{path.name}: {len(errors)} problem(s); nothing was imported.", errors=errors
        )
    return rows


def _err(line: int, column: str, msg: str) -> ErrorItem:
    return ErrorItem(loc=["line", line, column], msg=msg, type="invalid_cell")


def _parse_row(raw: dict[str, str], line: int) -> tuple[CityRow | None, list[ErrorItem]]:
    errors: list[ErrorItem] = []

    def text(col: str) -> str:
        value = (raw.get(col) or "").strip()
        if not value:
            errors.append(_err(line, col, "empty"))
        return value

    def number(col: str, kind: type[int] | type[float]) -> float:
        value = text(col)
        try:
            return kind(value)
        except ValueError:
            if value:
                errors.append(_err(line, col, f"not a number: {value!r}"))
            return 0

    ags = text("ags")
    if ags and not AGS_RE.match(ags):
        errors.append(_err(line, "ags", f"AGS must be 8 digits as text, got {ags!r}"))
    kreisfrei = text("kreisfrei")
    if kreisfrei not in ("yes", "no", ""):
        errors.append(_err(line, "kreisfrei", f"expected yes or no, got {kreisfrei!r}"))
    east_west_raw = text("east_west")
    try:
        east_west = EastWest(east_west_raw)
    except ValueError:
        east_west = EastWest.west
        if east_west_raw:
            errors.append(
                _err(line, "east_west", f"expected Ost, West or Berlin: {east_west_raw!r}")
            )
    state_code = text("state_code")
    if ags and state_code and not ags.startswith(state_code):
        errors.append(_err(line, "state_code", f"{state_code} does not match AGS {ags}"))
    row = CityRow(
        ags=ags,
        name=text("name"),
        official_name=text("official_name"),
        state=text("state"),
        state_code=state_code,
        nuts3=text("nuts3"),
        kreisfrei=kreisfrei == "yes",
        east_west=east_west,
        latitude=number("latitude", float),
        longitude=number("longitude", float),
        area_km2=number("area_km2", float),
        note=(raw.get("note") or "").strip() or None,
        pop_2019=int(number("pop_2019", int)),
        pop_2021=int(number("pop_2021", int)),
    )
    for col, value in (("pop_2019", row.pop_2019), ("pop_2021", row.pop_2021)):
        if value < 0:
            errors.append(_err(line, col, "negative population"))
    return (None if errors else row), errors


def import_cities(session: Session, rows: list[CityRow]) -> int:
    """Insert or update cities; returns how many rows were written (0 when all were current)."""
    existing = {
        m.ags: m
        for m in session.scalars(
            select(Municipality).options(selectinload(Municipality.facts))
        ).all()
    }
    changed = 0
    for row in rows:
        municipality = existing.get(row.ags)
        if municipality is None:
            municipality = Municipality(ags=row.ags, facts=[])
            session.add(municipality)
        attrs = {
            "name": row.name,
            "official_name": row.official_name,
            "state": row.state,
            "state_code": row.state_code,
            "nuts3": row.nuts3,
            "kreisfrei": row.kreisfrei,
            "east_west": row.east_west,
            "latitude": row.latitude,
            "longitude": row.longitude,
            "area_km2": row.area_km2,
            "note": row.note,
        }
        for key, value in attrs.items():
            if getattr(municipality, key, None) != value:
                setattr(municipality, key, value)
                changed += 1
        facts = {(f.year, f.variable): f for f in municipality.facts}
        for year, (value, status, source) in row.population().items():
            fact = facts.get((year, POPULATION))
            if fact is None:
                municipality.facts.append(
                    MunicipalityFact(
                        year=year, variable=POPULATION, value=value, status=status, source=source
                    )
                )
                changed += 1
            elif (fact.value, fact.status, fact.source) != (value, status, source):
                fact.value, fact.status, fact.source = value, status, source
                changed += 1
    session.flush()
    return changed
