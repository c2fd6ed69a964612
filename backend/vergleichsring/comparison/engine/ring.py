"""The whole comparison of a round in one call: every key figure, measure, year and peer group.

:func:`ring_comparison` repeats every row of the value frame once per peer group of its city
and groups by (peer group, indicator, measure, year) itself: statistics, positions and the
statistics without the own city for every group at once, the change against the previous year
and the interval of every value, and whether that interval excludes the group's median.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, NamedTuple

import numpy as np
import numpy.typing as npt
import pandas as pd

from vergleichsring.comparison.engine.grouping import Grouped, group
from vergleichsring.comparison.engine.intervals import differs_from, rate_intervals
from vergleichsring.comparison.engine.positions import (
    changes,
    group_direction,
    position_arrays,
    position_columns,
    row_polarity,
)
from vergleichsring.comparison.engine.statistics import (
    excluding_self_arrays,
    statistic_arrays,
    statistics_frame,
)

__all__ = ["RING_BY", "RingComparison", "ring_comparison"]

#: The grouping of the ring comparison.
RING_BY: Final[tuple[str, ...]] = ("peer_group", "indicator", "measure", "year")


@dataclass(frozen=True, eq=False)
class RingComparison:
    """The result of :func:`ring_comparison`.

    - ``statistics``: one row per (peer group, indicator, measure, year), sorted by these keys.
    - ``rows``: one row per value row and peer group of its city, grouped like ``statistics``:
      group ``g`` holds ``rows.iloc[bounds[g]:bounds[g + 1]]``. Columns ``row`` (the position
      in the value frame), the position columns, ``ex_n``, ``ex_mean``, ``ex_median``,
      ``ex_withheld`` (the group without the city) and ``differs_from_median``.
    - ``per_value``: aligned to the value frame: ``previous``, ``change_abs``, ``change_pct``,
      ``ci_low``, ``ci_high``.
    """

    statistics: pd.DataFrame
    rows: pd.DataFrame
    bounds: npt.NDArray[np.int64]
    per_value: pd.DataFrame


class _Expanded(NamedTuple):
    peer_group: pd.api.extensions.ExtensionArray
    value_row: npt.NDArray[np.int64]
    grouped: Grouped
    weights: pd.DataFrame
    direction: npt.NDArray[np.float64]


def _categorical(column: pd.Series) -> pd.Series:
    return column if isinstance(column.dtype, pd.CategoricalDtype) else column.astype("category")


def _expand(values: pd.DataFrame, membership: pd.DataFrame) -> _Expanded:
    """The value rows repeated once per peer group of their city, already in grouped order.

    The values are sorted once per (indicator, measure, year) by :func:`.grouping.group`; their
    repetition keeps that order, and a stable sort by the peer group's code (a radix sort of small
    integers) brings every (peer group, key figure, year) together without sorting by value
    again. The places are built in that order, so the grouping's order is the identity.
    """
    base = group(values, RING_BY[1:])
    city_codes = values["ags"].cat.codes.to_numpy()
    cities = values["ags"].cat.categories
    member_city = pd.Index(cities).get_indexer(membership["ags"])
    known = member_city >= 0
    member_city = member_city[known]
    groups = _categorical(membership["peer_group"].iloc[np.flatnonzero(known)])
    by_city = np.argsort(member_city, kind="stable")
    per_city = np.bincount(member_city, minlength=len(cities))
    first = np.concatenate([[0], np.cumsum(per_city)[:-1]]).astype(np.int64)
    city = city_codes.take(base.order)
    repeats = per_city.take(city)
    offset = np.arange(int(repeats.sum())) - np.repeat(np.cumsum(repeats) - repeats, repeats)
    member = by_city.take(np.repeat(first.take(city), repeats) + offset)
    peer = groups.cat.codes.to_numpy().take(member)
    by_peer = np.argsort(peer, kind="stable")
    value_row = np.repeat(base.order, repeats).take(by_peer)
    key = np.repeat(base.group_of_place, repeats).take(by_peer)
    combined = peer.take(by_peer).astype(np.int64) * max(base.size, 1) + key
    starts = np.flatnonzero(np.diff(combined, prepend=-1)) if combined.size else combined
    bounds = np.append(starts, combined.size).astype(np.int64)
    peer_group = groups.array.take(member.take(by_peer))
    keys = base.keys.take(key.take(starts)).reset_index(drop=True)
    keys.insert(0, "peer_group", peer_group.take(starts))
    counted = base.counted.take(value_row)
    n = np.add.reduceat(counted, starts).astype(np.int64) if starts.size else starts
    grouped = Grouped(
        keys, np.arange(value_row.size, dtype=np.int64), bounds, n,
        base.values.take(value_row), counted, in_order=True,
    )  # fmt: skip
    weights = {
        name: values[name].to_numpy(np.float64, na_value=np.nan).take(value_row)
        for name in ("numerator", "denominator", "multiplier")
        if name in values.columns
    }
    # The polarity is checked per key figure-year on the values; a peer group's is its key's.
    direction = group_direction(base, row_polarity(values, None)).take(key.take(starts))
    return _Expanded(peer_group, value_row, grouped, pd.DataFrame(weights, copy=False), direction)


def ring_comparison(
    values: pd.DataFrame, membership: pd.DataFrame, *, min_group_size: int = 5
) -> RingComparison:
    """Compare every value with the cities of every peer group its city belongs to.

    ``values`` is the value frame (suppressed rows redacted); ``membership`` has the columns
    ``peer_group`` and ``ags`` (a city may be in many groups; groups keep their order of
    categories if ``peer_group`` is categorical, else they are sorted).
    """
    values = values.reset_index(drop=True)
    for name in ("indicator", "measure", "ags", "polarity"):
        if name in values.columns:
            values[name] = _categorical(values[name])
    peer_group, row, grouped, weights, direction = _expand(values, membership)
    stats = statistic_arrays(weights, grouped, min_group_size=min_group_size)
    placed = position_columns(
        position_arrays(grouped, stats, direction, min_group_size=min_group_size)
    )
    excluding = excluding_self_arrays(grouped, min_group_size=min_group_size, quartiles=False)
    per_value = changes(values).join(rate_intervals(values))
    ci = per_value[["ci_low", "ci_high"]].to_numpy()
    median = grouped.spread(np.asarray(stats["median"], dtype=np.float64))
    ordered: dict[str, object] = {
        "peer_group": peer_group,
        "row": row,
        **placed,
        **{f"ex_{name}": array for name, array in excluding.items()},
        "differs_from_median": differs_from(ci[row, 0], ci[row, 1], median),
    }
    ordered["ex_withheld"] = pd.Series(excluding["withheld"], dtype=object)
    return RingComparison(
        statistics=statistics_frame(grouped.keys, stats),
        rows=pd.DataFrame(ordered, copy=False),
        bounds=grouped.bounds,
        per_value=per_value,
    )
