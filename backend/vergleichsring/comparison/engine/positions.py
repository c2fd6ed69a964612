"""Where one city stands in its comparison group: rank, percentile, deviations, corridor, change.

Pure functions on the long value frame (see :mod:`.statistics`). Conventions, stated as
parameters with defaults:

- Direction (``polarity``): ``"higher_better"``, ``"lower_better"`` or ``"neutral"``, per
  (indicator, measure). Rank 1 is the best value; a neutral key figure is ranked descending
  by size (rank 1 = largest) and never gets a verdict.
- Ties (``tie_method``): ``"min"`` = competition ranking 1, 2, 2, 4 (default); also
  ``"max"`` (1, 3, 3, 4), ``"dense"`` (1, 2, 2, 3) and ``"average"`` (1, 2.5, 2.5, 4; float).
- Percentile: ``100 × (n − rank) / (n − 1)`` with the rank above: the best city has 100, the
  worst 0, tied cities share the percentile of their rank; NaN when ``n = 1``.
- Missing or suppressed values get no position (NA everywhere), and neither do the cities of a
  withheld group (``n < min_group_size``): a rank among three cities would reveal as much as
  the statistics that are withheld.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import Any, Final, Literal, NamedTuple, TypeAlias

import numpy as np
import numpy.typing as npt
import pandas as pd

from vergleichsring.comparison.engine.statistics import (
    DEFAULT_BY,
    BoolArray,
    FloatArray,
    SortedGroups,
    group_codes,
    per_group_constant,
    row_spans,
    run_chunked,
    sort_groups,
    statistic_arrays,
    statistics_frame,
)

__all__ = [
    "CORRIDORS",
    "POLARITIES",
    "POSITION_COLUMNS",
    "VERDICTS",
    "GroupComparison",
    "PolaritySpec",
    "TieMethod",
    "changes",
    "group_comparison",
    "positions",
]

#: A polarity for every row (str), per indicator or per (indicator, measure) (mapping), or None
#: to read the ``polarity`` column.
PolaritySpec: TypeAlias = str | Mapping[Hashable, str] | None
TieMethod: TypeAlias = Literal["min", "max", "dense", "average"]

POLARITIES: Final[dict[str, int]] = {"higher_better": 1, "lower_better": -1, "neutral": 0}
CORRIDORS: Final[tuple[str, ...]] = ("below", "within", "above")
VERDICTS: Final[tuple[str, ...]] = ("better", "worse")
POSITION_COLUMNS: Final[tuple[str, ...]] = (
    "rank",
    "rank_n",
    "percentile",
    "dev_mean",
    "dev_mean_pct",
    "dev_median",
    "dev_median_pct",
    "z",
    "robust_z",
    "corridor",
    "verdict",
)
#: Scales the median absolute deviation to the standard deviation of a normal distribution.
MAD_SCALE: Final[float] = 1.4826
_TIE_METHODS: Final[frozenset[str]] = frozenset({"min", "max", "dense", "average"})
_STATS_NEEDED: Final[tuple[str, ...]] = ("n", "mean", "median", "q1", "q3", "sd", "withheld")


class GroupComparison(NamedTuple):
    """The statistics per group and the position of every row, from one sort."""

    statistics: pd.DataFrame
    positions: pd.DataFrame


# --------------------------------------------------------------------------------------------
# Polarity
# --------------------------------------------------------------------------------------------


def _polarity_code(name: object) -> int:
    try:
        return POLARITIES[str(name)]
    except KeyError:
        raise ValueError(f"unknown polarity {name!r}; use one of {sorted(POLARITIES)}") from None


def _lookup(mapping: Mapping[Hashable, str], indicator: object, measure: object) -> int:
    if measure is not None and (indicator, measure) in mapping:
        return _polarity_code(mapping[(indicator, measure)])
    if indicator in mapping:
        return _polarity_code(mapping[indicator])
    raise ValueError(f"no polarity given for indicator {indicator!r} (measure {measure!r})")


def _constant_per_group(
    groups: SortedGroups, row_codes: npt.NDArray[np.integer[Any]], table: npt.NDArray[np.int8]
) -> npt.NDArray[np.int8]:
    """``table[code]`` per group, where ``code`` must be the same for all counted rows."""
    try:
        group_code = per_group_constant(groups, row_codes, "polarity")
    except ValueError:
        raise ValueError("the polarity varies inside a comparison group") from None
    known = ~np.isnan(group_code)
    result = np.zeros(groups.n_groups, dtype=np.int8)
    result[known] = table.take(group_code[known].astype(np.intp))
    return result


def _group_polarity(
    frame: pd.DataFrame, groups: SortedGroups, by: Sequence[str], polarity: PolaritySpec
) -> npt.NDArray[np.int8]:
    """Per group: 1 higher is better, -1 lower is better, 0 neutral."""
    if isinstance(polarity, str):
        return np.full(groups.n_groups, _polarity_code(polarity), dtype=np.int8)
    if polarity is None:
        if "polarity" not in frame.columns:
            raise KeyError("give polarity= or a 'polarity' column")
        column = frame["polarity"]
        codes: npt.NDArray[np.integer[Any]]
        if isinstance(column.dtype, pd.CategoricalDtype):
            codes, names = column.cat.codes.to_numpy(), column.cat.categories
        else:
            codes, names = pd.factorize(column)
        if (codes < 0).any():
            raise ValueError("the polarity column has missing entries")
        table = np.array([_polarity_code(name) for name in names], dtype=np.int8)
        return _constant_per_group(groups, codes, table)
    if "indicator" in by:
        keys = groups.keys
        measures = keys["measure"] if "measure" in by else pd.Series([None] * len(keys))
        looked_up = [
            _lookup(polarity, indicator, measure)
            for indicator, measure in zip(keys["indicator"], measures, strict=True)
        ]
        return np.array(looked_up, dtype=np.int8)
    # The groups span several indicators: look up per (indicator, measure) and check.
    columns = ["indicator", "measure"] if "measure" in frame.columns else ["indicator"]
    pair_codes, pair_keys = group_codes(frame, columns)
    pair_measures = (
        pair_keys["measure"] if "measure" in columns else pd.Series([None] * len(pair_keys))
    )
    table = np.array(
        [
            _lookup(polarity, indicator, measure)
            for indicator, measure in zip(pair_keys["indicator"], pair_measures, strict=True)
        ],
        dtype=np.int8,
    )
    # Per row the polarity shifted to 0, 1, 2 (a code), then back through the table.
    shifted = table.take(pair_codes) + np.int8(1)
    return _constant_per_group(groups, shifted, np.array([-1, 0, 1], dtype=np.int8))


# --------------------------------------------------------------------------------------------
# Ranks
# --------------------------------------------------------------------------------------------


def _span_ranks(
    groups: SortedGroups, descending: BoolArray, tie_method: str, g0: int, g1: int
) -> npt.NDArray[np.int64]:
    """The ranks of the sorted entries of groups [g0, g1) within their groups.

    Ties form runs of equal values in the sorted order; a rank is computed once per run (from
    the run's first and last place and its group's bounds) and then spread over the run.
    """
    s0 = int(groups.starts[g0])
    values = groups.sorted_values[s0 : groups.starts[g1]]
    size = values.size
    starts = groups.starts[g0 : g1 + 1] - s0
    counts = groups.counts[g0:g1]
    new_run = np.empty(size, dtype=np.bool_)
    new_run[0] = True
    np.not_equal(values[1:], values[:-1], out=new_run[1:])
    new_run[starts[:-1][counts > 0]] = True
    run_id = np.cumsum(new_run, dtype=np.intp)
    run_id -= 1
    run_first = np.flatnonzero(new_run)
    run_last = np.empty_like(run_first)
    run_last[:-1] = run_first[1:] - 1
    run_last[-1] = size - 1
    run_group = np.searchsorted(starts, run_first, side="right") - 1
    down = descending[g0:g1].take(run_group)
    if tie_method == "dense":
        nonempty = counts > 0
        first_run = np.zeros(g1 - g0, dtype=np.intp)
        runs = np.zeros(g1 - g0, dtype=np.intp)
        first_run[nonempty] = run_id.take(starts[:-1][nonempty])
        runs[nonempty] = run_id.take(starts[1:][nonempty] - 1) - first_run[nonempty] + 1
        in_group = np.arange(run_first.size, dtype=np.intp) - first_run.take(run_group)
        run_rank = np.where(down, runs.take(run_group) - in_group, in_group + 1)
    else:
        group_start = starts.take(run_group)
        group_stop = starts.take(run_group + 1)
        if tie_method == "min":
            run_rank = np.where(down, group_stop - run_last, run_first - group_start + 1)
        else:  # max
            run_rank = np.where(down, group_stop - run_first, run_last - group_start + 1)
    return run_rank.astype(np.int64, copy=False).take(run_id)


def _row_ranks(
    groups: SortedGroups, descending: BoolArray, tie_method: str
) -> npt.NDArray[np.int64]:
    """Per input row the rank of its value in its group (0 for rows that do not count)."""
    rank = np.zeros(groups.codes.size, dtype=np.int64)

    def rank_span(g0: int, g1: int) -> None:
        s0, s1 = int(groups.starts[g0]), int(groups.starts[g1])
        if s1 > s0:
            rank[groups.order[s0:s1]] = _span_ranks(groups, descending, tie_method, g0, g1)

    run_chunked(groups.spans, rank_span)
    return rank


# --------------------------------------------------------------------------------------------
# Positions
# --------------------------------------------------------------------------------------------


def _stats_from_frame(
    stats: pd.DataFrame, groups: SortedGroups, by: Sequence[str]
) -> dict[str, npt.NDArray[np.generic]]:
    missing = [c for c in (*by, *_STATS_NEEDED) if c not in stats.columns]
    if missing:
        raise KeyError(f"stats lacks the column(s) {missing}")
    columns = [*by, *_STATS_NEEDED, *(["mad"] if "mad" in stats.columns else [])]
    aligned = groups.keys.merge(stats[columns], on=list(by), how="left", validate="one_to_one")
    result: dict[str, npt.NDArray[np.generic]] = {
        name: aligned[name].to_numpy(dtype=np.float64, na_value=np.nan)
        for name in ("n", "mean", "median", "q1", "q3", "sd")
    }
    result["mad"] = (
        aligned["mad"].to_numpy(dtype=np.float64, na_value=np.nan)
        if "mad" in aligned.columns
        else np.full(len(aligned), np.nan)
    )
    result["withheld_mask"] = (aligned["withheld"].notna() | aligned["n"].isna()).to_numpy()
    return result


def _ratio_pct(difference: FloatArray, reference: FloatArray) -> FloatArray:
    out = np.full(difference.shape, np.nan)
    usable = np.isfinite(reference) & (reference != 0)
    np.divide(100.0 * difference, np.abs(reference), out=out, where=usable)
    return out


def _inverse(per_group: FloatArray, scale: float = 1.0) -> FloatArray:
    """``scale / |per_group|`` where that is finite and non-zero, else NaN (a group factor)."""
    out = np.full(per_group.shape, np.nan)
    usable = np.isfinite(per_group) & (per_group != 0)
    np.divide(scale, np.abs(per_group), out=out, where=usable)
    return out


# Verdict code by (corridor + 1) * 3 + (direction + 1): corridor -1 none, 0 below, 1 within,
# 2 above; direction -1 lower is better, 0 neutral, 1 higher is better; verdict 0 better,
# 1 worse, -1 none.
_VERDICT_TABLE: Final[npt.NDArray[np.int8]] = np.array(
    [-1, -1, -1, 0, -1, 1, -1, -1, -1, 1, -1, 0], dtype=np.int8
)


def _positions_frame(
    frame: pd.DataFrame,
    groups: SortedGroups,
    stats: Mapping[str, npt.NDArray[np.generic]],
    withheld_groups: BoolArray,
    group_polarity: npt.NDArray[np.int8],
    tie_method: str,
) -> pd.DataFrame:
    size = len(frame)
    codes = groups.codes
    descending = group_polarity >= 0
    if tie_method == "average":
        rank_low = _row_ranks(groups, descending, "min")
        rank_high = _row_ranks(groups, descending, "max")
        rank: FloatArray | npt.NDArray[np.int64] = (rank_low + rank_high) / 2.0
        del rank_low, rank_high
    else:
        rank = _row_ranks(groups, descending, tie_method)

    def group(name: str) -> FloatArray:
        return np.asarray(stats[name], dtype=np.float64)

    # Per-group factors, so that each row needs one lookup and one multiplication.
    n_group = groups.counts.astype(np.float64)
    tables = {
        "n": n_group,
        "percentile": _inverse(n_group - 1, 100.0),
        "mean": group("mean"),
        "mean_pct": _inverse(group("mean"), 100.0),
        "inverse_sd": _inverse(group("sd")),
        "median": group("median"),
        "median_pct": _inverse(group("median"), 100.0),
        "inverse_mad": _inverse(MAD_SCALE * group("mad")),
        "q1": group("q1"),
        "q3": group("q3"),
    }
    hidden = np.empty(size, dtype=np.bool_)
    rank_n = np.empty(size, dtype=np.int64)
    outputs = {
        name: np.empty(size)
        for name in (
            "percentile",
            "dev_mean",
            "dev_mean_pct",
            "dev_median",
            "dev_median_pct",
            "z",
            "robust_z",
        )
    }
    corridor = np.empty(size, dtype=np.int8)
    verdict = np.empty(size, dtype=np.int8)
    counts = groups.counts.astype(np.int64)

    def place(start: int, stop: int) -> None:
        code = codes[start:stop]

        def per_row(name: str) -> FloatArray:
            return tables[name].take(code)

        shown = groups.valid[start:stop] & ~withheld_groups.take(code)
        hide = ~shown
        hidden[start:stop] = hide
        rank_n[start:stop] = counts.take(code)
        x = np.where(shown, groups.values[start:stop], np.nan)
        out = {name: array[start:stop] for name, array in outputs.items()}
        np.subtract(per_row("n"), rank[start:stop], out=out["percentile"])
        out["percentile"] *= per_row("percentile")
        out["percentile"][hide] = np.nan
        np.subtract(x, per_row("mean"), out=out["dev_mean"])
        np.multiply(out["dev_mean"], per_row("mean_pct"), out=out["dev_mean_pct"])
        np.multiply(out["dev_mean"], per_row("inverse_sd"), out=out["z"])
        np.subtract(x, per_row("median"), out=out["dev_median"])
        np.multiply(out["dev_median"], per_row("median_pct"), out=out["dev_median_pct"])
        np.multiply(out["dev_median"], per_row("inverse_mad"), out=out["robust_z"])
        place_corridor = corridor[start:stop]
        np.greater_equal(x, per_row("q1"), out=place_corridor, casting="unsafe")
        place_corridor += np.greater(x, per_row("q3"))
        place_corridor[hide] = -1
        index = place_corridor + np.int8(1)
        index *= 3
        index += group_polarity.take(code)
        index += 1
        np.take(_VERDICT_TABLE, index, out=verdict[start:stop], mode="clip")

    run_chunked(row_spans(size), place)

    rank_column: pd.api.extensions.ExtensionArray | FloatArray
    if rank.dtype.kind == "f":
        rank_float = rank.astype(np.float64, copy=False)
        rank_float[hidden] = np.nan
        rank_column = rank_float
    else:
        rank_column = pd.arrays.IntegerArray(rank.astype(np.int64, copy=False), hidden)
    columns: dict[str, object] = {
        "rank": rank_column,
        "rank_n": pd.arrays.IntegerArray(rank_n, hidden.copy()),
        **outputs,
        "corridor": pd.Categorical.from_codes(corridor, categories=pd.Index(CORRIDORS)),
        "verdict": pd.Categorical.from_codes(verdict, categories=pd.Index(VERDICTS)),
    }
    return pd.DataFrame(columns, index=frame.index, copy=False)


def _check_tie_method(tie_method: str) -> None:
    if tie_method not in _TIE_METHODS:
        raise ValueError(f"unknown tie method {tie_method!r}; use one of {sorted(_TIE_METHODS)}")


def group_comparison(
    frame: pd.DataFrame,
    *,
    by: Sequence[str] = DEFAULT_BY,
    polarity: PolaritySpec = None,
    tie_method: TieMethod = "min",
    min_group_size: int = 5,
    quantile_method: str = "linear",
    ddof: int = 1,
) -> GroupComparison:
    """:func:`.statistics.group_statistics` and :func:`positions` together, from one sort."""
    _check_tie_method(tie_method)
    groups = sort_groups(frame, by)
    arrays = statistic_arrays(
        frame, groups, min_group_size=min_group_size, quantile_method=quantile_method, ddof=ddof
    )
    statistics = statistics_frame(groups.keys, arrays)
    placed = _positions_frame(
        frame,
        groups,
        arrays,
        groups.counts < min_group_size,
        _group_polarity(frame, groups, by, polarity),
        tie_method,
    )
    return GroupComparison(statistics=statistics, positions=placed)


def positions(
    frame: pd.DataFrame,
    stats: pd.DataFrame | None = None,
    *,
    by: Sequence[str] = DEFAULT_BY,
    polarity: PolaritySpec = None,
    tie_method: TieMethod = "min",
    min_group_size: int = 5,
    quantile_method: str = "linear",
    ddof: int = 1,
) -> pd.DataFrame:
    """The position of every row's value within its group; the index is the input's.

    Columns:

    - ``rank`` (Int64; float for ``tie_method="average"``): 1 = best by polarity (largest for
      higher-is-better and neutral, smallest for lower-is-better); ties per ``tie_method``,
      default competition ranking 1, 2, 2, 4. ``rank_n`` (Int64): the number of ranked cities.
    - ``percentile``: ``100 × (n − rank) / (n − 1)``; best = 100, worst = 0; NaN for ``n = 1``.
    - ``dev_mean``, ``dev_median``: value − group mean / median; ``dev_mean_pct``,
      ``dev_median_pct``: the same in % of ``|mean|`` / ``|median|`` (NaN when that is 0).
    - ``z``: (value − mean) / sd; NaN when sd is 0. ``robust_z``: (value − median) /
      (1.4826 × MAD); NaN when MAD is 0.
    - ``corridor`` (categorical): ``"below"`` q1, ``"within"`` [q1, q3] (bounds inclusive),
      ``"above"`` q3.
    - ``verdict`` (categorical): ``"better"`` / ``"worse"`` outside the corridor, by
      polarity; missing inside the corridor and for neutral key figures.

    Missing or suppressed values, and every row of a withheld group, get NA everywhere.

    ``stats`` (optional) is a table as :func:`.statistics.group_statistics` returns it,
    joined on ``by``: the deviations, z-scores and corridor then refer to its ``mean``,
    ``median``, ``sd``, ``q1``, ``q3`` and ``mad`` (without ``mad``, ``robust_z`` is NaN), and
    its ``withheld`` decides which groups are withheld (``min_group_size``, ``quantile_method``
    and ``ddof`` are then unused). Ranks always come from ``frame``.
    """
    _check_tie_method(tie_method)
    if stats is None:
        return group_comparison(
            frame,
            by=by,
            polarity=polarity,
            tie_method=tie_method,
            min_group_size=min_group_size,
            quantile_method=quantile_method,
            ddof=ddof,
        ).positions
    groups = sort_groups(frame, by)
    arrays = _stats_from_frame(stats, groups, by)
    withheld = np.asarray(arrays["withheld_mask"], dtype=np.bool_)
    return _positions_frame(
        frame, groups, arrays, withheld, _group_polarity(frame, groups, by, polarity), tie_method
    )


# --------------------------------------------------------------------------------------------
# Change against the previous year
# --------------------------------------------------------------------------------------------


def changes(
    frame: pd.DataFrame,
    *,
    by: Sequence[str] = ("indicator", "measure"),
    year_col: str = "year",
    city_col: str = "ags",
) -> pd.DataFrame:
    """Per row the change of its value against the same city's value of the year before.

    The previous year is exactly ``year − 1`` of the same ``by`` keys and city; where it is
    missing, suppressed or not in the frame, the change is NaN (as it is for a missing or
    suppressed value of the row itself). Columns (index = the input's): ``previous``,
    ``change_abs`` (value − previous, in the key figure's unit: percentage points for %)
    and ``change_pct`` (100 × change_abs / |previous|; NaN when previous is 0).
    """
    codes, _ = group_codes(frame, [*by, city_col])
    values = frame["value"].to_numpy(dtype=np.float64, na_value=np.nan)
    usable = np.isfinite(values)
    if "suppressed" in frame.columns:
        usable &= ~frame["suppressed"].to_numpy(dtype=np.bool_, na_value=False)
    years = frame[year_col].to_numpy(dtype=np.int64)
    order = np.lexsort((years, codes))
    same = codes[order][1:] == codes[order][:-1]
    step = years[order][1:] - years[order][:-1]
    if (same & (step == 0)).any():
        raise ValueError(f"a city appears twice for the same {[*by, year_col]}")
    previous = np.full(len(frame), np.nan)
    follows = same & (step == 1)
    later = order[1:][follows]
    earlier = order[:-1][follows]
    previous[later] = np.where(usable[earlier], values[earlier], np.nan)
    current = np.where(usable, values, np.nan)
    change_abs = current - previous
    return pd.DataFrame(
        {
            "previous": previous,
            "change_abs": change_abs,
            "change_pct": _ratio_pct(change_abs, previous),
        },
        index=frame.index,
    )
