"""The anonymity rules of pseudonymised rounds, each checked directly (the attack test checks
that together they keep every pseudonym ambiguous)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.conftest import bearer

COORDINATOR = "koordination-05315000@example.org"
MODERATOR = "moderation@example.org"
OWN = "05315000"
KON = ["KON-01", "KON-03", "KON-05", "KON-06", "KON-08"]


def base(round_id: int) -> str:
    return f"/api/v1/rounds/{round_id}/comparison"


@pytest.fixture
def coordinator(client: TestClient) -> dict[str, str]:
    return bearer(client, COORDINATOR)


def test_no_endpoint_shows_another_citys_context_value(
    client: TestClient, coordinator: dict[str, str], demo_round_id: int
) -> None:
    url = base(demo_round_id)
    groups = [g["id"] for g in client.get(f"{url}/peer-groups", headers=coordinator).json()]
    moderator = bearer(client, MODERATOR)
    for code in KON:
        for year in (2020, 2021):
            named = client.get(
                f"{url}/indicators/{code}", headers=moderator, params={"year": year}
            ).json()
            assert len(named["rows"]) == 28
            assert all(r["ags"] for r in named["rows"])
            others = {r["value"] for r in named["rows"] if r["ags"] != OWN and r["value"]}
            for group in groups:
                view = client.get(
                    f"{url}/indicators/{code}",
                    headers=coordinator,
                    params={"year": year, "peer_group": group},
                ).json()
                assert all(r["own"] for r in view["rows"]), (code, year, group)
                assert view["others_withheld"]
            plot = client.get(
                f"{url}/scatter", headers=coordinator, params={"x": code, "y": "ARB-05"}
            ).json()
            assert [p["own"] for p in plot["points"]] in ([], [True])
            assert not {p["x"] for p in plot["points"] if not p["own"]} & others


def test_public_attribute_groups_show_statistics_and_the_own_city_only(
    client: TestClient, coordinator: dict[str, str], demo_round_id: int
) -> None:
    url = base(demo_round_id)
    listing = client.get(f"{url}/peer-groups", headers=coordinator).json()
    for group in listing:
        if group["type"] == "all":
            assert len(group["members"]) == 28
            assert group["members_withheld"] is None
            continue
        assert all(m["own"] for m in group["members"]), group["id"]
        assert group["members_withheld"]
    size_class = next(g["id"] for g in listing if g["type"] == "size_class")
    view = client.get(
        f"{url}/indicators/ARB-05", headers=coordinator, params={"peer_group": size_class}
    ).json()
    assert all(r["own"] for r in view["rows"])
    stats = view["statistics"]
    assert stats["min"] is None
    assert stats["max"] is None
    assert stats["mean"] is not None
    assert stats["n"] >= 5
    everyone = client.get(f"{url}/indicators/DEM-01", headers=coordinator).json()
    others = [r for r in everyone["rows"] if not r["own"]]
    assert len(others) >= 20  # the view of all cities shows them under pseudonyms
    assert all(r["ci_low"] is None and r["ci_high"] is None for r in others)
    assert any(r["differs_from_median"] is not None for r in others)  # the mark stays
    named = client.get(f"{url}/indicators/DEM-01", headers=bearer(client, MODERATOR)).json()
    assert any(r["ci_low"] is not None for r in named["rows"])  # the moderator sees bounds


def test_neighbours_are_a_group_for_participants_and_named_for_the_moderator(
    client: TestClient, coordinator: dict[str, str], demo_round_id: int
) -> None:
    url = f"{base(demo_round_id)}/municipalities/{OWN}/neighbours"
    mine = client.get(url, headers=coordinator, params={"k": 5}).json()
    assert mine["neighbours"] == []
    assert mine["others_withheld"]
    assert mine["summary"]["k"] == 5
    assert sum(mine["summary"]["similar_on"].values()) > 0
    named = client.get(url, headers=bearer(client, MODERATOR), params={"k": 5}).json()
    assert len(named["neighbours"]) == 5
    assert all(n["ags"] for n in named["neighbours"])
    assert named["summary"] is None


def test_key_figures_published_per_city_are_named_in_the_round_and_its_answers(
    client: TestClient, coordinator: dict[str, str], demo_round_id: int
) -> None:
    rounds = client.get("/api/v1/rounds", headers=bearer(client, MODERATOR)).json()
    demo = next(r for r in rounds if r["id"] == demo_round_id)
    assert demo["display_rule"] == "pseudonymised"
    published = {p["code"]: p["source"] for p in demo["published_elsewhere"]}
    assert published.get("DEM-01")
    assert "WOH-01" not in published
    url = base(demo_round_id)
    dem = client.get(f"{url}/indicators/DEM-01", headers=coordinator).json()
    assert dem["indicator"]["published_source"] == published["DEM-01"]
    assert "Pseudonyme schützen sie nicht" in dem["published_note"]
    woh = client.get(f"{url}/indicators/WOH-01", headers=coordinator).json()
    assert woh["published_note"] is None
