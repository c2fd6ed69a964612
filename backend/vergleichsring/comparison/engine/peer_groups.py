"""Peer groups (Vergleichsgruppen): Ward clusters and nearest neighbours on the structural
variables (the master-data groups are in :mod:`.master_groups`).

A context frame holds one row per city (column ``ags`` or the index named ``ags``) and one numeric
column per structural variable (``KON-*``); NaN marks a missing value. Policies:

* z-standardisation with the observed mean and sd (ddof=1); missing values are **imputed with the
  variable's median** and reported (a city with no value at all, a variable with fewer than two
  values or without spread is an error): dropping a city would remove it from its own comparison.
* Rows are sorted by AGS first, so the input order never changes a result; clusters are numbered
  1..k by the smallest AGS they contain (the numbers carry no ranking).
* Silhouette after Rousseeuw (1987), 0 for a city alone; the best k has the highest mean
  silhouette, the smaller k on a tie.
* Neighbours: euclidean distance on the z-scores, the city excluded, ordered by distance, then
  AGS; ``rank`` is the competition rank of the distance.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final, TypeAlias

import numpy as np
import pandas as pd
from numpy.typing import NDArray
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import pdist, squareform

from vergleichsring.comparison.engine.master_groups import (
    EAST_WEST_GROUPS,
    GROUP_TYPES,
    KREISFREI_GROUPS,
    SIZE_CLASSES,
    STATES,
    ags_values,
    simple_groups,
)

__all__ = [
    "EAST_WEST_GROUPS",
    "GROUP_TYPES",
    "KREISFREI_GROUPS",
    "SIZE_CLASSES",
    "STATES",
    "ClusterResult",
    "Standardised",
    "nearest_neighbours",
    "silhouette",
    "silhouette_values",
    "similar_on",
    "simple_groups",
    "standardise",
    "ward_clusters",
]

FloatArray: TypeAlias = NDArray[np.float64]
IntArray: TypeAlias = NDArray[np.int64]

_NEIGHBOUR_COLUMNS: Final = ("ags", "distance", "rank", "imputed", "similar_on")


# --- standardisation -------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Standardised:
    """z-scores of the structural variables and how they were obtained.

    ``z``: index ``ags`` (sorted), one column per variable. ``means`` and ``sds`` (ddof=1) are
    those of the observed values. ``imputed`` lists the values filled with the median:
    ``ags``, ``variable``, ``value`` (on the original scale).
    """

    z: pd.DataFrame
    variables: tuple[str, ...]
    means: pd.Series
    sds: pd.Series
    imputed: pd.DataFrame

    def imputed_by_ags(self) -> dict[str, tuple[str, ...]]:
        """The imputed variables of each city that has any."""
        found: dict[str, list[str]] = {}
        for ags, variable in zip(
            self.imputed["ags"].tolist(), self.imputed["variable"].tolist(), strict=True
        ):
            found.setdefault(str(ags), []).append(str(variable))
        return {ags: tuple(v) for ags, v in found.items()}


def _context_matrix(context: pd.DataFrame, variables: Sequence[str] | None) -> pd.DataFrame:
    """The context as floats, indexed by AGS (sorted), restricted to ``variables``."""
    if "ags" in context.columns:
        frame = context.set_index("ags")
    elif context.index.name == "ags":
        frame = context
    else:
        raise ValueError("context: needs an 'ags' column or an index named 'ags'")
    ags = ags_values(frame.index)
    if len(set(ags)) != len(ags):
        raise ValueError("context: an AGS is listed twice")
    if variables is None:
        names = [
            str(c)
            for c in frame.columns
            if pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c])
        ]
    else:
        names = [str(v) for v in variables]
        unknown = [v for v in names if v not in frame.columns]
        if unknown:
            raise ValueError(f"context: unknown variable(s) {unknown}")
    if not names:
        raise ValueError("context: no structural variable to use")
    if len(set(names)) != len(names):
        raise ValueError("context: a variable is named twice")
    try:
        values = frame[names].to_numpy(dtype=np.float64, na_value=np.nan)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"context: variables must be numeric ({exc})") from exc
    if np.isinf(values).any():
        raise ValueError("context: infinite values are not allowed")
    matrix = pd.DataFrame(values, index=pd.Index(ags, name="ags", dtype="str"), columns=names)
    return matrix.sort_index(kind="stable")


def standardise(context: pd.DataFrame, *, variables: Sequence[str] | None = None) -> Standardised:
    """z-standardise the structural variables (mean 0, sd 1 with ddof=1), imputing the median.

    ``variables`` defaults to every numeric (non-bool) column. Raises ``ValueError`` for a city
    without any value, a variable with fewer than two observed values or without spread.
    """
    matrix = _context_matrix(context, variables)
    values = matrix.to_numpy(dtype=np.float64)
    names = [str(c) for c in matrix.columns]
    missing = np.isnan(values)
    empty_rows = np.flatnonzero(missing.all(axis=1))
    if empty_rows.size:
        raise ValueError(
            f"context: city {matrix.index[empty_rows[0]]} has no value for any variable"
        )
    observed = (~missing).sum(axis=0)
    too_few = [n for n, count in zip(names, observed.tolist(), strict=True) if count < 2]
    if too_few:
        raise ValueError(f"context: variable(s) {too_few} need at least two observed values")
    means = np.nanmean(values, axis=0)
    sds = np.nanstd(values, axis=0, ddof=1)
    flat = [n for n, sd in zip(names, sds.tolist(), strict=True) if not sd > 0]
    if flat:
        raise ValueError(f"context: variable(s) {flat} do not vary and cannot be standardised")
    medians = np.nanmedian(values, axis=0)
    rows, cols = np.nonzero(missing)
    filled = np.where(missing, medians[None, :], values)
    z = (filled - means[None, :]) / sds[None, :]
    index = matrix.index
    return Standardised(
        z=pd.DataFrame(z, index=index, columns=names),
        variables=tuple(names),
        means=pd.Series(means, index=names, name="mean"),
        sds=pd.Series(sds, index=names, name="sd"),
        imputed=pd.DataFrame(
            {
                "ags": pd.array([str(index[r]) for r in rows.tolist()], dtype="str"),
                "variable": pd.array([names[c] for c in cols.tolist()], dtype="str"),
                "value": medians[cols].astype(np.float64),
            }
        ),
    )


# --- silhouette ------------------------------------------------------------------------------


def silhouette_values(points: FloatArray, labels: Sequence[int] | IntArray) -> FloatArray:
    """The silhouette s(i) of every point (euclidean; 0 for a point alone in its cluster).

    Needs between 2 and n − 1 distinct labels.
    """
    x = np.asarray(points, dtype=np.float64)
    if x.ndim != 2:
        raise ValueError("points must be a 2-D array (one row per observation)")
    n = x.shape[0]
    _, own = np.unique(np.asarray(labels), return_inverse=True)
    if own.shape != (n,):
        raise ValueError("labels must have one entry per point")
    n_clusters = int(own.max()) + 1 if n else 0
    if not 2 <= n_clusters <= n - 1:
        raise ValueError(f"the silhouette needs 2 to n−1 clusters, got {n_clusters} for n={n}")
    distances = np.asarray(squareform(pdist(x, metric="euclidean")), dtype=np.float64)
    members = np.zeros((n, n_clusters), dtype=np.float64)
    members[np.arange(n), own] = 1.0
    sums = distances @ members
    counts = members.sum(axis=0)
    others_in_own = counts[own] - 1.0
    alone = others_in_own == 0
    a = sums[np.arange(n), own] / np.where(alone, 1.0, others_in_own)
    mean_to = sums / counts[None, :]
    mean_to[np.arange(n), own] = np.inf
    b = mean_to.min(axis=1)
    scale = np.maximum(a, b)
    with np.errstate(invalid="ignore", divide="ignore"):
        s = np.where(alone | (scale == 0), 0.0, (b - a) / scale)
    return np.asarray(s, dtype=np.float64)


def silhouette(points: FloatArray, labels: Sequence[int] | IntArray) -> float:
    """The mean silhouette of a partition (see :func:`silhouette_values`)."""
    return float(silhouette_values(points, labels).mean())


# --- Ward clusters ---------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class ClusterResult:
    """Ward clusters of the cities.

    ``assignments``: index ``ags`` (sorted), values 1..k, numbered by the smallest AGS in each
    cluster. ``linkage`` is scipy's linkage matrix; its leaves are the cities in the order of
    ``assignments``. ``silhouette_by_k`` holds the mean silhouette of every k tried.
    """

    assignments: pd.Series
    k: int
    silhouette_by_k: Mapping[int, float]
    variables: tuple[str, ...]
    means: pd.Series
    sds: pd.Series
    linkage: FloatArray
    imputed: pd.DataFrame
    method: str

    def members(self, cluster: int) -> tuple[str, ...]:
        """The AGS of the cities in ``cluster``, sorted."""
        return tuple(str(a) for a in self.assignments.index[self.assignments == cluster])


def _number_by_smallest_ags(labels: IntArray) -> IntArray:
    """Renumber labels 1..k in the order of first appearance (rows are sorted by AGS)."""
    _, first = np.unique(labels, return_index=True)
    order = np.argsort(first, kind="stable")
    renumber = np.empty(order.size, dtype=np.int64)
    renumber[order] = np.arange(1, order.size + 1)
    _, inverse = np.unique(labels, return_inverse=True)
    return renumber[inverse]


def ward_clusters(
    context: pd.DataFrame,
    *,
    k: int | None = None,
    k_range: tuple[int, int] = (3, 6),
    variables: Sequence[str] | None = None,
) -> ClusterResult:
    """Ward clusters on the z-scores of ``context``; k by the silhouette within ``k_range``.

    ``scipy.cluster.hierarchy.linkage(method="ward")`` on the standardised matrix (rows sorted by
    AGS), cut with ``fcluster(criterion="maxclust")``. With ``k`` given, that k is used (the
    silhouettes of ``k_range`` are still reported). ``k_range`` is inclusive; values outside
    2..n−1 are skipped. When ties in the merge heights leave fewer than k clusters, ``k`` of the
    result is the number actually formed.
    """
    low, high = k_range
    if not 2 <= low <= high:
        raise ValueError(f"k_range must satisfy 2 <= low <= high, got {k_range}")
    std = standardise(context, variables=variables)
    x = std.z.to_numpy(dtype=np.float64)
    n = x.shape[0]
    if n < 3:
        raise ValueError(f"clustering needs at least 3 cities, got {n}")
    tree = np.asarray(linkage(x, method="ward", metric="euclidean"), dtype=np.float64)

    def cut(n_clusters: int) -> IntArray:
        return np.asarray(fcluster(tree, t=n_clusters, criterion="maxclust"), dtype=np.int64)

    scores: dict[int, float] = {}
    candidates = [c for c in range(low, high + 1) if c <= n - 1]
    if k is not None:
        if not 1 <= k <= n:
            raise ValueError(f"k must be between 1 and the number of cities ({n}), got {k}")
        if 2 <= k <= n - 1 and k not in candidates:
            candidates.append(k)
    for candidate in sorted(candidates):
        labels = cut(candidate)
        if 2 <= np.unique(labels).size <= n - 1:
            scores[candidate] = silhouette(x, labels)
    if k is None:
        if not scores:
            raise ValueError(f"no k in {k_range} can be judged by the silhouette for {n} cities")
        best = max(scores.values())
        chosen = min(c for c, s in scores.items() if s >= best - 1e-12)
        method = f"Ward, euclidean on z-scores; k by silhouette in {low}–{high}"
    else:
        chosen = k
        method = f"Ward, euclidean on z-scores; k = {k} fixed"
    labels = _number_by_smallest_ags(cut(chosen))
    assignments = pd.Series(labels, index=std.z.index.copy(), name="cluster", dtype=np.int64)
    return ClusterResult(
        assignments=assignments,
        k=int(labels.max()),
        silhouette_by_k=dict(sorted(scores.items())),
        variables=std.variables,
        means=std.means,
        sds=std.sds,
        linkage=tree,
        imputed=std.imputed,
        method=method,
    )


# --- nearest neighbours ----------------------------------------------------------------------


def similar_on(neighbours: pd.DataFrame, variables: Sequence[str], *, top: int = 3) -> pd.Series:
    """Per neighbour, the ``top`` variables with the smallest absolute standardised difference.

    ``neighbours`` has one column per variable (the absolute differences) and optionally
    ``imputed`` (a list per row): an imputed variable says nothing about similarity and is left
    out. Ties keep the order of ``variables``. Returns a Series of lists, aligned to the rows.
    """
    if top < 1:
        raise ValueError(f"top must be at least 1, got {top}")
    names = list(variables)
    diffs = neighbours[names].to_numpy(dtype=np.float64, na_value=np.nan)
    imputed = (
        neighbours["imputed"].tolist() if "imputed" in neighbours.columns else [()] * len(diffs)
    )
    result: list[list[str]] = []
    for row, skip in zip(diffs, imputed, strict=True):
        usable = np.array(
            [not np.isnan(d) and v not in skip for v, d in zip(names, row, strict=True)]
        )
        order = np.argsort(np.where(usable, row, np.inf), kind="stable")
        result.append([names[i] for i in order[: min(top, int(usable.sum()))]])
    return pd.Series(result, index=neighbours.index, name="similar_on", dtype=object)


def nearest_neighbours(
    context: pd.DataFrame,
    ags: str,
    *,
    k: int = 5,
    variables: Sequence[str] | None = None,
    top: int = 3,
) -> pd.DataFrame:
    """The ``k`` cities nearest to ``ags`` on the z-scores of ``context`` (the city excluded).

    Columns: ``ags``, ``distance`` (euclidean on z-scores), ``rank`` (competition rank of the
    distance), one column per variable with the absolute standardised difference, ``imputed``
    (variables imputed for this neighbour or for the city itself, so that difference rests on a
    median) and ``similar_on`` (the ``top`` variables with the smallest differences, imputed
    ones left out). Ordered by distance, then AGS; fewer rows when there are fewer other cities.
    """
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    std = standardise(context, variables=variables)
    names = list(std.variables)
    clash = sorted(set(names) & set(_NEIGHBOUR_COLUMNS))
    if clash:
        raise ValueError(f"variable name(s) {clash} clash with the output columns")
    index = [str(a) for a in std.z.index]
    if ags not in index:
        raise ValueError(f"unknown AGS {ags!r}: not in the context")
    z = std.z.to_numpy(dtype=np.float64)
    position = index.index(ags)
    differences = np.abs(z - z[position])
    distance = np.sqrt((differences**2).sum(axis=1))
    others = np.array([i for i in range(len(index)) if i != position], dtype=np.int64)
    # rows are sorted by AGS, so the row position breaks distance ties by AGS
    order = others[np.lexsort((others, distance[others]))]
    sorted_distance = distance[order]
    ranks = np.searchsorted(sorted_distance, sorted_distance, side="left") + 1
    chosen = order[:k]

    imputed_by_ags = std.imputed_by_ags()
    own = set(imputed_by_ags.get(ags, ()))
    imputed = [
        [v for v in names if v in own or v in imputed_by_ags.get(index[i], ())]
        for i in chosen.tolist()
    ]
    frame = pd.DataFrame(
        {
            "ags": pd.array([index[i] for i in chosen.tolist()], dtype="str"),
            "distance": distance[chosen],
            "rank": ranks[: chosen.size].astype(np.int64),
        }
    )
    for j, name in enumerate(names):
        frame[name] = differences[chosen, j]
    frame["imputed"] = pd.Series(imputed, index=frame.index, dtype=object)
    frame["similar_on"] = similar_on(frame, names, top=top)
    return frame
