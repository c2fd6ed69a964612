"""One recompute per data version: every operation, for every peer group, reads the result of
one engine call; and that result equals the engine run on each group's rows alone."""

from __future__ import annotations

import numpy as np
import pytest
from fastapi.testclient import TestClient

from tests.conftest import bearer
from vergleichsring.comparison.engine.positions import group_comparison
from vergleichsring.comparison.engine.statistics import group_statistics_excluding_self
from vergleichsring.comparison.round_data import ComparisonCache, RoundData

MODERATOR = "moderation@example.org"
GROUPS = ["all", "size_class:GK1", "size_class:GK2", "east_west:West", "state:05", "cluster:1"]


def test_every_operation_and_peer_group_reads_one_recompute(
    client: TestClient, demo_round_id: int
) -> None:
    cache = ComparisonCache()
    client.app.state.comparison_cache = cache  # type: ignore[attr-defined]
    headers = bearer(client, MODERATOR)
    url = f"/api/v1/rounds/{demo_round_id}/comparison"
    for group in GROUPS:
        for code in ("DEM-01", "ARB-05", "KON-03"):
            answer = client.get(
                f"{url}/indicators/{code}", headers=headers, params={"peer_group": group}
            )
            assert answer.status_code == 200, answer.text
        assert (
            client.get(
                f"{url}/municipalities/05315000/profile",
                headers=headers,
                params={"peer_group": group},
            ).status_code
            == 200
        )
    assert client.get(f"{url}/indicators/DEM-01/distribution", headers=headers).status_code == 200
    scatter = client.get(f"{url}/scatter", headers=headers, params={"x": "KON-03", "y": "DEM-01"})
    assert scatter.status_code == 200
    assert client.get(f"{url}/peer-groups", headers=headers).status_code == 200
    assert cache.computations == 1


def _round(cache: ComparisonCache) -> RoundData:
    (data,) = cache._items.values()
    return data


@pytest.mark.parametrize("group_id", GROUPS)
def test_the_ring_result_equals_the_engine_on_each_group_alone(
    client: TestClient, demo_round_id: int, group_id: str
) -> None:
    cache = ComparisonCache()
    client.app.state.comparison_cache = cache  # type: ignore[attr-defined]
    answer = client.get(
        f"/api/v1/rounds/{demo_round_id}/comparison/peer-groups",
        headers=bearer(client, MODERATOR),
    )
    assert answer.status_code == 200
    data = _round(cache)
    group = next(g for g in data.groups if g.brief.id == group_id)
    alone = data.values[data.values["ags"].isin(list(group.members))]
    expected = group_comparison(alone, min_group_size=data.min_group_size)
    excluding = group_statistics_excluding_self(alone, min_group_size=data.min_group_size)
    result = data.result
    stats = result.statistics[result.statistics["peer_group"] == group_id].reset_index(drop=True)
    assert len(stats) == len(expected.statistics)
    for name in ("n", "mean", "weighted", "median", "q1", "q3", "sd", "mad"):
        np.testing.assert_allclose(
            stats[name].to_numpy(dtype=float),
            expected.statistics[name].to_numpy(dtype=float),
            rtol=1e-12,
            err_msg=name,
        )
    rows = result.rows[result.rows["peer_group"] == group_id].set_index("row").sort_index()
    placed = expected.positions.loc[rows.index]
    for name in ("rank", "percentile", "z", "robust_z", "dev_median_pct"):
        np.testing.assert_allclose(
            rows[name].to_numpy(dtype=float, na_value=np.nan),
            placed[name].to_numpy(dtype=float, na_value=np.nan),
            rtol=1e-12,
            err_msg=name,
        )
    assert rows["corridor"].astype(object).equals(placed["corridor"].astype(object))
    others = excluding.loc[rows.index]
    # The ring result carries what the service shows of the group without the city: n, mean
    # and median (the quartiles without the city are the engine function's, tested there).
    assert not {"ex_q1", "ex_q3"} & set(rows.columns)
    for name in ("n", "mean", "median"):
        np.testing.assert_allclose(
            rows[f"ex_{name}"].to_numpy(dtype=float),
            others[name].to_numpy(dtype=float),
            rtol=1e-12,
            err_msg=name,
        )
