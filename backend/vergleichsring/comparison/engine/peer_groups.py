"""Peer groups (Vergleichsgruppen) on the structural variables: Ward clusters and nearest
neighbours (the master-data groups are in :mod:`.master_groups`).

A context frame holds one row per city (column ``ags`` or the index named ``ags``) and one numeric
column per structural variable (``KON-*``); NaN marks a missing value. Policies:

* z-standardisation with the observed mean and sd (ddof=1); missing values are **imputed with the
  variable's median** and reported (a city with no value at all, a variable with fewer than two
  values or without spread is an error): dropping a city would remove it from its own comparison.
* Rows are sorted by AGS first, so the input order never changes a result; clusters are numbered
  1..k by the smallest AGS they contain (the numbers carry no ranking).
* Ward linkage (scipy) on the z-scores; k from 3 to 6 by the highest mean silhouette (Rousseeuw
  1987; 0 for a city alone), the smaller k on a tie.
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

from vergleichsring.comparison.engine.master_groups import ags_values

__all__ = ["ClusterResult", "Standardised", "nearest_neighbours", "standardise", "ward_clusters"]

FloatArray: TypeAlias = NDArray[np.float64]
IntArray: TypeAlias = NDArray[np.int64]

_K_RANGE: Final = (3, 6)
_SIMILAR_ON: Final = 3
_NEIGHBOUR_COLUMNS: Final = ("ags", "distance", "rank", "imputed", "similar_on")


@dataclass(frozen=True, eq=False)
class Standardised:
    """z-scores (index ``ags``, sorted; one column per variable), the observed means and sds, and
    the values filled with the median: ``imputed`` has ``ags``, ``variable``, ``value``."""

    z: pd.DataFrame
    variables: tuple[str, ...]
    means: pd.Series
    sds: pd.Series
    imputed: pd.DataFrame

    def imputed_by_ags(self) -> dict[str, tuple[str, ...]]:
        """The imputed variables of each city that has any."""
        return {str(a): tuple(v) for a, v in self.imputed.groupby("ags", sort=False)["variable"]}


def _context_matrix(context: pd.DataFrame) -> pd.DataFrame:
    """The numeric (non-bool) columns of the context as floats, indexed by AGS (sorted)."""
    frame = context.set_index("ags") if "ags" in context.columns else context
    if frame.index.name != "ags":
        raise ValueError("context: needs an 'ags' column or an index named 'ags'")
    ags = ags_values(frame.index)
    if len(set(ags)) != len(ags):
        raise ValueError("context: an AGS is listed twice")
    numeric = frame.select_dtypes("number")
    if numeric.shape[1] == 0:
        raise ValueError("context: no structural variable to use")
    values = numeric.to_numpy(dtype=np.float64, na_value=np.nan)
    if np.isinf(values).any():
        raise ValueError("context: infinite values are not allowed")
    names = [str(c) for c in numeric.columns]
    matrix = pd.DataFrame(values, index=pd.Index(ags, name="ags", dtype="str"), columns=names)
    return matrix.sort_index(kind="stable")


def standardise(context: pd.DataFrame) -> Standardised:
    """z-standardise the structural variables (mean 0, sd 1 with ddof=1), imputing the median."""
    matrix = _context_matrix(context)
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
    z = (np.where(missing, medians[None, :], values) - means[None, :]) / sds[None, :]
    return Standardised(
        z=pd.DataFrame(z, index=matrix.index, columns=names),
        variables=tuple(names),
        means=pd.Series(means, index=names, name="mean"),
        sds=pd.Series(sds, index=names, name="sd"),
        imputed=pd.DataFrame(
            {
                "ags": pd.array(matrix.index[rows].tolist(), dtype="str"),
                "variable": pd.array([names[c] for c in cols.tolist()], dtype="str"),
                "value": medians[cols].astype(np.float64),
            }
        ),
    )


def silhouette_values(points: FloatArray, labels: Sequence[int] | IntArray) -> FloatArray:
    """The silhouette s(i) of every point (euclidean; 0 for a point alone in its cluster).

    Needs between 2 and n − 1 distinct labels.
    """
    x = np.asarray(points, dtype=np.float64)
    n = x.shape[0]
    _, own = np.unique(np.asarray(labels), return_inverse=True)
    n_clusters = int(own.max()) + 1 if n else 0
    if not 2 <= n_clusters <= n - 1:
        raise ValueError(f"the silhouette needs 2 to n−1 clusters, got {n_clusters} for n={n}")
    members = np.zeros((n, n_clusters), dtype=np.float64)
    members[np.arange(n), own] = 1.0
    sums = squareform(pdist(x)) @ members  # per point, the summed distance to each cluster
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


@dataclass(frozen=True, eq=False)
class ClusterResult:
    """Ward clusters: ``assignments`` (index ``ags``, sorted; values 1..k), scipy's ``linkage``
    matrix (leaves in the order of ``assignments``) and the mean silhouette of every k tried."""

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


def ward_clusters(context: pd.DataFrame) -> ClusterResult:
    """Ward clusters on the z-scores of ``context``, k from 3 to 6 by the silhouette.

    When ties in the merge heights leave fewer than k clusters, ``k`` of the result is the
    number actually formed.
    """
    std = standardise(context)
    x = std.z.to_numpy(dtype=np.float64)
    n = x.shape[0]
    if n < 3:
        raise ValueError(f"clustering needs at least 3 cities, got {n}")
    tree = np.asarray(linkage(x, method="ward"), dtype=np.float64)
    scores: dict[int, float] = {}
    for k in range(_K_RANGE[0], min(_K_RANGE[1], n - 1) + 1):
        labels = fcluster(tree, t=k, criterion="maxclust")
        if 2 <= np.unique(labels).size <= n - 1:
            scores[k] = silhouette(x, labels)
    if not scores:
        raise ValueError(f"no k in {_K_RANGE} can be judged by the silhouette for {n} cities")
    best = max(scores.values())
    chosen = min(k for k, s in scores.items() if s >= best - 1e-12)
    # rows are sorted by AGS: number the clusters in the order they first appear
    codes, _ = pd.factorize(fcluster(tree, t=chosen, criterion="maxclust"))
    assignments = pd.Series(codes + 1, index=std.z.index.copy(), name="cluster", dtype=np.int64)
    return ClusterResult(
        assignments=assignments,
        k=int(assignments.max()),
        silhouette_by_k=scores,
        variables=std.variables,
        means=std.means,
        sds=std.sds,
        linkage=tree,
        imputed=std.imputed,
        method="Ward, euclidean on z-scores; k by silhouette in 3–6",
    )


def similar_on(neighbours: pd.DataFrame, variables: Sequence[str]) -> pd.Series:
    """Per neighbour, the three variables with the smallest absolute standardised difference.

    ``neighbours`` has one column per variable (the absolute differences) and ``imputed`` (a
    list per row): an imputed variable says nothing about similarity and is left out. Ties keep
    the order of ``variables``. Returns a Series of lists, aligned to the rows.
    """
    names = list(variables)
    diffs = neighbours[names].to_numpy(dtype=np.float64, na_value=np.nan)
    result: list[list[str]] = []
    for row, skip in zip(diffs, neighbours["imputed"], strict=True):
        usable = np.array(
            [not np.isnan(d) and v not in skip for v, d in zip(names, row, strict=True)]
        )
        order = np.argsort(np.where(usable, row, np.inf), kind="stable")
        result.append([names[i] for i in order[: min(_SIMILAR_ON, int(usable.sum()))]])
    return pd.Series(result, index=neighbours.index, name="similar_on", dtype=object)


def nearest_neighbours(context: pd.DataFrame, ags: str, *, k: int = 5) -> pd.DataFrame:
    """The ``k`` cities nearest to ``ags`` on the z-scores of ``context`` (the city excluded).

    Columns: ``ags``, ``distance``, ``rank``, one column per variable with the absolute
    standardised difference, ``imputed`` (variables imputed for this neighbour or for the city
    itself, so that the difference rests on a median) and ``similar_on`` (the three variables
    with the smallest differences, imputed ones left out). Fewer rows when there are fewer
    other cities.
    """
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    std = standardise(context)
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
    others = np.delete(np.arange(len(index)), position)
    # rows are sorted by AGS, so the row position breaks distance ties by AGS
    order = others[np.lexsort((others, distance[others]))]
    ranks = np.searchsorted(distance[order], distance[order], side="left") + 1
    chosen = order[:k]

    imputed_by_ags = std.imputed_by_ags()
    own = imputed_by_ags.get(ags, ())
    imputed = [
        [v for v in names if v in own or v in imputed_by_ags.get(index[i], ())] for i in chosen
    ]
    frame = pd.DataFrame(
        {
            "ags": pd.array([index[i] for i in chosen.tolist()], dtype="str"),
            "distance": distance[chosen],
            "rank": ranks[: chosen.size].astype(np.int64),
            **{name: differences[chosen, j] for j, name in enumerate(names)},
            "imputed": pd.Series(imputed, dtype=object),
        }
    )
    frame["similar_on"] = similar_on(frame, names)
    return frame
