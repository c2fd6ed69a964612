"""Where one city stands in its comparison group: rank, percentile, deviations, corridor, change.

Policies:

- Direction (``polarity``): ``"higher_better"``, ``"lower_better"`` or ``"neutral"``, per
  (indicator, measure). Rank 1 is the best value; a neutral key figure is ranked descending by
  size (rank 1 = largest) and never gets a verdict.
- Competition ranking (1, 2, 2, 4). Percentile ``100 × (n − rank) / (n − 1)``: best 100, worst
  0; NaN when ``n = 1``.
- Deviations in % are divided by the reference's absolute value (so a value above a negative
  mean deviates by a positive percentage); NaN when the reference is 0.
- Missing or suppressed values get no position (NA everywhere), and neither do the cities of a
  withheld group (``n < min_group_size``): a rank among three cities would reveal as much as
  the statistics that are withheld.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import Any, Final, NamedTuple, TypeAlias

import numpy as np
import numpy.typing as npt
import pandas as pd

from vergleichsring.comparison.engine.grouping import (
    FloatArray,
    Grouped,
    IntArray,
    combined_codes,
    group,
)
from vergleichsring.comparison.engine.statistics import (
    DEFAULT_BY,
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
    "changes",
    "group_comparison",
    "positions",
]

#: One polarity for every row (str), per indicator or per (indicator, measure) (mapping), or
#: None to read the ``polarity`` column.
PolaritySpec: TypeAlias = str | Mapping[Hashable, str] | None

POLARITIES: Final[dict[str, int]] = {"higher_better": 1, "lower_better": -1, "neutral": 0}
CORRIDORS: Final[tuple[str, ...]] = ("below", "within", "above")
VERDICTS: Final[tuple[str, ...]] = ("better", "worse")
POSITION_COLUMNS: Final[tuple[str, ...]] = (
    *("rank", "rank_n", "percentile", "dev_mean", "dev_mean_pct", "dev_median"),
    *("dev_median_pct", "z", "robust_z", "corridor", "verdict"),
)
#: Scales the median absolute deviation to the standard deviation of a normal distribution.
MAD_SCALE: Final[float] = 1.4826
# Verdict by (corridor + 1) * 3 + (direction + 1): corridor -1 none, 0 below, 1 within,
# 2 above; direction -1 lower is better, 0 neutral, 1 higher is better; 0 better, 1 worse.
_VERDICT_TABLE: Final = np.array([-1, -1, -1, 0, -1, 1, -1, -1, -1, 1, -1, 0], dtype=np.int8)


class GroupComparison(NamedTuple):
    """The statistics per group and the position of every row."""

    statistics: pd.DataFrame
    positions: pd.DataFrame


def _code(name: object) -> int:
    try:
        return POLARITIES[str(name)]
    except KeyError:
        raise ValueError(f"unknown polarity {name!r}; use one of {sorted(POLARITIES)}") from None


def row_polarity(frame: pd.DataFrame, polarity: PolaritySpec) -> npt.NDArray[np.float64]:
    """Per row 1 (higher is better), -1 (lower is better) or 0 (neutral)."""
    if isinstance(polarity, str):
        return np.full(len(frame), float(_code(polarity)))
    if polarity is None:
        if "polarity" not in frame.columns:
            raise KeyError("give polarity= or a 'polarity' column")
        column = frame["polarity"]
        if isinstance(column.dtype, pd.CategoricalDtype):
            codes, names = column.cat.codes.to_numpy(), column.cat.categories
        else:
            codes, names = pd.factorize(column)
        if (codes < 0).any():
            raise ValueError("the polarity column has missing entries")
        return np.array([_code(name) for name in names], dtype=np.float64).take(codes)
    measures = frame["measure"] if "measure" in frame.columns else pd.Series([None] * len(frame))
    pairs = pd.MultiIndex.from_arrays([frame["indicator"], measures])
    codes, uniques = pd.factorize(pairs)
    table = []
    for indicator, measure in uniques:
        name = polarity.get((indicator, measure), polarity.get(indicator))
        if name is None:
            raise ValueError(f"no polarity given for indicator {indicator!r} ({measure!r})")
        table.append(_code(name))
    return np.array(table, dtype=np.float64).take(codes)


def competition_ranks(grouped: Grouped, direction: FloatArray) -> IntArray:
    """Per sorted place the competition rank (1, 2, 2, 4) among its group's counted values;
    rank 1 is the largest unless the group's direction is -1 (lower is better); 0 where the
    value does not count."""
    size, counted = grouped.order.size, grouped.counted_sorted
    values = np.where(counted, grouped.sorted_values, np.nan)  # NaN: every uncounted row alone
    new_run = np.ones(size, dtype=np.bool_)
    new_run[1:] = (values[1:] != values[:-1]) | (grouped.local[1:] == 0)
    end_run = np.ones(size, dtype=np.bool_)
    end_run[:-1] = new_run[1:]
    index = np.arange(size)
    first = np.maximum.accumulate(np.where(new_run, index, 0))
    last = np.minimum.accumulate(np.where(end_run, index, size)[::-1])[::-1]
    start = grouped.spread(grouped.bounds[:-1])
    down = grouped.spread(direction) >= 0
    rank = np.where(down, start + grouped.spread(grouped.n) - last, first - start + 1)
    return np.where(counted, rank, 0)


def position_arrays(
    grouped: Grouped,
    stats: Mapping[str, npt.NDArray[np.generic]],
    direction: FloatArray,
    *,
    min_group_size: int,
) -> dict[str, npt.NDArray[Any]]:
    """The positions in the grouped order (``grouped.order``), as numpy arrays; ``hide`` marks
    the places without a position, ``corridor`` and ``verdict`` are codes (-1 = none)."""
    spread = grouped.spread
    rank = competition_ranks(grouped, direction)
    hide = ~grouped.counted_sorted | spread(grouped.n < min_group_size)
    x = np.where(hide, np.nan, grouped.sorted_values)

    def per_place(name: str) -> FloatArray:
        return spread(np.asarray(stats[name], dtype=np.float64))

    def inverse(per_group: npt.NDArray[Any], scale: float = 1.0) -> FloatArray:
        out = np.full(per_group.shape, np.nan)
        usable = np.isfinite(per_group) & (per_group != 0)
        np.divide(scale, np.abs(per_group), out=out, where=usable)
        return spread(out)

    n = spread(grouped.n.astype(np.float64))
    dev_mean = x - per_place("mean")
    dev_median = x - per_place("median")
    with np.errstate(invalid="ignore"):
        high = (x > per_place("q3")).astype(np.int8)
        corridor = np.where(hide, -1, (x >= per_place("q1")).astype(np.int8) + high)
    polarity = spread(np.rint(direction).astype(np.int8))
    mad = np.asarray(stats["mad"], dtype=np.float64)
    return {
        "rank": rank,
        "hide": hide,
        "rank_n": spread(grouped.n),
        "percentile": np.where(hide, np.nan, (n - rank) * inverse(grouped.n - 1.0, 100.0)),
        "dev_mean": dev_mean,
        "dev_mean_pct": dev_mean * inverse(np.asarray(stats["mean"], dtype=np.float64), 100.0),
        "dev_median": dev_median,
        "dev_median_pct": dev_median
        * inverse(np.asarray(stats["median"], dtype=np.float64), 100.0),
        "z": dev_mean * inverse(np.asarray(stats["sd"], dtype=np.float64)),
        "robust_z": dev_median * inverse(MAD_SCALE * mad),
        "corridor": corridor.astype(np.int8, copy=False),
        "verdict": _VERDICT_TABLE.take((corridor + 1) * 3 + polarity + 1),
    }


def position_columns(arrays: Mapping[str, npt.NDArray[Any]]) -> dict[str, object]:
    """The :data:`POSITION_COLUMNS` as pandas columns from :func:`position_arrays`."""
    hide = arrays["hide"]
    columns: dict[str, object] = {
        "rank": pd.arrays.IntegerArray(arrays["rank"].astype(np.int64, copy=False), hide),
        "rank_n": pd.arrays.IntegerArray(
            arrays["rank_n"].astype(np.int64, copy=False), hide.copy()
        ),
    }
    for name in POSITION_COLUMNS[2:-2]:
        columns[name] = arrays[name]
    for name, categories in (("corridor", CORRIDORS), ("verdict", VERDICTS)):
        codes = np.asarray(arrays[name], dtype=np.int8)
        columns[name] = pd.Categorical.from_codes(codes, categories=pd.Index(categories))
    return columns


def group_direction(grouped: Grouped, polarity: npt.NDArray[np.float64]) -> FloatArray:
    try:
        direction = grouped.constant(polarity, "polarity")
    except ValueError:
        raise ValueError("the polarity varies inside a comparison group") from None
    return np.nan_to_num(direction, nan=0.0)


def group_comparison(
    frame: pd.DataFrame,
    *,
    by: Sequence[str] = DEFAULT_BY,
    polarity: PolaritySpec = None,
    min_group_size: int = 5,
) -> GroupComparison:
    """:func:`.statistics.group_statistics` and :func:`positions` together, from one grouping."""
    return _compare(frame, by=by, polarity=polarity, min_group_size=min_group_size)


def _compare(
    frame: pd.DataFrame, *, by: Sequence[str], polarity: PolaritySpec, min_group_size: int
) -> GroupComparison:
    grouped = group(frame, by)
    direction = group_direction(grouped, row_polarity(frame, polarity))
    arrays = statistic_arrays(frame, grouped, min_group_size=min_group_size)
    in_order = position_arrays(grouped, arrays, direction, min_group_size=min_group_size)
    placed = position_columns({k: grouped.unsort(v) for k, v in in_order.items()})
    return GroupComparison(
        statistics_frame(grouped.keys, arrays),
        pd.DataFrame(placed, index=frame.index, copy=False),  # no stacking of the columns
    )


def positions(
    frame: pd.DataFrame,
    *,
    by: Sequence[str] = DEFAULT_BY,
    polarity: PolaritySpec = None,
    min_group_size: int = 5,
) -> pd.DataFrame:
    """The position of every row's value within its group; the index is the input's.

    ``rank`` (Int64, competition ranking, 1 = best by polarity) and ``rank_n``; ``percentile``;
    ``dev_mean``, ``dev_median`` and the same in % of the reference's absolute value; ``z``
    ((value − mean) / sd) and ``robust_z`` ((value − median) / (1.4826 × MAD)), NaN without
    spread; ``corridor`` (below q1, within [q1, q3], above q3) and ``verdict`` (better / worse
    outside the corridor by polarity, none for neutral key figures).
    """
    return group_comparison(
        frame, by=by, polarity=polarity, min_group_size=min_group_size
    ).positions


def changes(
    frame: pd.DataFrame,
    *,
    by: Sequence[str] = ("indicator", "measure"),
    year_col: str = "year",
    city_col: str = "ags",
) -> pd.DataFrame:
    """Per row the change of its value against the same city's value of the year before.

    The previous year is exactly ``year − 1`` of the same ``by`` keys and city; where it is
    missing or suppressed the change is NaN (as it is for a suppressed value of the row
    itself). Columns (index = the input's): ``previous``, ``change_abs`` (in the key figure's
    unit: percentage points for %) and ``change_pct`` (100 × change / |previous|).
    """
    values = frame["value"].to_numpy(dtype=np.float64, na_value=np.nan)
    usable = np.isfinite(values)
    if "suppressed" in frame.columns:
        usable &= ~frame["suppressed"].to_numpy(dtype=np.bool_, na_value=False)
    keys = [*by, city_col]
    years = frame[year_col].to_numpy(dtype=np.int64)
    span = int(years.max() - years.min()) + 2 if years.size else 1  # a gap between two keys
    key, space = combined_codes(frame, keys)
    if space * span >= 2**62:
        raise ValueError("too many key combinations")
    key = key * span + (years - years.min(initial=0))
    order = np.argsort(key, kind="stable")
    step = np.diff(key.take(order))
    if (step == 0).any():
        raise ValueError(f"a city appears twice for the same {[*keys, year_col]}")
    previous = np.full(len(frame), np.nan)
    earlier, later = order[:-1][step == 1], order[1:][step == 1]
    previous[later] = np.where(usable[earlier], values[earlier], np.nan)
    change = np.where(usable, values, np.nan) - previous
    with np.errstate(invalid="ignore", divide="ignore"):
        pct = np.where(
            np.isfinite(previous) & (previous != 0), 100.0 * change / np.abs(previous), np.nan
        )
    return pd.DataFrame(
        {"previous": previous, "change_abs": change, "change_pct": pct}, index=frame.index
    )
