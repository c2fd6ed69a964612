"""The base figures as a dense (city, year) × figure matrix, and why a key figure is missing.

Building blocks of :mod:`.key_figures` (see there for the policies).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Final, TypeAlias

import numpy as np
import pandas as pd
from numpy.typing import NDArray

FloatArray: TypeAlias = NDArray[np.float64]
BoolArray: TypeAlias = NDArray[np.bool_]
REASON_UNDEFINED: Final = "nicht berechenbar"
_BASE_COLUMNS: Final = ("ags", "year", "base_figure", "value", "status")


# --- the base-figure matrix ------------------------------------------------------------------


class Grid:
    """Base figures as a dense (city, year) × figure matrix; cells are ordered ags, then year."""

    def __init__(
        self,
        base: pd.DataFrame,
        *,
        stand_ins: Mapping[str, str],
        value_statuses: Collection[str],
        missing_statuses: Collection[str],
    ) -> None:
        absent = [c for c in _BASE_COLUMNS if c not in base.columns]
        if absent:
            raise ValueError(f"base figures: missing column(s) {absent}")
        ags = base["ags"].astype(str).to_numpy(dtype=object)
        years = base["year"].to_numpy(dtype=np.int64)
        figures = base["base_figure"].astype(str).to_numpy(dtype=object)
        status = base["status"].astype(str).to_numpy(dtype=object)
        values = base["value"].to_numpy(dtype=np.float64, na_value=np.nan)

        status_codes, status_uniques = pd.factorize(status)
        known = set(value_statuses) | set(missing_statuses)
        unknown = sorted(str(s) for s in status_uniques if s not in known)
        if unknown:
            raise ValueError(f"base figures: unknown value status(es) {unknown}")
        usable = np.asarray([s in value_statuses for s in status_uniques], dtype=np.bool_)
        values = np.where(usable[status_codes] & np.isfinite(values), values, np.nan)

        ags_codes, ags_uniques = pd.factorize(ags, sort=True)
        year_codes, year_uniques = pd.factorize(years, sort=True)
        fig_codes, fig_uniques = pd.factorize(figures, sort=False)
        self.ags: NDArray[np.object_] = np.asarray(ags_uniques, dtype=object)
        self.years: NDArray[np.int64] = np.asarray(year_uniques, dtype=np.int64)
        bad = [a for a in self.ags if len(a) != 8 or not a.isdigit()]
        if bad:
            raise ValueError(f"base figures: AGS must be 8 digits, got {bad[:5]}")

        n_years = self.years.size
        self.n_cells = self.ags.size * n_years
        cell = ags_codes.astype(np.int64) * n_years + year_codes
        flat = fig_codes.astype(np.int64) * self.n_cells + cell
        counts = np.bincount(flat, minlength=len(fig_uniques) * self.n_cells)
        if (counts > 1).any():
            first = int(np.flatnonzero(counts > 1)[0])
            fig, c = divmod(first, self.n_cells)
            raise ValueError(
                "base figures: duplicate row for "
                f"ags={self.ags[c // n_years]}, year={self.years[c % n_years]}, "
                f"base_figure={fig_uniques[fig]}"
            )
        matrix = np.full(len(fig_uniques) * self.n_cells, np.nan)
        matrix[flat] = values
        matrix.flags.writeable = False  # formulas get views of it and must not change it
        self.matrix: FloatArray = matrix.reshape(len(fig_uniques), self.n_cells)
        self.row: dict[str, int] = {str(code): i for i, code in enumerate(fig_uniques)}

        self.cell_ags_index: NDArray[np.int64] = np.repeat(
            np.arange(self.ags.size, dtype=np.int64), n_years
        )
        self.cell_year: NDArray[np.int64] = np.tile(self.years, self.ags.size)
        has_previous = np.r_[False, np.diff(self.years) == 1] if n_years else np.zeros(0, bool)
        self.has_previous: BoolArray = np.tile(has_previous, self.ags.size)
        self.previous_cell: NDArray[np.int64] = np.where(
            self.has_previous, np.arange(self.n_cells) - 1, 0
        )
        self.stand_ins = stand_ins
        self.nan_column: FloatArray = np.full(self.n_cells, np.nan)
        self.nan_column.flags.writeable = False
        self.false_column: BoolArray = np.zeros(self.n_cells, dtype=np.bool_)
        self.false_column.flags.writeable = False
        self.no_reason: NDArray[np.int64] = np.full(self.n_cells, -1, dtype=np.int64)
        self.no_reason.flags.writeable = False
        self._previous: dict[str, FloatArray] = {}

    def column(self, code: str) -> FloatArray:
        row = self.row.get(code)
        return self.nan_column if row is None else self.matrix[row]

    def lookup(self, code: str, previous: bool) -> FloatArray:
        if not previous:
            return self.column(code)
        cached = self._previous.get(code)
        if cached is None:
            shifted = np.where(self.has_previous, self.column(code)[self.previous_cell], np.nan)
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


class Reasons:
    """Reason texts, interned: rows carry int codes into ``texts`` (−1 = no reason)."""

    def __init__(self, grid: Grid) -> None:
        self.grid = grid
        self.texts: list[str] = []
        self._index: dict[str, int] = {}

    def code(self, text: str) -> int:
        index = self._index.get(text)
        if index is None:
            index = self._index[text] = len(self.texts)
            self.texts.append(text)
        return index

    def assign(
        self,
        value: FloatArray,
        references: Sequence[tuple[str, bool]],
        zero: Sequence[tuple[BoolArray, str]],
    ) -> NDArray[np.int64]:
        """Per cell: −1 where ``value`` is finite, else the code of why it is missing.

        Missing base figures are named first; then the zero-denominator masks are tried in
        order; anything left is :data:`REASON_UNDEFINED`.
        """
        codes = np.full(value.shape, -1, dtype=np.int64)
        open_ = np.isnan(value)
        if references:
            lookup = self.grid.lookup
            missing = np.stack([np.isnan(lookup(code, prev)) for code, prev in references])
            weights = np.left_shift(np.int64(1), np.arange(len(references), dtype=np.int64))
            patterns = (missing[:, open_] * weights[:, None]).sum(axis=0)
            unique, inverse = np.unique(patterns, return_inverse=True)
            texts = np.full(unique.size, -1, dtype=np.int64)
            for i, pattern in enumerate(unique.tolist()):
                names = [
                    self.grid.label(*ref) for j, ref in enumerate(references) if pattern >> j & 1
                ]
                if names:
                    texts[i] = self.code(f"Grunddaten fehlen: {', '.join(names)}")
            codes[open_] = texts[inverse]
            open_ = open_ & (codes < 0)
        for mask, text in zero:
            hit = open_ & mask
            if hit.any():
                codes[hit] = self.code(text)
                open_ = open_ & ~hit
        if open_.any():
            codes[open_] = self.code(REASON_UNDEFINED)
        return codes
