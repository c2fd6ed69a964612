"""Group statistics of key figures across the cities of a comparison group.

Pure functions, DataFrame in, DataFrame out. The input is the long *value frame* (one row per
indicator, measure, city and year) with the columns

``indicator``, ``measure``, ``ags``, ``year``, ``value`` (float, NaN = missing),
``numerator``, ``denominator`` (float or NaN), ``suppressed`` (bool) and optionally ``multiplier``.

Conventions (policies are keyword parameters with the defaults named here):

- A value enters a statistic only when it is finite and not ``suppressed``; the statistics of
  a group are computed from the remaining values, and ``n`` counts them.
- Quantiles use numpy's methods, default ``"linear"`` (Hyndman–Fan type 7, R's default).
  ``median`` is always the classic median (the mean of the two middle values for even ``n``),
  whatever the quantile method.
- ``sd`` is the standard deviation with ``ddof`` (default 1, the sample standard deviation).
- ``mad`` is the unscaled median absolute deviation, ``median(|x - median|)``.
- ``weighted`` is the ring value Σ numerator / Σ denominator × multiplier over the same rows
  that ``n`` counts. Suppressed rows never enter it (their counts would otherwise be
  recoverable from the ring value). It is NaN when a counted row lacks numerator or
  denominator, or when Σ denominator is 0.
- A group with fewer than ``min_group_size`` values is *withheld*: every statistic is NaN,
  ``n`` stays, and ``withheld`` carries the reason (``"n=3 < 5"``).
- Whether the own city is inside the statistic: it is in :func:`group_statistics`; it is not
  in :func:`group_statistics_excluding_self`.

Comparison groups (peer groups) are either selected by filtering rows before the call or
given as an ``ags`` × ``group`` membership frame: :func:`assign_groups` repeats every row once
per group of its city, and ``by=("group", "indicator", "measure", "year")`` then computes the
statistics per group.

Implementation: the engine sorts each group once (a segmented sort: consecutive groups are laid
out as the rows of a small padded matrix and sorted along the rows with one ``argsort``) and
reads every order statistic, rank and leave-one-out quantile from the sorted runs with
vectorised index arithmetic; no Python loop runs over cities, and groups are only visited in
chunks of about :data:`CHUNK_ROWS` values. Large inputs are processed chunk by chunk on a few
threads (numpy releases the GIL); the results do not depend on the number of threads. Frames ordered by the ``by`` keys (as the service's query delivers them) skip one
counting sort.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise
from typing import Any, Final

import numpy as np
import numpy.typing as npt
import pandas as pd

__all__ = [
    "DEFAULT_BY",
    "QUANTILE_METHODS",
    "STATISTIC_COLUMNS",
    "SortedGroups",
    "assign_groups",
    "group_codes",
    "group_statistics",
    "group_statistics_excluding_self",
    "per_group_constant",
    "reduce_groups",
    "run_chunked",
    "sort_groups",
    "statistics_frame",
]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]
BoolArray = npt.NDArray[np.bool_]

#: The default grouping: one comparison per key figure, measure and data year.
DEFAULT_BY: Final[tuple[str, ...]] = ("indicator", "measure", "year")

#: The statistic columns of :func:`group_statistics`, after the ``by`` columns.
STATISTIC_COLUMNS: Final[tuple[str, ...]] = (
    "n",
    "mean",
    "weighted",
    "median",
    "min",
    "max",
    "q1",
    "q3",
    "iqr",
    "sd",
    "mad",
    "withheld",
)

_CONTINUOUS: Final[dict[str, tuple[float, float]]] = {
    "weibull": (0.0, 0.0),
    "hazen": (0.5, 0.5),
    "median_unbiased": (1 / 3.0, 1 / 3.0),
    "normal_unbiased": (3 / 8.0, 3 / 8.0),
    "interpolated_inverted_cdf": (0.0, 1.0),
}
_DISCRETE: Final[frozenset[str]] = frozenset(
    {"lower", "higher", "nearest", "inverted_cdf", "closest_observation"}
)

#: The quantile methods understood (numpy's names; ``"linear"`` is Hyndman–Fan type 7).
QUANTILE_METHODS: Final[frozenset[str]] = frozenset(
    {"linear", "midpoint", "averaged_inverted_cdf", *_CONTINUOUS, *_DISCRETE}
)

# A chunk is sorted as a padded matrix while it has at most this many cells per value; else by
# one lexsort.
_PADDING_LIMIT: Final[int] = 2

#: Values per chunk of work: big enough to amortise numpy's call overhead, small enough that a
#: chunk's temporaries stay in the CPU cache.
CHUNK_ROWS: int = 1 << 17


def _worker_count() -> int:
    try:
        available = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        available = os.cpu_count() or 1
    return max(1, min(available, 8))


#: Threads for large inputs (at most 8); 1 on a single CPU.
_WORKERS: int = _worker_count()


def run_chunked(spans: Sequence[tuple[int, int]], work: Callable[[int, int], None]) -> None:
    """Call ``work(start, stop)`` for every span; on several threads when there are several.

    The spans must touch disjoint parts of any array they write to.
    """
    if _WORKERS == 1 or len(spans) <= 1:
        for start, stop in spans:
            work(start, stop)
        return
    with ThreadPoolExecutor(max_workers=min(_WORKERS, len(spans))) as pool:
        for future in [pool.submit(work, start, stop) for start, stop in spans]:
            future.result()


def row_spans(total: int, chunk: int | None = None) -> list[tuple[int, int]]:
    """``[0, total)`` cut into consecutive spans of ``chunk`` (default :data:`CHUNK_ROWS`)."""
    step = chunk or CHUNK_ROWS
    return [(start, min(start + step, total)) for start in range(0, total, step)]


def group_spans(starts: IntArray, chunk: int | None = None) -> list[tuple[int, int]]:
    """Consecutive groups ``[g0, g1)`` holding about ``chunk`` values each (offsets ``starts``).

    A group larger than a chunk forms a span of its own; every group is in exactly one span.
    """
    n_groups = starts.size - 1
    if n_groups <= 0:
        return []
    step = chunk or CHUNK_ROWS
    cuts = np.searchsorted(starts, np.arange(0, int(starts[-1]), step), side="right") - 1
    bounds = np.unique(np.concatenate([[0], np.clip(cuts, 0, n_groups), [n_groups]]))
    return list(pairwise(int(bound) for bound in bounds))


# --------------------------------------------------------------------------------------------
# Grouping and the segmented sort
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SortedGroups:
    """The rows of a value frame grouped by ``by`` and sorted by value inside each group.

    A building block shared by the engine's modules; its arrays are read-only by convention.

    - ``keys``: one row per group (the ``by`` columns), sorted; group ``g`` is row ``g``.
    - ``codes``: per input row, its group number.
    - ``values``: per input row, the value as float64.
    - ``valid``: per input row, whether the value counts (finite and not suppressed).
    - ``order``: the positions (0-based, into the input rows) of the valid rows, grouped by
      group number and ascending by value inside a group.
    - ``starts``: ``order[starts[g]:starts[g + 1]]`` are the valid rows of group ``g``.
    - ``sorted_values``: ``values[order]``.
    """

    keys: pd.DataFrame
    codes: IntArray
    values: FloatArray
    valid: BoolArray
    order: IntArray
    starts: IntArray
    sorted_values: FloatArray

    @property
    def n_groups(self) -> int:
        return int(self.starts.size - 1)

    @cached_property
    def counts(self) -> IntArray:
        """The number of valid values per group."""
        return np.diff(self.starts)

    @cached_property
    def spans(self) -> list[tuple[int, int]]:
        """Consecutive groups ``[g0, g1)`` of about :data:`CHUNK_ROWS` counted values each."""
        return group_spans(self.starts)

    @cached_property
    def rank_position(self) -> IntArray:
        """Per input row its 0-based place in its group's sorted run; -1 if it does not count."""
        position = np.full(self.codes.size, -1, dtype=np.intp)

        def place(g0: int, g1: int) -> None:
            s0, s1 = int(self.starts[g0]), int(self.starts[g1])
            local = np.arange(s0, s1, dtype=np.intp)
            local -= np.repeat(self.starts[g0:g1], self.counts[g0:g1])
            position[self.order[s0:s1]] = local

        run_chunked(self.spans, place)
        return position


def _require(frame: pd.DataFrame, columns: Sequence[str]) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise KeyError(f"the value frame lacks the column(s) {missing}")


@dataclass(frozen=True)
class _ColumnCodes:
    """Codes ``0 .. size-1`` of one key column (``codes - offset``), in its sort order.

    ``codes`` keeps the column's own integer type (no copy of categorical codes or years).
    """

    codes: npt.NDArray[np.integer[Any]]
    offset: int
    size: int
    decode: Callable[[npt.NDArray[np.int64]], pd.Series]


def _column_codes(column: pd.Series) -> _ColumnCodes:
    dtype = column.dtype
    n_rows = len(column)
    if isinstance(dtype, pd.CategoricalDtype):
        # Category order, as pandas' groupby sorts categoricals; missing keys come last.
        codes: npt.NDArray[np.integer[Any]] = column.cat.codes.to_numpy()
        size = len(dtype.categories)
        if (codes < 0).any():
            codes = np.where(codes < 0, size, codes).astype(np.intp)
            size += 1
        category_count = len(dtype.categories)

        def decode_categorical(part: npt.NDArray[np.int64]) -> pd.Series:
            missing_as_minus_one = np.where(part >= category_count, -1, part)
            return pd.Series(pd.Categorical.from_codes(missing_as_minus_one, dtype=dtype))

        return _ColumnCodes(codes, 0, max(size, 1), decode_categorical)
    if isinstance(dtype, np.dtype) and dtype.kind in "iu" and n_rows:
        raw = column.to_numpy()
        low, high = int(raw.min()), int(raw.max())
        if high - low <= 4 * n_rows + 1024:
            # A small range of integers (years): offsets are codes, no hashing needed.
            def decode_range(part: npt.NDArray[np.int64]) -> pd.Series:
                return pd.Series((part + low).astype(dtype))

            return _ColumnCodes(raw, low, high - low + 1, decode_range)
    factorized, uniques = pd.factorize(column, sort=True, use_na_sentinel=False)
    unique_index = pd.Index(uniques)

    def decode_factorized(part: npt.NDArray[np.int64]) -> pd.Series:
        return pd.Series(unique_index.take(part))

    return _ColumnCodes(
        np.asarray(factorized, dtype=np.intp), 0, max(len(unique_index), 1), decode_factorized
    )


def group_codes(frame: pd.DataFrame, by: Sequence[str]) -> tuple[IntArray, pd.DataFrame]:
    """Per row a dense group number, and the groups' keys (one row per group, sorted)."""
    _require(frame, by)
    n_rows = len(frame)
    if not by:
        return np.zeros(n_rows, dtype=np.intp), pd.DataFrame(index=pd.RangeIndex(1))
    columns = [_column_codes(frame[column]) for column in by]
    space = 1
    for column in columns:
        space *= column.size
    if space > 2**62:
        # Too many combinations for one integer: number them by their first row instead.
        codes, first = _dense_codes_by_rows(frame, by)
        return codes, frame[list(by)].iloc[first].reset_index(drop=True)
    # Mixed-radix number of the key combination, then renumbered densely in the same order.
    group_number: IntArray = np.empty(n_rows, dtype=np.intp)

    def combine(start: int, stop: int) -> None:
        combined = group_number[start:stop]
        combined[:] = 0
        for column in columns:
            combined *= column.size
            np.add(combined, column.codes[start:stop], out=combined, casting="unsafe")
            if column.offset:
                combined -= column.offset

    spans = row_spans(n_rows)
    run_chunked(spans, combine)
    if space <= max(4 * n_rows, 1 << 20):
        present = np.zeros(space, dtype=np.bool_)
        present[group_number] = True
        used = np.flatnonzero(present).astype(np.int64)
        lookup = np.cumsum(present, dtype=np.intp)
        lookup -= 1

        def renumber(start: int, stop: int) -> None:
            part = group_number[start:stop]
            np.take(lookup, part, out=part, mode="clip")

        run_chunked(spans, renumber)
    else:
        used, inverse = np.unique(group_number, return_inverse=True)
        group_number = inverse.astype(np.intp).reshape(-1)
    rest = used
    parts: list[npt.NDArray[np.int64]] = []
    for column in reversed(columns):
        rest, part = np.divmod(rest, column.size)
        parts.append(part)
    keys = pd.DataFrame(
        {
            name: column.decode(part)
            for name, column, part in zip(by, columns, reversed(parts), strict=True)
        }
    )
    return group_number, keys


def _dense_codes_by_rows(frame: pd.DataFrame, by: Sequence[str]) -> tuple[IntArray, IntArray]:
    grouped = frame.groupby(list(by), sort=True, dropna=False, observed=True)
    codes: IntArray = np.asarray(grouped.ngroup().to_numpy(), dtype=np.intp)
    first = np.full(int(codes.max()) + 1 if codes.size else 0, -1, dtype=np.intp)
    first[codes[::-1]] = np.arange(codes.size - 1, -1, -1, dtype=np.intp)
    return codes, first


def _segmented_order(
    codes: IntArray, values: FloatArray, valid: BoolArray, n_groups: int
) -> tuple[IntArray, IntArray, FloatArray]:
    """The valid rows grouped by code and ascending by value in each group.

    Returns ``order`` (row positions), the group offsets ``starts`` into it, and
    ``values[order]``. Work proceeds in spans of consecutive groups: a span's values (+inf for
    rows that do not count, so they sort last) fill a padded ``groups × largest group`` matrix
    sorted along its rows by one ``argsort``; a span of very uneven groups is sorted by one
    ``lexsort`` instead.
    """
    size = codes.size
    counts = np.bincount(codes, minlength=n_groups).astype(np.intp)
    all_starts = np.zeros(n_groups + 1, dtype=np.intp)
    np.cumsum(counts, out=all_starts[1:])
    grouped = _grouped_rows(codes, n_groups)
    valid_grouped = valid if grouped is None else valid.take(grouped)
    valid_counts = np.zeros(n_groups, dtype=np.intp)
    nonempty = counts > 0
    if size:
        valid_counts[nonempty] = np.add.reduceat(
            valid_grouped, all_starts[:-1][nonempty], dtype=np.intp
        )
    starts = np.zeros(n_groups + 1, dtype=np.intp)
    np.cumsum(valid_counts, out=starts[1:])
    order = np.empty(int(starts[-1]), dtype=np.intp)
    sorted_values = np.empty(int(starts[-1]))

    def sort_span(g0: int, g1: int) -> None:
        r0, r1 = int(all_starts[g0]), int(all_starts[g1])
        s0, s1 = int(starts[g0]), int(starts[g1])
        if s1 == s0:
            return
        rows = None if grouped is None else grouped[r0:r1]
        keys = values[r0:r1] if rows is None else values.take(rows)
        keys = np.where(valid_grouped[r0:r1], keys, np.inf)
        span_counts = counts[g0:g1]
        span_groups = g1 - g0
        width = int(span_counts.max())
        offsets = all_starts[g0:g1] - r0
        if span_groups * width > _PADDING_LIMIT * (r1 - r0) + 4096:
            local_group = np.repeat(np.arange(span_groups, dtype=np.intp), span_counts)
            by_value = np.lexsort((keys, local_group))
            local = by_value[valid_grouped[r0:r1].take(by_value)]
        else:
            if bool((span_counts == width).all()):
                matrix = keys.reshape(span_groups, width)
            else:
                cell = np.arange(r1 - r0, dtype=np.intp)
                cell -= np.repeat(offsets - np.arange(span_groups) * width, span_counts)
                flat = np.full(span_groups * width, np.inf)
                flat[cell] = keys
                matrix = flat.reshape(span_groups, width)
            columns = np.argsort(matrix, axis=1)
            columns += offsets[:, None]
            local = columns[np.arange(width) < valid_counts[g0:g1, None]]
        order[s0:s1] = local + r0 if rows is None else rows.take(local)
        sorted_values[s0:s1] = keys.take(local)

    run_chunked(group_spans(all_starts), sort_span)
    return order, starts, sorted_values


def _grouped_rows(codes: IntArray, n_groups: int) -> IntArray | None:
    """Row positions grouped by code (stable), or None when the rows already are."""
    if codes.size < 2 or bool(np.all(codes[1:] >= codes[:-1])):
        return None
    if n_groups <= np.iinfo(np.uint16).max:
        return np.argsort(codes.astype(np.uint16), kind="stable").astype(np.intp)
    return np.argsort(codes, kind="stable").astype(np.intp)


def _valid_mask(frame: pd.DataFrame, values: FloatArray) -> BoolArray:
    valid = np.empty(values.size, dtype=np.bool_)
    suppressed = (
        frame["suppressed"].to_numpy(dtype=np.bool_, na_value=False)
        if "suppressed" in frame.columns
        else None
    )

    def check(start: int, stop: int) -> None:
        part = valid[start:stop]
        np.isfinite(values[start:stop], out=part)
        if suppressed is not None:
            part &= ~suppressed[start:stop]

    run_chunked(row_spans(values.size), check)
    return valid


def sort_groups(frame: pd.DataFrame, by: Sequence[str] = DEFAULT_BY) -> SortedGroups:
    """Group the rows of ``frame`` by ``by`` and sort the counted values inside each group."""
    _require(frame, ["value"])
    codes, keys = group_codes(frame, by)
    values = frame["value"].to_numpy(dtype=np.float64, na_value=np.nan)
    valid = _valid_mask(frame, values)
    order, starts, sorted_values = _segmented_order(codes, values, valid, len(keys))
    return SortedGroups(
        keys=keys,
        codes=codes,
        values=values,
        valid=valid,
        order=order,
        starts=starts,
        sorted_values=sorted_values,
    )


# --------------------------------------------------------------------------------------------
# Order statistics on sorted runs
# --------------------------------------------------------------------------------------------

#: Reads the k-th smallest value (0-based) of the run each entry refers to.
_Getter = Callable[[IntArray], FloatArray]


def _lerp(a: FloatArray, b: FloatArray, t: FloatArray) -> FloatArray:
    """numpy's interpolation formula, so that results agree with ``numpy.quantile`` bit for bit."""
    diff = b - a
    out: FloatArray = a + diff * t
    np.subtract(b, diff * (1 - t), out=out, where=t >= 0.5)
    return out


def _check_method(method: str) -> None:
    if method not in QUANTILE_METHODS:
        raise ValueError(
            f"unknown quantile method {method!r}; use one of {sorted(QUANTILE_METHODS)}"
        )


def _discrete_index(n: FloatArray, q: float, method: str) -> FloatArray:
    if method == "lower":
        return np.floor((n - 1) * q)
    if method == "higher":
        return np.ceil((n - 1) * q)
    if method == "nearest":
        return np.around((n - 1) * q)
    index = n * q - 1 if method == "inverted_cdf" else n * q - 1 - 0.5
    previous = np.floor(index)
    gamma = index - previous
    take_previous = gamma == 0
    if method == "closest_observation":  # the nearest even order statistic (1-based) at g = 0
        take_previous &= previous % 2 == 1
    result = np.where(take_previous, previous, previous + 1)
    return np.maximum(result, 0)


def _quantile_runs(get: _Getter, n: IntArray, q: float, method: str) -> FloatArray:
    """The ``q`` quantile of sorted runs of length ``n`` (NaN where ``n`` is 0), as numpy does."""
    _check_method(method)
    size = n.astype(np.float64)
    empty = n <= 0
    last = np.maximum(n - 1, 0)
    if method in _DISCRETE:
        index = np.clip(_discrete_index(size, q, method), 0, last).astype(np.intp)
        result = get(index)
    else:
        if method == "linear":
            virtual = (size - 1) * q
        elif method == "midpoint":
            virtual = 0.5 * (np.floor((size - 1) * q) + np.ceil((size - 1) * q))
        elif method == "averaged_inverted_cdf":
            virtual = size * q - 1
        else:
            alpha, beta = _CONTINUOUS[method]
            virtual = size * q + (alpha + q * (1 - alpha - beta)) - 1
        previous = np.floor(virtual)
        following = previous + 1
        above = virtual >= size - 1
        previous[above] = last[above]
        following[above] = last[above]
        below = virtual < 0
        previous[below] = 0
        following[below] = 0
        gamma = virtual - previous
        if method == "midpoint":
            gamma = np.where(virtual % 1 == 0, 0.0, 0.5)
        elif method == "averaged_inverted_cdf":
            gamma = np.where(gamma == 0, 0.5, 1.0)
        a = get(np.clip(previous, 0, last).astype(np.intp))
        b = get(np.clip(following, 0, last).astype(np.intp))
        result = _lerp(a, b, gamma)
    result[empty] = np.nan
    return result


def _median_runs(get: _Getter, n: IntArray) -> FloatArray:
    """The classic median of sorted runs of length ``n``, as ``numpy.median`` computes it."""
    low = np.maximum((n - 1) // 2, 0)
    high = np.maximum(n // 2, 0)
    result: FloatArray = (get(low) + get(high)) / 2
    result[n <= 0] = np.nan
    return result


def _group_getter(groups: SortedGroups, group: IntArray) -> _Getter:
    sorted_values = groups.sorted_values
    base = groups.starts[group]
    top = max(sorted_values.size - 1, 0)

    def get(index: IntArray) -> FloatArray:
        if sorted_values.size == 0:
            return np.full(index.shape, np.nan)
        picked: FloatArray = sorted_values.take(np.minimum(base + index, top))
        return picked

    return get


def _kth_of_two(
    a: Callable[[IntArray], FloatArray],
    b: Callable[[IntArray], FloatArray],
    len_a: IntArray,
    len_b: IntArray,
    k: IntArray,
) -> FloatArray:
    """The k-th smallest (0-based) of two ascending runs per entry, by a vectorised bisection."""
    lo = np.maximum(0, k + 1 - len_b)
    hi = np.minimum(k + 1, len_a)
    steps = int(np.max(hi - lo, initial=0)).bit_length() + 1
    for _ in range(steps):
        active = lo < hi
        if not active.any():
            break
        mid = (lo + hi) // 2
        # P(mid): enough taken from a, i.e. a[mid] >= b[k - mid] (b index < 0 counts as -inf).
        b_index = k - mid
        a_value = a(np.minimum(mid, np.maximum(len_a - 1, 0)))
        b_value = b(np.maximum(b_index, 0))
        holds = (mid >= len_a) | (b_index < 0) | (a_value >= b_value)
        hi = np.where(active & holds, mid, hi)
        lo = np.where(active & ~holds, mid + 1, lo)
    taken_a = lo
    from_a = np.where(taken_a > 0, a(np.maximum(taken_a - 1, 0)), -np.inf)
    b_last = k - taken_a
    from_b = np.where(b_last >= 0, b(np.maximum(b_last, 0)), -np.inf)
    return np.maximum(from_a, from_b)


def _mad_groups(groups: SortedGroups, median: FloatArray) -> FloatArray:
    """median(|x - median|) per group without a second sort.

    The deviations of the sorted run split at ``c = n // 2`` into two ascending runs
    (``median - x`` leftwards of ``c`` and ``x - median`` from ``c`` on); their median is read by
    a bisection over both runs at once.
    """
    n = groups.counts
    starts = groups.starts[:-1]
    half = n // 2
    values = groups.sorted_values
    top = max(values.size - 1, 0)
    if values.size == 0:
        return np.full(n.shape, np.nan)

    def left(i: IntArray) -> FloatArray:
        picked: FloatArray = median - values.take(np.clip(starts + half - 1 - i, 0, top))
        return picked

    def right(j: IntArray) -> FloatArray:
        picked: FloatArray = values.take(np.clip(starts + half + j, 0, top)) - median
        return picked

    low = _kth_of_two(left, right, half, n - half, np.maximum((n - 1) // 2, 0))
    high = _kth_of_two(left, right, half, n - half, np.maximum(n // 2, 0))
    result: FloatArray = (low + high) / 2
    result[n <= 0] = np.nan
    return result


# --------------------------------------------------------------------------------------------
# Public functions
# --------------------------------------------------------------------------------------------


def withheld_reasons(n: IntArray, min_group_size: int) -> npt.NDArray[np.object_]:
    """``None`` where ``n >= min_group_size``, else the reason ``"n=3 < 5"``."""
    reasons = np.full(n.shape, None, dtype=object)
    short = np.flatnonzero(n < min_group_size)
    if short.size:
        counts, which = np.unique(n[short], return_inverse=True)
        labels = np.array([f"n={int(k)} < {min_group_size}" for k in counts], dtype=object)
        reasons[short] = labels.take(which.reshape(-1))
    return reasons


def reduce_groups(
    groups: SortedGroups,
    read: Callable[[int, int], npt.NDArray[Any]],
    *reducers: np.ufunc,
) -> list[FloatArray]:
    """Per group, each ``reducer`` over the values ``read(g0, g1)`` gives for groups [g0, g1).

    ``read`` returns the values of the sorted positions ``starts[g0]:starts[g1]`` (one per
    counted row, in group order). Empty groups get NaN. Runs span by span, on threads.
    """
    results = [np.full(groups.n_groups, np.nan) for _ in reducers]
    counts = groups.counts

    def reduce_span(g0: int, g1: int) -> None:
        nonempty = counts[g0:g1] > 0
        if not nonempty.any():
            return
        values = read(g0, g1)
        offsets = groups.starts[g0:g1][nonempty] - groups.starts[g0]
        for result, reducer in zip(results, reducers, strict=True):
            result[g0:g1][nonempty] = reducer.reduceat(values, offsets)

    run_chunked(groups.spans, reduce_span)
    return results


def _sorted(groups: SortedGroups) -> Callable[[int, int], FloatArray]:
    def read(g0: int, g1: int) -> FloatArray:
        return groups.sorted_values[groups.starts[g0] : groups.starts[g1]]

    return read


def per_group_constant(groups: SortedGroups, column: npt.NDArray[Any], name: str) -> FloatArray:
    """The value a numeric column takes in each group's counted rows; it must not vary there.

    NaN for a group without counted rows; ``ValueError`` if it varies inside a group. Checked
    in row order against each group's first counted row (no gather in sorted order).
    """
    result = np.full(groups.n_groups, np.nan)
    nonempty = groups.counts > 0
    if not nonempty.any():
        return result
    result[nonempty] = column.take(groups.order.take(groups.starts[:-1][nonempty]))
    varies = np.zeros(1, dtype=np.bool_)

    def check(start: int, stop: int) -> None:
        counted = groups.valid[start:stop]
        expected = result.take(groups.codes[start:stop])
        actual = column[start:stop]
        same = (actual == expected) | (np.isnan(actual) & np.isnan(expected))
        if not same[counted].all():
            varies[0] = True

    run_chunked(row_spans(column.size), check)
    if varies[0]:
        raise ValueError(f"the column {name!r} varies inside a comparison group")
    return result


def _counted_sums(groups: SortedGroups, column: FloatArray) -> FloatArray:
    """Σ of a column over each group's counted rows, in row order (NaN propagates)."""
    spans = row_spans(column.size)
    if len(spans) * groups.n_groups > column.size:  # many small groups: one pass
        weights = np.where(groups.valid, column, 0.0)
        whole = np.bincount(groups.codes, weights=weights, minlength=groups.n_groups)
        return np.asarray(whole, dtype=np.float64)
    partial = np.zeros((max(len(spans), 1), groups.n_groups))
    span_number = {start: number for number, (start, _) in enumerate(spans)}

    def add(start: int, stop: int) -> None:
        weights = np.where(groups.valid[start:stop], column[start:stop], 0.0)
        partial[span_number[start]] = np.bincount(
            groups.codes[start:stop], weights=weights, minlength=groups.n_groups
        )

    run_chunked(spans, add)
    sums: FloatArray = partial.sum(axis=0)
    return sums


def _weighted(frame: pd.DataFrame, groups: SortedGroups) -> FloatArray:
    """Σ numerator / Σ denominator × multiplier over the counted rows of each group."""
    n_groups = groups.n_groups
    if "numerator" not in frame.columns or "denominator" not in frame.columns:
        return np.full(n_groups, np.nan)
    # A counted row without numerator or denominator makes its group's sum NaN, as it should.
    numerator = frame["numerator"].to_numpy(dtype=np.float64, na_value=np.nan)
    denominator = frame["denominator"].to_numpy(dtype=np.float64, na_value=np.nan)
    numerator_sum = _counted_sums(groups, numerator)
    denominator_sum = _counted_sums(groups, denominator)
    if "multiplier" in frame.columns:
        multiplier_rows = frame["multiplier"].to_numpy(dtype=np.float64, na_value=np.nan)
        multiplier = per_group_constant(groups, multiplier_rows, "multiplier")
    else:
        multiplier = np.ones(n_groups)
    usable = np.isfinite(denominator_sum) & (denominator_sum != 0) & (groups.counts > 0)
    result = np.full(n_groups, np.nan)
    result[usable] = numerator_sum[usable] / denominator_sum[usable] * multiplier[usable]
    return result


def statistic_arrays(
    frame: pd.DataFrame,
    groups: SortedGroups,
    *,
    min_group_size: int,
    quantile_method: str,
    ddof: int,
) -> dict[str, npt.NDArray[np.generic]]:
    """The statistics of :data:`STATISTIC_COLUMNS` per group, as arrays in group order."""
    _check_method(quantile_method)
    n = groups.counts
    n_groups = groups.n_groups
    nonempty = n > 0
    get = _group_getter(groups, np.arange(n_groups, dtype=np.intp))
    (sums,) = reduce_groups(groups, _sorted(groups), np.add)
    mean = np.full(n_groups, np.nan)
    mean[nonempty] = sums[nonempty] / n[nonempty]

    def squared_deviations(g0: int, g1: int) -> FloatArray:
        deviations = groups.sorted_values[groups.starts[g0] : groups.starts[g1]].copy()
        deviations -= np.repeat(mean[g0:g1], n[g0:g1])
        deviations *= deviations
        return deviations

    (squares,) = reduce_groups(groups, squared_deviations, np.add)
    dof = n - ddof
    sd = np.full(n_groups, np.nan)
    sd[dof > 0] = np.sqrt(squares[dof > 0] / dof[dof > 0])
    median = _median_runs(get, n)
    q1 = _quantile_runs(get, n, 0.25, quantile_method)
    q3 = _quantile_runs(get, n, 0.75, quantile_method)
    result: dict[str, npt.NDArray[np.generic]] = {
        "n": n.astype(np.int64),
        "mean": mean,
        "weighted": _weighted(frame, groups),
        "median": median,
        "min": np.where(nonempty, get(np.zeros(n_groups, dtype=np.intp)), np.nan),
        "max": np.where(nonempty, get(np.maximum(n - 1, 0)), np.nan),
        "q1": q1,
        "q3": q3,
        "iqr": q3 - q1,
        "sd": sd,
        "mad": _mad_groups(groups, median),
    }
    withheld = n < min_group_size
    for name, array in result.items():
        if name != "n":
            array[withheld] = np.nan
    result["withheld"] = withheld_reasons(n, min_group_size)
    return result


def group_statistics(
    frame: pd.DataFrame,
    *,
    by: Sequence[str] = DEFAULT_BY,
    min_group_size: int = 5,
    quantile_method: str = "linear",
    ddof: int = 1,
) -> pd.DataFrame:
    """One row per group of ``by`` with the comparison statistics of its cities' values.

    Columns: the ``by`` columns, then ``n`` (values that count: finite and not suppressed),
    ``mean`` (unweighted), ``weighted`` (Σ numerator / Σ denominator × ``multiplier``, the
    multiplier column if present, else 1; suppressed rows excluded; NaN where a counted row has
    no numerator or denominator), ``median``, ``min``, ``max``, ``q1``, ``q3`` (numpy method
    ``quantile_method``, default linear = Hyndman–Fan type 7), ``iqr`` (= q3 − q1), ``sd``
    (``ddof``), ``mad`` (unscaled median absolute deviation) and ``withheld`` (None, or the
    reason ``"n=3 < 5"`` when ``n < min_group_size``; every statistic is NaN then).

    Rows are sorted by the ``by`` keys; a group whose values are all missing appears with
    ``n = 0``. A city must appear at most once per group.
    """
    groups = sort_groups(frame, by)
    arrays = statistic_arrays(
        frame, groups, min_group_size=min_group_size, quantile_method=quantile_method, ddof=ddof
    )
    return statistics_frame(groups.keys, arrays)


def statistics_frame(
    keys: pd.DataFrame, arrays: Mapping[str, npt.NDArray[np.generic]]
) -> pd.DataFrame:
    """The ``by`` keys and the :data:`STATISTIC_COLUMNS` side by side, one row per group."""
    columns: dict[str, object] = {name: keys[name] for name in keys.columns}
    columns.update({name: arrays[name] for name in STATISTIC_COLUMNS})
    return pd.DataFrame(columns, index=pd.RangeIndex(len(keys)), copy=False)


def group_statistics_excluding_self(
    frame: pd.DataFrame,
    *,
    by: Sequence[str] = DEFAULT_BY,
    min_group_size: int = 5,
    quantile_method: str = "linear",
) -> pd.DataFrame:
    """Per row the statistics of its group computed without that row's own value.

    The answer to "how do the *other* cities of my group stand": the index is the input's,
    the columns are ``n``, ``mean``, ``median``, ``q1``, ``q3`` and ``withheld``. For a row
    whose value counts, ``n`` is the group's count minus one; for a missing or suppressed row
    the city is not in the statistic anyway and the full group's statistics are given. With
    ``n < min_group_size`` every statistic is NaN and ``withheld`` carries the reason.

    Vectorised: each group is sorted once; the k-th value without the row at sorted place
    ``p`` is the group's k-th value for ``k < p`` and its (k+1)-th value from ``p`` on.
    """
    _check_method(quantile_method)
    groups = sort_groups(frame, by)
    size = len(frame)
    codes, valid, counts = groups.codes, groups.valid, groups.counts
    values = groups.sorted_values
    top = max(values.size - 1, 0)
    (sums,) = reduce_groups(groups, _sorted(groups), np.add)
    position = groups.rank_position
    n = np.empty(size, dtype=np.int64)
    columns = {name: np.empty(size) for name in ("mean", "median", "q1", "q3")}

    def leave_out(start: int, stop: int) -> None:
        code = codes[start:stop]
        counted = valid[start:stop]
        group_n = counts.take(code)
        others = group_n - counted
        n[start:stop] = others
        skip = np.where(counted, position[start:stop], group_n)
        base = groups.starts.take(code)

        def get(index: IntArray) -> FloatArray:
            if values.size == 0:
                return np.full(index.shape, np.nan)
            index = base + index + (index >= skip)
            picked: FloatArray = values.take(np.minimum(index, top))
            return picked

        own = np.where(counted, groups.values[start:stop], 0.0)
        shown = others >= max(min_group_size, 1)
        mean = columns["mean"][start:stop]
        mean[:] = np.nan
        np.divide(sums.take(code) - own, others, out=mean, where=shown)
        for name, statistic in (
            ("median", _median_runs(get, others)),
            ("q1", _quantile_runs(get, others, 0.25, quantile_method)),
            ("q3", _quantile_runs(get, others, 0.75, quantile_method)),
        ):
            statistic[~shown] = np.nan
            columns[name][start:stop] = statistic

    run_chunked(row_spans(size), leave_out)
    result: dict[str, npt.NDArray[np.generic]] = {
        "n": n,
        **columns,
        "withheld": withheld_reasons(n, min_group_size),
    }
    return pd.DataFrame(result, index=frame.index, copy=False)


def assign_groups(
    frame: pd.DataFrame,
    membership: pd.DataFrame,
    *,
    group_col: str = "group",
    city_col: str = "ags",
) -> pd.DataFrame:
    """The value frame with one copy of each row per comparison group of its city.

    ``membership`` has the columns ``city_col`` and ``group_col`` (a city may belong to several
    groups). Cities in no group drop out. Group by ``(group_col, *DEFAULT_BY)`` afterwards.
    """
    _require(membership, [city_col, group_col])
    _require(frame, [city_col])
    if group_col in frame.columns:
        raise ValueError(f"the value frame already has a column {group_col!r}")
    members = membership[[city_col, group_col]].drop_duplicates()
    merged = frame.merge(members, on=city_col, how="inner", sort=False)
    return merged.reset_index(drop=True)
