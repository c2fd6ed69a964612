"""Catalogue queries and the import of a validated catalogue specification."""

from __future__ import annotations

from sqlalchemy.orm import Session

from vergleichsring.catalog import repository
from vergleichsring.catalog.models import (
    ActionField,
    BaseFigure,
    CatalogVersion,
    FormulaGroup,
    Indicator,
    IndicatorFormula,
    IndicatorKind,
    IntervalKind,
    Polarity,
)
from vergleichsring.catalog.schemas import (
    BaseFigureRead,
    FieldRead,
    FormulaRead,
    IndicatorRead,
)
from vergleichsring.catalog.spec import CatalogSpec
from vergleichsring.core.errors import Conflict, NotFound


def resolve_version(session: Session, version: str | None) -> CatalogVersion:
    found = (
        repository.get_version(session, version)
        if version is not None
        else repository.latest_version(session)
    )
    if found is None:
        raise NotFound(
            f"Catalogue version {version!r} not found." if version else "No catalogue loaded yet."
        )
    return found


def list_fields(session: Session, version: str | None = None) -> list[FieldRead]:
    cv = resolve_version(session, version)
    counts = repository.indicator_counts(session, catalog_version_id=cv.id)
    return [
        FieldRead(
            code=f.code,
            name_de=f.name_de,
            name_en=f.name_en,
            position=f.position,
            indicator_count=counts.get(f.id, 0),
            context=f.code == "KON",
        )
        for f in repository.list_fields(session, catalog_version_id=cv.id)
    ]


def indicator_read(indicator: Indicator, field_code: str) -> IndicatorRead:
    formulas = [FormulaRead.model_validate(f) for f in indicator.formulas]
    total = next((f for f in formulas if f.group == FormulaGroup.total), None)
    formula = None
    if total is not None:
        formula = total.numerator
        if total.denominator is not None:
            formula = f"({total.numerator}) / ({total.denominator})"
        if indicator.multiplier != 1:
            formula = f"{formula} × {indicator.multiplier:g}"
    return IndicatorRead(
        code=indicator.code,
        field=field_code,
        name_de=indicator.name_de,
        name_en=indicator.name_en,
        definition_de=indicator.definition_de,
        kind=indicator.kind,
        context=indicator.context,
        unit=indicator.unit,
        multiplier=indicator.multiplier,
        decimals=indicator.decimals,
        polarity=indicator.polarity,
        is_gap=indicator.kind == IndicatorKind.gap,
        gap_groups=[f.population_group or f.group.value for f in formulas if f.group != "total"],
        formulas=formulas,
        formula=formula,
        suppression_threshold=indicator.suppression_threshold,
        sensitive=indicator.sensitive,
        computation_note=indicator.computation_note,
        data_source=indicator.data_source,
        published_source=indicator.published_source,
        city_level_availability=indicator.city_level_availability,
        evidence_status=indicator.evidence_status,
        source_refs=list(indicator.source_refs),
        breakdowns=indicator.breakdowns,
        notes=indicator.notes,
    )


def list_indicators(
    session: Session, version: str | None = None, *, context: bool | None = None
) -> list[IndicatorRead]:
    cv = resolve_version(session, version)
    fields = {f.id: f.code for f in repository.list_fields(session, catalog_version_id=cv.id)}
    return [
        indicator_read(i, fields[i.field_id])
        for i in repository.list_indicators(session, catalog_version_id=cv.id)
        if context is None or i.context == context
    ]


def list_base_figures(session: Session, version: str | None = None) -> list[BaseFigureRead]:
    cv = resolve_version(session, version)
    return [
        BaseFigureRead.model_validate(b)
        for b in repository.list_base_figures(session, catalog_version_id=cv.id)
    ]


def import_catalog(
    session: Session, spec: CatalogSpec, *, digest: str, digest_without_relations: str = ""
) -> tuple[CatalogVersion, bool]:
    """Store a validated catalogue as a new version. Returns (version, created).

    The same version with the same content is a no-op; the same version with other content is
    refused, because a version is immutable once written (a round may pin it). One exception:
    a version stored before the catalogue named its part–total relations gets them added, when
    everything else is unchanged (``digest_without_relations`` matches the stored digest);
    the relations only feed plausibility checks, never a key figure.
    """
    existing = repository.get_version(session, spec.version)
    if existing is not None:
        if (
            existing.source_digest != digest
            and digest_without_relations
            and existing.source_digest == digest_without_relations
            and not existing.part_totals
        ):
            existing.part_totals = [p.as_dict() for p in spec.part_totals]
            existing.source_digest = digest
            session.flush()
            return existing, False
        if existing.source_digest != digest:
            raise Conflict(
                f"Catalogue version {spec.version} exists with different content; "
                "publish the change as a new version instead."
            )
        return existing, False
    cv = CatalogVersion(
        version=spec.version,
        name=spec.name,
        source_digest=digest,
        part_totals=[p.as_dict() for p in spec.part_totals],
    )
    session.add(cv)
    session.flush()
    field_ids: dict[str, int] = {}
    for f in spec.fields:
        row = ActionField(
            catalog_version_id=cv.id,
            code=f.code,
            name_de=f.name_de,
            name_en=f.name_en,
            position=f.position,
        )
        session.add(row)
        session.flush()
        field_ids[f.code] = row.id
    for pos, b in enumerate(spec.base_figures):
        session.add(
            BaseFigure(
                catalog_version_id=cv.id,
                code=b.code,
                name_de=b.name_de,
                name_en=b.name_en,
                unit=b.unit,
                reference_date=b.reference_date,
                population_group=b.population_group,
                source=b.source,
                sensitive=b.sensitive,
                previous_year_of=b.previous_year_of,
                position=pos,
            )
        )
    for pos, ind in enumerate(spec.indicators):
        session.add(
            Indicator(
                catalog_version_id=cv.id,
                field_id=field_ids[ind.field],
                code=ind.code,
                name_de=ind.name_de,
                name_en=ind.name_en,
                definition_de=ind.definition_de,
                kind=IndicatorKind(ind.kind),
                context=ind.context,
                unit=ind.unit,
                multiplier=ind.multiplier,
                decimals=ind.decimals,
                polarity=Polarity(ind.polarity),
                suppression_threshold=ind.suppression_threshold,
                sensitive=ind.sensitive,
                computation_note=ind.computation_note,
                data_source=ind.data_source,
                interval=IntervalKind(ind.interval),
                published_source=ind.published_source,
                city_level_availability=ind.city_level_availability,
                evidence_status=ind.evidence_status,
                source_refs=list(ind.source_refs),
                breakdowns=ind.breakdowns,
                notes=ind.notes,
                position=pos,
                formulas=[
                    IndicatorFormula(
                        group=FormulaGroup(f.group),
                        population_group=f.population_group,
                        label_de=f.label_de,
                        label_en=f.label_en,
                        numerator=f.numerator.text,
                        denominator=None if f.denominator is None else f.denominator.text,
                    )
                    for f in ind.formulas
                ],
            )
        )
    session.flush()
    return cv, True
