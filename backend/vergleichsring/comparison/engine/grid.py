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

VALUE_STATUSES: Final = frozenset({"ok", "estimated", "provisional", "revised"})
MISSING_STATUSES: Final = frozenset({"not_collectable", "not_delivered", "suppressed"})
REASON_UNDEFINED: Final = "nicht berechenbar"
_KEYS: Final = ["ags", "year", "base_figure"]


class Grid:
    """Base figures as a (city, year) × figure matrix; cells are ordered ags, then year.

    ``stand_ins`` maps a figure read with ``prev()`` to the figure standing in for it.
    """

    def __init__(self, base: pd.DataFrame, stand_ins: Mapping[str, str]) -> None:
        absent = [c for c in [*_KEYS, "value", "status"] if c not in base.columns]
        if absent:
            raise ValueError(f"base figures: missing column(s) {absent}")
        status_codes, statuses = pd.factorize(base["status"].astype(str).to_numpy(dtype=object))
        unknown = sorted(set(statuses) - VALUE_STATUSES - MISSING_STATUSES)
        if unknown:
            raise ValueError(f"base figures: unknown value status(es) {unknown}")
        ags_codes, ags = pd.factorize(base["ags"].astype(str).to_numpy(dtype=object), sort=True)
        bad = [a for a in ags if len(a) != 8 or not a.isdigit()]
        if bad:
            raise ValueError(f"base figures: AGS must be 8 digits, got {bad[:5]}")
        year_codes, years = pd.factorize(base["year"].to_numpy(dtype=np.int64), sort=True)
        fig_codes, figures = pd.factorize(base["base_figure"].astype(str).to_numpy(dtype=object))
        self.n_cells = len(ags) * len(years)
        cells = ags_codes * len(years) + year_codes
        flat = fig_codes * self.n_cells + cells
        repeated = np.bincount(flat)[flat] > 1
        if repeated.any():
            ags_, year, figure = base[_KEYS].iloc[int(np.flatnonzero(repeated)[0])]
            raise ValueError(
                f"base figures: duplicate row for ags={ags_}, year={year}, base_figure={figure}"
            )
        values = base["value"].to_numpy(dtype=np.float64, na_value=np.nan)
        usable = np.isin(statuses, list(VALUE_STATUSES))[status_codes] & np.isfinite(values)

        self.ags: NDArray[np.object_] = np.asarray(ags, dtype=object)
        self.matrix: FloatArray = np.full((len(figures), self.n_cells), np.nan)
        self.matrix[fig_codes, cells] = np.where(usable, values, np.nan)
        self.matrix.flags.writeable = False  # formulas get views of it and must not change it
        self.row = {str(code): i for i, code in enumerate(figures)}
        self.cell_ags_index = np.repeat(np.arange(len(ags), dtype=np.int64), len(years))
        self.cell_year: NDArray[np.int64] = np.tile(np.asarray(years, dtype=np.int64), len(ags))
        has_previous = np.r_[False, np.diff(years) == 1] if len(years) else np.zeros(0, bool)
        self.has_previous: BoolArray = np.tile(has_previous, len(ags))
        self.stand_ins = stand_ins
        self.nan_column: FloatArray = np.full(self.n_cells, np.nan)
        self.nan_column.flags.writeable = False
        self._previous: dict[str, FloatArray] = {}

    def lookup(self, code: str, previous: bool) -> FloatArray:
        """The figure ``code`` per cell; with ``previous`` that of year t−1, else its stand-in."""
        row = self.row.get(code)
        column = self.nan_column if row is None else self.matrix[row]
        if not previous:
            return column
        cached = self._previous.get(code)
        if cached is None:
            cached = np.full(self.n_cells, np.nan)
            cached[1:] = column[:-1]
            cached[~self.has_previous] = np.nan
            stand_in = self.stand_ins.get(code)
            if stand_in is not None:
                cached = np.where(np.isnan(cached), self.lookup(stand_in, False), cached)
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
    names = np.full(value.shape, "", dtype=object)
    for code, previous in references:
        label = grid.label(code, previous)
        lacking = open_ & np.isnan(grid.lookup(code, previous))
        names[lacking] = np.where(names[lacking] == "", label, names[lacking] + ", " + label)
    named = names != ""
    texts[named] = "Grunddaten fehlen: " + names[named]
    open_ &= ~named
    for mask, text in zero:
        texts[open_ & mask] = text
        open_ &= ~mask
    texts[open_] = REASON_UNDEFINED
    return texts
