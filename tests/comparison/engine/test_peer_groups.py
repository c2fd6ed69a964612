"""Peer groups: simple groups, standardisation, Ward clusters, silhouette, nearest neighbours."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.typing import NDArray
from scipy.cluster.hierarchy import fcluster, linkage

from vergleichsring.comparison.engine.master_groups import simple_groups
from vergleichsring.comparison.engine.peer_groups import (
    nearest_neighbours,
    silhouette,
    silhouette_values,
    similar_on,
    standardise,
    ward_clusters,
)

VARIABLES = ["KON-01", "KON-02", "KON-03", "KON-04"]


def cities_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "ags": ["11000000", "05315000", "14713000", "03241001", "06413000", "09761000"],
            "size_class": ["GK1", "GK1", "GK1", "GK1", "GK3", None],
            "east_west": ["Berlin", "West", "Ost", "West", "West", "West"],
            "state": ["Berlin", "Nordrhein-Westfalen", "Sachsen", "Niedersachsen", "06", "Bayern"],
            "kreisfrei": [True, True, True, False, True, True],
        }
    )


def context_frame(n: int = 24, seed: int = 3) -> pd.DataFrame:
    """Three well separated blobs plus noise, AGS not in row order."""
    rng = np.random.default_rng(seed)
    centres = np.array([[0, 0, 0, 0], [4, 4, 0, 0], [0, 4, 4, -3]], dtype=np.float64)
    labels = np.arange(n) % 3
    values = centres[labels] + rng.normal(0, 0.6, size=(n, 4))
    values = values * np.array([100_000, 2.0, 5.0, 0.5]) + np.array([300_000, 10, 20, 1])
    ags = [f"{(7 * i) % 97 + 1:02d}{i:06d}" for i in range(n)]
    frame = pd.DataFrame(values, columns=VARIABLES)
    frame.insert(0, "ags", ags)
    return frame


def z_scores(frame: pd.DataFrame) -> tuple[list[str], NDArray[np.float64]]:
    ordered = frame.sort_values("ags")
    x = ordered[VARIABLES].to_numpy(dtype=np.float64)
    return ordered["ags"].tolist(), (x - x.mean(axis=0)) / x.std(axis=0, ddof=1)


def partition(labels: list[int] | NDArray[np.int64], ags: list[str]) -> set[frozenset[str]]:
    groups: dict[int, set[str]] = {}
    for label, code in zip(list(labels), ags, strict=True):
        groups.setdefault(int(label), set()).add(code)
    return {frozenset(g) for g in groups.values()}


def brute_silhouette(x: NDArray[np.float64], labels: list[int]) -> list[float]:
    n = len(labels)
    result = []
    for i in range(n):

        def mean_distance(cluster: int, i: int = i) -> float:
            others = [j for j in range(n) if labels[j] == cluster and j != i]
            return sum(math.dist(x[i], x[j]) for j in others) / len(others)

        own = labels[i]
        if sum(1 for label in labels if label == own) == 1:
            result.append(0.0)
            continue
        a = mean_distance(own)
        b = min(mean_distance(c) for c in set(labels) if c != own)
        result.append((b - a) / max(a, b))
    return result


# --- simple groups -----------------------------------------------------------------------------


def test_simple_groups() -> None:
    groups = simple_groups(cities_frame())
    assert list(groups.columns) == ["group_type", "group", "label_de", "label_en", "ags"]
    members = {
        (t, g): sorted(frame["ags"]) for (t, g), frame in groups.groupby(["group_type", "group"])
    }
    assert members == {
        ("size_class", "GK1"): ["03241001", "05315000", "11000000", "14713000"],
        ("size_class", "GK3"): ["06413000"],
        ("east_west", "Ost"): ["14713000"],
        ("east_west", "West"): ["03241001", "05315000", "06413000", "09761000"],
        ("state", "03"): ["03241001"],
        ("state", "05"): ["05315000"],
        ("state", "06"): ["06413000"],
        ("state", "09"): ["09761000"],
        ("state", "11"): ["11000000"],
        ("state", "14"): ["14713000"],
        ("kreisfrei", "kreisangehoerig"): ["03241001"],
        ("kreisfrei", "kreisfrei"): ["05315000", "06413000", "09761000", "11000000", "14713000"],
    }
    assert groups["group_type"].drop_duplicates().tolist() == [
        "size_class",
        "east_west",
        "state",
        "kreisfrei",
    ]
    labels = groups.drop_duplicates("group").set_index("group")
    assert labels.loc["06", "label_de"] == "Hessen"
    assert labels.loc["09", "label_en"] == "Bavaria"
    assert str(labels.loc["GK1", "label_de"]).startswith("Größenklasse 1")


def test_berlin_is_in_no_east_west_group() -> None:
    default = simple_groups(cities_frame())
    assert "11000000" not in set(default[default["group_type"] == "east_west"]["ags"])
    assert "11000000" in set(default[default["group_type"] == "state"]["ags"])


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("size_class", "GK4", "unknown size_class"),
        ("east_west", "Nord", "east_west must be"),
        ("state", "Hessen", "does not match the AGS"),
        ("kreisfrei", "yes", "kreisfrei must be true or false"),
    ],
)
def test_simple_groups_refuse_bad_master_data(column: str, value: str, message: str) -> None:
    frame = cities_frame()
    frame[column] = [value if i == 1 else v for i, v in enumerate(frame[column].tolist())]
    with pytest.raises(ValueError, match=message):
        simple_groups(frame)


# --- standardisation ---------------------------------------------------------------------------


def test_standardise_gives_mean_0_and_sd_1() -> None:
    frame = context_frame()
    std = standardise(frame)
    assert std.variables == tuple(VARIABLES)
    assert std.z.index.tolist() == sorted(frame["ags"])
    np.testing.assert_allclose(std.z.mean().to_numpy(), 0.0, atol=1e-12)
    np.testing.assert_allclose(std.z.std(ddof=1).to_numpy(), 1.0)
    np.testing.assert_allclose(std.z.to_numpy(), z_scores(frame)[1])
    np.testing.assert_allclose(std.means.to_numpy(), frame[VARIABLES].mean().to_numpy())
    assert std.imputed.empty


def test_standardise_imputes_the_median_and_reports_it() -> None:
    frame = context_frame(8)
    frame.loc[2, "KON-02"] = np.nan
    imputed_ags = str(frame["ags"].iloc[2])
    std = standardise(frame)
    observed = frame["KON-02"].dropna()
    median = float(observed.median())
    assert std.imputed.to_dict("records") == [
        {"ags": imputed_ags, "variable": "KON-02", "value": median}
    ]
    assert std.means["KON-02"] == pytest.approx(observed.mean())
    assert std.sds["KON-02"] == pytest.approx(observed.std(ddof=1))
    expected = (median - observed.mean()) / observed.std(ddof=1)
    assert std.z.loc[imputed_ags, "KON-02"] == pytest.approx(expected)
    assert std.imputed_by_ags() == {imputed_ags: ("KON-02",)}


def test_standardise_accepts_ags_as_index() -> None:
    frame = context_frame(8).set_index("ags")
    std = standardise(frame)
    assert std.variables == tuple(VARIABLES)
    assert list(std.z.columns) == VARIABLES


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"row": 1, "all": True}, "has no value for any variable"),
        ({"constant": "KON-03"}, "do not vary"),
        ({"only_one": "KON-04"}, "at least two observed values"),
    ],
)
def test_standardise_refuses(change: dict[str, object], message: str) -> None:
    frame = context_frame(6)
    if change.get("all"):
        frame.loc[1, VARIABLES] = np.nan
    if "constant" in change:
        frame[str(change["constant"])] = 5.0
    if "only_one" in change:
        frame.loc[1:, str(change["only_one"])] = np.nan
    with pytest.raises(ValueError, match=message):
        standardise(frame)


def test_duplicate_ags_is_refused() -> None:
    frame = context_frame(6)
    codes = frame["ags"].tolist()
    codes[1] = codes[0]
    frame["ags"] = codes
    with pytest.raises(ValueError, match="listed twice"):
        standardise(frame)


# --- silhouette --------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_silhouette_matches_brute_force(seed: int) -> None:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(15, 3))
    labels = [int(v) for v in rng.integers(0, 4, 15)]
    labels[0] = 9  # a singleton cluster: silhouette 0
    expected = brute_silhouette(x, labels)
    np.testing.assert_allclose(silhouette_values(x, labels), expected, atol=1e-12)
    assert silhouette(x, labels) == pytest.approx(sum(expected) / len(expected))
    assert silhouette_values(x, labels)[0] == 0


def test_silhouette_needs_two_to_n_minus_one_clusters() -> None:
    x = np.zeros((4, 2))
    with pytest.raises(ValueError, match="2 to n−1 clusters"):
        silhouette(x, [1, 1, 1, 1])
    with pytest.raises(ValueError, match="2 to n−1 clusters"):
        silhouette(x, [1, 2, 3, 4])


# --- Ward clusters -----------------------------------------------------------------------------


def test_ward_matches_scipy_directly() -> None:
    frame = context_frame()
    ags, z = z_scores(frame)
    result = ward_clusters(frame)
    expected = fcluster(linkage(z, method="ward"), t=result.k, criterion="maxclust")
    assert partition(result.assignments.to_numpy(), ags) == partition(expected, ags)
    np.testing.assert_allclose(result.linkage, linkage(z, method="ward"))
    assert result.assignments.index.tolist() == ags


def test_k_is_chosen_by_the_silhouette() -> None:
    frame = context_frame()
    ags, z = z_scores(frame)
    tree = linkage(z, method="ward")
    brute = {
        k: float(np.mean(brute_silhouette(z, [int(v) for v in fcluster(tree, k, "maxclust")])))
        for k in range(3, 7)
    }
    result = ward_clusters(frame)
    assert result.silhouette_by_k == pytest.approx(brute)
    assert result.k == max(brute, key=lambda k: brute[k])
    assert result.k == 3  # three blobs
    assert partition(result.assignments.to_numpy(), ags) == {
        frozenset(frame.loc[frame.index % 3 == blob, "ags"]) for blob in range(3)
    }
    assert result.method == "Ward, euclidean on z-scores; k by silhouette in 3–6"
    assert result.variables == tuple(VARIABLES)


def test_clusters_are_numbered_by_their_smallest_ags() -> None:
    result = ward_clusters(context_frame())
    assignments = result.assignments
    first_seen = list(dict.fromkeys(assignments.tolist()))
    assert first_seen == [1, 2, 3]
    assert assignments.iloc[0] == 1
    assert result.members(1)[0] == assignments.index[0]


def test_ward_reports_imputed_values() -> None:
    frame = context_frame()
    frame.loc[4, "KON-01"] = np.nan
    result = ward_clusters(frame)
    assert result.imputed[["ags", "variable"]].to_dict("records") == [
        {"ags": frame.loc[4, "ags"], "variable": "KON-01"}
    ]
    assert set(result.assignments.index) == set(frame["ags"])


def test_ward_refuses_too_few_cities() -> None:
    with pytest.raises(ValueError, match="at least 3 cities"):
        ward_clusters(context_frame(2))


@settings(max_examples=30, deadline=None)
@given(st.permutations(list(range(24))))
def test_clusters_do_not_depend_on_row_order(order: list[int]) -> None:
    frame = context_frame()
    expected = ward_clusters(frame)
    shuffled = frame.iloc[order].reset_index(drop=True)
    result = ward_clusters(shuffled)
    pd.testing.assert_series_equal(result.assignments, expected.assignments)
    assert result.silhouette_by_k == expected.silhouette_by_k
    np.testing.assert_array_equal(result.linkage, expected.linkage)


# --- nearest neighbours ------------------------------------------------------------------------


def test_nearest_neighbours_match_brute_force() -> None:
    frame = context_frame()
    ags, z = z_scores(frame)
    target = ags[5]
    result = nearest_neighbours(frame, target, k=6)
    brute = sorted((math.dist(z[5], z[i]), ags[i]) for i in range(len(ags)) if ags[i] != target)[:6]
    assert result["ags"].tolist() == [code for _, code in brute]
    np.testing.assert_allclose(result["distance"], [d for d, _ in brute])
    assert result["rank"].tolist() == [1, 2, 3, 4, 5, 6]
    assert target not in set(result["ags"])
    for variable_index, variable in enumerate(VARIABLES):
        expected = [abs(z[ags.index(code), variable_index] - z[5, variable_index]) for code in ags]
        np.testing.assert_allclose(
            result[variable], [expected[ags.index(code)] for code in result["ags"]]
        )
    assert list(result.columns) == ["ags", "distance", "rank", *VARIABLES, "imputed", "similar_on"]


def test_similar_on_names_the_smallest_differences() -> None:
    result = nearest_neighbours(context_frame(), context_frame()["ags"][0], k=3)
    for _, neighbour in result.iterrows():
        diffs = {v: neighbour[v] for v in VARIABLES}
        assert neighbour["similar_on"] == sorted(diffs, key=lambda v: diffs[v])[:3]


def test_similar_on_leaves_imputed_variables_out() -> None:
    table = pd.DataFrame(
        {
            "a": [0.1, 0.5],
            "b": [0.2, 0.1],
            "c": [0.3, 0.1],
            "imputed": [["a"], []],
        }
    )
    assert similar_on(table, ["a", "b", "c"]).tolist() == [["b", "c"], ["b", "c", "a"]]


def test_nearest_neighbours_ties_and_bounds() -> None:
    frame = pd.DataFrame(
        {
            "ags": ["05000003", "05000001", "05000002", "05000004"],
            "x": [1.0, 0.0, 2.0, 1.0],
        }
    )
    result = nearest_neighbours(frame, "05000003", k=10)
    assert result["ags"].tolist() == ["05000004", "05000001", "05000002"]
    assert result["rank"].tolist() == [1, 2, 2]
    with pytest.raises(ValueError, match="unknown AGS"):
        nearest_neighbours(frame, "05000009")
    with pytest.raises(ValueError, match="k must be at least 1"):
        nearest_neighbours(frame, "05000003", k=0)


def test_nearest_neighbours_flag_imputed_differences() -> None:
    frame = context_frame(8)
    target = str(frame.loc[0, "ags"])
    frame.loc[0, "KON-02"] = np.nan
    frame.loc[3, "KON-04"] = np.nan
    result = nearest_neighbours(frame, target, k=7).set_index("ags")
    other = str(frame.loc[3, "ags"])
    assert result.loc[other, "imputed"] == ["KON-02", "KON-04"]
    assert all("KON-02" in imputed for imputed in result["imputed"])
    assert all("KON-02" not in similar for similar in result["similar_on"])
