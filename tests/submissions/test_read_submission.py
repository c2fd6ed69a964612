"""A city's raw submission: visible to its own members and the round's moderators, 404 for others."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.conftest import bearer

KOELN, HAMBURG = "05315000", "02000000"


def url(round_id: int, ags: str, year: int = 2021) -> str:
    return f"/api/v1/rounds/{round_id}/submissions/{ags}/{year}"


def test_coordinator_reads_own_city_and_gets_404_for_another(
    client: TestClient, demo_round_id: int
) -> None:
    headers = bearer(client, f"koordination-{KOELN}@example.org")
    own = client.get(url(demo_round_id, KOELN), headers=headers)
    assert own.status_code == 200
    body = own.json()
    assert body["ags"] == KOELN
    assert body["status"] == "draft"  # Köln 2021 is the demo's draft to enter, pre-filled
    assert body["synthetic_data"] is True
    assert len(body["values"]) > 100
    first = body["values"][0]
    assert set(first) >= {"base_figure", "value", "status", "comment"}
    approved = client.get(url(demo_round_id, KOELN, 2020), headers=headers)
    assert approved.status_code == 200
    assert approved.json()["status"] == "approved"
    assert len(approved.json()["values"]) > 100
    other = client.get(url(demo_round_id, HAMBURG), headers=headers)
    assert other.status_code == 404
    assert "values" not in other.json()


def test_viewer_reads_own_but_cannot_change_anything(
    client: TestClient, demo_round_id: int
) -> None:
    headers = bearer(client, f"lesen-{HAMBURG}@example.org")
    assert client.get(url(demo_round_id, HAMBURG), headers=headers).status_code == 200
    assert client.get(url(demo_round_id, KOELN), headers=headers).status_code == 404
    invite = client.post(
        f"/api/v1/rounds/{demo_round_id}/invitations",
        headers=headers,
        json={"email": "x@example.org", "ags": HAMBURG},
    )
    assert invite.status_code == 403
    assert (
        client.post("/api/v1/users", headers=headers, json={"email": "y@example.org"}).status_code
        == 403
    )


def test_moderator_reads_every_city_of_the_ring(client: TestClient, demo_round_id: int) -> None:
    headers = bearer(client, "moderation@example.org")
    rounds = client.get("/api/v1/rounds", headers=headers).json()
    assert rounds[0]["participant_count"] == 28
    for ags in (KOELN, HAMBURG, "16053000"):
        for year in (2020, 2021):
            response = client.get(url(demo_round_id, ags, year), headers=headers)
            assert response.status_code == 200, (ags, year)
    returned = client.get(url(demo_round_id, "05513000"), headers=headers).json()
    assert returned["status"] == "returned"
    assert returned["return_reason"]


def test_admin_without_ring_role_sees_no_raw_data(client: TestClient, demo_round_id: int) -> None:
    headers = bearer(client, "admin@example.org")
    assert client.get(url(demo_round_id, KOELN), headers=headers).status_code == 403


def test_unknown_year_and_city_are_404(client: TestClient, demo_round_id: int) -> None:
    headers = bearer(client, "moderation@example.org")
    assert client.get(url(demo_round_id, KOELN, 2019), headers=headers).status_code == 404
    assert client.get(url(demo_round_id, "11000000"), headers=headers).status_code == 404
    assert client.get(url(9999, KOELN), headers=headers).status_code == 404
