"""What the plausibility rules need from a catalogue version, built once per version.

A catalogue version never changes once a round pins it, so the context is cached per version id
and digest. Key figures are computed through the catalogue's formula module, never through the
comparison (which sits above this module).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from vergleichsring.catalog import repository as catalog_repository
from vergleichsring.catalog.formula import FormulaError, parse_formula
from vergleichsring.catalog.models import BaseFigure, CatalogVersion, IndicatorKind
from vergleichsring.submissions.rules import FigureMeta, KeyFigure, PartTotal, Share


@dataclass(frozen=True)
class FigureInfo:
    id: int
    code: str
    name_de: str
    name_en: str
    unit: str
    reference_date: str
    source: str
    field: str
    position: int

    @property
    def definition(self) -> str:
        return f"{self.name_de}; Stichtag/Zeitraum: {self.reference_date}; Quelle: {self.source}"


@dataclass(frozen=True)
class FieldInfo:
    code: str
    name_de: str
    name_en: str
    position: int


@dataclass(frozen=True)
class CatalogRules:
    catalog_version_id: int
    version: str
    figures: tuple[FigureInfo, ...]
    fields: tuple[FieldInfo, ...]
    metas: dict[str, FigureMeta]
    shares: tuple[Share, ...]
    part_totals: tuple[PartTotal, ...]
    key_figures: tuple[KeyFigure, ...]
    # base figure → the figure that carries its previous year's value in year t (…-VJ)
    stand_ins: dict[str, str]

    @property
    def by_code(self) -> dict[str, FigureInfo]:
        return {f.code: f for f in self.figures}

    @property
    def by_id(self) -> dict[int, FigureInfo]:
        return {f.id: f for f in self.figures}

    def figures_in_field(self, field: str) -> list[FigureInfo]:
        return [f for f in self.figures if f.field == field]


FALLBACK_FIELD = "KON"


def catalog_rules(db: Session, catalog_version_id: int) -> CatalogRules:
    digest = db.scalar(
        select(CatalogVersion.source_digest).where(CatalogVersion.id == catalog_version_id)
    )
    return _cached(db, catalog_version_id, str(digest))


def _cached(db: Session, catalog_version_id: int, digest: str) -> CatalogRules:
    key = (db.get_bind().engine.url.render_as_string(), catalog_version_id, digest)
    hit = _CACHE.get(key)
    if hit is None:
        hit = _build(db, catalog_version_id)
        if len(_CACHE) > 32:
            _CACHE.clear()
        _CACHE[key] = hit
    return hit


_CACHE: dict[tuple[str, int, str], CatalogRules] = {}


def _build(db: Session, catalog_version_id: int) -> CatalogRules:
    cv = db.get(CatalogVersion, catalog_version_id)
    assert cv is not None
    fields = catalog_repository.list_fields(db, catalog_version_id=cv.id)
    field_code = {f.id: f.code for f in fields}
    indicators = catalog_repository.list_indicators(db, catalog_version_id=cv.id)
    figure_field: dict[str, str] = {}
    shares: list[Share] = []
    key_figures: list[KeyFigure] = []
    for ind in indicators:
        fcode = field_code[ind.field_id]
        for formula in ind.formulas:
            try:
                num = parse_formula(formula.numerator)
                den = None if formula.denominator is None else parse_formula(formula.denominator)
            except FormulaError:  # pragma: no cover - the catalogue loader checked every formula
                continue
            for code in sorted(num.codes() | (den.codes() if den else frozenset())):
                figure_field.setdefault(code, fcode)
            if ind.context or ind.kind not in (IndicatorKind.rate, IndicatorKind.gap):
                continue
            suffix = "" if formula.group.value == "total" else f":{formula.group.value}"
            code = f"{ind.code}{suffix}"
            key_figures.append(
                KeyFigure(
                    code=code,
                    name_de=ind.name_de if not suffix else f"{ind.name_de} ({formula.group.value})",
                    name_en=ind.name_en if not suffix else f"{ind.name_en} ({formula.group.value})",
                    unit=ind.unit,
                    multiplier=ind.multiplier,
                    numerator=num,
                    denominator=den,
                    field=fcode,
                )
            )
            n_ref, d_ref = num.single_reference(), den.single_reference() if den else None
            if (
                ind.unit == "%"
                and n_ref is not None
                and d_ref is not None
                and not n_ref.previous
                and not d_ref.previous
            ):
                shares.append(Share(code, n_ref.code, d_ref.code))
    base_figures: list[BaseFigure] = list(
        catalog_repository.list_base_figures(db, catalog_version_id=cv.id)
    )
    infos = tuple(
        FigureInfo(
            id=b.id,
            code=b.code,
            name_de=b.name_de,
            name_en=b.name_en,
            unit=b.unit,
            reference_date=b.reference_date,
            source=b.source,
            field=figure_field.get(b.code, FALLBACK_FIELD),
            position=b.position,
        )
        for b in base_figures
    )
    used_fields = {i.field for i in infos}
    field_infos = tuple(
        FieldInfo(f.code, f.name_de, f.name_en, f.position) for f in fields if f.code in used_fields
    )
    metas = {i.code: FigureMeta(i.code, i.name_de, i.name_en, i.unit, i.field) for i in infos}
    relations = tuple(_part_total(raw) for raw in cv.part_totals or [])
    return CatalogRules(
        catalog_version_id=cv.id,
        version=cv.version,
        figures=infos,
        fields=field_infos,
        metas=metas,
        shares=tuple(shares),
        part_totals=relations,
        key_figures=tuple(key_figures),
        stand_ins={b.previous_year_of: b.code for b in base_figures if b.previous_year_of},
    )


def _part_total(raw: dict[str, Any]) -> PartTotal:
    return PartTotal(
        total=str(raw["total"]),
        parts=tuple(str(p) for p in raw["parts"]),
        complete=bool(raw.get("complete", False)),
        tolerance=float(raw.get("tolerance", 0.0)),
    )
