"""Group statistics of key figures across the cities of a comparison group.

DataFrame in, DataFrame out. The value frame has one row per indicator, measure, city and year:
``value`` (NaN = missing), ``numerator``, ``denominator``, ``suppressed``, optionally
``multiplier``. Policies: a value counts when it is finite and not suppressed (``n``); quantiles
by linear interpolation (Hyndman–Fan type 7) exactly as numpy computes them; ``sd`` with
ddof 1; ``mad`` unscaled; ``weighted`` = Σ numerator / Σ denominator × multiplier over the counted
rows (never a suppressed one); a group with fewer than ``min_group_size`` values is *withheld*
(every statistic NaN, ``withheld`` = ``"n=3 < 5"``).

Polars does the grouping: one ``group_by`` sorts every group's rows by value (counted rows
first); order statistics, ranks and leave-one-out quantiles are then read from these sorted runs
by numpy index arithmetic, without a Python loop over groups or cities.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final

import numpy as np
import numpy.typing as npt
import pandas as pd

from vergleichsring.comparison.engine.grouping import (
    FloatArray,
    Grouped,
    IntArray,
    group,
)

__all__ = [
    "DEFAULT_BY",
    "STATISTIC_COLUMNS",
    "Grouped",
    "group",
    "group_statistics",
    "group_statistics_excluding_self",
]


#: The default grouping: one comparison per key figure, measure and data year.
DEFAULT_BY: Final[tuple[str, ...]] = ("indicator", "measure", "year")
#: The statistic columns of :func:`group_statistics`, after the ``by`` columns.
STATISTIC_COLUMNS: Final[tuple[str, ...]] = (
    *("n", "mean", "weighted", "median", "min", "max", "q1", "q3", "iqr", "sd", "mad"),
    "withheld",
)


def _lerp(a: FloatArray, b: FloatArray, t: FloatArray) -> FloatArray:
    """numpy's linear interpolation, bit for bit (``b - (b - a)(1 - t)`` from t = 0.5 on)."""
    diff = b - a
    return np.where(t >= 0.5, b - diff * (1 - t), a + diff * t)


def quantile(get: Callable[[IntArray], FloatArray], n: IntArray, q: float) -> FloatArray:
    """Type-7 quantile ``q`` of runs of length ``n`` read through ``get``; NaN where n = 0."""
    h = np.maximum(n - 1, 0) * q
    low = np.floor(h).astype(np.int64)
    high = np.minimum(low + 1, np.maximum(n - 1, 0))
    result = _lerp(get(low), get(high), h - low)
    return np.where(n > 0, result, np.nan)


def median(get: Callable[[IntArray], FloatArray], n: IntArray) -> FloatArray:
    half = n // 2
    middle = get(half)
    even = (get(np.maximum(half - 1, 0)) + middle) / 2
    return np.where(n > 0, np.where(n % 2 == 0, even, middle), np.nan)


def withheld_reasons(n: IntArray, min_group_size: int) -> npt.NDArray[np.object_]:
    """``None`` where ``n >= min_group_size``, else the reason ``"n=3 < 5"``."""
    reasons = np.full(n.shape, None, dtype=object)
    short = np.flatnonzero(n < min_group_size)
    if short.size:
        found, which = np.unique(n[short], return_inverse=True)
        labels = np.array([f"n={int(k)} < {min_group_size}" for k in found], dtype=object)
        reasons[short] = labels.take(which.reshape(-1))
    return reasons


def _mad(grouped: Grouped, middle: FloatArray) -> FloatArray:
    """median(|x − median|) per group without a second sort.

    In a sorted run the deviations form two ascending runs, ``median − x`` leftwards of
    ``h = n // 2`` and ``x − median`` from ``h`` on; the k-th smallest of both is found by a
    bisection over all groups at once (about log2(n) vectorised steps).
    """
    n, start = grouped.n, grouped.bounds[:-1]
    half = n // 2
    values = grouped.sorted_values
    top = max(values.size - 1, 0)
    if values.size == 0:
        return np.full(n.shape, np.nan)

    def left(i: IntArray) -> FloatArray:
        picked: FloatArray = middle - values.take(np.clip(start + half - 1 - i, 0, top))
        return picked

    def right(j: IntArray) -> FloatArray:
        picked: FloatArray = values.take(np.clip(start + half + j, 0, top)) - middle
        return picked

    def kth(k: IntArray) -> FloatArray:
        len_a, len_b = half, n - half
        lo, hi = np.maximum(0, k + 1 - len_b), np.minimum(k + 1, len_a)
        for _ in range(int(np.max(hi - lo, initial=0)).bit_length() + 1):
            mid = (lo + hi) // 2  # enough taken from the left run when a[mid] >= b[k - mid]
            holds = (mid >= len_a) | (k - mid < 0)
            holds |= left(np.minimum(mid, np.maximum(len_a - 1, 0))) >= right(
                np.maximum(k - mid, 0)
            )
            active = lo < hi
            hi, lo = np.where(active & holds, mid, hi), np.where(active & ~holds, mid + 1, lo)
        from_a = np.where(lo > 0, left(np.maximum(lo - 1, 0)), -np.inf)
        from_b = np.where(k - lo >= 0, right(np.maximum(k - lo, 0)), -np.inf)
        return np.maximum(from_a, from_b)

    result = (kth(np.maximum((n - 1) // 2, 0)) + kth(np.maximum(n // 2, 0))) / 2
    return np.where(n > 0, result, np.nan)


def statistic_arrays(
    frame: pd.DataFrame, grouped: Grouped, *, min_group_size: int
) -> dict[str, npt.NDArray[np.generic]]:
    """The statistics of :data:`STATISTIC_COLUMNS` per group, as arrays in group order."""
    n = grouped.n
    get = grouped.reader(grouped.bounds[:-1])
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(n > 0, grouped.value_sums / n, np.nan)
        centred = grouped.sorted_values - grouped.spread(mean)
        squares = grouped.sorted_sums(centred * centred)
        sd = np.where(n > 1, np.sqrt(squares / (n - 1)), np.nan)
    middle = median(get, n)
    q1, q3 = quantile(get, n, 0.25), quantile(get, n, 0.75)
    result: dict[str, npt.NDArray[np.generic]] = {
        "n": n,
        "mean": mean,
        "weighted": _weighted(frame, grouped),
        "median": middle,
        "min": np.where(n > 0, get(np.zeros_like(n)), np.nan),
        "max": np.where(n > 0, get(np.maximum(n - 1, 0)), np.nan),
        "q1": q1,
        "q3": q3,
        "iqr": q3 - q1,
        "sd": sd,
        "mad": _mad(grouped, middle),
    }
    withheld = n < min_group_size
    for name, array in result.items():
        if name != "n":
            array[withheld] = np.nan
    result["withheld"] = withheld_reasons(n, min_group_size)
    return result


def _weighted(frame: pd.DataFrame, grouped: Grouped) -> FloatArray:
    if "numerator" not in frame.columns or "denominator" not in frame.columns:
        return np.full(grouped.size, np.nan)
    numerator = grouped.counted_sums(frame["numerator"].to_numpy(np.float64, na_value=np.nan))
    denominator = grouped.counted_sums(frame["denominator"].to_numpy(np.float64, na_value=np.nan))
    multiplier = (
        grouped.constant(frame["multiplier"].to_numpy(np.float64, na_value=np.nan), "multiplier")
        if "multiplier" in frame.columns
        else np.ones(grouped.size)
    )
    usable = np.isfinite(denominator) & (denominator != 0) & (grouped.n > 0)
    result = np.full(grouped.size, np.nan)
    result[usable] = numerator[usable] / denominator[usable] * multiplier[usable]
    return result


def statistics_frame(
    keys: pd.DataFrame, arrays: dict[str, npt.NDArray[np.generic]]
) -> pd.DataFrame:
    columns: dict[str, object] = {name: keys[name] for name in keys.columns}
    columns.update({name: arrays[name] for name in STATISTIC_COLUMNS})
    columns["withheld"] = pd.Series(arrays["withheld"], dtype=object, index=keys.index)
    return pd.DataFrame(columns, index=pd.RangeIndex(len(keys)), copy=False)


def group_statistics(
    frame: pd.DataFrame, *, by: Sequence[str] = DEFAULT_BY, min_group_size: int = 5
) -> pd.DataFrame:
    """One row per group of ``by`` (sorted by the keys) with the statistics of its values.

    Columns: the ``by`` columns, then :data:`STATISTIC_COLUMNS`. A group whose values are all
    missing appears with ``n = 0``. A city must appear at most once per group.
    """
    grouped = group(frame, by)
    arrays = statistic_arrays(frame, grouped, min_group_size=min_group_size)
    return statistics_frame(grouped.keys, arrays)


def excluding_self_arrays(
    grouped: Grouped, *, min_group_size: int, quartiles: bool = True
) -> dict[str, npt.NDArray[np.generic]]:
    """``n``, ``mean``, ``median`` and (with ``quartiles``) ``q1``, ``q3`` of each row's group
    without its own value, in the grouped order (``grouped.order``).

    Without the value at sorted place ``p``, the k-th of the ``n − 1`` others is the group's
    k-th value for ``k < p`` and its (k+1)-th from there on: the candidates are read once per
    group and chosen per place.
    """
    counted, local, spread = grouped.counted_sorted, grouped.local, grouped.spread
    n = grouped.n
    full = grouped.reader(grouped.bounds[:-1])
    m = np.maximum(n - 1, 0)

    def without(k: IntArray) -> FloatArray:
        return np.where(spread(k) < local, spread(full(k)), spread(full(k + 1)))

    def quantile_without(q: float) -> FloatArray:
        h = np.maximum(m - 1, 0) * q
        low = np.floor(h).astype(np.int64)
        high = np.minimum(low + 1, np.maximum(m - 1, 0))
        return _lerp(without(low), without(high), spread(h - low))

    half = m // 2
    middle = without(half)
    median_without = np.where(
        spread(m % 2 == 0), (without(np.maximum(half - 1, 0)) + middle) / 2, middle
    )
    others = spread(n) - counted
    shown = others >= max(min_group_size, 1)
    sums = spread(grouped.value_sums)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = (sums - np.where(counted, grouped.sorted_values, 0.0)) / others
    columns: dict[str, npt.NDArray[np.generic]] = {"n": others.astype(np.int64)}
    parts = {"mean": (mean, mean), "median": (median_without, spread(median(full, n)))}
    for name, q in (("q1", 0.25), ("q3", 0.75)) if quartiles else ():
        parts[name] = (quantile_without(q), spread(quantile(full, n, q)))
    for name, (own_out, whole) in parts.items():
        columns[name] = np.where(shown, np.where(counted, own_out, whole), np.nan)
    columns["withheld"] = withheld_reasons(others, min_group_size)
    return columns


def group_statistics_excluding_self(
    frame: pd.DataFrame, *, by: Sequence[str] = DEFAULT_BY, min_group_size: int = 5
) -> pd.DataFrame:
    """Per row the statistics of its group computed without that row's own value.

    Columns ``n``, ``mean``, ``median``, ``q1``, ``q3``, ``withheld``; index = the input's. For
    a missing or suppressed row the city is not in the statistic anyway: the full group's
    statistics are given.
    """
    grouped = group(frame, by)
    in_order = excluding_self_arrays(grouped, min_group_size=min_group_size)
    columns = {name: grouped.unsort(array) for name, array in in_order.items()}
    withheld = pd.Series(columns.pop("withheld"), dtype=object, index=frame.index)
    return pd.DataFrame(columns, index=frame.index).assign(withheld=withheld)
