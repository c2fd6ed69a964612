from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from vergleichsring.catalog.models import FormulaGroup, IndicatorKind, Polarity


class CatalogVersionRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    version: str
    name: str
    locked: bool


class FieldRead(BaseModel):
    code: str
    name_de: str
    name_en: str
    position: int
    indicator_count: int
    context: bool


class BaseFigureRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    code: str
    name_de: str
    name_en: str
    unit: str
    reference_date: str
    population_group: str | None
    source: str
    sensitive: bool
    previous_year_of: str | None


class FormulaRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    group: FormulaGroup
    population_group: str | None
    label_de: str | None
    label_en: str | None
    numerator: str
    denominator: str | None


class IndicatorRead(BaseModel):
    code: str
    field: str
    name_de: str
    name_en: str
    definition_de: str
    kind: IndicatorKind
    context: bool
    unit: str
    multiplier: float
    decimals: int
    polarity: Polarity
    is_gap: bool
    gap_groups: list[str]
    formulas: list[FormulaRead]
    formula: str | None
    suppression_threshold: int
    sensitive: bool
    computation_note: str | None
    data_source: str
    published_source: str | None = Field(
        default=None,
        description="The official statistic that publishes the key figure per city, if any.",
    )
    city_level_availability: str
    evidence_status: str
    source_refs: list[str]
    breakdowns: str
    notes: str
