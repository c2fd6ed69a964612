"""One adapter from a catalogue key figure to what the comparison needs of it.

:func:`indicator_definition` turns a key figure – the catalogue's ORM row or the parsed
catalogue spec, both fit :class:`IndicatorLike` – into the engine's ``IndicatorDef``; the
service, ``bench/ring_recompute.py`` and the tests all use it. :class:`IndicatorMeta` is what
the answers show of a key figure.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from vergleichsring.catalog.formula import parse_formula
from vergleichsring.catalog.models import Indicator, IndicatorKind, Polarity
from vergleichsring.comparison.engine.key_figures import FormulaLike, GroupFormula, IndicatorDef

__all__ = ["IndicatorLike", "IndicatorMeta", "indicator_definition"]


class FormulaRowLike(Protocol):
    @property
    def group(self) -> str: ...
    @property
    def numerator(self) -> str | FormulaLike: ...
    @property
    def denominator(self) -> str | FormulaLike | None: ...


class IndicatorLike(Protocol):
    @property
    def code(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def multiplier(self) -> float: ...
    @property
    def polarity(self) -> str: ...
    @property
    def suppression_threshold(self) -> int: ...
    @property
    def interval(self) -> str: ...
    @property
    def formulas(self) -> Iterable[FormulaRowLike]: ...


def _formula(text: str | FormulaLike) -> FormulaLike:
    return parse_formula(text) if isinstance(text, str) else text


def indicator_definition(
    indicator: IndicatorLike, *, polarity: str | None = None
) -> IndicatorDef | None:
    """The engine's definition of a key figure (None for a category, which has no formula).

    ``polarity`` overrides the catalogue's (a ring's setting).
    """
    formulas = list(indicator.formulas)
    if indicator.kind == IndicatorKind.category or not formulas:
        return None
    return IndicatorDef(
        code=indicator.code,
        kind=str(indicator.kind),
        multiplier=float(indicator.multiplier),
        polarity=str(polarity or indicator.polarity),
        suppression_threshold=int(indicator.suppression_threshold),
        interval=str(indicator.interval),
        formulas=tuple(
            GroupFormula(
                group=str(f.group),
                numerator=_formula(f.numerator),
                denominator=None if f.denominator is None else _formula(f.denominator),
            )
            for f in formulas
        ),
    )


@dataclass(frozen=True)
class IndicatorMeta:
    """A key figure as the comparison's answers describe it."""

    code: str
    field: str
    name_de: str
    name_en: str
    unit: str
    kind: IndicatorKind
    polarity: Polarity
    decimals: int
    multiplier: float
    context: bool
    group_a_de: str | None
    group_b_de: str | None
    published_source: str | None = None

    @classmethod
    def of(cls, indicator: Indicator, field: str, polarity: Polarity) -> IndicatorMeta:
        groups = {f.group.value: f for f in indicator.formulas}
        return cls(
            code=indicator.code,
            field=field,
            name_de=indicator.name_de,
            name_en=indicator.name_en,
            unit=indicator.unit,
            kind=indicator.kind,
            polarity=polarity,
            decimals=indicator.decimals,
            multiplier=indicator.multiplier,
            context=indicator.context,
            group_a_de=groups["A"].label_de if "A" in groups else None,
            group_b_de=groups["B"].label_de if "B" in groups else None,
            published_source=indicator.published_source,
        )

    @property
    def measures(self) -> tuple[str, ...]:
        return ("gap", "A", "B", "ratio") if self.kind == IndicatorKind.gap else ("value",)

    @property
    def default_measure(self) -> str:
        return self.measures[0]
