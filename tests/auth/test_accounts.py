"""Account administration: admins create and disable users, grant roles; one-time password links;
moderators invite coordinators for the cities of their round; everything audited."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.conftest import DEMO_PASSWORD, bearer
from vergleichsring.auth.mail import RecordingMailSender
from vergleichsring.auth.models import AuditEvent
from vergleichsring.auth.permissions import permission_table_markdown
from vergleichsring.core.config import PROJECT_ROOT
from vergleichsring.rounds.models import Ring, Round

ADMIN = "admin@example.org"
MODERATOR = "moderation@example.org"
NEW_PASSWORD = "ein-langes-neues-passwort"


def link_token(mailbox: RecordingMailSender) -> str:
    body = mailbox.sent[-1][2]
    return body.split("#token=", 1)[1].split()[0]


def test_admin_creates_user_who_sets_the_password_by_link(
    client: TestClient, mailbox: RecordingMailSender, session: Session
) -> None:
    admin = bearer(client, ADMIN)
    response = client.post(
        "/api/v1/users",
        headers=admin,
        json={
            "email": "Neu@Example.org",
            "display_name": "Neue Koordination",
            "memberships": [{"role": "coordinator", "municipality_ags": "05315000"}],
        },
    )
    assert response.status_code == 201, response.text
    user = response.json()
    assert user["email"] == "neu@example.org"
    assert user["has_password"] is False
    assert user["memberships"][0]["municipality_ags"] == "05315000"
    assert mailbox.sent[-1][0] == "neu@example.org"
    token = link_token(mailbox)
    # no password yet: nobody can sign in
    assert (
        client.post(
            "/api/v1/auth/login", json={"email": "neu@example.org", "password": NEW_PASSWORD}
        ).status_code
        == 401
    )
    too_short = client.post("/api/v1/auth/password", json={"token": token, "password": "kurz"})
    assert too_short.status_code == 422
    assert (
        client.post(
            "/api/v1/auth/password", json={"token": token, "password": NEW_PASSWORD}
        ).status_code
        == 204
    )
    again = client.post("/api/v1/auth/password", json={"token": token, "password": NEW_PASSWORD})
    assert again.status_code == 422  # one-time
    assert bearer(client, "neu@example.org", NEW_PASSWORD)
    actions = set(session.scalars(select(AuditEvent.action)).all())
    assert {"user.created", "membership.granted", "password.link_issued", "password.set"} <= actions


def test_duplicate_and_invalid_users_are_refused(client: TestClient) -> None:
    admin = bearer(client, ADMIN)
    dup = client.post("/api/v1/users", headers=admin, json={"email": MODERATOR})
    assert dup.status_code == 409
    bad = client.post("/api/v1/users", headers=admin, json={"email": "kein-mail"})
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["loc"][-1] == "email"
    bad_ags = client.post(
        "/api/v1/users",
        headers=admin,
        json={
            "email": "x@example.org",
            "memberships": [{"role": "viewer", "municipality_ags": "99999999"}],
        },
    )
    assert bad_ags.status_code == 422
    # nothing half-written: the user of the failed request does not exist
    users = client.get("/api/v1/users", headers=admin).json()
    assert "x@example.org" not in {u["email"] for u in users}


def test_admin_disables_and_enables_a_user(client: TestClient, session: Session) -> None:
    admin = bearer(client, ADMIN)
    victim = bearer(client, "lesen-02000000@example.org")
    users = client.get("/api/v1/users", headers=admin).json()
    uid = next(u["id"] for u in users if u["email"] == "lesen-02000000@example.org")
    r = client.patch(f"/api/v1/users/{uid}", headers=admin, json={"is_active": False})
    assert r.status_code == 200
    assert r.json()["is_active"] is False
    assert client.get("/api/v1/auth/me", headers=victim).status_code == 401
    client.patch(f"/api/v1/users/{uid}", headers=admin, json={"is_active": True})
    assert bearer(client, "lesen-02000000@example.org")
    actions = session.scalars(select(AuditEvent.action)).all()
    assert "user.disabled" in actions
    assert "user.enabled" in actions


def test_admin_grants_and_revokes_roles(client: TestClient) -> None:
    admin = bearer(client, ADMIN)
    users = client.get("/api/v1/users", headers=admin).json()
    uid = next(u["id"] for u in users if u["email"] == "lesen-02000000@example.org")
    granted = client.post(
        f"/api/v1/users/{uid}/memberships",
        headers=admin,
        json={"role": "coordinator", "municipality_ags": "02000000"},
    )
    assert granted.status_code == 201
    mid = next(m["id"] for m in granted.json()["memberships"] if m["role"] == "coordinator")
    wrong_scope = client.post(
        f"/api/v1/users/{uid}/memberships", headers=admin, json={"role": "moderator"}
    )
    assert wrong_scope.status_code == 422
    revoked = client.delete(f"/api/v1/users/{uid}/memberships/{mid}", headers=admin)
    assert revoked.status_code == 200
    assert [m["role"] for m in revoked.json()["memberships"]] == ["viewer"]
    events = client.get("/api/v1/audit-events", headers=admin).json()
    assert events[0]["action"] == "membership.revoked"
    assert events[0]["actor_id"] is not None


def test_only_admins_manage_accounts(client: TestClient) -> None:
    for email in (MODERATOR, "koordination-02000000@example.org", "lesen-02000000@example.org"):
        headers = bearer(client, email)
        assert client.get("/api/v1/users", headers=headers).status_code == 403
        assert (
            client.post(
                "/api/v1/users", headers=headers, json={"email": "z@example.org"}
            ).status_code
            == 403
        )
        assert client.get("/api/v1/audit-events", headers=headers).status_code == 403


def test_moderator_invites_coordinator_for_a_city_of_the_round(
    client: TestClient, mailbox: RecordingMailSender, demo_round_id: int
) -> None:
    mod = bearer(client, MODERATOR)
    url = f"/api/v1/rounds/{demo_round_id}/invitations"
    invited = client.post(
        url, headers=mod, json={"email": "neu-koeln@example.org", "ags": "05315000"}
    )
    assert invited.status_code == 201, invited.text
    assert invited.json()["new_account"] is True
    assert "#token=" in mailbox.sent[-1][2]
    outside = client.post(url, headers=mod, json={"email": "b@example.org", "ags": "11000000"})
    assert outside.status_code == 422  # Berlin does not take part in the demo round
    assert outside.json()["errors"][0]["loc"][-1] == "ags"
    viewer = bearer(client, "lesen-05315000@example.org")
    refused = client.post(url, headers=viewer, json={"email": "c@example.org", "ags": "05315000"})
    assert refused.status_code == 403
    coordinator = bearer(client, "koordination-05315000@example.org")
    assert (
        client.post(
            url, headers=coordinator, json={"email": "d@example.org", "ags": "05315000"}
        ).status_code
        == 403
    )


def test_moderator_acts_only_on_own_ring(client: TestClient, session: Session) -> None:
    demo = session.scalars(select(Round)).one()
    other_ring = Ring(slug="anderer-ring", name="Anderer Ring", description="")
    session.add(other_ring)
    session.flush()
    other = Round(
        ring_id=other_ring.id,
        catalog_version_id=demo.catalog_version_id,
        name="Runde X",
        years=[2021],
        status=demo.status,
        display_rule=demo.display_rule,
        min_group_size=5,
        synthetic_data=True,
        participants=[],
    )
    session.add(other)
    session.flush()
    mod = bearer(client, MODERATOR)
    ids = [r["id"] for r in client.get("/api/v1/rounds", headers=mod).json()]
    assert ids == [demo.id]
    assert client.get(f"/api/v1/rounds/{other.id}", headers=mod).status_code == 404
    assert (
        client.post(
            f"/api/v1/rounds/{other.id}/invitations",
            headers=mod,
            json={"email": "e@example.org", "ags": "05315000"},
        ).status_code
        == 404
    )


def test_readme_prints_the_permission_table() -> None:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert permission_table_markdown() in readme


def test_demo_password_constant_matches_readme() -> None:
    assert DEMO_PASSWORD in (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
