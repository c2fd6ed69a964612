"""The catalogue names its part–total relations; a version stored before it did gets them added."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.conftest import SEED_DIR, migrate
from vergleichsring.catalog.models import CatalogVersion
from vergleichsring.catalog.spec import CatalogError, parse_catalog
from vergleichsring.core.database import make_engine
from vergleichsring.core.errors import Conflict
from vergleichsring.seed.reference import CATALOG_FILE, seed_reference


def catalogue() -> dict[str, object]:
    data = yaml.safe_load((SEED_DIR / CATALOG_FILE).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_relations_are_parsed_and_checked() -> None:
    spec = parse_catalog(catalogue())
    first = spec.part_totals[0]
    assert (first.total, first.parts, first.complete) == (
        "G-BEV-GES",
        ("G-BEV-AUS", "G-BEV-DEU"),
        True,
    )
    for broken, message in [
        ({"total": "G-NOPE-X", "parts": ["G-BEV-AUS"]}, "unknown base figure"),
        ({"total": "G-BEV-GES", "parts": []}, "parts must name"),
        ({"total": "G-BEV-GES", "parts": ["G-BEV-AUS"], "tolerance": 2}, "tolerance"),
        ({"total": "G-BEV-GES", "parts": ["G-BEV-AUS"], "extra": 1}, "unknown key"),
    ]:
        data = catalogue() | {"part_totals": [broken]}
        with pytest.raises(CatalogError, match=message):
            parse_catalog(data)


def test_a_version_stored_without_relations_gets_them(
    tmp_path: Path, empty_database: Callable[[str], str]
) -> None:
    old_dir = tmp_path / "old"
    shutil.copytree(SEED_DIR, old_dir)
    old = catalogue()
    del old["part_totals"]
    (old_dir / CATALOG_FILE).write_text(yaml.safe_dump(old, allow_unicode=True), encoding="utf-8")
    url = empty_database("sqlite")
    migrate(url)
    engine = make_engine(url)
    try:
        with Session(engine) as s, s.begin():
            seed_reference(s, old_dir)
            assert s.scalars(select(CatalogVersion.part_totals)).one() == []
        with Session(engine) as s, s.begin():
            result = seed_reference(s, SEED_DIR)  # the current file: relations added, no conflict
            assert not result.catalog_created
            stored = s.scalars(select(CatalogVersion.part_totals)).one()
            assert stored[0]["total"] == "G-BEV-GES"
        changed = catalogue()
        changed["name"] = "Anders"
        changed_dir = tmp_path / "changed"
        shutil.copytree(SEED_DIR, changed_dir)
        (changed_dir / CATALOG_FILE).write_text(
            yaml.safe_dump(changed, allow_unicode=True), encoding="utf-8"
        )
        with Session(engine) as s, s.begin(), pytest.raises(Conflict):
            seed_reference(s, changed_dir)  # any other change is still refused
    finally:
        engine.dispose()
