"""The indicator catalogue as validated, immutable data: loaded from YAML, checked completely.

``load_catalog(path)`` reads a catalogue file, ``parse_catalog(data)`` checks an already loaded
mapping. Both return a :class:`CatalogSpec` or raise :class:`CatalogError` naming the row (the
indicator or base-figure code, or the list index when the code itself is missing) and the
problem. Nothing is dropped or defaulted silently: unknown keys are errors, as are missing ones
(only ``interval`` and ``published_source`` of an indicator and the labels of a formula may be
left out).

Every row is a pydantic model with ``extra="forbid"`` (strict types: no "yes" for true, no 1.5
for a whole number); the checks across rows (known field, known base figures, sensitive inputs)
read the rows validated before through the validation context. This module is pure (yaml,
pydantic, the formula parser and the vocabulary only): the database import, the seed and the
tests all use the same checks.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Final, Literal, TypeAlias, TypeVar, get_args

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    PrivateAttr,
    Strict,
    StrictBool,
    StrictInt,
    StrictStr,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

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

#: Kinds whose values may carry an interval (the others never do).
INTERVAL_KINDS: frozenset[str] = frozenset({"rate", "gap"})


class CatalogError(ValueError):
    """The catalogue is invalid; the message names the row and the problem."""


# --- the rows as pydantic models --------------------------------------------------------------
#
# Every row of the YAML is validated by the model of its section (``extra="forbid"``: an unknown
# key is an error; a key without a default is required even where its value may be null). The
# cross-row checks (known field, known base figures, sensitive inputs) read the rows validated
# before through the validation context. :func:`_problem` turns pydantic's first error into the
# catalogue's message, which names the row.

Text = Annotated[StrictStr, StringConstraints(strip_whitespace=True, min_length=1)]
FreeText = Annotated[StrictStr, StringConstraints(strip_whitespace=True)]
Number = Annotated[float, Strict()]


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)


def _context(info: ValidationInfo) -> Mapping[str, Any]:
    return info.context if isinstance(info.context, Mapping) else {}


class FieldSpec(_Spec):
    """An action field (Handlungsfeld); ``position`` is 1-based, in catalogue order."""

    code: Text
    name_de: Text
    name_en: Text
    position: StrictInt


class BaseFigureSpec(_Spec):
    """A base figure (Grunddatum) a city submits."""

    code: Text
    name_de: Text
    name_en: Text
    unit: Text
    reference_date: Text
    population_group: PopulationGroup | None
    source: Text
    sensitive: StrictBool
    previous_year_of: Text | None

    @field_validator("code")
    @classmethod
    def _code_shape(cls, code: str) -> str:
        if not CODE_PATTERN.fullmatch(code):
            raise ValueError(
                f"base figure {code}: code must look like G-BEV-GES "
                "(capital letters and digits joined by '-')"
            )
        return code


class PartTotalSpec(_Spec):
    """Parts of a total: they never exceed it; ``complete`` parts add up to it within
    ``tolerance`` (a share of the total, e.g. 0.005 for foreign + German = total ± 0,5 %)."""

    total: Text
    parts: tuple[Text, ...]
    complete: StrictBool = False
    tolerance: Number = 0.0

    @field_validator("tolerance")
    @classmethod
    def _share(cls, tolerance: float) -> float:
        if not 0 <= tolerance < 1:
            raise ValueError("tolerance is a share between 0 and 1")
        return tolerance

    @model_validator(mode="after")
    def _known(self, info: ValidationInfo) -> PartTotalSpec:
        figures = _context(info).get("figures")
        if figures is None:  # revalidated inside the CatalogSpec: checked when parsed
            return self
        for code in (self.total, *self.parts):
            if code not in figures:
                raise ValueError(f"unknown base figure {code}")
        if not self.parts or self.total in self.parts:
            raise ValueError("parts must name other base figures than the total")
        return self

    def as_dict(self) -> dict[str, object]:
        return {
            "total": self.total,
            "parts": list(self.parts),
            "complete": self.complete,
            "tolerance": self.tolerance,
        }


class FormulaSpec(_Spec):
    """Numerator and denominator for one group: ``total``, or gap groups ``A`` and ``B``."""

    group: FormulaGroup
    population_group: PopulationGroup | None = None
    label_de: Text | None = None
    label_en: Text | None = None
    numerator: Formula
    denominator: Formula | None

    @field_validator("numerator", "denominator", mode="before")
    @classmethod
    def _parse(cls, value: Any, info: ValidationInfo) -> Formula | None:
        key = info.field_name
        if value is None:
            if key == "numerator":
                raise ValueError(f"{key} is missing")
            return None
        if isinstance(value, Formula):
            return value
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise ValueError(f"{key} must be a formula text, got {type(value).__name__}")
        text = str(value)
        try:
            formula = parse_formula(text)
        except FormulaError as exc:
            raise ValueError(
                f"{key} {text!r} does not parse: {exc.problem} at position {exc.position}"
            ) from exc
        figures: Mapping[str, BaseFigureSpec] = _context(info).get("figures", {})
        for ref in sorted(formula.references()):
            if ref.code not in figures:
                if ref.previous:
                    raise ValueError(
                        f"{key} {text!r}: prev({ref.code}) refers to unknown base figure {ref.code}"
                    )
                raise ValueError(f"{key} {text!r} references unknown base figure {ref.code}")
            if ref.previous and figures[ref.code].previous_year_of is not None:
                raise ValueError(
                    f"{key} {text!r}: prev({ref.code}) is applied to a previous-year figure; "
                    f"write prev({figures[ref.code].previous_year_of}) instead"
                )
        return formula

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


class IndicatorSpec(_Spec):
    """A key figure (Kennzahl) or a structural context variable (``KON-*``)."""

    code: Text
    field: Text
    name_de: Text
    name_en: Text
    definition_de: Text
    kind: IndicatorKind
    context: StrictBool
    unit: Text
    multiplier: Number
    decimals: StrictInt
    polarity: Polarity
    formulas: tuple[FormulaSpec, ...]
    suppression_threshold: StrictInt
    sensitive: StrictBool
    computation_note: Text | None
    data_source: Text
    city_level_availability: Text
    evidence_status: EvidenceStatus
    source_refs: tuple[Text, ...]
    breakdowns: FreeText
    notes: FreeText
    #: How the uncertainty of a value is measured (gap: of groups A and B; never of the gap);
    #: none when the catalogue declares none or nothing.
    interval: IntervalKind = IntervalKind.none
    #: The official statistic that publishes the key figure per city, if any.
    published_source: Text | None = None

    @field_validator("field")
    @classmethod
    def _known_field(cls, field: str, info: ValidationInfo) -> str:
        if field not in _context(info).get("field_codes", {field}):
            raise ValueError(f"unknown field {field!r}")
        return field

    @field_validator("multiplier")
    @classmethod
    def _positive(cls, multiplier: float) -> float:
        if multiplier <= 0:
            raise ValueError(f"multiplier must be greater than 0, got {multiplier:g}")
        return multiplier

    @field_validator("decimals")
    @classmethod
    def _decimals(cls, decimals: int) -> int:
        if not 0 <= decimals <= 6:
            raise ValueError(f"decimals must be between 0 and 6, got {decimals}")
        return decimals

    @field_validator("suppression_threshold")
    @classmethod
    def _threshold(cls, threshold: int) -> int:
        if threshold < 1:
            raise ValueError(f"suppression_threshold must be at least 1, got {threshold}")
        return threshold

    @field_validator("interval", mode="before")
    @classmethod
    def _undeclared(cls, interval: Any) -> Any:
        return IntervalKind.none if interval is None else interval

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> IndicatorSpec:
        _check_formula_shape(self.kind, self.formulas)
        kind, note = self.kind, self.computation_note
        if kind in NOTE_REQUIRED_KINDS and note is None:
            raise ValueError(f"kind {kind} needs a computation_note (how it is computed)")
        if note is None and any(not f.is_plain_ratio for f in self.formulas):
            raise ValueError(
                "the formula is not a plain ratio of two base figures; "
                "add a computation_note that says how it is computed"
            )
        figures: Mapping[str, BaseFigureSpec] = _context(info).get("figures", {})
        used_sensitive = sorted(
            ref.code
            for f in self.formulas
            for ref in f.references()
            if ref.code in figures and figures[ref.code].sensitive
        )
        if used_sensitive and not self.sensitive:
            raise ValueError(
                f"uses sensitive base figure {used_sensitive[0]} but is not marked sensitive"
            )
        if self.sensitive and self.suppression_threshold < SENSITIVE_MIN_THRESHOLD:
            raise ValueError(
                f"sensitive indicators need suppression_threshold >= "
                f"{SENSITIVE_MIN_THRESHOLD}, got {self.suppression_threshold}"
            )
        if self.interval != IntervalKind.none and kind not in INTERVAL_KINDS:
            raise ValueError(f"kind {kind} has no interval, declare none (got {self.interval})")
        return self

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


class _Document(_Spec):
    """The top level of a catalogue file; the rows are validated one by one."""

    version: Text
    name: Text
    fields: list[Any]
    base_figures: list[Any]
    indicators: list[Any]
    part_totals: list[Any] = []


class CatalogSpec(_Spec):
    """A complete catalogue version. Build it with :func:`load_catalog` or :func:`parse_catalog`."""

    version: str
    name: str
    fields: tuple[FieldSpec, ...]
    base_figures: tuple[BaseFigureSpec, ...]
    indicators: tuple[IndicatorSpec, ...]
    part_totals: tuple[PartTotalSpec, ...] = ()
    _fields_by_code: dict[str, FieldSpec] = PrivateAttr(default_factory=dict)
    _figures_by_code: dict[str, BaseFigureSpec] = PrivateAttr(default_factory=dict)
    _indicators_by_code: dict[str, IndicatorSpec] = PrivateAttr(default_factory=dict)
    _previous_year: dict[str, BaseFigureSpec] = PrivateAttr(default_factory=dict)

    def model_post_init(self, context: Any, /) -> None:
        self._fields_by_code = {f.code: f for f in self.fields}
        self._figures_by_code = {b.code: b for b in self.base_figures}
        self._indicators_by_code = {i.code: i for i in self.indicators}
        self._previous_year = {
            b.previous_year_of: b for b in self.base_figures if b.previous_year_of is not None
        }

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


def _check_formula_shape(kind: str, formulas: tuple[FormulaSpec, ...]) -> None:
    groups = [f.group for f in formulas]
    if kind == "gap":
        if sorted(groups) != ["A", "B"]:
            raise ValueError(
                "a gap indicator needs exactly two formulas, groups A and B "
                f"(found {groups or 'none'})"
            )
        for spec in formulas:
            fwhere = f"formula {spec.group}"
            if spec.population_group is None:
                raise ValueError(f"{fwhere}: a gap group needs a population_group")
            if not spec.label_de or not spec.label_en:
                raise ValueError(f"{fwhere}: a gap group needs label_de and label_en")
            if spec.denominator is None:
                raise ValueError(f"{fwhere}: a gap group needs a denominator")
        if formulas[0].population_group == formulas[1].population_group:
            raise ValueError("gap groups A and B name the same population_group")
        return
    if kind == "category":
        if formulas:
            raise ValueError(
                f"a category is taken from master data and has no formula (found {len(formulas)})"
            )
        return
    if groups != ["total"]:
        raise ValueError(f"kind {kind} needs exactly one formula with group total (found {groups})")
    spec = formulas[0]
    if kind == "rate" and spec.denominator is None:
        raise ValueError("a rate needs a denominator")
    if kind in ("count", "flag", "delivered") and spec.denominator is not None:
        raise ValueError(f"kind {kind} takes no denominator")


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
    document = _validate(_Document, data, "catalogue")
    fields = _parse_fields(document.fields)
    figures = _parse_base_figures(document.base_figures)
    context = {"field_codes": {f.code for f in fields}, "figures": {b.code: b for b in figures}}
    indicators: list[IndicatorSpec] = []
    seen: set[str] = set()
    for index, raw in enumerate(document.indicators):
        row = _row(raw, f"indicators[{index}]")
        where = _row_name("indicator", row, f"indicators[{index}]")
        indicator = _validate(IndicatorSpec, row, where, context)
        if indicator.code in seen:
            raise CatalogError(f"indicator {indicator.code}: duplicate indicator code")
        seen.add(indicator.code)
        indicators.append(indicator)
    part_totals = [
        _validate(PartTotalSpec, _row(raw, f"part_totals[{i}]"), f"part_totals[{i}]", context)
        for i, raw in enumerate(document.part_totals)
    ]
    return CatalogSpec(
        version=document.version,
        name=document.name,
        fields=tuple(fields),
        base_figures=tuple(figures),
        indicators=tuple(indicators),
        part_totals=tuple(part_totals),
    )


def _parse_fields(rows: list[Any]) -> list[FieldSpec]:
    if not rows:
        raise CatalogError("catalogue: 'fields' must not be empty")
    fields: list[FieldSpec] = []
    seen: set[str] = set()
    for index, raw in enumerate(rows):
        row = _row(raw, f"fields[{index}]")
        where = _row_name("field", row, f"fields[{index}]")
        if "position" in row:  # the position is the row's place, never written
            raise CatalogError(f"{where}: unknown key 'position'")
        field = _validate(FieldSpec, {**row, "position": index + 1}, where)
        if field.code in seen:
            raise CatalogError(f"field {field.code}: duplicate field code")
        seen.add(field.code)
        fields.append(field)
    return fields


def _parse_base_figures(rows: list[Any]) -> list[BaseFigureSpec]:
    figures: list[BaseFigureSpec] = []
    seen: set[str] = set()
    for index, raw in enumerate(rows):
        row = _row(raw, f"base_figures[{index}]")
        where = _row_name("base figure", row, f"base_figures[{index}]")
        figure = _validate(BaseFigureSpec, row, where)
        if figure.code in seen:
            raise CatalogError(f"base figure {figure.code}: duplicate base-figure code")
        seen.add(figure.code)
        figures.append(figure)
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


# --- from pydantic's errors to the catalogue's messages ----------------------------------------

_Model = TypeVar("_Model", bound=BaseModel)
#: Which error to report first: a missing key, then an unknown one, then the rest in order.
_PRIORITY: Final = {"missing": 0, "extra_forbidden": 1}


def _row(raw: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(raw, Mapping):
        raise CatalogError(f"{where}: expected a mapping, got {type(raw).__name__}")
    return raw


def _row_name(kind: str, row: Mapping[str, Any], fallback: str) -> str:
    code = row.get("code")
    if isinstance(code, str) and code.strip():
        return f"{kind} {code.strip()}"
    return fallback


def _validate(
    model: type[_Model],
    row: Mapping[str, Any],
    where: str,
    context: Mapping[str, Any] | None = None,
) -> _Model:
    try:
        return model.model_validate(row, context=context)
    except ValidationError as exc:
        raise CatalogError(_problem(exc, where, row)) from None


def _problem(exc: ValidationError, where: str, row: Mapping[str, Any]) -> str:
    """The first problem of ``exc`` as ``"<row>: <problem>"`` in the catalogue's words."""
    errors = sorted(exc.errors(include_url=False), key=lambda e: _PRIORITY.get(e["type"], 2))
    error = errors[0]
    loc = list(error["loc"])
    if len(loc) >= 2 and loc[0] == "formulas" and isinstance(loc[1], int):
        raw = row.get("formulas")
        item = raw[loc[1]] if isinstance(raw, list) and loc[1] < len(raw) else None
        group = item.get("group") if isinstance(item, Mapping) else None
        where = (
            f"{where}: formula {group}"
            if isinstance(group, str)
            else f"{where}: formulas[{loc[1]}]"
        )
        loc = loc[2:]
    names = [str(part) for part in loc if not isinstance(part, int)]
    key = names[0] if names else ""
    index = next((part for part in loc if isinstance(part, int)), None)
    if index is not None and key:
        key = f"{key}[{index}]"
    value, kind = error.get("input"), error["type"]
    expected = (error.get("ctx") or {}).get("expected", "")
    if kind == "missing":
        text = f"missing required key {key!r}"
    elif kind == "extra_forbidden":
        text = f"unknown key {key!r}"
    elif kind == "value_error":
        text = str(error["msg"]).removeprefix("Value error, ")
    elif kind == "bool_type":
        text = f"{key} must be true or false, got {value!r}"
    elif kind in ("int_type", "int_from_float", "int_parsing"):
        text = f"{key} must be a whole number, got {value!r}"
    elif kind in ("float_type", "float_parsing"):
        text = f"{key} must be a number, got {value!r}"
    elif kind in ("string_type", "string_too_short"):
        text = (
            f"{key} must be non-empty text"
            if index is not None
            else (
                f"{key} must not be empty"
                if kind == "string_too_short"
                else f"{key} must be text, got {type(value).__name__}"
            )
        )
    elif kind in ("enum", "literal_error"):
        text = f"unknown {key} {value!r} (allowed: {expected})"
    elif kind in ("list_type", "tuple_type"):
        text = f"{key} must be a list, got {type(value).__name__}"
    elif kind in ("model_type", "model_attributes_type", "dict_type"):
        text = f"expected a mapping, got {type(value).__name__}"
    else:
        text = f"{key}: {error['msg']}" if key else str(error["msg"])
    return f"{where}: {text}"
