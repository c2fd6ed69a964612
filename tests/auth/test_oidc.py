"""Single sign-on against a real OpenID Connect provider (panva/oidc-provider, see conftest).

The test plays the browser: our /login sends it to the provider, the provider's interaction
signs in the account named in the test, and the provider sends it back to our callback.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import httpx
import httpx2
import pytest
from fastapi.testclient import TestClient
from joserfc import jws, jwt
from joserfc.jwk import KeySet, OctKey, RSAKey
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from tests.auth.conftest import PUBLIC_URL, OidcProvider
from vergleichsring.auth import oidc
from vergleichsring.auth.models import AuditEvent, AuthSession, OidcLogin, User
from vergleichsring.auth.sessions import SESSION_COOKIE
from vergleichsring.auth.tokens import digest
from vergleichsring.core.models import utcnow

LOGIN = "/api/v1/auth/oidc/login"
MODERATOR = "moderation@example.org"
COLOGNE_COORD = "koordination-05315000@example.org"
COLOGNE_VIEWER = "lesen-05315000@example.org"


# --- the browser's walk ----------------------------------------------------------------------


def start(client: TestClient, return_to: str | None = None) -> str:
    """Our /login; returns the provider's authorization URL it redirects to."""
    params = {} if return_to is None else {"return_to": return_to}
    response = client.get(LOGIN, params=params, follow_redirects=False)
    assert response.status_code == 303, response.text
    return response.headers["location"]


def through_provider(browser: httpx.Client, url: str, account: str) -> str:
    """Follow the provider's redirects (authorize, interaction, resume) to our callback URL."""
    for _ in range(12):
        if url.startswith(PUBLIC_URL):
            return url
        target = httpx.URL(url)
        if target.path.startswith("/interaction/"):
            target = target.copy_merge_params({"account": account})
        response = browser.get(target)
        assert response.status_code in (302, 303), response.text
        url = str(target.join(response.headers["location"]))
    raise AssertionError(f"no way back from the provider: {url}")


def authorize(
    client: TestClient, browser: httpx.Client, account: str, return_to: str | None = None
) -> str:
    return through_provider(browser, start(client, return_to), account)


def callback(client: TestClient, url: str) -> httpx2.Response:
    return client.get(url, follow_redirects=False)


def state_of(url: str) -> str:
    return httpx.URL(url).params["state"]


# --- what the database and the answer must show ----------------------------------------------


def session_rows(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(AuthSession)) or 0


def failed_events(session: Session) -> int:
    stmt = select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "sso.failed")
    return session.scalar(stmt) or 0


def snapshot(session: Session) -> tuple[int, int]:
    """Sessions issued and sign-on failures audited so far."""
    return session_rows(session), failed_events(session)


def last_event(session: Session, action: str) -> AuditEvent | None:
    return session.scalars(
        select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id.desc())
    ).first()


def assert_refused(
    response: httpx2.Response,
    reason: oidc.SsoReason,
    session: Session,
    before: tuple[int, int],
) -> None:
    assert response.status_code == 303, response.text
    assert response.headers["location"] == f"/anmelden?sso_fehler={reason.value}"
    assert SESSION_COOKIE not in response.cookies
    assert not any(
        c.startswith(f"{SESSION_COOKIE}=") for c in response.headers.get_list("set-cookie")
    )
    sessions, failures = before
    assert snapshot(session) == (sessions, failures + 1)  # no session, one sso.failed event
    event = last_event(session, "sso.failed")
    assert event is not None
    assert event.detail["reason"] == reason.value


def refused_flow(
    client: TestClient,
    browser: httpx.Client,
    session: Session,
    account: str,
    reason: oidc.SsoReason,
    before_callback: Callable[[str], None] | None = None,
) -> None:
    url = authorize(client, browser, account)
    if before_callback is not None:
        before_callback(url)
    before = snapshot(session)
    assert_refused(callback(client, url), reason, session, before)


# --- success ---------------------------------------------------------------------------------


def test_sign_in_through_the_provider(
    sso_client: TestClient, provider_browser: httpx.Client, session: Session
) -> None:
    rows = session_rows(session)
    url = authorize(sso_client, provider_browser, "moderation", return_to="/runden?jahr=2021")
    assert url.startswith(f"{PUBLIC_URL}{oidc.CALLBACK_PATH}?code=")
    response = callback(sso_client, url)
    assert response.status_code == 303, response.text
    assert response.headers["location"] == "/runden?jahr=2021"
    assert response.cookies[SESSION_COOKIE]
    me = sso_client.get("/api/v1/auth/me")
    assert me.status_code == 200
    assert me.json()["email"] == MODERATOR
    assert session_rows(session) == rows + 1
    record = session.scalars(select(AuthSession).order_by(AuthSession.id.desc())).first()
    assert record is not None
    assert record.method == "oidc"
    event = last_event(session, "sso.succeeded")
    assert event is not None
    assert event.email == MODERATOR
    login = session.scalars(select(OidcLogin).where(OidcLogin.state_hash == digest(state_of(url))))
    assert login.one().used_at is not None


def test_login_asks_for_code_with_pkce_state_and_nonce(
    sso_client: TestClient, session: Session
) -> None:
    target = httpx.URL(start(sso_client))
    params = target.params
    assert params["response_type"] == "code"
    assert params["code_challenge_method"] == "S256"
    assert params["redirect_uri"] == f"{PUBLIC_URL}{oidc.CALLBACK_PATH}"
    assert set(params["scope"].split()) >= {"openid", "email"}
    login = session.scalars(
        select(OidcLogin).where(OidcLogin.state_hash == digest(params["state"]))
    ).one()
    assert login.nonce == params["nonce"]
    assert login.code_verifier not in str(target)  # only the S256 challenge travels
    assert login.used_at is None


def test_role_claim_grants_known_city_roles_only(
    sso_client: TestClient, provider_browser: httpx.Client, session: Session
) -> None:
    response = callback(sso_client, authorize(sso_client, provider_browser, "lesen-koeln"))
    assert response.status_code == 303
    memberships = sso_client.get("/api/v1/auth/me").json()["memberships"]
    scopes = {(m["role"], m["municipality_ags"]) for m in memberships}
    assert ("coordinator", "09162000") in scopes  # granted from the claim
    assert ("viewer", "05315000") in scopes  # kept
    assert not any(ags == "99999999" for _, ags in scopes)
    assert not any(role in ("moderator", "admin") for role, _ in scopes)
    user = session.scalars(select(User).where(User.email == COLOGNE_VIEWER)).one()
    granted = session.scalars(
        select(AuditEvent).where(
            AuditEvent.action == "membership.granted", AuditEvent.target_user_id == user.id
        )
    ).all()
    assert [(e.detail["role"], e.detail["municipality_ags"]) for e in granted] == [
        ("coordinator", "09162000")
    ]


@pytest.mark.parametrize(
    ("return_to", "lands_on"),
    [("//evil.example", "/"), ("https://evil.example/x", "/"), ("/\\evil.example", "/")],
)
def test_return_to_elsewhere_is_not_followed(
    sso_client: TestClient, provider_browser: httpx.Client, return_to: str, lands_on: str
) -> None:
    url = authorize(sso_client, provider_browser, "moderation", return_to=return_to)
    response = callback(sso_client, url)
    assert response.status_code == 303
    assert response.headers["location"] == lands_on


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, "/"),
        ("", "/"),
        ("/", "/"),
        ("/runden/3?jahr=2021#x", "/runden/3?jahr=2021#x"),
        ("//evil.example", "/"),
        ("/\\evil.example", "/"),
        ("https://evil.example", "/"),
        ("evil.example", "/"),
        ("/a\\b", "/"),
        ("/a\nLocation: x", "/"),
        ("/" + "a" * 400, "/"),
    ],
)
def test_safe_return_to(value: str | None, expected: str) -> None:
    assert oidc.safe_return_to(value) == expected


# --- refusals --------------------------------------------------------------------------------


def test_tampered_state_is_refused(
    sso_client: TestClient, provider_browser: httpx.Client, session: Session
) -> None:
    url = authorize(sso_client, provider_browser, "moderation")
    state = state_of(url)
    tampered = str(httpx.URL(url).copy_set_param("state", state[:-2] + "xx"))
    before = snapshot(session)
    assert_refused(callback(sso_client, tampered), oidc.SsoReason.unknown_state, session, before)


def test_reused_state_is_refused(
    sso_client: TestClient, provider_browser: httpx.Client, session: Session
) -> None:
    url = authorize(sso_client, provider_browser, "moderation")
    assert callback(sso_client, url).status_code == 303
    before = snapshot(session)
    assert_refused(callback(sso_client, url), oidc.SsoReason.state_used, session, before)


def test_expired_state_is_refused(
    sso_client: TestClient, provider_browser: httpx.Client, session: Session
) -> None:
    def expire(url: str) -> None:
        session.execute(
            update(OidcLogin)
            .where(OidcLogin.state_hash == digest(state_of(url)))
            .values(expires_at=utcnow() - timedelta(seconds=1))
        )
        session.commit()

    refused_flow(
        sso_client, provider_browser, session, "moderation", oidc.SsoReason.state_expired, expire
    )


def test_callback_in_another_browser_is_refused(
    sso_client: TestClient, provider_browser: httpx.Client, session: Session
) -> None:
    url = authorize(sso_client, provider_browser, "moderation")
    before = snapshot(session)
    with TestClient(sso_client.app) as other_browser:  # without the state cookie
        response = callback(other_browser, url)
    assert_refused(response, oidc.SsoReason.browser_mismatch, session, before)


def test_wrong_nonce_is_refused(
    sso_client: TestClient, provider_browser: httpx.Client, session: Session
) -> None:
    def alter_nonce(url: str) -> None:
        session.execute(
            update(OidcLogin)
            .where(OidcLogin.state_hash == digest(state_of(url)))
            .values(nonce="a-different-nonce")
        )
        session.commit()

    refused_flow(
        sso_client,
        provider_browser,
        session,
        "moderation",
        oidc.SsoReason.wrong_nonce,
        alter_nonce,
    )


def _forge(id_token: str, *, alg: str = "RS256", key: OctKey | RSAKey | None = None) -> str:
    """The provider's header and claims, signed with a key that is not the provider's."""
    signed = jws.extract_compact(id_token.encode())
    claims = json.loads(signed.payload)
    header = {"alg": alg, "kid": signed.headers().get("kid")}
    return jwt.encode(header, claims, key or RSAKey.generate_key(2048))


def test_forged_id_token_is_refused(
    sso_client: TestClient,
    provider_browser: httpx.Client,
    session: Session,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real_exchange = oidc.exchange_code

    def forged_exchange(*args: Any, **kwargs: Any) -> oidc.Tokens:
        tokens = real_exchange(*args, **kwargs)
        return oidc.Tokens(id_token=_forge(tokens.id_token), access_token=tokens.access_token)

    monkeypatch.setattr(oidc, "exchange_code", forged_exchange)
    refused_flow(
        sso_client, provider_browser, session, "moderation", oidc.SsoReason.invalid_signature
    )


def test_expired_id_token_is_refused(
    sso_client: TestClient,
    provider_browser: httpx.Client,
    session: Session,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The provider's ID tokens live an hour; the platform's clock is moved past that.
    later = int(time.time()) + 3600 + oidc.LEEWAY_SECONDS + 5
    monkeypatch.setattr(oidc, "epoch_now", lambda: later)
    refused_flow(sso_client, provider_browser, session, "moderation", oidc.SsoReason.token_expired)


@pytest.mark.parametrize(
    ("account", "reason"),
    [
        ("unbekannt", oidc.SsoReason.unknown_user),
        ("unverifiziert", oidc.SsoReason.email_not_verified),
        ("ohne-email", oidc.SsoReason.email_missing),
    ],
)
def test_account_that_cannot_sign_in_is_refused(
    sso_client: TestClient,
    provider_browser: httpx.Client,
    session: Session,
    account: str,
    reason: oidc.SsoReason,
) -> None:
    users = session.scalar(select(func.count()).select_from(User))
    refused_flow(sso_client, provider_browser, session, account, reason)
    assert session.scalar(select(func.count()).select_from(User)) == users  # nobody created


def test_disabled_user_is_refused(
    sso_client: TestClient, provider_browser: httpx.Client, session: Session
) -> None:
    session.execute(update(User).where(User.email == COLOGNE_COORD).values(is_active=False))
    session.commit()
    refused_flow(
        sso_client, provider_browser, session, "koordination-koeln", oidc.SsoReason.user_disabled
    )
    event = last_event(session, "sso.failed")
    assert event is not None
    assert event.email == COLOGNE_COORD


def test_provider_error_is_refused(
    sso_client: TestClient, provider_browser: httpx.Client, session: Session
) -> None:
    # The provider's interaction denies an account it does not know: error=access_denied.
    url = authorize(sso_client, provider_browser, "niemand")
    assert httpx.URL(url).params["error"] == "access_denied"
    before = snapshot(session)
    assert_refused(callback(sso_client, url), oidc.SsoReason.provider_error, session, before)
    event = last_event(session, "sso.failed")
    assert event is not None
    assert event.detail["provider_error"] == "access_denied"
    # The state is used up all the same.
    login = session.scalars(select(OidcLogin).where(OidcLogin.state_hash == digest(state_of(url))))
    assert login.one().used_at is not None


def test_callback_without_code_is_refused(sso_client: TestClient, session: Session) -> None:
    before = snapshot(session)
    response = sso_client.get(oidc.CALLBACK_PATH, params={"state": "x"}, follow_redirects=False)
    assert_refused(response, oidc.SsoReason.missing_parameters, session, before)


def test_unreachable_provider_sends_back_to_the_login_page(
    sso_client: TestClient, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = sso_client.app.state.settings  # type: ignore[attr-defined]
    monkeypatch.setattr(settings, "oidc_issuer", "http://127.0.0.1:9")
    response = sso_client.get(LOGIN, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/anmelden?sso_fehler=provider_unreachable"
    event = last_event(session, "sso.failed")
    assert event is not None
    assert event.detail["reason"] == "provider_unreachable"


@pytest.mark.parametrize("path", [LOGIN, oidc.CALLBACK_PATH])
def test_sso_endpoints_are_404_when_not_configured(client: TestClient, path: str) -> None:
    response = client.get(path, params={"return_to": "/"}, follow_redirects=False)
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


# --- the ID token check on its own, with the real provider's keys and tokens -----------------


@dataclass(frozen=True)
class RealLogin:
    id_token: str
    access_token: str | None
    nonce: str
    issuer: str
    client_id: str
    client_secret: str
    keys: KeySet


@pytest.fixture
def real_login(
    sso_client: TestClient,
    provider_browser: httpx.Client,
    session: Session,
    oidc_provider: OidcProvider,
    monkeypatch: pytest.MonkeyPatch,
) -> RealLogin:
    """A signed-in round trip whose ID token is kept, with the provider's published keys."""
    captured: list[oidc.Tokens] = []
    real_exchange = oidc.exchange_code

    def capture(*args: Any, **kwargs: Any) -> oidc.Tokens:
        captured.append(real_exchange(*args, **kwargs))
        return captured[-1]

    monkeypatch.setattr(oidc, "exchange_code", capture)
    url = authorize(sso_client, provider_browser, "moderation")
    nonce = session.scalars(
        select(OidcLogin.nonce).where(OidcLogin.state_hash == digest(state_of(url)))
    ).one()
    assert callback(sso_client, url).status_code == 303
    discovery = provider_browser.get(f"{oidc_provider.issuer}/.well-known/openid-configuration")
    jwks = provider_browser.get(discovery.json()["jwks_uri"]).json()
    return RealLogin(
        id_token=captured[0].id_token,
        access_token=captured[0].access_token,
        nonce=nonce,
        issuer=oidc_provider.issuer,
        client_id=oidc_provider.client_id,
        client_secret=oidc_provider.client_secret,
        keys=KeySet.import_key_set(jwks),
    )


def verify(login: RealLogin, id_token: str | None = None, **overrides: Any) -> dict[str, Any]:
    arguments: dict[str, Any] = {
        "keys": login.keys,
        "issuer": login.issuer,
        "client_id": login.client_id,
        "nonce": login.nonce,
        "access_token": login.access_token,
    }
    return oidc.verify_id_token(id_token or login.id_token, **(arguments | overrides))


def refusal(call: Callable[[], object]) -> oidc.SsoReason:
    with pytest.raises(oidc.SsoFailed) as caught:
        call()
    return caught.value.reason


def test_verify_accepts_the_providers_token(real_login: RealLogin) -> None:
    claims = verify(real_login)
    assert claims["email"] == MODERATOR
    assert claims["email_verified"] is True
    assert claims["iss"] == real_login.issuer


def test_verify_refuses_a_foreign_signature(real_login: RealLogin) -> None:
    forged = _forge(real_login.id_token)
    assert refusal(lambda: verify(real_login, forged)) == oidc.SsoReason.invalid_signature


def test_verify_refuses_hs256_signed_with_the_client_secret(real_login: RealLogin) -> None:
    key = OctKey.import_key(real_login.client_secret)
    forged = _forge(real_login.id_token, alg="HS256", key=key)
    assert refusal(lambda: verify(real_login, forged)) == oidc.SsoReason.invalid_signature


def test_verify_refuses_garbage(real_login: RealLogin) -> None:
    assert refusal(lambda: verify(real_login, "not.a.jwt")) == oidc.SsoReason.invalid_signature


def test_verify_refuses_an_expired_token_beyond_the_leeway(real_login: RealLogin) -> None:
    exp = int(verify(real_login)["exp"])
    assert verify(real_login, now=exp + oidc.LEEWAY_SECONDS - 1)["exp"] == exp
    late = exp + oidc.LEEWAY_SECONDS + 1
    assert refusal(lambda: verify(real_login, now=late)) == oidc.SsoReason.token_expired


def test_verify_refuses_a_token_from_the_future(real_login: RealLogin) -> None:
    iat = int(verify(real_login)["iat"])
    early = iat - oidc.LEEWAY_SECONDS - 5
    assert refusal(lambda: verify(real_login, now=early)) == oidc.SsoReason.invalid_token


@pytest.mark.parametrize(
    ("override", "reason"),
    [
        ({"issuer": "http://127.0.0.1:1"}, oidc.SsoReason.wrong_issuer),
        ({"client_id": "another-client"}, oidc.SsoReason.wrong_audience),
        ({"nonce": "another-nonce"}, oidc.SsoReason.wrong_nonce),
        ({"access_token": "another-access-token"}, oidc.SsoReason.invalid_token),
    ],
)
def test_verify_refuses_claims_for_someone_else(
    real_login: RealLogin, override: dict[str, str], reason: oidc.SsoReason
) -> None:
    assert refusal(lambda: verify(real_login, **override)) == reason


def test_verify_refuses_a_foreign_authorized_party(real_login: RealLogin) -> None:
    # Signed by a key the test controls, so the claims can be changed at will.
    key = RSAKey.generate_key(2048, parameters={"kid": "test"})
    claims = verify(real_login) | {"aud": [real_login.client_id, "other"], "azp": "other"}
    token = jwt.encode({"alg": "RS256", "kid": "test"}, claims, key)
    reason = refusal(lambda: verify(real_login, token, keys=KeySet([key])))
    assert reason == oidc.SsoReason.wrong_audience


# --- discovery cache -------------------------------------------------------------------------


def test_provider_cache_fetches_once_and_refreshes_sparingly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fetched: list[str] = []

    def fake_discover(issuer: str) -> oidc.ProviderInfo:
        fetched.append(issuer)
        key = RSAKey.generate_key(2048)
        return oidc.ProviderInfo(issuer, "a", "t", "j", ("RS256",), KeySet([key]))

    monkeypatch.setattr(oidc, "discover", fake_discover)
    cache = oidc.ProviderCache(ttl=300, min_refresh=30)
    first = cache.get("https://idp.example")
    assert cache.get("https://idp.example") is first
    assert cache.get("https://idp.example", refresh=True) is first  # fetched just now
    assert fetched == ["https://idp.example"]
    eager = oidc.ProviderCache(ttl=300, min_refresh=0)
    eager.get("https://idp.example")
    eager.get("https://idp.example", refresh=True)
    assert len(fetched) == 3
