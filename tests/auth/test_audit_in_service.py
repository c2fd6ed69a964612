"""Account changes are audited by ``auth.service`` itself, once, with actor, address and the
channel they came through – whichever entry point calls it (API, invitations, service)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.conftest import bearer
from vergleichsring.auth import repository, service
from vergleichsring.auth.models import AuditEvent, Role, User
from vergleichsring.rounds.models import Round

ADMIN = "admin@example.org"
MODERATOR = "moderation@example.org"


def events(session: Session, user_id: int) -> list[tuple[str, int | None, dict[str, Any]]]:
    rows = session.scalars(
        select(AuditEvent).where(AuditEvent.target_user_id == user_id).order_by(AuditEvent.id)
    ).all()
    return [(e.action, e.actor_id, dict(e.detail)) for e in rows]


def admin_id(session: Session) -> int:
    admin = repository.get_user_by_email(session, ADMIN)
    assert admin is not None
    return admin.id


def test_api_account_changes_are_audited_once_each(client: TestClient, session: Session) -> None:
    headers = bearer(client, ADMIN)
    created = client.post(
        "/api/v1/users",
        headers=headers,
        json={
            "email": "audit@example.org",
            "memberships": [{"role": "viewer", "municipality_ags": "05315000"}],
        },
    ).json()
    user_id = created["id"]
    membership_id = created["memberships"][0]["id"]
    assert (
        client.patch(
            f"/api/v1/users/{user_id}",
            headers=headers,
            json={"display_name": "Neu", "is_active": False},
        ).status_code
        == 200
    )
    assert (
        client.delete(
            f"/api/v1/users/{user_id}/memberships/{membership_id}", headers=headers
        ).status_code
        == 200
    )
    found = [
        (a, actor, d) for a, actor, d in events(session, user_id) if a != "password.link_issued"
    ]
    assert [a for a, _, _ in found] == [
        "user.created",
        "membership.granted",
        "user.updated",
        "user.disabled",
        "membership.revoked",
    ]
    assert all(actor == admin_id(session) and d["via"] == "api" for _, actor, d in found)
    granted, revoked = found[1][2], found[4][2]
    assert (granted["role"], granted["municipality_ags"]) == ("viewer", "05315000")
    assert (revoked["role"], revoked["municipality_ags"]) == ("viewer", "05315000")


def test_an_invitation_audits_through_the_service(
    client: TestClient, session: Session, demo_round_id: int
) -> None:
    answer = client.post(
        f"/api/v1/rounds/{demo_round_id}/invitations",
        headers=bearer(client, MODERATOR),
        json={"email": "eingeladen@example.org", "ags": "05315000"},
    )
    assert answer.status_code in (200, 201), answer.text
    user = repository.get_user_by_email(session, "eingeladen@example.org")
    assert user is not None
    found = events(session, user.id)
    by_action = {a: d for a, _, d in found}
    assert by_action["user.created"]["via"] == "invitation"
    assert by_action["membership.granted"]["via"] == "invitation"
    assert by_action["membership.granted"]["municipality_ags"] == "05315000"
    assert [a for a, _, _ in found].count("membership.granted") == 1


@pytest.mark.parametrize("channel", ["cli", "oidc"])
def test_service_functions_record_their_own_events(session: Session, channel: Any) -> None:
    by = service.AuditContext(channel=channel, actor_id=None, ip="192.0.2.7")
    user: User = service.create_user(
        session, email=f"{channel}@example.org", password=None, audit=by
    )
    rnd = session.scalars(select(Round)).first()
    assert rnd is not None
    granted = service.grant_membership(
        session, user, role=Role.moderator, ring_id=rnd.ring_id, audit=by
    )
    service.grant_membership(session, user, role=Role.moderator, ring_id=rnd.ring_id, audit=by)
    service.set_active(session, user, False, audit=by)
    service.set_active(session, user, False, audit=by)  # unchanged: no event
    service.revoke_membership(session, user, granted.id, audit=by)
    found = events(session, user.id)
    assert [a for a, _, _ in found] == [
        "user.created",
        "membership.granted",
        "user.disabled",
        "membership.revoked",
    ]
    assert all(d["via"] == channel for _, _, d in found)
    ips = session.scalars(select(AuditEvent.ip).where(AuditEvent.target_user_id == user.id)).all()
    assert set(ips) == {"192.0.2.7"}
