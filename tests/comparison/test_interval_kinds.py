"""The interval of a value follows the key figure's declared kind (issue #7, item 8): Wilson for
a share, exact Poisson for a rate per 1,000 or 100,000, none for growth rates and the like."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.conftest import bearer

MODERATOR = "moderation@example.org"


def _rows(client: TestClient, round_id: int, code: str, measure: str | None = None) -> list[dict]:  # type: ignore[type-arg]
    params: dict[str, str | int] = {"year": 2021}
    if measure is not None:
        params["measure"] = measure
    answer = client.get(
        f"/api/v1/rounds/{round_id}/comparison/indicators/{code}",
        headers=bearer(client, MODERATOR),
        params=params,
    )
    assert answer.status_code == 200, answer.text
    rows: list[dict] = [r for r in answer.json()["rows"] if r["value"] is not None]  # type: ignore[type-arg]
    assert len(rows) >= 5
    return rows


@pytest.mark.parametrize(("code", "measure"), [("DEM-01", None), ("ARB-04", "A"), ("DIS-01", None)])
def test_shares_and_rates_per_100000_have_an_interval_around_the_value(
    client: TestClient, demo_round_id: int, code: str, measure: str | None
) -> None:
    for row in _rows(client, demo_round_id, code, measure):
        assert row["ci_low"] is not None, row
        assert row["ci_high"] is not None, row
        assert row["ci_low"] <= row["value"] <= row["ci_high"], row
        assert isinstance(row["differs_from_median"], bool)


def test_a_rate_per_100000_gets_the_poisson_interval_not_wilson(
    client: TestClient, demo_round_id: int
) -> None:
    # Wilson's interval of a tiny share is almost symmetric only for large counts; the exact
    # Poisson interval of a count k has its upper end at χ²(0.975; 2k+2)/2, always further from
    # the value than its lower end. Asymmetric to the top is the Poisson signature.
    for row in _rows(client, demo_round_id, "DIS-01"):
        assert row["ci_high"] - row["value"] > row["value"] - row["ci_low"], row


@pytest.mark.parametrize(
    ("code", "measure"),
    [("PAR-05", None), ("DEM-07", None), ("ARB-04", "gap"), ("ARB-04", "ratio")],
)
def test_growth_rates_balances_and_differences_have_no_interval(
    client: TestClient, demo_round_id: int, code: str, measure: str | None
) -> None:
    for row in _rows(client, demo_round_id, code, measure):
        assert row["ci_low"] is None, row
        assert row["ci_high"] is None, row
        assert row["differs_from_median"] is None, row
