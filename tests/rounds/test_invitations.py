"""Invitations grant a coordinator of one city and nothing more: attacks on that promise."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.conftest import bearer
from vergleichsring.auth.models import AuditEvent, Membership, Role, User

MODERATOR = "moderation@example.org"
KOELN = "05315000"


def _url(round_id: int) -> str:
    return f"/api/v1/rounds/{round_id}/invitations"


def _roles(session: Session, email: str) -> set[tuple[str, int | None, int | None]]:
    user = session.scalars(select(User).where(User.email == email)).one()
    return {
        (Role(m.role).value, m.municipality_id, m.ring_id)
        for m in session.scalars(select(Membership).where(Membership.user_id == user.id))
    }


def _refusals(session: Session, email: str) -> list[AuditEvent]:
    return list(
        session.scalars(
            select(AuditEvent).where(
                AuditEvent.action == "invitation.refused", AuditEvent.email == email
            )
        )
    )


def test_new_email_and_a_viewer_of_the_city_may_be_invited(
    client: TestClient, session: Session, demo_round_id: int
) -> None:
    mod = bearer(client, MODERATOR)
    fresh = client.post(
        _url(demo_round_id), headers=mod, json={"email": "neu@example.org", "ags": KOELN}
    )
    assert fresh.status_code == 201, fresh.text
    assert fresh.json()["new_account"] is True
    viewer = f"lesen-{KOELN}@example.org"
    promoted = client.post(_url(demo_round_id), headers=mod, json={"email": viewer, "ags": KOELN})
    assert promoted.status_code == 201, promoted.text
    assert {role for role, _, _ in _roles(session, viewer)} == {"viewer", "coordinator"}
    again = client.post(
        _url(demo_round_id),
        headers=mod,
        json={"email": f"koordination-{KOELN}@example.org", "ags": KOELN},
    )
    assert again.status_code == 201, again.text


@pytest.mark.parametrize(
    ("email", "status"),
    [
        ("admin@example.org", 409),  # another role
        ("koordination-02000000@example.org", 409),  # another city
        ("lesen-14713000@example.org", 409),  # another city
        (MODERATOR, 403),  # the moderator's own account
    ],
)
def test_accounts_beyond_the_city_are_refused_and_audited(
    client: TestClient, session: Session, demo_round_id: int, email: str, status: int
) -> None:
    before = _roles(session, email)
    mod = bearer(client, MODERATOR)
    refused = client.post(_url(demo_round_id), headers=mod, json={"email": email, "ags": KOELN})
    assert refused.status_code == status, refused.text
    body = refused.json()
    assert body["errors"][0]["loc"] == ["body", "email"]
    assert _roles(session, email) == before
    events = _refusals(session, email)
    assert len(events) == 1
    assert events[0].detail["status"] == status


def test_an_account_without_any_role_is_refused(
    client: TestClient, session: Session, demo_round_id: int
) -> None:
    session.add(User(email="ohne-rolle@example.org", display_name="", memberships=[]))
    session.flush()
    mod = bearer(client, MODERATOR)
    refused = client.post(
        _url(demo_round_id), headers=mod, json={"email": "ohne-rolle@example.org", "ags": KOELN}
    )
    assert refused.status_code == 409
    assert _roles(session, "ohne-rolle@example.org") == set()


def test_admins_keep_their_own_paths(
    client: TestClient, session: Session, demo_round_id: int
) -> None:
    admin = bearer(client, "admin@example.org")
    other_city = "koordination-02000000@example.org"
    granted = client.post(
        _url(demo_round_id), headers=admin, json={"email": other_city, "ags": KOELN}
    )
    assert granted.status_code == 201, granted.text
    assert len(_roles(session, other_city)) == 2
