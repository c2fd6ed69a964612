"""Grouping the value frame: Polars sorts the rows of every comparison group by value."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
import polars as pl

__all__ = ["BoolArray", "FloatArray", "Grouped", "IntArray", "combined_codes", "group"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


def _require(frame: pd.DataFrame, columns: Sequence[str]) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise KeyError(f"the value frame lacks the column(s) {missing}")


def _sortable(column: pd.Series) -> npt.NDArray[np.int64]:
    """Integer codes in the column's sort order (categories in their order), missing last."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        codes = column.cat.codes.to_numpy().astype(np.int64)
        return np.where(codes < 0, len(column.cat.categories), codes)
    if isinstance(column.dtype, np.dtype) and column.dtype.kind in "iub":
        return column.to_numpy().astype(np.int64, copy=False)
    codes, uniques = pd.factorize(column, sort=True)
    return np.where(codes < 0, len(uniques), codes).astype(np.int64)


def combined_codes(frame: pd.DataFrame, columns: Sequence[str]) -> tuple[IntArray, int]:
    """One integer per row for its combination of ``columns`` (a mixed radix of the columns'
    codes, in their sort order, a missing entry last) and the number of possible values."""
    combined = np.zeros(len(frame), dtype=np.int64)
    space = 1
    for column in columns:
        codes = _sortable(frame[column])
        low = int(codes.min(initial=0))
        radix = int(codes.max(initial=0)) - low + 1
        space *= radix
        if space >= 2**62:
            raise ValueError("too many key combinations to group")
        combined = combined * radix + (codes - low)
    return combined, space


@dataclass(frozen=True, eq=False)
class Grouped:
    """The rows of a value frame grouped by ``by``, counted rows first and ascending by value.

    Group ``g`` holds the rows ``order[bounds[g]:bounds[g + 1]]``; its first ``n[g]`` are the
    counted ones, sorted by value. ``keys`` has one row per group, sorted by the keys.
    """

    keys: pd.DataFrame
    order: IntArray
    bounds: IntArray
    n: IntArray
    values: FloatArray
    counted: BoolArray
    #: The rows are in grouped order already (``order`` is the identity): nothing is gathered.
    in_order: bool = False

    @property
    def size(self) -> int:
        return int(self.n.size)

    @cached_property
    def sizes(self) -> IntArray:
        return np.diff(self.bounds)

    @cached_property
    def local(self) -> IntArray:
        """Per sorted place its 0-based place within its group."""
        return np.arange(self.order.size) - np.repeat(self.bounds[:-1], self.sizes)

    @cached_property
    def counted_sorted(self) -> BoolArray:
        """Per sorted place whether it holds a counted value (the first ``n`` of a group)."""
        return self.local < np.repeat(self.n, self.sizes)

    @cached_property
    def group_of_place(self) -> IntArray:
        """Per sorted place the number of its group."""
        return np.repeat(np.arange(self.size), self.sizes)

    @cached_property
    def sorted_values(self) -> FloatArray:
        return self.sort(self.values)

    def spread(self, per_group: npt.NDArray[Any]) -> npt.NDArray[Any]:
        """A per-group array repeated for every sorted place of its group."""
        return np.repeat(per_group, self.sizes)

    @cached_property
    def inverse(self) -> IntArray:
        """Per input row its place in the sorted (grouped) order."""
        result = np.empty(self.order.size, dtype=np.int64)
        result[self.order] = np.arange(self.order.size, dtype=np.int64)
        return result

    def sort(self, column: npt.NDArray[Any]) -> npt.NDArray[Any]:
        """A per-row array in sorted (grouped) order (one gather)."""
        return column if self.in_order else column.take(self.order)

    def unsort(self, in_order: npt.NDArray[Any]) -> npt.NDArray[Any]:
        """An array in sorted (grouped) order back in the input's row order (one gather)."""
        return in_order if self.in_order else in_order.take(self.inverse)

    @cached_property
    def value_sums(self) -> FloatArray:
        """Σ of each group's counted values (shared by the mean and the leave-one-out mean)."""
        return self.sorted_sums(self.sorted_values)

    def counted_sums(self, column: FloatArray) -> FloatArray:
        """Σ over each group's counted rows of a per-row column (NaN propagates)."""
        return self.sorted_sums(self.sort(column))

    def sorted_sums(self, in_order: FloatArray) -> FloatArray:
        """Σ over each group's counted places of an array in sorted order, added up in that
        order, so that a group's sum does not depend on the order of the input's rows."""
        if self.order.size == 0:
            return np.zeros(self.size)
        weights = np.where(self.counted_sorted, in_order, 0.0)
        sums = np.add.reduceat(weights, self.bounds[:-1])  # no group is empty
        return sums.astype(np.float64, copy=False)

    def constant(self, column: npt.NDArray[np.float64], name: str) -> FloatArray:
        """The value a column takes in each group's counted rows; it must not vary there."""
        in_order = self.sort(column)
        first = in_order.take(np.minimum(self.bounds[:-1], max(in_order.size - 1, 0)))
        expected = self.spread(first)
        same = (in_order == expected) | (np.isnan(in_order) & np.isnan(expected))
        same |= ~self.counted_sorted
        if not same.all():
            raise ValueError(f"the column {name!r} varies inside a comparison group")
        return np.where(self.n > 0, first, np.nan)

    def reader(
        self, base: IntArray, skip: IntArray | None = None
    ) -> Callable[[IntArray], FloatArray]:
        """``get(k)``: the k-th counted value (0-based) of the run starting at ``base``,
        leaving out the place ``skip`` where given."""
        values = self.sorted_values
        top = max(values.size - 1, 0)

        def get(k: IntArray) -> FloatArray:
            if values.size == 0:
                return np.full(k.shape, np.nan)
            index = base + k if skip is None else base + k + (k >= skip)
            picked: FloatArray = values.take(np.minimum(index, top))
            return picked

        return get


def group(frame: pd.DataFrame, by: Sequence[str]) -> Grouped:
    """Group and sort the value frame by ``by`` (Polars ``group_by`` with a sort per group)."""
    _require(frame, [*by, "value"])
    values = frame["value"].to_numpy(dtype=np.float64, na_value=np.nan)
    counted = np.isfinite(values)
    if "suppressed" in frame.columns:
        counted &= ~frame["suppressed"].to_numpy(dtype=np.bool_, na_value=False)
    size = len(frame)
    rows = np.arange(size, dtype=np.int64)
    if size == 0:
        empty = np.zeros(0, dtype=np.int64)
        keys = frame[list(by)].iloc[:0].reset_index(drop=True)
        return Grouped(keys, empty, np.zeros(1, dtype=np.int64), empty, values, counted)
    if not by:
        order = np.argsort(np.where(counted, values, np.inf), kind="stable").astype(np.int64)
        n = np.array([counted.sum()], dtype=np.int64)
        keys = pd.DataFrame(index=pd.RangeIndex(1))
        bounds = np.array([0, size], dtype=np.int64)
        return Grouped(keys, order, bounds, n, values, counted)
    combined, _ = combined_codes(frame, by)
    names = ["_g"]
    table = pl.DataFrame(
        {"_g": combined, "_s": np.where(counted, values, np.inf), "_r": rows, "_c": counted}
    )
    grouped = (
        table.group_by(names)
        .agg(pl.col("_r").sort_by("_s"), pl.col("_c").sum().alias("_n"))
        .sort(names)
    )
    order = grouped["_r"].explode().to_numpy().astype(np.int64, copy=False)
    bounds = np.zeros(grouped.height + 1, dtype=np.int64)
    np.cumsum(grouped["_r"].list.len().to_numpy(), out=bounds[1:])
    keys = frame[list(by)].iloc[order[bounds[:-1]]].reset_index(drop=True)
    n = grouped["_n"].to_numpy().astype(np.int64)
    return Grouped(keys, order, bounds, n, values, counted)
