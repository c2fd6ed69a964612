"""Local sign-in: cookie sessions with CSRF, bearer tokens, logout, expiry, disabled accounts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from tests.conftest import DEMO_PASSWORD, bearer
from vergleichsring.auth.models import AuditEvent, AuthSession, User
from vergleichsring.auth.passwords import verify_password
from vergleichsring.core.models import utcnow

MODERATOR = "moderation@example.org"
COLOGNE_COORD = "koordination-05315000@example.org"


def login(client: TestClient, email: str, password: str = DEMO_PASSWORD) -> dict[str, str]:
    response = client.post("/api/v1/auth/login", json={"email": email, "password": password})
    assert response.status_code == 200, response.text
    return {"X-CSRF-Token": response.cookies["vr_csrf"]}


def test_login_sets_http_only_lax_cookie_and_me_answers(client: TestClient) -> None:
    response = client.post(
        "/api/v1/auth/login", json={"email": COLOGNE_COORD, "password": DEMO_PASSWORD}
    )
    assert response.status_code == 200
    cookies = response.headers.get_list("set-cookie")
    session_cookie = next(c for c in cookies if c.startswith("vr_session="))
    assert "HttpOnly" in session_cookie
    assert "SameSite=lax" in session_cookie or "samesite=lax" in session_cookie.lower()
    assert "Secure" not in session_cookie  # plain http in development
    csrf_cookie = next(c for c in cookies if c.startswith("vr_csrf="))
    assert "HttpOnly" not in csrf_cookie
    me = client.get("/api/v1/auth/me").json()
    assert me["email"] == COLOGNE_COORD
    assert me["memberships"] == [
        {"id": None, "role": "coordinator", "municipality_ags": "05315000", "ring_id": None}
    ]
    assert "edit_submission" in me["permissions"]


def test_secure_cookie_behind_https(client: TestClient) -> None:
    client.app.state.settings = client.app.state.settings.model_copy(  # type: ignore[attr-defined]
        update={"public_url": "https://vergleichsring.example"}
    )
    response = client.post(
        "/api/v1/auth/login", json={"email": MODERATOR, "password": DEMO_PASSWORD}
    )
    session_cookie = next(
        c for c in response.headers.get_list("set-cookie") if c.startswith("vr_session=")
    )
    assert "Secure" in session_cookie


def test_state_changing_cookie_request_needs_csrf_header(client: TestClient) -> None:
    headers = login(client, MODERATOR)
    refused = client.post("/api/v1/auth/logout")
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    wrong = client.post("/api/v1/auth/logout", headers={"X-CSRF-Token": "nope"})
    assert wrong.status_code == 403
    assert client.post("/api/v1/auth/logout", headers=headers).status_code == 204
    assert client.get("/api/v1/auth/me").status_code == 401


def test_bearer_token_for_scripts_needs_no_csrf(client: TestClient) -> None:
    headers = bearer(client, MODERATOR)
    client.cookies.clear()
    me = client.get("/api/v1/auth/me", headers=headers)
    assert me.status_code == 200
    assert me.json()["memberships"][0]["role"] == "moderator"
    assert client.post("/api/v1/auth/logout", headers=headers).status_code == 204
    assert client.get("/api/v1/auth/me", headers=headers).status_code == 401


def test_token_response_shape(client: TestClient) -> None:
    body = client.post(
        "/api/v1/auth/token", data={"username": MODERATOR, "password": DEMO_PASSWORD}
    ).json()
    assert body["token_type"] == "bearer"
    assert len(body["access_token"]) >= 40
    assert body["expires_in"] > 0


def test_without_credentials_401(client: TestClient) -> None:
    response = client.get("/api/v1/auth/me")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"
    garbage = client.get("/api/v1/auth/me", headers={"Authorization": "Bearer garbage"})
    assert garbage.status_code == 401


def test_unknown_email_and_wrong_password_get_the_same_answer(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    verified: list[str | None] = []
    real = verify_password

    def spy(password_hash: str | None, password: str) -> bool:
        verified.append(password_hash)
        return real(password_hash, password)

    monkeypatch.setattr("vergleichsring.auth.service.verify_password", spy)
    wrong = client.post("/api/v1/auth/login", json={"email": MODERATOR, "password": "x" * 12})
    unknown = client.post(
        "/api/v1/auth/login", json={"email": "niemand@example.org", "password": "x" * 12}
    )
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()
    # Both paths verified an argon2 hash (the unknown one against a dummy): the same work.
    assert len(verified) == 2
    assert all(h and h.startswith("$argon2id$") for h in verified)


def test_sixth_wrong_password_is_429_with_retry_after(client: TestClient) -> None:
    for _ in range(5):
        response = client.post(
            "/api/v1/auth/login", json={"email": MODERATOR, "password": "wrong-password!"}
        )
        assert response.status_code == 401
    sixth = client.post(
        "/api/v1/auth/login", json={"email": MODERATOR, "password": "wrong-password!"}
    )
    assert sixth.status_code == 429
    retry = int(sixth.headers["Retry-After"])
    assert 0 < retry <= 15 * 60
    # Locked means locked: the right password and the token endpoint are refused too.
    right = client.post("/api/v1/auth/login", json={"email": MODERATOR, "password": DEMO_PASSWORD})
    assert right.status_code == 429
    token = client.post(
        "/api/v1/auth/token", data={"username": MODERATOR, "password": DEMO_PASSWORD}
    )
    assert token.status_code == 429


def test_unknown_emails_lock_the_same_way(client: TestClient) -> None:
    for _ in range(5):
        client.post("/api/v1/auth/login", json={"email": "x@example.org", "password": "y" * 12})
    assert (
        client.post(
            "/api/v1/auth/login", json={"email": "x@example.org", "password": "y" * 12}
        ).status_code
        == 429
    )


def test_expired_and_idle_sessions_are_refused(client: TestClient, session: Session) -> None:
    login(client, COLOGNE_COORD)
    assert client.get("/api/v1/auth/me").status_code == 200
    session.execute(update(AuthSession).values(last_seen_at=utcnow() - timedelta(hours=3)))
    session.flush()
    assert client.get("/api/v1/auth/me").status_code == 401  # idle for longer than 2 h
    headers = bearer(client, COLOGNE_COORD)
    session.execute(
        update(AuthSession)
        .where(AuthSession.kind == "bearer")
        .values(expires_at=utcnow() - timedelta(seconds=1))
    )
    session.flush()
    client.cookies.clear()
    assert client.get("/api/v1/auth/me", headers=headers).status_code == 401


def test_disabled_user_is_refused_at_once_even_with_a_valid_token(
    client: TestClient, session: Session
) -> None:
    headers = bearer(client, COLOGNE_COORD)
    client.cookies.clear()
    assert client.get("/api/v1/auth/me", headers=headers).status_code == 200
    session.execute(update(User).where(User.email == COLOGNE_COORD).values(is_active=False))
    session.flush()
    assert client.get("/api/v1/auth/me", headers=headers).status_code == 401
    login_again = client.post(
        "/api/v1/auth/login", json={"email": COLOGNE_COORD, "password": DEMO_PASSWORD}
    )
    assert login_again.status_code == 401


def test_sign_ins_and_failures_are_audited(client: TestClient, session: Session) -> None:
    client.post("/api/v1/auth/login", json={"email": MODERATOR, "password": "wrong-password!"})
    login(client, MODERATOR)
    actions = session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions[-2:] == ["login.failed", "login.succeeded"]
