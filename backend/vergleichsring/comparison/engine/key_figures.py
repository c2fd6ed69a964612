"""Key figures (Kennzahlen) from base figures (Grunddaten), for every city and year at once.

:func:`key_figures` turns the approved base figures (long form) into the *value frame* the rest
of the engine consumes: one row per indicator, measure (``value``; ``A``, ``B``, ``gap``,
``ratio`` for a gap indicator), city and year, columns :data:`KEY_FIGURE_COLUMNS`. ``status`` is
``ok`` or ``missing``; ``reason`` says why a value is missing (``"Grunddaten fehlen: G-A,
prev(G-B) bzw. G-B-VJ"``, ``"Nenner 0"``, ``"Nenner 0 (Gruppe B)"``, ``"nicht berechenbar"``).

Policies, stated once:

* A base figure counts as a value when its status is ok, estimated, provisional or revised and
  its value is finite; not_collectable, not_delivered and suppressed are missing whatever the
  value says. Any other status is an error, so a typo cannot turn data into a gap silently.
* A missing input leaves the key figure missing (NaN, never 0); a denominator of 0 gives NaN with
  reason ``"Nenner 0"``. A reason naming missing base figures takes precedence.
* ``numerator`` and ``denominator`` are only filled where ``value`` is: a row is either a complete
  key figure or missing, so a weighted ring value (sum of numerators / sum of denominators) can
  never pair the numerator of one city with nothing.
* ``prev(X)`` reads X of year t−1 of the same city; where that is missing (the first year of a
  series, or X not delivered for t−1) the stand-in figure S declared as ``previous_year_of: X`` is
  read in year t. ``previous_year_of`` maps the stand-in to its source, exactly like the catalogue
  field: ``{"G-BEV-AUS-VJ": "G-BEV-AUS"}``.
* Gap indicators: ``A`` and ``B`` are each numerator / denominator × multiplier; ``gap`` = A − B in
  the indicator's unit (percentage points for %); ``ratio`` = A / B (the disparity factor,
  multiplier 1, NaN with ``"Nenner 0 (Gruppe B)"`` when B is 0). Both have no numerator,
  denominator or interval, and the polarity of group A's side.
* Indicators of kind ``category`` come from master data, have no formula and are skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Final, Protocol, TypeAlias

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from vergleichsring.comparison.engine.grid import BoolArray, FloatArray, Grid, reasons

__all__ = ["KEY_FIGURE_COLUMNS", "FormulaLike", "GroupFormula", "IndicatorDef", "key_figures"]

ArrayLookup: TypeAlias = Callable[[str, bool], FloatArray]
References: TypeAlias = tuple[tuple[str, bool], ...]

#: Indicator kinds the engine knows; ``category`` is skipped.
KINDS: Final = frozenset({"rate", "gap", "count", "flag", "delivered", "category"})
#: How a value's uncertainty is measured (see :mod:`.intervals`).
INTERVALS: Final = frozenset({"wilson", "poisson", "none"})
#: The columns of the value frame, in order.
KEY_FIGURE_COLUMNS: Final[tuple[str, ...]] = (
    "indicator", "measure", "ags", "year", "value", "numerator", "denominator", "multiplier",
    "interval", "polarity", "suppression_threshold", "suppressed", "status", "reason",
)  # fmt: skip
REASON_ZERO: Final = "Nenner 0"
_NO_STAND_INS: Final[Mapping[str, str]] = MappingProxyType({})


class ReferenceLike(Protocol):
    """A base figure read by a formula; ``previous`` is true inside ``prev(...)``."""

    @property
    def code(self) -> str: ...

    @property
    def previous(self) -> bool: ...


class FormulaLike(Protocol):
    """What the engine needs of a formula (the catalogue's ``Formula`` fits structurally).

    ``evaluate(lookup)`` gets a lookup ``(code, previous) -> float64 array`` and returns a float64
    array of the same length (NaN where an input is missing or a division is by zero);
    ``references()`` names every base figure the formula reads.
    """

    def evaluate(self, lookup: ArrayLookup) -> FloatArray: ...

    def references(self) -> Iterable[ReferenceLike]: ...


@dataclass(frozen=True)
class GroupFormula:
    """Numerator and optional denominator for one group: ``total``, or gap groups ``A``, ``B``."""

    group: str
    numerator: FormulaLike
    denominator: FormulaLike | None = None


@dataclass(frozen=True)
class IndicatorDef:
    """An indicator as the engine needs it; the service builds it from the catalogue.

    A gap has exactly the groups A and B, each with a denominator; a category has no formula;
    every other kind has one ``total`` formula.
    """

    code: str
    kind: str
    multiplier: float
    polarity: str
    suppression_threshold: int
    formulas: tuple[GroupFormula, ...]
    interval: str = "none"

    def __post_init__(self) -> None:
        where = f"indicator {self.code}"
        if self.kind not in KINDS:
            raise ValueError(f"{where}: unknown kind {self.kind!r} (known: {sorted(KINDS)})")
        if self.interval not in INTERVALS:
            raise ValueError(f"{where}: unknown interval {self.interval!r}")
        groups = sorted(f.group for f in self.formulas)
        if self.kind == "gap":
            if groups != ["A", "B"]:
                raise ValueError(f"{where}: a gap needs formulas for groups A and B, got {groups}")
            if any(f.denominator is None for f in self.formulas):
                raise ValueError(f"{where}: both gap groups need a denominator")
        elif self.kind == "category":
            if groups:
                raise ValueError(f"{where}: a category has no formula, got {groups}")
        elif groups != ["total"]:
            raise ValueError(f"{where}: kind {self.kind} needs one formula 'total', got {groups}")


@dataclass(frozen=True)
class _Part:
    """One group formula evaluated on every cell (numerator and denominator NaN where value is)."""

    value: FloatArray
    numerator: FloatArray
    denominator: FloatArray
    zero: BoolArray  # the denominator is 0 and the numerator is there
    references: References


@dataclass(frozen=True)
class _Block:
    """One measure of one indicator in the output, for every cell."""

    indicator: IndicatorDef
    measure: str
    multiplier: float
    value: FloatArray
    numerator: FloatArray
    denominator: FloatArray
    reason: NDArray[np.object_]


def _evaluate(formula: FormulaLike, grid: Grid) -> FloatArray:
    result = formula.evaluate(grid.lookup)
    if not isinstance(result, np.ndarray) or result.shape != (grid.n_cells,):
        result = np.broadcast_to(np.asarray(result, dtype=np.float64), (grid.n_cells,))
    return result


def _references(spec: GroupFormula) -> References:
    """``(code, previous)`` of every base figure read by numerator and denominator, sorted."""
    formulas = [spec.numerator] if spec.denominator is None else [spec.numerator, spec.denominator]
    return tuple(sorted({(r.code, bool(r.previous)) for f in formulas for r in f.references()}))


def _part(spec: GroupFormula, grid: Grid, multiplier: float) -> _Part:
    numerator = _evaluate(spec.numerator, grid)
    denominator = grid.nan_column if spec.denominator is None else _evaluate(spec.denominator, grid)
    with np.errstate(all="ignore"):
        value = numerator / (1.0 if spec.denominator is None else denominator) * multiplier
    missing = ~np.isfinite(value)
    return _Part(
        value=np.where(missing, np.nan, value),
        numerator=np.where(missing, np.nan, numerator),
        denominator=np.where(missing, np.nan, denominator),
        zero=(denominator == 0.0) & ~np.isnan(numerator),
        references=_references(spec),
    )


def _part_block(indicator: IndicatorDef, measure: str, p: _Part, grid: Grid) -> _Block:
    why = reasons(grid, p.value, p.references, [(p.zero, REASON_ZERO)])
    factor = float(indicator.multiplier)
    return _Block(indicator, measure, factor, p.value, p.numerator, p.denominator, why)


def _gap_blocks(indicator: IndicatorDef, grid: Grid) -> list[_Block]:
    """The measures A, B, gap (A − B) and ratio (A / B) of a gap indicator."""
    factor = float(indicator.multiplier)
    by_group = {spec.group: spec for spec in indicator.formulas}
    a, b = (_part(by_group[group], grid, factor) for group in ("A", "B"))
    both = tuple(sorted(set(a.references) | set(b.references)))
    zero_a = (a.zero, f"{REASON_ZERO} (Gruppe A)")
    zero_b = (b.zero, f"{REASON_ZERO} (Gruppe B)")
    b_zero = b.value == 0.0
    with np.errstate(all="ignore"):
        ratio = np.where(b_zero, np.nan, a.value / b.value)
    ratio[~np.isfinite(ratio)] = np.nan
    gap = a.value - b.value
    gap_why = reasons(grid, gap, both, [zero_a, zero_b])
    ratio_why = reasons(grid, ratio, both, [zero_a, zero_b, (b_zero, zero_b[1])])
    nothing = grid.nan_column
    return [
        _part_block(indicator, "A", a, grid),
        _part_block(indicator, "B", b, grid),
        _Block(indicator, "gap", factor, gap, nothing, nothing, gap_why),
        _Block(indicator, "ratio", 1.0, ratio, nothing, nothing, ratio_why),
    ]


def _stand_ins(
    previous_year_of: Mapping[str, str], read_previous: Collection[str]
) -> dict[str, str]:
    """Invert ``{stand-in: source}`` to ``{source: stand-in}``, refusing a reversed mapping."""
    stand_ins: dict[str, str] = {}
    for stand_in, source in previous_year_of.items():
        if source in stand_ins:
            raise ValueError(
                f"previous_year_of: {stand_ins[source]} and {stand_in} both stand in for {source}"
            )
        stand_ins[source] = stand_in
    reversed_ = sorted(set(read_previous) & set(previous_year_of) - set(stand_ins))
    if reversed_:
        raise ValueError(
            f"previous_year_of maps a stand-in to its source ({{'G-X-VJ': 'G-X'}}), but "
            f"{reversed_[0]} is read with prev() and appears as a key: is the mapping reversed?"
        )
    return stand_ins


def key_figures(
    base: pd.DataFrame,
    indicators: Sequence[IndicatorDef],
    *,
    previous_year_of: Mapping[str, str] = _NO_STAND_INS,
) -> pd.DataFrame:
    """The value frame (columns :data:`KEY_FIGURE_COLUMNS`) for every indicator, city and year.

    ``base`` is long: ``ags``, ``year``, ``base_figure``, ``value`` (NaN when missing) and
    ``status``; one row per city, year and base figure at most. Every city of ``base`` gets a row
    for every year of ``base``. Rows are ordered by indicator (as given), measure, ags, year.
    """
    computed = [i for i in indicators if i.kind != "category"]
    read_previous = {
        code
        for i in computed
        for spec in i.formulas
        for code, previous in _references(spec)
        if previous
    }
    grid = Grid(base, _stand_ins(previous_year_of, read_previous))
    blocks: list[_Block] = []
    for indicator in computed:
        if indicator.kind == "gap":
            blocks += _gap_blocks(indicator, grid)
        else:
            total = _part(indicator.formulas[0], grid, float(indicator.multiplier))
            blocks.append(_part_block(indicator, "value", total, grid))
    return _frame(blocks, grid)


def _text(values: Iterable[object]) -> pd.api.extensions.ExtensionArray:
    return pd.array(np.asarray(list(values), dtype=object), dtype="str")


def _labels(values: Iterable[object], rows: NDArray[np.int64]) -> pd.Categorical:
    """``values[rows]`` as a categorical with sorted categories: as cheap to build as the codes,
    and the engine groups by the codes without factorising the texts again."""
    codes, categories = pd.factorize(np.asarray(list(values), dtype=object), sort=True)
    return pd.Categorical.from_codes(codes.take(rows), categories=pd.Index(categories, dtype="str"))


def _joined(arrays: Sequence[NDArray[Any]], dtype: type) -> NDArray[Any]:
    return np.concatenate(arrays) if arrays else np.empty(0, dtype=dtype)


def _frame(blocks: list[_Block], grid: Grid) -> pd.DataFrame:
    rows = np.repeat(np.arange(len(blocks), dtype=np.int64), grid.n_cells)
    value = _joined([b.value for b in blocks], np.float64)
    reason_codes, reason_texts = pd.factorize(_joined([b.reason for b in blocks], object))
    return pd.DataFrame(
        data={
            "indicator": _labels((b.indicator.code for b in blocks), rows),
            "measure": _labels((b.measure for b in blocks), rows),
            "ags": _labels(grid.ags, np.tile(grid.cell_ags_index, len(blocks))),
            "year": np.tile(grid.cell_year, len(blocks)),
            "value": value,
            "numerator": _joined([b.numerator for b in blocks], np.float64),
            "denominator": _joined([b.denominator for b in blocks], np.float64),
            "multiplier": np.asarray([b.multiplier for b in blocks], dtype=np.float64)[rows],
            "interval": _text(
                b.indicator.interval if b.measure in ("value", "A", "B") else "none" for b in blocks
            ).take(rows),
            "polarity": _labels((b.indicator.polarity for b in blocks), rows),
            "suppression_threshold": np.asarray(
                [b.indicator.suppression_threshold for b in blocks], dtype=np.int64
            )[rows],
            "suppressed": np.zeros(value.size, dtype=np.bool_),
            "status": _text(["ok", "missing"]).take(np.isnan(value).astype(np.int64)),
            "reason": _text(reason_texts).take(reason_codes, allow_fill=True),
        },
        copy=False,
    )
