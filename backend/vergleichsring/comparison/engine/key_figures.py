"""Key figures (Kennzahlen) from base figures (Grunddaten), for every city and year at once.

``key_figures(base, indicators)`` takes the approved base figures in long form and returns the
long *value frame* the statistics, ranks, intervals and suppression of the engine consume:

``indicator``, ``measure`` (``"value"``; ``"A"``, ``"B"``, ``"gap"``, ``"ratio"`` for a gap
indicator), ``ags`` (text), ``year``, ``value`` (NaN when it cannot be computed, never 0 for
missing), ``numerator`` and ``denominator`` (NaN when ``value`` is, and for gap / ratio),
``multiplier`` (1 for ``ratio``), ``polarity`` (for gap and ratio read from group A's side),
``suppression_threshold``, ``suppressed`` (always ``False`` here), ``status`` (``"ok"`` or
``"missing"``) and ``reason`` (why a value is missing: ``"Grunddaten fehlen: G-A, prev(G-B)
bzw. G-B-VJ"``, ``"Nenner 0"``, ``"Nenner 0 (Gruppe B)"`` or ``"nicht berechenbar"``).

Policies, stated once:

* A base figure counts as a value when its status is one of :data:`VALUE_STATUSES` (ok,
  estimated, provisional, revised) and its value is finite; :data:`MISSING_STATUSES`
  (not_collectable, not_delivered, suppressed) are missing whatever the value says. Any other
  status is an error, so a typo cannot turn data into a gap silently.
* A missing input leaves the key figure missing; a denominator of 0 gives NaN with reason
  ``"Nenner 0"``. A reason naming missing base figures takes precedence over ``"Nenner 0"``.
* ``numerator`` and ``denominator`` are only filled where ``value`` is: a row is either a complete
  key figure or missing, so a weighted ring value (sum of numerators / sum of denominators) can
  never pair the numerator of one city with nothing.
* ``prev(X)`` reads X of year t−1 of the same city; where that is missing (the first year of a
  series, or X not delivered for t−1) the stand-in figure S declared as ``previous_year_of: X`` is
  read in year t. ``previous_year_of`` maps the stand-in to its source, exactly like the catalogue
  field: ``{"G-BEV-AUS-VJ": "G-BEV-AUS"}``.
* Gap indicators: ``A`` and ``B`` are each numerator / denominator × multiplier; ``gap`` = A − B in
  the indicator's unit (percentage points for %); ``ratio`` = A / B (the disparity factor,
  multiplier 1, NaN with ``"Nenner 0 (Gruppe B)"`` when B is 0).
* Indicators of kind ``category`` come from master data, have no formula and are skipped.

Evaluation is vectorised: the base figures are pivoted once into a (city, year) × figure matrix
(:mod:`.grid`) and every formula is evaluated once on whole columns.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final, Protocol, TypeAlias

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from vergleichsring.comparison.engine.grid import Grid, Reasons

__all__ = [
    "GAP_MEASURES",
    "INTERVALS",
    "KEY_FIGURE_COLUMNS",
    "KINDS",
    "MISSING_STATUSES",
    "VALUE_STATUSES",
    "FormulaLike",
    "GroupFormula",
    "IndicatorDef",
    "ReferenceLike",
    "key_figures",
]

FloatArray: TypeAlias = NDArray[np.float64]
BoolArray: TypeAlias = NDArray[np.bool_]
ArrayLookup: TypeAlias = Callable[[str, bool], FloatArray]

#: Value statuses whose value is used.
VALUE_STATUSES: Final[frozenset[str]] = frozenset({"ok", "estimated", "provisional", "revised"})
#: Value statuses that mean "no value", whatever the value column holds.
MISSING_STATUSES: Final[frozenset[str]] = frozenset(
    {"not_collectable", "not_delivered", "suppressed"}
)
#: Indicator kinds the engine knows; ``category`` is skipped.
KINDS: Final[frozenset[str]] = frozenset({"rate", "gap", "count", "flag", "delivered", "category"})
#: The measures of a gap indicator, in output order.
GAP_MEASURES: Final[tuple[str, ...]] = ("A", "B", "gap", "ratio")
#: How a value's uncertainty is measured: Wilson (a share), exact Poisson (a rate per 1,000 …),
#: none (growth rates, differences, densities, …). A gap's own measures (gap, ratio) have none.
INTERVALS: Final[frozenset[str]] = frozenset({"wilson", "poisson", "none"})
#: The columns of the value frame, in order.
KEY_FIGURE_COLUMNS: Final[tuple[str, ...]] = (
    "indicator",
    "measure",
    "ags",
    "year",
    "value",
    "numerator",
    "denominator",
    "multiplier",
    "interval",
    "polarity",
    "suppression_threshold",
    "suppressed",
    "status",
    "reason",
)
REASON_ZERO: Final = "Nenner 0"
_NO_STAND_INS: Final[Mapping[str, str]] = MappingProxyType({})


# --- input types -----------------------------------------------------------------------------


class ReferenceLike(Protocol):
    """A base figure read by a formula; ``previous`` is true inside ``prev(...)``."""

    @property
    def code(self) -> str: ...

    @property
    def previous(self) -> bool: ...


class FormulaLike(Protocol):
    """What the engine needs of a formula (the catalogue's ``Formula`` fits structurally).

    ``evaluate(lookup)`` is called with a lookup ``(code, previous) -> float64 array`` and must
    return a float64 array of the same length (NaN where an input is missing or a division is by
    zero); ``references()`` names every base figure the formula reads.
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

    ``kind`` is one of :data:`KINDS`. A gap has exactly the groups A and B, each with a
    denominator; a category has no formula; every other kind has one ``total`` formula.
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

    def formula(self, group: str) -> GroupFormula:
        for spec in self.formulas:
            if spec.group == group:
                return spec
        raise KeyError(f"indicator {self.code} has no formula for group {group}")


# --- evaluation ------------------------------------------------------------------------------


def _references(spec: GroupFormula) -> tuple[tuple[str, bool], ...]:
    """``(code, previous)`` of every base figure read by numerator and denominator, sorted."""
    found = {(ref.code, bool(ref.previous)) for ref in spec.numerator.references()}
    if spec.denominator is not None:
        found |= {(ref.code, bool(ref.previous)) for ref in spec.denominator.references()}
    return tuple(sorted(found))


def _evaluate(formula: FormulaLike, grid: Grid) -> FloatArray:
    result = formula.evaluate(grid.lookup)
    if not isinstance(result, np.ndarray) or result.shape != (grid.n_cells,):
        result = np.broadcast_to(np.asarray(result, dtype=np.float64), (grid.n_cells,))
    return result


@dataclass(frozen=True)
class _Block:
    """One indicator measure of the output: which row of the stacked matrices holds it."""

    indicator: IndicatorDef
    measure: str
    multiplier: float
    row: int


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
    years: Collection[int] | None = None,
    value_statuses: Collection[str] = VALUE_STATUSES,
    missing_statuses: Collection[str] = MISSING_STATUSES,
) -> pd.DataFrame:
    """The value frame (columns :data:`KEY_FIGURE_COLUMNS`) for every indicator, city and year.

    ``base`` is long: ``ags``, ``year``, ``base_figure``, ``value`` (NaN when missing) and
    ``status``; one row per city, year and base figure at most. Every city of ``base`` gets a row
    for every year of ``base`` (or of ``years``, when given: pass the years to show and include
    year t−1 in ``base`` so that ``prev()`` can read it). ``previous_year_of`` maps a stand-in
    figure to the figure whose previous year it carries (``{"G-BEV-AUS-VJ": "G-BEV-AUS"}``).

    Rows are ordered by indicator (as given), measure, ags, year.
    """
    computed = [i for i in indicators if i.kind != "category"]
    parts = [spec for i in computed for spec in i.formulas]
    references = [_references(spec) for spec in parts]
    read_previous = {code for refs in references for code, prev in refs if prev}
    stand_ins = _stand_ins(previous_year_of, read_previous)
    grid = Grid(
        base,
        stand_ins=stand_ins,
        value_statuses=value_statuses,
        missing_statuses=missing_statuses,
    )
    cells = np.arange(grid.n_cells, dtype=np.int64)
    if years is not None:
        wanted = np.asarray(sorted({int(y) for y in years}), dtype=np.int64)
        absent = sorted(set(wanted.tolist()) - set(grid.years.tolist()))
        if absent:
            raise ValueError(f"years {absent} do not occur in the base figures")
        cells = np.flatnonzero(np.isin(grid.cell_year, wanted)).astype(np.int64)

    # every group formula (total, A, B) is one row of the part matrices
    n_parts, n_cells = len(parts), grid.n_cells
    numerator = np.empty((n_parts, n_cells), dtype=np.float64)
    denominator = np.full((n_parts, n_cells), np.nan)
    has_denominator = np.zeros(n_parts, dtype=np.bool_)
    multiplier = np.empty(n_parts, dtype=np.float64)
    row_of: dict[tuple[int, str], int] = {}
    blocks: list[_Block] = []
    gap_rows: list[tuple[int, int]] = []
    n_gaps = sum(1 for indicator in computed if indicator.kind == "gap")
    p = 0
    for number, indicator in enumerate(computed):
        for spec in indicator.formulas:
            numerator[p] = _evaluate(spec.numerator, grid)
            if spec.denominator is not None:
                denominator[p] = _evaluate(spec.denominator, grid)
                has_denominator[p] = True
            multiplier[p] = float(indicator.multiplier)
            row_of[(number, spec.group)] = p
            p += 1
    for number, indicator in enumerate(computed):
        factor = float(indicator.multiplier)
        if indicator.kind != "gap":
            blocks.append(_Block(indicator, "value", factor, row_of[(number, "total")]))
            continue
        a, b = row_of[(number, "A")], row_of[(number, "B")]
        g = len(gap_rows)
        gap_rows.append((a, b))
        blocks.append(_Block(indicator, "A", factor, a))
        blocks.append(_Block(indicator, "B", factor, b))
        blocks.append(_Block(indicator, "gap", factor, n_parts + g))
        blocks.append(_Block(indicator, "ratio", 1.0, n_parts + n_gaps + g))

    with np.errstate(all="ignore"):
        value = np.where(has_denominator[:, None], numerator / denominator, numerator)
        value = value * multiplier[:, None]
    zero = has_denominator[:, None] & (denominator == 0.0) & ~np.isnan(numerator)
    missing = ~np.isfinite(value)
    value[missing] = np.nan
    numerator[missing] = np.nan
    denominator[missing] = np.nan

    a_rows = np.asarray([a for a, _ in gap_rows], dtype=np.int64)
    b_rows = np.asarray([b for _, b in gap_rows], dtype=np.int64)
    a_values, b_values = value[a_rows], value[b_rows]
    b_zero = b_values == 0.0
    with np.errstate(all="ignore"):
        ratio = np.where(b_zero, np.nan, a_values / b_values)
    ratio[~np.isfinite(ratio)] = np.nan
    nothing = np.full((2 * n_gaps, n_cells), np.nan)
    all_values = np.concatenate([value, a_values - b_values, ratio])
    all_numerators = np.concatenate([numerator, nothing])
    all_denominators = np.concatenate([denominator, nothing])

    reasons = Reasons(grid)
    codes = np.full(all_values.shape, -1, dtype=np.int64)
    for row in np.flatnonzero(np.isnan(all_values[:, cells]).any(axis=1)).tolist():
        if row < n_parts:
            codes[row] = reasons.assign(
                all_values[row], references[row], [(zero[row], REASON_ZERO)]
            )
            continue
        g = (row - n_parts) % n_gaps
        a, b = gap_rows[g]
        zero_a = (zero[a], f"{REASON_ZERO} (Gruppe A)")
        zero_b = (zero[b], f"{REASON_ZERO} (Gruppe B)")
        masks = [zero_a, zero_b]
        if row >= n_parts + n_gaps:
            masks.append((b_zero[g], zero_b[1]))
        both = tuple(sorted(set(references[a]) | set(references[b])))
        codes[row] = reasons.assign(all_values[row], both, masks)

    order = np.asarray([block.row for block in blocks], dtype=np.int64)
    return _frame(
        blocks,
        reasons.texts,
        grid,
        cells,
        value=all_values[order][:, cells].ravel(),
        numerator=all_numerators[order][:, cells].ravel(),
        denominator=all_denominators[order][:, cells].ravel(),
        reason=codes[order][:, cells].ravel(),
    )


def _strings(uniques: Sequence[str], codes: NDArray[np.int64]) -> pd.api.extensions.ExtensionArray:
    """A ``str`` array built from a few distinct texts and codes into them (−1 = missing)."""
    table = pd.array(np.asarray(list(uniques), dtype=object), dtype="str")
    return table.take(codes, allow_fill=True)


def _frame(
    blocks: Sequence[_Block],
    reason_texts: Sequence[str],
    grid: Grid,
    cells: NDArray[np.int64],
    *,
    value: FloatArray,
    numerator: FloatArray,
    denominator: FloatArray,
    reason: NDArray[np.int64],
) -> pd.DataFrame:
    n = cells.size
    n_blocks = len(blocks)
    per_block = np.repeat(np.arange(n_blocks, dtype=np.int64), n)

    def labels(values: Sequence[str]) -> pd.api.extensions.ExtensionArray:
        codes, uniques = pd.factorize(np.asarray(list(values), dtype=object))
        return _strings([str(u) for u in uniques], codes.astype(np.int64)[per_block])

    return pd.DataFrame(
        data={
            "indicator": labels([b.indicator.code for b in blocks]),
            "measure": labels([b.measure for b in blocks]),
            "ags": _strings(
                [str(a) for a in grid.ags], np.tile(grid.cell_ags_index[cells], n_blocks)
            ),
            "year": np.tile(grid.cell_year[cells], n_blocks).astype(np.int64),
            "value": value,
            "numerator": numerator,
            "denominator": denominator,
            "multiplier": np.repeat(
                np.asarray([b.multiplier for b in blocks], dtype=np.float64), n
            ),
            "interval": labels(
                [
                    b.indicator.interval if b.measure in ("value", "A", "B") else "none"
                    for b in blocks
                ]
            ),
            "polarity": labels([b.indicator.polarity for b in blocks]),
            "suppression_threshold": np.repeat(
                np.asarray([b.indicator.suppression_threshold for b in blocks], dtype=np.int64), n
            ),
            "suppressed": np.zeros(value.size, dtype=np.bool_),
            "status": _strings(["ok", "missing"], np.isnan(value).astype(np.int64)),
            "reason": _strings(reason_texts, reason),
        },
        copy=False,
    )
