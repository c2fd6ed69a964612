"""Request dependencies: the current principal from a bearer token or the session cookie."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import APIKeyCookie, OAuth2PasswordBearer

from vergleichsring.auth.mail import MailSender
from vergleichsring.auth.models import SessionKind
from vergleichsring.auth.permissions import Action, Principal
from vergleichsring.auth.sessions import (
    CSRF_HEADER,
    SESSION_COOKIE,
    find_live,
    needs_touch,
    touch,
    touch_apart,
)
from vergleichsring.auth.tokens import same
from vergleichsring.core.config import Settings
from vergleichsring.core.database import SessionDep, request_writes
from vergleichsring.core.errors import NotAuthenticated, PermissionDenied

oauth2_scheme = OAuth2PasswordBearer(
    tokenUrl="/api/v1/auth/token", auto_error=False, scheme_name="BearerToken"
)
cookie_scheme = APIKeyCookie(name=SESSION_COOKIE, auto_error=False, scheme_name="SessionCookie")

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
BEARER_CHALLENGE = {"WWW-Authenticate": "Bearer"}


def get_settings_from_app(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


SettingsDep = Annotated[Settings, Depends(get_settings_from_app)]


def get_mailer(request: Request) -> MailSender:
    mailer: MailSender = request.app.state.mail_sender
    return mailer


MailerDep = Annotated[MailSender, Depends(get_mailer)]


def client_ip(request: Request) -> str | None:
    return request.client.host if request.client else None


def get_principal(
    request: Request,
    db: SessionDep,
    settings: SettingsDep,
    bearer: Annotated[str | None, Depends(oauth2_scheme)],
    cookie: Annotated[str | None, Depends(cookie_scheme)],
) -> Principal:
    if bearer:
        live = find_live(db, bearer, kind=SessionKind.bearer, settings=settings)
        via_cookie = False
    elif cookie:
        live = find_live(db, cookie, kind=SessionKind.cookie, settings=settings)
        via_cookie = True
    else:
        raise NotAuthenticated("Bitte anmelden.", headers=BEARER_CHALLENGE)
    if live is None:
        raise NotAuthenticated(
            "Die Sitzung ist abgelaufen oder ungültig. Bitte neu anmelden.",
            headers=BEARER_CHALLENGE,
        )
    if not live.is_active:
        raise NotAuthenticated("Das Konto ist gesperrt.", headers=BEARER_CHALLENGE)
    if needs_touch(live.last_seen_at):
        if request_writes(request):
            touch(db, live.id)
        else:
            touch_apart(request.app.state.sessionmaker, live.id)
    csrf_ok = same(request.headers.get(CSRF_HEADER), live.csrf_token)
    if via_cookie and request.method in UNSAFE_METHODS and not csrf_ok:
        raise PermissionDenied(
            f"CSRF-Schutz: Header {CSRF_HEADER} fehlt oder passt nicht zur Sitzung."
        )
    return Principal(
        user_id=live.user_id,
        email=live.email,
        display_name=live.display_name,
        grants=live.grants,
        session_id=live.id,
        via_cookie=via_cookie,
    )


CurrentPrincipal = Annotated[Principal, Depends(get_principal)]


def require(action: Action) -> object:
    """A dependency that lets the request through only if some role of the user allows ACTION."""

    def check(principal: CurrentPrincipal) -> Principal:
        if not principal.may(action):
            raise PermissionDenied(f"Ihre Rolle erlaubt das nicht ({action.value}).")
        return principal

    return Depends(check)


def _admin(principal: CurrentPrincipal) -> Principal:
    if not principal.may_everywhere(Action.manage_users):
        raise PermissionDenied("Nur für den Betrieb (Rolle admin).")
    return principal


AdminPrincipal = Annotated[Principal, Depends(_admin)]
