"""Peer groups (Vergleichsgruppen): simple groups, Ward clusters and nearest neighbours.

* :func:`simple_groups` derives the master-data groups (size class, East/West, state,
  kreisfrei) from a cities frame.
* :func:`standardise` z-standardises structural variables (the ``KON-*`` rows of the catalogue).
* :func:`ward_clusters` clusters the cities with Ward's method on the z-scores and picks the
  number of clusters by the silhouette.
* :func:`nearest_neighbours` lists the cities most similar to one city, with the variables that
  make them similar (:func:`similar_on`).

A context frame holds one row per city: the AGS (column ``ags``, or the index named ``ags``) and
one numeric column per structural variable; NaN marks a missing value.

Policies, stated once:

* Standardisation uses the observed values of a variable: mean and standard deviation with
  ddof=1. Missing values are **imputed with the variable's median** (of the observed values), so
  that a city with one gap still gets a cluster and neighbours; every imputed value is reported
  (``imputed``: ``ags``, ``variable``, ``value``), and a city with no value at all is refused.
  Dropping the city instead would silently remove a participant from its own comparison.
* A variable with fewer than two observed values or without spread cannot be standardised and
  is an error, not a silent zero.
* Rows are sorted by AGS before anything is computed, so the input order never changes a result.
* Clusters are numbered 1..k by the smallest AGS they contain (cluster 1 holds the smallest AGS):
  the numbers carry no ranking and are stable for a given input.
* The silhouette follows Rousseeuw (1987): s(i) = (b − a) / max(a, b) on euclidean distances,
  0 for a city alone in its cluster; the best k has the highest mean silhouette, the smaller k on
  a tie.
* Nearest neighbours: euclidean distance on the z-scores, the city itself excluded, ordered by
  distance and then AGS; ``rank`` is the competition rank of the distance (1, 2, 2, 4).
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

GROUP_TYPES: Final[tuple[str, ...]] = ("size_class", "east_west", "state", "kreisfrei")
#: Size classes of the ring: code -> (label_de, label_en).
SIZE_CLASSES: Final[Mapping[str, tuple[str, str]]] = {
    "GK1": ("Größenklasse 1 (ab 500.000 Einw.)", "Size class 1 (500,000 residents or more)"),
    "GK2": (
        "Größenklasse 2 (200.000 bis unter 500.000 Einw.)",
        "Size class 2 (200,000 to under 500,000 residents)",
    ),
    "GK3": (
        "Größenklasse 3 (100.000 bis unter 200.000 Einw.)",
        "Size class 3 (100,000 to under 200,000 residents)",
    ),
}
EAST_WEST_GROUPS: Final[Mapping[str, tuple[str, str]]] = {
    "Ost": ("Ostdeutschland (ohne Berlin)", "East Germany (excluding Berlin)"),
    "West": ("Westdeutschland (ohne Berlin)", "West Germany (excluding Berlin)"),
}
EAST_WEST_VALUES: Final[frozenset[str]] = frozenset({"Ost", "West", "Berlin"})
KREISFREI_GROUPS: Final[Mapping[bool, tuple[str, str, str]]] = {
    True: ("kreisfrei", "Kreisfreie Städte", "County-level cities (kreisfrei)"),
    False: ("kreisangehoerig", "Kreisangehörige Städte", "Cities within a district"),
}
#: The Länder by the first two AGS digits: code -> (label_de, label_en).
STATES: Final[Mapping[str, tuple[str, str]]] = {
    "01": ("Schleswig-Holstein", "Schleswig-Holstein"),
    "02": ("Hamburg", "Hamburg"),
    "03": ("Niedersachsen", "Lower Saxony"),
    "04": ("Bremen", "Bremen"),
    "05": ("Nordrhein-Westfalen", "North Rhine-Westphalia"),
    "06": ("Hessen", "Hesse"),
    "07": ("Rheinland-Pfalz", "Rhineland-Palatinate"),
    "08": ("Baden-Württemberg", "Baden-Württemberg"),
    "09": ("Bayern", "Bavaria"),
    "10": ("Saarland", "Saarland"),
    "11": ("Berlin", "Berlin"),
    "12": ("Brandenburg", "Brandenburg"),
    "13": ("Mecklenburg-Vorpommern", "Mecklenburg-Western Pomerania"),
    "14": ("Sachsen", "Saxony"),
    "15": ("Sachsen-Anhalt", "Saxony-Anhalt"),
    "16": ("Thüringen", "Thuringia"),
}
_NEIGHBOUR_COLUMNS: Final = ("ags", "distance", "rank", "imputed", "similar_on")
_GROUP_COLUMNS: Final = ("group_type", "group", "label_de", "label_en", "ags")


# --- simple groups ---------------------------------------------------------------------------


def simple_groups(cities: pd.DataFrame, *, berlin_with: str | None = None) -> pd.DataFrame:
    """The master-data groups, long: ``group_type``, ``group``, ``label_de``, ``label_en``, ``ags``.

    ``cities`` has ``ags``, ``size_class`` (GK1/GK2/GK3; empty for a city below 100,000: it is
    in no size class), ``east_west`` (Ost/West/Berlin), ``state`` (name or two-digit code,
    checked against the AGS) and ``kreisfrei`` (bool).

    * ``size_class``: one group per class (GK1, GK2, GK3).
    * ``east_west``: groups ``Ost`` and ``West``. **Berlin is in neither** by default: the city
      was part East and part West, official statistics list it separately ("früheres
      Bundesgebiet ohne Berlin", "neue Länder ohne Berlin"), and as the ring's largest city it
      would dominate whichever group it joined. A group of Berlin alone would never reach the
      minimum group size, so there is none. ``berlin_with="Ost"`` (or ``"West"``) puts it there.
    * ``state``: the Land by the first two AGS digits (``05``), labelled with its name.
    * ``kreisfrei``: ``kreisfrei`` and ``kreisangehoerig``.

    Rows are ordered by group type (as above), group and AGS.
    """
    required = ("ags", "size_class", "east_west", "state", "kreisfrei")
    absent = [c for c in required if c not in cities.columns]
    if absent:
        raise ValueError(f"cities: missing column(s) {absent}")
    if berlin_with is not None and berlin_with not in EAST_WEST_GROUPS:
        raise ValueError(f"berlin_with must be 'Ost', 'West' or None, got {berlin_with!r}")
    ags = _ags_values(cities["ags"])
    if len(set(ags)) != len(ags):
        raise ValueError("cities: an AGS is listed twice")

    rows: list[tuple[str, str, str, str, str]] = []
    for code, size, region, state, kreisfrei in zip(
        ags,
        cities["size_class"].tolist(),
        cities["east_west"].tolist(),
        cities["state"].tolist(),
        cities["kreisfrei"].tolist(),
        strict=True,
    ):
        if not _is_missing(size):
            if size not in SIZE_CLASSES:
                raise ValueError(f"city {code}: unknown size_class {size!r}")
            rows.append(("size_class", size, *SIZE_CLASSES[size], code))
        if region not in EAST_WEST_VALUES:
            raise ValueError(f"city {code}: east_west must be Ost, West or Berlin, got {region!r}")
        group = berlin_with if region == "Berlin" else region
        if group is not None:
            rows.append(("east_west", group, *EAST_WEST_GROUPS[group], code))
        state_code = code[:2]
        if state_code not in STATES:
            raise ValueError(f"city {code}: the AGS names no Land")
        if str(state) not in (state_code, STATES[state_code][0]):
            raise ValueError(
                f"city {code}: state {state!r} does not match the AGS "
                f"({state_code} = {STATES[state_code][0]})"
            )
        rows.append(("state", state_code, *STATES[state_code], code))
        if not isinstance(kreisfrei, bool | np.bool_):
            raise ValueError(f"city {code}: kreisfrei must be true or false, got {kreisfrei!r}")
        rows.append(("kreisfrei", *KREISFREI_GROUPS[bool(kreisfrei)], code))

    order = {t: i for i, t in enumerate(GROUP_TYPES)}
    rows.sort(key=lambda r: (order[r[0]], r[1], r[4]))
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in _GROUP_COLUMNS]
    return pd.DataFrame(
        {
            name: pd.array(list(values), dtype="str")
            for name, values in zip(_GROUP_COLUMNS, columns, strict=True)
        }
    )


def _is_missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA


def _ags_values(column: pd.Series | pd.Index) -> list[str]:
    values = [str(a) for a in column.tolist()]
    bad = [a for a in values if len(a) != 8 or not a.isdigit()]
    if bad:
        raise ValueError(f"AGS must be 8 digits as text, got {bad[:5]}")
    return values


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
    ags = _ags_values(frame.index)
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
