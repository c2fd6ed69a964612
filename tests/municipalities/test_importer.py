"""The cities file: the AGS stays text with its leading zero; bad cells are named and nothing lands."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.conftest import SEED_DIR
from vergleichsring.core.errors import ValidationFailed
from vergleichsring.municipalities.importer import import_cities, read_cities
from vergleichsring.municipalities.models import Municipality


def test_reads_81_cities_with_leading_zeros() -> None:
    rows = read_cities(SEED_DIR / "cities.csv")
    assert len(rows) == 81
    hamburg = next(r for r in rows if r.name == "Hamburg")
    assert hamburg.ags == "02000000"
    assert hamburg.population()[2020][1].value == "estimated"


def test_leading_zero_survives_the_database(session: Session) -> None:
    ags = session.scalars(select(Municipality.ags).where(Municipality.name == "Kiel")).one()
    assert ags == "01002000"


def test_bad_cells_are_named_and_nothing_is_imported(tmp_path: Path, session: Session) -> None:
    with (SEED_DIR / "cities.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    rows[1][header.index("ags")] = "1100000"  # Berlin with 7 digits
    rows[2][header.index("pop_2021")] = "viele"
    path = tmp_path / "cities.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows[:3])
    with pytest.raises(ValidationFailed) as info:
        read_cities(path)
    locs = {tuple(e.loc) for e in info.value.errors}
    assert ("line", 2, "ags") in locs
    assert ("line", 3, "pop_2021") in locs


def test_import_is_idempotent(session: Session) -> None:
    rows = read_cities(SEED_DIR / "cities.csv")
    assert import_cities(session, rows) == 0
