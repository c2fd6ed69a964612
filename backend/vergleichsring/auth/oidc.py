"""OpenID Connect single sign-on: the authorization code flow with PKCE, state and nonce.

``start_login`` discovers the provider, stores a started login (a SHA-256 of the state, the
nonce and the PKCE verifier; ten minutes, single use) and returns the provider's authorization
URL. ``complete_login`` takes the callback: it consumes the state, exchanges the code with the
client secret and the verifier, verifies the ID token (signature against the provider's JWKS,
issuer, audience, authorized party, expiry, nonce) and maps the verified email to an invited,
active account; it never creates one. Every refusal raises ``SsoFailed`` with a reason code and
leaves an ``sso.failed`` audit event.
"""

from __future__ import annotations

import contextlib
import math
import threading
import time
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any
from urllib.parse import quote

import httpx
from authlib.common.security import generate_token
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from authlib.oidc.core import CodeIDToken
from joserfc import jws, jwt
from joserfc.errors import ClaimError, ExpiredTokenError, JoseError
from joserfc.jwk import KeySet
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from vergleichsring.auth import repository, service
from vergleichsring.auth.audit import AuditAction, record
from vergleichsring.auth.models import OidcLogin, Role, User
from vergleichsring.auth.tokens import digest, new_secret, same
from vergleichsring.core.config import Settings
from vergleichsring.core.errors import NotAuthenticated
from vergleichsring.core.models import utcnow

CALLBACK_PATH = "/api/v1/auth/oidc/callback"
LOGIN_VALID = timedelta(minutes=10)
DISCOVERY_SECONDS = 300.0
LEEWAY_SECONDS = 60
HTTP_TIMEOUT = httpx.Timeout(10.0, connect=5.0)
# Asymmetric algorithms only: the JWKS holds public keys, the client secret signs nothing here.
SIGNING_ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384")
CITY_ROLES = {Role.coordinator.value: Role.coordinator, Role.viewer.value: Role.viewer}
RETURN_TO_MAX = 300


class SsoReason(StrEnum):
    """Why a single sign-on was refused; the login page shows a text for each.

    (S105: reason codes that mention tokens are not secrets.)
    """

    provider_error = "provider_error"
    missing_parameters = "missing_parameters"
    unknown_state = "unknown_state"
    state_used = "state_used"
    state_expired = "state_expired"
    browser_mismatch = "browser_mismatch"
    provider_unreachable = "provider_unreachable"
    token_exchange_failed = "token_exchange_failed"  # noqa: S105
    invalid_signature = "invalid_signature"
    invalid_token = "invalid_token"  # noqa: S105
    token_expired = "token_expired"  # noqa: S105
    wrong_issuer = "wrong_issuer"
    wrong_audience = "wrong_audience"
    wrong_nonce = "wrong_nonce"
    email_missing = "email_missing"
    email_not_verified = "email_not_verified"
    unknown_user = "unknown_user"
    user_disabled = "user_disabled"


class SsoFailed(NotAuthenticated):
    code = "sso_failed"

    def __init__(
        self,
        reason: SsoReason,
        detail: str | None = None,
        *,
        email: str | None = None,
        user_id: int | None = None,
    ) -> None:
        super().__init__(detail or f"Single sign-on refused: {reason.value}.")
        self.reason = reason
        self.email = email
        self.user_id = user_id


# --- the provider: discovery and keys, cached for some minutes -------------------------------


@dataclass(frozen=True)
class ProviderInfo:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    algorithms: tuple[str, ...]
    keys: KeySet


def _get_json(url: str) -> dict[str, Any]:
    try:
        response = httpx.get(url, timeout=HTTP_TIMEOUT, headers={"Accept": "application/json"})
        response.raise_for_status()
        body = response.json()
    except (httpx.HTTPError, ValueError) as exc:
        raise SsoFailed(SsoReason.provider_unreachable, f"{url}: {exc}") from exc
    if not isinstance(body, dict):
        raise SsoFailed(SsoReason.provider_unreachable, f"{url}: not a JSON object")
    return body


def _endpoint(metadata: dict[str, Any], name: str) -> str:
    value = metadata.get(name)
    if not isinstance(value, str) or not value.startswith(("https://", "http://")):
        raise SsoFailed(SsoReason.provider_unreachable, f"The provider announces no {name}.")
    return value


def _algorithms(metadata: dict[str, Any]) -> tuple[str, ...]:
    offered = metadata.get("id_token_signing_alg_values_supported") or ["RS256"]
    usable = tuple(a for a in SIGNING_ALGORITHMS if a in offered)
    return usable or ("RS256",)


def discover(issuer: str) -> ProviderInfo:
    """Read the provider's configuration and signing keys (no cache; see ``provider_info``)."""
    metadata = _get_json(f"{issuer.rstrip('/')}/.well-known/openid-configuration")
    if metadata.get("issuer") != issuer:
        raise SsoFailed(
            SsoReason.wrong_issuer,
            f"The provider calls itself {metadata.get('issuer')!r}, configured is {issuer!r}.",
        )
    jwks_uri = _endpoint(metadata, "jwks_uri")
    try:
        keys = KeySet.import_key_set(_get_json(jwks_uri))  # type: ignore[arg-type]
    except (JoseError, KeyError, TypeError, ValueError) as exc:
        raise SsoFailed(SsoReason.provider_unreachable, f"{jwks_uri}: {exc}") from exc
    return ProviderInfo(
        issuer=issuer,
        authorization_endpoint=_endpoint(metadata, "authorization_endpoint"),
        token_endpoint=_endpoint(metadata, "token_endpoint"),
        jwks_uri=jwks_uri,
        algorithms=_algorithms(metadata),
        keys=keys,
    )


class ProviderCache:
    """Discovery results per issuer, kept for ``ttl`` seconds; thread-safe.

    ``refresh=True`` (a token names an unknown key: the provider rotated its keys) fetches
    anew, but at most once per ``min_refresh`` seconds, so foreign tokens cannot make every
    callback a round trip to the provider.
    """

    def __init__(self, ttl: float = DISCOVERY_SECONDS, min_refresh: float = 30.0) -> None:
        self._ttl = ttl
        self._min_refresh = min_refresh
        self._lock = threading.Lock()
        self._entries: dict[str, tuple[float, ProviderInfo]] = {}  # issuer -> (fetched, info)

    def get(self, issuer: str, *, refresh: bool = False) -> ProviderInfo:
        with self._lock:
            now = time.monotonic()
            fetched, info = self._entries.get(issuer, (-math.inf, None))
            age = now - fetched
            if info is not None and age < (self._min_refresh if refresh else self._ttl):
                return info
            info = discover(issuer)
            self._entries[issuer] = (now, info)
            return info

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


providers = ProviderCache()


def _configured(settings: Settings) -> tuple[str, str]:
    if not (settings.oidc_issuer and settings.oidc_client_id):
        raise RuntimeError("OpenID Connect is not configured (VR_OIDC_ISSUER, VR_OIDC_CLIENT_ID).")
    return settings.oidc_issuer, settings.oidc_client_id


def redirect_uri(settings: Settings) -> str:
    return f"{settings.public_base_url}{CALLBACK_PATH}"


def safe_return_to(value: str | None) -> str:
    """A path on this site to go to after sign-in; anything else (other hosts, ``//x``) is ``/``."""
    if not value or not value.startswith("/") or value.startswith(("//", "/\\")):
        return "/"
    if len(value) > RETURN_TO_MAX or any(c == "\\" or ord(c) < 0x20 for c in value):
        return "/"
    return value


# --- start: state, nonce and PKCE verifier ---------------------------------------------------


@dataclass(frozen=True)
class LoginStart:
    authorization_url: str
    state: str


def start_login(
    db: Session, settings: Settings, *, return_to: str | None, ip: str | None = None
) -> LoginStart:
    """Store a started login and return the provider's authorization URL for it."""
    issuer, client_id = _configured(settings)
    try:
        provider = providers.get(issuer)
    except SsoFailed as exc:
        _audit_failure(db, exc, ip=ip)
        raise
    state, nonce, verifier = new_secret(), new_secret(), generate_token(64)
    now = utcnow()
    db.execute(delete(OidcLogin).where(OidcLogin.expires_at < now - timedelta(days=1)))
    db.add(
        OidcLogin(
            state_hash=digest(state),
            nonce=nonce,
            code_verifier=verifier,
            return_to=safe_return_to(return_to),
            created_at=now,
            expires_at=now + LOGIN_VALID,
        )
    )
    db.flush()
    params = {
        "response_type": "code",
        "client_id": client_id,
        "redirect_uri": redirect_uri(settings),
        "scope": settings.oidc_scopes,
        "state": state,
        "nonce": nonce,
        "code_challenge": str(create_s256_code_challenge(verifier)),
        "code_challenge_method": "S256",
    }
    url = httpx.URL(provider.authorization_endpoint).copy_merge_params(params)
    return LoginStart(authorization_url=str(url), state=state)


# --- callback --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SsoResult:
    user: User
    return_to: str
    claims: dict[str, Any]


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def consume_state(db: Session, state: str) -> OidcLogin:
    """The started login for this state, marked used; unknown, used or expired ones refuse."""
    login = db.scalars(select(OidcLogin).where(OidcLogin.state_hash == digest(state))).one_or_none()
    if login is None:
        raise SsoFailed(SsoReason.unknown_state)
    now = utcnow()
    if login.used_at is not None:
        raise SsoFailed(SsoReason.state_used)
    if _aware(login.expires_at) <= now:
        raise SsoFailed(SsoReason.state_expired)
    # Atomic: of two callbacks racing with the same state, only one marks it used.
    marked = db.execute(
        update(OidcLogin)
        .where(OidcLogin.id == login.id, OidcLogin.used_at.is_(None))
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    if getattr(marked, "rowcount", 0) != 1:
        raise SsoFailed(SsoReason.state_used)
    return login


@dataclass(frozen=True)
class Tokens:
    id_token: str
    access_token: str | None


def _client_auth(settings: Settings, data: dict[str, str]) -> httpx.BasicAuth | None:
    _, client_id = _configured(settings)
    if settings.oidc_client_secret is None:  # a public client: PKCE alone
        data["client_id"] = client_id
        return None
    # client_secret_basic: both parts form-encoded first (RFC 6749, section 2.3.1).
    secret = settings.oidc_client_secret.get_secret_value()
    return httpx.BasicAuth(quote(client_id, safe=""), quote(secret, safe=""))


def _token_error(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        body = None
    error = body.get("error") if isinstance(body, dict) else None
    return f"HTTP {response.status_code}: {str(error or 'no error code')[:100]}"


def exchange_code(
    provider: ProviderInfo, settings: Settings, *, code: str, verifier: str
) -> Tokens:
    """Trade the code at the token endpoint, authenticated with the client secret."""
    data = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": redirect_uri(settings),
        "code_verifier": verifier,
    }
    auth = _client_auth(settings, data)
    try:
        response = httpx.post(
            provider.token_endpoint,
            data=data,
            auth=auth,
            timeout=HTTP_TIMEOUT,
            headers={"Accept": "application/json"},
        )
    except httpx.HTTPError as exc:
        raise SsoFailed(SsoReason.provider_unreachable, str(exc)) from exc
    if response.status_code != httpx.codes.OK:
        raise SsoFailed(SsoReason.token_exchange_failed, _token_error(response))
    try:
        body = response.json()
    except ValueError as exc:
        raise SsoFailed(SsoReason.token_exchange_failed, "not JSON") from exc
    id_token = body.get("id_token") if isinstance(body, dict) else None
    if not isinstance(id_token, str):
        raise SsoFailed(SsoReason.token_exchange_failed, "no id_token in the token response")
    access_token = body.get("access_token")
    return Tokens(id_token, access_token if isinstance(access_token, str) else None)


def epoch_now() -> int:
    return int(time.time())


_CLAIM_REASONS = {
    "iss": SsoReason.wrong_issuer,
    "aud": SsoReason.wrong_audience,
    "azp": SsoReason.wrong_audience,
    "nonce": SsoReason.wrong_nonce,
}


def verify_id_token(
    id_token: str,
    *,
    keys: KeySet,
    issuer: str,
    client_id: str,
    nonce: str,
    algorithms: Collection[str] = ("RS256",),
    access_token: str | None = None,
    now: int | None = None,
    leeway: int = LEEWAY_SECONDS,
) -> dict[str, Any]:
    """The ID token's claims after checking signature, iss, aud, azp, exp, iat, nonce, at_hash."""
    try:
        token = jwt.decode(id_token, keys, algorithms=list(algorithms))
    except JoseError as exc:
        raise SsoFailed(SsoReason.invalid_signature, f"ID token: {exc.error}") from exc
    except ValueError as exc:  # not even a JWS
        raise SsoFailed(SsoReason.invalid_signature, "ID token: not a JWS") from exc
    options = {
        "iss": {"essential": True, "value": issuer},
        "aud": {"essential": True, "value": client_id},
    }
    params = {"nonce": nonce, "client_id": client_id, "access_token": access_token}
    claims = CodeIDToken(token.claims, token.header, options, params)
    try:
        claims.validate(now=epoch_now() if now is None else now, leeway=leeway)
    except ExpiredTokenError as exc:
        raise SsoFailed(SsoReason.token_expired) from exc
    except ClaimError as exc:
        reason = _CLAIM_REASONS.get(exc.claim, SsoReason.invalid_token)
        raise SsoFailed(reason, f"ID token claim {exc.claim}: {exc.error}") from exc
    claimed_nonce = claims.get("nonce")  # required: we always send one
    if not isinstance(claimed_nonce, str) or not same(claimed_nonce, nonce):
        raise SsoFailed(SsoReason.wrong_nonce)
    return dict(claims)


def _key_id(id_token: str) -> str | None:
    try:
        kid = jws.extract_compact(id_token.encode()).headers().get("kid")
    except (JoseError, ValueError):
        return None
    return kid if isinstance(kid, str) else None


def _keys_for(id_token: str, provider: ProviderInfo) -> KeySet:
    """The provider's keys; fetched anew once when the token names a key not yet seen (rotation)."""
    kid = _key_id(id_token)
    if kid is None or any(key.kid == kid for key in provider.keys):
        return provider.keys
    try:
        return providers.get(provider.issuer, refresh=True).keys
    except SsoFailed:
        return provider.keys


def user_for_claims(db: Session, claims: dict[str, Any]) -> User:
    """The invited, active account for the verified email; nobody is created here."""
    email = claims.get("email")
    if not isinstance(email, str) or "@" not in email:
        raise SsoFailed(SsoReason.email_missing)
    if claims.get("email_verified") is not True:
        raise SsoFailed(SsoReason.email_not_verified, email=email)
    user = repository.get_user_by_email(db, email)
    if user is None:
        raise SsoFailed(SsoReason.unknown_user, email=email)
    if not user.is_active:
        raise SsoFailed(SsoReason.user_disabled, email=email, user_id=user.id)
    return user


def _claimed_city_roles(value: object) -> list[tuple[Role, str]]:
    items = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    roles: list[tuple[Role, str]] = []
    for item in items:
        role, _, ags = str(item).partition(":")
        if role in CITY_ROLES and ags.isdigit() and len(ags) == 8:
            roles.append((CITY_ROLES[role], ags))
    return roles


def grant_claimed_roles(
    db: Session, user: User, claims: dict[str, Any], *, claim: str | None, ip: str | None
) -> list[str]:
    """Grant the city roles the provider asserts (coordinator/viewer of a known AGS); audited."""
    if not claim or claim not in claims:
        return []
    granted: list[str] = []
    for role, ags in _claimed_city_roles(claims[claim]):
        municipality_id = repository.municipality_id_for_ags(db, ags)
        if municipality_id is None or repository.find_membership(
            user, role=role, municipality_id=municipality_id, ring_id=None
        ):
            continue
        service.grant_membership(
            db,
            user,
            role=role,
            municipality_id=municipality_id,
            audit=service.AuditContext(channel="oidc", ip=ip),
        )
        granted.append(f"{role.value}:{ags}")
    return granted


def _finish(
    db: Session, settings: Settings, *, code: str, login: OidcLogin, ip: str | None
) -> SsoResult:
    issuer, client_id = _configured(settings)
    provider = providers.get(issuer)
    tokens = exchange_code(provider, settings, code=code, verifier=login.code_verifier)
    claims = verify_id_token(
        tokens.id_token,
        keys=_keys_for(tokens.id_token, provider),
        issuer=issuer,
        client_id=client_id,
        nonce=login.nonce,
        algorithms=provider.algorithms,
        access_token=tokens.access_token,
    )
    user = user_for_claims(db, claims)
    grant_claimed_roles(db, user, claims, claim=settings.oidc_role_claim, ip=ip)
    return SsoResult(user=user, return_to=safe_return_to(login.return_to), claims=claims)


@dataclass(frozen=True)
class Callback:
    """The callback's query parameters, and the state the browser kept in its cookie."""

    code: str | None
    state: str | None
    iss: str | None = None
    error: str | None = None
    browser_state: str | None = None


def _complete(db: Session, settings: Settings, callback: Callback, ip: str | None) -> SsoResult:
    issuer, _ = _configured(settings)
    if callback.error:
        if callback.state:
            with contextlib.suppress(SsoFailed):  # used up all the same
                consume_state(db, callback.state)
        raise SsoFailed(
            SsoReason.provider_error, f"The provider answered {callback.error[:100]!r}."
        )
    if not callback.code or not callback.state:
        raise SsoFailed(SsoReason.missing_parameters)
    login = consume_state(db, callback.state)
    if not same(callback.browser_state, callback.state):
        raise SsoFailed(SsoReason.browser_mismatch, "The sign-on was started in another browser.")
    if callback.iss is not None and callback.iss != issuer:  # RFC 9207 mix-up defence
        raise SsoFailed(SsoReason.wrong_issuer, f"The callback names issuer {callback.iss!r}.")
    return _finish(db, settings, code=callback.code, login=login, ip=ip)


def complete_login(
    db: Session, settings: Settings, callback: Callback, *, ip: str | None = None
) -> SsoResult:
    """Check the callback and return the signed-in user, or raise ``SsoFailed`` (audited)."""
    try:
        result = _complete(db, settings, callback, ip)
    except SsoFailed as exc:
        _audit_failure(db, exc, ip=ip, error=callback.error)
        raise
    record(
        db,
        AuditAction.sso_succeeded,
        actor_id=result.user.id,
        email=result.user.email,
        ip=ip,
        issuer=settings.oidc_issuer,
        sub=str(result.claims.get("sub", ""))[:200],
    )
    return result


def _audit_failure(
    db: Session, exc: SsoFailed, *, ip: str | None, error: str | None = None
) -> None:
    record(
        db,
        AuditAction.sso_failed,
        target_user_id=exc.user_id,
        email=exc.email,
        ip=ip,
        reason=exc.reason.value,
        message=exc.detail[:300],
        provider_error=error[:100] if error else None,
    )
