"""Single sign-on endpoints: off to the provider, and back with a code to a cookie session."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request, status
from fastapi.responses import RedirectResponse

from vergleichsring.auth import oidc
from vergleichsring.auth.deps import SettingsDep, client_ip
from vergleichsring.auth.models import SessionKind
from vergleichsring.auth.sessions import issue_session, set_session_cookies
from vergleichsring.core.config import Settings
from vergleichsring.core.database import SessionDep, writes
from vergleichsring.core.errors import NotFound, error_responses

oidc_router = APIRouter(prefix="/auth/oidc", tags=["auth"])

# Binds a started sign-on to the browser that started it (no login CSRF with a foreign code).
STATE_COOKIE = "vr_oidc_state"
STATE_COOKIE_PATH = oidc.CALLBACK_PATH.rsplit("/", 1)[0]
LOGIN_PAGE = "/anmelden"

REDIRECT: dict[int | str, dict[str, Any]] = {
    status.HTTP_303_SEE_OTHER: {"description": "Redirect (Location header)"}
}


def _require_sso(settings: Settings) -> None:
    if not settings.oidc_enabled:
        raise NotFound("Single sign-on is not configured.")


def _refused(reason: oidc.SsoReason, settings: Settings) -> RedirectResponse:
    query = urlencode({"sso_fehler": reason.value})
    response = RedirectResponse(f"{LOGIN_PAGE}?{query}", status_code=status.HTTP_303_SEE_OTHER)
    response.delete_cookie(STATE_COOKIE, path=STATE_COOKIE_PATH, secure=settings.secure_cookies)
    return response


@oidc_router.get(
    "/login",
    response_model=None,
    response_class=RedirectResponse,
    status_code=status.HTTP_303_SEE_OTHER,
    responses={**REDIRECT, **error_responses(NotFound)},
    operation_id="oidc_login",
)
@writes
def oidc_login(
    request: Request,
    db: SessionDep,
    settings: SettingsDep,
    return_to: Annotated[str | None, Query(description="a path on this site, e.g. /runden")] = None,
) -> RedirectResponse:
    """Start single sign-on: redirect to the provider (404 when no provider is configured)."""
    _require_sso(settings)
    try:
        started = oidc.start_login(db, settings, return_to=return_to, ip=client_ip(request))
    except oidc.SsoFailed as exc:
        return _refused(exc.reason, settings)
    response = RedirectResponse(started.authorization_url, status_code=status.HTTP_303_SEE_OTHER)
    response.set_cookie(
        STATE_COOKIE,
        started.state,
        max_age=int(oidc.LOGIN_VALID.total_seconds()),
        path=STATE_COOKIE_PATH,
        httponly=True,
        samesite="lax",  # sent on the provider's top-level redirect back to us
        secure=settings.secure_cookies,
    )
    return response


@oidc_router.get(
    "/callback",
    response_model=None,
    response_class=RedirectResponse,
    status_code=status.HTTP_303_SEE_OTHER,
    responses={**REDIRECT, **error_responses(NotFound)},
    operation_id="oidc_callback",
)
@writes
def oidc_callback(
    request: Request,
    db: SessionDep,
    settings: SettingsDep,
    code: str | None = None,
    state: str | None = None,
    iss: str | None = None,
    error: str | None = None,
) -> RedirectResponse:
    """The provider's redirect back: sign in and go to the page asked for, or to the login
    page with ``?sso_fehler=<reason>``."""
    _require_sso(settings)
    callback = oidc.Callback(
        code=code,
        state=state,
        iss=iss,
        error=error,
        browser_state=request.cookies.get(STATE_COOKIE),
    )
    ip = client_ip(request)
    try:
        result = oidc.complete_login(db, settings, callback, ip=ip)
    except oidc.SsoFailed as exc:
        return _refused(exc.reason, settings)
    issued = issue_session(
        db,
        result.user,
        kind=SessionKind.cookie,
        method="oidc",
        settings=settings,
        ip=ip,
        user_agent=request.headers.get("user-agent"),
    )
    response = RedirectResponse(result.return_to, status_code=status.HTTP_303_SEE_OTHER)
    set_session_cookies(response, issued, settings=settings)
    response.delete_cookie(STATE_COOKIE, path=STATE_COOKIE_PATH, secure=settings.secure_cookies)
    return response
