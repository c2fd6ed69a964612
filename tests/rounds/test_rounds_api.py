"""GET /rounds lists the rounds the caller belongs to."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.conftest import bearer


def test_rounds_for_every_role(client: TestClient, demo_round_id: int) -> None:
    for email in (
        "moderation@example.org",
        "admin@example.org",
        "koordination-05315000@example.org",
        "lesen-14713000@example.org",
    ):
        rounds = client.get("/api/v1/rounds", headers=bearer(client, email)).json()
        assert [r["id"] for r in rounds] == [demo_round_id], email
        first = rounds[0]
        assert first["name"] == "Vergleichsrunde 2020/2021"
        assert first["years"] == [2020, 2021]
        assert first["status"] == "review"
        assert first["display_rule"] == "pseudonymised"
        assert first["synthetic_data"] is True


def test_round_of_a_city_outside_is_hidden(client: TestClient, demo_round_id: int) -> None:
    from tests.auth.test_accounts import ADMIN

    admin = bearer(client, ADMIN)
    created = client.post(
        "/api/v1/users",
        headers=admin,
        json={
            "email": "berlin@example.org",
            "memberships": [{"role": "viewer", "municipality_ags": "11000000"}],
        },
    )
    assert created.status_code == 201
    uid = created.json()["id"]
    # give the Berlin viewer a password through the admin API's link
    link = client.app.state.mail_sender.sent[-1][2]  # type: ignore[attr-defined]
    token = link.split("#token=", 1)[1].split()[0]
    client.post("/api/v1/auth/password", json={"token": token, "password": "berlin-passwort-123"})
    headers = bearer(client, "berlin@example.org", "berlin-passwort-123")
    assert client.get("/api/v1/rounds", headers=headers).json() == []
    assert client.get(f"/api/v1/rounds/{demo_round_id}", headers=headers).status_code == 404
    assert uid > 0
