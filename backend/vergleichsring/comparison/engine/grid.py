"""The base figures as a dense (city, year) × figure matrix, and why a key figure is missing.

Building blocks of :mod:`.key_figures` (see there for the policies).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final, TypeAlias

import numpy as np
import pandas as pd
from numpy.typing import NDArray

FloatArray: TypeAlias = NDArray[np.float64]
BoolArray: TypeAlias = NDArray[np.bool_]

#: Value statuses whose value is used.
VALUE_STATUSES: Final = frozenset({"ok", "estimated", "provisional", "revised"})
#: Value statuses that mean "no value", whatever the value column holds.
MISSING_STATUSES: Final = frozenset({"not_collectable", "not_delivered", "suppressed"})
REASON_UNDEFINED: Final = "nicht berechenbar"
_BASE_COLUMNS: Final = ("ags", "year", "base_figure", "value", "status")


class Grid:
    """Base figures as a dense (city, year) × figure matrix; cells are ordered ags, then year.

    ``stand_ins`` maps a figure read with ``prev()`` to the figure standing in for it.
    """

    def __init__(self, base: pd.DataFrame, stand_ins: Mapping[str, str]) -> None:
        absent = [c for c in _BASE_COLUMNS if c not in base.columns]
        if absent:
            raise ValueError(f"base figures: missing column(s) {absent}")
        status_codes, statuses = pd.factorize(base["status"].astype(str).to_numpy(dtype=object))
        unknown = sorted(str(s) for s in statuses if s not in VALUE_STATUSES | MISSING_STATUSES)
        if unknown:
            raise ValueError(f"base figures: unknown value status(es) {unknown}")
        usable = np.isin(statuses, list(VALUE_STATUSES))[status_codes]
        values = base["value"].to_numpy(dtype=np.float64, na_value=np.nan)
        values = np.where(usable & np.isfinite(values), values, np.nan)

        ags_codes, ags = pd.factorize(base["ags"].astype(str).to_numpy(dtype=object), sort=True)
        year_codes, years = pd.factorize(base["year"].to_numpy(dtype=np.int64), sort=True)
        fig_codes, figures = pd.factorize(base["base_figure"].astype(str).to_numpy(dtype=object))
        self.ags: NDArray[np.object_] = np.asarray(ags, dtype=object)
        self.years: NDArray[np.int64] = np.asarray(years, dtype=np.int64)
        bad = [a for a in self.ags if len(a) != 8 or not a.isdigit()]
        if bad:
            raise ValueError(f"base figures: AGS must be 8 digits, got {bad[:5]}")

        n_years = self.years.size
        self.n_cells = self.ags.size * n_years
        cell = ags_codes.astype(np.int64) * n_years + year_codes
        flat = fig_codes.astype(np.int64) * self.n_cells + cell
        counts = np.bincount(flat, minlength=len(figures) * self.n_cells)
        if (counts > 1).any():
            fig, c = divmod(int(np.flatnonzero(counts > 1)[0]), self.n_cells)
            raise ValueError(
                "base figures: duplicate row for "
                f"ags={self.ags[c // n_years]}, year={self.years[c % n_years]}, "
                f"base_figure={figures[fig]}"
            )
        matrix = np.full(len(figures) * self.n_cells, np.nan)
        matrix[flat] = values
        matrix.flags.writeable = False  # formulas get views of it and must not change it
        self.matrix: FloatArray = matrix.reshape(len(figures), self.n_cells)
        self.row: dict[str, int] = {str(code): i for i, code in enumerate(figures)}

        self.cell_ags_index: NDArray[np.int64] = np.repeat(
            np.arange(self.ags.size, dtype=np.int64), n_years
        )
        self.cell_year: NDArray[np.int64] = np.tile(self.years, self.ags.size)
        has_previous = np.r_[False, np.diff(self.years) == 1] if n_years else np.zeros(0, bool)
        self.has_previous: BoolArray = np.tile(has_previous, self.ags.size)
        self.stand_ins = stand_ins
        self.nan_column: FloatArray = np.full(self.n_cells, np.nan)
        self.nan_column.flags.writeable = False
        self._previous: dict[str, FloatArray] = {}

    def column(self, code: str) -> FloatArray:
        row = self.row.get(code)
        return self.nan_column if row is None else self.matrix[row]

    def lookup(self, code: str, previous: bool) -> FloatArray:
        """The figure ``code`` per cell; with ``previous`` that of year t−1, else its stand-in."""
        if not previous:
            return self.column(code)
        cached = self._previous.get(code)
        if cached is None:
            shifted = np.full(self.n_cells, np.nan)
            shifted[1:] = self.column(code)[:-1]
            shifted[~self.has_previous] = np.nan
            stand_in = self.stand_ins.get(code)
            if stand_in is not None:
                shifted = np.where(np.isnan(shifted), self.column(stand_in), shifted)
            cached = np.asarray(shifted, dtype=np.float64)
            cached.flags.writeable = False
            self._previous[code] = cached
        return cached

    def label(self, code: str, previous: bool) -> str:
        if not previous:
            return code
        stand_in = self.stand_ins.get(code)
        return f"prev({code})" if stand_in is None else f"prev({code}) bzw. {stand_in}"


def reasons(
    grid: Grid,
    value: FloatArray,
    references: Sequence[tuple[str, bool]],
    zero: Sequence[tuple[BoolArray, str]],
) -> NDArray[np.object_]:
    """Per cell None where ``value`` is finite, else the text of why it is missing.

    Missing base figures are named first; then the zero-denominator masks are tried in order;
    anything left is :data:`REASON_UNDEFINED`.
    """
    texts = np.full(value.shape, None, dtype=object)
    open_ = np.isnan(value)
    if not open_.any():
        return texts
    if references:
        missing = np.stack([np.isnan(grid.lookup(code, prev)) for code, prev in references])
        weights = np.left_shift(np.int64(1), np.arange(len(references), dtype=np.int64))
        patterns = (missing[:, open_] * weights[:, None]).sum(axis=0)
        unique, inverse = np.unique(patterns, return_inverse=True)
        named = np.full(unique.size, None, dtype=object)
        for i, pattern in enumerate(unique.tolist()):
            names = [grid.label(*ref) for j, ref in enumerate(references) if pattern >> j & 1]
            if names:
                named[i] = f"Grunddaten fehlen: {', '.join(names)}"
        texts[open_] = named[inverse]
        open_ &= pd.isna(texts)
    for mask, text in zero:
        texts[open_ & mask] = text
        open_ &= ~mask
    texts[open_] = REASON_UNDEFINED
    return texts
