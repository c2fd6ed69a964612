"""The indicator catalogue as validated, immutable data: loaded from YAML, checked completely.

``load_catalog(path)`` reads a catalogue file, ``parse_catalog(data)`` checks an already loaded
mapping. Both return a :class:`CatalogSpec` or raise :class:`CatalogError` naming the row (the
indicator or base-figure code, or the list index when the code itself is missing) and the
problem. Nothing is dropped or defaulted silently: unknown keys are errors, as are missing ones.

This module is pure (standard library, yaml, the formula parser and the vocabulary only): the database import,
the seed and the tests all use the same checks.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TypeAlias, cast, get_args

import yaml

from vergleichsring.catalog.formula import (
    CODE_PATTERN,
    Formula,
    FormulaError,
    Reference,
    parse_formula,
)
from vergleichsring.catalog.vocabulary import FormulaGroup, IndicatorKind, IntervalKind, Polarity

__all__ = [
    "DEFAULT_CATALOG_PATH",
    "BaseFigureSpec",
    "CatalogError",
    "CatalogSpec",
    "EvidenceStatus",
    "FieldSpec",
    "FormulaGroup",
    "FormulaSpec",
    "IndicatorKind",
    "IndicatorSpec",
    "IntervalKind",
    "Polarity",
    "PopulationGroup",
    "load_catalog",
    "parse_catalog",
]

DEFAULT_CATALOG_PATH = (
    Path(__file__).resolve().parents[3]
    / "seed_data"
    / "catalog"
    / "integrationsmonitoring-2.0.yaml"
)

PopulationGroup: TypeAlias = Literal["GES", "AUS", "DEU", "MH", "OMH", "EU"]
EvidenceStatus: TypeAlias = Literal["sourced", "partly_sourced", "reconstruction"]

KINDS: tuple[str, ...] = tuple(k.value for k in IndicatorKind)
POLARITIES: tuple[str, ...] = tuple(p.value for p in Polarity)
POPULATION_GROUPS: tuple[str, ...] = get_args(PopulationGroup)
EVIDENCE_STATUSES: tuple[str, ...] = get_args(EvidenceStatus)
#: Kinds that are not computed as numerator / denominator and must explain themselves.
NOTE_REQUIRED_KINDS: frozenset[str] = frozenset({"count", "flag", "category", "delivered"})
#: The smallest suppression threshold allowed for a sensitive indicator (values 1..4 hidden).
SENSITIVE_MIN_THRESHOLD = 5

_TOP_KEYS = ("version", "name", "fields", "base_figures", "indicators")
_FIELD_KEYS = ("code", "name_de", "name_en")
_BASE_FIGURE_KEYS = (
    "code",
    "name_de",
    "name_en",
    "unit",
    "reference_date",
    "population_group",
    "source",
    "sensitive",
    "previous_year_of",
)
_INDICATOR_KEYS = (
    "code",
    "field",
    "name_de",
    "name_en",
    "definition_de",
    "kind",
    "context",
    "unit",
    "multiplier",
    "decimals",
    "polarity",
    "formulas",
    "suppression_threshold",
    "sensitive",
    "computation_note",
    "data_source",
    "city_level_availability",
    "evidence_status",
    "source_refs",
    "breakdowns",
    "notes",
)
_INDICATOR_OPTIONAL = ("interval", "published_source")
#: Kinds whose values may carry an interval (the others never do).
INTERVAL_KINDS: frozenset[str] = frozenset({"rate", "gap"})
_FORMULA_REQUIRED = ("group", "numerator", "denominator")
_FORMULA_OPTIONAL = ("population_group", "label_de", "label_en")


class CatalogError(ValueError):
    """The catalogue is invalid; the message names the row and the problem."""


@dataclass(frozen=True)
class FieldSpec:
    """An action field (Handlungsfeld); ``position`` is 1-based, in catalogue order."""

    code: str
    name_de: str
    name_en: str
    position: int


@dataclass(frozen=True)
class BaseFigureSpec:
    """A base figure (Grunddatum) a city submits."""

    code: str
    name_de: str
    name_en: str
    unit: str
    reference_date: str
    population_group: PopulationGroup | None
    source: str
    sensitive: bool
    previous_year_of: str | None


@dataclass(frozen=True)
class FormulaSpec:
    """Numerator and denominator for one group: ``total``, or gap groups ``A`` and ``B``."""

    group: FormulaGroup
    population_group: PopulationGroup | None
    label_de: str | None
    label_en: str | None
    numerator: Formula
    denominator: Formula | None

    def references(self) -> frozenset[Reference]:
        """Every base-figure reference of numerator and denominator."""
        refs = set(self.numerator.references())
        if self.denominator is not None:
            refs |= self.denominator.references()
        return frozenset(refs)

    @property
    def is_plain_ratio(self) -> bool:
        """True when numerator and denominator are each one base figure of the same year."""
        num = self.numerator.single_reference()
        if num is None or num.previous:
            return False
        if self.denominator is None:
            return True
        den = self.denominator.single_reference()
        return den is not None and not den.previous


@dataclass(frozen=True)
class IndicatorSpec:
    """A key figure (Kennzahl) or a structural context variable (``KON-*``)."""

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
    formulas: tuple[FormulaSpec, ...]
    suppression_threshold: int
    sensitive: bool
    computation_note: str | None
    data_source: str
    city_level_availability: str
    evidence_status: EvidenceStatus
    source_refs: tuple[str, ...]
    breakdowns: str
    notes: str
    #: How the uncertainty of a value is measured (gap: of groups A and B; never of the gap).
    interval: IntervalKind = IntervalKind.none
    #: The official statistic that publishes the key figure per city, if any.
    published_source: str | None = None

    @property
    def is_gap(self) -> bool:
        return self.kind == "gap"

    def formula(self, group: FormulaGroup | str = FormulaGroup.total) -> FormulaSpec:
        """The formula of ``group``; raises ``KeyError`` when the indicator has none."""
        for spec in self.formulas:
            if spec.group == group:
                return spec
        raise KeyError(f"indicator {self.code} has no formula for group {group}")

    def base_figure_codes(self) -> frozenset[str]:
        """All base-figure codes used by any formula, this year or previous year."""
        return frozenset(ref.code for f in self.formulas for ref in f.references())


@dataclass(frozen=True)
class CatalogSpec:
    """A complete catalogue version. Build it with :func:`load_catalog` or :func:`parse_catalog`."""

    version: str
    name: str
    fields: tuple[FieldSpec, ...]
    base_figures: tuple[BaseFigureSpec, ...]
    indicators: tuple[IndicatorSpec, ...]
    _fields_by_code: dict[str, FieldSpec] = dataclasses.field(init=False, repr=False, compare=False)
    _figures_by_code: dict[str, BaseFigureSpec] = dataclasses.field(
        init=False, repr=False, compare=False
    )
    _indicators_by_code: dict[str, IndicatorSpec] = dataclasses.field(
        init=False, repr=False, compare=False
    )
    _previous_year: dict[str, BaseFigureSpec] = dataclasses.field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        object.__setattr__(self, "_fields_by_code", {f.code: f for f in self.fields})
        object.__setattr__(self, "_figures_by_code", {b.code: b for b in self.base_figures})
        object.__setattr__(self, "_indicators_by_code", {i.code: i for i in self.indicators})
        object.__setattr__(
            self,
            "_previous_year",
            {b.previous_year_of: b for b in self.base_figures if b.previous_year_of is not None},
        )

    def field(self, code: str) -> FieldSpec:
        return self._fields_by_code[code]

    def base_figure(self, code: str) -> BaseFigureSpec:
        return self._figures_by_code[code]

    def indicator(self, code: str) -> IndicatorSpec:
        return self._indicators_by_code[code]

    def has_base_figure(self, code: str) -> bool:
        return code in self._figures_by_code

    @property
    def base_figure_codes(self) -> tuple[str, ...]:
        return tuple(b.code for b in self.base_figures)

    @property
    def key_figures(self) -> tuple[IndicatorSpec, ...]:
        """The evaluated key figures (everything but the context variables)."""
        return tuple(i for i in self.indicators if not i.context)

    @property
    def context_indicators(self) -> tuple[IndicatorSpec, ...]:
        """The structural context variables (``KON-*``), used for peer groups only."""
        return tuple(i for i in self.indicators if i.context)

    def indicators_in_field(self, field_code: str) -> tuple[IndicatorSpec, ...]:
        return tuple(i for i in self.indicators if i.field == field_code)

    def previous_year_figure(self, code: str) -> BaseFigureSpec | None:
        """The base figure that carries the previous year's value of ``code``, if any.

        ``prev(X)`` in a formula reads X of year t−1; where that is missing (the first year of a
        series), the figure declaring ``previous_year_of: X`` in year t stands in.
        """
        return self._previous_year.get(code)

    def referenced_codes(self) -> frozenset[str]:
        """Base figures read by any indicator, plus the previous-year stand-ins they imply."""
        codes: set[str] = set()
        for indicator in self.indicators:
            for spec in indicator.formulas:
                for ref in spec.references():
                    codes.add(ref.code)
                    stand_in = self._previous_year.get(ref.code) if ref.previous else None
                    if stand_in is not None:
                        codes.add(stand_in.code)
        return frozenset(codes)


# --- loading --------------------------------------------------------------------------------


def load_catalog(path: Path) -> CatalogSpec:
    """Read and validate a catalogue YAML file."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise CatalogError(f"{path}: cannot read the catalogue ({exc.strerror or exc})") from exc
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise CatalogError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, Mapping):
        raise CatalogError(f"{path}: expected a mapping at the top level")
    return parse_catalog(data)


def parse_catalog(data: Mapping[str, Any]) -> CatalogSpec:
    """Validate an already loaded catalogue mapping and build the :class:`CatalogSpec`."""
    if not isinstance(data, Mapping):
        raise CatalogError("catalogue: expected a mapping at the top level")
    _check_keys(data, "catalogue", _TOP_KEYS, ())
    version = _text(data, "version", "catalogue")
    name = _text(data, "name", "catalogue")
    fields = _parse_fields(_list(data, "fields", "catalogue"))
    figures = _parse_base_figures(_list(data, "base_figures", "catalogue"))
    figures_by_code = {b.code: b for b in figures}
    field_codes = {f.code for f in fields}
    raw_indicators = _list(data, "indicators", "catalogue")
    indicators: list[IndicatorSpec] = []
    seen: set[str] = set()
    for index, raw in enumerate(raw_indicators):
        indicator = _parse_indicator(raw, index, field_codes, figures_by_code)
        if indicator.code in seen:
            raise CatalogError(f"indicator {indicator.code}: duplicate indicator code")
        seen.add(indicator.code)
        indicators.append(indicator)
    return CatalogSpec(
        version=version,
        name=name,
        fields=tuple(fields),
        base_figures=tuple(figures),
        indicators=tuple(indicators),
    )


# --- sections -------------------------------------------------------------------------------


def _parse_fields(rows: list[Any]) -> list[FieldSpec]:
    if not rows:
        raise CatalogError("catalogue: 'fields' must not be empty")
    fields: list[FieldSpec] = []
    seen: set[str] = set()
    for index, raw in enumerate(rows):
        row = _row(raw, f"fields[{index}]")
        where = _row_name("field", row, f"fields[{index}]")
        _check_keys(row, where, _FIELD_KEYS, ())
        code = _text(row, "code", where)
        if code in seen:
            raise CatalogError(f"field {code}: duplicate field code")
        seen.add(code)
        fields.append(
            FieldSpec(
                code=code,
                name_de=_text(row, "name_de", where),
                name_en=_text(row, "name_en", where),
                position=index + 1,
            )
        )
    return fields


def _parse_base_figures(rows: list[Any]) -> list[BaseFigureSpec]:
    figures: list[BaseFigureSpec] = []
    seen: set[str] = set()
    for index, raw in enumerate(rows):
        row = _row(raw, f"base_figures[{index}]")
        where = _row_name("base figure", row, f"base_figures[{index}]")
        _check_keys(row, where, _BASE_FIGURE_KEYS, ())
        code = _text(row, "code", where)
        if not CODE_PATTERN.fullmatch(code):
            raise CatalogError(
                f"base figure {code}: code must look like G-BEV-GES "
                "(capital letters and digits joined by '-')"
            )
        if code in seen:
            raise CatalogError(f"base figure {code}: duplicate base-figure code")
        seen.add(code)
        figures.append(
            BaseFigureSpec(
                code=code,
                name_de=_text(row, "name_de", where),
                name_en=_text(row, "name_en", where),
                unit=_text(row, "unit", where),
                reference_date=_text(row, "reference_date", where),
                population_group=_population_group(row, "population_group", where),
                source=_text(row, "source", where),
                sensitive=_bool(row, "sensitive", where),
                previous_year_of=_optional_text(row, "previous_year_of", where),
            )
        )
    by_code = {b.code: b for b in figures}
    stand_ins: dict[str, str] = {}
    for figure in figures:
        target = figure.previous_year_of
        if target is None:
            continue
        where = f"base figure {figure.code}"
        if target == figure.code:
            raise CatalogError(f"{where}: previous_year_of must name another base figure")
        if target not in by_code:
            raise CatalogError(f"{where}: previous_year_of refers to unknown base figure {target}")
        if by_code[target].previous_year_of is not None:
            raise CatalogError(
                f"{where}: previous_year_of refers to {target}, which is itself a "
                "previous-year figure"
            )
        if target in stand_ins:
            raise CatalogError(
                f"{where}: {stand_ins[target]} already carries the previous year of {target}"
            )
        stand_ins[target] = figure.code
    return figures


def _parse_indicator(
    raw: Any,
    index: int,
    field_codes: set[str],
    figures: Mapping[str, BaseFigureSpec],
) -> IndicatorSpec:
    row = _row(raw, f"indicators[{index}]")
    where = _row_name("indicator", row, f"indicators[{index}]")
    _check_keys(row, where, _INDICATOR_KEYS, _INDICATOR_OPTIONAL)
    code = _text(row, "code", where)
    field_code = _text(row, "field", where)
    if field_code not in field_codes:
        raise CatalogError(f"{where}: unknown field {field_code!r}")
    kind = IndicatorKind(_choice(row, "kind", where, KINDS))
    polarity = Polarity(_choice(row, "polarity", where, POLARITIES))
    evidence = cast(EvidenceStatus, _choice(row, "evidence_status", where, EVIDENCE_STATUSES))
    multiplier = _number(row, "multiplier", where)
    if multiplier <= 0:
        raise CatalogError(f"{where}: multiplier must be greater than 0, got {multiplier:g}")
    decimals = _int(row, "decimals", where)
    if not 0 <= decimals <= 6:
        raise CatalogError(f"{where}: decimals must be between 0 and 6, got {decimals}")
    threshold = _int(row, "suppression_threshold", where)
    if threshold < 1:
        raise CatalogError(f"{where}: suppression_threshold must be at least 1, got {threshold}")
    sensitive = _bool(row, "sensitive", where)
    note = _optional_text(row, "computation_note", where)
    formulas = _parse_formulas(row, where, figures)
    _check_formula_shape(where, kind, formulas)
    interval = _interval(row, where, kind)

    if kind in NOTE_REQUIRED_KINDS and note is None:
        raise CatalogError(f"{where}: kind {kind} needs a computation_note (how it is computed)")
    if note is None and any(not f.is_plain_ratio for f in formulas):
        raise CatalogError(
            f"{where}: the formula is not a plain ratio of two base figures; "
            "add a computation_note that says how it is computed"
        )
    used_sensitive = sorted(
        ref.code for f in formulas for ref in f.references() if figures[ref.code].sensitive
    )
    if used_sensitive and not sensitive:
        raise CatalogError(
            f"{where}: uses sensitive base figure {used_sensitive[0]} but is not marked sensitive"
        )
    if sensitive and threshold < SENSITIVE_MIN_THRESHOLD:
        raise CatalogError(
            f"{where}: sensitive indicators need suppression_threshold >= "
            f"{SENSITIVE_MIN_THRESHOLD}, got {threshold}"
        )
    return IndicatorSpec(
        code=code,
        field=field_code,
        name_de=_text(row, "name_de", where),
        name_en=_text(row, "name_en", where),
        definition_de=_text(row, "definition_de", where),
        kind=kind,
        context=_bool(row, "context", where),
        unit=_text(row, "unit", where),
        multiplier=multiplier,
        decimals=decimals,
        polarity=polarity,
        formulas=formulas,
        suppression_threshold=threshold,
        sensitive=sensitive,
        computation_note=note,
        data_source=_text(row, "data_source", where),
        city_level_availability=_text(row, "city_level_availability", where),
        evidence_status=evidence,
        source_refs=tuple(_text_list(row, "source_refs", where)),
        breakdowns=_text(row, "breakdowns", where, allow_empty=True),
        notes=_text(row, "notes", where, allow_empty=True),
        interval=interval,
        published_source=_optional_text(row, "published_source", where),
    )


def _interval(row: Mapping[str, Any], where: str, kind: IndicatorKind) -> IntervalKind:
    """The declared interval (none when not declared); only rates and gaps may have one."""
    if row.get("interval") is None:
        return IntervalKind.none
    interval = IntervalKind(_choice(row, "interval", where, [k.value for k in IntervalKind]))
    if interval != IntervalKind.none and kind not in INTERVAL_KINDS:
        raise CatalogError(f"{where}: kind {kind} has no interval, declare none (got {interval})")
    return interval


def _parse_formulas(
    row: Mapping[str, Any], where: str, figures: Mapping[str, BaseFigureSpec]
) -> tuple[FormulaSpec, ...]:
    raw_list = _list(row, "formulas", where)
    specs: list[FormulaSpec] = []
    for index, raw in enumerate(raw_list):
        item = _row(raw, f"{where}: formulas[{index}]")
        group_name = item.get("group") if isinstance(item.get("group"), str) else None
        fwhere = f"{where}: formula {group_name}" if group_name else f"{where}: formulas[{index}]"
        _check_keys(item, fwhere, _FORMULA_REQUIRED, _FORMULA_OPTIONAL)
        group = FormulaGroup(_choice(item, "group", fwhere, [g.value for g in FormulaGroup]))
        numerator = _formula(item, "numerator", fwhere, figures, required=True)
        assert numerator is not None
        denominator = _formula(item, "denominator", fwhere, figures, required=False)
        specs.append(
            FormulaSpec(
                group=group,
                population_group=(
                    _population_group(item, "population_group", fwhere)
                    if "population_group" in item
                    else None
                ),
                label_de=_optional_text(item, "label_de", fwhere) if "label_de" in item else None,
                label_en=_optional_text(item, "label_en", fwhere) if "label_en" in item else None,
                numerator=numerator,
                denominator=denominator,
            )
        )
    return tuple(specs)


def _formula(
    item: Mapping[str, Any],
    key: str,
    where: str,
    figures: Mapping[str, BaseFigureSpec],
    *,
    required: bool,
) -> Formula | None:
    value = item.get(key)
    if value is None:
        if required:
            raise CatalogError(f"{where}: {key} is missing")
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise CatalogError(f"{where}: {key} must be a formula text, got {type(value).__name__}")
    text = str(value)
    try:
        formula = parse_formula(text)
    except FormulaError as exc:
        raise CatalogError(
            f"{where}: {key} {text!r} does not parse: {exc.problem} at position {exc.position}"
        ) from exc
    for ref in sorted(formula.references()):
        if ref.code not in figures:
            if ref.previous:
                raise CatalogError(
                    f"{where}: {key} {text!r}: prev({ref.code}) refers to unknown base figure "
                    f"{ref.code}"
                )
            raise CatalogError(f"{where}: {key} {text!r} references unknown base figure {ref.code}")
        if ref.previous and figures[ref.code].previous_year_of is not None:
            raise CatalogError(
                f"{where}: {key} {text!r}: prev({ref.code}) is applied to a previous-year figure; "
                f"write prev({figures[ref.code].previous_year_of}) instead"
            )
    return formula


def _check_formula_shape(where: str, kind: str, formulas: tuple[FormulaSpec, ...]) -> None:
    groups = [f.group for f in formulas]
    if kind == "gap":
        if sorted(groups) != ["A", "B"]:
            raise CatalogError(
                f"{where}: a gap indicator needs exactly two formulas, groups A and B "
                f"(found {groups or 'none'})"
            )
        for spec in formulas:
            fwhere = f"{where}: formula {spec.group}"
            if spec.population_group is None:
                raise CatalogError(f"{fwhere}: a gap group needs a population_group")
            if not spec.label_de or not spec.label_en:
                raise CatalogError(f"{fwhere}: a gap group needs label_de and label_en")
            if spec.denominator is None:
                raise CatalogError(f"{fwhere}: a gap group needs a denominator")
        if formulas[0].population_group == formulas[1].population_group:
            raise CatalogError(f"{where}: gap groups A and B name the same population_group")
        return
    if kind == "category":
        if formulas:
            raise CatalogError(
                f"{where}: a category is taken from master data and has no formula "
                f"(found {len(formulas)})"
            )
        return
    if groups != ["total"]:
        raise CatalogError(
            f"{where}: kind {kind} needs exactly one formula with group total (found {groups})"
        )
    spec = formulas[0]
    if kind == "rate" and spec.denominator is None:
        raise CatalogError(f"{where}: a rate needs a denominator")
    if kind in ("count", "flag", "delivered") and spec.denominator is not None:
        raise CatalogError(f"{where}: kind {kind} takes no denominator")


# --- typed accessors ------------------------------------------------------------------------


def _row(raw: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(raw, Mapping):
        raise CatalogError(f"{where}: expected a mapping, got {type(raw).__name__}")
    return raw


def _row_name(kind: str, row: Mapping[str, Any], fallback: str) -> str:
    code = row.get("code")
    if isinstance(code, str) and code.strip():
        return f"{kind} {code.strip()}"
    return fallback


def _check_keys(
    row: Mapping[str, Any], where: str, required: Sequence[str], optional: Sequence[str]
) -> None:
    missing = [k for k in required if k not in row]
    if missing:
        raise CatalogError(f"{where}: missing required key {missing[0]!r}")
    allowed = set(required) | set(optional)
    unknown = sorted(str(k) for k in row if k not in allowed)
    if unknown:
        raise CatalogError(f"{where}: unknown key {unknown[0]!r}")


def _list(row: Mapping[str, Any], key: str, where: str) -> list[Any]:
    value = row.get(key)
    if not isinstance(value, list):
        raise CatalogError(f"{where}: {key} must be a list, got {type(value).__name__}")
    return value


def _text(row: Mapping[str, Any], key: str, where: str, *, allow_empty: bool = False) -> str:
    value = row.get(key)
    if not isinstance(value, str):
        raise CatalogError(f"{where}: {key} must be text, got {type(value).__name__}")
    value = value.strip()
    if not value and not allow_empty:
        raise CatalogError(f"{where}: {key} must not be empty")
    return value


def _optional_text(row: Mapping[str, Any], key: str, where: str) -> str | None:
    if row.get(key) is None:
        return None
    return _text(row, key, where)


def _text_list(row: Mapping[str, Any], key: str, where: str) -> list[str]:
    items = _list(row, key, where)
    result: list[str] = []
    for index, item in enumerate(items):
        if not isinstance(item, str) or not item.strip():
            raise CatalogError(f"{where}: {key}[{index}] must be non-empty text")
        result.append(item.strip())
    return result


def _bool(row: Mapping[str, Any], key: str, where: str) -> bool:
    value = row.get(key)
    if not isinstance(value, bool):
        raise CatalogError(f"{where}: {key} must be true or false, got {value!r}")
    return value


def _int(row: Mapping[str, Any], key: str, where: str) -> int:
    value = row.get(key)
    if isinstance(value, bool) or not isinstance(value, int):
        raise CatalogError(f"{where}: {key} must be a whole number, got {value!r}")
    return value


def _number(row: Mapping[str, Any], key: str, where: str) -> float:
    value = row.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise CatalogError(f"{where}: {key} must be a number, got {value!r}")
    return float(value)


def _choice(row: Mapping[str, Any], key: str, where: str, allowed: Sequence[str]) -> str:
    value = row.get(key)
    if value not in allowed:
        raise CatalogError(f"{where}: unknown {key} {value!r} (allowed: {', '.join(allowed)})")
    return cast(str, value)


def _population_group(row: Mapping[str, Any], key: str, where: str) -> PopulationGroup | None:
    value = row.get(key)
    if value is None:
        return None
    return cast(PopulationGroup, _choice(row, key, where, POPULATION_GROUPS))
