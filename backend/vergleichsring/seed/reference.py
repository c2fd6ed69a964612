"""Seed the reference data every installation has: the cities and the indicator catalogue."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import yaml
from sqlalchemy.orm import Session

from vergleichsring.catalog import service as catalog_service
from vergleichsring.catalog.spec import CatalogSpec, load_catalog
from vergleichsring.municipalities.importer import import_cities, read_cities

CATALOG_FILE = Path("catalog") / "integrationsmonitoring-2.0.yaml"
CITIES_FILE = Path("cities.csv")


@dataclass(frozen=True)
class ReferenceResult:
    cities: int
    city_changes: int
    catalog_version: str
    catalog_created: bool
    catalog: CatalogSpec


def _digest(content: object) -> str:
    canonical = json.dumps(content, sort_keys=True)
    return hashlib.sha256(canonical.encode()).hexdigest()


def seed_reference(session: Session, seed_dir: Path) -> ReferenceResult:
    rows = read_cities(seed_dir / CITIES_FILE)
    changes = import_cities(session, rows)
    catalog_path = seed_dir / CATALOG_FILE
    spec = load_catalog(catalog_path)
    # Digest of the content, not the bytes: comments and layout may change, definitions may not.
    content = yaml.safe_load(catalog_path.read_text(encoding="utf-8"))
    digest = _digest(content)
    without_relations = _digest({k: v for k, v in content.items() if k != "part_totals"})
    version, created = catalog_service.import_catalog(
        session, spec, digest=digest, digest_without_relations=without_relations
    )
    return ReferenceResult(
        cities=len(rows),
        city_changes=changes,
        catalog_version=version.version,
        catalog_created=created,
        catalog=spec,
    )
